//! Disputes across pallets on the dev chain's demo store (Charlie's series 0, face 50 GUSD,
//! Dave holding 10): a dispute ruled for the buyer with the refund paid from the issuer's
//! deposit and then its own stablecoin, the coupons taken back and the claim counted against
//! the issuer's credit; a silent issuer refunding the issue price by default after 24 hours of
//! blocks; the claimant's units locked while disputed.

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
use genex_primitives::{CouponLedger, STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT, UNIT};
use genex_runtime::{
	configs::RESPOND_WITHIN, genesis_config_presets as presets, Assets, Balances, Coupons, Runtime,
	RuntimeCall, RuntimeEvent, System,
};
use pallet_disputes::{Category, Ruler, Ruling};
use polkadot_sdk::{
	frame_support::traits::fungible::InspectHold,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::Perbill,
};

const USD: u128 = STABLECOIN_UNIT;
/// The demo series' face value.
const FACE: u128 = 50 * USD;

fn ok(call: RuntimeCall, who: Sr25519Keyring) {
	apply(call, who).expect("valid").expect("dispatched");
}

fn disputes(call: pallet_disputes::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Disputes(call)
}

fn gusd(who: Sr25519Keyring) -> u128 {
	Assets::balance(GUSD, account(who))
}

/// The block after the current one, or the one after that when it would start a session
/// (session changes fill their block).
fn quiet_next_block() {
	next_block();
	if System::block_number().is_multiple_of(300) {
		next_block();
	}
}

/// Dave opens a dispute over `units` of the demo series 0 against Charlie.
fn dave_claims(units: u64, category: Category) {
	ok(
		disputes(pallet_disputes::Call::open {
			series: 0,
			units,
			category,
			evidence: H256::repeat_byte(1),
		}),
		Dave,
	);
}

/// 24 hours of 2-second blocks later (and not in a block that starts a session): the issuer's
/// time to answer has run out.
fn after_the_answer_deadline() {
	skip_blocks(RESPOND_WITHIN + 1);
	if System::block_number().is_multiple_of(300) {
		next_block();
	}
}

fn ruled() -> Option<(Ruling, Ruler<genex_runtime::AccountId>, u128, u128)> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Disputes(pallet_disputes::Event::Ruled {
			ruling,
			by,
			paid,
			shortfall,
			..
		}) => Some((ruling, by, paid, shortfall)),
		_ => None,
	})
}

#[test]
fn a_dispute_ruled_for_the_buyer_pays_the_refund() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Charlie keeps a deposit of 100 GUSD with the issuers pallet.
		ok(RuntimeCall::Issuers(pallet_issuers::Call::deposit { amount: 100 * USD }), Charlie);
		quiet_next_block();
		let (dave0, charlie0) = (gusd(Dave), gusd(Charlie));
		let requested0 = pallet_issuers::Issuers::<Runtime>::get(account(Charlie))
			.expect("issuer")
			.inputs
			.requested;

		// Dave could not redeem 4 units: he opens a dispute. The units are locked, 5 GNX held.
		dave_claims(4, Category::CannotRedeem);
		assert_eq!(<Coupons as CouponLedger<_, u128>>::locked(0, &account(Dave)), 4);
		assert_eq!(Balances::total_balance_on_hold(&account(Dave)), 5 * UNIT);
		// Locked units cannot be sent while disputed.
		let transfer = RuntimeCall::Coupons(pallet_coupons::Call::transfer {
			series: 0,
			dest: account(Ferdie),
			units: 7,
		});
		assert!(apply(transfer, Dave).expect("valid").is_err());

		// Charlie answers; Alice (the platform, the dev chain's arbitrator) rules a full refund.
		quiet_next_block();
		ok(
			disputes(pallet_disputes::Call::respond { id: 0, evidence: H256::repeat_byte(2) }),
			Charlie,
		);
		quiet_next_block();
		// Charlie cannot rule his own dispute.
		let own =
			apply(disputes(pallet_disputes::Call::rule { id: 0, ruling: Ruling::Reject }), Charlie);
		assert!(is_error(dispatch_error(own), pallet_disputes::Error::<Runtime>::NotArbitrator));
		ok(
			disputes(pallet_disputes::Call::rule { id: 0, ruling: Ruling::Refund(Perbill::one()) }),
			Alice,
		);
		assert_eq!(
			ruled(),
			Some((Ruling::Refund(Perbill::one()), Ruler::Arbitrator(account(Alice)), 4 * FACE, 0))
		);
		// 200 GUSD: 100 from the deposit, 100 from Charlie's own stablecoin.
		assert_eq!(gusd(Dave), dave0 + 4 * FACE);
		assert_eq!(gusd(Charlie), charlie0 - 100 * USD);
		let issuer = pallet_issuers::Issuers::<Runtime>::get(account(Charlie)).expect("issuer");
		assert_eq!(issuer.deposit, 0);
		assert_eq!(issuer.inputs.requested, requested0 + 1);
		// The coupons went back; the deposit was returned.
		assert_eq!(<Coupons as CouponLedger<_, u128>>::balance(0, &account(Dave)), 6);
		assert_eq!(<Coupons as CouponLedger<_, u128>>::locked(0, &account(Dave)), 0);
		assert_eq!(Balances::total_balance_on_hold(&account(Dave)), 0);
		assert!(pallet_disputes::Disputes::<Runtime>::get(0).is_none());
	});
}

