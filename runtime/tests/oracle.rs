//! The pricing oracle in the runtime: a feeder's authorized, fee-less submission goes through the
//! real transaction extensions and makes the demo series' reference price; the market's price
//! band then centres on it; a non-feeder's, a duplicate and another chain's (signed over another
//! genesis hash) submission are refused before dispatch.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::*;
use genex_primitives::{PriceOracle, PriceStatus, STABLECOIN_UNIT};
use genex_runtime::{
	genesis_config_presets as presets, Executive, Oracle, Runtime, RuntimeCall, UncheckedExtrinsic,
};
use pallet_market::{OrderRequest, Side, TimeInForce};
use pallet_oracle::{crypto, PriceSubmission};
use polkadot_sdk::{
	sp_core::{Pair, H256},
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{
		transaction_validity::{InvalidTransaction, TransactionValidityError},
		ApplyExtrinsicResult,
	},
};

const USD: u128 = STABLECOIN_UNIT;
const SERIES: u64 = 0;

/// `key`'s submission of `price` for the demo series in the current period, as the off-chain
/// worker builds it: a general transaction whose `AuthorizeCall` checks it, signed for this
/// chain (its genesis hash).
fn submission(key: Sr25519Keyring, price: u128) -> UncheckedExtrinsic {
	submission_for(key, price, Oracle::genesis_hash())
}

/// As [`submission`], signed for the chain whose genesis hash is `genesis_hash`.
fn submission_for(key: Sr25519Keyring, price: u128, genesis_hash: H256) -> UncheckedExtrinsic {
	let params = pallet_oracle::Params::<Runtime>::get();
	let block = polkadot_sdk::frame_system::Pallet::<Runtime>::block_number();
	let submission = PriceSubmission {
		series: SERIES,
		price,
		period: Oracle::period_of(block, &params),
		feeder: crypto::Public::from(key.public()),
	};
	let payload = submission.signing_payload(&genesis_hash);
	let signature = crypto::Signature::from(key.pair().sign(&payload));
	let call = RuntimeCall::Oracle(pallet_oracle::Call::submit_price { submission, signature });
	UncheckedExtrinsic::new_transaction(call, genex_runtime::tx_extension(0))
}

fn apply_general(xt: UncheckedExtrinsic) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(xt)
}

fn ask(price: u128) -> RuntimeCall {
	RuntimeCall::Market(pallet_market::Call::place_order {
		series: SERIES,
		order: OrderRequest {
			side: Side::Sell,
			price,
			units: 1,
			time_in_force: TimeInForce::GoodTillCancelled,
			post_only: false,
		},
	})
}

#[test]
fn a_feeders_price_centres_the_market_band() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Before: no price; the model is there (Charlie's demo store, face 50 GUSD).
		let view = Oracle::oracle_view(SERIES);
		assert_eq!(view.status, PriceStatus::NoSubmissions);
		let model = view.inputs.expect("the demo series is active").price;
		assert!(model > 0 && model < 50 * USD);
		// Without a reference, Dave may ask 49 GUSD.
		assert!(apply(ask(49 * USD), Dave).expect("valid").is_ok());

		// Alice's feeder key signed for another chain (same key, another genesis hash): refused
		// before dispatch.
		let other_chain = H256::repeat_byte(0xa1);
		assert_ne!(Oracle::genesis_hash(), other_chain);
		assert_eq!(
			apply_general(submission_for(Alice, 40 * USD, other_chain)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		);

		// Alice's feeder key (registered at genesis) submits 40 GUSD; no fee, no nonce.
		let alice_free =
			polkadot_sdk::pallet_balances::Pallet::<Runtime>::free_balance(account(Alice));
		assert_eq!(apply_general(submission(Alice, 40 * USD)), Ok(Ok(())));
		assert_eq!(
			polkadot_sdk::pallet_balances::Pallet::<Runtime>::free_balance(account(Alice)),
			alice_free
		);
		assert_eq!(Oracle::reference_price(SERIES), Some(40 * USD));
		assert_eq!(Oracle::oracle_view(SERIES).status, PriceStatus::Fresh);

		// The band (10 %) now centres on 40 GUSD: 46 is refused, 43 rests.
		let refused = dispatch_error(apply(ask(46 * USD), Dave));
		assert!(is_error(refused, pallet_market::Error::<Runtime>::PriceOutsideBand));
		assert!(apply(ask(43 * USD), Dave).expect("valid").is_ok());

		// A second submission in the same period, and a non-feeder's, never dispatch.
		assert_eq!(
			apply_general(submission(Alice, 41 * USD)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
		);
		assert_eq!(
			apply_general(submission(Bob, 41 * USD)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadSigner))
		);
		// A forged signature.
		let mut forged = submission(Alice, 41 * USD);
		if let RuntimeCall::Oracle(pallet_oracle::Call::submit_price { submission, .. }) =
			&mut forged.function
		{
			submission.price = 30 * USD;
		}
		assert!(matches!(
			apply_general(forged),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		));
		assert_eq!(Oracle::reference_price(SERIES), Some(40 * USD));
	});
}
