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
};

/// The council's instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// Governance: Root, or two thirds of the council (platform + banks). Adds and removes
/// validators and banks, sets limits and fees.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Root, reached through governance: a council motion carried by three quarters of the council
/// calling `governance.dispatchAsRoot(call)` (all three members on a three-member council, three
/// of four on four). Runtime upgrades, treasury spends and GRANDPA's stall recovery — the calls
/// only Root may make — go this way where there is no sudo (`docs/operators.md`).
pub type RootOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 3, 4>,
>;

/// Members who did not vote count as voting no, whatever the prime voted: a motion passes only
/// with its threshold of explicit ayes. (`PrimeDefaultVote` let the prime's vote stand for every
/// absent member at `close`, so one officer who is prime could carry a two-officer motion alone,
/// and a council prime a Root motion.)
pub struct NoDefaultVote;
impl pallet_collective::DefaultVote for NoDefaultVote {
	fn default_vote(_prime: Option<bool>, _yes: u32, _no: u32, _len: u32) -> bool {
		false
	}
}

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	/// Heaviest proposal a collective may execute: half a block.
	pub MaxProposalWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(2);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	type DefaultVote = NoDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership changes need the council's own two-thirds, or Root.
	type SetMembersOrigin = GovernanceOrigin;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	// Members are vetted institutions: no deposit per proposal.
	type Consideration = ();
}
