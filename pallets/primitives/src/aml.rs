//! AML monitoring's shared types: the rules, a hit's severity, an account's flag and the view
//! `AmlApi` returns. The rules themselves run in `pallet-aml`, behind the value-movement gate
//! ([`crate::movement`]).

use crate::Balance;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An AML rule (SRS 3.5.5). What [`RuleConfig::value`] and [`RuleConfig::count`] mean depends on
/// the rule; each variant says.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Rule {
	/// Currency Transaction Report: every movement of at least `value` emits
	/// `LargeValueMovement` (a report, not a suspicion). `count` unused.
	LargeValue,
	/// Velocity: more than `value` moved through the account (sent plus received), or more
	/// than `count` movements, in the rolling 24 hours.
	Velocity,
	/// Velocity over 30 days: more than `value` moved through the account in the rolling 30
	/// days. `count` unused.
	MonthlyVelocity,
	/// Structuring: `count` or more movements today and the day before (fixed day windows)
	/// just under `value` or just under the review threshold while review is on (within 10 %
	/// below either), e.g. many transfers just under the CTR threshold or purchases split to
	/// stay under review. What counts is what the account sized itself: P2P transfers it sent,
	/// fixed-price and primary purchases it made, and orders it placed (units at their limit
	/// or worst price) — never the passive side of a trade.
	Structuring,
	/// Fan-out (分散洗钱): P2P transfers of at least `value` to more than `count` distinct
	/// accounts in the current day.
	FanOut,
	/// Fan-in: P2P transfers of at least `value` from more than `count` distinct accounts in
	/// the current day. Only reports: what others send an account cannot restrict it.
	FanIn,
	/// Cross-border (跨境洗钱): one movement of at least `value` between accounts whose KYC
	/// jurisdictions differ. `count` unused.
	CrossBorder,
	/// High-risk jurisdiction: a movement of at least `value` with a party whose KYC
	/// jurisdiction governance marked high-risk. `count` unused.
	HighRiskJurisdiction,
	/// Issuer self-dealing and wash trades (发行方自洗): a buy of a coupon series (primary,
	/// direct trade or auction) by the series' issuer or an affiliate, by an account the issuer
	/// sent a stablecoin transfer of at least `value` to earlier today, or — in a direct trade —
	/// by an account the seller so funded. `count` unused.
	IssuerSelfDealing,
	/// Rapid in-and-out (layering, 买券洗钱): an account that received at least `value` today
	/// and the day before (bought, or was sent) and sent on (transferred, sold, redeemed) at
	/// least `count` percent of it in those two days.
	RapidInOut,
	/// Short cycle (环形转移, 循环转账): value that left an account comes back to it through a
	/// chain of P2P transfers, each of at least `value`, of at most `count` transfers (2 to
	/// [`MAX_CYCLE_HOPS`]; A → B → A is 2), the chain started today or the day before. The
	/// account the value returned to is reported, its last sender as the counterparty. Only
	/// reports: others close the cycle, so it could otherwise restrict anyone.
	ShortCycle,
	/// Spoofing and layering on the market (SRS 3.3.6): `count` or more of the account's own
	/// resting orders withdrawn today within [`FLEETING_BLOCKS`] blocks of coming to rest
	/// (before they could trade), worth at least `value` together (open units at their price).
	Spoofing,
	/// Order-to-trade ratio and quote stuffing on the market (SRS 3.3.6): at least `count`
	/// orders placed today (fixed day window) and either more than `value` orders per batch
	/// auction the account traded in that day, or an ordered value (units at their limit or
	/// worst price) more than `value` times the value it traded (`value` is a plain ratio
	/// here, not an amount; an account that did not trade counts as one trade of one unit).
	OrderToTrade,
}

/// Longest cycle the short-cycle rule follows ([`Rule::ShortCycle`]), in transfers.
pub const MAX_CYCLE_HOPS: u32 = 6;

/// An order withdrawn within this many blocks of coming to rest counts as fleeting
/// ([`Rule::Spoofing`]): one minute.
pub const FLEETING_BLOCKS: u32 = crate::time::MINUTES;

impl Rule {
	/// Every rule, in order.
	pub const ALL: [Rule; 13] = [
		Rule::LargeValue,
		Rule::Velocity,
		Rule::MonthlyVelocity,
		Rule::Structuring,
		Rule::FanOut,
		Rule::FanIn,
		Rule::CrossBorder,
		Rule::HighRiskJurisdiction,
		Rule::IssuerSelfDealing,
		Rule::RapidInOut,
		Rule::ShortCycle,
		Rule::Spoofing,
		Rule::OrderToTrade,
	];

	/// The rule's bit in a per-window "already reported" mask.
	pub fn bit(self) -> u16 {
		1u16.checked_shl(u32::from(self as u8)).unwrap_or_default()
	}
}

/// How serious a hit is. Ordered: `Low < Medium < High`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Severity {
	/// Worth a look in the daily report.
	#[default]
	Low,
	/// A SAR candidate.
	Medium,
	/// A SAR candidate that may restrict the account (see [`RuleConfig::restrict`]).
	High,
}

/// A rule as governance set it.
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
pub struct RuleConfig {
	/// Whether the rule runs.
	pub enabled: bool,
	/// The rule's value threshold in the settlement asset's smallest unit (see [`Rule`]).
	pub value: Balance,
	/// The rule's count threshold (see [`Rule`]).
	pub count: u32,
	/// The severity of a hit.
	pub severity: Severity,
	/// Whether a hit restricts the account (the gate then refuses its movements and the
	/// auction its orders until a compliance officer clears the flag). Only a `High` rule
	/// restricts; a lower one only reports.
	pub restrict: bool,
}

/// An account's AML flag: raised by its first hit, cleared by a compliance officer.
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
pub struct AccountFlag<BlockNumber> {
	/// The highest severity of its hits since the flag was raised.
	pub severity: Severity,
	/// Hits since the flag was raised (saturating).
	pub hits: u32,
	/// The rule of the latest hit.
	pub last_rule: Rule,
	/// Block of the latest hit.
	pub last_at: BlockNumber,
	/// Whether the account is restricted (a hit under a rule set to restrict).
	pub restricted: bool,
}

/// What `AmlApi::account` returns: an account's flag and its counters now.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct AmlAccount<BlockNumber> {
	/// Its flag, if one is raised.
	pub flag: Option<AccountFlag<BlockNumber>>,
	/// Value moved through it (sent plus received) in the rolling 24 hours (sliding-window
	/// estimate).
	pub day_value: Balance,
	/// Movements it sent in the rolling 24 hours (sliding-window estimate).
	pub day_count: u32,
	/// Value moved through it in the rolling 30 days (sliding-window estimate).
	pub month_value: Balance,
	/// Movements it sized just under the structuring value or the review threshold today
	/// (P2P transfers sent, purchases made, orders placed).
	pub near_threshold: u32,
	/// Value it received today (bought, or was sent).
	pub received_today: Balance,
	/// Value it sent on today (transferred, sold, redeemed).
	pub sent_today: Balance,
	/// Distinct accounts it sent to today (P2P).
	pub receivers: u32,
	/// Distinct accounts it received from today (P2P).
	pub senders: u32,
}
