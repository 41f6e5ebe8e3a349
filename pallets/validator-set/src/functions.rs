//! The logic behind the calls: every check first, then the writes.

use crate::{Config, Error, Event, Pallet, PendingRotations, Validators, ROTATIONS_PER_CHANGE};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::ValidatorRegistration};

impl<T: Config> Pallet<T> {
	/// Add `who` to the set and schedule the forced session boundaries.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
		let mut set = Validators::<T>::get();
		let at = match set.binary_search(&who) {
			Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
			Err(at) => at,
		};
		set.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
		Validators::<T>::put(set);
		PendingRotations::<T>::put(ROTATIONS_PER_CHANGE);
		log::info!(target: crate::LOG_TARGET, "validator added: {:?}", who);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Remove `who` from the set and schedule the forced session boundaries.
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		let mut set = Validators::<T>::get();
		let at = set.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
		ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
		set.remove(at);
		Validators::<T>::put(set);
		PendingRotations::<T>::put(ROTATIONS_PER_CHANGE);
		log::info!(target: crate::LOG_TARGET, "validator removed: {:?}", who);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// The validator accounts, sorted.
	pub fn validators() -> Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}

	/// Invariants: the set is sorted, has no duplicates, and is within its bounds.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		ensure!(
			set.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"validators not sorted or repeated"
		);
		ensure!(
			set.is_empty() || set.len() >= T::MinValidators::get() as usize,
			"fewer than MinValidators"
		);
		ensure!(PendingRotations::<T>::get() <= ROTATIONS_PER_CHANGE, "too many rotations pending");
		Ok(())
	}
}
