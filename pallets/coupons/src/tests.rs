//! Unit tests: every call and failure path (`assert_noop!`), expiry and breakage, the ledger the
//! redemption pallet uses, and a property test of the supply invariants.

use crate::{
	mock::*, AccountUnits, Error, Event, ExpiringAt, ExpiryCursor, Holdings, IssuerStats,
	MinFaceValue, MinValidity, SeriesOf, SeriesTerms, ValidityClass, WeightInfo, DAY_MS,
	US_GIFT_CARD_MIN_VALIDITY,
};
use genex_primitives::{
	credit::{mock::MockCredit, MOCK_LIMIT, NOT_AN_ISSUER},
	kyc::{mock::MockKyc, MOCK_LEVEL_TOO_LOW, MOCK_LIMIT_EXCEEDED},
	oracle::mock::MockOracle,
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	settlement::{mock::MockSettlement, MOCK_INSUFFICIENT},
	travel_rule::{mock::MockTravelRule, MOCK_TRAVEL_RULE_REQUIRED},
	CouponKind, CouponLedger, CouponProblem, Retirement, SeriesStatus, TravelRuleData,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, weights::Weight},
	sp_core::H256,
	sp_runtime::DispatchError,
};

type P = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Coupons(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn last_event() -> Event<Test> {
	events().pop().expect("an event")
}

/// Series 0 with 100 units at the issuer; Alice bought 30.
fn setup() {
	assert_ok!(P::create_series(signed(ISSUER), digital(), 100));
	assert_ok!(P::transfer(signed(ISSUER), 0, ALICE, 30));
}

fn db_read() -> Weight {
	use polkadot_sdk::frame_support::traits::Get;
	<<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<
		polkadot_sdk::frame_support::weights::RuntimeDbWeight,
	>>::get()
	.reads(1)
}

fn check() {
	P::do_try_state().expect("invariants hold");
}

fn route() -> TravelRuleData {
	TravelRuleData {
		payload_commitment: H256::repeat_byte(7),
		originator_vasp: b"vasp-a".to_vec().try_into().expect("short"),
		beneficiary_vasp: b"vasp-b".to_vec().try_into().expect("short"),
	}
}

#[test]
fn create_series_mints_within_the_limit() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::create_series(signed(ISSUER), digital(), 100));
		let e = events();
		assert!(matches!(e[0], Event::SeriesCreated { series: 0, issuer: ISSUER, cap: 1_000, .. }));
		assert_eq!(e[1], Event::Minted { series: 0, units: 100, first_serial: 0 });
		assert_eq!(Holdings::<Test>::get(0, ISSUER), 100);
		assert_eq!(MockCredit::outstanding(&ISSUER), 10_000);
		let (info, stats) = P::series_info(0).expect("series");
		assert_eq!(
			(info.status, stats.minted, stats.outstanding_face),
			(SeriesStatus::Active, 100, 10_000)
		);
		assert_eq!(ExpiringAt::<Test>::get((NOW + DAY) / HOUR).into_inner(), vec![0]);
		assert_eq!(ExpiryCursor::<Test>::get(), Some((NOW + DAY) / HOUR));
		check();
	});
}

#[test]
fn create_series_refuses_bad_input() {
	new_test_ext().execute_with(|| {
		let o = || signed(ISSUER);
		assert_noop!(P::create_series(o(), digital(), 0), Error::<Test>::ZeroUnits);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { face_value: 0, ..digital() }, 1),
			Error::<Test>::ZeroFaceValue
		);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { issue_price: 101, ..digital() }, 1),
			Error::<Test>::PriceAboveFace
		);
		assert_noop!(
			P::create_series(
				o(),
				crate::SeriesTerms { kind: CouponKind::Physical, issue_price: 101, ..digital() },
				1
			),
			Error::<Test>::PriceAboveFace
		);
		assert_noop!(
			P::create_series(
				o(),
				crate::SeriesTerms { valid_until: NOW, valid_from: NOW, ..digital() },
				1
			),
			Error::<Test>::InvalidValidity
		);
		assert_noop!(
			P::create_series(
				o(),
				crate::SeriesTerms { valid_from: 0, valid_until: NOW, ..digital() },
				1
			),
			Error::<Test>::ValidityInPast
		);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { terms: vec![], ..digital() }, 1),
			Error::<Test>::EmptyTerms
		);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { terms: vec![1; 33], ..digital() }, 1),
			Error::<Test>::TermsTooLong
		);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { cap: 5, ..digital() }, 6),
			Error::<Test>::CapExceeded
		);
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { face_value: u128::MAX, ..digital() }, 2),
			Error::<Test>::Overflow
		);
		assert_noop!(P::create_series(signed(OTHER), digital(), 1), NOT_AN_ISSUER);
		// 1,001 × 100 > 100,000.
		assert_noop!(
			P::create_series(o(), crate::SeriesTerms { cap: 2_000, ..digital() }, 1_001),
			MOCK_LIMIT
		);
		MockSanctions::set(&ISSUER, true);
		assert_noop!(P::create_series(o(), digital(), 1), MOCK_BLOCKED);
		MockSanctions::set(&ISSUER, false);
		// Financial coupons may sell above face value.
		assert_ok!(P::create_series(
			o(),
			crate::SeriesTerms { kind: CouponKind::Financial, issue_price: 120, ..digital() },
			1
		));
		// Three series per expiry hour in the mock.
		assert_ok!(P::create_series(o(), digital(), 1));
		assert_ok!(P::create_series(o(), digital(), 1));
		assert_noop!(P::create_series(o(), digital(), 1), Error::<Test>::ExpiryHourFull);
		check();
	});
}

#[test]
fn mint_enlarges_within_cap_and_limit() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::create_series(
			signed(ISSUER),
			crate::SeriesTerms { kind: CouponKind::Physical, cap: 300, ..digital() },
			100
		));
		assert_noop!(P::mint(signed(ISSUER), 0, 0), Error::<Test>::ZeroUnits);
		assert_noop!(P::mint(signed(ISSUER), 9, 1), Error::<Test>::UnknownSeries);
		assert_noop!(P::mint(signed(OTHER), 0, 1), Error::<Test>::NotIssuer);
		assert_noop!(P::mint(signed(ISSUER), 0, 201), Error::<Test>::CapExceeded);
		MockCredit::set_issuer(&ISSUER, 15_000);
		assert_noop!(P::mint(signed(ISSUER), 0, 51), MOCK_LIMIT);
		assert_ok!(P::mint(signed(ISSUER), 0, 50));
		assert_eq!(last_event(), Event::Minted { series: 0, units: 50, first_serial: 100 });
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").next_serial, 150);
		assert_ok!(P::delist(RuntimeOrigin::root(), 0, 1));
		assert_noop!(P::mint(signed(ISSUER), 0, 1), Error::<Test>::SeriesDelisted);
		check();
	});
}

