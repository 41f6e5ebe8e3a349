//! Holes an auditor found in the first round (issue 14), each reproduced through signed
//! extrinsics in real blocks and shown closed: one compliance officer cannot unblock, force a
//! KYC revocation or record an issuer default (two can); the settlement stablecoin cannot be burnt or re-pointed through
//! `pallet_assets`' own calls; no wrapper lets a blocked account act or be paid.

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
use genex_primitives::{STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT};
use genex_runtime::{
	configs::{ComplianceCollective, CouncilCollective, MaxProposalWeight},
	genesis_config_presets as presets, AccountId, Assets, Executive, OriginCaller, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, System, UNIT,
};
use polkadot_sdk::{
	frame_support::weights::Weight,
	frame_system, pallet_assets, pallet_balances, pallet_collective, pallet_multisig, pallet_sudo,
	pallet_utility,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{
		traits::Hash,
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		DispatchError,
	},
};
use scale_info::{form::MetaForm, meta_type, TypeDef};
use std::collections::BTreeSet;

const USD: u128 = STABLECOIN_UNIT;

/// The result of the last call a compliance officer executed alone
/// (`complianceCommittee.execute`), from its `MemberExecuted` event.
fn officer_executes(call: RuntimeCall, officer: Sr25519Keyring) -> Result<(), DispatchError> {
	let execute = RuntimeCall::ComplianceCommittee(pallet_collective::Call::execute {
		proposal: Box::new(call),
		length_bound: 10_000,
	});
	apply(execute, officer).expect("valid").expect("execute dispatches");
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::ComplianceCommittee(pallet_collective::Event::MemberExecuted {
				result,
				..
			}) => Some(result),
			_ => None,
		})
		.expect("MemberExecuted emitted")
}

/// A compliance committee motion carried by `first` and `second` (threshold 2); the result
/// of the call it executed.
fn two_officers_execute(
	call: RuntimeCall,
	first: Sr25519Keyring,
	second: Sr25519Keyring,
) -> Result<(), DispatchError> {
	let len = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, ComplianceCollective>::get();
	let propose = RuntimeCall::ComplianceCommittee(pallet_collective::Call::propose {
		threshold: 2,
		proposal: Box::new(call),
		length_bound: len,
	});
	apply(propose, first).expect("valid").expect("proposed");
	for officer in [first, second] {
		let vote = RuntimeCall::ComplianceCommittee(pallet_collective::Call::vote {
			proposal: hash,
			index,
			approve: true,
		});
		apply(vote, officer).expect("valid").expect("voted");
	}
	let close = RuntimeCall::ComplianceCommittee(pallet_collective::Call::close {
		proposal_hash: hash,
		index,
		proposal_weight_bound: Weight::from_parts(10_000_000_000, 100_000),
		length_bound: len,
	});
	apply(close, second).expect("valid").expect("closed");
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::ComplianceCommittee(pallet_collective::Event::Executed {
				proposal_hash,
				result,
			}) if proposal_hash == hash => Some(result),
			_ => None,
		})
		.expect("the motion executed")
}

fn update_list(version: u32, add: Vec<Sr25519Keyring>, remove: Vec<Sr25519Keyring>) -> RuntimeCall {
	RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
		version,
		source_digest: H256::repeat_byte(0x5d),
		add: add.into_iter().map(account).collect(),
		remove: remove.into_iter().map(account).collect(),
	})
}

