//! The TypeScript wallet example (`examples/ts`, @polkadot/api) against a fresh dev node: the
//! `genex_*` RPC answers typed by the repository's bundle, a coupon transfer signed with every
//! transaction extension of the runtime, and a redemption signed over the payload the node
//! returns and submitted by the till. `scripts/ts-example.sh` installs and compiles it first
//! (`scripts/test.sh` runs it before the tests).

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
use std::process::Command;

#[test]
fn the_typescript_wallet_transfers_and_redeems_on_a_dev_node() {
	let example = common::workspace().join("examples/ts/dist/wallet.js");
	assert!(
		example.exists(),
		"{} is not built: run ./scripts/ts-example.sh (scripts/test.sh does)",
		example.display()
	);
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let out = Command::new("node")
		.arg(&example)
		.arg(node.ws_url())
		.output()
		.expect("node (Node.js) runs");
	let stdout = String::from_utf8_lossy(&out.stdout);
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(out.status.success(), "the example failed:\n{stdout}\n{stderr}");
	let dave = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
	let eve = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
	for expected in [
		"verifyCoupon: redeemable=true holderUnits=10 faceValue=50000000000000 kind=Digital"
			.to_string(),
		format!("transferred 1 unit(s) of series 0 from {dave} to {eve} in block 0x"),
		"redemptionPayload: 140 bytes".to_string(),
		"submitRedemption: 0x".to_string(),
		"redeemed: receipt 0".to_string(),
	] {
		assert!(stdout.contains(&expected), "no {expected:?} in:\n{stdout}\n{stderr}");
	}
	// No warning about unknown extensions or types: the bundle and declarations cover them.
	assert!(!stderr.contains("Unknown") && !stderr.contains("unknown"), "{stderr}");
}
