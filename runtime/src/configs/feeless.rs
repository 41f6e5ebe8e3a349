//! `pallet_feeless`: which calls are free for whom, within daily quotas. The transaction
//! extension `FeelessWithinQuota` wraps `ChargeTransactionPayment`.

use crate::*;
use polkadot_sdk::frame_support::{
	parameter_types,
	traits::{CallMetadata, ConstU32, Contains},
};

parameter_types! {
	/// Quotas renew daily.
	pub const FeelessPeriod: BlockNumber = DAYS;
}

/// Never fee-less, whatever governance decides: smart contracts (metered by gas and fees),
/// governance and compliance (collectives, sudo, the pallets whose calls only governance
/// and compliance officers make — AML's one signed call, withdrawing a held transfer, is paid
/// too), and calls that dispatch other calls (utility, multisig, proxy, recovery) — a free
/// wrapper would make what it wraps free.
pub struct NeverFeeless;
impl Contains<CallMetadata> for NeverFeeless {
	fn contains(call: &CallMetadata) -> bool {
		matches!(
			call.pallet_name,
			"Contracts"
				| "Council" | "ComplianceCommittee"
				| "Sudo" | "Utility"
				| "Multisig" | "Proxy"
				| "Recovery" | "Treasury"
				| "ValidatorSet"
				| "Session" | "Feeless"
				| "Sanctions"
				| "TravelRule"
				| "Aml" | "Grandpa"
				| "Timestamp"
				| "Assets"
		) || (call.pallet_name == "System" && call.function_name != "remark")
	}
}

impl pallet_feeless::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Kyc = Kyc;
	type Period = FeelessPeriod;
	type NeverFeeless = NeverFeeless;
	type MaxFeelessCalls = ConstU32<64>;
	type WeightInfo = pallet_feeless::weights::SubstrateWeight<Runtime>;
}
