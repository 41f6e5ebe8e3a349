//! Unit tests of upheld dispute claims ([`genex_primitives::ClaimFunds`]): the deposit pays
//! first, then the escrow, then the issuer's own stablecoin; what none covers is not paid; the
//! claim counts as a redemption requested and not honoured.

use crate::{mock::*, Event, Issuers};
use genex_primitives::{settlement::mock::MockSettlement, ClaimFunds};
use polkadot_sdk::{frame_support::assert_ok, sp_core::H256};

type P = crate::Pallet<Test>;

/// ACME approved, with a deposit of 300 and an escrow of 200 in the pot, and 1,000 of its own.
fn funded_issuer() {
	assert_ok!(P::apply(RuntimeOrigin::signed(ACME), b"Acme".to_vec(), H256::repeat_byte(1)));
	assert_ok!(P::approve(RuntimeOrigin::root(), ACME, 5));
	assert_ok!(P::deposit(RuntimeOrigin::signed(ACME), 300));
	MockSettlement::set(&pot(), 500);
	Issuers::<Test>::mutate(ACME, |i| i.as_mut().expect("issuer").escrow = 200);
	MockSettlement::set(&ACME, 1_000);
}

fn collateral() -> (u128, u128) {
	let i = Issuers::<Test>::get(ACME).expect("issuer");
	(i.deposit, i.escrow)
}

#[test]
fn the_deposit_pays_first_then_the_escrow_then_the_issuer() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 250), Ok(250));
		assert_eq!((collateral(), MockSettlement::get(&HOLDER)), ((50, 200), 250));
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 400), Ok(400));
		assert_eq!(collateral(), (0, 0));
		assert_eq!((MockSettlement::get(&ACME), MockSettlement::get(&HOLDER)), (850, 650));
		assert_eq!(MockSettlement::get(&pot()), 0);
		assert_eq!(
			System::events().last().map(|r| r.event.clone()),
			Some(RuntimeEvent::Issuers(Event::ClaimPaid {
				issuer: ACME,
				holder: HOLDER,
				from_deposit: 50,
				from_escrow: 200,
				from_issuer: 150,
			}))
		);
	});
}

#[test]
fn an_issuer_without_funds_pays_what_it_has() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 5_000), Ok(1_500));
		assert_eq!((collateral(), MockSettlement::get(&ACME)), ((0, 0), 0));
		// A non-issuer account pays from its own funds only.
		MockSettlement::set(&CAROL, 10);
		assert_eq!(P::pay_claim(&CAROL, &HOLDER, 50), Ok(10));
	});
}

#[test]
fn an_upheld_claim_counts_as_an_unhonoured_redemption() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		let before = Issuers::<Test>::get(ACME).expect("issuer").inputs;
		P::note_claim_upheld(&ACME);
		let after = Issuers::<Test>::get(ACME).expect("issuer").inputs;
		assert_eq!((after.requested, after.honoured), (before.requested + 1, before.honoured));
		// Nothing for a non-issuer.
		P::note_claim_upheld(&CAROL);
		assert!(Issuers::<Test>::get(CAROL).is_none());
	});
}

#[test]
fn a_frozen_issuers_collateral_is_left_to_compensation() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		Issuers::<Test>::mutate(ACME, |i| {
			i.as_mut().expect("issuer").status = genex_primitives::IssuerStatus::Frozen
		});
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 400), Ok(400));
		assert_eq!((collateral(), MockSettlement::get(&ACME)), ((300, 200), 600));
	});
}
