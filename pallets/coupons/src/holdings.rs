//! Read-only views of holdings for wallets' notifications (the runtime's `NotificationsApi`):
//! an account's holding of a series and when the series ends, and an account's holdings of
//! series whose validity ends within a window. Never called from a dispatchable: these read
//! without weight accounting.

use crate::{Config, ExpiringAt, Holdings, Pallet, SeriesOf, EXPIRY_BUCKET_MS};
use alloc::vec::Vec;
use genex_primitives::{
	notifications::{ExpiringHolding, MAX_EXPIRY_WINDOW_MS},
	Moment, SeriesId, SeriesStatus,
};

/// Up to this many hours, a window's buckets are read one by one; a longer window walks the
/// buckets that exist instead (as many as hours with a live series, whatever the window).
const DIRECT_HOURS: u64 = 48;

impl<T: Config> Pallet<T> {
	/// Units of `series` that `who` holds, locked ones included.
	pub fn holding(series: SeriesId, who: &T::AccountId) -> u64 {
		Holdings::<T>::get(series, who)
	}

	/// When `series`' validity ends, and its issuer (None for an unknown series).
	pub fn validity_of(series: SeriesId) -> Option<(Moment, T::AccountId)> {
		SeriesOf::<T>::get(series).map(|s| (s.valid_until, s.issuer))
	}

	/// `who`'s holdings of series whose validity ends in `[from, until)` (a window longer than
	/// [`MAX_EXPIRY_WINDOW_MS`] is cut to it), not yet expired, by end of validity then series.
	/// Cost: the window's hour buckets, each a read, up to [`DIRECT_HOURS`]; beyond, one pass
	/// over the buckets that exist; then one holding read per series found.
	pub fn expiring_holdings(
		who: &T::AccountId,
		from: Moment,
		until: Moment,
	) -> Vec<ExpiringHolding> {
		let until = until.min(from.saturating_add(MAX_EXPIRY_WINDOW_MS));
		if until <= from {
			return Vec::new();
		}
		let (first, last) = (from / EXPIRY_BUCKET_MS, (until.saturating_sub(1)) / EXPIRY_BUCKET_MS);
		let series: Vec<SeriesId> = if last.saturating_sub(first) < DIRECT_HOURS {
			(first..=last).flat_map(|hour| ExpiringAt::<T>::get(hour).into_inner()).collect()
		} else {
			ExpiringAt::<T>::iter()
				.filter(|(hour, _)| (first..=last).contains(hour))
				.flat_map(|(_, ids)| ids.into_inner())
				.collect()
		};
		let mut found: Vec<ExpiringHolding> = series
			.into_iter()
			.filter_map(|id| {
				let s = SeriesOf::<T>::get(id)?;
				let in_window = s.valid_until >= from && s.valid_until < until;
				if !in_window || s.status == SeriesStatus::Expired {
					return None;
				}
				let held = Holdings::<T>::get(id, who);
				(held > 0).then_some(ExpiringHolding {
					series: id,
					held,
					valid_until: s.valid_until,
				})
			})
			.collect();
		found.sort_unstable_by_key(|h| (h.valid_until, h.series));
		found
	}
}
