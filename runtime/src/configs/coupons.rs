//! `pallet_coupons`: coupon series, credit-limited minting, compliant transfers, recall,
//! delisting and expiry.

use crate::*;
use polkadot_sdk::frame_support::traits::ConstU32;

impl pallet_coupons::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Credit = Issuers;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type TravelRule = TravelRule;
	type Settlement = Stablecoin;
	type UnixTime = Timestamp;
	type MaxTermsLen = ConstU32<512>;
	type MaxExpiringPerHour = ConstU32<256>;
	type MaxSerials = ConstU32<32>;
	type WeightInfo = pallet_coupons::weights::SubstrateWeight<Runtime>;
}
