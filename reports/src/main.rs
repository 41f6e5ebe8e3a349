//! `genex-reports`: index a Genex Chain archive node's finalized blocks into SQLite or
//! PostgreSQL, and write regulator reports from the index. See `docs/regulators.md`.
//!
//! Every error is one line on stderr and a non-zero exit.

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

use clap::{Args, Parser, Subcommand};
use genex_reports::{
	db::{Db, Location},
	decode, index, node,
	report::{self, registers::Register, Out, Period},
	Result,
};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
	name = "genex-reports",
	version,
	about = "Regulator reports from a Genex Chain archive node"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Args)]
struct DbArg {
	/// The index: a SQLite file (default) or a `postgres://user:password@host/db` URL.
	#[arg(long, default_value = "genex-reports.sqlite")]
	db: String,
}

#[derive(Args)]
struct OutArg {
	/// Folder the report files are written into.
	#[arg(long, default_value = "reports")]
	out: PathBuf,
}

#[derive(Args)]
struct Range {
	/// First UTC day (YYYY-MM-DD), inclusive; default genesis.
	#[arg(long)]
	from: Option<String>,
	/// Last UTC day (YYYY-MM-DD), inclusive; default today.
	#[arg(long)]
	to: Option<String>,
}

#[derive(Args)]
struct RegisterArgs {
	#[command(flatten)]
	range: Range,
	#[command(flatten)]
	db: DbArg,
	#[command(flatten)]
	out: OutArg,
}

#[derive(Subcommand)]
enum Command {
	/// Index finalized blocks from where the index stopped up to the finalized head (or follow).
	Index {
		/// The archive node's WebSocket URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		#[command(flatten)]
		db: DbArg,
		/// Stop after this block.
		#[arg(long)]
		to: Option<u64>,
		/// Keep following newly finalized blocks.
		#[arg(long)]
		follow: bool,
		/// No progress line.
		#[arg(long)]
		quiet: bool,
	},
	/// The daily platform report (JSON, CSV, HTML).
	Daily {
		/// The UTC day, YYYY-MM-DD.
		#[arg(long)]
		date: String,
		#[command(flatten)]
		db: DbArg,
		#[command(flatten)]
		out: OutArg,
	},
	/// The monthly platform report (JSON, CSV, HTML).
	Monthly {
		/// The UTC month, YYYY-MM.
		#[arg(long)]
		month: String,
		#[command(flatten)]
		db: DbArg,
		#[command(flatten)]
		out: OutArg,
	},
	/// SAR candidates: one JSON file per AML hit, and a CSV list.
	Sar(RegisterArgs),
	/// The CTR list: movements at or above the CTR threshold.
	Ctr(RegisterArgs),
	/// The Travel Rule register: every routed transfer since genesis.
	TravelRule(RegisterArgs),
	/// An account's full history at a block, with balances read from the archive node.
	Account {
		/// The account (SS58 or 0x hex).
		#[arg(long)]
		account: String,
		/// The block (default: the last indexed).
		#[arg(long)]
		at: Option<u64>,
		/// The archive node's WebSocket URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		#[command(flatten)]
		db: DbArg,
		#[command(flatten)]
		out: OutArg,
	},
}

async fn open(db: &DbArg) -> Result<Db> {
	let location = Location::parse(&db.db);
	let index = Db::open(&location, false).await?;
	if index.last_block().await?.is_none() {
		return Err(genex_reports::Error(format!(
			"the index at {} is empty: run `genex-reports index` first",
			db.db
		)));
	}
	Ok(index)
}

fn print(paths: &[PathBuf]) {
	for p in paths {
		println!("{}", p.display());
	}
}

async fn write_register(register: Register, args: RegisterArgs) -> Result<()> {
	let RegisterArgs { range, db, out } = args;
	let period = Period::between(range.from.as_deref(), range.to.as_deref())?;
	let db = open(&db).await?;
	print(&report::registers::write(&db, register, &period, &Out::new(&out.out)?).await?);
	Ok(())
}

async fn run(cli: Cli) -> Result<()> {
	match cli.command {
		Command::Index { node, db, to, follow, quiet } => {
			let options =
				index::Options { node, db: Location::parse(&db.db), to, follow, progress: !quiet };
			let summary = index::run(&options).await?;
			match (summary.first, summary.last) {
				(Some(first), Some(last)) => {
					println!("indexed {} block(s): #{first} – #{last}", summary.stored)
				},
				(None, Some(last)) => println!("up to date at #{last}"),
				_ => println!("nothing to index"),
			}
		},
		Command::Daily { date, db, out } => {
			let period = Period::day(&date)?;
			let db = open(&db).await?;
			print(&report::platform::write(&db, "daily", &period, &Out::new(&out.out)?).await?);
		},
		Command::Monthly { month, db, out } => {
			let period = Period::month(&month)?;
			let db = open(&db).await?;
			print(&report::platform::write(&db, "monthly", &period, &Out::new(&out.out)?).await?);
		},
		Command::Sar(args) => write_register(Register::Sar, args).await?,
		Command::Ctr(args) => write_register(Register::Ctr, args).await?,
		Command::TravelRule(args) => write_register(Register::TravelRule, args).await?,
		Command::Account { account, at, node: url, db, out } => {
			let Some(hex) = decode::parse_account(&account) else {
				return Err(genex_reports::Error(format!(
					"{account} is not an account (SS58 or 0x hex)"
				)));
			};
			let db = open(&db).await?;
			let node = node::connect(&url).await?;
			let (_, files) =
				report::account::history(&db, &node, &hex, at, &Out::new(&out.out)?).await?;
			print(&files);
		},
	}
	Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
	let cli = Cli::parse();
	if let Err(e) = run(cli).await {
		eprintln!("error: {e}");
		std::process::exit(1);
	}
}
