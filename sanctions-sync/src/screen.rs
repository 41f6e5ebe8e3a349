//! Screening the registry against the SDN list.
//!
//! **Names.** Every SDN name and alias of a person or entity (vessels and aircraft are not
//! customers) is split into words ([`crate::tokens`]), legal forms (LTD, LLC, …) left out. A
//! customer's name is compared word by word: each word of the shorter name takes its best
//! Jaro–Winkler similarity among the longer name's words, weighted by the word's length (0.8
//! of the score), and the share of the longer name's words found in the shorter makes the
//! rest (0.2); a one-word customer name against a longer one scores at most 0.9 of that (a
//! first name alone is not a match). Word order does not matter ("DOE, John" is "John Doe");
//! one missing middle name of three costs a little, two of four more than the default
//! threshold allows.
//!
//! **Speed.** Candidates come from a deletion-neighbourhood index of the list's distinct words
//! (each word with up to two letters deleted from eight letters on, one from four, none for
//! shorter ones): a customer's word meets the list's words within about two edits (a typo, a
//! transliteration such as MOHAMMED / MUHAMMAD), once per distinct word in the registry
//! (cached), and only those are compared by Jaro–Winkler. A name is scored only when at least
//! two of the customer's words (one for a one-word name) found a similar word in it. A variant
//! further than that from every listed spelling is not found: the dry run is for an officer to
//! review, not the only screen.
//!
//! **Dates and countries.** When both the customer and a person's entry have dates of birth, a
//! date that fits none of the entry's means a different person: no match. A country is a
//! reason shown, not a filter (people move).
//!
//! **Addresses.** A digital-currency address in the SDN remarks that is an SS58 account (this
//! chain's accounts) is a match with score 1.0, customer or not.

use crate::{
	ofac::{Kind, List},
	registry::Customer,
	tokens,
};
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use std::collections::HashMap;
use strsim::jaro_winkler;

/// Default score a name match must reach.
pub const DEFAULT_THRESHOLD: f64 = 0.92;

/// Least similarity for a customer's word to count toward a candidate.
const WORD_FLOOR: f64 = 0.84;

/// Legal forms, left out of names on both sides: "CIMEX" is "Cimex Ltd".
const LEGAL_FORMS: [&str; 24] = [
	"AG",
	"BV",
	"CO",
	"COMPANY",
	"CORP",
	"CORPORATION",
	"FZE",
	"FZCO",
	"GMBH",
	"INC",
	"INCORPORATED",
	"JSC",
	"LIMITED",
	"LLC",
	"LLP",
	"LTD",
	"OAO",
	"OJSC",
	"OOO",
	"PJSC",
	"PLC",
	"SA",
	"SARL",
	"ZAO",
];

/// The words of `name` that are compared: [`tokens`] without legal forms and repeats.
fn name_words(name: &str) -> Vec<String> {
	let mut seen = std::collections::HashSet::new();
	let all = tokens(name);
	let kept: Vec<String> = all
		.iter()
		.filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
		.filter(|w| seen.insert((*w).clone()))
		.cloned()
		.collect();
	// A name that is only a legal form keeps its words.
	if kept.is_empty() {
		all
	} else {
		kept
	}
}

/// One match: an account to block, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
	/// The account.
	pub account: AccountId32,
	/// The customer's name and registry line (`None` for an SDN address of no customer).
	pub customer: Option<(String, usize)>,
	/// The SDN entry's number.
	pub entry: u32,
	/// The SDN entry's name.
	pub entry_name: String,
	/// The score, 0.0–1.0.
	pub score: f64,
	/// Why, in words.
	pub why: Vec<String>,
}

impl Match {
	/// The match as one line: account, customer, SDN entry, score and why.
	pub fn line(&self) -> String {
		let customer = self
			.customer
			.as_ref()
			.map(|(n, line)| format!("{n:?} (registry line {line})"))
			.unwrap_or_else(|| "-".to_string());
		format!(
			"{}  {customer}  SDN #{} {:?}  score {:.3}  why: {}",
			self.account.to_ss58check(),
			self.entry,
			self.entry_name,
			self.score,
			self.why.join("; ")
		)
	}
}

/// One name (or alias) of an entry, as words.
struct Name {
	entry: u32,
	text: String,
	alias: Option<String>,
	words: Vec<u32>,
}

