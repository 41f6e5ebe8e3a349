//! Runtime APIs: what the node, wallets, block explorers and tools call into the runtime for.

use crate::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		genesis_builder_helper::{build_state, get_preset},
		weights::Weight,
	},
	frame_system_rpc_runtime_api, pallet_aura, pallet_contracts,
	pallet_grandpa::AuthorityId as GrandpaId,
	pallet_transaction_payment_rpc_runtime_api, sp_api, sp_block_builder,
	sp_consensus_aura::{self, sr25519::AuthorityId as AuraId},
	sp_consensus_grandpa,
	sp_core::{crypto::KeyTypeId, OpaqueMetadata},
	sp_genesis_builder, sp_inherents, sp_offchain,
	sp_runtime::{
		traits::{Block as BlockT, NumberFor},
		transaction_validity::{TransactionSource, TransactionValidity},
		ApplyExtrinsicResult, ExtrinsicInclusionMode,
	},
	sp_session, sp_transaction_pool,
};

/// Event records as `pallet-contracts` returns them from dry runs.
type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

/// Gas limit of contract dry runs (`ContractsApi`) when the caller gives none: a whole block.
fn contracts_dry_run_gas_limit() -> Weight {
	crate::configs::RuntimeBlockWeights::get().max_block
}

sp_api::impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocations are handled by governance in this permissioned network.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// `KeyOwnerProof` is `Void`: no proof can exist.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_contracts::ContractsApi<Block, AccountId, Balance, BlockNumber, Hash, EventRecord>
		for Runtime
	{
		fn call(
			origin: AccountId,
			dest: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			input_data: Vec<u8>,
		) -> pallet_contracts::ContractExecResult<Balance, EventRecord> {
			Contracts::bare_call(
				origin,
				dest,
				value,
				gas_limit.unwrap_or_else(contracts_dry_run_gas_limit),
				storage_deposit_limit,
				input_data,
				pallet_contracts::DebugInfo::UnsafeDebug,
				pallet_contracts::CollectEvents::UnsafeCollect,
				pallet_contracts::Determinism::Enforced,
			)
		}

		fn instantiate(
			origin: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			code: pallet_contracts::Code<Hash>,
			data: Vec<u8>,
			salt: Vec<u8>,
		) -> pallet_contracts::ContractInstantiateResult<AccountId, Balance, EventRecord> {
			Contracts::bare_instantiate(
				origin,
				value,
				gas_limit.unwrap_or_else(contracts_dry_run_gas_limit),
				storage_deposit_limit,
				code,
				data,
				salt,
				pallet_contracts::DebugInfo::UnsafeDebug,
				pallet_contracts::CollectEvents::UnsafeCollect,
			)
		}

		fn upload_code(
			origin: AccountId,
			code: Vec<u8>,
			storage_deposit_limit: Option<Balance>,
			determinism: pallet_contracts::Determinism,
		) -> pallet_contracts::CodeUploadResult<Hash, Balance> {
			Contracts::bare_upload_code(origin, code, storage_deposit_limit, determinism)
		}

		fn get_storage(
			address: AccountId,
			key: Vec<u8>,
		) -> pallet_contracts::GetStorageResult {
			Contracts::get_storage(address, key)
		}
	}

	impl genex_primitives::api::ComplianceApi<Block, AccountId, Balance> for Runtime {
		fn kyc_status(who: AccountId) -> genex_primitives::KycStatus<Balance> {
			Kyc::status(&who)
		}

		fn is_blocked(who: AccountId) -> bool {
			<Sanctions as genex_primitives::SanctionsScreen<AccountId>>::is_blocked(&who)
		}

		fn sanctions_list() -> Option<genex_primitives::SanctionsListInfo> {
			pallet_sanctions::ListInfo::<Runtime>::get()
		}

		fn travel_rule_threshold() -> Balance {
			TravelRule::threshold_in_force()
		}

		fn free_calls_remaining(who: AccountId) -> u32 {
			Feeless::free_calls_remaining(&who)
		}
	}

	#[api_version(2)]
	impl genex_primitives::api::MarketApi<Block, AccountId> for Runtime {
		fn depth(series: genex_primitives::SeriesId, levels: u32) -> genex_primitives::market::MarketDepth {
			Market::market_depth(series, levels)
		}

		fn best_bid_ask(series: genex_primitives::SeriesId) -> (Option<Balance>, Option<Balance>) {
			Market::best_bid_ask(series)
		}

		fn last_trades(series: genex_primitives::SeriesId) -> Vec<genex_primitives::market::Trade> {
			Market::last_trades(series)
		}

		fn open_orders(who: AccountId) -> Vec<genex_primitives::market::OpenOrder> {
			Market::open_order_views(&who)
		}

		fn quote(
			series: genex_primitives::SeriesId,
			side: genex_primitives::market::Side,
			units: u64,
		) -> genex_primitives::market::Quote {
			Market::quote(series, side, units)
		}

		fn order_status(
			series: genex_primitives::SeriesId,
			side: genex_primitives::market::Side,
			price: Balance,
			id: genex_primitives::market::OrderId,
		) -> genex_primitives::market::OrderStatus {
			Market::order_status(pallet_market::OrderKey { series, side, price, id })
		}
	}

	impl genex_primitives::api::AmlApi<Block, AccountId, BlockNumber> for Runtime {
		fn aml_account(who: AccountId) -> genex_primitives::AmlAccount<BlockNumber> {
			Aml::account(&who)
		}
	}

	impl genex_primitives::api::OracleApi<Block> for Runtime {
		fn oracle_price(series: genex_primitives::SeriesId) -> genex_primitives::OracleView {
			Oracle::oracle_view(series)
		}
	}

	#[api_version(2)]
	impl genex_primitives::api::NotificationsApi<Block, AccountId> for Runtime {
		fn coupon_notices(
			accounts: Vec<AccountId>,
		) -> genex_primitives::notifications::BlockCouponNotices<AccountId> {
			crate::notifications::coupon_notices(accounts)
		}

		fn expiring_holdings(
			who: AccountId,
			from: genex_primitives::Moment,
			within: genex_primitives::Moment,
		) -> genex_primitives::notifications::ExpiringHoldings {
			crate::notifications::expiring_holdings(who, from, within)
		}

		fn announcement_notices(
		) -> genex_primitives::notifications::BlockAnnouncements<AccountId> {
			crate::notifications::announcement_notices()
		}

		fn announcements(
			issuer: AccountId,
		) -> Vec<genex_primitives::notifications::AnnouncementView> {
			crate::notifications::announcements(issuer)
		}
	}

	#[api_version(2)]
	impl genex_primitives::api::CouponsApi<Block, AccountId, Balance, BlockNumber, Signature> for Runtime {
		fn verify_coupon(
			series: genex_primitives::SeriesId,
			holder: AccountId,
			units: u64,
		) -> genex_primitives::CouponVerification<AccountId, Balance> {
			Coupons::verify(series, &holder, units)
		}

		fn series_info(
			series: genex_primitives::SeriesId,
		) -> Option<(genex_primitives::CouponInfo<AccountId, Balance>, genex_primitives::CouponStats<Balance>)> {
			Coupons::series_info(series)
		}

		fn issuer_stats(issuer: AccountId) -> genex_primitives::CouponStats<Balance> {
			Coupons::issuer_stats(&issuer)
		}

		fn issuer_credit(issuer: AccountId) -> Option<genex_primitives::CreditReport<Balance>> {
			Issuers::credit_report(&issuer)
		}

		fn redemption_payload(
			authorization: genex_primitives::RedemptionAuthorization<AccountId, BlockNumber>,
		) -> Vec<u8> {
			Redemption::signing_payload(&authorization)
		}

		fn redemption_signing_payload(
			authorization: genex_primitives::RedemptionAuthorization<AccountId, BlockNumber>,
		) -> genex_primitives::RedemptionPayload {
			// Every field of the payload is fixed-width, so it is always
			// `REDEMPTION_PAYLOAD_LEN` long (checked by `coupons::the_signing_payload_is_140_bytes`
			// in the runtime tests); a zero array, which no holder's signature matches, is the
			// unreachable fallback.
			Redemption::signing_payload(&authorization)
				.try_into()
				.unwrap_or([0u8; genex_primitives::REDEMPTION_PAYLOAD_LEN])
		}

		fn redemption_extrinsic(
			authorization: genex_primitives::RedemptionAuthorization<AccountId, BlockNumber>,
			signature: Signature,
		) -> Result<Vec<u8>, Vec<u8>> {
			Redemption::check_authorization(&authorization, &signature).map_err(|e| {
				match RuntimeError::from_dispatch_error(e) {
					Some(named) => alloc::format!("{named:?}").into_bytes(),
					None => alloc::format!("{e:?}").into_bytes(),
				}
			})?;
			let call = RuntimeCall::Redemption(pallet_redemption::Call::redeem_authorized {
				authorization,
				signature,
			});
			Ok(codec::Encode::encode(&UncheckedExtrinsic::new_transaction(call, crate::tx_extension(0))))
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl polkadot_sdk::frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<polkadot_sdk::frame_benchmarking::BenchmarkList>,
			Vec<polkadot_sdk::frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::benchmark_metadata(extra)
		}

		fn dispatch_benchmark(
			config: polkadot_sdk::frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<polkadot_sdk::frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch_benchmark(config)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl polkadot_sdk::frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(
			checks: polkadot_sdk::frame_try_runtime::UpgradeCheckSelect,
		) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed migration check must stop it loudly.
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("try_runtime_upgrade failed: {e:?}"));
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: polkadot_sdk::frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("try_execute_block failed: {e:?}"))
		}
	}
}