/// Item 7: any single officer blocks at once; unblocking, forced KYC revocation and issuer
/// defaults need two.
#[test]
fn one_officer_blocks_but_unblocking_and_force_revoke_need_two() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// Alice (platform) and Bob (bank-a) are compliance officers on the local network.
		assert_eq!(officer_executes(update_list(1, vec![Eve], vec![]), Alice), Ok(()));
		assert!(pallet_sanctions::Blocked::<Runtime>::contains_key(account(Eve)));

		let got = officer_executes(update_list(2, vec![], vec![Eve]), Alice).unwrap_err();
		assert!(
			is_error(got, pallet_sanctions::Error::<Runtime>::UnblockNeedsTwoOfficers),
			"{got:?}"
		);
		assert!(pallet_sanctions::Blocked::<Runtime>::contains_key(account(Eve)));

		let revoke = RuntimeCall::Kyc(pallet_kyc::Call::force_revoke { who: account(Dave) });
		assert_eq!(officer_executes(revoke.clone(), Bob), Err(DispatchError::BadOrigin));
		assert!(pallet_kyc::Attestations::<Runtime>::contains_key(account(Dave)));

		let default = RuntimeCall::Issuers(pallet_issuers::Call::record_default {
			issuer: account(Dave),
			kind: pallet_issuers::DefaultKind::Compliance,
			action: pallet_issuers::DefaultAction::Freeze,
		});
		assert_eq!(officer_executes(default.clone(), Alice), Err(DispatchError::BadOrigin));
		// Two officers get past the origin (Dave is no issuer on this network).
		let got = two_officers_execute(default, Alice, Bob).unwrap_err();
		assert!(is_error(got, pallet_issuers::Error::<Runtime>::NotAnIssuer), "{got:?}");

		assert_eq!(two_officers_execute(update_list(2, vec![], vec![Eve]), Alice, Bob), Ok(()));
		assert!(!pallet_sanctions::Blocked::<Runtime>::contains_key(account(Eve)));
		assert_eq!(two_officers_execute(revoke, Bob, Alice), Ok(()));
		assert!(!pallet_kyc::Attestations::<Runtime>::contains_key(account(Dave)));
	});
}

/// Item 9: `assets.touch` + `assets.refund(allow_burn = true)` burnt GUSD outside the banks'
/// path, and `assets.forceAssetStatus` could re-point the settlement asset's issuer. Every
/// `pallet_assets` call on the settlement asset is filtered now, except `touch` and a
/// `refund` that burns nothing.
#[test]
fn the_settlement_asset_cannot_be_burnt_or_repointed_through_assets_calls() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let supply = Assets::total_supply(GUSD);
		assert!(Assets::balance(GUSD, account(Dave)) > 0);
		let refund =
			RuntimeCall::Assets(pallet_assets::Call::refund { id: GUSD.into(), allow_burn: true });
		let got = dispatch_error(apply(refund, Dave));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		let status = RuntimeCall::Assets(pallet_assets::Call::force_asset_status {
			id: GUSD.into(),
			owner: account(Eve).into(),
			issuer: account(Eve).into(),
			admin: account(Eve).into(),
			freezer: account(Eve).into(),
			min_balance: 1,
			is_sufficient: true,
			is_frozen: false,
		});
		let got = dispatch_error(apply(status.clone(), Eve));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		// Nested in a batch the filter still applies.
		let batch = RuntimeCall::Utility(polkadot_sdk::pallet_utility::Call::batch_all {
			calls: vec![status],
		});
		let got = dispatch_error(apply(batch, Eve));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		for call in [
			pallet_assets::Call::mint {
				id: GUSD.into(),
				beneficiary: account(Eve).into(),
				amount: USD,
			},
			pallet_assets::Call::burn { id: GUSD.into(), who: account(Dave).into(), amount: USD },
			pallet_assets::Call::start_destroy { id: GUSD.into() },
			pallet_assets::Call::set_min_balance { id: GUSD.into(), min_balance: 1 },
			pallet_assets::Call::refund_other { id: GUSD.into(), who: account(Dave).into() },
		] {
			let got = dispatch_error(apply(RuntimeCall::Assets(call), Dave));
			assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		}
		// A refund that burns nothing is allowed (it fails for its own reasons here).
		let refund =
			RuntimeCall::Assets(pallet_assets::Call::refund { id: GUSD.into(), allow_burn: false });
		let got = dispatch_error(apply(refund, Dave));
		assert_ne!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		assert_eq!(Assets::total_supply(GUSD), supply, "no GUSD destroyed");
	});
}

