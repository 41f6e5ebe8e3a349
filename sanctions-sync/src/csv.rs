//! A small RFC 4180 reader: comma-separated fields, `"`-quoted fields that may hold commas,
//! doubled quotes and line breaks, CRLF or LF line ends. Each record remembers the line it
//! starts on, so a malformed file is refused with its line number. OFAC's files end with a
//! lone SUB (`0x1A`) line, which is skipped, as are empty lines.

use crate::{fail, Result};

/// One record: its fields and the (1-based) line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
	/// The line the record starts on.
	pub line: usize,
	/// Its fields, unquoted.
	pub fields: Vec<String>,
}

/// The records of `text` (named `file` in errors).
pub fn records(file: &str, text: &str) -> Result<Vec<Record>> {
	let mut out = Vec::new();
	let mut fields = Vec::new();
	let mut field = String::new();
	let mut quoted = false;
	// Inside quotes; just after a closing quote (only a comma or a line end may follow).
	let mut in_quotes = false;
	let mut after_quote = false;
	let mut line = 1usize;
	let mut start = 1usize;
	let mut chars = text.chars().peekable();
	let mut record_open = false;
	while let Some(c) = chars.next() {
		if in_quotes {
			match c {
				'"' if chars.peek() == Some(&'"') => {
					chars.next();
					field.push('"');
				},
				'"' => {
					in_quotes = false;
					after_quote = true;
				},
				'\n' => {
					line = line.saturating_add(1);
					field.push('\n');
				},
				_ => field.push(c),
			}
			continue;
		}
		match c {
			',' => {
				fields.push(std::mem::take(&mut field));
				quoted = false;
				after_quote = false;
				record_open = true;
			},
			'\r' if chars.peek() == Some(&'\n') => {},
			'\n' => {
				fields.push(std::mem::take(&mut field));
				push(&mut out, std::mem::take(&mut fields), start);
				quoted = false;
				after_quote = false;
				record_open = false;
				line = line.saturating_add(1);
				start = line;
			},
			'"' if field.is_empty() && !quoted && !after_quote => {
				in_quotes = true;
				quoted = true;
				record_open = true;
			},
			_ if after_quote => {
				fail!("{file}, line {line}: text after a closing quote ({c:?})");
			},
			'"' => fail!("{file}, line {line}: a quote inside an unquoted field"),
			_ => {
				field.push(c);
				record_open = true;
			},
		}
	}
	if in_quotes {
		fail!("{file}, line {start}: a quoted field is never closed");
	}
	if record_open || !field.is_empty() {
		fields.push(field);
		push(&mut out, fields, start);
	}
	Ok(out)
}

/// Keep `fields` as a record unless the line is empty or OFAC's end-of-file mark.
fn push(out: &mut Vec<Record>, fields: Vec<String>, line: usize) {
	let blank = matches!(fields.as_slice(), [only] if only.trim().is_empty() || only == "\u{1a}");
	if !blank {
		out.push(Record { line, fields });
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn quoted_fields_keep_commas_quotes_and_line_breaks() {
		let text = "1,\"a, b\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",-0- \n\u{1a}\n";
		let got = records("t.csv", text).expect("well formed");
		assert_eq!(got.len(), 2);
		assert_eq!(got[0].fields, vec!["1", "a, b", "say \"hi\""]);
		assert_eq!((got[1].line, got[1].fields[1].as_str()), (2, "two\nlines"));
		// No final line break: the last record still counts.
		let got = records("t.csv", "1,2\n3,4").expect("well formed");
		assert_eq!(got[1].fields, vec!["3", "4"]);
	}

	#[test]
	fn malformed_files_name_the_line() {
		let err = records("SDN.CSV", "1,ok\n2,\"open\n3,x\n").expect_err("unclosed");
		assert_eq!(err.to_string(), "SDN.CSV, line 2: a quoted field is never closed");
		let err = records("ALT.CSV", "1,ok\n2,\"a\"b\n").expect_err("junk after quote");
		assert!(err.to_string().starts_with("ALT.CSV, line 2: text after a closing quote"));
		let err = records("ADD.CSV", "1,ok\n\n3,a\"b\n").expect_err("stray quote");
		assert_eq!(err.to_string(), "ADD.CSV, line 3: a quote inside an unquoted field");
	}
}
