//! From SCALE values (decoded by subxt with the block's own metadata) to JSON, the form events
//! and calls are stored in, and typed reads of stored fields.
//!
//! The mapping keeps the runtime's field names:
//! - a struct is an object, a tuple an array, a one-field tuple (a newtype) its field;
//! - a unit enum variant is its name (`"Primary"`), `None` is `null`, `Some(x)` is `x`, any
//!   other variant is `{ "Name": fields }`;
//! - integers are JSON numbers up to 2^53 and decimal strings above it (balances have 12
//!   decimals), so no amount loses precision;
//! - a byte array of 32 bytes (an account or a hash) is `0x` hex; shorter printable byte
//!   strings (jurisdictions, VASP ids) are text, any other bytes hex.

use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58AddressFormat, Ss58Codec};
use serde_json::{json, Map, Value as Json};
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};

/// Largest integer a JSON number carries exactly (2^53).
const JSON_SAFE: u128 = 1 << 53;

/// The chain's SS58 prefix (the runtime's `SS58Prefix`).
pub const SS58_PREFIX: u16 = 42;

/// `value` as JSON (see the module docs).
pub fn to_json<T>(value: &Value<T>) -> Json {
	match &value.value {
		ValueDef::Composite(c) => composite(c),
		ValueDef::Variant(v) => {
			let fields = composite(&v.values);
			match (v.name.as_str(), &v.values) {
				("None", c) if c.is_empty() => Json::Null,
				("Some", Composite::Unnamed(items)) if items.len() == 1 => fields,
				(_, c) if c.is_empty() => Json::String(v.name.clone()),
				(name, _) => json!({ name: fields }),
			}
		},
		ValueDef::BitSequence(bits) => {
			Json::String(bits.iter().map(|b| if b { '1' } else { '0' }).collect())
		},
		ValueDef::Primitive(p) => primitive(p),
	}
}

fn composite<T>(c: &Composite<T>) -> Json {
	match c {
		Composite::Named(fields) => {
			Json::Object(fields.iter().map(|(k, v)| (k.clone(), to_json(v))).collect::<Map<_, _>>())
		},
		Composite::Unnamed(items) => {
			if let Some(bytes) = as_bytes(items) {
				return bytes_json(&bytes);
			}
			match items.as_slice() {
				[one] => to_json(one),
				_ => Json::Array(items.iter().map(to_json).collect()),
			}
		},
	}
}

/// The items as bytes, when there are some and every one is an integer below 256.
fn as_bytes<T>(items: &[Value<T>]) -> Option<Vec<u8>> {
	if items.len() < 2 {
		return None;
	}
	items
		.iter()
		.map(|v| match v.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
			_ => None,
		})
		.collect()
}

fn bytes_json(bytes: &[u8]) -> Json {
	let printable = bytes.iter().all(|b| (0x20..0x7f).contains(b));
	if bytes.len() != 32 && printable {
		Json::String(String::from_utf8_lossy(bytes).into_owned())
	} else {
		Json::String(format!("0x{}", hex::encode(bytes)))
	}
}

fn primitive(p: &Primitive) -> Json {
	match p {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) if *n <= JSON_SAFE => json!(*n as u64),
		Primitive::U128(n) => Json::String(n.to_string()),
		Primitive::I128(n) if n.unsigned_abs() <= JSON_SAFE => json!(*n as i64),
		Primitive::I128(n) => Json::String(n.to_string()),
		Primitive::U256(b) | Primitive::I256(b) => Json::String(format!("0x{}", hex::encode(b))),
	}
}

/// A stored integer field (a number or a decimal string); `None` when absent or not one.
pub fn uint(fields: &Json, name: &str) -> Option<u128> {
	match fields.get(name)? {
		Json::Number(n) => n.as_u64().map(u128::from),
		Json::String(s) => s.parse().ok(),
		_ => None,
	}
}

