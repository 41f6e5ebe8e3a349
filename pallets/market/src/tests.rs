//! Unit tests of the batch auction: every order type and failure path (`assert_noop!`), one
//! price per series per block, time priority across blocks and pro rata within one, the
//! transaction order of a block changing nothing, netted settlement with fees, quote sheets in
//! force from the next block, per-account compliance (screen, clamps), self-trade and wash-
//! trade prevention, the breaker, expiry; listings, market makers, affiliates. After each
//! block: the invariants (`try_state`), conservation of units and stablecoin, and every freeze
//! standing for open bids or bonds.

use crate::{
	auction::QUOTE_ID, mock::*, CancelReason, Error, Event, FeeRates, Markets, OrderKey,
	OrderRequest, OrderStatus, QuoteLevel, RiskParams, Side, TimeInForce,
};
use genex_primitives::{
	coupons::mock::MockCoupons,
	credit::mock::MockCredit,
	kyc::{mock::MockKyc, MOCK_LEVEL_TOO_LOW, MOCK_LIMIT_EXCEEDED},
	oracle::mock::MockOracle,
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	settlement::mock::MockSettlement,
	FreezeReason, SeriesStatus,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{Get, Hooks},
		weights::Weight,
	},
	sp_runtime::{DispatchError, Perbill, Permill},
};

type P = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Market(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn gtc(side: Side, price: u128, units: u64) -> OrderRequest {
	OrderRequest {
		side,
		price,
		units,
		time_in_force: TimeInForce::GoodTillCancelled,
		post_only: false,
	}
}

fn ioc(side: Side, price: u128, units: u64) -> OrderRequest {
	OrderRequest { time_in_force: TimeInForce::ImmediateOrCancel, ..gtc(side, price, units) }
}

fn post(side: Side, price: u128, units: u64) -> OrderRequest {
	OrderRequest { post_only: true, ..gtc(side, price, units) }
}

/// Place `req` for `who`; its key.
fn place(who: u64, req: OrderRequest) -> OrderKey {
	assert_ok!(P::place_order(signed(who), SERIES, req));
	events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			Event::OrderPlaced { key, .. } => Some(key),
			_ => None,
		})
		.expect("placed")
}

/// The block's auctions, the invariants, then the next block.
fn end_block() {
	P::run_auctions();
	check();
	let n = System::block_number() + 1;
	System::set_block_number(n);
	P::on_initialize(n);
}

/// (order id, units, price) of every fill so far.
fn fills() -> Vec<(u64, u64, u128)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::OrderFilled { key, units, price, .. } => Some((key.id, units, price)),
			_ => None,
		})
		.collect()
}

fn cancelled(id: u64) -> Option<CancelReason> {
	events().into_iter().find_map(|e| match e {
		Event::OrderCancelled { key, reason, .. } if key.id == id => Some(reason),
		_ => None,
	})
}

fn funds(who: u64) -> u128 {
	MockSettlement::get(&who)
}

/// What `who`'s bids keep frozen in its account.
fn frozen(who: u64) -> u128 {
	MockSettlement::frozen_of(&who, FreezeReason::MarketOrders)
}

fn units(who: u64) -> u64 {
	MockCoupons::balance_of(SERIES, &who)
}

/// `who` joins the market makers and quotes 1 at 95 and 1 at 100, in force two blocks on.
fn quoting(who: u64) {
	let q = |price, units| QuoteLevel { price, units };
	assert_ok!(P::join_market_makers(signed(who)));
	assert_ok!(P::set_quotes(signed(who), SERIES, vec![q(95, 1)], vec![q(100, 1)]));
	end_block();
	end_block();
}

/// Invariants, and nothing created or destroyed: all stablecoin and units are where they
/// were or moved; no freeze is left without the bids or bond it stands for.
fn check() {
	P::do_try_state().expect("invariants hold");
	assert_eq!(MockSettlement::total(), 5 * FUNDS, "stablecoin conserved");
	assert_eq!(MockCoupons::total_units(SERIES), 5 * UNITS, "units conserved");
	let mut bids: u128 = 0;
	for ((_, side, price), level) in crate::Book::<Test>::iter() {
		if side == Side::Buy {
			for o in level.orders.iter() {
				bids += P::escrow_of(price, o.units, o.fee_rate).expect("fits");
			}
		}
	}
	for (_, _, sheet) in crate::Sheets::<Test>::iter() {
		for q in sheet.active.bids.iter() {
			bids += P::escrow_of(q.price, q.units, sheet.fee_rate).expect("fits");
		}
	}
	// Between blocks nothing is pending: every bid's freeze is on the book or a sheet.
	if crate::Pending::<Test>::iter_keys().next().is_none() {
		assert_eq!(MockSettlement::frozen_total(FreezeReason::MarketOrders), bids);
	}
	let bonds: u128 = crate::MarketMakers::<Test>::iter_values().sum();
	assert_eq!(MockSettlement::frozen_total(FreezeReason::MarketMakerBond), bonds);
}

fn resting(key: OrderKey) -> Option<u64> {
	match P::order_status(key) {
		OrderStatus::Resting { units } => Some(units),
		_ => None,
	}
}

#[test]
fn a_block_clears_at_one_price_for_everyone() {
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Sell, 100, 10));
		let b = place(BOB, gtc(Side::Sell, 95, 10));
		// Nothing trades before the end of the block; custody is taken at once.
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 10);
		assert_eq!(P::order_status(a), OrderStatus::Pending { units: 10 });
		end_block();
		assert_eq!(resting(a), Some(10));
		assert_eq!(P::best_bid_ask(SERIES), (None, Some(95)));
		let c = place(CAROL, gtc(Side::Buy, 100, 15));
		// Carol's bid freezes 1 500 + 2 % (its taker rate: it may trade).
		assert_eq!(frozen(CAROL), 1_530);
		end_block();
		// One price, 100 (the most volume: 15), for all: Bob asked 95 and gets 100.
		let mut got = fills();
		got.sort();
		assert_eq!(got, vec![(a.id, 5, 100), (b.id, 10, 100), (c.id, 15, 100)]);
		assert!(events().contains(&Event::AuctionCleared {
			series: SERIES,
			price: 100,
			volume: 15,
			fills: 3,
			pending: 1,
		}));
		// Taker pays 2 %, makers 1 %: all to the treasury, once.
		assert_eq!(funds(CAROL), FUNDS - 1_500 - 30);
		assert_eq!(frozen(CAROL), 0);
		assert_eq!(funds(BOB), FUNDS + 1_000 - 10);
		assert_eq!(funds(ALICE), FUNDS + 500 - 5);
		assert_eq!(funds(TREASURY), 30 + 10 + 5);
		assert_eq!(units(CAROL), UNITS + 15);
		assert_eq!(resting(a), Some(5));
		assert_eq!(P::order_status(b), OrderStatus::Gone);
		assert_eq!(Markets::<Test>::get(SERIES).last_price, Some(100));
		assert_eq!(P::last_trades(SERIES).len(), 1);
	});
}

#[test]
fn older_resting_orders_go_first_and_one_blocks_orders_share_pro_rata() {
	new_test_ext().execute_with(|| {
		let old = place(ALICE, gtc(Side::Sell, 100, 6));
		end_block();
		// Bob and Dave ask at the same price in the same block; Carol takes 10.
		let bob = place(BOB, gtc(Side::Sell, 100, 6));
		let dave = place(DAVE, gtc(Side::Sell, 100, 2));
		let carol = place(CAROL, gtc(Side::Buy, 100, 10));
		end_block();
		// Alice's older 6 first; the 4 left shared 6 : 2 → 3 and 1.
		let got = fills();
		assert!(got.contains(&(old.id, 6, 100)));
		assert!(got.contains(&(bob.id, 3, 100)));
		assert!(got.contains(&(dave.id, 1, 100)));
		assert!(got.contains(&(carol.id, 10, 100)));
		assert_eq!(resting(bob), Some(3));
		assert_eq!(resting(dave), Some(1));
	});
}

