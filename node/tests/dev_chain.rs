//! A `--dev` node produces blocks and finalizes them, and answers wallets' RPC calls.

mod common;

use common::Node;
use std::time::Duration;

#[test]
fn dev_node_produces_and_finalizes_blocks() {
	let node = Node::start(&["--dev", "--tmp"]);
	let best = node.wait_for(Duration::from_secs(90), |n| n.best_number().filter(|b| *b >= 3));
	assert!(best.is_some(), "no block 3 within 90 s");
	let finalized =
		node.wait_for(Duration::from_secs(90), |n| n.finalized_number().filter(|f| *f >= 2));
	assert!(finalized.is_some(), "no finalized block 2 within 90 s");

	// What a wallet asks first.
	let version = node.rpc("state_getRuntimeVersion", "[]").expect("runtime version");
	assert_eq!(version["specName"], "genex");
	let props = node.rpc("system_properties", "[]").expect("properties");
	assert_eq!(props["tokenSymbol"], "GNX");
	assert_eq!(props["tokenDecimals"], 12);
	let chain = node.rpc("system_chain", "[]").expect("chain name");
	assert_eq!(chain, "Genex Development");
	// Alice's nonce through the frame-system RPC module of genex-rpc.
	let nonce = node
		.rpc("system_accountNextIndex", r#"["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"]"#)
		.expect("nonce");
	assert_eq!(nonce, 0);
}
