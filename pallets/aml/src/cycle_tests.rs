//! Unit tests of the short-cycle rule (循环转账) and the market's spoofing rule: each tripped
//! by a scenario and near misses that must not trip, their validation, their bounds, and a
//! property test that trails stay bounded and never name their own account.

use crate::{
	default_rule,
	mock::*,
	monitor::party_hash,
	tests::{mv, p2p, root},
	Error, Event, Evidence, Flags, FleetingWithdrawals, MarketActivity, Rule, RuleConfig, Severity,
	Trails, STABLECOIN_UNIT,
};
use genex_primitives::{
	AmlMonitor, MovementKind, TransferredAsset, FLEETING_BLOCKS, MAX_CYCLE_HOPS,
};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

const GUSD: u128 = STABLECOIN_UNIT;
const EVE: u64 = 5;

/// Every rule off except `rule`, set by `f` from its default.
fn only(rule: Rule, f: impl FnOnce(&mut RuleConfig)) {
	let mut f = Some(f);
	for other in Rule::ALL {
		let mut config = default_rule(other);
		config.enabled = other == rule;
		if other == rule {
			if let Some(f) = f.take() {
				f(&mut config);
			}
		}
		assert_ok!(Aml::set_rule(root(), other, config));
	}
	take_events();
}

/// The `SuspiciousActivity` events in `events`: (rule, account, counterparty, evidence).
fn hits(events: &[Event<Test>]) -> Vec<(Rule, u64, Option<u64>, Evidence)> {
	events
		.iter()
		.filter_map(|e| match e {
			Event::SuspiciousActivity { rule, account, counterparty, evidence, .. } => {
				Some((*rule, *account, *counterparty, evidence.clone()))
			},
			_ => None,
		})
		.collect()
}

fn withdraw(who: u64, value: u128, rested: u32) {
	<Aml as AmlMonitor<u64, u128>>::record_withdrawal(
		&who,
		TransferredAsset::Coupon { series: SERIES },
		value,
		rested,
	);
}

/// `who` places an order worth `value`.
fn place(who: u64, value: u128) {
	<Aml as AmlMonitor<u64, u128>>::record_order(
		&who,
		TransferredAsset::Coupon { series: SERIES },
		value,
	);
}

/// `who` trades `value` in one batch auction.
fn trade(who: u64, value: u128) {
	<Aml as AmlMonitor<u64, u128>>::record_party(
		&who,
		TransferredAsset::Coupon { series: SERIES },
		value,
		true,
	);
}

