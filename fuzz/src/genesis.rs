//! The chain every input starts from, and who acts on it.
//!
//! The `development` preset (demo store Charlie with a series, Dave holding 10 units, Eve its
//! merchant, everyone funded in the native token and GUSD) changed to run as a consortium:
//! no sudo; a council of four (Alice, Bob, Charlie, Ferdie) whose motions are the only path to
//! Root; a compliance committee of two banks (Alice, Bob); One and Two funded but without KYC.
//! The canary (Ferdie's stash) is funded too, never signs and is never named by a generated
//! call: if any of its balances ever grows, value appeared from nowhere.

use genex_primitives::STABLECOIN_ASSET_ID;
use genex_runtime::{genesis_config_presets, AccountId, RuntimeGenesisConfig};
use polkadot_sdk::{
	sp_genesis_builder::PresetId,
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{BuildStorage, Storage},
};
use serde_json::{json, Value};
use std::sync::OnceLock;

/// Who signs: index = an input byte modulo the length. Roles at genesis:
/// Alice platform (KYC attestor, compliance, council, bank), Bob bank (compliance, council),
/// Charlie issuer (council, L3), Ferdie council (L1), Dave holder (L2), Eve merchant (L1),
/// One and Two holders without KYC (L0).
pub const ACTORS: [Sr25519Keyring; 8] = [
	Sr25519Keyring::Alice,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Dave,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
	Sr25519Keyring::One,
	Sr25519Keyring::Two,
];

/// The council (four members; motions pass unanimously in the fuzzer's motions).
pub const COUNCIL: [Sr25519Keyring; 4] =
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Ferdie];

/// The compliance committee.
pub const COMPLIANCE: [Sr25519Keyring; 2] = [Sr25519Keyring::Alice, Sr25519Keyring::Bob];

/// The canary: funded, silent, never a generated argument.
pub const CANARY: Sr25519Keyring = Sr25519Keyring::FerdieStash;

/// Native endowment and GUSD of One, Two (the preset funds the twelve well-known accounts).
const EXTRA_NATIVE: u128 = 1_000_000_000_000_000_000;
const EXTRA_GUSD: u128 = 10_000_000_000_000_000;

/// The accounts of [`ACTORS`].
pub fn actor_accounts() -> Vec<AccountId> {
	ACTORS.iter().map(|k| k.to_account_id()).collect()
}

fn account_json(k: Sr25519Keyring) -> Value {
	serde_json::to_value(k.to_account_id()).expect("an account serializes")
}

/// The genesis config described in the module docs.
pub fn config() -> RuntimeGenesisConfig {
	let preset = genesis_config_presets::get_preset(&PresetId::from("development"))
		.expect("the development preset exists");
	let mut patch: Value = serde_json::from_slice(&preset).expect("a preset is JSON");
	let members =
		|ks: &[Sr25519Keyring]| Value::Array(ks.iter().map(|k| account_json(*k)).collect());
	patch["sudo"] = json!({ "key": null });
	patch["council"]["members"] = members(&COUNCIL);
	patch["complianceCommittee"]["members"] = members(&COMPLIANCE);
	patch["stablecoin"]["banks"] = members(&COMPLIANCE);
	for k in [Sr25519Keyring::One, Sr25519Keyring::Two] {
		if let Some(b) = patch["balances"]["balances"].as_array_mut() {
			b.push(json!([account_json(k), EXTRA_NATIVE]));
		}
		if let Some(a) = patch["assets"]["accounts"].as_array_mut() {
			a.push(json!([STABLECOIN_ASSET_ID, account_json(k), EXTRA_GUSD]));
		}
	}
	let mut base =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default config is JSON");
	crate::common::merge(&mut base, patch);
	serde_json::from_value(base).expect("the patched preset is a RuntimeGenesisConfig")
}

/// Genesis storage, built once per process.
pub fn storage() -> &'static Storage {
	static STORAGE: OnceLock<Storage> = OnceLock::new();
	STORAGE.get_or_init(|| config().build_storage().expect("the fuzz genesis builds"))
}

/// Fresh externalities at genesis.
pub fn new_ext() -> TestExternalities {
	TestExternalities::new(storage().clone())
}
