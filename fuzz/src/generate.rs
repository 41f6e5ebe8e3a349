//! Calls drawn from the runtime's metadata.
//!
//! The generator walks the type of `RuntimeCall` in the metadata (V15) and writes a SCALE
//! encoding field by field, choosing each value from the input bytes: accounts from the
//! fuzzer's actors, hashes from those the run has seen (motions), balances around the chain's
//! thresholds, block numbers and times around now, small ids, bounded byte strings of edge
//! lengths. The bytes are then decoded as a `RuntimeCall`, so every pallet's calls, nested
//! wrappers (utility batches, multisig, motions inside motions) included, are reachable
//! without a hand-written list. Calls that rewrite storage wholesale (`system.setCode`,
//! `setStorage`, `killPrefix`, ...) are never generated: governance may run them by design, and
//! they would only show that raw storage writes can break invariants.

use arbitrary::{Result, Unstructured};
use codec::{Compact, DecodeLimit, Encode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use genex_runtime::{AccountId, Runtime, RuntimeCall};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use std::sync::OnceLock;

/// Nesting depth of generated calls (a batch of motions of batches is depth 3).
pub const MAX_CALL_DEPTH: u8 = 2;
/// How often a call is redrawn when the bytes do not decode or it is excluded.
const ATTEMPTS: usize = 6;
/// Pallets whose calls are drawn more often: the Genex pallets and the wrappers.
const FOCUS: &[&str] = &[
	"Stablecoin",
	"Kyc",
	"Sanctions",
	"TravelRule",
	"Feeless",
	"Issuers",
	"Coupons",
	"Redemption",
	"Market",
	"Oracle",
	"Governance",
	"Aml",
	"Disputes",
	"Utility",
	"Multisig",
	"Proxy",
	"Recovery",
	"ValidatorSet",
];
/// Calls never generated (pallet, call): raw storage and code writes.
const EXCLUDED: &[(&str, &str)] = &[
	("System", "set_code"),
	("System", "set_code_without_checks"),
	("System", "set_storage"),
	("System", "kill_storage"),
	("System", "kill_prefix"),
	("System", "authorize_upgrade"),
	("System", "authorize_upgrade_without_checks"),
	("System", "apply_authorized_upgrade"),
];

/// One GUSD (12 decimals), the scale of balance thresholds.
const UNIT: u128 = 1_000_000_000_000;
/// Multiples of a unit around the chain's thresholds (KYC limits, Travel Rule, AML, fees).
const UNITS: &[u128] = &[
	1, 2, 5, 10, 45, 50, 100, 500, 999, 1_000, 1_001, 3_000, 5_000, 10_000, 50_000, 100_000,
	1_000_000,
];
/// Integers of no particular meaning that often are one.
const SMALL: &[u128] = &[
	0,
	1,
	2,
	3,
	4,
	5,
	7,
	8,
	10,
	16,
	20,
	32,
	63,
	64,
	65,
	100,
	128,
	255,
	256,
	1_000,
	1_024,
	10_000,
	65_535,
	1_000_000,
	1_000_000_000,
];
/// Block offsets from now (2-second blocks: a minute, an hour, a day, a week).
const BLOCK_OFFSETS: &[u32] = &[0, 1, 2, 3, 5, 10, 30, 100, 600, 1_800, 43_200, 302_400];
/// Millisecond offsets from now.
const MS_OFFSETS: &[u64] =
	&[0, 1, 2_000, 6_000, 60_000, 3_600_000, 86_400_000, 604_800_000, 2_592_000_000];

/// The registry and the call types.
pub struct Types {
	registry: PortableRegistry,
	/// The `RuntimeCall` enum.
	call_ty: u32,
	/// Variant indices of `RuntimeCall` (pallets with calls), the focused ones separately.
	pallets: Vec<u8>,
	focus: Vec<u8>,
}

/// The runtime's types, read once per process.
pub fn types() -> &'static Types {
	static TYPES: OnceLock<Types> = OnceLock::new();
	TYPES.get_or_init(Types::load)
}

