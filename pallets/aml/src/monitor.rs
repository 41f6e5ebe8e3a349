//! The rules, run as value moves: [`AmlMonitor`] for the value-movement gate.
//!
//! Whose counters a movement counts in: both parties', except the institution's side of a
//! primary sale (the issuer), a redemption (the merchant or issuer) and a refund (the issuer)
//! — they take value from many holders by design. Velocity's count counts movements the
//! account sent (its value both ways). The fan rules count P2P transfers of at least their
//! value (no dust); "funded today" for the self-dealing rule means a stablecoin P2P transfer of
//! at least that rule's value. Structuring and rapid in-and-out read today and the day before.
//! Structuring counts what an account sized itself just under the structuring value or the
//! review threshold: P2P transfers it sent, fixed-price and primary purchases it made (the
//! buyer chose the units), and orders it placed (units at the limit or worst price) — never
//! the passive side of a trade, whose size others chose. The order-to-trade rule counts the
//! orders an account places against the batch auctions it trades in and their value.
//!
//! What a movement is charged: the gate charges [`AmlMonitor::weight`] up front (every rule
//! tripping); [`AmlMonitor::record`] returns the quiet path's benchmark when no rule tripped
//! and nothing beyond the rules, the review policy, the (empty) high-risk list and the two
//! parties' counters was read, so the caller refunds the rest.

use crate::{
	weights::WeightInfo, AccountCounters, AccountFlag, AmlAccount, Balance, Config, Counters,
	Error, Event, Evidence, Flags, FleetingWithdrawals, HighRisk, Jurisdiction, MarketActivity,
	MovementKind, OrderFlow, Origin, Pallet, ReviewPolicyOf, Rule, RuleConfig, Severity, Trail,
	Trails, TransferredAsset, Withdrawals, LOG_TARGET, RULES,
};
use codec::Encode;
use genex_primitives::{
	Affiliation, AmlMonitor, CouponLedger, Movement, FLEETING_BLOCKS, MAX_CYCLE_HOPS,
};
use polkadot_sdk::{
	frame_support::{ensure, traits::Get, weights::Weight},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_io::hashing::blake2_128,
	sp_runtime::{
		traits::{Convert, UniqueSaturatedInto},
		DispatchError, DispatchResult, Perbill,
	},
};

/// Days in the long velocity window.
pub const MONTH_DAYS: u32 = 30;

/// Where "now" is in the day and month windows.
#[derive(Clone, Copy)]
pub(crate) struct Clock {
	day: u32,
	day_elapsed: u32,
	day_length: u32,
	month: u32,
	month_elapsed: u32,
	month_length: u32,
}

impl Clock {
	fn now<T: Config>() -> Self {
		let now: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let day_length: u32 = T::DayBlocks::get().unique_saturated_into();
		let day_length = day_length.max(1);
		let month_length = day_length.saturating_mul(MONTH_DAYS);
		Clock {
			day: now.checked_div(day_length).unwrap_or_default(),
			day_elapsed: now.checked_rem(day_length).unwrap_or_default(),
			day_length,
			month: now.checked_div(month_length).unwrap_or_default(),
			month_elapsed: now.checked_rem(month_length).unwrap_or_default(),
			month_length,
		}
	}
}

/// A counterparty as the fan lists keep it.
pub(crate) fn party_hash<A: Encode>(who: &A) -> u64 {
	let [b0, b1, b2, b3, b4, b5, b6, b7, ..] = blake2_128(&who.encode());
	u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7])
}

/// The thresholds a structuring movement stays just under: the structuring rule's value and
/// the review threshold while review is on (zero: none).
#[derive(Clone, Copy)]
struct NearThresholds([Balance; 2]);

impl NearThresholds {
	/// The structuring rule's value and the review threshold; reads the review policy only
	/// while the rule is on.
	fn now<T: Config>(structuring: &RuleConfig) -> Self {
		if !structuring.enabled {
			return NearThresholds([0, 0]);
		}
		let policy = ReviewPolicyOf::<T>::get();
		NearThresholds([structuring.value, if policy.enabled { policy.threshold } else { 0 }])
	}

