//! The book as a data structure: per (series, side) a bounded list of prices, best first
//! ([`Prices`]); per price one item holding its orders, oldest first ([`Book`]). No per-order
//! item and no open-order index: an order is found by its [`OrderKey`].
//!
//! The auction works on a [`Working`] copy of the levels it touches and writes each level and
//! each price list once ([`Working::commit`]).

use crate::{
	CancelReason, Config, Error, Event, Level, OpenCount, OrderKey, Pallet, Prices, Resting, Side,
	SideCount,
};
use alloc::{collections::BTreeMap, vec::Vec};
use genex_primitives::{
	Balance, CouponLedger, FreezeReason, SeriesId, Settlement, TransferredAsset, ValueMovement,
};
use polkadot_sdk::frame_support::{pallet_prelude::*, BoundedVec};

/// Where `price` sits in a best-first list of `side`: `Ok(i)` when present.
pub(crate) fn price_position(
	prices: &[Balance],
	side: Side,
	price: Balance,
) -> Result<usize, usize> {
	match side {
		// Descending.
		Side::Buy => prices.binary_search_by(|p| price.cmp(p)),
		// Ascending.
		Side::Sell => prices.binary_search(&price),
	}
}

/// The levels of one series an auction (or a cancel) touches, in memory, with both sides'
/// price lists; written back once.
pub(crate) struct Working<T: Config> {
	/// The series.
	pub series: SeriesId,
	/// Price lists per side (index: `Side::Buy` 0, `Side::Sell` 1), best first.
	pub prices: [BoundedVec<Balance, T::MaxPriceLevels>; 2],
	/// Whether a price list changed.
	pub prices_changed: [bool; 2],
	/// Levels read or changed: `None` once emptied.
	pub levels: BTreeMap<(Side, Balance), Option<Level<T>>>,
	/// Levels changed (to write).
	pub dirty: BTreeMap<(Side, Balance), ()>,
	/// Per account: open-order count and per-side count deltas (+ rests, − leaves).
	pub counts: BTreeMap<(T::AccountId, Option<Side>), i64>,
}

impl<T: Config> Working<T> {
	/// The price list of `side` (no indexing: the arrays are destructured).
	fn side_prices(&self, side: Side) -> &BoundedVec<Balance, T::MaxPriceLevels> {
		let [buy, sell] = &self.prices;
		match side {
			Side::Buy => buy,
			Side::Sell => sell,
		}
	}

	/// The price list of `side` to change, and its changed flag.
	fn side_prices_mut(
		&mut self,
		side: Side,
	) -> (&mut BoundedVec<Balance, T::MaxPriceLevels>, &mut bool) {
		let [buy, sell] = &mut self.prices;
		let [buy_changed, sell_changed] = &mut self.prices_changed;
		match side {
			Side::Buy => (buy, buy_changed),
			Side::Sell => (sell, sell_changed),
		}
	}

	/// Start with both price lists of `series`.
	pub fn new(series: SeriesId) -> Self {
		Self {
			series,
			prices: [Prices::<T>::get((series, Side::Buy)), Prices::<T>::get((series, Side::Sell))],
			prices_changed: [false, false],
			levels: BTreeMap::new(),
			dirty: BTreeMap::new(),
			counts: BTreeMap::new(),
		}
	}

	/// The best price of `side`.
	pub fn best(&self, side: Side) -> Option<Balance> {
		self.side_prices(side).first().copied()
	}

	/// The prices of `side`, best first.
	pub fn prices(&self, side: Side) -> &[Balance] {
		self.side_prices(side)
	}

	/// The level at `price` on `side` (read once).
	pub fn level(&mut self, side: Side, price: Balance) -> Option<&mut Level<T>> {
		let series = self.series;
		self.levels
			.entry((side, price))
			.or_insert_with(|| crate::Book::<T>::get((series, side, price)))
			.as_mut()
	}

	/// Mark the level at `price` changed.
	pub fn touch(&mut self, side: Side, price: Balance) {
		self.dirty.insert((side, price), ());
	}

	fn count(&mut self, who: &T::AccountId, side: Side, delta: i64) {
		for key in [(who.clone(), None), (who.clone(), Some(side))] {
			let c = self.counts.entry(key).or_default();
			*c = c.saturating_add(delta);
		}
	}

