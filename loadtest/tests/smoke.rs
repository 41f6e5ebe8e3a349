//! `genex-load` end to end at a small scale: it starts a node on its patched spec, and every
//! transaction of every phase lands in a finalized block and does what it should (transfers,
//! stablecoin transfers, resting bids, one trade per buy, paced transfers); the results file has the figures the report needs, and
//! `--report-dir` writes the same file as `<date>.json`.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

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
	let reports = dir.join("performance");
	let status = Command::new(env!("CARGO_BIN_EXE_genex-load"))
		.arg("--node")
		.arg(node())
		.args(["--senders", "6", "--transfers-each", "2"])
		.args(["--sellers", "2", "--buyers", "6", "--buys-each", "2"])
		.args(["--makers", "2", "--batches-each", "2", "--batch", "10"])
		.args(["--idle-secs", "30", "--paced-secs", "4"])
		.arg("--out")
		.arg(&out)
		.arg("--report-dir")
		.arg(&reports)
		.status()
		.expect("genex-load runs");
	assert!(status.success(), "genex-load failed");
	let results: Value =
		serde_json::from_slice(&std::fs::read(&out).expect("results written")).expect("JSON");
	let names: Vec<_> = results["phases"]
		.as_array()
		.expect("phases is a list")
		.iter()
		.map(|p| p["name"].as_str().unwrap_or_default())
		.collect();
	assert_eq!(
		names,
		["transfers", "stablecoin_transfers", "placements", "trades", "stablecoin_transfers_paced"]
	);
	let phase = |name: &str| match name {
		"set_up" => results["set_up"].clone(),
		_ => results["phases"]
			.as_array()
			.and_then(|ps| ps.iter().find(|p| p["name"] == name))
			.cloned()
			.unwrap_or_default(),
	};
	for (name, txs, work) in [
		("transfers", 12, 12),
		("stablecoin_transfers", 12, 12),
		("set_up", 4, 4),
		("placements", 4, 40),
		("trades", 12, 12),
	] {
		let p = phase(name);
		assert_eq!(p["submitted"], txs, "{name}: {p}");
		assert_eq!(p["rejected_by_pool"], 0, "{name}: {p}");
		assert_eq!(p["included"], txs, "{name}: {p}");
		assert_eq!(p["failed"], 0, "{name}: {p}");
		assert_eq!(p["work"], work, "{name}: {p}");
		for q in ["p50", "p90", "p99", "max"] {
			assert!(p["latency_ms"][q].as_u64().is_some(), "{name} {q}: {p}");
		}
		if name != "set_up" {
			assert!(p["per_second"].as_f64().is_some_and(|r| r > 0.0), "{name}: {p}");
		}
	}
	// The paced phase: as many transfers as 80 % of phase 2's rate for 4 s, every one included.
	let paced = phase("stablecoin_transfers_paced");
	let submitted = paced["submitted"].as_u64().expect("submitted");
	assert!(submitted > 0, "{paced}");
	assert_eq!(paced["included"], submitted, "{paced}");
	assert_eq!(paced["failed"], 0, "{paced}");
	assert_eq!(paced["work"], submitted, "{paced}");
	assert!(paced["latency_ms"]["p99"].as_u64().is_some(), "{paced}");
	assert!(results["summary"]["paced_submitted_per_s"].as_f64().is_some_and(|r| r > 0.0));
	let date = results["date"].as_str().expect("date");
	assert!(date.len() == 10 && date.matches('-').count() == 2, "date {date}");
	assert!(results["commit"].as_str().is_some_and(|c| !c.is_empty()));
	assert!(results["machine"]["cpus"].as_u64().is_some_and(|n| n >= 1));
	let report = std::fs::read(reports.join(format!("{date}.json"))).expect("run report");
	assert_eq!(report, std::fs::read(&out).expect("results"), "the run report is the results");
	assert!(results["summary"]["transfers_per_s"].as_f64().is_some_and(|r| r > 0.0));
	assert!(results["summary"]["stablecoin_transfers_per_s"].as_f64().is_some_and(|r| r > 0.0));
	assert!(results["summary"]["trades_per_s"].as_f64().is_some_and(|r| r > 0.0));
	let _ = std::fs::remove_dir_all(&dir);
}
