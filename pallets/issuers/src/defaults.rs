//! Defaults and reinstatement.

use crate::{score, Config, DefaultAction, DefaultKind, Error, Event, Issuers, Pallet, LOG_TARGET};
use genex_primitives::IssuerStatus;
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_record_default(
		who: T::AccountId,
		kind: DefaultKind,
		action: DefaultAction,
	) -> DispatchResult {
		let mut issuer = Issuers::<T>::get(&who).ok_or(Error::<T>::NotAnIssuer)?;
		issuer.inputs.defaults =
			issuer.inputs.defaults.checked_add(1).ok_or(Error::<T>::Overflow)?;
		if kind == DefaultKind::FailedRedemption {
			issuer.inputs.requested =
				issuer.inputs.requested.checked_add(1).ok_or(Error::<T>::Overflow)?;
		}
		match action {
			DefaultAction::Downgrade => {},
			DefaultAction::CutLimit(cut) => {
				issuer.limit_cut = score::compound_cut(issuer.limit_cut, cut);
			},
			DefaultAction::Pause => {
				if issuer.status == IssuerStatus::Active {
					issuer.status = IssuerStatus::Paused;
				}
			},
			DefaultAction::Freeze => issuer.status = IssuerStatus::Frozen,
		}
		let (score, _, limit) = Self::standing(&who, &issuer);
		Issuers::<T>::insert(&who, issuer);
		log::warn!(target: LOG_TARGET, "default of {:?}: {:?} → {:?}", who, kind, action);
		Self::deposit_event(Event::DefaultRecorded { issuer: who, kind, action, score, limit });
		Ok(())
	}

	pub(crate) fn do_reinstate(who: T::AccountId) -> DispatchResult {
		Issuers::<T>::try_mutate(&who, |issuer| {
			let issuer = issuer.as_mut().ok_or(Error::<T>::NotAnIssuer)?;
			ensure!(issuer.status != IssuerStatus::Active, Error::<T>::NotSuspended);
			ensure!(issuer.compensation.is_none(), Error::<T>::CompensationOpen);
			issuer.status = IssuerStatus::Active;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::Reinstated { issuer: who });
		Ok(())
	}
}
