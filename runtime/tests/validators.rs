//! Permissioned validators: governance adds and removes them; the authority sets follow within
//! two blocks; nobody else can change them.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use codec::Encode;
use common::*;
use genex_runtime::{
	genesis_config_presets as presets, Balances, Runtime, RuntimeCall, RuntimeOrigin, Session,
	SessionKeys, ValidatorSet,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::Mutate},
	pallet_collective,
	pallet_grandpa::AuthorityId as GrandpaId,
	pallet_session,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_core::{ed25519, proof_of_possession::ProofOfPossessionGenerator, sr25519, Pair},
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{traits::Hash as _, DispatchError},
};

/// Register session keys for `who` with a valid ownership proof, as an operator would after
/// `author_rotateKeysWithOwner`.
fn register_keys(who: Sr25519Keyring) -> (AuraId, GrandpaId) {
	let owner = account(who).encode();
	let mut aura = sr25519::Pair::from_string(&format!("//{who:?}//aura"), None).expect("seed");
	let mut grandpa =
		ed25519::Pair::from_string(&format!("//{who:?}//grandpa"), None).expect("seed");
	let keys = SessionKeys {
		aura: AuraId::from(aura.public()),
		grandpa: GrandpaId::from(grandpa.public()),
	};
	let proof =
		(aura.generate_proof_of_possession(&owner), grandpa.generate_proof_of_possession(&owner))
			.encode();
	let _ = Balances::mint_into(&account(who), 1_000 * genex_primitives::UNIT);
	let call = RuntimeCall::Session(pallet_session::Call::set_keys { keys: keys.clone(), proof });
	apply(call, who).expect("valid").expect("keys registered");
	(keys.aura, keys.grandpa)
}

#[test]
fn governance_adds_a_validator_that_authors_after_the_session_change() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let (aura, grandpa) = register_keys(Dave);
		assert_eq!(aura_authorities().len(), 1);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), account(Dave)));
		let session0 = Session::current_index();
		next_block(); // first forced boundary: the set is queued
		assert!(!aura_authorities().contains(&aura));
		next_block(); // second: the set is active
		assert_eq!(Session::current_index(), session0 + 2);
		assert!(aura_authorities().contains(&aura), "Dave authors");
		assert!(Session::validators().contains(&account(Dave)));
		// GRANDPA's change is scheduled at the boundary and applied when the block finalizes.
		next_block();
		assert!(grandpa_ids().contains(&grandpa), "Dave votes");
		// Then the session rhythm is periodic again.
		let session = Session::current_index();
		next_block();
		assert_eq!(Session::current_index(), session);
	});
}

#[test]
fn a_removed_validator_stops_being_an_authority() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let charlie_aura = AuraId::from(Charlie.public());
		assert!(aura_authorities().contains(&charlie_aura));
		// Through the council: three of four members approve (two thirds), the motion executes.
		let proposal = RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
			who: account(Charlie),
		});
		let len = proposal.encoded_size() as u32;
		let hash = <Runtime as polkadot_sdk::frame_system::Config>::Hashing::hash_of(&proposal);
		let propose = RuntimeCall::Council(pallet_collective::Call::propose {
			threshold: 3,
			proposal: Box::new(proposal),
			length_bound: len,
		});
		apply(propose, Alice).expect("valid").expect("proposed");
		let vote = RuntimeCall::Council(pallet_collective::Call::vote {
			proposal: hash,
			index: 0,
			approve: true,
		});
		apply(vote.clone(), Alice).expect("valid").expect("voted");
		apply(vote.clone(), Bob).expect("valid").expect("voted");
		apply(vote, Ferdie).expect("valid").expect("voted");
		let close = RuntimeCall::Council(pallet_collective::Call::close {
			proposal_hash: hash,
			index: 0,
			proposal_weight_bound: polkadot_sdk::frame_support::weights::Weight::from_parts(
				10_000_000_000,
				100_000,
			),
			length_bound: len,
		});
		apply(close, Bob).expect("valid").expect("closed");
		assert!(!ValidatorSet::validators().contains(&account(Charlie)), "motion executed");
		next_block();
		next_block();
		assert!(!aura_authorities().contains(&charlie_aura), "Charlie stopped authoring");
		assert_eq!(aura_authorities().len(), 3);
		next_block();
		assert_eq!(grandpa_ids().len(), 3);
		assert_eq!(council_members().len(), 4, "council membership is separate");
	});
}

#[test]
fn a_non_governance_origin_cannot_change_validators() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		register_keys(Dave);
		for who in [Alice, Dave] {
			assert_noop!(
				ValidatorSet::add_validator(RuntimeOrigin::signed(account(who)), account(Dave)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::signed(account(who)), account(Bob)),
				DispatchError::BadOrigin
			);
		}
		// Half the council (two of four) is not governance either.
		assert_noop!(
			ValidatorSet::add_validator(
				pallet_collective::RawOrigin::<_, genex_runtime::configs::CouncilCollective>::Members(2, 4).into(),
				account(Dave)
			),
			DispatchError::BadOrigin
		);
		// And the local network has no sudo to fall back on.
		let sudo = RuntimeCall::Sudo(polkadot_sdk::pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
				who: account(Dave),
			})),
		});
		assert!(apply(sudo, Alice).expect("valid").is_err());
		assert!(!ValidatorSet::validators().contains(&account(Dave)));
	});
}

#[test]
fn a_validator_without_session_keys_cannot_be_added() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), account(Eve)),
			pallet_validator_set::Error::<Runtime>::NoSessionKeys
		);
	});
}
