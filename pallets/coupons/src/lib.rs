//! # Coupons pallet
//!
//! A **series** is one kind of coupon of one issuer: kind (physical, digital, financial), face
//! value and issue price in the settlement stablecoin, validity window, usage conditions and
//! scope (bounded text, or a hash of them), and a supply cap. Units of a series are
//! interchangeable (ERC-1155 style: holdings per account), so they trade on one order book;
//! units of **physical** series also carry serial numbers (assigned at mint, printed on the
//! voucher) and each serial can be redeemed once. Anyone can verify a coupon on chain:
//! [`Pallet::verify`] is what the `genex_verifyCoupon` RPC answers with.
//!
//! ## Life cycle
//!
//! issued (held by the issuer) → listed (market escrow, with the market) → sold (moved out of
//! the issuer's hands) → circulating → redeemed (burned by the redemption pallet) | expired.
//! The issuer can **recall** unsold units (burned, with a reason code) and **refund** sold ones:
//! a buy-back without the holder's consent, so it pays per unit the higher of the issue price and
//! the oracle's fresh reference price (that price capped at face value, except for financial
//! coupons), see [`Pallet::refund_unit_price`]; governance can **delist** a series in an
//! emergency (no transfers or trading; redemption stays possible).
//!
//! Minting (at creation or later) asks the issuers pallet ([`genex_primitives::CreditLimit`])
//! whether the issuer's outstanding face value stays within its limit.
//!
//! ## Minimum validity (gift cards)
//!
//! Governance sets the shortest validity a new series may have per [`ValidityClass`] (coupon
//! kind, and whether the series is sold as a gift card) and jurisdiction ([`MinValidity`]); a
//! new chain starts with US gift cards of every kind at five years (CARD Act,
//! [`US_GIFT_CARD_MIN_VALIDITY`]). The issuer declares at creation whether a series is a gift
//! card and, optionally, the jurisdiction it is sold in; the rules of that jurisdiction and of
//! the issuer's KYC jurisdiction both apply, the longer minimum wins. The usable time left at
//! creation (from the later of now and `valid_from` to `valid_until`) must reach it.
//!
//! ## Minimum face value
//!
//! Governance sets the smallest face value a new series of each coupon kind may have
//! ([`MinFaceValue`], [`Pallet::set_min_face_value`]); a new chain starts at one stablecoin unit
//! (1 GUSD, [`default_min_face_value`]) for every kind. Redemptions of holders' authorizations
//! are fee-less: without a floor, a series of face value 1 (10⁻¹² GUSD) made every free
//! redemption cost its issuer nothing. The rule applies to series created from then on.
//!
//! ## Expiry
//!
//! Validity is checked against the wall clock on every use, so a coupon cannot be used or
//! transferred from its `valid_until` on. The book-keeping follows in bounded `on_idle` work:
//! series are indexed by the hour they expire; once that hour has passed, their holdings are
//! removed a bounded number per block, the units count as expired, and the face value of
//! expired units outside the issuer's hands is accounted as **breakage** to the series, the
//! issuer's statistics and its credit.
//!
//! ## Compliance
//!
//! P2P transfers check sanctions on both sides, KYC L1 on both sides, the sender's daily P2P
//! limits and the receiver's holding cap (valued at face value), and the Travel Rule: at or above
//! the threshold the transfer must carry the Travel-Rule data. Coupons of a frozen issuer are
//! at risk and cannot be transferred.
//!
//! ## Calls
//!
//! - [`Pallet::create_series`], [`Pallet::mint`]: issuance within the credit limit.
//! - [`Pallet::transfer`], [`Pallet::transfer_with_travel_rule`]: P2P.
//! - [`Pallet::recall`], [`Pallet::refund`]: the issuer withdraws units.
//! - [`Pallet::delist`], [`Pallet::relist`]: governance emergency delisting.
//! - [`Pallet::set_min_validity`]: governance sets the minimum validity per class and
//!   jurisdiction.
//! - [`Pallet::set_min_face_value`]: governance sets the minimum face value per coupon kind.

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

mod expiry;
mod holdings;
mod issuance;
mod ledger;
mod recall;
mod settle;
mod transfer;
mod validity;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, Encode, MaxEncodedLen};
pub use genex_primitives::{
	kyc::Jurisdiction, Balance, CouponInfo, CouponKind, CouponStats, Moment, SeriesId, SeriesStatus,
};
use polkadot_sdk::frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::coupons";

