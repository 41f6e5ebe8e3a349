//! The `genex_*` subscriptions against a dev node, as a wallet keeps them open over WebSocket.
//!
//! - `genex_subscribePriceMoves`: the snapshot first, the oracle's first fresh price as a status
//!   change, a 5 % move reported to the wallet that asked for 1 % and not to the one that asked
//!   for 100 %, and the typed refusals of bad parameters and of one subscription too many on a
//!   connection.
//! - `genex_subscribeCouponEvents` and `genex_subscribeExpiringCoupons`: Dave's demo coupons
//!   (valid until 2030) in the expiry snapshot; his transfer to Ferdie told to both as `Sent` and
//!   `Received`, and to his expiry watch as the changed holding; typed refusals of bad
//!   parameters.
//! - `genex_subscribeAnnouncements`: Charlie's announcement told with its text to the wallets
//!   watching him and to the one watching every issuer, not to the one watching Dave; kept, so
//!   a later subscription gets it as a snapshot; then retracted; typed refusal of 17 issuers.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use codec::Encode;
use common::{hex, serve, Node};
use genex_primitives::notifications::CouponMovement;
use genex_rpc::notifications::{
	price::PriceChange, AnnouncementJson, AnnouncementKind, CouponEventJson, ExpiringCouponJson,
	ExpiryChange, NotificationsRpcClient,
};
use jsonrpsee::{
	core::client::{Error as ClientError, Subscription},
	ws_client::WsClientBuilder,
};
use polkadot_sdk::sp_keyring::Sr25519Keyring;
use serde_json::{json, Value};
use std::time::Duration;

/// The next notification within `secs` seconds.
async fn next<T: jsonrpsee::core::DeserializeOwned>(sub: &mut Subscription<T>, secs: u64) -> T {
	tokio::time::timeout(Duration::from_secs(secs), sub.next())
		.await
		.expect("a notification in time")
		.expect("the subscription is open")
		.expect("the notification decodes")
}

/// The error code of a refused subscription.
fn code<T: std::fmt::Debug>(refused: Result<T, ClientError>) -> i32 {
	match refused {
		Err(ClientError::Call(e)) => e.code(),
		other => panic!("expected a refusal, got {other:?}"),
	}
}

fn amount(price: &Option<String>) -> u128 {
	price.as_deref().expect("a price").parse().expect("decimal")
}

#[test]
fn price_moves_reach_the_wallets_that_asked_for_them() {
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let runtime = tokio::runtime::Runtime::new().expect("tokio");
	runtime.block_on(async {
		let client = WsClientBuilder::default().build(node.ws_url()).await.expect("connects");

		// Bad parameters: typed refusals (1003), nothing registered.
		assert_eq!(code(client.subscribe_price_moves(vec![0], 0).await), 1003);
		assert_eq!(code(client.subscribe_price_moves(vec![0], 10_001).await), 1003);
		assert_eq!(code(client.subscribe_price_moves(vec![], 100).await), 1003);
		assert_eq!(code(client.subscribe_price_moves((0..33).collect(), 100).await), 1003);

		// A wallet watching at 1 % (series 0 named twice: watched once) and one at 100 %.
		let mut fine = client.subscribe_price_moves(vec![0, 0], 100).await.expect("subscribes");
		let mut coarse = client.subscribe_price_moves(vec![0], 10_000).await.expect("subscribes");
		for sub in [&mut fine, &mut coarse] {
			let snapshot = next(sub, 10).await;
			assert_eq!((snapshot.series, snapshot.change), (0, PriceChange::Snapshot));
			assert_eq!(snapshot.price, None, "no feeder has priced the demo series: {snapshot:?}");
		}

		// The operator inserts Alice's feeder key (registered at genesis): the first fresh price
		// is a status change for both.
		let public = hex(&Sr25519Keyring::Alice.public().0);
		let inserted = node
			.rpc_response("author_insertKey", &json!(["orcl", "//Alice", public]).to_string())
			.expect("author_insertKey answers");
		assert_eq!(inserted["result"], Value::Null, "{inserted}");
		let fresh = next(&mut fine, 90).await;
		assert_eq!(fresh.change, PriceChange::StatusChanged, "{fresh:?}");
		assert_eq!(format!("{:?}", fresh.status), "Fresh");
		let model = amount(&fresh.price);
		let also = next(&mut coarse, 30).await;
		assert_eq!(
			(also.change, also.price.clone()),
			(PriceChange::StatusChanged, fresh.price.clone())
		);

		// An external index of ×1.05 for this node's feeder: a 5 % move.
		let port = serve("1050000");
		let url = format!("http://127.0.0.1:{port}/index").into_bytes();
		let set = node
			.rpc_response(
				"offchain_localStorageSet",
				&json!(["PERSISTENT", hex(b"genex-oracle::feed-url"), hex(&url.encode())])
					.to_string(),
			)
			.expect("offchain_localStorageSet answers");
		assert_eq!(set["result"], Value::Null, "{set}");
		let moved = next(&mut fine, 90).await;
		assert_eq!(moved.change, PriceChange::Moved, "{moved:?}");
		assert_eq!(amount(&moved.previous), model);
		assert_eq!(amount(&moved.price), model * 105 / 100);
		let bps = moved.move_bps.expect("a move in basis points");
		assert!((499..=500).contains(&bps), "{moved:?}");
		assert!(moved.block_number > fresh.block_number);
		// The 100 % wallet hears nothing of it.
		let quiet = tokio::time::timeout(Duration::from_secs(6), coarse.next()).await;
		assert!(quiet.is_err(), "a 5 % move reached a 100 % subscription: {quiet:?}");

		// 16 subscriptions per connection: 2 held, 14 more, then a typed refusal (1004).
		let mut held = Vec::new();
		for _ in 0..14 {
			held.push(client.subscribe_price_moves(vec![0], 100).await.expect("room"));
		}
		assert_eq!(code(client.subscribe_price_moves(vec![0], 100).await), 1004);
		// Unsubscribing makes room again.
		held.pop().expect("one").unsubscribe().await.expect("unsubscribes");
		let again = tokio::time::timeout(Duration::from_secs(10), async {
			loop {
				match client.subscribe_price_moves(vec![0], 100).await {
					Ok(sub) => break sub,
					Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
				}
			}
		})
		.await;
		assert!(again.is_ok(), "the freed slot is usable");
	});
}

