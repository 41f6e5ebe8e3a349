//! Unit tests: every order type and failure path (`assert_noop!`), per-fill compliance, the
//! abuse guards, listings, market makers, expiry; after each scenario the invariants and the
//! conservation of units and stablecoin. `proptests` compares the book with a reference
//! matcher over random order streams.

use crate::{
	mock::*, CancelReason, Error, Event, Expiring, FeeRates, Markets, Obligations, OrderRequest,
	Orders, RiskParams, Side, TimeInForce, WeightInfo,
};
use genex_primitives::{
	coupons::mock::MockCoupons,
	credit::mock::MockCredit,
	kyc::{mock::MockKyc, MOCK_LEVEL_TOO_LOW, MOCK_LIMIT_EXCEEDED},
	oracle::mock::MockOracle,
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	settlement::{mock::MockSettlement, MOCK_INSUFFICIENT},
	FreezeReason, KycLevel, SeriesStatus, Settlement,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight},
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

fn place(who: u64, req: OrderRequest) -> u64 {
	assert_ok!(P::place_order(signed(who), SERIES, req));
	crate::NextOrderId::<Test>::get() - 1
}

fn cancelled(order: u64) -> Option<CancelReason> {
	events().into_iter().find_map(|e| match e {
		Event::OrderCancelled { order: o, reason, .. } if o == order => Some(reason),
		_ => None,
	})
}

fn trades() -> Vec<(u64, u64, u128, u64)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::Traded { maker_order, taker_order, price, units, .. } => {
				Some((maker_order, taker_order, price, units))
			},
			_ => None,
		})
		.collect()
}

fn funds(who: u64) -> u128 {
	MockSettlement::get(&who)
}

/// Invariants, and nothing created or destroyed: all stablecoin and units are where they
/// were or moved.
fn check() {
	P::do_try_state().expect("invariants hold");
	assert_eq!(MockSettlement::total(), 5 * FUNDS, "stablecoin conserved");
	assert_eq!(MockCoupons::total_units(SERIES), 5 * UNITS, "units conserved");
	// `try_state` compares each owner's freeze with its orders; here, no freeze is left over
	// anywhere without the orders or bond it stands for.
	let orders: u128 = Orders::<Test>::iter_values()
		.filter(|o| o.side == Side::Buy)
		.map(|o| P::escrow_of(o.price, o.units, o.fee_rate).expect("no overflow in tests"))
		.sum();
	assert_eq!(MockSettlement::frozen_total(FreezeReason::MarketOrders), orders);
	let bonds: u128 = crate::MarketMakers::<Test>::iter_values().sum();
	assert_eq!(MockSettlement::frozen_total(FreezeReason::MarketMakerBond), bonds);
}

/// What `who`'s open buy orders keep frozen in its account.
fn frozen(who: u64) -> u128 {
	MockSettlement::frozen_of(&who, FreezeReason::MarketOrders)
}

#[test]
fn limit_orders_match_with_price_time_priority_and_fees() {
	new_test_ext().execute_with(|| {
		let a1 = place(ALICE, gtc(Side::Sell, 100, 10));
		let b1 = place(BOB, gtc(Side::Sell, 100, 10));
		let a2 = place(ALICE, gtc(Side::Sell, 95, 5));
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 15);
		assert_eq!(P::best_bid_ask(SERIES), (None, Some(95)));
		let c = place(CAROL, gtc(Side::Buy, 100, 18));
		// Best price first, then the older order at the same price.
		assert_eq!(trades(), vec![(a2, c, 95, 5), (a1, c, 100, 10), (b1, c, 100, 3)]);
		// Taker pays 475 + 1000 + 300 and 2 %: 9 + 20 + 6; makers get notional − 1 %.
		assert_eq!(funds(CAROL), FUNDS - 1775 - 35);
		assert_eq!(funds(ALICE), FUNDS + (475 - 4) + (1000 - 10));
		assert_eq!(funds(BOB), FUNDS + 300 - 3);
		assert_eq!(funds(TREASURY), 4 + 9 + 10 + 20 + 3 + 6);
		assert_eq!(MockCoupons::balance_of(SERIES, &CAROL), UNITS + 18);
		assert_eq!(Orders::<Test>::get(b1).map(|o| o.units), Some(7));
		assert_eq!(P::depth(SERIES, Side::Sell, 10).len(), 1);
		assert_eq!(P::last_trades(SERIES).len(), 3);
		assert_eq!(Markets::<Test>::get(SERIES).last_price, Some(100));
		assert!(matches!(events().last(), Some(Event::OrderPlaced { filled: 18, resting: 0, .. })));
		check();
	});
}

#[test]
fn a_resting_buy_freezes_its_price_in_the_owners_account_and_pays_the_maker_fee() {
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Buy, 100, 10));
		// 1 000 + 1 % maker fee, frozen in Alice's own account: nothing moved.
		assert_eq!(frozen(ALICE), 1_010);
		assert_eq!(funds(ALICE), FUNDS);
		// Frozen funds cannot be spent elsewhere.
		assert_noop!(
			<MockSettlement as Settlement<u64, u128>>::transfer(&ALICE, &BOB, FUNDS - 1_010 + 1),
			MOCK_INSUFFICIENT
		);
		place(BOB, gtc(Side::Sell, 100, 4));
		// Bob (taker) 400 − 2 %, paid from Alice's freeze, which shrinks to 6 × 101.
		assert_eq!(funds(BOB), FUNDS + 392);
		assert_eq!(frozen(ALICE), 606);
		assert_eq!(funds(ALICE), FUNDS - 404);
		assert_eq!(funds(TREASURY), 4 + 8);
		assert_eq!(MockCoupons::balance_of(SERIES, &ALICE), UNITS + 4);
		check();
		assert_ok!(P::cancel_order(signed(ALICE), a));
		assert_eq!(cancelled(a), Some(CancelReason::ByOwner));
		assert_eq!(funds(ALICE), FUNDS - 404);
		assert_eq!(frozen(ALICE), 0);
		check();
	});
}

