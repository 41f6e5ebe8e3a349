//! The coupon life across pallets, through real blocks and extrinsics: an issuer onboarded,
//! a series within its limit and one over it, units sold and transferred, a merchant
//! redeeming a holder's signed authorization as an authorized general transaction (and its
//! replay refused), the rest expiring in `on_idle`, and breakage and the credit score moving as
//! `pallet_issuers::score` defines.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use codec::Encode;
use common::*;
use genex_primitives::{
	api::runtime_decl_for_coupons_api::CouponsApiV2, CouponKind, CouponProblem,
	RedemptionAuthorization, SeriesStatus, STABLECOIN_UNIT,
};
use genex_runtime::{
	genesis_config_presets as presets, Executive, Runtime, RuntimeCall, RuntimeOrigin, System,
	UncheckedExtrinsic, SLOT_DURATION,
};
use polkadot_sdk::{
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		MultiSignature,
	},
};

const USD: u128 = STABLECOIN_UNIT;
const HOUR_MS: u64 = 3_600_000;

fn series_terms(valid_until: u64) -> pallet_coupons::SeriesTerms {
	pallet_coupons::SeriesTerms {
		kind: CouponKind::Digital,
		face_value: 50 * USD,
		issue_price: 45 * USD,
		valid_from: 0,
		valid_until,
		terms: b"Bob's Bakery, any branch".to_vec(),
		cap: 1_000,
		gift_card: false,
		jurisdiction: None,
	}
}

fn coupons(call: pallet_coupons::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Coupons(call)
}

fn score(who: Sr25519Keyring) -> (u8, u8) {
	let r = Runtime::issuer_credit(account(who)).expect("an issuer");
	(r.score, r.tier)
}

fn authorization(
	units: u64,
	nonce: u64,
) -> (RedemptionAuthorization<genex_runtime::AccountId, u32>, MultiSignature) {
	let a = RedemptionAuthorization {
		holder: account(Dave),
		series: 1,
		units,
		merchant: account(Ferdie),
		nonce,
		valid_until: System::block_number() + 10,
	};
	let payload = Runtime::redemption_payload(a.clone());
	(a, MultiSignature::Sr25519(Dave.sign(&payload)))
}

/// The merchant's redemption as the node's `genex_submitRedemption` builds it: an authorized
/// general transaction (no signer, no fee; `AuthorizeCall` checks the authorization).
fn redeem_call(
	a: RedemptionAuthorization<genex_runtime::AccountId, u32>,
	signature: MultiSignature,
) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_transaction(
		RuntimeCall::Redemption(pallet_redemption::Call::redeem_authorized {
			authorization: a,
			signature,
		}),
		genex_runtime::tx_extension(0),
	)
}

