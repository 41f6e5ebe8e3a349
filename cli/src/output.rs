//! Printing: a readable report for people, or one JSON document for scripts (`--json`).

use crate::units::show_account;
use polkadot_sdk::sp_core::crypto::AccountId32;
use serde_json::Value as Json;

/// Field names that hold accounts (shown in SS58 instead of hex).
const ACCOUNT_FIELDS: &[&str] = &[
	"who",
	"from",
	"to",
	"dest",
	"holder",
	"issuer",
	"merchant",
	"owner",
	"account",
	"buyer",
	"seller",
	"beneficiary",
	"officer",
	"attestor",
	"bank",
	"maker",
	"subject",
	"counterparty",
];

/// What a command prints: a text for people and the same facts as JSON.
pub struct Report {
	/// For people.
	pub text: String,
	/// For scripts.
	pub json: Json,
}

impl Report {
	/// Print it in the form asked for.
	pub fn print(&self, json: bool) {
		if json {
			println!("{}", serde_json::to_string_pretty(&self.json).unwrap_or_default());
		} else {
			println!("{}", self.text);
		}
	}
}

/// `0x` + 64 hex digits as an SS58 address; anything else unchanged.
fn account_or(value: &Json) -> Json {
	let Some(text) = value.as_str() else { return value.clone() };
	let bytes = hex::decode(text.trim_start_matches("0x")).unwrap_or_default();
	match <[u8; 32]>::try_from(bytes.as_slice()) {
		Ok(raw) if text.starts_with("0x") => Json::String(show_account(&AccountId32::from(raw))),
		_ => value.clone(),
	}
}

/// Event fields on one line, `name: value`, accounts in SS58.
pub fn fields_line(fields: &Json) -> String {
	match fields {
		Json::Object(map) => {
			let parts: Vec<String> = map
				.iter()
				.map(|(k, v)| {
					let v = if ACCOUNT_FIELDS.contains(&k.as_str()) {
						account_or(v)
					} else {
						v.clone()
					};
					match v {
						Json::String(s) => format!("{k}: {s}"),
						other => format!("{k}: {other}"),
					}
				})
				.collect();
			format!("{{ {} }}", parts.join(", "))
		},
		Json::Null => String::new(),
		other => other.to_string(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	#[test]
	fn accounts_in_event_fields_show_as_ss58() {
		let bob = crate::units::parse_account("//Bob").expect("dev URI");
		let raw: [u8; 32] = bob.clone().into();
		let fields = json!({ "to": format!("0x{}", hex::encode(raw)), "units": 5, "note": "x" });
		let line = fields_line(&fields);
		assert!(line.contains(&format!("to: {}", show_account(&bob))), "{line}");
		assert!(line.contains("units: 5"), "{line}");
	}
}