	/// `Ok` when `who` may rest one more order on `side` (its caps, counting this working
	/// copy's changes).
	pub fn ensure_account_room(&self, who: &T::AccountId, side: Side) -> DispatchResult {
		let delta = |k: (T::AccountId, Option<Side>)| self.counts.get(&k).copied().unwrap_or(0);
		let open = i64::from(OpenCount::<T>::get(who)).saturating_add(delta((who.clone(), None)));
		ensure!(open < i64::from(T::MaxOpenOrders::get()), Error::<T>::TooManyOpenOrders);
		let on_side = i64::from(SideCount::<T>::get(who, (self.series, side)))
			.saturating_add(delta((who.clone(), Some(side))));
		ensure!(on_side < i64::from(T::MaxOrdersPerSide::get()), Error::<T>::TooManyOrdersOnSide);
		Ok(())
	}

	/// Rest `order` at `price` on `side`, at the tail of its level. A full side makes room by
	/// evicting its worst level when `price` is better than it (its orders released with
	/// `Evicted`). Fails, changing nothing, when the level is full, the side is full and
	/// `price` is no better than its worst, or the owner has no room.
	pub fn rest(
		&mut self,
		side: Side,
		price: Balance,
		order: Resting<T::AccountId>,
	) -> DispatchResult {
		self.ensure_account_room(&order.owner, side)?;
		let owner = order.owner.clone();
		let units = order.units;
		if let Some(level) = self.level(side, price) {
			let total = level.units.checked_add(units).ok_or(Error::<T>::Overflow)?;
			level.orders.try_push(order).map_err(|_| Error::<T>::LevelFull)?;
			level.units = total;
		} else {
			let full = self.side_prices(side).len() >= T::MaxPriceLevels::get() as usize;
			if full {
				let worst =
					self.side_prices(side).last().copied().ok_or(Error::<T>::TooManyPriceLevels)?;
				ensure!(side.better(price, worst), Error::<T>::TooManyPriceLevels);
				self.evict(side, worst);
			}
			let at = price_position(self.side_prices(side), side, price).unwrap_or_else(|at| at);
			let (list, changed) = self.side_prices_mut(side);
			list.try_insert(at, price).map_err(|_| Error::<T>::TooManyPriceLevels)?;
			*changed = true;
			let mut orders = BoundedVec::new();
			orders.try_push(order).map_err(|_| Error::<T>::LevelFull)?;
			self.levels.insert((side, price), Some(Level { units, orders }));
		}
		self.touch(side, price);
		self.count(&owner, side, 1);
		Ok(())
	}

	/// Drop the level at `price` on `side`: each order's custody released with `Evicted`.
	fn evict(&mut self, side: Side, price: Balance) {
		let series = self.series;
		if let Some(level) = self.level(side, price).map(core::mem::take) {
			for order in level.orders.iter() {
				let key = OrderKey { series, side, price, id: order.id };
				Pallet::<T>::release_resting(&key, order, CancelReason::Evicted);
				self.count(&order.owner, side, -1);
			}
		}
		self.remove_level(side, price);
	}

	/// Forget the (emptied) level at `price`.
	pub fn remove_level(&mut self, side: Side, price: Balance) {
		if let Ok(at) = price_position(self.side_prices(side), side, price) {
			let (list, changed) = self.side_prices_mut(side);
			list.remove(at);
			*changed = true;
		}
		self.levels.insert((side, price), None);
		self.touch(side, price);
	}

	/// An order of `who` on `side` left the book (filled, cancelled).
	pub fn left(&mut self, who: &T::AccountId, side: Side) {
		self.count(who, side, -1);
	}

