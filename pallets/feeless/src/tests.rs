use crate::{
	mock::*, CallName, Error, Event, FeelessCalls, FeelessWithinQuota, OldestPeriod, PalletName,
	Quotas, Usage, QUOTA_USED,
};
use genex_primitives::KycLevel;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::GetDispatchInfo,
		traits::{Hooks, OnIdle},
		weights::Weight,
	},
	pallet_balances,
	pallet_transaction_payment::ChargeTransactionPayment,
	sp_runtime::{
		traits::{DispatchTransaction, Dispatchable, TransactionExtension},
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		DispatchError,
	},
};

type P = crate::Pallet<Test>;
type Ext = FeelessWithinQuota<Test, ChargeTransactionPayment<Test>>;

fn names(p: &str, c: &str) -> (PalletName, CallName) {
	(
		PalletName::truncate_from(p.as_bytes().to_vec()),
		CallName::truncate_from(c.as_bytes().to_vec()),
	)
}

fn transfer() -> RuntimeCall {
	pallet_balances::Call::transfer_keep_alive { dest: 99, value: 10 }.into()
}

fn remark() -> RuntimeCall {
	polkadot_sdk::frame_system::Call::remark { remark: vec![1, 2, 3] }.into()
}

/// Submit `call` signed by `who` through the extension, as a block would; returns the fee paid.
fn submit(who: u64, call: RuntimeCall) -> Result<u64, TransactionValidityError> {
	let before = Balances::free_balance(who);
	let info = call.get_dispatch_info();
	let ext = Ext::from(ChargeTransactionPayment::from(0));
	let sent = match &call {
		RuntimeCall::Balances(_) => 10,
		_ => 0,
	};
	ext.test_run(RuntimeOrigin::signed(who), &call, &info, 100, 0, |origin| {
		call.clone().dispatch(origin)
	})?
	.expect("call succeeds");
	Ok(before - Balances::free_balance(who) - sent)
}

