//! Unit tests: each rule tripped by a scenario and a near miss that must not trip, restriction
//! and its review, governance's calls and their errors, the sliding windows, and a property
//! test that counters and flags stay within their bounds.

use crate::{
	default_rule, mock::*, AccountFlag, Counters, Error, Event, Flags, HighRisk, Rule, RuleConfig,
	Severity, Sliding, STABLECOIN_UNIT,
};
use genex_primitives::{AmlMonitor, Movement, MovementKind, TransferredAsset};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};

const GUSD: u128 = STABLECOIN_UNIT;

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// Record a movement of `value` GUSD units from `from` to `to`.
pub(crate) fn mv(from: u64, to: u64, value: u128, kind: MovementKind) {
	<Aml as AmlMonitor<u64, u128>>::record(&Movement {
		from: &from,
		to: &to,
		asset: TransferredAsset::Settlement,
		value,
		kind,
		travel_rule: None,
	});
}

pub(crate) fn p2p(from: u64, to: u64, value: u128) {
	mv(from, to, value, MovementKind::P2p)
}

/// The rules of the `SuspiciousActivity` events in `events`, with their account.
fn hits(events: &[Event<Test>]) -> Vec<(Rule, u64)> {
	events
		.iter()
		.filter_map(|e| match e {
			Event::SuspiciousActivity { rule, account, .. } => Some((*rule, *account)),
			_ => None,
		})
		.collect()
}

fn set(rule: Rule, f: impl FnOnce(&mut RuleConfig)) {
	let mut config = default_rule(rule);
	f(&mut config);
	assert_ok!(Aml::set_rule(root(), rule, config));
	take_events();
}

fn check() {
	Aml::do_try_state().expect("invariants hold");
}

#[test]
fn a_large_value_movement_is_reported_and_one_below_is_not() {
	new_test_ext().execute_with(|| {
		p2p(ALICE, BOB, 10_000 * GUSD - 1);
		assert!(take_events().is_empty());
		p2p(ALICE, BOB, 10_000 * GUSD);
		assert_eq!(
			take_events(),
			vec![Event::LargeValueMovement {
				from: ALICE,
				to: BOB,
				kind: MovementKind::P2p,
				asset: TransferredAsset::Settlement,
				value: 10_000 * GUSD,
			}]
		);
		// A report, not a suspicion: no flag.
		assert!(Flags::<Test>::get(ALICE).is_none());
		// Every kind of movement, redemptions included.
		mv(ALICE, ISSUER, 20_000 * GUSD, MovementKind::Redemption);
		assert!(matches!(
			take_events().as_slice(),
			[Event::LargeValueMovement { kind: MovementKind::Redemption, .. }]
		));
	});
}

#[test]
fn velocity_trips_once_a_day_above_its_value_or_count() {
	new_test_ext().execute_with(|| {
		set(Rule::LargeValue, |c| c.enabled = false);
		set(Rule::Velocity, |c| {
			c.value = 1_000;
			c.count = 5;
		});
		// Exactly the limit: no hit.
		p2p(ALICE, BOB, 600);
		p2p(ALICE, BOB, 400);
		assert!(hits(&take_events()).is_empty());
		// Over it: both parties moved 1,001 through them.
		p2p(ALICE, BOB, 1);
		assert_eq!(hits(&take_events()), vec![(Rule::Velocity, ALICE), (Rule::Velocity, BOB)]);
		let flag = Flags::<Test>::get(ALICE).expect("flag");
		assert_eq!((flag.severity, flag.hits, flag.restricted), (Severity::Medium, 1, false));
		// Once a day per account.
		p2p(ALICE, BOB, 1);
		assert!(hits(&take_events()).is_empty());
		// Count: the sixth movement Carol sent today trips it for Carol; what the issuer
		// received does not count toward its own count.
		for _ in 0..5 {
			p2p(CAROL, ISSUER, 1);
		}
		assert!(hits(&take_events()).is_empty());
		p2p(CAROL, ISSUER, 1);
		assert_eq!(hits(&take_events()), vec![(Rule::Velocity, CAROL)]);
		assert_eq!(Aml::account(&ISSUER).day_count, 0);
		check();
	});
}

