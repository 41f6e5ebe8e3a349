//! One measured phase: submit signed transactions as fast as the node takes them, follow the
//! finalized chain until all are included (or nothing more comes), count what the blocks' events
//! say happened.

use crate::{
	chain::Tx,
	rpc::{from_hex, to_hex, Rpc},
};
use codec::Decode;
use genex_runtime::RuntimeEvent;
use polkadot_sdk::{
	frame_system::{self, EventRecord, Phase},
	sp_core::H256,
	sp_crypto_hashing::{blake2_256, twox_128},
};
use serde_json::{json, Value};
use std::{
	collections::{HashMap, HashSet},
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Arc, Mutex,
	},
	time::{Duration, Instant},
};

/// Transactions per JSON-RPC batch request.
const BATCH: usize = 250;
/// A paced phase submits a slice of its rate this often.
const PACE_TICK: Duration = Duration::from_millis(100);

/// What a phase counts as its unit of work.
#[derive(Clone, Copy)]
pub enum Count {
	/// Successful extrinsics.
	Extrinsics,
	/// `Balances::Transfer` events.
	Transfers,
	/// `Stablecoin::Transferred` events.
	StablecoinTransfers,
	/// Orders placed: `Market::OrderPlaced` events, and each level of a `Market::QuotesSet`.
	Placements,
	/// Settled trades: the buyers' `Market::OrderFilled` events of the block's auctions
	/// (after its transactions: the block's finalization phase).
	Trades,
}

impl Count {
	/// The work `event` of one of the phase's extrinsics counts for.
	fn of_extrinsic(self, event: &RuntimeEvent) -> u64 {
		match (self, event) {
			(
				Count::Transfers,
				RuntimeEvent::Balances(polkadot_sdk::pallet_balances::Event::Transfer { .. }),
			) => 1,
			(
				Count::StablecoinTransfers,
				RuntimeEvent::Stablecoin(pallet_stablecoin::Event::Transferred { .. }),
			) => 1,
			(Count::Placements, RuntimeEvent::Market(pallet_market::Event::OrderPlaced { .. })) => {
				1
			},
			(
				Count::Placements,
				RuntimeEvent::Market(pallet_market::Event::QuotesSet { bids, asks, .. }),
			) => u64::from(*bids) + u64::from(*asks),
			_ => 0,
		}
	}

	/// The work `event` of the block's finalization (its auctions) counts for.
	fn of_auction(self, event: &RuntimeEvent) -> u64 {
		match (self, event) {
			(
				Count::Trades,
				RuntimeEvent::Market(pallet_market::Event::OrderFilled { key, .. }),
			) if key.side == pallet_market::Side::Buy
				&& key.id != pallet_market::auction::QUOTE_ID =>
			{
				1
			},
			_ => 0,
		}
	}
}

/// Runs phases against one node.
pub struct Runner {
	/// The node's RPC port.
	pub port: u16,
	/// How long to wait for more inclusions once everything is submitted.
	pub idle: Duration,
}

/// The outcome of a phase.
#[derive(Default)]
pub struct Outcome {
	name: String,
	submitted: u64,
	rejected: u64,
	rejection: Option<String>,
	included: u64,
	failed: u64,
	failure: Option<String>,
	/// The counted unit (see [`Count`]).
	work: u64,
	/// Blocks that included the phase's transactions: (number, transactions, work).
	blocks: Vec<(u64, u64, u64)>,
	/// Milliseconds between the block before the first including block and the last one.
	span_ms: u64,
	/// Submission of the first transaction to the last inclusion seen, in ms.
	wall_ms: u64,
	/// Submission to finality, ms, of every included transaction.
	latencies: Vec<u64>,
	/// Transactions not included after the idle time (then submitted once more).
	stuck: u64,
	/// Of those, how many the node listed as ready (`author_pendingExtrinsics`: its ready
	/// transactions only, not those waiting for an earlier nonce).
	stuck_listed_ready: u64,
	/// Of those, how many the pool refused when submitted again because it still held them
	/// (`1013`, already imported: e.g. waiting behind a lost earlier nonce).
	stuck_already_imported: u64,
	/// Of those, how many the pool accepted again when resubmitted (it had lost them).
	stuck_accepted_again: u64,
	/// Of those, how many were then included (counted in `included`, not in `work` or the
	/// rate).
	stuck_included: u64,
}