/// Found by the runtime fuzzer (fuzz/regressions/contracts-migrate-weight): with no migration
/// pending, `contracts.migrate` with a `weight_limit` below a storage read used more weight than
/// it was charged. The call is refused, alone or nested.
#[test]
fn contracts_migrate_is_refused() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let migrate = RuntimeCall::Contracts(polkadot_sdk::pallet_contracts::Call::migrate {
			weight_limit: Weight::zero(),
		});
		let got = dispatch_error(apply(migrate.clone(), Dave));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![migrate] });
		let got = dispatch_error(apply(batch, Dave));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
	});
}

/// Block `who` (Root: the dev chain's sudo) — test set-up.
fn block(version: u32, who: Vec<AccountId>) {
	assert_eq!(
		pallet_sanctions::Pallet::<Runtime>::update_list(
			RuntimeOrigin::root(),
			version,
			H256::repeat_byte(0x5d),
			who,
			vec![],
		),
		Ok(())
	);
}

/// Every call of the runtime that carries another call (a `RuntimeCall` field, boxed or in a
/// vector): "Pallet.call", from `RuntimeCall`'s type information.
fn wrapper_calls() -> BTreeSet<String> {
	let call_type = meta_type::<RuntimeCall>();
	let TypeDef::Variant(pallets) = call_type.type_info().type_def else {
		panic!("RuntimeCall is an enum")
	};
	let mut wrappers = BTreeSet::new();
	for pallet in &pallets.variants {
		let TypeDef::Variant::<MetaForm>(calls) = pallet.fields[0].ty.type_info().type_def else {
			panic!("{} calls are an enum", pallet.name)
		};
		for call in &calls.variants {
			let carries = call.fields.iter().any(|f| {
				f.ty == call_type
					|| matches!(f.ty.type_info().type_def,
						TypeDef::Sequence(ref s) if s.type_param == call_type)
			});
			if carries {
				wrappers.insert(format!("{}.{}", pallet.name, call.name));
			}
		}
	}
	wrappers
}

fn transfer_to(dest: AccountId) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: dest.into(),
		value: UNIT,
	})
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

