//! Reports read from the index, each written as CSV and JSON into an output folder.
//!
//! - [`platform`]: the daily or monthly platform report (SRS 3.7.4), with its HTML page;
//! - [`registers`]: SAR candidates (one JSON file per hit), the CTR list, the Travel Rule
//!   register;
//! - [`account`]: an account's full history at a block, with its balances read at that block.

pub mod account;
pub mod platform;
pub mod registers;

use crate::{error::context, fail, Result};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// A span of time in UTC: a day, a month, or everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
	/// Its name in file names (`2026-11-26`, `2026-11`, `all`).
	pub name: String,
	/// First millisecond.
	pub from_ms: u64,
	/// First millisecond after it.
	pub to_ms: u64,
}

impl Period {
	/// The UTC day `YYYY-MM-DD`.
	pub fn day(text: &str) -> Result<Period> {
		let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d");
		let Ok(day) =
			parsed.map_err(|_| ()).and_then(|d| if text.len() == 10 { Ok(d) } else { Err(()) })
		else {
			fail!("{text} is not a date (YYYY-MM-DD)");
		};
		let next = day.succ_opt().unwrap_or(day);
		Ok(Period { name: text.to_string(), from_ms: midnight(day), to_ms: midnight(next) })
	}

	/// The UTC month `YYYY-MM`.
	pub fn month(text: &str) -> Result<Period> {
		let parsed = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d");
		let Ok(first) =
			parsed.map_err(|_| ()).and_then(|d| if text.len() == 7 { Ok(d) } else { Err(()) })
		else {
			fail!("{text} is not a month (YYYY-MM)");
		};
		let (y, m) = if first.month() == 12 {
			(first.year().saturating_add(1), 1)
		} else {
			(first.year(), first.month().saturating_add(1))
		};
		let next = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first);
		Ok(Period { name: text.to_string(), from_ms: midnight(first), to_ms: midnight(next) })
	}

	/// From genesis to the end of time.
	pub fn all() -> Period {
		Period { name: "all".to_string(), from_ms: 0, to_ms: i64::MAX as u64 }
	}

	/// `--from`/`--to` dates (inclusive), either open.
	pub fn between(from: Option<&str>, to: Option<&str>) -> Result<Period> {
		let start = match from {
			Some(f) => Period::day(f)?.from_ms,
			None => 0,
		};
		let end = match to {
			Some(t) => Period::day(t)?.to_ms,
			None => i64::MAX as u64,
		};
		if start >= end {
			fail!("--from is after --to");
		}
		let name = match (from, to) {
			(None, None) => "all".to_string(),
			(f, t) => format!("{}_{}", f.unwrap_or("genesis"), t.unwrap_or("now")),
		};
		Ok(Period { name, from_ms: start, to_ms: end })
	}
}

fn midnight(day: NaiveDate) -> u64 {
	let ms =
		Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default()).timestamp_millis();
	u64::try_from(ms).unwrap_or(0)
}

/// A block timestamp as ISO 8601 UTC.
pub fn iso(ms: u64) -> String {
	i64::try_from(ms)
		.ok()
		.and_then(DateTime::<Utc>::from_timestamp_millis)
		.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
		.unwrap_or_default()
}

/// The folder reports are written into.
#[derive(Clone, Debug)]
pub struct Out {
	dir: PathBuf,
}

impl Out {
	/// Reports into `dir`, which is created at the first write (so a refused command leaves
	/// nothing behind).
	pub fn new(dir: &Path) -> Result<Out> {
		Ok(Out { dir: dir.to_path_buf() })
	}

	/// The path of `name` inside.
	pub fn path(&self, name: &str) -> PathBuf {
		self.dir.join(name)
	}

	/// Writes `value` as pretty JSON to `name`.
	pub fn json(&self, name: &str, value: &Json) -> Result<PathBuf> {
		let text = serde_json::to_string_pretty(value).map_err(context("cannot render JSON"))?;
		self.text(name, &(text + "\n"))
	}

