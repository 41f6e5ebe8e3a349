//! Genesis presets: `development`, `local_testnet` and `staging`.
//!
//! | preset          | validators                         | sudo  | council / banks                 |
//! |-----------------|------------------------------------|-------|---------------------------------|
//! | `development`   | Alice                              | Alice | Alice, Bob, Charlie / Alice     |
//! | `local_testnet` | platform, bank-a, bank-b (A, B, C) | none  | the three validators / banks    |
//! | `staging`       | platform, bank-a, bank-b (D, E, F) | none  | the three validators / banks    |
//!
//! Every preset creates the settlement stablecoin (`GUSD`, asset 1, 12 decimals) owned by the
//! stablecoin pallet's keyless account, and funds the treasury's account with the existential
//! deposit so small fees are never dust. The `staging` keys are the public development keys
//! Dave, Eve and Ferdie: replace them with the operators' keys before a real launch
//! (`docs/operators.md`).

use crate::{
	configs::{StablecoinPalletId, TreasuryAccount},
	*,
};
use alloc::{vec, vec::Vec};
use genex_primitives::{STABLECOIN_ASSET_ID, STABLECOIN_NAME, STABLECOIN_SYMBOL, STABLECOIN_UNIT};
use polkadot_sdk::{
	frame_support::build_struct_json_patch,
	pallet_assets, pallet_balances, pallet_collective, pallet_session, pallet_sudo,
	pallet_grandpa::AuthorityId as GrandpaId,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	sp_runtime::traits::AccountIdConversion,
};
use serde_json::Value;

/// Name of the three-validator local network preset.
pub const LOCAL_TESTNET_RUNTIME_PRESET: &str = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
/// Name of the single-validator development preset.
pub const DEV_RUNTIME_PRESET: &str = sp_genesis_builder::DEV_RUNTIME_PRESET;
/// Name of the staging preset.
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// Native tokens each endowed account receives.
const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Stablecoin each endowed account receives on the development chain.
const DEV_STABLECOIN: Balance = 100_000 * STABLECOIN_UNIT;
/// Smallest stablecoin holding: one cent.
const STABLECOIN_MIN_BALANCE: Balance = STABLECOIN_UNIT / 100;

/// A validator: its account and its session keys.
struct Validator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
}

fn validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Validator {
	Validator {
		account: sr.to_account_id(),
		aura: AuraId::from(sr.public()),
		grandpa: GrandpaId::from(ed.public()),
	}
}

/// What differs between the presets.
struct Network {
	validators: Vec<Validator>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	banks: Vec<AccountId>,
	stablecoin_holders: Vec<(AccountId, Balance)>,
	sudo: Option<AccountId>,
}

fn genesis(net: Network) -> Value {
	let stablecoin_owner: AccountId = StablecoinPalletId::get().into_account_truncating();
	let mut endowed: Vec<(AccountId, Balance)> =
		net.endowed.iter().cloned().map(|a| (a, ENDOWMENT)).collect();
	for v in &net.validators {
		if !net.endowed.contains(&v.account) {
			endowed.push((v.account.clone(), ENDOWMENT));
		}
	}
	endowed.push((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed },
		sudo: pallet_sudo::GenesisConfig { key: net.sudo },
		council: pallet_collective::GenesisConfig { members: net.council },
		validator_set: pallet_validator_set::GenesisConfig {
			initial_validators: net.validators.iter().map(|v| v.account.clone()).collect(),
		},
		session: pallet_session::GenesisConfig {
			keys: net
				.validators
				.iter()
				.map(|v| {
					(
						v.account.clone(),
						v.account.clone(),
						SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() },
					)
				})
				.collect(),
		},
		assets: pallet_assets::GenesisConfig {
			assets: vec![(STABLECOIN_ASSET_ID, stablecoin_owner, true, STABLECOIN_MIN_BALANCE)],
			metadata: vec![(
				STABLECOIN_ASSET_ID,
				STABLECOIN_NAME.to_vec(),
				STABLECOIN_SYMBOL.to_vec(),
				genex_primitives::DECIMALS,
			)],
			accounts: net
				.stablecoin_holders
				.into_iter()
				.map(|(who, amount)| (STABLECOIN_ASSET_ID, who, amount))
				.collect(),
		},
		stablecoin: pallet_stablecoin::GenesisConfig {
			settlement_asset: Some(STABLECOIN_ASSET_ID),
			banks: net.banks,
		},
	})
}

/// `development`: one validator (Alice), sudo, all well-known accounts funded in the native
/// token and the stablecoin. Alice is the bank.
pub fn development_config_genesis() -> Value {
	let endowed: Vec<AccountId> = Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	genesis(Network {
		validators: vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		stablecoin_holders: endowed.iter().cloned().map(|a| (a, DEV_STABLECOIN)).collect(),
		endowed,
		council: vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		banks: vec![Sr25519Keyring::Alice.to_account_id()],
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
	})
}

/// Platform + two partner banks, governed by their council; no sudo.
fn three_party_network(
	platform: (Sr25519Keyring, Ed25519Keyring),
	bank_a: (Sr25519Keyring, Ed25519Keyring),
	bank_b: (Sr25519Keyring, Ed25519Keyring),
	extra_endowed: Vec<AccountId>,
) -> Value {
	let validators = vec![
		validator(platform.0, platform.1),
		validator(bank_a.0, bank_a.1),
		validator(bank_b.0, bank_b.1),
	];
	let council: Vec<AccountId> = validators.iter().map(|v| v.account.clone()).collect();
	genesis(Network {
		banks: vec![bank_a.0.to_account_id(), bank_b.0.to_account_id()],
		stablecoin_holders: vec![],
		endowed: extra_endowed,
		council,
		validators,
		sudo: None,
	})
}

/// `local_testnet`: platform (Alice), bank-a (Bob) and bank-b (Charlie) validate and govern.
pub fn local_config_genesis() -> Value {
	three_party_network(
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		vec![Sr25519Keyring::Dave.to_account_id(), Sr25519Keyring::Eve.to_account_id()],
	)
}

/// `staging`: the same three-party shape on its own keys (Dave, Eve, Ferdie — replace before a
/// real launch).
pub fn staging_config_genesis() -> Value {
	three_party_network(
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		(Sr25519Keyring::Eve, Ed25519Keyring::Eve),
		(Sr25519Keyring::Ferdie, Ed25519Keyring::Ferdie),
		vec![],
	)
}

/// The JSON of the preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		STAGING_RUNTIME_PRESET => staging_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work; qed")
			.into_bytes(),
	)
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(STAGING_RUNTIME_PRESET),
	]
}
