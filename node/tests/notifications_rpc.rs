//! `genex_subscribePriceMoves` against a dev node, as a wallet keeps it open over WebSocket: the
//! snapshot first, the oracle's first fresh price as a status change, a 5 % move reported to the
//! wallet that asked for 1 % and not to the one that asked for 100 %, and the typed refusals of
//! bad parameters and of one subscription too many on a connection.

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
use genex_rpc::notifications::{price::PriceChange, NotificationsRpcClient, PriceMoveJson};
use jsonrpsee::{
	core::client::{Error as ClientError, Subscription},
	ws_client::WsClientBuilder,
};
use polkadot_sdk::sp_keyring::Sr25519Keyring;
use serde_json::{json, Value};
use std::time::Duration;

/// The next notification within `secs` seconds.
async fn next(sub: &mut Subscription<PriceMoveJson>, secs: u64) -> PriceMoveJson {
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
