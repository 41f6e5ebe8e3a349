//! Test runtime: frame-system, timestamp (wall clock) and this pallet. Attestor 100 is
//! approved; hourly buckets are 10 blocks long; compliance origin is account 900 or Root.

use crate as pallet_kyc;
use crate::{KycLevel, LevelLimits};
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types,
		traits::{ConstU32, ConstU64, EitherOfDiverse},
	},
	frame_system::{self, EnsureRoot, EnsureSignedBy},
	pallet_timestamp, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ATTESTOR: u64 = 100;
pub const ATTESTOR_B: u64 = 101;
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
/// Genesis wall clock: 1 000 000 ms.
pub const NOW: u64 = 1_000_000;
/// Blocks per usage bucket.
pub const BUCKET: u64 = 10;

pub const L1_LIMITS: LevelLimits = LevelLimits {
	daily_trade_value: 1_000,
	daily_p2p_value: 500,
	daily_p2p_count: 3,
	monthly_p2p_value: 1_200,
	monthly_p2p_count: 7,
	max_holdings: 20,
};

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
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Kyc = pallet_kyc;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

ord_parameter_types! {
	pub const Compliance: u64 = 900;
}

impl pallet_kyc::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	// 900 stands for a two-officer compliance committee motion.
	type ForceRevokeOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Compliance, u64>>;
	type UnixTime = Timestamp;
	type BucketLength = ConstU64<BUCKET>;
	type MaxAttestors = ConstU32<3>;
	type WeightInfo = ();
}

/// Attestor 100 approved; L1 limits set; clock at [`NOW`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		kyc: pallet_kyc::GenesisConfig {
			attestors: vec![ATTESTOR],
			attestations: vec![],
			limits: vec![(KycLevel::L1, L1_LIMITS)],
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(NOW);
	});
	ext
}

/// The last event of this pallet.
pub fn last_event() -> pallet_kyc::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Kyc(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