#[test]
fn the_rolling_day_fades_the_previous_window() {
	new_test_ext().execute_with(|| {
		set(Rule::LargeValue, |c| c.enabled = false);
		set(Rule::Velocity, |c| c.value = 1_000);
		// 900 late in day window 0.
		System::set_block_number(DAY - 1);
		p2p(ALICE, BOB, 900);
		// Early in window 1 most of it still counts: 900 × 99 % + 200 > 1,000.
		System::set_block_number(DAY + 1);
		p2p(ALICE, BOB, 200);
		assert_eq!(hits(&take_events()), vec![(Rule::Velocity, ALICE), (Rule::Velocity, BOB)]);
		// Late in window 2 only a tenth of window 1's 200 still counts; window 0's is gone.
		System::set_block_number(2 * DAY + 90);
		assert_eq!(Aml::account(&ALICE).day_value, 200 * 10 / 100);
	});
}

#[test]
fn sliding_windows_roll_and_estimate() {
	let mut s = Sliding::default();
	s.add(100, true);
	s.add(100, true);
	// A received movement adds its value, not to the count.
	s.add(50, false);
	s.value -= 50;
	assert_eq!(s.estimate(50, 100), (200, 2));
	let next = s.rolled(1);
	assert_eq!((next.value, next.prev_value, next.prev_count), (0, 200, 2));
	// A quarter into the next window, three quarters of the previous one count.
	assert_eq!(next.estimate(25, 100), (150, 1));
	// Two windows on, nothing counts; an older index changes nothing.
	assert_eq!(s.rolled(2).estimate(0, 100), (0, 0));
	assert_eq!(next.rolled(0), next);
}

#[test]
fn monthly_velocity_counts_thirty_days() {
	new_test_ext().execute_with(|| {
		set(Rule::LargeValue, |c| c.enabled = false);
		set(Rule::Velocity, |c| c.value = u128::MAX);
		set(Rule::MonthlyVelocity, |c| c.value = 1_000);
		for day in 0..5u64 {
			System::set_block_number(day * DAY + 1);
			p2p(ALICE, BOB, 200);
		}
		assert!(hits(&take_events()).is_empty());
		System::set_block_number(5 * DAY + 1);
		p2p(ALICE, BOB, 1);
		assert_eq!(
			hits(&take_events()),
			vec![(Rule::MonthlyVelocity, ALICE), (Rule::MonthlyVelocity, BOB)]
		);
	});
}

#[test]
fn structuring_trips_on_repeated_transfers_just_under_the_threshold() {
	new_test_ext().execute_with(|| {
		set(Rule::Velocity, |c| c.value = u128::MAX);
		// 9,000 to 9,999.99 GUSD is "just under" 10,000.
		p2p(ALICE, BOB, 9_500 * GUSD);
		p2p(ALICE, BOB, 9_999 * GUSD);
		// Outside the band: neither below 9,000 nor at the threshold counts.
		p2p(ALICE, BOB, 8_999 * GUSD);
		assert!(hits(&take_events()).is_empty());
		assert_eq!(Aml::account(&ALICE).near_threshold, 2);
		p2p(ALICE, BOB, 9_000 * GUSD);
		let events = take_events();
		assert_eq!(hits(&events), vec![(Rule::Structuring, ALICE)]);
		let flag = Flags::<Test>::get(ALICE).expect("flag");
		assert_eq!(flag.severity, Severity::High);
		// Reported with its evidence: three near-threshold movements.
		assert!(events.iter().any(|e| matches!(
			e,
			Event::SuspiciousActivity { rule: Rule::Structuring, evidence, counterparty: Some(BOB), .. }
				if evidence.window_count == 3
		)));
		// Two days are read: two more near the end of one day and one early the next trip it.
		System::set_block_number(DAY - 1);
		p2p(CAROL, BOB, 9_500 * GUSD);
		p2p(CAROL, BOB, 9_500 * GUSD);
		System::set_block_number(DAY + 1);
		p2p(CAROL, BOB, 9_500 * GUSD);
		assert!(hits(&take_events()).contains(&(Rule::Structuring, CAROL)));
		// The receiving side of a P2P transfer does not count it; a purchase counts for the
		// buyer, who chose its size, not for the seller.
		assert_eq!(Aml::account(&BOB).near_threshold, 0);
		mv(ISSUER, BOB, 9_500 * GUSD, MovementKind::DirectTrade);
		assert_eq!(Aml::account(&ISSUER).near_threshold, 0);
		assert_eq!(Aml::account(&BOB).near_threshold, 1);
		// A redemption does not.
		mv(DAVE, ISSUER, 9_500 * GUSD, MovementKind::Redemption);
		assert_eq!(Aml::account(&DAVE).near_threshold, 0);
	});
}