#[test]
fn transfer_moves_units_and_counts_sales() {
	new_test_ext().execute_with(|| {
		setup();
		assert_eq!(
			last_event(),
			Event::Transferred {
				series: 0,
				from: ISSUER,
				to: ALICE,
				units: 30,
				travel_rule_record: None
			}
		);
		assert_ok!(P::transfer(signed(ALICE), 0, BOB, 10));
		assert_eq!((Holdings::<Test>::get(0, ALICE), Holdings::<Test>::get(0, BOB)), (20, 10));
		let stats = SeriesOf::<Test>::get(0).expect("series").stats;
		assert_eq!(stats.sold, 30);
		assert_eq!(IssuerStats::<Test>::get(ISSUER).sold, 30);
		assert_eq!(MockKyc::p2p_used(&ALICE), (1_000, 1));
		assert_eq!(AccountUnits::<Test>::get(BOB), 10);
		// All of a holding: the entry goes.
		assert_ok!(P::transfer(signed(BOB), 0, ALICE, 10));
		assert!(!Holdings::<Test>::contains_key(0, BOB));
		check();
	});
}

#[test]
fn transfer_refuses_bad_input_and_compliance_failures() {
	new_test_ext().execute_with(|| {
		setup();
		let a = || signed(ALICE);
		assert_noop!(P::transfer(a(), 0, BOB, 0), Error::<Test>::ZeroUnits);
		assert_noop!(P::transfer(a(), 0, ALICE, 1), Error::<Test>::SelfTransfer);
		assert_noop!(P::transfer(a(), 7, BOB, 1), Error::<Test>::UnknownSeries);
		assert_noop!(P::transfer(a(), 0, BOB, 31), Error::<Test>::InsufficientUnits);
		assert_noop!(P::transfer(a(), 0, CAROL, 1), MOCK_LEVEL_TOO_LOW);
		MockSanctions::set(&BOB, true);
		assert_noop!(P::transfer(a(), 0, BOB, 1), MOCK_BLOCKED);
		MockSanctions::set(&BOB, false);
		MockKyc::set_budget(Some(50));
		assert_noop!(P::transfer(a(), 0, BOB, 1), MOCK_LIMIT_EXCEEDED);
		MockKyc::set_budget(None);
		MockKyc::set_max_holdings(Some(5));
		assert_noop!(P::transfer(a(), 0, BOB, 6), Error::<Test>::HoldingLimitExceeded);
		MockKyc::set_max_holdings(None);
		// 100 × 50 = threshold: must be routed. (The issuer's own top-up is routed: what it
		// sent today counts toward the threshold too.)
		assert_ok!(P::transfer_with_travel_rule(signed(ISSUER), 0, ALICE, 30, route()));
		assert_noop!(P::transfer(a(), 0, BOB, 50), MOCK_TRAVEL_RULE_REQUIRED);
		assert_ok!(P::transfer_with_travel_rule(a(), 0, BOB, 50, route()));
		assert_eq!(
			last_event(),
			Event::Transferred {
				series: 0,
				from: ALICE,
				to: BOB,
				units: 50,
				// The issuer's routed top-up is record 1.
				travel_rule_record: Some(2)
			}
		);
		assert_eq!(MockTravelRule::records(), 2);
		MockCredit::set_frozen(&ISSUER, true);
		assert_noop!(P::transfer(signed(BOB), 0, ALICE, 1), Error::<Test>::IssuerAtRisk);
		MockCredit::set_frozen(&ISSUER, false);
		assert_ok!(P::delist(RuntimeOrigin::root(), 0, 3));
		assert_noop!(P::transfer(signed(BOB), 0, ALICE, 1), Error::<Test>::SeriesDelisted);
		assert_ok!(P::relist(RuntimeOrigin::root(), 0));
		Timestamp::set_timestamp(NOW + DAY);
		assert_noop!(P::transfer(signed(BOB), 0, ALICE, 1), Error::<Test>::SeriesExpired);
		check();
	});
}

#[test]
fn recall_and_refund() {
	new_test_ext().execute_with(|| {
		setup();
		assert_noop!(P::recall(signed(ISSUER), 0, 0, 1), Error::<Test>::ZeroUnits);
		assert_noop!(P::recall(signed(ALICE), 0, 1, 1), Error::<Test>::NotIssuer);
		assert_noop!(P::recall(signed(ISSUER), 3, 1, 1), Error::<Test>::UnknownSeries);
		assert_noop!(P::recall(signed(ISSUER), 0, 71, 1), Error::<Test>::InsufficientUnits);
		assert_ok!(P::recall(signed(ISSUER), 0, 20, 9));
		assert_eq!(last_event(), Event::Recalled { series: 0, units: 20, reason: 9 });
		assert_eq!(MockCredit::outstanding(&ISSUER), 8_000);
		assert_noop!(P::refund(signed(ISSUER), 0, ISSUER, 1, 2), Error::<Test>::SelfTransfer);
		assert_noop!(P::refund(signed(ISSUER), 0, ALICE, 31, 2), Error::<Test>::InsufficientUnits);
		MockSanctions::set(&ALICE, true);
		assert_noop!(P::refund(signed(ISSUER), 0, ALICE, 1, 2), MOCK_BLOCKED);
		MockSanctions::set(&ALICE, false);
		MockSettlement::set(&ISSUER, 100);
		assert_noop!(P::refund(signed(ISSUER), 0, ALICE, 10, 2), MOCK_INSUFFICIENT);
		MockSettlement::set(&ISSUER, 10_000);
		assert_ok!(P::refund(signed(ISSUER), 0, ALICE, 10, 2));
		assert_eq!(
			last_event(),
			Event::Refunded { series: 0, holder: ALICE, units: 10, amount: 900, reason: 2 }
		);
		assert_eq!(MockSettlement::get(&ALICE), 900);
		let stats = SeriesOf::<Test>::get(0).expect("series").stats;
		assert_eq!((stats.recalled, stats.supply()), (30, 70));
		Timestamp::set_timestamp(NOW + DAY);
		assert_noop!(P::recall(signed(ISSUER), 0, 1, 1), Error::<Test>::SeriesExpired);
		check();
	});
}

