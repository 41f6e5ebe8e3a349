//! The platform's customer registry: a CSV the KYC provider keeps off chain, with the header
//! `account,full_name,date_of_birth,country` — the account in SS58, the full name, the date
//! of birth as an ISO date (`1970-01-12`, may be empty) and the country as ISO 3166-1 alpha-2
//! (may be empty).

use crate::{csv, fail, is_country_code, Result};
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use std::path::Path;

/// The header the registry must start with.
pub const HEADER: [&str; 4] = ["account", "full_name", "date_of_birth", "country"];

/// One customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
	/// The line of the registry it is on.
	pub line: usize,
	/// Its account.
	pub account: AccountId32,
	/// Its full name.
	pub full_name: String,
	/// Its date of birth (year, month, day), when the registry has it.
	pub dob: Option<(u16, u8, u8)>,
	/// Its country (ISO 3166-1 alpha-2), when the registry has it.
	pub country: Option<String>,
}

/// Read the registry at `path`.
pub fn load(path: &Path) -> Result<Vec<Customer>> {
	let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let text = std::fs::read_to_string(path)
		.map_err(|e| crate::Error(format!("cannot read {}: {e}", path.display())))?;
	parse(&file, &text)
}

/// Parse a registry's text (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Vec<Customer>> {
	let text = text.strip_prefix('\u{feff}').unwrap_or(text);
	let records = csv::records(file, text)?;
	let Some((header, rows)) = records.split_first() else {
		fail!("{file}: empty; the first line must be {}", HEADER.join(","));
	};
	let names: Vec<&str> = header.fields.iter().map(|f| f.trim()).collect();
	if names != HEADER {
		fail!("{file}, line {}: the header must be {}", header.line, HEADER.join(","));
	}
	let mut out = Vec::with_capacity(rows.len());
	for r in rows {
		let [account, name, dob, country] = r.fields.as_slice() else {
			fail!("{file}, line {}: {} fields, the registry has 4", r.line, r.fields.len());
		};
		let account = match AccountId32::from_ss58check(account.trim()) {
			Ok(a) => a,
			Err(e) => fail!("{file}, line {}: account {account:?} is not SS58 ({e:?})", r.line),
		};
		let full_name = name.trim().to_string();
		if crate::tokens(&full_name).is_empty() {
			fail!("{file}, line {}: the full name is empty", r.line);
		}
		let dob = match dob.trim() {
			"" => None,
			d => match parse_iso_date(d) {
				Some(date) => Some(date),
				None => fail!("{file}, line {}: date of birth {d:?} is not YYYY-MM-DD", r.line),
			},
		};
		let country = match country.trim() {
			"" => None,
			c if is_country_code(c) => Some(c.to_string()),
			c => fail!("{file}, line {}: country {c:?} is not an ISO 3166-1 alpha-2 code", r.line),
		};
		out.push(Customer { line: r.line, account, full_name, dob, country });
	}
	Ok(out)
}

/// `YYYY-MM-DD`, a real calendar date.
fn parse_iso_date(text: &str) -> Option<(u16, u8, u8)> {
	let mut parts = text.split('-');
	let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
	if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
		return None;
	}
	let (year, month, day): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
	let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	let days = match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 if leap => 29,
		2 => 28,
		_ => return None,
	};
	(1..=days).contains(&day).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
	use super::*;
	use polkadot_sdk::sp_keyring::Sr25519Keyring;

	#[test]
	fn a_registry_is_read_and_bad_rows_name_their_line() {
		let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
		let text = format!(
			"account,full_name,date_of_birth,country\n{alice},Jane Doe,1970-01-12,US\n{alice},\"Doe, John\",,\n"
		);
		let got = parse("registry.csv", &text).expect("valid");
		assert_eq!(got.len(), 2);
		assert_eq!((got[0].dob, got[0].country.as_deref()), (Some((1970, 1, 12)), Some("US")));
		assert_eq!((got[1].line, got[1].dob, got[1].country.as_deref()), (3, None, None));
		let bad = |row: &str| {
			let text = format!("account,full_name,date_of_birth,country\n{row}\n");
			parse("registry.csv", &text).expect_err("refused").to_string()
		};
		assert!(bad("5Nope,Jane,,").starts_with("registry.csv, line 2: account \"5Nope\""));
		assert_eq!(
			bad(&format!("{alice},Jane,1970-02-30,")),
			"registry.csv, line 2: date of birth \"1970-02-30\" is not YYYY-MM-DD"
		);
		assert_eq!(
			bad(&format!("{alice},Jane,,USA")),
			"registry.csv, line 2: country \"USA\" is not an ISO 3166-1 alpha-2 code"
		);
		assert_eq!(
			bad(&format!("{alice},Jane,")),
			"registry.csv, line 2: 3 fields, the registry has 4"
		);
		assert_eq!(
			parse("r.csv", "name,account\n").expect_err("header").to_string(),
			"r.csv, line 1: the header must be account,full_name,date_of_birth,country"
		);
	}
}