/// The list indexed for screening.
pub struct Index<'a> {
	list: &'a List,
	names: Vec<Name>,
	words: Vec<String>,
	/// Word id → the names holding it.
	postings: Vec<Vec<u32>>,
	/// Hash of a word with up to [`deletions`] letters deleted → the word ids it comes from
	/// (a deletion neighbourhood: two words within that many edits share a key).
	neighbours: HashMap<u64, Vec<u32>>,
}

/// How many letters of a word of `len` letters may be deleted to find a similar word: none
/// for three letters or fewer, one up to seven (a typo), two from eight (transliterations
/// such as MOHAMMED / MUHAMMAD).
fn deletions(len: usize) -> usize {
	match len {
		0..=3 => 0,
		4..=7 => 1,
		_ => 2,
	}
}

/// Hashes of `word` with up to `deletions(len)` letters deleted, itself included (no
/// repeats). ASCII words only ([`crate::tokens`] makes them so).
fn variants(word: &str) -> Vec<u64> {
	use std::hash::{Hash, Hasher};
	let hash = |w: &[u8]| {
		let mut h = std::collections::hash_map::DefaultHasher::new();
		w.hash(&mut h);
		h.finish()
	};
	let bytes = word.as_bytes();
	let mut out = vec![hash(bytes)];
	let mut frontier = vec![bytes.to_vec()];
	for _ in 0..deletions(bytes.len()) {
		let mut next = Vec::new();
		for w in &frontier {
			for i in 0..w.len() {
				let mut shorter = w.clone();
				shorter.remove(i);
				if !shorter.is_empty() {
					next.push(shorter);
				}
			}
		}
		// Deleting equal neighbours gives equal words: drop repeats before going deeper.
		next.sort_unstable();
		next.dedup();
		out.extend(next.iter().map(|w| hash(w)));
		frontier = next;
	}
	out.sort_unstable();
	out.dedup();
	out
}

impl<'a> Index<'a> {
	/// Index `list`'s names and aliases of people and entities.
	pub fn new(list: &'a List) -> Self {
		let mut index = Index {
			list,
			names: Vec::new(),
			words: Vec::new(),
			postings: Vec::new(),
			neighbours: HashMap::new(),
		};
		let mut ids: HashMap<String, u32> = HashMap::new();
		for entry in list.entries.values() {
			if matches!(entry.kind, Kind::Vessel | Kind::Aircraft) {
				continue;
			}
			let all = std::iter::once((None, &entry.name))
				.chain(entry.aliases.iter().map(|(kind, name)| (Some(kind.clone()), name)));
			for (alias, text) in all {
				let name_id = u32::try_from(index.names.len()).unwrap_or(u32::MAX);
				let mut words = Vec::new();
				for w in name_words(text) {
					let id = *ids.entry(w.clone()).or_insert_with(|| {
						let id = u32::try_from(index.words.len()).unwrap_or(u32::MAX);
						for key in variants(&w) {
							index.neighbours.entry(key).or_default().push(id);
						}
						index.words.push(w);
						index.postings.push(Vec::new());
						id
					});
					if !words.contains(&id) {
						words.push(id);
						if let Some(p) = index.postings.get_mut(id as usize) {
							p.push(name_id);
						}
					}
				}
				if !words.is_empty() {
					index.names.push(Name {
						entry: entry.number,
						text: text.clone(),
						alias,
						words,
					});
				}
			}
		}
		index
	}

	/// The list's words similar to `word`: (word id, similarity). Candidates share a
	/// deletion-neighbourhood key with it; each is kept if Jaro–Winkler reaches the floor.
	fn similar(&self, word: &str) -> Vec<(u32, f64)> {
		let mut candidates: Vec<u32> = variants(word)
			.iter()
			.filter_map(|k| self.neighbours.get(k))
			.flatten()
			.copied()
			.collect();
		candidates.sort_unstable();
		candidates.dedup();
		candidates
			.into_iter()
			.filter_map(|id| {
				let other = self.words.get(id as usize)?;
				if other.len().abs_diff(word.len()) > 2 {
					return None;
				}
				let s = jaro_winkler(word, other);
				(s >= WORD_FLOOR).then_some((id, s))
			})
			.collect()
	}