#[test]
fn delist_and_relist() {
	new_test_ext().execute_with(|| {
		setup();
		assert_noop!(P::delist(signed(ISSUER), 0, 1), DispatchError::BadOrigin);
		assert_noop!(P::delist(RuntimeOrigin::root(), 5, 1), Error::<Test>::UnknownSeries);
		assert_noop!(P::relist(RuntimeOrigin::root(), 0), Error::<Test>::NotDelisted);
		assert_ok!(P::delist(RuntimeOrigin::root(), 0, 4));
		assert_eq!(last_event(), Event::Delisted { series: 0, reason: 4 });
		assert_noop!(P::delist(RuntimeOrigin::root(), 0, 4), Error::<Test>::SeriesDelisted);
		// Delisted coupons can still be redeemed.
		let v = P::verify(0, &ALICE, 1);
		assert_eq!((v.redeemable, v.problem), (true, Some(CouponProblem::Delisted)));
		assert_ok!(P::relist(RuntimeOrigin::root(), 0));
		assert_eq!(last_event(), Event::Relisted { series: 0 });
	});
}

#[test]
fn expiry_sweeps_and_counts_breakage() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(P::transfer(signed(ALICE), 0, BOB, 10));
		// Still valid: nothing happens.
		idle_at(NOW + DAY - 1, Weight::MAX);
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").status, SeriesStatus::Active);
		// Expired but its hour is not over: usable no more, swept later.
		Timestamp::set_timestamp(NOW + DAY);
		assert_eq!(P::verify(0, &ALICE, 1).problem, Some(CouponProblem::Expired));
		idle_at(NOW + DAY + HOUR - 1, Weight::MAX);
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").status, SeriesStatus::Active);
		idle_at(NOW + DAY + HOUR, Weight::MAX);
		let s = SeriesOf::<Test>::get(0).expect("series");
		assert_eq!(s.status, SeriesStatus::Expired);
		// 30 sold units unused → breakage 3,000; the issuer's 70 expire too.
		assert_eq!((s.stats.expired, s.stats.breakage, s.stats.supply()), (100, 3_000, 0));
		assert_eq!(last_event(), Event::SeriesExpired { series: 0, expired: 100, breakage: 3_000 });
		assert_eq!(IssuerStats::<Test>::get(ISSUER).breakage, 3_000);
		assert_eq!(MockCredit::outstanding(&ISSUER), 0);
		let issuer = codec::Encode::encode(&ISSUER);
		assert_eq!(
			MockCredit::retired(),
			vec![
				(issuer.clone(), 3_000, Retirement::Expired),
				(issuer, 7_000, Retirement::Recalled)
			]
		);
		assert_eq!(AccountUnits::<Test>::get(ALICE), 0);
		assert_eq!(ExpiryCursor::<Test>::get(), Some((NOW + DAY) / HOUR + 1));
		assert!(ExpiringAt::<Test>::iter().next().is_none());
		check();
	});
}

#[test]
fn expiry_is_bounded_by_the_idle_weight() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(P::transfer(signed(ALICE), 0, BOB, 10));
		// Room for exactly one holding per block.
		let one = <() as WeightInfo>::expire_idle_hour()
			.saturating_add(<() as WeightInfo>::expire_holdings(1))
			.saturating_add(db_read());
		// The cursor starts at the series' hour: no empty hours to walk.
		assert_eq!(ExpiryCursor::<Test>::get(), Some((NOW + DAY) / HOUR));
		let mut blocks = 0;
		while SeriesOf::<Test>::get(0).expect("series").status != SeriesStatus::Expired
			|| Holdings::<Test>::iter_prefix(0).next().is_some()
		{
			let used = idle_at(NOW + DAY + HOUR, one);
			assert!(one.all_gte(used), "used {used:?} > {one:?}");
			check();
			blocks += 1;
			assert!(blocks < 10, "sweep does not progress");
		}
		// Three holdings, one per block; the series finishes in the third.
		assert_eq!(blocks, 3);
		idle_at(NOW + DAY + HOUR, one);
		assert!(ExpiringAt::<Test>::iter().next().is_none());
		// Too little weight: nothing at all.
		assert_eq!(idle_at(NOW + 3 * DAY, Weight::zero()), db_read());
	});
}

#[test]
fn ledger_burns_for_redemption() {
	new_test_ext().execute_with(|| {
		setup();
		type L = P;
		let burn = |units, serials: &[u64]| {
			<L as CouponLedger<u64, u128>>::burn(0, &ALICE, units, serials, Retirement::Redeemed)
		};
		assert_noop!(burn(0, &[]), Error::<Test>::ZeroUnits);
		assert_noop!(burn(31, &[]), Error::<Test>::InsufficientUnits);
		assert_noop!(burn(1, &[3]), Error::<Test>::WrongSerials);
		assert_ok!(burn(5, &[]));
		assert_eq!(
			last_event(),
			Event::Burned { series: 0, holder: ALICE, units: 5, how: Retirement::Redeemed }
		);
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").stats.redeemed, 5);
		assert_eq!(
			MockCredit::retired(),
			vec![(codec::Encode::encode(&ISSUER), 500, Retirement::Redeemed)]
		);
		assert_eq!(<L as CouponLedger<u64, u128>>::balance(0, &ALICE), 25);
		// Not yet valid.
		assert_ok!(P::create_series(
			signed(ISSUER),
			crate::SeriesTerms { valid_from: NOW + HOUR, ..digital() },
			5
		));
		assert_noop!(
			<L as CouponLedger<u64, u128>>::burn(1, &ISSUER, 1, &[], Retirement::Redeemed),
			Error::<Test>::NotYetValid
		);
		check();
	});
}

#[test]
fn physical_serials_are_redeemed_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::create_series(
			signed(ISSUER),
			crate::SeriesTerms { kind: CouponKind::Physical, ..digital() },
			10
		));
		let burn = |units, serials: &[u64]| {
			<P as CouponLedger<u64, u128>>::burn(0, &ISSUER, units, serials, Retirement::Redeemed)
		};
		assert_noop!(burn(2, &[1]), Error::<Test>::WrongSerials);
		assert_noop!(burn(1, &[10]), Error::<Test>::InvalidSerial);
		assert_noop!(burn(2, &[4, 4]), Error::<Test>::InvalidSerial);
		assert_noop!(burn(9, &[0, 1, 2, 3, 4, 5, 6, 7, 8]), Error::<Test>::WrongSerials);
		assert_ok!(burn(2, &[3, 4]));
		assert_noop!(burn(1, &[4]), Error::<Test>::InvalidSerial);
		// Compensation burns take no serials.
		assert_ok!(<P as CouponLedger<u64, u128>>::burn(
			0,
			&ISSUER,
			1,
			&[],
			Retirement::Compensated
		));
		check();
	});
}