/// The outcome of one block's orders placed in the given order: each account's funds, units
/// and the resting book.
fn outcome_of(order: &[(u64, OrderRequest)]) -> (Vec<(u64, u128, u64)>, Vec<(u64, u64)>) {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		end_block();
		for (who, req) in order {
			place(*who, *req);
		}
		end_block();
		let accounts = [ISSUER, ALICE, BOB, CAROL, DAVE, TREASURY]
			.iter()
			.map(|w| (*w, funds(*w), units(*w)))
			.collect();
		let mut book: Vec<(u64, u64)> = crate::Book::<Test>::iter()
			.flat_map(|(_, l)| l.orders.into_iter().map(|o| (o.owner, o.units)))
			.collect();
		book.sort();
		(accounts, book)
	})
}

#[test]
fn the_order_of_a_blocks_transactions_changes_nobodys_price_or_fill() {
	let orders = [
		(BOB, gtc(Side::Buy, 105, 4)),
		(CAROL, gtc(Side::Buy, 100, 7)),
		(DAVE, gtc(Side::Sell, 95, 3)),
		(ISSUER, gtc(Side::Sell, 100, 4)),
		(BOB, ioc(Side::Buy, 100, 2)),
	];
	let forward = outcome_of(&orders);
	let mut reversed = orders;
	reversed.reverse();
	assert_eq!(forward, outcome_of(&reversed));
	let mut rotated = orders;
	rotated.rotate_left(2);
	assert_eq!(forward, outcome_of(&rotated));
}

#[test]
fn immediate_or_cancel_and_market_orders_release_what_does_not_trade() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		end_block();
		let b = place(BOB, ioc(Side::Buy, 100, 8));
		end_block();
		assert!(fills().contains(&(b.id, 5, 100)));
		assert_eq!(cancelled(b.id), Some(CancelReason::Unfilled));
		assert_eq!(frozen(BOB), 0);
		assert_eq!(funds(BOB), FUNDS - 500 - 10);
		// A market order: no worse than its worst price, off the tick allowed.
		place(ALICE, gtc(Side::Sell, 110, 5));
		end_block();
		assert_ok!(P::place_market_order(signed(CAROL), SERIES, Side::Buy, 10, 107));
		end_block();
		assert!(!fills().iter().any(|(_, _, p)| *p == 110), "110 is beyond the worst price");
		assert_eq!(frozen(CAROL), 0);
		assert_eq!(funds(CAROL), FUNDS);
		assert_ok!(P::place_market_order(signed(CAROL), SERIES, Side::Buy, 3, 111));
		end_block();
		assert!(fills().iter().any(|(_, u, p)| *u == 3 && *p == 110));
		assert_eq!(units(CAROL), UNITS + 3);
	});
}

#[test]
fn post_only_orders_sit_out_their_auction_and_never_take() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Buy, 100, 5));
		end_block();
		assert_noop!(
			P::place_order(signed(BOB), SERIES, post(Side::Sell, 100, 5)),
			Error::<Test>::WouldCross
		);
		// A post-only ask below a bid of the same block: the bid rests, the ask crosses it
		// after the auction and is released.
		let bid = place(CAROL, gtc(Side::Buy, 105, 2));
		let ask = place(BOB, post(Side::Sell, 105, 2));
		end_block();
		assert!(fills().is_empty());
		assert_eq!(resting(bid), Some(2));
		assert_eq!(cancelled(ask.id), Some(CancelReason::WouldCross));
		assert_eq!(MockCoupons::locked_of(SERIES, &BOB), 0);
		// Out of the way it rests, at the maker rate.
		let ask = place(BOB, post(Side::Sell, 110, 2));
		end_block();
		assert_eq!(resting(ask), Some(2));
	});
}

#[test]
fn bad_input_is_refused_with_typed_errors_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let o = |r| P::place_order(signed(ALICE), SERIES, r);
		assert_noop!(o(gtc(Side::Buy, 0, 1)), Error::<Test>::ZeroPrice);
		assert_noop!(o(gtc(Side::Buy, 100, 0)), Error::<Test>::ZeroUnits);
		assert_noop!(o(gtc(Side::Buy, 101, 1)), Error::<Test>::OffTick);
		let past = OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(NOW),
			..gtc(Side::Buy, 100, 1)
		};
		assert_noop!(o(past), Error::<Test>::ExpiryInPast);
		// Shorter than a minute: it could rest and vanish before anyone can trade with it.
		let fleeting = OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(NOW + crate::MIN_ORDER_LIFETIME_MS - 1),
			..gtc(Side::Buy, 100, 1)
		};
		assert_noop!(o(fleeting), Error::<Test>::ExpiryTooSoon);
		assert_noop!(
			P::place_order(signed(ALICE), 9, gtc(Side::Buy, 100, 1)),
			Error::<Test>::UnknownSeries
		);
		assert_noop!(o(gtc(Side::Buy, 100, 1_000_000)), Error::<Test>::InsufficientFunds);
		assert_noop!(
			P::place_order(signed(EVE), SERIES, gtc(Side::Buy, 100, 1)),
			MOCK_LEVEL_TOO_LOW
		);
		MockSanctions::set(&BOB, true);
		assert_noop!(P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 100, 1)), MOCK_BLOCKED);
		MockSanctions::set(&BOB, false);
		MockCoupons::set_status(SERIES, SeriesStatus::Expired);
		assert_noop!(o(gtc(Side::Buy, 100, 1)), Error::<Test>::NotTradable);
		MockCoupons::set_status(SERIES, SeriesStatus::Active);
		// Cancels: someone else's, one still pending, one that does not exist.
		let a = place(ALICE, gtc(Side::Buy, 100, 1));
		assert_noop!(P::cancel_order(signed(ALICE), a), Error::<Test>::OrderPending);
		end_block();
		assert_noop!(P::cancel_order(signed(BOB), a), Error::<Test>::NotOwner);
		let unknown = OrderKey { id: 77, ..a };
		assert_noop!(P::cancel_order(signed(ALICE), unknown), Error::<Test>::UnknownOrder);
		assert_ok!(P::cancel_order(signed(ALICE), a));
		assert_eq!(cancelled(a.id), Some(CancelReason::ByOwner));
		assert_eq!(frozen(ALICE), 0);
		// Quote sheets: not a market maker; too many levels; unsorted.
		let q = |price, units| QuoteLevel { price, units };
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q(95, 1)], vec![]),
			Error::<Test>::NotMarketMaker
		);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q(95, 1); 5], vec![]),
			Error::<Test>::TooManyQuoteLevels
		);
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q(90, 1), q(95, 1)], vec![]),
			Error::<Test>::QuotesNotSorted
		);
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q(100, 1)], vec![q(100, 1)]),
			Error::<Test>::QuotesNotSorted
		);
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q(96, 1)], vec![]),
			Error::<Test>::OffTick
		);
		assert_noop!(P::set_quotes(signed(CAROL), SERIES, vec![], vec![]), Error::<Test>::NoQuotes);
		assert_noop!(P::cancel_quotes(signed(CAROL), SERIES), Error::<Test>::NoQuotes);
		end_block();
	});
}

#[test]
fn quote_sheets_come_into_force_in_the_next_block_and_pay_the_maker_rate() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(
			signed(CAROL),
			SERIES,
			vec![q(95, 10), q(90, 10)],
			vec![q(100, 10), q(105, 10)]
		));
		// Staged: no custody yet, and a taker in the same block does not see it.
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		let early = place(BOB, ioc(Side::Buy, 100, 5));
		end_block();
		assert_eq!(cancelled(early.id), Some(CancelReason::Unfilled));
		// In force from the next block's auction (scheduled by the sheet).
		let bob = place(BOB, ioc(Side::Buy, 100, 15));
		end_block();
		assert!(events().contains(&Event::QuotesActive { maker: CAROL, series: SERIES }));
		assert!(fills().contains(&(bob.id, 10, 100)));
		assert!(fills().contains(&(QUOTE_ID, 10, 100)));
		// Carol pays the maker rate (1 %); Bob the taker rate (2 %).
		assert_eq!(funds(CAROL), FUNDS + 1_000 - 10);
		assert_eq!(funds(BOB), FUNDS - 1_000 - 20);
		// Custody: 10 asks units locked, the bids' price and fee frozen.
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 10);
		assert_eq!(frozen(CAROL), 950 + 9 + 900 + 9);
		let report = P::obligation_report(&CAROL, SERIES);
		assert_eq!((report.bid_units, report.ask_units), (20, 10));
		assert_eq!((report.best_bid, report.best_ask), (Some(95), Some(105)));
		// Replaced whole; withdrawn.
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(90, 1)], vec![]));
		end_block();
		end_block();
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(frozen(CAROL), 909 / 10);
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		end_block();
		end_block();
		assert!(events().contains(&Event::QuotesRemoved {
			maker: CAROL,
			series: SERIES,
			reason: CancelReason::ByOwner
		}));
		assert_eq!(frozen(CAROL), 0);
	});
}

