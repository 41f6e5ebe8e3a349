//! The checked-in chain specs are what `scripts/gen-chain-specs.sh` produces from this build.
//!
//! Every field is compared exactly except the runtime Wasm: rustc embeds crate hashes that
//! depend on the clone's path, so the blob differs byte-wise between checkouts of the same
//! commit (and the linker orders the embedded API list by those hashes). For the blob, the
//! runtime version and the set of runtime APIs embedded in it must match this build's (a
//! runtime change that reaches a chain bumps `spec_version`).

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::{node_bin, workspace};
use polkadot_sdk::{
	sc_executor::read_embedded_version, sc_executor_common::runtime_blob::RuntimeBlob,
};
use std::process::Command;

/// The runtime version embedded in a chain spec's `code` (hex of the compressed Wasm).
fn embedded_version(spec: &serde_json::Value) -> String {
	let code = spec["genesis"]["runtimeGenesis"]["code"].as_str().expect("code is a string");
	let code = hex_decode(code.trim_start_matches("0x"));
	let blob = RuntimeBlob::uncompress_if_needed(&code).expect("valid runtime blob");
	let mut version = read_embedded_version(&blob).expect("readable").expect("version embedded");
	// The linker orders the per-crate API sections by crate hash: compare them as a set.
	let mut apis = version.apis.to_vec();
	apis.sort();
	version.apis = apis.into();
	format!("{version:?}")
}

fn hex_decode(s: &str) -> Vec<u8> {
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

#[test]
fn checked_in_chain_specs_are_up_to_date() {
	let out = tempfile::tempdir().expect("tempdir");
	let status = Command::new("bash")
		.arg(workspace().join("scripts/gen-chain-specs.sh"))
		.arg(out.path())
		.env("GENEX_NODE", node_bin())
		.status()
		.expect("script runs");
	assert!(status.success(), "gen-chain-specs.sh failed");
	for chain in ["dev", "local", "staging"] {
		let stale = format!(
			"chain-specs/{chain}.json is stale: run scripts/gen-chain-specs.sh and commit it"
		);
		let fresh =
			std::fs::read_to_string(out.path().join(format!("{chain}.json"))).expect("generated");
		let checked_in =
			std::fs::read_to_string(workspace().join(format!("chain-specs/{chain}.json")))
				.unwrap_or_else(|_| panic!("chain-specs/{chain}.json missing"));
		let mut fresh: serde_json::Value = serde_json::from_str(&fresh).expect("json");
		let mut checked_in: serde_json::Value =
			serde_json::from_str(&checked_in).unwrap_or_else(|_| panic!("{stale} (not JSON)"));

		assert_eq!(embedded_version(&fresh), embedded_version(&checked_in), "{stale}");
		for spec in [&mut fresh, &mut checked_in] {
			spec["genesis"]["runtimeGenesis"]["code"] = serde_json::Value::Null;
		}
		assert!(fresh == checked_in, "{stale}");
	}
}
