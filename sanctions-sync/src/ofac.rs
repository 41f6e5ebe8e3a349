//! OFAC's SDN list in its published CSV formats (no header row; `-0-` for an empty field):
//!
//! - `SDN.CSV`: `ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
//!   GRT, Vess_flag, Vess_owner, Remarks`;
//! - `ALT.CSV`: `ent_num, alt_num, alt_type, alt_name, alt_remarks` (aliases: aka, fka, nka);
//! - `ADD.CSV`: `ent_num, add_num, address, city_state_province_postal, country, add_remarks`;
//! - `SDN_COMMENTS.CSV`: `ent_num, remarks_extended` (the rest of a `Remarks` field too long
//!   for `SDN.CSV`).
//!
//! From the remarks it takes the dates of birth (`DOB 12 Jan 1970`, `DOB Jan 1970`, `DOB 1970`,
//! `DOB circa 1970`, `DOB 1968 to 1970`), nationality and citizenship, and the digital-currency
//! addresses (`Digital Currency Address - XBT 1A1z…`).

use crate::{country_code, csv, fail, Result};
use polkadot_sdk::sp_crypto_hashing::blake2_256;
use std::{collections::BTreeMap, path::Path};

/// What an SDN entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
	/// A person.
	Individual,
	/// A company, organisation or other entity (`-0-` in the type column).
	Entity,
	/// A ship.
	Vessel,
	/// An aircraft.
	Aircraft,
}

/// A date of birth as the SDN remarks give it: a year or a span of years, with the month and
/// day when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dob {
	/// First year it may be.
	pub from_year: u16,
	/// Last year it may be.
	pub to_year: u16,
	/// The month (1–12), when given.
	pub month: Option<u8>,
	/// The day, when given.
	pub day: Option<u8>,
}

impl Dob {
	/// Whether the date `year-month-day` fits.
	pub fn fits(&self, (year, month, day): (u16, u8, u8)) -> bool {
		(self.from_year..=self.to_year).contains(&year)
			&& self.month.is_none_or(|m| m == month)
			&& self.day.is_none_or(|d| d == day)
	}
}

/// One SDN entry with its aliases, addresses and what its remarks say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
	/// `ent_num`.
	pub number: u32,
	/// `SDN_Name`.
	pub name: String,
	/// `SDN_Type`.
	pub kind: Kind,
	/// `Program`.
	pub program: String,
	/// Aliases (`ALT.CSV`), with their type (aka, fka, nka).
	pub aliases: Vec<(String, String)>,
	/// The remarks (`SDN.CSV` and `SDN_COMMENTS.CSV` joined).
	pub remarks: String,
	/// Dates of birth from the remarks.
	pub dobs: Vec<Dob>,
	/// Whether a `DOB` item of the remarks did not parse (then no date rules a match out).
	pub dob_unparsed: bool,
	/// ISO codes of the countries named: addresses, nationality, citizenship.
	pub countries: Vec<&'static str>,
	/// Digital-currency addresses from the remarks: (currency code, address).
	pub currency_addresses: Vec<(String, String)>,
}

/// The SDN list loaded from its files.
#[derive(Debug, Clone)]
pub struct List {
	/// Its entries by `ent_num`.
	pub entries: BTreeMap<u32, Entry>,
	/// Digest of the source files: blake2-256 over the blake2-256 of each file given, in the
	/// order SDN, ALT, ADD, COMMENTS (a missing file contributes 32 zero bytes) — what the
	/// chain records as the list's source.
	pub digest: [u8; 32],
}

/// Where the list's files are (`sdn` required).
#[derive(Debug, Clone, Default)]
pub struct Files<'a> {
	/// `SDN.CSV`.
	pub sdn: Option<&'a Path>,
	/// `ALT.CSV`.
	pub alt: Option<&'a Path>,
	/// `ADD.CSV`.
	pub add: Option<&'a Path>,
	/// `SDN_COMMENTS.CSV`.
	pub comments: Option<&'a Path>,
}

/// The field of an empty column.
const NULL: &str = "-0-";

fn value(field: &str) -> String {
	let v = field.trim();
	if v == NULL {
		String::new()
	} else {
		v.to_string()
	}
}

/// Windows-1252 (a superset of Latin-1 that Windows exports use): bytes 0x80–0x9F are
/// typographic marks there (’ – …), control characters in Latin-1.
fn windows_1252(b: u8) -> char {
	const HIGH: [char; 32] = [
		'€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
		'\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
		'ž', 'Ÿ',
	];
	match b {
		0x80..=0x9f => {
			HIGH.get(usize::from(b).saturating_sub(0x80)).copied().unwrap_or(char::from(b))
		},
		_ => char::from(b),
	}
}

