//! `pallet_aml`: AML monitoring behind the value-movement gate (see `movement.rs`).

use crate::*;
use polkadot_sdk::frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Day windows of the velocity, structuring and fan rules.
	pub const AmlDayBlocks: BlockNumber = DAYS;
}

impl pallet_aml::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	// Lifting a restriction takes two compliance officers, as unblocking does.
	type ComplianceOrigin = crate::configs::DualComplianceOrigin;
	// One officer decides a held movement (its value never leaves the sender's account until
	// released); each decision is on chain with the officer's account.
	type ReviewOrigin = crate::configs::ComplianceOrigin;
	// A released hold passes the whole gate again, this pallet included.
	type Gate = crate::configs::ValueGate;
	type Settlement = Stablecoin;
	type Credit = Issuers;
	type Jurisdiction = super::coupons::KycJurisdiction;
	type Coupons = Coupons;
	// The market keeps issuers' affiliate registrations.
	type Affiliation = Market;
	type DayBlocks = AmlDayBlocks;
	// Fan rules may count up to 31 distinct counterparties a day each way.
	type MaxCounterparties = ConstU32<32>;
	type MaxHighRisk = ConstU32<64>;
	// Each hold locks at least the review threshold (50,000 GUSD by default).
	type MaxHoldsPerAccount = ConstU32<4>;
	// Timeouts one block applies (oldest first; the rest the next blocks).
	type MaxExpiriesPerBlock = ConstU32<16>;
	type WeightInfo = pallet_aml::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::AmlHelper;
}
