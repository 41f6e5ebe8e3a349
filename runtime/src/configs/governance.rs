//! `pallet_governance`: the audited path to Root — a council super-majority motion dispatches a
//! call as Root (`governance.dispatchAsRoot`), recorded with an event.

use crate::*;

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = super::council::RootOrigin;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}
