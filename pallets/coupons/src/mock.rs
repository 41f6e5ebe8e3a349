//! Test runtime: frame-system, timestamp and this pallet, with the primitives' mocks for
//! credit, KYC, sanctions, the Travel Rule, the stablecoin and the oracle, and
//! [`MockJurisdiction`] for KYC jurisdictions. Governance is Root. New series need a face value
//! of at least [`MIN_FACE`].

use crate as pallet_coupons;
use crate::{Jurisdiction, SeriesTerms};
use genex_primitives::{
	credit::mock::MockCredit, kyc::mock::MockKyc, movement::mock::MockAml,
	oracle::mock::MockOracle, sanctions::mock::MockSanctions, settlement::mock::MockSettlement,
	travel_rule::mock::MockTravelRule, ComplianceGate, CouponKind, KycLevel,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{ConstU32, ConstU64, Hooks},
		weights::Weight,
	},
	frame_system::{self, EnsureRoot},
	pallet_timestamp, sp_io,
	sp_runtime::{traits::Convert, BuildStorage},
};
use std::{cell::RefCell, collections::BTreeMap};

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
/// A year of 365 days (ms).
pub const YEAR: u64 = 365 * DAY;
/// The mock chain's minimum face value of every coupon kind (a real chain starts at 1 GUSD,
/// [`crate::default_min_face_value`]; the mock's series have face values of 100).
pub const MIN_FACE: u128 = 10;

thread_local! {
	static JURISDICTIONS: RefCell<BTreeMap<u64, Jurisdiction>> = const { RefCell::new(BTreeMap::new()) };
}

/// KYC jurisdictions set by the test (none by default).
pub struct MockJurisdiction;

impl MockJurisdiction {
	/// Set (or, with `None`, clear) `who`'s KYC jurisdiction.
	pub fn set(who: u64, jurisdiction: Option<Jurisdiction>) {
		JURISDICTIONS.with(|j| match jurisdiction {
			Some(code) => j.borrow_mut().insert(who, code),
			None => j.borrow_mut().remove(&who),
		});
	}
	/// Forget every jurisdiction.
	pub fn reset() {
		JURISDICTIONS.with(|j| j.borrow_mut().clear());
	}
}

impl Convert<u64, Option<Jurisdiction>> for MockJurisdiction {
	fn convert(who: u64) -> Option<Jurisdiction> {
		JURISDICTIONS.with(|j| j.borrow().get(&who).copied())
	}
}

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
	type Movement = ComplianceGate<MockSanctions, MockKyc, MockTravelRule, MockAml>;
	type Settlement = MockSettlement;
	type Oracle = MockOracle;
	type KycJurisdiction = MockJurisdiction;
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
	MockAml::reset();
	MockSettlement::reset();
	MockTravelRule::reset();
	MockOracle::reset();
	MockJurisdiction::reset();
	MockTravelRule::set_threshold(THRESHOLD);
	MockCredit::set_issuer(&ISSUER, 100_000);
	MockKyc::set(&ISSUER, KycLevel::L3);
	MockKyc::set(&OTHER, KycLevel::L3);
	MockKyc::set(&ALICE, KycLevel::L1);
	MockKyc::set(&BOB, KycLevel::L1);
	MockSettlement::set(&ISSUER, 1_000_000);
	let t = RuntimeGenesisConfig {
		coupons: pallet_coupons::GenesisConfig {
			min_face_value: [CouponKind::Physical, CouponKind::Digital, CouponKind::Financial]
				.into_iter()
				.map(|kind| (kind, MIN_FACE))
				.collect(),
			..Default::default()
		},
		..Default::default()
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

/// Digital series (not a gift card, no declared jurisdiction): face 100, price 90, valid from
/// now for a day, cap 1,000.
pub fn digital() -> SeriesTerms {
	SeriesTerms {
		kind: CouponKind::Digital,
		face_value: 100,
		issue_price: 90,
		valid_from: NOW,
		valid_until: NOW + DAY,
		terms: b"any store".to_vec(),
		cap: 1_000,
		gift_card: false,
		jurisdiction: None,
	}
}

/// Move the wall clock to `ms` and run `on_idle` with `weight`.
pub fn idle_at(ms: u64, weight: Weight) -> Weight {
	Timestamp::set_timestamp(ms);
	Coupons::on_idle(System::block_number(), weight)
}
