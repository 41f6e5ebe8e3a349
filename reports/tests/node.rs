//! `genex-reports` against a running dev node: a scenario on chain (two large routed stablecoin
//! transfers that pass value straight through an account, a primary sale, a small P2P
//! transfer), indexed into SQLite and — when the test script provides one — PostgreSQL, and its
//! numbers checked exactly in the daily report, the CTR list, the Travel Rule register, the SAR
//! candidates and an account's history. Re-running adds nothing twice; a run stopped after a
//! block resumes after it. Bad input (an unreachable node, a pruned node, another chain, a
//! corrupt database) is one line on stderr, a non-zero exit, and nothing written.
//!
//! PostgreSQL: `scripts/test.sh` starts a throwaway server and sets `GENEX_TEST_POSTGRES_URL`
//! (and `GENEX_REQUIRE_POSTGRES=1`, so a missing server fails the test instead of skipping).

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

#[path = "../../node/tests/common/mod.rs"]
mod common;

use codec::Encode;
use genex_primitives::{TravelRuleData, VaspId, STABLECOIN_UNIT};
use genex_reports::{
	db::{Db, Filter, Location},
	index, node,
	report::{self, Out, Period},
};
use genex_runtime::RuntimeCall;
use polkadot_sdk::{
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
};
use serde_json::Value as Json;
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::{Duration, Instant},
};
use subxt::rpcs::rpc_params;

const USD: u128 = STABLECOIN_UNIT;

/// A dev node (killed when dropped) and its WebSocket URL.
struct DevNode {
	_process: common::Node,
	url: String,
}

/// A dev node with `extra` arguments.
fn start_node(extra: &[&str]) -> DevNode {
	let args: Vec<&str> = ["--dev", "--tmp"].iter().chain(extra).copied().collect();
	let process = common::Node::start(&args);
	DevNode { url: process.ws_url(), _process: process }
}

async fn connect(url: &str) -> node::Node {
	let deadline = Instant::now() + Duration::from_secs(90);
	loop {
		match node::connect(url).await {
			Ok(n) => return n,
			Err(e) if Instant::now() > deadline => panic!("node never answered: {e}"),
			Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
		}
	}
}

