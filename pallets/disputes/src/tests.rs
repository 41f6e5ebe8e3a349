//! Unit tests: every call and every failure path (`assert_noop!`), each ruling's execution
//! (payment, burn or unlock, deposit returned or burned, credit), the SRS deadlines, and the
//! storage invariants after each test.

use crate::{
	mock::*, Arbitrators, Category, Disputes, Error, Event, OpenClaims, Ruler, Ruling, Status,
};
use codec::Encode;
use genex_primitives::{
	coupons::mock::{MockCoupons, MOCK_CANNOT_MOVE},
	disputes::{mock::MockClaimFunds, Collateral},
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	Retirement,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
	},
	sp_core::H256,
	sp_runtime::{DispatchError, Perbill, TokenError},
};

type P = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn evidence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Disputes(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn held(who: u64) -> u128 {
	Balances::total_balance_on_hold(&who)
}

/// Runs `test` and then checks the storage invariants.
fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		P::do_try_state().expect("invariants hold");
	});
}

/// HOLDER opens dispute 0 about 4 units.
fn open_one() {
	assert_ok!(P::open(signed(HOLDER), 0, 4, Category::CannotRedeem, evidence(1)));
}

fn ruled(id: u64) -> Option<(Ruling, Ruler<u64>, u128, u128)> {
	events().into_iter().rev().find_map(|e| match e {
		Event::Ruled { id: i, ruling, by, paid, shortfall, .. } if i == id => {
			Some((ruling, by, paid, shortfall))
		},
		_ => None,
	})
}

#[test]
fn open_locks_the_units_and_holds_the_deposit() {
	run(|| {
		open_one();
		assert_eq!(MockCoupons::locked_of(0, &HOLDER), 4);
		assert_eq!(held(HOLDER), DEPOSIT);
		assert_eq!(OpenClaims::<Test>::get(HOLDER), 1);
		let dispute = Disputes::<Test>::get(0).expect("stored");
		assert_eq!(
			(dispute.claimant, dispute.respondent, dispute.units, dispute.status),
			(HOLDER, ISSUER, 4, Status::Open)
		);
		assert_eq!(
			events(),
			vec![Event::Opened {
				id: 0,
				claimant: HOLDER,
				respondent: ISSUER,
				series: 0,
				units: 4,
				category: Category::CannotRedeem,
				evidence: evidence(1),
				respond_by: 1 + RESPOND,
				rule_by: 1 + HANDLE,
			}]
		);
	});
}

#[test]
fn open_refuses_bad_claims() {
	run(|| {
		let open = |who, series, units| {
			P::open(signed(who), series, units, Category::NotAsDescribed, evidence(1))
		};
		assert_noop!(open(HOLDER, 0, 0), Error::<Test>::ZeroUnits);
		assert_noop!(open(HOLDER, 9, 1), Error::<Test>::UnknownSeries);
		// The issuer and its affiliate cannot claim against the issuer.
		assert_noop!(open(ISSUER, 0, 1), Error::<Test>::InsiderClaim);
		assert_noop!(open(AFFILIATE, 0, 1), Error::<Test>::InsiderClaim);
		// More units than held.
		assert_noop!(open(HOLDER, 0, 11), MOCK_CANNOT_MOVE);
		// No native balance for the deposit (holds units, nothing else).
		MockCoupons::set_balance(0, &7u64, 3);
		assert_noop!(open(7, 0, 1), TokenError::FundsUnavailable);
		MockSanctions::set(&HOLDER, true);
		assert_noop!(open(HOLDER, 0, 1), MOCK_BLOCKED);
		MockSanctions::set(&HOLDER, false);
		// Two open disputes at most.
		assert_ok!(open(HOLDER, 0, 1));
		assert_ok!(open(HOLDER, 0, 1));
		assert_noop!(open(HOLDER, 0, 1), Error::<Test>::TooManyOpenDisputes);
		// The mock's locks live outside storage: the two disputes locked 2 units only.
		assert_eq!(MockCoupons::locked_of(0, &HOLDER), 2);
	});
}

