//! Compliance across pallets, through signed extrinsics in real blocks: sanctions at the pool
//! for every call of the runtime, KYC limits and expiry, the Travel Rule, fee-less quotas, and
//! the compliance runtime API.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use codec::{Decode, Encode};
use common::*;
use genex_primitives::{
	api::runtime_decl_for_compliance_api::ComplianceApiV1, KycLevel, TravelRuleData, VaspId,
	STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT,
};
use genex_runtime::{
	genesis_config_presets as presets, Assets, Balances, Executive, Runtime, RuntimeCall, System,
	TravelRule,
};
use polkadot_sdk::{
	frame_support::dispatch::{DispatchClass, GetDispatchInfo},
	pallet_collective,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError,
	},
};
use scale_info::{form::MetaForm, TypeDef};

const USD: u128 = STABLECOIN_UNIT;

/// A compliance officer (Alice, the platform, in the presets) updates the list through the
/// compliance committee; unblocking needs two officers, which the dev chain's sudo (Alice)
/// stands for.
fn block_accounts(version: u32, add: Vec<Sr25519Keyring>, remove: Vec<Sr25519Keyring>) {
	let unblocks = !remove.is_empty();
	let update = RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
		version,
		source_digest: H256::repeat_byte(0x5d),
		add: add.into_iter().map(account).collect(),
		remove: remove.into_iter().map(account).collect(),
	});
	let execute = if unblocks {
		RuntimeCall::Sudo(polkadot_sdk::pallet_sudo::Call::sudo { call: Box::new(update) })
	} else {
		RuntimeCall::ComplianceCommittee(pallet_collective::Call::execute {
			proposal: Box::new(update),
			length_bound: 10_000,
		})
	};
	apply(execute, Alice).expect("valid").expect("officer executes");
	assert_eq!(
		pallet_sanctions::ListInfo::<Runtime>::get().map(|l| l.version),
		Some(version),
		"the update took effect"
	);
}

fn stable_transfer(to: Sr25519Keyring, amount: u128) -> RuntimeCall {
	RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer { dest: account(to), amount })
}

fn travel_data() -> TravelRuleData {
	TravelRuleData {
		payload_commitment: H256::repeat_byte(0x1f),
		originator_vasp: VaspId::truncate_from(b"genex.example".to_vec()),
		beneficiary_vasp: VaspId::truncate_from(b"bank-b.example".to_vec()),
	}
}

/// Calls nobody can build: GRANDPA's equivocation reports take a key-ownership proof of type
/// `Void` (equivocation reporting is off, see docs/operators.md), so no encoding decodes.
const UNCONSTRUCTIBLE: &[&str] =
	&["Grandpa.report_equivocation", "Grandpa.report_equivocation_unsigned"];

/// Every call of the runtime: (pallet index, call index, name) from the type information of
/// `RuntimeCall`, each with an encoding built from zero (or 0x01) bytes, except the
/// [`UNCONSTRUCTIBLE`] ones (checked to decode from neither).
fn every_call() -> Vec<(u8, u8, String, RuntimeCall)> {
	let TypeDef::Variant(pallets) = scale_info::meta_type::<RuntimeCall>().type_info().type_def
	else {
		panic!("RuntimeCall is an enum")
	};
	let mut calls = Vec::new();
	for pallet in &pallets.variants {
		let ty = pallet.fields[0].ty.type_info();
		let TypeDef::Variant::<MetaForm>(pallet_calls) = ty.type_def else {
			panic!("{} calls are an enum", pallet.name)
		};
		for call in &pallet_calls.variants {
			let name = format!("{}.{}", pallet.name, call.name);
			let built = [0u8, 1u8].iter().find_map(|fill| {
				let mut bytes = vec![pallet.index, call.index];
				bytes.extend(std::iter::repeat_n(*fill, 4096));
				RuntimeCall::decode(&mut &bytes[..]).ok()
			});
			if UNCONSTRUCTIBLE.contains(&name.as_str()) {
				assert!(built.is_none(), "{name} was thought unconstructible");
				continue;
			}
			let built = built.unwrap_or_else(|| panic!("could not build {name}"));
			calls.push((pallet.index, call.index, name, built));
		}
	}
	calls
}