#[test]
fn a_sanctioned_makers_quotes_are_skipped_and_removed() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(95, 10)], vec![q(100, 10)]));
		end_block();
		end_block();
		MockSanctions::set(&CAROL, true);
		let bob = place(BOB, ioc(Side::Buy, 100, 5));
		end_block();
		assert!(fills().is_empty());
		assert_eq!(cancelled(bob.id), Some(CancelReason::Unfilled));
		assert!(events().contains(&Event::QuotesRemoved {
			maker: CAROL,
			series: SERIES,
			reason: CancelReason::Sanctioned
		}));
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(frozen(CAROL), 0);
	});
}

#[test]
fn an_account_is_clamped_to_its_daily_limit_and_holding_cap() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 20));
		end_block();
		// Dave (L1) may trade 1 000 a day: of 15 at up to 100, 10 trade.
		MockKyc::set_budget_for(&DAVE, 1_000);
		let d = place(DAVE, gtc(Side::Buy, 100, 8));
		assert_noop!(
			P::place_order(signed(DAVE), SERIES, gtc(Side::Buy, 100, 11)),
			MOCK_LIMIT_EXCEEDED
		);
		let d2 = place(DAVE, gtc(Side::Buy, 100, 7));
		end_block();
		assert!(events().contains(&Event::FillLimited {
			series: SERIES,
			who: DAVE,
			reason: CancelReason::KycLimit
		}));
		let traded: u64 =
			fills().iter().filter(|(id, _, _)| *id == d.id || *id == d2.id).map(|f| f.1).sum();
		assert_eq!(traded, 10);
		assert_eq!(MockKyc::trade_used(&DAVE), 1_000);
		// Holding cap: Bob may hold 3 more units.
		MockCoupons::set_max_holdings(UNITS + 3);
		let b = place(BOB, ioc(Side::Buy, 100, 5));
		end_block();
		assert!(fills().contains(&(b.id, 3, 100)));
		assert_eq!(units(BOB), UNITS + 3);
	});
}

#[test]
fn self_trades_and_issuer_wash_trades_do_not_happen() {
	new_test_ext().execute_with(|| {
		let ask = place(ALICE, gtc(Side::Sell, 100, 3));
		end_block();
		// Alice's own bid meets her ask: the newer order goes.
		let bid = place(ALICE, gtc(Side::Buy, 100, 3));
		end_block();
		assert_eq!(cancelled(bid.id), Some(CancelReason::SelfTrade));
		assert_eq!(resting(ask), Some(3));
		assert!(fills().is_empty());
		// An issuer and its affiliate are one party.
		assert_ok!(P::request_affiliation(signed(BOB), ISSUER));
		assert_ok!(P::add_affiliate(signed(ISSUER), BOB));
		let issuer_ask = place(ISSUER, gtc(Side::Sell, 95, 3));
		let bob_bid = place(BOB, gtc(Side::Buy, 95, 3));
		end_block();
		assert_eq!(cancelled(issuer_ask.id), Some(CancelReason::SelfTrade));
		assert_eq!(cancelled(bob_bid.id), Some(CancelReason::SelfTrade));
		assert!(fills().is_empty());
		// Listings: refused outright.
		assert_ok!(P::list_primary(signed(ISSUER), SERIES, 10));
		assert_noop!(P::buy_listing(signed(BOB), 0, 1, 90), Error::<Test>::WashTrade);
	});
}

#[test]
fn the_breaker_halts_a_series_and_releases_its_pending_orders() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 1));
		place(BOB, gtc(Side::Buy, 100, 1));
		end_block();
		assert_eq!(Markets::<Test>::get(SERIES).last_price, Some(100));
		// A move to 140 (> 10 %): the band refuses the limit price.
		assert_noop!(
			P::place_order(signed(CAROL), SERIES, gtc(Side::Sell, 140, 1)),
			Error::<Test>::PriceOutsideBand
		);
		// Band and breaker 30 %: 125 trades (25 % from the window's anchor, 100)…
		assert_ok!(P::set_risk(
			RuntimeOrigin::root(),
			RiskParams {
				band: Permill::from_percent(30),
				breaker: Permill::from_percent(30),
				..RiskParams::default()
			}
		));
		place(ALICE, gtc(Side::Sell, 125, 1));
		place(BOB, gtc(Side::Buy, 125, 1));
		end_block();
		assert_eq!(Markets::<Test>::get(SERIES).last_price, Some(125));
		// …then 140 is inside the band around 125 but 40 % from the anchor: the series halts,
		// nothing trades, the block's orders are released.
		let ask = place(CAROL, gtc(Side::Sell, 140, 2));
		assert_ok!(P::place_market_order(signed(DAVE), SERIES, Side::Buy, 2, 200));
		end_block();
		assert!(events().iter().any(|e| matches!(e, Event::SeriesHalted { price: 140, .. })));
		assert_eq!(cancelled(ask.id), Some(CancelReason::Halted));
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(frozen(DAVE), 0);
		assert_noop!(
			P::place_order(signed(CAROL), SERIES, gtc(Side::Sell, 130, 1)),
			Error::<Test>::SeriesHalted
		);
	});
}

#[test]
fn good_till_time_orders_expire_in_idle_time_and_never_trade_late() {
	new_test_ext().execute_with(|| {
		let at = NOW + 120_000;
		let req = OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(at),
			..gtc(Side::Sell, 100, 5)
		};
		let a = place(ALICE, req);
		end_block();
		assert_eq!(resting(a), Some(5));
		set_now(at + 1);
		// Met by an auction before idle time: it does not trade.
		let b = place(BOB, ioc(Side::Buy, 100, 5));
		end_block();
		assert!(fills().is_empty());
		assert_eq!(cancelled(a.id), Some(CancelReason::Expired));
		assert_eq!(cancelled(b.id), Some(CancelReason::Unfilled));
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 0);
		// Another one, swept in idle time.
		let c = place(
			ALICE,
			OrderRequest {
				time_in_force: TimeInForce::GoodTillTime(at + 120_000),
				..gtc(Side::Sell, 100, 1)
			},
		);
		end_block();
		set_now(at + 300_000);
		P::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(cancelled(c.id), Some(CancelReason::Expired));
		end_block();
	});
}

#[test]
fn governance_force_cancels_any_resting_order() {
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Buy, 100, 2));
		end_block();
		assert_noop!(P::force_cancel_order(signed(BOB), a), DispatchError::BadOrigin);
		assert_ok!(P::force_cancel_order(RuntimeOrigin::root(), a));
		assert_eq!(cancelled(a.id), Some(CancelReason::ByGovernance));
		assert_eq!(frozen(ALICE), 0);
		end_block();
	});
}

#[test]
fn an_owner_s_withdrawal_is_counted_for_market_surveillance_and_others_are_not() {
	use codec::Encode;
	use genex_primitives::movement::mock::MockAml;
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Buy, 100, 3));
		let b = place(ALICE, gtc(Side::Buy, 90, 2));
		let c = place(BOB, gtc(Side::Buy, 80, 1));
		// They come to rest in block 1's auction.
		end_block();
		// Alice withdraws one in block 2, the other in block 6: her open units at the order's
		// price, and how many blocks each rested.
		assert_ok!(P::cancel_order(signed(ALICE), a));
		for _ in 0..4 {
			end_block();
		}
		assert_ok!(P::cancel_order(signed(ALICE), b));
		assert_eq!(
			MockAml::take_withdrawn(),
			vec![(ALICE.encode(), 300, 1), (ALICE.encode(), 180, 5),]
		);
		// Governance's cancel is not the owner's withdrawal; neither is a failed cancel.
		assert_noop!(P::cancel_order(signed(ALICE), c), Error::<Test>::NotOwner);
		assert_ok!(P::force_cancel_order(RuntimeOrigin::root(), c));
		assert!(MockAml::take_withdrawn().is_empty());
		end_block();
	});
}

