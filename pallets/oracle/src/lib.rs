//! # Pricing oracle
//!
//! Reference prices of coupon series, computed by **feeders**' off-chain workers and agreed on
//! chain.
//!
//! - **Feeders** are keys of the dedicated key type [`KEY_TYPE`] (`orcl`, sr25519) that validator
//!   operators insert into their node's keystore (`genex-node key insert --key-type orcl`).
//!   Governance registers them ([`Pallet::add_feeder`], [`Pallet::remove_feeder`]).
//! - **The model.** Each feeder's worker prices every active series in rotating batches of
//!   [`OracleParams::batch_size`] series per block ([`worker`]):
//!   `P = F × (1 − dt) × (1 − rc)`, with `F` the face value, `dt` the time discount read off
//!   [`OracleParams::time_curve`] at the days left to expiry (it grows as expiry nears), `rc`
//!   the credit-risk premium read off [`OracleParams::credit_curve`] at the issuer's credit score.
//!   An optional external index (per node, over HTTP, with a deadline) scales the model; when the
//!   series traded at least [`OracleParams::min_trade_units`] within
//!   [`OracleParams::vwap_window`], the price is blended with that VWAP at
//!   [`OracleParams::trade_weight`]. Integer and `Perbill` arithmetic only ([`pricing`]).
//! - **Submissions** are authorized general transactions ([`Pallet::submit_price`]): fee-less,
//!   signed by the feeder key over the submission and the chain's genesis hash (no replay
//!   across chains sharing feeder keys), at most one per feeder, series and period of
//!   [`OracleParams::period`] blocks. The transaction pool and the block both run the same checks.
//! - **Aggregation.** A series' reference price is the median of the fresh submissions (not older
//!   than [`OracleParams::max_age`] blocks) that agree within [`OracleParams::agreement`] of their
//!   median, when at least [`OracleParams::min_feeders`] agree ([`aggregate`]). It is computed
//!   when read, so a removed feeder or a stale value stops counting at once. The market centres
//!   its price bands on it ([`genex_primitives::PriceOracle`]).
//! - Runtime API `OracleApi` and RPC `genex_oraclePrice`: the price, its freshness, the model's
//!   inputs and the suggested range shown to people ([`queries`]).

#![cfg_attr(not(feature = "std"), no_std)]
// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, checked in the non-test build.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::expect_used,
		clippy::unwrap_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

pub mod aggregate;
pub mod feeders;
pub mod pricing;
pub mod queries;
pub mod submit;
pub mod weights;
pub mod worker;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(test, feature = "test-utils"))]
pub mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genex_primitives::{Balance, Moment, SeriesId};
use polkadot_sdk::{
	frame_support::{traits::ConstU32, BoundedVec},
	sp_core::crypto::KeyTypeId,
	sp_runtime::Perbill,
};
use scale_info::TypeInfo;

/// Log target of this pallet (on chain and in the off-chain worker).
pub const LOG_TARGET: &str = "runtime::oracle";

/// Key type of oracle feeders' keys in a node's keystore.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"orcl");

/// Feeders' keys: sr25519, key type [`KEY_TYPE`].
pub mod crypto {
	use super::KEY_TYPE;
	use polkadot_sdk::sp_application_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

/// A feeder's public key in the runtime.
pub type FeederId = crypto::Public;

/// Number of a rate-limit period: the block number divided by [`OracleParams::period`].
pub type Period = u32;

/// Most points a pricing curve may have.
pub const MAX_CURVE_POINTS: u32 = 8;

/// One point of a piecewise-linear curve: at `x`, the value is `y`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct CurvePoint {
	/// Where (days to expiry for the time curve, credit score 0–100 for the credit curve).
	pub x: u32,
	/// The value there.
	pub y: Perbill,
}

/// A piecewise-linear curve: points in strictly increasing `x`; flat beyond its ends.
pub type Curve = BoundedVec<CurvePoint, ConstU32<MAX_CURVE_POINTS>>;

