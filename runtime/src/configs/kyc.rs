//! `pallet_kyc`: KYC attestations by approved providers, per-level limits over a rolling day.

use crate::*;
use polkadot_sdk::frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Usage buckets of an hour; the window is 24 of them.
	pub const KycBucketLength: BlockNumber = HOURS;
}

impl pallet_kyc::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type ForceRevokeOrigin = crate::configs::DualComplianceOrigin;
	type UnixTime = Timestamp;
	type BucketLength = KycBucketLength;
	type MaxAttestors = ConstU32<32>;
	type WeightInfo = pallet_kyc::weights::SubstrateWeight<Runtime>;
}
