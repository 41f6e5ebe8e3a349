//! Test runtime: frame-system and this pallet; account 7 stands for a council super-majority.

use crate as pallet_governance;
use polkadot_sdk::{
	frame_support::{derive_impl, ord_parameter_types, traits::EitherOfDiverse},
	frame_system::{self, EnsureRoot, EnsureSignedBy},
	sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// Signs for the council's super-majority in these tests.
pub const COUNCIL: u64 = 7;

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
	pub type Governance = pallet_governance;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

ord_parameter_types! {
	pub const Council: u64 = COUNCIL;
}

impl pallet_governance::Config for Test {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Council, u64>>;
	type WeightInfo = ();
}

/// Externalities at genesis, block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
