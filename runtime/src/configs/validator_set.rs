//! `pallet_validator_set`: the permissioned validators, changed by governance.

use crate::*;
use polkadot_sdk::frame_support::traits::ConstU32;

/// Largest validator set (platform + partner banks). Also bounds Aura and GRANDPA authorities.
pub const MAX_VALIDATORS: u32 = 32;

impl pallet_validator_set::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type ValidatorRegistration = Session;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ValidatorSetHelper;
}
