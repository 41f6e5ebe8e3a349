//! The `genex_*` methods for JavaScript clients, generated from the Rust types.
//!
//! [`polkadot_js`] is the `rpc` and `types` bundle `@polkadot/api` takes
//! (`ApiPromise.create({ rpc, types })`): with it `api.rpc.genex.verifyCoupon(…)` exists, its
//! parameters are encoded and its answer decoded into typed objects. The methods' names and
//! parameters are listed once here ([`METHODS`]); every type — parameters and answers — is
//! derived from the Rust type the server uses (`scale_info::TypeInfo` on the `*Json` structs and
//! the primitives), with the fields named as serde writes them (camelCase), so the bundle
//! cannot drift from what the node sends. `examples/ts/src/genex-definitions.json` is this bundle;
//! a test here fails when it is stale (`GENEX_WRITE_DEFINITIONS=1` rewrites it).

use crate::{
	coupons::{CreditJson, SeriesInfoJson, VerificationJson},
	market::{BestJson, DepthJson, OrderJson, QuoteJson, TradeJson},
	notifications::{AnnouncementJson, CouponEventJson, ExpiringCouponJson, PriceMoveJson},
	oracle::OraclePriceJson,
};
use genex_primitives::{
	coupons::RedemptionAuthorization,
	market::{OrderStatus, Side},
	AccountId, BlockNumber, SeriesId,
};
use polkadot_sdk::sp_core::H256;
use scale_info::{
	form::PortableForm, MetaType, PortableRegistry, Registry, Type, TypeDef, TypeDefPrimitive,
};
use serde_json::{json, Map, Value as Json};