#[test]
fn partial_fills_rest_and_immediate_or_cancel_drops_the_rest() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		let b = place(BOB, gtc(Side::Buy, 100, 8));
		assert_eq!(Orders::<Test>::get(b).map(|o| o.units), Some(3));
		assert_eq!(P::best_bid_ask(SERIES), (Some(100), None));
		place(ALICE, gtc(Side::Sell, 105, 5));
		let c = place(CAROL, ioc(Side::Buy, 105, 9));
		assert!(Orders::<Test>::get(c).is_none());
		assert!(matches!(
			events().last(),
			Some(Event::OrderPlaced { filled: 5, resting: 0, units: 9, .. })
		));
		assert_eq!(MockCoupons::balance_of(SERIES, &CAROL), UNITS + 5);
		// A sell IOC unlocks what it did not trade.
		place(DAVE, ioc(Side::Sell, 100, 10));
		assert_eq!(MockCoupons::locked_of(SERIES, &DAVE), 0);
		assert_eq!(MockCoupons::balance_of(SERIES, &DAVE), UNITS - 3);
		check();
	});
}

#[test]
fn market_orders_respect_the_worst_price() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		place(ALICE, gtc(Side::Sell, 105, 5));
		assert_eq!(P::quote(SERIES, Side::Buy, 8).notional, 500 + 315);
		assert_ok!(P::place_market_order(signed(BOB), SERIES, Side::Buy, 8, 101));
		assert_eq!(MockCoupons::balance_of(SERIES, &BOB), UNITS + 5);
		// Nothing at or below 101 left: nothing changes.
		assert_noop!(
			P::place_market_order(signed(BOB), SERIES, Side::Buy, 8, 101),
			Error::<Test>::NoLiquidity
		);
		assert_noop!(
			P::place_market_order(signed(BOB), SERIES, Side::Sell, 1, 1),
			Error::<Test>::NoLiquidity
		);
		check();
	});
}

#[test]
fn post_only_refuses_to_cross() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		let crossing = OrderRequest { post_only: true, ..gtc(Side::Buy, 100, 1) };
		assert_noop!(P::place_order(signed(BOB), SERIES, crossing), Error::<Test>::WouldCross);
		let maker = OrderRequest { post_only: true, ..gtc(Side::Buy, 95, 1) };
		let id = place(BOB, maker);
		assert!(Orders::<Test>::get(id).is_some());
		check();
	});
}

#[test]
fn bad_input_is_refused_with_typed_errors() {
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Sell, 100, 5));
		let bad = |req, e: DispatchError| {
			assert_noop!(P::place_order(signed(BOB), SERIES, req), e);
		};
		bad(gtc(Side::Buy, 0, 1), Error::<Test>::ZeroPrice.into());
		bad(gtc(Side::Buy, 100, 0), Error::<Test>::ZeroUnits.into());
		bad(gtc(Side::Buy, 101, 1), Error::<Test>::OffTick.into());
		bad(
			OrderRequest { time_in_force: TimeInForce::GoodTillTime(NOW), ..gtc(Side::Buy, 95, 1) },
			Error::<Test>::ExpiryInPast.into(),
		);
		bad(gtc(Side::Buy, 100, u64::MAX), Error::<Test>::InsufficientFunds.into());
		bad(gtc(Side::Sell, 100, UNITS + 1), genex_primitives::coupons::mock::MOCK_CANNOT_MOVE);
		assert_noop!(
			P::place_order(signed(BOB), 7, gtc(Side::Buy, 100, 1)),
			Error::<Test>::UnknownSeries
		);
		assert_noop!(P::cancel_order(signed(BOB), a), Error::<Test>::NotOwner);
		assert_noop!(P::cancel_order(signed(BOB), 77), Error::<Test>::UnknownOrder);
		// Unverified or blocked accounts.
		assert_noop!(
			P::place_order(signed(EVE), SERIES, gtc(Side::Buy, 95, 1)),
			MOCK_LEVEL_TOO_LOW
		);
		MockSanctions::set(&BOB, true);
		assert_noop!(P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 95, 1)), MOCK_BLOCKED);
		MockSanctions::set(&BOB, false);
		// Frozen issuer, delisted series.
		MockCredit::set_frozen(&ISSUER, true);
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 95, 1)),
			Error::<Test>::IssuerFrozen
		);
		MockCredit::set_frozen(&ISSUER, false);
		MockCoupons::set_status(SERIES, SeriesStatus::Delisted);
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 95, 1)),
			Error::<Test>::NotTradable
		);
		MockCoupons::set_status(SERIES, SeriesStatus::Active);
		check();
	});
}

#[test]
fn open_orders_and_price_levels_are_bounded() {
	new_test_ext().execute_with(|| {
		for i in 0..4 {
			place(ALICE, gtc(Side::Sell, 100 + 5 * i, 1));
			place(ALICE, gtc(Side::Buy, 60 + 5 * i, 1));
		}
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Sell, 200, 1)),
			Error::<Test>::TooManyOpenOrders
		);
		// An immediate-or-cancel order never rests, so it needs no room.
		place(BOB, gtc(Side::Sell, 95, 1));
		place(ALICE, ioc(Side::Buy, 95, 1));
		assert_eq!(trades().len(), 1);
		assert_eq!(P::open_orders(&ALICE).len(), 8);
		check();
	});
}

