//! PROVISIONAL weights for `pallet_validator_set`, to be overwritten by `scripts/benchmark.sh`
//! (the benchmark CLI with `scripts/templates/pallet-weight-template.hbs`).

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator(v: u32) -> Weight;
	fn remove_validator(v: u32) -> Weight;
}

/// Weights for `pallet_validator_set` priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_validator(v: u32) -> Weight {
		Weight::from_parts(18_000_000, 2_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

impl WeightInfo for () {
	fn add_validator(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator(v: u32) -> Weight {
		Weight::from_parts(18_000_000, 2_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
