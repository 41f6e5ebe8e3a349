//! # AML pallet
//!
//! Anti-money-laundering monitoring (SRS 3.5.3, 3.5.5) behind the value-movement gate
//! ([`genex_primitives::ValueMovement`]): every stablecoin transfer, coupon transfer, trade,
//! primary purchase, redemption and refund reaches this pallet through
//! [`genex_primitives::AmlMonitor`], so a rule here reaches every movement path.
//!
//! ## Rules
//!
//! Governance sets each [`Rule`] ([`Pallet::set_rule`]): on or off, a value and a count
//! threshold, a [`Severity`], and whether a hit restricts the account. The defaults are
//! [`default_rule`]'s.
//!
//! - **Large value (CTR)**: a movement at or above the CTR threshold emits
//!   [`Event::LargeValueMovement`].
//! - **Velocity**: value through an account and movements in the rolling 24 hours, value in the
//!   rolling 30 days.
//! - **Structuring**: several movements in a day just under the CTR or the review threshold,
//!   each sized by the account: P2P transfers sent, purchases made, orders placed (an order
//!   split to stay under review).
//! - **Fan-out / fan-in**: distinct counterparties in a day.
//! - **Cross-border** and **high-risk jurisdictions**: from the parties' KYC jurisdictions.
//! - **Issuer self-dealing and wash trades**: a buy of a series by its issuer, an affiliate,
//!   an account the issuer funded today, or (a direct trade) an account the seller funded
//!   today.
//! - **Rapid in-and-out (layering)**: most of what an account received today sent on the same
//!   day.
//! - **Short cycles** (循环转账): value coming back to the account it left through a chain of
//!   P2P transfers (A → B → … → A), at most [`genex_primitives::MAX_CYCLE_HOPS`] transfers long,
//!   within two days.
//! - **Spoofing and layering on the market** (SRS 3.3.6): many of an account's own orders
//!   withdrawn within [`genex_primitives::FLEETING_BLOCKS`] blocks of coming to rest, before
//!   they could trade.
//! - **Order-to-trade ratio and quote stuffing** (SRS 3.3.6): many orders placed in a day for
//!   each batch auction the account traded in.
//!
//! A hit emits [`Event::SuspiciousActivity`] with the rule, the account, the counterparty, the
//! value and the [`Evidence`], and raises the account's [`AccountFlag`]. A window rule reports
//! once per account per day window (the 30-day rule too, so it reports daily while over); a per-movement rule (cross-border, high-risk) reports every
//! movement it matches. A hit under a `High` rule with `restrict` set restricts the account: the
//! gate refuses its movements and the market's auction its orders until a compliance officer
//! clears the flag ([`Pallet::clear_flag`]).
//!
//! ## Review holds (大额交易审核)
//!
//! A P2P movement (stablecoin or coupon units) at or above the review threshold of the
//! [`ReviewPolicy`] does not move: once every rule of the gate passed, its value is locked in
//! the sender's own account (a stablecoin freeze, or locked coupon units) and the movement is
//! queued as a [`HeldMovement`] ([`Event::MovementHeld`] tells the sender its id, why and until
//! when). A compliance officer releases it ([`Pallet::approve_hold`]: the gate checks the
//! movement again, then it moves and counts as any transfer would) or returns it
//! ([`Pallet::reject_hold`]); the sender may withdraw it ([`Pallet::cancel_hold`]). A hold
//! nobody decided by its deadline is released or returned as the policy says (released only if
//! the gate still passes it; returned otherwise). The value is never anywhere but in the
//! sender's account until it reaches the receiver.
//!
//! ## Bounded state
//!
//! One [`AccountCounters`] item per account that moved value: two sliding-window counters
//! (current and previous window, fixed size), a structuring count, and at most
//! [`Config::MaxCounterparties`] distinct counterparties per direction for the current day,
//! kept as 64-bit hashes. One [`Trail`] per account that received a P2P transfer of at least
//! the short-cycle rule's value: at most [`Config::MaxCounterparties`] origins. One
//! [`Withdrawals`] per account that withdrew a fleeting order and one [`OrderFlow`] per
//! account that placed an order or traded in an auction (fixed size). One [`AccountFlag`]
//! per flagged account. High-risk jurisdictions: at
//! most [`Config::MaxHighRisk`]. Holds: at most [`Config::MaxHoldsPerAccount`] per sender, each
//! backing the sender's locked value; timeouts apply oldest first, at most
//! [`Config::MaxExpiriesPerBlock`] a block (no block has a quota anyone could fill).
//!
//! Rolling windows are sliding-window estimates: the current fixed window plus the previous one
//! weighted by how much of it still lies inside the rolling span (exact when movements spread
//! evenly over the previous window; never more than the two windows' sum).
//!
//! ## Calls
//!
//! - [`Pallet::set_rule`], [`Pallet::set_high_risk`]: governance.
//! - [`Pallet::clear_flag`]: the compliance committee.
//! - [`Pallet::set_review_policy`]: governance; [`Pallet::approve_hold`],
//!   [`Pallet::reject_hold`]: a compliance officer; [`Pallet::cancel_hold`]: the sender.
//!
//! `AmlApi::aml_account` reads an account's flag and counters.

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

