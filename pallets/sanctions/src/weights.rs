//! PROVISIONAL weights for `pallet_sanctions`, to be overwritten by `scripts/benchmark.sh`
//! (the benchmark CLI with `scripts/templates/pallet-weight-template.hbs`).

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_sanctions`.
pub trait WeightInfo {
	fn update_list(a: u32, r: u32) -> Weight;
	fn check_not_blocked() -> Weight;
}

/// Weights for `pallet_sanctions` priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn update_list(a: u32, r: u32) -> Weight {
		Weight::from_parts(20000000, 1500)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn check_not_blocked() -> Weight {
		Weight::from_parts(4000000, 3500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
}

impl WeightInfo for () {
	fn update_list(a: u32, r: u32) -> Weight {
		Weight::from_parts(20000000, 1500)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn check_not_blocked() -> Weight {
		Weight::from_parts(4000000, 3500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
	}
}
