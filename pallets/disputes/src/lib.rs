//! # Disputes pallet
//!
//! A holder who bought an issuer's coupons and could not redeem them, or found them not as
//! described, or disputes what it paid, opens a **dispute** against the issuer (SRS 3.8.1);
//! arbitrators appointed by governance rule on it, and the ruling executes on chain.
//!
//! ## Flow (SRS 3.8.1: evidence → review → ruling → execution; SRS 3.8.4: 24 h, 72 h)
//!
//! 1. [`Pallet::open`]: the claimant names a series, the units it holds that the claim is
//!    about, a [`Category`] and the hash of its evidence (receipts, photos, the merchant's
//!    refusal; kept off chain). The units are **locked** in the claimant's account (no sale,
//!    transfer or redemption while disputed) and a **deposit** is held from it
//!    ([`Config::ClaimDeposit`]). The respondent is the series' issuer: the chain knows who
//!    issued what, so the claimant cannot name anyone else, and the issuer and its affiliates
//!    cannot claim against themselves.
//! 2. [`Pallet::respond`]: the issuer answers with the hash of its evidence within
//!    [`Config::RespondWithin`] (24 h of blocks).
//! 3. [`Pallet::rule`]: an arbitrator (not a party, not the issuer's affiliate) or governance
//!    rules:
//!    - [`Ruling::Refund`] of a share of the units' face value: a buy-back, paid from the
//!      issuer's deposit (not while it is frozen: that is for compensation), then its escrow,
//!      then its own stablecoin ([`genex_primitives::ClaimFunds`]); the units go back to the
//!      issuer (burned) in proportion to what it paid; what it cannot pay is published as the
//!      ruling's shortfall. The upheld claim counts against the issuer's credit score. An
//!      arbitrator refunds only once the issuer answered or its time to answer ran out.
//!    - [`Ruling::Reject`]: the claim fails; the units are unlocked and the deposit returned.
//!    - [`Ruling::Malicious`]: a malicious complaint (the seller's side of SRS 3.8.1): the
//!      claimant's deposit is burned.
//! 4. Deadlines, enforced by anyone's call (no hook work):
//!    - [`Pallet::rule_by_default`]: the issuer did not answer within `RespondWithin`: the
//!      claimant takes a refund of the units' issue price (what the issuer sold them for),
//!      paid from the issuer's own stablecoin and only the part of its deposit it could
//!      withdraw itself (never its escrow): no one weighed the claim, and a silent issuer must
//!      not pay a holder it controls out of the collateral that backs its other coupons.
//!    - [`Pallet::escalate`]: an answered dispute not ruled within [`Config::HandleWithin`]
//!      (72 h) of opening is flagged for governance (`Escalated`).
//! 5. [`Pallet::withdraw`]: the claimant drops its claim before the issuer answers (units
//!    unlocked, deposit returned); afterwards only a ruling ends it.
//!
//! No refund is paid to or from a blocked account.
//!
//! Governance appoints the arbitrators ([`Pallet::set_arbitrators`], at most
//! [`Config::MaxArbitrators`]). A claimant has at most [`Config::MaxOpenPerClaimant`] open
//! disputes; each holds a deposit, so the pallet's storage grows only as far as claimants pay.
//! A ruled or withdrawn dispute is removed from storage; its events stay in the blocks
//! (regulators' archive nodes keep them).

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

mod arbitrators;
mod claims;
mod ruling;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use genex_primitives::{Balance, SeriesId};
use polkadot_sdk::{sp_core::H256, sp_runtime::Perbill};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::disputes";

/// A dispute's id: unique on the chain, increasing.
pub type DisputeId = u64;

/// What the claimant says went wrong.
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
pub enum Category {
	/// The issuer or its merchants did not honour the coupons.
	CannotRedeem,
	/// The coupons are not what the series' terms describe.
	NotAsDescribed,
	/// What the claimant paid or was paid (a sale, a refund) is disputed.
	PaymentDispute,
}