/// Read `path`: its text (UTF-8, or else Windows-1252 / Latin-1: OFAC publishes ASCII and
/// Latin-1) and the blake2-256 of its bytes.
fn read(path: &Path) -> Result<(String, [u8; 32])> {
	let bytes = std::fs::read(path)
		.map_err(|e| crate::Error(format!("cannot read {}: {e}", path.display())))?;
	let digest = blake2_256(&bytes);
	let text = match String::from_utf8(bytes) {
		Ok(t) => t,
		Err(e) => e.into_bytes().iter().map(|b| windows_1252(*b)).collect(),
	};
	// A byte-order mark, and OFAC's end-of-file mark wherever the last line ends.
	let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
	let text = text.trim_end_matches(['\u{1a}', '\r', '\n']).to_string();
	Ok((text, digest))
}

fn name_of(path: &Path) -> String {
	path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The records of `path` with exactly `columns` fields each, and the file's digest.
fn table(path: &Path, columns: usize) -> Result<(Vec<csv::Record>, [u8; 32])> {
	let (text, digest) = read(path)?;
	let file = name_of(path);
	let records = csv::records(&file, &text)?;
	for r in &records {
		if r.fields.len() != columns {
			fail!("{file}, line {}: {} fields, the format has {columns}", r.line, r.fields.len());
		}
	}
	Ok((records, digest))
}

fn number(file: &str, r: &csv::Record) -> Result<u32> {
	let text = r.fields.first().map(|f| f.trim()).unwrap_or_default();
	match text.parse() {
		Ok(n) => Ok(n),
		Err(_) => fail!("{file}, line {}: entry number {text:?} is not a number", r.line),
	}
}

/// Field `i` untrimmed (empty if it is `-0-`): remarks are split across files mid-text.
fn raw(r: &csv::Record, i: usize) -> String {
	let f = r.fields.get(i).map(String::as_str).unwrap_or_default();
	if f.trim() == NULL {
		String::new()
	} else {
		f.to_string()
	}
}

fn field(r: &csv::Record, i: usize) -> String {
	r.fields.get(i).map(|f| value(f)).unwrap_or_default()
}

/// Load the list from `files`.
pub fn load(files: &Files) -> Result<List> {
	let Some(sdn_path) = files.sdn else { fail!("the SDN file (SDN.CSV) is required") };
	let (sdn, sdn_digest) = table(sdn_path, 12)?;
	let file = name_of(sdn_path);
	let mut entries = BTreeMap::new();
	for r in &sdn {
		let number = number(&file, r)?;
		let name = field(r, 1);
		if name.is_empty() {
			fail!("{file}, line {}: entry {number} has no name", r.line);
		}
		let kind = match field(r, 2).to_ascii_lowercase().as_str() {
			"individual" => Kind::Individual,
			"vessel" => Kind::Vessel,
			"aircraft" => Kind::Aircraft,
			"" | "entity" => Kind::Entity,
			other => fail!("{file}, line {}: unknown SDN type {other:?}", r.line),
		};
		let entry = Entry {
			number,
			name,
			kind,
			program: field(r, 3),
			aliases: Vec::new(),
			remarks: raw(r, 11),
			dobs: Vec::new(),
			dob_unparsed: false,
			countries: Vec::new(),
			currency_addresses: Vec::new(),
		};
		if entries.insert(number, entry).is_some() {
			fail!("{file}, line {}: entry {number} appears twice", r.line);
		}
	}
	let mut digests = vec![sdn_digest];
	// Aliases, addresses and comments must name an entry of SDN.CSV.
	let mut each = |path: Option<&Path>,
	                columns: usize,
	                apply: &mut dyn FnMut(&mut Entry, &csv::Record)|
	 -> Result<()> {
		let Some(path) = path else {
			digests.push([0u8; 32]);
			return Ok(());
		};
		let (records, digest) = table(path, columns)?;
		digests.push(digest);
		let file = name_of(path);
		for r in &records {
			let n = number(&file, r)?;
			let Some(entry) = entries.get_mut(&n) else {
				fail!("{file}, line {}: no SDN entry {n}", r.line);
			};
			apply(entry, r);
		}
		Ok(())
	};
	each(files.alt, 5, &mut |e, r| {
		let alias = field(r, 3);
		if !alias.is_empty() {
			e.aliases.push((field(r, 2), alias));
		}
	})?;
	each(files.add, 6, &mut |e, r| {
		if let Some(code) = country_code(&field(r, 4)) {
			if !e.countries.contains(&code) {
				e.countries.push(code);
			}
		}
	})?;
	each(files.comments, 2, &mut |e, r| {
		// The continuation as written: OFAC splits the remarks anywhere, even inside a word
		// or just before a space.
		let more = raw(r, 1);
		if !more.is_empty() {
			e.remarks.push_str(&more);
		}
	})?;
	for entry in entries.values_mut() {
		read_remarks(entry);
	}
	let joined: Vec<u8> = digests.concat();
	Ok(List { entries, digest: blake2_256(&joined) })
}

/// Take the dates of birth, nationality, citizenship and digital-currency addresses from the
/// entry's remarks (free text: what does not parse is left in the remarks).
fn read_remarks(entry: &mut Entry) {
	let remarks = entry.remarks.clone();
	for item in remarks.split(';') {
		let item = item.trim().trim_end_matches('.');
		let item = item.strip_prefix("alt. ").unwrap_or(item).trim();
		if let Some(rest) = item.strip_prefix("DOB ") {
			match parse_dob(rest) {
				Some(dob) => entry.dobs.push(dob),
				None => entry.dob_unparsed = true,
			}
		} else if let Some(rest) =
			item.strip_prefix("nationality ").or_else(|| item.strip_prefix("citizen "))
		{
			if let Some(code) = country_code(rest) {
				if !entry.countries.contains(&code) {
					entry.countries.push(code);
				}
			}
		} else if let Some(rest) = item.strip_prefix("Digital Currency Address - ") {
			let mut parts = rest.split_whitespace();
			if let (Some(code), Some(address)) = (parts.next(), parts.next()) {
				entry.currency_addresses.push((code.to_string(), address.to_string()));
			}
		}
	}
}

const MONTHS: [&str; 12] =
	["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/// `12 Jan 1970`, `Jan 1970`, `1970`, `circa 1970`, `1968 to 1970`, `01 Jan 1960 to 1962`.
pub fn parse_dob(text: &str) -> Option<Dob> {
	let text = text.trim();
	let (circa, text) = match text.strip_prefix("circa ") {
		Some(rest) => (true, rest),
		None => (false, text),
	};
	if let Some((a, b)) = text.split_once(" to ") {
		let from = parse_date(a)?;
		let to = parse_date(b)?;
		return Some(Dob { from_year: from.0, to_year: to.0, month: None, day: None });
	}
	let (year, month, day) = parse_date(text)?;
	// "circa": a year either side.
	let (from_year, to_year) =
		if circa { (year.saturating_sub(1), year.saturating_add(1)) } else { (year, year) };
	Some(Dob { from_year, to_year, month: if circa { None } else { month }, day })
}

/// `12 Jan 1970` → (1970, Some(1), Some(12)); `Jan 1970`; `1970`.
fn parse_date(text: &str) -> Option<(u16, Option<u8>, Option<u8>)> {
	let parts: Vec<&str> = text.split_whitespace().collect();
	let year = |y: &str| y.parse::<u16>().ok().filter(|y| (1800..=2200).contains(y));
	let month = |m: &str| {
		let m = m.to_ascii_uppercase();
		MONTHS
			.iter()
			.position(|n| m.starts_with(n))
			.and_then(|i| u8::try_from(i).ok())
			.map(|i| i.saturating_add(1))
	};
	match parts.as_slice() {
		[y] => Some((year(y)?, None, None)),
		[m, y] => Some((year(y)?, Some(month(m)?), None)),
		[d, m, y] => {
			let day = d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?;
			Some((year(y)?, Some(month(m)?), Some(day)))
		},
		_ => None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dates_of_birth_in_the_forms_ofac_writes_them() {
		let d = |from_year, to_year, month, day| Dob { from_year, to_year, month, day };
		assert_eq!(parse_dob("12 Jan 1970"), Some(d(1970, 1970, Some(1), Some(12))));
		assert_eq!(parse_dob("Aug 1965"), Some(d(1965, 1965, Some(8), None)));
		assert_eq!(parse_dob("1958"), Some(d(1958, 1958, None, None)));
		assert_eq!(parse_dob("circa 1960"), Some(d(1959, 1961, None, None)));
		assert_eq!(parse_dob("1968 to 1970"), Some(d(1968, 1970, None, None)));
		assert_eq!(parse_dob("01 Jan 1960 to 31 Dec 1962"), Some(d(1960, 1962, None, None)));
		assert_eq!(parse_dob("unknown"), None);
		assert!(d(1970, 1970, Some(1), Some(12)).fits((1970, 1, 12)));
		assert!(!d(1970, 1970, Some(1), Some(12)).fits((1970, 1, 13)));
		assert!(d(1968, 1970, None, None).fits((1969, 5, 5)));
	}
}
