//! The one gate every movement of value passes: [`ValueMovement`].
//!
//! A stablecoin transfer, a coupon transfer, a trade (fixed-price listing or batch auction), a
//! primary purchase, a redemption and a refund each describe themselves as a [`Movement`] —
//! who gives, who receives, what, how much, why — and ask the gate twice: [`ValueMovement::check`]
//! before their first write, [`ValueMovement::record`] after their last check passed. The
//! runtime's gate is [`ComplianceGate`]: sanctions, KYC levels, the Travel Rule, KYC limits and
//! AML monitoring, in that order, in one place. A movement path never calls those rules itself,
//! so a new path cannot forget one and a new rule reaches every path.

use crate::{
	kyc::{KycLevel, KycProvider},
	sanctions::SanctionsScreen,
	travel_rule::{TransferredAsset, TravelRule, TravelRuleData},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::{traits::Zero, DispatchError, DispatchResult},
};
use scale_info::TypeInfo;

/// Why value moves. Decides which KYC limits apply and whether the Travel Rule does.
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
pub enum MovementKind {
	/// A peer-to-peer transfer (stablecoin or coupon units, an issuer's direct sale included):
	/// both parties L1 or above; the sender's daily P2P limits; the Travel Rule.
	P2p,
	/// A fixed-price sale between two holders (一口价): both parties L1; both parties' daily
	/// trade and P2P limits (value moves from one account to one other, as a transfer would).
	DirectTrade,
	/// One account's net trade in a series' batch auction (no single counterparty: the book
	/// is the other side). Asked through [`ValueMovement::screen_party`] and
	/// [`ValueMovement::record_party`].
	AuctionTrade,
	/// A primary purchase from the issuer at the issue price: the buyer L1 and its daily
	/// trade limit.
	Primary,
	/// A holder redeeming units with the issuer or its merchant: sanctions on both parties and
	/// AML restriction of the holder only (a holder whose KYC lapsed still gets what it paid
	/// for; a restricted merchant does not stop its customers).
	Redemption,
	/// An issuer buying units back (refund): as a redemption.
	Refund,
}

/// One movement of value, described to the gate. `from` gives up the instrument (`asset`), `to`
/// receives it; `value` is what it is worth in the settlement asset's smallest unit (a
/// coupon's face value × units for transfers and redemptions, the price paid for trades).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Movement<'a, AccountId, Balance> {
	/// Who gives up the instrument (the sender, the seller, the issuer in a primary sale, the
	/// holder in a redemption or refund).
	pub from: &'a AccountId,
	/// Who receives it (the receiver, the buyer, the merchant or issuer redeeming).
	pub to: &'a AccountId,
	/// What moves.
	pub asset: TransferredAsset,
	/// Its value in the settlement asset's smallest unit.
	pub value: Balance,
	/// Why.
	pub kind: MovementKind,
	/// Travel-Rule data the sender attached (P2P only).
	pub travel_rule: Option<&'a TravelRuleData>,
}

/// Why the gate refuses a party of a batch auction (so the book can say why its orders went).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PartyRefusal {
	/// The account is on the blocked-address list.
	Sanctioned,
	/// The account's KYC level is below L1.
	KycLevel,
	/// AML monitoring restricts the account (a high-severity hit governance set to restrict).
	Restricted,
}

/// What [`ValueMovement::record`] did.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[must_use = "a caller that charged `ValueMovement::weight` refunds what monitoring did not use"]
pub struct Recorded {
	/// The Travel-Rule record's id when the movement carried Travel-Rule data.
	pub travel_rule_record: Option<u64>,
	/// What the monitoring part of the movement's check and record used, at most
	/// [`ValueMovement::weight`]: a caller that charged `weight()` up front refunds the rest.
	pub monitor_weight: Weight,
}

/// The gate every movement of value passes.
pub trait ValueMovement<AccountId, Balance> {
	/// Every rule's check of `m`, reading only. The first failing rule's error.
	fn check(m: &Movement<AccountId, Balance>) -> DispatchResult;

