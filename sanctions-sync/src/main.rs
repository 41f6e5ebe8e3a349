//! `genex-sanctions-sync`: screen the customer registry against OFAC's SDN files and propose
//! the matches not yet blocked to the chain's blocked-address list.
//!
//! ```text
//! genex-sanctions-sync --sdn SDN.CSV --alt ALT.CSV --comments SDN_COMMENTS.CSV \
//!     --customers registry.csv --dry-run
//! GENEX_OFFICER_SURI='…' genex-sanctions-sync --sdn SDN.CSV … --customers registry.csv \
//!     --url ws://127.0.0.1:9944
//! ```
//!
//! Prints one line per match (account, customer, SDN entry, score, why), a summary (customers,
//! entries, time, the source digest), then what it would submit (`--dry-run`) or submitted.
//! Exits non-zero with one line on stderr on bad input (nothing submitted) or when a batch
//! fails on chain (the batches before it stay applied; each is printed as it lands).

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

use clap::Parser;
use genex_sanctions_sync::{chain::Chain, ofac, registry, screen, Error, Result};
use polkadot_sdk::sp_core::{crypto::Pair as _, sr25519};
use std::{path::PathBuf, time::Instant};

/// Screen the customer registry against OFAC's SDN list and block the matches on chain.
#[derive(Parser, Debug)]
#[command(name = "genex-sanctions-sync", version)]
struct Args {
	/// OFAC's SDN.CSV.
	#[arg(long)]
	sdn: PathBuf,
	/// OFAC's ALT.CSV (aliases).
	#[arg(long)]
	alt: Option<PathBuf>,
	/// OFAC's ADD.CSV (addresses: countries).
	#[arg(long)]
	add: Option<PathBuf>,
	/// OFAC's SDN_COMMENTS.CSV (remarks too long for SDN.CSV).
	#[arg(long)]
	comments: Option<PathBuf>,
	/// The customer registry: account,full_name,date_of_birth,country.
	#[arg(long)]
	customers: PathBuf,
	/// Least name score (0–1) that counts as a match.
	#[arg(long, default_value_t = screen::DEFAULT_THRESHOLD)]
	threshold: f64,
	/// Print the matches and what would be submitted; submit nothing.
	#[arg(long)]
	dry_run: bool,
	/// The node (ws:// or wss://) to read the list from and submit to; needed unless
	/// --dry-run (with --dry-run, only to show which matches are blocked already).
	#[arg(long)]
	url: Option<String>,
	/// A file holding the compliance officer's secret URI (mnemonic or //Dev seed); without
	/// it, the GENEX_OFFICER_SURI environment variable. Never a command-line argument.
	#[arg(long)]
	key_file: Option<PathBuf>,
}

fn officer(args: &Args) -> Result<sr25519::Pair> {
	let suri = match &args.key_file {
		Some(path) => std::fs::read_to_string(path)
			.map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?,
		None => std::env::var("GENEX_OFFICER_SURI").map_err(|_| {
			Error("no officer key: give --key-file or set GENEX_OFFICER_SURI".into())
		})?,
	};
	sr25519::Pair::from_string(suri.trim(), None)
		.map_err(|e| Error(format!("the officer key is not a valid secret URI: {e:?}")))
}

async fn run(args: Args) -> Result<()> {
	if !(0.5..=1.0).contains(&args.threshold) {
		return Err(Error(format!("--threshold {} is outside 0.5–1.0", args.threshold)));
	}
	if !args.dry_run && args.url.is_none() {
		return Err(Error("--url is required unless --dry-run".into()));
	}
	// The key first: a real run with no key fails before any work.
	let key = if args.dry_run { None } else { Some(officer(&args)?) };
	let started = Instant::now();
	let list = ofac::load(&ofac::Files {
		sdn: Some(&args.sdn),
		alt: args.alt.as_deref(),
		add: args.add.as_deref(),
		comments: args.comments.as_deref(),
	})?;
	let customers = registry::load(&args.customers)?;
	let index = screen::Index::new(&list);
	let matches = index.screen(&customers, args.threshold);
	let elapsed = started.elapsed();
	for m in &matches {
		println!("{}", m.line());
	}
	let accounts = screen::accounts(&matches);
	println!(
		"screened {} customers against {} SDN entries in {:.2}s: {} matches, {} accounts; source digest 0x{}",
		customers.len(),
		list.entries.len(),
		elapsed.as_secs_f64(),
		matches.len(),
		accounts.len(),
		hex::encode(list.digest)
	);
	let chain = match &args.url {
		Some(url) => Some(Chain::connect(url).await?),
		None => None,
	};
	let todo = match &chain {
		Some(chain) => chain.not_blocked(&accounts).await?,
		None => accounts.clone(),
	};
	let done = accounts.len().saturating_sub(todo.len());
	if todo.is_empty() {
		println!("nothing to submit: every matched account is blocked already ({done})");
		return Ok(());
	}
	let (Some(chain), Some(key)) = (chain, key) else {
		println!(
			"dry run: would block {} accounts ({} blocked already), source digest 0x{}",
			todo.len(),
			done,
			hex::encode(list.digest)
		);
		return Ok(());
	};
	let versions = chain.block(&key, &todo, list.digest).await?;
	println!(
		"blocked {} accounts in list versions {:?} ({} blocked already), source digest 0x{}",
		todo.len(),
		versions,
		done,
		hex::encode(list.digest)
	);
	Ok(())
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	if let Err(e) = run(args).await {
		eprintln!("genex-sanctions-sync: {e}");
		std::process::exit(1);
	}
}
