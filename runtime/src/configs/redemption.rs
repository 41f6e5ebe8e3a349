//! `pallet_redemption`: redemption at issuers and merchants, holder-signed authorizations
//! submitted unsigned (fee-less) by merchants, reviews.

use crate::*;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	sp_runtime::{traits::Verify, transaction_validity::TransactionPriority},
};

parameter_types! {
	/// An authorization may be valid for up to an hour ahead.
	pub const MaxAuthorizationValidity: BlockNumber = HOURS;
	/// Redemptions go before ordinary transactions of the same size.
	pub const RedemptionPriority: TransactionPriority = TransactionPriority::MAX / 2;
}

impl pallet_redemption::Config for Runtime {
	type Coupons = Coupons;
	type Credit = Issuers;
	type Sanctions = Sanctions;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	type MaxMerchants = ConstU32<1_000>;
	type MaxSerials = ConstU32<32>;
	type MaxAuthorizationValidity = MaxAuthorizationValidity;
	type MaxAuthorizationsPerBlock = ConstU32<1_024>;
	type UnsignedPriority = RedemptionPriority;
	type WeightInfo = pallet_redemption::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::RedemptionHelper;
}
