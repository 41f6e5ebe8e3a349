//! The threshold, the bounded record ring, and the [`TravelRule`] implementation.

use crate::*;
use genex_primitives::TravelRule;
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get},
	frame_system,
};

impl<T: Config> Pallet<T> {
	/// Governance sets the threshold.
	pub(crate) fn do_set_threshold(threshold: Balance) -> DispatchResult {
		ensure!(threshold > 0, Error::<T>::ZeroThreshold);
		Threshold::<T>::put(threshold);
		Self::deposit_event(Event::ThresholdSet { threshold });
		Ok(())
	}

	/// The threshold in force.
	pub fn threshold_in_force() -> Balance {
		Threshold::<T>::get().unwrap_or_else(T::DefaultThreshold::get)
	}

	/// Storage invariants: at most `MaxRecords` records, all with ids below the next id.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		let mut count = 0u64;
		for id in Records::<T>::iter_keys() {
			ensure!(id < next, "record id at or above the next id");
			ensure!(
				next.saturating_sub(id) <= T::MaxRecords::get(),
				"record older than MaxRecords kept"
			);
			count = count.saturating_add(1);
		}
		ensure!(count <= T::MaxRecords::get(), "more records than MaxRecords");
		Ok(())
	}
}

impl<T: Config> TravelRule<T::AccountId, Balance> for Pallet<T> {
	fn threshold() -> Balance {
		Self::threshold_in_force()
	}

	fn ensure_below_threshold_for(sent_in_window: Balance, value: Balance) -> DispatchResult {
		let aggregate = sent_in_window.saturating_add(value);
		ensure!(aggregate < Self::threshold_in_force(), Error::<T>::TravelRuleRequired);
		Ok(())
	}

	fn validate(data: &TravelRuleData) -> DispatchResult {
		ensure!(
			!data.originator_vasp.is_empty() && !data.beneficiary_vasp.is_empty(),
			Error::<T>::EmptyVaspId
		);
		Ok(())
	}

	fn record(
		from: &T::AccountId,
		to: &T::AccountId,
		asset: TransferredAsset,
		value: Balance,
		data: TravelRuleData,
	) -> u64 {
		let id = NextRecordId::<T>::get();
		NextRecordId::<T>::put(id.saturating_add(1));
		// Keep the newest `MaxRecords`: the record `MaxRecords` ids back leaves.
		if let Some(old) = id.checked_sub(T::MaxRecords::get()) {
			Records::<T>::remove(old);
		}
		Records::<T>::insert(
			id,
			TravelRecord {
				from: from.clone(),
				to: to.clone(),
				asset,
				value,
				data: data.clone(),
				at: frame_system::Pallet::<T>::block_number(),
			},
		);
		log::info!(target: LOG_TARGET, "travel-rule record {id}: {from:?} -> {to:?}, {value}");
		Self::deposit_event(Event::TransferRecorded {
			id,
			from: from.clone(),
			to: to.clone(),
			asset,
			value,
			payload_commitment: data.payload_commitment,
			originator_vasp: data.originator_vasp,
			beneficiary_vasp: data.beneficiary_vasp,
		});
		id
	}
}