	/// Writes a CSV file: a header row, then `rows`.
	pub fn csv(&self, name: &str, header: &[&str], rows: &[Vec<String>]) -> Result<PathBuf> {
		let mut text = csv_line(header.iter().map(|h| h.to_string()));
		for row in rows {
			text += &csv_line(row.iter().cloned());
		}
		self.text(name, &text)
	}

	/// Writes `text` to `name`: to a temporary file first, renamed into place, so a crash never
	/// leaves a truncated report. Creates the folder at the first write.
	pub fn text(&self, name: &str, text: &str) -> Result<PathBuf> {
		let path = self.path(name);
		let folder = path.parent().unwrap_or(&self.dir).to_path_buf();
		std::fs::create_dir_all(&folder)
			.map_err(context(&format!("cannot create {}", folder.display())))?;
		let partial = path.with_extension("partial");
		std::fs::write(&partial, text)
			.and_then(|_| std::fs::rename(&partial, &path))
			.map_err(context(&format!("cannot write {}", path.display())))?;
		Ok(path)
	}
}

/// Whether a spreadsheet would run `cell` as a formula. Cells carry text anyone can put on
/// chain (a VASP id in a routed transfer), and regulators open these files in spreadsheets: such
/// a cell gets a leading `'` (OWASP's CSV-injection rule). Negative numbers stay numbers.
fn is_formula(cell: &str) -> bool {
	match cell.chars().next() {
		Some('=' | '+' | '@' | '\t' | '\r') => true,
		Some('-') => cell.parse::<f64>().is_err(),
		_ => false,
	}
}

fn csv_line(cells: impl Iterator<Item = String>) -> String {
	let cells: Vec<String> = cells
		.map(|c| if is_formula(&c) { format!("'{c}") } else { c })
		.map(|c| {
			if c.contains([',', '"', '\n', '\r']) {
				format!("\"{}\"", c.replace('"', "\"\""))
			} else {
				c
			}
		})
		.collect();
	cells.join(",") + "\n"
}

/// `value`'s field `key` (`null` when absent or not an object), without indexing.
pub fn field<'a>(value: &'a Json, key: &str) -> &'a Json {
	value.get(key).unwrap_or(&Json::Null)
}

/// A JSON value as one CSV cell: text as is, anything else as compact JSON.
pub fn cell(value: &Json) -> String {
	match value {
		Json::String(s) => s.clone(),
		Json::Null => String::new(),
		other => other.to_string(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn periods_are_utc_days_and_months() {
		let day = Period::day("2026-11-26").unwrap();
		assert_eq!(day.from_ms, 1_795_651_200_000);
		assert_eq!(day.to_ms - day.from_ms, 86_400_000);
		let month = Period::month("2026-12").unwrap();
		assert_eq!(month.to_ms - month.from_ms, 31 * 86_400_000);
		assert!(Period::day("2026-13-01").is_err());
		assert!(Period::month("26-1").is_err());
		assert!(Period::between(Some("2026-11-27"), Some("2026-11-26")).is_err());
		assert_eq!(iso(1_795_651_200_000), "2026-11-26T00:00:00.000Z");
	}

	#[test]
	fn csv_cells_with_commas_and_quotes_are_quoted() {
		assert_eq!(
			csv_line(["a".into(), "b,c".into(), "say \"hi\"".into()].into_iter()),
			"a,\"b,c\",\"say \"\"hi\"\"\"\n"
		);
	}

	#[test]
	fn cells_a_spreadsheet_would_run_as_formulas_are_defused() {
		let line = csv_line(
			[
				"=HYPERLINK(\"x\")".into(),
				"+1".into(),
				"@SUM(A1)".into(),
				"-2.5".into(),
				"-x".into(),
				"bank-b".into(),
			]
			.into_iter(),
		);
		assert_eq!(line, "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),-2.5,'-x,bank-b\n");
	}
}