#[test]
fn trades_split_just_under_the_review_threshold_are_structuring() {
	new_test_ext().execute_with(|| {
		let review = crate::ReviewPolicyOf::<Test>::get();
		assert!(review.enabled);
		let t = review.threshold;
		// Near misses: just under 90 % of the threshold, and at it (a trade at the threshold
		// is refused before it gets here).
		mv(ALICE, BOB, t - t / 10 - 1, MovementKind::DirectTrade);
		mv(ALICE, BOB, t, MovementKind::DirectTrade);
		assert_eq!(Aml::account(&BOB).near_threshold, 0);
		// Three purchases within 10 % under it: the buyer trips; the seller, whose listing
		// others bought in slices, does not (nobody can make another account structure).
		for _ in 0..3 {
			mv(ALICE, BOB, t - 1, MovementKind::DirectTrade);
		}
		let found = hits(&take_events());
		assert!(found.contains(&(Rule::Structuring, BOB)));
		assert!(!found.contains(&(Rule::Structuring, ALICE)));
		assert_eq!(Aml::account(&ALICE).near_threshold, 0);
		// A primary buyer counts; the issuer's side of its sale does not.
		mv(ISSUER, CAROL, t - 1, MovementKind::Primary);
		mv(ISSUER, CAROL, t - t / 10, MovementKind::Primary);
		assert_eq!(Aml::account(&CAROL).near_threshold, 2);
		assert_eq!(Aml::account(&ISSUER).near_threshold, 0, "the issuer's side of a sale");
		// An auction party's trade does not (others' fills sized it): its orders count when
		// placed, at their units times their limit or worst price.
		let coupon = TransferredAsset::Coupon { series: 1 };
		<Aml as AmlMonitor<u64, u128>>::record_party(&CAROL, coupon, t - 1, true);
		assert_eq!(Aml::account(&CAROL).near_threshold, 2);
		<Aml as AmlMonitor<u64, u128>>::record_order(&CAROL, coupon, t - 1);
		let found = hits(&take_events());
		assert!(found.contains(&(Rule::Structuring, CAROL)));
		assert_eq!(Aml::account(&CAROL).near_threshold, 3);
		// Once a day.
		<Aml as AmlMonitor<u64, u128>>::record_order(&CAROL, coupon, t - 1);
		assert!(hits(&take_events()).is_empty());
		// With review off only the structuring rule's own value counts.
		assert_ok!(Aml::set_review_policy(
			root(),
			crate::ReviewPolicy { enabled: false, ..review }
		));
		<Aml as AmlMonitor<u64, u128>>::record_order(&DAVE, coupon, t - 1);
		assert_eq!(Aml::account(&DAVE).near_threshold, 0);
		<Aml as AmlMonitor<u64, u128>>::record_order(&DAVE, coupon, 9_999 * GUSD);
		assert_eq!(Aml::account(&DAVE).near_threshold, 1);
		// An order counts no value through the account.
		assert_eq!(Aml::account(&DAVE).day_value, 0);
	});
}

