//! The merchant RPC methods against a running `--dev` node: verify the demo store's coupon
//! (Charlie's series 0, Dave holds 10, Eve is the merchant), read the series and the issuer's
//! credit, sign Dave's authorization with his key, submit it through `genex_submitRedemption`,
//! see the units burned in a block, and see a replayed, a forged and a wrong-merchant
//! authorization refused with a named error. Then a flood: Dave signs forty authorizations and
//! the terminal submits them back to back — the pool keeps at most one per holder and series
//! (the rest refused), and a signed transfer submitted meanwhile is still included.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::Node;
use polkadot_sdk::{
	sp_core::crypto::Ss58Codec,
	sp_keyring::Sr25519Keyring::{self, *},
};
use serde_json::{json, Value};
use std::time::Duration;

fn ss58(k: Sr25519Keyring) -> String {
	k.to_account_id().to_ss58check()
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

fn units(node: &Node, who: Sr25519Keyring) -> u64 {
	let v = node
		.rpc("genex_verifyCoupon", &json!([0, ss58(who), 1]).to_string())
		.expect("verifyCoupon answers");
	v["holderUnits"].as_u64().expect("holderUnits")
}

/// A signed authorization: (authorization JSON, signature hex of a SCALE `MultiSignature`).
fn authorize(
	node: &Node,
	signer: Sr25519Keyring,
	merchant: Sr25519Keyring,
	n: u64,
	nonce: u64,
) -> (Value, String) {
	let best = node.best_number().expect("best block");
	let auth = json!({
		"holder": ss58(Dave),
		"series": 0,
		"units": n,
		"merchant": ss58(merchant),
		"nonce": nonce,
		"validUntil": best + 100,
	});
	let payload = node.rpc("genex_redemptionPayload", &json!([auth]).to_string()).expect("payload");
	let signature = signer.sign(&unhex(payload.as_str().expect("hex payload")));
	// MultiSignature::Sr25519 is variant 1.
	(auth, format!("0x01{}", hex(&signature.0)))
}

/// `who`'s free native balance in the best block.
fn free(node: &Node, who: Sr25519Keyring) -> u128 {
	use codec::Decode;
	let key = polkadot_sdk::frame_system::Account::<genex_runtime::Runtime>::hashed_key_for(
		who.to_account_id(),
	);
	let raw = node
		.rpc("state_getStorage", &json!([format!("0x{}", hex(&key))]).to_string())
		.expect("storage answers");
	let bytes = unhex(raw.as_str().expect("an account"));
	let info = polkadot_sdk::frame_system::AccountInfo::<
		genex_runtime::Nonce,
		polkadot_sdk::pallet_balances::AccountData<u128>,
	>::decode(&mut &bytes[..])
	.expect("account info");
	info.data.free
}

fn submit(node: &Node, auth: &Value, signature: &str) -> Value {
	node.rpc_response("genex_submitRedemption", &json!([auth, signature]).to_string())
		.expect("submitRedemption answers")
}

#[test]
fn merchant_verifies_and_redeems_through_rpc() {
	let node = Node::start(&["--dev", "--tmp"]);
	assert!(
		node.wait_for(Duration::from_secs(90), |n| n.best_number().filter(|b| *b >= 1)).is_some(),
		"no block 1 within 90 s"
	);

	let v = node
		.rpc("genex_verifyCoupon", &json!([0, ss58(Dave), 3]).to_string())
		.expect("verifyCoupon");
	assert_eq!(v["redeemable"], true, "{v}");
	assert_eq!(v["problem"], Value::Null);
	assert_eq!(v["holderUnits"], 10);
	assert_eq!(v["series"]["issuer"], ss58(Charlie));
	assert_eq!(v["series"]["faceValue"], "50000000000000");
	let unknown =
		node.rpc("genex_verifyCoupon", &json!([99, ss58(Dave), 1]).to_string()).expect("answer");
	assert_eq!(
		(unknown["redeemable"].clone(), unknown["problem"].clone()),
		(json!(false), json!("UnknownSeries"))
	);

	let info = node.rpc("genex_seriesInfo", "[0]").expect("seriesInfo");
	assert_eq!(info["stats"]["minted"], 100);
	assert_eq!(info["stats"]["sold"], 10);
	assert_eq!(info["series"]["kind"], "Digital");
	let credit =
		node.rpc("genex_issuerCredit", &json!([ss58(Charlie)]).to_string()).expect("credit");
	assert_eq!(credit["status"], "Active");
	assert_eq!(credit["tier"], 1);
	assert_eq!(credit["outstandingFace"], "5000000000000000");
	assert_eq!(node.rpc("genex_issuerCredit", &json!([ss58(Dave)]).to_string()), Some(Value::Null));

	// Dave's QR code, submitted by Eve's terminal.
	let (auth, signature) = authorize(&node, Dave, Eve, 3, 1);
	let accepted = submit(&node, &auth, &signature);
	assert!(accepted["result"].as_str().is_some_and(|h| h.starts_with("0x")), "{accepted}");
	assert!(
		node.wait_for(Duration::from_secs(60), |n| (units(n, Dave) == 7).then_some(())).is_some(),
		"redemption not included within 60 s"
	);

	// Replayed: refused, with the reason.
	let replay = submit(&node, &auth, &signature);
	assert_eq!(replay["error"]["code"], 1001, "{replay}");
	assert!(
		replay["error"]["message"].as_str().is_some_and(|m| m.contains("AuthorizationUsed")),
		"{replay}"
	);
	// Forged: Eve signs for Dave's units.
	let (auth, forged) = authorize(&node, Eve, Eve, 1, 2);
	let refused = submit(&node, &auth, &forged);
	assert!(
		refused["error"]["message"].as_str().is_some_and(|m| m.contains("BadSignature")),
		"{refused}"
	);
	// Wrong merchant: Ferdie is not Charlie's merchant.
	let (auth, signature) = authorize(&node, Dave, Ferdie, 1, 3);
	let refused = submit(&node, &auth, &signature);
	assert!(
		refused["error"]["message"].as_str().is_some_and(|m| m.contains("UnknownMerchant")),
		"{refused}"
	);
	// Above the holding.
	let (auth, signature) = authorize(&node, Dave, Eve, 8, 4);
	let refused = submit(&node, &auth, &signature);
	assert!(
		refused["error"]["message"].as_str().is_some_and(|m| m.contains("InsufficientUnits")),
		"{refused}"
	);
	assert_eq!(units(&node, Dave), 7);

	// The flood: forty fee-less authorizations over the same unit, back to back.
	let first_block = node.best_number().expect("best block");
	let (mut accepted, mut refused_by_pool) = (0u32, 0u32);
	for nonce in 100..140 {
		let (auth, signature) = authorize(&node, Dave, Eve, 1, nonce);
		let answer = submit(&node, &auth, &signature);
		if answer["result"].is_string() {
			accepted += 1;
		} else {
			// 1002: the pool refused it (one pending per holder and series); 1001 once the
			// holder's daily quota is used up.
			let code = answer["error"]["code"].as_i64();
			assert!(matches!(code, Some(1001) | Some(1002)), "{answer}");
			refused_by_pool += 1;
		}
	}
	let last_block = node.best_number().expect("best block");
	eprintln!(
		"flood: {accepted} accepted, {refused_by_pool} refused, blocks {first_block}..{last_block}"
	);
	// At most one pending at a time: one per block that could include it, plus the first.
	assert!(
		u64::from(accepted) <= last_block.saturating_sub(first_block) + 2,
		"{accepted} accepted over blocks {first_block}..{last_block}"
	);
	assert!(refused_by_pool > 0, "the pool bounded the flood");
	// Signed traffic is not starved: Alice's transfer to Ferdie lands.
	let ferdie = free(&node, Ferdie);
	let transfer = genex_runtime::RuntimeCall::Balances(
		polkadot_sdk::pallet_balances::Call::transfer_keep_alive {
			dest: Ferdie.to_account_id().into(),
			value: genex_runtime::UNIT,
		},
	);
	let answer = node.submit_signed(transfer, Alice);
	assert!(answer["result"].is_string(), "{answer}");
	assert!(
		node.wait_for(Duration::from_secs(30), |n| (free(n, Ferdie) > ferdie).then_some(()))
			.is_some(),
		"the signed transfer was not included within 30 s"
	);
	// Dave's units went only through the redemptions the pool let in.
	assert!(units(&node, Dave) >= 7 - accepted.min(7) as u64);
}
