//! Unit tests of upheld dispute claims ([`genex_primitives::ClaimFunds`]): the deposit pays
//! first, then the escrow, then the issuer's own stablecoin; what none covers is not paid; a
//! default ruling draws only on the deposit the issuer could withdraw itself; the claim counts
//! as a redemption requested and not honoured.

use crate::{mock::*, Event, Issuers};
use genex_primitives::{settlement::mock::MockSettlement, ClaimFunds, Collateral};
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
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 250, Collateral::All), Ok(250));
		assert_eq!((collateral(), MockSettlement::get(&HOLDER)), ((50, 200), 250));
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 400, Collateral::All), Ok(400));
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
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 5_000, Collateral::All), Ok(1_500));
		assert_eq!((collateral(), MockSettlement::get(&ACME)), ((0, 0), 0));
		// A non-issuer account pays from its own funds only.
		MockSettlement::set(&CAROL, 10);
		assert_eq!(P::pay_claim(&CAROL, &HOLDER, 50, Collateral::All), Ok(10));
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
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 400, Collateral::All), Ok(400));
		assert_eq!((collateral(), MockSettlement::get(&ACME)), ((300, 200), 600));
	});
}

/// ACME's outstanding face value set so that its limit needs `needed` of its deposit of 300
/// (the mock's leverage is 2: the limit grows by 2 per unit of deposit).
fn outstanding_needing(needed: u128) {
	let limit = P::credit_report(&ACME).expect("issuer").limit;
	Issuers::<Test>::mutate(ACME, |i| {
		i.as_mut().expect("issuer").inputs.outstanding_face = limit - 2 * (300 - needed)
	});
}

#[test]
fn a_default_ruling_draws_only_on_the_deposit_the_issuer_could_withdraw() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		outstanding_needing(200);
		// 100 of the deposit is surplus; the escrow is not touched; the rest is ACME's own.
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 250, Collateral::Surplus), Ok(250));
		assert_eq!(collateral(), (200, 200));
		assert_eq!((MockSettlement::get(&ACME), MockSettlement::get(&HOLDER)), (850, 250));
		assert_eq!(
			System::events().last().map(|r| r.event.clone()),
			Some(RuntimeEvent::Issuers(Event::ClaimPaid {
				issuer: ACME,
				holder: HOLDER,
				from_deposit: 100,
				from_escrow: 0,
				from_issuer: 150,
			}))
		);
		// The limit still covers the outstanding face value: nothing more can leave.
		let r = P::credit_report(&ACME).expect("issuer");
		assert_eq!(r.limit, Issuers::<Test>::get(ACME).expect("issuer").inputs.outstanding_face);
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 2_000, Collateral::Surplus), Ok(850));
		assert_eq!(collateral(), (200, 200));
	});
}

#[test]
fn no_surplus_when_the_limit_is_already_short_and_all_when_nothing_is_outstanding() {
	new_test_ext().execute_with(|| {
		funded_issuer();
		outstanding_needing(300);
		Issuers::<Test>::mutate(ACME, |i| i.as_mut().expect("issuer").inputs.outstanding_face += 1);
		assert_eq!(P::surplus_deposit(&ACME, &Issuers::<Test>::get(ACME).expect("issuer")), 0);
		assert_eq!(P::pay_claim(&ACME, &HOLDER, 50, Collateral::Surplus), Ok(50));
		assert_eq!((collateral(), MockSettlement::get(&ACME)), ((300, 200), 950));
		Issuers::<Test>::mutate(ACME, |i| i.as_mut().expect("issuer").inputs.outstanding_face = 0);
		assert_eq!(P::surplus_deposit(&ACME, &Issuers::<Test>::get(ACME).expect("issuer")), 300);
	});
}

#[test]
fn the_surplus_is_exactly_what_the_issuer_could_withdraw() {
	for needed in [1u128, 77, 150, 250, 299, 300] {
		new_test_ext().execute_with(|| {
			funded_issuer();
			// A limit cut makes the limit's rounding matter.
			Issuers::<Test>::mutate(ACME, |i| {
				i.as_mut().expect("issuer").limit_cut =
					polkadot_sdk::sp_runtime::Perbill::from_parts(123_456_789)
			});
			outstanding_needing(needed);
			let surplus = P::surplus_deposit(&ACME, &Issuers::<Test>::get(ACME).expect("issuer"));
			assert!(needed > 150 || surplus > 0, "needed {needed}: no surplus");
			// One more would leave the limit short (or is more than the deposit).
			let short = if surplus < 300 {
				crate::Error::<Test>::LimitBelowOutstanding
			} else {
				crate::Error::<Test>::InsufficientDeposit
			};
			assert_eq!(
				P::withdraw_deposit(RuntimeOrigin::signed(ACME), surplus + 1),
				Err(short.into()),
				"needed {needed}: surplus {surplus}"
			);
			if surplus > 0 {
				assert_ok!(P::withdraw_deposit(RuntimeOrigin::signed(ACME), surplus));
			}
		});
	}
}
