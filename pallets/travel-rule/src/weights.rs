//! PROVISIONAL weights for `pallet_travel_rule`, to be overwritten by `scripts/benchmark.sh`
//! (the benchmark CLI with `scripts/templates/pallet-weight-template.hbs`).

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_travel_rule`.
pub trait WeightInfo {
	fn set_threshold() -> Weight;
	fn record() -> Weight;
}

/// Weights for `pallet_travel_rule` priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_threshold() -> Weight {
		Weight::from_parts(8000000, 0)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn record() -> Weight {
		Weight::from_parts(20000000, 1600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

impl WeightInfo for () {
	fn set_threshold() -> Weight {
		Weight::from_parts(8000000, 0)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn record() -> Weight {
		Weight::from_parts(20000000, 1600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
}
