//! Applications, approvals and rejections.

use crate::{
	Application, Applications, ApprovedAt, Config, Error, Event, Issuer, Issuers, Pallet,
	LOG_TARGET,
};
use alloc::vec::Vec;
use genex_primitives::{CreditInputs, IssuerStatus, KycLevel, KycProvider, SanctionsScreen};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, BoundedVec},
	frame_system,
	sp_core::H256,
	sp_runtime::Perbill,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_apply(who: T::AccountId, name: Vec<u8>, documents: H256) -> DispatchResult {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		let name: BoundedVec<u8, T::MaxNameLen> =
			name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(!Issuers::<T>::contains_key(&who), Error::<T>::AlreadyAnIssuer);
		ensure!(!Applications::<T>::contains_key(&who), Error::<T>::AlreadyApplied);
		T::Sanctions::ensure_not_blocked(&who)?;
		T::Kyc::ensure_level(&who, KycLevel::L3)?;
		let applied_at = frame_system::Pallet::<T>::block_number();
		Applications::<T>::insert(&who, Application { name, documents, applied_at });
		Self::deposit_event(Event::Applied { applicant: who, documents });
		Ok(())
	}

	pub(crate) fn do_approve(applicant: T::AccountId, years: u8) -> DispatchResult {
		let application = Applications::<T>::get(&applicant).ok_or(Error::<T>::NoApplication)?;
		T::Kyc::ensure_level(&applicant, KycLevel::L3)?;
		let issuer = Self::new_issuer(application.name, application.documents, years);
		let now = frame_system::Pallet::<T>::block_number();
		Applications::<T>::remove(&applicant);
		// The minimum sample's age counts from here.
		ApprovedAt::<T>::insert(&applicant, now);
		let (score, _, limit) = Self::standing(&applicant, &issuer);
		Issuers::<T>::insert(&applicant, issuer);
		log::info!(target: LOG_TARGET, "issuer approved: {:?} score {} limit {}", applicant, score, limit);
		Self::deposit_event(Event::Approved { issuer: applicant, score, limit });
		Ok(())
	}

	pub(crate) fn do_reject(applicant: T::AccountId, reason: Vec<u8>) -> DispatchResult {
		let reason: BoundedVec<u8, T::MaxReasonLen> =
			reason.try_into().map_err(|_| Error::<T>::ReasonTooLong)?;
		ensure!(Applications::<T>::contains_key(&applicant), Error::<T>::NoApplication);
		Applications::<T>::remove(&applicant);
		Self::deposit_event(Event::Rejected { applicant, reason });
		Ok(())
	}

	/// A freshly approved issuer: active, no history but its years in business.
	pub(crate) fn new_issuer(
		name: BoundedVec<u8, T::MaxNameLen>,
		documents: H256,
		years_in_business: u8,
	) -> Issuer<T::MaxNameLen> {
		Issuer {
			name,
			documents,
			status: IssuerStatus::Active,
			inputs: CreditInputs { years_in_business, ..Default::default() },
			deposit: 0,
			escrow: 0,
			escrow_share: Perbill::zero(),
			limit_cut: Perbill::zero(),
			compensation: None,
		}
	}
}
