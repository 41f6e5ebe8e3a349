//! `pallet_collective` (instance 1): the council of the platform and its partner banks, and
//! the governance origin every Genex pallet uses.

use super::RuntimeBlockWeights;
use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, EitherOfDiverse},
		weights::Weight,
	},
	frame_system::EnsureRoot,
	pallet_collective,
	sp_runtime::Perbill,
};

/// The council's instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// Governance: Root, or two thirds of the council (platform + banks). Adds and removes
/// validators and banks, sets limits and fees.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	/// Heaviest proposal a collective may execute: half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership changes need the council's own two-thirds, or Root.
	type SetMembersOrigin = GovernanceOrigin;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	// Members are vetted institutions: no deposit per proposal.
	type Consideration = ();
}
