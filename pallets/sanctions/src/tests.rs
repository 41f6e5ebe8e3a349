use crate::{
	mock::*, Blocked, CheckNotBlocked, Error, Event, ListInfo, BLOCKED_PARTY, BLOCKED_SIGNER,
};
use codec::Encode;
use genex_primitives::{sanctions::mock::RecordOnBlocked, SanctionsListInfo, SanctionsScreen};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::DispatchInfo},
	sp_core::H256,
	sp_runtime::{
		traits::DispatchTransaction,
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		DispatchError,
	},
};

const DIGEST: H256 = H256::repeat_byte(0xD1);
type P = crate::Pallet<Test>;

fn officer() -> RuntimeOrigin {
	RuntimeOrigin::signed(OFFICER)
}

#[test]
fn update_blocks_and_unblocks_with_events() {
	new_test_ext().execute_with(|| {
		assert_ok!(Sanctions::update_list(officer(), 1, DIGEST, vec![ALICE, BOB], vec![]));
		assert!(P::is_blocked(&ALICE) && P::is_blocked(&BOB) && !P::is_blocked(&CHARLIE));
		assert_eq!(RecordOnBlocked::take(), vec![ALICE.encode(), BOB.encode()]);
		assert_eq!(
			ListInfo::<Test>::get(),
			Some(SanctionsListInfo { version: 1, source_digest: DIGEST, updated_at: 1 })
		);
		System::set_block_number(2);
		assert_ok!(Sanctions::update_list(
			RuntimeOrigin::root(),
			5,
			H256::zero(),
			vec![CHARLIE],
			vec![ALICE]
		));
		assert!(!P::is_blocked(&ALICE) && P::is_blocked(&CHARLIE));
		assert_eq!(Blocked::<Test>::get(CHARLIE), Some(5));
		assert_eq!(
			events(),
			vec![
				Event::AccountBlocked { who: ALICE, version: 1 },
				Event::AccountBlocked { who: BOB, version: 1 },
				Event::ListUpdated { version: 1, source_digest: DIGEST, added: 2, removed: 0 },
				Event::AccountBlocked { who: CHARLIE, version: 5 },
				Event::AccountUnblocked { who: ALICE, version: 5 },
				Event::ListUpdated {
					version: 5,
					source_digest: H256::zero(),
					added: 1,
					removed: 1
				},
			]
		);
		assert_eq!(ListInfo::<Test>::get().map(|l| l.updated_at), Some(2));
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn one_officer_blocks_but_unblocking_needs_two() {
	new_test_ext().execute_with(|| {
		assert_ok!(Sanctions::update_list(officer(), 1, DIGEST, vec![ALICE, BOB], vec![]));
		// One officer cannot take anyone off the list, not even alongside new blocks.
		assert_noop!(
			Sanctions::update_list(officer(), 2, DIGEST, vec![], vec![ALICE]),
			Error::<Test>::UnblockNeedsTwoOfficers
		);
		assert_noop!(
			Sanctions::update_list(officer(), 2, DIGEST, vec![CHARLIE], vec![ALICE]),
			Error::<Test>::UnblockNeedsTwoOfficers
		);
		assert_noop!(
			Sanctions::update_list(RuntimeOrigin::signed(ALICE), 2, DIGEST, vec![], vec![BOB]),
			DispatchError::BadOrigin
		);
		// Two officers (the committee) can unblock, and block too.
		let committee = RuntimeOrigin::signed(COMMITTEE);
		assert_ok!(Sanctions::update_list(committee, 2, DIGEST, vec![CHARLIE], vec![ALICE]));
		assert!(!P::is_blocked(&ALICE) && P::is_blocked(&BOB) && P::is_blocked(&CHARLIE));
		System::assert_has_event(Event::AccountUnblocked { who: ALICE, version: 2 }.into());
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn bad_updates_write_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(Sanctions::update_list(officer(), 3, DIGEST, vec![ALICE], vec![]));
		assert_noop!(
			Sanctions::update_list(RuntimeOrigin::signed(ALICE), 4, DIGEST, vec![BOB], vec![]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Sanctions::update_list(officer(), 4, DIGEST, vec![], vec![]),
			Error::<Test>::EmptyUpdate
		);
		assert_noop!(
			Sanctions::update_list(
				RuntimeOrigin::signed(COMMITTEE),
				4,
				DIGEST,
				vec![10, 11, 12],
				vec![13, 14]
			),
			Error::<Test>::BatchTooLarge
		);
		// Duplicate and stale versions.
		assert_noop!(
			Sanctions::update_list(officer(), 3, DIGEST, vec![BOB], vec![]),
			Error::<Test>::StaleListVersion
		);
		assert_noop!(
			Sanctions::update_list(officer(), 2, DIGEST, vec![BOB], vec![]),
			Error::<Test>::StaleListVersion
		);
		assert_noop!(
			Sanctions::update_list(officer(), 4, DIGEST, vec![BOB, BOB], vec![]),
			Error::<Test>::DuplicateAccount
		);
		assert_noop!(
			Sanctions::update_list(
				RuntimeOrigin::signed(COMMITTEE),
				4,
				DIGEST,
				vec![BOB],
				vec![BOB]
			),
			Error::<Test>::DuplicateAccount
		);
		// A bad entry after good ones: nothing of the good ones is written either.
		assert_noop!(
			Sanctions::update_list(officer(), 4, DIGEST, vec![BOB, ALICE], vec![]),
			Error::<Test>::AlreadyBlocked
		);
		assert_noop!(
			Sanctions::update_list(
				RuntimeOrigin::signed(COMMITTEE),
				4,
				DIGEST,
				vec![BOB],
				vec![CHARLIE]
			),
			Error::<Test>::NotBlocked
		);
		assert!(RecordOnBlocked::take().len() == 1, "only the first, good update notified");
	});
}

#[test]
fn screen_refuses_blocked_parties() {
	new_test_ext().execute_with(|| {
		assert_ok!(Sanctions::update_list(officer(), 1, DIGEST, vec![BOB], vec![]));
		assert_ok!(P::ensure_not_blocked(&ALICE));
		assert_noop!(P::ensure_not_blocked(&BOB), Error::<Test>::AccountBlocked);
		assert_noop!(P::ensure_clear(&ALICE, &BOB), Error::<Test>::AccountBlocked);
		assert_noop!(P::ensure_clear(&BOB, &ALICE), Error::<Test>::AccountBlocked);
		assert_ok!(P::ensure_clear(&ALICE, &CHARLIE));
	});
}

#[test]
fn extension_refuses_blocked_signers_only() {
	new_test_ext().execute_with(|| {
		assert_ok!(Sanctions::update_list(officer(), 1, DIGEST, vec![BOB], vec![]));
		let call: RuntimeCall = polkadot_sdk::frame_system::Call::remark { remark: vec![] }.into();
		let info = DispatchInfo::default();
		let ext = CheckNotBlocked::<Test>::new();
		assert_eq!(
			ext.validate_only(Some(BOB).into(), &call, &info, 0, TransactionSource::External, 0)
				.unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(BLOCKED_SIGNER))
		);
		// Applying in a block refuses it too (validate runs again before dispatch).
		assert!(ext
			.clone()
			.test_run(Some(BOB).into(), &call, &info, 0, 0, |_| Ok(().into()))
			.is_err());
		assert_ok!(ext.validate_only(
			Some(ALICE).into(),
			&call,
			&info,
			0,
			TransactionSource::External,
			0
		));
		// Unsigned: nobody to screen.
		use polkadot_sdk::sp_runtime::traits::{TransactionExtension, TxBaseImplication};
		assert!(ext
			.validate(
				None.into(),
				&call,
				&info,
				0,
				(),
				&TxBaseImplication(&call),
				TransactionSource::External
			)
			.is_ok());
	});
}

#[test]
fn extension_refuses_calls_acting_as_or_paying_a_blocked_party() {
	use genex_primitives::sanctions::mock::MockCallParties;
	new_test_ext().execute_with(|| {
		let call: RuntimeCall = polkadot_sdk::frame_system::Call::remark { remark: vec![] }.into();
		let info = DispatchInfo::default();
		let ext = CheckNotBlocked::<Test>::new();
		// ALICE's call acts as CHARLIE (say, a derivative or a multisig account) and pays BOB.
		MockCallParties::set(&[CHARLIE, BOB]);
		assert_ok!(ext.validate_only(
			Some(ALICE).into(),
			&call,
			&info,
			0,
			TransactionSource::External,
			0
		));
		assert_ok!(Sanctions::update_list(officer(), 1, DIGEST, vec![BOB], vec![]));
		assert_eq!(
			ext.validate_only(Some(ALICE).into(), &call, &info, 0, TransactionSource::External, 0)
				.unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(BLOCKED_PARTY))
		);
		assert!(ext
			.clone()
			.test_run(Some(ALICE).into(), &call, &info, 0, 0, |_| Ok(().into()))
			.is_err());
		// The extension's weight counts one list read per party.
		use genex_primitives::CallParties;
		assert_eq!(<MockCallParties as CallParties<u64, RuntimeCall>>::count(&ALICE, &call), 2);
		MockCallParties::set::<u64>(&[]);
	});
}

mod list_property {
	use super::*;
	use proptest::prelude::*;
	use std::collections::BTreeSet;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		/// Random updates: the chain's list always equals a model set; a failed update changes
		/// nothing; the version only rises.
		#[test]
		fn list_matches_model(updates in proptest::collection::vec(
			(0u32..6, proptest::collection::vec(1u64..8, 0..4), proptest::collection::vec(1u64..8, 0..3)), 1..25)) {
			new_test_ext().execute_with(|| {
				let mut model = BTreeSet::new();
				let mut version: Option<u32> = None;
				for (step, add, remove) in updates {
					let v = version.unwrap_or(0) + step;
					let before = (ListInfo::<Test>::get(), Blocked::<Test>::iter().collect::<BTreeSet<_>>());
					let ok = Sanctions::update_list(RuntimeOrigin::signed(COMMITTEE), v, DIGEST, add.clone(), remove.clone()).is_ok();
					if ok {
						prop_assert!(version.is_none_or(|c| v > c), "version must rise");
						version = Some(v);
						for a in &add { model.insert(*a); }
						for r in &remove { model.remove(r); }
					} else {
						let after = (ListInfo::<Test>::get(), Blocked::<Test>::iter().collect::<BTreeSet<_>>());
						prop_assert_eq!(before, after);
					}
					let chain: BTreeSet<u64> = Blocked::<Test>::iter_keys().collect();
					prop_assert_eq!(&chain, &model);
					P::do_try_state().expect("state holds");
				}
				Ok(())
			})?;
		}
	}
}
