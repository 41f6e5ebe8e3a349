//! Test runtime: frame-system, timestamp and this pallet, with the primitives' mocks for the
//! coupon ledger, credit, KYC, sanctions, settlement and oracle.
//!
//! Accounts: ISSUER (issuer of SERIES, holds 1 000 units), ALICE and BOB (L2, 1 000 units and
//! 1 000 000 stablecoin each), CAROL (L3, market-maker candidate), DAVE (L1), EVE (L0).
//! SERIES: face 100, issue price 90. Tick 5, fees 1 % maker / 2 % taker.

use crate as pallet_market;
use crate::{FeeRates, Obligations, RiskParams};
use genex_primitives::{
	coupons::mock::MockCoupons, credit::mock::MockCredit, kyc::mock::MockKyc,
	movement::mock::MockAml, oracle::mock::MockOracle, sanctions::mock::MockSanctions,
	settlement::mock::MockSettlement, ComplianceGate, KycLevel,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64},
	},
	frame_system::{self, EnsureRoot},
	pallet_timestamp, sp_io,
	sp_runtime::{BuildStorage, Permill},
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ISSUER: u64 = 1;
pub const ALICE: u64 = 2;
pub const BOB: u64 = 3;
pub const CAROL: u64 = 4;
pub const DAVE: u64 = 5;
pub const EVE: u64 = 6;
pub const TREASURY: u64 = 99;
pub const SERIES: u64 = 0;
/// Wall clock at the start of every test (ms).
pub const NOW: u64 = 1_000_000_000;
pub const FUNDS: u128 = 1_000_000;
pub const UNITS: u64 = 1_000;
pub const BOND: u128 = 10_000;

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
	pub type Market = pallet_market;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	/// Non-zero, so the tests see what a placement refunds of its reads.
	type DbWeight = polkadot_sdk::frame_support::weights::constants::RocksDbWeight;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	/// `MaxSpareReach`: 0 unless a test sets it, so the auctions reach what their orders paid.
	pub static SpareReach: u32 = 0;
	pub const Treasury: u64 = TREASURY;
	pub const MaxFee: Permill = Permill::from_percent(5);
}

impl pallet_market::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type Coupons = MockCoupons;
	type Credit = MockCredit;
	type Kyc = MockKyc;
	type Sanctions = MockSanctions;
	type Movement = ComplianceGate<MockSanctions, MockKyc, (), MockAml>;
	type Settlement = MockSettlement;
	type Oracle = MockOracle;
	type UnixTime = Timestamp;
	type Treasury = Treasury;
	type TickSize = ConstU128<5>;
	type MaxFills = ConstU32<8>;
	type MaxSpareReach = SpareReach;
	type MaxOrdersPerLevel = ConstU32<8>;
	type MaxPriceLevels = ConstU32<16>;
	type MaxOpenOrders = ConstU32<8>;
	type MaxOrdersPerSide = ConstU32<6>;
	type MaxExpiringPerMinute = ConstU32<4>;
	type MaxRecentTrades = ConstU32<4>;
	type MaxPendingPerSeries = ConstU32<64>;
	type MaxAuctionsPerBlock = ConstU32<4>;
	type MaxQuoteLevels = ConstU32<4>;
	type MaxMakersPerSeries = ConstU32<2>;
	type MaxSheetsPerMaker = ConstU32<2>;
	type MaxFee = MaxFee;
	type MarketMakerBond = ConstU128<BOND>;
	type ObligationEpoch = ConstU64<OBLIGATION_EPOCH>;
	type ObligationSeriesPerBlock = ConstU32<2>;
	type MinObligationUptime = MinObligationUptime;
	type WeightInfo = ();
}

use polkadot_sdk::frame_support::traits::ConstU128;

/// Blocks per obligations epoch in the mock.
pub const OBLIGATION_EPOCH: u64 = 10;

polkadot_sdk::frame_support::parameter_types! {
	pub const MinObligationUptime: Permill = Permill::from_percent(80);
}

pub fn fees() -> FeeRates {
	FeeRates { maker: Permill::from_percent(1), taker: Permill::from_percent(2) }
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	SpareReach::set(0);
	MockCoupons::reset();
	MockCredit::reset();
	MockKyc::reset();
	MockSanctions::reset();
	MockAml::reset();
	MockSettlement::reset();
	MockOracle::reset();
	MockCredit::set_issuer(&ISSUER, u128::MAX);
	MockCoupons::add_series(SERIES, &ISSUER, 100, 90);
	for (who, level) in [
		(ISSUER, KycLevel::L3),
		(ALICE, KycLevel::L2),
		(BOB, KycLevel::L2),
		(CAROL, KycLevel::L3),
		(DAVE, KycLevel::L1),
	] {
		MockKyc::set(&who, level);
		MockCoupons::set_balance(SERIES, &who, UNITS);
		MockSettlement::set(&who, FUNDS);
	}
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		market: pallet_market::GenesisConfig {
			fees: fees(),
			risk: RiskParams::default(),
			obligations: Obligations { min_depth: 10, max_spread: Permill::from_percent(5) },
			_phantom: Default::default(),
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

/// Move the wall clock to `ms`.
pub fn set_now(ms: u64) {
	Timestamp::set_timestamp(ms);
}
