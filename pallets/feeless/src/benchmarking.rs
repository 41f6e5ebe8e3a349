//! Benchmarks (frame-benchmarking v2): the policy calls, the extension on its fee-waiving path
//! (the worst case: KYC level read, policy and quota read, usage written), and the clean-up of
//! `n` usage entries of a past period.

use super::*;
use crate::Pallet as Feeless;
use alloc::vec::Vec;
use genex_primitives::KycProvider;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		dispatch::{DispatchInfo, PostDispatchInfo},
		traits::{EnsureOrigin, Get, GetCallMetadata},
		weights::Weight,
		BoundedVec,
	},
	frame_system::{self, RawOrigin},
	sp_runtime::traits::{
		AsSystemOriginSigner, AsTransactionAuthorizedOrigin, DispatchTransaction, Dispatchable,
	},
};

/// The first call of the runtime that may be made fee-less.
fn allowed_call<T: Config>() -> Result<(PalletName, CallName), BenchmarkError> {
	for module in T::RuntimeCall::get_module_names() {
		for call in T::RuntimeCall::get_call_names(module) {
			if let Ok(key) = Feeless::<T>::checked_key(module.as_bytes(), call.as_bytes()) {
				return Ok(key);
			}
		}
	}
	Err(BenchmarkError::Stop("no call of the runtime may be fee-less"))
}

fn bounded(s: &str) -> (PalletName, CallName) {
	(PalletName::truncate_from(b"System".to_vec()), CallName::truncate_from(s.as_bytes().to_vec()))
}

/// The worst policy for a lookup: `MaxFeelessCalls` entries, `listed` (if any) last, so the
/// check scans them all. [`PolicyIndex`] is whitelisted: a block reads it once
/// (`on_initialize`), every transaction after the first finds it cached.
fn full_policy<T: Config>(listed: Option<(&str, KycLevel)>) {
	let max = T::MaxFeelessCalls::get();
	let mut index: Vec<(CallKey, KycLevel)> = (0..max)
		.map(|i| (Feeless::<T>::call_key(b"Nobody", &i.to_le_bytes()), KycLevel::L0))
		.collect();
	if let Some((call, level)) = listed {
		let key = bounded(call);
		FeelessCalls::<T>::insert(&key, level);
		if let Some(last) = index.last_mut() {
			*last = (Feeless::<T>::call_key(&key.0, &key.1), level);
		}
	}
	PolicyIndex::<T>::put(BoundedVec::truncate_from(index));
	polkadot_sdk::frame_benchmarking::benchmarking::add_to_whitelist(
		PolicyIndex::<T>::hashed_key().to_vec().into(),
	);
}

/// A signed `System::remark` by `who` through [`FeelessWithinQuota`] (over a no-op fee
/// extension), as a block applies it.
fn remark_through_extension<T>(who: &T::AccountId) -> Result<(), BenchmarkError>
where
	T: Config + Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin:
		AsSystemOriginSigner<T::AccountId> + AsTransactionAuthorizedOrigin + Clone,
{
	let call: T::RuntimeCall = frame_system::Call::remark { remark: Vec::new() }.into();
	let info = DispatchInfo::default();
	FeelessWithinQuota::<T, ()>::from(())
		.test_run(RawOrigin::Signed(who.clone()).into(), &call, &info, 0, 0, |_| Ok(().into()))
		.map_err(|_| BenchmarkError::Stop("transaction refused"))?
		.map_err(|_| BenchmarkError::Stop("remark failed"))?;
	Ok(())
}

#[benchmarks(where
	T: Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin:
		AsSystemOriginSigner<T::AccountId> + AsTransactionAuthorizedOrigin + Clone,
)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_feeless_call() -> Result<(), BenchmarkError> {
		let (pallet, call) = allowed_call::<T>()?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, pallet.clone(), call.clone(), 1);
		assert_eq!(FeelessCalls::<T>::get((pallet, call)), Some(KycLevel::L1));
		Ok(())
	}

	#[benchmark]
	fn remove_feeless_call() -> Result<(), BenchmarkError> {
		let key = allowed_call::<T>()?;
		FeelessCalls::<T>::insert(&key, KycLevel::L1);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key.0.clone(), key.1.clone());
		assert!(!FeelessCalls::<T>::contains_key(key));
		Ok(())
	}

	#[benchmark]
	fn set_quota() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, 50);
		assert_eq!(Quotas::<T>::get(KycLevel::L1), 50);
		Ok(())
	}

	#[benchmark]
	fn feeless_within_quota() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("user", 0, 0);
		T::Kyc::set_level(&who, KycLevel::L1);
		full_policy::<T>(Some(("remark", KycLevel::L1)));
		Quotas::<T>::insert(KycLevel::L1, 50);
		Usage::<T>::insert(Feeless::<T>::current_period(), &who, 10);
		#[block]
		{
			remark_through_extension::<T>(&who)?;
		}
		assert_eq!(Usage::<T>::get(Feeless::<T>::current_period(), &who), 11, "fee not waived");
		Ok(())
	}

	#[benchmark]
	fn feeless_paying() -> Result<(), BenchmarkError> {
		// The most work before falling back to the fee: the call is fee-less, the level
		// qualifies, and the quota is used up.
		let who: T::AccountId = account("user", 0, 0);
		T::Kyc::set_level(&who, KycLevel::L1);
		full_policy::<T>(Some(("remark", KycLevel::L1)));
		Quotas::<T>::insert(KycLevel::L1, 50);
		Usage::<T>::insert(Feeless::<T>::current_period(), &who, 50);
		#[block]
		{
			remark_through_extension::<T>(&who)?;
		}
		assert_eq!(Usage::<T>::get(Feeless::<T>::current_period(), &who), 50, "fee waived");
		Ok(())
	}

	#[benchmark]
	fn feeless_not_listed() -> Result<(), BenchmarkError> {
		// A call that is not fee-less (most transactions): the check scans the whole policy and
		// reads nothing else; the fee extension runs.
		let who: T::AccountId = account("user", 0, 0);
		T::Kyc::set_level(&who, KycLevel::L3);
		full_policy::<T>(None);
		#[block]
		{
			remark_through_extension::<T>(&who)?;
		}
		assert_eq!(Usage::<T>::get(Feeless::<T>::current_period(), &who), 0, "fee waived");
		Ok(())
	}

	#[benchmark]
	fn clean_usage(n: Linear<0, 1_000>) {
		for i in 0..n {
			Usage::<T>::insert(0, account::<T::AccountId>("user", i, 0), 1);
		}
		let period = T::Period::get();
		frame_system::Pallet::<T>::set_block_number(period + period);
		#[block]
		{
			Feeless::<T>::do_clean_usage(Weight::MAX);
		}
		assert_eq!(Usage::<T>::iter_prefix(0).count(), 0);
	}

	impl_benchmark_test_suite!(Feeless, crate::mock::new_test_ext(), crate::mock::Test);
}
