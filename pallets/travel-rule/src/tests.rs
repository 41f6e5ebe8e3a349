use crate::{
	mock::*, Error, Event, NextRecordId, Records, Threshold, TransferredAsset, TravelRuleData,
	VaspId,
};
use genex_primitives::TravelRule as _;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_core::H256,
	sp_runtime::DispatchError,
};

type P = crate::Pallet<Test>;

fn data(o: &[u8], b: &[u8]) -> TravelRuleData {
	TravelRuleData {
		payload_commitment: H256::repeat_byte(9),
		originator_vasp: VaspId::truncate_from(o.to_vec()),
		beneficiary_vasp: VaspId::truncate_from(b.to_vec()),
	}
}

#[test]
fn default_threshold_then_governance_sets_it() {
	new_test_ext().execute_with(|| {
		assert_eq!(P::threshold(), 3_000);
		assert_ok!(P::ensure_below_threshold(2_999));
		assert_noop!(P::ensure_below_threshold(3_000), Error::<Test>::TravelRuleRequired);
		assert_ok!(TravelRule::set_threshold(RuntimeOrigin::root(), 1_000));
		assert_eq!(last_event(), Event::ThresholdSet { threshold: 1_000 });
		assert_eq!(Threshold::<Test>::get(), Some(1_000));
		assert_noop!(P::ensure_below_threshold(1_000), Error::<Test>::TravelRuleRequired);
	});
}

/// Issue 14, item 6: the gate holds one sender's P2P value in the rolling window plus the
/// transfer against the threshold, not the transfer alone.
#[test]
fn the_gate_aggregates_the_senders_window() {
	new_test_ext().execute_with(|| {
		// 2,999 twice: each below 3,000, together above it.
		assert_ok!(P::ensure_below_threshold_for(0, 2_999));
		assert_noop!(
			P::ensure_below_threshold_for(2_999, 2_999),
			Error::<Test>::TravelRuleRequired
		);
		// A near miss passes; reaching the threshold exactly does not.
		assert_ok!(P::ensure_below_threshold_for(1_500, 1_499));
		assert_noop!(
			P::ensure_below_threshold_for(1_500, 1_500),
			Error::<Test>::TravelRuleRequired
		);
		// Once past it, even the smallest plain transfer must be routed.
		assert_noop!(P::ensure_below_threshold_for(3_000, 1), Error::<Test>::TravelRuleRequired);
		// No overflow at the top of the range.
		assert_noop!(
			P::ensure_below_threshold_for(u128::MAX, 1),
			Error::<Test>::TravelRuleRequired
		);
		// The per-value form is the same gate with an empty window.
		assert_ok!(P::ensure_below_threshold(2_999));
		assert_noop!(P::ensure_below_threshold(3_000), Error::<Test>::TravelRuleRequired);
	});
}

#[test]
fn set_threshold_failures() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TravelRule::set_threshold(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroThreshold
		);
		assert_noop!(
			TravelRule::set_threshold(RuntimeOrigin::signed(ALICE), 5),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn validate_rejects_empty_vasp_ids() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::validate(&data(b"LEI-A", b"LEI-B")));
		assert_noop!(P::validate(&data(b"", b"LEI-B")), Error::<Test>::EmptyVaspId);
		assert_noop!(P::validate(&data(b"LEI-A", b"")), Error::<Test>::EmptyVaspId);
	});
}

#[test]
fn records_are_kept_emitted_and_bounded() {
	new_test_ext().execute_with(|| {
		let d = data(b"vasp.a", b"vasp.b");
		assert_eq!(P::record(&ALICE, &BOB, TransferredAsset::Settlement, 5_000, d.clone()), 0);
		assert_eq!(
			last_event(),
			Event::TransferRecorded {
				id: 0,
				from: ALICE,
				to: BOB,
				asset: TransferredAsset::Settlement,
				value: 5_000,
				payload_commitment: d.payload_commitment,
				originator_vasp: d.originator_vasp.clone(),
				beneficiary_vasp: d.beneficiary_vasp.clone(),
			}
		);
		let stored = Records::<Test>::get(0).expect("kept");
		assert_eq!((stored.from, stored.to, stored.value, stored.at), (ALICE, BOB, 5_000, 1));
		for i in 1..5u64 {
			assert_eq!(
				P::record(&ALICE, &BOB, TransferredAsset::Coupon { series: i }, 10, d.clone()),
				i
			);
		}
		// Three kept: ids 2, 3, 4.
		assert_eq!(NextRecordId::<Test>::get(), 5);
		assert_eq!(Records::<Test>::iter_keys().count(), 3);
		assert!(Records::<Test>::get(1).is_none() && Records::<Test>::get(2).is_some());
		P::do_try_state().expect("state holds");
	});
}
