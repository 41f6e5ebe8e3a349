//! Receipts are kept for the review window, then deleted in bounded `on_idle` work.
//!
//! Receipt ids are given in the order of blocks, so `at` never decreases with the id and, with
//! one window for all, receipts expire in id order: the sweep moves [`OldestReceipt`] up over
//! the expired ones and stops at the first that is still in its window. A receipt is expired
//! once more than [`RedemptionLimits::review_window`](crate::RedemptionLimits) blocks have
//! passed since its redemption; from then on it can no longer be reviewed, whether or not the
//! sweep has deleted it yet.

use crate::{Config, Limits, NextReceiptId, OldestReceipt, Pallet, Receipt, Receipts, WeightInfo};
use polkadot_sdk::{
	frame_support::weights::Weight,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::Saturating,
};

/// Most receipts one block's `on_idle` deletes (the `sweep_receipts` benchmark's range).
pub const MAX_SWEEP_PER_BLOCK: u32 = 1_000;

/// How many steps of `per` fit in `room` (both dimensions; a zero dimension does not limit).
pub(crate) fn fits(room: Weight, per: Weight) -> u32 {
	let by = |have: u64, each: u64| have.checked_div(each).unwrap_or(u64::MAX);
	let n = by(room.ref_time(), per.ref_time()).min(by(room.proof_size(), per.proof_size()));
	u32::try_from(n).unwrap_or(u32::MAX)
}

impl<T: Config> Pallet<T> {
	/// Whether a receipt of block `at` is past its review window at block `now`.
	pub(crate) fn is_expired(at: BlockNumberFor<T>, now: BlockNumberFor<T>) -> bool {
		now.saturating_sub(at) > Limits::<T>::get().review_window
	}

	/// Whether `receipt` can still be reviewed now.
	pub fn in_review_window(receipt: &Receipt<T::AccountId, BlockNumberFor<T>>) -> bool {
		!Self::is_expired(receipt.at, frame_system::Pallet::<T>::block_number())
	}

	/// Delete receipts past their review window, oldest first, within `remaining` weight;
	/// returns the weight used.
	pub(crate) fn do_sweep_receipts(remaining: Weight) -> Weight {
		let none = T::WeightInfo::sweep_receipts(0);
		let one = T::WeightInfo::sweep_receipts(1);
		if remaining.any_lt(one) {
			return Weight::zero();
		}
		let max = fits(remaining.saturating_sub(none), one.saturating_sub(none))
			.clamp(1, MAX_SWEEP_PER_BLOCK);
		let window = Limits::<T>::get().review_window;
		let now = frame_system::Pallet::<T>::block_number();
		let next = NextReceiptId::<T>::get();
		let start = OldestReceipt::<T>::get();
		let mut cursor = start;
		let mut swept: u32 = 0;
		while swept < max && cursor < next {
			if let Some(receipt) = Receipts::<T>::get(cursor) {
				// The first receipt still in its window: all later ones are too.
				if now.saturating_sub(receipt.at) <= window {
					break;
				}
				Receipts::<T>::remove(cursor);
			}
			cursor = cursor.saturating_add(1);
			swept = swept.saturating_add(1);
		}
		if cursor != start {
			OldestReceipt::<T>::put(cursor);
		}
		T::WeightInfo::sweep_receipts(swept)
	}
}