/// Face value of the series benchmarks create: 100 stablecoin units of 12 decimals (large
/// enough for the stablecoin's minimum balance, below the Travel-Rule threshold).
#[cfg(feature = "runtime-benchmarks")]
pub const BENCH_FACE: Balance = 100_000_000_000_000;

/// The face value benchmarks use: [`BENCH_FACE`], or less where the Travel-Rule threshold is
/// lower (test mocks), so one unit moves without routing.
#[cfg(feature = "runtime-benchmarks")]
pub fn bench_face<T: Config>() -> Balance {
	use genex_primitives::TravelRule;
	BENCH_FACE.min(T::TravelRule::threshold() / 2).max(1)
}

/// Length of an expiry bucket: one hour, in milliseconds.
pub const EXPIRY_BUCKET_MS: Moment = 3_600_000;

/// One day, in milliseconds.
pub const DAY_MS: Moment = 86_400_000;

/// Five years as the US CARD Act counts them for gift cards (funds may not expire within five
/// years of issue), in milliseconds: 1,827 days, the longest five calendar years (two leap
/// days), so a series that passes always gives at least five calendar years.
pub const US_GIFT_CARD_MIN_VALIDITY: Moment = 157_852_800_000; // 1,827 × DAY_MS

/// What a governed minimum validity applies to: series of a coupon kind, sold as gift cards or
/// not.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ValidityClass {
	/// Physical, digital or financial.
	pub kind: CouponKind,
	/// Whether the rule is for gift cards (see [`SeriesTerms::gift_card`]) or for other series.
	pub gift_card: bool,
}

/// The minimum validity a new chain starts with: gift cards of every kind sold in the United
/// States, [`US_GIFT_CARD_MIN_VALIDITY`].
pub fn default_min_validity() -> alloc::vec::Vec<(ValidityClass, Jurisdiction, Moment)> {
	[CouponKind::Physical, CouponKind::Digital, CouponKind::Financial]
		.into_iter()
		.map(|kind| (ValidityClass { kind, gift_card: true }, *b"US", US_GIFT_CARD_MIN_VALIDITY))
		.collect()
}

/// The minimum face value a new chain starts with: one stablecoin unit (1 GUSD,
/// [`genex_primitives::STABLECOIN_UNIT`]) for every coupon kind.
pub fn default_min_face_value() -> alloc::vec::Vec<(CouponKind, Balance)> {
	[CouponKind::Physical, CouponKind::Digital, CouponKind::Financial]
		.into_iter()
		.map(|kind| (kind, genex_primitives::STABLECOIN_UNIT))
		.collect()
}

/// A coupon series.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxTerms))]
pub struct Series<AccountId, MaxTerms: Get<u32>> {
	/// The issuer.
	pub issuer: AccountId,
	/// Physical, digital or financial.
	pub kind: CouponKind,
	/// Face value of one unit.
	pub face_value: Balance,
	/// Primary-sale price of one unit.
	pub issue_price: Balance,
	/// Usable from (ms since the Unix epoch).
	pub valid_from: Moment,
	/// Expires at (ms since the Unix epoch).
	pub valid_until: Moment,
	/// Usage conditions and scope: text, or a hash of the full terms.
	pub terms: BoundedVec<u8, MaxTerms>,
	/// Most units that may ever be minted.
	pub cap: u64,
	/// Active, delisted or expired.
	pub status: SeriesStatus,
	/// Next serial number to assign (physical series; serials start at 0).
	pub next_serial: u64,
	/// Counters.
	pub stats: CouponStats<Balance>,
}

impl<AccountId: Clone, MaxTerms: Get<u32>> Series<AccountId, MaxTerms> {
	/// The view other pallets and the runtime APIs get.
	pub fn info(&self) -> CouponInfo<AccountId, Balance> {
		CouponInfo {
			issuer: self.issuer.clone(),
			kind: self.kind,
			face_value: self.face_value,
			issue_price: self.issue_price,
			valid_from: self.valid_from,
			valid_until: self.valid_until,
			status: self.status,
		}
	}
}