/// The pricing model's and the aggregation's parameters, set by governance.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct OracleParams {
	/// Time discount `dt` by days left to expiry (largest near expiry).
	pub time_curve: Curve,
	/// Credit-risk premium `rc` by the issuer's credit score 0–100 (largest for low scores).
	pub credit_curve: Curve,
	/// Weight of the recent trades' VWAP in the blended price (0: model only).
	pub trade_weight: Perbill,
	/// How far back trades count toward the VWAP, in milliseconds.
	pub vwap_window: Moment,
	/// Fewest units traded in the window for the VWAP to count.
	pub min_trade_units: u64,
	/// Fewest agreeing fresh submissions for a price.
	pub min_feeders: u32,
	/// A submission agrees when within this share of the fresh submissions' median.
	pub agreement: Perbill,
	/// A submission older than this many blocks is stale.
	pub max_age: u32,
	/// Length of a rate-limit period, in blocks: one submission per feeder and series in each.
	pub period: u32,
	/// Series a worker prices per block (the rotating batch).
	pub batch_size: u32,
	/// Half-width of the suggested price range shown to people, around the reference price.
	pub range: Perbill,
	/// Most an external index may move the model price, either way.
	pub max_feed_adjust: Perbill,
	/// Deadline of the external index request, in milliseconds.
	pub http_timeout_ms: u64,
}

/// Three months, the day-count curve's default far end.
const DAYS_90: u32 = 90;

impl Default for OracleParams {
	/// A conservative start: up to 20 % off in the last days before expiry, up to 30 % for the
	/// weakest issuers; trades weigh half once 10 units traded in a day; two feeders agreeing
	/// within 5 %, fresh for 10 minutes; one submission per feeder and series every 5 minutes.
	fn default() -> Self {
		let point = |x, percent| CurvePoint { x, y: Perbill::from_percent(percent) };
		Self {
			time_curve: BoundedVec::truncate_from(alloc::vec![
				point(0, 20),
				point(7, 10),
				point(30, 5),
				point(DAYS_90, 2)
			]),
			credit_curve: BoundedVec::truncate_from(alloc::vec![
				point(0, 30),
				point(50, 10),
				point(80, 3),
				point(100, 0)
			]),
			trade_weight: Perbill::from_percent(50),
			vwap_window: 86_400_000,
			min_trade_units: 10,
			min_feeders: 2,
			agreement: Perbill::from_percent(5),
			max_age: 300,
			period: 150,
			batch_size: 16,
			range: Perbill::from_percent(5),
			max_feed_adjust: Perbill::from_percent(10),
			http_timeout_ms: 2_000,
		}
	}
}

/// What a feeder submits and signs.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct PriceSubmission<Feeder> {
	/// The series priced.
	pub series: SeriesId,
	/// Price of one unit, in the settlement asset's smallest unit.
	pub price: Balance,
	/// The rate-limit period it is for (the current one).
	pub period: Period,
	/// The feeder's key (it signs).
	pub feeder: Feeder,
}

/// Domain separation of feeders' signatures.
pub const SIGNING_CONTEXT: &[u8] = b"genex-oracle/price";

impl<Feeder: Encode> PriceSubmission<Feeder> {
	/// The bytes a feeder signs for the chain whose genesis block hash is `genesis_hash`:
	/// `SCALE((SIGNING_CONTEXT, genesis_hash, submission))`.
	///
	/// The genesis hash binds the signature to one chain: a feeder key shared by two chains (a
	/// testnet and its production chain, or a fork) cannot have its submission replayed from one
	/// to the other. On chain, and in the off-chain worker, use [`Pallet::signing_payload`],
	/// which reads this chain's genesis hash.
	pub fn signing_payload<Hash: Encode>(&self, genesis_hash: &Hash) -> alloc::vec::Vec<u8> {
		(SIGNING_CONTEXT, genesis_hash, self).encode()
	}
}