	/// Whether `value` is within 10 % under one of the thresholds.
	fn near(&self, value: Balance) -> bool {
		self.0.iter().any(|t| {
			*t > 0 && value < *t && value >= t.saturating_sub(t.checked_div(10).unwrap_or_default())
		})
	}
}

/// Reads of a quiet movement's monitoring: `record_quiet`'s benchmark (the rules, the review
/// policy, the high-risk list, both parties' counters) and the check's two flags
/// (`AmlMonitor::quiet_weight`; `tests::quiet_storage_is_what_the_benchmarks_measured`).
pub(crate) const QUIET_READS: u64 = 7;
/// Writes of a quiet movement's monitoring: both parties' counters.
pub(crate) const QUIET_WRITES: u64 = 2;
/// Reads of a quiet auction party's screen and record in the monitor: its flag and counters
/// (in the market's `clear` benchmark per party), the rules and the high-risk list (in its
/// fixed cost, read once per auction and block, then from the block's cache)
/// (`AmlMonitor::quiet_party_weight`).
pub(crate) const QUIET_PARTY_READS: u64 = 4;
/// Writes of a quiet auction party's record: its counters.
pub(crate) const QUIET_PARTY_WRITES: u64 = 1;

/// One side of a movement, as the rules see it.
struct Side<'a, A> {
	account: &'a A,
	counterparty: Option<&'a A>,
	sent: bool,
}

impl<T: Config> AmlMonitor<T::AccountId, Balance> for Pallet<T> {
	fn check(m: &Movement<T::AccountId, Balance>) -> DispatchResult {
		// A redemption or refund checks the holder only: a restricted merchant or issuer
		// does not stop its customers getting what they paid for.
		let holder_only = matches!(m.kind, MovementKind::Redemption | MovementKind::Refund);
		ensure!(
			!Self::is_restricted(m.from) && (holder_only || !Self::is_restricted(m.to)),
			Error::<T>::AccountRestricted
		);
		Ok(())
	}

	fn is_restricted(who: &T::AccountId) -> bool {
		Flags::<T>::get(who).is_some_and(|f| f.restricted)
	}

	fn record(m: &Movement<T::AccountId, Balance>) -> Weight {
		if Self::do_record(m) {
			Self::weight()
		} else {
			// Nothing tripped and no lookup beyond the quiet path's reads: its benchmark (which
			// reads the review policy, as the gate's `review_required` does), plus the check's
			// two flag reads.
			T::WeightInfo::record_quiet()
				.saturating_add(T::DbWeight::get().reads(2))
				.min(Self::weight())
		}
	}

	fn record_party(who: &T::AccountId, asset: TransferredAsset, value: Balance, bought: bool) {
		Self::do_record_party(who, asset, value, bought)
	}

	fn record_withdrawal(who: &T::AccountId, asset: TransferredAsset, value: Balance, rested: u32) {
		Self::do_record_withdrawal(who, asset, value, rested)
	}

	fn withdrawal_weight() -> Weight {
		T::WeightInfo::record_withdrawal()
	}

	fn record_order(who: &T::AccountId, asset: TransferredAsset, value: Balance) {
		Self::do_record_order(who, asset, value)
	}

	fn order_weight() -> Weight {
		// The placement's check of the owner's flag (`is_restricted`), then the count.
		T::WeightInfo::record_order().saturating_add(T::DbWeight::get().reads(1))
	}

	fn review_required(m: &Movement<T::AccountId, Balance>) -> bool {
		Self::do_review_required(m)
	}

	fn ensure_can_hold(m: &Movement<T::AccountId, Balance>, quantity: Balance) -> DispatchResult {
		Self::do_ensure_can_hold(m, quantity).map(|_| ())
	}

	fn hold(m: &Movement<T::AccountId, Balance>, quantity: Balance) -> Result<u64, DispatchError> {
		Self::do_hold(m, quantity)
	}

	fn weight() -> Weight {
		// Checking reads both parties' flags; whether to hold reads the review policy. A held
		// movement is checked, then held instead of recorded.
		T::WeightInfo::record_movement()
			.max(T::WeightInfo::record_trade())
			.max(T::WeightInfo::hold_movement())
			.max(T::WeightInfo::hold_units())
			.saturating_add(T::DbWeight::get().reads(3))
	}

