//! Benchmarks (frame-benchmarking v2): setting the threshold, and recording a routed transfer
//! at its worst case (a full ring, so the oldest record is pruned).

use super::*;
use crate::Pallet as TravelRulePallet;
use genex_primitives::TravelRule;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get},
	sp_core::H256,
};

fn vasp(tag: u8) -> VaspId {
	VaspId::truncate_from([tag; genex_primitives::travel_rule::MAX_VASP_ID_LEN as usize].to_vec())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_threshold() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 5_000);
		assert_eq!(Threshold::<T>::get(), Some(5_000));
		Ok(())
	}

	#[benchmark]
	fn record() {
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		let data = TravelRuleData {
			payload_commitment: H256::repeat_byte(1),
			originator_vasp: vasp(b'a'),
			beneficiary_vasp: vasp(b'b'),
		};
		let max = T::MaxRecords::get();
		NextRecordId::<T>::put(max);
		let template = TravelRecord {
			from: from.clone(),
			to: to.clone(),
			asset: TransferredAsset::Settlement,
			value: 1,
			data: data.clone(),
			at: Default::default(),
		};
		Records::<T>::insert(0, template);
		#[block]
		{
			TravelRulePallet::<T>::record(
				&from,
				&to,
				TransferredAsset::Coupon { series: 7 },
				10,
				data,
			);
		}
		assert!(!Records::<T>::contains_key(0));
		assert!(Records::<T>::contains_key(max));
	}

	impl_benchmark_test_suite!(TravelRulePallet, crate::mock::new_test_ext(), crate::mock::Test);
}