	/// Count `m` everywhere it counts (KYC windows, the Travel-Rule register, AML counters and
	/// rules) once it passed [`ValueMovement::check`] and nothing else can fail. Returns the
	/// Travel-Rule record's id when `m` carried Travel-Rule data, and the monitoring weight
	/// used.
	fn record(m: &Movement<AccountId, Balance>) -> Recorded;

	/// Whether `m` waits for a compliance officer instead of moving now (SRS 3.5.5, 大额交易审核:
	/// a P2P movement at or above the review threshold). Asked after [`ValueMovement::check`]
	/// passed; a path that gets `true` holds the movement ([`ValueMovement::hold`]) instead of
	/// moving and recording it.
	fn review_required(m: &Movement<AccountId, Balance>) -> bool;

	/// `Ok` when `m` can be held now with `quantity` of its asset (the stablecoin amount, or
	/// the coupon units) locked in the sender's own account; the monitor's typed error
	/// otherwise. Reads only.
	fn ensure_can_hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> DispatchResult;

	/// Hold `m` after [`ValueMovement::ensure_can_hold`] passed: lock `quantity` in the
	/// sender's own account and queue the movement for review. Nothing is counted until it is
	/// released. Returns the hold's id.
	fn hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> Result<u64, DispatchError>;

	/// A batch auction's screen of one account before it clears: `Ok` when `who` may trade.
	fn screen_party(who: &AccountId) -> Result<(), PartyRefusal>;

	/// How much more `who` may trade today (its KYC level's daily trade limit less what it
	/// traded): a batch clamps an account's orders to it before it clears.
	fn trade_room(who: &AccountId) -> Balance;

	/// Count `who`'s net trade of `value` in a batch auction of `asset`; `bought` when it
	/// received units.
	fn record_party(who: &AccountId, asset: TransferredAsset, value: Balance, bought: bool);

	/// Count `who` withdrawing its own resting order of `asset` worth `value` (its open units
	/// at its price) after it rested `rested` blocks, for market surveillance (spoofing: orders
	/// withdrawn before they could trade). Never fails.
	fn record_withdrawal(who: &AccountId, asset: TransferredAsset, value: Balance, rested: u32);

	/// Upper bound of one [`ValueMovement::record_withdrawal`]: a caller adds it to its weight.
	fn withdrawal_weight() -> Weight;

	/// Count `who` placing an order of `asset` worth `value` (units at its limit or worst
	/// price), for market surveillance (the order-to-trade ratio). Never fails.
	fn record_order(who: &AccountId, asset: TransferredAsset, value: Balance);

	/// Upper bound of one [`ValueMovement::record_order`]: a caller adds it to its weight.
	fn order_weight() -> Weight;

	/// Upper bound of the monitoring part of one movement's [`ValueMovement::check`] and
	/// [`ValueMovement::record`], or of its hold (the sanctions, KYC and Travel-Rule parts are in the caller's
	/// benchmark): a caller adds it to its weight.
	fn weight() -> Weight;

	/// Upper bound of the monitoring part of one party's screen and record in an auction.
	fn party_weight() -> Weight;

	/// The storage the monitoring of a quiet movement (no rule trips, no lookup beyond the
	/// quiet path) reads and writes: part of [`Recorded::monitor_weight`]. A caller whose own
	/// benchmark ran a quiet movement through the runtime's gate (the stablecoin's transfers)
	/// measured it there, and subtracts it from `monitor_weight` instead of paying it twice.
	/// Execution is not part of it: an account's full counters decode slower than a
	/// benchmark's fresh ones, so that stays charged.
	fn quiet_weight() -> Weight;

	/// The monitor's storage a quiet auction party's screen and record read and write (its flag
	/// and counters, the rules, the high-risk list): part of [`ValueMovement::party_weight`]. A
	/// batch auction's benchmark screens and records every party through the runtime's gate:
	/// its per-order costs include each party's flag and counters, and its fixed cost, paid
	/// once per auction and block, the rules and the high-risk list, which every later party
	/// of the block then reads again from the block's cache. The auction adds only the rest of
	/// `party_weight`.
	fn quiet_party_weight() -> Weight;

