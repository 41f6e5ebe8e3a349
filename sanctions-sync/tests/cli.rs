//! `genex-sanctions-sync` end to end, with OFAC-format fixture files these tests write: a dry
//! run printing one line per match (fuzzy names, aliases, dates of birth, countries, SDN
//! addresses that are accounts) and nothing for near misses; malformed files refused with
//! their line; and a real run against a dev node blocking the matches through a compliance
//! officer — a matched customer's resting order cancelled by the block —, a second run
//! submitting nothing, a non-officer refused.

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

use polkadot_sdk::{sp_core::crypto::Ss58Codec, sp_keyring::Sr25519Keyring};
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
	time::{Duration, Instant},
};

fn ss58(k: Sr25519Keyring) -> String {
	k.to_account_id().to_ss58check()
}

fn scratch(name: &str) -> PathBuf {
	let dir = std::env::temp_dir()
		.join(format!("genex-sanctions-sync-test-{}-{name}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("scratch dir");
	dir
}

/// Twelve SDN.CSV columns: number, name, type, program, then `-0-` up to the remarks.
fn sdn_row(n: u32, name: &str, kind: &str, program: &str, remarks: &str) -> String {
	let nulls = ["\"-0- \""; 7].join(",");
	format!("{n},\"{name}\",\"{kind}\",\"{program}\",{nulls},\"{remarks}\"\r\n")
}

/// The fixture files in `dir`: five SDN entries (two people with dates of birth, an entity
/// with an alias, a vessel, a person whose comments list Eve's address), their aliases,
/// addresses and comments, and a registry of six customers.
fn fixtures(dir: &Path) {
	let sdn = [
		sdn_row(36, "DOE, John", "individual", "SDGT", "DOB 12 Jan 1970; nationality Iran."),
		sdn_row(37, "ACME SHIPPING", "-0- ", "IRAN", "-0- "),
		sdn_row(38, "SEA STAR", "vessel", "IRAN", "-0- "),
		sdn_row(
			39,
			"PETROV, Ivan",
			"individual",
			"RUSSIA-EO14024",
			"DOB 1961 to 1963; Digital Currency Address - XBT 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.",
		),
		// Its remarks go on in SDN_COMMENTS.CSV, split mid-item as OFAC splits them.
		sdn_row(40, "ROE, Anna", "individual", "CYBER2", "DOB 05 May 1985; Digital"),
	]
	.concat();
	std::fs::write(dir.join("SDN.CSV"), format!("{sdn}\u{1a}\r\n")).expect("write");
	std::fs::write(
		dir.join("ALT.CSV"),
		"36,101,\"aka\",\"DOE, Johnny\",\"-0- \"\r\n37,102,\"fka\",\"ACME MARINE LTD\",\"-0- \"\r\n",
	)
	.expect("write");
	std::fs::write(dir.join("ADD.CSV"), "36,201,\"-0- \",\"Tehran\",\"Iran\",\"-0- \"\r\n")
		.expect("write");
	std::fs::write(
		dir.join("SDN_COMMENTS.CSV"),
		format!(
			"40,\" Currency Address - DOT {}; alt. Digital Currency Address - ETH 0x7F367cC41522cE07553e823bf3be79A889DEbe1B.\"\r\n",
			ss58(Sr25519Keyring::Eve)
		),
	)
	.expect("write");
	let registry = [
		"account,full_name,date_of_birth,country".to_string(),
		// The person of entry 36, born the day the entry says, in its country.
		format!("{},John Doe,1970-01-12,IR", ss58(Sr25519Keyring::Ferdie)),
		// Same name, another birthday: another person.
		format!("{},John Doe,1980-03-03,US", ss58(Sr25519Keyring::Dave)),
		// Entry 37 by its former name.
		format!("{},Acme Marine Ltd,,", ss58(Sr25519Keyring::Bob)),
		// Entry 39 misspelt, born inside its span.
		format!("{},Ivan Petrof,1962-07-01,RU", ss58(Sr25519Keyring::Charlie)),
		// Nobody listed.
		format!("{},Jane Smith,1990-01-01,US", ss58(Sr25519Keyring::Alice)),
		// A vessel's name is not a customer's.
		format!("{},Sea Star,,", ss58(Sr25519Keyring::One)),
	]
	.join("\n");
	std::fs::write(dir.join("registry.csv"), registry).expect("write");
}

fn cli(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
	let file = |n: &str| dir.join(n).display().to_string();
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_genex-sanctions-sync"));
	cmd.args(["--sdn", &file("SDN.CSV"), "--alt", &file("ALT.CSV"), "--add", &file("ADD.CSV")])
		.args(["--comments", &file("SDN_COMMENTS.CSV"), "--customers", &file("registry.csv")])
		.args(extra)
		.env_remove("GENEX_OFFICER_SURI");
	for (k, v) in env {
		cmd.env(k, v);
	}
	cmd.output().expect("the CLI runs")
}

fn stdout(o: &Output) -> String {
	String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
	String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The match line of `who`, if any.
fn line_of(out: &str, who: Sr25519Keyring) -> Option<String> {
	out.lines().find(|l| l.starts_with(&ss58(who))).map(str::to_string)
}

#[test]
fn a_dry_run_prints_one_line_per_match_and_nothing_for_near_misses() {
	let dir = scratch("dry");
	fixtures(&dir);
	let out = cli(&dir, &["--dry-run"], &[]);
	assert!(out.status.success(), "{}", stderr(&out));
	let text = stdout(&out);
	let ferdie = line_of(&text, Sr25519Keyring::Ferdie).expect("Ferdie matched");
	assert!(ferdie.contains("\"John Doe\" (registry line 2)  SDN #36 \"DOE, John\"  score 1.000"));
	assert!(ferdie.contains("born 1970-01-12, as the entry's DOB"));
	assert!(ferdie.contains("country IR among the entry's (IR)"));
	let bob = line_of(&text, Sr25519Keyring::Bob).expect("Bob matched");
	assert!(bob.contains("SDN #37 \"ACME SHIPPING\""));
	assert!(bob.contains("against fka \"ACME MARINE LTD\""));
	let charlie = line_of(&text, Sr25519Keyring::Charlie).expect("Charlie matched");
	assert!(charlie.contains("SDN #39 \"PETROV, Ivan\""));
	assert!(!charlie.contains("score 1.000"), "a fuzzy match: {charlie}");
	let eve = line_of(&text, Sr25519Keyring::Eve).expect("Eve's address matched");
	assert!(eve.contains("  -  SDN #40 \"ROE, Anna\"  score 1.000"));
	assert!(
		eve.contains(&format!("the entry lists this address (DOT {})", ss58(Sr25519Keyring::Eve)))
	);
	// Another John Doe, born another day; a stranger; a vessel's name.
	for who in [Sr25519Keyring::Dave, Sr25519Keyring::Alice, Sr25519Keyring::One] {
		assert_eq!(line_of(&text, who), None, "{who:?} is not a match");
	}
	assert!(text.contains("dry run: would block 4 accounts (0 blocked already), source digest 0x"));
	assert!(text.contains("screened 6 customers against 5 SDN entries"));
	assert!(stderr(&out).is_empty(), "{}", stderr(&out));
	// The same files give the same digest; a changed file another.
	let digest = |o: &Output| {
		stdout(o).lines().last().and_then(|l| l.split("0x").nth(1)).map(str::to_string)
	};
	let again = cli(&dir, &["--dry-run"], &[]);
	assert_eq!(digest(&again), digest(&out));
	std::fs::write(dir.join("ADD.CSV"), "36,201,\"-0- \",\"Tabriz\",\"Iran\",\"-0- \"\r\n")
		.expect("write");
	assert_ne!(digest(&cli(&dir, &["--dry-run"], &[])), digest(&out));
	let _ = std::fs::remove_dir_all(&dir);
}

/// A failing run: exit code 1 and one line on stderr, `expected` in it.
fn refused(out: &Output, expected: &str) {
	assert_eq!(out.status.code(), Some(1), "{}", stdout(out));
	let err = stderr(out);
	let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
	assert_eq!(lines.len(), 1, "one line: {err}");
	assert!(lines[0].contains(expected), "{expected:?} not in {err:?}");
}

#[test]
fn malformed_files_and_missing_arguments_are_refused_with_one_line() {
	let dir = scratch("bad");
	fixtures(&dir);
	let sdn = std::fs::read_to_string(dir.join("SDN.CSV")).expect("read");
	// A row one column short.
	let short = sdn.replacen(",\"DOB 05 May 1985; Digital\"", "", 1);
	std::fs::write(dir.join("SDN.CSV"), &short).expect("write");
	refused(&cli(&dir, &["--dry-run"], &[]), "SDN.CSV, line 5: 11 fields, the format has 12");
	std::fs::write(dir.join("SDN.CSV"), &sdn).expect("write");
	// An alias of no entry.
	std::fs::write(
		dir.join("ALT.CSV"),
		"36,101,\"aka\",\"X\",\"-0- \"\r\n99,102,\"aka\",\"Y\",\"-0- \"\r\n",
	)
	.expect("write");
	refused(&cli(&dir, &["--dry-run"], &[]), "ALT.CSV, line 2: no SDN entry 99");
	std::fs::write(dir.join("ALT.CSV"), "").expect("write");
	// A quote never closed.
	std::fs::write(dir.join("SDN_COMMENTS.CSV"), "40,\"open\r\n").expect("write");
	refused(
		&cli(&dir, &["--dry-run"], &[]),
		"SDN_COMMENTS.CSV, line 1: a quoted field is never closed",
	);
	std::fs::write(dir.join("SDN_COMMENTS.CSV"), "").expect("write");
	// A registry row with a bad account.
	let registry = std::fs::read_to_string(dir.join("registry.csv")).expect("read");
	std::fs::write(dir.join("registry.csv"), format!("{registry}\nnot-an-account,X,,"))
		.expect("write");
	refused(&cli(&dir, &["--dry-run"], &[]), "registry.csv, line 8: account \"not-an-account\"");
	std::fs::write(dir.join("registry.csv"), &registry).expect("write");
	// A real run needs a node and a key.
	refused(&cli(&dir, &[], &[]), "--url is required unless --dry-run");
	refused(&cli(&dir, &["--url", "ws://127.0.0.1:1"], &[]), "no officer key");
	refused(
		&cli(&dir, &["--url", "ws://127.0.0.1:1"], &[("GENEX_OFFICER_SURI", "//Alice")]),
		"cannot reach a node at ws://127.0.0.1:1",
	);
	refused(&cli(&dir, &["--dry-run", "--threshold", "0.2"], &[]), "--threshold 0.2 is outside");
	let _ = std::fs::remove_dir_all(&dir);
}

/// A dev node (killed when dropped) and its WebSocket URL.
struct DevNode {
	process: common::Node,
	url: String,
}

fn start_node() -> DevNode {
	let process = common::Node::start(&["--dev", "--tmp"]);
	DevNode { url: process.ws_url(), process }
}

#[test]
fn a_real_run_blocks_the_matches_once_through_a_compliance_officer() {
	let node = start_node();
	let dir = scratch("node");
	fixtures(&dir);
	let url = node.url.as_str();
	// Wait until the node answers (a dry run reads which matches are blocked).
	let deadline = Instant::now() + Duration::from_secs(90);
	let first = loop {
		let out = cli(&dir, &["--dry-run", "--url", url], &[]);
		if out.status.success() {
			break out;
		}
		assert!(Instant::now() < deadline, "the node never answered: {}", stderr(&out));
		std::thread::sleep(Duration::from_millis(500));
	};
	assert!(stdout(&first).contains("dry run: would block 4 accounts (0 blocked already)"));
	// Ferdie, a matched customer, bids for a unit of the demo series at 40 GUSD: it rests.
	let order = |side, who| {
		let call = genex_runtime::RuntimeCall::Market(pallet_market::Call::place_order {
			series: 0,
			order: pallet_market::OrderRequest {
				side,
				price: 40 * genex_primitives::STABLECOIN_UNIT,
				units: 1,
				time_in_force: pallet_market::TimeInForce::GoodTillCancelled,
				post_only: false,
			},
		});
		let sent = node.process.submit_signed(call, who);
		assert!(sent["result"].is_string(), "{sent}");
	};
	let orders_of = |n: &common::Node, who: Sr25519Keyring, count: usize| {
		n.rpc("genex_openOrders", &format!("[\"{}\"]", ss58(who)))
			.filter(|orders| orders.as_array().is_some_and(|o| o.len() == count))
	};
	order(pallet_market::Side::Buy, Sr25519Keyring::Ferdie);
	assert!(
		node.process
			.wait_for(Duration::from_secs(60), |n| orders_of(n, Sr25519Keyring::Ferdie, 1))
			.is_some(),
		"Ferdie's bid rests within 60 s"
	);
	// Dave is not a compliance officer.
	refused(
		&cli(&dir, &["--url", url], &[("GENEX_OFFICER_SURI", "//Dave")]),
		&format!("{} is not a compliance officer", ss58(Sr25519Keyring::Dave)),
	);
	// Alice is (the dev chain's platform officer); the key from a file.
	let key = dir.join("officer.key");
	std::fs::write(&key, "//Alice\n").expect("write");
	let out = cli(&dir, &["--url", url, "--key-file", &key.display().to_string()], &[]);
	assert!(out.status.success(), "{}", stderr(&out));
	assert!(stdout(&out).contains("blocked 4 accounts in list versions ["), "{}", stdout(&out));
	// Dave asks at Ferdie's price: the block's auction meets Ferdie's bid, refuses the blocked
	// owner and cancels it (releasing what it froze); no trade, Dave's ask rests.
	order(pallet_market::Side::Sell, Sr25519Keyring::Dave);
	assert!(
		node.process
			.wait_for(Duration::from_secs(60), |n| orders_of(n, Sr25519Keyring::Ferdie, 0))
			.is_some(),
		"the auction cancelled the blocked customer's bid"
	);
	assert!(
		node.process
			.wait_for(Duration::from_secs(30), |n| orders_of(n, Sr25519Keyring::Dave, 1))
			.is_some(),
		"Dave's ask rests, untraded"
	);
	// Run again: nothing new to submit.
	let out = cli(&dir, &["--url", url], &[("GENEX_OFFICER_SURI", "//Alice")]);
	assert!(out.status.success(), "{}", stderr(&out));
	assert!(
		stdout(&out).contains("nothing to submit: every matched account is blocked already (4)"),
		"{}",
		stdout(&out)
	);
	let _ = std::fs::remove_dir_all(&dir);
}
