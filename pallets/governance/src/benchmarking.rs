//! Benchmarks of `pallet_governance`: the overhead of dispatching as Root (the inner call's
//! own weight is added from its dispatch info).

use super::*;
use alloc::{boxed::Box, vec::Vec};
use polkadot_sdk::{frame_benchmarking::v2::*, frame_support::traits::EnsureOrigin};

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn dispatch_as_root() -> Result<(), BenchmarkError> {
		let call: <T as Config>::RuntimeCall =
			polkadot_sdk::frame_system::Call::<T>::remark { remark: Vec::new() }.into();
		let origin =
			T::RootOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