#[test]
fn coupon_movements_and_expiring_coupons_reach_the_holders_wallets() {
	use polkadot_sdk::sp_keyring::Sr25519Keyring::{Dave, Ferdie};
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let runtime = tokio::runtime::Runtime::new().expect("tokio");
	runtime.block_on(async {
		let client = WsClientBuilder::default().build(node.ws_url()).await.expect("connects");
		let (dave, ferdie) = (Dave.to_account_id(), Ferdie.to_account_id());

		// Bad parameters: typed refusals (1003).
		assert_eq!(code(client.subscribe_coupon_events(vec![]).await), 1003);
		let seventeen = (0..17u8).map(|i| [i; 32].into()).collect();
		assert_eq!(code(client.subscribe_coupon_events(seventeen).await), 1003);
		assert_eq!(code(client.subscribe_expiring_coupons(dave.clone(), 0).await), 1003);
		assert_eq!(code(client.subscribe_expiring_coupons(dave.clone(), 3_661).await), 1003);

		// Dave's wallet watches his and Ferdie's coupons, and what of his expires within ten
		// years: the demo series (2030), 10 units.
		let mut events: Subscription<CouponEventJson> = client
			.subscribe_coupon_events(vec![dave.clone(), ferdie.clone()])
			.await
			.expect("subscribes");
		let mut expiring: Subscription<ExpiringCouponJson> =
			client.subscribe_expiring_coupons(dave.clone(), 3_660).await.expect("subscribes");
		let snapshot = next(&mut expiring, 10).await;
		assert_eq!(
			(snapshot.change, snapshot.series, snapshot.held, snapshot.account.clone()),
			(ExpiryChange::Snapshot, 0, 10, dave.clone())
		);
		assert_eq!(
			snapshot.valid_until,
			genex_runtime::genesis_config_presets::GENESIS_ATTESTATION_EXPIRY
		);
		assert!(snapshot.now > 0 && snapshot.now < snapshot.valid_until);
		// Within a day: nothing of his expires (no snapshot, nothing later either).
		let mut soon: Subscription<ExpiringCouponJson> =
			client.subscribe_expiring_coupons(dave.clone(), 1).await.expect("subscribes");

		// Dave gives Ferdie 2 units.
		let transfer = genex_runtime::RuntimeCall::Coupons(pallet_coupons::Call::transfer {
			series: 0,
			dest: ferdie.clone(),
			units: 2,
		});
		let submitted = node.submit_signed(transfer, Dave);
		assert!(submitted.get("result").is_some(), "{submitted}");
		let sent = next(&mut events, 60).await;
		let received = next(&mut events, 10).await;
		assert_eq!(
			(sent.account.clone(), sent.movement, sent.units, sent.held, sent.counterparty.clone()),
			(dave.clone(), CouponMovement::Sent, 2, 8, Some(ferdie.clone()))
		);
		assert_eq!(
			(received.account, received.movement, received.held, received.counterparty),
			(ferdie, CouponMovement::Received, 2, Some(dave.clone()))
		);
		assert_eq!((sent.block, sent.series), (received.block, 0));
		assert!(received.event_index == sent.event_index);
		// His expiry watch: the holding in the window changed, in the same block.
		let changed = next(&mut expiring, 10).await;
		assert_eq!(
			(changed.change, changed.series, changed.held, changed.block),
			(ExpiryChange::Changed, 0, 8, sent.block)
		);
		// One connection watches at most 64 accounts: Dave and Ferdie, then 62 more.
		let mut held = Vec::new();
		for (i, n) in [16u8, 16, 16, 14].into_iter().enumerate() {
			let accounts = (0..n)
				.map(|j| [100 + i as u8, j, 7, 7].repeat(8))
				.map(|raw| <[u8; 32]>::try_from(raw).expect("32 bytes").into());
			held.push(client.subscribe_coupon_events(accounts.collect()).await.expect("room"));
		}
		assert_eq!(code(client.subscribe_coupon_events(vec![[9; 32].into()]).await), 1004);
		// Accounts it already watches take no more room.
		held.push(client.subscribe_coupon_events(vec![dave.clone()]).await.expect("room"));
		let quiet = tokio::time::timeout(Duration::from_secs(3), soon.next()).await;
		assert!(quiet.is_err(), "a one-day window reported a 2030 coupon: {quiet:?}");
	});
}