#[test]
fn one_account_cannot_exhaust_the_price_levels_of_a_side() {
	new_test_ext().execute_with(|| {
		// One account holds at most `MaxOrdersPerSide` (6) orders on a side.
		for i in 0..6 {
			place(ALICE, gtc(Side::Sell, 100 + 5 * i, 1));
		}
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Sell, 200, 1)),
			Error::<Test>::TooManyOrdersOnSide
		);
		// The other side is still open to it.
		place(ALICE, gtc(Side::Buy, 50, 1));
		// Fill the side's 16 levels (100 … 175).
		for i in 6..12 {
			place(BOB, gtc(Side::Sell, 100 + 5 * i, 1));
		}
		let worst = (12..16).map(|i| place(CAROL, gtc(Side::Sell, 100 + 5 * i, 1))).last();
		assert_eq!(crate::Prices::<Test>::decode_len((SERIES, Side::Sell)), Some(16));
		// A worse price finds no room …
		assert_noop!(
			P::place_order(signed(DAVE), SERIES, gtc(Side::Sell, 180, 1)),
			Error::<Test>::TooManyPriceLevels
		);
		// … a better one evicts the worst level (its owner gets its units back).
		let dave = place(DAVE, gtc(Side::Sell, 95, 1));
		let worst = worst.expect("four orders placed");
		assert_eq!(cancelled(worst), Some(CancelReason::Evicted));
		assert!(Orders::<Test>::get(dave).is_some());
		assert_eq!(P::best_price(SERIES, Side::Sell), Some(95));
		assert_eq!(crate::Prices::<Test>::decode_len((SERIES, Side::Sell)), Some(16));
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 3);
		check();
	});
}

#[test]
fn good_till_time_orders_expire_lazily_and_in_idle_time() {
	new_test_ext().execute_with(|| {
		let at = NOW + 90_000;
		let gtt = |side, price, units| OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(at),
			..gtc(side, price, units)
		};
		let a = place(ALICE, gtt(Side::Sell, 100, 5));
		let b = place(BOB, gtt(Side::Buy, 90, 5));
		assert_eq!(Expiring::<Test>::get(at / crate::EXPIRY_BUCKET_MS).len(), 2);
		// Met while matching after its time: removed, not filled.
		set_now(at);
		place(CAROL, gtc(Side::Buy, 100, 1));
		assert_eq!(cancelled(a), Some(CancelReason::Expired));
		assert!(trades().is_empty());
		// The rest goes in idle time once its minute has passed, within the weight given.
		Market::on_idle(1, Weight::MAX);
		assert!(Orders::<Test>::get(b).is_some(), "its minute has not passed");
		set_now(at + crate::EXPIRY_BUCKET_MS);
		let used = Market::on_idle(1, Weight::MAX);
		assert!(used.all_gte(<() as WeightInfo>::expire_order()));
		assert_eq!(cancelled(b), Some(CancelReason::Expired));
		assert_eq!(funds(BOB), FUNDS);
		assert!(Expiring::<Test>::iter().next().is_none());
		check();
	});
}

#[test]
fn expiry_minutes_are_bounded() {
	new_test_ext().execute_with(|| {
		let req = OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(NOW + 60_000),
			..gtc(Side::Buy, 90, 1)
		};
		for who in [ALICE, BOB, CAROL, DAVE] {
			place(who, req);
		}
		assert_noop!(P::place_order(signed(ISSUER), SERIES, req), Error::<Test>::ExpiryMinuteFull);
		check();
	});
}

#[test]
fn a_failing_maker_is_cancelled_and_the_taker_goes_on() {
	new_test_ext().execute_with(|| {
		let sanctioned = place(ALICE, gtc(Side::Sell, 95, 2));
		let unverified = place(BOB, gtc(Side::Sell, 95, 2));
		let over_limit = place(DAVE, gtc(Side::Sell, 95, 2));
		let fine = place(ISSUER, gtc(Side::Sell, 100, 2));
		MockSanctions::set(&ALICE, true);
		MockKyc::set(&BOB, KycLevel::L0);
		MockKyc::set_budget_for(&DAVE, 100);
		let c = place(CAROL, gtc(Side::Buy, 100, 2));
		assert_eq!(cancelled(sanctioned), Some(CancelReason::Sanctioned));
		assert_eq!(cancelled(unverified), Some(CancelReason::KycLevel));
		assert_eq!(cancelled(over_limit), Some(CancelReason::KycLimit));
		assert_eq!(trades(), vec![(fine, c, 100, 2)]);
		// Their units came back unlocked.
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 0);
		assert_eq!(MockCoupons::locked_of(SERIES, &DAVE), 0);
		check();
	});
}

#[test]
fn a_taker_over_its_daily_limit_is_stopped() {
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 10));
		MockKyc::set_budget_for(&DAVE, 500);
		// The whole order at its limit price is above the budget: refused, nothing changes.
		assert_noop!(
			P::place_order(signed(DAVE), SERIES, gtc(Side::Buy, 100, 6)),
			MOCK_LIMIT_EXCEEDED
		);
		place(DAVE, gtc(Side::Buy, 100, 5));
		assert_eq!(MockKyc::trade_used(&DAVE), 500);
		assert_noop!(
			P::place_order(signed(DAVE), SERIES, gtc(Side::Buy, 100, 1)),
			MOCK_LIMIT_EXCEEDED
		);
		check();
	});
}

