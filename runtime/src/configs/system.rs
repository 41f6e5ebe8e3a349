//! `frame_system`: accounts, block limits sized for the 2 s slot.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		dispatch::DispatchClass,
		parameter_types,
		traits::{ConstU32, Contains},
		weights::{
			constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_MILLIS},
			Weight,
		},
	},
	frame_system::limits::{BlockLength, BlockWeights},
	sp_runtime::Perbill,
};

/// Share of a block that normal (user) extrinsics may use; the rest is kept for operational
/// ones (governance, validator changes) and inherents.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Execution time a block may use: a third of the slot. Aura gives the author two thirds of the
/// slot to build; importing nodes re-execute it within the same slot, so a third leaves room for
/// propagation and import on the partner banks' validators.
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_MILLIS.saturating_mul(MILLI_SECS_PER_BLOCK / 3),
	u64::MAX,
);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		MAXIMUM_BLOCK_WEIGHT,
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks; normal transactions may fill `NORMAL_DISPATCH_RATIO` of it.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
	pub const BlockHashCount: BlockNumber = 2400;
}

/// Calls users may make. The settlement stablecoin moves between users only through
/// `stablecoin.transfer` / `stablecoin.transfer_with_travel_rule`, which apply sanctions, KYC
/// limits and the Travel Rule; `pallet-assets`' own transfer and approval calls are refused for
/// it (`CallFiltered`). Other assets, if governance ever creates any, are not affected.
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		use polkadot_sdk::pallet_assets::Call as AssetsCall;
		let id = match call {
			RuntimeCall::Assets(
				AssetsCall::transfer { id, .. }
				| AssetsCall::transfer_keep_alive { id, .. }
				| AssetsCall::transfer_all { id, .. }
				| AssetsCall::force_transfer { id, .. }
				| AssetsCall::approve_transfer { id, .. }
				| AssetsCall::transfer_approved { id, .. },
			) => id.0,
			_ => return true,
		};
		pallet_stablecoin::SettlementAsset::<Runtime>::get() != Some(id)
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = BaseCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	// The node uses ParityDB by default.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = polkadot_sdk::pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type BlockHashCount = BlockHashCount;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
}