#[test]
fn announcements_reach_the_wallets_watching_the_issuer() {
	use polkadot_sdk::sp_keyring::Sr25519Keyring::{Charlie, Dave};
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let runtime = tokio::runtime::Runtime::new().expect("tokio");
	runtime.block_on(async {
		let client = WsClientBuilder::default().build(node.ws_url()).await.expect("connects");
		let (charlie, dave) = (Charlie.to_account_id(), Dave.to_account_id());

		// 16 issuers at most (none: every issuer).
		let seventeen = (0..17u8).map(|i| [i; 32].into()).collect();
		assert_eq!(code(client.subscribe_announcements(seventeen).await), 1003);

		// Charlie (the demo issuer) keeps no announcement yet: no snapshot.
		let mut his: Subscription<AnnouncementJson> =
			client.subscribe_announcements(vec![charlie.clone()]).await.expect("subscribes");
		let mut every: Subscription<AnnouncementJson> =
			client.subscribe_announcements(vec![]).await.expect("subscribes");
		let mut other: Subscription<AnnouncementJson> =
			client.subscribe_announcements(vec![dave]).await.expect("subscribes");

		let text = "Store 3 closes on 1 May; redeem at store 5. 三号店五月关闭。";
		let announce = genex_runtime::RuntimeCall::Issuers(pallet_issuers::Call::announce {
			text: text.as_bytes().to_vec(),
		});
		let submitted = node.submit_signed(announce, Charlie);
		assert!(submitted.get("result").is_some(), "{submitted}");
		let published = next(&mut his, 60).await;
		assert_eq!(
			(published.change, published.issuer.clone(), published.id, published.text.as_deref()),
			(AnnouncementKind::Published, charlie.clone(), 0, Some(text))
		);
		assert_eq!(published.published_at, Some(published.block_number));
		assert!(published.event_index.is_some() && published.now > 0);
		assert_eq!(next(&mut every, 10).await, published);
		let quiet = tokio::time::timeout(Duration::from_secs(3), other.next()).await;
		assert!(quiet.is_err(), "Dave's watchers heard Charlie: {quiet:?}");

		// A wallet subscribing now gets it as a snapshot.
		let mut later: Subscription<AnnouncementJson> =
			client.subscribe_announcements(vec![charlie.clone()]).await.expect("subscribes");
		let snapshot = next(&mut later, 10).await;
		assert_eq!(
			(snapshot.change, snapshot.id, snapshot.text.as_deref(), snapshot.event_index),
			(AnnouncementKind::Snapshot, 0, Some(text), None)
		);
		assert_eq!(snapshot.published_at, published.published_at);

		// Charlie retracts it: told without the text.
		let retract =
			genex_runtime::RuntimeCall::Issuers(pallet_issuers::Call::retract_announcement {
				id: 0,
			});
		let submitted = node.submit_signed(retract, Charlie);
		assert!(submitted.get("result").is_some(), "{submitted}");
		let retracted = next(&mut his, 60).await;
		assert_eq!(
			(retracted.change, retracted.id, retracted.text, retracted.published_at),
			(AnnouncementKind::Retracted, 0, None, None)
		);
		assert_eq!(next(&mut later, 10).await.change, AnnouncementKind::Retracted);
	});
}