#[test]
fn verify_reports_each_problem() {
	new_test_ext().execute_with(|| {
		setup();
		let v = P::verify(0, &ALICE, 30);
		assert!(v.redeemable && v.problem.is_none() && v.holder_units == 30 && !v.issuer_frozen);
		assert_eq!(P::verify(0, &ALICE, 31).problem, Some(CouponProblem::InsufficientUnits));
		assert_eq!(P::verify(9, &ALICE, 1).problem, Some(CouponProblem::UnknownSeries));
		MockCredit::set_frozen(&ISSUER, true);
		let v = P::verify(0, &ALICE, 1);
		assert!(v.redeemable && v.issuer_frozen);
		assert_eq!(v.problem, Some(CouponProblem::IssuerFrozen));
		Timestamp::set_timestamp(NOW - 1);
		assert_eq!(P::verify(0, &ALICE, 1).problem, Some(CouponProblem::NotYetValid));
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Create(u64),
		Mint(u64, u64),
		Transfer(u8, u8, u64, u64),
		Recall(u64, u64),
		Refund(u8, u64, u64),
		Redeem(u8, u64, u64),
		Idle(u64, u32),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(1u64..50).prop_map(Op::Create),
			(0u64..4, 1u64..50).prop_map(|(s, u)| Op::Mint(s, u)),
			(0u8..4, 0u8..4, 0u64..4, 1u64..40).prop_map(|(a, b, s, u)| Op::Transfer(a, b, s, u)),
			(0u64..4, 1u64..30).prop_map(|(s, u)| Op::Recall(s, u)),
			(0u8..4, 0u64..4, 1u64..20).prop_map(|(a, s, u)| Op::Refund(a, s, u)),
			(0u8..4, 0u64..4, 1u64..20).prop_map(|(a, s, u)| Op::Redeem(a, s, u)),
			(0u64..72, 0u32..4).prop_map(|(h, n)| Op::Idle(h, n)),
		]
	}

	const WHO: [u64; 4] = [ISSUER, ALICE, BOB, CAROL];

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		/// Whatever happens, holdings + (escrow: none without the market) = supply =
		/// minted − redeemed − expired − recalled per series; issuer statistics and account
		/// totals match; the issuer's credit sees the same outstanding face value.
		#[test]
		fn supply_invariants(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				MockKyc::set(&CAROL, genex_primitives::KycLevel::L1);
				let mut clock = NOW;
				for op in ops {
					let _ = match op {
						Op::Create(u) => {
							let terms = crate::SeriesTerms { valid_until: clock + 2 * HOUR, ..digital() };
							P::create_series(signed(ISSUER), terms, u)
						},
						Op::Mint(s, u) => P::mint(signed(ISSUER), s, u),
						Op::Transfer(a, b, s, u) => P::transfer(signed(WHO[a as usize]), s, WHO[b as usize], u).map(|_| ()).map_err(|e| e.error),
						Op::Recall(s, u) => P::recall(signed(ISSUER), s, u, 0),
						Op::Refund(a, s, u) => P::refund(signed(ISSUER), s, WHO[a as usize], u, 0),
						Op::Redeem(a, s, u) => <P as CouponLedger<u64, u128>>::burn(s, &WHO[a as usize], u, &[], Retirement::Redeemed),
						Op::Idle(h, n) => {
							clock = clock.max(NOW + h * HOUR / 4);
							let w = <() as WeightInfo>::expire_idle_hour().saturating_mul(2)
								.saturating_add(<() as WeightInfo>::expire_holdings(n));
							idle_at(clock, w);
							Ok(())
						},
					};
					prop_assert!(P::do_try_state().is_ok(), "{:?}", P::do_try_state());
					prop_assert_eq!(MockCredit::outstanding(&ISSUER), IssuerStats::<Test>::get(ISSUER).outstanding_face);
				}
				Ok(())
			})?;
		}
	}
}

#[test]
fn market_locks_hold_units_until_delivered_or_unlocked() {
	new_test_ext().execute_with(|| {
		setup();
		let lock = |who, units| <P as CouponLedger<u64, u128>>::lock(0, &who, units);
		// Checks before the first write.
		assert_noop!(lock(ALICE, 0), Error::<Test>::ZeroUnits);
		assert_noop!(lock(ALICE, 31), Error::<Test>::InsufficientUnits);
		assert_noop!(
			<P as CouponLedger<u64, u128>>::lock(9, &ALICE, 1),
			Error::<Test>::UnknownSeries
		);
		assert_ok!(lock(ALICE, 20));
		assert_eq!(<P as CouponLedger<u64, u128>>::balance(0, &ALICE), 10);
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ALICE), 20);
		// Locked units cannot be transferred, redeemed or locked twice.
		assert_noop!(P::transfer(signed(ALICE), 0, BOB, 11), Error::<Test>::InsufficientUnits);
		assert_noop!(
			<P as CouponLedger<u64, u128>>::burn(0, &ALICE, 11, &[], Retirement::Redeemed),
			Error::<Test>::InsufficientUnits
		);
		assert_noop!(lock(ALICE, 11), Error::<Test>::InsufficientUnits);
		assert_eq!(P::verify(0, &ALICE, 10).holder_units, 10);
		// Delivery checks.
		let deliver =
			|from, to, units| <P as CouponLedger<u64, u128>>::deliver(0, &from, &to, units);
		assert_noop!(deliver(ALICE, BOB, 21), Error::<Test>::InsufficientLocked);
		assert_noop!(deliver(ALICE, ALICE, 1), Error::<Test>::SelfTransfer);
		MockKyc::set_max_holdings(Some(5));
		assert_noop!(deliver(ALICE, BOB, 6), Error::<Test>::HoldingLimitExceeded);
		MockKyc::set_max_holdings(None);
		assert_ok!(deliver(ALICE, BOB, 15));
		assert_eq!(last_event(), Event::Delivered { series: 0, from: ALICE, to: BOB, units: 15 });
		assert_eq!((Holdings::<Test>::get(0, ALICE), Holdings::<Test>::get(0, BOB)), (15, 15));
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ALICE), 5);
		// Not the issuer: no sale counted.
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").stats.sold, 30);
		// Unlock frees at most what is locked.
		assert_eq!(<P as CouponLedger<u64, u128>>::unlock(0, &ALICE, 9), 5);
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ALICE), 0);
		check();
		// The issuer's delivery is a sale.
		assert_ok!(lock(ISSUER, 10));
		assert_ok!(deliver(ISSUER, BOB, 10));
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").stats.sold, 40);
		assert_eq!(IssuerStats::<Test>::get(ISSUER).sold, 40);
		check();
	});
}