#[test]
fn a_quiet_movement_is_charged_the_quiet_path_and_a_tripping_one_the_bound() {
	use crate::weights::WeightInfo;
	use polkadot_sdk::frame_support::traits::Get;
	new_test_ext().execute_with(|| {
		let record = |from: u64, to: u64, value: u128| {
			<Aml as AmlMonitor<u64, u128>>::record(&Movement {
				from: &from,
				to: &to,
				asset: TransferredAsset::Settlement,
				value,
				kind: MovementKind::P2p,
				travel_rule: None,
			})
		};
		let bound = <Aml as AmlMonitor<u64, u128>>::weight();
		let db: polkadot_sdk::frame_support::weights::RuntimeDbWeight =
			<Test as polkadot_sdk::frame_system::Config>::DbWeight::get();
		let reads = db.reads(2);
		let quiet = <() as WeightInfo>::record_quiet().saturating_add(reads).min(bound);
		assert_eq!(record(ALICE, BOB, 500 * GUSD), quiet);
		// Worth the short-cycle rule's value: the trails are read.
		assert_eq!(record(ALICE, BOB, 1_000 * GUSD), bound);
		// A CTR report.
		assert_eq!(record(ALICE, BOB, 10_000 * GUSD), bound);
		// A trade is never quiet.
		assert_eq!(
			<Aml as AmlMonitor<u64, u128>>::record(&Movement {
				from: &ALICE,
				to: &BOB,
				asset: TransferredAsset::Coupon { series: 1 },
				value: GUSD,
				kind: MovementKind::DirectTrade,
				travel_rule: None,
			}),
			bound
		);
		// A window rule tripping.
		set(Rule::Velocity, |c| c.count = 1);
		record(CAROL, DAVE, GUSD);
		assert_eq!(record(CAROL, DAVE, GUSD), bound);
		assert!(hits(&take_events()).contains(&(Rule::Velocity, CAROL)));
		assert!(quiet.ref_time() < bound.ref_time() && quiet.all_lte(bound), "{quiet:?} {bound:?}");
	});
}

#[test]
fn fan_out_and_fan_in_trip_above_their_distinct_counterparties() {
	new_test_ext().execute_with(|| {
		let ten = 10 * GUSD;
		// Ten distinct receivers (and repeats), and dust to many more: no hit.
		for to in 100..110u64 {
			p2p(ALICE, to, ten);
			p2p(ALICE, to, ten);
		}
		for to in 150..170u64 {
			p2p(ALICE, to, ten - 1);
		}
		assert!(hits(&take_events()).is_empty());
		assert_eq!(Aml::account(&ALICE).receivers, 10);
		// The eleventh trips fan-out.
		p2p(ALICE, 110, ten);
		assert_eq!(hits(&take_events()), vec![(Rule::FanOut, ALICE)]);
		// Fan-in: eleven senders into Bob (dust from strangers does not count).
		for from in 200..210u64 {
			p2p(from, BOB, ten);
			p2p(from + 50, BOB, 1);
		}
		assert!(hits(&take_events()).is_empty());
		p2p(210, BOB, ten);
		assert_eq!(hits(&take_events()), vec![(Rule::FanIn, BOB)]);
		// Institutions' sides do not count: an issuer selling to many, a merchant redeeming
		// for many.
		for buyer in 300..320u64 {
			mv(ISSUER, buyer, 10, MovementKind::Primary);
			mv(buyer, CAROL, 10, MovementKind::Redemption);
		}
		assert!(hits(&take_events()).is_empty());
		assert_eq!(Counters::<Test>::get(ISSUER), Default::default());
		assert_eq!(Counters::<Test>::get(CAROL), Default::default());
		// A new day starts a new list.
		System::set_block_number(DAY + 1);
		p2p(ALICE, 111, ten);
		assert_eq!(Aml::account(&ALICE).receivers, 1);
		check();
	});
}

