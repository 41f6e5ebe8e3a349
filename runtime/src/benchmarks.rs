//! Runtime benchmarks: which pallets are benchmarked, and the helpers our pallets' benchmarks
//! need from the runtime. Run with `scripts/benchmark.sh`.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{
	frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkList},
	frame_support::traits::{
		fungible::Mutate as _,
		fungibles::{Create, Inspect},
		StorageInfo, StorageInfoTrait, WhitelistedStorageKeys,
	},
	frame_system_benchmarking::Pallet as SystemBench,
	sp_storage::TrackedStorageKey,
};

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_assets, Assets]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_proxy, Proxy]
	[pallet_recovery, Recovery]
	[pallet_sudo, Sudo]
	[pallet_stablecoin, Stablecoin]
	[pallet_validator_set, ValidatorSet]
	[pallet_kyc, Kyc]
	[pallet_sanctions, Sanctions]
	[pallet_travel_rule, TravelRule]
	[pallet_aml, Aml]
	[pallet_feeless, Feeless]
	[pallet_issuers, Issuers]
	[pallet_disputes, Disputes]
	[pallet_coupons, Coupons]
	[pallet_redemption, Redemption]
	[pallet_market, Market]
	[pallet_oracle, Oracle]
	[pallet_governance, Governance]
);

impl polkadot_sdk::frame_system_benchmarking::Config for Runtime {}

/// Registers real session keys (with an ownership proof) for validator benchmarks.
pub struct ValidatorSetHelper;
impl pallet_validator_set::BenchmarkHelper<AccountId> for ValidatorSetHelper {
	fn register_session_keys(who: &AccountId) {
		let _ = Balances::mint_into(who, 1_000 * UNIT);
		let generated = SessionKeys::generate(&who.encode(), None);
		Session::set_keys(
			RuntimeOrigin::signed(who.clone()),
			generated.keys,
			generated.proof.encode(),
		)
		.expect("benchmark account is funded and its keys are fresh; qed");
	}
}

/// Attests benchmark accounts in a jurisdiction for the AML benchmarks.
pub struct AmlHelper;
impl pallet_aml::BenchmarkHelper<AccountId> for AmlHelper {
	fn attest(who: &AccountId, jurisdiction: genex_primitives::kyc::Jurisdiction) {
		use genex_primitives::KycProvider;
		<Kyc as KycProvider<AccountId, Balance>>::set_level(who, genex_primitives::KycLevel::L2);
		pallet_kyc::Attestations::<Runtime>::mutate(who, |a| {
			if let Some(a) = a.as_mut() {
				a.jurisdiction = jurisdiction;
			}
		});
	}
}

/// Creates the settlement stablecoin for the stablecoin benchmarks when genesis did not.
pub struct StablecoinHelper;
impl pallet_stablecoin::BenchmarkHelper<AssetId> for StablecoinHelper {
	fn create_settlement_asset() -> AssetId {
		let id = genex_primitives::STABLECOIN_ASSET_ID;
		if !Assets::asset_exists(id) {
			<Assets as Create<AccountId>>::create(id, Stablecoin::account_id(), true, 1)
				.expect("asset id is free; qed");
		}
		id
	}
}

/// Signs redemption authorizations with an sr25519 key generated in the benchmark keystore.
pub struct RedemptionHelper;
impl pallet_redemption::BenchmarkHelper<AccountId, Signature> for RedemptionHelper {
	fn signer() -> AccountId {
		use polkadot_sdk::sp_runtime::traits::IdentifyAccount;
		let public = polkadot_sdk::sp_io::crypto::sr25519_generate(0.into(), None);
		polkadot_sdk::sp_runtime::MultiSigner::Sr25519(public).into_account()
	}
	fn sign(signer: &AccountId, message: &[u8]) -> Signature {
		let public = polkadot_sdk::sp_core::sr25519::Public::from_raw(signer.clone().into());
		let signature = polkadot_sdk::sp_io::crypto::sr25519_sign(0.into(), &public, message)
			.expect("the key was generated in the benchmark keystore; qed");
		Signature::Sr25519(signature)
	}
}

/// The list of benchmarks this runtime offers.
pub fn benchmark_metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	let storage_info = AllPalletsWithSystem::storage_info();
	(list, storage_info)
}

/// Run the benchmarks `config` names.
pub fn dispatch_benchmark(
	config: BenchmarkConfig,
) -> Result<Vec<BenchmarkBatch>, alloc::string::String> {
	let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