/// A stored integer field, 0 when absent.
pub fn uint0(fields: &Json, name: &str) -> u128 {
	uint(fields, name).unwrap_or(0)
}

/// A stored text field (an account's hex, a variant's name); `None` when absent or not text.
pub fn text<'a>(fields: &'a Json, name: &str) -> Option<&'a str> {
	fields.get(name)?.as_str()
}

/// The name of a stored enum value: a unit variant's text or a variant object's only key.
pub fn variant_name(value: &Json) -> Option<String> {
	match value {
		Json::String(s) => Some(s.clone()),
		Json::Object(map) if map.len() == 1 => map.keys().next().cloned(),
		_ => None,
	}
}

/// An account's `0x` hex (as stored) in the chain's SS58 form; the hex itself if it is not 32
/// bytes.
pub fn ss58(account_hex: &str) -> String {
	let bytes = hex::decode(account_hex.trim_start_matches("0x")).unwrap_or_default();
	match <[u8; 32]>::try_from(bytes.as_slice()) {
		Ok(raw) => {
			AccountId32::from(raw).to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
		},
		Err(_) => account_hex.to_string(),
	}
}

/// An account given as SS58 or `0x` hex, as the `0x` hex the database stores.
pub fn parse_account(text: &str) -> Option<String> {
	if let Some(hex_text) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex_text).ok()?;
		return (bytes.len() == 32).then(|| format!("0x{}", hex::encode(bytes)));
	}
	let account = AccountId32::from_ss58check(text).ok()?;
	Some(format!("0x{}", hex::encode(<[u8; 32]>::from(account))))
}

/// An amount in the stablecoin's smallest unit (12 decimals) as GUSD with all its decimals.
pub fn gusd(amount: u128) -> String {
	const UNIT: u128 = 1_000_000_000_000;
	format!("{}.{:012}", amount / UNIT, amount % UNIT)
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt::ext::scale_value::value;

	#[test]
	fn accounts_amounts_options_and_variants_map_to_plain_json() {
		let account = Value::unnamed_composite([Value::unnamed_composite(
			(0..32u8).map(|b| Value::u128(u128::from(b))),
		)]);
		let event = Value::named_composite([
			("from", account),
			("amount", Value::u128(12_000_000_000_000_000)),
			("small", Value::u128(7)),
			("record", Value::variant("Some", Composite::Unnamed(vec![Value::u128(3)]))),
			("none", Value::variant("None", Composite::Unnamed(vec![]))),
			("kind", Value::variant("Primary", Composite::Unnamed(vec![]))),
			(
				"vasp",
				Value::unnamed_composite(b"bank-b".iter().map(|b| Value::u128(u128::from(*b)))),
			),
			("asset", value!(Coupon(5u8))),
		]);
		let json = to_json(&event);
		assert_eq!(
			json["from"],
			"0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
		);
		assert_eq!(json["amount"], "12000000000000000");
		assert_eq!(uint(&json, "amount"), Some(12_000_000_000_000_000));
		assert_eq!(uint(&json, "small"), Some(7));
		assert_eq!(json["record"], 3);
		assert!(json["none"].is_null());
		assert_eq!(json["kind"], "Primary");
		assert_eq!(json["vasp"], "bank-b");
		assert_eq!(variant_name(&json["asset"]).as_deref(), Some("Coupon"));
		assert_eq!(json["asset"]["Coupon"], 5);
	}

	#[test]
	fn accounts_parse_from_ss58_and_hex_and_round_trip() {
		let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		let alice = ss58(hex);
		assert_eq!(alice, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert_eq!(parse_account(&alice).as_deref(), Some(hex));
		assert_eq!(parse_account(hex).as_deref(), Some(hex));
		assert_eq!(parse_account("0x1234"), None);
		assert_eq!(parse_account("not an account"), None);
		assert_eq!(gusd(12_000_500_000_000_000), "12000.500000000000");
	}
}
