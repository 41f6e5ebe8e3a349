//! `pallet_sudo`: a superuser for development chains. The `local_testnet` and `staging`
//! presets have no sudo key: governance (the council) does the job there.

use crate::*;
use polkadot_sdk::pallet_sudo;

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
