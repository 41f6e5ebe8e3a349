//! `pallet_issuers`: issuer onboarding, credit score and tiered issuance limits, deposits,
//! escrow, defaults and holder compensation.

use crate::*;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32, PalletId},
	sp_runtime::Perbill,
};

parameter_types! {
	/// Deposits and escrow are held by the account derived from this id.
	pub const IssuersPalletId: PalletId = PalletId(*b"gx/issue");
	/// At most half of primary-sale proceeds can be kept in escrow.
	pub const MaxEscrowShare: Perbill = Perbill::from_percent(50);
}

impl pallet_issuers::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type DefaultOrigin = crate::configs::DualComplianceOrigin;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type Settlement = Stablecoin;
	type Coupons = Coupons;
	// The market keeps issuers' affiliate registrations (made with the affiliate's consent).
	type Affiliation = Market;
	type PalletId = IssuersPalletId;
	type MaxNameLen = ConstU32<64>;
	type MaxReasonLen = ConstU32<256>;
	// A deposit of 1 GUSD raises the limit by 5 GUSD of face value.
	type DepositLeverage = ConstU32<5>;
	type MaxEscrowShare = MaxEscrowShare;
	type WeightInfo = pallet_issuers::weights::SubstrateWeight<Runtime>;
}