#[test]
fn the_issuer_answers_within_a_day() {
	run(|| {
		open_one();
		assert_noop!(P::respond(signed(HOLDER), 0, evidence(2)), Error::<Test>::NotRespondent);
		assert_noop!(P::respond(signed(ISSUER), 5, evidence(2)), Error::<Test>::UnknownDispute);
		System::set_block_number(1 + RESPOND);
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		let dispute = Disputes::<Test>::get(0).expect("stored");
		assert_eq!((dispute.status, dispute.response), (Status::Answered, Some(evidence(2))));
		assert_eq!(events().last(), Some(&Event::Answered { id: 0, evidence: evidence(2) }));
		assert_noop!(P::respond(signed(ISSUER), 0, evidence(3)), Error::<Test>::NotOpen);
		// Too late for another dispute opened at block 1.
		assert_ok!(P::open(signed(OTHER), 0, 1, Category::PaymentDispute, evidence(4)));
		System::set_block_number(2 + 2 * RESPOND);
		assert_noop!(P::respond(signed(ISSUER), 1, evidence(5)), Error::<Test>::ResponseTooLate);
	});
}

#[test]
fn a_full_refund_pays_the_face_value_and_takes_the_coupons_back() {
	run(|| {
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		assert_ok!(P::rule(signed(ARBITER), 0, Ruling::Refund(Perbill::one())));
		assert_eq!(
			ruled(0),
			Some((Ruling::Refund(Perbill::one()), Ruler::Arbitrator(ARBITER), 400, 0))
		);
		assert_eq!(MockClaimFunds::paid(), vec![(ISSUER.encode(), HOLDER.encode(), 400)]);
		// An arbitrator weighed it: the issuer's whole collateral may pay.
		assert_eq!(MockClaimFunds::drawn(), vec![Collateral::All]);
		assert_eq!(MockCoupons::burns(), vec![(0, HOLDER.encode(), 4, Retirement::Compensated)]);
		assert_eq!(MockCoupons::balance_of(0, &HOLDER), 6);
		assert_eq!(MockCoupons::locked_of(0, &HOLDER), 0);
		assert_eq!(MockClaimFunds::upheld(&ISSUER), 1);
		assert_eq!(held(HOLDER), 0);
		assert_eq!(Balances::total_balance(&HOLDER), NATIVE);
		assert!(Disputes::<Test>::get(0).is_none());
		assert_eq!(OpenClaims::<Test>::get(HOLDER), 0);
	});
}

#[test]
fn a_partial_refund_buys_the_units_back_at_that_share() {
	run(|| {
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		assert_ok!(P::rule(signed(ARBITER), 0, Ruling::Refund(Perbill::from_percent(25))));
		assert_eq!(
			ruled(0),
			Some((Ruling::Refund(Perbill::from_percent(25)), Ruler::Arbitrator(ARBITER), 100, 0))
		);
		assert_eq!(MockCoupons::burns(), vec![(0, HOLDER.encode(), 4, Retirement::Compensated)]);
		assert_eq!(
			(MockCoupons::balance_of(0, &HOLDER), MockCoupons::locked_of(0, &HOLDER)),
			(6, 0)
		);
		assert_eq!(MockClaimFunds::upheld(&ISSUER), 1);
	});
}

#[test]
fn what_the_issuer_cannot_pay_is_published_as_a_shortfall() {
	run(|| {
		MockClaimFunds::set_purse(&ISSUER, 150);
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		assert_ok!(P::rule(signed(ARBITER), 0, Ruling::Refund(Perbill::one())));
		assert_eq!(
			ruled(0),
			Some((Ruling::Refund(Perbill::one()), Ruler::Arbitrator(ARBITER), 150, 250))
		);
		// 150 of 400 paid: ⌈4 × 150 / 400⌉ = 2 units go back, 2 stay (unpaid, unlocked).
		assert_eq!(MockCoupons::burns(), vec![(0, HOLDER.encode(), 2, Retirement::Compensated)]);
		assert_eq!(
			(MockCoupons::balance_of(0, &HOLDER), MockCoupons::locked_of(0, &HOLDER)),
			(8, 0)
		);
	});
}

#[test]
fn a_rejected_claim_unlocks_the_units_and_returns_the_deposit() {
	run(|| {
		open_one();
		assert_ok!(P::rule(signed(ARBITER2), 0, Ruling::Reject));
		assert_eq!(ruled(0), Some((Ruling::Reject, Ruler::Arbitrator(ARBITER2), 0, 0)));
		assert_eq!(MockCoupons::locked_of(0, &HOLDER), 0);
		assert_eq!((held(HOLDER), Balances::total_balance(&HOLDER)), (0, NATIVE));
		assert!(MockClaimFunds::paid().is_empty());
		assert_eq!(MockClaimFunds::upheld(&ISSUER), 0);
	});
}

