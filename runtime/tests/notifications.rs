//! The notifications runtime API (`NotificationsApi`) over real blocks on the dev chain's demo
//! store (Charlie's series 0, Dave holding 10, Eve its merchant): each kind of coupon movement
//! reported once to the accounts it concerns, with the holding after it — a P2P transfer, a
//! primary listing bought, a refund (one `Refunded`, not a recall too), a merchant redemption
//! (one `Redeemed` naming the merchant), an auction fill with its clearing price — nothing for
//! unwatched accounts or for a block without movements; and an account's holdings expiring
//! within a window; issuers' announcements (published, retracted, the deposit they hold).

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
use genex_primitives::{
	api::runtime_decl_for_coupons_api::CouponsApiV2,
	market::Side,
	notifications::{AnnouncementChange, CouponMovement, CouponMovement::*},
	RedemptionAuthorization, STABLECOIN_UNIT,
};
use genex_runtime::{
	genesis_config_presets as presets, notifications, AccountId, Runtime, RuntimeCall, System,
	UncheckedExtrinsic,
};
use pallet_market::{OrderRequest, TimeInForce};
use polkadot_sdk::{
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::MultiSignature,
};

const USD: u128 = STABLECOIN_UNIT;
const DAY_MS: u64 = 86_400_000;

fn ok(call: RuntimeCall, who: Sr25519Keyring) {
	apply(call, who).expect("valid").expect("dispatched");
}

/// What the wallets of `watched` are told about the current block: (account, movement, units,
/// counterparty, held).
fn told(
	watched: &[Sr25519Keyring],
) -> Vec<(AccountId, CouponMovement, u64, Option<AccountId>, u64)> {
	let block = notifications::coupon_notices(watched.iter().map(|k| account(*k)).collect());
	assert_eq!(block.now, genex_runtime::Timestamp::get());
	block
		.notices
		.into_iter()
		.map(|n| {
			assert_eq!(n.series, 0);
			assert_eq!(n.valid_until, presets::GENESIS_ATTESTATION_EXPIRY);
			(n.account, n.movement, n.units, n.counterparty, n.held)
		})
		.collect()
}

/// Dave's signed authorization to redeem `units` at Eve's.
fn redemption(units: u64, nonce: u64) -> UncheckedExtrinsic {
	let authorization = RedemptionAuthorization {
		holder: account(Dave),
		series: 0,
		units,
		merchant: account(Eve),
		nonce,
		valid_until: System::block_number() + 10,
	};
	let signature =
		MultiSignature::Sr25519(Dave.sign(&Runtime::redemption_payload(authorization.clone())));
	UncheckedExtrinsic::new_transaction(
		RuntimeCall::Redemption(pallet_redemption::Call::redeem_authorized {
			authorization,
			signature,
		}),
		genex_runtime::tx_extension(0),
	)
}

fn coupons(call: pallet_coupons::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Coupons(call)
}

fn market(call: pallet_market::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Market(call)
}

#[test]
fn each_coupon_movement_is_told_once_to_the_accounts_it_concerns() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let all = [Charlie, Dave, Eve, Ferdie, Alice];
		// Ferdie becomes L2 (the platform attests), to buy on the market.
		ok(
			RuntimeCall::Kyc(pallet_kyc::Call::attest {
				who: account(Ferdie),
				level: 2,
				jurisdiction: *b"DE",
				expires_at: genex_runtime::Timestamp::get() + 1_000_000_000,
				evidence: polkadot_sdk::sp_core::H256::repeat_byte(0xee),
			}),
			Alice,
		);
		next_block();

		// P2P: Dave gives Ferdie 2 units. Eve, not involved, is told nothing.
		ok(
			coupons(pallet_coupons::Call::transfer { series: 0, dest: account(Ferdie), units: 2 }),
			Dave,
		);
		assert_eq!(
			told(&all),
			vec![
				(account(Dave), Sent, 2, Some(account(Ferdie)), 8),
				(account(Ferdie), Received, 2, Some(account(Dave)), 2),
			]
		);
		assert_eq!(told(&[Eve]), vec![]);
		assert_eq!(told(&[Ferdie]), vec![(account(Ferdie), Received, 2, Some(account(Dave)), 2)]);
		// The next block has moved nothing yet.
		next_block();
		assert_eq!(told(&all), vec![]);

		// Primary sale through a listing: Charlie sells 3 to Ferdie.
		ok(market(pallet_market::Call::list_primary { series: 0, units: 5 }), Charlie);
		ok(
			market(pallet_market::Call::buy_listing { listing: 0, units: 3, max_price: 45 * USD }),
			Ferdie,
		);
		let charlie_held = pallet_coupons::Holdings::<Runtime>::get(0, account(Charlie));
		assert_eq!(
			told(&[Charlie, Ferdie]),
			vec![
				(account(Charlie), Sold, 3, Some(account(Ferdie)), charlie_held),
				(account(Ferdie), Bought, 3, Some(account(Charlie)), 5),
			]
		);
		next_block();

		// A refund is told as one `Refunded` with the amount paid, not as a recall too.
		ok(
			coupons(pallet_coupons::Call::refund {
				series: 0,
				holder: account(Ferdie),
				units: 1,
				reason: 1,
			}),
			Charlie,
		);
		let block = notifications::coupon_notices(vec![account(Ferdie)]);
		assert_eq!(block.notices.len(), 1, "{block:?}");
		let refund = &block.notices[0];
		assert_eq!((refund.movement, refund.units, refund.held), (Refunded, 1, 4));
		assert!(refund.amount.is_some_and(|a| a >= 45 * USD), "{refund:?}");
		next_block();

		// A merchant's redemption: one `Redeemed`, naming the merchant.
		genex_runtime::Executive::apply_extrinsic(redemption(1, 1))
			.expect("valid")
			.expect("redeemed");
		assert_eq!(told(&all), vec![(account(Dave), Redeemed, 1, Some(account(Eve)), 7)]);
		next_block();

		// An auction fill: Dave sells 2 to Alice; the block's auction clears them at 45.
		let order = |side, price| OrderRequest {
			side,
			price,
			units: 2,
			time_in_force: TimeInForce::GoodTillCancelled,
			post_only: false,
		};
		ok(
			market(pallet_market::Call::place_order {
				series: 0,
				order: order(Side::Sell, 44 * USD),
			}),
			Dave,
		);
		ok(
			market(pallet_market::Call::place_order {
				series: 0,
				order: order(Side::Buy, 46 * USD),
			}),
			Alice,
		);
		let fills = next_block_reading(|| {
			notifications::coupon_notices(vec![account(Dave), account(Alice)]).notices
		});
		let fills: Vec<_> =
			fills.into_iter().map(|n| (n.account, n.movement, n.units, n.price, n.held)).collect();
		assert_eq!(fills.len(), 2, "{fills:?}");
		let price = fills[0].3.expect("a clearing price");
		assert!((44 * USD..=46 * USD).contains(&price));
		assert!(fills.contains(&(account(Dave), Sold, 2, Some(price), 5)), "{fills:?}");
		assert!(fills.iter().any(|f| f.0 == account(Alice) && f.1 == Bought && f.2 == 2));
	});
}