/// Where a dispute stands.
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
pub enum Status {
	/// Waiting for the issuer's answer.
	Open,
	/// The issuer answered; waiting for a ruling.
	Answered,
	/// Answered and not ruled within `HandleWithin`: governance is asked to rule.
	Escalated,
}

/// An arbitrator's (or governance's) decision.
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
pub enum Ruling {
	/// Upheld: the issuer buys the units back at this share of their face value; the units go
	/// back (burned) in proportion to what it could pay.
	Refund(Perbill),
	/// Not upheld: the units are unlocked, the deposit returned.
	Reject,
	/// A malicious complaint: the units are unlocked, the deposit burned.
	Malicious,
}

/// Who ruled.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Ruler<AccountId> {
	/// An appointed arbitrator.
	Arbitrator(AccountId),
	/// Governance.
	Governance,
	/// The deadline: the issuer did not answer in time.
	Default,
}

/// A dispute in progress.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dispute<AccountId, BlockNumber, Ticket> {
	/// Who claims.
	pub claimant: AccountId,
	/// The series' issuer.
	pub respondent: AccountId,
	/// The series.
	pub series: SeriesId,
	/// Units the claim is about (locked in the claimant's account).
	pub units: u64,
	/// What went wrong.
	pub category: Category,
	/// Hash of the claimant's evidence.
	pub claim: H256,
	/// Hash of the issuer's evidence, once it answered.
	pub response: Option<H256>,
	/// The block it was opened in.
	pub opened_at: BlockNumber,
	/// Where it stands.
	pub status: Status,
	/// The claimant's deposit.
	pub deposit: Ticket,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls delegate to `do_*` functions in the