	fn party_weight() -> Weight {
		T::WeightInfo::record_party().saturating_add(T::DbWeight::get().reads(1))
	}

	fn quiet_weight() -> Weight {
		T::DbWeight::get().reads_writes(QUIET_READS, QUIET_WRITES)
	}

	fn quiet_party_weight() -> Weight {
		T::DbWeight::get().reads_writes(QUIET_PARTY_READS, QUIET_PARTY_WRITES)
	}

	fn ensure_trade_below_review(value: Balance) -> DispatchResult {
		let policy = ReviewPolicyOf::<T>::get();
		ensure!(!policy.enabled || value < policy.threshold, Error::<T>::TradeNeedsReview);
		Ok(())
	}

	fn review_read_weight() -> Weight {
		// The review policy.
		T::DbWeight::get().reads(1)
	}
}

impl<T: Config> Pallet<T> {
	/// Run every rule on `m` and count it. Returns whether it left the quiet path: a rule
	/// tripped, or a rule needed more than the parties' counters (jurisdictions, trails, the
	/// series' issuer), or it was a trade.
	pub(crate) fn do_record(m: &Movement<T::AccountId, Balance>) -> bool {
		let rules = Self::rules();
		let clock = Clock::now::<T>();
		let near = NearThresholds::now::<T>(&Self::config(&rules, Rule::Structuring));
		let mut busy = Self::large_value(&rules, m.from, m.to, m.kind, m.asset, m.value);
		let counts_from = !matches!(m.kind, MovementKind::Primary);
		let counts_to = !matches!(m.kind, MovementKind::Redemption | MovementKind::Refund);
		let mut evidence = Evidence {
			kind: m.kind,
			asset: m.asset,
			window_value: m.value,
			window_count: 1,
			counterparties: 0,
			from_jurisdiction: None,
			to_jurisdiction: None,
		};
		busy |= Self::jurisdiction_rules(&rules, m, &mut evidence);
		if m.kind == MovementKind::P2p {
			busy |= Self::short_cycle(&rules, &clock, m, evidence.clone());
		}
		// Before this movement counts: its own seller is not yet among the buyer's senders.
		let seller = matches!(m.kind, MovementKind::DirectTrade).then_some(m.from);
		if matches!(m.kind, MovementKind::Primary | MovementKind::DirectTrade) {
			busy = true;
			Self::self_dealing(&rules, m.to, Some(m.from), seller, m.value, evidence.clone());
		}
		let sides = [
			(counts_from, Side { account: m.from, counterparty: Some(m.to), sent: true }),
			(counts_to, Side { account: m.to, counterparty: Some(m.from), sent: false }),
		];
		for (counts, side) in sides {
			if counts {
				busy |= Self::count_side(
					&rules,
					&clock,
					&near,
					&side,
					m.kind,
					m.value,
					evidence.clone(),
				);
			}
		}
		busy
	}

	/// Run the rules on `who`'s net auction trade and count it.
	pub(crate) fn do_record_party(
		who: &T::AccountId,
		asset: TransferredAsset,
		value: Balance,
		bought: bool,
	) {
		let rules = Self::rules();
		let clock = Clock::now::<T>();
		let kind = MovementKind::AuctionTrade;
		Self::large_value(&rules, who, who, kind, asset, value);
		let evidence = Evidence {
			kind,
			asset,
			window_value: value,
			window_count: 1,
			counterparties: 0,
			from_jurisdiction: None,
			to_jurisdiction: None,
		};
		if bought {
			Self::self_dealing(&rules, who, None, None, value, evidence.clone());
		}
		// The party's own jurisdiction (an auction has no single counterparty).
		let risky = Self::config(&rules, Rule::HighRiskJurisdiction);
		let list = if risky.enabled && value >= risky.value {
			HighRisk::<T>::get()
		} else {
			Default::default()
		};
		if !list.is_empty() {
			if let Some(j) = T::Jurisdiction::convert(who.clone()) {
				if list.binary_search(&j).is_ok() {
					let ev = Evidence { from_jurisdiction: Some(j), ..evidence.clone() };
					Self::hit(Rule::HighRiskJurisdiction, &risky, who, None, value, ev);
				}
			}
		}
		let side = Side { account: who, counterparty: None, sent: !bought };
		// An auction trade's size is the fills others brought: structuring counts the party's
		// orders when placed (`do_record_order`), not this.
		let near = NearThresholds([0, 0]);
		Self::count_side(&rules, &clock, &near, &side, kind, value, evidence);
		if Self::config(&rules, Rule::OrderToTrade).enabled {
			Self::count_auction_trade(who, clock.day, value);
		}
	}

