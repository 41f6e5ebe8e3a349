//! Harness for runtime tests: genesis from a preset, blocks produced through `Executive` with
//! real Aura slots and timestamps, and signed extrinsics through the transaction extensions.
//! The runtime fuzzer (`fuzz/`) includes this module too.

#![allow(dead_code)]

use codec::Encode;
use genex_runtime::{
	genesis_config_presets, AccountId, Executive, Header, Nonce, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, SignedPayload, System, Timestamp, TxExtension,
	UncheckedExtrinsic, SLOT_DURATION,
};
use polkadot_sdk::{
	pallet_transaction_payment,
	sp_consensus_aura::{Slot, AURA_ENGINE_ID},
	sp_genesis_builder::PresetId,
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		generic::{Digest, DigestItem},
		traits::Header as _,
		ApplyExtrinsicResult, BuildStorage, DispatchError, ModuleError, MultiAddress,
		MultiSignature,
	},
};

/// Merge a JSON patch into a base document (objects merge key by key; anything else replaces).
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The full genesis config of a preset: the default config with the preset's patch applied.
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&PresetId::from(name))
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut base = serde_json::to_value(RuntimeGenesisConfig::default()).expect("default is JSON");
	merge(&mut base, patch);
	serde_json::from_value(base).expect("preset matches RuntimeGenesisConfig")
}

/// Externalities at genesis of `preset`, with block 1 started.
pub fn new_ext(preset: &str) -> TestExternalities {
	let storage = preset_config(preset).build_storage().expect("preset genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| start_block(1));
	ext
}

/// Start block `n` at slot `n` (Aura pre-digest) with its timestamp inherent.
pub fn start_block(n: u32) {
	start_block_at_slot(n, n as u64)
}

/// Finish the current block and start the next one at `slot` (the clock jumps forward).
pub fn jump_to_slot(slot: u64) {
	let header = Executive::finalize_block();
	start_block_at_slot(header.number() + 1, slot);
}

/// Start block `n` at `slot` with its timestamp inherent.
pub fn start_block_at_slot(n: u32, slot: u64) {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let parent = System::block_hash(n.saturating_sub(1));
	let header = Header::new(n, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	Timestamp::set(RuntimeOrigin::none(), slot * SLOT_DURATION).expect("timestamp inherent");
}

/// Finish the current block and start the next one.
pub fn next_block() {
	let slot = u64::from(polkadot_sdk::pallet_aura::CurrentSlot::<Runtime>::get());
	let header = Executive::finalize_block();
	start_block_at_slot(header.number() + 1, slot + 1);
}

/// Finish the current block and start the one `blocks` later (slot and clock move as far).
#[allow(dead_code)]
pub fn skip_blocks(blocks: u32) {
	let slot = u64::from(polkadot_sdk::pallet_aura::CurrentSlot::<Runtime>::get());
	let header = Executive::finalize_block();
	let n = header.number() + blocks.max(1);
	// `initialize_block` takes only the block after the current one.
	System::set_block_number(n - 1);
	start_block_at_slot(n, slot + u64::from(blocks.max(1)));
}

/// Finish the current block, read what `f` reads of it (its events stay until the next block
/// starts), then start the next one.
#[allow(dead_code)]
pub fn next_block_reading<R>(f: impl FnOnce() -> R) -> R {
	let slot = u64::from(polkadot_sdk::pallet_aura::CurrentSlot::<Runtime>::get());
	let header = Executive::finalize_block();
	let read = f();
	start_block_at_slot(header.number() + 1, slot + 1);
	read
}

/// Run blocks until `n` has started.
pub fn run_to_block(n: u32) {
	while System::block_number() < n {
		next_block();
	}
}

/// The transaction extensions a wallet attaches, for `nonce` and `tip`: the runtime's own list
/// ([`genex_runtime::tx_extension`]) with the tip set.
pub fn tx_ext(nonce: Nonce, tip: u128) -> TxExtension {
	let mut ext = genex_runtime::tx_extension(nonce);
	ext.9 = pallet_feeless::FeelessWithinQuota::from(
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
	);
	ext
}

/// A signed extrinsic of `who`, with its current nonce.
pub fn signed(call: RuntimeCall, who: Sr25519Keyring) -> UncheckedExtrinsic {
	let nonce = System::account_nonce(who.to_account_id());
	let ext = tx_ext(nonce, 0);
	let payload = SignedPayload::new(call.clone(), ext.clone()).expect("payload builds");
	let signature = payload.using_encoded(|p| who.sign(p));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(who.to_account_id()),
		MultiSignature::Sr25519(signature),
		ext,
	)
}

/// Sign `call` as `who` and apply it in the current block.
pub fn apply(call: RuntimeCall, who: Sr25519Keyring) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(signed(call, who))
}

/// Whether `got` is the module error `want` (index and error code; the message may differ).
pub fn is_error<E: Into<DispatchError>>(got: DispatchError, want: E) -> bool {
	match (got, want.into()) {
		(
			DispatchError::Module(ModuleError { index: a, error: e1, .. }),
			DispatchError::Module(ModuleError { index: b, error: e2, .. }),
		) => a == b && e1 == e2,
		(g, w) => g == w,
	}
}

/// The dispatch error of a valid extrinsic that failed.
#[track_caller]
pub fn dispatch_error(result: ApplyExtrinsicResult) -> DispatchError {
	result.expect("transaction is valid").expect_err("dispatch fails")
}

/// The account of a well-known key.
pub fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// The Aura authorities now.
pub fn aura_authorities() -> Vec<polkadot_sdk::sp_consensus_aura::sr25519::AuthorityId> {
	polkadot_sdk::pallet_aura::Authorities::<Runtime>::get().into_inner()
}

/// The GRANDPA voters now.
pub fn grandpa_ids() -> Vec<polkadot_sdk::sp_consensus_grandpa::AuthorityId> {
	genex_runtime::Grandpa::grandpa_authorities().into_iter().map(|(id, _)| id).collect()
}

/// The sudo key, if any.
pub fn sudo_key() -> Option<AccountId> {
	polkadot_sdk::pallet_sudo::Key::<Runtime>::get()
}

/// The council's members.
pub fn council_members() -> Vec<AccountId> {
	polkadot_sdk::pallet_collective::Members::<Runtime, genex_runtime::configs::CouncilCollective>::get()
}
