//! Test runtime: frame-system and this pallet; default threshold 3,000; 3 records kept.

use crate as pallet_travel_rule;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU64},
	frame_system::{self, EnsureRoot},
	sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type TravelRule = pallet_travel_rule;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const DefaultThreshold: u128 = 3_000;
}

impl pallet_travel_rule::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type DefaultThreshold = DefaultThreshold;
	type MaxRecords = ConstU64<3>;
	type WeightInfo = ();
}

/// Block 1, nothing recorded.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = RuntimeGenesisConfig::default().build_storage().expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The last event of this pallet.
pub fn last_event() -> pallet_travel_rule::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::TravelRule(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
