
//! Weights for `pallet_redemption`: PROVISIONAL until `scripts/benchmark.sh` regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_redemption`.
pub trait WeightInfo {
	fn register_merchant() -> Weight;
	fn remove_merchant() -> Weight;
	fn redeem(s: u32) -> Weight;
	fn redeem_authorized() -> Weight;
	fn review() -> Weight;
	fn forget_ended(n: u32) -> Weight;
}

/// Weights for `pallet_redemption` measured on the Genex runtime, priced with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_merchant() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn remove_merchant() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn redeem(s: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn redeem_authorized() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn review() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn forget_ended(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn register_merchant() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn remove_merchant() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn redeem(s: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn redeem_authorized() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn review() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn forget_ended(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
}