	/// `Ok` when a trade worth `value` may settle without a compliance officer's review: below
	/// the review threshold (SRS 3.5.5, 大额交易审核), else the monitor's typed error. A batch
	/// auction or a fixed-price sale cannot wait for an officer, so an order or a purchase at
	/// or above it is refused (value that large moves P2P, where it is held for review).
	fn ensure_trade_below_review(value: Balance) -> DispatchResult;

	/// Upper bound of one [`ValueMovement::ensure_trade_below_review`]: a caller adds it to its
	/// weight.
	fn review_read_weight() -> Weight;
}

/// No gate: every movement passes, nothing is counted. For tests of paths that are not about
/// compliance.
impl<AccountId, Balance: polkadot_sdk::sp_runtime::traits::Bounded>
	ValueMovement<AccountId, Balance> for ()
{
	fn check(_: &Movement<AccountId, Balance>) -> DispatchResult {
		Ok(())
	}
	fn record(_: &Movement<AccountId, Balance>) -> Recorded {
		Recorded::default()
	}
	fn review_required(_: &Movement<AccountId, Balance>) -> bool {
		false
	}
	fn ensure_can_hold(_: &Movement<AccountId, Balance>, _: Balance) -> DispatchResult {
		Err(NO_REVIEW)
	}
	fn hold(_: &Movement<AccountId, Balance>, _: Balance) -> Result<u64, DispatchError> {
		Err(NO_REVIEW)
	}
	fn screen_party(_: &AccountId) -> Result<(), PartyRefusal> {
		Ok(())
	}
	fn trade_room(_: &AccountId) -> Balance {
		Balance::max_value()
	}
	fn record_party(_: &AccountId, _: TransferredAsset, _: Balance, _: bool) {}
	fn record_withdrawal(_: &AccountId, _: TransferredAsset, _: Balance, _: u32) {}
	fn withdrawal_weight() -> Weight {
		Weight::zero()
	}
	fn record_order(_: &AccountId, _: TransferredAsset, _: Balance) {}
	fn order_weight() -> Weight {
		Weight::zero()
	}
	fn weight() -> Weight {
		Weight::zero()
	}
	fn party_weight() -> Weight {
		Weight::zero()
	}
	fn quiet_weight() -> Weight {
		Weight::zero()
	}
	fn quiet_party_weight() -> Weight {
		Weight::zero()
	}
	fn ensure_trade_below_review(_: Balance) -> DispatchResult {
		Ok(())
	}
	fn review_read_weight() -> Weight {
		Weight::zero()
	}
}

/// Error of the no-op gate and monitor when asked to hold a movement: they never require a
/// review, so nothing can be held.
pub const NO_REVIEW: DispatchError = DispatchError::Other("no review of movements");

/// AML monitoring behind the gate: the last rule checked, the last thing recorded.
pub trait AmlMonitor<AccountId, Balance> {
	/// `Ok` unless monitoring restricts a party of `m` (the monitor's own error). For a
	/// redemption or refund, only the holder (`from`).
	fn check(m: &Movement<AccountId, Balance>) -> DispatchResult;

	/// Whether monitoring restricts `who` from trading.
	fn is_restricted(who: &AccountId) -> bool;

	/// Evaluate the rules on `m` and count it. Never fails. Returns the weight the monitoring
	/// part of `m`'s check and record used (at most [`AmlMonitor::weight`]).
	fn record(m: &Movement<AccountId, Balance>) -> Weight;

	/// Evaluate the rules on `who`'s net auction trade and count it. Never fails.
	fn record_party(who: &AccountId, asset: TransferredAsset, value: Balance, bought: bool);

	/// See [`ValueMovement::record_withdrawal`].
	fn record_withdrawal(who: &AccountId, asset: TransferredAsset, value: Balance, rested: u32);