async fn wait_finalized(node: &node::Node, number: u64) {
	let deadline = Instant::now() + Duration::from_secs(120);
	while node::finalized(&node.client).await.expect("finalized head") < number {
		assert!(Instant::now() < deadline, "block #{number} was not finalized in time");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

fn scratch(name: &str) -> PathBuf {
	let dir =
		std::env::temp_dir().join(format!("genex-reports-test-{}-{name}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("scratch dir");
	dir
}

async fn submit(node: &node::Node, who: Sr25519Keyring, nonce: u32, call: RuntimeCall) {
	let genesis = H256::from_slice(node.client.genesis_hash().as_ref());
	let xt = genex_runtime::client::signed_extrinsic(&who.pair(), call, nonce, genesis);
	let hex = format!("0x{}", hex::encode(xt.encode()));
	let _: Json = node
		.rpc
		.request("author_submitExtrinsic", rpc_params![hex])
		.await
		.unwrap_or_else(|e| panic!("{who:?}'s transaction {nonce} rejected: {e}"));
}

fn routed(to: Sr25519Keyring, amount: u128) -> RuntimeCall {
	RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer_with_travel_rule {
		dest: to.to_account_id(),
		amount,
		travel_rule: TravelRuleData {
			payload_commitment: H256::repeat_byte(7),
			originator_vasp: VaspId::truncate_from(b"genex.example".to_vec()),
			beneficiary_vasp: VaspId::truncate_from(b"bank-b.example".to_vec()),
		},
	})
}

fn options(url: &str, db: &Location, to: Option<u64>) -> index::Options {
	index::Options { node: url.to_string(), db: db.clone(), to, follow: false, progress: false }
}

/// Indexes until `done` holds for the indexed events (at most two minutes).
async fn index_until(url: &str, db: &Location, done: impl Fn(&[Event]) -> bool) -> Vec<Event> {
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		index::run(&options(url, db, None)).await.expect("indexing succeeds");
		let events = events(db).await;
		if done(&events) {
			return events;
		}
		assert!(Instant::now() < deadline, "the scenario's events were not finalized in time");
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

type Event = genex_reports::db::StoredEvent;

async fn events(db: &Location) -> Vec<Event> {
	let db = Db::open(db, false).await.expect("index opens");
	let all = db.events(&Filter::default()).await.expect("events");
	db.close().await;
	all
}

fn count(events: &[Event], pallet: &str, name: &str) -> usize {
	events.iter().filter(|e| e.pallet == pallet && e.name == name).count()
}

fn account_hex(who: Sr25519Keyring) -> String {
	format!("0x{}", hex::encode(who.to_account_id()))
}

/// The reports of the whole index written to `out`: (daily, CTR, Travel Rule, SAR) as JSON.
async fn reports(
	db: &Location,
	day: &Period,
	out: &Path,
) -> (Json, Vec<Json>, Vec<Json>, Vec<Json>) {
	let db = Db::open(db, false).await.expect("index opens");
	let out = Out::new(out).expect("out dir");
	report::platform::write(&db, "daily", day, &out).await.expect("daily report");
	let daily: Json = serde_json::from_str(
		&std::fs::read_to_string(out.path(&format!("daily-{}.json", day.name))).expect("written"),
	)
	.expect("JSON");
	let all = Period::all();
	let ctr = report::registers::ctr(&db, &all, &out).await.expect("CTR").0;
	let travel = report::registers::travel_rule(&db, &all, &out).await.expect("register").0;
	let sar = report::registers::sar(&db, &all, &out).await.expect("SAR").0;
	db.close().await;
	(daily, ctr, travel, sar)
}

fn reports_cli(args: &[&str]) -> (bool, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_genex-reports")).args(args).output().expect("runs");
	(out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn one_error_line(stderr: &str, expected: &str) {
	assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
	assert!(stderr.starts_with("error: ") && stderr.contains(expected), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scenario_numbers_appear_exactly_in_every_report() {
	let archive = start_node(&[
		"--state-pruning",
		"archive-canonical",
		"--blocks-pruning",
		"archive-canonical",
	]);
	let pruned = start_node(&["--state-pruning", "4"]);
	let dir = scratch("sqlite");
	let sqlite = Location::Sqlite(dir.join("index.sqlite"));
	let node = connect(&archive.url).await;

	// A run stopped after block 1 …
	wait_finalized(&node, 3).await;
	let first = index::run(&options(&archive.url, &sqlite, Some(1))).await.expect("indexes");
	assert_eq!((first.first, first.last), (Some(0), Some(1)));
	// … resumes after it.
	let second = index::run(&options(&archive.url, &sqlite, None)).await.expect("resumes");
	assert_eq!(second.first, Some(2));

	// The scenario. Bob routes 12,000 GUSD to Charlie (a CTR entry and a Travel Rule record);
	// Charlie lists 10 units of series 0 (the demo series, 45 GUSD each) for primary sale.
	submit(&node, Bob, 0, routed(Charlie, 12_000 * USD)).await;
	submit(
		&node,
		Charlie,
		0,
		RuntimeCall::Market(pallet_market::Call::list_primary { series: 0, units: 10 }),
	)
	.await;
	let seen = index_until(&archive.url, &sqlite, |e| {
		count(e, "Market", "Listed") == 1 && count(e, "Stablecoin", "Transferred") == 1
	})
	.await;
	let listing = seen
		.iter()
		.find(|e| e.name == "Listed")
		.and_then(|e| e.fields["listing"].as_u64())
		.expect("listing id");
	// The same day Charlie passes 11,000 GUSD on to Alice (rapid in-and-out), Bob buys the 10
	// units (450 GUSD) and Dave sends Eve 100 GUSD.
	submit(&node, Charlie, 1, routed(Alice, 11_000 * USD)).await;
	submit(
		&node,
		Bob,
		1,
		RuntimeCall::Market(pallet_market::Call::buy_listing {
			listing,
			units: 10,
			max_price: 45 * USD,
		}),
	)
	.await;
	let small = RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
		dest: Eve.to_account_id(),
		amount: 100 * USD,
	});
	submit(&node, Dave, 0, small).await;
	let seen = index_until(&archive.url, &sqlite, |e| {
		count(e, "Stablecoin", "Transferred") == 3 && count(e, "Market", "ListingBought") == 1
	})
	.await;
	let bought = seen.iter().find(|e| e.name == "ListingBought").expect("bought").clone();
	assert_eq!(bought.fields["paid"].as_u64().map(u128::from), Some(450 * USD));
	let fee = genex_reports::decode::uint0(&bought.fields, "fee");

	// The daily report of the day the scenario ran (the whole index if it crossed midnight).
	let first_ms =
		seen.iter().find(|e| e.name == "Transferred").map(|e| e.timestamp_ms).expect("transfer");
	let day_name = report::iso(first_ms).get(..10).expect("date").to_string();
	let mut day = Period::day(&day_name).expect("day");
	if bought.timestamp_ms >= day.to_ms {
		day = Period { name: day_name.clone(), ..Period::all() };
	}
	let out = dir.join("out");
	let (daily, ctr, travel, sar) = reports(&sqlite, &day, &out).await;
	assert_eq!(daily["stablecoin_transfers"], 3);
	assert_eq!(daily["stablecoin_transfer_value"]["gusd"], "23100.000000000000");
	assert_eq!(daily["ctr_entries"], 2);
	assert_eq!(daily["ctr_value"]["gusd"], "23000.000000000000");
	let series0 = daily["series"]
		.as_array()
		.and_then(|s| s.iter().find(|s| s["series"] == "0"))
		.expect("series 0");
	assert_eq!(series0["primary_sales"], 1);
	assert_eq!(series0["primary_units"], "10");
	assert_eq!(series0["primary_value"]["gusd"], "450.000000000000");
	assert_eq!(series0["issuer"], account_hex(Charlie));
	let charlie = daily["issuers"]
		.as_array()
		.and_then(|i| i.iter().find(|i| i["issuer"] == account_hex(Charlie)))
		.expect("issuer row");
	assert_eq!(charlie["primary_value"]["gusd"], "450.000000000000");
	assert_eq!(charlie["issued_units_total"], "100");
	assert_eq!(charlie["redemption_rate_bps"], "0");
	assert!(daily["suspicious_activity_by_rule"]["RapidInOut"].as_u64() >= Some(1));
	// The index does not reach the day's end yet: the report says it is partial.
	assert_eq!(daily["complete"], false);
	assert!(daily["indexed_to_block"].as_u64() >= Some(bought.block));
	let html =
		std::fs::read_to_string(out.join(format!("daily-{}.html", day.name))).expect("HTML page");
	assert!(html.contains("series 0") && html.contains("450.000000000000"));
	let csv = std::fs::read_to_string(out.join(format!("daily-{}.csv", day.name))).expect("CSV");
	assert!(csv.contains("stablecoin_transfer_value,23100.000000000000"));

	// CTR: the two routed transfers, exactly.
	let amounts: Vec<&str> = ctr.iter().filter_map(|c| c["total_amount"].as_str()).collect();
	assert_eq!(amounts, ["12000.000000000000", "11000.000000000000"]);
	assert_eq!(ctr[0]["transaction_type"], "P2p");
	assert_eq!(ctr[0]["person_conducting_transaction"], Bob.to_account_id().to_string());
	assert_eq!(ctr[0]["evidence_trail"]["extrinsic"], "Stablecoin.transfer_with_travel_rule");
	// Travel Rule register: the same two, with their VASPs.
	assert_eq!(travel.len(), 2);
	assert_eq!(travel[1]["originator"], Charlie.to_account_id().to_string());
	assert_eq!(travel[1]["beneficiary_vasp"], "bank-b.example");
	assert_eq!(travel[1]["value"], "11000.000000000000");
	// SAR: Charlie's rapid in-and-out, with both movements in its trail.
	let rapid = sar.iter().find(|s| s["rule"] == "RapidInOut").expect("rapid in-and-out SAR");
	assert_eq!(rapid["subject_account"], Charlie.to_account_id().to_string());
	assert_eq!(rapid["counterparty_account"], Alice.to_account_id().to_string());
	assert_eq!(rapid["evidence"]["window_value"], "12000000000000000");
	let related: Vec<&str> = rapid["related_movements"]
		.as_array()
		.expect("related")
		.iter()
		.filter_map(|m| m["fields"]["amount"].as_str())
		.collect();
	assert_eq!(related, ["12000000000000000", "11000000000000000"]);
	let sar_file = std::fs::read_dir(out.join("sar")).expect("sar dir").count();
	assert_eq!(sar_file, sar.len());

	// Re-running adds nothing twice.
	let db = Db::open(&sqlite, false).await.expect("opens");
	let before = (
		db.count("blocks").await.unwrap(),
		db.count("events").await.unwrap(),
		db.count("extrinsics").await.unwrap(),
	);
	let last = db.last_block().await.unwrap().expect("indexed");
	db.close().await;
	let again = index::run(&options(&archive.url, &sqlite, Some(last))).await.expect("re-run");
	assert_eq!(again.stored, 0);
	let db = Db::open(&sqlite, false).await.expect("opens");
	let after = (
		db.count("blocks").await.unwrap(),
		db.count("events").await.unwrap(),
		db.count("extrinsics").await.unwrap(),
	);
	assert_eq!(before, after);
	assert_eq!(after.0, last + 1);

	// An account's history at the last block, and before the scenario (block 1).
	let out_dir = Out::new(&dir.join("accounts")).expect("out");
	let (bob, _) = report::account::history(&db, &node, &account_hex(Bob), None, &out_dir)
		.await
		.expect("history");
	assert_eq!(
		bob["balances"]["stablecoin"],
		(100_000 * USD - 12_000 * USD - 450 * USD - fee).to_string()
	);
	assert_eq!(bob["balances"]["coupons"][0]["units"], 10);
	let events_of_bob: Vec<&str> =
		bob["events"].as_array().unwrap().iter().filter_map(|e| e["event"].as_str()).collect();
	assert!(
		events_of_bob.contains(&"Stablecoin.Transferred")
			&& events_of_bob.contains(&"Market.ListingBought")
	);
	let (early, _) = report::account::history(&db, &node, &account_hex(Bob), Some(1), &out_dir)
		.await
		.expect("history");
	assert_eq!(early["balances"]["stablecoin"], (100_000 * USD).to_string());
	assert!(early["events"].as_array().unwrap().is_empty());
	db.close().await;

	// Bad input: one line, non-zero exit, nothing written.
	let db_arg = |p: &Path| p.display().to_string();
	let absent = dir.join("absent.sqlite");
	let (ok, err) = reports_cli(&[
		"index",
		"--node",
		&format!("ws://127.0.0.1:{}", common::free_port()),
		"--db",
		&db_arg(&absent),
		"--quiet",
	]);
	assert!(!ok);
	one_error_line(&err, "cannot reach a node");
	assert!(!absent.exists());
	// A pruned node (state of 4 blocks) cannot serve block 0.
	let pruned_node = connect(&pruned.url).await;
	wait_finalized(&pruned_node, last.saturating_add(8).max(12)).await;
	let (ok, err) =
		reports_cli(&["index", "--node", &pruned.url, "--db", &db_arg(&absent), "--quiet"]);
	assert!(!ok);
	one_error_line(&err, "archive node");
	assert!(!absent.exists());
	// The pruned node is another dev chain: same genesis, different blocks.
	let index_file = dir.join("index.sqlite");
	let bytes = std::fs::read(&index_file).expect("index");
	let (ok, err) =
		reports_cli(&["index", "--node", &pruned.url, "--db", &db_arg(&index_file), "--quiet"]);
	assert!(!ok);
	one_error_line(&err, "wrong chain");
	assert_eq!(std::fs::read(&index_file).expect("index"), bytes);
	// An index of another genesis.
	let other = dir.join("other.sqlite");
	std::fs::copy(&index_file, &other).expect("copy");
	{
		let db = Db::open(&Location::Sqlite(other.clone()), false).await.expect("opens");
		let mut block = genex_reports::db::BlockRecord { number: last, ..Default::default() };
		block.parent = db.block_hash(last - 1).await.unwrap().expect("indexed parent");
		db.store(&format!("0x{}", "11".repeat(32)), &block).await.expect("rewrites genesis");
		db.close().await;
	}
	let bytes = std::fs::read(&other).expect("copy");
	let (ok, err) =
		reports_cli(&["index", "--node", &archive.url, "--db", &db_arg(&other), "--quiet"]);
	assert!(!ok);
	one_error_line(&err, "wrong chain");
	assert_eq!(std::fs::read(&other).expect("copy"), bytes);
	// A corrupt database.
	let corrupt = dir.join("corrupt.sqlite");
	std::fs::write(&corrupt, b"this is not a database at all, just text").expect("write");
	for args in [
		vec!["index", "--node", &archive.url, "--db", corrupt.to_str().unwrap(), "--quiet"],
		vec![
			"ctr",
			"--db",
			corrupt.to_str().unwrap(),
			"--out",
			dir.join("never").to_str().unwrap(),
		],
	] {
		let (ok, err) = reports_cli(&args);
		assert!(!ok);
		one_error_line(&err, "not a readable database");
	}
	assert_eq!(std::fs::read(&corrupt).unwrap(), b"this is not a database at all, just text");
	assert!(!dir.join("never").exists());
	// An account's history from a node that serves another chain.
	let never = dir.join("never");
	let (ok, err) = reports_cli(&[
		"account",
		"--db",
		&db_arg(&index_file),
		"--node",
		&pruned.url,
		"--account",
		&Bob.to_account_id().to_string(),
		"--at",
		"1",
		"--out",
		&db_arg(&never),
	]);
	assert!(!ok);
	one_error_line(&err, "wrong chain");
	assert!(!never.exists());
	// A report of an index that does not exist.
	let (ok, err) = reports_cli(&["sar", "--db", &db_arg(&absent), "--out", &db_arg(&never)]);
	assert!(!ok);
	one_error_line(&err, "no index at");
	assert!(!absent.exists() && !never.exists());
	let (ok, err) = reports_cli(&["daily", "--date", "2026-02-30", "--db", &db_arg(&index_file)]);
	assert!(!ok);
	one_error_line(&err, "not a date");

	// PostgreSQL: the same index and byte-identical reports.
	match std::env::var("GENEX_TEST_POSTGRES_URL") {
		Ok(url) => {
			let pg = Location::Postgres(url);
			let run =
				index::run(&options(&archive.url, &pg, Some(1))).await.expect("PostgreSQL index");
			assert_eq!((run.first, run.last), (Some(0), Some(1)));
			let run = index::run(&options(&archive.url, &pg, Some(last))).await.expect("resumes");
			assert_eq!((run.first, run.last), (Some(2), Some(last)));
			let again = index::run(&options(&archive.url, &pg, Some(last))).await.expect("re-run");
			assert_eq!(again.stored, 0);
			let pg_out = dir.join("pg-out");
			let pg_reports = reports(&pg, &day, &pg_out).await;
			assert_eq!(pg_reports, (daily, ctr, travel, sar));
			for name in [
				format!("daily-{}.csv", day.name),
				"ctr-all.csv".into(),
				"sar-all.csv".into(),
				"travel-rule-all.csv".into(),
			] {
				assert_eq!(
					std::fs::read(out.join(&name)).unwrap(),
					std::fs::read(pg_out.join(&name)).unwrap(),
					"{name}"
				);
			}
		},
		Err(_) => assert!(
			std::env::var("GENEX_REQUIRE_POSTGRES").is_err(),
			"GENEX_REQUIRE_POSTGRES is set but GENEX_TEST_POSTGRES_URL is not"
		),
	}
	let _ = std::fs::remove_dir_all(&dir);
}
