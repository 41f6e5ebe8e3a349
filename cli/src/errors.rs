//! The chain's refusals in one line each: a dispatch error by its pallet, name and
//! documentation from the node's metadata (`kyc.LevelTooLow: the account needs …`), and a
//! transaction pool's refusal by what it means (the Genex extensions' custom codes included).

use serde_json::Value as Json;
use subxt::Metadata;

/// The custom `InvalidTransaction` codes of the Genex extensions and unsigned calls.
const CUSTOM_CODES: &[(u8, &str)] = &[
	(
		pallet_feeless::QUOTA_USED,
		"feeless.QuotaUsed: the free quota of this call is used up for the period (it is \
		 re-validated as a paying transaction: the account needs GNX for the fee)",
	),
	(
		pallet_redemption::invalid::BAD_SIGNATURE,
		"redemption.BadSignature: the holder's signature does not match the authorization",
	),
	(
		pallet_redemption::invalid::USED,
		"redemption.Used: this authorization (holder and nonce) was used already",
	),
	(
		pallet_redemption::invalid::REFUSED,
		"redemption.Refused: the redemption would fail (units, merchant, series or limits)",
	),
	(
		pallet_redemption::invalid::TOO_LONG,
		"redemption.TooLong: the authorization is valid for longer than the chain allows",
	),
	(
		pallet_redemption::invalid::HOLDER_QUOTA,
		"redemption.HolderQuota: the holder's fee-less redemptions for the period are used up",
	),
	(
		pallet_redemption::invalid::MERCHANT_QUOTA,
		"redemption.MerchantQuota: the merchant's fee-less redemptions for the period are used up",
	),
	(
		pallet_sanctions::BLOCKED_SIGNER,
		"sanctions.BlockedSigner: the signing account is on the sanctions list",
	),
	(
		pallet_sanctions::BLOCKED_PARTY,
		"sanctions.BlockedParty: the call moves value to or from an account on the sanctions list",
	),
];

/// A `DispatchError` (as decoded JSON) in one line, module errors named and documented.
pub fn dispatch_error(error: &Json, metadata: &Metadata) -> String {
	let variant = genex_reports::decode::variant_name(error).unwrap_or_else(|| error.to_string());
	match variant.as_str() {
		"Module" => module_error(error.get("Module").unwrap_or(&Json::Null), metadata),
		"BadOrigin" => "BadOrigin: this account may not make this call".into(),
		"Token" => {
			format!("Token.{}: {}", inner(error, "Token"), token_doc(&inner(error, "Token")))
		},
		"Arithmetic" => format!(
			"Arithmetic.{}: an amount would overflow or underflow",
			inner(error, "Arithmetic")
		),
		"ConsumerRemaining" | "NoProviders" | "TooManyConsumers" => {
			format!(
				"{variant}: the account's native balance cannot pay for this state (keep some GNX)"
			)
		},
		other => format!("the chain refused it: {other} {}", error),
	}
}

fn inner(error: &Json, key: &str) -> String {
	error.get(key).and_then(genex_reports::decode::variant_name).unwrap_or_default()
}

fn token_doc(name: &str) -> &'static str {
	match name {
		"FundsUnavailable" => "not enough funds available",
		"OnlyProvider" | "BelowMinimum" => "the account would fall below the minimum balance",
		"CannotCreate" => "the receiving account cannot be created",
		"UnknownAsset" => "no such asset",
		"Frozen" => "the funds are frozen",
		"Blocked" => "the account may not send or receive this asset",
		_ => "the token transfer is not possible",
	}
}

/// A runtime API's refusal written `Pallet(Error)` (e.g. `Redemption(AuthorizationUsed)`) as
/// `pallet.Error: its documentation`; other text unchanged.
pub fn named_error(text: &str, metadata: &Metadata) -> String {
	let parsed = text.strip_suffix(')').and_then(|t| t.split_once('('));
	let Some((pallet_name, error_name)) = parsed else { return text.to_string() };
	let variant = metadata.pallet_by_name(pallet_name).and_then(|p| {
		p.error_variants()?.iter().find(|v| v.name == error_name).map(|v| v.docs.join(" "))
	});
	match variant {
		Some(docs) => format!("{}.{error_name}: {}", lower_first(pallet_name), docs.trim()),
		None => text.to_string(),
	}
}