#[test]
fn cross_border_and_high_risk_jurisdictions() {
	new_test_ext().execute_with(|| {
		set(Rule::LargeValue, |c| c.enabled = false);
		// US to US: no hit; US to DE below the limit: no hit.
		p2p(ALICE, BOB, 50_000 * GUSD);
		p2p(ALICE, CAROL, 10_000 * GUSD - 1);
		assert!(hits(&take_events())
			.iter()
			.all(|(rule, _)| *rule != Rule::CrossBorder && *rule != Rule::HighRiskJurisdiction));
		p2p(ALICE, CAROL, 10_000 * GUSD);
		let events = take_events();
		assert!(hits(&events).contains(&(Rule::CrossBorder, ALICE)));
		assert!(events.iter().any(|e| matches!(
			e,
			Event::SuspiciousActivity { rule: Rule::CrossBorder, evidence, .. }
				if evidence.from_jurisdiction == Some(*b"US") && evidence.to_jurisdiction == Some(*b"DE")
		)));
		// Germany marked high-risk: any movement with Carol is a hit on Carol.
		assert_ok!(Aml::set_high_risk(root(), *b"DE", true));
		take_events();
		p2p(BOB, CAROL, 1);
		assert_eq!(hits(&take_events()), vec![(Rule::HighRiskJurisdiction, CAROL)]);
		assert_eq!(Flags::<Test>::get(CAROL).map(|f| f.severity), Some(Severity::High));
		// No attestation, no jurisdiction: no cross-border hit.
		p2p(ALICE, ISSUER, 20_000 * GUSD);
		assert!(!hits(&take_events()).contains(&(Rule::CrossBorder, ALICE)));
	});
}

/// Record a buy of `value` of [`SERIES`] by `buyer` from `seller`.
fn buy(seller: u64, buyer: u64, value: u128, kind: MovementKind) {
	<Aml as AmlMonitor<u64, u128>>::record(&Movement {
		from: &seller,
		to: &buyer,
		asset: TransferredAsset::Coupon { series: SERIES },
		value,
		kind,
		travel_rule: None,
	});
}

#[test]
fn issuer_self_dealing_and_wash_trades() {
	new_test_ext().execute_with(|| {
		// An independent buyer: no hit.
		buy(ISSUER, ALICE, 900, MovementKind::Primary);
		assert!(hits(&take_events()).is_empty());
		// The issuer's affiliate buying its primary sale.
		buy(ISSUER, AFFILIATE, 900, MovementKind::Primary);
		assert_eq!(hits(&take_events()), vec![(Rule::IssuerSelfDealing, AFFILIATE)]);
		// Dust from the issuer is not funding.
		p2p(ISSUER, CAROL, 100 * GUSD - 1);
		buy(ALICE, CAROL, 900, MovementKind::DirectTrade);
		assert!(hits(&take_events()).is_empty());
		// An unregistered account the issuer funded today, buying from a holder.
		p2p(ISSUER, CAROL, 100 * GUSD);
		take_events();
		buy(ALICE, CAROL, 900, MovementKind::DirectTrade);
		assert_eq!(hits(&take_events()), vec![(Rule::IssuerSelfDealing, CAROL)]);
		// A wash pair: the seller funds the buyer, who buys from the seller.
		p2p(ALICE, BOB, 100 * GUSD);
		take_events();
		buy(ALICE, BOB, 900, MovementKind::DirectTrade);
		assert_eq!(hits(&take_events()), vec![(Rule::IssuerSelfDealing, BOB)]);
		// The issuer buying its own series in an auction.
		<Aml as AmlMonitor<u64, u128>>::record_party(
			&ISSUER,
			TransferredAsset::Coupon { series: SERIES },
			900,
			true,
		);
		assert_eq!(hits(&take_events()), vec![(Rule::IssuerSelfDealing, ISSUER)]);
		// Near misses: the funding was yesterday; a trade's own payment does not count as
		// funding; a transfer is not a buy.
		System::set_block_number(DAY + 1);
		buy(ALICE, CAROL, 900, MovementKind::DirectTrade);
		buy(ALICE, CAROL, 900, MovementKind::DirectTrade);
		mv(ISSUER, AFFILIATE, 900, MovementKind::P2p);
		assert!(hits(&take_events()).is_empty());
	});
}