#[test]
fn expiring_holdings_are_those_in_the_window_from_now() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let until = presets::GENESIS_ATTESTATION_EXPIRY;
		// 400 days before the demo series ends (a test chain starts at time 0).
		jump_to_slot((until - 400 * DAY_MS) / genex_runtime::SLOT_DURATION);
		let now = genex_runtime::Timestamp::get();
		assert!(now > 0 && until - now <= 400 * DAY_MS);
		let to_end = until - now;
		let dave =
			|from: u64, within: u64| notifications::expiring_holdings(account(Dave), from, within);
		let found = dave(0, to_end + 1);
		assert_eq!(found.now, now);
		assert_eq!(
			found.holdings.iter().map(|h| (h.series, h.held, h.valid_until)).collect::<Vec<_>>(),
			vec![(0, 10, until)]
		);
		// The window ends just before the series does; or starts after it.
		assert!(dave(0, to_end).holdings.is_empty());
		assert!(dave(until + 1, to_end + DAY_MS).holdings.is_empty());
		// A window of ten years and more is cut to ten years (2030 is within them).
		assert_eq!(dave(0, u64::MAX).holdings.len(), 1);
		// Accounts without units of it have nothing expiring.
		assert!(notifications::expiring_holdings(account(Ferdie), 0, to_end + 1)
			.holdings
			.is_empty());
		assert_eq!(Runtime::verify_coupon(0, account(Dave), 1).holder_units, 10);
	});
}

#[test]
fn announcements_are_told_with_their_text_and_hold_a_deposit() {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let issuers = |call| RuntimeCall::Issuers(call);
		let text = "Store 3 closes on 1 May; redeem at store 5.".as_bytes().to_vec();
		// Dave holds coupons but issues none: he cannot announce.
		let refused = apply(issuers(pallet_issuers::Call::announce { text: text.clone() }), Dave);
		assert!(is_error(dispatch_error(refused), pallet_issuers::Error::<Runtime>::NotAnIssuer));
		next_block();
		ok(issuers(pallet_issuers::Call::announce { text: text.clone() }), Charlie);
		let block = notifications::announcement_notices();
		assert_eq!(block.now, genex_runtime::Timestamp::get());
		assert_eq!(
			block.notices.iter().map(|n| (&n.issuer, n.id, n.change, &n.text)).collect::<Vec<_>>(),
			vec![(&account(Charlie), 0, AnnouncementChange::Published, &text)]
		);
		let kept = notifications::announcements(account(Charlie));
		assert_eq!(kept.len(), 1);
		assert_eq!((kept[0].id, &kept[0].text), (0, &text));
		assert_eq!(kept[0].published_at, System::block_number());
		// 1 GNX + 10 mGNX per byte, held from Charlie.
		let deposit = genex_runtime::UNIT + text.len() as u128 * 10 * genex_runtime::MILLI_UNIT;
		assert_eq!(genex_runtime::Balances::total_balance_on_hold(&account(Charlie)), deposit);

		next_block();
		assert!(notifications::announcement_notices().notices.is_empty());
		ok(issuers(pallet_issuers::Call::retract_announcement { id: 0 }), Charlie);
		let block = notifications::announcement_notices();
		assert_eq!(
			block.notices.iter().map(|n| (n.id, n.change, n.text.len())).collect::<Vec<_>>(),
			vec![(0, AnnouncementChange::Retracted, 0)]
		);
		assert!(notifications::announcements(account(Charlie)).is_empty());
		assert_eq!(genex_runtime::Balances::total_balance_on_hold(&account(Charlie)), 0);
	});
}