	/// One more batch auction `who` traded `value` in on `day`, for the order-to-trade rule.
	fn count_auction_trade(who: &T::AccountId, day: u32, value: Balance) {
		MarketActivity::<T>::mutate(who, |flow| {
			if flow.day != day {
				*flow = OrderFlow { day, ..Default::default() };
			}
			flow.trades = flow.trades.saturating_add(1);
			flow.traded = flow.traded.saturating_add(value);
		});
	}

	/// `who` placing an order of `asset` worth `value`: the structuring rule when the order is
	/// sized just under a threshold, and the order-to-trade rule — orders counted per day, a
	/// hit once a day when they reach the rule's count and exceed its ratio (`value` orders per
	/// auction traded in, or `value` times the value traded, each at least one).
	pub(crate) fn do_record_order(who: &T::AccountId, asset: TransferredAsset, value: Balance) {
		let rules = Self::rules();
		let clock = Clock::now::<T>();
		let structuring = Self::config(&rules, Rule::Structuring);
		if NearThresholds::now::<T>(&structuring).near(value) {
			Self::count_near_order(&structuring, &clock, who, asset, value);
		}
		let rule = Self::config(&rules, Rule::OrderToTrade);
		if !rule.enabled {
			return;
		}
		let day = clock.day;
		let mut flow = MarketActivity::<T>::get(who);
		if flow.day != day {
			flow = OrderFlow { day, ..Default::default() };
		}
		flow.orders = flow.orders.saturating_add(1);
		flow.value = flow.value.saturating_add(value);
		let ratio = u32::try_from(rule.value).unwrap_or(u32::MAX);
		let by_count = flow.orders > ratio.saturating_mul(flow.trades.max(1));
		let by_value = flow.value > rule.value.saturating_mul(flow.traded.max(1));
		if !flow.reported && flow.orders >= rule.count && (by_count || by_value) {
			flow.reported = true;
			let evidence = Evidence::market(asset, flow.value, flow.orders, flow.trades);
			Self::hit(Rule::OrderToTrade, &rule, who, None, value, evidence);
		}
		MarketActivity::<T>::insert(who, flow);
	}

	/// The structuring rule on `who`'s order of `value` sized just under a threshold: counted
	/// with its near-threshold movements, a hit once a day at the rule's count.
	fn count_near_order(
		structuring: &RuleConfig,
		clock: &Clock,
		who: &T::AccountId,
		asset: TransferredAsset,
		value: Balance,
	) {
		let mut c = Counters::<T>::get(who);
		Self::roll_day(&mut c, clock);
		c.near_threshold = c.near_threshold.saturating_add(1);
		let near_count = c.near_threshold.saturating_add(c.yesterday.0);
		let bit = Rule::Structuring.bit();
		if near_count >= structuring.count && c.reported & bit == 0 {
			c.reported |= bit;
			let (day_value, _) =
				c.day.rolled(clock.day).estimate(clock.day_elapsed, clock.day_length);
			let evidence = Evidence::market(asset, day_value, near_count, 0);
			Self::hit(Rule::Structuring, structuring, who, None, value, evidence);
		}
		Counters::<T>::insert(who, c);
	}

