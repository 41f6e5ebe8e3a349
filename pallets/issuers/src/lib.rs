//! # Issuers pallet
//!
//! Companies, governments and institutions that sell coupons are **issuers**. An account at KYC
//! L3 applies with a hash of its documents (licence, approvals) and a display name; governance
//! approves it (attesting its years in business) or rejects it with a reason. No deposit is
//! needed to start.
//!
//! ## Credit
//!
//! Each issuer has public **credit inputs** ([`CreditInputs`]): redemptions honoured /
//! requested, face value issued, redeemed, expired (breakage), recalled and outstanding, reviews
//! by verified holders, years in business, defaults. The **score** (0–100, [`score`]) is derived
//! from them on read; it maps to a **tier** (1–4) and the tier to an **issuance limit on
//! outstanding face value** ([`TierLimits`], set by governance). New issuers start in tier 1.
//! A stablecoin **deposit** raises the limit by [`Config::DepositLeverage`] times its amount; an
//! opt-in **escrow** of a share of primary-sale proceeds (kept by the market, released pro rata
//! as coupons are redeemed or expire) raises the score.
//!
//! Only **independent** holders are evidence of credit: an issuer and its affiliates
//! ([`genex_primitives::Affiliation`]) are its insiders. Their redemptions are booked as recalls
//! by the redemption pallet (no redemption credit, no escrow release), their reviews are
//! refused, and they cannot claim compensation. The redemption, breakage and review parts of the
//! score count only once the issuer has a **minimum sample** ([`MinimumSample`], set by
//! governance): enough independent redemptions, enough face value redeemed, and enough time
//! since approval ([`ApprovedAt`]). Until then the score is its years in business and escrow,
//! less its defaults, so one redemption cannot lift a new issuer out of tier 1.
//!
//! ## Defaults
//!
//! The compliance origin records a default (a failed redemption claim upheld, or a compliance
//! decision) with an action: downgrade (the default itself costs score), a cut of the limit,
//! a pause of issuance, or a freeze. A frozen issuer's coupons are flagged at risk (the coupon
//! pallet refuses their transfer; wallets read `is_frozen`), and governance can open a
//! **compensation**: deposit and escrow become a pool that pays holders pro rata to the face
//! value they hold, capped at face value, as each holder claims (their units are burned).
//!
//! Other pallets use this one through [`genex_primitives::CreditLimit`] and (the disputes
//! pallet's upheld claims) [`genex_primitives::ClaimFunds`]; it asks the coupon pallet through
//! [`genex_primitives::CouponLedger`].
//!
//! ## Calls
//!
//! - [`Pallet::apply`], [`Pallet::approve`], [`Pallet::reject`]: onboarding.
//! - [`Pallet::deposit`], [`Pallet::withdraw_deposit`], [`Pallet::set_escrow_share`]: optional
//!   collateral.
//! - [`Pallet::record_default`], [`Pallet::reinstate`]: default handling.
//! - [`Pallet::set_tier_limits`]: governance sets the limit of each tier.
//! - [`Pallet::set_minimum_sample`]: governance sets the minimum sample before a rating moves.
//! - [`Pallet::open_compensation`], [`Pallet::claim_compensation`]: holder payouts.
//! - [`Pallet::announce`], [`Pallet::retract_announcement`], [`Pallet::remove_announcement`]:
//!   issuer announcements.
//!
//! ## Announcements
//!
//! An issuer publishes short notices to its holders (a store closing, a changed redemption
//! address, a recall): UTF-8 text of at most [`Config::MaxAnnouncementLen`] bytes. Each kept
//! announcement holds a deposit from the issuer ([`Config::AnnouncementDeposit`], priced by
//! its length); an issuer keeps its last [`Config::MaxAnnouncements`] ([`Announcements`]) —
//! one more drops the oldest and returns its deposit. The issuer may retract one (deposit
//! returned); the compliance origin may remove a misleading one (deposit burned). Wallets read
//! them through the `genex_subscribeAnnouncements` subscription.

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

mod announcements;
mod claims;
mod collateral;
mod credit;
mod defaults;
mod onboarding;
pub mod score;
pub mod weights;

