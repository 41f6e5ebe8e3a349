//! Arbitrators: appointed by governance, checked for conflicts of interest when they rule.

use crate::{Arbitrators, Config, Error, Event, Pallet};
use alloc::vec::Vec;
use genex_primitives::Affiliation;
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// `members` as stored: no duplicates, at most `MaxArbitrators`.
	pub(crate) fn checked_arbitrators(
		members: Vec<T::AccountId>,
	) -> Result<BoundedVec<T::AccountId, T::MaxArbitrators>, Error<T>> {
		let mut sorted = members.clone();
		sorted.sort();
		sorted.dedup();
		ensure!(sorted.len() == members.len(), Error::<T>::DuplicateArbitrator);
		members.try_into().map_err(|_| Error::<T>::TooManyArbitrators)
	}

	pub(crate) fn do_set_arbitrators(members: Vec<T::AccountId>) -> DispatchResult {
		let stored = Self::checked_arbitrators(members)?;
		let arbitrators = stored.to_vec();
		Arbitrators::<T>::put(stored);
		Self::deposit_event(Event::ArbitratorsSet { arbitrators });
		Ok(())
	}

	/// Whether `who` may rule a dispute of `claimant` against `respondent`: an appointed
	/// arbitrator, not a party, not the respondent's affiliate.
	pub(crate) fn ensure_arbiter(
		who: &T::AccountId,
		claimant: &T::AccountId,
		respondent: &T::AccountId,
	) -> DispatchResult {
		ensure!(Arbitrators::<T>::get().contains(who), Error::<T>::NotArbitrator);
		ensure!(
			who != claimant && !T::Affiliation::is_insider(respondent, who),
			Error::<T>::ConflictOfInterest
		);
		Ok(())
	}
}