	/// Start `c`'s day fields afresh when `clock` is in a later day, keeping the day before's
	/// near-threshold count and values when it was the previous day.
	fn roll_day(c: &mut AccountCounters<T::MaxCounterparties>, clock: &Clock) {
		if c.today == clock.day {
			return;
		}
		c.yesterday = if clock.day == c.today.saturating_add(1) {
			(c.near_threshold, c.received, c.sent)
		} else {
			(0, 0, 0)
		};
		c.today = clock.day;
		c.near_threshold = 0;
		c.received = 0;
		c.sent = 0;
		c.receivers.clear();
		c.senders.clear();
		c.funders.clear();
		c.reported = 0;
	}

	/// The short-cycle rule on a P2P movement of at least its value: a hit when the value
	/// left the receiver earlier and came back through the sender (the receiver is among the
	/// sender's origins, the cycle at most the rule's count long); then the receiver's trail
	/// takes the sender and the sender's origins one transfer further. Returns whether it
	/// read the trails (the movement is worth the rule's value).
	fn short_cycle(
		rules: &[RuleConfig; RULES],
		clock: &Clock,
		m: &Movement<T::AccountId, Balance>,
		mut evidence: Evidence,
	) -> bool {
		let rule = Self::config(rules, Rule::ShortCycle);
		if !rule.enabled || m.value < rule.value || m.from == m.to {
			return false;
		}
		// `set_rule` keeps the count in 2..=MAX_CYCLE_HOPS; the bound holds for a stored
		// value an older runtime wrote.
		let max_hops = u8::try_from(rule.count.min(MAX_CYCLE_HOPS)).unwrap_or(u8::MAX);
		let oldest = clock.day.saturating_sub(1);
		let (from_hash, to_hash) = (party_hash(m.from), party_hash(m.to));
		let sender = Trails::<T>::get(m.from);
		let live = |o: &&Origin| o.day >= oldest;
		let mut trail = Trails::<T>::get(m.to);
		trail.origins.retain(|o| o.day >= oldest);
		let closing = sender
			.origins
			.iter()
			.filter(live)
			.filter(|o| o.party == to_hash)
			.map(|o| o.hops.saturating_add(1))
			.min();
		if let Some(length) = closing.filter(|l| *l <= max_hops) {
			let today = clock.day.saturating_add(1);
			if trail.reported != today {
				trail.reported = today;
				evidence.window_value = m.value;
				evidence.window_count = u32::from(length);
				Self::hit(Rule::ShortCycle, &rule, m.to, Some(m.from), m.value, evidence);
			}
		}
		// The sender itself one transfer away, and where its value came from one further; an
		// origin as far as the longest cycle could not close one more transfer later.
		let direct = Origin { party: from_hash, hops: 1, day: clock.day };
		let further = sender.origins.iter().filter(live).filter_map(|o| {
			let hops = o.hops.saturating_add(1);
			(hops < max_hops && o.party != to_hash).then_some(Origin {
				party: o.party,
				hops,
				day: o.day,
			})
		});
		for origin in core::iter::once(direct).chain(further) {
			Self::trace(&mut trail, origin);
		}
		Trails::<T>::insert(m.to, trail);
		true
	}

	/// Add `origin` to `trail`: of two entries for one party the better one, where a newer
	/// chain beats an older one and, on the same day, a shorter chain beats a longer one; when
	/// full, in place of the worst entry if `origin` is better.
	fn trace(trail: &mut Trail<T::MaxCounterparties>, origin: Origin) {
		// Newer first, then nearer: the larger key is the better entry.
		let key = |o: &Origin| (o.day, core::cmp::Reverse(o.hops));
		if let Some(known) = trail.origins.iter_mut().find(|o| o.party == origin.party) {
			if key(&origin) > key(known) {
				*known = origin;
			}
			return;
		}
		if trail.origins.try_push(origin).is_ok() {
			return;
		}
		if let Some(worst) = trail.origins.iter_mut().min_by_key(|o| key(o)) {
			if key(&origin) > key(worst) {
				*worst = origin;
			}
		}
	}

