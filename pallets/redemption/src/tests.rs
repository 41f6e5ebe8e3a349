//! Unit tests: merchants, direct and authorized redemption (every refusal, replay, clean-up),
//! reviews.

use crate::{
	invalid, mock::*, AuthorizationsEnding, Error, Event, MerchantCount, Merchants, Receipts,
	UsedAuthorizations,
};
use genex_primitives::{
	coupons::mock::{MockCoupons, MOCK_CANNOT_BURN},
	credit::mock::MockCredit,
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	RedemptionAuthorization, Retirement,
};
#[allow(deprecated)]
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::Hooks,
		pallet_prelude::{InvalidTransaction, TransactionSource, ValidateUnsigned},
	},
	sp_runtime::{testing::TestSignature, DispatchError},
};

type P = crate::Pallet<Test>;
type Auth = RedemptionAuthorization<u64, u64>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> Event<Test> {
	match System::events().last().map(|r| r.event.clone()) {
		Some(RuntimeEvent::Redemption(e)) => e,
		other => panic!("unexpected last event {other:?}"),
	}
}

fn auth(units: u64, nonce: u64) -> Auth {
	Auth { holder: HOLDER, series: SERIES, units, merchant: MERCHANT, nonce, valid_until: 10 }
}

fn sign(a: &Auth) -> TestSignature {
	TestSignature(a.holder, P::signing_payload(a))
}

fn validate(a: &Auth, s: &TestSignature) -> Result<(), InvalidTransaction> {
	#[allow(deprecated)]
	let v = P::validate_unsigned(
		TransactionSource::External,
		&crate::Call::redeem_authorized { authorization: a.clone(), signature: s.clone() },
	);
	v.map(|_| ()).map_err(|e| match e {
		polkadot_sdk::sp_runtime::transaction_validity::TransactionValidityError::Invalid(i) => i,
		other => panic!("unexpected {other:?}"),
	})
}

#[test]
fn merchants_are_registered_and_removed() {
	new_test_ext().execute_with(|| {
		assert!(Merchants::<Test>::contains_key(ISSUER, MERCHANT));
		assert_noop!(P::register_merchant(signed(OTHER), MERCHANT), Error::<Test>::NotAnIssuer);
		assert_noop!(P::register_merchant(signed(ISSUER), MERCHANT), Error::<Test>::AlreadyRegistered);
		MockSanctions::set(&OTHER, true);
		assert_noop!(P::register_merchant(signed(ISSUER), OTHER), MOCK_BLOCKED);
		MockSanctions::set(&OTHER, false);
		assert_ok!(P::register_merchant(signed(ISSUER), OTHER));
		assert_eq!(last_event(), Event::MerchantRegistered { issuer: ISSUER, merchant: OTHER });
		assert_noop!(P::register_merchant(signed(ISSUER), 9), Error::<Test>::TooManyMerchants);
		assert_noop!(P::remove_merchant(signed(ISSUER), 9), Error::<Test>::UnknownMerchant);
		assert_ok!(P::remove_merchant(signed(ISSUER), OTHER));
		assert_eq!(last_event(), Event::MerchantRemoved { issuer: ISSUER, merchant: OTHER });
		assert_eq!(MerchantCount::<Test>::get(ISSUER), 1);
		P::do_try_state().expect("invariants");
	});
}

#[test]
fn holder_redeems_directly() {
	new_test_ext().execute_with(|| {
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 3, Some(MERCHANT), vec![]));
		assert_eq!(
			last_event(),
			Event::Redeemed { receipt: 0, series: SERIES, holder: HOLDER, merchant: MERCHANT, units: 3, face_value: 300, nonce: None }
		);
		assert_eq!(MockCoupons::burns(), vec![(SERIES, codec::Encode::encode(&HOLDER), 3, Retirement::Redeemed)]);
		let r = Receipts::<Test>::get(0).expect("receipt");
		assert_eq!((r.issuer, r.units, r.face_value, r.reviewed), (ISSUER, 3, 300, false));
		// At the issuer itself.
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		assert!(matches!(last_event(), Event::Redeemed { receipt: 1, merchant: ISSUER, .. }));
	});
}