/// A feeder's latest value for a series, as stored.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Submission<Feeder> {
	/// Who.
	pub feeder: Feeder,
	/// The price.
	pub price: Balance,
	/// The block it was included in.
	pub at: u32,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::{CouponLedger, CreditLimit, TradeHistory};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{EnsureOrigin, UnixTime},
		},
		frame_system::{self, offchain::CreateAuthorizedTransaction, pallet_prelude::*},
		sp_runtime::RuntimeAppPublic,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ CreateAuthorizedTransaction<Call<Self>>
	{
		/// Feeders' keys: [`crate::FeederId`] in the runtime.
		type AuthorityId: Member
			+ Parameter
			+ RuntimeAppPublic<Signature = Self::FeederSignature>
			+ Ord
			+ MaybeSerializeDeserialize
			+ MaxEncodedLen;
		/// Feeders' signatures.
		type FeederSignature: Member + Parameter;
		/// Who registers and removes feeders and sets the parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The series: face value, validity, issuer.
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Issuers' credit scores.
		type Credit: CreditLimit<Self::AccountId, Balance>;
		/// Recent trades (VWAP).
		type Trades: TradeHistory;
		/// Wall-clock time of the block.
		type UnixTime: UnixTime;
		/// Most feeders.
		#[pallet::constant]
		type MaxFeeders: Get<u32>;
		/// Largest rotating batch governance may set.
		#[pallet::constant]
		type MaxBatch: Get<u32>;
		/// Highest accepted price, as a multiple of the face value.
		#[pallet::constant]
		type MaxPriceToFace: Get<u32>;
		/// Priority of feeders' submissions in the transaction pool.
		#[pallet::constant]
		type SubmissionPriority: Get<TransactionPriority>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Registered feeders, sorted.
	#[pallet::storage]
	pub type Feeders<T: Config> =
		StorageValue<_, BoundedVec<T::AuthorityId, T::MaxFeeders>, ValueQuery>;

	/// The pricing and aggregation parameters.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, OracleParams, ValueQuery>;

	/// Each series' latest submission per current feeder (stale ones and removed feeders' are
	/// dropped when the series is next written).
	#[pallet::storage]
	pub type Submissions<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		BoundedVec<Submission<T::AuthorityId>, T::MaxFeeders>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Feeders from the start.
		pub feeders: alloc::vec::Vec<T::AuthorityId>,
		/// Parameters; `None` for [`OracleParams::default`].
		pub params: Option<OracleParams>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut feeders = self.feeders.clone();
			feeders.sort();
			feeders.dedup();
			let feeders: BoundedVec<_, T::MaxFeeders> =
				feeders.try_into().expect("genesis: at most MaxFeeders feeders");
			Feeders::<T>::put(feeders);
			if let Some(params) = &self.params {
				Pallet::<T>::ensure_valid_params(params).expect("genesis: valid oracle params");
				Params::<T>::put(params.clone());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance registered a feeder.
		FeederAdded { feeder: T::AuthorityId },
		/// Governance removed a feeder; its submissions no longer count.
		FeederRemoved { feeder: T::AuthorityId },
		/// Governance set the pricing and aggregation parameters.
		ParamsSet { params: OracleParams },
		/// A feeder submitted a price for a series.
		PriceSubmitted { series: SeriesId, feeder: T::AuthorityId, price: Balance },
		/// The series' reference price after a submission: the median of `agreeing` fresh
		/// submissions.
		PriceUpdated { series: SeriesId, price: Balance, agreeing: u32 },
		/// After a submission, too few fresh submissions agree for a reference price.
		NoQuorum { series: SeriesId, fresh: u32, agreeing: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The key is not a registered feeder.
		NotFeeder,
		/// The key is already a registered feeder.
		AlreadyFeeder,
		/// `MaxFeeders` feeders are registered.
		TooManyFeeders,
		/// The signature is not the feeder key's over this submission on this chain (the signed
		/// payload includes the chain's genesis hash, so a submission signed for another chain
		/// is refused with this error).
		BadSignature,
		/// No such series.
		UnknownSeries,
		/// The series is delisted or expired: it has no price.
		SeriesNotActive,
		/// The series is past its end of validity.
		SeriesExpired,
		/// The price is zero or above `MaxPriceToFace` × the face value.
		PriceOutOfRange,
		/// The submission is for another period than the current one.
		WrongPeriod,
		/// The feeder already submitted a price for this series in this period.
		AlreadySubmitted,
		/// A curve is empty, longer than allowed, not strictly increasing in `x`, or (credit)
		/// beyond score 100.
		BadCurve,
		/// `min_feeders` is zero or above `MaxFeeders`.
		BadQuorum,
		/// `period` or `max_age` is zero, or `max_age` is shorter than `period`.
		BadPeriod,
		/// `batch_size` is zero or above `MaxBatch`.
		BadBatch,
		/// `http_timeout_ms` is zero or above 10 seconds, or the VWAP window is zero while
		/// trades weigh.
		BadWindow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Feeders' nodes price the next batch of series and submit (see [`crate::worker`]).
		fn offchain_worker(block: BlockNumberFor<T>) {
			Self::run_worker(block);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `feeder` (an `orcl` key) as an oracle feeder.
		///
		/// - Origin: governance.
		/// - Fails with `AlreadyFeeder` or `TooManyFeeders`.
		///
		/// Emits `FeederAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_feeder())]
		pub fn add_feeder(origin: OriginFor<T>, feeder: T::AuthorityId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_feeder(feeder)
		}

		/// Remove `feeder`: its transactions are refused and its submissions stop counting at
		/// once.
		///
		/// - Origin: governance.
		/// - Fails with `NotFeeder`.
		///
		/// Emits `FeederRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_feeder())]
		pub fn remove_feeder(origin: OriginFor<T>, feeder: T::AuthorityId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_feeder(feeder)
		}

		/// Set the pricing model's and the aggregation's parameters.
		///
		/// - Origin: governance.
		/// - Fails with `BadCurve`, `BadQuorum`, `BadPeriod`, `BadBatch` or `BadWindow`.
		///
		/// Emits `ParamsSet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: OracleParams) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// A feeder's price for a series, in the current period, signed with its key over
		/// [`Pallet::signing_payload`]: the submission and this chain's genesis hash, so a
		/// submission signed for another chain is refused.
		///
		/// - Origin: an authorized general transaction (no signer, no fee); the pool and the
		///   block check the submission first ([`Pallet::authorize_submission`]).
		/// - Fails with `NotFeeder`, `BadSignature`, `UnknownSeries`, `SeriesNotActive`,
		///   `SeriesExpired`, `PriceOutOfRange`, `WrongPeriod` or `AlreadySubmitted`; nothing is
		///   written then.
		///
		/// Emits `PriceSubmitted`, then `PriceUpdated` or `NoQuorum`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit_price(T::MaxFeeders::get().saturating_sub(1)))]
		#[pallet::authorize(Pallet::<T>::authorize_submission)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_submit_price())]
		pub fn submit_price(
			origin: OriginFor<T>,
			submission: PriceSubmission<T::AuthorityId>,
			signature: T::FeederSignature,
		) -> DispatchResultWithPostInfo {
			frame_system::ensure_authorized(origin)?;
			let kept = Self::do_submit(submission, &signature)?;
			// The benchmark's `n` counts the other feeders' submissions.
			Ok(Some(T::WeightInfo::submit_price(kept.saturating_sub(1))).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The block number as a `u32` (saturating).
		pub(crate) fn block() -> u32 {
			use polkadot_sdk::sp_runtime::SaturatedConversion;
			frame_system::Pallet::<T>::block_number().saturated_into()
		}

		/// Wall-clock time of the block, in ms since the Unix epoch.
		pub(crate) fn now() -> Moment {
			T::UnixTime::now().as_millis().try_into().unwrap_or(Moment::MAX)
		}
	}
}