	/// The spoofing rule on `who` withdrawing its own order worth `value` after it rested
	/// `rested` blocks: fleeting withdrawals counted per day, a hit once a day when their count
	/// and value reach the rule's.
	pub(crate) fn do_record_withdrawal(
		who: &T::AccountId,
		asset: TransferredAsset,
		value: Balance,
		rested: u32,
	) {
		let rule = Self::rule(Rule::Spoofing);
		if !rule.enabled || rested > FLEETING_BLOCKS {
			return;
		}
		let day = Clock::now::<T>().day;
		let mut w = FleetingWithdrawals::<T>::get(who);
		if w.day != day {
			w = Withdrawals { day, ..Default::default() };
		}
		w.count = w.count.saturating_add(1);
		w.value = w.value.saturating_add(value);
		if !w.reported && w.count >= rule.count && w.value >= rule.value {
			w.reported = true;
			let evidence = Evidence::market(asset, w.value, w.count, 0);
			Self::hit(Rule::Spoofing, &rule, who, None, value, evidence);
		}
		FleetingWithdrawals::<T>::insert(who, w);
	}

	/// The CTR rule: a report of every movement at or above its threshold. Returns whether
	/// it reported.
	fn large_value(
		rules: &[RuleConfig; RULES],
		from: &T::AccountId,
		to: &T::AccountId,
		kind: MovementKind,
		asset: TransferredAsset,
		value: Balance,
	) -> bool {
		let ctr = Self::config(rules, Rule::LargeValue);
		let reports = ctr.enabled && value >= ctr.value;
		if reports {
			Self::deposit_event(Event::LargeValueMovement {
				from: from.clone(),
				to: to.clone(),
				kind,
				asset,
				value,
			});
		}
		reports
	}

	/// The per-movement rules on the parties' jurisdictions: cross-border and high-risk. Reads
	/// the jurisdictions only when one of them is on and the value reaches its threshold.
	/// Returns whether it looked the parties' jurisdictions up (an empty high-risk list is
	/// read on the quiet path).
	fn jurisdiction_rules(
		rules: &[RuleConfig; RULES],
		m: &Movement<T::AccountId, Balance>,
		evidence: &mut Evidence,
	) -> bool {
		if matches!(m.kind, MovementKind::Redemption | MovementKind::Refund) {
			return false;
		}
		let cross = Self::config(rules, Rule::CrossBorder);
		let risky = Self::config(rules, Rule::HighRiskJurisdiction);
		let cross_on = cross.enabled && m.value >= cross.value;
		// The list first: with no high-risk jurisdiction marked, the rule needs no lookup.
		let list = if risky.enabled && m.value >= risky.value {
			HighRisk::<T>::get()
		} else {
			Default::default()
		};
		let risky_on = !list.is_empty();
		if !cross_on && !risky_on {
			return false;
		}
		let from_j = T::Jurisdiction::convert(m.from.clone());
		let to_j = T::Jurisdiction::convert(m.to.clone());
		evidence.from_jurisdiction = from_j;
		evidence.to_jurisdiction = to_j;
		if cross_on && matches!((from_j, to_j), (Some(a), Some(b)) if a != b) {
			Self::hit(Rule::CrossBorder, &cross, m.from, Some(m.to), m.value, evidence.clone());
		}
		if risky_on {
			let is_risky =
				|j: Option<Jurisdiction>| j.is_some_and(|j| list.binary_search(&j).is_ok());
			if is_risky(from_j) {
				Self::hit(
					Rule::HighRiskJurisdiction,
					&risky,
					m.from,
					Some(m.to),
					m.value,
					evidence.clone(),
				);
			}
			if is_risky(to_j) {
				Self::hit(
					Rule::HighRiskJurisdiction,
					&risky,
					m.to,
					Some(m.from),
					m.value,
					evidence.clone(),
				);
			}
		}
		true
	}