	/// Write every changed level, price list and count.
	pub fn commit(self) {
		let series = self.series;
		for ((side, price), ()) in self.dirty {
			match self.levels.get(&(side, price)) {
				Some(Some(level)) if !level.orders.is_empty() => {
					crate::Book::<T>::insert((series, side, price), level)
				},
				_ => crate::Book::<T>::remove((series, side, price)),
			}
		}
		let [buy, sell] = &self.prices;
		let [buy_changed, sell_changed] = self.prices_changed;
		for (side, list, changed) in
			[(Side::Buy, buy, buy_changed), (Side::Sell, sell, sell_changed)]
		{
			if changed {
				if list.is_empty() {
					Prices::<T>::remove((series, side));
				} else {
					Prices::<T>::insert((series, side), list);
				}
			}
		}
		for ((who, side), delta) in self.counts {
			if delta == 0 {
				continue;
			}
			let apply = |c: u32| -> u32 {
				let n = i64::from(c).saturating_add(delta).max(0);
				u32::try_from(n).unwrap_or(u32::MAX)
			};
			match side {
				None => OpenCount::<T>::mutate_exists(&who, |c| {
					*c = Some(apply(c.unwrap_or(0))).filter(|n| *n > 0)
				}),
				Some(side) => SideCount::<T>::mutate_exists(&who, (series, side), |c| {
					*c = Some(apply(c.unwrap_or(0))).filter(|n| *n > 0)
				}),
			}
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The best price resting on `side` of `series`.
	pub fn best_price(series: SeriesId, side: Side) -> Option<Balance> {
		Prices::<T>::get((series, side)).first().copied()
	}

	/// Release what resting order `key` holds (units unlocked, or its stablecoin thawed in the
	/// owner's account) and say why. The caller takes it off its level.
	pub(crate) fn release_resting(
		key: &OrderKey,
		order: &Resting<T::AccountId>,
		reason: CancelReason,
	) {
		match key.side {
			// Fewer may be locked when the coupon expired meanwhile: nothing else to free.
			Side::Sell => {
				T::Coupons::unlock(key.series, &order.owner, order.units);
			},
			Side::Buy => {
				let amount = Self::escrow_of(key.price, order.units, order.fee_rate).unwrap_or(0);
				T::Settlement::thaw(&order.owner, FreezeReason::MarketOrders, amount);
			},
		}
		Self::deposit_event(Event::OrderCancelled {
			key: *key,
			owner: order.owner.clone(),
			units: order.units,
			reason,
		});
	}

	/// Take resting order `key` off the book (its owner's cancel, or governance's): released
	/// with `reason`. `owner`: the order must be this account's, and its withdrawal is counted
	/// for market surveillance ([`genex_primitives::ValueMovement::record_withdrawal`]).
	pub(crate) fn do_cancel(
		key: OrderKey,
		owner: Option<&T::AccountId>,
		reason: CancelReason,
	) -> DispatchResult {
		let mut book = Working::<T>::new(key.series);
		let at = book
			.level(key.side, key.price)
			.and_then(|l| l.orders.iter().position(|o| o.id == key.id));
		let Some(at) = at else {
			// Still waiting for this block's auction?
			let pending = crate::Pending::<T>::get(key.series).iter().any(|o| o.id == key.id);
			return Err(
				if pending { Error::<T>::OrderPending } else { Error::<T>::UnknownOrder }.into()
			);
		};
		let level = book.level(key.side, key.price).ok_or(Error::<T>::UnknownOrder)?;
		let order = level.orders.get(at).cloned().ok_or(Error::<T>::UnknownOrder)?;
		if let Some(who) = owner {
			ensure!(order.owner == *who, Error::<T>::NotOwner);
		}
		level.orders.remove(at);
		level.units = level.units.saturating_sub(order.units);
		let emptied = level.orders.is_empty();
		if emptied {
			book.remove_level(key.side, key.price);
		} else {
			book.touch(key.side, key.price);
		}
		book.left(&order.owner, key.side);
		Self::release_resting(&key, &order, reason);
		book.commit();
		if owner.is_some() {
			// Market surveillance: the owner withdrew it, after it rested this many blocks.
			let now: u32 = Self::block_number().try_into().unwrap_or(u32::MAX);
			let value = key.price.saturating_mul(Balance::from(order.units));
			let asset = TransferredAsset::Coupon { series: key.series };
			T::Movement::record_withdrawal(
				&order.owner,
				asset,
				value,
				now.saturating_sub(order.since),
			);
		}
		Ok(())
	}

	/// The orders resting on `side` of `series` at `price`, oldest first.
	pub fn level_orders(
		series: SeriesId,
		side: Side,
		price: Balance,
	) -> Vec<Resting<T::AccountId>> {
		crate::Book::<T>::get((series, side, price))
			.map(|l| l.orders.into_inner())
			.unwrap_or_default()
	}
}