#[test]
fn self_trades_cancel_the_resting_order() {
	new_test_ext().execute_with(|| {
		let own = place(ALICE, gtc(Side::Sell, 95, 3));
		let other = place(BOB, gtc(Side::Sell, 100, 3));
		let a = place(ALICE, gtc(Side::Buy, 100, 3));
		assert_eq!(cancelled(own), Some(CancelReason::SelfTrade));
		assert_eq!(trades(), vec![(other, a, 100, 3)]);
		check();
	});
}

#[test]
fn issuer_wash_trades_are_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::add_affiliate(signed(ALICE), BOB), Error::<Test>::NotIssuer);
		assert_ok!(P::request_affiliation(signed(BOB), ISSUER));
		assert_ok!(P::add_affiliate(signed(ISSUER), BOB));
		assert_noop!(P::add_affiliate(signed(ISSUER), BOB), Error::<Test>::AlreadyAffiliated);
		let issuer_ask = place(ISSUER, gtc(Side::Sell, 100, 3));
		place(BOB, gtc(Side::Buy, 100, 3));
		assert_eq!(cancelled(issuer_ask), Some(CancelReason::WashTrade));
		assert!(trades().is_empty());
		// Listings: refused outright.
		assert_ok!(P::list_primary(signed(ISSUER), SERIES, 10));
		assert_noop!(P::buy_listing(signed(BOB), 0, 1, 90), Error::<Test>::WashTrade);
		assert_ok!(P::remove_affiliate(RuntimeOrigin::root(), BOB));
		assert_ok!(P::buy_listing(signed(BOB), 0, 1, 90));
		assert_noop!(P::remove_affiliate(RuntimeOrigin::root(), BOB), Error::<Test>::NotAffiliated);
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

#[test]
fn price_bands_follow_the_oracle_or_the_last_trade() {
	new_test_ext().execute_with(|| {
		// No reference yet: any price.
		place(ALICE, gtc(Side::Sell, 100, 5));
		place(BOB, gtc(Side::Buy, 100, 1));
		// Last trade 100, band 10 %.
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 85, 1)),
			Error::<Test>::PriceOutsideBand
		);
		assert_noop!(P::list(signed(BOB), SERIES, 1, 115), Error::<Test>::PriceOutsideBand);
		place(BOB, gtc(Side::Buy, 90, 1));
		// The oracle's price wins over the last trade.
		MockOracle::set(SERIES, Some(200));
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 100, 1)),
			Error::<Test>::PriceOutsideBand
		);
		// A resting ask now outside the band is cancelled, not filled; the buy then rests.
		let c = place(CAROL, gtc(Side::Buy, 200, 1));
		assert!(Orders::<Test>::get(c).is_some());
		assert_eq!(trades().len(), 1);
		check();
	});
}

#[test]
fn an_out_of_band_resting_order_does_not_freeze_its_side() {
	new_test_ext().execute_with(|| {
		// Two asks rest while the reference is 100; then the oracle moves to 120 (band 10 %):
		// the ask at 100 is now outside the band, the one at 110 inside it.
		MockOracle::set(SERIES, Some(100));
		let stale = place(ALICE, gtc(Side::Sell, 100, 1));
		let good = place(BOB, gtc(Side::Sell, 110, 1));
		MockOracle::set(SERIES, Some(120));
		// A buyer at 120 skips the stale ask (cancelled with an event) and fills at 110.
		let buy = place(CAROL, gtc(Side::Buy, 120, 1));
		assert_eq!(cancelled(stale), Some(CancelReason::OutsideBand));
		assert!(Orders::<Test>::get(stale).is_none());
		assert_eq!(trades(), vec![(good, buy, 110, 1)]);
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 0);
		check();
	});
}

#[test]
fn governance_force_cancels_any_order() {
	new_test_ext().execute_with(|| {
		let sell = place(ALICE, gtc(Side::Sell, 100, 2));
		let buy = place(BOB, gtc(Side::Buy, 90, 3));
		assert_noop!(P::force_cancel_order(signed(BOB), sell), DispatchError::BadOrigin);
		assert_noop!(
			P::force_cancel_order(RuntimeOrigin::root(), 1_000),
			Error::<Test>::UnknownOrder
		);
		assert_ok!(P::force_cancel_order(RuntimeOrigin::root(), sell));
		assert_ok!(P::force_cancel_order(RuntimeOrigin::root(), buy));
		assert_eq!(cancelled(sell), Some(CancelReason::ByGovernance));
		assert_eq!(cancelled(buy), Some(CancelReason::ByGovernance));
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 0);
		assert_eq!(funds(BOB), FUNDS);
		check();
	});
}