	/// The self-dealing rule on a buy of `evidence.asset` by `buyer` from `counterparty`:
	/// the series' issuer or an affiliate buying, or a buyer the issuer (or, in a direct trade,
	/// `seller`) sent value to today.
	fn self_dealing(
		rules: &[RuleConfig; RULES],
		buyer: &T::AccountId,
		counterparty: Option<&T::AccountId>,
		seller: Option<&T::AccountId>,
		value: Balance,
		evidence: Evidence,
	) {
		let rule = Self::config(rules, Rule::IssuerSelfDealing);
		let TransferredAsset::Coupon { series } = evidence.asset else { return };
		if !rule.enabled {
			return;
		}
		let Some(info) = T::Coupons::info(series) else { return };
		let today = Clock::now::<T>().day;
		let c = Counters::<T>::get(buyer);
		let funded_by = |who: &T::AccountId| {
			c.today == today && (c.funders.is_full() || c.funders.contains(&party_hash(who)))
		};
		if T::Affiliation::is_insider(&info.issuer, buyer)
			|| funded_by(&info.issuer)
			|| seller.is_some_and(funded_by)
		{
			Self::hit(Rule::IssuerSelfDealing, &rule, buyer, counterparty, value, evidence);
		}
	}

	/// Count a movement of `value` in `side.account`'s counters and run the window rules on it.
	/// Returns whether a rule tripped.
	fn count_side(
		rules: &[RuleConfig; RULES],
		clock: &Clock,
		near: &NearThresholds,
		side: &Side<T::AccountId>,
		kind: MovementKind,
		value: Balance,
		mut evidence: Evidence,
	) -> bool {
		let mut c = Counters::<T>::get(side.account);
		Self::roll_day(&mut c, clock);
		c.day = c.day.rolled(clock.day);
		c.day.add(value, side.sent);
		c.month = c.month.rolled(clock.month);
		c.month.add(value, side.sent);
		let fan_rule = Self::config(rules, if side.sent { Rule::FanOut } else { Rule::FanIn });
		// P2P transfers of at least the fan rule's value (no dust from strangers).
		let fan = kind == MovementKind::P2p && value >= fan_rule.value;
		if let (true, Some(other)) = (fan, side.counterparty) {
			let h = party_hash(other);
			let list = if side.sent { &mut c.receivers } else { &mut c.senders };
			// Full: the count stays at the bound, above every fan rule's count.
			if !list.contains(&h) {
				let _ = list.try_push(h);
			}
		}
		// Stablecoin sent to it: funding, for the self-dealing rule.
		let funding = Self::config(rules, Rule::IssuerSelfDealing);
		if let (false, Some(other), MovementKind::P2p, TransferredAsset::Settlement) =
			(side.sent, side.counterparty, kind, evidence.asset)
		{
			let h = party_hash(other);
			if value >= funding.value && !c.funders.contains(&h) {
				// Full: it counts as funded by anyone.
				let _ = c.funders.try_push(h);
			}
		}
		let structuring = Self::config(rules, Rule::Structuring);
		let (near_before, received_before, sent_before) = c.yesterday;
		// What the account sized itself: P2P transfers it sent, purchases it made (the buyer
		// chose the units; the seller's side is others' choice). Auction parties' orders count
		// when placed.
		let structures = match kind {
			MovementKind::P2p => side.sent,
			MovementKind::DirectTrade | MovementKind::Primary => !side.sent,
			MovementKind::AuctionTrade | MovementKind::Redemption | MovementKind::Refund => false,
		};
		if structures && structuring.enabled && near.near(value) {
			c.near_threshold = c.near_threshold.saturating_add(1);
		}

		if side.sent {
			c.sent = c.sent.saturating_add(value);
		} else {
			c.received = c.received.saturating_add(value);
		}
		let (day_value, day_count) = c.day.estimate(clock.day_elapsed, clock.day_length);
		let (month_value, _) = c.month.estimate(clock.month_elapsed, clock.month_length);
		let mut tripped = false;
		let mut trip = |rule: Rule, c: &mut AccountCounters<T::MaxCounterparties>, ev: Evidence| {
			if c.reported & rule.bit() != 0 {
				return;
			}
			c.reported |= rule.bit();
			tripped = true;
			let config = Self::config(rules, rule);
			Self::hit(rule, &config, side.account, side.counterparty, value, ev);
		};
		let velocity = Self::config(rules, Rule::Velocity);
		if velocity.enabled && (day_value > velocity.value || day_count > velocity.count) {
			evidence.window_value = day_value;
			evidence.window_count = day_count;
			trip(Rule::Velocity, &mut c, evidence.clone());
		}
		let monthly = Self::config(rules, Rule::MonthlyVelocity);
		if monthly.enabled && month_value > monthly.value {
			evidence.window_value = month_value;
			evidence.window_count = c.month.count;
			trip(Rule::MonthlyVelocity, &mut c, evidence.clone());
		}
		let near_count = c.near_threshold.saturating_add(near_before);
		if structuring.enabled
			&& structures
			&& c.near_threshold > 0
			&& near_count >= structuring.count
		{
			evidence.window_value = day_value;
			evidence.window_count = near_count;
			trip(Rule::Structuring, &mut c, evidence.clone());
		}
		let rapid = Self::config(rules, Rule::RapidInOut);
		let share = Perbill::from_percent(rapid.count.min(100));
		let received = c.received.saturating_add(received_before);
		let sent = c.sent.saturating_add(sent_before);
		if rapid.enabled && side.sent && received >= rapid.value && sent >= share.mul_ceil(received)
		{
			evidence.window_value = received;
			evidence.window_count = day_count;
			trip(Rule::RapidInOut, &mut c, evidence.clone());
		}
		let (rule, list_len) = if side.sent {
			(Rule::FanOut, c.receivers.len())
		} else {
			(Rule::FanIn, c.senders.len())
		};
		let distinct = u32::try_from(list_len).unwrap_or(u32::MAX);
		if fan && fan_rule.enabled && distinct > fan_rule.count {
			evidence.window_value = day_value;
			evidence.window_count = day_count;
			evidence.counterparties = distinct;
			trip(rule, &mut c, evidence);
		}
		Counters::<T>::insert(side.account, c);
		tripped
	}

