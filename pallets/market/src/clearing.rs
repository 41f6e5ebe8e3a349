//! The clearing core of the per-block batch auction: one series, one uniform price, pure
//! functions over in-memory orders (no storage, no compliance). The auction around it gathers
//! the orders, screens their owners, and applies what this returns.
//!
//! The rules, in the order they apply (`docs/market.md` § "The batch auction"):
//!
//! 1. **Self-trade prevention.** Orders are grouped by party (an account; an issuer and its
//!    affiliates are one party, so its wash trades are self-trades). While a party's highest
//!    bid is at or above its lowest ask, the newest of its orders taking part in such a cross
//!    (largest `since`) is removed — all of them when several are as new. The older order
//!    stands; two crossing orders of one block both go.
//! 2. **Price.** Prices are on the tick: a bid counts at its price rounded down to the tick,
//!    an ask at its price rounded up (a market order's worst price need not be on it; a bid
//!    below one tick, or an ask that cannot be rounded up, takes no part). Among the on-tick
//!    prices of at least one tick inside the band, the clearing price maximises the executable
//!    volume `min(D(p), S(p))` (`D`: units bid at `p` or more, `S`: units asked at `p` or
//!    less); ties go to the smallest imbalance `|D(p) − S(p)|`, then to the price nearest the
//!    centre, then to the lower price. The centre is the reference price the auction is given
//!    (the pallet passes the oracle's price, else the last trade, else the issue price), else
//!    the band's middle, else the middle of [lowest ask, highest bid]: a market order alone
//!    against the book does not clear at its worst price.
//! 3. **Breaker.** A clearing price outside the breaker's range halts the series: nothing
//!    trades.
//! 4. **Allocation.** Each side gets the volume by price (higher bids, lower asks first), then
//!    by `since` (older first). Orders of one price and `since` (one block's orders) share what
//!    is left pro rata to their units, rounded down; the units the rounding leaves go one each
//!    to the largest remainders (ties: lower `rank`).
//!
//! Nothing depends on the order of `entries`: `rank` breaks the last ties and must be unique
//! (the pallet uses owner and order id; order ids only ever separate one owner's orders of the
//! same price, block and size). Two blocks with the same orders in another order clear at the
//! same price and give every (party, side, price, `since`, units) the same fills.
//!
//! Cost: sorting, O(n log n) for n entries, plus self-trade prevention, O(k · d) for a party
//! with k orders from d different blocks (bounded by the orders one party can have open).

// Indexing in this module cannot go out of bounds. Every index into `entries`, `prices`,
// `alive` and `fills` is below `entries.len()`: indices come from `enumerate()` over `entries`
// or from `0..entries.len()` (and groups and remainders of those), and `clear`, the only
// entry point, builds `prices`, `alive` and `fills` with exactly `entries.len()` elements.
// `bids_from` and `asks_upto` have `levels.len() + 1` elements and are indexed by `i` and
// `i + 1` for `i < levels.len()`, or by a `partition_point` over `levels` (≤ `levels.len()`).
// The property tests below run `clear` on random books with overflow checks on.
#![allow(clippy::indexing_slicing)]

use alloc::{collections::BTreeMap, vec, vec::Vec};
use genex_primitives::{market::Side, Balance};
use polkadot_sdk::sp_core::U256;

/// One order as the auction sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<P, K> {
	/// Who counts as one trader for self-trade prevention.
	pub party: P,
	/// The last tie-breaker in the pro-rata rounding (e.g. owner and order id).
	pub rank: K,
	/// Buy or sell.
	pub side: Side,
	/// Limit price per unit (a market order: its worst price).
	pub price: Balance,
	/// Units it may trade in this auction (zero: it takes no part).
	pub units: u64,
	/// Time priority: the block it entered the book (lower first).
	pub since: u64,
}

/// The series' price limits for one auction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
	/// The price tick (> 0; treated as 1 when zero).
	pub tick: Balance,
	/// Inclusive price band, if the series has a reference price.
	pub band: Option<(Balance, Balance)>,
	/// The band's centre (the tie-break "nearest the centre").
	pub centre: Option<Balance>,
	/// Inclusive range outside which a clearing price halts the series.
	pub breaker: Option<(Balance, Balance)>,
}