impl Outcome {
	/// Work per second of block time.
	pub fn rate(&self) -> f64 {
		if self.span_ms == 0 {
			return 0.0;
		}
		self.work as f64 * 1000.0 / self.span_ms as f64
	}

	fn percentile(&self, p: usize) -> Option<u64> {
		let mut v = self.latencies.clone();
		v.sort_unstable();
		let i = (v.len() * p).div_ceil(100).checked_sub(1)?;
		v.get(i).copied()
	}

	/// The outcome as JSON: `per_second` is [`Self::rate`] (the counted unit per second of block
	/// time), `latency_ms` submission to finality of the included transactions (`null` if none).
	pub fn to_json(&self) -> Value {
		let peak = self.blocks.iter().map(|b| b.2).max().unwrap_or(0);
		json!({
			"name": self.name,
			"submitted": self.submitted,
			"rejected_by_pool": self.rejected,
			"first_rejection": self.rejection,
			"included": self.included,
			"failed": self.failed,
			"first_failure": self.failure,
			"work": self.work,
			"per_second": self.rate(),
			"per_second_wall": if self.wall_ms > 0 { self.work as f64 * 1000.0 / self.wall_ms as f64 } else { 0.0 },
			"peak_per_block": peak,
			"blocks": self.blocks.len(),
			"span_ms": self.span_ms,
			"wall_ms": self.wall_ms,
			"latency_ms": {
				"p50": self.percentile(50),
				"p90": self.percentile(90),
				"p99": self.percentile(99),
				"max": self.latencies.iter().max(),
			},
			"stuck": {
				"not_included_after_idle": self.stuck,
				"listed_ready": self.stuck_listed_ready,
				"already_imported": self.stuck_already_imported,
				"accepted_again": self.stuck_accepted_again,
				"then_included": self.stuck_included,
			},
			"per_block": self.blocks.iter().map(|(n, t, w)| json!([n, t, w])).collect::<Vec<_>>(),
		})
	}
}

fn storage_key(pallet: &str, item: &str) -> String {
	let mut key = twox_128(pallet.as_bytes()).to_vec();
	key.extend(twox_128(item.as_bytes()));
	to_hex(&key)
}

fn number(v: &Value) -> Option<u64> {
	u64::from_str_radix(v.as_str()?.trim_start_matches("0x"), 16).ok()
}

fn finalized_number(rpc: &mut Rpc) -> Result<u64, String> {
	let hash = rpc.call("chain_getFinalizedHead", json!([]))?;
	let header = rpc.call("chain_getHeader", json!([hash]))?;
	number(&header["number"]).ok_or_else(|| "bad header".to_string())
}

/// A finalized block as the phase sees it.
struct Block {
	timestamp: u64,
	extrinsics: Vec<[u8; 32]>,
	events: Vec<EventRecord<RuntimeEvent, H256>>,
}

fn fetch_block(rpc: &mut Rpc, n: u64, keys: &(String, String)) -> Result<Block, String> {
	let hash = rpc.call("chain_getBlockHash", json!([n]))?;
	let block = rpc.call("chain_getBlock", json!([hash]))?;
	let extrinsics = block["block"]["extrinsics"]
		.as_array()
		.ok_or("block without extrinsics")?
		.iter()
		.map(|x| {
			let bytes = x.as_str().and_then(from_hex).ok_or("bad extrinsic hex")?;
			Ok(blake2_256(&bytes))
		})
		.collect::<Result<Vec<_>, String>>()?;
	let raw = |key: &String, rpc: &mut Rpc| -> Result<Vec<u8>, String> {
		let v = rpc.call("state_getStorage", json!([key, hash]))?;
		Ok(v.as_str().and_then(from_hex).unwrap_or_default())
	};
	// Genesis has neither events nor a timestamp.
	let events = raw(&keys.0, rpc)?;
	let events = if events.is_empty() {
		Vec::new()
	} else {
		Vec::<EventRecord<RuntimeEvent, H256>>::decode(&mut &events[..])
			.map_err(|e| format!("events of block {n}: {e}"))?
	};
	let now = raw(&keys.1, rpc)?;
	let timestamp = if now.is_empty() {
		0
	} else {
		u64::decode(&mut &now[..]).map_err(|e| format!("timestamp of block {n}: {e}"))?
	};
	Ok(Block { timestamp, extrinsics, events })
}

impl Runner {
	/// Submit `txs` as fast as the node takes them, follow finalized blocks until they are all
	/// included (or nothing more is included for `idle` after the last submission), and count
	/// `count`.
	pub fn run(&self, name: &str, txs: Vec<Tx>, count: Count) -> Result<Outcome, String> {
		self.run_paced(name, txs, count, None)
	}