/// A method's parameter: name, type, and whether it may be left out (`Option<…>` last).
type Param = (&'static str, fn() -> MetaType, bool);

/// A `genex_*` method: its name after `genex_`, what it does, its parameters and its answer.
pub struct Method {
	/// The name after `genex_` (`verifyCoupon`).
	pub name: &'static str,
	/// One line for the client's documentation.
	pub description: &'static str,
	params: &'static [Param],
	result: fn() -> MetaType,
}

/// A `genex_*` subscription: the subscribe method (in [`Method`]: its name after `genex_`,
/// parameters, and the notification's type as its answer) and the names @polkadot/api routes
/// by: `[notification, subscribe, unsubscribe]`, each after `genex_`.
pub struct Subscription {
	/// The subscribe method.
	pub method: Method,
	/// `[notification, subscribe, unsubscribe]` after `genex_` (`pubsub` in the bundle).
	pub pubsub: [&'static str; 3],
}

fn meta<T: scale_info::TypeInfo + 'static>() -> MetaType {
	MetaType::new::<T>()
}

const AT: Param = ("at", meta::<H256>, true);

/// Every `genex_*` method the node serves.
pub const METHODS: &[Method] = &[
	Method {
		name: "verifyCoupon",
		description: "May the holder redeem these units now (free units only)?",
		params: &[
			("series", meta::<SeriesId>, false),
			("holder", meta::<AccountId>, false),
			("units", meta::<u64>, false),
			AT,
		],
		result: meta::<VerificationJson>,
	},
	Method {
		name: "seriesInfo",
		description: "A series' terms and statistics (null for an unknown series).",
		params: &[("series", meta::<SeriesId>, false), AT],
		result: meta::<Option<SeriesInfoJson>>,
	},
	Method {
		name: "issuerCredit",
		description: "An issuer's credit report and statistics (null for non-issuers).",
		params: &[("issuer", meta::<AccountId>, false), AT],
		result: meta::<Option<CreditJson>>,
	},
	Method {
		name: "redemptionPayload",
		description: "The 140 bytes a holder signs for a redemption authorization.",
		params: &[(
			"authorization",
			meta::<RedemptionAuthorization<AccountId, BlockNumber>>,
			false,
		)],
		result: meta::<Vec<u8>>,
	},
	Method {
		name: "submitRedemption",
		description: "Submit a holder-signed redemption (no fee); the extrinsic's hash.",
		params: &[
			("authorization", meta::<RedemptionAuthorization<AccountId, BlockNumber>>, false),
			("signature", meta::<Vec<u8>>, false),
		],
		result: meta::<H256>,
	},
	Method {
		name: "marketDepth",
		description: "The aggregated book of a series, best levels first.",
		params: &[("series", meta::<SeriesId>, false), ("levels", meta::<u32>, true), AT],
		result: meta::<DepthJson>,
	},
	Method {
		name: "bestBidAsk",
		description: "The best bid and ask of a series.",
		params: &[("series", meta::<SeriesId>, false), AT],
		result: meta::<BestJson>,
	},
	Method {
		name: "lastTrades",
		description: "The latest auction results of a series.",
		params: &[("series", meta::<SeriesId>, false), AT],
		result: meta::<Vec<TradeJson>>,
	},
	Method {
		name: "openOrders",
		description: "An account's open orders.",
		params: &[("account", meta::<AccountId>, false), AT],
		result: meta::<Vec<OrderJson>>,
	},
	Method {
		name: "quote",
		description: "What trading `units` against the book would cost now.",
		params: &[
			("series", meta::<SeriesId>, false),
			("side", meta::<Side>, false),
			("units", meta::<u64>, false),
			AT,
		],
		result: meta::<QuoteJson>,
	},
	Method {
		name: "orderStatus",
		description: "Where an order is: pending this block's auction, resting, or gone.",
		params: &[
			("series", meta::<SeriesId>, false),
			("side", meta::<Side>, false),
			("price", meta::<String>, false),
			("id", meta::<u64>, false),
			AT,
		],
		result: meta::<OrderStatus>,
	},
	Method {
		name: "oraclePrice",
		description: "The oracle's reference price of a series, its freshness and inputs.",
		params: &[("series", meta::<SeriesId>, false), AT],
		result: meta::<OraclePriceJson>,
	},
];

/// Every `genex_*` subscription the node serves (WebSocket only).
pub const SUBSCRIPTIONS: &[Subscription] = &[
	Subscription {
		method: Method {
			name: "subscribePriceMoves",
			description:
				"Reference-price moves of watched series beyond a threshold (basis points).",
			params: &[
				("series", meta::<Vec<SeriesId>>, false),
				("thresholdBps", meta::<u32>, false),
			],
			result: meta::<PriceMoveJson>,
		},
		pubsub: ["priceMove", "subscribePriceMoves", "unsubscribePriceMoves"],
	},
	Subscription {
		method: Method {
			name: "subscribeCouponEvents",
			description: "Movements of the watched accounts' coupons in finalized blocks.",
			params: &[("accounts", meta::<Vec<AccountId>>, false)],
			result: meta::<CouponEventJson>,
		},
		pubsub: ["couponEvent", "subscribeCouponEvents", "unsubscribeCouponEvents"],
	},
	Subscription {
		method: Method {
			name: "subscribeExpiringCoupons",
			description: "An account's coupons whose validity ends within a number of days.",
			params: &[("account", meta::<AccountId>, false), ("withinDays", meta::<u32>, false)],
			result: meta::<ExpiringCouponJson>,
		},
		pubsub: ["couponExpiring", "subscribeExpiringCoupons", "unsubscribeExpiringCoupons"],
	},
	Subscription {
		method: Method {
			name: "subscribeAnnouncements",
			description: "Announcements of the watched issuers (none: every issuer).",
			params: &[("issuers", meta::<Vec<AccountId>>, false)],
			result: meta::<AnnouncementJson>,
		},
		pubsub: ["announcement", "subscribeAnnouncements", "unsubscribeAnnouncements"],
	},
];

/// `snake_case` as serde's `rename_all = "camelCase"` writes it.
fn camel(name: &str) -> String {
	let mut out = String::new();
	let mut upper = false;
	for c in name.chars() {
		if c == '_' {
			upper = true;
		} else if upper {
			out.extend(c.to_uppercase());
			upper = false;
		} else {
			out.push(c);
		}
	}
	out
}

/// The bundle's name of `id`, registering the definitions it needs in `types`.
fn js_type(registry: &PortableRegistry, id: u32, types: &mut Map<String, Json>) -> String {
	let Some(ty) = registry.resolve(id) else { return "Json".into() };
	let ident = ty.path.segments.last().map(String::as_str).unwrap_or_default();
	match &ty.type_def {
		TypeDef::Primitive(p) => primitive(p).into(),
		TypeDef::Compact(c) => format!("Compact<{}>", js_type(registry, c.type_param.id, types)),
		TypeDef::Sequence(s) => match registry.resolve(s.type_param.id).map(|t| &t.type_def) {
			Some(TypeDef::Primitive(TypeDefPrimitive::U8)) => "Bytes".into(),
			_ => format!("Vec<{}>", js_type(registry, s.type_param.id, types)),
		},
		TypeDef::Array(a) => format!("[{};{}]", js_type(registry, a.type_param.id, types), a.len),
		TypeDef::Tuple(t) if t.fields.is_empty() => "Null".into(),
		TypeDef::Tuple(t) => {
			let parts: Vec<String> =
				t.fields.iter().map(|f| js_type(registry, f.id, types)).collect();
			format!("({})", parts.join(","))
		},
		TypeDef::Composite(_) if ident == "AccountId32" => "AccountId".into(),
		TypeDef::Composite(_) if ident == "H256" => "H256".into(),
		TypeDef::Composite(_) if ident == "Bytes" => "Bytes".into(),
		TypeDef::Composite(c)
			if c.fields.len() == 1 && c.fields.iter().all(|f| f.name.is_none()) =>
		{
			c.fields.first().map_or("Null".into(), |f| js_type(registry, f.ty.id, types))
		},
		TypeDef::Variant(_) if ident == "Option" => {
			let inner = ty.type_params.first().and_then(|p| p.ty.as_ref()).map(|t| t.id);
			format!("Option<{}>", inner.map_or("Null".into(), |i| js_type(registry, i, types)))
		},
		TypeDef::Composite(_) | TypeDef::Variant(_) => named(registry, ty, ident, types),
		TypeDef::BitSequence(_) => "BitVec".into(),
	}
}

/// A struct or enum of ours: `Genex` + its Rust name (without `Json`), defined in `types`.
fn named(
	registry: &PortableRegistry,
	ty: &Type<PortableForm>,
	ident: &str,
	types: &mut Map<String, Json>,
) -> String {
	let name = format!("Genex{}", ident.trim_end_matches("Json"));
	if types.contains_key(&name) {
		return name;
	}
	// Reserve the name first: a type may refer to itself.
	types.insert(name.clone(), Json::Null);
	let def = match &ty.type_def {
		TypeDef::Composite(c) => {
			let mut fields = Map::new();
			for f in &c.fields {
				let field = camel(f.name.as_deref().unwrap_or_default());
				fields.insert(field, Json::String(js_type(registry, f.ty.id, types)));
			}
			Json::Object(fields)
		},
		TypeDef::Variant(v) if v.variants.iter().all(|x| x.fields.is_empty()) => {
			json!({ "_enum": v.variants.iter().map(|x| x.name.clone()).collect::<Vec<_>>() })
		},
		TypeDef::Variant(v) => {
			let mut variants = Map::new();
			for x in &v.variants {
				let def = if x.fields.is_empty() {
					Json::String("Null".into())
				} else {
					let mut fields = Map::new();
					for f in &x.fields {
						let field = camel(f.name.as_deref().unwrap_or_default());
						fields.insert(field, Json::String(js_type(registry, f.ty.id, types)));
					}
					Json::Object(fields)
				};
				variants.insert(x.name.clone(), def);
			}
			json!({ "_enum": variants })
		},
		_ => Json::Null,
	};
	types.insert(name.clone(), def);
	name
}

fn primitive(p: &TypeDefPrimitive) -> &'static str {
	match p {
		TypeDefPrimitive::Bool => "bool",
		TypeDefPrimitive::Char | TypeDefPrimitive::Str => "Text",
		TypeDefPrimitive::U8 => "u8",
		TypeDefPrimitive::U16 => "u16",
		TypeDefPrimitive::U32 => "u32",
		TypeDefPrimitive::U64 => "u64",
		TypeDefPrimitive::U128 => "u128",
		TypeDefPrimitive::U256 => "u256",
		TypeDefPrimitive::I8 => "i8",
		TypeDefPrimitive::I16 => "i16",
		TypeDefPrimitive::I32 => "i32",
		TypeDefPrimitive::I64 => "i64",
		TypeDefPrimitive::I128 => "i128",
		TypeDefPrimitive::I256 => "i256",
	}
}

