//! The TypeScript wallet example (`examples/ts`, @polkadot/api) against a fresh dev node: the
//! `genex_*` RPC answers typed by the repository's bundle, a coupon transfer signed with every
//! transaction extension of the runtime and with the metadata hash (`CheckMetadataHash` mode 1;
//! a wrong hash refused), and a redemption signed over the payload the node
//! returns and submitted by the till; then the polkadot-api (PAPI) wallet, typed by descriptors
//! generated from the node's Wasm, reading storage and sending a coupon with the metadata hash.
//! `scripts/ts-example.sh` installs, generates and compiles them first
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

/// Runs `examples/ts/dist/<script>` against `url`, asserts it succeeded and printed every line
/// of `expected` (as substrings); returns its standard error.
fn run_example(script: &str, url: &str, expected: &[String]) -> String {
	let example = common::workspace().join("examples/ts/dist").join(script);
	assert!(
		example.exists(),
		"{} is not built: run ./scripts/ts-example.sh (scripts/test.sh does)",
		example.display()
	);
	let out = Command::new("node").arg(&example).arg(url).output().expect("node (Node.js) runs");
	let stdout = String::from_utf8_lossy(&out.stdout);
	let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
	assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
	for line in expected {
		assert!(stdout.contains(line.as_str()), "no {line:?} in:\n{stdout}\n{stderr}");
	}
	stderr
}

#[test]
fn the_typescript_wallets_transfer_and_redeem_on_a_dev_node() {
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let dave = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
	let eve = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
	let stderr = run_example(
		"wallet.js",
		&node.ws_url(),
		&[
			"verifyCoupon: redeemable=true holderUnits=10 faceValue=50000000000000 kind=Digital"
				.to_string(),
			"metadataHash: 0x".to_string(),
			"wrong metadata hash refused: 1010: Invalid Transaction: Transaction has a bad signature"
				.to_string(),
			format!("transferred 1 unit(s) of series 0 from {dave} to {eve} in block 0x"),
			"redemptionPayload: 140 bytes".to_string(),
			"submitRedemption: 0x".to_string(),
			"redeemed: receipt 0".to_string(),
		],
	);
	// No warning about unknown extensions or types: the bundle and declarations cover them.
	assert!(!stderr.contains("Unknown") && !stderr.contains("unknown"), "{stderr}");

	// The polkadot-api wallet, typed by descriptors generated from the node's Wasm, on the same
	// chain: Dave had 10 units, gave Eve one and redeemed one above.
	let spec = genex_runtime::VERSION.spec_version;
	run_example(
		"papi.js",
		&node.ws_url(),
		&[
			format!("papi: genex spec {spec}, transfer descriptor identical: true"),
			"papi holdings: 8 unit(s) of series 0".to_string(),
			"papi verifyCoupon: redeemable=true holderUnits=8".to_string(),
			format!("papi transferred 1 unit(s) of series 0 from {dave} to {eve} in block 0x"),
		],
	);
}
