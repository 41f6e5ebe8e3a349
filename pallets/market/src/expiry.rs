//! Expiry of good-till-time orders in bounded `on_idle` work.
//!
//! Orders are indexed by the minute of their expiry ([`Expiring`]); [`ExpiryCursor`] is the
//! first minute not yet swept (an order expiring earlier moves it back). A minute is swept once
//! it has fully passed: each order still resting is removed with its lock or freeze released
//! (`OrderCancelled { reason: Expired }`). Each block does what the idle weight allows, priced
//! from the benchmarks: `expire_idle_minute` per minute looked at, `expire_order` per order.
//! The auction removes expired orders it meets before that, so none ever fills late.
//!
//! Series that are over (expired, or gone from the ledger) with an empty book have their market
//! state ([`Markets`], [`RecentTrades`]) removed by a second idle-time sweep over [`Markets`]
//! ([`MarketSweepCursor`] is where it resumes), priced `sweep_markets(series read)`.

use crate::{
	Book, CancelReason, Config, Event, Expiring, ExpiryCursor, MarketSweepCursor, Markets, Pallet,
	Prices, RecentTrades, Side, WeightInfo, EXPIRY_BUCKET_MS,
};
use alloc::vec::Vec;
use genex_primitives::{CouponLedger, Moment, SeriesStatus};
use polkadot_sdk::frame_support::{pallet_prelude::*, weights::Weight};

impl<T: Config> Pallet<T> {
	/// Sweep expired orders within `remaining` weight; returns the weight used.
	pub(crate) fn do_expire(remaining: Weight) -> Weight {
		Self::do_expire_at(Self::now(), remaining)
	}

	/// [`Pallet::do_expire`] at wall-clock time `now` (ms).
	pub(crate) fn do_expire_at(now: Moment, remaining: Weight) -> Weight {
		let mut used = T::DbWeight::get().reads(1);
		let Some(mut cursor) = ExpiryCursor::<T>::get() else { return used };
		let current = now / EXPIRY_BUCKET_MS;
		let minute_cost = T::WeightInfo::expire_idle_minute();
		let per_order = T::WeightInfo::expire_order();
		let start = cursor;
		while cursor < current {
			if !remaining.all_gte(used.saturating_add(minute_cost).saturating_add(per_order)) {
				break;
			}
			used.saturating_accrue(minute_cost);
			let ids = Expiring::<T>::get(cursor);
			let mut done: usize = 0;
			for id in ids.iter() {
				if !remaining.all_gte(used.saturating_add(per_order)) {
					break;
				}
				used.saturating_accrue(per_order);
				done = done.saturating_add(1);
				let key = *id;
				let expired = Book::<T>::get((key.series, key.side, key.price)).is_some_and(|l| {
					l.orders
						.iter()
						.any(|o| o.id == key.id && o.expires_at.is_some_and(|at| at <= now))
				});
				if expired {
					if let Err(e) = Self::do_cancel(key, None, CancelReason::Expired) {
						// Nothing was written; the auction never lets it trade.
						log::error!(target: crate::LOG_TARGET, "expiring order {key:?}: {e:?}");
					}
				}
			}
			if done < ids.len() {
				let mut left = ids;
				left.drain(..done);
				Expiring::<T>::insert(cursor, left);
				break;
			}
			Expiring::<T>::remove(cursor);
			cursor = cursor.saturating_add(1);
		}
		if cursor != start {
			ExpiryCursor::<T>::put(cursor);
		}
		used
	}
}

impl<T: Config> Pallet<T> {
	/// `on_idle`, after order expiry: sweep the market state of series that are over, with what
	/// `remaining` pays for (at most [`crate::MAX_SWEEP_PER_BLOCK`] series); returns the weight
	/// used.
	pub(crate) fn do_sweep_markets(remaining: Weight) -> Weight {
		genex_primitives::sweep::within(
			remaining,
			T::WeightInfo::sweep_markets,
			crate::MAX_SWEEP_PER_BLOCK,
			Self::sweep_markets,
		)
	}

	/// Read up to `limit` series' market state ([`Markets`]) from the cursor and remove it, with
	/// the series' [`RecentTrades`], once the series is over — expired, or gone from the coupon
	/// ledger — and nothing rests on its book any more (resting orders are removed by their
	/// owners, by expiry or by matching; until then the state stays). Emits
	/// `MarketClosed { series }` per series removed. Returns how many were read.
	pub(crate) fn sweep_markets(limit: u32) -> u32 {
		let entries = match MarketSweepCursor::<T>::get() {
			Some(cursor) => Markets::<T>::iter_from(cursor.into_inner()),
			None => Markets::<T>::iter(),
		};
		let mut closed = Vec::new();
		let outcome = genex_primitives::sweep(
			entries,
			limit,
			|series, _| {
				let over = T::Coupons::info(*series)
					.is_none_or(|info| info.status == SeriesStatus::Expired);
				over && !Prices::<T>::contains_key((*series, Side::Buy))
					&& !Prices::<T>::contains_key((*series, Side::Sell))
			},
			|series| {
				Markets::<T>::remove(series);
				RecentTrades::<T>::remove(series);
				closed.push(*series);
			},
			|series| Markets::<T>::hashed_key_for(series),
		);
		if !outcome.save_cursor::<MarketSweepCursor<T>>() {
			return 0;
		}
		for series in closed {
			Self::deposit_event(Event::MarketClosed { series });
		}
		outcome.visited
	}
}
