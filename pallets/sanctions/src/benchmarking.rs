//! Benchmarks (frame-benchmarking v2): a list update of `a` additions and `r` removals, and the
//! transaction extension for a signer that is not blocked (it reads the list and lets it pass).

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		dispatch::{DispatchInfo, PostDispatchInfo},
		traits::{EnsureOrigin, Get},
	},
	frame_system::RawOrigin,
	sp_core::H256,
	sp_runtime::traits::{
		AsSystemOriginSigner, AsTransactionAuthorizedOrigin, DispatchTransaction, Dispatchable,
	},
};

#[benchmarks(where
	T: Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin:
		AsSystemOriginSigner<T::AccountId> + AsTransactionAuthorizedOrigin + Clone,
)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn update_list(
		a: Linear<1, { T::MaxBatch::get() / 2 }>,
		r: Linear<0, { T::MaxBatch::get() / 2 }>,
	) -> Result<(), BenchmarkError> {
		let add: Vec<T::AccountId> = (0..a).map(|i| account("sdn-new", i, 0)).collect();
		let remove: Vec<T::AccountId> = (0..r).map(|i| account("sdn-old", i, 0)).collect();
		for who in &remove {
			Blocked::<T>::insert(who, 1);
		}
		ListInfo::<T>::put(SanctionsListInfo {
			version: 1,
			source_digest: H256::zero(),
			updated_at: 0,
		});
		// Unblocking takes the two-officer origin; blocking alone one officer's.
		let origin = if r > 0 {
			T::UnblockOrigin::try_successful_origin()
		} else {
			T::ComplianceOrigin::try_successful_origin()
		}
		.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 2, H256::repeat_byte(1), add, remove);
		assert_eq!(ListInfo::<T>::get().map(|l| l.version), Some(2));
		assert_eq!(Blocked::<T>::count(), a);
		Ok(())
	}

	#[benchmark]
	fn check_not_blocked() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = account("caller", 0, 0);
		let call: T::RuntimeCall =
			polkadot_sdk::frame_system::Call::remark { remark: Vec::new() }.into();
		let info = DispatchInfo::default();
		#[block]
		{
			CheckNotBlocked::<T>::new()
				.test_run(RawOrigin::Signed(caller).into(), &call, &info, 0, 0, |_| Ok(().into()))
				.map_err(|_| BenchmarkError::Stop("refused an unblocked signer"))?
				.map_err(|_| BenchmarkError::Stop("remark failed"))?;
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
