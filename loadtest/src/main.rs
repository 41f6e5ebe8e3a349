//! `genex-load`: the end-to-end load test of the market.
//!
//! It derives many accounts, funds and KYC-attests them in the genesis of a development chain
//! spec (with a coupon series they hold), starts one `genex-node` on it, and runs five
//! measured phases of transactions signed here offline:
//!
//! 1. `transfers`: plain `balances.transfer_keep_alive`, the reference;
//! 2. `stablecoin_transfers`: compliant GUSD P2P transfers (`stablecoin.transfer`), each sender
//!    to the next;
//! 3. `placements`: market makers' quote sheets (`market.set_quotes`) on a series of their own,
//!    each level a placement;
//! 4. `trades`: one-unit market buys (`place_market_order`, worst price capped), each lifting a
//!    resting ask in its block's batch auction;
//! 5. `stablecoin_transfers_paced`: phase 2's transfers again, submitted at `--paced-load` per
//!    cent (80) of the rate phase 2 measured for `--paced-secs` (30): the submit-to-finalized
//!    latency of a node below its capacity.
//!
//! Phases 1–4 submit everything as fast as the node takes it (JSON-RPC batches), then
//! follows finalized blocks: a transaction counts when a finalized block includes it, a trade
//! or placement when that block's events say so. Throughput is the count over the span of the
//! including blocks' timestamps; latency is submission to finality as seen here. Progress goes
//! to stderr; results to a JSON file (`--out`), and with `--report-dir DIR` also to
//! `DIR/<date>.json` (the run reports checked in under `docs/performance/`): the date, the
//! commit, the machine, the node and the measured phases as a list, each with its `name`,
//! `per_second` and `latency_ms` percentiles.

// An off-chain tool: counters and percentiles over in-memory vectors, no runtime code.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::float_arithmetic)]

mod chain;
mod phase;
mod report;
mod rpc;

use chain::{Accounts, ChainInfo};
use clap::Parser;
use polkadot_sdk::sp_core::H256;
use rpc::Rpc;
use serde_json::{json, Value};
use std::{
	fs,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// Command-line options.
#[derive(Parser, Debug)]
#[command(
	about = "End-to-end load test of a Genex dev node: transfers, market-maker batches, trades"
)]
struct Args {
	/// The node binary (default: `$CARGO_TARGET_DIR/release/genex-node`, else
	/// `target/release/genex-node`).
	#[arg(long)]
	node: Option<PathBuf>,
	/// Accounts sending balance transfers.
	#[arg(long, default_value_t = 2_000)]
	senders: u32,
	/// Transfers per sender.
	#[arg(long, default_value_t = 10)]
	transfers_each: u32,
	/// Accounts resting asks of 900 units each (at most 100).
	#[arg(long, default_value_t = 50)]
	sellers: u32,
	/// Accounts buying one unit per order.
	#[arg(long, default_value_t = 2_000)]
	buyers: u32,
	/// Orders per buyer.
	#[arg(long, default_value_t = 10)]
	buys_each: u32,
	/// Market makers (at most 16: the runtime's `MaxMakersPerSeries`).
	#[arg(long, default_value_t = 16)]
	makers: u32,
	/// Quote sheets per market maker (each replaces the last).
	#[arg(long, default_value_t = 150)]
	batches_each: u32,
	/// Levels per quote sheet, half bids and half asks (at most 64: the runtime's
	/// `MaxQuoteLevels`, 32 a side; the asks lock the 32 units a maker holds).
	#[arg(long, default_value_t = 64)]
	batch: u32,
	/// The paced phase's load: per cent of the stablecoin transfers' measured rate.
	#[arg(long, default_value_t = 80)]
	paced_load: u32,
	/// How long the paced phase submits, in seconds.
	#[arg(long, default_value_t = 30)]
	paced_secs: u64,
	/// Stop following a phase when finalized blocks have included nothing of it for this long.
	#[arg(long, default_value_t = 60)]
	idle_secs: u64,
	/// Where to write the results.
	#[arg(long, default_value = "load-results.json")]
	out: PathBuf,
	/// Also write the results to `DIR/<date>.json` (UTC date of the run's start; `-2`, `-3`, …
	/// appended rather than overwrite): the run reports kept in `docs/performance/`.
	#[arg(long, value_name = "DIR")]
	report_dir: Option<PathBuf>,
	/// Keep the patched spec and the node's log (in the system's temp dir) after a run.
	#[arg(long)]
	keep_logs: bool,
	/// An argument passed on to the node, e.g. `--node-arg=-ltxpool=debug` or
	/// `--node-arg=--pool-type=single-state` (repeatable).
	#[arg(long = "node-arg", value_name = "ARG", allow_hyphen_values = true)]
	node_args: Vec<String>,
}

/// The node this run started: killed when dropped.
struct NodeProcess(Child);

