//! A `--dev` node produces blocks and finalizes them, and answers wallets' RPC calls and the
//! compliance runtime API.

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

	// The compliance runtime API through `state_call` (SCALE in and out, hex-encoded).
	const ALICE: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
	let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
	let threshold = node
		.rpc("state_call", r#"["ComplianceApi_travel_rule_threshold", "0x"]"#)
		.expect("threshold");
	let usd_3000: u128 = 3_000 * 1_000_000_000_000;
	assert_eq!(threshold, format!("0x{}", hex(&usd_3000.to_le_bytes())));
	let blocked = node
		.rpc("state_call", &format!(r#"["ComplianceApi_is_blocked", "0x{ALICE}"]"#))
		.expect("is_blocked");
	assert_eq!(blocked, "0x00");
	let status = node
		.rpc("state_call", &format!(r#"["ComplianceApi_kyc_status", "0x{ALICE}"]"#))
		.expect("kyc_status");
	// KycStatus { level: L3 (3), jurisdiction: Some("US"), .. }
	assert!(status.as_str().is_some_and(|s| s.starts_with("0x03015553")), "{status}");
}