#[test]
fn every_placed_order_is_counted_for_the_order_to_trade_rule_and_a_refused_one_is_not() {
	use codec::Encode;
	use genex_primitives::movement::mock::MockAml;
	new_test_ext().execute_with(|| {
		MockAml::take_placed();
		place(ALICE, gtc(Side::Buy, 100, 3));
		assert_ok!(P::place_market_order(signed(BOB), SERIES, Side::Buy, 2, 110));
		// A refused order is not counted.
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 100, 1_000_000)),
			Error::<Test>::InsufficientFunds
		);
		// Its units at its limit price, or at its worst price for a market order.
		assert_eq!(MockAml::take_placed(), vec![(ALICE.encode(), 300), (BOB.encode(), 220)]);
		end_block();
	});
}

#[test]
fn an_account_aml_monitoring_restricts_places_no_order() {
	use genex_primitives::movement::mock::MockAml;
	new_test_ext().execute_with(|| {
		MockAml::restrict(&ALICE, true);
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 100, 1)),
			Error::<Test>::AccountRestricted
		);
		assert_noop!(
			P::place_market_order(signed(ALICE), SERIES, Side::Buy, 1, 110),
			Error::<Test>::AccountRestricted
		);
		assert!(MockAml::take_placed().is_empty());
		MockAml::restrict(&ALICE, false);
		place(ALICE, gtc(Side::Buy, 100, 1));
		end_block();
	});
}

#[test]
fn the_auction_of_a_block_is_bounded() {
	new_test_ext().execute_with(|| {
		// `MaxPendingPerSeries` is 64.
		for _ in 0..64 {
			place(ALICE, gtc(Side::Buy, 50, 1));
		}
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 50, 1)),
			Error::<Test>::AuctionFull
		);
		end_block();
		// The next block takes orders again.
		place(BOB, gtc(Side::Buy, 50, 1));
		end_block();
	});
}

/// 18 one-unit asks of Alice, Bob and the issuer resting on three levels (8 at 100, 8 at 105,
/// 2 at 110), then Carol's bid for `units` at 110 in the next block, with the block's weight
/// already `used`: what Carol filled, and the block's mandatory weight before and after the
/// auction.
fn sweep_asks(units: u64, used: Option<Weight>) -> (u64, Weight, Weight) {
	use polkadot_sdk::frame_support::dispatch::DispatchClass;
	for i in 0..18u64 {
		let who = [ALICE, BOB, ISSUER][(i % 3) as usize];
		place(who, gtc(Side::Sell, 100 + 5 * u128::from(i / 8), 1));
	}
	end_block();
	place(CAROL, gtc(Side::Buy, 110, units));
	if let Some(used) = used {
		let now = System::block_weight().total();
		System::register_extra_weight_unchecked(used.saturating_sub(now), DispatchClass::Mandatory);
	}
	let mandatory = || *System::block_weight().get(DispatchClass::Mandatory);
	let before = mandatory();
	P::run_auctions();
	let after = mandatory();
	check();
	let filled = events()
		.into_iter()
		.filter_map(|e| match e {
			Event::OrderFilled { owner: CAROL, units, .. } => Some(units),
			_ => None,
		})
		.sum();
	(filled, before, after)
}

#[test]
fn an_auction_reaches_what_its_orders_paid_for_and_more_on_spare_block_weight() {
	// One pending order: it and the series' share paid for 2 × `MaxFills` (16) resting orders.
	new_test_ext().execute_with(|| {
		let (filled, before, after) = sweep_asks(18, None);
		assert_eq!(filled, 16);
		assert_eq!(after, before, "nothing beyond what was paid");
		// What it could not reach is not left resting crossed.
		assert!(events().iter().any(|e| matches!(
			e,
			Event::OrderCancelled { owner: CAROL, units: 2, reason: CancelReason::WouldCross, .. }
		)));
	});
	// With spare block weight for two more, it reaches all 18, and the block counts them.
	new_test_ext().execute_with(|| {
		SpareReach::set(2);
		let (filled, before, after) = sweep_asks(18, None);
		assert_eq!(filled, 18);
		assert_eq!(after, before + P::reach_weight(2));
		assert!(P::reach_weight(1).all_gt(Weight::zero()));
	});
}

#[test]
fn spare_reach_is_half_the_blocks_spare_weight_and_what_one_auction_leaves_goes_on() {
	// A block with room for three more resting orders lends half of it: one.
	new_test_ext().execute_with(|| {
		SpareReach::set(10);
		let max = <<Test as polkadot_sdk::frame_system::Config>::BlockWeights as Get<
			polkadot_sdk::frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		let (filled, before, after) = sweep_asks(18, Some(max - P::reach_weight(3)));
		assert_eq!(filled, 17);
		assert_eq!(after, before + P::reach_weight(1));
	});
	// Only what is reached is counted, however much more was lent: two.
	new_test_ext().execute_with(|| {
		SpareReach::set(10);
		let (filled, before, after) = sweep_asks(18, None);
		assert_eq!(filled, 18);
		assert_eq!(after, before + P::reach_weight(2));
	});
}

#[test]
fn a_staged_sheet_is_charged_in_the_block_where_it_trades() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		let staging = <() as crate::weights::WeightInfo>::set_quotes(1, 1);
		// The first sheet schedules the series' next auction and comes into force there: it
		// pre-pays both.
		let info =
			P::set_quotes(signed(CAROL), SERIES, vec![q(95, 1)], vec![q(100, 1)]).expect("staged");
		assert_eq!(
			info.actual_weight,
			Some(staging + P::auction_share(true) + P::promotion_share())
		);
		// Replaced in the same block: the next block's work does not grow, staging only.
		let info =
			P::set_quotes(signed(CAROL), SERIES, vec![q(90, 1)], vec![q(100, 1)]).expect("staged");
		assert_eq!(info.actual_weight, Some(staging));
		// Withdrawn in the same block: likewise.
		let info = P::cancel_quotes(signed(CAROL), SERIES).expect("staged");
		assert_eq!(info.actual_weight, Some(<() as crate::weights::WeightInfo>::set_quotes(0, 0)));
		let info =
			P::set_quotes(signed(CAROL), SERIES, vec![q(90, 1)], vec![q(100, 1)]).expect("staged");
		assert_eq!(info.actual_weight, Some(staging));
		assert_eq!(crate::StagedSheets::<Test>::get(), 1);
		// Another maker's first sheet in the block: its coming into force, not the auction.
		MockKyc::set(&DAVE, genex_primitives::KycLevel::L3);
		assert_ok!(P::join_market_makers(signed(DAVE)));
		let info =
			P::set_quotes(signed(DAVE), SERIES, vec![q(90, 1)], vec![q(105, 1)]).expect("staged");
		assert_eq!(info.actual_weight, Some(staging + P::promotion_share()));
		assert_eq!(crate::StagedSheets::<Test>::get(), 2);
		// The next block charges the auction and the sheet coming into force.
		P::run_auctions();
		let n = System::block_number() + 1;
		System::set_block_number(n);
		let charged = P::on_initialize(n);
		let db = <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<
			polkadot_sdk::frame_support::weights::RuntimeDbWeight,
		>>::get();
		// And the obligations sampling of the series' two makers (the parent hash and the
		// count read first).
		let sampling = db.reads(2) + <() as crate::weights::WeightInfo>::sample_obligations(2);
		// The queues: the next auctions and the staged count taken, the scheduled put.
		assert_eq!(
			charged,
			db.reads_writes(2, 3) + P::auction_share(true) + P::promotion_share() * 2 + sampling
		);
		assert_eq!(crate::StagedSheets::<Test>::get(), 0);
		P::run_auctions();
		assert!(events().contains(&Event::QuotesActive { maker: CAROL, series: SERIES }));
		assert!(events().contains(&Event::QuotesActive { maker: DAVE, series: SERIES }));
		check();
	});
}