impl Types {
	fn load() -> Self {
		let opaque = Runtime::metadata_at_version(15).expect("the runtime offers metadata V15");
		let prefixed: RuntimeMetadataPrefixed =
			codec::Decode::decode(&mut &opaque[..]).expect("metadata decodes");
		let RuntimeMetadata::V15(meta) = prefixed.1 else { panic!("asked for V15") };
		let call_ty = meta.outer_enums.call_enum_ty.id;
		let registry = meta.types;
		let mut pallets = Vec::new();
		let mut focus = Vec::new();
		if let Some(TypeDef::Variant(v)) = registry.resolve(call_ty).map(|t| &t.type_def) {
			for p in &v.variants {
				pallets.push(p.index);
				if FOCUS.contains(&p.name.as_str()) {
					focus.push(p.index);
				}
			}
		}
		assert!(!pallets.is_empty() && !focus.is_empty(), "RuntimeCall lists the pallets");
		Types { registry, call_ty, pallets, focus }
	}
}

/// What the generator draws known values from.
pub struct Context<'a> {
	pub actors: &'a [AccountId],
	/// Hashes seen in this run (proposals), for calls that name one.
	pub hashes: &'a [[u8; 32]],
	pub block: u32,
	pub now_ms: u64,
}

/// A call drawn from `u`; `None` when the bytes ran out before one decoded.
pub fn call(
	types: &Types,
	u: &mut Unstructured,
	cx: &Context,
	depth: u8,
) -> Result<Option<RuntimeCall>> {
	for _ in 0..ATTEMPTS {
		let mut out = Vec::new();
		if !(Gen { types, cx }).runtime_call(u, depth, &mut out)? {
			continue;
		}
		if let Ok(c) = RuntimeCall::decode_all_with_depth_limit(64, &mut &out[..]) {
			return Ok(Some(c));
		}
		if u.is_empty() {
			break;
		}
	}
	Ok(None)
}

struct Gen<'a, 'c> {
	types: &'a Types,
	cx: &'a Context<'c>,
}

impl Gen<'_, '_> {
	/// Write a `RuntimeCall`: pallet byte, call byte, arguments. `false` if excluded.
	fn runtime_call(&self, u: &mut Unstructured, depth: u8, out: &mut Vec<u8>) -> Result<bool> {
		let pool = if u.ratio(7, 10)? { &self.types.focus } else { &self.types.pallets };
		let pallet = *u.choose(pool)?;
		let Some(TypeDef::Variant(calls)) = self.resolve(self.types.call_ty) else {
			return Ok(false);
		};
		let Some(pv) = calls.variants.iter().find(|v| v.index == pallet) else { return Ok(false) };
		let Some(field) = pv.fields.first() else { return Ok(false) };
		let Some(TypeDef::Variant(inner)) = self.resolve(field.ty.id) else { return Ok(false) };
		if inner.variants.is_empty() {
			return Ok(false);
		}
		let cv = u.choose(&inner.variants)?;
		if EXCLUDED.contains(&(pv.name.as_str(), cv.name.as_str())) {
			return Ok(false);
		}
		out.push(pallet);
		out.push(cv.index);
		for f in &cv.fields {
			let hint = f.type_name.as_deref().unwrap_or("");
			self.value(u, f.ty.id, hint, depth, out)?;
		}
		Ok(true)
	}

	fn resolve(&self, id: u32) -> Option<&TypeDef<PortableForm>> {
		self.types.registry.resolve(id).map(|t| &t.type_def)
	}

	fn last_segment(&self, id: u32) -> &str {
		self.types
			.registry
			.resolve(id)
			.and_then(|t| t.path.segments.last())
			.map(String::as_str)
			.unwrap_or("")
	}