mod governance;
mod monitor;
mod review;
pub mod weights;
mod windows;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod cycle_tests;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;

use codec::{Decode, Encode, MaxEncodedLen};
pub use genex_primitives::{
	kyc::Jurisdiction, AccountFlag, AmlAccount, Balance, MovementKind, Rule, RuleConfig, Severity,
	TransferredAsset, TravelRuleData, STABLECOIN_UNIT,
};
use polkadot_sdk::frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
pub use windows::Sliding;

/// Number of rules ([`Rule::ALL`]).
pub const RULES: usize = Rule::ALL.len();

/// Most rules the stored rule list can hold (room for rules later upgrades add).
pub const MAX_RULES: u32 = 32;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::aml";

/// The default of each rule, until governance sets it: CTR at 10,000 GUSD; velocity above
/// 100,000 GUSD or 200 movements sent a day, 1,000,000 GUSD in 30 days; structuring at three
/// movements in two days within 10 % under 10,000 GUSD or the review threshold; P2P transfers of 10 GUSD or more with
/// more than 10 distinct counterparties a day each way; cross-border movements of 10,000 GUSD
/// or more; any movement with a high-risk jurisdiction; any buy by an issuer's insider or an
/// account it funded today with 100 GUSD or more; 90 % of at least 10,000 GUSD received sent
/// on within two days; value of 1,000 GUSD or more coming back to where it left within four
/// transfers; 20 orders worth 10,000 GUSD together withdrawn within a minute of resting in a day;
/// 200 orders placed in a day with more than 50 orders per trade. Every rule on, none
/// restricts.
pub fn default_rule(rule: Rule) -> RuleConfig {
	let gusd = |n: Balance| n.saturating_mul(STABLECOIN_UNIT);
	let (value, count, severity) = match rule {
		Rule::LargeValue => (gusd(10_000), 0, Severity::Low),
		Rule::Velocity => (gusd(100_000), 200, Severity::Medium),
		Rule::MonthlyVelocity => (gusd(1_000_000), 0, Severity::Medium),
		Rule::Structuring => (gusd(10_000), 3, Severity::High),
		Rule::FanOut | Rule::FanIn => (gusd(10), 10, Severity::Medium),
		Rule::CrossBorder => (gusd(10_000), 0, Severity::Low),
		Rule::HighRiskJurisdiction => (0, 0, Severity::High),
		Rule::IssuerSelfDealing => (gusd(100), 0, Severity::High),
		Rule::RapidInOut => (gusd(10_000), 90, Severity::Medium),
		Rule::ShortCycle => (gusd(1_000), 4, Severity::Medium),
		Rule::Spoofing => (gusd(10_000), 20, Severity::Medium),
		// 200 orders a day, more than 50 orders per trade (a plain ratio, not an amount).
		Rule::OrderToTrade => (50, 200, Severity::Medium),
	};
	RuleConfig { enabled: true, value, count, severity, restrict: false }
}