#[cfg(test)]
mod announcement_tests;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod claims_tests;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genex_primitives::{time::DAYS, STABLECOIN_UNIT};
pub use genex_primitives::{Balance, CreditInputs, CreditReport, IssuerStatus, SeriesId};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedVec},
	sp_core::H256,
	sp_runtime::Perbill,
};
use scale_info::TypeInfo;

/// An issuer's announcement, kept with the ticket of the deposit it holds.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxLen))]
pub struct Announcement<BlockNumber, Ticket, MaxLen: Get<u32>> {
	/// Its id: unique on the chain, increasing.
	pub id: u64,
	/// The text (UTF-8).
	pub text: BoundedVec<u8, MaxLen>,
	/// The block it was published in.
	pub published_at: BlockNumber,
	/// The deposit it holds from the issuer.
	pub deposit: Ticket,
}

/// Why an announcement is no longer kept.
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
pub enum AnnouncementRemoval {
	/// The issuer retracted it (deposit returned).
	Retracted,
	/// A newer announcement took its place in the issuer's last `MaxAnnouncements` (deposit
	/// returned).
	Replaced,
	/// The compliance origin removed it (deposit burned).
	Removed,
}

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::issuers";

/// Number of credit tiers.
pub const TIERS: usize = 4;

/// Issuance limit of each tier (tier 1 first), in the settlement asset's smallest unit.
pub type TierLimitsOf = [Balance; TIERS];

/// How much independent history an issuer needs before the redemption, breakage and review
/// parts of its score count (see [`score`]). All three must be met.
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
pub struct SampleRule<BlockNumber> {
	/// Redemptions honoured for independent holders (each redemption counts once, whatever
	/// its units).
	pub redemptions: u32,
	/// Face value redeemed by independent holders, in the settlement asset's smallest unit.
	pub face: Balance,
	/// Blocks since the issuer's approval.
	pub age: BlockNumber,
}

/// Redemptions of the default minimum sample.
pub const DEFAULT_SAMPLE_REDEMPTIONS: u32 = 20;
/// Face value of the default minimum sample: 10,000 GUSD.
pub const DEFAULT_SAMPLE_FACE: Balance = 10_000 * STABLECOIN_UNIT;
/// Age of the default minimum sample: 30 days of blocks.
pub const DEFAULT_SAMPLE_AGE: genex_primitives::BlockNumber = 30 * DAYS;

/// A pending application.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName))]
pub struct Application<BlockNumber, MaxName: Get<u32>> {
	/// Display name.
	pub name: BoundedVec<u8, MaxName>,
	/// Hash of the documents submitted off chain (licence, approvals).
	pub documents: H256,
	/// Block of the application.
	pub applied_at: BlockNumber,
}

/// A holder compensation in progress (a frozen issuer's deposit and escrow paying out).
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Compensation {
	/// Stablecoin set aside for holders when it opened.
	pub pool: Balance,
	/// Outstanding face value when it opened: each holder gets `pool × face held / this`.
	pub outstanding_face: Balance,
	/// Paid so far.
	pub paid: Balance,
}

/// An approved issuer.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName))]
pub struct Issuer<MaxName: Get<u32>> {
	/// Display name.
	pub name: BoundedVec<u8, MaxName>,
	/// Hash of the documents approved.
	pub documents: H256,
	/// Active, paused or frozen.
	pub status: IssuerStatus,
	/// The credit score's inputs.
	pub inputs: CreditInputs<Balance>,
	/// Stablecoin deposit (held by the pallet's account).
	pub deposit: Balance,
	/// Stablecoin escrow from primary-sale proceeds (held by the pallet's account).
	pub escrow: Balance,
	/// Share of primary-sale proceeds kept in escrow.
	pub escrow_share: Perbill,
	/// Cut of the limit imposed by default decisions (compounded).
	pub limit_cut: Perbill,
	/// The compensation, once governance opened one.
	pub compensation: Option<Compensation>,
}

/// Why a default is recorded.
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
pub enum DefaultKind {
	/// The issuer failed to honour a redemption (a holder's claim, upheld): counts as a
	/// requested, unhonoured redemption.
	FailedRedemption,
	/// A compliance decision (fraud, regulatory order, disappearance).
	Compliance,
}