#[test]
fn a_market_batch_settles_netted_once_per_account() {
	new_test_ext().execute_with(|| {
		setup();
		let ledger_lock = |who, units| <P as CouponLedger<u64, u128>>::lock(0, &who, units);
		assert_ok!(ledger_lock(ALICE, 20));
		assert_ok!(ledger_lock(ISSUER, 10));
		let settle = |sold: &[(u64, u64)], bought: &[(u64, u64)]| {
			<P as CouponLedger<u64, u128>>::settle(0, sold, bought)
		};
		// Every check before the first write.
		assert_noop!(settle(&[(ALICE, 5)], &[(BOB, 4)]), Error::<Test>::UnbalancedSettlement);
		assert_noop!(settle(&[(ALICE, 0)], &[]), Error::<Test>::ZeroUnits);
		assert_noop!(settle(&[(ALICE, 1)], &[(BOB, 0), (CAROL, 1)]), Error::<Test>::ZeroUnits);
		assert_noop!(
			settle(&[(ALICE, 5), (ALICE, 5)], &[(BOB, 10)]),
			Error::<Test>::RepeatedAccount
		);
		assert_noop!(settle(&[(ALICE, 5)], &[(ALICE, 5)]), Error::<Test>::RepeatedAccount);
		assert_noop!(settle(&[(ALICE, 21)], &[(BOB, 21)]), Error::<Test>::InsufficientLocked);
		assert_noop!(
			<P as CouponLedger<u64, u128>>::settle(9, &[(ALICE, 1)], &[(BOB, 1)]),
			Error::<Test>::UnknownSeries
		);
		MockKyc::set_max_holdings(Some(5));
		assert_eq!(<P as CouponLedger<u64, u128>>::holding_room(0, &BOB), 5);
		assert_eq!(<P as CouponLedger<u64, u128>>::holding_room(0, &ISSUER), u64::MAX);
		assert_noop!(settle(&[(ALICE, 6)], &[(BOB, 6)]), Error::<Test>::HoldingLimitExceeded);
		MockKyc::set_max_holdings(None);
		// Two sellers (one the issuer: a sale), two buyers; one record write per account.
		assert_ok!(settle(&[(ALICE, 15), (ISSUER, 10)], &[(BOB, 20), (CAROL, 5)]));
		assert_eq!(last_event(), Event::Settled { series: 0, units: 25, sellers: 2, buyers: 2 });
		let held = |who| Holdings::<Test>::get(0, who);
		assert_eq!((held(ISSUER), held(ALICE), held(BOB), held(CAROL)), (60, 15, 20, 5));
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ALICE), 5);
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ISSUER), 0);
		assert_eq!((AccountUnits::<Test>::get(ALICE), AccountUnits::<Test>::get(BOB)), (15, 20));
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").stats.sold, 40);
		assert_eq!(IssuerStats::<Test>::get(ISSUER).sold, 40);
		check();
		// A series that is over settles nothing.
		let until = SeriesOf::<Test>::get(0).expect("series").valid_until;
		Timestamp::set_timestamp(until);
		assert_noop!(settle(&[(ALICE, 5)], &[(BOB, 5)]), Error::<Test>::SeriesExpired);
	});
}

#[test]
fn expiry_takes_locked_units_with_the_holding() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(<P as CouponLedger<u64, u128>>::lock(0, &ALICE, 30));
		let until = SeriesOf::<Test>::get(0).expect("series").valid_until;
		Timestamp::set_timestamp(until);
		assert_eq!(
			<P as CouponLedger<u64, u128>>::ensure_can_deliver(0, &ALICE, &BOB, 1).map(|_| ()),
			Err(Error::<Test>::SeriesExpired.into())
		);
		idle_at(until + 2 * crate::EXPIRY_BUCKET_MS, Weight::MAX);
		assert_eq!(<P as CouponLedger<u64, u128>>::locked(0, &ALICE), 0);
		assert_eq!(<P as CouponLedger<u64, u128>>::unlock(0, &ALICE, 30), 0);
		check();
	});
}

// Refund: a buy-back without the holder's consent pays at least the reference price (issue 14,
// item 12).

/// Alice's stablecoin after the issuer refunds `units` of `series` to her.
fn refunded(series: u64, units: u64) -> u128 {
	let before = MockSettlement::get(&ALICE);
	assert_ok!(P::refund(signed(ISSUER), series, ALICE, units, 2));
	MockSettlement::get(&ALICE).saturating_sub(before)
}

#[test]
fn refund_pays_the_reference_price_when_it_is_above_the_issue_price() {
	new_test_ext().execute_with(|| {
		setup();
		// Issued at 90; the market now values a unit at 95.
		MockOracle::set(0, Some(95));
		assert_eq!(P::refund_unit_price(0, &SeriesOf::<Test>::get(0).expect("series")), 95);
		// The issuer must be able to pay the higher amount: checked before anything moves.
		MockSettlement::set(&ISSUER, 949);
		assert_noop!(P::refund(signed(ISSUER), 0, ALICE, 10, 2), MOCK_INSUFFICIENT);
		MockSettlement::set(&ISSUER, 950);
		assert_ok!(P::refund(signed(ISSUER), 0, ALICE, 10, 2));
		assert_eq!(
			last_event(),
			Event::Refunded { series: 0, holder: ALICE, units: 10, amount: 950, reason: 2 }
		);
		assert_eq!((MockSettlement::get(&ALICE), MockSettlement::get(&ISSUER)), (950, 0));
		assert_eq!(Holdings::<Test>::get(0, ALICE), 20);
		check();
	});
}

