//! Test runtime: frame-system, balances, transaction-payment (fee = length + weight, in
//! units) and this pallet with the primitives' KYC mock. Balances' `transfer_keep_alive` is
//! fee-less from L1 with 3 free calls a period for L1 and 5 for L2; `System` calls can never be
//! fee-less (except `remark`, for the benchmarks); periods are 10 blocks.

use crate as pallet_feeless;
use genex_primitives::{kyc::mock::MockKyc, KycLevel};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{CallMetadata, ConstU32, ConstU64, Contains},
		weights::IdentityFee,
	},
	frame_system::{self, EnsureRoot},
	pallet_balances, pallet_transaction_payment, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const PERIOD: u64 = 10;

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
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(3)]
	pub type Feeless = pallet_feeless;
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

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<u64>;
	type LengthToFee = IdentityFee<u64>;
}

/// `System` calls other than `remark` are never fee-less.
pub struct NeverFeeless;
impl Contains<CallMetadata> for NeverFeeless {
	fn contains(c: &CallMetadata) -> bool {
		c.pallet_name == "System" && c.function_name != "remark"
	}
}

impl pallet_feeless::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type Kyc = MockKyc;
	type Period = ConstU64<PERIOD>;
	type NeverFeeless = NeverFeeless;
	type MaxFeelessCalls = ConstU32<3>;
	type WeightInfo = ();
}

/// Alice L1, Bob L2; both hold 10^12; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockKyc::reset();
	MockKyc::set(&ALICE, KycLevel::L1);
	MockKyc::set(&BOB, KycLevel::L2);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ALICE, 1_000_000_000_000), (BOB, 1_000_000_000_000)],
			..Default::default()
		},
		transaction_payment: Default::default(),
		feeless: pallet_feeless::GenesisConfig {
			feeless_calls: vec![("Balances".into(), "transfer_keep_alive".into(), KycLevel::L1)],
			quotas: vec![(KycLevel::L1, 3), (KycLevel::L2, 5)],
			_config: Default::default(),
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Events of this pallet, in order.
pub fn events() -> Vec<pallet_feeless::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Feeless(e) => Some(e),
			_ => None,
		})
		.collect()
}