#[test]
fn many_orders_per_trade_trip_the_order_to_trade_rule_once_a_day() {
	new_test_ext().execute_with(|| {
		only(Rule::OrderToTrade, |c| {
			c.count = 5;
			c.value = 2;
		});
		// Bob traded 300 GUSD in each of three auctions: six orders of 100 GUSD are two per
		// trade and a third of the value traded, within the ratio.
		for _ in 0..3 {
			trade(BOB, 300 * GUSD);
		}
		for _ in 0..6 {
			place(BOB, 100 * GUSD);
		}
		assert!(hits(&take_events()).is_empty());
		// Alice traded in two: four orders are short of the count.
		trade(ALICE, 1_000 * GUSD);
		trade(ALICE, 1_000 * GUSD);
		for _ in 0..4 {
			place(ALICE, 100 * GUSD);
		}
		assert!(hits(&take_events()).is_empty());
		// The fifth reaches it, at more than two orders per trade.
		place(ALICE, 100 * GUSD);
		let found = hits(&take_events());
		assert_eq!(found.len(), 1);
		let (rule, account, counterparty, evidence) = found[0].clone();
		assert_eq!((rule, account, counterparty), (Rule::OrderToTrade, ALICE, None));
		assert_eq!(
			(evidence.window_count, evidence.window_value, evidence.counterparties),
			(5, 500 * GUSD, 2)
		);
		assert_eq!(evidence.asset, TransferredAsset::Coupon { series: SERIES });
		// Once a day, until a compliance officer clears the flag.
		place(ALICE, 100 * GUSD);
		assert!(hits(&take_events()).is_empty());
		assert_ok!(Aml::clear_flag(root(), ALICE));
		assert!(!MarketActivity::<Test>::get(ALICE).reported);
		place(ALICE, 100 * GUSD);
		assert_eq!(hits(&take_events()).len(), 1);
		// An account that never traded counts as one trade.
		for _ in 0..4 {
			place(CAROL, GUSD);
		}
		assert!(hits(&take_events()).is_empty());
		place(CAROL, GUSD);
		assert_eq!(hits(&take_events()).len(), 1);
		// By value: Dave traded a token GUSD in each of three auctions (room for six orders by
		// count); five orders of 100 GUSD are far more than twice the value traded.
		for _ in 0..3 {
			trade(DAVE, GUSD);
		}
		for _ in 0..4 {
			place(DAVE, 100 * GUSD);
		}
		assert!(hits(&take_events()).is_empty());
		place(DAVE, 100 * GUSD);
		assert_eq!(hits(&take_events()).iter().map(|h| h.1).collect::<Vec<_>>(), [DAVE]);
		// A new day starts a new count.
		System::set_block_number(1 + DAY);
		place(ALICE, GUSD);
		let flow = MarketActivity::<Test>::get(ALICE);
		assert_eq!(
			(flow.orders, flow.trades, flow.value, flow.traded, flow.reported),
			(1, 0, GUSD, 0, false)
		);
		// Off, nothing is counted.
		only(Rule::Spoofing, |_| {});
		place(ISSUER, GUSD);
		trade(ISSUER, GUSD);
		assert!(!MarketActivity::<Test>::contains_key(ISSUER));
	});
}