#[test]
fn rapid_in_and_out_trips_when_most_of_the_day_s_receipts_leave_the_same_day() {
	new_test_ext().execute_with(|| {
		set(Rule::LargeValue, |c| c.enabled = false);
		// Alice buys 10,000 GUSD of coupons, then sends on 8,999: under 90 %.
		buy(ISSUER, ALICE, 10_000 * GUSD, MovementKind::Primary);
		mv(ALICE, BOB, 8_999 * GUSD, MovementKind::P2p);
		assert!(!hits(&take_events()).contains(&(Rule::RapidInOut, ALICE)));
		assert_eq!(Aml::account(&ALICE).received_today, 10_000 * GUSD);
		// One more: 9,000 of 10,000 left the same day.
		mv(ALICE, CAROL, GUSD, MovementKind::Redemption);
		let events = take_events();
		assert!(hits(&events).contains(&(Rule::RapidInOut, ALICE)));
		assert!(events.iter().any(|e| matches!(
			e,
			Event::SuspiciousActivity { rule: Rule::RapidInOut, evidence, .. }
				if evidence.window_value == 10_000 * GUSD
		)));
		// Below the rule's value nothing trips, however much leaves.
		System::set_block_number(3 * DAY + 1);
		buy(ISSUER, CAROL, 9_999 * GUSD, MovementKind::Primary);
		mv(CAROL, ALICE, 9_999 * GUSD, MovementKind::P2p);
		assert!(!hits(&take_events()).contains(&(Rule::RapidInOut, CAROL)));
		// Across a day's boundary it still trips: received late one day, sent on the next.
		System::set_block_number(5 * DAY - 1);
		buy(ISSUER, BOB, 10_000 * GUSD, MovementKind::Primary);
		System::set_block_number(5 * DAY + 1);
		mv(BOB, CAROL, 9_000 * GUSD, MovementKind::P2p);
		assert!(hits(&take_events()).contains(&(Rule::RapidInOut, BOB)));
	});
}