/// What happens to a hold nobody decided by its deadline.
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
)]
pub enum TimeoutOutcome {
	/// The value goes back to the sender (unlocked in its account).
	Return,
	/// The movement is released if the gate still passes it, returned otherwise.
	Release,
}

/// The review policy (SRS 3.5.5 大额交易审核), as governance set it.
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
)]
pub struct ReviewPolicy<BlockNumber> {
	/// Whether P2P movements are held for review at all.
	pub enabled: bool,
	/// A P2P movement worth at least this (settlement asset's smallest unit) is held.
	pub threshold: Balance,
	/// Blocks a hold waits for a decision (1 to 30 days' worth).
	pub timeout: BlockNumber,
	/// What happens at the timeout.
	pub on_timeout: TimeoutOutcome,
}

/// Who decided a hold.
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
)]
pub enum Decision {
	/// A compliance officer ([`Pallet::approve_hold`], [`Pallet::reject_hold`]).
	Officer,
	/// The sender withdrew it ([`Pallet::cancel_hold`]).
	Sender,
	/// Nobody, by the deadline: the policy's [`TimeoutOutcome`].
	Timeout,
}

/// A P2P movement waiting for review; its value is locked in the sender's account.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct HeldMovement<AccountId, BlockNumber> {
	/// The sender.
	pub from: AccountId,
	/// The receiver.
	pub to: AccountId,
	/// What moves.
	pub asset: TransferredAsset,
	/// How much of it: the stablecoin amount, or the coupon units.
	pub quantity: Balance,
	/// Its value in the settlement asset's smallest unit.
	pub value: Balance,
	/// The Travel-Rule data the sender attached (recorded when the movement is released).
	pub travel_rule: Option<TravelRuleData>,
	/// Block it was held in.
	pub held_at: BlockNumber,
	/// First block whose start may apply the policy's timeout outcome (timeouts apply oldest
	/// hold first, at most `MaxExpiriesPerBlock` a block).
	pub deadline: BlockNumber,
}

/// Benchmark set-up the runtime provides.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Give `who` a KYC attestation in `jurisdiction`.
	fn attest(who: &AccountId, jurisdiction: Jurisdiction);
}

/// What a hit rests on, as the event carries it (the report tool adds the blocks and
/// counterparties around it from the chain's history).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Evidence {
	/// Why the movement that tripped the rule moved value.
	pub kind: MovementKind,
	/// What moved.
	pub asset: TransferredAsset,
	/// Value through the account in the rule's window, this movement included (the movement's
	/// own value for a per-movement rule; what the account received today for rapid
	/// in-and-out; the value of the day's fleeting withdrawals for spoofing; the value of the
	/// day's orders for the order-to-trade rule).
	pub window_value: Balance,
	/// Movements in the rule's window (near-threshold movements for structuring; the cycle's
	/// transfers for a short cycle; fleeting withdrawals for spoofing; orders placed that day
	/// for the order-to-trade rule).
	pub window_count: u32,
	/// Distinct counterparties in the day (fan-out: receivers; fan-in: senders); for the
	/// order-to-trade rule, the batch auctions the account traded in that day.
	pub counterparties: u32,
	/// The KYC jurisdiction of the movement's sender (`None` without an attestation).
	pub from_jurisdiction: Option<Jurisdiction>,
	/// The KYC jurisdiction of the movement's receiver.
	pub to_jurisdiction: Option<Jurisdiction>,
}

impl Evidence {
	/// A market rule's evidence (spoofing, order-to-trade, a structured order): the account's
	/// orders on `asset`, with no counterparty or jurisdictions.
	pub(crate) fn market(
		asset: TransferredAsset,
		window_value: Balance,
		window_count: u32,
		counterparties: u32,
	) -> Self {
		Evidence {
			kind: MovementKind::AuctionTrade,
			asset,
			window_value,
			window_count,
			counterparties,
			from_jurisdiction: None,
			to_jurisdiction: None,
		}
	}
}

