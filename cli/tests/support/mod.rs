//! Helpers of the `genex` client's tests: run the built binary.

#![allow(dead_code)]

use serde_json::Value as Json;
use std::process::Command;

/// Run `genex --url URL ARGS…` (no key or node from the environment): (success, stdout,
/// stderr).
pub fn genex(url: &str, args: &[&str]) -> (bool, String, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_genex"))
		.env_remove("GENEX_SURI")
		.env_remove("GENEX_URL")
		.args(["--url", url])
		.args(args)
		.output()
		.expect("genex runs");
	(
		out.status.success(),
		String::from_utf8_lossy(&out.stdout).into_owned(),
		String::from_utf8_lossy(&out.stderr).into_owned(),
	)
}

/// `text` as JSON (a test failure if it is not).
pub fn json(text: &str) -> Json {
	serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