impl Drop for NodeProcess {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

fn free_port() -> Result<u16, String> {
	std::net::TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.map_err(|e| format!("no free port: {e}"))
}

fn node_binary(args: &Args) -> PathBuf {
	args.node.clone().unwrap_or_else(|| {
		std::env::var_os("CARGO_TARGET_DIR")
			.map(PathBuf::from)
			.unwrap_or_else(|| PathBuf::from("target"))
			.join("release/genex-node")
	})
}

/// Write the patched spec and start the node on it; its log goes to `dir/node.log`.
fn start_node(
	args: &Args,
	accounts: &Accounts,
	dir: &std::path::Path,
) -> Result<(NodeProcess, u16), String> {
	let bin = node_binary(args);
	let out = Command::new(&bin)
		.args(["export-chain-spec", "--chain", "dev"])
		.stderr(Stdio::null())
		.output()
		.map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
	if !out.status.success() {
		return Err(format!("{} export-chain-spec failed", bin.display()));
	}
	let mut spec: Value = serde_json::from_slice(&out.stdout)
		.map_err(|e| format!("export-chain-spec output: {e}"))?;
	accounts.patch_genesis(&mut spec)?;
	let spec_path = dir.join("spec.json");
	fs::write(&spec_path, spec.to_string()).map_err(|e| format!("writing the spec: {e}"))?;
	let port = free_port()?;
	let log = fs::File::create(dir.join("node.log")).map_err(|e| format!("node log: {e}"))?;
	let child = Command::new(&bin)
		.arg("--dev")
		.arg("--chain")
		.arg(&spec_path)
		.args(["--rpc-port", &port.to_string(), "--port", &free_port()?.to_string()])
		.args(["--pool-limit", "400000", "--pool-kbytes", "2000000"])
		.args(["--rpc-max-request-size", "200", "--rpc-max-response-size", "200"])
		.args(["--rpc-max-connections", "1000"])
		.args(["--no-telemetry", "--no-prometheus", "--no-mdns"])
		.args(&args.node_args)
		.stdout(Stdio::null())
		.stderr(log)
		.spawn()
		.map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
	Ok((NodeProcess(child), port))
}

fn wait_for_blocks(rpc: &mut Rpc) -> Result<H256, String> {
	let start = Instant::now();
	while start.elapsed() < Duration::from_secs(180) {
		if let Ok(header) = rpc.call("chain_getHeader", json!([])) {
			let number = header["number"]
				.as_str()
				.and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok());
			if number.is_some_and(|n| n >= 1) {
				let hash = rpc.call("chain_getBlockHash", json!([0]))?;
				let bytes = hash.as_str().and_then(rpc::from_hex).ok_or("genesis hash")?;
				return Ok(H256::from_slice(&bytes));
			}
		}
		std::thread::sleep(Duration::from_millis(500));
	}
	Err("the node produced no block within 180 s (see node.log)".into())
}

