//! Test runtime: frame-system, balances and this pallet. Compliance origin: Root or account
//! 900; batches of at most 4; `on_blocked` recorded by the primitives' mock.

use crate as pallet_sanctions;
use genex_primitives::sanctions::mock::{MockCallParties, RecordOnBlocked};
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types,
		traits::{ConstU32, EitherOfDiverse},
	},
	frame_system::{self, EnsureRoot, EnsureSignedBy},
	pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
pub const OFFICER: u64 = 900;
/// Signs for the two-officer origin (a compliance committee motion in the runtime).
pub const COMMITTEE: u64 = 901;

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Sanctions = pallet_sanctions;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

ord_parameter_types! {
	pub const Officer: u64 = OFFICER;
	pub const Committee: u64 = COMMITTEE;
}

impl pallet_sanctions::Config for Test {
	type ComplianceOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Officer, u64>>;
	// Stands for a two-officer committee motion.
	type UnblockOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Committee, u64>>;
	type CallParties = MockCallParties;
	type OnBlocked = RecordOnBlocked;
	type MaxBatch = ConstU32<4>;
	type WeightInfo = ();
}

/// Empty list; accounts 1–3 hold native tokens; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000)],
			..Default::default()
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		RecordOnBlocked::take();
	});
	ext
}

/// Events of this pallet, in order.
pub fn events() -> Vec<pallet_sanctions::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Sanctions(e) => Some(e),
			_ => None,
		})
		.collect()
}