	/// Upper bound of one [`AmlMonitor::record_withdrawal`].
	fn withdrawal_weight() -> Weight;

	/// See [`ValueMovement::record_order`].
	fn record_order(who: &AccountId, asset: TransferredAsset, value: Balance);

	/// Upper bound of one [`AmlMonitor::record_order`].
	fn order_weight() -> Weight;

	/// See [`ValueMovement::review_required`] (asked of P2P movements only).
	fn review_required(m: &Movement<AccountId, Balance>) -> bool;

	/// See [`ValueMovement::ensure_can_hold`].
	fn ensure_can_hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> DispatchResult;

	/// See [`ValueMovement::hold`].
	fn hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> Result<u64, DispatchError>;

	/// Upper bound of one movement's [`AmlMonitor::check`] and [`AmlMonitor::record`], or of
	/// its [`AmlMonitor::review_required`], [`AmlMonitor::ensure_can_hold`] and
	/// [`AmlMonitor::hold`].
	fn weight() -> Weight;

	/// Upper bound of one party's [`AmlMonitor::is_restricted`] and
	/// [`AmlMonitor::record_party`].
	fn party_weight() -> Weight;

	/// See [`ValueMovement::quiet_weight`].
	fn quiet_weight() -> Weight;

	/// See [`ValueMovement::quiet_party_weight`].
	fn quiet_party_weight() -> Weight;

	/// See [`ValueMovement::ensure_trade_below_review`].
	fn ensure_trade_below_review(value: Balance) -> DispatchResult;

	/// Upper bound of one [`AmlMonitor::ensure_trade_below_review`].
	fn review_read_weight() -> Weight;
}

/// No monitoring.
impl<AccountId, Balance> AmlMonitor<AccountId, Balance> for () {
	fn check(_: &Movement<AccountId, Balance>) -> DispatchResult {
		Ok(())
	}
	fn is_restricted(_: &AccountId) -> bool {
		false
	}
	fn record(_: &Movement<AccountId, Balance>) -> Weight {
		Weight::zero()
	}
	fn record_party(_: &AccountId, _: TransferredAsset, _: Balance, _: bool) {}
	fn record_withdrawal(_: &AccountId, _: TransferredAsset, _: Balance, _: u32) {}
	fn withdrawal_weight() -> Weight {
		Weight::zero()
	}
	fn record_order(_: &AccountId, _: TransferredAsset, _: Balance) {}
	fn order_weight() -> Weight {
		Weight::zero()
	}
	fn review_required(_: &Movement<AccountId, Balance>) -> bool {
		false
	}
	fn ensure_can_hold(_: &Movement<AccountId, Balance>, _: Balance) -> DispatchResult {
		Err(NO_REVIEW)
	}
	fn hold(_: &Movement<AccountId, Balance>, _: Balance) -> Result<u64, DispatchError> {
		Err(NO_REVIEW)
	}
	fn weight() -> Weight {
		Weight::zero()
	}
	fn party_weight() -> Weight {
		Weight::zero()
	}
	fn quiet_weight() -> Weight {
		Weight::zero()
	}
	fn quiet_party_weight() -> Weight {
		Weight::zero()
	}
	fn ensure_trade_below_review(_: Balance) -> DispatchResult {
		Ok(())
	}
	fn review_read_weight() -> Weight {
		Weight::zero()
	}
}

/// The runtime's gate: sanctions (`S`), KYC levels and limits (`K`), the Travel Rule (`R`) and
/// AML monitoring (`M`), checked in that order.
///
/// | kind | levels | KYC limits | Travel Rule |
/// |------|--------|------------|-------------|
/// | `P2p` | both ≥ L1 | sender's P2P | plain: sender's window + value below the threshold; routed: data well formed |
/// | `DirectTrade` | both ≥ L1 | both sides' trade and P2P | — |
/// | `AuctionTrade` | party ≥ L1 | trade room, netted | — |
/// | `Primary` | buyer ≥ L1 | buyer's trade | — |
/// | `Redemption`, `Refund` | — | — | — |
///
/// Sanctions hold for both parties of every kind. AML monitoring checks and records last, and
/// decides which P2P movements wait for review.
pub struct ComplianceGate<S, K, R, M>(core::marker::PhantomData<(S, K, R, M)>);