	/// Screen `customers` at `threshold`; then every SDN address that is an account. Sorted
	/// by account, then entry.
	pub fn screen(&self, customers: &[Customer], threshold: f64) -> Vec<Match> {
		let mut cache: HashMap<String, Vec<(u32, f64)>> = HashMap::new();
		// Per name, a bit per customer word that found a similar word in it; the names
		// touched, to reset only those.
		let mut hits: Vec<u32> = vec![0; self.names.len()];
		let mut touched: Vec<u32> = Vec::new();
		let mut out = Vec::new();
		for customer in customers {
			let mut words = name_words(&customer.full_name);
			words.truncate(32);
			for name in touched.drain(..) {
				if let Some(h) = hits.get_mut(name as usize) {
					*h = 0;
				}
			}
			for (i, w) in words.iter().enumerate() {
				let similar = cache.entry(w.clone()).or_insert_with(|| self.similar(w));
				for (id, _) in similar.iter() {
					for name in self.postings.get(*id as usize).into_iter().flatten() {
						if let Some(h) = hits.get_mut(*name as usize) {
							if *h == 0 {
								touched.push(*name);
							}
							*h |= 1u32 << i;
						}
					}
				}
			}
			// The best name of each entry that reached the threshold.
			let mut best: HashMap<u32, (f64, &Name)> = HashMap::new();
			for name_id in &touched {
				let mask = hits.get(*name_id as usize).copied().unwrap_or_default();
				let Some(name) = self.names.get(*name_id as usize) else { continue };
				let needed = words.len().min(name.words.len()).min(2);
				if (mask.count_ones() as usize) < needed {
					continue;
				}
				let score = self.score(&words, name);
				if score >= threshold && best.get(&name.entry).is_none_or(|(s, _)| score > *s) {
					best.insert(name.entry, (score, name));
				}
			}
			for (entry, (score, name)) in best {
				if let Some(m) = self.judge(customer, entry, score, name) {
					out.push(m);
				}
			}
		}
		out.extend(self.addresses(customers));
		out.sort_by(|a, b| a.account.cmp(&b.account).then(a.entry.cmp(&b.entry)));
		out
	}

	/// Word-by-word similarity of a customer's `words` and `name`: 0.8 × the similarity of
	/// the shorter name's words (each its best in the longer, weighted by length) + 0.2 × the
	/// share of the longer name's words that found a similar word (so "Ali Hassan" is not
	/// every entry holding both words); a one-word customer name against a longer one scores
	/// at most 0.9 of that.
	// A similarity score between names (Jaro-Winkler), not an amount: floats are the measure.
	#[allow(clippy::float_arithmetic)]
	fn score(&self, words: &[String], name: &Name) -> f64 {
		let theirs: Vec<&str> = name
			.words
			.iter()
			.filter_map(|id| self.words.get(*id as usize))
			.map(String::as_str)
			.collect();
		let ours: Vec<&str> = words.iter().map(String::as_str).collect();
		let one_word_customer = ours.len() == 1 && theirs.len() > 1;
		let (short, long) =
			if ours.len() <= theirs.len() { (ours, theirs) } else { (theirs, ours) };
		let best =
			|w: &str, among: &[&str]| among.iter().map(|o| jaro_winkler(w, o)).fold(0.0, f64::max);
		let mut total = 0.0;
		let mut weight = 0.0;
		for w in &short {
			total += best(w, &long) * w.len() as f64;
			weight += w.len() as f64;
		}
		let similarity = if weight > 0.0 { total / weight } else { 0.0 };
		let covered = long.iter().filter(|w| best(w, &short) >= WORD_FLOOR).count();
		let coverage = if long.is_empty() { 0.0 } else { covered as f64 / long.len() as f64 };
		let score = 0.8 * similarity + 0.2 * coverage;
		if one_word_customer {
			score * 0.9
		} else {
			score
		}
	}

	/// A name match of `customer` with `entry`, after its dates of birth; with the reasons.
	fn judge(&self, customer: &Customer, entry: u32, score: f64, name: &Name) -> Option<Match> {
		let e = self.list.entries.get(&entry)?;
		let mut why = vec![match &name.alias {
			Some(kind) => format!("name {score:.3} against {kind} {:?}", name.text),
			None => format!("name {score:.3}"),
		}];
		// Dates rule a person out only when every date of the entry parsed.
		if let (Some(dob), false) = (customer.dob, e.dobs.is_empty() || e.dob_unparsed) {
			if e.kind == Kind::Individual {
				if !e.dobs.iter().any(|d| d.fits(dob)) {
					return None;
				}
				why.push(format!(
					"born {:04}-{:02}-{:02}, as the entry's DOB",
					dob.0, dob.1, dob.2
				));
			}
		}
		if let (Some(country), false) = (&customer.country, e.countries.is_empty()) {
			let listed = e.countries.join(", ");
			if e.countries.iter().any(|c| c == country) {
				why.push(format!("country {country} among the entry's ({listed})"));
			} else {
				why.push(format!("country {country} not among the entry's ({listed})"));
			}
		}
		why.push(format!("program {}", e.program));
		Some(Match {
			account: customer.account.clone(),
			customer: Some((customer.full_name.clone(), customer.line)),
			entry,
			entry_name: e.name.clone(),
			score,
			why,
		})
	}