#[test]
fn the_circuit_breaker_halts_a_series_after_a_large_move() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::set_risk(
			RuntimeOrigin::root(),
			RiskParams {
				band: Permill::from_percent(10),
				breaker: Permill::from_percent(15),
				window_blocks: 100,
				halt_blocks: 10
			}
		));
		place(ALICE, gtc(Side::Sell, 100, 1));
		place(BOB, gtc(Side::Buy, 100, 1));
		place(ALICE, gtc(Side::Sell, 110, 1));
		place(BOB, gtc(Side::Buy, 110, 1));
		// 120 is within 10 % of the last trade (110) but 20 % from the window's 100.
		let ask = place(ALICE, gtc(Side::Sell, 120, 1));
		assert_ok!(P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 120, 1)));
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::SeriesHalted { until: 11, price: 120, anchor: 100, .. })));
		assert_eq!(trades().len(), 2);
		assert_noop!(
			P::place_order(signed(BOB), SERIES, gtc(Side::Buy, 110, 1)),
			Error::<Test>::SeriesHalted
		);
		// Cancels still work; governance may resume early.
		assert_ok!(P::cancel_order(signed(ALICE), ask));
		assert_noop!(P::set_halt(signed(ALICE), SERIES, None), DispatchError::BadOrigin);
		assert_ok!(P::set_halt(RuntimeOrigin::root(), SERIES, None));
		place(BOB, gtc(Side::Buy, 110, 1));
		check();
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
fn market_makers_post_a_bond_batch_and_pay_the_maker_rate() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::join_market_makers(signed(ALICE)), MOCK_LEVEL_TOO_LOW);
		assert_noop!(
			P::batch_place(signed(CAROL), SERIES, vec![gtc(Side::Buy, 90, 1)]),
			Error::<Test>::NotMarketMaker
		);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_noop!(P::join_market_makers(signed(CAROL)), Error::<Test>::AlreadyMarketMaker);
		assert_eq!(MockSettlement::frozen_of(&CAROL, FreezeReason::MarketMakerBond), BOND);
		assert_eq!(funds(CAROL), FUNDS);
		assert_noop!(P::batch_place(signed(CAROL), SERIES, vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			P::batch_place(signed(CAROL), SERIES, vec![gtc(Side::Buy, 90, 1); 5]),
			Error::<Test>::BatchTooLarge
		);
		// One bad order fails the whole batch.
		assert_noop!(
			P::batch_place(
				signed(CAROL),
				SERIES,
				vec![gtc(Side::Buy, 90, 1), gtc(Side::Buy, 91, 1)]
			),
			Error::<Test>::OffTick
		);
		assert_ok!(P::batch_place(
			signed(CAROL),
			SERIES,
			vec![
				gtc(Side::Buy, 95, 10),
				gtc(Side::Buy, 90, 10),
				gtc(Side::Sell, 100, 10),
				gtc(Side::Sell, 105, 10)
			]
		));
		assert_eq!(P::open_orders(&CAROL).len(), 4);
		let report = P::obligation_report(&CAROL, SERIES);
		assert_eq!((report.bid_units, report.ask_units), (20, 20));
		assert_eq!((report.best_bid, report.best_ask), (Some(95), Some(100)));
		assert!(!report.met, "spread 5/95 is above 5 %");
		assert_ok!(P::set_obligations(
			RuntimeOrigin::root(),
			Obligations { min_depth: 20, max_spread: Permill::from_percent(6) }
		));
		assert_ok!(P::check_obligations(signed(ALICE), CAROL, SERIES));
		assert!(
			matches!(events().last(), Some(Event::ObligationsChecked { report, .. }) if report.met)
		);
		assert_noop!(
			P::check_obligations(signed(ALICE), BOB, SERIES),
			Error::<Test>::NotMarketMaker
		);
		// As a taker the maker pays the maker rate: 1 % of 1 000.
		place(ALICE, gtc(Side::Sell, 100, 10));
		let before = funds(CAROL);
		place(CAROL, ioc(Side::Buy, 100, 10));
		assert_eq!(before - funds(CAROL), 1_000 + 10 - 0);
		// Batch cancel: all or none.
		let ids: Vec<u64> = P::open_orders(&CAROL).into_iter().map(|(id, _)| id).collect();
		assert_noop!(
			P::batch_cancel(signed(CAROL), vec![ids[0], 999]),
			Error::<Test>::UnknownOrder
		);
		assert_ok!(P::batch_cancel(signed(CAROL), ids[..2].to_vec()));
		// Governance removes it with a 10 % slash; the rest of its orders go.
		assert_ok!(P::remove_market_maker(RuntimeOrigin::root(), CAROL, Permill::from_percent(10)));
		assert!(P::open_orders(&CAROL).is_empty());
		assert!(matches!(
			events().last(),
			Some(Event::MarketMakerLeft { returned: 9_000, slashed: 1_000, .. })
		));
		assert_noop!(P::leave_market_makers(signed(CAROL)), Error::<Test>::NotMarketMaker);
		check();
	});
}

#[test]
fn removing_a_market_maker_cancels_all_its_orders_and_listings_across_blocks() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::join_market_makers(signed(CAROL)));
		// Seven orders and a listing: more than one call's `MaxBatch` (4).
		for side_prices in [&[90, 85, 80][..], &[110, 115, 120, 125][..]] {
			let side = if side_prices[0] < 100 { Side::Buy } else { Side::Sell };
			let batch = side_prices.iter().map(|p| gtc(side, *p, 1)).collect();
			assert_ok!(P::batch_place(signed(CAROL), SERIES, batch));
		}
		assert_eq!(P::open_orders(&CAROL).len(), 7);
		assert_ok!(P::list(signed(CAROL), SERIES, 2, 130));
		assert_ok!(P::remove_market_maker(RuntimeOrigin::root(), CAROL, Permill::zero()));
		// Four went at once, the rest is queued.
		assert_eq!(P::open_orders(&CAROL).len(), 3);
		assert!(events().contains(&Event::PurgeQueued {
			who: CAROL,
			reason: CancelReason::MarketMakerRemoved
		}));
		check();
		// Idle time with room for little work at a time finishes it over several blocks.
		let per_item = <Test as crate::Config>::WeightInfo::expire_order();
		let small =
			per_item.saturating_mul(2).saturating_add(Weight::from_parts(1_000_000, 10_000));
		let mut blocks = 0;
		while crate::PurgeQueue::<Test>::contains_key(CAROL) {
			P::on_idle(1, small);
			blocks += 1;
			assert!(blocks < 10, "the queue drains");
			check();
		}
		assert!(blocks > 1, "spread over blocks");
		assert!(P::open_orders(&CAROL).is_empty());
		assert!(crate::Listings::<Test>::get(0).is_none());
		assert_eq!(MockCoupons::locked_of(SERIES, &CAROL), 0);
		assert_eq!(funds(CAROL), FUNDS);
		check();
	});
}