/// How an auction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// Nothing can trade (one side empty, or no overlap within the band).
	Idle,
	/// `volume` units trade at `price` per unit.
	Cleared { price: Balance, volume: u64 },
	/// The clearing price would have been `price`, beyond the breaker: nothing trades.
	Halted { price: Balance },
}

/// The result of one auction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auction {
	/// Price and volume.
	pub outcome: Outcome,
	/// Indices of the entries removed by self-trade prevention (ascending).
	pub removed: Vec<usize>,
	/// Units filled per entry, aligned with the input (zero unless `Cleared`).
	pub fills: Vec<u64>,
}

/// `price` rounded down to the tick.
fn floor_tick(price: Balance, tick: Balance) -> Balance {
	price.saturating_sub(price.checked_rem(tick).unwrap_or(0))
}

/// `price` rounded up to the tick; `None` past the highest on-tick price.
fn ceil_tick(price: Balance, tick: Balance) -> Option<Balance> {
	match price.checked_rem(tick).unwrap_or(0) {
		0 => Some(price),
		rem => price.checked_add(tick.saturating_sub(rem)),
	}
}

/// The price an entry counts at (rule 2); `None` when it takes no part.
fn effective(side: Side, price: Balance, tick: Balance) -> Option<Balance> {
	match side {
		Side::Buy => Some(floor_tick(price, tick)).filter(|p| *p > 0),
		Side::Sell => ceil_tick(price, tick),
	}
}

/// Clear one series.
pub fn clear<P: Ord, K: Ord>(entries: &[Entry<P, K>], limits: &Limits) -> Auction {
	let tick = limits.tick.max(1);
	let counted: Vec<Option<Balance>> =
		entries.iter().map(|e| effective(e.side, e.price, tick)).collect();
	let prices: Vec<Balance> = counted.iter().map(|p| p.unwrap_or_default()).collect();
	let mut alive: Vec<bool> =
		entries.iter().zip(&counted).map(|(e, p)| e.units > 0 && p.is_some()).collect();
	let removed = prevent_self_trades(entries, &prices, &mut alive);
	let mut fills = vec![0; entries.len()];
	let outcome = match find_price(entries, &prices, &alive, limits, tick) {
		None => Outcome::Idle,
		Some((price, volume)) => {
			if limits.breaker.is_some_and(|(lo, hi)| price < lo || price > hi) {
				Outcome::Halted { price }
			} else {
				allocate(entries, &prices, &alive, Side::Buy, price, volume, &mut fills);
				allocate(entries, &prices, &alive, Side::Sell, price, volume, &mut fills);
				Outcome::Cleared { price, volume }
			}
		},
	};
	Auction { outcome, removed, fills }
}

/// Rule 1. Marks the removed entries dead and returns their indices, ascending.
fn prevent_self_trades<P: Ord, K>(
	entries: &[Entry<P, K>],
	prices: &[Balance],
	alive: &mut [bool],
) -> Vec<usize> {
	let mut parties: BTreeMap<&P, Vec<usize>> = BTreeMap::new();
	for (i, e) in entries.iter().enumerate() {
		if alive[i] {
			parties.entry(&e.party).or_default().push(i);
		}
	}
	let mut removed = Vec::new();
	for mut own in parties.into_values() {
		loop {
			let max_bid =
				own.iter().filter(|&&i| entries[i].side == Side::Buy).map(|&i| prices[i]).max();
			let min_ask =
				own.iter().filter(|&&i| entries[i].side == Side::Sell).map(|&i| prices[i]).min();
			let (Some(bid), Some(ask)) = (max_bid, min_ask) else { break };
			if bid < ask {
				break;
			}
			let crossing = |i: usize| match entries[i].side {
				Side::Buy => prices[i] >= ask,
				Side::Sell => prices[i] <= bid,
			};
			// At least the best bid and the best ask cross, so `newest` exists.
			let Some(newest) =
				own.iter().filter(|&&i| crossing(i)).map(|&i| entries[i].since).max()
			else {
				break;
			};
			own.retain(|&i| {
				let goes = crossing(i) && entries[i].since == newest;
				if goes {
					alive[i] = false;
					removed.push(i);
				}
				!goes
			});
		}
	}
	removed.sort_unstable();
	removed
}

/// Demand and supply at one price.
#[derive(Clone, Copy)]
struct Point {
	/// Units bid at this price or more.
	demand: u128,
	/// Units asked at this price or less.
	supply: u128,
}

