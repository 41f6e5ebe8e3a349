//! `genex-load` end to end at a small scale: it starts a node on its patched spec, and every
//! transaction of every phase lands in a finalized block and does what it should (transfers,
//! resting bids, one trade per buy); the results file has the figures the report needs.

use serde_json::Value;
use std::{path::PathBuf, process::Command};

/// The node binary `cargo test --workspace` built next to this tool.
fn node() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_genex-load")).with_file_name("genex-node")
}

#[test]
fn small_run_includes_everything() {
	let dir = std::env::temp_dir().join(format!("genex-load-smoke-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir");
	let out = dir.join("results.json");
	let status = Command::new(env!("CARGO_BIN_EXE_genex-load"))
		.arg("--node")
		.arg(node())
		.args(["--senders", "6", "--transfers-each", "2"])
		.args(["--sellers", "2", "--buyers", "6", "--buys-each", "2"])
		.args(["--makers", "2", "--batches-each", "2", "--batch", "5"])
		.args(["--idle-secs", "30"])
		.arg("--out")
		.arg(&out)
		.status()
		.expect("genex-load runs");
	assert!(status.success(), "genex-load failed");
	let results: Value =
		serde_json::from_slice(&std::fs::read(&out).expect("results written")).expect("JSON");
	let phase = |name: &str| results["phases"][name].clone();
	for (name, txs, work) in
		[("transfers", 12, 12), ("set_up", 4, 4), ("placements", 4, 20), ("trades", 12, 12)]
	{
		let p = phase(name);
		assert_eq!(p["submitted"], txs, "{name}: {p}");
		assert_eq!(p["rejected_by_pool"], 0, "{name}: {p}");
		assert_eq!(p["included"], txs, "{name}: {p}");
		assert_eq!(p["failed"], 0, "{name}: {p}");
		assert_eq!(p["work"], work, "{name}: {p}");
		assert!(p["latency_ms"]["p50"].as_u64().is_some(), "{name}: {p}");
	}
	assert!(results["summary"]["transfers_per_s"].as_f64().is_some_and(|r| r > 0.0));
	assert!(results["summary"]["trades_per_s"].as_f64().is_some_and(|r| r > 0.0));
	let _ = std::fs::remove_dir_all(&dir);
}