#[test]
fn refund_pays_at_least_the_issue_price_and_caps_the_reference_at_face_value() {
	new_test_ext().execute_with(|| {
		setup();
		// No fresh reference price (none, stale or without quorum): the issue price.
		assert_eq!(refunded(0, 1), 90);
		// A reference price below the issue price: still the issue price.
		MockOracle::set(0, Some(50));
		assert_eq!(refunded(0, 1), 90);
		// Digital (and physical) coupons: the reference price counts up to face value only.
		MockOracle::set(0, Some(130));
		assert_eq!(refunded(0, 2), 200);
		// Financial coupons may trade above face value: their reference price counts in full,
		// and their issue price (above face value here) is the floor.
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { kind: CouponKind::Financial, issue_price: 120, ..digital() },
			10
		));
		assert_ok!(P::transfer(signed(ISSUER), 1, ALICE, 5));
		assert_eq!(refunded(1, 1), 120);
		MockOracle::set(1, Some(110));
		assert_eq!(refunded(1, 1), 120);
		MockOracle::set(1, Some(150));
		assert_eq!(refunded(1, 2), 300);
		assert_eq!(
			last_event(),
			Event::Refunded { series: 1, holder: ALICE, units: 2, amount: 300, reason: 2 }
		);
		check();
	});
}

// Minimum validity per coupon kind and jurisdiction: US gift cards, five years (issue 14, item
// 15).

/// A digital gift card sold in the US, valid from now for `validity` ms.
fn us_gift_card(validity: u64) -> SeriesTerms {
	SeriesTerms {
		gift_card: true,
		jurisdiction: Some(*b"US"),
		valid_until: NOW + validity,
		..digital()
	}
}

const DIGITAL_GIFT_CARD: ValidityClass =
	ValidityClass { kind: CouponKind::Digital, gift_card: true };

#[test]
fn genesis_starts_with_us_gift_cards_at_five_years() {
	new_test_ext().execute_with(|| {
		assert_eq!(US_GIFT_CARD_MIN_VALIDITY, 1_827 * DAY_MS);
		for kind in [CouponKind::Physical, CouponKind::Digital, CouponKind::Financial] {
			let gift = ValidityClass { kind, gift_card: true };
			assert_eq!(MinValidity::<Test>::get(gift, *b"US"), Some(US_GIFT_CARD_MIN_VALIDITY));
			let other = ValidityClass { kind, gift_card: false };
			assert_eq!(MinValidity::<Test>::get(other, *b"US"), None);
		}
		assert_eq!(MinValidity::<Test>::iter().count(), 3);
		check();
	});
}

#[test]
fn a_us_gift_card_valid_one_year_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			P::create_series(signed(ISSUER), us_gift_card(YEAR), 1),
			Error::<Test>::ValidityTooShort
		);
		// Near miss: one millisecond short of the minimum is refused, exactly it is accepted.
		assert_noop!(
			P::create_series(signed(ISSUER), us_gift_card(US_GIFT_CARD_MIN_VALIDITY - 1), 1),
			Error::<Test>::ValidityTooShort
		);
		assert_ok!(P::create_series(signed(ISSUER), us_gift_card(US_GIFT_CARD_MIN_VALIDITY), 1));
		assert!(matches!(
			events()[0],
			Event::SeriesCreated { series: 0, gift_card: true, jurisdiction: Some(j), .. }
				if j == *b"US"
		));
		// The time counts from the later of now and `valid_from`: a gift card usable only from
		// tomorrow needs five years from tomorrow.
		assert_noop!(
			P::create_series(
				signed(ISSUER),
				SeriesTerms { valid_from: NOW + DAY, ..us_gift_card(US_GIFT_CARD_MIN_VALIDITY) },
				1
			),
			Error::<Test>::ValidityTooShort
		);
		// Promotional coupons (not gift cards) and gift cards sold where no rule applies keep
		// short validities.
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { gift_card: false, ..us_gift_card(YEAR) },
			1
		));
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { jurisdiction: Some(*b"DE"), ..us_gift_card(YEAR) },
			1
		));
		assert_noop!(
			P::create_series(
				signed(ISSUER),
				SeriesTerms { jurisdiction: Some(*b"us"), ..us_gift_card(YEAR) },
				1
			),
			Error::<Test>::InvalidJurisdiction
		);
		check();
	});
}

#[test]
fn the_issuers_kyc_jurisdiction_applies_too() {
	new_test_ext().execute_with(|| {
		MockJurisdiction::set(ISSUER, Some(*b"US"));
		// Without a declared jurisdiction: the issuer's.
		assert_noop!(
			P::create_series(
				signed(ISSUER),
				SeriesTerms { jurisdiction: None, ..us_gift_card(YEAR) },
				1
			),
			Error::<Test>::ValidityTooShort
		);
		// Declaring another jurisdiction does not escape the issuer's: the longer minimum wins.
		assert_noop!(
			P::create_series(
				signed(ISSUER),
				SeriesTerms { jurisdiction: Some(*b"DE"), ..us_gift_card(YEAR) },
				1
			),
			Error::<Test>::ValidityTooShort
		);
		assert_eq!(
			P::min_validity_for(DIGITAL_GIFT_CARD, Some(*b"DE"), &ISSUER),
			US_GIFT_CARD_MIN_VALIDITY
		);
		// A German issuer selling in the US meets the US rule.
		MockJurisdiction::set(ISSUER, Some(*b"DE"));
		assert_noop!(
			P::create_series(signed(ISSUER), us_gift_card(YEAR), 1),
			Error::<Test>::ValidityTooShort
		);
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { jurisdiction: None, ..us_gift_card(YEAR) },
			1
		));
		check();
	});
}