/// Item 5: a blocked account acted through wrappers (`utility.asDerivative` of a blocked
/// derivative, `multisig.asMultiThreshold1` of a blocked multisig account) and received native
/// transfers (`balances.transferKeepAlive`). Every wrapper of the runtime — found from the
/// type information, so a new one cannot slip past — is now refused at validation when a call
/// inside it acts as or pays a blocked account; the same call with an unblocked party passes.
#[test]
fn a_blocked_account_cannot_act_or_be_paid_through_any_wrapper() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Alice);
		let derivative = pallet_utility::derivative_account_id(alice.clone(), 0);
		let mut signatories = vec![alice.clone(), account(Bob)];
		signatories.sort();
		let multi1 = pallet_multisig::Pallet::<Runtime>::multi_account_id(&signatories, 1);
		let multi2 = pallet_multisig::Pallet::<Runtime>::multi_account_id(&signatories, 2);
		let ferdie = account(Ferdie);
		// The direct native transfer (no wrapper) to a blocked account.
		let mut cases: Vec<(&str, RuntimeCall, RuntimeCall)> = vec![(
			"Balances.transfer_keep_alive",
			transfer_to(ferdie.clone()),
			transfer_to(account(Eve)),
		)];
		// Every wrapper: (name, call acting as or paying a blocked account, the same with an
		// unblocked one).
		let pay = |to: &AccountId| Box::new(transfer_to(to.clone()));
		let eve = account(Eve);
		for batch in ["batch", "batch_all", "force_batch"] {
			let make = |to: &AccountId| {
				let calls = vec![remark(), transfer_to(to.clone())];
				RuntimeCall::Utility(match batch {
					"batch" => pallet_utility::Call::batch { calls },
					"batch_all" => pallet_utility::Call::batch_all { calls },
					_ => pallet_utility::Call::force_batch { calls },
				})
			};
			cases.push((
				match batch {
					"batch" => "Utility.batch",
					"batch_all" => "Utility.batch_all",
					_ => "Utility.force_batch",
				},
				make(&ferdie),
				make(&eve),
			));
		}
		cases.push((
			"Utility.as_derivative",
			RuntimeCall::Utility(pallet_utility::Call::as_derivative {
				index: 0,
				call: Box::new(remark()),
			}),
			RuntimeCall::Utility(pallet_utility::Call::as_derivative {
				index: 1,
				call: Box::new(remark()),
			}),
		));
		cases.push((
			"Utility.with_weight",
			RuntimeCall::Utility(pallet_utility::Call::with_weight {
				call: pay(&ferdie),
				weight: Weight::zero(),
			}),
			RuntimeCall::Utility(pallet_utility::Call::with_weight {
				call: pay(&eve),
				weight: Weight::zero(),
			}),
		));
		cases.push((
			"Utility.if_else",
			RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(remark()),
				fallback: pay(&ferdie),
			}),
			RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(remark()),
				fallback: pay(&eve),
			}),
		));
		let as_signed = |who: &AccountId| {
			Box::new(OriginCaller::system(frame_system::RawOrigin::Signed(who.clone())))
		};
		cases.push((
			"Utility.dispatch_as",
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
				as_origin: as_signed(&ferdie),
				call: Box::new(remark()),
			}),
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
				as_origin: as_signed(&eve),
				call: Box::new(remark()),
			}),
		));
		cases.push((
			"Utility.dispatch_as_fallible",
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as_fallible {
				as_origin: as_signed(&ferdie),
				call: Box::new(remark()),
			}),
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as_fallible {
				as_origin: as_signed(&eve),
				call: Box::new(remark()),
			}),
		));
		cases.push((
			"Multisig.as_multi_threshold_1",
			RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![account(Bob)],
				call: Box::new(remark()),
			}),
			RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![account(Charlie)],
				call: Box::new(remark()),
			}),
		));
		let as_multi = |with: Sr25519Keyring| {
			RuntimeCall::Multisig(pallet_multisig::Call::as_multi {
				threshold: 2,
				other_signatories: vec![account(with)],
				maybe_timepoint: None,
				call: Box::new(remark()),
				max_weight: Weight::zero(),
			})
		};
		cases.push(("Multisig.as_multi", as_multi(Bob), as_multi(Charlie)));
		cases.push((
			"Sudo.sudo",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: pay(&ferdie) }),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: pay(&eve) }),
		));
		cases.push((
			"Sudo.sudo_unchecked_weight",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_unchecked_weight {
				call: pay(&ferdie),
				weight: Weight::zero(),
			}),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_unchecked_weight {
				call: pay(&eve),
				weight: Weight::zero(),
			}),
		));
		cases.push((
			"Sudo.sudo_as",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_as {
				who: ferdie.clone().into(),
				call: Box::new(remark()),
			}),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_as {
				who: eve.clone().into(),
				call: Box::new(remark()),
			}),
		));
		// (name, the compliance committee rather than the council)
		for (name, committee) in [
			("Council.propose", false),
			("Council.execute", false),
			("ComplianceCommittee.propose", true),
			("ComplianceCommittee.execute", true),
		] {
			let make = |to: &AccountId| -> RuntimeCall {
				let proposal = pay(to);
				match (name.ends_with("propose"), committee) {
					(true, false) => RuntimeCall::Council(pallet_collective::Call::propose {
						threshold: 2,
						proposal,
						length_bound: 1_000,
					}),
					(false, false) => RuntimeCall::Council(pallet_collective::Call::execute {
						proposal,
						length_bound: 1_000,
					}),
					(true, true) => {
						RuntimeCall::ComplianceCommittee(pallet_collective::Call::propose {
							threshold: 2,
							proposal,
							length_bound: 1_000,
						})
					},
					(false, true) => {
						RuntimeCall::ComplianceCommittee(pallet_collective::Call::execute {
							proposal,
							length_bound: 1_000,
						})
					},
				}
			};
			cases.push((name, make(&ferdie), make(&eve)));
		}
		cases.push((
			"Governance.dispatch_as_root",
			RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root {
				call: pay(&ferdie),
			}),
			RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root { call: pay(&eve) }),
		));

		// Proxies and recovery: the inner call runs as `real` / the recovered account.
		let proxy = |real: &AccountId| {
			RuntimeCall::Proxy(polkadot_sdk::pallet_proxy::Call::proxy {
				real: real.clone().into(),
				force_proxy_type: None,
				call: Box::new(remark()),
			})
		};
		cases.push(("Proxy.proxy", proxy(&ferdie), proxy(&eve)));
		let announced = |real: &AccountId| {
			RuntimeCall::Proxy(polkadot_sdk::pallet_proxy::Call::proxy_announced {
				delegate: account(Bob).into(),
				real: real.clone().into(),
				force_proxy_type: None,
				call: Box::new(remark()),
			})
		};
		cases.push(("Proxy.proxy_announced", announced(&ferdie), announced(&eve)));
		let control = |recovered: &AccountId| {
			RuntimeCall::Recovery(polkadot_sdk::pallet_recovery::Call::control_inherited_account {
				recovered: recovered.clone().into(),
				call: Box::new(remark()),
			})
		};
		cases.push(("Recovery.control_inherited_account", control(&ferdie), control(&eve)));
		// Acting for a blocked account without an inner call: recovering it, or making it a
		// delegate.
		let attempt = |lost: &AccountId, finish: bool| {
			let lost = lost.clone().into();
			RuntimeCall::Recovery(if finish {
				polkadot_sdk::pallet_recovery::Call::finish_attempt { lost, friend_group_index: 0 }
			} else {
				polkadot_sdk::pallet_recovery::Call::initiate_attempt {
					lost,
					friend_group_index: 0,
				}
			})
		};
		cases.push(("recovery.initiate_attempt", attempt(&ferdie, false), attempt(&eve, false)));
		cases.push(("recovery.finish_attempt", attempt(&ferdie, true), attempt(&eve, true)));
		let add_proxy = |delegate: &AccountId| {
			RuntimeCall::Proxy(polkadot_sdk::pallet_proxy::Call::add_proxy {
				delegate: delegate.clone().into(),
				proxy_type: genex_runtime::configs::ProxyType::Trading,
				delay: 0,
			})
		};
		cases.push(("proxy.add_proxy", add_proxy(&ferdie), add_proxy(&eve)));

		// Every wrapper of the runtime has its case.
		let covered: BTreeSet<String> =
			cases.iter().map(|(name, ..)| name.to_string()).filter(|n| n.contains('.')).collect();
		let wrappers = wrapper_calls();
		let missing: Vec<_> = wrappers.difference(&covered).collect();
		assert!(missing.is_empty(), "wrappers without a sanctions case: {missing:?}");
		assert!(wrappers.len() >= 18, "found only {wrappers:?}");

		block(1, vec![ferdie.clone(), derivative, multi1, multi2]);
		let parent = System::parent_hash();
		let refused = Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
			pallet_sanctions::BLOCKED_PARTY,
		)));
		for (name, bad, good) in cases {
			let got = Executive::validate_transaction(
				TransactionSource::External,
				signed(bad.clone(), Alice),
				parent,
			);
			assert_eq!(got.map(|_| ()), refused, "{name}: a blocked party");
			assert_eq!(apply(bad, Alice).map(|_| ()), refused, "{name}: refused in a block too");
			let got = Executive::validate_transaction(
				TransactionSource::External,
				signed(good, Alice),
				parent,
			);
			assert!(got.is_ok(), "{name}: an unblocked party passes, got {got:?}");
		}
	});
}