	/// Write a value of type `id`; `hint` is the field's Rust type name.
	fn value(
		&self,
		u: &mut Unstructured,
		id: u32,
		hint: &str,
		depth: u8,
		out: &mut Vec<u8>,
	) -> Result<()> {
		if id == self.types.call_ty {
			if depth < MAX_CALL_DEPTH && self.runtime_call(u, depth + 1, out)? {
				return Ok(());
			}
			// Too deep, or excluded: `system.remark(b"")` (pallet 0, call 0, no bytes) keeps the
			// encoding valid.
			out.extend_from_slice(&[0, 0, 0]);
			return Ok(());
		}
		let Some(def) = self.resolve(id) else { return Ok(()) };
		match (self.last_segment(id), def) {
			("AccountId32", _) => out.extend_from_slice(self.account(u)?.as_ref()),
			("H256", _) => out.extend_from_slice(&self.hash(u)?),
			(name @ ("Perbill" | "Permill" | "Percent" | "Perquintill" | "PerU16"), _) => {
				let acc: u128 = match name {
					"Perbill" => 1_000_000_000,
					"Permill" => 1_000_000,
					"Percent" => 100,
					"PerU16" => 65_535,
					_ => 1_000_000_000_000_000_000,
				};
				let v =
					*u.choose(&[0, 1, acc / 1_000, acc / 100, acc / 20, acc / 10, acc / 2, acc])?;
				self.encode_per_thing(id, v, out);
			},
			("MultiAddress", TypeDef::Variant(_)) if u.ratio(9, 10)? => {
				out.push(0); // Id
				out.extend_from_slice(self.account(u)?.as_ref());
			},
			(_, TypeDef::Composite(c)) => {
				for f in &c.fields {
					let h = f.type_name.as_deref().unwrap_or(hint);
					self.value(u, f.ty.id, h, depth, out)?;
				}
			},
			(_, TypeDef::Variant(v)) => {
				if v.variants.is_empty() {
					return Ok(());
				}
				let var = u.choose(&v.variants)?;
				out.push(var.index);
				for f in &var.fields {
					let h = f.type_name.as_deref().unwrap_or(hint);
					self.value(u, f.ty.id, h, depth, out)?;
				}
			},
			(_, TypeDef::Sequence(s)) => {
				let elem = s.type_param.id;
				if matches!(self.resolve(elem), Some(TypeDef::Primitive(TypeDefPrimitive::U8))) {
					let len =
						*u.choose(&[0usize, 1, 2, 4, 8, 16, 32, 33, 64, 65, 100, 128, 256])?;
					Compact(len as u32).encode_to(out);
					self.bytes(u, len, out)?;
				} else {
					let len = u.int_in_range(0u32..=3)?;
					Compact(len).encode_to(out);
					for _ in 0..len {
						self.value(u, elem, hint, depth, out)?;
					}
				}
			},
			(_, TypeDef::Array(a)) => {
				let elem = a.type_param.id;
				if matches!(self.resolve(elem), Some(TypeDef::Primitive(TypeDefPrimitive::U8))) {
					match a.len {
						32 => out.extend_from_slice(&self.hash(u)?),
						2 => out.extend_from_slice(
							u.choose(&[*b"US", *b"DE", *b"KP", *b"IR", *b"CN"])?,
						),
						n => self.bytes(u, n as usize, out)?,
					}
				} else {
					for _ in 0..a.len {
						self.value(u, elem, hint, depth, out)?;
					}
				}
			},
			(_, TypeDef::Tuple(t)) => {
				for f in &t.fields {
					self.value(u, f.id, hint, depth, out)?;
				}
			},
			(_, TypeDef::Primitive(p)) => self.primitive(u, p, hint, out)?,
			(_, TypeDef::Compact(c)) => {
				let bits = self.uint_bits(c.type_param.id);
				let v = self.uint(u, bits, hint)?;
				Compact(v).encode_to(out);
			},
			(_, TypeDef::BitSequence(_)) => Compact(0u32).encode_to(out),
		}
		Ok(())
	}

	/// The width of an unsigned integer type (through single-field wrappers such as `Perbill`).
	fn uint_bits(&self, id: u32) -> u32 {
		match self.resolve(id) {
			Some(TypeDef::Primitive(TypeDefPrimitive::U8)) => 8,
			Some(TypeDef::Primitive(TypeDefPrimitive::U16)) => 16,
			Some(TypeDef::Primitive(TypeDefPrimitive::U32)) => 32,
			Some(TypeDef::Primitive(TypeDefPrimitive::U64)) => 64,
			Some(TypeDef::Composite(c)) if c.fields.len() == 1 => {
				c.fields.first().map_or(128, |f| self.uint_bits(f.ty.id))
			},
			_ => 128,
		}
	}

	/// A per-thing's inner integer, compact or not as its type says.
	fn encode_per_thing(&self, id: u32, v: u128, out: &mut Vec<u8>) {
		match self.uint_bits(id) {
			16 => (v.min(u16::MAX.into()) as u16).encode_to(out),
			32 => (v.min(u32::MAX.into()) as u32).encode_to(out),
			64 => (v.min(u64::MAX.into()) as u64).encode_to(out),
			_ => (v as u8).encode_to(out),
		}
	}

