//! Test runtime: frame-system and this pallet, with the primitives' mocks for KYC, sanctions,
//! the stablecoin, the coupon ledger and affiliates. Governance is Root; the compliance origin
//! is account 900 or Root.

use crate as pallet_issuers;
use genex_primitives::{
	affiliation::mock::MockAffiliation, coupons::mock::MockCoupons, kyc::mock::MockKyc,
	sanctions::mock::MockSanctions, settlement::mock::MockSettlement, KycLevel,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types, parameter_types,
		traits::{
			fungible::HoldConsideration, ConstU128, ConstU32, EitherOfDiverse, LinearStoragePrice,
		},
		PalletId,
	},
	frame_system::{self, EnsureRoot, EnsureSignedBy},
	pallet_balances, sp_io,
	sp_runtime::{BuildStorage, Perbill},
};

type Block = frame_system::mocking::MockBlock<Test>;

/// L3 applicant.
pub const ACME: u64 = 1;
/// Another L3 applicant.
pub const BETA: u64 = 2;
/// L2: may not apply.
pub const CAROL: u64 = 3;
/// A coupon holder.
pub const HOLDER: u64 = 4;
/// An account tests register as an affiliate of ACME.
pub const AFFILIATE: u64 = 5;
/// Compliance officer.
pub const OFFICER: u64 = 900;
/// Tier limits of the mock: 1,000 / 5,000 / 20,000 / 100,000.
pub const LIMITS: [u128; 4] = [1_000, 5_000, 20_000, 100_000];

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
	pub type Issuers = pallet_issuers;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// An announcement's deposit: 100 plus 1 per byte.
pub const ANNOUNCEMENT_BASE: u128 = 100;
/// Native balance of ACME and BETA (for announcement deposits).
pub const NATIVE: u128 = 1_000;

ord_parameter_types! {
	pub const Officer: u64 = OFFICER;
}

parameter_types! {
	pub const IssuersPalletId: PalletId = PalletId(*b"gx/issue");
	pub const MaxEscrow: Perbill = Perbill::from_percent(50);
	/// Blocks between an issuer's announcements (tests set it; 0 by default).
	pub static AnnouncementGap: u64 = 0;
	pub const AnnouncementHold: RuntimeHoldReason =
		RuntimeHoldReason::Issuers(pallet_issuers::HoldReason::Announcement);
}

impl pallet_issuers::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	// The officer stands for a two-officer compliance committee motion.
	type DefaultOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Officer, u64>>;
	type Kyc = MockKyc;
	type Sanctions = MockSanctions;
	type Settlement = MockSettlement;
	type Coupons = MockCoupons;
	type Affiliation = MockAffiliation;
	type PalletId = IssuersPalletId;
	type MaxNameLen = ConstU32<16>;
	type MaxReasonLen = ConstU32<16>;
	type DepositLeverage = ConstU32<2>;
	type MaxEscrowShare = MaxEscrow;
	type MaxAnnouncementLen = ConstU32<16>;
	type MaxAnnouncements = ConstU32<3>;
	type AnnouncementInterval = AnnouncementGap;
	type AnnouncementDeposit = HoldConsideration<
		u64,
		Balances,
		AnnouncementHold,
		LinearStoragePrice<ConstU128<ANNOUNCEMENT_BASE>, ConstU128<1>, u128>,
	>;
	type WeightInfo = ();
}

/// ACME and BETA are L3, CAROL L2, HOLDER L1; ACME, BETA hold 10,000 stablecoin and
/// `NATIVE` of the native token.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockKyc::reset();
	MockSanctions::reset();
	MockSettlement::reset();
	MockCoupons::reset();
	MockAffiliation::reset();
	MockKyc::set(&ACME, KycLevel::L3);
	MockKyc::set(&BETA, KycLevel::L3);
	MockKyc::set(&CAROL, KycLevel::L2);
	MockKyc::set(&HOLDER, KycLevel::L1);
	MockSettlement::set(&ACME, 10_000);
	MockSettlement::set(&BETA, 10_000);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ACME, NATIVE), (BETA, NATIVE)],
			..Default::default()
		},
		issuers: pallet_issuers::GenesisConfig { tier_limits: LIMITS, issuers: vec![] },
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The pallet's pot account.
pub fn pot() -> u64 {
	Issuers::account_id()
}
