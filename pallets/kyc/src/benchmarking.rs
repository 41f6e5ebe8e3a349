//! Benchmarks (frame-benchmarking v2), each at its worst case: a nearly full attestor registry,
//! an attestation that replaces an unexpired one by a removed attestor (the check reads that
//! attestor's approval too).

use super::*;
use crate::Pallet as Kyc;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get, UnixTime},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::traits::Saturating,
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
			monthly_p2p_value: 4,
			monthly_p2p_count: 5,
			max_holdings: 6,
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 2, limits);
		assert_eq!(Limits::<T>::get(KycLevel::L2), limits);
		Ok(())
	}

	/// `n` idle accounts' full windows (24 hourly and 30 daily buckets, all older than their
	/// windows), swept from a saved cursor; `on_idle` charges `sweep_usage(windows read)`.
	#[benchmark]
	fn sweep_usage(n: Linear<0, { MAX_SWEEP_PER_BLOCK }>) {
		let full = UsageWindow {
			hours: BoundedVec::truncate_from(
				(0..WINDOW_BUCKETS)
					.map(|bucket| UsageBucket {
						bucket,
						trade_value: 1,
						p2p_value: 1,
						p2p_count: 1,
					})
					.collect(),
			),
			days: BoundedVec::truncate_from(
				(0..MONTH_DAYS).map(|day| DayBucket { day, p2p_value: 1, p2p_count: 1 }).collect(),
			),
		};
		// Only these windows (a chain's genesis may have usage of its own).
		let _ = Usage::<T>::clear(u32::MAX, None);
		// n + 1 windows, the cursor at the first key: a resumed walk reads the other n.
		Usage::<T>::insert(account::<T::AccountId>("extra", 0, 0), full.clone());
		for i in 0..n {
			Usage::<T>::insert(account::<T::AccountId>("idle", i, 0), full.clone());
		}
		let mut keys: Vec<Vec<u8>> =
			Usage::<T>::iter_keys().map(|who| Usage::<T>::hashed_key_for(&who)).collect();
		keys.sort();
		let cursor = keys.first().cloned().unwrap_or_default();
		let resumes_after = Usage::<T>::iter_keys()
			.find(|who| Usage::<T>::hashed_key_for(who) == cursor)
			.expect("the first key is an account's");
		UsageSweepCursor::<T>::put(genex_primitives::SweepCursor::truncate_from(cursor));
		// Two months on: every bucket has left its window.
		let now: BlockNumberFor<T> =
			T::BucketLength::get().saturating_mul((2 * MONTH_DAYS * WINDOW_BUCKETS).into());
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Kyc::<T>::sweep_usage(n);
		}
		assert_eq!(Usage::<T>::iter().count(), 1, "only the window at the cursor is left");
		assert!(Usage::<T>::contains_key(&resumes_after));
	}

	impl_benchmark_test_suite!(Kyc, crate::mock::new_test_ext(), crate::mock::Test);
}
