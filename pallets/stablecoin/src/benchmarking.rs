//! Benchmarks (frame-benchmarking v2), each at its worst case: a full bank registry, a mint
//! that creates the beneficiary's asset account, a burn that empties the bank's.

use super::*;
use crate::{Banks, Pallet as Stablecoin, SettlementAsset};
use genex_primitives::{KycLevel, VaspId};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungibles::Inspect, EnsureOrigin, Get},
	frame_system::RawOrigin,
	sp_core::H256,
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

/// A KYC'd sender holding stablecoin and a KYC'd receiver without an asset account yet (the
/// worst case: the transfer creates it); the amount is below the Travel-Rule threshold.
fn funded_pair<T: Config>(
) -> Result<(T::AccountId, T::AccountId, AssetIdOf<T>, BalanceOf<T>), BenchmarkError> {
	let (bank, asset) = setup_bank::<T>();
	let from: T::AccountId = account("sender", 0, 0);
	let to: T::AccountId = account("receiver", 0, 0);
	T::Kyc::set_level(&from, KycLevel::L2);
	T::Kyc::set_level(&to, KycLevel::L1);
	let amount = T::Assets::minimum_balance(asset.clone()).saturating_mul(10u32.into());
	if amount >= T::TravelRule::threshold() {
		return Err(BenchmarkError::Stop("minimum balance too close to the Travel-Rule threshold"));
	}
	Stablecoin::<T>::do_mint(bank, from.clone(), amount.saturating_mul(2u32.into()))
		.map_err(|_| BenchmarkError::Stop("funding mint failed"))?;
	Ok((from, to, asset, amount))
}

fn setup_bank<T: Config>() -> (T::AccountId, AssetIdOf<T>) {
	let asset = T::BenchmarkHelper::create_settlement_asset();
	SettlementAsset::<T>::put(asset.clone());
	let bank: T::AccountId = account("minting-bank", 0, 0);
	Banks::<T>::insert(&bank, ());
	T::Kyc::set_level(&bank, KycLevel::L3);
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
		T::Kyc::set_level(&beneficiary, KycLevel::L2);
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

	#[benchmark]
	fn transfer() -> Result<(), BenchmarkError> {
		let (from, to, asset, amount) = funded_pair::<T>()?;
		#[extrinsic_call]
		_(RawOrigin::Signed(from), to.clone(), amount);
		assert_eq!(T::Assets::balance(asset, &to), amount);
		Ok(())
	}

	#[benchmark]
	fn transfer_with_travel_rule() -> Result<(), BenchmarkError> {
		let (from, to, asset, amount) = funded_pair::<T>()?;
		let vasp = VaspId::truncate_from(
			[b'v'; genex_primitives::travel_rule::MAX_VASP_ID_LEN as usize].to_vec(),
		);
		let data = TravelRuleData {
			payload_commitment: H256::repeat_byte(1),
			originator_vasp: vasp.clone(),
			beneficiary_vasp: vasp,
		};
		#[extrinsic_call]
		_(RawOrigin::Signed(from), to.clone(), amount, data);
		assert_eq!(T::Assets::balance(asset, &to), amount);
		Ok(())
	}

	impl_benchmark_test_suite!(Stablecoin, crate::mock::new_test_ext(), crate::mock::Test);
}