#[test]
fn a_blocked_signer_is_refused_at_validation_for_every_call() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		block_accounts(1, vec![Dave], vec![]);
		let parent = System::parent_hash();
		let calls = every_call();
		assert!(calls.len() > 100, "the runtime has many calls, built {}", calls.len());
		for (pallet, call_index, name, call) in &calls {
			let (p, c) = call.using_encoded(|e| (e[0], e[1]));
			assert_eq!((p, c), (*pallet, *call_index), "{name} encodes to its indices");
			let refused = Executive::validate_transaction(
				TransactionSource::External,
				signed(call.clone(), Dave),
				parent,
			);
			// Inherents (mandatory calls) are refused for everyone before any extension runs.
			let mandatory = call.get_dispatch_info().class == DispatchClass::Mandatory;
			let want = if mandatory {
				InvalidTransaction::MandatoryValidation
			} else {
				InvalidTransaction::Custom(pallet_sanctions::BLOCKED_SIGNER)
			};
			assert_eq!(
				refused,
				Err(TransactionValidityError::Invalid(want)),
				"{name} from a blocked signer"
			);
		}
		// A block refuses it too, and nothing is charged.
		let dave0 = Balances::free_balance(account(Dave));
		assert_eq!(
			apply(stable_transfer(Bob, USD), Dave),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_sanctions::BLOCKED_SIGNER
			)))
		);
		assert_eq!(Balances::free_balance(account(Dave)), dave0);
		// Control: the same calls from an unblocked signer are not refused for that reason.
		let remark =
			RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
		assert!(Executive::validate_transaction(
			TransactionSource::External,
			signed(remark, Eve),
			parent
		)
		.is_ok());
		// Unblocking restores it.
		block_accounts(2, vec![], vec![Dave]);
		apply(stable_transfer(Bob, USD), Dave).expect("valid").expect("transfers again");
	});
}

#[test]
fn nothing_moves_to_a_blocked_account() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		block_accounts(1, vec![Ferdie], vec![]);
		let got = dispatch_error(apply(stable_transfer(Ferdie, USD), Bob));
		assert!(is_error(got, pallet_sanctions::Error::<Runtime>::AccountBlocked), "{got:?}");
		let mint = RuntimeCall::Stablecoin(pallet_stablecoin::Call::mint {
			beneficiary: account(Ferdie),
			amount: USD,
		});
		let got = dispatch_error(apply(mint, Alice));
		assert!(is_error(got, pallet_sanctions::Error::<Runtime>::AccountBlocked), "{got:?}");
		assert!(Runtime::is_blocked(account(Ferdie)));
		assert_eq!(Runtime::sanctions_list().map(|l| l.version), Some(1));
	});
}

#[test]
fn an_l1_account_hits_its_daily_p2p_limit() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Eve is L1: 500 GUSD of P2P transfers a day.
		assert_eq!(Runtime::kyc_status(account(Eve)).level, KycLevel::L1);
		for _ in 0..5 {
			apply(stable_transfer(Bob, 100 * USD), Eve).expect("valid").expect("within the limit");
		}
		assert_eq!(Runtime::kyc_status(account(Eve)).p2p_value_remaining, 0);
		let got = dispatch_error(apply(stable_transfer(Bob, USD), Eve));
		assert!(is_error(got, pallet_kyc::Error::<Runtime>::P2pLimitExceeded), "{got:?}");
		// Bob (L3) is far from his.
		apply(stable_transfer(Eve, 1_000 * USD), Bob).expect("valid").expect("L3 sends more");
	});
}

#[test]
fn an_expired_attestation_drops_to_l0() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Alice, the platform's KYC desk, attests Ferdie L2 until 10 slots from now.
		let now = genex_runtime::Timestamp::get();
		let expires_at = now + 10 * genex_runtime::SLOT_DURATION;
		let attest = RuntimeCall::Kyc(pallet_kyc::Call::attest {
			who: account(Ferdie),
			level: 2,
			jurisdiction: *b"DE",
			expires_at,
			evidence: H256::repeat_byte(0xee),
		});
		apply(attest, Alice).expect("valid").expect("attested");
		assert_eq!(Runtime::kyc_status(account(Ferdie)).level, KycLevel::L2);
		assert_eq!(Runtime::kyc_status(account(Ferdie)).expires_at, Some(expires_at));
		apply(stable_transfer(Bob, USD), Ferdie).expect("valid").expect("L2 may send");
		run_to_block(System::block_number() + 10);
		let status = Runtime::kyc_status(account(Ferdie));
		assert_eq!((status.level, status.expires_at), (KycLevel::L0, None));
		let got = dispatch_error(apply(stable_transfer(Bob, USD), Ferdie));
		assert!(is_error(got, pallet_kyc::Error::<Runtime>::LevelTooLow), "{got:?}");
		// Nor can anyone send to Ferdie now.
		let got = dispatch_error(apply(stable_transfer(Ferdie, USD), Bob));
		assert!(is_error(got, pallet_kyc::Error::<Runtime>::LevelTooLow), "{got:?}");
	});
}

