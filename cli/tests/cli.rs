//! `genex` against a fresh dev node: every role's read, transactions with their events and fee,
//! the chain's typed errors, and bad input (malformed amount, unknown series, wrong key, node
//! down) each as one line with a non-zero exit.
//!
//! The dev preset: Alice is the bank and sudo, Charlie issues series 0 (face 50 GUSD, price
//! 45 GUSD) and holds 90 units, Dave holds 10; everyone endowed holds 100,000 GUSD.

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
use support::{genex, json};

/// A fresh dev node, once it has finalized a block, and its URL.
fn start_node() -> (Node, String) {
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let url = node.ws_url();
	(node, url)
}

/// A failed run's error: exactly one line, starting `error: `, containing `expected`.
fn one_error_line(result: (bool, String, String), expected: &str) {
	let (ok, _, stderr) = result;
	assert!(!ok, "expected a failure, got success");
	let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
	let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error: ")).collect();
	assert_eq!(errors.len(), 1, "one error line expected: {stderr}");
	assert!(errors[0].contains(expected), "{:?} does not contain {expected:?}", errors[0]);
	assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
}

fn gusd(balance: &Json) -> u128 {
	balance["stablecoin"].as_str().and_then(|s| s.parse().ok()).expect("stablecoin balance")
}

#[test]
fn every_role_against_a_dev_node() {
	let (node, url_owned) = start_node();
	let url = url_owned.as_str();

	// chain: status reads well.
	let (ok, out, _) = genex(url, &["chain", "status"]);
	assert!(ok);
	assert!(out.contains("chain: Genex Development"), "{out}");
	assert!(out.contains("validators (1)"), "{out}");

	// wallet: a transfer, followed to finality, with its event and fee.
	let before = gusd(&json(&genex(url, &["--json", "wallet", "balance", "//Bob"]).1));
	let (ok, out, err) = genex(
		url,
		&["--suri", "//Alice", "wallet", "transfer", "--to", "//Bob", "--amount", "12.50 GUSD"],
	);
	assert!(ok, "{err}");
	assert!(
		out.starts_with("sent 12.50 GUSD to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"),
		"{out}"
	);
	assert!(out.contains(", finalized; fee: "), "{out}");
	assert!(err.contains("submitted 0x") && err.contains("finalized in 0x"), "progress: {err}");
	let after = gusd(&json(&genex(url, &["--json", "wallet", "balance", "//Bob"]).1));
	assert_eq!(after - before, 12_500_000_000_000);

	// wallet: balance shows coupons held.
	let (ok, out, _) = genex(url, &["wallet", "balance", "//Dave"]);
	assert!(ok);
	assert!(out.contains("series 0: 10 unit(s) — face 50.00 GUSD each"), "{out}");

	// issuer: a series from a TOML file, then its statistics.
	let file = std::env::temp_dir().join(format!("genex-cli-series-{}.toml", std::process::id()));
	std::fs::write(
		&file,
		"kind = \"digital\"\nface_value = \"20 GUSD\"\nissue_price = \"18.50 GUSD\"\n\
		 valid_until = \"2030-06-30\"\nterms = \"Any Acme store\"\nunits = 40\ncap = \"none\"\n",
	)
	.expect("series file");
	let (ok, out, err) = genex(
		url,
		&["--suri", "//Charlie", "issuer", "create-series", "--file", file.to_str().expect("path")],
	);
	assert!(ok, "{err}");
	assert!(
		out.starts_with("created series 1: 40 unit(s) of face 20.00 GUSD sold at 18.50 GUSD"),
		"{out}"
	);
	assert!(out.contains("Coupons.SeriesCreated"), "{out}");
	let (ok, out, _) = genex(url, &["issuer", "stats", "--series", "1"]);
	assert!(ok);
	assert!(out.contains("minted 40, sold 0"), "{out}");
	let (ok, out, _) = genex(url, &["issuer", "credit", "//Charlie"]);
	assert!(ok);
	assert!(out.contains("issuance limit"), "{out}");

	// merchant: verify before redeeming.
	let (ok, out, _) =
		genex(url, &["merchant", "verify", "--series", "0", "--holder", "//Dave", "--units", "2"]);
	assert!(ok);
	assert!(out.starts_with("REDEEMABLE"), "{out}");
	let (ok, out, _) =
		genex(url, &["merchant", "verify", "--series", "0", "--holder", "//Dave", "--units", "11"]);
	assert!(ok);
	assert!(out.starts_with("NOT REDEEMABLE"), "{out}");

	// A redemption code: the holder signs it (nothing sent), the merchant scans it, redeems it
	// (fee-less for both) and gets a receipt; the same code again is refused by name.
	let (ok, out, err) = genex(
		url,
		&[
			"--suri",
			"//Dave",
			"--json",
			"wallet",
			"sign-redemption",
			"--series",
			"0",
			"--units",
			"2",
			"--merchant",
			"//Eve",
		],
	);
	assert!(ok, "{err}");
	let code = json(&out)["code"].as_str().expect("code").to_string();
	let (ok, out, _) = genex(url, &["merchant", "scan", "--code", &code]);
	assert!(ok);
	assert!(out.starts_with("VALID"), "{out}");
	let mut tampered = code.clone();
	tampered.replace_range(tampered.len() - 2.., "00");
	let (ok, out, _) = genex(url, &["merchant", "scan", "--code", &tampered]);
	assert!(ok);
	assert!(out.starts_with("NOT VALID: the signature is not the holder's"), "{out}");
	let (ok, out, err) = genex(url, &["merchant", "redeem", "--code", &code]);
	assert!(ok, "{err}");
	assert!(out.starts_with("RECEIPT 0: 2 unit(s) of series 0 redeemed by 5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"), "{out}");
	assert!(out.contains("face value 100.00 GUSD") && out.contains("fee: free"), "{out}");
	one_error_line(
		genex(url, &["merchant", "redeem", "--code", &code]),
		"the node refused the redemption: redemption.AuthorizationUsed:",
	);
	one_error_line(genex(url, &["merchant", "scan", "--code", "0x1234"]), "not a redemption code");

	// The chain's typed error, with its documentation, in one line.
	one_error_line(
		genex(
			url,
			&[
				"--suri", "//Eve", "wallet", "send", "--series", "0", "--to", "//Bob", "--units",
				"5",
			],
		),
		"coupons.InsufficientUnits: The account holds fewer units",
	);

	// Bad input: one line each, non-zero exit, nothing sent.
	one_error_line(
		genex(
			url,
			&["--suri", "//Alice", "wallet", "transfer", "--to", "//Bob", "--amount", "12,50"],
		),
		"is not an amount",
	);
	one_error_line(genex(url, &["issuer", "stats", "--series", "99"]), "there is no series 99");
	one_error_line(
		genex(
			url,
			&["--suri", "not a key", "wallet", "transfer", "--to", "//Bob", "--amount", "1"],
		),
		"not a valid secret URI",
	);
	one_error_line(
		genex(url, &["wallet", "transfer", "--to", "//Bob", "--amount", "1"]),
		"this command signs",
	);
	drop(node);
	one_error_line(genex(url, &["chain", "status"]), "cannot reach a node");
}

#[test]
fn help_reads_well_for_every_role() {
	for role in ["chain", "wallet", "issuer", "merchant", "compliance"] {
		let out = Command::new(env!("CARGO_BIN_EXE_genex"))
			.args([role, "--help"])
			.output()
			.expect("runs");
		assert!(out.status.success(), "{role} --help");
		let text = String::from_utf8_lossy(&out.stdout);
		assert!(text.contains("Usage: genex"), "{text}");
	}
}
