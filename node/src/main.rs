//! `genex-node`: the Genex Chain node.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, checked in the non-test build.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::expect_used,
		clippy::unwrap_used,
		clippy::indexing_slicing
	)
)]
// `sc_cli::Error` and `sc_service::Error`, which the node's functions return as Substrate's
// own do, are large; boxing them would only differ from every other Substrate node.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod service;

fn main() {
	if let Err(e) = command::run() {
		// One line, no backtrace: operators read this.
		eprintln!("Error: {}", command::one_line(&e));
		std::process::exit(1);
	}
}