#[test]
fn the_travel_rule_threshold_needs_routing() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(Runtime::travel_rule_threshold(), 3_000 * USD);
		let charlie0 = Assets::balance(GUSD, account(Charlie));
		let got = dispatch_error(apply(stable_transfer(Charlie, 3_000 * USD), Bob));
		assert!(is_error(got, pallet_travel_rule::Error::<Runtime>::TravelRuleRequired), "{got:?}");
		apply(stable_transfer(Charlie, 2_999 * USD), Bob).expect("valid").expect("below it");
		let routed = RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer_with_travel_rule {
			dest: account(Charlie),
			amount: 3_000 * USD,
			travel_rule: travel_data(),
		});
		apply(routed, Bob).expect("valid").expect("routed");
		assert_eq!(Assets::balance(GUSD, account(Charlie)), charlie0 + 5_999 * USD);
		let record = pallet_travel_rule::Records::<Runtime>::get(0).expect("recorded");
		assert_eq!(
			(record.from, record.to, record.value),
			(account(Bob), account(Charlie), 3_000 * USD)
		);
		assert_eq!(record.data, travel_data());
		let recorded = System::events().iter().any(|e| {
			matches!(
				&e.event,
				genex_runtime::RuntimeEvent::TravelRule(
					pallet_travel_rule::Event::TransferRecorded { id: 0, .. }
				)
			)
		});
		assert!(recorded, "regulators see the record as an event");
		assert_eq!(TravelRule::threshold_in_force(), 3_000 * USD);
	});
}

#[test]
fn the_51st_free_call_of_an_l1_account_is_charged() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let eve0 = Balances::free_balance(account(Eve));
		assert_eq!(Runtime::free_calls_remaining(account(Eve)), 50);
		for i in 1..=50 {
			apply(stable_transfer(Bob, USD), Eve).expect("valid").expect("free transfer");
			assert_eq!(Balances::free_balance(account(Eve)), eve0, "call {i} was free");
		}
		assert_eq!(Runtime::free_calls_remaining(account(Eve)), 0);
		apply(stable_transfer(Bob, USD), Eve).expect("valid").expect("paid transfer");
		assert!(Balances::free_balance(account(Eve)) < eve0, "the 51st call pays a fee");
		// Calls that are not fee-less always pay.
		let ferdie0 = Balances::free_balance(account(Ferdie));
		let remark =
			RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
		apply(remark, Ferdie).expect("valid").expect("remark");
		assert!(Balances::free_balance(account(Ferdie)) < ferdie0);
	});
}

#[test]
fn contracts_and_governance_can_never_be_fee_less() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		for (pallet, call) in [("Contracts", "call"), ("Council", "propose"), ("Utility", "batch")]
		{
			let set = RuntimeCall::Feeless(pallet_feeless::Call::set_feeless_call {
				pallet: pallet.as_bytes().to_vec().try_into().expect("short"),
				call: call.as_bytes().to_vec().try_into().expect("short"),
				min_level: 1,
			});
			let sudo =
				RuntimeCall::Sudo(polkadot_sdk::pallet_sudo::Call::sudo { call: Box::new(set) });
			apply(sudo, Alice).expect("valid").expect("sudo dispatched");
			let refused = System::events().iter().any(|e| {
				matches!(
					&e.event,
					genex_runtime::RuntimeEvent::Sudo(polkadot_sdk::pallet_sudo::Event::Sudid {
						sudo_result: Err(err)
					}) if is_error(*err, pallet_feeless::Error::<Runtime>::NeverFeeless)
				)
			});
			assert!(refused, "{pallet}.{call} refused");
			System::reset_events();
		}
	});
}
