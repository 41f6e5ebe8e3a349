//! Printing: a readable report for people, or one JSON document for scripts (`--json`).

use crate::units::{format_amount, show_account, Currency};
use polkadot_sdk::sp_core::crypto::AccountId32;
use serde_json::Value as Json;

/// Field names that hold accounts (shown in SS58 instead of hex).
const ACCOUNT_FIELDS: &[&str] = &[
	"who",
	"applicant",
	"proposer",
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

/// Field names that hold amounts of money (shown with their decimals: GNX in the native
/// token's pallets, GUSD elsewhere).
const AMOUNT_FIELDS: &[&str] = &[
	"amount",
	"paid",
	"fee",
	"actual_fee",
	"tip",
	"face_value",
	"issue_price",
	"price",
	"value",
	"limit",
	"escrowed",
	"breakage",
	"deposit",
	"free_balance",
];

/// Pallets whose amounts are in the native token (GNX).
const NATIVE_PALLETS: &[&str] = &["Balances", "TransactionPayment", "Treasury", "Contracts"];

/// The settlement stablecoin's asset id (`Assets` events of other assets keep raw amounts).
const GUSD_ASSET: u64 = 1;

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

/// `value` as an amount of `currency` when it is an integer (a number or a decimal string).
fn amount_or(value: &Json, currency: Currency) -> Json {
	let n = match value {
		Json::Number(n) => n.as_u64().map(u128::from),
		Json::String(s) => s.parse::<u128>().ok(),
		_ => None,
	};
	n.map_or_else(|| value.clone(), |n| Json::String(format_amount(n, currency)))
}

/// Field names that hold times in milliseconds since the Unix epoch (shown as UTC times when
/// they are that large: a redemption's `valid_until` is a block number).
const TIME_FIELDS: &[&str] = &["valid_from", "valid_until", "expires_at", "until"];

/// The smallest millisecond timestamp shown as a time (2001-09-09).
const MIN_TIME_MS: u64 = 1_000_000_000_000;

/// Event `event`'s (`Pallet.Event`) fields on one line, `name: value`: accounts in SS58,
/// amounts with their decimals, times in UTC, nested values the same way, a dispatch result
/// as `Ok` or `Err(…)`.
pub fn fields_line(event: &str, fields: &Json) -> String {
	let pallet = event.split('.').next().unwrap_or_default();
	let currency = if NATIVE_PALLETS.contains(&pallet) {
		Some(Currency::Gnx)
	} else if pallet == "Assets"
		&& fields.get("asset_id").and_then(Json::as_u64).is_some_and(|id| id != GUSD_ASSET)
	{
		// Another asset: its decimals are not known here.
		None
	} else {
		Some(Currency::Gusd)
	};
	match fields {
		Json::Null => String::new(),
		other => render(None, other, currency),
	}
}

/// One value, read in the light of the field `key` it is in.
fn render(key: Option<&str>, value: &Json, currency: Option<Currency>) -> String {
	let key = key.unwrap_or_default();
	let value = if ACCOUNT_FIELDS.contains(&key) {
		account_or(value)
	} else if let (true, Some(currency)) = (AMOUNT_FIELDS.contains(&key), currency) {
		amount_or(value, currency)
	} else if TIME_FIELDS.contains(&key) {
		match value.as_u64() {
			Some(ms) if ms >= MIN_TIME_MS => Json::String(crate::units::format_time(ms)),
			_ => value.clone(),
		}
	} else {
		value.clone()
	};
	match &value {
		Json::String(s) => s.clone(),
		Json::Object(map) if map.len() == 1 && map.contains_key("Ok") => "Ok".into(),
		Json::Object(map) if map.len() == 1 && map.contains_key("Err") => {
			format!(
				"Err({})",
				map.get("Err").map(|e| render(None, e, currency)).unwrap_or_default()
			)
		},
		Json::Object(map) => {
			let parts: Vec<String> =
				map.iter().map(|(k, v)| format!("{k}: {}", render(Some(k), v, currency))).collect();
			format!("{{ {} }}", parts.join(", "))
		},
		Json::Array(items) => {
			let parts: Vec<String> = items.iter().map(|v| render(Some(key), v, currency)).collect();
			format!("[{}]", parts.join(", "))
		},
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
		let line = fields_line("Coupons.Transferred", &fields);
		assert!(line.contains(&format!("to: {}", show_account(&bob))), "{line}");
		assert!(line.contains("units: 5"), "{line}");
	}

	#[test]
	fn amounts_show_with_their_decimals_and_currency() {
		let fields =
			json!({ "paid": 45_000_000_000_000u64, "amount": "1500000000000", "units": 5 });
		let line = fields_line("Market.ListingBought", &fields);
		assert!(line.contains("paid: 45.00 GUSD"), "{line}");
		assert!(line.contains("amount: 1.50 GUSD"), "{line}");
		let line = fields_line("Balances.Transfer", &json!({ "amount": 2_000_000_000_000u64 }));
		assert!(line.contains("amount: 2 GNX"), "{line}");
		// Another asset's amounts stay raw: their decimals are not known here.
		let other = json!({ "asset_id": 7, "amount": 5_000u64 });
		assert_eq!(fields_line("Assets.Transferred", &other), "{ amount: 5000, asset_id: 7 }");
	}

	#[test]
	fn nested_values_results_and_times_read_well() {
		let key = json!({ "key": { "id": 0, "price": 49_000_000_000_000u64, "side": "Sell" } });
		assert_eq!(
			fields_line("Market.OrderPlaced", &key),
			"{ key: { id: 0, price: 49.00 GUSD, side: Sell } }"
		);
		let done = json!({ "result": { "Ok": [] }, "valid_until": 1_893_369_600_000u64 });
		assert_eq!(
			fields_line("Council.Executed", &done),
			"{ result: Ok, valid_until: 2029-12-31T00:00:00Z }"
		);
		let failed = json!({ "result": { "Err": { "Module": { "index": 23, "error": "0x01" } } } });
		assert!(fields_line("Council.Executed", &failed).starts_with("{ result: Err({ Module"));
		// A block number in a time field stays a number.
		assert_eq!(
			fields_line("Redemption.X", &json!({ "valid_until": 42 })),
			"{ valid_until: 42 }"
		);
	}
}
