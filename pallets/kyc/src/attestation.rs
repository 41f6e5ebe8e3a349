//! Attestors and attestations: approval, attest, revoke, and the level in force.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::DispatchResult,
		traits::{Get, UnixTime},
	},
	sp_core::H256,
};

impl<T: Config> Pallet<T> {
	/// Approve `attestor`.
	pub(crate) fn do_add_attestor(attestor: T::AccountId) -> DispatchResult {
		ensure!(!Attestors::<T>::contains_key(&attestor), Error::<T>::AlreadyAttestor);
		ensure!(Attestors::<T>::count() < T::MaxAttestors::get(), Error::<T>::TooManyAttestors);
		Attestors::<T>::insert(&attestor, ());
		Self::deposit_event(Event::AttestorAdded { attestor });
		Ok(())
	}

	/// Remove `attestor`; its attestations stop counting (see [`Pallet::level_of`]).
	pub(crate) fn do_remove_attestor(attestor: T::AccountId) -> DispatchResult {
		ensure!(Attestors::<T>::contains_key(&attestor), Error::<T>::UnknownAttestor);
		Attestors::<T>::remove(&attestor);
		Self::deposit_event(Event::AttestorRemoved { attestor });
		Ok(())
	}

	/// `attestor` attests `who`. All checks come before the single write.
	///
	/// An attestor never attests its own account, and never overwrites an attestation in force
	/// made by another attestor. It may replace its own (renewal, upgrade, downgrade) and one
	/// that is no longer in force: expired, or made by an attestor since removed (such an
	/// attestation counts for nothing, and the account must be able to get a new one).
	pub(crate) fn do_attest(
		attestor: T::AccountId,
		who: T::AccountId,
		level: u8,
		jurisdiction: Jurisdiction,
		expires_at: Moment,
		evidence: H256,
	) -> DispatchResult {
		ensure!(Attestors::<T>::contains_key(&attestor), Error::<T>::UnknownAttestor);
		ensure!(who != attestor, Error::<T>::SelfAttestation);
		let level = KycLevel::try_from(level).map_err(|_| Error::<T>::InvalidLevel)?;
		ensure!(level != KycLevel::L0, Error::<T>::InvalidLevel);
		ensure!(
			genex_primitives::kyc::is_valid_jurisdiction(&jurisdiction),
			Error::<T>::InvalidJurisdiction
		);
		ensure!(expires_at > Self::now(), Error::<T>::ExpiryInPast);
		if let Some(current) = Self::attestation_in_force(&who) {
			ensure!(current.attestor == attestor, Error::<T>::AttestedByAnother);
		}
		Attestations::<T>::insert(
			&who,
			Attestation { level, jurisdiction, expires_at, evidence, attestor: attestor.clone() },
		);
		Self::deposit_event(Event::Attested {
			who,
			attestor,
			level,
			jurisdiction,
			expires_at,
			evidence,
		});
		Ok(())
	}

	/// Revoke `who`'s attestation: by its attestor (`Some`), or forced (`None`).
	pub(crate) fn do_revoke(by: Option<T::AccountId>, who: T::AccountId) -> DispatchResult {
		if let Some(attestor) = &by {
			ensure!(Attestors::<T>::contains_key(attestor), Error::<T>::UnknownAttestor);
		}
		let attestation = Attestations::<T>::get(&who).ok_or(Error::<T>::NoAttestation)?;
		if let Some(attestor) = &by {
			ensure!(attestation.attestor == *attestor, Error::<T>::NotYourAttestation);
		}
		Attestations::<T>::remove(&who);
		Self::deposit_event(Event::Revoked { who, forced: by.is_none() });
		Ok(())
	}

	/// Wall-clock time in ms since the Unix epoch.
	pub(crate) fn now() -> Moment {
		u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
	}

	/// The attestation in force for `who`: present, unexpired, by a still-approved attestor.
	pub fn attestation_in_force(who: &T::AccountId) -> Option<Attestation<T::AccountId>> {
		Attestations::<T>::get(who)
			.filter(|a| a.expires_at > Self::now() && Attestors::<T>::contains_key(&a.attestor))
	}

	/// The level in force for `who` (L0 without an attestation in force).
	pub fn level_of(who: &T::AccountId) -> KycLevel {
		Self::attestation_in_force(who).map(|a| a.level).unwrap_or_default()
	}

	/// Storage invariants: the attestor count is bounded; no attestation is at L0.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		ensure!(
			Attestors::<T>::count() <= T::MaxAttestors::get(),
			"more attestors than MaxAttestors"
		);
		ensure!(
			Attestors::<T>::iter_keys().count() as u32 == Attestors::<T>::count(),
			"attestor counter out of sync"
		);
		ensure!(
			Attestations::<T>::iter_values().all(|a| a.level != KycLevel::L0),
			"attestation at L0"
		);
		Ok(())
	}
}