/// A council motion carried by `voters` (threshold = their number) proposing `call`; the
/// result of the call it executed, or `None` when the motion was disapproved or not executed.
fn council_executes(
	call: RuntimeCall,
	voters: &[Sr25519Keyring],
) -> Option<Result<(), DispatchError>> {
	let len = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get();
	let propose = RuntimeCall::Council(pallet_collective::Call::propose {
		threshold: voters.len() as u32,
		proposal: Box::new(call),
		length_bound: len,
	});
	apply(propose, voters[0]).expect("valid").expect("proposed");
	for voter in voters {
		let vote = RuntimeCall::Council(pallet_collective::Call::vote {
			proposal: hash,
			index,
			approve: true,
		});
		apply(vote, *voter).expect("valid").expect("voted");
	}
	let close = RuntimeCall::Council(pallet_collective::Call::close {
		proposal_hash: hash,
		index,
		proposal_weight_bound: MaxProposalWeight::get(),
		length_bound: len,
	});
	apply(close, voters[0]).expect("valid").expect("closed");
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Council(pallet_collective::Event::Executed { proposal_hash, result })
			if proposal_hash == hash =>
		{
			Some(result)
		},
		_ => None,
	})
}

/// Item 1: on `local` (no sudo) nothing produced Root, so the chain could not be upgraded; and
/// `system.setCode` / `applyAuthorizedUpgrade` were priced at ≈ 164 s, above a whole block, so
/// not even sudo could upgrade. Now a council motion carried by three quarters of the council
/// reaches Root through `governance.dispatchAsRoot` (two thirds do not), and installing a
/// runtime fits a block and a council motion.
#[test]
fn a_council_super_majority_reaches_root_and_an_upgrade_fits_a_block() {
	use polkadot_sdk::frame_support::dispatch::{DispatchClass, GetDispatchInfo};
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert!(sudo_key().is_none(), "no sudo on local");
		let code_hash = H256::repeat_byte(0xc0);
		let authorize = || {
			RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root {
				call: Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade {
					code_hash,
				})),
			})
		};
		// Two of four (below ordinary governance's two thirds) do not reach Root.
		assert_eq!(council_executes(authorize(), &[Alice, Bob]), Some(Err(DispatchError::BadOrigin)));
		// Three of four (three quarters) do; the decision is on record.
		assert_eq!(council_executes(authorize(), &[Alice, Bob, Charlie]), Some(Ok(())));
		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Governance(pallet_governance::Event::DispatchedAsRoot { result: Ok(()), .. })
		)));
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, .. }) if *h == code_hash
		)));

		// Installing a runtime fits a block (operational class) and a council motion.
		let limits = genex_runtime::configs::RuntimeBlockWeights::get();
		let max = limits.get(DispatchClass::Operational).max_extrinsic.expect("bounded");
		for call in [
			RuntimeCall::System(frame_system::Call::set_code { code: vec![0; 1024] }),
			RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { code: vec![0; 1024] }),
		] {
			let info = call.get_dispatch_info();
			assert_eq!(info.class, DispatchClass::Operational);
			let wrapped = RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root {
				call: Box::new(call),
			})
			.get_dispatch_info();
			assert!(wrapped.total_weight().all_lte(max), "{wrapped:?} above {max:?}");
			assert!(wrapped.call_weight.all_lte(MaxProposalWeight::get()));
		}
	});
}