/// An account's counters. `S` bounds each counterparty list.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct AccountCounters<S: Get<u32>> {
	/// Value and movements through the account, day windows.
	pub day: Sliding,
	/// Value and movements through the account, 30-day windows.
	pub month: Sliding,
	/// The day window the fields below count in.
	pub today: u32,
	/// Movements today the account sized just under the structuring or the review threshold
	/// (P2P transfers sent, purchases made, orders placed).
	pub near_threshold: u32,
	/// Value received today (bought, or sent to it).
	pub received: Balance,
	/// Value sent on today (transferred, sold, redeemed).
	pub sent: Balance,
	/// The day before `today`'s near-threshold movements, value received and value sent (zero
	/// when the account did not move value that day): the structuring and rapid in-and-out
	/// rules read two days, so a day's boundary does not split a pattern.
	pub yesterday: (u32, Balance, Balance),
	/// Hashes of the accounts that sent it a stablecoin transfer of at least the self-dealing
	/// rule's value today (at most `S`; a full list counts as funded by anyone).
	pub funders: BoundedVec<u64, S>,
	/// Hashes of the distinct accounts it sent a P2P transfer of at least the fan-out rule's
	/// value to today (at most `S`).
	pub receivers: BoundedVec<u64, S>,
	/// Hashes of the distinct accounts that sent it a P2P transfer of at least the fan-in
	/// rule's value today (at most `S`).
	pub senders: BoundedVec<u64, S>,
	/// Window rules that already reported today ([`Rule::bit`]).
	pub reported: u16,
}

/// Where value that reached an account came from, for the short-cycle rule: an account the
/// value left through a chain of P2P transfers ending here.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Origin {
	/// The account's 64-bit hash (as the fan lists keep counterparties).
	pub party: u64,
	/// Transfers the value took from it to here (1: it sent here directly).
	pub hops: u8,
	/// The day window the chain's first transfer (the one leaving `party`) happened in: the
	/// origin counts until the end of the next day.
	pub day: u32,
}

/// An account's short-cycle trail ([`Rule::ShortCycle`]): the origins of value it received
/// through chains started today or the day before, at most `S` (a full trail keeps the
/// newest chains first, then the shortest).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct Trail<S: Get<u32>> {
	/// The origins, at most `S`.
	pub origins: BoundedVec<Origin, S>,
	/// The day window the rule last reported the account in, plus one (0: never).
	pub reported: u32,
}

/// An account's fleeting order withdrawals in one day window ([`Rule::Spoofing`]).
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Withdrawals {
	/// The day window counted.
	pub day: u32,
	/// Orders withdrawn within `FLEETING_BLOCKS` of coming to rest that day.
	pub count: u32,
	/// Their value (open units at their price).
	pub value: Balance,
	/// Whether the rule reported the account that day.
	pub reported: bool,
}

