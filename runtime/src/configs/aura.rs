//! `pallet_aura`: round-robin block authoring in 2 s slots by the session's validators.

use crate::*;
use polkadot_sdk::{
	frame_support::traits::{ConstBool, ConstU32},
	pallet_aura,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
};

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<{ crate::configs::validator_set::MAX_VALIDATORS }>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}