#[test]
fn a_malicious_claim_costs_the_deposit() {
	run(|| {
		open_one();
		let issuance = Balances::total_issuance();
		assert_ok!(P::rule(signed(ARBITER), 0, Ruling::Malicious));
		assert_eq!(ruled(0), Some((Ruling::Malicious, Ruler::Arbitrator(ARBITER), 0, 0)));
		assert_eq!(Balances::total_balance(&HOLDER), NATIVE - DEPOSIT);
		assert_eq!(Balances::total_issuance(), issuance - DEPOSIT);
		assert_eq!(MockCoupons::locked_of(0, &HOLDER), 0);
	});
}

#[test]
fn only_an_arbitrator_without_a_conflict_or_governance_rules() {
	run(|| {
		open_one();
		let full = Ruling::Refund(Perbill::one());
		assert_noop!(P::rule(signed(OTHER), 0, full), Error::<Test>::NotArbitrator);
		// The issuer is heard first: no refund before its answer or its deadline.
		assert_noop!(P::rule(signed(ARBITER), 0, full), Error::<Test>::AwaitingResponse);
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		assert_noop!(P::rule(signed(ARBITER), 3, full), Error::<Test>::UnknownDispute);
		assert_noop!(
			P::rule(signed(ARBITER), 0, Ruling::Refund(Perbill::zero())),
			Error::<Test>::ZeroRefund
		);
		// An arbitrator who is the claimant, the issuer or its affiliate may not rule.
		for conflicted in [HOLDER, ISSUER, AFFILIATE] {
			assert_ok!(P::set_arbitrators(RuntimeOrigin::root(), vec![ARBITER, conflicted]));
			assert_noop!(P::rule(signed(conflicted), 0, full), Error::<Test>::ConflictOfInterest);
		}
		// Governance may.
		assert_ok!(P::rule(RuntimeOrigin::root(), 0, Ruling::Reject));
		assert_eq!(ruled(0), Some((Ruling::Reject, Ruler::Governance, 0, 0)));
	});
}

#[test]
fn a_silent_issuer_loses_by_default_after_a_day() {
	run(|| {
		open_one();
		assert_noop!(P::rule_by_default(signed(HOLDER), 0), Error::<Test>::RespondentNotSilent);
		System::set_block_number(1 + RESPOND);
		assert_noop!(P::rule_by_default(signed(HOLDER), 0), Error::<Test>::RespondentNotSilent);
		System::set_block_number(2 + RESPOND);
		// Only the claimant takes it.
		assert_noop!(P::rule_by_default(signed(OTHER), 0), Error::<Test>::NotClaimant);
		assert_ok!(P::rule_by_default(signed(HOLDER), 0));
		// The issue price (90 of the face value of 100) of each unit, all units back.
		let share = Perbill::from_percent(90);
		assert_eq!(ruled(0), Some((Ruling::Refund(share), Ruler::Default, 360, 0)));
		// No one weighed it: only the deposit the issuer could withdraw itself may pay.
		assert_eq!(MockClaimFunds::drawn(), vec![Collateral::Surplus]);
		assert_eq!(MockCoupons::burns(), vec![(0, HOLDER.encode(), 4, Retirement::Compensated)]);
		assert_eq!(MockClaimFunds::upheld(&ISSUER), 1);
		assert_noop!(P::rule_by_default(signed(HOLDER), 0), Error::<Test>::UnknownDispute);
	});
}

#[test]
fn an_answered_dispute_is_not_ruled_by_default() {
	run(|| {
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		System::set_block_number(2 + RESPOND);
		assert_noop!(P::rule_by_default(signed(HOLDER), 0), Error::<Test>::RespondentNotSilent);
	});
}

#[test]
fn an_unruled_dispute_escalates_after_three_days() {
	run(|| {
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		System::set_block_number(1 + HANDLE);
		assert_noop!(P::escalate(signed(HOLDER), 0), Error::<Test>::NotOverdue);
		assert_noop!(P::escalate(signed(HOLDER), 4), Error::<Test>::UnknownDispute);
		System::set_block_number(2 + HANDLE);
		assert_ok!(P::escalate(signed(OTHER), 0));
		assert_eq!(events().last(), Some(&Event::Escalated { id: 0 }));
		assert_eq!(Disputes::<Test>::get(0).map(|d| d.status), Some(Status::Escalated));
		assert_noop!(P::escalate(signed(OTHER), 0), Error::<Test>::NotOverdue);
		// An escalated dispute is not ruled by default, even if it was never answered.
		assert_noop!(P::rule_by_default(signed(HOLDER), 0), Error::<Test>::RespondentNotSilent);
		assert_ok!(P::rule(RuntimeOrigin::root(), 0, Ruling::Refund(Perbill::one())));
		assert_eq!(ruled(0).map(|r| r.1), Some(Ruler::Governance));
	});
}