	fn primitive(
		&self,
		u: &mut Unstructured,
		p: &TypeDefPrimitive,
		hint: &str,
		out: &mut Vec<u8>,
	) -> Result<()> {
		match p {
			TypeDefPrimitive::Bool => out.push(u8::from(u.arbitrary::<bool>()?)),
			TypeDefPrimitive::Char => (u.int_in_range(32u32..=126)?).encode_to(out),
			TypeDefPrimitive::Str => {
				let len = *u.choose(&[0usize, 1, 8, 32])?;
				Compact(len as u32).encode_to(out);
				for _ in 0..len {
					out.push(u.int_in_range(b'a'..=b'z')?);
				}
			},
			TypeDefPrimitive::U8 => (self.uint(u, 8, hint)? as u8).encode_to(out),
			TypeDefPrimitive::U16 => (self.uint(u, 16, hint)? as u16).encode_to(out),
			TypeDefPrimitive::U32 => (self.uint(u, 32, hint)? as u32).encode_to(out),
			TypeDefPrimitive::U64 => (self.uint(u, 64, hint)? as u64).encode_to(out),
			TypeDefPrimitive::U128 => self.uint(u, 128, hint)?.encode_to(out),
			TypeDefPrimitive::U256 => self.bytes(u, 32, out)?,
			TypeDefPrimitive::I8 => u.arbitrary::<i8>()?.encode_to(out),
			TypeDefPrimitive::I16 => u.arbitrary::<i16>()?.encode_to(out),
			TypeDefPrimitive::I32 => u.arbitrary::<i32>()?.encode_to(out),
			TypeDefPrimitive::I64 => u.arbitrary::<i64>()?.encode_to(out),
			TypeDefPrimitive::I128 => u.arbitrary::<i128>()?.encode_to(out),
			TypeDefPrimitive::I256 => self.bytes(u, 32, out)?,
		}
		Ok(())
	}

	/// An unsigned integer of `bits` bits, drawn by what the field's type name suggests.
	fn uint(&self, u: &mut Unstructured, bits: u32, hint: &str) -> Result<u128> {
		let max = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
		let v = match u.int_in_range(0u8..=9)? {
			// Raw bytes: anything at all.
			0 => u.arbitrary::<u128>()?,
			1 => *u.choose(&[max, max - 1, max / 2])?,
			_ if hint.contains("BlockNumber") => near(u, self.cx.block.into(), BLOCK_OFFSETS)?,
			_ if hint.contains("Moment") => near(u, self.cx.now_ms.into(), MS_OFFSETS)?,
			_ if hint.contains("Balance") || hint.contains("Price") => {
				let units = *u.choose(UNITS)?;
				let base = units.saturating_mul(UNIT);
				match u.int_in_range(0u8..=5)? {
					0 => base.saturating_sub(1),
					1 => base.saturating_add(1),
					2 => units,
					_ => base,
				}
			},
			_ => *u.choose(SMALL)?,
		};
		Ok(v.min(max))
	}

	fn account(&self, u: &mut Unstructured) -> Result<AccountId> {
		Ok(u.choose(self.cx.actors)?.clone())
	}

	fn hash(&self, u: &mut Unstructured) -> Result<[u8; 32]> {
		if !self.cx.hashes.is_empty() && u.ratio(2, 3)? {
			return Ok(*u.choose(self.cx.hashes)?);
		}
		let mut h = [0u8; 32];
		if u.arbitrary::<bool>()? {
			u.fill_buffer(&mut h)?;
		}
		Ok(h)
	}

	fn bytes(&self, u: &mut Unstructured, len: usize, out: &mut Vec<u8>) -> Result<()> {
		let fill = u.arbitrary::<u8>()?;
		let start = out.len();
		out.resize(start + len, fill);
		if u.arbitrary::<bool>()? {
			if let Some(tail) = out.get_mut(start..) {
				u.fill_buffer(tail)?;
			}
		}
		Ok(())
	}
}

/// `now` moved by one of `offsets`: back one time in five, forward otherwise.
fn near<T: Copy + Into<u128>>(u: &mut Unstructured, now: u128, offsets: &[T]) -> Result<u128> {
	let off: u128 = (*u.choose(offsets)?).into();
	Ok(if u.ratio(1, 5)? { now.saturating_sub(off) } else { now.saturating_add(off) })
}
