//! Test runtime: frame-system, balances, assets and this pallet. Asset 1 is the stablecoin
//! (minimum balance 10), owned by the pallet's account; account 10 is a bank.

use crate as pallet_stablecoin;
use genex_primitives::{
	kyc::mock::MockKyc, movement::mock::MockAml, sanctions::mock::MockSanctions,
	travel_rule::mock::MockTravelRule, ComplianceGate, KycLevel,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{AsEnsureOriginWithArg, ConstU32},
		PalletId,
	},
	frame_system::{self, EnsureRoot, EnsureSigned},
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const STABLE: u32 = 1;
pub const OTHER_ASSET: u32 = 2;
pub const BANK: u64 = 10;
pub const BANK_B: u64 = 11;
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const MIN_BALANCE: u64 = 10;
/// Not KYC'd (L0).
pub const CAROL: u64 = 3;
/// KYC L1 only.
pub const DAVE: u64 = 4;
/// The mock Travel-Rule threshold.
pub const THRESHOLD: u128 = 1_000;
/// The KYC mock's rolling window, in blocks: 24 hourly buckets of 10 blocks, as in
/// `pallet-kyc`'s own mock. An amount counts for exactly this long after the block it was sent
/// in (the pallet rounds to buckets: 23 to 24 hours).
pub const KYC_WINDOW: u64 = 24 * 10;

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
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(3)]
	pub type Stablecoin = pallet_stablecoin;
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

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
	type Freezer = Stablecoin;
	type Holder = ();
}

parameter_types! {
	pub const StablecoinPalletId: PalletId = PalletId(*b"gx/stbl!");
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32> for BenchHelper {
	fn create_settlement_asset() -> u32 {
		STABLE
	}
}

impl pallet_stablecoin::Config for Test {
	type AssetId = u32;
	type Assets = Assets;
	type GovernanceOrigin = EnsureRoot<u64>;
	type MaxBanks = ConstU32<3>;
	type PalletId = StablecoinPalletId;
	type Kyc = MockKyc;
	type Sanctions = MockSanctions;
	type TravelRule = MockTravelRule;
	type Movement = ComplianceGate<MockSanctions, MockKyc, MockTravelRule, MockAml>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Stablecoin asset 1 and an unrelated asset 2; bank 10 authorized; 1 and 2 hold native tokens.
/// KYC: Alice, Bob and the banks L2, Dave L1, Carol L0, usage counted over [`KYC_WINDOW`]
/// blocks; nobody blocked; Travel-Rule threshold 1,000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockKyc::reset();
	MockKyc::set_window(System::block_number, KYC_WINDOW);
	for who in [ALICE, BOB, BANK, BANK_B] {
		MockKyc::set(&who, KycLevel::L2);
	}
	MockKyc::set(&DAVE, KycLevel::L1);
	MockSanctions::reset();
	MockAml::reset();
	MockTravelRule::reset();
	MockTravelRule::set_threshold(THRESHOLD);
	let owner = Stablecoin::account_id();
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ALICE, 1_000), (BOB, 1_000), (BANK, 1_000), (owner, 1_000)],
			..Default::default()
		},
		assets: pallet_assets::GenesisConfig {
			assets: vec![(STABLE, owner, true, MIN_BALANCE), (OTHER_ASSET, ALICE, true, 1)],
			metadata: vec![(STABLE, b"Genex USD".to_vec(), b"GUSD".to_vec(), 12)],
			..Default::default()
		},
		stablecoin: pallet_stablecoin::GenesisConfig {
			settlement_asset: Some(STABLE),
			banks: vec![BANK],
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Settlement-asset balance of `who`.
pub fn stable(who: u64) -> u64 {
	pallet_assets::Pallet::<Test>::balance(STABLE, who)
}