#[test]
fn value_coming_back_around_a_short_cycle_trips_on_the_account_it_left() {
	new_test_ext().execute_with(|| {
		only(Rule::ShortCycle, |_| {});
		// Alice → Bob → Carol: a chain, no cycle.
		p2p(ALICE, BOB, 1_000 * GUSD);
		p2p(BOB, CAROL, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
		// Carol → Alice closes a cycle of three transfers: Alice is reported, Carol named.
		p2p(CAROL, ALICE, 1_000 * GUSD);
		let found = hits(&take_events());
		assert_eq!(found.len(), 1);
		let (rule, account, counterparty, evidence) = found[0].clone();
		assert_eq!((rule, account, counterparty), (Rule::ShortCycle, ALICE, Some(CAROL)));
		assert_eq!((evidence.window_count, evidence.window_value), (3, 1_000 * GUSD));
		assert_eq!(Flags::<Test>::get(ALICE).map(|f| f.severity), Some(Severity::Medium));
		// A second lap: Bob and Carol are on the cycle too, each reported once; Alice, already
		// reported today, is not again.
		p2p(ALICE, BOB, 1_000 * GUSD);
		p2p(BOB, CAROL, 1_000 * GUSD);
		p2p(CAROL, ALICE, 1_000 * GUSD);
		let lap = hits(&take_events());
		assert_eq!(
			lap.iter().map(|h| (h.0, h.1, h.3.window_count)).collect::<Vec<_>>(),
			[(Rule::ShortCycle, BOB, 3), (Rule::ShortCycle, CAROL, 3)]
		);
		// Once a day per account: a third lap reports nobody.
		p2p(ALICE, BOB, 1_000 * GUSD);
		p2p(BOB, CAROL, 1_000 * GUSD);
		p2p(CAROL, ALICE, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
		// The direct back-and-forth is a cycle of two for Bob's side the next day...
		System::set_block_number(1 + DAY);
		p2p(BOB, DAVE, 1_000 * GUSD);
		p2p(DAVE, BOB, 1_000 * GUSD);
		let found = hits(&take_events());
		assert_eq!(found.len(), 1);
		assert_eq!((found[0].1, found[0].2, found[0].3.window_count), (BOB, Some(DAVE), 2));
		Aml::do_try_state().expect("invariants hold");
	});
}

#[test]
fn near_misses_of_the_short_cycle_do_not_trip() {
	new_test_ext().execute_with(|| {
		only(Rule::ShortCycle, |c| c.count = 3);
		// Four transfers round is longer than the rule's three.
		p2p(ALICE, BOB, 1_000 * GUSD);
		p2p(BOB, CAROL, 1_000 * GUSD);
		p2p(CAROL, DAVE, 1_000 * GUSD);
		p2p(DAVE, ALICE, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
		// A link below the rule's value breaks the chain.
		p2p(EVE, BOB, 1_000 * GUSD);
		p2p(BOB, CAROL, 999 * GUSD);
		p2p(CAROL, EVE, 1_000 * GUSD);
		// Carol's trail has Bob only from the first lap, which came from Alice, not Eve.
		assert!(hits(&take_events()).is_empty());
		// Trades are not P2P transfers: they build no trail.
		mv(ISSUER, DAVE, 5_000 * GUSD, MovementKind::DirectTrade);
		mv(DAVE, ISSUER, 5_000 * GUSD, MovementKind::DirectTrade);
		assert!(hits(&take_events()).is_empty());
		assert!(!Trails::<Test>::contains_key(ISSUER));
		// Outside the two-day window: value that left three days ago does not count.
		p2p(6, 7, 1_000 * GUSD);
		System::set_block_number(1 + 3 * DAY);
		p2p(7, 6, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
		// Switched off, a cycle is not followed at all.
		only(Rule::ShortCycle, |c| c.enabled = false);
		p2p(ALICE, BOB, 1_000 * GUSD);
		p2p(BOB, ALICE, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
	});
}

#[test]
fn a_cycle_across_the_day_boundary_still_trips() {
	new_test_ext().execute_with(|| {
		only(Rule::ShortCycle, |_| {});
		System::set_block_number(DAY - 1);
		p2p(ALICE, BOB, 1_000 * GUSD);
		System::set_block_number(DAY + 1);
		p2p(BOB, ALICE, 1_000 * GUSD);
		let found = hits(&take_events());
		assert_eq!(
			found.iter().map(|h| (h.0, h.1)).collect::<Vec<_>>(),
			[(Rule::ShortCycle, ALICE)]
		);
	});
}

#[test]
fn a_trail_keeps_at_most_its_bound_and_the_newest_nearest_origins() {
	new_test_ext().execute_with(|| {
		only(Rule::ShortCycle, |c| c.count = MAX_CYCLE_HOPS);
		// Yesterday, Alice's value reached Bob.
		p2p(ALICE, BOB, 1_000 * GUSD);
		System::set_block_number(1 + DAY);
		// Today, more senders than the trail holds.
		let senders = 100..100 + u64::from(MAX_CP) + 4;
		for s in senders.clone() {
			p2p(s, BOB, 1_000 * GUSD);
		}
		let trail = Trails::<Test>::get(BOB);
		assert_eq!(trail.origins.len() as u32, MAX_CP);
		// Yesterday's origin made room first.
		assert!(trail.origins.iter().all(|o| o.party != party_hash(&ALICE)));
		assert!(trail.origins.iter().all(|o| o.hops == 1 && o.day == 1));
		// A chain propagates: Bob's origins reach Carol one transfer further, within the bound.
		p2p(BOB, CAROL, 1_000 * GUSD);
		let carol = Trails::<Test>::get(CAROL);
		assert_eq!(carol.origins.len() as u32, MAX_CP);
		assert!(carol.origins.iter().any(|o| o.party == party_hash(&BOB) && o.hops == 1));
		// Nearer origins win: Bob's direct entry, then others at two transfers.
		assert!(carol.origins.iter().filter(|o| o.hops == 2).count() as u32 == MAX_CP - 1);
		// Value back from Carol to a sender Bob's trail kept closes a cycle of three.
		take_events();
		let first = senders.clone().next().expect("senders");
		p2p(CAROL, first, 1_000 * GUSD);
		let found = hits(&take_events());
		assert_eq!(
			found.iter().map(|h| (h.1, h.2, h.3.window_count)).collect::<Vec<_>>(),
			[(first, Some(CAROL), 3)]
		);
		// A full trail forgets: a sender that found no room is not followed.
		let last = senders.clone().last().expect("senders");
		p2p(CAROL, last, 1_000 * GUSD);
		assert!(hits(&take_events()).is_empty());
	});
}

#[test]
fn a_spoofer_withdrawing_fleeting_orders_trips_once_a_day() {
	new_test_ext().execute_with(|| {
		only(Rule::Spoofing, |c| {
			c.count = 3;
			c.value = 3_000 * GUSD;
		});
		// Slow withdrawals are ordinary trading: not counted.
		for _ in 0..5 {
			withdraw(ALICE, 5_000 * GUSD, FLEETING_BLOCKS + 1);
		}
		assert!(hits(&take_events()).is_empty());
		assert!(!FleetingWithdrawals::<Test>::contains_key(ALICE));
		// Two fleeting ones: one short of the count.
		withdraw(ALICE, 1_000 * GUSD, 0);
		withdraw(ALICE, 1_000 * GUSD, FLEETING_BLOCKS);
		assert!(hits(&take_events()).is_empty());
		// The third reaches the count and the value.
		withdraw(ALICE, 1_000 * GUSD, 2);
		let found = hits(&take_events());
		assert_eq!(found.len(), 1);
		let (rule, account, counterparty, evidence) = found[0].clone();
		assert_eq!((rule, account, counterparty), (Rule::Spoofing, ALICE, None));
		assert_eq!((evidence.window_count, evidence.window_value), (3, 3_000 * GUSD));
		assert_eq!(evidence.asset, TransferredAsset::Coupon { series: SERIES });
		// Once a day.
		withdraw(ALICE, 1_000 * GUSD, 0);
		assert!(hits(&take_events()).is_empty());
		// Enough orders but too little value: Bob is not reported.
		for _ in 0..5 {
			withdraw(BOB, 100 * GUSD, 0);
		}
		assert!(hits(&take_events()).is_empty());
		// A new day starts a new count.
		System::set_block_number(1 + DAY);
		withdraw(ALICE, 1_000 * GUSD, 0);
		withdraw(ALICE, 1_000 * GUSD, 0);
		assert!(hits(&take_events()).is_empty());
		assert_eq!(FleetingWithdrawals::<Test>::get(ALICE).count, 2);
	});
}

#[test]
fn a_restricting_spoofing_rule_restricts_until_cleared_and_clearing_rearms_both_rules() {
	new_test_ext().execute_with(|| {
		only(Rule::Spoofing, |c| {
			c.count = 1;
			c.value = 1;
			c.severity = Severity::High;
			c.restrict = true;
		});
		withdraw(ALICE, 10, 0);
		assert!(take_events()
			.contains(&Event::AccountRestricted { account: ALICE, rule: Rule::Spoofing }));
		assert!(<Aml as AmlMonitor<u64, u128>>::is_restricted(&ALICE));
		assert!(FleetingWithdrawals::<Test>::get(ALICE).reported);
		assert_ok!(Aml::clear_flag(root(), ALICE));
		assert!(!FleetingWithdrawals::<Test>::get(ALICE).reported);
		// Cleared, the same behaviour the same day is reported and restricts again.
		withdraw(ALICE, 10, 0);
		assert!(take_events()
			.contains(&Event::AccountRestricted { account: ALICE, rule: Rule::Spoofing }));
		// The short-cycle mark is re-armed the same way.
		only(Rule::ShortCycle, |_| {});
		p2p(BOB, CAROL, 1_000 * GUSD);
		p2p(CAROL, BOB, 1_000 * GUSD);
		assert_eq!(hits(&take_events()).len(), 1);
		assert_ok!(Aml::clear_flag(root(), BOB));
		assert_eq!(Trails::<Test>::get(BOB).reported, 0);
		p2p(CAROL, BOB, 1_000 * GUSD);
		assert_eq!(
			hits(&take_events()).iter().map(|h| (h.0, h.1)).collect::<Vec<_>>(),
			[(Rule::ShortCycle, BOB)]
		);
	});
}

#[test]
fn governance_validates_the_new_rules() {
	new_test_ext().execute_with(|| {
		let config = |value, count| RuleConfig {
			enabled: true,
			value,
			count,
			severity: Severity::Medium,
			restrict: false,
		};
		assert_noop!(
			Aml::set_rule(root(), Rule::ShortCycle, config(1, 1)),
			Error::<Test>::CountTooLow
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::ShortCycle, config(1, MAX_CYCLE_HOPS + 1)),
			Error::<Test>::CountTooHigh
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::ShortCycle, config(0, 3)),
			Error::<Test>::ZeroValue
		);
		assert_noop!(Aml::set_rule(root(), Rule::Spoofing, config(5, 0)), Error::<Test>::ZeroCount);
		assert_noop!(
			Aml::set_rule(root(), Rule::OrderToTrade, config(50, 0)),
			Error::<Test>::ZeroCount
		);
		assert_noop!(
			Aml::set_rule(root(), Rule::OrderToTrade, config(0, 200)),
			Error::<Test>::ZeroValue
		);
		// Others close a cycle on an account: the rule may only report.
		let restricting = RuleConfig { severity: Severity::High, restrict: true, ..config(1, 3) };
		assert_noop!(
			Aml::set_rule(root(), Rule::ShortCycle, restricting),
			Error::<Test>::CannotRestrict
		);
		assert_ok!(Aml::set_rule(root(), Rule::ShortCycle, config(1, MAX_CYCLE_HOPS)));
		// Spoofing may count orders of any value.
		assert_ok!(Aml::set_rule(root(), Rule::Spoofing, config(0, 5)));
		assert_eq!(Aml::rule(Rule::Spoofing), config(0, 5));
		Aml::do_try_state().expect("invariants hold");
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		/// Whatever moves between 30 accounts over several days, every trail holds at most
		/// `MaxCounterparties` origins, never its own account, one entry per origin, each
		/// fewer transfers away than the longest cycle followed.
		#[test]
		fn trails_stay_bounded_and_never_name_their_own_account(
			count in 2u32..=MAX_CYCLE_HOPS,
			moves in proptest::collection::vec((0u64..30, 0u64..30, 0u64..3), 1..300),
		) {
			new_test_ext().execute_with(|| {
				only(Rule::ShortCycle, |c| {
					c.count = count;
					c.value = 1;
				});
				let mut block = 1;
				for (from, to, step) in moves {
					block += step * DAY / 3;
					System::set_block_number(block);
					p2p(from, to, 1);
					for who in [from, to] {
						let trail = Trails::<Test>::get(who);
						prop_assert!(trail.origins.len() as u32 <= MAX_CP);
						let own = party_hash(&who);
						prop_assert!(trail.origins.iter().all(|o| o.party != own));
						prop_assert!(trail.origins.iter().all(|o| o.hops >= 1 && u32::from(o.hops) < count));
						let mut parties: Vec<u64> = trail.origins.iter().map(|o| o.party).collect();
						parties.sort();
						parties.dedup();
						prop_assert_eq!(parties.len(), trail.origins.len());
					}
				}
				take_events();
				prop_assert!(Aml::do_try_state().is_ok());
				Ok(())
			})?;
		}
	}
}