#[test]
fn an_unanswered_dispute_does_not_escalate_the_claimant_takes_the_default() {
	run(|| {
		open_one();
		System::set_block_number(2 + HANDLE);
		assert_noop!(P::escalate(signed(ISSUER), 0), Error::<Test>::Unanswered);
		assert_ok!(P::rule_by_default(signed(HOLDER), 0));
	});
}

#[test]
fn the_claimant_may_withdraw() {
	run(|| {
		open_one();
		assert_noop!(P::withdraw(signed(OTHER), 0), Error::<Test>::NotClaimant);
		assert_noop!(P::withdraw(signed(HOLDER), 1), Error::<Test>::UnknownDispute);
		assert_ok!(P::withdraw(signed(HOLDER), 0));
		assert_eq!(events().last(), Some(&Event::Withdrawn { id: 0 }));
		assert_eq!((MockCoupons::locked_of(0, &HOLDER), held(HOLDER)), (0, 0));
		assert!(Disputes::<Test>::get(0).is_none());
		assert!(!OpenClaims::<Test>::contains_key(HOLDER));
		// Once answered, only a ruling ends a dispute.
		open_one();
		assert_ok!(P::respond(signed(ISSUER), 1, evidence(2)));
		assert_noop!(P::withdraw(signed(HOLDER), 1), Error::<Test>::NotOpen);
	});
}

#[test]
fn governance_appoints_the_arbitrators() {
	run(|| {
		assert_eq!(Arbitrators::<Test>::get().to_vec(), vec![ARBITER, ARBITER2]);
		assert_noop!(P::set_arbitrators(signed(ARBITER), vec![ARBITER]), DispatchError::BadOrigin);
		assert_noop!(
			P::set_arbitrators(RuntimeOrigin::root(), vec![ARBITER, ARBITER]),
			Error::<Test>::DuplicateArbitrator
		);
		assert_noop!(
			P::set_arbitrators(RuntimeOrigin::root(), vec![20, 21, 22, 23]),
			Error::<Test>::TooManyArbitrators
		);
		assert_ok!(P::set_arbitrators(RuntimeOrigin::root(), vec![ARBITER2]));
		assert_eq!(events().last(), Some(&Event::ArbitratorsSet { arbitrators: vec![ARBITER2] }));
		open_one();
		assert_noop!(P::rule(signed(ARBITER), 0, Ruling::Reject), Error::<Test>::NotArbitrator);
	});
}

#[test]
fn a_blocked_claimant_cannot_open_but_its_open_dispute_can_be_ruled() {
	run(|| {
		open_one();
		MockSanctions::set(&HOLDER, true);
		assert_noop!(
			P::open(signed(HOLDER), 0, 1, Category::CannotRedeem, evidence(1)),
			MOCK_BLOCKED
		);
		// No refund to a blocked account; a rejection is possible.
		assert_ok!(P::respond(signed(ISSUER), 0, evidence(2)));
		assert_noop!(P::rule(signed(ARBITER), 0, Ruling::Refund(Perbill::one())), MOCK_BLOCKED);
		assert_ok!(P::rule(signed(ARBITER), 0, Ruling::Reject));
	});
}

#[test]
fn units_bought_back_follow_what_was_paid() {
	assert_eq!(P::units_bought_back(10, 1_000, 1_000), 10);
	assert_eq!(P::units_bought_back(10, 0, 1_000), 0);
	assert_eq!(P::units_bought_back(10, 1, 1_000), 1);
	assert_eq!(P::units_bought_back(10, 999, 1_000), 10);
	assert_eq!(P::units_bought_back(10, 500, 1_000), 5);
	assert_eq!(P::units_bought_back(u64::MAX, u128::MAX - 1, u128::MAX), u64::MAX);
	assert_eq!(P::units_bought_back(10, 0, 0), 0);
}