impl Point {
	fn volume(&self) -> u128 {
		self.demand.min(self.supply)
	}

	fn imbalance(&self) -> u128 {
		self.demand.abs_diff(self.supply)
	}
}

/// Rule 2: the clearing price and volume, `None` when nothing can trade.
fn find_price<P, K>(
	entries: &[Entry<P, K>],
	prices: &[Balance],
	alive: &[bool],
	limits: &Limits,
	tick: Balance,
) -> Option<(Balance, u64)> {
	// Units bid and asked at each (effective) price, ascending.
	let mut by_price: BTreeMap<Balance, (u128, u128)> = BTreeMap::new();
	for (i, e) in entries.iter().enumerate().filter(|&(i, _)| alive[i]) {
		let level = by_price.entry(prices[i]).or_default();
		match e.side {
			Side::Buy => level.0 = level.0.saturating_add(e.units.into()),
			Side::Sell => level.1 = level.1.saturating_add(e.units.into()),
		}
	}
	let levels: Vec<(Balance, u128, u128)> =
		by_price.into_iter().map(|(p, (bid, ask))| (p, bid, ask)).collect();
	let max_bid = levels.iter().rev().find(|l| l.1 > 0).map(|l| l.0)?;
	let min_ask = levels.iter().find(|l| l.2 > 0).map(|l| l.0)?;
	// Outside [lowest ask, highest bid] one side is empty.
	let (mut low, mut high) = (min_ask.max(tick), max_bid);
	if let Some((lo, hi)) = limits.band {
		low = low.max(ceil_tick(lo, tick)?);
		high = high.min(floor_tick(hi, tick));
	}
	let centre = limits
		.centre
		.or(limits.band.map(|(lo, hi)| lo.saturating_add(hi.saturating_sub(lo) / 2)))
		.unwrap_or(min_ask.saturating_add(max_bid.saturating_sub(min_ask) / 2));
	if low > high {
		return None;
	}
	// bids_from[i]: units bid at levels[i..]; asks_upto[i]: units asked at levels[..i].
	let mut bids_from = vec![0u128; levels.len().saturating_add(1)];
	for (i, l) in levels.iter().enumerate().rev() {
		bids_from[i] = bids_from[i.saturating_add(1)].saturating_add(l.1);
	}
	let mut asks_upto = vec![0u128; levels.len().saturating_add(1)];
	for (i, l) in levels.iter().enumerate() {
		asks_upto[i.saturating_add(1)] = asks_upto[i].saturating_add(l.2);
	}
	let at = |price: Balance| Point {
		demand: bids_from[levels.partition_point(|l| l.0 < price)],
		supply: asks_upto[levels.partition_point(|l| l.0 <= price)],
	};
	// Breakpoints: both ends and every level price between them. Between two breakpoints,
	// demand is as at the upper one and supply as at the lower one.
	let mut points: Vec<Balance> = Vec::with_capacity(levels.len().saturating_add(2));
	points.push(low);
	points.extend(levels.iter().map(|l| l.0).filter(|&p| p > low && p < high));
	if high > low {
		points.push(high);
	}
	let mut best: Option<(Score, Balance, u128)> = None;
	let mut consider = |price: Balance, point: Point| {
		let score = Score::of(point, centre.abs_diff(price), price);
		if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
			best = Some((score, price, point.volume()));
		}
	};
	for (n, &price) in points.iter().enumerate() {
		let here = at(price);
		consider(price, here);
		if let Some(&next) = points.get(n.saturating_add(1)) {
			let (first, last) = (price.saturating_add(tick), next.saturating_sub(tick));
			if first <= last {
				let inside = Point { demand: at(next).demand, supply: here.supply };
				consider(nearest(centre, first, last, tick), inside);
			}
		}
	}
	let (_, price, volume) = best?;
	if volume == 0 {
		return None;
	}
	Some((price, u64::try_from(volume).unwrap_or(u64::MAX)))
}

/// Rule 2's order of preference: more volume, then less imbalance, then nearer the centre,
/// then lower.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
	volume: u128,
	imbalance: core::cmp::Reverse<u128>,
	distance: core::cmp::Reverse<Balance>,
	price: core::cmp::Reverse<Balance>,
}

