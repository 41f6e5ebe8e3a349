//! Weights for `pallet_governance`.
//!
//! `dispatch_as_root` does no storage work of its own beyond its event: the figure is the
//! overhead measured for `pallet_sudo::sudo` (the same shape: an origin check, a hash of the
//! call and a dispatch) on the machine the other Genex weights were generated on, to be
//! regenerated with `scripts/benchmark.sh` (benchmark `dispatch_as_root`).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_governance`.
pub trait WeightInfo {
	fn dispatch_as_root() -> Weight;
}

/// Weights for `pallet_governance` on the Genex runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(12_000_000, 1_000)
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(12_000_000, 1_000)
	}
}