#[test]
fn governance_sets_and_clears_the_minimum_validity() {
	new_test_ext().execute_with(|| {
		let physical = ValidityClass { kind: CouponKind::Physical, gift_card: false };
		let set = |origin, class, code, min| P::set_min_validity(origin, class, code, min);
		assert_noop!(
			set(signed(ISSUER), physical, *b"DE", Some(30 * DAY)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			set(RuntimeOrigin::root(), physical, *b"D1", Some(30 * DAY)),
			Error::<Test>::InvalidJurisdiction
		);
		assert_ok!(set(RuntimeOrigin::root(), physical, *b"DE", Some(30 * DAY)));
		assert_eq!(
			last_event(),
			Event::MinValiditySet {
				class: physical,
				jurisdiction: *b"DE",
				min_validity: Some(30 * DAY)
			}
		);
		assert_eq!(MinValidity::<Test>::get(physical, *b"DE"), Some(30 * DAY));
		// Physical coupons (not gift cards) sold in Germany now need 30 days.
		let de_physical = |validity| SeriesTerms {
			kind: CouponKind::Physical,
			jurisdiction: Some(*b"DE"),
			valid_until: NOW + validity,
			..digital()
		};
		assert_noop!(
			P::create_series(signed(ISSUER), de_physical(30 * DAY - 1), 1),
			Error::<Test>::ValidityTooShort
		);
		assert_ok!(P::create_series(signed(ISSUER), de_physical(30 * DAY), 1));
		// Zero clears, as `None` does.
		assert_ok!(set(RuntimeOrigin::root(), physical, *b"DE", Some(0)));
		assert_eq!(
			last_event(),
			Event::MinValiditySet { class: physical, jurisdiction: *b"DE", min_validity: None }
		);
		assert_eq!(MinValidity::<Test>::get(physical, *b"DE"), None);
		assert_ok!(P::create_series(signed(ISSUER), de_physical(DAY), 1));
		// Clearing the US gift-card rule lets a one-year US gift card through.
		assert_ok!(set(RuntimeOrigin::root(), DIGITAL_GIFT_CARD, *b"US", None));
		assert_eq!(MinValidity::<Test>::get(DIGITAL_GIFT_CARD, *b"US"), None);
		assert_ok!(P::create_series(signed(ISSUER), us_gift_card(YEAR), 1));
		check();
	});
}

// Minimum face value per coupon kind (issue 14, item 4): before it, an issuer could create a
// series of face value 1 (10⁻¹² GUSD) and fill blocks with free redemptions that cost it nothing.

const KINDS: [CouponKind; 3] = [CouponKind::Physical, CouponKind::Digital, CouponKind::Financial];

#[test]
fn a_new_chain_starts_with_a_minimum_face_value_of_one_gusd() {
	use polkadot_sdk::{sp_io, sp_runtime::BuildStorage};
	let t = RuntimeGenesisConfig::default().build_storage().expect("valid genesis");
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(genex_primitives::STABLECOIN_UNIT, 1_000_000_000_000);
		for kind in KINDS {
			assert_eq!(MinFaceValue::<Test>::get(kind), genex_primitives::STABLECOIN_UNIT);
		}
		assert_eq!(MinFaceValue::<Test>::iter().count(), 3);
	});
}

#[test]
fn a_series_below_the_minimum_face_value_is_refused() {
	new_test_ext().execute_with(|| {
		for kind in KINDS {
			assert_eq!(MinFaceValue::<Test>::get(kind), MIN_FACE);
		}
		let terms =
			|kind, face| SeriesTerms { kind, face_value: face, issue_price: face, ..digital() };
		for kind in KINDS {
			assert_noop!(
				P::create_series(signed(ISSUER), terms(kind, 1), 1),
				Error::<Test>::FaceValueTooLow
			);
			assert_noop!(
				P::create_series(signed(ISSUER), terms(kind, MIN_FACE - 1), 1),
				Error::<Test>::FaceValueTooLow
			);
		}
		// Exactly the minimum is accepted.
		assert_ok!(P::create_series(signed(ISSUER), terms(CouponKind::Digital, MIN_FACE), 1));
		assert!(matches!(
			events()[0],
			Event::SeriesCreated { series: 0, face_value: MIN_FACE, kind: CouponKind::Digital, .. }
		));
		check();
	});
}

#[test]
fn governance_sets_the_minimum_face_value() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			P::set_min_face_value(signed(ISSUER), CouponKind::Digital, 500),
			DispatchError::BadOrigin
		);
		assert_ok!(P::set_min_face_value(RuntimeOrigin::root(), CouponKind::Digital, 500));
		assert_eq!(
			last_event(),
			Event::MinFaceValueSet { kind: CouponKind::Digital, min_face_value: 500 }
		);
		assert_eq!(MinFaceValue::<Test>::get(CouponKind::Digital), 500);
		// Per kind: a digital series of face 100 is now refused, a physical one is not.
		assert_noop!(
			P::create_series(signed(ISSUER), digital(), 1),
			Error::<Test>::FaceValueTooLow
		);
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { kind: CouponKind::Physical, ..digital() },
			1
		));
		// Zero: no minimum.
		assert_ok!(P::set_min_face_value(RuntimeOrigin::root(), CouponKind::Digital, 0));
		assert_eq!(
			last_event(),
			Event::MinFaceValueSet { kind: CouponKind::Digital, min_face_value: 0 }
		);
		assert_ok!(P::create_series(
			signed(ISSUER),
			SeriesTerms { face_value: 1, issue_price: 1, ..digital() },
			1
		));
		check();
	});
}

// A chain's genesis places holdings whatever their sum: the rolling-window checks (Travel-Rule
// threshold, daily P2P limits) do not apply before the first block. Found by the full-scale
// load test: its 50 sellers' genesis holdings summed above the threshold and genesis failed
// with `TravelRuleRequired` since the threshold aggregates a sender's transfers.
#[test]
fn genesis_holdings_above_the_travel_rule_threshold_build() {
	use polkadot_sdk::{sp_io, sp_runtime::BuildStorage};
	new_test_ext(); // the mocks' set-up (issuer, KYC levels, threshold)
	let t = RuntimeGenesisConfig {
		coupons: crate::GenesisConfig::<Test> {
			min_face_value: KINDS.into_iter().map(|kind| (kind, MIN_FACE)).collect(),
			series: vec![(ISSUER, digital(), 100, vec![(ALICE, 30), (BOB, 30)])],
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("valid genesis");
	// 60 units of face value 100: above the threshold (5,000) together, below it each.
	const { assert!(60 * 100 > THRESHOLD) };
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!((Holdings::<Test>::get(0, ALICE), Holdings::<Test>::get(0, BOB)), (30, 30));
		assert_eq!(Holdings::<Test>::get(0, ISSUER), 40);
		assert_eq!(SeriesOf::<Test>::get(0).expect("series").stats.sold, 60);
		// Nothing counted in the issuer's P2P window, no Travel-Rule record.
		assert_eq!(MockKyc::p2p_used(&ISSUER), (0, 0));
		check();
	});
}

