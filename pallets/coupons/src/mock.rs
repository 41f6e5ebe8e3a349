//! Test runtime: frame-system, timestamp and this pallet, with the primitives' mocks for
//! credit, KYC, sanctions, the Travel Rule and the stablecoin. Governance is Root.

use crate as pallet_coupons;
use crate::SeriesTerms;
use genex_primitives::{
	credit::mock::MockCredit, kyc::mock::MockKyc, sanctions::mock::MockSanctions,
	settlement::mock::MockSettlement, travel_rule::mock::MockTravelRule, CouponKind, KycLevel,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{ConstU32, ConstU64, Hooks},
		weights::Weight,
	},
	frame_system::{self, EnsureRoot},
	pallet_timestamp, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// Issuer with a limit of 100,000 face value.
pub const ISSUER: u64 = 1;
/// L1 holders.
pub const ALICE: u64 = 2;
pub const BOB: u64 = 3;
/// L0.
pub const CAROL: u64 = 4;
/// Not an issuer (L3).
pub const OTHER: u64 = 5;
/// Genesis wall clock (ms): a whole hour.
pub const NOW: u64 = 100 * HOUR;
pub const HOUR: u64 = 3_600_000;
pub const DAY: u64 = 24 * HOUR;
/// Travel-Rule threshold of the mock.
pub const THRESHOLD: u128 = 5_000;

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
	pub type Coupons = pallet_coupons;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_coupons::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type Credit = MockCredit;
	type Kyc = MockKyc;
	type Sanctions = MockSanctions;
	type TravelRule = MockTravelRule;
	type Settlement = MockSettlement;
	type UnixTime = Timestamp;
	type MaxTermsLen = ConstU32<32>;
	type MaxExpiringPerHour = ConstU32<3>;
	type MaxSerials = ConstU32<8>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	MockCredit::reset();
	MockKyc::reset();
	MockSanctions::reset();
	MockSettlement::reset();
	MockTravelRule::reset();
	MockTravelRule::set_threshold(THRESHOLD);
	MockCredit::set_issuer(&ISSUER, 100_000);
	MockKyc::set(&ISSUER, KycLevel::L3);
	MockKyc::set(&OTHER, KycLevel::L3);
	MockKyc::set(&ALICE, KycLevel::L1);
	MockKyc::set(&BOB, KycLevel::L1);
	MockSettlement::set(&ISSUER, 1_000_000);
	let t = RuntimeGenesisConfig::default().build_storage().expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(NOW);
	});
	ext
}

/// Digital series: face 100, price 90, valid from now for a day, cap 1,000.
pub fn digital() -> SeriesTerms {
	SeriesTerms {
		kind: CouponKind::Digital,
		face_value: 100,
		issue_price: 90,
		valid_from: NOW,
		valid_until: NOW + DAY,
		terms: b"any store".to_vec(),
		cap: 1_000,
	}
}

/// Move the wall clock to `ms` and run `on_idle` with `weight`.
pub fn idle_at(ms: u64, weight: Weight) -> Weight {
	Timestamp::set_timestamp(ms);
	Coupons::on_idle(System::block_number(), weight)
}
