
//! Weights for `pallet_coupons`: PROVISIONAL until `scripts/benchmark.sh` regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_coupons`.
pub trait WeightInfo {
	fn create_series(t: u32) -> Weight;
	fn mint() -> Weight;
	fn transfer() -> Weight;
	fn transfer_with_travel_rule() -> Weight;
	fn recall() -> Weight;
	fn refund() -> Weight;
	fn delist() -> Weight;
	fn relist() -> Weight;
	fn expire_holdings(n: u32) -> Weight;
	fn expire_idle_hour() -> Weight;
}

/// Weights for `pallet_coupons` measured on the Genex runtime, priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_series(t: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn mint() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn transfer_with_travel_rule() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn recall() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn refund() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn delist() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn relist() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn expire_holdings(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn expire_idle_hour() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn create_series(t: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(t.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn mint() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn transfer_with_travel_rule() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn recall() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn refund() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn delist() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn relist() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn expire_holdings(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn expire_idle_hour() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
}
