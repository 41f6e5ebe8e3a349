//! `pallet_disputes`: holders' claims against issuers (SRS 3.8.1), ruled by arbitrators the
//! council appoints, executed on chain: refunds from the issuer's deposit, escrow and own
//! stablecoin (`Issuers` implements `ClaimFunds`). The SRS deadlines (SRS 3.8.4) in 2-second
//! blocks: 24 hours to answer, 72 hours to rule before escalation.

use crate::*;
use polkadot_sdk::frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstantStoragePrice},
};

parameter_types! {
	/// The claimant's deposit: returned unless the claim is ruled malicious.
	pub const ClaimDepositAmount: Balance = 5 * UNIT;
	pub const ClaimHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Disputes(pallet_disputes::HoldReason::ClaimDeposit);
}

/// Hours the issuer has to answer a dispute (SRS 3.8.4: 24 h response).
pub const RESPOND_WITHIN: BlockNumber = 24 * HOURS;
/// Hours from opening to a ruling before a dispute escalates (SRS 3.8.4: 72 h handling).
pub const HANDLE_WITHIN: BlockNumber = 72 * HOURS;

impl pallet_disputes::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Coupons = Coupons;
	type Funds = Issuers;
	// The market keeps issuers' affiliate registrations.
	type Affiliation = Market;
	type Sanctions = Sanctions;
	// 5 GNX, whatever the dispute (its storage is fixed-size).
	type ClaimDeposit = HoldConsideration<
		AccountId,
		Balances,
		ClaimHoldReason,
		ConstantStoragePrice<ClaimDepositAmount, Balance>,
	>;
	type RespondWithin = ConstU32<RESPOND_WITHIN>;
	type HandleWithin = ConstU32<HANDLE_WITHIN>;
	type MaxOpenPerClaimant = ConstU32<4>;
	type MaxArbitrators = ConstU32<16>;
	type WeightInfo = pallet_disputes::weights::SubstrateWeight<Runtime>;
}