#[test]
fn a_placement_after_the_blocks_first_on_its_series_is_refunded_the_reads_it_repeats() {
	new_test_ext().execute_with(|| {
		let db = <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<
			polkadot_sdk::frame_support::weights::RuntimeDbWeight,
		>>::get();
		let full = P::placement_weight();
		let repeat = full - db.reads(crate::placement::REPEAT_READS);
		assert!(repeat.ref_time() < full.ref_time());
		// The block's first order on the series reads its items and opens its auction.
		let info = P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 95, 1)).expect("placed");
		assert_eq!(info.actual_weight, Some(full + P::auction_share(true)));
		// The next ones, of any kind, read them again from the block's overlay and cache.
		let info = P::place_market_order(signed(BOB), SERIES, Side::Sell, 1, 90).expect("placed");
		assert_eq!(info.actual_weight, Some(repeat + P::auction_share(false)));
		let info = P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 90, 1)).expect("placed");
		assert_eq!(info.actual_weight, Some(repeat + P::auction_share(false)));
		end_block();
		// A new block: its first order pays everything again.
		let info = P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 90, 1)).expect("placed");
		assert_eq!(info.actual_weight, Some(full + P::auction_share(true)));
		end_block();
		// A quote sheet scheduled the series' auction: the block's first order opens nothing,
		// but nothing of this block read the series' items before it.
		assert_ok!(P::join_market_makers(signed(CAROL)));
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(90, 1)], vec![q(100, 1)]));
		end_block();
		assert!(crate::Scheduled::<Test>::get().contains(&SERIES));
		let info = P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 95, 1)).expect("placed");
		assert_eq!(info.actual_weight, Some(full + P::auction_share(false)));
		let info = P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 95, 1)).expect("placed");
		assert_eq!(info.actual_weight, Some(repeat + P::auction_share(false)));
		end_block();
		check();
	});
}

/// The reads a repeated placement is refunded ([`crate::placement::REPEAT_READS`]) are among
/// what `place_order`'s benchmark measured: a regenerated `weights.rs` that no longer lists one
/// fails here instead of undercharging.
#[test]
fn repeat_reads_are_what_the_placement_benchmark_measured() {
	let placed = genex_primitives::measured::measured(include_str!("weights.rs"), "place_order");
	let items = [
		"Coupons::SeriesOf",
		"Timestamp::Now",
		"Issuers::Issuers",
		"Market::Markets",
		"Market::Fees",
		"Stablecoin::SettlementAsset",
		"Market::Pending",
		"Market::NextOrderId",
	];
	assert_eq!(items.len() as u64, crate::placement::REPEAT_READS);
	for item in items {
		assert!(placed.of(item).is_some_and(|(r, _)| r >= 1), "place_order measured {item}");
	}
	let listed: u64 = items.iter().filter_map(|i| placed.of(i)).map(|(r, _)| r).sum();
	assert!(listed >= crate::placement::REPEAT_READS && placed.reads >= listed);
}

/// What an auction party no longer pays twice (`ValueMovement::quiet_party_weight`) is in
/// `clear`'s benchmark: each party's flag and counters per party (16 pending orders, 16
/// resting, 16 sheets: 48), the rules and the high-risk list once.
#[test]
fn quiet_party_storage_is_what_the_clear_benchmark_measured() {
	let clear = genex_primitives::measured::measured(include_str!("weights.rs"), "clear");
	assert_eq!(clear.of("Aml::Flags"), Some((48, 0)));
	assert_eq!(clear.of("Aml::Counters"), Some((48, 48)));
	assert_eq!(clear.of("Aml::Rules"), Some((1, 0)));
	assert_eq!(clear.of("Aml::HighRisk"), Some((1, 0)));
}

#[test]
fn a_market_maker_withdraws_its_sheets_before_leaving() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(95, 1)], vec![q(100, 1)]));
		// Staged, not yet in force: still a sheet to withdraw.
		assert_noop!(P::leave_market_makers(signed(CAROL)), Error::<Test>::QuotesOutstanding);
		end_block();
		end_block();
		assert!(events().contains(&Event::QuotesActive { maker: CAROL, series: SERIES }));
		// In force. Until spec 122 a leave staged the withdrawal of up to `MaxSheetsPerMaker`
		// sheets and scheduled their auctions, unpaid: now each withdrawal pays its own.
		assert_noop!(P::leave_market_makers(signed(CAROL)), Error::<Test>::QuotesOutstanding);
		let info = P::cancel_quotes(signed(CAROL), SERIES).expect("staged");
		assert_eq!(info.actual_weight, Some(P::staging_weight(0, 0, crate::sheets::Staged::MOST)));
		// The withdrawal is staged: the sheet trades in this block's auction still.
		assert_noop!(P::leave_market_makers(signed(CAROL)), Error::<Test>::QuotesOutstanding);
		end_block();
		end_block();
		assert_eq!(crate::Sheets::<Test>::get(CAROL, SERIES), None);
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_ok!(P::leave_market_makers(signed(CAROL)));
		assert_eq!(MockSettlement::frozen_of(&CAROL, FreezeReason::MarketMakerBond), 0);
		assert_eq!(
			events().last(),
			Some(&Event::MarketMakerLeft { who: CAROL, returned: BOND, slashed: 0 })
		);
		check();
	});
}

#[test]
fn a_withdrawal_on_a_halted_series_takes_effect_in_the_next_block() {
	new_test_ext().execute_with(|| {
		quoting(CAROL);
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 1);
		// The breaker halts the series for the next 100 blocks.
		let until = System::block_number() + 100;
		crate::Markets::<Test>::mutate(SERIES, |m| m.halted_until = Some(until));
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		end_block();
		// The next block's auction of the series: halted, nothing trades.
		end_block();
		// Until spec 124 the halted auction left the withdrawal staged until the halt ended,
		// and the maker could not leave before (`QuotesOutstanding`).
		assert!(System::block_number() < until);
		assert_eq!(crate::Sheets::<Test>::get(CAROL, SERIES), None);
		assert!(events().contains(&Event::QuotesRemoved {
			maker: CAROL,
			series: SERIES,
			reason: CancelReason::ByOwner
		}));
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(frozen(CAROL), 0);
		assert_ok!(P::leave_market_makers(signed(CAROL)));
		check();
	});
}

#[test]
fn quotes_coming_into_force_on_a_halted_series_do_not_rest_crossed() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		let ask = place(ALICE, gtc(Side::Sell, 100, 2));
		end_block();
		assert_eq!(resting(ask), Some(2));
		assert_ok!(P::join_market_makers(signed(CAROL)));
		let until = System::block_number() + 100;
		crate::Markets::<Test>::mutate(SERIES, |m| m.halted_until = Some(until));
		// Staged during the halt: a bid above the resting ask, and an ask.
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(105, 1)], vec![q(110, 1)]));
		end_block();
		// In force in the halted auction, which trades nothing: the crossing bid goes
		// (`check` holds: nothing rests crossed), the ask stays.
		end_block();
		assert!(fills().is_empty());
		assert!(events().iter().any(|e| matches!(
			e,
			Event::OrderCancelled { owner: CAROL, reason: CancelReason::WouldCross, .. }
		)));
		let sheet = crate::Sheets::<Test>::get(CAROL, SERIES).expect("in force");
		assert!(sheet.staged.is_none());
		assert!(sheet.active.bids.is_empty());
		assert_eq!(sheet.active.asks.to_vec(), vec![q(110, 1)]);
		assert_eq!(frozen(CAROL), 0);
		assert_eq!(resting(ask), Some(2));
		check();
	});
}

#[test]
fn withdrawing_again_completes_a_withdrawal_its_auction_left_staged() {
	new_test_ext().execute_with(|| {
		quoting(CAROL);
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		P::run_auctions();
		// The next block's auction of the series does not run (whatever the cause): the
		// withdrawal is still staged.
		let n = System::block_number() + 1;
		System::set_block_number(n);
		P::on_initialize(n);
		crate::Scheduled::<Test>::kill();
		assert!(crate::Sheets::<Test>::get(CAROL, SERIES).is_some_and(|s| s.staged.is_some()));
		// Withdrawing again brings it into force, which removes the sheet: done, not `NoQuotes`
		// (rolled back with the removal until spec 124).
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		assert_eq!(crate::Sheets::<Test>::get(CAROL, SERIES), None);
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(frozen(CAROL), 0);
		// Nothing left to withdraw now.
		assert_noop!(P::cancel_quotes(signed(CAROL), SERIES), Error::<Test>::NoQuotes);
		assert_ok!(P::leave_market_makers(signed(CAROL)));
		check();
	});
}

