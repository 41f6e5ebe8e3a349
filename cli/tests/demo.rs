//! `scripts/demo.sh` (`genex demo`) against a fresh dev node: it runs to its end, and the chain
//! is then populated as it says — new issuers approved by the council, series of each kind,
//! trades cleared by the auction, a redemption, a sanctioned account — and a second run is
//! refused with one line.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

#[path = "../../node/tests/common/mod.rs"]
mod common;
mod support;

use common::Node;
use serde_json::Value as Json;
use std::process::Command;
use support::genex;

/// `genex --json ARGS…`'s document.
fn json(url: &str, args: &[&str]) -> Json {
	let mut all = vec!["--json"];
	all.extend_from_slice(args);
	let (ok, out, err) = genex(url, &all);
	assert!(ok, "genex {args:?} failed: {err}");
	support::json(&out)
}

#[test]
fn the_demo_populates_a_fresh_dev_chain_once() {
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let url = node.ws_url();

	// The script, as the README runs it.
	let out = Command::new(common::workspace().join("scripts/demo.sh"))
		.args(["--url", &url])
		.env_remove("GENEX_URL")
		.env("GENEX_BIN", env!("CARGO_BIN_EXE_genex"))
		.output()
		.expect("demo.sh runs");
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(
		out.status.success(),
		"demo.sh failed:\n{stdout}\n{}",
		String::from_utf8_lossy(&out.stderr)
	);
	for said in [
		"Alice closed motion #0: Harbor Books and Corner Cafe are issuers",
		"the block's auction of series 0 cleared",
		"Dave redeemed 1 unit of series 0 at the store's till (Eve): receipt 0, no fee",
		"//Mallory tried to send Dave 1 GNX: refused by the pool: sanctions.BlockedSigner",
		"Eve's transfer refused: coupons.SeriesExpired",
		"the oracle's fresh reference price for series 0",
		"populated in",
	] {
		assert!(stdout.contains(said), "the demo did not say {said:?}:\n{stdout}");
	}

	// The chain is as the demo says.
	for (who, name) in [("//Bob", "Harbor Books"), ("//Grace", "Corner Cafe")] {
		let credit = json(&url, &["issuer", "credit", who]);
		assert_eq!(credit["status"], "Active", "{name}: {credit}");
	}
	let kinds: Vec<String> = (0..5)
		.map(|s| {
			json(&url, &["issuer", "stats", "--series", &s.to_string()])["series"]["kind"]
				.to_string()
		})
		.collect();
	for kind in ["Physical", "Digital", "Financial"] {
		assert!(kinds.iter().any(|k| k.contains(kind)), "no {kind} series: {kinds:?}");
	}
	let blocked = json(&url, &["compliance", "list", "--who", "//Mallory"]);
	assert_eq!(blocked["blocked_since"], 1, "{blocked}");
	let dave = json(&url, &["wallet", "history", "//Dave", "--blocks", "100"]);
	let events: Vec<&str> =
		dave["events"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
	for event in ["Redemption.Redeemed", "Market.OrderFilled", "Coupons.Transferred"] {
		assert!(events.contains(&event), "Dave's history has no {event}: {events:?}");
	}

	// Once per chain.
	let (ok, _, err) = genex(&url, &["demo"]);
	assert!(!ok);
	assert!(err.contains("populated already"), "{err}");
	assert_eq!(err.lines().count(), 1, "{err}");
}