fn run(args: Args) -> Result<Value, String> {
	if args.sellers == 0 || args.sellers > chain::MAX_SELLERS {
		return Err(format!("--sellers must be 1..={}", chain::MAX_SELLERS));
	}
	if args.batch == 0 || args.batch > chain::MAX_SHEET_LEVELS {
		return Err(format!(
			"--batch must be 1..={} (levels of a quote sheet)",
			chain::MAX_SHEET_LEVELS
		));
	}
	if args.makers > chain::MAX_MAKERS {
		return Err(format!("--makers must be at most {}", chain::MAX_MAKERS));
	}
	let trades = u64::from(args.buyers) * u64::from(args.buys_each);
	if trades > u64::from(args.sellers) * chain::SELLER_UNITS {
		return Err("buyers × buys-each exceeds the units the sellers offer".into());
	}
	let date = report::utc_date();
	let (commit, dirty) = report::commit();
	let node_info = report::node(&node_binary(&args), &args.node_args);
	let dir = std::env::temp_dir().join(format!("genex-load-{}", std::process::id()));
	fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
	eprintln!("deriving {} accounts", args.senders + args.sellers + args.buyers + args.makers);
	let mut accounts = Accounts::new(args.senders, args.sellers, args.buyers, args.makers);
	let (node, port) = start_node(&args, &accounts, &dir)?;
	eprintln!("node started (RPC port {port}, log {})", dir.join("node.log").display());
	let mut rpc = Rpc::new(port);
	let chain = ChainInfo { genesis: wait_for_blocks(&mut rpc)? };
	let runner = phase::Runner { port, idle: Duration::from_secs(args.idle_secs) };

	// 1. Plain transfers, each sender to the next.
	let n = accounts.senders.len();
	let mut txs = Vec::new();
	for _ in 0..args.transfers_each {
		for i in 0..n {
			let to = accounts.senders[(i + 1) % n].clone();
			txs.push(chain::sign(chain, &mut accounts.senders[i], chain::transfer(&to)));
		}
	}
	let transfers = runner.run("transfers", txs, phase::Count::Transfers)?;

	// 2. Compliant stablecoin P2P transfers, each sender to the next.
	let mut txs = Vec::new();
	for _ in 0..args.transfers_each {
		for i in 0..n {
			let to = accounts.senders[(i + 1) % n].clone();
			txs.push(chain::sign(chain, &mut accounts.senders[i], chain::stable_transfer(&to)));
		}
	}
	let stable = runner.run("stablecoin_transfers", txs, phase::Count::StablecoinTransfers)?;

	// Set-up (not measured): the sellers' asks rest; the market makers post their bonds.
	let mut txs: Vec<_> =
		accounts.sellers.iter_mut().map(|s| chain::sign(chain, s, chain::ask())).collect();
	txs.extend(accounts.makers.iter_mut().map(|m| chain::sign(chain, m, chain::join())));
	let setup = runner.run("set_up", txs, phase::Count::Extrinsics)?;

	// 3. Market makers' quote sheets on the quote series (half bids, half asks).
	let mut txs = Vec::new();
	for _ in 0..args.batches_each {
		for m in accounts.makers.iter_mut() {
			txs.push(chain::sign(chain, m, chain::quotes(args.batch)));
		}
	}
	let placements = runner.run("placements", txs, phase::Count::Placements)?;

	// 4. Trades: one-unit buys against the asks.
	let mut txs = Vec::new();
	for _ in 0..args.buys_each {
		for b in accounts.buyers.iter_mut() {
			txs.push(chain::sign(chain, b, chain::lift()));
		}
	}
	let trades = runner.run("trades", txs, phase::Count::Trades)?;

	// 5. Latency below capacity: compliant stablecoin transfers submitted at `--paced-load`
	// (per cent) of the rate phase 2 measured, for `--paced-secs`.
	let paced_rate = stable.rate() * f64::from(args.paced_load) / 100.0;
	let paced_count = (paced_rate * args.paced_secs as f64) as usize;
	let mut txs = Vec::with_capacity(paced_count);
	for k in 0..paced_count {
		let i = k % n;
		let to = accounts.senders[(i + 1) % n].clone();
		txs.push(chain::sign(chain, &mut accounts.senders[i], chain::stable_transfer(&to)));
	}
	let paced = runner.run_paced(
		"stablecoin_transfers_paced",
		txs,
		phase::Count::StablecoinTransfers,
		Some(paced_rate),
	)?;
	drop(node);
	if !args.keep_logs {
		let _ = fs::remove_dir_all(&dir);
	}

	let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
	// The measured phases, in the order they ran.
	Ok(json!({
		"date": date,
		"commit": commit,
		"commit_dirty": dirty,
		"machine": report::machine(),
		"node": node_info,
		"parameters": {
			"senders": args.senders, "transfers_each": args.transfers_each,
			"sellers": args.sellers, "buyers": args.buyers, "buys_each": args.buys_each,
			"makers": args.makers, "batches_each": args.batches_each, "batch": args.batch,
			"paced_load": args.paced_load, "paced_secs": args.paced_secs,
		},
		"phases": [
			transfers.to_json(),
			stable.to_json(),
			placements.to_json(),
			trades.to_json(),
			paced.to_json(),
		],
		// Not a measurement: the asks and market-maker bonds the later phases need.
		"set_up": setup.to_json(),
		"summary": {
			"transfers_per_s": transfers.rate(),
			"stablecoin_transfers_per_s": stable.rate(),
			"trades_per_s": trades.rate(),
			"placements_per_s": placements.rate(),
			"trades_to_transfers": ratio(trades.rate(), transfers.rate()),
			"paced_submitted_per_s": paced_rate,
			"paced_latency_p99_ms": paced.to_json()["latency_ms"]["p99"],
			"targets": {
				"paced_latency_p99_ms": 5_000,
				"trades_to_transfers": 0.5,
				"placements_per_s": 10_000,
				"stablecoin_transfers_per_s": 1_000,
			},
		},
	}))
}

fn main() {
	let args = Args::parse();
	let out = args.out.clone();
	let report_dir = args.report_dir.clone();
	match run(args) {
		Ok(results) => {
			let mut text = serde_json::to_string_pretty(&results).unwrap_or_default();
			text.push('\n');
			if let Err(e) = fs::write(&out, &text) {
				eprintln!("cannot write {}: {e}", out.display());
				std::process::exit(1);
			}
			println!("{}", serde_json::to_string_pretty(&results["summary"]).unwrap_or_default());
			eprintln!("results written to {}", out.display());
			if let Some(dir) = report_dir {
				let date = results["date"].as_str().unwrap_or("unknown");
				match report::write_report(&dir, date, &text) {
					Ok(path) => eprintln!("run report written to {}", path.display()),
					Err(e) => {
						eprintln!("genex-load: {e}");
						std::process::exit(1);
					},
				}
			}
		},
		Err(e) => {
			eprintln!("genex-load: {e}");
			std::process::exit(1);
		},
	}
}
