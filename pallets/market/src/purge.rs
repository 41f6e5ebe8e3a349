//! Removing all of an account's quote sheets and listings when it is blocked or removed as a
//! market maker: as many as the call may at once, the rest queued ([`PurgeQueue`]) and removed
//! in later blocks' idle time, so removal runs to completion however many the account had.

use crate::{
	CancelReason, Config, Event, ListingId, Listings, OpenCount, Pallet, PurgeQueue,
	SellerListings, Sheet, Sheets, WeightInfo,
};
use alloc::vec::Vec;
use genex_primitives::{CouponLedger, SeriesId};
use polkadot_sdk::frame_support::{traits::Get, weights::Weight};

impl<T: Config> Pallet<T> {
	/// Remove up to `max` of `who`'s quote sheets, then listings. Returns how many were
	/// removed and whether none is left. (Its resting orders carry no index: the auction
	/// releases each one it meets — a blocked owner's order never trades; the others stay
	/// locked in its own account until it cancels them or governance does.)
	pub(crate) fn purge_some(who: &T::AccountId, reason: CancelReason, max: u32) -> (u32, bool) {
		let mut cancelled: u32 = 0;
		let sheets: Vec<(SeriesId, Sheet<T>)> =
			Sheets::<T>::iter_prefix(who).take(max as usize).collect();
		for (series, sheet) in sheets {
			cancelled = cancelled.saturating_add(1);
			Self::remove_sheet(who, series, &sheet.active, sheet.fee_rate, reason);
		}
		let room = max.saturating_sub(cancelled) as usize;
		let listings: Vec<ListingId> =
			SellerListings::<T>::iter_key_prefix(who).take(room).collect();
		for id in listings {
			cancelled = cancelled.saturating_add(1);
			Self::remove_listing(id, reason);
		}
		let done = Sheets::<T>::iter_key_prefix(who).next().is_none()
			&& SellerListings::<T>::iter_key_prefix(who).next().is_none();
		(cancelled, done)
	}

	/// Take listing `id` off the market and unlock its units (its seller's, `reason`).
	pub(crate) fn remove_listing(id: ListingId, reason: CancelReason) {
		let Some(listing) = Listings::<T>::take(id) else { return };
		T::Coupons::unlock(listing.series, &listing.seller, listing.units);
		SellerListings::<T>::remove(&listing.seller, id);
		OpenCount::<T>::mutate(&listing.seller, |c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::ListingCancelled { listing: id, units: listing.units, reason });
	}

	/// Cancel `who`'s orders and listings now, up to `max`; queue the rest.
	pub(crate) fn purge(who: &T::AccountId, reason: CancelReason, max: u32) {
		let (_, done) = Self::purge_some(who, reason, max);
		if !done && !PurgeQueue::<T>::contains_key(who) {
			PurgeQueue::<T>::insert(who, reason);
			Self::deposit_event(Event::PurgeQueued { who: who.clone(), reason });
		}
	}

	/// Idle-time work: cancel queued accounts' orders and listings within `remaining`, one
	/// account after another (in the queue's storage order), at `expire_order`'s weight per
	/// item. Every item removed makes progress (a failing order leaves the index), so no account
	/// holds the queue up. Returns the weight used.
	pub(crate) fn do_purge(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		let per_item = T::WeightInfo::expire_order();
		// The queue's first entry (1 read), then per account the two emptiness checks.
		let mut used = db.reads(1);
		let overhead = db.reads_writes(3, 2);
		while PurgeQueue::<T>::count() > 0 {
			let mut fit: u32 = 0;
			while fit < T::MaxSheetsPerMaker::get()
				&& remaining.all_gte(
					used.saturating_add(overhead)
						.saturating_add(per_item.saturating_mul(u64::from(fit).saturating_add(1))),
				) {
				fit = fit.saturating_add(1);
			}
			if fit == 0 {
				break;
			}
			let Some((who, reason)) = PurgeQueue::<T>::iter().next() else { break };
			let (cancelled, done) = Self::purge_some(&who, reason, fit);
			used.saturating_accrue(
				overhead.saturating_add(per_item.saturating_mul(cancelled.into())),
			);
			if !done {
				break;
			}
			PurgeQueue::<T>::remove(&who);
			Self::deposit_event(Event::PurgeCompleted { who });
		}
		used
	}
}
