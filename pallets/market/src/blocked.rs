//! [`OnBlocked`]: when the sanctions list blocks an account, its resting orders leave the book
//! (a bounded number, `MaxBatch`, at once; matching cancels any others it meets) and its
//! escrow goes back to its own account, where the block freezes it.

use crate::{CancelReason, Config, OpenOrders, OrderId, Orders, Pallet, WeightInfo};
use alloc::vec::Vec;
use genex_primitives::OnBlocked;
use polkadot_sdk::frame_support::{traits::Get, weights::Weight};

impl<T: Config> OnBlocked<T::AccountId> for Pallet<T> {
	fn on_blocked(who: &T::AccountId) {
		let ids: Vec<OrderId> =
			OpenOrders::<T>::iter_key_prefix(who).take(T::MaxBatch::get() as usize).collect();
		for id in ids {
			let Some(order) = Orders::<T>::get(id) else { continue };
			if let Err(e) = Self::remove_order(id, &order, CancelReason::Sanctioned) {
				// Nothing was written for this order; matching cancels it when it meets it.
				log::error!(target: crate::LOG_TARGET, "cancelling blocked order {id}: {e:?}");
			}
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::batch_cancel(T::MaxBatch::get())
	}
}
