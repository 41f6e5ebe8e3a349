//! PROVISIONAL weights for `pallet_kyc`, to be overwritten by `scripts/benchmark.sh`
//! (the benchmark CLI with `scripts/templates/pallet-weight-template.hbs`).

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_kyc`.
pub trait WeightInfo {
	fn add_attestor() -> Weight;
	fn remove_attestor() -> Weight;
	fn attest() -> Weight;
	fn revoke() -> Weight;
	fn set_limits() -> Weight;
}

/// Weights for `pallet_kyc` priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_attestor() -> Weight {
		Weight::from_parts(15000000, 3500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_attestor() -> Weight {
		Weight::from_parts(15000000, 3500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn attest() -> Weight {
		Weight::from_parts(20000000, 3600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(18000000, 3600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_limits() -> Weight {
		Weight::from_parts(10000000, 0)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

impl WeightInfo for () {
	fn add_attestor() -> Weight {
		Weight::from_parts(15000000, 3500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_attestor() -> Weight {
		Weight::from_parts(15000000, 3500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn attest() -> Weight {
		Weight::from_parts(20000000, 3600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(18000000, 3600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_limits() -> Weight {
		Weight::from_parts(10000000, 0)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
