//! Unit tests: merchants, direct and authorized redemption (every refusal, replay, clean-up),
//! reviews, insiders' self-dealing, and the spam bounds of free redemptions (pool tags,
//! priority, quotas, governed limits, receipts' review window and sweep).

use crate::{
	invalid, mock::*, AuthorizationsEnding, Error, Event, Limits, MerchantCount, Merchants,
	OldestReceipt, OldestUsagePeriod, Party, Receipts, RedemptionLimits, Usage, UsedAuthorizations,
	WeightInfo, NONCE_TAG, REDEMPTION_PRIORITY, REDEMPTION_TAG,
};
use codec::Encode;
use genex_primitives::{
	affiliation::mock::MockAffiliation,
	coupons::mock::{MockCoupons, MOCK_CANNOT_BURN},
	credit::mock::MockCredit,
	sanctions::{mock::MockSanctions, MOCK_BLOCKED},
	RedemptionAuthorization, Retirement,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		pallet_prelude::{
			Authorize, InvalidTransaction, TransactionSource, TransactionValidityError,
			ValidTransaction,
		},
		traits::Hooks,
		weights::Weight,
	},
	frame_system::RawOrigin,
	sp_runtime::{testing::TestSignature, DispatchError},
};

type P = crate::Pallet<Test>;
type Auth = RedemptionAuthorization<u64, u64>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The origin of an authorized general transaction (what `AuthorizeCall` gives the call).
fn authorized() -> RuntimeOrigin {
	RawOrigin::Authorized.into()
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

/// The pool's (and the block's) verdict on an authorized redemption.
fn authorize(a: &Auth, s: &TestSignature) -> Result<ValidTransaction, InvalidTransaction> {
	let call =
		crate::Call::<Test>::redeem_authorized { authorization: a.clone(), signature: s.clone() };
	let verdict =
		call.authorize(TransactionSource::External).expect("redeem_authorized is authorized");
	verdict
		.map(|(valid, refund)| {
			assert_eq!(refund, Weight::zero());
			valid
		})
		.map_err(|e| match e {
			TransactionValidityError::Invalid(i) => i,
			other => panic!("unexpected {other:?}"),
		})
}

fn validate(a: &Auth, s: &TestSignature) -> Result<(), InvalidTransaction> {
	authorize(a, s).map(|_| ())
}

/// The pool tag that allows one pending authorization per holder and series.
fn series_tag(holder: u64, series: u64) -> Vec<u8> {
	(REDEMPTION_TAG, holder, series).encode()
}

fn go_to(block: u64) {
	System::set_block_number(block);
}

/// An authorization of one unit of `series` for `holder` at `merchant` with `nonce`, valid for
/// `nonce` blocks (so authorizations with different nonces end in different blocks).
fn one_unit(holder: u64, series: u64, merchant: u64, nonce: u64) -> Auth {
	Auth { holder, series, merchant, nonce, units: 1, valid_until: System::block_number() + nonce }
}

/// Redeem [`one_unit`] through the authorized call.
fn redeem_authorized(
	holder: u64,
	series: u64,
	merchant: u64,
	nonce: u64,
) -> Result<(), DispatchError> {
	let a = one_unit(holder, series, merchant, nonce);
	P::redeem_authorized(authorized(), a.clone(), sign(&a)).map(|_| ()).map_err(|e| e.error)
}

#[test]
fn a_redemption_is_charged_what_the_monitor_used() {
	use crate::WeightInfo;
	use polkadot_sdk::frame_support::weights::Weight;
	new_test_ext().execute_with(|| {
		// The mock monitor uses 400 of its bound's 1,000.
		let used = Weight::from_parts(400, 0);
		let direct = P::redeem(signed(HOLDER), SERIES, 1, None, vec![]).expect("redeemed");
		assert_eq!(direct.actual_weight, Some(<() as WeightInfo>::redeem(0) + used));
		let a = one_unit(HOLDER, SERIES, MERCHANT, 1);
		let authorized = P::redeem_authorized(authorized(), a.clone(), sign(&a)).expect("ok");
		assert_eq!(authorized.actual_weight, Some(<() as WeightInfo>::redeem_authorized() + used));
	});
}

#[test]
fn merchants_are_registered_and_removed() {
	new_test_ext().execute_with(|| {
		assert!(Merchants::<Test>::contains_key(ISSUER, MERCHANT));
		assert_noop!(P::register_merchant(signed(OTHER), MERCHANT), Error::<Test>::NotAnIssuer);
		assert_noop!(
			P::register_merchant(signed(ISSUER), MERCHANT),
			Error::<Test>::AlreadyRegistered
		);
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
			Event::Redeemed {
				receipt: 0,
				series: SERIES,
				holder: HOLDER,
				merchant: MERCHANT,
				units: 3,
				face_value: 300,
				nonce: None,
				insider: false
			}
		);
		assert_eq!(
			MockCoupons::burns(),
			vec![(SERIES, codec::Encode::encode(&HOLDER), 3, Retirement::Redeemed)]
		);
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
		assert_noop!(
			P::redeem(h(), SERIES, 3, Some(OTHER), vec![]),
			Error::<Test>::UnknownMerchant
		);
		assert_noop!(P::redeem(h(), SERIES, 11, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(P::redeem(h(), SERIES, 0, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(P::redeem(h(), 5, 1, None, vec![]), MOCK_CANNOT_BURN);
		assert_noop!(
			P::redeem(h(), SERIES, 5, None, vec![1, 2, 3, 4, 5]),
			Error::<Test>::TooManySerials
		);
		MockSanctions::set(&HOLDER, true);
		assert_noop!(P::redeem(h(), SERIES, 1, None, vec![]), MOCK_BLOCKED);
		MockSanctions::set(&HOLDER, false);
		MockSanctions::set(&MERCHANT, true);
		assert_noop!(P::redeem(h(), SERIES, 1, Some(MERCHANT), vec![]), MOCK_BLOCKED);
	});
}

#[test]
fn redemptions_pass_the_value_movement_gate() {
	use genex_primitives::{
		movement::mock::{MockAml, MOCK_RESTRICTED},
		MovementKind,
	};
	new_test_ext().execute_with(|| {
		let h = || signed(HOLDER);
		// A restricted holder is refused before anything is burnt.
		MockAml::restrict(&HOLDER, true);
		assert_noop!(P::redeem(h(), SERIES, 1, Some(MERCHANT), vec![]), MOCK_RESTRICTED);
		MockAml::restrict(&HOLDER, false);
		assert!(MockCoupons::burns().is_empty());
		assert!(MockAml::take().is_empty());
		// A restricted merchant does not stop its customers.
		MockAml::restrict(&MERCHANT, true);
		// A redemption is recorded once, from the holder to the merchant, at face value.
		assert_ok!(P::redeem(h(), SERIES, 2, Some(MERCHANT), vec![]));
		assert_eq!(
			MockAml::take(),
			vec![(
				codec::Encode::encode(&HOLDER),
				codec::Encode::encode(&MERCHANT),
				MovementKind::Redemption,
				200
			)]
		);
	});
}

#[test]
fn merchant_submits_an_authorization_once() {
	new_test_ext().execute_with(|| {
		let a = auth(4, 77);
		let s = sign(&a);
		assert_eq!(validate(&a, &s), Ok(()));
		assert_noop!(
			P::redeem_authorized(signed(MERCHANT), a.clone(), s.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			P::redeem_authorized(RuntimeOrigin::none(), a.clone(), s.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(P::redeem_authorized(authorized(), a.clone(), s.clone()));
		assert_eq!(
			last_event(),
			Event::Redeemed {
				receipt: 0,
				series: SERIES,
				holder: HOLDER,
				merchant: MERCHANT,
				units: 4,
				face_value: 400,
				nonce: Some(77),
				insider: false
			}
		);
		assert_eq!(MockCoupons::balance_of(SERIES, &HOLDER), 6);
		// Replayed: refused by the pool and by the dispatch.
		assert_eq!(validate(&a, &s), Err(InvalidTransaction::Custom(invalid::USED)));
		assert_noop!(
			P::redeem_authorized(authorized(), a.clone(), s),
			Error::<Test>::AuthorizationUsed
		);
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
fn a_signature_over_the_payload_wrapped_as_sign_raw_wraps_it_is_accepted() {
	new_test_ext().execute_with(|| {
		let a = auth(1, 1);
		let payload = P::signing_payload(&a);
		let wrapped = TestSignature(a.holder, [b"<Bytes>", &payload[..], b"</Bytes>"].concat());
		assert_eq!(P::wrapped(&payload), wrapped.1);
		assert!(validate(&a, &wrapped).is_ok());
		assert_ok!(P::redeem_authorized(authorized(), a, wrapped));
		// Other wrappings are not: half of it, or another tag.
		let b = auth(1, 2);
		let payload = P::signing_payload(&b);
		for bad in [
			[b"<Bytes>", &payload[..]].concat(),
			[&payload[..], b"</Bytes>"].concat(),
			[b"<Data>", &payload[..], b"</Data>"].concat(),
		] {
			assert_noop!(
				P::redeem_authorized(authorized(), b.clone(), TestSignature(b.holder, bad)),
				Error::<Test>::BadSignature
			);
		}
	});
}

#[test]
fn bad_authorizations_are_refused() {
	new_test_ext().execute_with(|| {
		// Forged: signed by someone else, or over other data.
		let a = auth(1, 1);
		let forged = TestSignature(OTHER, P::signing_payload(&a));
		assert_eq!(validate(&a, &forged), Err(InvalidTransaction::Custom(invalid::BAD_SIGNATURE)));
		assert_noop!(
			P::redeem_authorized(authorized(), a.clone(), forged),
			Error::<Test>::BadSignature
		);
		let tampered = sign(&auth(1, 1));
		let more = auth(9, 1);
		assert_noop!(
			P::redeem_authorized(authorized(), more, tampered),
			Error::<Test>::BadSignature
		);
		// Expired.
		let old = Auth { valid_until: 0, ..auth(1, 2) };
		assert_eq!(validate(&old, &sign(&old)), Err(InvalidTransaction::Stale));
		assert_noop!(
			P::redeem_authorized(authorized(), old.clone(), sign(&old)),
			Error::<Test>::AuthorizationExpired
		);
		// Too far ahead.
		let far = Auth { valid_until: 102, ..auth(1, 3) };
		assert_eq!(validate(&far, &sign(&far)), Err(InvalidTransaction::Custom(invalid::TOO_LONG)));
		assert_noop!(
			P::redeem_authorized(authorized(), far.clone(), sign(&far)),
			Error::<Test>::ValidityTooLong
		);
		// Wrong merchant.
		let wrong = Auth { merchant: OTHER, ..auth(1, 4) };
		assert_eq!(
			validate(&wrong, &sign(&wrong)),
			Err(InvalidTransaction::Custom(invalid::REFUSED))
		);
		assert_noop!(
			P::redeem_authorized(authorized(), wrong.clone(), sign(&wrong)),
			Error::<Test>::UnknownMerchant
		);
		// Above the holder's units.
		let big = auth(11, 5);
		assert_eq!(validate(&big, &sign(&big)), Err(InvalidTransaction::Custom(invalid::REFUSED)));
		assert_noop!(P::redeem_authorized(authorized(), big.clone(), sign(&big)), MOCK_CANNOT_BURN);
		// Two per ending block in the mock.
		for nonce in [6, 7] {
			let a = auth(1, nonce);
			assert_ok!(P::redeem_authorized(authorized(), a.clone(), sign(&a)));
		}
		let third = auth(1, 8);
		assert_noop!(
			P::redeem_authorized(authorized(), third.clone(), sign(&third)),
			Error::<Test>::TooManyAuthorizations
		);
	});
}

#[test]
fn receipt_holders_review_once() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::review(signed(HOLDER), 0, 5), Error::<Test>::UnknownReceipt);
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		assert_noop!(P::review(signed(OTHER), 0, 5), Error::<Test>::NotReceiptHolder);
		assert_noop!(
			P::review(signed(HOLDER), 0, 0),
			DispatchError::Other("MockCredit: bad rating")
		);
		assert_ok!(P::review(signed(HOLDER), 0, 4));
		assert_eq!(last_event(), Event::Reviewed { receipt: 0, rating: 4 });
		assert_eq!(MockCredit::reviews(), vec![(codec::Encode::encode(&ISSUER), 4)]);
		assert_noop!(P::review(signed(HOLDER), 0, 4), Error::<Test>::AlreadyReviewed);
	});
}

/// Issue 14, item 3: the issuer redeems its own unsold units, its affiliate redeems units
/// through a merchant, and both try to review the issuer. The units burn, but as recalls: no
/// `Retirement::Redeemed` reaches the issuer's credit (so no honoured redemption, redeemed face
/// or escrow release: see the issuers pallet's
/// `self_dealing_leaves_credit_escrow_and_pool_unchanged`), and no review is noted. (Before the
/// fix both burns were `Redeemed` and both reviews counted.)
#[test]
fn self_dealing_is_booked_as_a_recall_and_cannot_review() {
	new_test_ext().execute_with(|| {
		MockAffiliation::set(&ISSUER, &AFFILIATE);
		MockCoupons::set_balance(SERIES, &ISSUER, 5);
		MockCoupons::set_balance(SERIES, &AFFILIATE, 3);
		let encoded = |who: u64| codec::Encode::encode(&who);

		// The issuer at itself.
		assert_ok!(P::redeem(signed(ISSUER), SERIES, 2, None, vec![]));
		assert_eq!(
			last_event(),
			Event::Redeemed {
				receipt: 0,
				series: SERIES,
				holder: ISSUER,
				merchant: ISSUER,
				units: 2,
				face_value: 200,
				nonce: None,
				insider: true
			}
		);
		// The affiliate at the issuer's merchant, through a signed authorization.
		let a = Auth { holder: AFFILIATE, ..auth(3, 1) };
		assert_eq!(validate(&a, &sign(&a)), Ok(()));
		assert_ok!(P::redeem_authorized(authorized(), a.clone(), sign(&a)));
		assert!(matches!(
			last_event(),
			Event::Redeemed { receipt: 1, holder: AFFILIATE, insider: true, .. }
		));
		assert_eq!(
			MockCoupons::burns(),
			vec![
				(SERIES, encoded(ISSUER), 2, Retirement::Recalled),
				(SERIES, encoded(AFFILIATE), 3, Retirement::Recalled),
			]
		);
		assert_eq!(
			(MockCoupons::balance_of(SERIES, &ISSUER), MockCoupons::balance_of(SERIES, &AFFILIATE)),
			(3, 0)
		);

		// Neither can review the issuer.
		assert_noop!(P::review(signed(ISSUER), 0, 5), Error::<Test>::InsiderReview);
		assert_noop!(P::review(signed(AFFILIATE), 1, 5), Error::<Test>::InsiderReview);
		// Not even once the affiliation ends: an insider's receipt stays unreviewable.
		MockAffiliation::remove(&AFFILIATE);
		assert_noop!(P::review(signed(AFFILIATE), 1, 5), Error::<Test>::AlreadyReviewed);
		assert!(MockCredit::reviews().is_empty());

		// An independent holder's redemption still counts, and its review too.
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, Some(MERCHANT), vec![]));
		assert!(matches!(last_event(), Event::Redeemed { receipt: 2, insider: false, .. }));
		assert_eq!(
			MockCoupons::burns().last(),
			Some(&(SERIES, encoded(HOLDER), 1, Retirement::Redeemed))
		);
		assert_ok!(P::review(signed(HOLDER), 2, 5));
		assert_eq!(MockCredit::reviews(), vec![(encoded(ISSUER), 5)]);
		// A holder that became an affiliate since cannot review either.
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		MockAffiliation::set(&ISSUER, &HOLDER);
		assert_noop!(P::review(signed(HOLDER), 3, 5), Error::<Test>::InsiderReview);
		P::do_try_state().expect("invariants");
	});
}

// ---------------------------------------------------------------------------------------------
// Issue 14, item 4: free, high-priority redemption spam. Before the fix `redeem_authorized` was
// unsigned at priority `MAX / 2`, its pool tag was `(holder, nonce)` (so one holder could have N
// authorizations over the same units pending), nothing limited a holder's or a merchant's free
// redemptions, and receipts were kept forever.
// ---------------------------------------------------------------------------------------------

/// A second pending authorization for the same holder and series provides the same pool tag as
/// the first, so the pool refuses it while the first is pending (a transaction whose `provides`
/// clash with a pending one's needs a higher priority to replace it, and all redemptions have
/// the same); one for another series, or of another holder, does not clash.
#[test]
fn one_pending_authorization_per_holder_and_series() {
	new_test_ext().execute_with(|| {
		let first = auth(1, 1);
		let second = auth(2, 2);
		let other_series = Auth { series: SERIES_B, ..auth(1, 3) };
		MockCoupons::set_balance(SERIES, &OTHER, 1);
		let other_holder = Auth { holder: OTHER, ..auth(1, 1) };
		let valid = |a: &Auth| authorize(a, &sign(a)).expect("a valid authorization");
		let (v1, v2, v3, v4) =
			(valid(&first), valid(&second), valid(&other_series), valid(&other_holder));
		assert_eq!(
			v1.provides,
			vec![series_tag(HOLDER, SERIES), (NONCE_TAG, HOLDER, 1u64).encode()]
		);
		assert_eq!(v2.provides[0], series_tag(HOLDER, SERIES));
		assert_eq!(v3.provides[0], series_tag(HOLDER, SERIES_B));
		assert_eq!(v4.provides[0], series_tag(OTHER, SERIES));
		assert!(v1.requires.is_empty() && v1.propagate);
		let clash = |a: &ValidTransaction, b: &ValidTransaction| {
			a.provides.iter().any(|t| b.provides.contains(t))
		};
		assert!(
			clash(&v1, &v2),
			"the second for (holder, series) is refused while the first is pending"
		);
		assert!(!clash(&v1, &v3), "another series passes");
		assert!(!clash(&v1, &v4), "another holder passes");
		assert!(!clash(&v3, &v4));
		// Once the first is in a block, the holder can authorize the series again.
		assert_ok!(P::redeem_authorized(authorized(), first.clone(), sign(&first)));
		assert_eq!(validate(&second, &sign(&second)), Ok(()));
	});
}

/// Redemptions have the lowest priority, [`REDEMPTION_PRIORITY`] = 0: signed transactions are
/// never behind them. They live in the pool until the authorization's `valid_until`.
#[test]
fn redemptions_have_the_lowest_priority_and_live_until_valid_until() {
	new_test_ext().execute_with(|| {
		assert_eq!(REDEMPTION_PRIORITY, 0);
		let a = Auth { valid_until: 8, ..auth(1, 1) };
		let v = authorize(&a, &sign(&a)).expect("valid");
		assert_eq!(v.priority, REDEMPTION_PRIORITY);
		// Blocks 1 to 8.
		assert_eq!(v.longevity, 8);
		go_to(8);
		assert_eq!(authorize(&a, &sign(&a)).map(|v| v.longevity), Ok(1));
		go_to(9);
		assert_eq!(validate(&a, &sign(&a)), Err(InvalidTransaction::Stale));
	});
}

#[test]
fn a_holder_past_its_quota_is_refused_in_the_pool_and_in_dispatch() {
	new_test_ext().execute_with(|| {
		assert_eq!(LIMITS.per_holder, 3);
		for nonce in 1..=3 {
			assert_ok!(redeem_authorized(HOLDER, SERIES, MERCHANT, nonce));
			assert!(
				matches!(last_event(), Event::Redeemed { holder: HOLDER, nonce: Some(n), .. } if n == nonce)
			);
		}
		assert_eq!((P::used(Party::Holder, &HOLDER), P::used(Party::Merchant, &MERCHANT)), (3, 3));
		// The fourth, even for another series: refused by the pool and by the dispatch.
		for series in [SERIES, SERIES_B] {
			let a = one_unit(HOLDER, series, MERCHANT, 4);
			assert_eq!(
				validate(&a, &sign(&a)),
				Err(InvalidTransaction::Custom(invalid::HOLDER_QUOTA))
			);
			assert_noop!(
				P::redeem_authorized(authorized(), a.clone(), sign(&a)),
				Error::<Test>::HolderQuotaExceeded
			);
		}
		// The holder's own signed redemption is not limited by it, nor counted.
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, Some(MERCHANT), vec![]));
		assert_eq!(P::used(Party::Holder, &HOLDER), 3);
		// Another holder at the same merchant is not affected.
		MockCoupons::set_balance(SERIES, &OTHER, 1);
		assert_ok!(redeem_authorized(OTHER, SERIES, MERCHANT, 5));
		assert_eq!(P::used(Party::Merchant, &MERCHANT), 4);
		// The next period, the quota is back.
		go_to(PERIOD);
		let a = one_unit(HOLDER, SERIES, ISSUER, 4);
		assert_eq!(validate(&a, &sign(&a)), Ok(()));
		assert_ok!(P::redeem_authorized(authorized(), a.clone(), sign(&a)));
		assert_eq!(P::used(Party::Holder, &HOLDER), 1);
		P::do_try_state().expect("invariants");
	});
}

#[test]
fn a_merchant_past_its_quota_is_refused_in_the_pool_and_in_dispatch() {
	new_test_ext().execute_with(|| {
		let limits = RedemptionLimits { per_merchant: 2, ..LIMITS };
		assert_ok!(P::set_limits(RuntimeOrigin::root(), limits));
		MockCoupons::set_balance(SERIES, &OTHER, 5);
		assert_ok!(redeem_authorized(HOLDER, SERIES, MERCHANT, 1));
		assert_ok!(redeem_authorized(OTHER, SERIES, MERCHANT, 2));
		assert_eq!(P::used(Party::Merchant, &MERCHANT), 2);
		let a = one_unit(OTHER, SERIES, MERCHANT, 3);
		assert_eq!(
			validate(&a, &sign(&a)),
			Err(InvalidTransaction::Custom(invalid::MERCHANT_QUOTA))
		);
		assert_noop!(
			P::redeem_authorized(authorized(), a.clone(), sign(&a)),
			Error::<Test>::MerchantQuotaExceeded
		);
		// At another acceptance point (the issuer itself) the holder still can.
		let at_issuer = one_unit(OTHER, SERIES, ISSUER, 3);
		assert_ok!(P::redeem_authorized(authorized(), at_issuer.clone(), sign(&at_issuer)));
		assert!(matches!(last_event(), Event::Redeemed { holder: OTHER, merchant: ISSUER, .. }));
		assert_eq!(P::used(Party::Merchant, &ISSUER), 1);
	});
}

#[test]
fn governance_sets_the_limits() {
	new_test_ext().execute_with(|| {
		assert_eq!(Limits::<Test>::get(), LIMITS, "the runtime's default until governance acts");
		let limits = RedemptionLimits { per_holder: 1, per_merchant: 1, review_window: 50 };
		assert_noop!(P::set_limits(signed(ISSUER), limits), DispatchError::BadOrigin);
		assert_noop!(
			P::set_limits(RuntimeOrigin::root(), RedemptionLimits { review_window: 0, ..limits }),
			Error::<Test>::InvalidReviewWindow
		);
		assert_noop!(
			P::set_limits(RuntimeOrigin::root(), RedemptionLimits { review_window: 101, ..limits }),
			Error::<Test>::InvalidReviewWindow
		);
		assert_ok!(P::set_limits(RuntimeOrigin::root(), limits));
		assert_eq!(last_event(), Event::LimitsSet { limits });
		assert_eq!(Limits::<Test>::get(), limits);
		assert_ok!(redeem_authorized(HOLDER, SERIES, MERCHANT, 1));
		let a = one_unit(HOLDER, SERIES_B, ISSUER, 2);
		assert_eq!(validate(&a, &sign(&a)), Err(InvalidTransaction::Custom(invalid::HOLDER_QUOTA)));
		// A zero quota closes the fee-less path.
		let closed = RedemptionLimits { per_holder: 0, ..limits };
		assert_ok!(P::set_limits(RuntimeOrigin::root(), closed));
		assert_eq!(last_event(), Event::LimitsSet { limits: closed });
		MockCoupons::set_balance(SERIES, &OTHER, 1);
		let b = one_unit(OTHER, SERIES, ISSUER, 3);
		assert_eq!(validate(&b, &sign(&b)), Err(InvalidTransaction::Custom(invalid::HOLDER_QUOTA)));
	});
}

#[test]
fn receipts_past_the_review_window_are_swept_on_idle_and_a_late_review_is_refused() {
	new_test_ext().execute_with(|| {
		assert_eq!(LIMITS.review_window, 20);
		// Receipt 0 at block 1, receipt 1 at block 5.
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		go_to(5);
		assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		// Block 21: receipt 0 is in the last block of its window: kept and reviewable.
		go_to(21);
		P::on_idle(21, Weight::MAX);
		assert!(Receipts::<Test>::get(0).is_some_and(|r| P::in_review_window(&r)));
		assert_eq!(OldestReceipt::<Test>::get(), 0);
		// Block 22: past it. The review is refused before the sweep ...
		go_to(22);
		assert_noop!(P::review(signed(HOLDER), 0, 5), Error::<Test>::ReviewWindowClosed);
		P::on_idle(22, Weight::MAX);
		assert!(!Receipts::<Test>::contains_key(0));
		assert!(Receipts::<Test>::contains_key(1));
		assert_eq!(OldestReceipt::<Test>::get(), 1);
		// ... and after it.
		assert_noop!(P::review(signed(HOLDER), 0, 5), Error::<Test>::ReviewWindowClosed);
		// Receipt 1 is still in its window.
		assert_ok!(P::review(signed(HOLDER), 1, 4));
		assert_eq!(last_event(), Event::Reviewed { receipt: 1, rating: 4 });
		P::do_try_state().expect("invariants");
		// Reviewed or not, a receipt goes when its window has passed.
		go_to(26);
		P::on_idle(26, Weight::MAX);
		assert_eq!(OldestReceipt::<Test>::get(), 2);
		assert_eq!(Receipts::<Test>::iter().count(), 0);
		assert_noop!(P::review(signed(HOLDER), 1, 4), Error::<Test>::ReviewWindowClosed);
		// An id never given is unknown.
		assert_noop!(P::review(signed(HOLDER), 2, 4), Error::<Test>::UnknownReceipt);
		P::do_try_state().expect("invariants");
	});
}

#[test]
fn the_receipt_sweep_is_bounded_by_the_idle_weight() {
	new_test_ext().execute_with(|| {
		for _ in 0..3 {
			assert_ok!(P::redeem(signed(HOLDER), SERIES, 1, None, vec![]));
		}
		go_to(30);
		let for_two = <() as WeightInfo>::sweep_receipts(2);
		assert_eq!(P::on_idle(30, Weight::zero()), Weight::zero());
		assert_eq!(OldestReceipt::<Test>::get(), 0);
		assert_eq!(P::on_idle(30, for_two), for_two);
		assert_eq!(OldestReceipt::<Test>::get(), 2);
		assert!(Receipts::<Test>::contains_key(2));
		P::on_idle(30, Weight::MAX);
		assert_eq!(OldestReceipt::<Test>::get(), 3);
		assert_eq!(Receipts::<Test>::iter().count(), 0);
		P::do_try_state().expect("invariants");
	});
}

#[test]
fn past_periods_quota_usage_is_deleted_on_idle() {
	new_test_ext().execute_with(|| {
		assert_ok!(redeem_authorized(HOLDER, SERIES, MERCHANT, 1));
		assert_eq!(Usage::<Test>::iter().count(), 2);
		// Nothing to delete within the period.
		P::on_idle(2, Weight::MAX);
		assert_eq!(Usage::<Test>::iter().count(), 2);
		// Two periods later: one past period per block.
		go_to(2 * PERIOD + 1);
		assert_eq!(P::used(Party::Holder, &HOLDER), 0);
		P::on_idle(2 * PERIOD + 1, Weight::MAX);
		assert_eq!(Usage::<Test>::iter().count(), 0);
		assert_eq!(OldestUsagePeriod::<Test>::get(), 1);
		P::on_idle(2 * PERIOD + 1, Weight::MAX);
		assert_eq!(OldestUsagePeriod::<Test>::get(), 2);
		P::on_idle(2 * PERIOD + 1, Weight::MAX);
		assert_eq!(OldestUsagePeriod::<Test>::get(), 2);
		P::do_try_state().expect("invariants");
	});
}