/// Everything [`Pallet::create_series`] needs to know about a new series.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct SeriesTerms {
	/// Physical, digital or financial.
	pub kind: CouponKind,
	/// Face value of one unit (> 0).
	pub face_value: Balance,
	/// Primary-sale price of one unit (≤ face value unless financial).
	pub issue_price: Balance,
	/// Usable from (ms since the Unix epoch).
	pub valid_from: Moment,
	/// Expires at (ms since the Unix epoch; after `valid_from` and in the future).
	pub valid_until: Moment,
	/// Usage conditions and scope (1..=`MaxTermsLen` bytes): text or a hash.
	pub terms: alloc::vec::Vec<u8>,
	/// Most units that may ever be minted (≥ the initial units).
	pub cap: u64,
	/// Sold as a gift card: a gift certificate, store gift card or stored value a consumer buys
	/// (the gift-card rules of [`MinValidity`] apply, e.g. US: five years). `false` for
	/// promotional, loyalty and award coupons.
	#[serde(default)]
	pub gift_card: bool,
	/// The jurisdiction the series is sold in (ISO 3166-1 alpha-2, e.g. `US`), if the issuer
	/// declares one. Its minimum validity applies as well as that of the issuer's KYC
	/// jurisdiction.
	#[serde(default)]
	pub jurisdiction: Option<Jurisdiction>,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::{
		CreditLimit, KycProvider, PriceOracle, SanctionsScreen, Settlement, TravelRule,
		TravelRuleData, ValueMovement,
	};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::UnixTime},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::Convert,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Delists and relists series; sets the minimum validity.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Issuers' standing and limits.
		type Credit: CreditLimit<Self::AccountId, Balance>;
		/// KYC levels and limits.
		type Kyc: KycProvider<Self::AccountId, Balance>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// The Travel-Rule threshold (benchmarks size their plain transfers below it; a
		/// transfer itself asks the gate, `Movement`).
		type TravelRule: TravelRule<Self::AccountId, Balance>;
		/// The gate every transfer and refund passes: sanctions, KYC levels and limits, the
		/// Travel Rule and AML monitoring (`genex_primitives::ComplianceGate` in the runtime).
		type Movement: ValueMovement<Self::AccountId, Balance>;
		/// Moves the stablecoin for refunds.
		type Settlement: Settlement<Self::AccountId, Balance>;
		/// Fresh reference prices of series: a refund pays at least this per unit.
		type Oracle: PriceOracle;
		/// The jurisdiction of an account's KYC attestation in force (`None` without one): the
		/// issuer's home, whose minimum validity applies to its series.
		type KycJurisdiction: Convert<Self::AccountId, Option<Jurisdiction>>;
		/// Wall clock.
		type UnixTime: UnixTime;
		/// Longest usage-conditions text, in bytes.
		#[pallet::constant]
		type MaxTermsLen: Get<u32>;
		/// Most series that may expire in the same hour.
		#[pallet::constant]
		type MaxExpiringPerHour: Get<u32>;
		/// Most serial numbers in one redemption (physical series).
		#[pallet::constant]
		type MaxSerials: Get<u32>;
		/// Weights of this pallet's calls and of the expiry work, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next series gets.
	#[pallet::storage]
	pub type NextSeriesId<T: Config> = StorageValue<_, SeriesId, ValueQuery>;

	/// Every series.
	#[pallet::storage]
	pub type SeriesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		Series<T::AccountId, T::MaxTermsLen>,
		OptionQuery,
	>;

	/// Units held, per series and account.
	#[pallet::storage]
	pub type Holdings<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		SeriesId,
		Blake2_128Concat,
		T::AccountId,
		u64,
		ValueQuery,
	>;

	/// Units of a holding the market locks as escrow of sell orders and listings (part of the
	/// holding, at most all of it): they cannot be transferred, redeemed or recalled until the
	/// market delivers or unlocks them.
	#[pallet::storage]
	pub type Locked<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		SeriesId,
		Blake2_128Concat,
		T::AccountId,
		u64,
		ValueQuery,
	>;

	/// Units an account holds across all series (the KYC holding cap applies to this).
	#[pallet::storage]
	pub type AccountUnits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// Statistics over all of an issuer's series.
	#[pallet::storage]
	pub type IssuerStats<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, CouponStats<Balance>, ValueQuery>;

	/// Serials of physical series already redeemed.
	#[pallet::storage]
	pub type RedeemedSerials<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, SeriesId, Blake2_128Concat, u64, (), OptionQuery>;

	/// Series by the hour (ms / 3,600,000) of their `valid_until`, still to sweep.
	#[pallet::storage]
	pub type ExpiringAt<T: Config> =
		StorageMap<_, Twox64Concat, u64, BoundedVec<SeriesId, T::MaxExpiringPerHour>, ValueQuery>;

	/// The first hour the expiry sweep has not finished (None until the first series).
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, u64, OptionQuery>;

	/// Shortest validity (ms, > 0) a new series may have, per class and jurisdiction (ISO
	/// 3166-1 alpha-2): set by governance. Bounded by its keys: 3 kinds × 2 × 676 codes.
	#[pallet::storage]
	pub type MinValidity<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ValidityClass,
		Blake2_128Concat,
		Jurisdiction,
		Moment,
		OptionQuery,
	>;

	/// Smallest face value of a unit of a new series, per coupon kind (0: none): set by
	/// governance. Bounded by its keys: 3 kinds.
	#[pallet::storage]
	pub type MinFaceValue<T: Config> = StorageMap<_, Twox64Concat, CouponKind, Balance, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Minimum validity at genesis: (class, jurisdiction, ms). Default:
		/// [`default_min_validity`] (US gift cards, five years).
		pub min_validity: alloc::vec::Vec<(ValidityClass, Jurisdiction, Moment)>,
		/// Minimum face value at genesis: (kind, smallest face value of a unit). Default:
		/// [`default_min_face_value`] (1 GUSD for every kind).
		pub min_face_value: alloc::vec::Vec<(CouponKind, Balance)>,
		/// Series created at genesis (demo and test chains): (issuer, terms, units minted,
		/// holders and the units each is sold). Issuers, KYC and limits must allow them.
		#[allow(clippy::type_complexity)]
		pub series:
			alloc::vec::Vec<(T::AccountId, SeriesTerms, u64, alloc::vec::Vec<(T::AccountId, u64)>)>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self {
				min_validity: default_min_validity(),
				min_face_value: default_min_face_value(),
				series: alloc::vec::Vec::new(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics stop a malformed chain spec from producing a genesis block; never on a live
		// chain.
		fn build(&self) {
			// The rules first: genesis series must meet them.
			for (class, jurisdiction, min) in &self.min_validity {
				assert!(*min > 0, "genesis minimum validity must be positive");
				Pallet::<T>::do_set_min_validity(*class, *jurisdiction, Some(*min))
					.expect("genesis minimum validity must name a valid jurisdiction");
			}
			for (kind, min) in &self.min_face_value {
				MinFaceValue::<T>::insert(kind, min);
			}
			for (issuer, terms, units, holders) in &self.series {
				let id = Pallet::<T>::do_create_series(issuer.clone(), terms.clone(), *units)
					.expect("genesis series must be valid");
				for (holder, n) in holders {
					Pallet::<T>::do_genesis_holding(issuer.clone(), id, holder.clone(), *n)
						.expect("genesis coupon holdings must be valid");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An issuer created a series.
		SeriesCreated {
			/// Its id.
			series: SeriesId,
			/// The issuer.
			issuer: T::AccountId,
			/// Its kind.
			kind: CouponKind,
			/// Face value of a unit.
			face_value: Balance,
			/// Issue price of a unit.
			issue_price: Balance,
			/// Expires at (ms).
			valid_until: Moment,
			/// Supply cap.
			cap: u64,
			/// Declared a gift card.
			gift_card: bool,
			/// The jurisdiction the issuer declared it is sold in, if any.
			jurisdiction: Option<Jurisdiction>,
		},
		/// Units were minted to the issuer.
		Minted {
			/// The series.
			series: SeriesId,
			/// Units minted.
			units: u64,
			/// First serial of the batch (physical series: serials `first_serial..first_serial + units`).
			first_serial: u64,
		},
		/// Units moved P2P (a sale when the sender is the issuer).
		Transferred {
			/// The series.
			series: SeriesId,
			/// Sender.
			from: T::AccountId,
			/// Receiver.
			to: T::AccountId,
			/// Units.
			units: u64,
			/// The Travel-Rule record's id when routed.
			travel_rule_record: Option<u64>,
		},
		/// Units the market had locked were delivered to a buyer (a sale when the seller is the
		/// issuer).
		Delivered {
			/// The series.
			series: SeriesId,
			/// Seller.
			from: T::AccountId,
			/// Buyer.
			to: T::AccountId,
			/// Units.
			units: u64,
		},
		/// Units were burned: redeemed, recalled, refunded or compensated.
		Burned {
			/// The series.
			series: SeriesId,
			/// Whose units.
			holder: T::AccountId,
			/// Units.
			units: u64,
			/// Why they left circulation.
			how: genex_primitives::Retirement,
		},
		/// The issuer recalled unsold units.
		Recalled {
			/// The series.
			series: SeriesId,
			/// Units burned.
			units: u64,
			/// The issuer's reason code.
			reason: u8,
		},
		/// The issuer bought a holder's units back (without the holder's consent), paying per
		/// unit the higher of the issue price and the fresh reference price (capped at face
		/// value except for financial coupons).
		Refunded {
			/// The series.
			series: SeriesId,
			/// The holder.
			holder: T::AccountId,
			/// Units burned.
			units: u64,
			/// Stablecoin paid to the holder: units × the unit price above.
			amount: Balance,
			/// The issuer's reason code.
			reason: u8,
		},
		/// Governance delisted a series.
		Delisted {
			/// The series.
			series: SeriesId,
			/// Reason code.
			reason: u8,
		},
		/// Governance relisted a series.
		Relisted {
			/// The series.
			series: SeriesId,
		},
		/// A series expired and its expired units were swept.
		SeriesExpired {
			/// The series.
			series: SeriesId,
			/// Units expired.
			expired: u64,
			/// Face value of expired units outside the issuer's hands.
			breakage: Balance,
		},
		/// Governance set (or, with `None`, cleared) the minimum validity of new series of a
		/// class in a jurisdiction.
		MinValiditySet {
			/// Coupon kind, gift card or not.
			class: ValidityClass,
			/// The jurisdiction (ISO 3166-1 alpha-2).
			jurisdiction: Jurisdiction,
			/// Shortest validity in ms; `None`: no minimum.
			min_validity: Option<Moment>,
		},
		/// Governance set the minimum face value of a unit of new series of a coupon kind.
		MinFaceValueSet {
			/// Physical, digital or financial.
			kind: CouponKind,
			/// Smallest face value of a unit, in the stablecoin's smallest unit (0: none).
			min_face_value: Balance,
		},
		/// One market batch's deliveries landed, netted per account: `units` left `sellers`
		/// sellers' locked units for `buyers` buyers (the market's events name the orders).
		Settled {
			/// The series.
			series: SeriesId,
			/// Units delivered.
			units: u64,
			/// Accounts that sold.
			sellers: u32,
			/// Accounts that bought.
			buyers: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Zero units.
		ZeroUnits,
		/// The face value is zero.
		ZeroFaceValue,
		/// The issue price is above the face value, which this kind does not allow.
		PriceAboveFace,
		/// `valid_until` is not after `valid_from`.
		InvalidValidity,
		/// `valid_until` is not in the future.
		ValidityInPast,
		/// The usage conditions are empty.
		EmptyTerms,
		/// The usage conditions are longer than `MaxTermsLen`.
		TermsTooLong,
		/// Minting would take the series above its supply cap.
		CapExceeded,
		/// No such series.
		UnknownSeries,
		/// Only the series' issuer may do this.
		NotIssuer,
		/// The series has expired (or its `valid_until` has passed).
		SeriesExpired,
		/// The series is not valid yet.
		NotYetValid,
		/// Governance delisted the series.
		SeriesDelisted,
		/// The series is not delisted.
		NotDelisted,
		/// The issuer is frozen: its coupons are at risk.
		IssuerAtRisk,
		/// Sender and receiver are the same account.
		SelfTransfer,
		/// The account holds fewer units (outside what the market locks).
		InsufficientUnits,
		/// The account has fewer units locked by the market.
		InsufficientLocked,
		/// The receiver would hold more than its KYC level allows.
		HoldingLimitExceeded,
		/// Too many series expire in that hour; choose another `valid_until`.
		ExpiryHourFull,
		/// Physical coupons need one serial per unit; other kinds take none.
		WrongSerials,
		/// A serial was never minted, repeats, or was redeemed already.
		InvalidSerial,
		/// A counter or an amount would overflow.
		Overflow,
		/// A jurisdiction is not two upper-case letters (ISO 3166-1 alpha-2, e.g. `US`).
		InvalidJurisdiction,
		/// The series would be usable for less than the minimum validity governance set for its
		/// kind (gift card or not) in its jurisdiction or the issuer's (e.g. US gift cards: five
		/// years); choose a later `valid_until`.
		ValidityTooShort,
		/// The face value of a unit is below the minimum governance set for the coupon kind
		/// (a new chain: 1 GUSD); choose a larger face value.
		FaceValueTooLow,
		/// A settlement names an account twice (or on both sides).
		RepeatedAccount,
		/// A settlement delivers more or fewer units than it takes from sellers.
		UnbalancedSettlement,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_expire(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxTermsLen::get() > 0, "MaxTermsLen must be positive");
			assert!(T::MaxExpiringPerHour::get() > 0, "MaxExpiringPerHour must be positive");
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
		/// Create a series and mint `units` to the signer (its issuer).
		///
		/// - Origin: signed by an active issuer, not blocked.
		/// - The usable time at creation (from the later of now and `valid_from` to
		///   `valid_until`) must reach the [`MinValidity`] of the series' class in the declared
		///   jurisdiction and in the issuer's KYC jurisdiction, whichever is longer.
		/// - The face value of a unit must reach the [`MinFaceValue`] of the series' kind.
		/// - Fails with `ZeroUnits`, `ZeroFaceValue`, `FaceValueTooLow`, `PriceAboveFace`,
		///   `InvalidValidity`,
		///   `ValidityInPast`, `InvalidJurisdiction`, `ValidityTooShort`, `EmptyTerms`,
		///   `TermsTooLong`, `CapExceeded`, `ExpiryHourFull`, `Overflow`, the sanctions pallet's
		///   `AccountBlocked`, or the issuers pallet's
		///   `NotAnIssuer`, `IssuancePaused`, `IssuerFrozen` or `LimitExceeded` (outstanding face
		///   value above the limit).
		///
		/// Emits `SeriesCreated` and `Minted`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_series(terms.terms.len() as u32))]
		pub fn create_series(
			origin: OriginFor<T>,
			terms: SeriesTerms,
			#[pallet::compact] units: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_series(who, terms, units).map(|_| ())
		}

		/// Mint `units` more of a series to its issuer.
		///
		/// - Origin: signed by the series' issuer, active and not blocked.
		/// - Fails with `ZeroUnits`, `UnknownSeries`, `NotIssuer`, `SeriesExpired`,
		///   `SeriesDelisted`, `CapExceeded`, `Overflow`, the sanctions pallet's `AccountBlocked`
		///   or the issuers pallet's errors (as `create_series`).
		///
		/// Emits `Minted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::mint())]
		pub fn mint(
			origin: OriginFor<T>,
			series: SeriesId,
			#[pallet::compact] units: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mint(who, series, units)
		}

		/// Send `units` of a series to `dest`, below the Travel-Rule threshold (valued at face
		/// value).
		///
		/// - Origin: signed, KYC L1; `dest` L1; neither blocked.
		/// - Fails with `ZeroUnits`, `SelfTransfer`, `UnknownSeries`, `SeriesExpired`,
		///   `SeriesDelisted`, `IssuerAtRisk`, `InsufficientUnits`, `HoldingLimitExceeded`,
		///   `Overflow`, the sanctions pallet's `AccountBlocked`, the KYC pallet's `LevelTooLow`
		///   or `P2pLimitExceeded`, or the travel-rule pallet's `TravelRuleRequired`.
		///
		/// Emits `Transferred`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer().saturating_add(T::Movement::weight()))]
		pub fn transfer(
			origin: OriginFor<T>,
			series: SeriesId,
			dest: T::AccountId,
			#[pallet::compact] units: u64,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_transfer(who, series, dest, units, None)?;
			// What monitoring did not use is refunded (a held transfer pays the bound).
			Ok(used.map(|w| T::WeightInfo::transfer().saturating_add(w)).into())
		}

		/// Send `units` of a series to `dest` with the Travel-Rule data (required at or above the
		/// threshold, allowed below it); the transfer is recorded by the travel-rule pallet.
		///
		/// - Origin and failures as `transfer` (except `TravelRuleRequired`), plus the
		///   travel-rule pallet's `EmptyVaspId`.
		///
		/// Emits `travelRule.TransferRecorded` and `Transferred`.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::transfer_with_travel_rule().saturating_add(T::Movement::weight())
		)]
		pub fn transfer_with_travel_rule(
			origin: OriginFor<T>,
			series: SeriesId,
			dest: T::AccountId,
			#[pallet::compact] units: u64,
			travel_rule: TravelRuleData,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_transfer(who, series, dest, units, Some(travel_rule))?;
			Ok(used.map(|w| T::WeightInfo::transfer_with_travel_rule().saturating_add(w)).into())
		}

		/// Burn `units` the issuer still holds (unsold), with a reason code of the issuer's
		/// choosing. The issuer's outstanding face value drops accordingly.
		///
		/// - Origin: signed by the series' issuer.
		/// - Fails with `ZeroUnits`, `UnknownSeries`, `NotIssuer`, `SeriesExpired` or
		///   `InsufficientUnits`.
		///
		/// Emits `Burned` and `Recalled`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(
			origin: OriginFor<T>,
			series: SeriesId,
			#[pallet::compact] units: u64,
			reason: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_recall(who, series, units, reason)
		}

		/// Buy back `units` sold to `holder`, without the holder's consent: they are burned and
		/// the issuer pays for each, in the stablecoin, the higher of the issue price and the
		/// oracle's fresh reference price (that price capped at face value, except for financial
		/// coupons, which may trade above it). Without a fresh reference price: the issue price.
		///
		/// - Origin: signed by the series' issuer.
		/// - Fails with `ZeroUnits`, `SelfTransfer` (the issuer's own units: use `recall`),
		///   `UnknownSeries`, `NotIssuer`, `SeriesExpired`, `InsufficientUnits`, `Overflow`, the
		///   sanctions pallet's `AccountBlocked` or the stablecoin's balance errors.
		///
		/// Emits `Burned` and `Refunded`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::refund().saturating_add(T::Movement::weight()))]
		pub fn refund(
			origin: OriginFor<T>,
			series: SeriesId,
			holder: T::AccountId,
			#[pallet::compact] units: u64,
			reason: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refund(who, series, holder, units, reason)
		}

		/// Emergency delisting: no transfers or trading until relisted; holders can still
		/// redeem.
		///
		/// - Origin: governance.
		/// - Fails with `UnknownSeries`, `SeriesExpired` or `SeriesDelisted` (already).
		///
		/// Emits `Delisted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::delist())]
		pub fn delist(origin: OriginFor<T>, series: SeriesId, reason: u8) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_listed(series, false, reason)
		}

		/// Lift a delisting.
		///
		/// - Origin: governance.
		/// - Fails with `UnknownSeries`, `SeriesExpired` or `NotDelisted`.
		///
		/// Emits `Relisted`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::relist())]
		pub fn relist(origin: OriginFor<T>, series: SeriesId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_listed(series, true, 0)
		}

		/// Set the shortest validity (ms) new series of `class` may have in `jurisdiction`, or
		/// clear it with `None` (or `Some(0)`). Applies to series created from now on; existing
		/// series keep their validity.
		///
		/// - Origin: governance.
		/// - Fails with `InvalidJurisdiction` (not two upper-case letters).
		///
		/// Emits `MinValiditySet`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_min_validity())]
		pub fn set_min_validity(
			origin: OriginFor<T>,
			class: ValidityClass,
			jurisdiction: Jurisdiction,
			min_validity: Option<Moment>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_min_validity(class, jurisdiction, min_validity)
		}

		/// Set the smallest face value a unit of a new series of `kind` may have (0: no
		/// minimum). Applies to series created from now on; existing series keep their face
		/// value.
		///
		/// - Origin: governance.
		/// - Fails with `BadOrigin` only.
		///
		/// Emits `MinFaceValueSet`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_min_face_value())]
		pub fn set_min_face_value(
			origin: OriginFor<T>,
			kind: CouponKind,
			#[pallet::compact] min_face_value: Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_min_face_value(kind, min_face_value)
		}
	}
}
