//! `pallet_redemption`: redemption at issuers and merchants, holder-signed authorizations
//! submitted by merchants as authorized (fee-less) general transactions within daily quotas,
//! reviews within a review window.

use crate::*;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	sp_runtime::traits::Verify,
};

parameter_types! {
	/// An authorization may be valid for up to an hour ahead.
	pub const MaxAuthorizationValidity: BlockNumber = HOURS;
	/// Quotas of authorized redemptions are per day.
	pub const RedemptionQuotaPeriod: BlockNumber = DAYS;
	/// Until governance sets its own: 20 fee-less redemptions per holder and 2,000 per merchant
	/// a day; receipts reviewable for 90 days, then deleted.
	pub const RedemptionDefaultLimits: pallet_redemption::RedemptionLimits<BlockNumber> =
		pallet_redemption::RedemptionLimits {
			per_holder: 20,
			per_merchant: 2_000,
			review_window: 90 * DAYS,
		};
	/// Governance may keep receipts reviewable for up to a year.
	pub const MaxReviewWindow: BlockNumber = 365 * DAYS;
}

impl pallet_redemption::Config for Runtime {
	type Coupons = Coupons;
	type Credit = Issuers;
	// The market keeps issuers' affiliate registrations (made with the affiliate's consent).
	type Affiliation = Market;
	type Sanctions = Sanctions;
	type Movement = crate::configs::ValueGate;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	type MaxMerchants = ConstU32<1_000>;
	type MaxSerials = ConstU32<32>;
	type MaxAuthorizationValidity = MaxAuthorizationValidity;
	type MaxAuthorizationsPerBlock = ConstU32<1_024>;
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type QuotaPeriod = RedemptionQuotaPeriod;
	type DefaultLimits = RedemptionDefaultLimits;
	type MaxReviewWindow = MaxReviewWindow;
	type WeightInfo = pallet_redemption::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::RedemptionHelper;
}
