//! `pallet_assets`: holds the settlement stablecoin. Nobody creates assets permissionlessly:
//! governance force-creates them; the stablecoin is created at genesis.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{AsEnsureOriginWithArg, ConstU32},
	},
	pallet_assets,
};

parameter_types! {
	pub const AssetDeposit: Balance = 100 * UNIT;
	pub const AssetAccountDeposit: Balance = MILLI_UNIT;
	pub const MetadataDepositBase: Balance = UNIT;
	pub const MetadataDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const ApprovalDeposit: Balance = MILLI_UNIT;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	// Permissionless `create` is closed: assets come from governance's `force_create`.
	#[cfg(not(feature = "runtime-benchmarks"))]
	type CreateOrigin =
		AsEnsureOriginWithArg<polkadot_sdk::frame_support::traits::NeverEnsureOrigin<AccountId>>;
	// Benchmark builds only: upstream's benchmarks create their asset with a signed origin, so
	// `transfer_keep_alive` can be measured as the reference for the market's fills.
	#[cfg(feature = "runtime-benchmarks")]
	type CreateOrigin = AsEnsureOriginWithArg<polkadot_sdk::frame_system::EnsureSigned<AccountId>>;
	type ForceOrigin = crate::configs::GovernanceOrigin;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	// Market orders and market makers' bonds freeze stablecoin in the owner's account.
	type Freezer = Stablecoin;
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