#[test]
fn market_makers_post_a_bond_that_stays_in_their_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::join_market_makers(signed(ALICE)), MOCK_LEVEL_TOO_LOW);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_noop!(P::join_market_makers(signed(CAROL)), Error::<Test>::AlreadyMarketMaker);
		assert_eq!(MockSettlement::frozen_of(&CAROL, FreezeReason::MarketMakerBond), BOND);
		assert_eq!(funds(CAROL), FUNDS);
		let breach = crate::Breach::Spoofing(polkadot_sdk::sp_core::H256::repeat_byte(7));
		assert_ok!(P::slash_market_maker(
			RuntimeOrigin::root(),
			CAROL,
			Permill::from_percent(20),
			breach
		));
		assert_eq!(funds(TREASURY), 2_000);
		assert_eq!(funds(CAROL), FUNDS - 2_000);
		// Below the bond, no quotes until topped up.
		let q = QuoteLevel { price: 95, units: 1 };
		assert_noop!(
			P::set_quotes(signed(CAROL), SERIES, vec![q], vec![]),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q], vec![]));
		end_block();
		end_block();
		// Governance removes it with a 10 % slash: its sheet goes, the rest of the bond thaws.
		assert_ok!(P::remove_market_maker(RuntimeOrigin::root(), CAROL, Permill::from_percent(10)));
		assert!(crate::Sheets::<Test>::get(CAROL, SERIES).is_none());
		assert_eq!(frozen(CAROL), 0);
		assert_eq!(MockSettlement::frozen_of(&CAROL, FreezeReason::MarketMakerBond), 0);
		assert_eq!(funds(CAROL), FUNDS - 2_000 - 1_000);
		end_block();
	});
}

/// Audit finding: a bid that could not trade (its owner at its holding cap) rested crossing
/// an ask and rescheduled the series' auction every block for ever (16 such series filled
/// every block's auctions). Nothing rests crossed now: its rest is released.
#[test]
fn an_order_the_auction_cannot_trade_does_not_rest_crossed() {
	new_test_ext().execute_with(|| {
		let ask = place(ALICE, gtc(Side::Sell, 95, 2));
		end_block();
		MockCoupons::set_max_holdings(UNITS);
		let bid = place(BOB, gtc(Side::Buy, 100, 2));
		end_block();
		assert!(fills().is_empty());
		assert_eq!(cancelled(bid.id), Some(CancelReason::WouldCross));
		assert_eq!(resting(ask), Some(2));
		assert!(crate::NextAuctions::<Test>::get().is_empty());
		assert_eq!(frozen(BOB), 0);
	});
}

/// Audit finding: a market maker could pull its quotes in the block whose takers it saw, by
/// leaving (sheets removed at once) or by restaging a sheet staged in the previous block.
#[test]
fn quotes_cannot_be_pulled_from_the_block_they_are_in_force_for() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![], vec![q(100, 5)]));
		end_block();
		// Block 2: in force at this block's auction. A worse sheet staged now does not
		// replace it before then.
		let bob = place(BOB, ioc(Side::Buy, 100, 2));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![], vec![q(110, 5)]));
		end_block();
		assert!(fills().contains(&(bob.id, 2, 100)));
		// Block 3: the 110 sheet is in force; withdrawing it does not pull it from this
		// block, and its maker cannot leave while it is there.
		let dave = place(DAVE, ioc(Side::Buy, 110, 1));
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		assert_noop!(P::leave_market_makers(signed(CAROL)), Error::<Test>::QuotesOutstanding);
		end_block();
		assert!(fills().contains(&(dave.id, 1, 110)));
		// …and it is gone from the next auction on.
		end_block();
		assert!(crate::Sheets::<Test>::get(CAROL, SERIES).is_none());
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_ok!(P::leave_market_makers(signed(CAROL)));
	});
}

#[test]
fn a_seller_needs_a_stablecoin_account_to_be_paid_into() {
	new_test_ext().execute_with(|| {
		MockSettlement::set(&DAVE, 0);
		MockSettlement::set(&EVE, FUNDS);
		assert_noop!(
			P::place_order(signed(DAVE), SERIES, gtc(Side::Sell, 100, 1)),
			Error::<Test>::NoSettlementAccount
		);
		MockSettlement::set(&DAVE, FUNDS);
		MockSettlement::set(&EVE, 0);
	});
}

#[test]
fn a_sheet_on_a_series_that_cannot_trade_is_withdrawn_at_once() {
	new_test_ext().execute_with(|| {
		let q = |price, units| QuoteLevel { price, units };
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_ok!(P::set_quotes(signed(CAROL), SERIES, vec![q(95, 2)], vec![q(100, 2)]));
		end_block();
		end_block();
		assert_eq!(frozen(CAROL), 190 + 1);
		MockCoupons::set_status(SERIES, SeriesStatus::Expired);
		assert_ok!(P::cancel_quotes(signed(CAROL), SERIES));
		assert!(crate::Sheets::<Test>::get(CAROL, SERIES).is_none());
		assert_eq!(frozen(CAROL), 0);
		MockCoupons::set_status(SERIES, SeriesStatus::Active);
		end_block();
	});
}

#[test]
fn governance_sets_fees_and_risk_within_bounds() {
	new_test_ext().execute_with(|| {
		let too_high = FeeRates { maker: Permill::from_percent(6), taker: Permill::zero() };
		assert_noop!(P::set_fees(RuntimeOrigin::root(), too_high), Error::<Test>::FeeTooHigh);
		assert_noop!(P::set_fees(signed(ALICE), fees()), DispatchError::BadOrigin);
		let bad = RiskParams { breaker: Permill::from_percent(5), ..RiskParams::default() };
		assert_noop!(P::set_risk(RuntimeOrigin::root(), bad), Error::<Test>::InvalidRiskParams);
		// Resting orders keep their rate.
		place(ALICE, gtc(Side::Buy, 100, 10));
		end_block();
		assert_ok!(P::set_fees(RuntimeOrigin::root(), FeeRates::default()));
		place(BOB, gtc(Side::Sell, 100, 10));
		end_block();
		assert_eq!(funds(TREASURY), 10);
	});
}

#[test]
fn a_buyer_who_spent_everything_spendable_still_pays_from_its_freeze() {
	new_test_ext().execute_with(|| {
		MockSettlement::set_minimum(10);
		let a = place(ALICE, gtc(Side::Buy, 100, 10));
		end_block();
		let max = <MockSettlement as genex_primitives::Settlement<u64, u128>>::spendable(&ALICE);
		assert_ok!(<MockSettlement as genex_primitives::Settlement<u64, u128>>::transfer(
			&ALICE, &DAVE, max
		));
		place(BOB, gtc(Side::Sell, 100, 10));
		end_block();
		assert_eq!(P::order_status(a), OrderStatus::Gone);
		assert_eq!(frozen(ALICE), 0);
		assert_eq!(funds(ALICE), 10);
	});
}

#[test]
fn primary_sale_pays_the_issuer_and_its_escrow() {
	new_test_ext().execute_with(|| {
		MockCredit::set_escrow_share(&ISSUER, Perbill::from_percent(10));
		assert_noop!(P::list_primary(signed(ALICE), SERIES, 10), Error::<Test>::NotIssuer);
		assert_noop!(P::list_primary(signed(ISSUER), SERIES, 0), Error::<Test>::ZeroUnits);
		assert_ok!(P::list_primary(signed(ISSUER), SERIES, 100));
		assert!(matches!(
			events().last(),
			Some(Event::Listed { listing: 0, price: 90, units: 100, primary: true, .. })
		));
		assert_noop!(P::buy_listing(signed(BOB), 0, 101, 90), Error::<Test>::NotEnoughListed);
		assert_noop!(P::buy_listing(signed(BOB), 0, 1, 89), Error::<Test>::PriceAboveLimit);
		assert_noop!(P::buy_listing(signed(BOB), 1, 1, 90), Error::<Test>::UnknownListing);
		assert_noop!(P::buy_listing(signed(ISSUER), 0, 1, 90), Error::<Test>::SelfTrade);
		assert_noop!(P::buy_listing(signed(EVE), 0, 1, 90), MOCK_LEVEL_TOO_LOW);
		assert_ok!(P::buy_listing(signed(BOB), 0, 10, 90));
		// 900: 90 to the escrow account (the mock's account 0), 810 to the issuer, no fee.
		assert_eq!(funds(ISSUER), FUNDS + 810);
		assert_eq!(funds(0), 90);
		assert_eq!(MockCredit::escrowed(&ISSUER), 90);
		assert_eq!(MockCoupons::sold(SERIES), 10);
		assert_eq!(funds(BOB), FUNDS - 900);
		assert_noop!(P::cancel_listing(signed(BOB), 0), Error::<Test>::NotOwner);
		assert_ok!(P::cancel_listing(signed(ISSUER), 0));
		assert_eq!(MockCoupons::locked_of(SERIES, &ISSUER), 0);
		check();
	});
}

