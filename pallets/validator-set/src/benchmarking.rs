//! Benchmarks (frame-benchmarking v2). `v` is the size of the set before the call.

use super::*;
use crate::{Pallet, Validators};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{pallet_prelude::*, traits::EnsureOrigin},
};

fn fill_set<T: Config>(v: u32) -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = (0..v).map(|i| account("validator", i, 0)).collect();
	set.sort();
	let bounded: BoundedVec<_, T::MaxValidators> =
		set.clone().try_into().expect("v is at most MaxValidators; qed");
	Validators::<T>::put(bounded);
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		fill_set::<T>(v);
		let who: T::AccountId = account("new-validator", 0, 0);
		T::BenchmarkHelper::register_session_keys(&who);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let set = fill_set::<T>(v);
		let who = set.last().cloned().ok_or(BenchmarkError::Weightless)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
