//! The coupon market across pallets, through real blocks and extrinsics on the development
//! chain: the demo store's primary sale; two market makers' quote sheets, in force from the
//! next block; retail takers across blocks, each block clearing at one price; a sanctioned
//! maker's quotes skipped and removed; an L1 account stopped at its daily limit; the fees in
//! the treasury; and nobody's funds anywhere but in their own accounts.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::*;
use genex_primitives::{FreezeReason, Settlement, STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT};
use genex_runtime::{
	configs::TreasuryAccount, genesis_config_presets as presets, AccountId, Assets, Balance,
	Runtime, RuntimeCall, RuntimeEvent, Stablecoin, System,
};
use pallet_market::{CancelReason, OrderRequest, QuoteLevel, Side, TimeInForce};
use polkadot_sdk::{
	frame_support::PalletId,
	pallet_collective,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::traits::AccountIdConversion,
};

const USD: u128 = STABLECOIN_UNIT;
/// The demo series (Charlie's store): face 50, issue price 45 GUSD.
const SERIES: u64 = 0;

fn market(call: pallet_market::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Market(call)
}

fn ok(call: RuntimeCall, who: Sr25519Keyring) {
	apply(call, who).expect("valid").expect("dispatched");
}

fn order(side: Side, price: u128, units: u64, tif: TimeInForce) -> pallet_market::Call<Runtime> {
	pallet_market::Call::place_order {
		series: SERIES,
		order: OrderRequest { side, price, units, time_in_force: tif, post_only: false },
	}
}

fn limit(side: Side, price: u128, units: u64) -> pallet_market::Call<Runtime> {
	order(side, price, units, TimeInForce::GoodTillCancelled)
}

fn ioc(side: Side, price: u128, units: u64) -> pallet_market::Call<Runtime> {
	order(side, price, units, TimeInForce::ImmediateOrCancel)
}

fn quotes(bids: &[(u128, u64)], asks: &[(u128, u64)]) -> pallet_market::Call<Runtime> {
	let level = |(price, units): &(u128, u64)| QuoteLevel { price: *price, units: *units };
	pallet_market::Call::set_quotes {
		series: SERIES,
		bids: bids.iter().map(level).collect(),
		asks: asks.iter().map(level).collect(),
	}
}

fn gusd(who: Sr25519Keyring) -> u128 {
	Assets::balance(GUSD, account(who))
}

fn frozen(who: Sr25519Keyring) -> u128 {
	<Stablecoin as Settlement<AccountId, Balance>>::frozen(
		&account(who),
		FreezeReason::MarketOrders,
	)
}

fn units(who: Sr25519Keyring) -> u64 {
	pallet_coupons::Holdings::<Runtime>::get(SERIES, account(who))
}

