//! Test runtime: frame-system, balances (the claimant's deposit is a hold) and this pallet,
//! with the primitives' mocks for the coupon ledger, the issuers' funds, affiliates and
//! sanctions. Governance is Root. Blocks stand for hours: an issuer answers within 24, a
//! dispute escalates after 72.

use crate as pallet_disputes;
use genex_primitives::{
	affiliation::mock::MockAffiliation, coupons::mock::MockCoupons, disputes::mock::MockClaimFunds,
	sanctions::mock::MockSanctions,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, LinearStoragePrice},
	},
	frame_system::{self, EnsureRoot},
	pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// The issuer of series 0.
pub const ISSUER: u64 = 1;
/// A holder of 10 units of series 0.
pub const HOLDER: u64 = 2;
/// Another holder, of 10 units.
pub const OTHER: u64 = 3;
/// An affiliate of the issuer holding 10 units.
pub const AFFILIATE: u64 = 4;
/// Appointed arbitrators.
pub const ARBITER: u64 = 10;
/// Another arbitrator.
pub const ARBITER2: u64 = 11;
/// Face value of a unit of series 0.
pub const FACE: u128 = 100;
/// The claimant's deposit.
pub const DEPOSIT: u128 = 50;
/// Native balance of each holder.
pub const NATIVE: u128 = 1_000;
/// Blocks to answer.
pub const RESPOND: u64 = 24;
/// Blocks to rule before escalation.
pub const HANDLE: u64 = 72;

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
	pub type Disputes = pallet_disputes;
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

parameter_types! {
	pub const ClaimHold: RuntimeHoldReason =
		RuntimeHoldReason::Disputes(pallet_disputes::HoldReason::ClaimDeposit);
}

impl pallet_disputes::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type Coupons = MockCoupons;
	type Funds = MockClaimFunds;
	type Affiliation = MockAffiliation;
	type Sanctions = MockSanctions;
	// A flat deposit: the footprint's slope is zero.
	type ClaimDeposit = HoldConsideration<
		u64,
		Balances,
		ClaimHold,
		LinearStoragePrice<ConstU128<DEPOSIT>, ConstU128<0>, u128>,
	>;
	type RespondWithin = ConstU64<RESPOND>;
	type HandleWithin = ConstU64<HANDLE>;
	type MaxOpenPerClaimant = ConstU32<2>;
	type MaxArbitrators = ConstU32<3>;
	type WeightInfo = ();
}

/// Series 0 of ISSUER (face 100): HOLDER, OTHER and AFFILIATE hold 10 units each and 1,000 of
/// the native token; ARBITER and ARBITER2 are appointed; the issuer can pay 10,000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockCoupons::reset();
	MockClaimFunds::reset();
	MockAffiliation::reset();
	MockSanctions::reset();
	MockCoupons::add_series(0, &ISSUER, FACE, 90);
	for who in [HOLDER, OTHER, AFFILIATE] {
		MockCoupons::set_balance(0, &who, 10);
	}
	MockAffiliation::set(&ISSUER, &AFFILIATE);
	MockClaimFunds::set_purse(&ISSUER, 10_000);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(HOLDER, NATIVE), (OTHER, NATIVE), (AFFILIATE, NATIVE)],
			..Default::default()
		},
		disputes: pallet_disputes::GenesisConfig { arbitrators: vec![ARBITER, ARBITER2] },
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
