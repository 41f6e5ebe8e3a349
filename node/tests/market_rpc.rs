//! The market RPC methods against a running `--dev` node, with orders signed here the way a
//! wallet signs them: Dave (L2, 10 units of the demo series) rests an ask, Ferdie (L1) lifts
//! part of it in the block's auction, and `genex_marketDepth`, `genex_bestBidAsk`,
//! `genex_openOrders`, `genex_orderStatus`, `genex_quote` and `genex_lastTrades` show the book
//! before and after.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::Node;
use genex_runtime::RuntimeCall;
use pallet_market::{OrderRequest, Side, TimeInForce};
use polkadot_sdk::{
	sp_core::crypto::Ss58Codec,
	sp_keyring::Sr25519Keyring::{self, *},
};
use serde_json::{json, Value};
use std::time::Duration;

const USD: u128 = genex_primitives::STABLECOIN_UNIT;

fn ss58(k: Sr25519Keyring) -> String {
	k.to_account_id().to_ss58check()
}

/// Sign `call` as `who` (immortal, no tip) and submit it.
fn submit(node: &Node, call: RuntimeCall, who: Sr25519Keyring) -> Value {
	node.submit_signed(call, who)
}

fn order(side: Side, price: u128, units: u64) -> RuntimeCall {
	RuntimeCall::Market(pallet_market::Call::place_order {
		series: 0,
		order: OrderRequest {
			side,
			price,
			units,
			time_in_force: TimeInForce::GoodTillCancelled,
			post_only: false,
		},
	})
}

#[test]
fn market_rpc_shows_the_book_and_trades() {
	let node = Node::start(&["--dev", "--tmp"]);
	assert!(
		node.wait_for(Duration::from_secs(90), |n| n.best_number().filter(|b| *b >= 1)).is_some(),
		"no block 1 within 90 s"
	);
	let empty = node.rpc("genex_marketDepth", "[0]").expect("depth");
	assert_eq!(empty, json!({"bids": [], "asks": []}));
	assert_eq!(node.rpc("genex_bestBidAsk", "[0]"), Some(json!({"bid": null, "ask": null})));
	let bad = node.rpc_response("genex_marketDepth", "[0, 0]").expect("answer");
	assert_eq!(bad["error"]["code"], 1003, "{bad}");

	// Dave asks 5 units at 46 GUSD.
	let sent = submit(&node, order(Side::Sell, 46 * USD, 5), Dave);
	assert!(sent["result"].is_string(), "{sent}");
	let best = node
		.wait_for(Duration::from_secs(60), |n| {
			n.rpc("genex_bestBidAsk", "[0]").filter(|b| !b["ask"].is_null())
		})
		.expect("the ask rests within 60 s");
	assert_eq!(best, json!({"bid": null, "ask": "46000000000000"}));
	let depth = node.rpc("genex_marketDepth", "[0, 5]").expect("depth");
	assert_eq!(depth["asks"], json!([{"price": "46000000000000", "units": 5, "orders": 1}]));
	let orders = node.rpc("genex_openOrders", &json!([ss58(Dave)]).to_string()).expect("orders");
	assert_eq!(orders[0]["side"], "Sell");
	assert_eq!(orders[0]["units"], 5);
	assert_eq!(orders[0]["expiresAt"], Value::Null);
	// Dave's order (the chain's first: id 0) by its key, as `OrderPlaced` gives it.
	let key = r#"[0, "Sell", "46000000000000", 0]"#;
	let status = node.rpc("genex_orderStatus", key).expect("status");
	assert_eq!(status, json!({"status": "resting", "units": 5}));
	let bad = node.rpc_response("genex_orderStatus", r#"[0, "Sell", "46.5", 0]"#).expect("answer");
	assert_eq!(bad["error"]["code"], 1003, "{bad}");
	let quote = node.rpc("genex_quote", "[0, \"Buy\", 3]").expect("quote");
	assert_eq!(
		quote,
		json!({"units": 3, "notional": "138000000000000", "worstPrice": "46000000000000"})
	);

	// Ferdie (L1) lifts 2.
	let sent = submit(&node, order(Side::Buy, 46 * USD, 2), Ferdie);
	assert!(sent["result"].is_string(), "{sent}");
	let trades = node
		.wait_for(Duration::from_secs(60), |n| {
			n.rpc("genex_lastTrades", "[0]").filter(|t| t.as_array().is_some_and(|a| !a.is_empty()))
		})
		.expect("the trade lands within 60 s");
	assert_eq!(trades[0]["price"], "46000000000000");
	assert_eq!(trades[0]["units"], 2);
	assert_eq!(trades[0]["takerSide"], "Buy");
	let depth = node.rpc("genex_marketDepth", "[0]").expect("depth");
	assert_eq!(depth["asks"][0]["units"], 3);
	assert_eq!(node.rpc("genex_orderStatus", key), Some(json!({"status": "resting", "units": 3})));
}
