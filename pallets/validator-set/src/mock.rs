//! Test runtime: frame-system and this pallet; session-key registration is mocked.

use crate as pallet_validator_set;
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ValidatorRegistration},
	},
	frame_system::{self, EnsureRoot},
	sp_io,
	sp_runtime::BuildStorage,
};
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;

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
	pub type ValidatorSet = pallet_validator_set;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	/// Accounts that have NOT registered session keys (everyone else has).
	pub static UNREGISTERED: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Session-key registry of the tests.
pub struct MockRegistration;
impl ValidatorRegistration<u64> for MockRegistration {
	fn is_registered(id: &u64) -> bool {
		UNREGISTERED.with(|u| !u.borrow().contains(id))
	}
}

/// Mark `who` as having no session keys.
pub fn unregister(who: u64) {
	UNREGISTERED.with(|u| u.borrow_mut().insert(who));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRegistration {
	fn register_session_keys(who: &u64) {
		UNREGISTERED.with(|u| u.borrow_mut().remove(who));
	}
}

parameter_types! {
	pub const MaxValidators: u32 = 5;
}

impl pallet_validator_set::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type ValidatorRegistration = MockRegistration;
	type MaxValidators = MaxValidators;
	type MinValidators = ConstU32<1>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRegistration;
}

/// Genesis with validators 1, 2 and 3.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: pallet_validator_set::GenesisConfig { initial_validators: vec![3, 1, 2] },
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
