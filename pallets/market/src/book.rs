//! The book as a data structure: per (series, side) a sorted list of prices (best first), per
//! price a FIFO list of orders linked through `prev`/`next`. Every operation here is O(1) in
//! storage accesses apart from the price list (one bounded read and write).

use crate::{
	Config, Error, Level, Levels, OpenCount, OpenOrders, Order, OrderId, Orders, Pallet, Prices,
	PurgeQueue, Side, SideCount,
};
use genex_primitives::{Balance, SeriesId};
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// The best price resting on `side` of `series`.
	pub fn best_price(series: SeriesId, side: Side) -> Option<Balance> {
		Prices::<T>::get((series, side)).first().copied()
	}

	/// Where `price` sits in a best-first list of `side`: `Ok(i)` when present.
	fn price_position(prices: &[Balance], side: Side, price: Balance) -> Result<usize, usize> {
		match side {
			// Descending.
			Side::Buy => prices.binary_search_by(|p| price.cmp(p)),
			// Ascending.
			Side::Sell => prices.binary_search(&price),
		}
	}

	/// `Ok` when an order of `who` at `price` could rest: the account has room for one more
	/// open order and one more on this side, and the side has room for the price. A full side
	/// makes room by evicting its worst level when `price` is better than it and that level
	/// has at most `budget` orders: then `Ok(Some((worst, orders)))`, with its orders taken
	/// from `budget` (the caller evicts when the order rests, [`Pallet::evict_level`], and
	/// gives them back otherwise). Reads only.
	pub(crate) fn ensure_can_rest(
		who: &T::AccountId,
		series: SeriesId,
		side: Side,
		price: Balance,
		budget: &mut u32,
	) -> Result<Option<(Balance, u32)>, DispatchError> {
		ensure!(OpenCount::<T>::get(who) < T::MaxOpenOrders::get(), Error::<T>::TooManyOpenOrders);
		ensure!(
			SideCount::<T>::get(who, (series, side)) < T::MaxOrdersPerSide::get(),
			Error::<T>::TooManyOrdersOnSide
		);
		// Its orders are being cancelled (blocked, or removed as a market maker).
		ensure!(!PurgeQueue::<T>::contains_key(who), Error::<T>::PurgePending);
		if let Some(level) = Levels::<T>::get((series, side, price)) {
			// A level holds at most `MaxFills` orders, so any level can be evicted by one call.
			ensure!(level.orders < T::MaxFills::get(), Error::<T>::LevelFull);
			return Ok(None);
		}
		let prices = Prices::<T>::get((series, side));
		if prices.len() < T::MaxPriceLevels::get() as usize {
			return Ok(None);
		}
		let worst = prices.last().copied().ok_or(Error::<T>::TooManyPriceLevels)?;
		ensure!(side.better(price, worst), Error::<T>::TooManyPriceLevels);
		let orders = Levels::<T>::get((series, side, worst)).map_or(0, |l| l.orders);
		ensure!(orders <= *budget, Error::<T>::TooManyPriceLevels);
		*budget = budget.saturating_sub(orders);
		Ok(Some((worst, orders)))
	}

	/// Cancel every order of the level at `price` on `side` of `series` (reason `Evicted`).
	pub(crate) fn evict_level(series: SeriesId, side: Side, price: Balance) -> DispatchResult {
		let mut cursor = Levels::<T>::get((series, side, price)).map(|l| l.head);
		while let Some(id) = cursor {
			let Some(order) = Orders::<T>::get(id) else { break };
			cursor = order.next;
			Self::remove_order(id, &order, crate::CancelReason::Evicted)?;
		}
		Ok(())
	}

	/// Append `order` as `id` at the tail of its price level (after
	/// [`Pallet::ensure_can_rest`]).
	pub(crate) fn link(id: OrderId, mut order: Order<T::AccountId>) -> DispatchResult {
		let key = (order.series, order.side, order.price);
		let level = match Levels::<T>::get(key) {
			Some(mut level) => {
				order.prev = Some(level.tail);
				Orders::<T>::mutate(level.tail, |o| {
					if let Some(o) = o {
						o.next = Some(id);
					}
				});
				level.tail = id;
				level.units = level.units.checked_add(order.units).ok_or(Error::<T>::Overflow)?;
				level.orders = level.orders.saturating_add(1);
				level
			},
			None => {
				Prices::<T>::try_mutate((order.series, order.side), |prices| {
					let at = Self::price_position(prices, order.side, order.price)
						.unwrap_or_else(|at| at);
					prices.try_insert(at, order.price).map_err(|_| Error::<T>::TooManyPriceLevels)
				})?;
				Level { head: id, tail: id, units: order.units, orders: 1 }
			},
		};
		Levels::<T>::insert(key, level);
		OpenOrders::<T>::insert(&order.owner, id, ());
		OpenCount::<T>::mutate(&order.owner, |c| *c = c.saturating_add(1));
		SideCount::<T>::mutate(&order.owner, (order.series, order.side), |c| {
			*c = c.saturating_add(1)
		});
		Orders::<T>::insert(id, order);
		Ok(())
	}

	/// Remove order `id` from its level, its owner's open orders and storage. Escrow is the
	/// caller's.
	pub(crate) fn unlink(id: OrderId, order: &Order<T::AccountId>) {
		let key = (order.series, order.side, order.price);
		if let Some(prev) = order.prev {
			Orders::<T>::mutate(prev, |o| {
				if let Some(o) = o {
					o.next = order.next;
				}
			});
		}
		if let Some(next) = order.next {
			Orders::<T>::mutate(next, |o| {
				if let Some(o) = o {
					o.prev = order.prev;
				}
			});
		}
		match Levels::<T>::get(key) {
			Some(level) if level.orders > 1 => {
				let mut level = level;
				if level.head == id {
					level.head = order.next.unwrap_or(level.head);
				}
				if level.tail == id {
					level.tail = order.prev.unwrap_or(level.tail);
				}
				level.units = level.units.saturating_sub(order.units);
				level.orders = level.orders.saturating_sub(1);
				Levels::<T>::insert(key, level);
			},
			_ => {
				Levels::<T>::remove(key);
				let side_key = (order.series, order.side);
				let mut prices = Prices::<T>::get(side_key);
				if let Ok(at) = Self::price_position(&prices, order.side, order.price) {
					prices.remove(at);
				}
				if prices.is_empty() {
					Prices::<T>::remove(side_key);
				} else {
					Prices::<T>::insert(side_key, prices);
				}
			},
		}
		OpenOrders::<T>::remove(&order.owner, id);
		OpenCount::<T>::mutate(&order.owner, |c| *c = c.saturating_sub(1));
		SideCount::<T>::mutate_exists(&order.owner, (order.series, order.side), |c| {
			*c = c.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
		});
		Orders::<T>::remove(id);
	}

	/// `units` of resting order `id` filled: shrink it and its level, or unlink it when done.
	pub(crate) fn reduce(id: OrderId, order: &mut Order<T::AccountId>, units: u64) {
		if units >= order.units {
			Self::unlink(id, order);
			order.units = 0;
			return;
		}
		order.units = order.units.saturating_sub(units);
		Orders::<T>::insert(id, &*order);
		Levels::<T>::mutate((order.series, order.side, order.price), |level| {
			if let Some(level) = level {
				level.units = level.units.saturating_sub(units);
			}
		});
	}
}
