//! PROVISIONAL weights for `pallet_market`: the read/write counts follow the code, the
//! execution times are estimates. The pallet is not in the runtime yet; `scripts/benchmark.sh
//! pallet_market` replaces this file with generated weights when it is (see docs/operators.md).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

pub trait WeightInfo {
	fn place_order(f: u32) -> Weight;
	fn batch_place(n: u32, f: u32) -> Weight;
	fn cancel_order() -> Weight;
	fn batch_cancel(n: u32) -> Weight;
	fn list() -> Weight;
	fn buy_listing() -> Weight;
	fn cancel_listing() -> Weight;
	fn join_market_makers() -> Weight;
	fn leave_market_makers() -> Weight;
	fn remove_market_maker(n: u32) -> Weight;
	fn check_obligations(n: u32) -> Weight;
	fn add_affiliate() -> Weight;
	fn remove_affiliate() -> Weight;
	fn set_fees() -> Weight;
	fn set_risk() -> Weight;
	fn set_obligations() -> Weight;
	fn set_halt() -> Weight;
	fn expire_order() -> Weight;
	fn expire_idle_minute() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn place_order(f: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn batch_place(n: u32, f: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn cancel_order() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn batch_cancel(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn list() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn buy_listing() -> Weight {
		Weight::from_parts(90_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn cancel_listing() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn join_market_makers() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn leave_market_makers() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn remove_market_maker(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn check_obligations(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(Weight::from_parts(5_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
	fn add_affiliate() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn remove_affiliate() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_fees() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_risk() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_obligations() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_halt() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn expire_order() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn expire_idle_minute() -> Weight {
		Weight::from_parts(5_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

impl WeightInfo for () {
	fn place_order(f: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn batch_place(n: u32, f: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn cancel_order() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn batch_cancel(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn list() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn buy_listing() -> Weight {
		Weight::from_parts(90_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn cancel_listing() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn join_market_makers() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn leave_market_makers() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn remove_market_maker(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn check_obligations(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(Weight::from_parts(5_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
	}
	fn add_affiliate() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_affiliate() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_fees() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_risk() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_obligations() -> Weight {
		Weight::from_parts(15_000_000, 6000)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_halt() -> Weight {
		Weight::from_parts(20_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn expire_order() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn expire_idle_minute() -> Weight {
		Weight::from_parts(5_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
