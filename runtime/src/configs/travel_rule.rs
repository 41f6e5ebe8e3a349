//! `pallet_travel_rule`: the Travel-Rule threshold and the records of routed transfers.

use crate::*;
use genex_primitives::STABLECOIN_UNIT;
use polkadot_sdk::frame_support::{parameter_types, traits::ConstU64};

parameter_types! {
	/// USD 3,000 in the settlement stablecoin (FATF's threshold).
	pub const DefaultTravelRuleThreshold: Balance = 3_000 * STABLECOIN_UNIT;
}

impl pallet_travel_rule::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type DefaultThreshold = DefaultTravelRuleThreshold;
	// Archive nodes keep every record (events); the chain keeps the newest 100,000.
	type MaxRecords = ConstU64<100_000>;
	type WeightInfo = pallet_travel_rule::weights::SubstrateWeight<Runtime>;
}
