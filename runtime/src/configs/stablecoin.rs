//! `pallet_stablecoin`: authorized banks mint and burn the settlement stablecoin.

use crate::*;
use polkadot_sdk::frame_support::{parameter_types, traits::ConstU32, PalletId};

parameter_types! {
	/// The stablecoin's owner account in `pallet-assets` derives from this id.
	pub const StablecoinPalletId: PalletId = PalletId(*b"gx/stbl!");
}

impl pallet_stablecoin::Config for Runtime {
	type AssetId = AssetId;
	type Assets = Assets;
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type MaxBanks = ConstU32<64>;
	type PalletId = StablecoinPalletId;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type TravelRule = TravelRule;
	type Movement = crate::configs::ValueGate;
	type WeightInfo = pallet_stablecoin::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::StablecoinHelper;
}