impl<AccountId, Balance, S, K, R, M> ValueMovement<AccountId, Balance>
	for ComplianceGate<S, K, R, M>
where
	Balance: Copy + Zero,
	S: SanctionsScreen<AccountId>,
	K: KycProvider<AccountId, Balance>,
	R: TravelRule<AccountId, Balance>,
	M: AmlMonitor<AccountId, Balance>,
{
	fn check(m: &Movement<AccountId, Balance>) -> DispatchResult {
		S::ensure_clear(m.from, m.to)?;
		match m.kind {
			MovementKind::P2p => {
				K::ensure_level(m.from, KycLevel::L1)?;
				K::ensure_level(m.to, KycLevel::L1)?;
				match m.travel_rule {
					None => R::ensure_below_threshold_for(K::p2p_used(m.from), m.value)?,
					Some(data) => R::validate(data)?,
				}
				K::check_p2p(m.from, m.value)?;
			},
			MovementKind::DirectTrade => {
				K::ensure_level(m.to, KycLevel::L1)?;
				K::ensure_level(m.from, KycLevel::L1)?;
				K::check_volume(m.to, m.value)?;
				K::check_volume(m.from, m.value)?;
				K::check_p2p(m.to, m.value)?;
				K::check_p2p(m.from, m.value)?;
			},
			MovementKind::AuctionTrade | MovementKind::Primary => {
				K::ensure_level(m.to, KycLevel::L1)?;
				K::check_volume(m.to, m.value)?;
			},
			MovementKind::Redemption | MovementKind::Refund => {},
		}
		if matches!(
			m.kind,
			MovementKind::DirectTrade | MovementKind::AuctionTrade | MovementKind::Primary
		) {
			// A trade cannot wait for review: at or above the threshold it is refused.
			M::ensure_trade_below_review(m.value)?;
		}
		M::check(m)
	}

	fn record(m: &Movement<AccountId, Balance>) -> Recorded {
		let mut travel_rule_record = None;
		match m.kind {
			MovementKind::P2p => {
				K::record_p2p(m.from, m.value);
				travel_rule_record = m
					.travel_rule
					.map(|data| R::record(m.from, m.to, m.asset, m.value, data.clone()));
			},
			MovementKind::DirectTrade => {
				K::record_volume(m.to, m.value);
				K::record_volume(m.from, m.value);
				K::record_p2p(m.to, m.value);
				K::record_p2p(m.from, m.value);
			},
			MovementKind::AuctionTrade | MovementKind::Primary => K::record_volume(m.to, m.value),
			MovementKind::Redemption | MovementKind::Refund => {},
		}
		let monitor_weight = M::record(m);
		Recorded { travel_rule_record, monitor_weight }
	}

	fn review_required(m: &Movement<AccountId, Balance>) -> bool {
		matches!(m.kind, MovementKind::P2p) && M::review_required(m)
	}

	fn ensure_can_hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> DispatchResult {
		M::ensure_can_hold(m, quantity)
	}

	fn hold(m: &Movement<AccountId, Balance>, quantity: Balance) -> Result<u64, DispatchError> {
		M::hold(m, quantity)
	}

	fn screen_party(who: &AccountId) -> Result<(), PartyRefusal> {
		if S::is_blocked(who) {
			Err(PartyRefusal::Sanctioned)
		} else if K::ensure_level(who, KycLevel::L1).is_err() {
			Err(PartyRefusal::KycLevel)
		} else if M::is_restricted(who) {
			Err(PartyRefusal::Restricted)
		} else {
			Ok(())
		}
	}

	fn trade_room(who: &AccountId) -> Balance {
		K::trade_room(who)
	}

	fn record_party(who: &AccountId, asset: TransferredAsset, value: Balance, bought: bool) {
		K::record_volume(who, value);
		M::record_party(who, asset, value, bought);
	}

	fn record_withdrawal(who: &AccountId, asset: TransferredAsset, value: Balance, rested: u32) {
		M::record_withdrawal(who, asset, value, rested)
	}

	fn withdrawal_weight() -> Weight {
		M::withdrawal_weight()
	}

	fn record_order(who: &AccountId, asset: TransferredAsset, value: Balance) {
		M::record_order(who, asset, value)
	}

	fn order_weight() -> Weight {
		M::order_weight()
	}

	fn weight() -> Weight {
		M::weight()
	}

	fn party_weight() -> Weight {
		M::party_weight()
	}

	fn quiet_weight() -> Weight {
		M::quiet_weight()
	}

	fn quiet_party_weight() -> Weight {
		M::quiet_party_weight()
	}

	fn ensure_trade_below_review(value: Balance) -> DispatchResult {
		M::ensure_trade_below_review(value)
	}

	fn review_read_weight() -> Weight {
		M::review_read_weight()
	}
}

