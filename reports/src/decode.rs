//! From SCALE values (decoded by subxt with the block's own metadata) to JSON, the form events
//! and calls are stored in, and typed reads of stored fields.
//!
//! The mapping keeps the runtime's field names and follows each value's type in the metadata:
//! - a struct is an object; a struct with one unnamed field (a newtype such as `AccountId32` or
//!   `BoundedVec`) is its field; a tuple or a sequence is an array (also with one element);
//! - a byte sequence or array (`u8` elements) is `0x` hex, or text when it is printable ASCII
//!   and not 32 bytes long (jurisdictions, VASP ids); a 32-byte one (an account, a hash) is
//!   always hex;
//! - a unit enum variant is its name (`"Primary"`), `None` is `null`, `Some(x)` is `x`, any
//!   other variant is `{ "Name": fields }`;
//! - integers are JSON numbers up to 2^53 and decimal strings above it (balances have 12
//!   decimals), so no amount loses precision.

use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58AddressFormat, Ss58Codec};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use serde_json::{json, Map, Value as Json};
use subxt::ext::scale_value::{self, Composite, Primitive, Value, ValueDef};

/// Largest integer a JSON number carries exactly (2^53).
const JSON_SAFE: u128 = 1 << 53;

/// The chain's SS58 prefix (the runtime's `SS58Prefix`).
pub const SS58_PREFIX: u16 = 42;

/// Decodes `bytes` as type `ty` of `types` into JSON (see the module docs).
pub fn decode(bytes: &[u8], ty: u32, types: &PortableRegistry) -> Result<Json, String> {
	let mut input = bytes;
	let value =
		scale_value::scale::decode_as_type(&mut input, ty, types).map_err(|e| e.to_string())?;
	Ok(to_json(&value, types))
}

/// Decodes the fields of an event or call (`fields` of its variant) into a JSON object by name
/// (an array when the fields are unnamed).
pub fn decode_fields(
	bytes: &[u8],
	fields: &[scale_info::Field<PortableForm>],
	types: &PortableRegistry,
) -> Result<Json, String> {
	let mut input = bytes;
	let mut named = Map::new();
	let mut unnamed = Vec::new();
	for (i, field) in fields.iter().enumerate() {
		let value = scale_value::scale::decode_as_type(&mut input, field.ty.id, types)
			.map_err(|e| format!("field {i}: {e}"))?;
		match &field.name {
			Some(name) => {
				named.insert(name.clone(), to_json(&value, types));
			},
			None => unnamed.push(to_json(&value, types)),
		}
	}
	if !input.is_empty() {
		return Err(format!("{} bytes left after the fields", input.len()));
	}
	Ok(if unnamed.is_empty() { Json::Object(named) } else { Json::Array(unnamed) })
}

/// What a type id is, as far as the JSON form cares.
enum Shape {
	/// A sequence or array of `u8`.
	Bytes,
	/// A struct with exactly one unnamed field.
	Newtype,
	/// Anything else.
	Other,
}

fn is_u8(ty: u32, types: &PortableRegistry) -> bool {
	matches!(types.resolve(ty).map(|t| &t.type_def), Some(TypeDef::Primitive(TypeDefPrimitive::U8)))
}

fn shape(ty: u32, types: &PortableRegistry) -> Shape {
	match types.resolve(ty).map(|t| &t.type_def) {
		Some(TypeDef::Sequence(s)) if is_u8(s.type_param.id, types) => Shape::Bytes,
		Some(TypeDef::Array(a)) if is_u8(a.type_param.id, types) => Shape::Bytes,
		Some(TypeDef::Composite(c))
			if c.fields.len() == 1 && c.fields.iter().all(|f| f.name.is_none()) =>
		{
			Shape::Newtype
		},
		_ => Shape::Other,
	}
}

