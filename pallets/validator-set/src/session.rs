//! Glue to `pallet-session`: the session manager (which set to use) and the session end rule
//! (periodic, or forced right after a governance change).

use crate::{
	Config, Event, Pallet, PendingRotations, Validators, LOG_TARGET, ROTATIONS_PER_CHANGE,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::traits::Get,
	pallet_session::{PeriodicSessions, SessionManager, ShouldEndSession},
	sp_runtime::traits::Zero,
	sp_staking::SessionIndex,
};

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// Planning session `new_index`: hand over the set when a change is pending (first forced
	/// boundary); keep the queued set otherwise.
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let pending = PendingRotations::<T>::get();
		if pending.is_zero() {
			return None;
		}
		PendingRotations::<T>::put(pending.saturating_sub(1));
		if pending < ROTATIONS_PER_CHANGE {
			// Second forced boundary: the set queued at the first one becomes active now.
			return None;
		}
		let set = Validators::<T>::get().into_inner();
		log::info!(
			target: LOG_TARGET,
			"queueing {} validators for session {}",
			set.len(),
			new_index
		);
		Pallet::<T>::deposit_event(Event::ValidatorSetQueued {
			session: new_index,
			validators: set.len() as u32,
		});
		Some(set)
	}

	/// At genesis the set comes from this pallet's genesis config.
	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let set = Validators::<T>::get().into_inner();
		(!set.is_empty()).then_some(set)
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

/// Ends a session every `Period` blocks (offset `Offset`), or at once while a governance change
/// of the validator set has forced boundaries pending.
pub struct ForcedOrPeriodicSessions<T, Period, Offset>(PhantomData<(T, Period, Offset)>);

impl<T, Period, Offset>
	ShouldEndSession<polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>>
	for ForcedOrPeriodicSessions<T, Period, Offset>
where
	T: Config,
	Period: Get<polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>>,
	Offset: Get<polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>>,
{
	fn should_end_session(
		now: polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> bool {
		!PendingRotations::<T>::get().is_zero()
			|| <PeriodicSessions<Period, Offset> as ShouldEndSession<_>>::should_end_session(now)
	}
}
