//! `genex`: one command-line client of Genex Chain for every role.
//!
//! ```text
//! genex chain status
//! genex --suri //Alice wallet transfer --to //Bob --amount "12.50 GUSD"
//! genex --suri //Charlie issuer create-series --file series.toml
//! genex merchant verify --series 0 --holder //Dave --units 2
//! ```
//!
//! Amounts are written as people write them (`12.50 GUSD`; 12 decimals on chain), dates as
//! `2027-12-31`, accounts as SS58, `0x` hex or a development URI (`//Bob`). Every command that
//! signs follows its transaction into a block and to finality (progress on stderr) and prints
//! what happened: the events, and the fee paid or "free". `--json` prints one JSON document
//! instead. A refusal prints the chain's typed error with its documentation in one line, bad
//! input (an unknown series, a malformed amount, a wrong key, a node that does not answer) one
//! line saying what is wrong; both exit 1 (a command line the parser cannot read: 2).

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

mod chain;
mod demo;
mod errors;
mod keys;
mod output;
mod redemption;
mod roles;
mod units;

use chain::{Chain, Wait};
use clap::{Parser, Subcommand};
use genex_reports::Result;
use keys::KeySource;
use output::Report;
use std::{path::PathBuf, process::ExitCode};

/// Genex Chain from the command line: issue, buy, trade, redeem and supervise coupons.
#[derive(Parser, Debug)]
#[command(name = "genex", version, propagate_version = true, max_term_width = 100)]
struct Cli {
	/// The node to talk to (ws:// or wss://); default $GENEX_URL, else the dev node.
	#[arg(long, global = true)]
	url: Option<String>,
	/// The signing key as a secret URI (`//Alice` on a dev chain, or a mnemonic). Prefer
	/// --key-file or $GENEX_SURI for real keys: command lines end up in shell histories.
	#[arg(long, global = true)]
	suri: Option<String>,
	/// A file holding the signing key's secret URI.
	#[arg(long, global = true)]
	key_file: Option<PathBuf>,
	/// Print one JSON document instead of text (and no progress lines).
	#[arg(long, global = true)]
	json: bool,
	/// Follow a transaction until it is finalized (default) or only into a block.
	#[arg(long, global = true, value_enum, default_value_t = Wait::Finalized)]
	wait: Wait,
	#[command(subcommand)]
	role: Role,
}

#[derive(Subcommand, Debug)]
enum Role {
	/// The chain itself: blocks, finality, validators, runtime version.
	#[command(subcommand)]
	Chain(roles::chain::Command),
	/// A holder: balances and coupons, transfers, buying, orders.
	#[command(subcommand)]
	Wallet(roles::wallet::Command),
	/// An issuer: apply, create and list series, statistics and credit.
	#[command(subcommand)]
	Issuer(roles::issuer::Command),
	/// A merchant: verify a holder's coupons, scan and redeem its redemption codes.
	#[command(subcommand)]
	Merchant(roles::merchant::Command),
	/// A compliance officer: KYC attestations, the sanctions list, limits, AML holds.
	#[command(subcommand)]
	Compliance(roles::compliance::Command),
	/// Populate a fresh development chain with a living market in under a minute: issuers of
	/// three credit tiers, series of each kind, a primary sale, market makers, retail trades,
	/// P2P and Travel-Rule transfers, a redemption, an expired series, a sanctioned account
	/// refused, an oracle price.
	Demo,
	/// Governance: council and compliance-committee motions (propose, vote, close); sudo on
	/// development chains.
	#[command(subcommand)]
	Gov(roles::gov::Command),
}

/// What every command gets: the node, the key, how to print and wait.
pub struct Context {
	url: String,
	json: bool,
	wait: Wait,
	suri: Option<String>,
	key_file: Option<PathBuf>,
}

impl Context {
	/// Connect to the node.
	pub async fn chain(&self) -> Result<Chain> {
		Chain::connect(&self.url, !self.json).await
	}

	/// The signing key.
	pub fn signer(&self) -> Result<polkadot_sdk::sp_core::sr25519::Pair> {
		KeySource { suri: self.suri.as_deref(), key_file: self.key_file.as_deref() }.pair()
	}

	/// The signing key's account if a key was given (a key given but unreadable is an error).
	pub fn signer_account(&self) -> Result<Option<polkadot_sdk::sp_core::crypto::AccountId32>> {
		use polkadot_sdk::sp_core::crypto::Pair as _;
		let given =
			self.suri.is_some() || self.key_file.is_some() || std::env::var("GENEX_SURI").is_ok();
		if !given {
			return Ok(None);
		}
		Ok(Some(self.signer()?.public().into()))
	}

	/// The node's address.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// Whether the output is JSON.
	pub fn json(&self) -> bool {
		self.json
	}

	/// How far to follow transactions.
	pub fn wait(&self) -> Wait {
		self.wait
	}
}

async fn run(cli: Cli) -> Result<Report> {
	let context = Context {
		url: cli
			.url
			.or_else(|| std::env::var("GENEX_URL").ok())
			.unwrap_or_else(|| "ws://127.0.0.1:9944".into()),
		json: cli.json,
		wait: cli.wait,
		suri: cli.suri,
		key_file: cli.key_file,
	};
	match cli.role {
		Role::Chain(c) => roles::chain::run(&context, c).await,
		Role::Wallet(c) => roles::wallet::run(&context, c).await,
		Role::Issuer(c) => roles::issuer::run(&context, c).await,
		Role::Merchant(c) => roles::merchant::run(&context, c).await,
		Role::Compliance(c) => roles::compliance::run(&context, c).await,
		Role::Gov(c) => roles::gov::run(&context, c).await,
		Role::Demo => demo::run(&context).await,
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json = cli.json;
	match run(cli).await {
		Ok(report) => {
			report.print(json);
			ExitCode::SUCCESS
		},
		Err(e) => {
			if json {
				println!("{}", serde_json::json!({ "error": e.to_string() }));
			}
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}