/// A test double of [`AmlMonitor`]: restricts the accounts a test names and remembers what it
/// was asked to record.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use polkadot_sdk::sp_runtime::DispatchError;
	use std::{cell::RefCell, collections::BTreeSet};

	/// Error the mock returns for a restricted account.
	pub const MOCK_RESTRICTED: DispatchError = DispatchError::Other("MockAml: account restricted");

	/// Error the mock returns for a trade at or above the review threshold.
	pub const MOCK_TRADE_NEEDS_REVIEW: DispatchError =
		DispatchError::Other("MockAml: trade needs review");

	/// A recorded movement: (from, to, kind, value), accounts encoded. A party's auction trade
	/// has `to` empty and kind `AuctionTrade`.
	pub type Recorded = (Vec<u8>, Vec<u8>, MovementKind, u128);

	/// A held movement: (from, to, kind, value, quantity), accounts encoded.
	pub type Held = (Vec<u8>, Vec<u8>, MovementKind, u128, u128);

	/// A withdrawn order: (owner, value, blocks it rested), the owner encoded.
	pub type Withdrawn = (Vec<u8>, u128, u32);

	/// A placed order: (owner, value), the owner encoded.
	pub type Placed = (Vec<u8>, u128);

	thread_local! {
		static RESTRICTED: RefCell<BTreeSet<Vec<u8>>> = const { RefCell::new(BTreeSet::new()) };
		static RECORDED: RefCell<Vec<Recorded>> = const { RefCell::new(Vec::new()) };
		static REVIEW_FROM: RefCell<u128> = const { RefCell::new(u128::MAX) };
		static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
		static WITHDRAWN: RefCell<Vec<Withdrawn>> = const { RefCell::new(Vec::new()) };
		static PLACED: RefCell<Vec<Placed>> = const { RefCell::new(Vec::new()) };
	}

	/// The mock [`AmlMonitor`].
	pub struct MockAml;

	impl MockAml {
		/// Restrict `who` or lift its restriction.
		pub fn restrict<A: Encode>(who: &A, restricted: bool) {
			RESTRICTED.with(|r| {
				if restricted {
					r.borrow_mut().insert(who.encode());
				} else {
					r.borrow_mut().remove(&who.encode());
				}
			});
		}
		/// What was recorded so far, in order; clears the record.
		pub fn take() -> Vec<Recorded> {
			RECORDED.with(|r| core::mem::take(&mut *r.borrow_mut()))
		}
		/// Hold every P2P movement worth at least `value` for review, and refuse trades worth
		/// that much (`u128::MAX`: none).
		pub fn review_from(value: u128) {
			REVIEW_FROM.with(|v| *v.borrow_mut() = value);
		}
		/// What was held so far, in order (a hold's id is its index); clears the list.
		pub fn take_held() -> Vec<Held> {
			HELD.with(|h| core::mem::take(&mut *h.borrow_mut()))
		}
		/// The order withdrawals counted so far, in order; clears the list.
		pub fn take_withdrawn() -> Vec<Withdrawn> {
			WITHDRAWN.with(|w| core::mem::take(&mut *w.borrow_mut()))
		}
		/// The order placements counted so far, in order; clears the list.
		pub fn take_placed() -> Vec<Placed> {
			PLACED.with(|p| core::mem::take(&mut *p.borrow_mut()))
		}
		/// Forget restrictions, records, holds, withdrawals and placements; hold nothing.
		pub fn reset() {
			WITHDRAWN.with(|w| w.borrow_mut().clear());
			PLACED.with(|p| p.borrow_mut().clear());
			RESTRICTED.with(|r| r.borrow_mut().clear());
			RECORDED.with(|r| r.borrow_mut().clear());
			HELD.with(|h| h.borrow_mut().clear());
			REVIEW_FROM.with(|v| *v.borrow_mut() = u128::MAX);
		}
		fn restricted(who: &[u8]) -> bool {
			RESTRICTED.with(|r| r.borrow().contains(who))
		}
	}

	impl<A: Encode, B: Into<u128> + Copy> AmlMonitor<A, B> for MockAml {
		fn check(m: &Movement<A, B>) -> DispatchResult {
			let holder_only = matches!(m.kind, MovementKind::Redemption | MovementKind::Refund);
			if Self::restricted(&m.from.encode())
				|| (!holder_only && Self::restricted(&m.to.encode()))
			{
				Err(MOCK_RESTRICTED)
			} else {
				Ok(())
			}
		}
		fn is_restricted(who: &A) -> bool {
			Self::restricted(&who.encode())
		}
		fn record(m: &Movement<A, B>) -> Weight {
			let entry = (m.from.encode(), m.to.encode(), m.kind, m.value.into());
			RECORDED.with(|r| r.borrow_mut().push(entry));
			// A recorded movement uses less than the bound (`weight`), as the monitor's quiet
			// path does.
			Weight::from_parts(400, 0)
		}
		fn record_party(who: &A, _: TransferredAsset, value: B, _: bool) {
			let entry = (who.encode(), Vec::new(), MovementKind::AuctionTrade, value.into());
			RECORDED.with(|r| r.borrow_mut().push(entry));
		}
		fn record_withdrawal(who: &A, _: TransferredAsset, value: B, rested: u32) {
			WITHDRAWN.with(|w| w.borrow_mut().push((who.encode(), value.into(), rested)));
		}
		fn withdrawal_weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
		fn record_order(who: &A, _: TransferredAsset, value: B) {
			PLACED.with(|p| p.borrow_mut().push((who.encode(), value.into())));
		}
		fn order_weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
		fn review_required(m: &Movement<A, B>) -> bool {
			m.value.into() >= REVIEW_FROM.with(|v| *v.borrow())
		}
		fn ensure_can_hold(_: &Movement<A, B>, _: B) -> DispatchResult {
			Ok(())
		}
		fn hold(m: &Movement<A, B>, quantity: B) -> Result<u64, DispatchError> {
			let entry = (m.from.encode(), m.to.encode(), m.kind, m.value.into(), quantity.into());
			Ok(HELD.with(|h| {
				h.borrow_mut().push(entry);
				h.borrow().len().saturating_sub(1) as u64
			}))
		}
		fn weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
		fn party_weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
		fn quiet_weight() -> Weight {
			Weight::from_parts(300, 0)
		}
		fn quiet_party_weight() -> Weight {
			Weight::from_parts(200, 0)
		}
		fn ensure_trade_below_review(value: B) -> DispatchResult {
			if value.into() >= REVIEW_FROM.with(|v| *v.borrow()) {
				Err(MOCK_TRADE_NEEDS_REVIEW)
			} else {
				Ok(())
			}
		}
		fn review_read_weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
	}
}