/// `value` (decoded with type ids) as JSON (see the module docs).
pub fn to_json(value: &Value<u32>, types: &PortableRegistry) -> Json {
	match &value.value {
		ValueDef::Composite(c) => match (shape(value.context, types), c) {
			(Shape::Bytes, Composite::Unnamed(items)) => bytes_json(&as_bytes(items)),
			(Shape::Newtype, Composite::Unnamed(items)) if items.len() == 1 => {
				items.first().map(|v| to_json(v, types)).unwrap_or(Json::Null)
			},
			(_, c) => composite(c, types),
		},
		ValueDef::Variant(v) => {
			let fields = composite(&v.values, types);
			match (v.name.as_str(), &v.values) {
				("None", c) if c.is_empty() => Json::Null,
				("Some", Composite::Unnamed(items)) if items.len() == 1 => {
					items.first().map(|v| to_json(v, types)).unwrap_or(Json::Null)
				},
				(_, c) if c.is_empty() => Json::String(v.name.clone()),
				(name, Composite::Unnamed(items)) if items.len() == 1 => {
					json!({ name: items.first().map(|v| to_json(v, types)).unwrap_or(Json::Null) })
				},
				(name, _) => json!({ name: fields }),
			}
		},
		ValueDef::BitSequence(bits) => {
			Json::String(bits.iter().map(|b| if b { '1' } else { '0' }).collect())
		},
		ValueDef::Primitive(p) => primitive(p),
	}
}

fn composite(c: &Composite<u32>, types: &PortableRegistry) -> Json {
	match c {
		Composite::Named(fields) => Json::Object(
			fields.iter().map(|(k, v)| (k.clone(), to_json(v, types))).collect::<Map<_, _>>(),
		),
		Composite::Unnamed(items) => Json::Array(items.iter().map(|v| to_json(v, types)).collect()),
	}
}

/// The items of a `u8` sequence as bytes.
fn as_bytes(items: &[Value<u32>]) -> Vec<u8> {
	items
		.iter()
		.filter_map(|v| match v.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
			_ => None,
		})
		.collect()
}

fn bytes_json(bytes: &[u8]) -> Json {
	let printable = !bytes.is_empty() && bytes.iter().all(|b| (0x20..0x7f).contains(b));
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

	use codec::Encode;
	use scale_info::{MetaType, Registry, TypeInfo};

	#[derive(Encode, TypeInfo)]
	struct Account([u8; 32]);

	#[derive(Encode, TypeInfo)]
	struct Vasp(Vec<u8>);

	#[derive(Encode, TypeInfo)]
	enum Kind {
		Primary,
		Coupon(u64),
	}

	#[derive(Encode, TypeInfo)]
	struct Event {
		from: Account,
		amount: u128,
		small: u64,
		record: Option<u64>,
		none: Option<u64>,
		kind: Kind,
		asset: Kind,
		vasp: Vasp,
		one_letter_vasp: Vasp,
		serials: Vec<u64>,
		one_serial: Vec<u64>,
		pair: (u8, u8),
		jurisdiction: [u8; 2],
	}

	fn json_of<T: Encode + TypeInfo + 'static>(value: &T) -> Json {
		let mut registry = Registry::new();
		let id = registry.register_type(&MetaType::new::<T>()).id;
		let types = PortableRegistry::from(registry);
		decode(&value.encode(), id, &types).expect("decodes")
	}

	#[test]
	fn values_map_to_plain_json_by_their_types() {
		let json = json_of(&Event {
			from: Account(core::array::from_fn(|i| i as u8)),
			amount: 12_000_000_000_000_000,
			small: 7,
			record: Some(3),
			none: None,
			kind: Kind::Primary,
			asset: Kind::Coupon(5),
			vasp: Vasp(b"bank-b".to_vec()),
			one_letter_vasp: Vasp(b"b".to_vec()),
			serials: vec![65, 66],
			one_serial: vec![9],
			pair: (1, 2),
			jurisdiction: *b"US",
		});
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
		assert_eq!(variant_name(&json["asset"]).as_deref(), Some("Coupon"));
		assert_eq!(json["asset"]["Coupon"], 5);
		assert_eq!(json["vasp"], "bank-b");
		assert_eq!(json["one_letter_vasp"], "b");
		// Numbers stay numbers, one-element lists stay lists: only `u8` sequences are bytes.
		assert_eq!(json["serials"], json!([65, 66]));
		assert_eq!(json["one_serial"], json!([9]));
		assert_eq!(json["pair"], json!([1, 2]));
		assert_eq!(json["jurisdiction"], "US");
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