#[test]
fn a_restricting_rule_restricts_until_a_compliance_officer_clears_the_flag() {
	new_test_ext().execute_with(|| {
		set(Rule::Structuring, |c| {
			c.count = 1;
			c.restrict = true;
		});
		let movement = Movement {
			from: &ALICE,
			to: &BOB,
			asset: TransferredAsset::Settlement,
			value: 1,
			kind: MovementKind::P2p,
			travel_rule: None,
		};
		assert_ok!(<Aml as AmlMonitor<u64, u128>>::check(&movement));
		p2p(ALICE, BOB, 9_999 * GUSD);
		let events = take_events();
		assert!(
			events.contains(&Event::AccountRestricted { account: ALICE, rule: Rule::Structuring })
		);
		assert!(<Aml as AmlMonitor<u64, u128>>::is_restricted(&ALICE));
		// The gate refuses it, either way round.
		let back = Movement { from: &BOB, to: &ALICE, ..movement };
		for m in [&movement, &back] {
			assert_eq!(
				<Aml as AmlMonitor<u64, u128>>::check(m),
				Err(Error::<Test>::AccountRestricted.into())
			);
		}
		// Only the compliance origin clears it.
		assert_noop!(
			Aml::clear_flag(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
		assert_ok!(Aml::clear_flag(root(), ALICE));
		assert_eq!(take_events(), vec![Event::FlagCleared { account: ALICE }]);
		assert_ok!(<Aml as AmlMonitor<u64, u128>>::check(&movement));
		assert_noop!(Aml::clear_flag(root(), ALICE), Error::<Test>::NotFlagged);
		// Cleared, the same behaviour the same day is reported and restricts again.
		p2p(ALICE, BOB, 9_999 * GUSD);
		assert!(take_events()
			.contains(&Event::AccountRestricted { account: ALICE, rule: Rule::Structuring }));
		// A restricted merchant does not stop a holder redeeming with it.
		let redemption =
			Movement { from: &BOB, to: &ALICE, kind: MovementKind::Redemption, ..movement };
		assert_ok!(<Aml as AmlMonitor<u64, u128>>::check(&redemption));
		let by_restricted = Movement { from: &ALICE, to: &BOB, ..redemption };
		assert_eq!(
			<Aml as AmlMonitor<u64, u128>>::check(&by_restricted),
			Err(Error::<Test>::AccountRestricted.into())
		);
	});
}

#[test]
fn a_lower_rule_only_reports() {
	new_test_ext().execute_with(|| {
		set(Rule::Velocity, |c| c.value = 1);
		p2p(ALICE, BOB, 2);
		assert_eq!(
			Flags::<Test>::get(ALICE),
			Some(AccountFlag {
				severity: Severity::Medium,
				hits: 1,
				last_rule: Rule::Velocity,
				last_at: 1,
				restricted: false
			})
		);
		assert!(!<Aml as AmlMonitor<u64, u128>>::is_restricted(&ALICE));
	});
}

#[test]
fn auction_trades_count_for_the_trading_account() {
	new_test_ext().execute_with(|| {
		set(Rule::Velocity, |c| c.value = 1_000);
		<Aml as AmlMonitor<u64, u128>>::record_party(&ALICE, TransferredAsset::Coupon { series: 1 }, 600, true);
		<Aml as AmlMonitor<u64, u128>>::record_party(&ALICE, TransferredAsset::Coupon { series: 1 }, 600, false);
		let events = take_events();
		assert!(events.iter().any(|e| matches!(
			e,
			Event::SuspiciousActivity { rule: Rule::Velocity, account: ALICE, counterparty: None, evidence, .. }
				if evidence.kind == MovementKind::AuctionTrade && evidence.window_value == 1_200
		)));
		// The count counts what it sold (sent), the value both ways.
		assert_eq!(Aml::account(&ALICE).day_count, 1);
	});
}

#[test]
fn governance_validates_rules_and_jurisdictions() {
	new_test_ext().execute_with(|| {
		let rule = |value, count, severity, restrict| RuleConfig {
			enabled: true,
			value,
			count,
			severity,
			restrict,
		};
		assert_noop!(
			Aml::set_rule(
				RuntimeOrigin::signed(ALICE),
				Rule::Velocity,
				rule(1, 1, Severity::Low, false)
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::LargeValue, rule(0, 0, Severity::Low, false)),
			Error::<Test>::ZeroValue
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::Structuring, rule(5, 0, Severity::High, false)),
			Error::<Test>::ZeroCount
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::FanOut, rule(0, MAX_CP, Severity::Low, false)),
			Error::<Test>::CountTooHigh
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::Velocity, rule(5, 5, Severity::Medium, true)),
			Error::<Test>::RestrictNeedsHigh
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::FanIn, rule(5, 3, Severity::High, true)),
			Error::<Test>::CannotRestrict
		);
		let config = rule(5, MAX_CP - 1, Severity::High, true);
		assert_ok!(Aml::set_rule(root(), Rule::FanOut, config));
		assert_eq!(take_events(), vec![Event::RuleSet { rule: Rule::FanOut, config }]);
		assert_eq!(Aml::rule(Rule::FanOut), config);
		assert_eq!(Aml::rule(Rule::FanIn), default_rule(Rule::FanIn));

		assert_noop!(Aml::set_high_risk(root(), *b"us", true), Error::<Test>::InvalidJurisdiction);
		assert_noop!(Aml::set_high_risk(root(), *b"IR", false), Error::<Test>::NotHighRisk);
		for code in [*b"KP", *b"IR", *b"SY", *b"CU"] {
			assert_ok!(Aml::set_high_risk(root(), code, true));
		}
		assert_noop!(Aml::set_high_risk(root(), *b"IR", true), Error::<Test>::AlreadyHighRisk);
		assert_noop!(Aml::set_high_risk(root(), *b"MM", true), Error::<Test>::TooManyHighRisk);
		assert_eq!(HighRisk::<Test>::get().to_vec(), vec![*b"CU", *b"IR", *b"KP", *b"SY"]);
		assert_ok!(Aml::set_high_risk(root(), *b"IR", false));
		assert_eq!(HighRisk::<Test>::get().to_vec(), vec![*b"CU", *b"KP", *b"SY"]);
		check();
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		/// Whatever moves between 40 accounts over several days, counterparty lists stay at
		/// most `MaxCounterparties`, near-threshold counts never exceed the movements sent that
		/// day, a flag's hits never exceed the movements it took part in, and the stored state
		/// stays valid.
		#[test]
		fn counters_and_flags_stay_within_their_bounds(
			moves in proptest::collection::vec(
				(0u64..40, 0u64..40, 0u128..20_000 * GUSD, 0u8..4, 0u64..3),
				1..300,
			),
		) {
			new_test_ext().execute_with(|| {
				set(Rule::Structuring, |c| c.count = 2);
				let mut took_part = std::collections::BTreeMap::<u64, u32>::new();
				let mut block = 1;
				for (from, to, value, kind, days) in moves {
					if from == to {
						continue;
					}
					block += days * DAY / 2;
					System::set_block_number(block);
					let kind = [
						MovementKind::P2p,
						MovementKind::DirectTrade,
						MovementKind::Primary,
						MovementKind::Redemption,
					][kind as usize];
					mv(from, to, value, kind);
					*took_part.entry(from).or_default() += 1;
					*took_part.entry(to).or_default() += 1;
					for who in [from, to] {
						let c = Counters::<Test>::get(who);
						prop_assert!(c.receivers.len() as u32 <= MAX_CP);
						prop_assert!(c.senders.len() as u32 <= MAX_CP);
						// Near-threshold movements are among those it took part in today.
						prop_assert!(c.near_threshold <= took_part[&who]);
						if let Some(flag) = Flags::<Test>::get(who) {
							// Up to three window rules, two jurisdiction rules and the
							// short-cycle rule a movement.
							prop_assert!(flag.hits <= took_part[&who] * 6);
						}
					}
				}
				take_events();
				prop_assert!(Aml::do_try_state().is_ok());
				Ok(())
			})?;
		}
	}
}

