//! # Redemption pallet
//!
//! A holder **redeems** coupon units at the issuer or at one of the issuer's registered
//! **merchants**: the units are burned (through [`genex_primitives::CouponLedger`]), a unique
//! **receipt** is stored, and the issuer's redemption statistics and credit inputs move. No
//! personal data of the consumer goes on chain: the receipt names accounts, the series and the
//! units only.
//!
//! ## Merchant flow
//!
//! The holder's wallet signs a [`RedemptionAuthorization`] off chain (series, units, merchant,
//! nonce, valid until — about 100 bytes, a QR code) over `(REDEMPTION_CONTEXT, genesis hash,
//! authorization)`: 140 bytes, which `CouponsApi::redemption_signing_payload` returns as they
//! are signed. The signature is over those bytes, or over `<Bytes>…</Bytes>` around them (what
//! a browser extension's `signRaw` signs); both are accepted. The merchant's terminal submits it through the node's RPC
//! (`genex_submitRedemption`) as an **authorized general transaction** (`#[pallet::authorize]`,
//! no signer), so the merchant pays no fee and needs no funded account. The transaction pool and
//! the block run the same checks ([`Pallet::authorize_redemption`]: signature, validity window,
//! unused nonce, registered merchant, units held, quotas): a forged, expired, replayed,
//! wrong-merchant, over-the-holding or over-quota authorization never gets in, and each one is
//! used at most once (`(holder, nonce)` is remembered until its `valid_until` passes). Physical
//! coupons are redeemed by serial with [`Pallet::redeem`].
//!
//! ## Spam bounds of free redemptions
//!
//! A free transaction must not be a free way to fill blocks:
//!
//! - **Face value.** The coupon pallet refuses series below a governed minimum face value per
//!   coupon kind (genesis: 1 GUSD), so every redemption burns at least that much.
//! - **Quotas.** At most [`RedemptionLimits::per_holder`] authorized redemptions per holder and
//!   [`RedemptionLimits::per_merchant`] per merchant are included per [`Config::QuotaPeriod`]
//!   (a day); governance sets them ([`Pallet::set_limits`]). Checked by the pool and the block,
//!   counted when a redemption succeeds; past periods' counts are deleted in bounded `on_idle`
//!   work. Beyond its quota a holder can still redeem with its own signed [`Pallet::redeem`].
//! - **One pending authorization per (holder, series).** A valid authorization provides the pool
//!   tag `(b"genex-redeem", holder, series)`: a second one for the same holder and series is
//!   refused by the pool while the first is pending (one for another series is not).
//! - **Lowest priority.** [`REDEMPTION_PRIORITY`] is 0: signed transactions are never behind a
//!   redemption.
//! - **Receipts are kept for a review window.** A receipt can be reviewed for
//!   [`RedemptionLimits::review_window`] blocks (default 90 days) and is then deleted in bounded
//!   `on_idle` work, so [`Receipts`] holds at most a window's worth of redemptions.
//!
//! ## Insiders
//!
//! An issuer and its affiliates ([`genex_primitives::Affiliation`]) are never independent
//! evidence of the issuer's credit. When one of them redeems the issuer's coupons, the units
//! are burned and a receipt is stored as for anyone, but the burn is booked as a **recall**
//! (`Retirement::Recalled`): it counts no honoured redemption and no redeemed face value toward
//! the issuer's score and releases none of its escrow; the receipt can never be reviewed (and
//! an insider cannot review any receipt of that issuer). Physical serials an insider names are
//! checked but not consumed, as with a recall. The `Redeemed` event says `insider: true`.
//!
//! ## Calls
//!
//! - [`Pallet::register_merchant`], [`Pallet::remove_merchant`]: an issuer's acceptance points.
//! - [`Pallet::redeem`]: the holder redeems directly (signed).
//! - [`Pallet::redeem_authorized`]: a merchant submits a holder's authorization (authorized,
//!   fee-less).
//! - [`Pallet::review`]: the holder of a receipt rates the issuer once (1–5 stars), within the
//!   review window.
//! - [`Pallet::set_limits`]: governance sets the quotas and the review window.

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

pub use pallet::*;
pub use weights::WeightInfo;

mod authorization;
mod merchants;
mod quota;
mod receipts;
mod redeem;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use genex_primitives::{
	coupons::{REDEMPTION_CONTEXT, WRAPPED_BYTES},
	Balance, RedemptionAuthorization, SeriesId,
};
use polkadot_sdk::sp_runtime::transaction_validity::TransactionPriority;
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::redemption";

