//! Governed minimum validity of new series, per class (coupon kind, gift card or not) and
//! jurisdiction: gift-card laws such as the US CARD Act (funds may not expire within five years).

use crate::{Config, Error, Event, Jurisdiction, MinValidity, Moment, Pallet, ValidityClass};
use genex_primitives::kyc::is_valid_jurisdiction;
use polkadot_sdk::{frame_support::pallet_prelude::*, sp_runtime::traits::Convert};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_min_validity(
		class: ValidityClass,
		jurisdiction: Jurisdiction,
		min_validity: Option<Moment>,
	) -> DispatchResult {
		ensure!(is_valid_jurisdiction(&jurisdiction), Error::<T>::InvalidJurisdiction);
		// Zero is no minimum: stored as none.
		let min_validity = min_validity.filter(|ms| *ms > 0);
		MinValidity::<T>::set(class, jurisdiction, min_validity);
		Self::deposit_event(Event::MinValiditySet { class, jurisdiction, min_validity });
		Ok(())
	}

	/// The minimum validity a new series of `class` by `issuer` must have: the longer of the
	/// rule of the `declared` jurisdiction and that of the issuer's KYC jurisdiction (0: none).
	pub fn min_validity_for(
		class: ValidityClass,
		declared: Option<Jurisdiction>,
		issuer: &T::AccountId,
	) -> Moment {
		let home = T::KycJurisdiction::convert(issuer.clone());
		let rule = |j: Option<Jurisdiction>| {
			j.and_then(|j| MinValidity::<T>::get(class, j)).unwrap_or_default()
		};
		let home_min = if home == declared { 0 } else { rule(home) };
		rule(declared).max(home_min)
	}

	/// `Ok` when a new series usable from the later of `now` and `valid_from` until
	/// `valid_until` meets [`Pallet::min_validity_for`]; a declared jurisdiction must be valid.
	/// Reads only.
	pub(crate) fn ensure_min_validity(
		issuer: &T::AccountId,
		class: ValidityClass,
		declared: Option<Jurisdiction>,
		valid_from: Moment,
		valid_until: Moment,
		now: Moment,
	) -> DispatchResult {
		if let Some(code) = &declared {
			ensure!(is_valid_jurisdiction(code), Error::<T>::InvalidJurisdiction);
		}
		let min = Self::min_validity_for(class, declared, issuer);
		let usable = valid_until.saturating_sub(valid_from.max(now));
		ensure!(usable >= min, Error::<T>::ValidityTooShort);
		Ok(())
	}
}