#[test]
fn every_sale_by_the_issuer_escrows_its_share() {
	new_test_ext().execute_with(|| {
		MockCredit::set_escrow_share(&ISSUER, Perbill::from_percent(10));
		let escrow: u64 = 0; // The mock's escrow account.
					   // A fixed-price listing of its own (until spec 124 only primary sales escrowed the
					   // share, which earns score points: selling any other way dodged the promise).
		assert_ok!(P::list(signed(ISSUER), SERIES, 5, 100));
		assert_ok!(P::buy_listing(signed(BOB), 0, 5, 100));
		// 500: 50 to the escrow, 5 of maker fee, 445 to the issuer; the buyer's 10 of fee.
		assert_eq!(funds(ISSUER), FUNDS + 445);
		assert_eq!(funds(escrow), 50);
		assert_eq!(MockCredit::escrowed(&ISSUER), 50);
		assert!(matches!(
			events().last(),
			Some(Event::ListingBought { escrowed: 50, paid: 500, .. })
		));
		// Its ask in the auction, next to another seller's.
		let before = funds(ISSUER);
		let ask = place(ISSUER, gtc(Side::Sell, 100, 2));
		place(ALICE, gtc(Side::Sell, 100, 1));
		place(BOB, gtc(Side::Buy, 100, 3));
		end_block();
		let fee = events()
			.into_iter()
			.find_map(|e| match e {
				Event::OrderFilled { key, fee, units: 2, .. } if key.id == ask.id => Some(fee),
				_ => None,
			})
			.expect("the issuer's ask filled");
		// 200 sold: 20 to the escrow; the other seller's sale escrows nothing.
		assert_eq!(funds(ISSUER), before + 200 - fee - 20);
		assert_eq!(funds(escrow), 70);
		assert_eq!(MockCredit::escrowed(&ISSUER), 70);
		check();
	});
}

#[test]
fn fixed_price_listings_charge_trading_fees() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::list(signed(ALICE), SERIES, 5, 0), Error::<Test>::ZeroPrice);
		assert_noop!(P::list(signed(ALICE), SERIES, 5, 101), Error::<Test>::OffTick);
		assert_noop!(P::list(signed(EVE), SERIES, 5, 100), MOCK_LEVEL_TOO_LOW);
		assert_ok!(P::list(signed(ALICE), SERIES, 5, 100));
		assert_ok!(P::buy_listing(signed(BOB), 0, 5, 100));
		assert_eq!(funds(BOB), FUNDS - 500 - 10);
		assert_eq!(funds(ALICE), FUNDS + 500 - 5);
		assert_eq!(funds(TREASURY), 15);
		// Sold out: the listing is gone.
		assert!(crate::Listings::<Test>::get(0).is_none());
		check();
	});
}

#[test]
fn a_listing_sale_counts_against_both_sides_p2p_limits() {
	use genex_primitives::KycProvider;
	new_test_ext().execute_with(|| {
		MockKyc::set_budget(Some(600));
		// BOB has sent 450 P2P today; a 200 listing would take him to 650.
		<MockKyc as KycProvider<u64, u128>>::record_p2p(&BOB, 450);
		assert_ok!(P::list(signed(ALICE), SERIES, 5, 100));
		assert_noop!(P::buy_listing(signed(BOB), 0, 2, 100), MOCK_LIMIT_EXCEEDED);
		// Within it, the sale counts for both.
		assert_ok!(P::buy_listing(signed(BOB), 0, 1, 100));
		assert_eq!(MockKyc::p2p_used(&BOB), (550, 2));
		assert_eq!(MockKyc::p2p_used(&ALICE), (100, 1));
		// The seller's side is checked too.
		<MockKyc as KycProvider<u64, u128>>::record_p2p(&ALICE, 450);
		assert_noop!(P::buy_listing(signed(CAROL), 0, 1, 100), MOCK_LIMIT_EXCEEDED);
		check();
	});
}

#[test]
fn trades_pass_the_value_movement_gate() {
	use codec::Encode;
	use genex_primitives::{
		movement::mock::{MockAml, MOCK_RESTRICTED},
		MovementKind,
	};
	new_test_ext().execute_with(|| {
		MockAml::take();
		// A listing sale: refused for a restricted party before anything moves, else recorded
		// once — a primary sale as `Primary`, a holder's as `DirectTrade`, at the price paid.
		assert_ok!(P::list_primary(signed(ISSUER), SERIES, 10));
		assert_ok!(P::list(signed(ALICE), SERIES, 5, 100));
		MockAml::restrict(&BOB, true);
		assert_noop!(P::buy_listing(signed(BOB), 0, 1, 90), MOCK_RESTRICTED);
		assert_noop!(P::buy_listing(signed(BOB), 1, 1, 100), MOCK_RESTRICTED);
		MockAml::restrict(&BOB, false);
		assert_ok!(P::buy_listing(signed(BOB), 0, 2, 90));
		assert_ok!(P::buy_listing(signed(BOB), 1, 1, 100));
		assert_eq!(
			MockAml::take(),
			vec![
				(ISSUER.encode(), BOB.encode(), MovementKind::Primary, 180),
				(ALICE.encode(), BOB.encode(), MovementKind::DirectTrade, 100),
			]
		);
		// An auction: each account's net trade is recorded once; a restricted account's orders
		// leave the book at its next auction.
		let ask = place(ALICE, gtc(Side::Sell, 100, 4));
		place(CAROL, gtc(Side::Buy, 100, 3));
		end_block();
		let mut recorded = MockAml::take();
		recorded.sort();
		assert_eq!(
			recorded,
			vec![
				(ALICE.encode(), vec![], MovementKind::AuctionTrade, 300),
				(CAROL.encode(), vec![], MovementKind::AuctionTrade, 300),
			]
		);
		MockAml::restrict(&ALICE, true);
		place(DAVE, gtc(Side::Buy, 100, 1));
		end_block();
		assert_eq!(cancelled(ask.id), Some(CancelReason::Restricted));
		assert!(MockAml::take().is_empty());
		check();
	});
}

#[test]
fn an_affiliate_is_registered_only_with_its_consent() {
	new_test_ext().execute_with(|| {
		// Without BOB's consent the issuer cannot register it.
		assert_noop!(P::add_affiliate(signed(ISSUER), BOB), Error::<Test>::NoAffiliationRequest);
		// Consent is given to one named issuer only.
		assert_noop!(P::request_affiliation(signed(BOB), ALICE), Error::<Test>::NotIssuer);
		assert_noop!(
			P::request_affiliation(signed(ISSUER), ISSUER),
			Error::<Test>::AlreadyAffiliated
		);
		assert_ok!(P::request_affiliation(signed(BOB), ISSUER));
		System::assert_last_event(
			Event::AffiliationRequested { issuer: ISSUER, account: BOB }.into(),
		);
		assert_ok!(P::add_affiliate(signed(ISSUER), BOB));
		System::assert_last_event(Event::AffiliateAdded { issuer: ISSUER, account: BOB }.into());
		assert!(crate::AffiliationRequests::<Test>::get(BOB).is_none());
		assert_noop!(P::request_affiliation(signed(BOB), ISSUER), Error::<Test>::AlreadyAffiliated);
		// Governance registers a compliance finding without consent.
		assert_ok!(P::force_add_affiliate(RuntimeOrigin::root(), ISSUER, CAROL));
		check();
	});
}

