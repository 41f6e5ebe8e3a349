//! The coupon market across pallets, through real blocks and extrinsics on the development
//! chain: the demo store's primary sale, secondary trading between L2 holders with partial
//! fills, a sanctioned account's resting order cancelled, an L1 account stopped at its daily
//! limit, and the fees in the treasury.

mod common;

use common::*;
use genex_primitives::{FreezeReason, Settlement, STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT};
use genex_runtime::{
	configs::TreasuryAccount, genesis_config_presets as presets, AccountId, Assets, Balance,
	Runtime, RuntimeCall, RuntimeEvent, Stablecoin, System,
};
use pallet_market::{CancelReason, OrderRequest, Side, TimeInForce};
use polkadot_sdk::{
	pallet_collective,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
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

fn limit(side: Side, price: u128, units: u64) -> pallet_market::Call<Runtime> {
	pallet_market::Call::place_order {
		series: SERIES,
		order: OrderRequest {
			side,
			price,
			units,
			time_in_force: TimeInForce::GoodTillCancelled,
			post_only: false,
		},
	}
}

fn gusd(who: Sr25519Keyring) -> u128 {
	Assets::balance(GUSD, account(who))
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

#[test]
fn primary_sale_then_secondary_trading_under_compliance() {
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

		// Primary sale: Charlie lists 50 units at the issue price; Ferdie and Bob buy.
		ok(market(pallet_market::Call::list_primary { series: SERIES, units: 50 }), Charlie);
		let charlie0 = gusd(Charlie);
		ok(
			market(pallet_market::Call::buy_listing { listing: 0, units: 20, max_price: 45 * USD }),
			Ferdie,
		);
		ok(
			market(pallet_market::Call::buy_listing { listing: 0, units: 5, max_price: 45 * USD }),
			Bob,
		);
		assert_eq!(gusd(Charlie), charlie0 + 25 * 45 * USD, "no fee, no escrow share");
		assert_eq!((units(Ferdie), units(Bob)), (20, 5));
		let (_, stats) = pallet_coupons::Pallet::<Runtime>::series_info(SERIES).expect("series");
		assert_eq!(stats.sold, 10 + 25, "Dave's 10 at genesis and these 25");

		// Secondary: Dave (L2) asks 10 at 46; Ferdie (L2) lifts 4, then 6 more: partial fills.
		next_block();
		ok(market(limit(Side::Sell, 46 * USD, 10)), Dave);
		let dave0 = gusd(Dave);
		ok(market(limit(Side::Buy, 46 * USD, 4)), Ferdie);
		assert_eq!(pallet_market::Pallet::<Runtime>::best_bid_ask(SERIES), (None, Some(46 * USD)));
		ok(market(limit(Side::Buy, 46 * USD, 6)), Ferdie);
		assert_eq!(units(Ferdie), 30);
		assert_eq!(units(Dave), 0);
		// Dave got 460 GUSD less the maker fee (0.1 %) on each fill.
		let maker_fees = 184 * USD / 1_000 + 276 * USD / 1_000;
		assert_eq!(gusd(Dave), dave0 + 460 * USD - maker_fees);

		// Bob rests an ask; the sanctions list then blocks him: his order leaves the book.
		ok(market(limit(Side::Sell, 47 * USD, 5)), Bob);
		let bobs = pallet_market::Pallet::<Runtime>::open_orders(&account(Bob));
		assert_eq!(bobs.len(), 1);
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
		// The list update only queues him (cheap per blocked account); the block's idle time
		// cancels his orders.
		assert!(market_events().iter().any(|e| matches!(
			e,
			pallet_market::Event::PurgeQueued { reason: CancelReason::Sanctioned, .. }
		)));
		next_block();
		assert!(pallet_market::Pallet::<Runtime>::open_orders(&account(Bob)).is_empty());
		assert!(pallet_market::PurgeQueue::<Runtime>::get(account(Bob)).is_none());
		assert_eq!(pallet_market::Pallet::<Runtime>::best_bid_ask(SERIES), (None, None));

		// Eve (L1: 1 000 GUSD of trading a day) cannot bid 25 × 46: refused, typed.
		ok(market(limit(Side::Sell, 46 * USD, 25)), Ferdie);
		let refused = apply(market(limit(Side::Buy, 46 * USD, 25)), Eve);
		assert!(is_error(
			dispatch_error(refused),
			pallet_kyc::Error::<Runtime>::TradeLimitExceeded
		));
		// Within it she trades.
		ok(market(limit(Side::Buy, 46 * USD, 20)), Eve);
		assert_eq!(units(Eve), 20);

		// Custody in the owner's account: Ferdie rests a bid of 2 at 45; its price and maker
		// fee are frozen in his own GUSD account, nothing moves. Charlie then sells into it:
		// he is paid straight out of Ferdie's freeze.
		let ferdie0 = gusd(Ferdie);
		ok(market(limit(Side::Buy, 45 * USD, 2)), Ferdie);
		let maker_fee = 90 * USD / 1_000;
		let frozen = |who| {
			<Stablecoin as Settlement<AccountId, Balance>>::frozen(
				&account(who),
				FreezeReason::MarketOrders,
			)
		};
		assert_eq!(frozen(Ferdie), 90 * USD + maker_fee);
		assert_eq!(gusd(Ferdie), ferdie0, "nothing left his account");
		let charlie1 = gusd(Charlie);
		ok(market(limit(Side::Sell, 45 * USD, 2)), Charlie);
		assert_eq!(frozen(Ferdie), 0);
		assert_eq!(gusd(Ferdie), ferdie0 - 90 * USD - maker_fee);
		assert_eq!(gusd(Charlie), charlie1 + 90 * USD - 270 * USD / 1_000);
		assert_eq!(units(Ferdie), 12);

		// Fees: 0.1 % maker + 0.3 % taker on each secondary fill (460 + 920 + 90 GUSD traded).
		let traded = 460 * USD + 920 * USD + 90 * USD;
		let fees = Assets::balance(GUSD, TreasuryAccount::get()) - treasury0;
		assert!(fees >= traded * 4 / 1_000 - 10, "fees {fees}");
		assert!(fees <= traded * 4 / 1_000, "fees {fees}");
	});
}