fn market_events() -> Vec<pallet_market::Event<Runtime>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Market(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The auction of the block that just ended: (price, volume).
fn cleared() -> Option<(u128, u64)> {
	market_events().into_iter().find_map(|e| match e {
		pallet_market::Event::AuctionCleared { price, volume, .. } => Some((price, volume)),
		_ => None,
	})
}

/// End the block (its auctions run after its transactions) and start the next; the auction
/// the ended block cleared, if any.
fn end_block() -> Option<(u128, u64)> {
	next_block_reading(cleared)
}

#[test]
fn quote_sheets_retail_takers_and_compliance_across_blocks() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let treasury0 = Assets::balance(GUSD, TreasuryAccount::get());
		// Ferdie becomes L2 (the platform attests).
		let expires_at = genex_runtime::Timestamp::get() + 1_000_000_000;
		ok(
			RuntimeCall::Kyc(pallet_kyc::Call::attest {
				who: account(Ferdie),
				level: 2,
				jurisdiction: *b"DE",
				expires_at,
				evidence: H256::repeat_byte(0xee),
			}),
			Alice,
		);

		// Primary sale: Charlie lists 50 units at the issue price; Alice, Bob and Ferdie buy.
		ok(market(pallet_market::Call::list_primary { series: SERIES, units: 50 }), Charlie);
		let charlie0 = gusd(Charlie);
		for (who, n) in [(Alice, 10), (Bob, 10), (Ferdie, 20)] {
			ok(
				market(pallet_market::Call::buy_listing {
					listing: 0,
					units: n,
					max_price: 45 * USD,
				}),
				who,
			);
		}
		assert_eq!(gusd(Charlie), charlie0 + 40 * 45 * USD, "no fee, no escrow share");

		// Two market makers post quote sheets: staged now, in force from the next block.
		ok(market(pallet_market::Call::join_market_makers {}), Alice);
		ok(market(pallet_market::Call::join_market_makers {}), Bob);
		ok(market(quotes(&[(44 * USD, 5)], &[(46 * USD, 5)])), Alice);
		ok(market(quotes(&[(43 * USD, 5)], &[(47 * USD, 5)])), Bob);
		assert_eq!(frozen(Alice), 0, "no custody before the sheet is in force");
		assert_eq!(end_block(), None);
		assert_eq!(end_block(), None);
		let maker_fee = |notional: u128| notional / 1_000;
		assert_eq!(frozen(Alice), 5 * 44 * USD + maker_fee(5 * 44 * USD));
		assert_eq!(pallet_coupons::Locked::<Runtime>::get(SERIES, account(Alice)), 5);
		assert_eq!(
			pallet_market::Pallet::<Runtime>::best_bid_ask(SERIES),
			(Some(44 * USD), Some(46 * USD))
		);

		// Retail: Ferdie sells 3 into the bids; the block clears at 44 (Alice's bid first).
		let alice0 = gusd(Alice);
		ok(market(ioc(Side::Sell, 43 * USD, 3)), Ferdie);
		assert_eq!(end_block(), Some((44 * USD, 3)));
		assert_eq!(units(Alice), 10 + 3);
		assert_eq!(gusd(Alice), alice0 - 3 * 44 * USD - maker_fee(3 * 44 * USD));
		// Dave lifts 4 of the asks in the next block: 46.
		ok(market(limit(Side::Buy, 46 * USD, 4)), Dave);
		assert_eq!(end_block(), Some((46 * USD, 4)));
		assert_eq!(units(Dave), 10 + 4);

		// The sanctions list blocks Bob: his sheet is removed (idle time, or the first auction
		// that meets it), its custody released; he never trades again.
		let update = RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
			version: 1,
			source_digest: H256::repeat_byte(0x5d),
			add: vec![account(Bob)],
			remove: vec![],
		});
		ok(
			RuntimeCall::ComplianceCommittee(pallet_collective::Call::execute {
				proposal: Box::new(update),
				length_bound: 10_000,
			}),
			Alice,
		);
		ok(market(ioc(Side::Buy, 47 * USD, 2)), Ferdie);
		// Alice's last ask (1 at 46) trades; Bob's 47s do not.
		assert_eq!(end_block(), Some((46 * USD, 1)));
		assert!(pallet_market::Sheets::<Runtime>::get(account(Bob), SERIES).is_none());
		assert_eq!(frozen(Bob), 0);
		assert_eq!(pallet_coupons::Locked::<Runtime>::get(SERIES, account(Bob)), 0);

		// Eve (L1: 1 000 GUSD of trading a day) cannot bid 25 × 46: refused, typed.
		let refused = apply(market(limit(Side::Buy, 46 * USD, 25)), Eve);
		assert!(is_error(
			dispatch_error(refused),
			pallet_kyc::Error::<Runtime>::TradeLimitExceeded
		));

		// Fees: 0.1 % maker + 0.3 % taker of every auction's value, in the treasury.
		let traded = 3 * 44 * USD + 4 * 46 * USD + 46 * USD;
		let fees = Assets::balance(GUSD, TreasuryAccount::get()) - treasury0;
		assert!(fees >= traded * 4 / 1_000 - 10, "fees {fees}");
		assert!(fees <= traded * 4 / 1_000, "fees {fees}");
		// No market account holds anyone's funds: the old escrow account is empty.
		let old: AccountId = PalletId(*b"gx/markt").into_account_truncating();
		assert_eq!(Assets::balance(GUSD, old), 0);
		assert!(market_events().iter().all(|e| !matches!(
			e,
			pallet_market::Event::OrderCancelled { reason: CancelReason::NotTradable, .. }
		)));
	});
}

/// Every sale by the issuer's own account pays its escrow share into the issuers pallet's
/// account, on the real stablecoin: a fixed-price listing of its own and its ask in an
/// auction (until spec 124 only primary sales did, so the promise could be dodged).
#[test]
fn the_issuers_own_sales_pay_its_escrow_share() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		use polkadot_sdk::sp_runtime::Perbill;
		let pot = genex_runtime::Issuers::account_id();
		let escrow = || pallet_issuers::Issuers::<Runtime>::get(account(Charlie)).unwrap().escrow;
		ok(
			RuntimeCall::Issuers(pallet_issuers::Call::set_escrow_share {
				share: Perbill::from_percent(10),
			}),
			Charlie,
		);
		let pot0 = Assets::balance(GUSD, pot.clone());
		let escrow0 = escrow();

		// Its own fixed-price listing: 5 at 46.
		ok(
			market(pallet_market::Call::list { series: SERIES, units: 5, price: 46 * USD }),
			Charlie,
		);
		ok(
			market(pallet_market::Call::buy_listing { listing: 0, units: 5, max_price: 46 * USD }),
			Dave,
		);
		assert_eq!(Assets::balance(GUSD, pot.clone()), pot0 + 23 * USD);
		assert_eq!(escrow(), escrow0 + 23 * USD);

		// Its ask in the auction: 4 at 47 to Dave.
		let charlie0 = gusd(Charlie);
		ok(market(limit(Side::Sell, 47 * USD, 4)), Charlie);
		ok(market(limit(Side::Buy, 47 * USD, 4)), Dave);
		let escrowed_events = || -> Vec<u128> {
			System::events()
				.into_iter()
				.filter_map(|r| match r.event {
					RuntimeEvent::Issuers(pallet_issuers::Event::Escrowed { amount, .. }) => {
						Some(amount)
					},
					_ => None,
				})
				.collect()
		};
		let (auction, events) = next_block_reading(|| (cleared(), escrowed_events()));
		assert_eq!(auction, Some((47 * USD, 4)));
		let notional = 4 * 47 * USD;
		let share = notional / 10;
		assert_eq!(events, vec![23 * USD, share], "the listing's and the auction's");
		assert_eq!(Assets::balance(GUSD, pot.clone()), pot0 + 23 * USD + share);
		assert_eq!(escrow(), escrow0 + 23 * USD + share);
		let fee = charlie0 + notional - share - gusd(Charlie);
		assert!(fee > 0 && fee <= notional * 3 / 1_000, "the seller's fee {fee}");
	});
}