impl Score {
	fn of(point: Point, distance: Balance, price: Balance) -> Self {
		use core::cmp::Reverse;
		Self {
			volume: point.volume(),
			imbalance: Reverse(point.imbalance()),
			distance: Reverse(distance),
			price: Reverse(price),
		}
	}
}

/// The on-tick price in `[first, last]` (both on the tick) nearest `c`, the lower on a tie.
fn nearest(c: Balance, first: Balance, last: Balance, tick: Balance) -> Balance {
	if c <= first {
		return first;
	}
	if c >= last {
		return last;
	}
	let below = floor_tick(c, tick);
	let above = below.saturating_add(tick);
	if c.saturating_sub(below) <= above.saturating_sub(c) {
		below
	} else {
		above
	}
}

/// Rule 4 for one side: `volume` units to the entries of `side` that trade at `price`.
fn allocate<P, K: Ord>(
	entries: &[Entry<P, K>],
	prices: &[Balance],
	alive: &[bool],
	side: Side,
	price: Balance,
	volume: u64,
	fills: &mut [u64],
) {
	let mut eligible: Vec<usize> = (0..entries.len())
		.filter(|&i| alive[i] && entries[i].side == side && side.crosses(prices[i], price))
		.collect();
	// Price priority (better first), then time, then rank (only to make groups contiguous).
	eligible.sort_by(|&a, &b| {
		let (ea, eb) = (&entries[a], &entries[b]);
		let by_price = match side {
			Side::Buy => prices[b].cmp(&prices[a]),
			Side::Sell => prices[a].cmp(&prices[b]),
		};
		by_price.then(ea.since.cmp(&eb.since)).then(ea.rank.cmp(&eb.rank))
	});
	let mut left = u128::from(volume);
	for group in
		eligible.chunk_by(|&a, &b| prices[a] == prices[b] && entries[a].since == entries[b].since)
	{
		if left == 0 {
			break;
		}
		let total: u128 = group.iter().map(|&i| u128::from(entries[i].units)).sum();
		if total <= left {
			for &i in group {
				fills[i] = entries[i].units;
			}
			left = left.saturating_sub(total);
			continue;
		}
		share(entries, group, left, total, fills);
		left = 0;
	}
}