/// Pool priority of [`Pallet::redeem_authorized`]: **0**, the lowest there is.
///
/// A transaction's priority is the sum of what its checks give it. A signed transaction gets
/// its priority from the fee extension: `pallet_transaction_payment::ChargeTransactionPayment`
/// gives a paying normal-class transaction `(tip + 1) × min(block weight / its weight, block
/// length / its length)`, which is at least 1 (no transaction is heavier or longer than a block)
/// and in the thousands for a `balances.transferKeepAlive` without tip (a few hundred µs of
/// weight in a 666 ms block). `pallet_feeless::FeelessWithinQuota` skips that extension for a
/// fee-less call within the signer's quota, which then has priority 0. An authorized redemption
/// has no signer: the fee extension adds nothing and this constant is its whole priority. At 0
/// a redemption is never ahead of a signed transaction: paying ones (≥ 1) always go first, and
/// fee-less ones share the lowest level with it, where the pool orders by the end of validity,
/// then by arrival. Both are bounded by their quotas. (It was `TransactionPriority::MAX / 2`,
/// ahead of every signed transaction, with no quota.)
pub const REDEMPTION_PRIORITY: TransactionPriority = 0;

/// Prefix of the pool tag a valid authorization provides: `(REDEMPTION_TAG, holder, series)`,
/// SCALE-encoded. At most one authorization per holder and series is pending in the pool.
pub const REDEMPTION_TAG: &[u8; 12] = b"genex-redeem";

/// Prefix of the second pool tag, `(NONCE_TAG, holder, nonce)`: an authorization's nonce is
/// pending once.
pub const NONCE_TAG: &[u8; 18] = b"genex-redeem-nonce";

/// Custom `InvalidTransaction` codes of refused redemptions, for wallets and terminals.
pub mod invalid {
	/// The signature does not match the holder.
	pub const BAD_SIGNATURE: u8 = 0xA1;
	/// The authorization was used already.
	pub const USED: u8 = 0xA2;
	/// Any other failed check (the dispatch error tells which): merchant, series, units.
	pub const REFUSED: u8 = 0xA3;
	/// `valid_until` is too far ahead.
	pub const TOO_LONG: u8 = 0xA4;
	/// The holder used its quota of authorized redemptions for the period.
	pub const HOLDER_QUOTA: u8 = 0xA5;
	/// The merchant used its quota of authorized redemptions for the period.
	pub const MERCHANT_QUOTA: u8 = 0xA6;
}

/// Index of a quota period: the block number divided by [`Config::QuotaPeriod`].
pub type Period = u32;

/// The governed limits of redemptions: quotas of authorized (fee-less) redemptions and how long
/// receipts are kept.
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
)]
pub struct RedemptionLimits<BlockNumber> {
	/// Authorized redemptions of one holder included per quota period (0: none; the holder
	/// redeems with its own signed `redeem`).
	pub per_holder: u32,
	/// Authorized redemptions one merchant submits per quota period (0: none).
	pub per_merchant: u32,
	/// Blocks after a redemption during which its receipt can be reviewed (at least 1, at most
	/// `MaxReviewWindow`); the receipt is deleted afterwards.
	pub review_window: BlockNumber,
}

/// Whose authorized redemptions a usage counter counts.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum Party {
	/// The holder whose units were redeemed.
	Holder,
	/// The merchant that submitted the authorization.
	Merchant,
}

/// What the benchmarks need from the runtime: a key in the keystore and its signatures.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// A holder account whose key can sign.
	fn signer() -> AccountId;
	/// `signer`'s signature over `message`.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;
}

/// A redemption receipt.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Receipt<AccountId, BlockNumber> {
	/// The series.
	pub series: SeriesId,
	/// The issuer that honoured it.
	pub issuer: AccountId,
	/// Whose units were redeemed.
	pub holder: AccountId,
	/// Where (the issuer itself or one of its merchants).
	pub merchant: AccountId,
	/// Units burned.
	pub units: u64,
	/// Face value honoured.
	pub face_value: Balance,
	/// Block of the redemption.
	pub at: BlockNumber,
	/// Whether the receipt's one review is used: the holder reviewed the issuer for it, or the
	/// holder was the issuer or one of its affiliates (an insider's receipt is never reviewed).
	pub reviewed: bool,
}

