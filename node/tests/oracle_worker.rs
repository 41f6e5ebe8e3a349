//! The pricing oracle on a running `--dev` node: nothing is priced until an operator inserts its
//! feeder key (`author_insertKey`, key type `orcl`); then the node's off-chain worker prices the
//! demo series, submits it as an authorized transaction, and `genex_oraclePrice` reports a fresh
//! reference price equal to the model's. With an external index URL set in the node's off-chain
//! storage (served here on localhost), the next period's price carries the index.

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
use polkadot_sdk::sp_keyring::Sr25519Keyring;
use serde_json::{json, Value};
use std::time::Duration;

fn oracle_price(node: &Node) -> Option<Value> {
	node.rpc("genex_oraclePrice", "[0]")
}

fn amount(v: &Value) -> u128 {
	v.as_str().expect("amounts are strings").parse().expect("decimal")
}

#[test]
fn dev_node_with_an_inserted_feeder_key_prices_the_demo_series() {
	let node = Node::start(&["--dev", "--tmp"]);
	assert!(
		node.wait_for(Duration::from_secs(90), |n| n.best_number().filter(|b| *b >= 2)).is_some(),
		"the dev node produces blocks"
	);

	// Before any key: the model is there, no price.
	let view = oracle_price(&node).expect("genex_oraclePrice answers");
	assert_eq!(view["status"], "NoSubmissions", "{view}");
	assert_eq!(view["price"], Value::Null);
	assert_eq!(view["minFeeders"], 1);
	let inputs = &view["inputs"];
	assert_eq!(amount(&inputs["faceValue"]), 50 * genex_primitives::STABLECOIN_UNIT);
	assert_eq!(inputs["creditScore"].as_u64().map(|s| s <= 100), Some(true));
	let model = amount(&inputs["modelPrice"]);
	assert!(model > 0 && model < 50 * genex_primitives::STABLECOIN_UNIT, "{view}");
	assert_eq!(amount(&inputs["price"]), model, "no trades: the model alone");

	// The operator inserts Alice's feeder key (registered at genesis).
	let public = hex(&Sr25519Keyring::Alice.public().0);
	let inserted = node
		.rpc_response("author_insertKey", &json!(["orcl", "//Alice", public]).to_string())
		.expect("author_insertKey answers");
	assert_eq!(inserted["result"], Value::Null, "{inserted}");

	let fresh = node
		.wait_for(Duration::from_secs(60), |n| oracle_price(n).filter(|v| v["status"] == "Fresh"))
		.expect("the worker's submission makes a fresh price");
	assert_eq!(amount(&fresh["price"]), model, "{fresh}");
	assert_eq!((fresh["fresh"].as_u64(), fresh["agreeing"].as_u64()), (Some(1), Some(1)));
	let range = fresh["suggestedRange"].as_array().expect("a range");
	assert!(amount(&range[0]) < model && amount(&range[1]) > model, "{fresh}");

	// An external index of ×1.05, served on localhost, set as this node's feed.
	let port = serve("1050000");
	let url = format!("http://127.0.0.1:{port}/index").into_bytes();
	let set = node
		.rpc_response(
			"offchain_localStorageSet",
			&json!(["PERSISTENT", hex(b"genex-oracle::feed-url"), hex(&url.encode())]).to_string(),
		)
		.expect("offchain_localStorageSet answers");
	assert_eq!(set["result"], Value::Null, "{set}");
	let indexed = model * 105 / 100;
	let scaled = node
		.wait_for(Duration::from_secs(60), |n| {
			oracle_price(n)
				.filter(|v| v["price"].as_str().map(|p| p.parse::<u128>()) == Some(Ok(indexed)))
		})
		.expect("the next period's price carries the external index");
	assert_eq!(scaled["status"], "Fresh", "{scaled}");
}