	/// `rule` in `rules`.
	fn config(rules: &[RuleConfig; RULES], rule: Rule) -> RuleConfig {
		rules.get(rule as usize).copied().unwrap_or_else(|| crate::default_rule(rule))
	}

	/// A hit: the event, and the account's flag raised (restricted under a restricting `High`
	/// rule).
	fn hit(
		rule: Rule,
		config: &RuleConfig,
		account: &T::AccountId,
		counterparty: Option<&T::AccountId>,
		value: Balance,
		evidence: Evidence,
	) {
		log::debug!(target: LOG_TARGET, "{:?} hit by {:?} ({:?})", rule, account, evidence);
		let now = frame_system::Pallet::<T>::block_number();
		let mut flag = Flags::<T>::get(account).unwrap_or(AccountFlag {
			severity: Severity::Low,
			hits: 0,
			last_rule: rule,
			last_at: now,
			restricted: false,
		});
		flag.severity = flag.severity.max(config.severity);
		flag.hits = flag.hits.saturating_add(1);
		flag.last_rule = rule;
		flag.last_at = now;
		let restricts = config.restrict && config.severity == Severity::High && !flag.restricted;
		flag.restricted |= restricts;
		Flags::<T>::insert(account, flag);
		Self::deposit_event(Event::SuspiciousActivity {
			rule,
			severity: config.severity,
			account: account.clone(),
			counterparty: counterparty.cloned(),
			value,
			evidence,
		});
		if restricts {
			Self::deposit_event(Event::AccountRestricted { account: account.clone(), rule });
		}
	}

	/// `who`'s flag and counters now (`AmlApi::aml_account`).
	pub fn account(who: &T::AccountId) -> AmlAccount<BlockNumberFor<T>> {
		let clock = Clock::now::<T>();
		let c = Counters::<T>::get(who);
		let day = c.day.rolled(clock.day);
		let (day_value, day_count) = day.estimate(clock.day_elapsed, clock.day_length);
		let (month_value, _) =
			c.month.rolled(clock.month).estimate(clock.month_elapsed, clock.month_length);
		let today = c.today == clock.day;
		let len = |n: usize| if today { u32::try_from(n).unwrap_or(u32::MAX) } else { 0 };
		AmlAccount {
			flag: Flags::<T>::get(who),
			day_value,
			day_count,
			month_value,
			near_threshold: if today { c.near_threshold } else { 0 },
			received_today: if today { c.received } else { 0 },
			sent_today: if today { c.sent } else { 0 },
			receivers: len(c.receivers.len()),
			senders: len(c.senders.len()),
		}
	}
}
