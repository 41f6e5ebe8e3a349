//! `pallet_collective` (instance 2): the compliance committee (the platform's and the banks'
//! compliance officers), and the compliance origin the sanctions and KYC pallets use.

use super::council::MaxProposalWeight;
use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, EitherOfDiverse},
	},
	frame_system::EnsureRoot,
	pallet_collective,
};

/// The compliance committee's instance.
pub type ComplianceCollective = pallet_collective::Instance2;

/// The compliance origin: Root, or any single compliance officer acting through
/// `complianceCommittee.execute`. Sanctions lists must follow OFAC within 24 hours, so one
/// officer can apply an update; every update is on chain with the officer's account.
pub type ComplianceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureMember<AccountId, ComplianceCollective>,
>;

/// Two compliance officers: Root, or a compliance committee motion carried by at least two
/// officers (`complianceCommittee.propose` with threshold 2, a second officer's `vote`, then
/// `close`). Unblocking accounts, forced KYC revocation and issuer defaults need it: one
/// officer can stop harm at once, undoing a block or punishing an issuer takes two.
pub type DualComplianceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureMembers<AccountId, ComplianceCollective, 2>,
>;

parameter_types! {
	pub const ComplianceMotionDuration: BlockNumber = DAYS;
}

impl pallet_collective::Config<ComplianceCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ComplianceMotionDuration;
	type MaxProposals = ConstU32<20>;
	type MaxMembers = ConstU32<16>;
	// Absent officers never count as ayes (`council::NoDefaultVote`).
	type DefaultVote = super::council::NoDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Governance (the council) appoints and dismisses compliance officers.
	type SetMembersOrigin = crate::configs::GovernanceOrigin;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = crate::configs::GovernanceOrigin;
	type KillOrigin = crate::configs::GovernanceOrigin;
	type Consideration = ();
}
