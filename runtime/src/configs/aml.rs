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
	type Jurisdiction = super::coupons::KycJurisdiction;
	type Coupons = Coupons;
	// The market keeps issuers' affiliate registrations.
	type Affiliation = Market;
	type DayBlocks = AmlDayBlocks;
	// Fan rules may count up to 31 distinct counterparties a day each way.
	type MaxCounterparties = ConstU32<32>;
	type MaxHighRisk = ConstU32<64>;
	type WeightInfo = pallet_aml::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::AmlHelper;
}