/// The market sweep reads only what the spare weight pays for and resumes where it stopped.
#[test]
fn the_market_sweep_is_bounded_by_weight_and_resumes() {
	use crate::{weights::WeightInfo, MarketSweepCursor, Markets, SeriesMarket};
	new_test_ext().execute_with(|| {
		// Ten series that no longer exist in the ledger, each with market state.
		for series in 100..110 {
			Markets::<Test>::insert(
				series,
				SeriesMarket { last_price: Some(1), ..Default::default() },
			);
		}
		let two = <() as WeightInfo>::sweep_markets(2);
		assert_eq!(P::do_sweep_markets(two), two);
		assert_eq!(Markets::<Test>::iter().count(), 8);
		assert!(MarketSweepCursor::<Test>::get().is_some());
		assert_eq!(P::do_sweep_markets(Weight::MAX), <() as WeightInfo>::sweep_markets(8));
		assert_eq!(Markets::<Test>::iter().count(), 0);
		assert_eq!(MarketSweepCursor::<Test>::get(), None);
		P::do_try_state().expect("invariants hold");
	});
}

mod proptests {
	//! Random streams of placements, cancels and oracle moves over several blocks, with the
	//! price band (10 %) and the circuit breaker (20 %) on. After every block: the invariants
	//! (`try_state`: locks and freezes equal what open orders need, no crossed book at rest),
	//! conservation of units and stablecoin; and each auction's price and volume equal a
	//! reference batch auction over everything that could trade (the clearing core over the
	//! book and the block's orders, computed before the block ends).
	use super::*;
	use crate::clearing::{self, Entry, Limits, Outcome};
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Step {
		Place { who: u8, side: bool, ticks: i8, units: u8, ioc: bool },
		Cancel { pick: u8 },
		Oracle { ticks: i8 },
		EndBlock,
	}

	fn step() -> impl Strategy<Value = Step> {
		prop_oneof![
			6 => (0u8..4, any::<bool>(), -6i8..6, 1u8..6, prop::bool::weighted(0.25))
				.prop_map(|(who, side, ticks, units, ioc)| Step::Place { who, side, ticks, units, ioc }),
			1 => any::<u8>().prop_map(|pick| Step::Cancel { pick }),
			1 => (-3i8..3).prop_map(|ticks| Step::Oracle { ticks }),
			3 => Just(Step::EndBlock),
		]
	}

	const WHO: [u64; 4] = [ALICE, BOB, CAROL, DAVE];

	/// The reference: every resting order and every pending non-post-only order as auction
	/// entries (owner as party: no affiliates here), with the pallet's limits.
	fn reference() -> clearing::Auction {
		let mut entries = Vec::new();
		for ((_, side, price), level) in crate::Book::<Test>::iter() {
			for o in level.orders.iter() {
				entries.push(Entry {
					party: o.owner,
					rank: (o.owner, o.id),
					side,
					price,
					units: o.units,
					since: o.since.into(),
				});
			}
		}
		let now = System::block_number();
		for o in crate::Pending::<Test>::get(SERIES).iter() {
			entries.push(Entry {
				party: o.owner,
				rank: (o.owner, o.id),
				side: o.side,
				price: o.price,
				units: o.units,
				since: now,
			});
		}
		let market = Markets::<Test>::get(SERIES);
		let risk = crate::Risk::<Test>::get();
		let centre = <MockOracle as genex_primitives::PriceOracle>::reference_price(SERIES)
			.or(market.last_price);
		let band = centre.map(|c| {
			let w = risk.band.mul_floor(c);
			(c - w, c + w)
		});
		let window_over = now >= market.anchor_block + u64::from(risk.window_blocks);
		let anchor = if market.anchor_price.is_none() || window_over {
			market.last_price
		} else {
			market.anchor_price
		};
		let breaker = anchor.map(|a| {
			let w = risk.breaker.mul_floor(a);
			(a - w, a + w)
		});
		clearing::clear(&entries, &Limits { tick: 5, band, centre: centre.or(Some(90)), breaker })
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(200))]
		#[test]
		fn random_blocks_keep_every_invariant_and_match_the_reference(
			steps in prop::collection::vec(step(), 1..60)
		) {
			new_test_ext().execute_with(|| {
				MockOracle::set(SERIES, Some(100));
				for s in steps {
					match s {
						Step::Place { who, side, ticks, units, ioc } => {
							let side = if side { Side::Buy } else { Side::Sell };
							let price = (100i64 + 5 * i64::from(ticks)) as u128;
							let req = if ioc { super::ioc(side, price, units.into()) } else { gtc(side, price, units.into()) };
							// Refusals (band, limits, full auction) change nothing.
							let _ = P::place_order(signed(WHO[usize::from(who)]), SERIES, req);
						},
						Step::Cancel { pick } => {
							let resting: Vec<(u64, OrderKey)> = crate::Book::<Test>::iter()
								.flat_map(|((series, side, price), l)| {
									l.orders.into_iter().map(move |o| (o.owner, OrderKey { series, side, price, id: o.id }))
								})
								.collect();
							if !resting.is_empty() {
								let (owner, key) = resting[usize::from(pick) % resting.len()];
								assert_ok!(P::cancel_order(signed(owner), key));
							}
						},
						Step::Oracle { ticks } => {
							MockOracle::set(SERIES, Some((100i64 + 5 * i64::from(ticks)) as u128));
						},
						Step::EndBlock => {
							// While the book is within one block's reach (`MaxFills` resting
							// orders) and the series is not halted, the auction must agree with
							// the reference.
							let resting: usize = crate::Book::<Test>::iter_values().map(|l| l.orders.len()).sum();
							let halted = Markets::<Test>::get(SERIES)
								.halted_until
								.is_some_and(|until| System::block_number() < until);
							let comparable = resting <= 8 && !halted;
							let want = reference();
							System::reset_events();
							end_block();
							let got = events().into_iter().find_map(|e| match e {
								Event::AuctionCleared { price, volume, .. } => Some((price, volume)),
								Event::SeriesHalted { price, .. } => Some((price, 0)),
								_ => None,
							});
							match want.outcome {
								_ if !comparable => {},
								Outcome::Cleared { price, volume } => {
									assert_eq!(got, Some((price, volume)))
								},
								Outcome::Halted { price } => assert_eq!(got, Some((price, 0))),
								Outcome::Idle => assert_eq!(got, None),
							}
						},
					}
				}
				end_block();
			});
		}
	}
}

/// Issue 16 (大额交易审核): a trade cannot wait for a compliance officer, so from the review
/// threshold up it is refused — an order worth it at placement, a listing purchase at the
/// gate. The auction does not clamp an account's orders to it (a shared ceiling could be used
/// to idle a series' auction): orders below it trade in full, and the AML rules see the day.
#[test]
fn trades_at_the_review_threshold_are_refused() {
	use genex_primitives::movement::mock::{MockAml, MOCK_TRADE_NEEDS_REVIEW};
	new_test_ext().execute_with(|| {
		MockAml::review_from(1_000);
		// An order worth 10 × 100 = 1 000: refused, nothing taken; 999 worth passes.
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 100, 10)),
			MOCK_TRADE_NEEDS_REVIEW
		);
		assert_noop!(
			P::place_market_order(signed(BOB), SERIES, Side::Buy, 10, 100),
			MOCK_TRADE_NEEDS_REVIEW
		);
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Sell, 500, 2)),
			MOCK_TRADE_NEEDS_REVIEW
		);
		// A listing purchase worth 1 000: refused at the gate; 900 passes.
		assert_ok!(P::list(signed(ALICE), SERIES, 20, 100));
		assert_noop!(P::buy_listing(signed(BOB), 0, 10, 100), MOCK_TRADE_NEEDS_REVIEW);
		assert_ok!(P::buy_listing(signed(BOB), 0, 9, 100));
		// Two orders of 900 in one block both trade.
		place(CAROL, gtc(Side::Sell, 100, 9));
		place(ALICE, gtc(Side::Sell, 100, 9));
		end_block();
		let b1 = place(BOB, gtc(Side::Buy, 100, 9));
		let b2 = place(BOB, gtc(Side::Buy, 100, 9));
		end_block();
		let traded: u64 =
			fills().iter().filter(|(id, _, _)| *id == b1.id || *id == b2.id).map(|f| f.1).sum();
		assert_eq!(traded, 18);
		// With review off, nothing is refused for it.
		MockAml::review_from(u128::MAX);
		assert_ok!(P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 100, 10)));
	});
}
