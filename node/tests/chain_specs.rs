//! The checked-in chain specs are what `scripts/gen-chain-specs.sh` produces from this build.

mod common;

use common::{node_bin, workspace};
use std::process::Command;

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
		let fresh = std::fs::read_to_string(out.path().join(format!("{chain}.json")))
			.expect("generated");
		let checked_in =
			std::fs::read_to_string(workspace().join(format!("chain-specs/{chain}.json")))
				.unwrap_or_default();
		let fresh: serde_json::Value = serde_json::from_str(&fresh).expect("json");
		let checked_in: serde_json::Value = serde_json::from_str(&checked_in)
			.unwrap_or_else(|_| panic!("chain-specs/{chain}.json missing or not JSON"));
		assert!(
			fresh == checked_in,
			"chain-specs/{chain}.json is stale: run scripts/gen-chain-specs.sh and commit it"
		);
	}
}