/// What a default does besides costing score.
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
pub enum DefaultAction {
	/// Only the score drops (the default counts against it).
	Downgrade,
	/// The limit is cut by this share (compounded with earlier cuts).
	CutLimit(Perbill),
	/// Issuance paused until governance reinstates the issuer.
	Pause,
	/// Frozen: no issuance, coupons at risk, compensation possible.
	Freeze,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genex_primitives::{Affiliation, CouponLedger, KycProvider, SanctionsScreen, Settlement};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{Consideration, Footprint},
			PalletId,
		},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::AccountIdConversion,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Approves and rejects issuers, sets tier limits, reinstates, opens compensations.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Records defaults (which cut, pause or freeze an issuer): two compliance officers (a
		/// committee motion) or Root — one officer alone cannot punish an issuer.
		type DefaultOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// KYC levels (issuers must be L3).
		type Kyc: KycProvider<Self::AccountId, Balance>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// Moves the stablecoin for deposits, escrow releases and compensation.
		type Settlement: Settlement<Self::AccountId, Balance>;
		/// The coupon ledger (compensation burns holders' units).
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Issuers' affiliates: an issuer and its affiliates cannot claim compensation.
		type Affiliation: Affiliation<Self::AccountId>;
		/// Id of the account holding deposits and escrow.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Longest display name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Longest rejection reason, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;
		/// A deposit raises the limit by this many times its amount.
		#[pallet::constant]
		type DepositLeverage: Get<u32>;
		/// Largest share of proceeds an issuer may keep in escrow.
		#[pallet::constant]
		type MaxEscrowShare: Get<Perbill>;
		/// Longest announcement, in bytes of UTF-8.
		#[pallet::constant]
		type MaxAnnouncementLen: Get<u32>;
		/// Announcements an issuer keeps: one more drops the oldest (its deposit returned).
		#[pallet::constant]
		type MaxAnnouncements: Get<u32>;
		/// Blocks an issuer waits between two announcements: a block carries at most one
		/// announcement per issuer, and holders are not flooded.
		#[pallet::constant]
		type AnnouncementInterval: Get<BlockNumberFor<Self>>;
		/// The deposit an announcement holds from its issuer while kept, priced on its
		/// footprint (one item, its length in bytes).
		type AnnouncementDeposit: Consideration<Self::AccountId, Footprint>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// An announcement as stored.
	pub type AnnouncementOf<T> = Announcement<
		BlockNumberFor<T>,
		<T as Config>::AnnouncementDeposit,
		<T as Config>::MaxAnnouncementLen,
	>;

	/// Reasons this pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a kept announcement.
		Announcement,
	}

	/// Each issuer's kept announcements, oldest first.
	#[pallet::storage]
	pub type Announcements<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<AnnouncementOf<T>, T::MaxAnnouncements>,
		ValueQuery,
	>;

	/// The block of each issuer's latest announcement (kept after a retraction: retracting
	/// does not reset the interval).
	#[pallet::storage]
	pub type LastAnnounced<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, OptionQuery>;

	/// The id of the next announcement.
	#[pallet::storage]
	pub type NextAnnouncementId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Pending applications.
	#[pallet::storage]
	pub type Applications<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Application<BlockNumberFor<T>, T::MaxNameLen>,
		OptionQuery,
	>;

	/// Approved issuers.
	#[pallet::storage]
	pub type Issuers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Issuer<T::MaxNameLen>, OptionQuery>;

	/// Issuance limit of each tier, tier 1 first (non-decreasing).
	#[pallet::storage]
	pub type TierLimits<T: Config> = StorageValue<_, TierLimitsOf, ValueQuery>;

	/// The default minimum sample: 20 independent redemptions, 10,000 GUSD of face value
	/// redeemed, 30 days since approval.
	#[pallet::type_value]
	pub fn DefaultMinimumSample<T: Config>() -> SampleRule<BlockNumberFor<T>> {
		SampleRule {
			redemptions: DEFAULT_SAMPLE_REDEMPTIONS,
			face: DEFAULT_SAMPLE_FACE,
			age: DEFAULT_SAMPLE_AGE.into(),
		}
	}

	/// The independent history an issuer needs before the redemption, breakage and review
	/// parts of its score count (set by governance; [`DefaultMinimumSample`] until then).
	#[pallet::storage]
	pub type MinimumSample<T: Config> =
		StorageValue<_, SampleRule<BlockNumberFor<T>>, ValueQuery, DefaultMinimumSample<T>>;

	/// Block of each issuer's approval (issuers approved at genesis, or before this was
	/// recorded, count from block 0).
	#[pallet::storage]
	pub type ApprovedAt<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Tier limits (tier 1 first).
		pub tier_limits: TierLimitsOf,
		/// Issuers approved at genesis: (account, display name, years in business).
		pub issuers: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<u8>, u8)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics stop a malformed chain spec from producing a genesis block; never on a live
		// chain.
		fn build(&self) {
			assert!(score::limits_ordered(&self.tier_limits), "tier limits must not decrease");
			TierLimits::<T>::put(self.tier_limits);
			for (who, name, years) in &self.issuers {
				let name = BoundedVec::try_from(name.clone()).expect("issuer name too long");
				assert!(!Issuers::<T>::contains_key(who), "genesis issuers must not repeat");
				Issuers::<T>::insert(who, Pallet::<T>::new_issuer(name, H256::zero(), *years));
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account applied to become an issuer.
		Applied {
			/// The applicant.
			applicant: T::AccountId,
			/// Hash of its documents.
			documents: H256,
		},
		/// Governance approved an issuer.
		Approved {
			/// The new issuer.
			issuer: T::AccountId,
			/// Its starting score.
			score: u8,
			/// Its starting issuance limit.
			limit: Balance,
		},
		/// Governance rejected an application.
		Rejected {
			/// The applicant.
			applicant: T::AccountId,
			/// Why.
			reason: BoundedVec<u8, T::MaxReasonLen>,
		},
		/// An issuer's deposit changed.
		DepositChanged {
			/// The issuer.
			issuer: T::AccountId,
			/// The deposit now.
			deposit: Balance,
			/// The issuance limit now.
			limit: Balance,
		},
		/// An issuer changed its escrow share.
		EscrowShareSet {
			/// The issuer.
			issuer: T::AccountId,
			/// The share now.
			share: Perbill,
		},
		/// Proceeds were put into an issuer's escrow.
		Escrowed {
			/// The issuer.
			issuer: T::AccountId,
			/// How much.
			amount: Balance,
		},
		/// Escrow was released to the issuer as its coupons were redeemed or expired.
		EscrowReleased {
			/// The issuer.
			issuer: T::AccountId,
			/// How much.
			amount: Balance,
		},
		/// A verified holder reviewed an issuer.
		Reviewed {
			/// The issuer.
			issuer: T::AccountId,
			/// 1–5 stars.
			rating: u8,
		},
		/// A default was recorded.
		DefaultRecorded {
			/// The issuer.
			issuer: T::AccountId,
			/// Why.
			kind: DefaultKind,
			/// What it does.
			action: DefaultAction,
			/// The score now.
			score: u8,
			/// The issuance limit now.
			limit: Balance,
		},
		/// Governance reinstated a paused or frozen issuer.
		Reinstated {
			/// The issuer.
			issuer: T::AccountId,
		},
		/// Governance set the tier limits.
		TierLimitsSet {
			/// Tier 1 first.
			limits: TierLimitsOf,
		},
		/// Governance set the minimum sample an issuer needs before its redemption, breakage
		/// and review record counts toward its score.
		MinimumSampleSet {
			/// The rule now in force.
			rule: SampleRule<BlockNumberFor<T>>,
		},
		/// Governance opened a compensation of a frozen issuer's holders.
		CompensationOpened {
			/// The issuer.
			issuer: T::AccountId,
			/// Deposit + escrow set aside.
			pool: Balance,
			/// Outstanding face value it is shared over.
			outstanding_face: Balance,
		},
		/// A holder was compensated; their units were burned.
		Compensated {
			/// The holder.
			holder: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Units burned.
			units: u64,
			/// Stablecoin paid.
			amount: Balance,
		},
		/// An upheld dispute claim was paid to a holder (the disputes pallet's ruling).
		ClaimPaid {
			/// The issuer.
			issuer: T::AccountId,
			/// The holder.
			holder: T::AccountId,
			/// Taken from the issuer's deposit.
			from_deposit: Balance,
			/// Taken from its escrow.
			from_escrow: Balance,
			/// Taken from its own stablecoin.
			from_issuer: Balance,
		},
		/// An issuer published an announcement.
		Announced {
			/// The issuer.
			issuer: T::AccountId,
			/// The announcement's id.
			id: u64,
			/// Its text (UTF-8).
			text: BoundedVec<u8, T::MaxAnnouncementLen>,
		},
		/// An announcement is no longer kept.
		AnnouncementRemoved {
			/// The issuer.
			issuer: T::AccountId,
			/// The announcement's id.
			id: u64,
			/// Retracted by the issuer, replaced by a newer one, or removed by compliance.
			reason: AnnouncementRemoval,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The display name is empty.
		EmptyName,
		/// The display name is longer than `MaxNameLen`.
		NameTooLong,
		/// The account already applied.
		AlreadyApplied,
		/// The account is already an issuer.
		AlreadyAnIssuer,
		/// No application from that account.
		NoApplication,
		/// The account is not an approved issuer.
		NotAnIssuer,
		/// The reason is longer than `MaxReasonLen`.
		ReasonTooLong,
		/// The amount is zero.
		ZeroAmount,
		/// The deposit is smaller than the amount to withdraw.
		InsufficientDeposit,
		/// After the withdrawal (or the lower escrow share) the limit would fall below the
		/// outstanding face value.
		LimitBelowOutstanding,
		/// The share is above `MaxEscrowShare`.
		EscrowShareTooHigh,
		/// Issuance is paused.
		IssuancePaused,
		/// The issuer is frozen.
		IssuerFrozen,
		/// The outstanding face value would exceed the issuance limit.
		LimitExceeded,
		/// Ratings are 1 to 5.
		InvalidRating,
		/// Tier limits must not decrease from tier 1 to tier 4.
		TierLimitsNotOrdered,
		/// The issuer is active already.
		NotSuspended,
		/// Only a frozen issuer's holders can be compensated.
		NotFrozen,
		/// A compensation is open already (a reinstatement is not possible either).
		CompensationOpen,
		/// No compensation is open for the series' issuer.
		NoCompensation,
		/// No such coupon series.
		UnknownSeries,
		/// The holder holds no units of the series.
		NothingToClaim,
		/// The issuer and its affiliates cannot claim compensation from the issuer's own pool.
		InsiderClaim,
		/// A counter would overflow.
		Overflow,
		/// The announcement is empty.
		EmptyAnnouncement,
		/// The announcement is longer than `MaxAnnouncementLen` bytes.
		AnnouncementTooLong,
		/// The announcement is not valid UTF-8.
		AnnouncementNotUtf8,
		/// The issuer keeps no announcement with that id.
		UnknownAnnouncement,
		/// The issuer announced less than `AnnouncementInterval` blocks ago.
		AnnouncingTooOften,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must be positive");
			assert!(T::MaxAnnouncementLen::get() > 0, "MaxAnnouncementLen must be positive");
			assert!(T::MaxAnnouncements::get() > 0, "MaxAnnouncements must be positive");
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
		/// Apply to become an issuer.
		///
		/// - Origin: signed, KYC L3, not blocked.
		/// - `name`: display name (1..=`MaxNameLen` bytes); `documents`: hash of the licence and
		///   approvals submitted off chain.
		/// - Fails with `EmptyName`, `NameTooLong`, `AlreadyApplied`, `AlreadyAnIssuer`, the KYC
		///   pallet's `LevelTooLow` or the sanctions pallet's `AccountBlocked`.
		///
		/// Emits `Applied`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(origin: OriginFor<T>, name: Vec<u8>, documents: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_apply(who, name, documents)
		}

		/// Approve an application; the issuer starts in tier 1 unless its attested years in
		/// business lift its score.
		///
		/// - Origin: governance.
		/// - Fails with `NoApplication`, or the KYC pallet's `LevelTooLow` when the applicant is
		///   no longer L3.
		///
		/// Emits `Approved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(
			origin: OriginFor<T>,
			applicant: T::AccountId,
			years_in_business: u8,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_approve(applicant, years_in_business)
		}

		/// Reject an application with a reason; the applicant may apply again.
		///
		/// - Origin: governance.
		/// - Fails with `NoApplication` or `ReasonTooLong`.
		///
		/// Emits `Rejected`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(
			origin: OriginFor<T>,
			applicant: T::AccountId,
			reason: Vec<u8>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_reject(applicant, reason)
		}

		/// Add `amount` of the stablecoin to the signer's deposit (raises its limit by
		/// `DepositLeverage × amount`).
		///
		/// - Origin: signed by an issuer that is not frozen or blocked.
		/// - Fails with `NotAnIssuer`, `IssuerFrozen`, `ZeroAmount`, `Overflow`, the sanctions
		///   pallet's `AccountBlocked` or the stablecoin's balance errors.
		///
		/// Emits `DepositChanged`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(origin: OriginFor<T>, #[pallet::compact] amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(who, amount)
		}

		/// Take `amount` back from the signer's deposit, if its limit still covers its
		/// outstanding face value afterwards.
		///
		/// - Origin: signed by an issuer that is not frozen or blocked.
		/// - Fails with `NotAnIssuer`, `IssuerFrozen`, `ZeroAmount`, `InsufficientDeposit`,
		///   `LimitBelowOutstanding` or the sanctions pallet's `AccountBlocked`.
		///
		/// Emits `DepositChanged`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_deposit())]
		pub fn withdraw_deposit(
			origin: OriginFor<T>,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_deposit(who, amount)
		}

		/// Opt in to (or out of, with zero) keeping `share` of the proceeds of every sale of
		/// the issuer's own coupons on the market in escrow (primary sales, its fixed-price
		/// listings, its orders and quote sheets in the auction); a share of 20 % or more earns
		/// the full escrow bonus of the score. Escrow already held stays until released. A
		/// lower share must leave the issuance limit at or above the outstanding face value, as
		/// a deposit withdrawal must (the bonus may be what that limit stands on), or where it
		/// was (an issuer already over its limit may lower its share within the same points).
		///
		/// - Origin: signed by an issuer that is not frozen.
		/// - Fails with `NotAnIssuer`, `IssuerFrozen`, `EscrowShareTooHigh` or
		///   `LimitBelowOutstanding`.
		///
		/// Emits `EscrowShareSet`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_escrow_share())]
		pub fn set_escrow_share(origin: OriginFor<T>, share: Perbill) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_escrow_share(who, share)
		}

		/// Record a default of `issuer` and act on it.
		///
		/// - Origin: two compliance officers (a compliance committee motion) or Root.
		/// - Fails with `NotAnIssuer` or `Overflow`.
		///
		/// Emits `DefaultRecorded`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::record_default())]
		pub fn record_default(
			origin: OriginFor<T>,
			issuer: T::AccountId,
			kind: DefaultKind,
			action: DefaultAction,
		) -> DispatchResult {
			T::DefaultOrigin::ensure_origin(origin)?;
			Self::do_record_default(issuer, kind, action)
		}

		/// Lift a pause or a freeze (recorded defaults keep counting against the score).
		///
		/// - Origin: governance.
		/// - Fails with `NotAnIssuer`, `NotSuspended` or `CompensationOpen`.
		///
		/// Emits `Reinstated`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, issuer: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_reinstate(issuer)
		}

		/// Set the issuance limit of each tier (tier 1 first, non-decreasing).
		///
		/// - Origin: governance.
		/// - Fails with `TierLimitsNotOrdered`.
		///
		/// Emits `TierLimitsSet`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_tier_limits())]
		pub fn set_tier_limits(origin: OriginFor<T>, limits: TierLimitsOf) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(score::limits_ordered(&limits), Error::<T>::TierLimitsNotOrdered);
			TierLimits::<T>::put(limits);
			Self::deposit_event(Event::TierLimitsSet { limits });
			Ok(())
		}

		/// Open the compensation of a frozen issuer's holders: its deposit and escrow become a
		/// pool shared pro rata over its outstanding face value.
		///
		/// - Origin: governance.
		/// - Fails with `NotAnIssuer`, `NotFrozen` or `CompensationOpen`.
		///
		/// Emits `CompensationOpened`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::open_compensation())]
		pub fn open_compensation(origin: OriginFor<T>, issuer: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_open_compensation(issuer)
		}

		/// Claim compensation for every unit of `series` the signer holds: the units are burned
		/// and `pool × face value held / outstanding face value` (at most the face value) is
		/// paid in the stablecoin. The issuer and its affiliates cannot claim.
		///
		/// - Origin: signed, not blocked, neither the series' issuer nor one of its affiliates.
		/// - Fails with `UnknownSeries`, `NoCompensation`, `InsiderClaim`, `NothingToClaim`, the
		///   sanctions pallet's `AccountBlocked`, the coupon pallet's errors (e.g. an expired
		///   series) or the stablecoin's balance errors.
		///
		/// Emits `Compensated` (and the coupon pallet's `Burned`).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::claim_compensation())]
		pub fn claim_compensation(origin: OriginFor<T>, series: SeriesId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_compensation(who, series)
		}

		/// Set the minimum sample: how many redemptions by independent holders, how much face
		/// value they redeemed, and how many blocks since approval an issuer needs before the
		/// redemption, breakage and review parts of its score count. Zero in a field waives
		/// that condition. Scores, tiers and limits follow at once (they are computed on read).
		///
		/// - Origin: governance.
		///
		/// Emits `MinimumSampleSet`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_minimum_sample())]
		pub fn set_minimum_sample(
			origin: OriginFor<T>,
			rule: SampleRule<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			MinimumSample::<T>::put(rule);
			Self::deposit_event(Event::MinimumSampleSet { rule });
			Ok(())
		}

		/// Publish an announcement to the signer's holders. It holds a deposit priced on its
		/// length (`AnnouncementDeposit`) while kept; when the issuer already keeps
		/// `MaxAnnouncements`, the oldest is dropped and its deposit returned.
		///
		/// - Origin: signed by an issuer (also paused or frozen: its holders need to hear from
		///   it most then), not blocked.
		/// - `text`: 1..=`MaxAnnouncementLen` bytes of UTF-8.
		/// - At most one announcement per `AnnouncementInterval` blocks.
		/// - Fails with `EmptyAnnouncement`, `AnnouncementTooLong`, `AnnouncementNotUtf8`,
		///   `NotAnIssuer`, `AnnouncingTooOften`, `Overflow`, the sanctions pallet's
		///   `AccountBlocked` or the balance errors of the deposit (too little free balance).
		///
		/// Emits `Announced` (and `AnnouncementRemoved` with `Replaced` for a dropped one).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::announce())]
		pub fn announce(origin: OriginFor<T>, text: Vec<u8>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_announce(who, text)
		}

		/// Retract one of the signer's announcements; its deposit is returned.
		///
		/// - Origin: signed by the issuer that published it.
		/// - Fails with `UnknownAnnouncement`.
		///
		/// Emits `AnnouncementRemoved` with `Retracted`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::retract_announcement())]
		pub fn retract_announcement(origin: OriginFor<T>, id: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_announcement(who, id, AnnouncementRemoval::Retracted)
		}

		/// Remove an issuer's announcement (misleading, unlawful); its deposit is burned.
		///
		/// - Origin: the compliance origin (two officers, or Root).
		/// - Fails with `UnknownAnnouncement`.
		///
		/// Emits `AnnouncementRemoved` with `Removed`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::remove_announcement())]
		pub fn remove_announcement(
			origin: OriginFor<T>,
			issuer: T::AccountId,
			id: u64,
		) -> DispatchResult {
			T::DefaultOrigin::ensure_origin(origin)?;
			Self::do_remove_announcement(issuer, id, AnnouncementRemoval::Removed)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The keyless account holding deposits and escrow.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}
	}
}