/// The `@polkadot/api` bundle: `{ "rpc": { "genex": { method: { description, params, type } } },
/// "types": { name: definition } }`; a subscription's entry also has `pubsub`.
pub fn polkadot_js() -> Json {
	let entries: Vec<(&Method, Option<&[&str; 3]>)> = METHODS
		.iter()
		.map(|m| (m, None))
		.chain(SUBSCRIPTIONS.iter().map(|s| (&s.method, Some(&s.pubsub))))
		.collect();
	let mut registry = Registry::new();
	let ids: Vec<(Vec<(u32, &str, bool)>, u32)> = entries
		.iter()
		.map(|(m, _)| {
			let params = m
				.params
				.iter()
				.map(|(name, ty, optional)| (registry.register_type(&ty()).id, *name, *optional))
				.collect();
			(params, registry.register_type(&(m.result)()).id)
		})
		.collect();
	let registry = PortableRegistry::from(registry);
	let mut types = Map::new();
	let mut methods = Map::new();
	for ((m, pubsub), (params, result)) in entries.into_iter().zip(ids) {
		let params: Vec<Json> = params
			.into_iter()
			.map(|(id, name, optional)| {
				let ty = js_type(&registry, id, &mut types);
				if optional {
					json!({ "name": name, "type": ty, "isOptional": true })
				} else {
					json!({ "name": name, "type": ty })
				}
			})
			.collect();
		let ty = js_type(&registry, result, &mut types);
		let mut entry = json!({ "description": m.description, "params": params, "type": ty });
		if let (Some(pubsub), Json::Object(fields)) = (pubsub, &mut entry) {
			fields.insert("pubsub".into(), json!(pubsub));
		}
		methods.insert(m.name.to_string(), entry);
	}
	json!({ "rpc": { "genex": methods }, "types": types })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_are_camel_cased_as_serde_does() {
		assert_eq!(camel("holder_units"), "holderUnits");
		assert_eq!(camel("average_rating_x100"), "averageRatingX100");
		assert_eq!(camel("id"), "id");
	}

	#[test]
	fn the_bundle_types_every_answer_from_the_rust_types() {
		let bundle = polkadot_js();
		let verify = &bundle["rpc"]["genex"]["verifyCoupon"];
		assert_eq!(verify["type"], "GenexVerification");
		assert_eq!(verify["params"][1], json!({ "name": "holder", "type": "AccountId" }));
		assert_eq!(verify["params"][3]["isOptional"], true);
		let v = &bundle["types"]["GenexVerification"];
		assert_eq!(v["holderUnits"], "u64");
		assert_eq!(v["series"], "Option<GenexSeries>");
		assert_eq!(bundle["types"]["GenexSide"], json!({ "_enum": ["Buy", "Sell"] }));
		assert_eq!(bundle["rpc"]["genex"]["redemptionPayload"]["type"], "Bytes");
		// Every method the server declares (`#[method(name = "genex_…")]`) is in the bundle,
		// and nothing else.
		let sources =
			[include_str!("coupons.rs"), include_str!("market.rs"), include_str!("oracle.rs")];
		let mut served: Vec<&str> = sources
			.iter()
			.flat_map(|s| s.split("#[method(name = \"genex_").skip(1))
			.filter_map(|rest| rest.split('"').next())
			.collect();
		served.sort_unstable();
		let mut names: Vec<&str> = METHODS.iter().map(|m| m.name).collect();
		names.sort_unstable();
		assert_eq!(names, served);
		// Every subscription the server declares, with the names @polkadot/api routes by:
		// `#[subscription(name = "genex_<subscribe>" => "genex_<notification>", unsubscribe =
		// "genex_<unsubscribe>"`.
		let declared: Vec<[String; 3]> = include_str!("notifications/mod.rs")
			.split("#[subscription(")
			.skip(1)
			.map(|rest| {
				let quoted: Vec<&str> = rest.split('"').skip(1).step_by(2).take(3).collect();
				let name = |i: usize| {
					quoted.get(i).and_then(|q| q.strip_prefix("genex_")).unwrap_or("?").to_string()
				};
				[name(1), name(0), name(2)]
			})
			.collect();
		let listed: Vec<[String; 3]> =
			SUBSCRIPTIONS.iter().map(|s| s.pubsub.map(String::from)).collect();
		assert_eq!(listed, declared);
		for s in SUBSCRIPTIONS {
			assert_eq!(s.method.name, s.pubsub[1]);
			let entry = &bundle["rpc"]["genex"][s.method.name];
			assert_eq!(entry["pubsub"], json!(s.pubsub));
		}
		assert_eq!(bundle["rpc"]["genex"]["subscribePriceMoves"]["type"], "GenexPriceMove");
		assert_eq!(bundle["rpc"]["genex"]["subscribeCouponEvents"]["type"], "GenexCouponEvent");
		assert_eq!(
			bundle["types"]["GenexExpiryChange"],
			json!({ "_enum": ["Snapshot", "Entered", "Changed"] })
		);
		assert_eq!(
			bundle["types"]["GenexPriceChange"],
			json!({ "_enum": ["Snapshot", "Moved", "StatusChanged"] })
		);
	}

	#[test]
	fn the_typescript_example_ships_the_current_bundle() {
		let path =
			concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ts/src/genex-definitions.json");
		let fresh = format!("{}\n", serde_json::to_string_pretty(&polkadot_js()).expect("JSON"));
		if std::env::var_os("GENEX_WRITE_DEFINITIONS").is_some() {
			std::fs::write(path, &fresh).expect("write the bundle");
		}
		let shipped = std::fs::read_to_string(path).unwrap_or_default();
		assert!(
			shipped == fresh,
			"{path} is stale: run GENEX_WRITE_DEFINITIONS=1 cargo test -p genex-rpc definitions"
		);
	}
}
