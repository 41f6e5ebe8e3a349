//! Only the super-majority reaches Root; the call runs as Root; every decision, a failed one
//! included, is recorded.

use crate::{mock::*, Event};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo},
	frame_system,
	sp_runtime::{traits::Hash, DispatchError},
};

fn set_storage() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(b":genex:test".to_vec(), b"root".to_vec())],
	})
}

#[test]
fn only_the_council_super_majority_dispatches_as_root() {
	new_test_ext().execute_with(|| {
		// A Root-only call fails for anyone else, even wrapped.
		assert_noop!(
			Governance::dispatch_as_root(RuntimeOrigin::signed(1), Box::new(set_storage())),
			DispatchError::BadOrigin
		);
		assert_ok!(Governance::dispatch_as_root(
			RuntimeOrigin::signed(COUNCIL),
			Box::new(set_storage())
		));
		assert_eq!(
			polkadot_sdk::sp_io::storage::get(b":genex:test").map(|v| v.to_vec()),
			Some(b"root".to_vec())
		);
		System::assert_last_event(
			Event::DispatchedAsRoot {
				call_hash: <Test as frame_system::Config>::Hashing::hash_of(&set_storage()),
				result: Ok(()),
			}
			.into(),
		);
	});
}

#[test]
fn a_failing_call_is_recorded_with_its_error() {
	new_test_ext().execute_with(|| {
		// Applying an upgrade nobody authorized fails inside; the decision stays on record.
		let call = RuntimeCall::System(frame_system::Call::apply_authorized_upgrade {
			code: vec![1, 2, 3],
		});
		assert_ok!(Governance::dispatch_as_root(RuntimeOrigin::signed(COUNCIL), Box::new(call)));
		let recorded = System::events().into_iter().rev().find_map(|r| match r.event {
			RuntimeEvent::Governance(Event::DispatchedAsRoot { result, .. }) => Some(result),
			_ => None,
		});
		assert!(matches!(recorded, Some(Err(_))), "{recorded:?}");
	});
}

#[test]
fn the_inner_calls_weight_is_charged() {
	let call = set_storage();
	let inner = call.get_dispatch_info().call_weight;
	let outer = RuntimeCall::Governance(crate::Call::dispatch_as_root { call: Box::new(call) })
		.get_dispatch_info()
		.call_weight;
	assert!(outer.ref_time() > inner.ref_time());
	assert!(outer.all_gte(inner));
}
