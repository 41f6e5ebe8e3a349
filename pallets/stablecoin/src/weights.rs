//! PROVISIONAL weights for `pallet_stablecoin`, to be overwritten by `scripts/benchmark.sh`
//! (the benchmark CLI with `scripts/templates/pallet-weight-template.hbs`).

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_stablecoin`.
pub trait WeightInfo {
	fn add_bank() -> Weight;
	fn remove_bank() -> Weight;
	fn mint() -> Weight;
	fn burn() -> Weight;
	fn transfer() -> Weight;
	fn transfer_with_travel_rule() -> Weight;
}

/// Weights for `pallet_stablecoin` priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_bank() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_bank() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn mint() -> Weight {
		Weight::from_parts(40_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn burn() -> Weight {
		Weight::from_parts(40_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn transfer_with_travel_rule() -> Weight {
		Weight::from_parts(75_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
}

impl WeightInfo for () {
	fn add_bank() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_bank() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn mint() -> Weight {
		Weight::from_parts(40_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn burn() -> Weight {
		Weight::from_parts(40_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn transfer_with_travel_rule() -> Weight {
		Weight::from_parts(75_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
}