/// An account's orders and auction trades in one day window ([`Rule::OrderToTrade`]).
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OrderFlow {
	/// The day window counted.
	pub day: u32,
	/// Orders the account placed that day (limit and market orders).
	pub orders: u32,
	/// Their value (units at their limit or worst price).
	pub value: Balance,
	/// Batch auctions the account traded in that day (its net trade in one auction counts
	/// once).
	pub trades: u32,
	/// The value of those trades (each auction's net trade).
	pub traded: Balance,
	/// Whether the rule reported the account that day.
	pub reported: bool,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::{Affiliation, CouponLedger, CreditLimit, Settlement, ValueMovement};
	use polkadot_sdk::{
		frame_support::pallet_prelude::*, frame_system::pallet_prelude::*,
		sp_runtime::traits::Convert,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Sets rules and high-risk jurisdictions: governance or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Clears an account's flag (lifting its restriction): the compliance committee or
		/// Root.
		type ComplianceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Releases or returns a held movement: a compliance officer or Root.
		type ReviewOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The whole value-movement gate (this pallet behind it): a held movement is checked
		/// and recorded through it when it is released.
		type Gate: ValueMovement<Self::AccountId, Balance>;

		/// The settlement stablecoin: held transfers are frozen in the sender's account.
		type Settlement: Settlement<Self::AccountId, Balance>;

		/// Issuers' credit: a held coupon transfer is not released while its issuer is frozen
		/// (as the coupon pallet refuses the transfer itself).
		type Credit: CreditLimit<Self::AccountId, Balance>;

		/// The KYC jurisdiction of an account's attestation in force (`None` without one).
		type Jurisdiction: Convert<Self::AccountId, Option<Jurisdiction>>;

		/// Coupon series (their issuers), for the self-dealing rule; held coupon transfers are
		/// locked in the sender's holding.
		type Coupons: CouponLedger<Self::AccountId, Balance>;

		/// Issuers' affiliates, for the self-dealing rule.
		type Affiliation: Affiliation<Self::AccountId>;

		/// Length of a day window, in blocks.
		#[pallet::constant]
		type DayBlocks: Get<BlockNumberFor<Self>>;

		/// Most distinct counterparties kept per account and direction for a day (a fan rule's
		/// count must stay below it).
		#[pallet::constant]
		type MaxCounterparties: Get<u32>;

		/// Most jurisdictions marked high-risk.
		#[pallet::constant]
		type MaxHighRisk: Get<u32>;

		/// Most movements one sender may have held at once.
		#[pallet::constant]
		type MaxHoldsPerAccount: Get<u32>;

		/// Most timeouts one block applies (the rest wait for the next blocks, oldest first).
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// Weights of this pallet's calls and of its work behind the gate, from its
		/// benchmarks.
		type WeightInfo: WeightInfo;

		/// Gives accounts a KYC jurisdiction for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Every rule as governance set it, in [`Rule::ALL`]'s order (one read per movement);
	/// [`default_rule`]'s for a rule beyond its end (all of them while unset, a rule added by
	/// an upgrade until governance sets it).
	#[pallet::storage]
	pub type Rules<T: Config> =
		StorageValue<_, BoundedVec<RuleConfig, ConstU32<MAX_RULES>>, ValueQuery>;

	/// Jurisdictions governance marked high-risk.
	#[pallet::storage]
	pub type HighRisk<T: Config> =
		StorageValue<_, BoundedVec<Jurisdiction, T::MaxHighRisk>, ValueQuery>;

	/// Each account's counters (accounts that moved value).
	#[pallet::storage]
	pub type Counters<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		AccountCounters<T::MaxCounterparties>,
		ValueQuery,
	>;

	/// Each account's short-cycle trail (accounts that received a P2P transfer of at least
	/// the short-cycle rule's value).
	#[pallet::storage]
	pub type Trails<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Trail<T::MaxCounterparties>, ValueQuery>;

	/// Each account's fleeting order withdrawals (accounts that withdrew an order within
	/// `FLEETING_BLOCKS` of it coming to rest).
	#[pallet::storage]
	pub type FleetingWithdrawals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Withdrawals, ValueQuery>;

	/// Each account's orders and auction trades of its last active day (accounts that placed
	/// an order or traded in a batch auction), for the order-to-trade rule.
	#[pallet::storage]
	pub type MarketActivity<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OrderFlow, ValueQuery>;

	/// The review policy until governance sets one: on, at 50,000 GUSD, three days, the value
	/// returned at the timeout.
	#[pallet::type_value]
	pub fn DefaultReviewPolicy<T: Config>() -> ReviewPolicy<BlockNumberFor<T>> {
		ReviewPolicy {
			enabled: true,
			threshold: 50_000u128.saturating_mul(STABLECOIN_UNIT),
			timeout: polkadot_sdk::sp_runtime::Saturating::saturating_mul(
				T::DayBlocks::get(),
				3u32.into(),
			),
			on_timeout: TimeoutOutcome::Return,
		}
	}

	/// The review policy in force.
	#[pallet::storage]
	pub type ReviewPolicyOf<T: Config> =
		StorageValue<_, ReviewPolicy<BlockNumberFor<T>>, ValueQuery, DefaultReviewPolicy<T>>;

	/// The id the next hold gets.
	#[pallet::storage]
	pub type NextHoldId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Movements waiting for review, by id.
	#[pallet::storage]
	pub type Holds<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u64,
		HeldMovement<T::AccountId, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// Each sender's held movements (what a wallet shows as pending).
	#[pallet::storage]
	pub type HoldsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<u64, T::MaxHoldsPerAccount>,
		ValueQuery,
	>;

	/// The oldest hold id that may still be pending: timeouts apply from here, in id order.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Raised flags, by account.
	#[pallet::storage]
	pub type Flags<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccountFlag<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A movement at or above the CTR threshold (a Currency Transaction Report entry).
		LargeValueMovement {
			/// Who gave up the instrument.
			from: T::AccountId,
			/// Who received it (for an auction trade, the trading account itself).
			to: T::AccountId,
			/// Why value moved.
			kind: MovementKind,
			/// What moved.
			asset: TransferredAsset,
			/// Its value in the settlement asset's smallest unit.
			value: Balance,
		},
		/// A rule was tripped: a SAR candidate.
		SuspiciousActivity {
			/// The rule.
			rule: Rule,
			/// Its severity.
			severity: Severity,
			/// The account the rule watched.
			account: T::AccountId,
			/// The other party of the movement that tripped it (`None` for an auction trade).
			counterparty: Option<T::AccountId>,
			/// The movement's value.
			value: Balance,
			/// What the hit rests on.
			evidence: Evidence,
		},
		/// An account became restricted: the gate refuses its movements until its flag is
		/// cleared.
		AccountRestricted {
			/// The account.
			account: T::AccountId,
			/// The rule whose hit restricted it.
			rule: Rule,
		},
		/// A compliance officer cleared an account's flag (and its restriction).
		FlagCleared {
			/// The account.
			account: T::AccountId,
		},
		/// Governance set a rule.
		RuleSet {
			/// The rule.
			rule: Rule,
			/// Its new configuration.
			config: RuleConfig,
		},
		/// A P2P movement at or above the review threshold was held for a compliance officer;
		/// its value stays locked in the sender's account until it is decided.
		MovementHeld {
			/// The hold's id (for `approveHold`, `rejectHold`, `cancelHold`).
			id: u64,
			/// The sender.
			from: T::AccountId,
			/// The receiver.
			to: T::AccountId,
			/// What moves.
			asset: TransferredAsset,
			/// The stablecoin amount, or the coupon units.
			quantity: Balance,
			/// Its value in the settlement asset's smallest unit.
			value: Balance,
			/// The review threshold it reached.
			threshold: Balance,
			/// First block whose start may apply the policy's timeout outcome.
			deadline: BlockNumberFor<T>,
		},
		/// A held movement was released: the value moved to the receiver and counts as a
		/// transfer (KYC windows, the Travel-Rule register, the AML rules).
		HoldReleased {
			/// The hold.
			id: u64,
			/// The sender.
			from: T::AccountId,
			/// The receiver.
			to: T::AccountId,
			/// What moved.
			asset: TransferredAsset,
			/// The stablecoin amount, or the coupon units.
			quantity: Balance,
			/// Its value in the settlement asset's smallest unit.
			value: Balance,
			/// The Travel-Rule record, when the sender attached Travel-Rule data.
			travel_rule_record: Option<u64>,
			/// Who decided.
			by: Decision,
		},
		/// A held movement was returned: the value is unlocked in the sender's account.
		HoldReturned {
			/// The hold.
			id: u64,
			/// The sender.
			from: T::AccountId,
			/// The receiver it was meant for.
			to: T::AccountId,
			/// What was held.
			asset: TransferredAsset,
			/// What was unlocked (fewer coupon units than held when the series expired
			/// meanwhile).
			returned: Balance,
			/// Who decided.
			by: Decision,
			/// At a timeout set to release: why the gate refused the movement.
			refusal: Option<DispatchError>,
		},
		/// Governance set the review policy.
		ReviewPolicySet {
			/// The new policy (for holds made from now on; the timeout outcome for every
			/// hold).
			policy: ReviewPolicy<BlockNumberFor<T>>,
		},
		/// Governance marked a jurisdiction high-risk, or unmarked it.
		HighRiskSet {
			/// The jurisdiction.
			jurisdiction: Jurisdiction,
			/// Whether it is high-risk now.
			high_risk: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// AML monitoring restricts a party of this movement (a high-severity hit); a
		/// compliance officer must review and clear its flag first.
		AccountRestricted,
		/// The rule's threshold value must be above zero (the CTR, velocity, structuring,
		/// cross-border, rapid in-and-out, short-cycle and order-to-trade rules).
		ZeroValue,
		/// The rule's count must be above zero (velocity, structuring, fan-out, fan-in, rapid
		/// in-and-out, spoofing, order-to-trade).
		ZeroCount,
		/// A fan rule's count must stay below `MaxCounterparties`; the rapid in-and-out
		/// rule's at most 100 (percent); the short-cycle rule's at most `MAX_CYCLE_HOPS`.
		CountTooHigh,
		/// Only a `High` rule may restrict accounts.
		RestrictNeedsHigh,
		/// Fan-in and short cycles are driven by what others send the account: they may only
		/// report, never restrict (anyone could otherwise restrict anyone).
		CannotRestrict,
		/// The jurisdiction is not two upper-case ASCII letters (ISO 3166-1 alpha-2).
		InvalidJurisdiction,
		/// The jurisdiction is already marked high-risk.
		AlreadyHighRisk,
		/// The jurisdiction is not marked high-risk.
		NotHighRisk,
		/// `MaxHighRisk` jurisdictions are marked already.
		TooManyHighRisk,
		/// The account has no flag to clear.
		NotFlagged,
		/// No held movement has this id (decided already, or never held).
		UnknownHold,
		/// Only the sender may withdraw its held movement.
		NotHoldSender,
		/// The sender has `MaxHoldsPerAccount` movements held already; wait for a decision.
		TooManyHolds,
		/// The sender cannot lock the value for review: its balance less what is frozen and
		/// the asset's minimum balance is below the amount.
		InsufficientToHold,
		/// The review threshold must be above zero when reviews are on.
		ZeroThreshold,
		/// The review timeout must be at least one block and at most 30 days.
		TimeoutOutOfRange,
		/// A coupon quantity above what a holding can count.
		QuantityOverflow,
		/// The coupon's issuer is frozen (credit default): its coupons do not move.
		IssuerFrozen,
		/// The short-cycle rule's count (the longest cycle followed) must be at least 2.
		CountTooLow,
		/// A trade (an order, a fixed-price or primary purchase) worth at least the review
		/// threshold: trades cannot wait for a compliance officer, so they are refused from the
		/// threshold up. Move that much value P2P, where it is held for review.
		TradeNeedsReview,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::DayBlocks::get() > 0u32.into(), "DayBlocks must be positive");
			assert!(T::MaxCounterparties::get() > 1, "MaxCounterparties must exceed 1");
			assert!(RULES <= MAX_RULES as usize, "the rule list must hold every rule");
			assert!(T::MaxHoldsPerAccount::get() > 0, "MaxHoldsPerAccount must be positive");
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			for rule in [Rule::FanOut, Rule::FanIn] {
				assert!(
					default_rule(rule).count < T::MaxCounterparties::get(),
					"the fan rules' default count must stay below MaxCounterparties"
				);
			}
		}

		/// Apply the timeout outcome to the oldest holds whose deadline has come (at most
		/// `MaxExpiriesPerBlock`).
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_expire_holds(n)
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
		/// Set `rule`: on or off, its thresholds, its severity, whether a hit restricts. See
		/// [`Rule`] for what `value` and `count` mean for each rule. In force from the next
		/// movement.
		///
		/// - Origin: governance or Root.
		/// - Fails with `ZeroValue`, `ZeroCount`, `CountTooHigh`, `CountTooLow`,
		///   `RestrictNeedsHigh`, `CannotRestrict`.
		///
		/// Emits `RuleSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rule())]
		pub fn set_rule(origin: OriginFor<T>, rule: Rule, config: RuleConfig) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_rule(rule, config)
		}

		/// Mark `jurisdiction` (ISO 3166-1 alpha-2) high-risk, or unmark it.
		///
		/// - Origin: governance or Root.
		/// - Fails with `InvalidJurisdiction`, `AlreadyHighRisk`, `NotHighRisk`,
		///   `TooManyHighRisk`.
		///
		/// Emits `HighRiskSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_high_risk())]
		pub fn set_high_risk(
			origin: OriginFor<T>,
			jurisdiction: Jurisdiction,
			high_risk: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_high_risk(jurisdiction, high_risk)
		}

		/// Clear `who`'s flag after review, lifting its restriction. Its counters stay; today's
		/// window rules may report it again.
		///
		/// - Origin: the compliance committee or Root.
		/// - Fails with `NotFlagged`.
		///
		/// Emits `FlagCleared`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::clear_flag())]
		pub fn clear_flag(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ComplianceOrigin::ensure_origin(origin)?;
			Self::do_clear_flag(who)
		}

		/// Set the review policy: whether P2P movements are held, from which value, for how
		/// long, and what happens when nobody decides. The threshold and timeout apply to
		/// movements held from now on; the timeout outcome to every hold.
		///
		/// - Origin: governance or Root.
		/// - Fails with `ZeroThreshold`, `TimeoutOutOfRange`.
		///
		/// Emits `ReviewPolicySet`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_review_policy())]
		pub fn set_review_policy(
			origin: OriginFor<T>,
			policy: ReviewPolicy<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_review_policy(policy)
		}

		/// Release held movement `id` after review: the gate checks it again (sanctions, KYC
		/// levels and limits, the Travel Rule, AML restrictions, as of now), then the value
		/// moves from the sender's lock to the receiver and counts as a transfer.
		///
		/// - Origin: a compliance officer or Root.
		/// - Fails with `UnknownHold`, `IssuerFrozen` (a coupon whose issuer's credit is frozen),
		///   or the error of the rule that refuses the movement now (reject it then), or of the
		///   asset (the stablecoin pallet's `CannotReceive`, the coupon pallet's `SeriesExpired`,
		///   `SeriesDelisted` or `HoldingLimitExceeded`, ...); nothing is written then.
		///
		/// Emits `HoldReleased` (and the rules' events, e.g. `LargeValueMovement`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::approve_hold().max(T::WeightInfo::approve_hold_units()))]
		pub fn approve_hold(origin: OriginFor<T>, id: u64) -> DispatchResult {
			T::ReviewOrigin::ensure_origin(origin)?;
			Self::do_approve_hold(id)
		}

		/// Return held movement `id` after review: the value is unlocked in the sender's
		/// account. Report the suspicion off chain (the SAR) as the review found it.
		///
		/// - Origin: a compliance officer or Root.
		/// - Fails with `UnknownHold`.
		///
		/// Emits `HoldReturned`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reject_hold())]
		pub fn reject_hold(origin: OriginFor<T>, id: u64) -> DispatchResult {
			T::ReviewOrigin::ensure_origin(origin)?;
			Self::do_reject_hold(id)
		}

		/// Withdraw your own held movement `id`: the value is unlocked in your account.
		///
		/// - Origin: signed, the hold's sender.
		/// - Fails with `UnknownHold`, `NotHoldSender`.
		///
		/// Emits `HoldReturned`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_hold())]
		pub fn cancel_hold(origin: OriginFor<T>, id: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_hold(who, id)
		}
	}
}
