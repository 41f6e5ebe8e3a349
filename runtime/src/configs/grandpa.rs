//! `pallet_grandpa`: finality by the session's validators.

use crate::*;
use polkadot_sdk::{
	frame_support::traits::{ConstU32, ConstU64},
	pallet_grandpa,
	sp_core::Void,
};

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// pallet-grandpa ships its benchmarked weights as the `()` impl (`default_weights.rs`); it
	// has no `SubstrateWeight` type.
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<{ crate::configs::validator_set::MAX_VALIDATORS }>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Equivocation reports need `pallet-session::historical` and offences; a permissioned set
	// handles misbehaviour through governance (remove the validator).
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}
