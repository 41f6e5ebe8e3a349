//! `pallet_timestamp`: block time, set by the author's inherent; Aura checks the slot.

use crate::*;
use polkadot_sdk::{frame_support::traits::ConstU64, pallet_timestamp};

impl pallet_timestamp::Config for Runtime {
	type Moment = genex_primitives::Moment;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}
