//! Expiry of good-till-time orders in bounded `on_idle` work.
//!
//! Orders are indexed by the minute of their expiry ([`Expiring`]); [`ExpiryCursor`] is the
//! first minute not yet swept (an order expiring earlier moves it back). A minute is swept once
//! it has fully passed: each order still resting is removed with its escrow returned
//! (`OrderCancelled { reason: Expired }`). Each block does what the idle weight allows, priced
//! from the benchmarks: `expire_idle_minute` per minute looked at, `expire_order` per order.
//! Matching removes expired orders it meets before that, so none ever fills late.

use crate::{
	CancelReason, Config, Expiring, ExpiryCursor, Orders, Pallet, WeightInfo, EXPIRY_BUCKET_MS,
};
use genex_primitives::Moment;
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
				let Some(order) = Orders::<T>::get(id) else { continue };
				if order.expires_at.is_some_and(|at| at <= now) {
					if let Err(e) = Self::remove_order(*id, &order, CancelReason::Expired) {
						// Nothing was written; the order stays until matched or cancelled.
						log::error!(target: crate::LOG_TARGET, "expiring order {id}: {e:?}");
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
