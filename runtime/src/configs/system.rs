//! `frame_system`: accounts, block limits sized for the 2 s slot.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		dispatch::DispatchClass,
		parameter_types,
		traits::{ConstU32, Contains},
		weights::{constants::WEIGHT_REF_TIME_PER_MILLIS, Weight},
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
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
	pub const BlockHashCount: BlockNumber = 2400;
}

/// Calls users may make. The settlement stablecoin belongs to the stablecoin pallet: it moves
/// between users only through `stablecoin.transfer` / `stablecoin.transfer_with_travel_rule`
/// (sanctions, KYC limits, the Travel Rule) and is minted and burnt only by the banks through
/// `stablecoin.mint` / `stablecoin.burn`. Every `pallet-assets` call on it is refused
/// (`CallFiltered`) — transfers and approvals, mint and burn, freezes, team and status changes
/// (`forceAssetStatus` could re-point its issuer), destruction, `refund` with `allow_burn`
/// (which destroyed a balance outside the banks' path) and `refundOther` — except `touch` and a
/// `refund` that burns nothing, which only open or close the caller's own deposit-backed
/// account. The filter applies to nested calls (utility, multisig, proxy-style wrappers and
/// council motions); only Root passes every filter. Other assets, if governance ever creates
/// any, are not affected.
///
/// `recovery.setFriendGroups` is refused (`CallFiltered`) unless every friend group has 3 to 5
/// guardians, a threshold of at least 2 and an inheritance delay of at least a day
/// (`configs::RecoveryPolicy`).
///
/// `contracts.migrate` is refused too. With no migration pending, upstream's call charges its
/// base weight plus the caller's `weight_limit`, then spends a storage read more when the limit
/// is below it: the runtime fuzzer (docs/reliability.md) found the call using more weight than
/// it was charged, for a fee. The contracts pallet's migrations run in `on_idle` without it.
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		use polkadot_sdk::pallet_assets::Call as AssetsCall;
		if let RuntimeCall::Contracts(polkadot_sdk::pallet_contracts::Call::migrate { .. }) = call {
			return false;
		}
		if let RuntimeCall::Recovery(call) = call {
			return crate::configs::RecoveryPolicy::contains(call);
		}
		let RuntimeCall::Assets(call) = call else { return true };
		if matches!(call, AssetsCall::touch { .. } | AssetsCall::refund { allow_burn: false, .. }) {
			return true;
		}
		// Every `pallet-assets` call takes the asset id as its first argument, right after the
		// call index: read it from the encoding, so a call added upstream is covered too.
		let encoded = codec::Encode::encode(call);
		let id = encoded
			.get(1..)
			.and_then(|mut args| <codec::Compact<AssetId> as codec::Decode>::decode(&mut args).ok())
			.map(|id| id.0);
		match (id, pallet_stablecoin::SettlementAsset::<Runtime>::get()) {
			(Some(id), Some(settlement)) => id != settlement,
			// Undecodable: refuse; no settlement asset yet: nothing to protect.
			(None, Some(_)) => false,
			(_, None) => true,
		}
	}
}

/// `frame_system`'s reference weights, except for installing a runtime. Upstream prices
/// `setCode` and `applyAuthorizedUpgrade` at about 164 s of execution (a reference-machine
/// benchmark that compiles the new Wasm), far above a whole block here (≈ 0.67 s), so no
/// runtime upgrade could ever be included — with sudo or without. What the runtime does for
/// them is bounded: read the new code's embedded version (a custom section, no instantiation),
/// write the code (≤ the 5 MiB block length) and a digest item; the node compiles the new
/// runtime outside block execution. Both calls also consume the rest of their block as their
/// actual weight. They are priced at a quarter of the block's execution time, within the
/// council's `MaxProposalWeight` (half a block) so a governance motion can carry them.
pub struct SystemWeights;

/// What installing a runtime is charged before dispatch.
pub const RUNTIME_UPGRADE_WEIGHT: Weight = Weight::from_parts(
	MAXIMUM_BLOCK_WEIGHT.ref_time() / 4,
	// Proof size: the code itself, at most a block's length.
	5 * 1024 * 1024,
);

impl frame_system::WeightInfo for SystemWeights {
	fn remark(b: u32) -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::remark(b)
	}
	fn remark_with_event(b: u32) -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::remark_with_event(b)
	}
	fn set_heap_pages() -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::set_heap_pages()
	}
	fn set_code() -> Weight {
		RUNTIME_UPGRADE_WEIGHT
	}
	fn set_storage(i: u32) -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::set_storage(i)
	}
	fn kill_storage(i: u32) -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::kill_storage(i)
	}
	fn kill_prefix(p: u32) -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::kill_prefix(p)
	}
	fn authorize_upgrade() -> Weight {
		frame_system::weights::SubstrateWeight::<Runtime>::authorize_upgrade()
	}
	fn apply_authorized_upgrade() -> Weight {
		RUNTIME_UPGRADE_WEIGHT
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
	// The node runs ParityDB only; its costs measured on a state of a million accounts with
	// holdings (`scripts/benchmark-db.sh`), not polkadot-sdk's reference `ParityDbWeight`.
	type DbWeight = crate::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	type AccountData = polkadot_sdk::pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type BlockHashCount = BlockHashCount;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = SystemWeights;
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	// The market's per-block batch auctions run after the block's transactions.
	type PostTransactions = crate::Market;
}