/// Item 14: blocking an account cancelled up to 64 of its orders inside the list update, so
/// each added account was charged ≈ 16 ms and only about 40 of the documented 256 fitted a
/// block. Now the update only queues the market's cancelling (done in idle time): a full update
/// of 256 accounts, through one officer's `complianceCommittee.execute`, fits and applies.
#[test]
fn a_full_sanctions_update_of_256_accounts_fits_a_block() {
	use polkadot_sdk::frame_support::dispatch::{DispatchClass, GetDispatchInfo};
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let add: Vec<AccountId> = (0..=255u8).map(|i| AccountId::from([i; 32])).collect();
		let update = RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
			version: 1,
			source_digest: H256::repeat_byte(0x5d),
			add,
			remove: vec![],
		});
		let limits = genex_runtime::configs::RuntimeBlockWeights::get();
		let max = limits.get(DispatchClass::Normal).max_extrinsic.expect("bounded");
		let weight = update.get_dispatch_info().total_weight();
		assert!(weight.all_lte(max), "{weight:?} above {max:?}");
		assert_eq!(officer_executes(update, Alice), Ok(()));
		assert_eq!(pallet_sanctions::Blocked::<Runtime>::count(), 256);
		assert_eq!(pallet_market::PurgeQueue::<Runtime>::count(), 256);
		// Idle time drains the queue (none of these accounts has orders).
		next_block();
		next_block();
		assert_eq!(pallet_market::PurgeQueue::<Runtime>::count(), 0);
	});
}
