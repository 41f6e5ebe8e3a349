//! Benchmarks (frame-benchmarking v2), each at its worst case: a full bank registry, a mint
//! that creates the beneficiary's asset account, a burn that empties the bank's.

use super::*;
use crate::{Banks, Pallet as Stablecoin, SettlementAsset};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungibles::Inspect, EnsureOrigin, Get},
	frame_system::RawOrigin,
	sp_runtime::traits::{Saturating, Zero},
};

/// Authorize banks until `total` are registered (genesis may already have some).
fn fill_banks<T: Config>(total: u32) {
	let mut i = 0;
	while Banks::<T>::count() < total {
		Banks::<T>::insert(account::<T::AccountId>("bank", i, 0), ());
		i += 1;
	}
}

fn setup_bank<T: Config>() -> (T::AccountId, AssetIdOf<T>) {
	let asset = T::BenchmarkHelper::create_settlement_asset();
	SettlementAsset::<T>::put(asset.clone());
	let bank: T::AccountId = account("minting-bank", 0, 0);
	Banks::<T>::insert(&bank, ());
	(bank, asset)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_bank() -> Result<(), BenchmarkError> {
		fill_banks::<T>(T::MaxBanks::get().saturating_sub(1));
		let bank: T::AccountId = account("new-bank", 0, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bank.clone());

		assert!(Banks::<T>::contains_key(&bank));
		Ok(())
	}

	#[benchmark]
	fn remove_bank() -> Result<(), BenchmarkError> {
		fill_banks::<T>(T::MaxBanks::get());
		let bank = Banks::<T>::iter_keys().next().ok_or(BenchmarkError::Weightless)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bank.clone());

		assert!(!Banks::<T>::contains_key(&bank));
		Ok(())
	}

	#[benchmark]
	fn mint() {
		let (bank, asset) = setup_bank::<T>();
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		let amount = T::Assets::minimum_balance(asset.clone()).saturating_mul(1_000u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(bank), beneficiary.clone(), amount);

		assert_eq!(T::Assets::balance(asset, &beneficiary), amount);
	}

	#[benchmark]
	fn burn() -> Result<(), BenchmarkError> {
		let (bank, asset) = setup_bank::<T>();
		let amount = T::Assets::minimum_balance(asset.clone()).saturating_mul(1_000u32.into());
		Stablecoin::<T>::do_mint(bank.clone(), bank.clone(), amount)
			.map_err(|_| BenchmarkError::Stop("mint for the burn failed"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(bank.clone()), amount);

		assert!(T::Assets::balance(asset, &bank).is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(Stablecoin, crate::mock::new_test_ext(), crate::mock::Test);
}