	/// [`Self::run`], submitting at most `pace` transactions per second when given (in equal
	/// slices every 100 ms): the latency of a node below its capacity rather than the queueing
	/// of one at saturation.
	pub fn run_paced(
		&self,
		name: &str,
		txs: Vec<Tx>,
		count: Count,
		pace: Option<f64>,
	) -> Result<Outcome, String> {
		let mut rpc = Rpc::new(self.port);
		let keys = (storage_key("System", "Events"), storage_key("Timestamp", "Now"));
		let mut next = finalized_number(&mut rpc)?.saturating_add(1);
		let mut prev_timestamp = fetch_block(&mut rpc, next.saturating_sub(1), &keys)?.timestamp;
		let total = txs.len() as u64;
		// Kept to submit once more what is not included after the idle time.
		let encoded: HashMap<[u8; 32], String> =
			txs.iter().map(|t| (t.hash, t.hex.clone())).collect();
		let mut resubmitted = false;
		let pending: Arc<Mutex<HashMap<[u8; 32], Instant>>> = Arc::default();
		let submitted = Arc::new(AtomicU64::new(0));
		let rejected = Arc::new(AtomicU64::new(0));
		let rejection: Arc<Mutex<Option<String>>> = Arc::default();
		let done = Arc::new(AtomicBool::new(false));
		let started = Instant::now();

		let submitter = {
			let (pending, submitted, rejected, rejection, done) = (
				pending.clone(),
				submitted.clone(),
				rejected.clone(),
				rejection.clone(),
				done.clone(),
			);
			let port = self.port;
			// Paced: a slice of the rate every tick, each slice submitted when its tick comes.
			let (slice, tick) = match pace {
				Some(rate) if rate > 0.0 => ((rate / 10.0).ceil().max(1.0) as usize, PACE_TICK),
				_ => (BATCH, Duration::ZERO),
			};
			std::thread::spawn(move || {
				let mut rpc = Rpc::new(port);
				let first = Instant::now();
				for (i, chunk) in txs.chunks(slice).enumerate() {
					let due = first + tick * i as u32;
					if let Some(wait) = due.checked_duration_since(Instant::now()) {
						std::thread::sleep(wait);
					}
					let now = Instant::now();
					if let Ok(mut p) = pending.lock() {
						p.extend(chunk.iter().map(|t| (t.hash, now)));
					}
					let params: Vec<Value> = chunk.iter().map(|t| json!([t.hex])).collect();
					let answers = rpc
						.batch("author_submitExtrinsic", &params)
						.unwrap_or_else(|e| chunk.iter().map(|_| Err(e.to_string())).collect());
					for (tx, answer) in chunk.iter().zip(answers) {
						if let Err(e) = answer {
							rejected.fetch_add(1, Ordering::Relaxed);
							if let Ok(mut p) = pending.lock() {
								p.remove(&tx.hash);
							}
							if let Ok(mut r) = rejection.lock() {
								r.get_or_insert(e);
							}
						}
					}
					submitted.fetch_add(chunk.len() as u64, Ordering::Relaxed);
				}
				done.store(true, Ordering::Relaxed);
			})
		};

		let mut out = Outcome { name: name.to_string(), submitted: total, ..Default::default() };
		let mut last_progress = Instant::now();
		let mut last_inclusion = Instant::now();
		let mut first_included_prev_ts = None;
		let mut last_included_ts = 0;
		loop {
			let finalized = finalized_number(&mut rpc)?;
			while next <= finalized {
				let block = fetch_block(&mut rpc, next, &keys)?;
				let seen = Instant::now();
				let mut ours: HashSet<u32> = HashSet::new();
				{
					let mut p = pending.lock().map_err(|_| "poisoned")?;
					for (i, hash) in block.extrinsics.iter().enumerate() {
						if let Some(at) = p.remove(hash) {
							ours.insert(i as u32);
							out.latencies.push(seen.duration_since(at).as_millis() as u64);
						}
					}
				}
				if !ours.is_empty() {
					let (mut work, mut failed) = (0, 0);
					for record in &block.events {
						let Phase::ApplyExtrinsic(i) = record.phase else { continue };
						if !ours.contains(&i) {
							continue;
						}
						if let RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
							dispatch_error,
							..
						}) = &record.event
						{
							failed += 1;
							out.failure.get_or_insert_with(|| format!("{dispatch_error:?}"));
						} else {
							work += count.of_extrinsic(&record.event);
						}
					}
					for record in &block.events {
						if let Phase::Finalization = record.phase {
							work += count.of_auction(&record.event);
						}
					}
					let included = ours.len() as u64;
					if let Count::Extrinsics = count {
						work = included.saturating_sub(failed);
					}
					out.failed += failed;
					out.included += included;
					last_inclusion = seen;
					if resubmitted {
						// Submitted again after the idle time: included, but not in the rate,
						// whose span would otherwise take in the idle wait.
						out.stuck_included += included;
					} else {
						out.work += work;
						out.blocks.push((next, included, work));
						first_included_prev_ts.get_or_insert(prev_timestamp);
						last_included_ts = block.timestamp;
						out.wall_ms = seen.duration_since(started).as_millis() as u64;
					}
				}
				prev_timestamp = block.timestamp;
				next += 1;
			}
			let all_sent = done.load(Ordering::Relaxed);
			let waiting = pending.lock().map(|p| p.len()).unwrap_or(0);
			if last_progress.elapsed() >= Duration::from_secs(2) || (all_sent && waiting == 0) {
				eprintln!(
					"[{name}] submitted {}/{total}, rejected {}, included {} (failed {}), work {}, finalized #{finalized}",
					submitted.load(Ordering::Relaxed),
					rejected.load(Ordering::Relaxed),
					out.included,
					out.failed,
					out.work,
				);
				last_progress = Instant::now();
			}
			if all_sent && waiting == 0 {
				break;
			}
			if all_sent && last_inclusion.elapsed() > self.idle && !resubmitted {
				// Once: is the node still holding them, and does it take them again? (A pool that
				// lost a transaction accepts it again; one that holds it answers "already
				// imported".)
				resubmitted = true;
				last_inclusion = Instant::now();
				let stuck: Vec<[u8; 32]> =
					pending.lock().map(|p| p.keys().copied().collect()).unwrap_or_default();
				out.stuck = stuck.len() as u64;
				let pooled: HashSet<String> = rpc
					.call("author_pendingExtrinsics", json!([]))
					.ok()
					.and_then(|v| v.as_array().cloned())
					.unwrap_or_default()
					.iter()
					.filter_map(|x| x.as_str().map(str::to_lowercase))
					.collect();
				let hexes: Vec<&String> = stuck.iter().filter_map(|h| encoded.get(h)).collect();
				out.stuck_listed_ready =
					hexes.iter().filter(|hex| pooled.contains(&hex.to_lowercase())).count() as u64;
				let params: Vec<Value> = hexes.iter().map(|hex| json!([hex])).collect();
				let answers = rpc.batch("author_submitExtrinsic", &params).unwrap_or_default();
				let mut errors: HashMap<String, u64> = HashMap::new();
				for answer in answers {
					match answer {
						Ok(_) => out.stuck_accepted_again += 1,
						Err(e) => {
							if e.contains("\"code\":1013") {
								out.stuck_already_imported += 1;
							}
							*errors.entry(e).or_default() += 1
						},
					}
				}
				eprintln!(
					"[{name}] {} transactions not included after {:?}: {} listed as ready by the node; submitted again: {} accepted, refused {errors:?}",
					out.stuck, self.idle, out.stuck_listed_ready, out.stuck_accepted_again,
				);
			}
			if all_sent && last_inclusion.elapsed() > self.idle {
				eprintln!(
					"[{name}] {waiting} transactions not included after {:?}; giving up on them",
					self.idle
				);
				// Their hashes, to look them up in the node's log (`--keep-logs`).
				if let Ok(p) = pending.lock() {
					for hash in p.keys().take(5) {
						eprintln!("[{name}]   not included: {}", crate::rpc::to_hex(hash));
					}
				}
				break;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = submitter.join();
		out.rejected = rejected.load(Ordering::Relaxed);
		out.rejection = rejection.lock().ok().and_then(|r| r.clone());
		if let Some(first) = first_included_prev_ts {
			out.span_ms = last_included_ts.saturating_sub(first);
		}
		eprintln!(
			"[{}] {} of {} included, {} work in {:.1} s of blocks: {:.0}/s",
			out.name,
			out.included,
			out.submitted,
			out.work,
			out.span_ms as f64 / 1000.0,
			out.rate()
		);
		Ok(out)
	}
}