#[test]
fn direct_redemption_refusals() {
	new_test_ext().execute_with(|| {
		let h = || signed(HOLDER);
		assert_noop!(P::redeem(h(), SERIES, 3, Some(OTHER), vec![]), Error::<Test>::UnknownMerchant);
		assert_noop!(P::redeem(h(), SERIES, 11, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(P::redeem(h(), SERIES, 0, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(P::redeem(h(), 5, 1, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(P::redeem(h(), SERIES, 5, None, vec![1, 2, 3, 4, 5]), Error::<Test>::TooManySerials);
		MockSanctions::set(&HOLDER, true);
		assert_noop!(P::redeem(h(), SERIES, 1, None, vec![]), MOCK_BLOCKED);
		MockSanctions::set(&HOLDER, false);
		MockSanctions::set(&MERCHANT, true);
		assert_noop!(P::redeem(h(), SERIES, 1, Some(MERCHANT), vec![]), MOCK_BLOCKED);
	});
}

#[test]
fn merchant_submits_an_authorization_once() {
	new_test_ext().execute_with(|| {
		let a = auth(4, 77);
		let s = sign(&a);
		assert_eq!(validate(&a, &s), Ok(()));
		assert_noop!(P::redeem_authorized(signed(MERCHANT), a.clone(), s.clone()), DispatchError::BadOrigin);
		assert_ok!(P::redeem_authorized(RuntimeOrigin::none(), a.clone(), s.clone()));
		assert_eq!(
			last_event(),
			Event::Redeemed { receipt: 0, series: SERIES, holder: HOLDER, merchant: MERCHANT, units: 4, face_value: 400, nonce: Some(77) }
		);
		assert_eq!(MockCoupons::balance_of(SERIES, &HOLDER), 6);
		// Replayed: refused by the pool and by the dispatch.
		assert_eq!(validate(&a, &s), Err(InvalidTransaction::Custom(invalid::USED)));
		assert_noop!(P::redeem_authorized(RuntimeOrigin::none(), a.clone(), s), Error::<Test>::AuthorizationUsed);
		assert_eq!(UsedAuthorizations::<Test>::get(HOLDER, 77), Some(10));
		P::do_try_state().expect("invariants");
		// Forgotten once its validity ended (block 10 → cleaned at the start of block 11).
		P::on_initialize(10);
		assert!(UsedAuthorizations::<Test>::get(HOLDER, 77).is_some());
		P::on_initialize(11);
		assert!(UsedAuthorizations::<Test>::get(HOLDER, 77).is_none());
		assert!(AuthorizationsEnding::<Test>::get(10).is_empty());
		P::do_try_state().expect("invariants");
	});
}

#[test]
fn bad_authorizations_are_refused() {
	new_test_ext().execute_with(|| {
		let none = || RuntimeOrigin::none();
		// Forged: signed by someone else, or over other data.
		let a = auth(1, 1);
		let forged = TestSignature(OTHER, P::signing_payload(&a));
		assert_eq!(validate(&a, &forged), Err(InvalidTransaction::Custom(invalid::BAD_SIGNATURE)));
		assert_noop!(P::redeem_authorized(none(), a.clone(), forged), Error::<Test>::BadSignature);
		let tampered = sign(&auth(1, 1));
		let more = auth(9, 1);
		assert_noop!(P::redeem_authorized(none(), more, tampered), Error::<Test>::BadSignature);
		// Expired.
		let old = Auth { valid_until: 0, ..auth(1, 2) };
		assert_eq!(validate(&old, &sign(&old)), Err(InvalidTransaction::Stale));
		assert_noop!(P::redeem_authorized(none(), old.clone(), sign(&old)), Error::<Test>::AuthorizationExpired);
		// Too far ahead.
		let far = Auth { valid_until: 102, ..auth(1, 3) };
		assert_eq!(validate(&far, &sign(&far)), Err(InvalidTransaction::Custom(invalid::TOO_LONG)));
		assert_noop!(P::redeem_authorized(none(), far.clone(), sign(&far)), Error::<Test>::ValidityTooLong);
		// Wrong merchant.
		let wrong = Auth { merchant: OTHER, ..auth(1, 4) };
		assert_eq!(validate(&wrong, &sign(&wrong)), Err(InvalidTransaction::Custom(invalid::REFUSED)));
		assert_noop!(P::redeem_authorized(none(), wrong.clone(), sign(&wrong)), Error::<Test>::UnknownMerchant);
		// Above the holder's units.
		let big = auth(11, 5);
		assert_eq!(validate(&big, &sign(&big)), Err(InvalidTransaction::Custom(invalid::REFUSED)));
		assert_noop!(P::redeem_authorized(none(), big.clone(), sign(&big)), MOCK_CANNOT_BURN);
		// Two per ending block in the mock.
		for nonce in [6, 7] {
			let a = auth(1, nonce);
			assert_ok!(P::redeem_authorized(none(), a.clone(), sign(&a)));
		}
		let third = auth(1, 8);
		assert_noop!(P::redeem_authorized(none(), third.clone(), sign(&third)), Error::<Test>::TooManyAuthorizations);
	});
}

#[test]
fn receipt_holders_review_once() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::review(signed(HOLDER), 0, 5), Error::<Test>::UnknownReceipt);
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		assert_noop!(P::review(signed(OTHER), 0, 5), Error::<Test>::NotReceiptHolder);
		assert_noop!(P::review(signed(HOLDER), 0, 0), DispatchError::Other("MockCredit: bad rating"));
		assert_ok!(P::review(signed(HOLDER), 0, 4));
		assert_eq!(last_event(), Event::Reviewed { receipt: 0, rating: 4 });
		assert_eq!(MockCredit::reviews(), vec![(codec::Encode::encode(&ISSUER), 4)]);
		assert_noop!(P::review(signed(HOLDER), 0, 4), Error::<Test>::AlreadyReviewed);
	});
}