/// An authorization, as the authorized call carries it (with the holder's signature).
pub type AuthorizationOf<T> = RedemptionAuthorization<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// The limits as the runtime stores them.
pub type LimitsOf<T> =
	RedemptionLimits<polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>>;

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::{
		Affiliation, CouponLedger, CreditLimit, SanctionsScreen, ValueMovement,
	};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, BoundedVec},
		frame_system::{self, pallet_prelude::*},
		sp_runtime::traits::{IdentifyAccount, Verify},
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The coupon ledger: checks and burns units.
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Issuers' credit: who is an issuer; reviews.
		type Credit: CreditLimit<Self::AccountId, Balance>;
		/// Issuers' affiliates: an issuer's and its affiliates' redemptions do not count toward
		/// its credit, and they cannot review it.
		type Affiliation: Affiliation<Self::AccountId>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// The gate every redemption passes (sanctions on the holder and the merchant, AML
		/// monitoring): `genex_primitives::ComplianceGate` in the runtime.
		type Movement: ValueMovement<Self::AccountId, genex_primitives::Balance>;
		/// Signature of a holder over an authorization.
		type OffchainSignature: Verify<Signer = Self::OffchainPublic> + Parameter;
		/// Public key of a holder: identifies its account.
		type OffchainPublic: IdentifyAccount<AccountId = Self::AccountId>;
		/// Most merchants per issuer.
		#[pallet::constant]
		type MaxMerchants: Get<u32>;
		/// Most serials in one redemption (physical coupons).
		#[pallet::constant]
		type MaxSerials: Get<u32>;
		/// How many blocks ahead an authorization's `valid_until` may be.
		#[pallet::constant]
		type MaxAuthorizationValidity: Get<BlockNumberFor<Self>>;
		/// Most authorizations that may end their validity in the same block.
		#[pallet::constant]
		type MaxAuthorizationsPerBlock: Get<u32>;
		/// Sets the quotas and the review window ([`Pallet::set_limits`]).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Length of a quota period, in blocks (a day). Must be positive.
		#[pallet::constant]
		type QuotaPeriod: Get<BlockNumberFor<Self>>;
		/// The limits in force until governance sets its own ([`Limits`]).
		#[pallet::constant]
		type DefaultLimits: Get<LimitsOf<Self>>;
		/// Longest review window governance may set, in blocks: it bounds how many receipts
		/// are kept.
		#[pallet::constant]
		type MaxReviewWindow: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
		/// Signs authorizations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::OffchainSignature>;
	}

	/// Merchants registered by each issuer.
	#[pallet::storage]
	pub type Merchants<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Number of merchants of each issuer.
	#[pallet::storage]
	pub type MerchantCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Authorizations used, by holder and nonce, until their `valid_until` passes.
	#[pallet::storage]
	pub type UsedAuthorizations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u64,
		BlockNumberFor<T>,
		OptionQuery,
	>;

	/// Used authorizations by the block their validity ends, for clean-up.
	#[pallet::storage]
	pub type AuthorizationsEnding<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(T::AccountId, u64), T::MaxAuthorizationsPerBlock>,
		ValueQuery,
	>;

	/// The id the next receipt gets.
	#[pallet::storage]
	pub type NextReceiptId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Receipts from [`OldestReceipt`] up to [`NextReceiptId`]: each is deleted once its review
	/// window has passed.
	#[pallet::storage]
	pub type Receipts<T: Config> =
		StorageMap<_, Twox64Concat, u64, Receipt<T::AccountId, BlockNumberFor<T>>, OptionQuery>;

	/// The lowest receipt id not yet deleted: receipts below it were kept for their review
	/// window and deleted. Receipts are numbered in the order of their blocks, so they expire in
	/// id order and the `on_idle` sweep only moves this cursor up.
	#[pallet::storage]
	pub type OldestReceipt<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The runtime's [`Config::DefaultLimits`], while governance has set none.
	#[pallet::type_value]
	pub fn DefaultLimitsOf<T: Config>() -> LimitsOf<T> {
		T::DefaultLimits::get()
	}

	/// The quotas of authorized redemptions and the review window of receipts (set by
	/// governance; [`Config::DefaultLimits`] until then).
	#[pallet::storage]
	pub type Limits<T: Config> = StorageValue<_, LimitsOf<T>, ValueQuery, DefaultLimitsOf<T>>;

	/// Authorized redemptions included, by quota period, party (holder or merchant) and
	/// account. Past periods are deleted in bounded `on_idle` work.
	#[pallet::storage]
	pub type Usage<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		Period,
		Blake2_128Concat,
		(Party, T::AccountId),
		u32,
		ValueQuery,
	>;

	/// The oldest quota period whose usage may still be stored; `on_idle` deletes periods before
	/// the current one, starting here.
	#[pallet::storage]
	pub type OldestUsagePeriod<T: Config> = StorageValue<_, Period, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Merchants at genesis: (issuer, merchant).
		pub merchants: alloc::vec::Vec<(T::AccountId, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (issuer, merchant) in &self.merchants {
				// Genesis only: a malformed chain spec must not produce a genesis block.
				Pallet::<T>::do_register_merchant(issuer.clone(), merchant.clone())
					.expect("genesis merchants must be valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An issuer registered a merchant.
		MerchantRegistered {
			/// The issuer.
			issuer: T::AccountId,
			/// The merchant.
			merchant: T::AccountId,
		},
		/// An issuer removed a merchant.
		MerchantRemoved {
			/// The issuer.
			issuer: T::AccountId,
			/// The merchant.
			merchant: T::AccountId,
		},
		/// Units were redeemed and burned.
		Redeemed {
			/// The receipt's id.
			receipt: u64,
			/// The series.
			series: SeriesId,
			/// The holder.
			holder: T::AccountId,
			/// Where.
			merchant: T::AccountId,
			/// Units.
			units: u64,
			/// Face value honoured.
			face_value: Balance,
			/// The authorization's nonce, when a merchant submitted one.
			nonce: Option<u64>,
			/// Whether the holder is the issuer or one of its affiliates: the units were burned
			/// as a recall and count nothing toward the issuer's credit.
			insider: bool,
		},
		/// A holder reviewed the issuer of a receipt.
		Reviewed {
			/// The receipt.
			receipt: u64,
			/// 1–5 stars.
			rating: u8,
		},
		/// Governance set the quotas of authorized redemptions and the review window.
		LimitsSet {
			/// The limits now in force.
			limits: LimitsOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not an approved issuer.
		NotAnIssuer,
		/// The merchant is registered already.
		AlreadyRegistered,
		/// The issuer has `MaxMerchants` merchants.
		TooManyMerchants,
		/// The merchant is not registered with the series' issuer.
		UnknownMerchant,
		/// The signature does not match the holder and the authorization.
		BadSignature,
		/// The authorization's `valid_until` has passed.
		AuthorizationExpired,
		/// The authorization's `valid_until` is further ahead than `MaxAuthorizationValidity`.
		ValidityTooLong,
		/// The authorization was used already.
		AuthorizationUsed,
		/// Too many authorizations end in that block; sign one with another `valid_until`.
		TooManyAuthorizations,
		/// No such receipt.
		UnknownReceipt,
		/// Only the receipt's holder may review.
		NotReceiptHolder,
		/// The receipt was reviewed already, or it records an insider's redemption.
		AlreadyReviewed,
		/// The issuer and its affiliates cannot review the issuer.
		InsiderReview,
		/// Too many serials.
		TooManySerials,
		/// A counter would overflow.
		Overflow,
		/// The holder has used its quota of authorized (fee-less) redemptions for this period;
		/// it can still redeem with its own signed `redeem`, or wait for the next period.
		HolderQuotaExceeded,
		/// The merchant has used its quota of authorized redemptions for this period.
		MerchantQuotaExceeded,
		/// The receipt's review window has passed (the receipt is, or is about to be, deleted).
		ReviewWindowClosed,
		/// The review window is zero or longer than `MaxReviewWindow`.
		InvalidReviewWindow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_forget_ended(n)
		}

		/// Deletes receipts past their review window, then past periods' quota usage, within
		/// the idle weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let swept = Self::do_sweep_receipts(remaining);
			swept.saturating_add(Self::do_clean_usage(remaining.saturating_sub(swept)))
		}

		fn integrity_test() {
			assert!(!T::QuotaPeriod::get().is_zero(), "QuotaPeriod must be positive");
			assert!(
				Self::ensure_valid_limits(&T::DefaultLimits::get()).is_ok(),
				"DefaultLimits: the review window must be within 1..=MaxReviewWindow"
			);
			assert!(T::MaxAuthorizationsPerBlock::get() > 0, "MaxAuthorizationsPerBlock > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `merchant` as an acceptance point of the signing issuer.
		///
		/// - Origin: signed by an approved issuer.
		/// - Fails with `NotAnIssuer`, `AlreadyRegistered`, `TooManyMerchants` or the sanctions
		///   pallet's `AccountBlocked` (the merchant).
		///
		/// Emits `MerchantRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_merchant())]
		pub fn register_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_register_merchant(issuer, merchant)
		}

		/// Remove one of the signing issuer's merchants.
		///
		/// - Origin: signed by the issuer.
		/// - Fails with `UnknownMerchant`.
		///
		/// Emits `MerchantRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_merchant())]
		pub fn remove_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_remove_merchant(issuer, merchant)
		}

		/// Redeem `units` of `series` at `merchant` (None: at the issuer itself). Physical
		/// coupons name one serial per unit. When the holder is the issuer or one of its
		/// affiliates, the units are burned as a recall: nothing counts toward the issuer's
		/// credit or releases its escrow.
		///
		/// - Origin: signed by the holder, not blocked.
		/// - Fails with `UnknownMerchant`, `TooManySerials`, `Overflow`, the sanctions pallet's
		///   `AccountBlocked`, or the coupon pallet's `ZeroUnits`, `UnknownSeries`,
		///   `SeriesExpired`, `NotYetValid`, `InsufficientUnits`, `WrongSerials` or
		///   `InvalidSerial`.
		///
		/// Emits `Redeemed` (and the coupon pallet's `Burned`).
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::redeem(serials.len() as u32).saturating_add(T::Movement::weight())
		)]
		pub fn redeem(
			origin: OriginFor<T>,
			series: SeriesId,
			#[pallet::compact] units: u64,
			merchant: Option<T::AccountId>,
			serials: alloc::vec::Vec<u64>,
		) -> DispatchResultWithPostInfo {
			let holder = ensure_signed(origin)?;
			ensure!(serials.len() <= T::MaxSerials::get() as usize, Error::<T>::TooManySerials);
			let count = serials.len() as u32;
			let (_, used) = Self::do_redeem(holder, series, units, merchant, &serials, None)?;
			// What monitoring did not use is refunded.
			Ok(Some(T::WeightInfo::redeem(count).saturating_add(used)).into())
		}

		/// A merchant submits a holder's signed authorization: the units are redeemed at the
		/// merchant, and the redemption counts toward the holder's and the merchant's quotas of
		/// the period.
		///
		/// - Origin: an authorized general transaction (no signer, no fee); the pool and the
		///   block check the authorization first ([`Pallet::authorize_redemption`]). At most one
		///   authorization per holder and series is pending in the pool, at priority
		///   [`REDEMPTION_PRIORITY`].
		/// - The signature is the holder's over the signing payload, as it is or wrapped in
		///   `<Bytes>…</Bytes>` (a browser extension's `signRaw`).
		/// - Fails (and is refused by the pool) with `BadSignature`, `AuthorizationExpired`,
		///   `ValidityTooLong`, `AuthorizationUsed`, `TooManyAuthorizations`,
		///   `HolderQuotaExceeded`, `MerchantQuotaExceeded`, or as `redeem`; nothing is written
		///   then.
		///
		/// Emits `Redeemed` (and the coupon pallet's `Burned`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::redeem_authorized().saturating_add(T::Movement::weight()))]
		#[pallet::authorize(Pallet::<T>::authorize_redemption)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_redeem_authorized())]
		pub fn redeem_authorized(
			origin: OriginFor<T>,
			authorization: AuthorizationOf<T>,
			signature: T::OffchainSignature,
		) -> DispatchResultWithPostInfo {
			frame_system::ensure_authorized(origin)?;
			let used = Self::do_redeem_authorized(authorization, signature)?;
			// What monitoring did not use is refunded.
			Ok(Some(T::WeightInfo::redeem_authorized().saturating_add(used)).into())
		}

		/// Rate the issuer of a redemption, once per receipt, within the review window
		/// ([`RedemptionLimits::review_window`] blocks after the redemption).
		///
		/// - Origin: signed by the receipt's holder, neither the issuer nor one of its
		///   affiliates.
		/// - Fails with `UnknownReceipt`, `ReviewWindowClosed` (also once the receipt is
		///   deleted), `NotReceiptHolder`, `InsiderReview`, `AlreadyReviewed` (also for an
		///   insider's receipt), or the issuers pallet's `InvalidRating` (1–5 only) or
		///   `NotAnIssuer`.
		///
		/// Emits `Reviewed` (and the issuers pallet's `Reviewed`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::review())]
		pub fn review(origin: OriginFor<T>, receipt: u64, rating: u8) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, receipt, rating)
		}

		/// Set the quotas of authorized (fee-less) redemptions per holder and per merchant and
		/// period, and the review window of receipts. Takes effect at once: what was used this
		/// period counts; receipts older than a shorter window can no longer be reviewed and are
		/// deleted.
		///
		/// - Origin: governance.
		/// - Fails with `InvalidReviewWindow` (zero, or longer than `MaxReviewWindow`).
		///
		/// Emits `LimitsSet`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_limits())]
		pub fn set_limits(origin: OriginFor<T>, limits: LimitsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_limits(limits)
		}
	}
}
