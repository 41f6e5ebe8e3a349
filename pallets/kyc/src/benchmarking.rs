//! Benchmarks (frame-benchmarking v2), each at its worst case: a nearly full attestor registry,
//! an attestation that replaces an unexpired one by a removed attestor (the check reads that
//! attestor's approval too).

use super::*;
use crate::Pallet as Kyc;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get, UnixTime},
	frame_system::RawOrigin,
};

fn fill_attestors<T: Config>(total: u32) {
	let mut i = 0;
	while Attestors::<T>::count() < total {
		Attestors::<T>::insert(account::<T::AccountId>("attestor", i, 0), ());
		i += 1;
	}
}

fn future<T: Config>() -> Moment {
	u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(0).saturating_add(86_400_000)
}

fn attested<T: Config>() -> (T::AccountId, T::AccountId) {
	let attestor: T::AccountId = account("kyc-provider", 0, 0);
	let who: T::AccountId = account("holder", 0, 0);
	Attestors::<T>::insert(&attestor, ());
	Attestations::<T>::insert(
		&who,
		Attestation {
			level: KycLevel::L1,
			jurisdiction: *b"US",
			expires_at: future::<T>(),
			evidence: H256::zero(),
			attestor: attestor.clone(),
		},
	);
	(attestor, who)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_attestor() -> Result<(), BenchmarkError> {
		fill_attestors::<T>(T::MaxAttestors::get().saturating_sub(1));
		let attestor: T::AccountId = account("new-attestor", 0, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, attestor.clone());
		assert!(Attestors::<T>::contains_key(&attestor));
		Ok(())
	}

	#[benchmark]
	fn remove_attestor() -> Result<(), BenchmarkError> {
		fill_attestors::<T>(T::MaxAttestors::get());
		let attestor: T::AccountId = account("attestor", 0, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, attestor.clone());
		assert!(!Attestors::<T>::contains_key(&attestor));
		Ok(())
	}

	/// `who`'s unexpired attestation was made by an attestor since removed: another attestor
	/// replaces it (the checks read the account's attestation and both attestors' approval).
	#[benchmark]
	fn attest() {
		let (former, who) = attested::<T>();
		Attestors::<T>::remove(&former);
		let attestor: T::AccountId = account("kyc-provider", 1, 0);
		Attestors::<T>::insert(&attestor, ());
		let expires_at = future::<T>().saturating_add(1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(attestor.clone()),
			who.clone(),
			3,
			*b"DE",
			expires_at,
			H256::repeat_byte(7),
		);
		assert_eq!(Kyc::<T>::level_of(&who), KycLevel::L3);
		assert_eq!(Attestations::<T>::get(&who).map(|a| a.attestor), Some(attestor));
	}

	#[benchmark]
	fn revoke() {
		let (attestor, who) = attested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(attestor), who.clone());
		assert_eq!(Kyc::<T>::level_of(&who), KycLevel::L0);
	}

	#[benchmark]
	fn set_limits() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let limits = LevelLimits {
			daily_trade_value: 1,
			daily_p2p_value: 2,
			daily_p2p_count: 3,
			max_holdings: 4,
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 2, limits);
		assert_eq!(Limits::<T>::get(KycLevel::L2), limits);
		Ok(())
	}

	impl_benchmark_test_suite!(Kyc, crate::mock::new_test_ext(), crate::mock::Test);
}
