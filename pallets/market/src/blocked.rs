//! [`OnBlocked`]: when the sanctions list blocks an account, its quote sheets and listings leave
//! the market — none at once (the list update stays cheap per account: one queue entry), all
//! of them in the coming blocks' idle time ([`crate::PurgeQueue`]). Its resting orders never
//! trade again: the auction's screen releases each one it meets. Until then its listings cannot
//! be bought (the screen refuses a blocked seller).

use crate::{CancelReason, Config, Event, Pallet, PurgeQueue, WeightInfo};
use genex_primitives::OnBlocked;
use polkadot_sdk::frame_support::weights::Weight;

impl<T: Config> OnBlocked<T::AccountId> for Pallet<T> {
	fn on_blocked(who: &T::AccountId) {
		if !PurgeQueue::<T>::contains_key(who) {
			PurgeQueue::<T>::insert(who, CancelReason::Sanctioned);
			Self::deposit_event(Event::PurgeQueued {
				who: who.clone(),
				reason: CancelReason::Sanctioned,
			});
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::on_blocked()
	}
}