#[test]
fn a_silent_issuer_loses_by_default_after_24_hours() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let dave0 = gusd(Dave);
		dave_claims(2, Category::NotAsDescribed);
		quiet_next_block();
		let early = apply(disputes(pallet_disputes::Call::rule_by_default { id: 0 }), Dave);
		assert!(is_error(
			dispatch_error(early),
			pallet_disputes::Error::<Runtime>::RespondentNotSilent
		));
		// 24 hours of 2-second blocks later, Charlie has not answered.
		after_the_answer_deadline();
		ok(disputes(pallet_disputes::Call::rule_by_default { id: 0 }), Dave);
		// The issue price (45 of the face value of 50 GUSD), both units back.
		let share = Perbill::from_rational(45u32, 50u32);
		assert_eq!(ruled(), Some((Ruling::Refund(share), Ruler::Default, 2 * 45 * USD, 0)));
		assert_eq!(gusd(Dave), dave0 + 2 * 45 * USD);
		assert_eq!(<Coupons as CouponLedger<_, u128>>::balance(0, &account(Dave)), 8);
	});
}

#[test]
fn a_silent_issuer_cannot_pay_a_holder_out_of_the_deposit_its_limit_needs() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		// Charlie keeps a deposit of 100 GUSD and has issued up to its limit: the whole deposit
		// backs coupons its holders hold.
		ok(RuntimeCall::Issuers(pallet_issuers::Call::deposit { amount: 100 * USD }), Charlie);
		let limit = pallet_issuers::Pallet::<Runtime>::credit_report(&account(Charlie))
			.expect("issuer")
			.limit;
		pallet_issuers::Issuers::<Runtime>::mutate(account(Charlie), |i| {
			let i = &mut i.as_mut().expect("issuer").inputs;
			i.issued_face += limit - i.outstanding_face;
			i.outstanding_face = limit;
		});
		quiet_next_block();
		// Dave (not Charlie's affiliate, but he could be its straw man) claims, and Charlie stays
		// silent for 24 hours.
		dave_claims(2, Category::CannotRedeem);
		let (dave0, charlie0) = (gusd(Dave), gusd(Charlie));
		after_the_answer_deadline();
		ok(disputes(pallet_disputes::Call::rule_by_default { id: 0 }), Dave);
		// The default award (the issue price, 2 × 45 GUSD) comes out of Charlie's own stablecoin;
		// the deposit its limit needs stays with the issuers pallet.
		let share = Perbill::from_rational(45u32, 50u32);
		assert_eq!(ruled(), Some((Ruling::Refund(share), Ruler::Default, 2 * 45 * USD, 0)));
		assert_eq!(gusd(Dave), dave0 + 2 * 45 * USD);
		assert_eq!(gusd(Charlie), charlie0 - 2 * 45 * USD);
		let issuer = pallet_issuers::Issuers::<Runtime>::get(account(Charlie)).expect("issuer");
		assert_eq!(issuer.deposit, 100 * USD);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Issuers(pallet_issuers::Event::ClaimPaid {
				from_deposit: 0,
				from_escrow: 0,
				..
			})
		)));
	});
}