/// What `quiet_weight` and `quiet_party_weight` subtract is storage the benchmarks measured:
/// the quiet path's (`record_quiet` and the check's two flags) exactly, and a quiet party's
/// among what `record_party` measured. If a regenerated `weights.rs` changes the quiet path's
/// storage, this fails until the constants follow.
#[test]
fn quiet_storage_is_what_the_benchmarks_measured() {
	use crate::{
		monitor::{QUIET_PARTY_READS, QUIET_PARTY_WRITES, QUIET_READS, QUIET_WRITES},
		weights::WeightInfo,
	};
	use genex_primitives::measured::measured;
	use polkadot_sdk::frame_support::weights::constants::RocksDbWeight;
	const FILE: &str = include_str!("weights.rs");
	let quiet = measured(FILE, "record_quiet");
	// The check's two flag reads come on top of the benchmark (`AmlMonitor::record`).
	assert_eq!((quiet.reads + 2, quiet.writes), (QUIET_READS, QUIET_WRITES));
	for item in ["Aml::Rules", "Aml::ReviewPolicyOf", "Aml::HighRisk"] {
		assert_eq!(quiet.of(item), Some((1, 0)), "record_quiet measured {item}");
	}
	assert_eq!(quiet.of("Aml::Counters"), Some((2, 2)));
	let party = measured(FILE, "record_party");
	for item in ["Aml::Rules", "Aml::HighRisk", "Aml::Flags"] {
		assert!(party.of(item).is_some_and(|(r, _)| r >= 1), "record_party measured {item}");
	}
	assert!(party.of("Aml::Counters").is_some_and(|(r, w)| r >= 1 && w >= 1));
	assert!(party.reads >= QUIET_PARTY_READS && party.writes >= QUIET_PARTY_WRITES);
	// So what an auction adds per party stays positive (at the reference database weights).
	let bound = <() as WeightInfo>::record_party().saturating_add(RocksDbWeight::get().reads(1));
	let quiet = RocksDbWeight::get().reads_writes(QUIET_PARTY_READS, QUIET_PARTY_WRITES);
	assert!(bound.ref_time() > quiet.ref_time());
}