#[test]
fn a_transfer_the_gate_sends_to_review_is_held_not_moved() {
	use codec::Encode;
	use genex_primitives::{movement::mock::MockAml, MovementKind};
	new_test_ext().execute_with(|| {
		setup();
		MockAml::take();
		// Two units (face 100 each) reach the review value.
		MockAml::review_from(200);
		let (alice, bob) = (Holdings::<Test>::get(0, ALICE), Holdings::<Test>::get(0, BOB));
		System::reset_events();
		// A held transfer pays the monitoring bound: no refund.
		let held = P::transfer(signed(ALICE), 0, BOB, 2).expect("held");
		assert_eq!(held.actual_weight, None);
		assert_eq!(Holdings::<Test>::get(0, ALICE), alice);
		assert_eq!(Holdings::<Test>::get(0, BOB), bob);
		assert!(MockAml::take().is_empty());
		assert_eq!(
			MockAml::take_held(),
			vec![(ALICE.encode(), BOB.encode(), MovementKind::P2p, 200, 2)]
		);
		assert!(System::events().is_empty());
		// One unit moves as usual, charged what the monitor used (the mock's 400 of its
		// bound's 1,000).
		let moved = P::transfer(signed(ALICE), 0, BOB, 1).expect("moved");
		let used = polkadot_sdk::frame_support::weights::Weight::from_parts(400, 0);
		assert_eq!(moved.actual_weight, Some(<() as crate::WeightInfo>::transfer() + used));
		assert_eq!(Holdings::<Test>::get(0, BOB), bob + 1);
		check();
	});
}

#[test]
fn transfers_and_refunds_pass_the_value_movement_gate() {
	use codec::Encode;
	use genex_primitives::{
		movement::mock::{MockAml, MOCK_RESTRICTED},
		MovementKind,
	};
	new_test_ext().execute_with(|| {
		setup();
		MockAml::take();
		// A restricted party is refused before any write, on either path.
		MockAml::restrict(&BOB, true);
		assert_noop!(P::transfer(signed(ALICE), 0, BOB, 1), MOCK_RESTRICTED);
		MockAml::restrict(&BOB, false);
		MockAml::restrict(&ALICE, true);
		assert_noop!(P::refund(signed(ISSUER), 0, ALICE, 1, 2), MOCK_RESTRICTED);
		MockAml::restrict(&ALICE, false);
		assert!(MockAml::take().is_empty());
		// Each movement that happened is recorded once, valued in the settlement asset: a
		// transfer at face value (2 × 100), a refund at what it paid (the issue price, 90).
		assert_ok!(P::transfer(signed(ALICE), 0, BOB, 2));
		MockSettlement::set(&ISSUER, 1_000);
		assert_ok!(P::refund(signed(ISSUER), 0, ALICE, 1, 2));
		assert_eq!(
			MockAml::take(),
			vec![
				(ALICE.encode(), BOB.encode(), MovementKind::P2p, 200),
				(ALICE.encode(), ISSUER.encode(), MovementKind::Refund, 90),
			]
		);
		check();
	});
}

/// A new series valid until `until`, 10 of its 100 units transferred to Alice.
fn series_until(until: u64) {
	let id = crate::NextSeriesId::<Test>::get();
	assert_ok!(P::create_series(
		signed(ISSUER),
		SeriesTerms { valid_until: until, ..digital() },
		100
	));
	assert_ok!(P::transfer(signed(ISSUER), id, ALICE, 10));
}

#[test]
fn expiring_holdings_list_the_window_and_nothing_else() {
	new_test_ext().execute_with(|| {
		series_until(NOW + DAY); // 0
		series_until(NOW + 3 * DAY); // 1
		series_until(NOW + 400 * DAY); // 2
		series_until(NOW + DAY + 1); // 3: the same hour as 0
		let listed = |from: u64, until: u64| -> Vec<(u64, u64)> {
			P::expiring_holdings(&ALICE, from, until)
				.into_iter()
				.map(|h| (h.series, h.valid_until))
				.collect()
		};
		// A short window reads its hours one by one; the bounds are [from, until).
		assert_eq!(listed(NOW, NOW + DAY), vec![]);
		assert_eq!(listed(NOW, NOW + DAY + 1), vec![(0, NOW + DAY)]);
		assert_eq!(listed(NOW, NOW + 2 * DAY), vec![(0, NOW + DAY), (3, NOW + DAY + 1)]);
		assert_eq!(listed(NOW + DAY + 1, NOW + 2 * DAY), vec![(3, NOW + DAY + 1)]);
		// A long window walks the buckets that exist: the same answer, sorted by end of validity.
		assert_eq!(
			listed(NOW, NOW + 30 * DAY),
			vec![(0, NOW + DAY), (3, NOW + DAY + 1), (1, NOW + 3 * DAY)]
		);
		assert_eq!(listed(NOW, NOW + 401 * DAY).len(), 4);
		assert_eq!(
			listed(NOW + 2 * DAY, NOW + 401 * DAY),
			vec![(1, NOW + 3 * DAY), (2, NOW + 400 * DAY)]
		);
		// Empty and reversed windows are empty; the issuer's own units count, Bob holds none.
		assert_eq!(listed(NOW + DAY, NOW + DAY), vec![]);
		assert_eq!(listed(NOW + 2 * DAY, NOW), vec![]);
		assert_eq!(P::expiring_holdings(&ISSUER, NOW, NOW + 2 * DAY)[0].held, 90);
		assert_eq!(P::expiring_holdings(&BOB, NOW, NOW + 30 * DAY), vec![]);
		assert_eq!(P::holding(0, &ALICE), 10);
		assert_eq!(P::validity_of(1), Some((NOW + 3 * DAY, ISSUER)));
		assert_eq!(P::validity_of(99), None);
	});
}

#[test]
fn expiring_holdings_cut_a_window_beyond_ten_years_and_skip_emptied_and_expired_series() {
	use genex_primitives::notifications::MAX_EXPIRY_WINDOW_MS;
	new_test_ext().execute_with(|| {
		series_until(NOW + DAY); // 0
		series_until(NOW + MAX_EXPIRY_WINDOW_MS + DAY); // 1: past the longest window
		assert_eq!(P::expiring_holdings(&ALICE, NOW, u64::MAX).len(), 1);
		// Alice gives her units away: nothing of hers expires.
		assert_ok!(P::transfer(signed(ALICE), 0, BOB, 10));
		assert_eq!(P::expiring_holdings(&ALICE, NOW, NOW + 2 * DAY), vec![]);
		assert_eq!(P::expiring_holdings(&BOB, NOW, NOW + 2 * DAY)[0].held, 10);
		// Once swept, an expired series is no longer listed.
		idle_at(NOW + DAY + 2 * crate::EXPIRY_BUCKET_MS, Weight::MAX);
		assert_eq!(SeriesOf::<Test>::get(0).map(|s| s.status), Some(SeriesStatus::Expired));
		assert_eq!(P::expiring_holdings(&BOB, 0, NOW + 2 * DAY), vec![]);
	});
}