#[test]
fn coupon_life_across_pallets() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Onboarding: Bob (L3) applies; governance approves with 3 years in business.
		apply(
			RuntimeCall::Issuers(pallet_issuers::Call::apply {
				name: b"Bob's Bakery".to_vec(),
				documents: H256::repeat_byte(0xd0),
			}),
			Bob,
		)
		.expect("valid")
		.expect("Bob applies");
		pallet_issuers::Pallet::<Runtime>::approve(RuntimeOrigin::root(), account(Bob), 3)
			.expect("governance approves");
		// 3 years → 6 points → tier 1: 10,000 GUSD of outstanding face value.
		assert_eq!(score(Bob), (6, 1));
		let limit = Runtime::issuer_credit(account(Bob)).expect("issuer").limit;
		assert_eq!(limit, 10_000 * USD);

		// Within the limit: 100 × 50 GUSD. Over it: 200 more units.
		let valid_until = 3 * HOUR_MS;
		apply(
			coupons(pallet_coupons::Call::create_series {
				terms: series_terms(valid_until),
				units: 100,
			}),
			Bob,
		)
		.expect("valid")
		.expect("within the limit");
		let over = apply(
			coupons(pallet_coupons::Call::create_series {
				terms: series_terms(valid_until),
				units: 200,
			}),
			Bob,
		);
		assert!(is_error(dispatch_error(over), pallet_issuers::Error::<Runtime>::LimitExceeded));
		let over = apply(coupons(pallet_coupons::Call::mint { series: 1, units: 101 }), Bob);
		assert!(is_error(dispatch_error(over), pallet_issuers::Error::<Runtime>::LimitExceeded));

		// Sold to Dave (L2), who passes some to Eve (L1); Ferdie becomes Bob's merchant.
		apply(
			coupons(pallet_coupons::Call::transfer { series: 1, dest: account(Dave), units: 20 }),
			Bob,
		)
		.expect("valid")
		.expect("sale");
		apply(
			coupons(pallet_coupons::Call::transfer { series: 1, dest: account(Eve), units: 5 }),
			Dave,
		)
		.expect("valid")
		.expect("P2P");
		apply(
			RuntimeCall::Redemption(pallet_redemption::Call::register_merchant {
				merchant: account(Ferdie),
			}),
			Bob,
		)
		.expect("valid")
		.expect("merchant registered");
		let v = Runtime::verify_coupon(1, account(Dave), 4);
		assert!(v.redeemable && v.holder_units == 15 && v.problem.is_none());

		// The merchant submits Dave's authorization: authorized, fee-less, validated at the pool,
		// at the lowest priority, one pending per (holder, series).
		let (a, s) = authorization(4, 1);
		let xt = redeem_call(a.clone(), s.clone());
		let parent = System::parent_hash();
		let valid =
			Executive::validate_transaction(TransactionSource::External, xt.clone(), parent)
				.expect("a valid redemption");
		assert_eq!(valid.priority, pallet_redemption::REDEMPTION_PRIORITY);
		assert!(valid
			.provides
			.contains(&(pallet_redemption::REDEMPTION_TAG, account(Dave), 1u64).encode()));
		// As a bare (unsigned) extrinsic it is no longer accepted.
		let bare = UncheckedExtrinsic::new_bare(RuntimeCall::Redemption(
			pallet_redemption::Call::redeem_authorized {
				authorization: a.clone(),
				signature: s.clone(),
			},
		));
		assert!(Executive::validate_transaction(TransactionSource::External, bare, parent).is_err());
		let ferdie_before = System::account(account(Ferdie)).data.free;
		Executive::apply_extrinsic(xt.clone()).expect("valid").expect("redeemed");
		assert_eq!(System::account(account(Ferdie)).data.free, ferdie_before, "no fee");
		assert_eq!(Runtime::verify_coupon(1, account(Dave), 1).holder_units, 11);
		// Replayed: refused at the pool and in a block.
		next_block();
		let parent = System::parent_hash();
		assert_eq!(
			Executive::validate_transaction(TransactionSource::External, xt.clone(), parent),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_redemption::invalid::USED
			)))
		);
		assert!(Executive::apply_extrinsic(xt).is_err());
		// Through the runtime API the RPC uses: the refusal is named.
		assert_eq!(
			Runtime::redemption_extrinsic(a, s),
			Err(b"Redemption(AuthorizationUsed)".to_vec())
		);
		// A forged one (signed by Eve for Dave's units) never gets in.
		let (a, _) = authorization(1, 2);
		let forged = MultiSignature::Sr25519(Eve.sign(&Runtime::redemption_payload(a.clone())));
		assert_eq!(
			Executive::validate_transaction(
				TransactionSource::External,
				redeem_call(a, forged),
				parent
			),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_redemption::invalid::BAD_SIGNATURE
			)))
		);
		// A browser extension's `signRaw` signs `<Bytes>payload</Bytes>`: accepted as well.
		let (a, _) = authorization(1, 3);
		let payload = Runtime::redemption_signing_payload(a.clone());
		assert_eq!(payload.to_vec(), Runtime::redemption_payload(a.clone()));
		let wrapped = [b"<Bytes>".as_slice(), &payload, b"</Bytes>"].concat();
		let extension_signed = MultiSignature::Sr25519(Dave.sign(&wrapped));
		assert!(Executive::validate_transaction(
			TransactionSource::External,
			redeem_call(a.clone(), extension_signed.clone()),
			parent
		)
		.is_ok());
		assert_eq!(Runtime::redemption_extrinsic(a, extension_signed).map(|_| ()), Ok(()));
		// One independent redemption is below the minimum sample (20 redemptions, 10,000 GUSD,
		// 30 days): the score does not move (it went 6 → 56 before the sample rule).
		assert_eq!(score(Bob), (6, 1));
		// Governance waives the sample here to show the formula: one request, honoured: +35;
		// all retired face redeemed: +15.
		pallet_issuers::Pallet::<Runtime>::set_minimum_sample(
			RuntimeOrigin::root(),
			pallet_issuers::SampleRule { redemptions: 0, face: 0, age: 0 },
		)
		.expect("governance sets the sample");
		assert_eq!(score(Bob), (56, 2));
		// Dave reviews: 5 stars, +20.
		apply(
			RuntimeCall::Redemption(pallet_redemption::Call::review { receipt: 0, rating: 5 }),
			Dave,
		)
		.expect("valid")
		.expect("reviewed");
		assert_eq!(score(Bob), (76, 3));

		// The clock passes the end of validity: unusable at once, swept once its hour is over.
		let slot = (valid_until + HOUR_MS) / SLOT_DURATION + 1;
		jump_to_slot(slot);
		assert_eq!(
			Runtime::verify_coupon(1, account(Dave), 1).problem,
			Some(CouponProblem::Expired)
		);
		next_block(); // on_idle of the previous block swept the series
		let (info, stats) = Runtime::series_info(1).expect("series");
		assert_eq!(info.status, SeriesStatus::Expired);
		// 100 minted, 4 redeemed, 96 expired; breakage = the 16 sold units (Dave 11, Eve 5).
		assert_eq!(
			(stats.minted, stats.sold, stats.redeemed, stats.expired, stats.supply()),
			(100, 20, 4, 96, 0)
		);
		assert_eq!(stats.breakage, 16 * 50 * USD);
		assert_eq!(Runtime::issuer_stats(account(Bob)).breakage, 16 * 50 * USD);
		let report = Runtime::issuer_credit(account(Bob)).expect("issuer");
		assert_eq!(report.inputs.outstanding_face, 0);
		assert_eq!(report.inputs.expired_face, 800 * USD);
		assert_eq!(report.inputs.redeemed_face, 200 * USD);
		// Breakage now 800 of 1,000 retired face: 15 × 200 / 1,000 = 3 (was 15) → 6 + 35 + 3 + 20.
		assert_eq!(score(Bob), (64, 3));
		assert_eq!(
			pallet_coupons::Pallet::<Runtime>::series_info(1).map(|(_, s)| s.outstanding_face),
			Some(0)
		);
	});
}

