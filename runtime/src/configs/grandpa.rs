//! `pallet_grandpa`: finality by the session's validators.

use crate::*;
use polkadot_sdk::{
	frame_support::traits::{ConstU32, ConstU64},
	pallet_grandpa,
	sp_core::Void,
};

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Not a placeholder. `()` is the only `WeightInfo` implementation pallet-grandpa 50.0.0
	// compiles: its `default_weights.rs` (`impl crate::WeightInfo for ()`) holds upstream's
	// benchmarked figures; the crate's `weights.rs` with a `SubstrateWeight` is not declared as a
	// module, so it cannot be named. The two weighed calls: `report_equivocation` cannot be built
	// on this chain (`KeyOwnerProof = Void`, asserted by runtime/tests/compliance.rs), and
	// `note_stalled` (Root only) costs 3 µs + 1 write priced at RocksDB's 100 µs, above
	// ParityDB's 50 µs: it over-charges, never under-charges.
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<{ crate::configs::validator_set::MAX_VALIDATORS }>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Equivocation reports need `pallet-session::historical` and offences; a permissioned set
	// handles misbehaviour through governance (remove the validator).
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}