// other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genex_primitives::{Affiliation, ClaimFunds, CouponLedger, SanctionsScreen};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{Consideration, Footprint},
		},
		frame_system::pallet_prelude::*,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Appoints the arbitrators; may rule any dispute (escalated ones above all).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The coupon ledger: series, holdings, locks, burns.
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Pays upheld claims out of the issuer's funds and tells its credit.
		type Funds: ClaimFunds<Self::AccountId>;
		/// Issuers' affiliates: they cannot claim against their issuer or arbitrate for it.
		type Affiliation: Affiliation<Self::AccountId>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// The claimant's deposit while a dispute is open.
		type ClaimDeposit: Consideration<Self::AccountId, Footprint>;
		/// Blocks the issuer has to answer (SRS: 24 h).
		#[pallet::constant]
		type RespondWithin: Get<BlockNumberFor<Self>>;
		/// Blocks from opening to a ruling before the dispute escalates (SRS: 72 h).
		#[pallet::constant]
		type HandleWithin: Get<BlockNumberFor<Self>>;
		/// Open disputes one claimant may have.
		#[pallet::constant]
		type MaxOpenPerClaimant: Get<u32>;
		/// Arbitrators governance may appoint.
		#[pallet::constant]
		type MaxArbitrators: Get<u32>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A dispute as stored.
	pub type DisputeOf<T> = Dispute<
		<T as polkadot_sdk::frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::ClaimDeposit,
	>;

	/// Reasons this pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an open dispute.
		ClaimDeposit,
	}

	/// Disputes not yet ruled or withdrawn.
	#[pallet::storage]
	pub type Disputes<T: Config> =
		StorageMap<_, Twox64Concat, DisputeId, DisputeOf<T>, OptionQuery>;

	/// The id of the next dispute.
	#[pallet::storage]
	pub type NextDisputeId<T: Config> = StorageValue<_, DisputeId, ValueQuery>;

	/// Open disputes per claimant.
	#[pallet::storage]
	pub type OpenClaims<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The arbitrators governance appointed.
	#[pallet::storage]
	pub type Arbitrators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxArbitrators>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The arbitrators at genesis.
		pub arbitrators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics stop a malformed chain spec from producing a genesis block; never on a live
		// chain.
		fn build(&self) {
			let members = Pallet::<T>::checked_arbitrators(self.arbitrators.clone())
				.expect("genesis arbitrators: no duplicates, at most MaxArbitrators");
			Arbitrators::<T>::put(members);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A holder opened a dispute against an issuer.
		Opened {
			/// The dispute.
			id: DisputeId,
			/// The holder.
			claimant: T::AccountId,
			/// The series' issuer.
			respondent: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Units locked for it.
			units: u64,
			/// What went wrong.
			category: Category,
			/// Hash of the claimant's evidence.
			evidence: H256,
			/// The last block the issuer may answer in.
			respond_by: BlockNumberFor<T>,
			/// The block after which the dispute may be escalated.
			rule_by: BlockNumberFor<T>,
		},
		/// The issuer answered.
		Answered {
			/// The dispute.
			id: DisputeId,
			/// Hash of the issuer's evidence.
			evidence: H256,
		},
		/// A dispute was ruled and the ruling executed.
		Ruled {
			/// The dispute.
			id: DisputeId,
			/// The claimant.
			claimant: T::AccountId,
			/// The issuer.
			respondent: T::AccountId,
			/// The ruling.
			ruling: Ruling,
			/// Who ruled.
			by: Ruler<T::AccountId>,
			/// Stablecoin paid to the claimant.
			paid: Balance,
			/// What the ruling awarded and the issuer could not pay (published loss).
			shortfall: Balance,
		},
		/// A dispute was not ruled in time: governance is asked to rule.
		Escalated {
			/// The dispute.
			id: DisputeId,
		},
		/// The claimant withdrew its dispute.
		Withdrawn {
			/// The dispute.
			id: DisputeId,
		},
		/// Governance appointed the arbitrators.
		ArbitratorsSet {
			/// The arbitrators now.
			arbitrators: Vec<T::AccountId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The claim is about zero units.
		ZeroUnits,
		/// No such coupon series.
		UnknownSeries,
		/// The issuer and its affiliates cannot claim against the issuer.
		InsiderClaim,
		/// The claimant has `MaxOpenPerClaimant` open disputes already.
		TooManyOpenDisputes,
		/// No such open dispute.
		UnknownDispute,
		/// Only the series' issuer answers a dispute.
		NotRespondent,
		/// The dispute was answered already (or escalated): the time for this is over.
		NotOpen,
		/// The time to answer (`RespondWithin`) is over.
		ResponseTooLate,
		/// The signer is not an arbitrator.
		NotArbitrator,
		/// An arbitrator cannot rule a dispute it is a party to, or one against the issuer it
		/// is affiliated with.
		ConflictOfInterest,
		/// The issuer still has time to answer, or answered.
		RespondentNotSilent,
		/// The dispute may not escalate yet (`HandleWithin` not over), or did already.
		NotOverdue,
		/// The issuer never answered: the claimant takes the default ruling instead.
		Unanswered,
		/// An arbitrator refunds only once the issuer answered or its time to answer ran out.
		AwaitingResponse,
		/// Only the claimant withdraws its dispute.
		NotClaimant,
		/// More arbitrators than `MaxArbitrators`.
		TooManyArbitrators,
		/// An arbitrator is named twice.
		DuplicateArbitrator,
		/// A refund of a zero share: rule `Reject` instead.
		ZeroRefund,
		/// A counter or an amount would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOpenPerClaimant::get() > 0, "MaxOpenPerClaimant must be positive");
			assert!(
				T::HandleWithin::get() > T::RespondWithin::get(),
				"the time to handle a dispute must exceed the time to answer it"
			);
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
		/// Open a dispute against the issuer of `series` about `units` the signer holds.
		///
		/// - Origin: signed, not blocked, neither the series' issuer nor its affiliate, with
		///   fewer than `MaxOpenPerClaimant` open disputes.
		/// - `evidence`: hash of the claimant's evidence, kept off chain.
		/// - Locks the units and holds the `ClaimDeposit`.
		/// - Fails with `ZeroUnits`, `UnknownSeries`, `InsiderClaim`, `TooManyOpenDisputes`,
		///   `Overflow`, the coupon pallet's errors (too few free units, an expired series),
		///   the sanctions pallet's `AccountBlocked` or the deposit's balance errors.
		///
		/// Emits `Opened`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open())]
		pub fn open(
			origin: OriginFor<T>,
			series: SeriesId,
			units: u64,
			category: Category,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open(who, series, units, category, evidence)
		}

		/// Answer a dispute with the hash of the issuer's evidence.
		///
		/// - Origin: signed by the dispute's respondent (the series' issuer), within
		///   `RespondWithin` blocks of its opening.
		/// - Fails with `UnknownDispute`, `NotRespondent`, `NotOpen` or `ResponseTooLate`.
		///
		/// Emits `Answered`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::respond())]
		pub fn respond(origin: OriginFor<T>, id: DisputeId, evidence: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond(who, id, evidence)
		}

		/// Rule a dispute; the ruling executes at once (refund paid and coupons taken back,
		/// deposit returned or burned).
		///
		/// - Origin: an arbitrator (not the claimant, not the issuer or its affiliate), or
		///   governance. An arbitrator's refund waits for the issuer's answer or the end of
		///   its time to answer.
		/// - A refund buys the units back: paid from the issuer's deposit, escrow and own
		///   stablecoin, the units burned in proportion to what was paid.
		/// - Fails with `UnknownDispute`, `NotArbitrator`, `ConflictOfInterest`,
		///   `AwaitingResponse`, `ZeroRefund`, `Overflow`, the sanctions pallet's
		///   `AccountBlocked` (a refund to or from a blocked account) or the stablecoin's
		///   errors.
		///
		/// Emits `Ruled` (and the issuers pallet's `ClaimPaid`, the coupon pallet's `Burned`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::rule())]
		pub fn rule(origin: OriginFor<T>, id: DisputeId, ruling: Ruling) -> DispatchResult {
			let by = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => Ruler::Governance,
				Err(origin) => Ruler::Arbitrator(ensure_signed(origin)?),
			};
			Self::do_rule(id, ruling, by)
		}

		/// Take the default ruling: the issuer did not answer within `RespondWithin`. A refund
		/// of the units' issue price (at most their face value), executed as `rule`'s, except
		/// that it draws only on the deposit the issuer could withdraw itself (its limit still
		/// covering its outstanding face value), not on its escrow; the issuer's own
		/// stablecoin pays the rest, what it cannot is the published `shortfall`.
		///
		/// - Origin: signed by the claimant.
		/// - Fails with `UnknownDispute`, `NotClaimant`, `RespondentNotSilent`, `Overflow`,
		///   the sanctions pallet's `AccountBlocked` or the stablecoin's errors.
		///
		/// Emits `Ruled` with `by: Default`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::rule_by_default())]
		pub fn rule_by_default(origin: OriginFor<T>, id: DisputeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rule_by_default(who, id)
		}

		/// Flag an answered dispute not ruled within `HandleWithin` blocks of its opening for
		/// governance.
		///
		/// - Origin: signed, anyone.
		/// - Fails with `UnknownDispute`, `Unanswered` (take the default ruling) or
		///   `NotOverdue`.
		///
		/// Emits `Escalated`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::escalate())]
		pub fn escalate(origin: OriginFor<T>, id: DisputeId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_escalate(id)
		}

		/// Withdraw the signer's dispute before the issuer answers: the units are unlocked and
		/// the deposit returned.
		///
		/// - Origin: signed by the claimant.
		/// - Fails with `UnknownDispute`, `NotClaimant` or `NotOpen` (answered: only a ruling
		///   ends it).
		///
		/// Emits `Withdrawn`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, id: DisputeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, id)
		}

		/// Appoint the arbitrators (replacing the list).
		///
		/// - Origin: governance.
		/// - Fails with `TooManyArbitrators` or `DuplicateArbitrator`.
		///
		/// Emits `ArbitratorsSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_arbitrators())]
		pub fn set_arbitrators(
			origin: OriginFor<T>,
			arbitrators: Vec<T::AccountId>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_arbitrators(arbitrators)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The footprint a dispute's deposit is priced on: one stored dispute.
		pub fn claim_footprint() -> Footprint {
			Footprint::from_mel::<DisputeOf<T>>()
		}
	}
}