#[test]
fn governance_slashes_a_bond_for_a_documented_breach() {
	new_test_ext().execute_with(|| {
		let breach = crate::Breach::Spoofing(polkadot_sdk::sp_core::H256::repeat_byte(7));
		assert_noop!(
			P::slash_market_maker(RuntimeOrigin::root(), CAROL, Permill::from_percent(20), breach),
			Error::<Test>::NotMarketMaker
		);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		assert_noop!(
			P::slash_market_maker(signed(ALICE), CAROL, Permill::from_percent(20), breach),
			DispatchError::BadOrigin
		);
		assert_ok!(P::slash_market_maker(
			RuntimeOrigin::root(),
			CAROL,
			Permill::from_percent(20),
			breach
		));
		System::assert_last_event(
			Event::MarketMakerSlashed { who: CAROL, slashed: 2_000, remaining: 8_000, breach }
				.into(),
		);
		assert_eq!(funds(TREASURY), 2_000);
		assert_eq!(crate::MarketMakers::<Test>::get(CAROL), Some(8_000));
		assert_eq!(MockSettlement::frozen_of(&CAROL, FreezeReason::MarketMakerBond), 8_000);
		assert_eq!(funds(CAROL), FUNDS - 2_000);
		// Below the bond, no market-maker batches until topped up.
		assert_noop!(
			P::batch_place(signed(CAROL), SERIES, vec![gtc(Side::Buy, 90, 1)]),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(P::join_market_makers(signed(CAROL)));
		System::assert_last_event(Event::MarketMakerJoined { who: CAROL, bond: 2_000 }.into());
		assert_noop!(P::join_market_makers(signed(CAROL)), Error::<Test>::AlreadyMarketMaker);
		assert_ok!(P::batch_place(signed(CAROL), SERIES, vec![gtc(Side::Buy, 90, 1)]));
		assert_ok!(P::batch_cancel(signed(CAROL), vec![0]));
		// Leaving returns the bond; the slashed part stays with the treasury.
		assert_ok!(P::leave_market_makers(signed(CAROL)));
		assert_eq!(funds(CAROL), FUNDS - 2_000);
		check();
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
		let zero = RiskParams { halt_blocks: 0, ..RiskParams::default() };
		assert_noop!(P::set_risk(RuntimeOrigin::root(), zero), Error::<Test>::InvalidRiskParams);
		assert_noop!(P::set_halt(RuntimeOrigin::root(), 9, Some(5)), Error::<Test>::UnknownSeries);
		// Resting orders keep their rate.
		place(ALICE, gtc(Side::Buy, 100, 10));
		assert_ok!(P::set_fees(RuntimeOrigin::root(), FeeRates::default()));
		place(BOB, gtc(Side::Sell, 100, 10));
		assert_eq!(funds(TREASURY), 10);
		check();
	});
}

#[test]
fn expired_coupons_cancel_resting_sells() {
	new_test_ext().execute_with(|| {
		let a = place(ALICE, gtc(Side::Sell, 100, 5));
		// The ledger's expiry took the locked units.
		MockCoupons::set_balance(SERIES, &ALICE, UNITS - 5);
		<MockCoupons as genex_primitives::CouponLedger<u64, u128>>::unlock(SERIES, &ALICE, 5);
		MockCoupons::set_balance(SERIES, &ISSUER, UNITS + 5);
		place(BOB, gtc(Side::Buy, 100, 5));
		assert_eq!(cancelled(a), Some(CancelReason::NotTradable));
		assert!(trades().is_empty());
		check();
	});
}

#[test]
fn a_blocked_account_leaves_the_book() {
	new_test_ext().execute_with(|| {
		let sell = place(ALICE, gtc(Side::Sell, 100, 5));
		let buy = place(ALICE, gtc(Side::Buy, 90, 5));
		let bob = place(BOB, gtc(Side::Buy, 95, 1));
		assert_ok!(P::list(signed(ALICE), SERIES, 3, 100));
		MockSanctions::set(&ALICE, true);
		<P as genex_primitives::OnBlocked<u64>>::on_blocked(&ALICE);
		// Queued at once; cancelled in idle time.
		assert!(crate::PurgeQueue::<Test>::contains_key(ALICE));
		P::on_idle(1, Weight::MAX);
		assert!(!crate::PurgeQueue::<Test>::contains_key(ALICE));
		assert!(events().contains(&Event::PurgeCompleted { who: ALICE }));
		assert!(events().contains(&Event::ListingCancelled {
			listing: 0,
			units: 3,
			reason: CancelReason::Sanctioned
		}));
		assert_eq!(cancelled(sell), Some(CancelReason::Sanctioned));
		assert_eq!(cancelled(buy), Some(CancelReason::Sanctioned));
		assert!(P::open_orders(&ALICE).is_empty());
		assert!(Orders::<Test>::get(bob).is_some());
		// Its buy's freeze is thawed (the funds never left its account; the block holds the
		// account itself), its units unlocked.
		assert_eq!(funds(ALICE), FUNDS);
		assert_eq!(frozen(ALICE), 0);
		assert_eq!(MockCoupons::locked_of(SERIES, &ALICE), 0);
		check();
	});
}

#[test]
fn a_buyer_who_spent_everything_spendable_still_pays_from_its_freeze() {
	new_test_ext().execute_with(|| {
		// A resting buy needs its freeze above the minimum balance: 1 010 of 1 000 000 is
		// not freezable when the minimum is 999 000.
		MockSettlement::set_minimum(FUNDS - 1_000);
		assert_noop!(
			P::place_order(signed(ALICE), SERIES, gtc(Side::Buy, 100, 10)),
			Error::<Test>::InsufficientFunds
		);
		MockSettlement::set_minimum(10);
		let a = place(ALICE, gtc(Side::Buy, 100, 10));
		assert_eq!(frozen(ALICE), 1_010);
		// "Send max": the minimum stays with the freeze.
		let max = <MockSettlement as Settlement<u64, u128>>::spendable(&ALICE);
		assert_eq!(max, FUNDS - 1_010 - 10);
		assert_ok!(<MockSettlement as Settlement<u64, u128>>::transfer(&ALICE, &DAVE, max));
		// A seller still fills against the whole order, paid from the freeze.
		place(BOB, gtc(Side::Sell, 100, 10));
		assert!(Orders::<Test>::get(a).is_none());
		assert_eq!(frozen(ALICE), 0);
		assert_eq!(funds(ALICE), 10);
		assert_eq!(funds(BOB), FUNDS + 1_000 - 20);
		check();
	});
}

mod proptests {
	//! The book against a reference over random streams of placements, cancels and oracle
	//! moves, with the price band (10 %) and the circuit breaker (20 %) on: identical fills,
	//! identical refusals, identical resting orders, and the invariants after every step.
	use super::*;
	use proptest::prelude::*;

	/// A resting order of the reference book.
	#[derive(Clone, Debug, PartialEq)]
	struct Ref {
		id: u64,
		owner: u64,
		side: Side,
		price: u128,
		units: u64,
	}

	/// The simplest matcher that could be right: a vector scanned for the best, oldest order,
	/// with the band and the breaker written out (the breaker's window never closes here: the
	/// block does not move, so its anchor is the first trade's price).
	#[derive(Default)]
	struct RefBook {
		orders: Vec<Ref>,
		fills: Vec<(u64, u64, u128, u64)>,
		oracle: Option<u128>,
		last: Option<u128>,
		anchor: Option<u128>,
		halted: bool,
		risk: RiskParams,
	}

	impl RefBook {
		fn out_of_band(&self, price: u128) -> bool {
			self.oracle.or(self.last).is_some_and(|c| P::beyond(price, c, self.risk.band))
		}

		/// The error placing `req` must give, if any.
		fn refusal(&self, owner: u64, req: &OrderRequest) -> Option<Error<Test>> {
			if self.halted {
				return Some(Error::<Test>::SeriesHalted);
			}
			if self.out_of_band(req.price) {
				return Some(Error::<Test>::PriceOutsideBand);
			}
			if req.time_in_force != TimeInForce::ImmediateOrCancel {
				let open = self.orders.iter().filter(|o| o.owner == owner).count();
				if open >= 8 {
					return Some(Error::<Test>::TooManyOpenOrders);
				}
				let on_side =
					self.orders.iter().filter(|o| o.owner == owner && o.side == req.side).count();
				if on_side >= 6 {
					return Some(Error::<Test>::TooManyOrdersOnSide);
				}
			}
			None
		}

		fn place(&mut self, id: u64, owner: u64, req: OrderRequest, max_fills: u32) {
			let mut left = req.units;
			let mut budget = max_fills;
			let mut halted = false;
			while left > 0 && budget > 0 {
				let best = self
					.orders
					.iter()
					.enumerate()
					.filter(|(_, o)| o.side != req.side)
					.min_by(|(_, a), (_, b)| {
						let by_price = match req.side {
							Side::Buy => a.price.cmp(&b.price),
							Side::Sell => b.price.cmp(&a.price),
						};
						by_price.then(a.id.cmp(&b.id))
					})
					.map(|(i, o)| (i, o.clone()));
				let Some((i, maker)) = best else { break };
				if !req.side.crosses(req.price, maker.price) {
					break;
				}
				budget -= 1;
				// Self-trade and an out-of-band maker: the maker leaves, matching goes on.
				if maker.owner == owner || self.out_of_band(maker.price) {
					self.orders.remove(i);
					continue;
				}
				let anchor = self.anchor.unwrap_or(self.last.unwrap_or(maker.price));
				self.anchor = Some(anchor);
				if P::beyond(maker.price, anchor, self.risk.breaker) {
					halted = true;
					break;
				}
				let units = left.min(maker.units);
				self.fills.push((maker.id, id, maker.price, units));
				self.last = Some(maker.price);
				left -= units;
				if units == maker.units {
					self.orders.remove(i);
				} else {
					self.orders[i].units -= units;
				}
			}
			self.halted |= halted;
			let crosses = self
				.orders
				.iter()
				.any(|o| o.side != req.side && req.side.crosses(req.price, o.price));
			if left > 0
				&& req.time_in_force != TimeInForce::ImmediateOrCancel
				&& !crosses && !halted
			{
				self.orders.push(Ref { id, owner, side: req.side, price: req.price, units: left });
			}
		}
	}

	#[derive(Clone, Debug)]
	enum Step {
		Place(u64, OrderRequest),
		/// The trader cancels its oldest order.
		Cancel(u64),
		/// The oracle's reference price moves (or disappears).
		Oracle(Option<u128>),
	}

	fn step() -> impl Strategy<Value = Step> {
		(0..4u64, any::<bool>(), 18..=22u128, 1..=6u64, any::<bool>(), 0..16u8).prop_map(
			|(who, buy, tick, units, gtc_order, action)| {
				let who = [ALICE, BOB, CAROL, DAVE][who as usize];
				match action {
					0 | 1 => return Step::Cancel(who),
					2 => return Step::Oracle(None),
					3 => return Step::Oracle(Some(tick * 5)),
					_ => {},
				}
				let side = if buy { Side::Buy } else { Side::Sell };
				let tif = if gtc_order {
					TimeInForce::GoodTillCancelled
				} else {
					TimeInForce::ImmediateOrCancel
				};
				Step::Place(
					who,
					OrderRequest {
						side,
						price: tick * 5,
						units,
						time_in_force: tif,
						post_only: false,
					},
				)
			},
		)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(128))]
		#[test]
		fn the_book_matches_a_reference_matcher_with_bands_and_breaker(
			stream in proptest::collection::vec(step(), 1..60)
		) {
			new_test_ext().execute_with(|| {
				let risk = RiskParams::default();
				assert_ok!(P::set_risk(RuntimeOrigin::root(), risk));
				let mut reference = RefBook { risk, ..Default::default() };
				for step in stream {
					match step {
						Step::Oracle(price) => {
							MockOracle::set(SERIES, price);
							reference.oracle = price;
						},
						Step::Cancel(who) => {
							let Some(oldest) = reference.orders.iter().filter(|o| o.owner == who).map(|o| o.id).min() else { continue };
							assert_ok!(P::cancel_order(signed(who), oldest));
							reference.orders.retain(|o| o.id != oldest);
						},
						Step::Place(who, req) => {
							let id = crate::NextOrderId::<Test>::get();
							let expected = reference.refusal(who, &req);
							let got = P::place_order(signed(who), SERIES, req);
							match expected {
								Some(e) => {
									assert_eq!(got.map_err(|e| e.error), Err(e.into()));
									continue;
								},
								None => {
									assert_ok!(got);
								},
							}
							reference.place(id, who, req, 8);
						},
					}
					let mut ours: Vec<Ref> = Orders::<Test>::iter()
						.map(|(id, o)| Ref { id, owner: o.owner, side: o.side, price: o.price, units: o.units })
						.collect();
					ours.sort_by_key(|o| o.id);
					let mut theirs = reference.orders.clone();
					theirs.sort_by_key(|o| o.id);
					assert_eq!(ours, theirs);
					check();
				}
				assert_eq!(trades(), reference.fills);
			});
		}
	}
}