/// Pro rata with the largest remainders: `left` (< `total`, the group's units) over `group`.
fn share<P, K: Ord>(
	entries: &[Entry<P, K>],
	group: &[usize],
	left: u128,
	total: u128,
	fills: &mut [u64],
) {
	let (left_wide, total_wide) = (U256::from(left), U256::from(total));
	let mut given: u128 = 0;
	let mut remainders: Vec<(U256, usize)> = Vec::with_capacity(group.len());
	for &i in group {
		// left < 2^128 and units < 2^64: the product fits; total > left > 0 (`allocate`).
		let (quotient, remainder) =
			left_wide.saturating_mul(U256::from(entries[i].units)).div_mod(total_wide);
		// quotient ≤ left · units / total < units (left < total), so it fits a u64.
		let quotient = u64::try_from(quotient.low_u128()).unwrap_or(entries[i].units);
		fills[i] = quotient;
		given = given.saturating_add(quotient.into());
		remainders.push((remainder, i));
	}
	// Fewer units are left over than there are orders in the group (each rounded down by < 1).
	let rest = usize::try_from(left.saturating_sub(given)).unwrap_or(usize::MAX);
	remainders.sort_by(|a, b| b.0.cmp(&a.0).then(entries[a.1].rank.cmp(&entries[b.1].rank)));
	for &(_, i) in remainders.iter().take(rest) {
		fills[i] = fills[i].saturating_add(1);
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	type E = Entry<u8, (u8, u64, u32)>;

	fn e(party: u8, side: Side, price: Balance, units: u64, since: u64) -> E {
		Entry { party, rank: (party, units, 0), side, price, units, since }
	}

	fn open(tick: Balance) -> Limits {
		Limits { tick, band: None, centre: None, breaker: None }
	}

	fn banded(lo: Balance, hi: Balance) -> Limits {
		Limits { tick: 1, band: Some((lo, hi)), centre: Some((lo + hi) / 2), breaker: None }
	}

	#[test]
	fn one_side_empty_is_idle() {
		let a = clear(&[e(1, Side::Buy, 100, 5, 0), e(2, Side::Buy, 90, 5, 0)], &open(1));
		assert_eq!(a.outcome, Outcome::Idle);
		assert_eq!(a.fills, vec![0, 0]);
		assert_eq!(clear::<u8, ()>(&[], &open(1)).outcome, Outcome::Idle);
	}

	#[test]
	fn no_overlap_is_idle() {
		let a = clear(&[e(1, Side::Buy, 90, 5, 0), e(2, Side::Sell, 100, 5, 0)], &open(1));
		assert_eq!(a.outcome, Outcome::Idle);
	}

	#[test]
	fn volume_is_maximised_then_imbalance_then_lower_price() {
		// One bid at 105, one ask at 95: any price in between trades 1; no reference → the
		// middle of [lowest ask, highest bid].
		let a = clear(&[e(1, Side::Buy, 105, 1, 0), e(2, Side::Sell, 95, 1, 0)], &open(1));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 1 });
		// A market sell (worst price 0) against a bid does not clear at 0.
		let a = clear(&[e(1, Side::Buy, 100, 1, 0), e(2, Side::Sell, 0, 1, 0)], &open(1));
		assert_eq!(a.outcome, Outcome::Cleared { price: 50, volume: 1 });
		let a = clear(&[e(1, Side::Buy, 100, 1, 0), e(2, Side::Sell, 0, 1, 0)], &banded(90, 110));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 1 });
		// Ties at equal distance from the centre go to the lower price.
		let a = clear(&[e(1, Side::Buy, 11, 1, 0), e(2, Side::Sell, 10, 1, 0)], &open(1));
		assert_eq!(a.outcome, Outcome::Cleared { price: 10, volume: 1 });
		// With a band centred on 100, the price nearest the centre.
		let a = clear(&[e(1, Side::Buy, 105, 1, 0), e(2, Side::Sell, 95, 1, 0)], &banded(90, 110));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 1 });
		// Imbalance beats closeness: at 95 demand 2 / supply 1, at 105 demand 1 / supply 2,
		// strictly between (96..=104) 1 / 1.
		let entries = [
			e(1, Side::Buy, 105, 1, 0),
			e(2, Side::Buy, 95, 1, 0),
			e(3, Side::Sell, 95, 1, 0),
			e(4, Side::Sell, 105, 1, 0),
		];
		let a = clear(&entries, &Limits { centre: Some(95), ..banded(90, 110) });
		assert_eq!(a.outcome, Outcome::Cleared { price: 96, volume: 1 });
		assert_eq!(a.fills, vec![1, 0, 1, 0]);
	}

	#[test]
	fn the_band_limits_the_price_and_orders_beyond_it_trade_at_its_edge() {
		// Both willing far beyond the band: the price is the centre.
		let a = clear(&[e(1, Side::Buy, 500, 3, 0), e(2, Side::Sell, 1, 3, 0)], &banded(90, 110));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 3 });
		// A cross entirely below the band cannot trade.
		let a = clear(&[e(1, Side::Buy, 80, 3, 0), e(2, Side::Sell, 70, 3, 0)], &banded(90, 110));
		assert_eq!(a.outcome, Outcome::Idle);
	}

	#[test]
	fn prices_no_tick_can_hold_take_no_part() {
		// A bid below one tick, an ask beyond the highest on-tick price.
		let a = clear(
			&[
				e(1, Side::Buy, 9, 1, 0),
				e(2, Side::Sell, 0, 1, 0),
				e(3, Side::Sell, u128::MAX, 1, 0),
			],
			&open(10),
		);
		assert_eq!(a.outcome, Outcome::Idle);
		// The highest bid can still meet an ask at zero, at one tick or more.
		let a = clear(&[e(1, Side::Buy, u128::MAX, 1, 0), e(2, Side::Sell, 0, 1, 0)], &open(10));
		let Outcome::Cleared { price, volume: 1 } = a.outcome else { panic!("clears") };
		assert!(price >= 10 && price % 10 == 0);
	}

	#[test]
	fn the_breaker_halts_instead_of_trading() {
		let limits = Limits { breaker: Some((95, 105)), ..banded(80, 120) };
		let a = clear(&[e(1, Side::Buy, 119, 3, 0), e(2, Side::Sell, 115, 3, 0)], &limits);
		assert_eq!(a.outcome, Outcome::Halted { price: 115 });
		assert_eq!(a.fills, vec![0, 0]);
	}

	#[test]
	fn market_prices_round_towards_the_book_on_the_tick() {
		// Tick 10: a bid worst 109 counts at 100, an ask worst 91 at 100.
		let a = clear(&[e(1, Side::Buy, 109, 2, 0), e(2, Side::Sell, 91, 2, 0)], &open(10));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 2 });
		let a = clear(&[e(1, Side::Buy, 99, 2, 0), e(2, Side::Sell, 91, 2, 0)], &open(10));
		assert_eq!(a.outcome, Outcome::Idle);
	}

	#[test]
	fn price_then_time_then_pro_rata_with_largest_remainders() {
		let entries = [
			e(1, Side::Sell, 100, 10, 5),
			e(2, Side::Buy, 101, 3, 9), // better price: first
			e(3, Side::Buy, 100, 2, 4), // older: second
			e(4, Side::Buy, 100, 2, 9), // same block as 5 and 6: pro rata over 5 units
			e(5, Side::Buy, 100, 3, 9),
			e(6, Side::Buy, 100, 5, 9),
		];
		let a = clear(&entries, &open(1));
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 10 });
		// 5 left over 10: 1, 1.5, 2.5 → 1, 1, 2 and one unit to the larger remainder (ties:
		// lower rank: party 5).
		assert_eq!(a.fills, vec![10, 3, 2, 1, 2, 2]);
	}

	#[test]
	fn the_newest_self_crossing_order_goes_and_the_older_stands() {
		let entries = [
			e(1, Side::Buy, 100, 1, 5),
			e(1, Side::Buy, 100, 1, 9),
			e(1, Side::Sell, 90, 1, 7),
			e(2, Side::Sell, 100, 1, 1),
		];
		let a = clear(&entries, &open(1));
		assert_eq!(a.removed, vec![1, 2]);
		assert_eq!(a.outcome, Outcome::Cleared { price: 100, volume: 1 });
		assert_eq!(a.fills, vec![1, 0, 0, 1]);
		// Two crossing orders of one block both go.
		let a = clear(&[e(1, Side::Buy, 100, 1, 3), e(1, Side::Sell, 100, 1, 3)], &open(1));
		assert_eq!(a.removed, vec![0, 1]);
		assert_eq!(a.outcome, Outcome::Idle);
	}

	/// Reference for rule 2: every on-tick price, demand and supply counted from scratch.
	fn reference_price(entries: &[E], alive: &[bool], limits: &Limits) -> Option<(Balance, u64)> {
		let tick = limits.tick.max(1);
		let at = |x: &E| effective(x.side, x.price, tick).unwrap_or_default();
		let live = || entries.iter().enumerate().filter(|&(i, _)| alive[i]).map(|(_, x)| x);
		let min_ask = live().filter(|x| x.side == Side::Sell).map(at).min()?;
		let max_bid = live().filter(|x| x.side == Side::Buy).map(at).max()?;
		let centre = limits
			.centre
			.or(limits.band.map(|(lo, hi)| lo + (hi - lo) / 2))
			.unwrap_or(min_ask + max_bid.saturating_sub(min_ask) / 2);
		let max = entries.iter().map(|e| e.price).max().unwrap_or(0) + 2 * tick;
		let mut best: Option<(Score, Balance, u128)> = None;
		let mut p = tick;
		while p <= max {
			let inside = limits.band.is_none_or(|(lo, hi)| p >= lo && p <= hi);
			if inside {
				let mut point = Point { demand: 0, supply: 0 };
				for x in live() {
					match x.side {
						Side::Buy if at(x) >= p => point.demand += u128::from(x.units),
						Side::Sell if at(x) <= p => point.supply += u128::from(x.units),
						_ => {},
					}
				}
				let score = Score::of(point, centre.abs_diff(p), p);
				if point.volume() > 0 && best.as_ref().is_none_or(|(b, _, _)| score > *b) {
					best = Some((score, p, point.volume()));
				}
			}
			p += tick;
		}
		best.map(|(_, p, v)| (p, v as u64))
	}

	fn arb_side() -> impl Strategy<Value = Side> {
		prop_oneof![Just(Side::Buy), Just(Side::Sell)]
	}

	fn arb_entries() -> impl Strategy<Value = Vec<E>> {
		prop::collection::vec((0u8..6, arb_side(), 0u128..60, 0u64..12, 0u64..3), 0..40).prop_map(
			|v| {
				v.into_iter()
					.map(|(party, side, price, units, since)| Entry {
						party,
						rank: (party, units, price as u32),
						side,
						price,
						units,
						since,
					})
					.collect()
			},
		)
	}

	fn arb_limits() -> impl Strategy<Value = Limits> {
		(
			prop_oneof![Just(1u128), Just(2), Just(5)],
			prop::option::of((1u128..60, 0u128..30)),
			prop::option::of((0u128..60, 0u128..40)),
		)
			.prop_map(|(tick, band, breaker)| {
				let band = band.map(|(lo, width)| (lo, lo + width));
				Limits {
					tick,
					band,
					centre: band.map(|(lo, hi)| (lo + hi) / 2),
					breaker: breaker.map(|(lo, width)| (lo, lo + width)),
				}
			})
	}

	/// Priority on one side: `a` comes before `b` (strictly).
	fn before(side: Side, pa: Balance, sa: u64, pb: Balance, sb: u64) -> bool {
		side.better(pa, pb) || (pa == pb && sa < sb)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(2_000))]

		#[test]
		fn matches_the_reference_and_keeps_every_rule(entries in arb_entries(), limits in arb_limits()) {
			let a = clear(&entries, &limits);
			let tick = limits.tick.max(1);
			let counted: Vec<Option<Balance>> = entries.iter().map(|x| effective(x.side, x.price, tick)).collect();
			let prices: Vec<Balance> = counted.iter().map(|p| p.unwrap_or_default()).collect();
			let mut alive: Vec<bool> = entries.iter().zip(&counted).map(|(x, p)| x.units > 0 && p.is_some()).collect();
			let took_part = alive.clone();
			for &i in &a.removed {
				prop_assert!(alive[i]);
				alive[i] = false;
			}
			// Rule 1: no party left crossing itself; every removed order crossed its party.
			for (i, x) in entries.iter().enumerate().filter(|&(i, _)| alive[i]) {
				for (j, y) in entries.iter().enumerate().filter(|&(j, _)| alive[j]) {
					if x.party == y.party && x.side == Side::Buy && y.side == Side::Sell {
						prop_assert!(prices[i] < prices[j], "party {} still crosses", x.party);
					}
				}
			}
			let cross = |i: usize, j: usize| match entries[i].side {
				Side::Buy => prices[i] >= prices[j],
				Side::Sell => prices[i] <= prices[j],
			};
			for &i in &a.removed {
				let x = &entries[i];
				prop_assert!(entries.iter().enumerate().any(|(j, y)| y.party == x.party && y.side != x.side
					&& took_part[j] && cross(i, j)));
				// The newer order goes: no order it crossed that stays is newer than it.
				for (j, y) in entries.iter().enumerate().filter(|&(j, _)| alive[j]) {
					if y.party == x.party && y.side != x.side && cross(i, j) {
						prop_assert!(y.since <= x.since, "an older order went, a newer one stayed");
					}
				}
			}
			// Rule 2 against the reference.
			let expected = reference_price(&entries, &alive, &limits);
			match (a.outcome, expected) {
				(Outcome::Idle, None) => {},
				(Outcome::Cleared { price, volume }, Some(want)) => {
					prop_assert_eq!((price, volume), want);
					prop_assert!(limits.breaker.is_none_or(|(lo, hi)| price >= lo && price <= hi));
				},
				(Outcome::Halted { price }, Some((want, _))) => {
					prop_assert_eq!(price, want);
					prop_assert!(limits.breaker.is_some_and(|(lo, hi)| price < lo || price > hi));
				},
				(got, want) => prop_assert!(false, "got {:?}, reference {:?}", got, want),
			}
			// Rule 4 and conservation.
			let (mut bought, mut sold) = (0u64, 0u64);
			for (i, x) in entries.iter().enumerate() {
				prop_assert!(a.fills[i] <= x.units);
				if a.fills[i] > 0 {
					prop_assert!(alive[i]);
					let Outcome::Cleared { price, .. } = a.outcome else { unreachable!() };
					prop_assert!(x.side.crosses(prices[i], price));
				}
				match x.side { Side::Buy => bought += a.fills[i], Side::Sell => sold += a.fills[i] }
			}
			prop_assert_eq!(bought, sold);
			if let Outcome::Cleared { volume, price } = a.outcome {
				prop_assert_eq!(bought, volume);
				for (i, x) in entries.iter().enumerate().filter(|&(i, _)| alive[i] && x_crosses(&entries, &prices, i, price)) {
					for (j, y) in entries.iter().enumerate().filter(|&(j, _)| alive[j] && x_crosses(&entries, &prices, j, price)) {
						if x.side == y.side && before(x.side, prices[i], x.since, prices[j], y.since) && a.fills[j] > 0 {
							prop_assert_eq!(a.fills[i], x.units, "priority broken");
						}
					}
				}
				// Pro rata with the largest remainders inside every group that is not filled
				// whole: each share is floor(left · units / total) or one more, the extra units
				// go to remainders at least as large as any that got none (ties: lower rank).
				let mut groups: BTreeMap<(Side, Balance, u64), Vec<usize>> = BTreeMap::new();
				for i in (0..entries.len()).filter(|&i| alive[i] && x_crosses(&entries, &prices, i, price)) {
					groups.entry((entries[i].side, prices[i], entries[i].since)).or_default().push(i);
				}
				for group in groups.values() {
					let total: u128 = group.iter().map(|&i| u128::from(entries[i].units)).sum();
					let left: u128 = group.iter().map(|&i| u128::from(a.fills[i])).sum();
					if left == total || left == 0 {
						continue;
					}
					let mut extra = Vec::new();
					let mut plain = Vec::new();
					for &i in group {
						let exact = left * u128::from(entries[i].units);
						let (floor, rem) = (exact / total, exact % total);
						let fill = u128::from(a.fills[i]);
						prop_assert!(fill == floor || fill == floor + 1, "not pro rata");
						if fill == floor + 1 { extra.push((rem, &entries[i].rank)) } else { plain.push((rem, &entries[i].rank)) }
					}
					for (re, ke) in &extra {
						for (rp, kp) in &plain {
							prop_assert!(re > rp || (re == rp && ke <= kp), "extra unit to a smaller remainder");
						}
					}
				}
			}
			// No cross left at rest within the band (unless halted).
			if !matches!(a.outcome, Outcome::Halted { .. }) {
				let (lo, hi) = limits.band.map_or((tick, Balance::MAX), |(lo, hi)| (ceil_tick(lo, tick).unwrap_or(Balance::MAX).max(tick), floor_tick(hi, tick)));
				let rest = |i: usize| alive[i] && a.fills[i] < entries[i].units;
				let best_bid = (0..entries.len()).filter(|&i| rest(i) && entries[i].side == Side::Buy).map(|i| prices[i]).max();
				let best_ask = (0..entries.len()).filter(|&i| rest(i) && entries[i].side == Side::Sell).map(|i| prices[i]).min();
				if let (Some(b), Some(s)) = (best_bid, best_ask) {
					prop_assert!(s.max(lo) > b.min(hi), "crossed at rest: bid {} ask {}", b, s);
				}
			}
		}

		#[test]
		fn the_order_of_entries_changes_nothing(entries in arb_entries(), limits in arb_limits(), seed in any::<u64>()) {
			let mut shuffled = entries.clone();
			let mut x = seed | 1;
			for i in (1..shuffled.len()).rev() {
				x ^= x << 13; x ^= x >> 7; x ^= x << 17;
				shuffled.swap(i, (x % (i as u64 + 1)) as usize);
			}
			let (a, b) = (clear(&entries, &limits), clear(&shuffled, &limits));
			prop_assert_eq!(a.outcome, b.outcome);
			let outcome = |entries: &[E], auction: &Auction| {
				let mut v: Vec<_> = entries.iter().enumerate()
					.map(|(i, x)| (x.party, x.side, x.price, x.since, x.units, auction.fills[i], auction.removed.contains(&i)))
					.collect();
				v.sort();
				v
			};
			prop_assert_eq!(outcome(&entries, &a), outcome(&shuffled, &b));
		}
	}

	fn x_crosses(entries: &[E], prices: &[Balance], i: usize, price: Balance) -> bool {
		entries[i].side.crosses(prices[i], price)
	}
}