#[test]
fn dev_chain_demo_store() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let v = Runtime::verify_coupon(0, account(Dave), presets::DEMO_DAVE_UNITS);
		assert!(v.redeemable, "{v:?}");
		let series = v.series.expect("demo series");
		assert_eq!(series.issuer, account(Charlie));
		let credit = Runtime::issuer_credit(account(Charlie)).expect("demo issuer");
		assert_eq!(credit.inputs.outstanding_face, 100 * 50 * USD);
		assert!(pallet_redemption::Merchants::<Runtime>::contains_key(
			account(Charlie),
			account(Eve)
		));
		let _ = Encode::encode(&series.face_value);
	});
}

/// `redemptionSigningPayload` is the signed bytes exactly: 140 of them whatever the values
/// (every field is fixed-width), the old `redemptionPayload`'s content without its prefix.
#[test]
fn the_signing_payload_is_140_bytes() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		for (n, block) in [(0u64, 0u32), (1, 1), (u64::MAX, u32::MAX)] {
			let a = RedemptionAuthorization {
				holder: account(Dave),
				series: n,
				units: n,
				merchant: account(Ferdie),
				nonce: n,
				valid_until: block,
			};
			let bytes = Runtime::redemption_payload(a.clone());
			assert_eq!(bytes.len(), genex_primitives::REDEMPTION_PAYLOAD_LEN);
			assert_eq!(Runtime::redemption_signing_payload(a).to_vec(), bytes);
		}
	});
}
