//! Bad command-line input ends with a one-line error and a non-zero exit, never a panic.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::run;

fn assert_one_line_error(args: &[&str], expect: &str) {
	let out = run(args);
	assert!(!out.status.success(), "{args:?} must fail");
	let stderr = String::from_utf8_lossy(&out.stderr);
	let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
	assert_eq!(lines.len(), 1, "{args:?}: expected one line, got:\n{stderr}");
	assert!(lines[0].starts_with("Error: "), "{args:?}: {stderr}");
	assert!(lines[0].contains(expect), "{args:?}: {stderr} lacks {expect:?}");
	assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
	assert!(!stderr.to_lowercase().contains("backtrace"), "{args:?}: {stderr}");
}

#[test]
fn unknown_chain_name() {
	assert_one_line_error(&["export-chain-spec", "--chain", "mainnet"], "unknown chain `mainnet`");
}

#[test]
fn missing_chain_spec_file() {
	assert_one_line_error(
		&["export-chain-spec", "--chain", "/nonexistent/genex.json"],
		"no such file",
	);
}

#[test]
fn malformed_chain_spec_file() {
	let dir = tempfile::tempdir().expect("tempdir");
	let path = dir.path().join("broken.json");
	std::fs::write(&path, "{ this is not json").expect("write");
	let path = path.to_string_lossy().to_string();
	assert_one_line_error(&["export-chain-spec", "--chain", &path], "invalid chain spec file");
}

#[test]
fn malformed_chain_when_running_the_node() {
	assert_one_line_error(&["--chain", "no-such-chain", "--tmp"], "unknown chain");
}

#[test]
fn bad_key_seed() {
	assert_one_line_error(&["key", "inspect", "not a seed phrase"], "neither a valid secret URI");
	assert_one_line_error(&["key", "inspect", "0x1234"], "neither a valid secret URI");
	assert_one_line_error(
		&[
			"key",
			"insert",
			"--chain",
			"dev",
			"--key-type",
			"aura",
			"--scheme",
			"sr25519",
			"--suri",
			"not a seed phrase",
			"--keystore-path",
			"/tmp/genex-test-keystore",
		],
		"",
	);
}

#[test]
fn good_key_seed_is_accepted() {
	let out = run(&["key", "inspect", "//Alice"]);
	assert!(out.status.success());
	assert!(String::from_utf8_lossy(&out.stdout)
		.contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
	// An address is shown too.
	let out = run(&["key", "inspect", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"]);
	assert!(out.status.success());
}