/// Issue 14, item 16: the market state of every series that ever traded (last price, breaker
/// window, recent trades) stayed for ever. Idle time now removes it once the series is over
/// and its book is empty; a live series, or one with an order still resting, keeps it.
#[test]
fn the_market_state_of_a_series_that_is_over_is_swept() {
	use crate::{weights::WeightInfo, MarketSweepCursor, Markets, RecentTrades};
	use genex_primitives::SeriesStatus;
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		place(BOB, gtc(Side::Buy, 100, 2));
		assert!(Markets::<Test>::contains_key(SERIES));
		assert_eq!(RecentTrades::<Test>::get(SERIES).len(), 1);

		// Live series: read, kept.
		System::reset_events();
		assert_eq!(P::sweep_markets(64), 1);
		assert!(Markets::<Test>::contains_key(SERIES));
		assert!(events().is_empty());

		// Over, but Alice's remaining 3 units still rest: kept.
		MockCoupons::set_status(SERIES, SeriesStatus::Expired);
		P::on_idle(1, Weight::MAX);
		assert!(Markets::<Test>::contains_key(SERIES), "an order still rests");
		assert!(!events().contains(&Event::MarketClosed { series: SERIES }));

		// The book empties: the next sweep removes the state, with an event.
		let rest = Orders::<Test>::iter().map(|(id, _)| id).collect::<Vec<_>>();
		for id in rest {
			assert_ok!(P::cancel_order(signed(ALICE), id));
		}
		let used = P::do_sweep_markets(Weight::MAX);
		assert_eq!(used, <() as WeightInfo>::sweep_markets(1));
		assert!(!Markets::<Test>::contains_key(SERIES));
		assert!(!RecentTrades::<Test>::contains_key(SERIES));
		assert!(events().contains(&Event::MarketClosed { series: SERIES }));
		assert_eq!(MarketSweepCursor::<Test>::get(), None, "the round reached the end");
		check();

		// No spare weight: nothing read or written.
		assert_eq!(P::do_sweep_markets(Weight::zero()), Weight::zero());
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

/// Audit finding (same helper as the KYC sweep): a round ending exactly at its limit must not
/// leave the sweep stuck on the last key.
#[test]
fn a_market_sweep_round_that_ends_at_its_limit_starts_over() {
	use crate::{weights::WeightInfo, MarketSweepCursor, Markets, SeriesMarket};
	new_test_ext().execute_with(|| {
		place(ALICE, gtc(Side::Sell, 100, 5));
		place(BOB, gtc(Side::Buy, 100, 2));
		// Two live series with market state: nothing is removed, every sweep reads two.
		assert!(Markets::<Test>::contains_key(SERIES));
		Markets::<Test>::insert(SERIES + 1, SeriesMarket::default());
		MockCoupons::add_series(SERIES + 1, &ISSUER, 100, 90);
		let two = <() as WeightInfo>::sweep_markets(2);
		assert_eq!(P::do_sweep_markets(two), two);
		assert!(MarketSweepCursor::<Test>::get().is_some());
		assert_eq!(P::do_sweep_markets(two), <() as WeightInfo>::sweep_markets(0));
		assert_eq!(MarketSweepCursor::<Test>::get(), None);
		assert_eq!(P::do_sweep_markets(two), two, "a new round");
		assert_eq!(Markets::<Test>::iter().count(), 2);
	});
}