/// `{ "index": 60, "error": "0x05000000" }` as `pallet.Error: its documentation`.
fn module_error(module: &Json, metadata: &Metadata) -> String {
	let index = module.get("index").and_then(Json::as_u64).and_then(|i| u8::try_from(i).ok());
	let error = module
		.get("error")
		.and_then(Json::as_str)
		.and_then(|h| hex::decode(h.trim_start_matches("0x")).ok())
		.and_then(|bytes| bytes.first().copied());
	let (Some(index), Some(error)) = (index, error) else {
		return format!("the chain refused it: {module}");
	};
	let Some(pallet) = metadata.pallet_by_error_index(index) else {
		return format!("the chain refused it: error {error} of pallet {index}");
	};
	let Some(variant) = pallet.error_variant_by_index(error) else {
		return format!("the chain refused it: error {error} of {}", pallet.name());
	};
	let docs = variant.docs.join(" ");
	format!("{}.{}: {}", lower_first(pallet.name()), variant.name, docs.trim())
}

/// `Kyc` as `kyc`, `TravelRule` as `travelRule` (the names Polkadot.js shows).
fn lower_first(name: &str) -> String {
	let mut chars = name.chars();
	chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A pool's refusal (`author_submit*` error text) as one line saying why.
pub fn pool_refusal(text: &str) -> String {
	let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
	if let Some(code) = custom_code(&one_line) {
		return match CUSTOM_CODES.iter().find(|(c, _)| *c == code) {
			Some((_, meaning)) => format!("refused by the pool: {meaning}"),
			None => format!("refused by the pool: custom code {code}"),
		};
	}
	let known = [
		("Inability to pay some fees", "the account cannot pay the fee (needs GNX)"),
		("bad signature", "the signature does not match (wrong key or chain)"),
		(
			"Transaction is outdated",
			"the nonce was used already (a transaction of this account landed meanwhile)",
		),
		("Transaction will be valid in the future", "the nonce is ahead of the account's"),
		("Priority is too low", "a transaction with the same nonce is pending"),
		("Already Imported", "the same transaction is pending already"),
		("Transaction would exhaust the block limits", "the block has no room for it now"),
		("Transaction call is not expected", "the call is not allowed here"),
		("Invalid signing address", "the signer is not a valid account"),
		(
			"Could not lookup information required to validate the transaction",
			"signed with the metadata hash (CheckMetadataHash mode 1), which this runtime was built without",
		),
	];
	match known.iter().find(|(needle, _)| one_line.contains(needle)) {
		Some((_, meaning)) => format!("refused by the pool: {meaning}"),
		None => format!("refused by the node: {one_line}"),
	}
}

/// The `N` of "Custom error: N" in a pool error.
fn custom_code(text: &str) -> Option<u8> {
	let at = text.find("Custom error: ")?;
	let digits: String = text
		.get(at.saturating_add("Custom error: ".len())..)?
		.chars()
		.take_while(char::is_ascii_digit)
		.collect();
	digits.parse().ok()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn custom_codes_of_the_genex_extensions_are_named() {
		let text = r#"RPC error: ErrorObject { code: ServerError(1010), message: "Invalid Transaction", data: Some(RawValue("Custom error: 177")) }"#;
		assert_eq!(
			pool_refusal(text),
			"refused by the pool: sanctions.BlockedSigner: the signing account is on the sanctions list"
		);
		assert!(pool_refusal("Custom error: 241").contains("feeless.QuotaUsed"));
		assert_eq!(pool_refusal("Custom error: 9"), "refused by the pool: custom code 9");
	}

	#[test]
	fn common_pool_refusals_say_why() {
		assert!(pool_refusal(
			"Invalid Transaction: Inability to pay some fees (e.g. account balance too low)"
		)
		.contains("cannot pay the fee"));
		assert!(pool_refusal("something new").starts_with("refused by the node: something new"));
	}

	#[test]
	fn pallet_names_read_as_in_polkadot_js() {
		assert_eq!(lower_first("TravelRule"), "travelRule");
		assert_eq!(lower_first(""), "");
	}
}
