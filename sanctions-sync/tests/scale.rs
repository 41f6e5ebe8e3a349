//! Screening at the size of OFAC's real list against a large registry: 18,000 SDN entries with
//! 8,000 aliases against 100,000 customers, 50 of them planted as (misspelt) listed names.
//! Ignored by default (it measures; it asserts only what it finds): run it with
//! `cargo test --release -p genex-sanctions-sync --test scale -- --ignored --nocapture`.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

use genex_sanctions_sync::{
	ofac::{Entry, Kind, List},
	registry::Customer,
	screen::{Index, DEFAULT_THRESHOLD},
};
use polkadot_sdk::sp_core::crypto::AccountId32;
use std::{collections::BTreeMap, time::Instant};

/// A deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn below(&mut self, n: usize) -> usize {
		(self.next() % n as u64) as usize
	}
}

/// Syllables of names: consonant, vowel, and an optional closing consonant (400 of them).
fn syllables() -> Vec<String> {
	let mut out = Vec::new();
	for c in "BCDFGHKLMNPRSTVZ".chars() {
		for v in "AEIOU".chars() {
			for end in ["", "N", "R", "S", "L"] {
				out.push(format!("{c}{v}{end}"));
			}
		}
	}
	out
}

fn word(rng: &mut Rng) -> String {
	thread_local!(static S: Vec<String> = syllables());
	S.with(|s| (0..2 + rng.below(2)).map(|_| s[rng.below(s.len())].clone()).collect())
}

/// Words that real lists and registries share by the thousand.
const COMMON: [&str; 12] = [
	"AL",
	"MOHAMMED",
	"ABDUL",
	"HASSAN",
	"ALI",
	"AHMED",
	"BIN",
	"IBN",
	"TRADING",
	"GROUP",
	"INTERNATIONAL",
	"IVANOV",
];

/// Two or three words; a third of names hold a common one.
fn name(rng: &mut Rng) -> String {
	let mut words: Vec<String> = (0..2 + rng.below(2)).map(|_| word(rng)).collect();
	if rng.below(3) == 0 {
		let at = rng.below(words.len());
		words[at] = COMMON[rng.below(COMMON.len())].to_string();
	}
	words.join(" ")
}

#[test]
#[ignore]
fn screening_a_hundred_thousand_customers_takes_seconds() {
	let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
	let mut entries = BTreeMap::new();
	for n in 0..18_000u32 {
		let aliases = if n % 3 == 0 { vec![("aka".to_string(), name(&mut rng))] } else { vec![] };
		let aliases = if n % 9 == 0 {
			let mut a = aliases;
			a.push(("fka".to_string(), name(&mut rng)));
			a
		} else {
			aliases
		};
		entries.insert(
			n,
			Entry {
				number: n,
				name: name(&mut rng),
				kind: if n % 4 == 0 { Kind::Entity } else { Kind::Individual },
				program: "SDGT".into(),
				aliases,
				remarks: String::new(),
				dobs: Vec::new(),
				dob_unparsed: false,
				countries: Vec::new(),
				currency_addresses: Vec::new(),
			},
		);
	}
	let list = List { entries, digest: [0; 32] };
	let mut customers: Vec<Customer> = (0..100_000u32)
		.map(|i| {
			let mut raw = [0u8; 32];
			raw[..4].copy_from_slice(&i.to_le_bytes());
			Customer {
				line: i as usize + 2,
				account: AccountId32::new(raw),
				full_name: if i % 3 == 0 {
					format!("{} {}", COMMON[rng.below(COMMON.len())], word(&mut rng))
				} else {
					format!("{} {}", word(&mut rng), word(&mut rng))
				},
				dob: None,
				country: None,
			}
		})
		.collect();
	// Plant 50 listed names, each with a typo.
	for k in 0..50usize {
		let entry = &list.entries[&((k * 331) as u32)];
		// The typo in its longest word (a short word must be spelt as listed).
		let mut words: Vec<String> = entry.name.split(' ').map(str::to_string).collect();
		if let Some(longest) = words.iter_mut().max_by_key(|w| w.len()) {
			longest.pop();
			longest.push('X');
		}
		customers[k * 1_999].full_name = words.join(" ");
	}
	let started = Instant::now();
	let index = Index::new(&list);
	let indexed = started.elapsed();
	let matches = index.screen(&customers, DEFAULT_THRESHOLD);
	let total = started.elapsed();
	let found = (0..50usize)
		.filter(|k| {
			matches.iter().any(|m| {
				m.entry == (k * 331) as u32
					&& m.customer.as_ref().is_some_and(|(_, l)| *l == k * 1_999 + 2)
			})
		})
		.count();
	println!(
		"18,000 entries (+{} aliases) x 100,000 customers: index {:.2}s, screen {:.2}s, {} matches, {found}/50 planted found",
		list.entries.values().map(|e| e.aliases.len()).sum::<usize>(),
		indexed.as_secs_f64(),
		(total - indexed).as_secs_f64(),
		matches.len()
	);
	assert_eq!(found, 50, "every planted name is found");
}
