//! Test runtime: frame-system and this pallet, with the primitives' mocks for the coupon
//! ledger, credit, sanctions and affiliates. Signatures are `TestSignature(signer, message)`.
//! Governance is Root; quota periods are [`PERIOD`] blocks, the default limits [`LIMITS`].

use crate as pallet_redemption;
use genex_primitives::{
	affiliation::mock::MockAffiliation, coupons::mock::MockCoupons, credit::mock::MockCredit,
	movement::mock::MockAml, sanctions::mock::MockSanctions, ComplianceGate,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64},
	},
	frame_system::{self, EnsureRoot},
	sp_io,
	sp_runtime::{
		testing::{TestSignature, UintAuthorityId},
		BuildStorage,
	},
};

type Block = frame_system::mocking::MockBlock<Test>;

pub const ISSUER: u64 = 1;
pub const MERCHANT: u64 = 2;
pub const HOLDER: u64 = 3;
pub const OTHER: u64 = 4;
/// Tests register it as an affiliate of ISSUER.
pub const AFFILIATE: u64 = 5;
/// Series 0: face 100, price 90, issued by ISSUER; HOLDER holds 10.
pub const SERIES: u64 = 0;
/// Series 1: as series 0; HOLDER holds 10.
pub const SERIES_B: u64 = 1;
/// Quota periods of the mock: 10 blocks.
pub const PERIOD: u64 = 10;
/// The mock's default limits: 3 authorized redemptions per holder and 4 per merchant per
/// period; receipts reviewable for 20 blocks.
pub const LIMITS: crate::RedemptionLimits<u64> =
	crate::RedemptionLimits { per_holder: 3, per_merchant: 4, review_window: 20 };

parameter_types! {
	pub const MockLimits: crate::RedemptionLimits<u64> = LIMITS;
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
	pub type Redemption = pallet_redemption;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_redemption::Config for Test {
	type Coupons = MockCoupons;
	type Credit = MockCredit;
	type Affiliation = MockAffiliation;
	type Sanctions = MockSanctions;
	type Movement = ComplianceGate<MockSanctions, (), (), MockAml>;
	type OffchainSignature = TestSignature;
	type OffchainPublic = UintAuthorityId;
	type MaxMerchants = ConstU32<2>;
	type MaxSerials = ConstU32<4>;
	type MaxAuthorizationValidity = ConstU64<100>;
	type MaxAuthorizationsPerBlock = ConstU32<2>;
	type GovernanceOrigin = EnsureRoot<u64>;
	type QuotaPeriod = ConstU64<PERIOD>;
	type DefaultLimits = MockLimits;
	type MaxReviewWindow = ConstU64<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for BenchHelper {
	fn signer() -> u64 {
		HOLDER
	}
	fn sign(signer: &u64, message: &[u8]) -> TestSignature {
		TestSignature(*signer, message.to_vec())
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	MockCoupons::reset();
	MockCredit::reset();
	MockSanctions::reset();
	MockAml::reset();
	MockAffiliation::reset();
	MockCredit::set_issuer(&ISSUER, 1_000_000);
	MockCoupons::add_series(SERIES, &ISSUER, 100, 90);
	MockCoupons::set_balance(SERIES, &HOLDER, 10);
	MockCoupons::add_series(SERIES_B, &ISSUER, 100, 90);
	MockCoupons::set_balance(SERIES_B, &HOLDER, 10);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		redemption: pallet_redemption::GenesisConfig { merchants: vec![(ISSUER, MERCHANT)] },
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