	/// Every digital-currency address of the list that is an SS58 account.
	fn addresses(&self, customers: &[Customer]) -> Vec<Match> {
		let mut out = Vec::new();
		for e in self.list.entries.values() {
			for (code, address) in &e.currency_addresses {
				let Ok(account) = AccountId32::from_ss58check(address) else { continue };
				let customer = customers
					.iter()
					.find(|c| c.account == account)
					.map(|c| (c.full_name.clone(), c.line));
				out.push(Match {
					account,
					customer,
					entry: e.number,
					entry_name: e.name.clone(),
					score: 1.0,
					why: vec![
						format!("the entry lists this address ({code} {address})"),
						format!("program {}", e.program),
					],
				});
			}
		}
		out
	}
}

/// The distinct accounts of `matches`, in order.
pub fn accounts(matches: &[Match]) -> Vec<AccountId32> {
	let mut out: Vec<AccountId32> = matches.iter().map(|m| m.account.clone()).collect();
	out.dedup();
	out
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::ofac::{Dob, Entry};
	use std::collections::BTreeMap;

	fn entry(number: u32, name: &str, kind: Kind, dobs: Vec<Dob>) -> Entry {
		Entry {
			number,
			name: name.into(),
			kind,
			program: "SDGT".into(),
			aliases: Vec::new(),
			remarks: String::new(),
			dobs,
			dob_unparsed: false,
			countries: Vec::new(),
			currency_addresses: Vec::new(),
		}
	}

	fn customer(n: u8, name: &str, dob: Option<(u16, u8, u8)>) -> Customer {
		Customer {
			line: usize::from(n) + 1,
			account: AccountId32::new([n; 32]),
			full_name: name.into(),
			dob,
			country: None,
		}
	}

	fn found(list: &List, customers: &[Customer]) -> Vec<(u8, u32)> {
		Index::new(list)
			.screen(customers, DEFAULT_THRESHOLD)
			.iter()
			.map(|m| (AsRef::<[u8; 32]>::as_ref(&m.account)[0], m.entry))
			.collect()
	}

	#[test]
	fn typos_transliterations_and_word_order_match_and_strangers_do_not() {
		let born = Dob { from_year: 1970, to_year: 1970, month: Some(1), day: Some(12) };
		let list = List {
			entries: BTreeMap::from([
				(1, entry(1, "AL-MASRI, Mohammed Hassan", Kind::Individual, vec![born])),
				(2, entry(2, "GOLDEN CRESCENT TRADING LLC", Kind::Entity, vec![])),
				(3, entry(3, "OCEAN PEARL", Kind::Vessel, vec![])),
			]),
			digest: [0; 32],
		};
		let customers = [
			// A transliteration and another word order.
			customer(1, "Muhammad Hassan Al Masri", Some((1970, 1, 12))),
			// A typo in the first letter.
			customer(2, "Golden Krescent Trading", None),
			// The same name, born another day: another person.
			customer(3, "Mohammed Hassan Al-Masri", Some((1981, 6, 1))),
			// One shared first name is not a match.
			customer(4, "Mohammed", None),
			// A vessel's name is not screened; a stranger does not match.
			customer(5, "Ocean Pearl", None),
			customer(6, "Maria Gonzalez", None),
		];
		assert_eq!(found(&list, &customers), vec![(1, 1), (2, 2)]);
	}

	#[test]
	fn the_deletion_neighbourhood_meets_words_within_its_edits() {
		let shared = |a: &str, b: &str| variants(a).iter().any(|k| variants(b).contains(k));
		assert!(shared("MOHAMMED", "MUHAMMAD"));
		assert!(shared("CRESCENT", "KRESCENT"));
		assert!(shared("PETROV", "PETROF"));
		assert!(!shared("AL", "AB"), "two letters: exact only");
		assert!(!shared("SMITH", "JONES"));
	}
}