#[test]
fn policy_calls_and_events() {
	new_test_ext().execute_with(|| {
		let (p, c) = names("Balances", "transfer_allow_death");
		assert_ok!(Feeless::set_feeless_call(RuntimeOrigin::root(), p.clone(), c.clone(), 2));
		assert_eq!(
			events().last(),
			Some(&Event::FeelessCallSet {
				pallet: p.clone(),
				call: c.clone(),
				min_level: KycLevel::L2
			})
		);
		assert_eq!(FeelessCalls::<Test>::get((p.clone(), c.clone())), Some(KycLevel::L2));
		assert_ok!(Feeless::remove_feeless_call(RuntimeOrigin::root(), p.clone(), c.clone()));
		assert_eq!(
			events().last(),
			Some(&Event::FeelessCallRemoved { pallet: p.clone(), call: c.clone() })
		);
		assert_ok!(Feeless::set_quota(RuntimeOrigin::root(), 3, 1_000));
		assert_eq!(
			events().last(),
			Some(&Event::QuotaSet { level: KycLevel::L3, free_calls: 1_000 })
		);
		assert_eq!(Quotas::<Test>::get(KycLevel::L3), 1_000);
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn policy_failures_write_nothing() {
	new_test_ext().execute_with(|| {
		let root = RuntimeOrigin::root;
		let (p, c) = names("Balances", "transfer_allow_death");
		assert_noop!(
			Feeless::set_feeless_call(RuntimeOrigin::signed(ALICE), p.clone(), c.clone(), 1),
			DispatchError::BadOrigin
		);
		let (unknown_pallet, unknown_call) = names("Nope", "nope");
		assert_noop!(
			Feeless::set_feeless_call(root(), unknown_pallet, c.clone(), 1),
			Error::<Test>::UnknownCall
		);
		assert_noop!(
			Feeless::set_feeless_call(root(), p.clone(), unknown_call, 1),
			Error::<Test>::UnknownCall
		);
		let (sp, sc) = names("System", "set_code");
		assert_noop!(Feeless::set_feeless_call(root(), sp, sc, 1), Error::<Test>::NeverFeeless);
		assert_noop!(
			Feeless::set_feeless_call(root(), p.clone(), c.clone(), 4),
			Error::<Test>::InvalidLevel
		);
		let (bp, bc) = names("Balances", "force_transfer");
		assert_ok!(Feeless::set_feeless_call(root(), bp.clone(), bc.clone(), 1));
		let (rp, rc) = names("System", "remark");
		assert_ok!(Feeless::set_feeless_call(root(), rp, rc, 1));
		assert_noop!(
			Feeless::set_feeless_call(root(), p.clone(), c.clone(), 1),
			Error::<Test>::TooManyFeelessCalls
		);
		// Changing the level of a named call needs no new room.
		assert_ok!(Feeless::set_feeless_call(root(), bp, bc, 3));
		assert_noop!(
			Feeless::remove_feeless_call(root(), p.clone(), c.clone()),
			Error::<Test>::NotFeeless
		);
		assert_noop!(
			Feeless::remove_feeless_call(RuntimeOrigin::signed(ALICE), p, c),
			DispatchError::BadOrigin
		);
		assert_noop!(Feeless::set_quota(root(), 4, 1), Error::<Test>::InvalidLevel);
		assert_noop!(
			Feeless::set_quota(RuntimeOrigin::signed(ALICE), 1, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn free_within_quota_then_charged() {
	new_test_ext().execute_with(|| {
		for i in 1..=3 {
			assert_eq!(submit(ALICE, transfer()), Ok(0), "free call {i}");
			assert_eq!(events().last(), Some(&Event::FeeWaived { who: ALICE, used: i }));
		}
		assert_eq!(P::free_calls_remaining(&ALICE), 0);
		let fee = submit(ALICE, transfer()).expect("valid");
		assert!(fee > 0, "the 4th call pays");
		// Bob (L2) has his own, larger quota.
		for _ in 0..5 {
			assert_eq!(submit(BOB, transfer()), Ok(0));
		}
		assert!(submit(BOB, transfer()).expect("valid") > 0);
	});
}

#[test]
fn not_free_below_level_or_for_other_calls() {
	new_test_ext().execute_with(|| {
		genex_primitives::kyc::mock::MockKyc::set(&ALICE, KycLevel::L0);
		assert!(submit(ALICE, transfer()).expect("valid") > 0, "L0 pays");
		genex_primitives::kyc::mock::MockKyc::set(&ALICE, KycLevel::L1);
		assert!(submit(ALICE, remark()).expect("valid") > 0, "remark is not named fee-less");
		assert_eq!(Usage::<Test>::iter().count(), 0);
	});
}

#[test]
fn quota_renews_each_period_and_old_usage_is_cleaned() {
	new_test_ext().execute_with(|| {
		for _ in 0..3 {
			assert_eq!(submit(ALICE, transfer()), Ok(0));
		}
		assert_eq!(submit(BOB, transfer()), Ok(0));
		System::set_block_number(PERIOD);
		assert_eq!(P::free_calls_remaining(&ALICE), 3);
		assert_eq!(submit(ALICE, transfer()), Ok(0));
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 2);
		// Not enough weight: nothing done.
		assert_eq!(<Feeless as OnIdle<u64>>::on_idle(PERIOD, Weight::zero()), Weight::zero());
		<Feeless as OnIdle<u64>>::on_idle(PERIOD, Weight::MAX);
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 0);
		assert_eq!(Usage::<Test>::iter_prefix(1).count(), 1, "current period kept");
		assert_eq!(OldestPeriod::<Test>::get(), 1);
		// Nothing more to clean until the period ends.
		<Feeless as OnIdle<u64>>::on_idle(PERIOD, Weight::MAX);
		assert_eq!(OldestPeriod::<Test>::get(), 1);
		P::do_try_state().expect("state holds");
		<Feeless as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn quota_used_between_validation_and_inclusion_is_refused() {
	new_test_ext().execute_with(|| {
		let call = transfer();
		let info = call.get_dispatch_info();
		let ext = Ext::from(ChargeTransactionPayment::from(0));
		// Validated as free while one free call is left …
		Usage::<Test>::insert(0, ALICE, 2);
		let (_, val, origin) = {
			let _: () = ext.implicit().expect("no implicit");
			ext.validate(
				RuntimeOrigin::signed(ALICE),
				&call,
				&info,
				100,
				(),
				&polkadot_sdk::sp_runtime::traits::TxBaseImplication(&call),
				TransactionSource::External,
			)
		}
		.expect("valid");
		// … but another free call of hers was counted in between (a pool that validated both
		// against the same state; in a block, validation and preparation run back to back).
		Usage::<Test>::insert(0, ALICE, 3);
		assert_eq!(
			ext.prepare(val, &origin, &call, &info, 100).err(),
			Some(TransactionValidityError::Invalid(InvalidTransaction::Custom(QUOTA_USED)))
		);
	});
}

/// What the extension charges up front for `call` and what it leaves unspent after `who`'s
/// transaction, run as a block runs it.
fn charged_and_unspent(who: u64, call: &RuntimeCall) -> (Weight, Weight) {
	use polkadot_sdk::sp_runtime::traits::TxBaseImplication;
	let info = call.get_dispatch_info();
	let ext = Ext::from(ChargeTransactionPayment::from(0));
	let (_, val, origin) = {
		let _: () = ext.implicit().expect("no implicit");
		ext.validate(
			RuntimeOrigin::signed(who),
			call,
			&info,
			100,
			(),
			&TxBaseImplication(call),
			TransactionSource::External,
		)
	}
	.expect("valid");
	let charged = ext.weight(call);
	let pre = ext.prepare(val, &origin, call, &info, 100).expect("prepared");
	let unspent = Ext::post_dispatch_details(pre, &info, &Default::default(), 100, &Ok(()))
		.expect("post-dispatch");
	(charged, unspent)
}

#[test]
fn each_path_refunds_down_to_its_own_weight() {
	new_test_ext().execute_with(|| {
		use crate::WeightInfo;
		let inner = |call: &RuntimeCall| ChargeTransactionPayment::<Test>::from(0).weight(call);
		let within = <() as WeightInfo>::feeless_within_quota();
		let paying = <() as WeightInfo>::feeless_paying();
		let not_listed = <() as WeightInfo>::feeless_not_listed();
		let own = within.max(paying);
		// Fee waived: the fee extension did not run, its weight is refunded too.
		let (charged, unspent) = charged_and_unspent(ALICE, &transfer());
		assert_eq!(charged, inner(&transfer()) + own, "the fee extension and our heavier path");
		assert_eq!(unspent, inner(&transfer()) + own - within);
		// A fee-less call over the quota: the paying path.
		Usage::<Test>::insert(0, ALICE, 3);
		let (_, unspent) = charged_and_unspent(ALICE, &transfer());
		assert_eq!(unspent, own - paying);
		// Not a fee-less call at all (most transactions): only the cached policy was read.
		let (charged, unspent) = charged_and_unspent(ALICE, &remark());
		assert_eq!(charged, inner(&remark()) + own);
		assert_eq!(unspent, own - not_listed);
		assert!(not_listed.all_lt(paying), "the stand-in weights keep the paths apart");
	});
}

#[test]
fn the_policy_index_follows_every_change() {
	new_test_ext().execute_with(|| {
		let index = || crate::PolicyIndex::<Test>::get().into_inner();
		let key = |p: &str, c: &str| P::call_key(p.as_bytes(), c.as_bytes());
		assert_eq!(index(), vec![(key("Balances", "transfer_keep_alive"), KycLevel::L1)]);
		let (p, c) = names("System", "remark");
		assert_ok!(Feeless::set_feeless_call(RuntimeOrigin::root(), p.clone(), c.clone(), 2));
		assert_ok!(Feeless::set_feeless_call(RuntimeOrigin::root(), p.clone(), c.clone(), 3));
		assert_eq!(
			index(),
			vec![
				(key("Balances", "transfer_keep_alive"), KycLevel::L1),
				(key("System", "remark"), KycLevel::L3)
			],
			"a level change rewrites the entry, it adds none"
		);
		assert_ok!(P::do_try_state());
		assert_ok!(Feeless::remove_feeless_call(RuntimeOrigin::root(), p, c));
		assert_eq!(index(), vec![(key("Balances", "transfer_keep_alive"), KycLevel::L1)]);
		assert_ok!(P::do_try_state());
		// The index decides: a call named only in `FeelessCalls` is not free, and `try_state`
		// reports the drift.
		crate::PolicyIndex::<Test>::kill();
		assert_eq!(P::check(&ALICE, &transfer()), crate::quota::Check::NotListed);
		assert!(P::do_try_state().is_err());
	});
}

#[test]
fn migration_v1_builds_the_index_once() {
	use crate::migrations::v1::MigrateToV1;
	use polkadot_sdk::frame_support::traits::{
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};
	new_test_ext().execute_with(|| {
		let built = crate::PolicyIndex::<Test>::get();
		crate::PolicyIndex::<Test>::kill();
		StorageVersion::new(0).put::<P>();
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(crate::PolicyIndex::<Test>::get(), built);
		assert_eq!(P::on_chain_storage_version(), 1);
		assert!(
			matches!(P::check(&ALICE, &transfer()), crate::quota::Check::Free(_)),
			"fee-less again after the upgrade"
		);
		assert_ok!(P::do_try_state());
		// Run again: the version check skips it.
		crate::PolicyIndex::<Test>::kill();
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert!(crate::PolicyIndex::<Test>::get().is_empty());
	});
}

#[test]
fn an_account_that_cannot_pay_is_refused_beyond_quota() {
	new_test_ext().execute_with(|| {
		const POOR: u64 = 7;
		genex_primitives::kyc::mock::MockKyc::set(&POOR, KycLevel::L1);
		Usage::<Test>::insert(0, POOR, 3);
		let call = remark();
		let info = call.get_dispatch_info();
		let ext = Ext::from(ChargeTransactionPayment::from(0));
		assert_eq!(
			ext.validate_only(
				RuntimeOrigin::signed(POOR),
				&call,
				&info,
				100,
				TransactionSource::External,
				0
			)
			.err(),
			Some(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}
