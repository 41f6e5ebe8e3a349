//! `pallet_coupons`: coupon series, credit-limited minting, compliant transfers, recall,
//! refunds at the reference price, delisting, governed minimum validity and expiry.

use crate::*;
use genex_primitives::kyc::Jurisdiction;
use polkadot_sdk::{frame_support::traits::ConstU32, sp_runtime::traits::Convert};

/// The jurisdiction of an account's KYC attestation in force: an issuer's home, whose minimum
/// validity (e.g. US gift cards: five years) applies to its series.
pub struct KycJurisdiction;

impl Convert<AccountId, Option<Jurisdiction>> for KycJurisdiction {
	fn convert(who: AccountId) -> Option<Jurisdiction> {
		Kyc::attestation_in_force(&who).map(|a| a.jurisdiction)
	}
}

impl pallet_coupons::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Credit = Issuers;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type TravelRule = TravelRule;
	type Movement = crate::configs::ValueGate;
	type Settlement = Stablecoin;
	// A refund pays at least the fresh reference price.
	type Oracle = Oracle;
	type KycJurisdiction = KycJurisdiction;
	type UnixTime = Timestamp;
	type MaxTermsLen = ConstU32<512>;
	type MaxExpiringPerHour = ConstU32<256>;
	type MaxSerials = ConstU32<32>;
	type WeightInfo = pallet_coupons::weights::SubstrateWeight<Runtime>;
}
