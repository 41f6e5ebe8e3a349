//! Every genesis preset builds and has the shape its documentation promises.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::*;
use genex_primitives::STABLECOIN_ASSET_ID;
use genex_runtime::{
	genesis_config_presets::{self as presets, preset_names},
	AccountId, Assets, Balances, Grandpa, Runtime, Session, Stablecoin, ValidatorSet,
};
use polkadot_sdk::{
	frame_support::traits::{fungibles::metadata::Inspect as MetaInspect, IntegrityTest},
	sp_keyring::Sr25519Keyring::*,
};

#[test]
fn every_preset_builds_and_produces_blocks() {
	let names = preset_names();
	assert_eq!(names.len(), 3);
	for name in names {
		let name = String::from_utf8(name.into()).expect("utf8 name");
		new_ext(&name).execute_with(|| {
			run_to_block(3);
			assert_eq!(polkadot_sdk::frame_system::Pallet::<Runtime>::block_number(), 3);
			assert!(!aura_authorities().is_empty(), "{name}: no Aura authorities");
			assert_eq!(aura_authorities().len(), Grandpa::grandpa_authorities().len());
			assert!(Stablecoin::settlement_asset().is_ok(), "{name}: no stablecoin");
			genex_runtime::AllPalletsWithSystem::integrity_test();
		});
	}
}

#[test]
fn unknown_presets_are_refused() {
	assert!(presets::get_preset(&"mainnet".into()).is_none());
}

#[test]
fn development_has_one_validator_sudo_and_funds() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(ValidatorSet::validators(), vec![account(Alice)]);
		assert_eq!(Session::validators(), vec![account(Alice)]);
		assert_eq!(sudo_key(), Some(account(Alice)));
		assert!(Stablecoin::is_bank(&account(Alice)));
		assert!(Balances::free_balance(account(Ferdie)) > 0);
		assert!(Assets::balance(STABLECOIN_ASSET_ID, account(Bob)) > 0);
		assert_eq!(<Assets as MetaInspect<AccountId>>::decimals(STABLECOIN_ASSET_ID), 12);
		assert_eq!(
			<Assets as MetaInspect<AccountId>>::symbol(STABLECOIN_ASSET_ID),
			b"GUSD".to_vec()
		);
	});
}

#[test]
fn local_testnet_is_platform_and_three_banks_without_sudo() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let mut four = vec![account(Alice), account(Bob), account(Charlie), account(Ferdie)];
		four.sort();
		assert_eq!(ValidatorSet::validators(), four);
		// Four voters: GRANDPA's more than two thirds is three, so one can fail.
		assert_eq!(aura_authorities().len(), 4);
		assert_eq!(grandpa_ids().len(), 4);
		assert_eq!(sudo_key(), None);
		let mut members = council_members();
		members.sort();
		assert_eq!(members, four);
		assert!([Bob, Charlie, Ferdie].into_iter().all(|b| Stablecoin::is_bank(&account(b))));
		assert!(!Stablecoin::is_bank(&account(Alice)));
		assert!(!Stablecoin::is_bank(&account(Dave)), "Dave is a customer");
	});
}

#[test]
fn staging_uses_its_own_keys() {
	new_ext(presets::STAGING_RUNTIME_PRESET).execute_with(|| {
		let mut four = vec![account(Dave), account(Eve), account(Ferdie), account(One)];
		four.sort();
		assert_eq!(ValidatorSet::validators(), four);
		assert_eq!(sudo_key(), None);
	});
}

/// The keyless system accounts `docs/api.md` lists (wallets and explorers label them): the
/// same addresses as documented.
#[test]
fn system_accounts_are_the_documented_addresses() {
	use polkadot_sdk::sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let format = Ss58AddressFormat::custom(genex_runtime::SS58_PREFIX);
		let ss58 = |a: AccountId| a.to_ss58check_with_version(format);
		assert_eq!(
			ss58(genex_runtime::configs::TreasuryAccount::get()),
			"5EYCAe5ijiYfyeZ2JJCGq56LmPyNRAKzpG4QkoQkkQNB5e6Z"
		);
		assert_eq!(
			ss58(genex_runtime::Issuers::account_id()),
			"5EYCAe5gw5RJKFtXHCwcN9Ro1Qyqy8xeZ57eCV6qJX8Yzypf"
		);
		assert_eq!(
			ss58(Stablecoin::account_id()),
			"5EYCAe5gw5RKfg9pfaNyC6j2b8AmbwkXVzLJjWTXXV9RqStZ"
		);
	});
}
