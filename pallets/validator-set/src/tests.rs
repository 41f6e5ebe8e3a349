//! Unit tests: every call, every failure path, and the session glue.

use crate::{mock::*, Error, Event, ForcedOrPeriodicSessions, PendingRotations, Validators};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::ConstU64},
	pallet_session::{SessionManager, ShouldEndSession},
	sp_runtime::DispatchError,
};

type Sessions = ForcedOrPeriodicSessions<Test, ConstU64<10>, ConstU64<0>>;

fn set() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn genesis_set_is_sorted() {
	new_test_ext().execute_with(|| {
		assert_eq!(set(), vec![1, 2, 3]);
		assert_eq!(PendingRotations::<Test>::get(), 0);
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
		assert_eq!(ValidatorSet::validators(), vec![1, 2, 3]);
		ValidatorSet::do_try_state().expect("invariants hold");
	});
}

#[test]
fn governance_adds_a_validator() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 7));
		assert_eq!(set(), vec![1, 2, 3, 7]);
		assert_eq!(PendingRotations::<Test>::get(), 2);
		System::assert_last_event(Event::ValidatorAdded { who: 7 }.into());
		ValidatorSet::do_try_state().expect("invariants hold");
	});
}

#[test]
fn governance_removes_a_validator() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(set(), vec![1, 3]);
		assert_eq!(PendingRotations::<Test>::get(), 2);
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
	});
}

#[test]
fn non_governance_origins_are_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 7),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::none(), 7),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn adding_twice_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn adding_without_session_keys_is_refused() {
	new_test_ext().execute_with(|| {
		unregister(9);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NoSessionKeys
		);
	});
}

#[test]
fn the_set_is_bounded() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn removing_a_non_validator_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn the_last_validator_cannot_be_removed() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(set(), vec![3]);
	});
}

#[test]
fn sessions_end_periodically_when_nothing_changed() {
	new_test_ext().execute_with(|| {
		assert!(Sessions::should_end_session(10));
		assert!(Sessions::should_end_session(20));
		assert!(!Sessions::should_end_session(11));
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn a_change_forces_two_boundaries_then_returns_to_the_grid() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 7));
		// First forced boundary: the new set is queued.
		assert!(Sessions::should_end_session(11));
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 2, 3, 7]));
		System::assert_last_event(Event::ValidatorSetQueued { session: 5, validators: 4 }.into());
		// Second forced boundary: the queued set becomes active; nothing new is queued.
		assert!(Sessions::should_end_session(12));
		assert_eq!(ValidatorSet::new_session(6), None);
		// Back to periodic sessions.
		assert_eq!(PendingRotations::<Test>::get(), 0);
		assert!(!Sessions::should_end_session(13));
		assert!(Sessions::should_end_session(20));
	});
}

#[test]
fn a_second_change_while_pending_restarts_the_rotation() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 7));
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 2, 3, 7]));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_eq!(ValidatorSet::new_session(6), Some(vec![2, 3, 7]));
		assert_eq!(ValidatorSet::new_session(7), None);
		assert_eq!(PendingRotations::<Test>::get(), 0);
	});
}

#[test]
#[should_panic(expected = "genesis validators must not repeat")]
fn genesis_rejects_duplicates() {
	use polkadot_sdk::sp_runtime::BuildStorage;
	let _ = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: crate::GenesisConfig { initial_validators: vec![1, 1] },
	}
	.build_storage();
}

#[test]
fn integrity_test_holds() {
	use polkadot_sdk::frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		<ValidatorSet as Hooks<u64>>::integrity_test();
	});
}

mod properties {
	use super::*;
	use crate::ROTATIONS_PER_CHANGE;
	use polkadot_sdk::frame_support::storage::with_storage_layer;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Add { who: u64, root: bool },
		Remove { who: u64, root: bool },
		Unregister(u64),
		Rotate,
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0u64..10, any::<bool>()).prop_map(|(who, root)| Op::Add { who, root }),
			(0u64..10, any::<bool>()).prop_map(|(who, root)| Op::Remove { who, root }),
			(0u64..10).prop_map(Op::Unregister),
			Just(Op::Rotate),
		]
	}

	proptest! {
		/// Any sequence of governance and non-governance calls and session rotations keeps the
		/// set sorted, unique, within [MinValidators, MaxValidators]; a failed call changes
		/// nothing; a successful one schedules exactly two forced boundaries; the set handed to
		/// the session pallet is always the stored set.
		#[test]
		fn validator_set_invariants_hold(ops in prop::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				let mut session = 2u32;
				for op in ops {
					let before = (set(), PendingRotations::<Test>::get());
					let result = match op {
						Op::Add { who, root } => with_storage_layer(|| ValidatorSet::add_validator(
							if root { RuntimeOrigin::root() } else { RuntimeOrigin::signed(who) },
							who,
						)),
						Op::Remove { who, root } => with_storage_layer(|| ValidatorSet::remove_validator(
							if root { RuntimeOrigin::root() } else { RuntimeOrigin::signed(who) },
							who,
						)),
						Op::Unregister(who) => { unregister(who); Ok(()) },
						Op::Rotate => {
							session += 1;
							let handed = ValidatorSet::new_session(session);
							if before.1 == ROTATIONS_PER_CHANGE {
								assert_eq!(handed, Some(before.0.clone()));
							} else {
								assert_eq!(handed, None);
							}
							Ok(())
						},
					};
					match (&op, result) {
						(Op::Add { .. } | Op::Remove { .. }, Err(_)) =>
							assert_eq!((set(), PendingRotations::<Test>::get()), before),
						(Op::Add { .. } | Op::Remove { .. }, Ok(())) =>
							assert_eq!(PendingRotations::<Test>::get(), ROTATIONS_PER_CHANGE),
						_ => {},
					}
					ValidatorSet::do_try_state().expect("invariants hold");
					assert!(!set().is_empty());
				}
			});
		}
	}
}
