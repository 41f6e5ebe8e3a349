//! Test runtime: frame-system and this pallet. A day is [`DAY`] blocks; jurisdictions are set
//! per account by the test ([`set_jurisdiction`]); governance and compliance are Root.

use crate as pallet_aml;
use crate::Jurisdiction;
use genex_primitives::{
	affiliation::mock::MockAffiliation, coupons::mock::MockCoupons, credit::mock::MockCredit,
	sanctions::mock::MockSanctions, settlement::mock::MockSettlement,
	travel_rule::mock::MockTravelRule, ComplianceGate,
};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system::{self, EnsureRoot},
	sp_io,
	sp_runtime::{traits::Convert, BuildStorage},
};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAVE: u64 = 4;
pub const ISSUER: u64 = 9;
/// Blocks in a day window.
pub const DAY: u64 = 100;
/// Counterparties kept per direction.
pub const MAX_CP: u32 = 16;
/// Holds per sender.
pub const MAX_HOLDS: u32 = 3;
/// Timeouts applied per block.
pub const MAX_EXPIRIES: u32 = 2;

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
	pub type Aml = pallet_aml;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static JURISDICTIONS: RefCell<BTreeMap<u64, Jurisdiction>> = const { RefCell::new(BTreeMap::new()) };
}

/// Attest `who` in `jurisdiction` (None: no attestation).
pub fn set_jurisdiction(who: u64, jurisdiction: Option<Jurisdiction>) {
	JURISDICTIONS.with(|j| match jurisdiction {
		Some(code) => j.borrow_mut().insert(who, code),
		None => j.borrow_mut().remove(&who),
	});
}

/// The mock KYC jurisdiction lookup.
pub struct MockJurisdiction;
impl Convert<u64, Option<Jurisdiction>> for MockJurisdiction {
	fn convert(who: u64) -> Option<Jurisdiction> {
		JURISDICTIONS.with(|j| j.borrow().get(&who).copied())
	}
}

parameter_types! {
	pub const DayBlocks: u64 = DAY;
}

impl pallet_aml::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type ComplianceOrigin = EnsureRoot<u64>;
	type ReviewOrigin = EnsureRoot<u64>;
	// The whole gate with mock sanctions and Travel Rule, no KYC, and this pallet.
	type Gate = ComplianceGate<MockSanctions, (), MockTravelRule, Aml>;
	type Settlement = MockSettlement;
	type Credit = MockCredit;
	type Jurisdiction = MockJurisdiction;
	type Coupons = MockCoupons;
	type Affiliation = MockAffiliation;
	type DayBlocks = DayBlocks;
	type MaxCounterparties = ConstU32<MAX_CP>;
	type MaxHighRisk = ConstU32<4>;
	type MaxHoldsPerAccount = ConstU32<MAX_HOLDS>;
	type MaxExpiriesPerBlock = ConstU32<MAX_EXPIRIES>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockJurisdiction;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_aml::BenchmarkHelper<u64> for MockJurisdiction {
	fn attest(who: &u64, jurisdiction: Jurisdiction) {
		set_jurisdiction(*who, Some(jurisdiction));
	}
}

/// The series the issuer issued.
pub const SERIES: u64 = 1;
/// The issuer's registered affiliate.
pub const AFFILIATE: u64 = 8;

/// Block 1; every rule at its default; Alice and Bob in the US, Carol in Germany, the issuer
/// without an attestation; [`SERIES`] issued by [`ISSUER`], [`AFFILIATE`] its affiliate.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockCoupons::reset();
	MockCoupons::add_series(SERIES, &ISSUER, 100, 90);
	MockAffiliation::reset();
	MockAffiliation::set(&ISSUER, &AFFILIATE);
	MockSanctions::reset();
	MockSettlement::reset();
	MockCredit::reset();
	MockTravelRule::reset();
	JURISDICTIONS.with(|j| j.borrow_mut().clear());
	set_jurisdiction(ALICE, Some(*b"US"));
	set_jurisdiction(BOB, Some(*b"US"));
	set_jurisdiction(CAROL, Some(*b"DE"));
	let t = RuntimeGenesisConfig::default().build_storage().expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// This pallet's events since the last call, in order.
pub fn take_events() -> Vec<pallet_aml::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Aml(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}
