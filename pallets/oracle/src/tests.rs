//! Unit tests: the model, aggregation (median, quorum, staleness), submissions and their
//! refusals, governance, and the off-chain worker against `TestOffchainExt` /
//! `TestTransactionPoolExt`.

use crate::{
	aggregate::{aggregate, median},
	mock::*,
	pricing::{eval, DAY_MS},
	submit::codes,
	worker::{parse_ppm, FeedError, CURSOR_KEY, FEED_URL_KEY},
	Call, CurvePoint, Error, Event, Feeders, OracleParams, Params, PriceSubmission, Submission,
	Submissions, SIGNING_CONTEXT,
};
use codec::{Decode, Encode};
use genex_primitives::{
	coupons::mock::MockCoupons, credit::mock::MockCredit, market::mock::MockTrades, PriceOracle,
	PriceStatus, SeriesStatus,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		pallet_prelude::{
			Authorize, InvalidTransaction, TransactionSource, TransactionValidityError,
		},
		BoundedVec,
	},
	frame_system::{self, RawOrigin},
	sp_core::{
		offchain::{
			self as offchain,
			testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
			HttpError, HttpRequestId, HttpRequestStatus, OffchainDbExt, OffchainWorkerExt,
			OpaqueNetworkState, Timestamp, TransactionPoolExt,
		},
		OpaquePeerId, H256,
	},
	sp_io,
	sp_runtime::{
		testing::{TestSignature, UintAuthorityId},
		DispatchError, Perbill, RuntimeAppPublic,
	},
};
use proptest::prelude::*;

const A: u64 = 11;
const B: u64 = 12;
const C: u64 = 13;
const STRANGER: u64 = 99;

fn authorized() -> RuntimeOrigin {
	RawOrigin::Authorized.into()
}

fn period() -> u32 {
	Oracle::period_of(Oracle::block(), &Params::<Test>::get())
}

/// A submission of `price` for `series` by `feeder` in the current period, and its signature.
fn signed(
	feeder: u64,
	series: u64,
	price: u128,
) -> (PriceSubmission<UintAuthorityId>, TestSignature) {
	let sub = PriceSubmission { series, price, period: period(), feeder: UintAuthorityId(feeder) };
	let sig = UintAuthorityId(feeder).sign(&Oracle::signing_payload(&sub)).expect("test keys sign");
	(sub, sig)
}

fn submit(feeder: u64, series: u64, price: u128) -> Result<(), DispatchError> {
	let (sub, sig) = signed(feeder, series, price);
	Oracle::submit_price(authorized(), sub, sig).map(|_| ()).map_err(|e| e.error)
}

fn authorize(
	sub: PriceSubmission<UintAuthorityId>,
	signature: TestSignature,
) -> Result<(), TransactionValidityError> {
	Call::<Test>::submit_price { submission: sub, signature }
		.authorize(TransactionSource::External)
		.expect("submit_price has an authorize function")
		.map(|_| ())
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Oracle(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn go_to(block: u64) {
	System::set_block_number(block);
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

#[test]
fn curves_interpolate_and_are_flat_beyond_their_ends() {
	let p = |x, y| CurvePoint { x, y: Perbill::from_percent(y) };
	let curve = [p(10, 20), p(20, 10), p(40, 30)];
	assert_eq!(eval(&curve, 0), Perbill::from_percent(20));
	assert_eq!(eval(&curve, 10), Perbill::from_percent(20));
	assert_eq!(eval(&curve, 15), Perbill::from_percent(15));
	assert_eq!(eval(&curve, 20), Perbill::from_percent(10));
	assert_eq!(eval(&curve, 30), Perbill::from_percent(20));
	assert_eq!(eval(&curve, 1_000), Perbill::from_percent(30));
	assert_eq!(eval(&[], 5), Perbill::zero());
}

#[test]
fn model_is_face_times_one_minus_dt_times_one_minus_rc() {
	new_test_ext().execute_with(|| {
		let params = Params::<Test>::get();
		// 50 days left: dt = 20 % − 20 % × 50/100 = 10 %; score 100: rc = 0.
		let inputs = Oracle::price_inputs(SERIES, T0, &params, None).unwrap();
		assert_eq!(inputs.days_left, 50);
		assert_eq!(inputs.time_discount, Perbill::from_percent(10));
		assert_eq!(inputs.credit_score, Some(100));
		assert_eq!(inputs.credit_premium, Perbill::zero());
		assert_eq!(inputs.model_price, 90_000);
		assert_eq!(inputs.price, 90_000);
		// Score 50: rc = 5 %: 100 000 × 0.95 × 0.90.
		MockCredit::set_score(&ISSUER, 50);
		let inputs = Oracle::price_inputs(SERIES, T0, &params, None).unwrap();
		assert_eq!(inputs.credit_premium, Perbill::from_percent(5));
		assert_eq!(inputs.price, 85_500);
		// Closer to expiry, a larger discount: 10 days left, dt = 18 %.
		let later = T0 + 40 * DAY_MS;
		let inputs = Oracle::price_inputs(SERIES, later, &params, None).unwrap();
		assert_eq!(inputs.days_left, 10);
		assert_eq!(inputs.time_discount, Perbill::from_percent(18));
		assert_eq!(inputs.price, 77_900);
	});
}

#[test]
fn recent_trades_blend_in_when_enough_traded() {
	new_test_ext().execute_with(|| {
		let params = Params::<Test>::get();
		// 5 units: below min_trade_units (10), the model alone.
		MockTrades::add(SERIES, 80_000, 5, T0 - 1_000);
		// Outside the window: ignored.
		MockTrades::add(SERIES, 10_000, 100, T0 - 2 * DAY_MS);
		let inputs = Oracle::price_inputs(SERIES, T0, &params, None).unwrap();
		assert_eq!((inputs.vwap, inputs.vwap_units, inputs.price), (None, 5, 90_000));
		// 10 units at a VWAP of 80 000: half of each.
		MockTrades::add(SERIES, 80_000, 5, T0 - 500);
		let inputs = Oracle::price_inputs(SERIES, T0, &params, None).unwrap();
		assert_eq!((inputs.vwap, inputs.vwap_units), (Some(80_000), 10));
		assert_eq!(inputs.price, 85_000);
		// Trades weigh nothing when governance says so.
		let model_only = OracleParams { trade_weight: Perbill::zero(), ..params };
		assert_eq!(Oracle::price_inputs(SERIES, T0, &model_only, None).unwrap().price, 90_000);
	});
}

#[test]
fn external_index_scales_the_model_within_the_clamp() {
	new_test_ext().execute_with(|| {
		let params = Params::<Test>::get();
		let at = |ppm| Oracle::price_inputs(SERIES, T0, &params, Some(ppm)).unwrap();
		assert_eq!(at(1_050_000).price, 94_500);
		// ±10 % at most.
		assert_eq!((at(2_000_000).index_ppm, at(2_000_000).price), (Some(1_100_000), 99_000));
		assert_eq!(at(0).price, 81_000);
	});
}

#[test]
fn unknown_delisted_and_expired_series_have_no_model() {
	new_test_ext().execute_with(|| {
		let params = Params::<Test>::get();
		let error = |series, now| Oracle::price_inputs(series, now, &params, None).err();
		assert!(matches!(error(7, T0), Some(Error::<Test>::UnknownSeries)));
		assert!(matches!(error(SERIES, T0 + 50 * DAY_MS), Some(Error::<Test>::SeriesExpired)));
		MockCoupons::set_status(SERIES, SeriesStatus::Delisted);
		assert!(matches!(error(SERIES, T0), Some(Error::<Test>::SeriesNotActive)));
	});
}

// ---------------------------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------------------------

#[test]
fn median_of_odd_and_even_counts() {
	assert_eq!(median(&[]), None);
	assert_eq!(median(&[5]), Some(5));
	assert_eq!(median(&[1, 4, 9]), Some(4));
	assert_eq!(median(&[1, 4]), Some(2));
	assert_eq!(median(&[u128::MAX, u128::MAX]), Some(u128::MAX));
}

#[test]
fn price_is_the_median_of_agreeing_fresh_submissions_under_quorum() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 90_000));
		// One is not a quorum of two.
		assert_eq!(Oracle::reference_price(SERIES), None);
		assert_eq!(Oracle::oracle_view(SERIES).status, PriceStatus::NoQuorum);
		assert!(events().contains(&Event::NoQuorum { series: SERIES, fresh: 1, agreeing: 1 }));
		assert_ok!(submit(B, SERIES, 91_000));
		assert_eq!(Oracle::reference_price(SERIES), Some(90_500));
		// An outlier does not move it: median 91 000, band ±4 550.
		assert_ok!(submit(C, SERIES, 200_000));
		assert_eq!(Oracle::reference_price(SERIES), Some(90_500));
		assert_eq!(
			events().last(),
			Some(&Event::PriceUpdated { series: SERIES, price: 90_500, agreeing: 2 })
		);
		let view = Oracle::oracle_view(SERIES);
		assert_eq!(
			(view.status, view.fresh, view.agreeing, view.min_feeders),
			(PriceStatus::Fresh, 3, 2, 2)
		);
		// ±5 %, capped at face value for a digital coupon.
		assert_eq!(view.suggested_range, Some((85_975, 95_025)));
		assert_eq!(view.inputs.map(|i| i.price), Some(90_000));
		assert_eq!(view.last_submission, Some(1));
		assert_eq!(view.fresh_until, Some(21));
	});
}

#[test]
fn two_disagreeing_feeders_make_no_price() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 80_000));
		assert_ok!(submit(B, SERIES, 100_000));
		// Median 90 000 ± 4 500: neither agrees.
		let view = Oracle::oracle_view(SERIES);
		assert_eq!(
			(view.price, view.status, view.fresh, view.agreeing),
			(None, PriceStatus::NoQuorum, 2, 0)
		);
	});
}

#[test]
fn stale_submissions_are_ignored() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 90_000));
		assert_ok!(submit(B, SERIES, 90_000));
		go_to(21);
		assert_eq!(Oracle::reference_price(SERIES), Some(90_000));
		go_to(22);
		assert_eq!(Oracle::reference_price(SERIES), None);
		assert_eq!(Oracle::oracle_view(SERIES).status, PriceStatus::Stale);
		// A new submission drops the stale ones from storage.
		assert_ok!(submit(C, SERIES, 95_000));
		assert_eq!(Submissions::<Test>::get(SERIES).len(), 1);
		assert_eq!(Oracle::oracle_view(SERIES).status, PriceStatus::NoQuorum);
	});
}

#[test]
fn a_removed_feeder_stops_counting_at_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 90_000));
		assert_ok!(submit(B, SERIES, 90_000));
		assert_eq!(Oracle::reference_price(SERIES), Some(90_000));
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), UintAuthorityId(B)));
		assert_eq!(events().last(), Some(&Event::FeederRemoved { feeder: UintAuthorityId(B) }));
		assert_eq!(Oracle::reference_price(SERIES), None);
		go_to(11);
		assert_noop!(submit(B, SERIES, 90_000), Error::<Test>::NotFeeder);
		let (sub, sig) = signed(B, SERIES, 90_000);
		assert_eq!(authorize(sub, sig), Err(InvalidTransaction::BadSigner.into()));
		// Its old value is dropped with the next write.
		assert_ok!(submit(C, SERIES, 90_000));
		let kept: Vec<u64> = Submissions::<Test>::get(SERIES).iter().map(|s| s.feeder.0).collect();
		assert_eq!(kept, vec![A, C]);
		assert_eq!(Oracle::reference_price(SERIES), Some(90_000));
	});
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(200))]

	/// Against a reference: the price is a median of agreeing fresh values, within their range,
	/// present exactly when enough agree.
	#[test]
	fn aggregate_matches_a_reference(
		subs in proptest::collection::vec((0u64..6, 1u128..1_000_000, 0u32..40), 0..6),
		min_feeders in 1u32..4,
		agreement in 0u32..30,
	) {
		let params = OracleParams {
			min_feeders,
			agreement: Perbill::from_percent(agreement),
			..test_params()
		};
		let block = 40;
		let feeders: Vec<u64> = vec![0, 1, 2, 3];
		let mut seen = std::collections::BTreeSet::new();
		let subs: Vec<Submission<u64>> = subs
			.into_iter()
			.filter(|(f, _, _)| seen.insert(*f))
			.map(|(feeder, price, at)| Submission { feeder, price, at })
			.collect();
		let result = aggregate(&subs, &feeders, block, &params);
		// Reference.
		let mut fresh: Vec<u128> = subs
			.iter()
			.filter(|s| feeders.contains(&s.feeder) && block - s.at <= params.max_age)
			.map(|s| s.price)
			.collect();
		fresh.sort();
		prop_assert_eq!(result.fresh as usize, fresh.len());
		if fresh.is_empty() {
			prop_assert_eq!(result.price, None);
			return Ok(());
		}
		let n = fresh.len();
		let m = if n % 2 == 1 { fresh[n / 2] } else { (fresh[n / 2 - 1] + fresh[n / 2]) / 2 };
		let tol = params.agreement.mul_floor(m);
		let agreeing: Vec<u128> = fresh.iter().copied().filter(|p| p.abs_diff(m) <= tol).collect();
		prop_assert_eq!(result.agreeing as usize, agreeing.len());
		if agreeing.len() >= min_feeders as usize {
			let price = result.price.expect("quorum reached");
			prop_assert!(price >= agreeing[0] && price <= agreeing[agreeing.len() - 1]);
			prop_assert_eq!(Some(price), median(&agreeing));
			prop_assert_eq!(result.status, PriceStatus::Fresh);
		} else {
			prop_assert_eq!(result.price, None);
			prop_assert_eq!(result.status, PriceStatus::NoQuorum);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Submissions: bad input
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_submissions_are_refused_with_typed_errors_and_change_nothing() {
	new_test_ext().execute_with(|| {
		MockCoupons::add_series(1, &ISSUER, FACE, FACE);
		MockCoupons::set_validity(1, 0, T0);
		assert_ok!(submit(A, SERIES, 90_000));
		let cases: Vec<(u64, u64, u128, Error<Test>, InvalidTransaction)> = vec![
			(STRANGER, SERIES, 90_000, Error::NotFeeder, InvalidTransaction::BadSigner),
			(B, 7, 90_000, Error::UnknownSeries, InvalidTransaction::Custom(codes::UNKNOWN_SERIES)),
			(B, 1, 90_000, Error::SeriesExpired, InvalidTransaction::Custom(codes::SERIES_EXPIRED)),
			(
				B,
				SERIES,
				0,
				Error::PriceOutOfRange,
				InvalidTransaction::Custom(codes::PRICE_OUT_OF_RANGE),
			),
			(
				B,
				SERIES,
				2 * FACE + 1,
				Error::PriceOutOfRange,
				InvalidTransaction::Custom(codes::PRICE_OUT_OF_RANGE),
			),
			(A, SERIES, 91_000, Error::AlreadySubmitted, InvalidTransaction::Stale),
		];
		for (feeder, series, price, error, invalid) in cases {
			assert_noop!(submit(feeder, series, price), error);
			let (sub, sig) = signed(feeder, series, price);
			assert_eq!(authorize(sub, sig), Err(invalid.into()));
		}
		// A delisted series.
		MockCoupons::set_status(1, SeriesStatus::Delisted);
		MockCoupons::set_validity(1, 0, u64::MAX);
		assert_noop!(submit(B, 1, 90_000), Error::<Test>::SeriesNotActive);
		// A signature over something else.
		let (sub, _) = signed(B, SERIES, 90_000);
		let forged = UintAuthorityId(B).sign(&b"something else".to_vec()).unwrap();
		assert_noop!(
			Oracle::submit_price(authorized(), sub.clone(), forged.clone()),
			Error::<Test>::BadSignature
		);
		assert_eq!(authorize(sub.clone(), forged), Err(InvalidTransaction::BadProof.into()));
		// Another feeder's signature.
		let other = UintAuthorityId(C).sign(&Oracle::signing_payload(&sub)).unwrap();
		assert_noop!(Oracle::submit_price(authorized(), sub, other), Error::<Test>::BadSignature);
		// Another period: past is stale, future is not yet valid.
		go_to(15);
		let (mut sub, _) = signed(B, SERIES, 90_000);
		sub.period = 0;
		let sig = UintAuthorityId(B).sign(&Oracle::signing_payload(&sub)).unwrap();
		assert_noop!(
			Oracle::submit_price(authorized(), sub.clone(), sig.clone()),
			Error::<Test>::WrongPeriod
		);
		assert_eq!(authorize(sub.clone(), sig), Err(InvalidTransaction::Stale.into()));
		sub.period = 2;
		let sig = UintAuthorityId(B).sign(&Oracle::signing_payload(&sub)).unwrap();
		assert_eq!(authorize(sub, sig), Err(InvalidTransaction::Future.into()));
		// Only authorized transactions: not signed, not root.
		let (sub, sig) = signed(B, SERIES, 90_000);
		assert_noop!(
			Oracle::submit_price(RuntimeOrigin::signed(1), sub.clone(), sig.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Oracle::submit_price(RuntimeOrigin::root(), sub, sig),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn one_submission_per_feeder_series_and_period() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 90_000));
		go_to(9);
		assert_noop!(submit(A, SERIES, 90_000), Error::<Test>::AlreadySubmitted);
		go_to(10);
		assert_ok!(submit(A, SERIES, 92_000));
		let subs = Submissions::<Test>::get(SERIES);
		assert_eq!(subs.len(), 1);
		assert_eq!((subs[0].price, subs[0].at), (92_000, 10));
	});
}

#[test]
fn valid_submissions_are_tagged_per_series_feeder_and_period() {
	new_test_ext().execute_with(|| {
		go_to(13);
		let (sub, sig) = signed(A, SERIES, 90_000);
		let (valid, refund) = Call::<Test>::submit_price { submission: sub, signature: sig }
			.authorize(TransactionSource::External)
			.unwrap()
			.unwrap();
		assert_eq!(refund, polkadot_sdk::frame_support::weights::Weight::zero());
		assert_eq!(valid.priority, 1_000);
		assert_eq!(valid.longevity, 7);
		assert_eq!(valid.provides.len(), 1);
		assert!(valid.propagate);
	});
}

// ---------------------------------------------------------------------------------------------
// Governance
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_adds_and_removes_feeders() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Oracle::add_feeder(RuntimeOrigin::signed(1), UintAuthorityId(20)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Oracle::add_feeder(RuntimeOrigin::root(), UintAuthorityId(A)),
			Error::<Test>::AlreadyFeeder
		);
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), UintAuthorityId(5)));
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), UintAuthorityId(20)));
		assert_eq!(events().last(), Some(&Event::FeederAdded { feeder: UintAuthorityId(20) }));
		let keys: Vec<u64> = Feeders::<Test>::get().iter().map(|k| k.0).collect();
		assert_eq!(keys, vec![5, A, B, C, 20]);
		assert_noop!(
			Oracle::add_feeder(RuntimeOrigin::root(), UintAuthorityId(21)),
			Error::<Test>::TooManyFeeders
		);
		assert_noop!(
			Oracle::remove_feeder(RuntimeOrigin::root(), UintAuthorityId(21)),
			Error::<Test>::NotFeeder
		);
		assert_noop!(
			Oracle::remove_feeder(RuntimeOrigin::signed(1), UintAuthorityId(A)),
			DispatchError::BadOrigin
		);
		assert_ok!(Oracle::do_try_state());
	});
}

#[test]
fn governance_sets_only_valid_params() {
	new_test_ext().execute_with(|| {
		let p = test_params();
		let point = |x, y| CurvePoint { x, y: Perbill::from_percent(y) };
		let bad: Vec<(OracleParams, Error<Test>)> = vec![
			(OracleParams { time_curve: BoundedVec::new(), ..p.clone() }, Error::BadCurve),
			(
				OracleParams {
					time_curve: BoundedVec::truncate_from(vec![point(5, 1), point(5, 2)]),
					..p.clone()
				},
				Error::BadCurve,
			),
			(
				OracleParams {
					credit_curve: BoundedVec::truncate_from(vec![point(0, 1), point(101, 0)]),
					..p.clone()
				},
				Error::BadCurve,
			),
			(OracleParams { min_feeders: 0, ..p.clone() }, Error::BadQuorum),
			(OracleParams { min_feeders: 6, ..p.clone() }, Error::BadQuorum),
			(OracleParams { period: 0, ..p.clone() }, Error::BadPeriod),
			(OracleParams { max_age: 5, ..p.clone() }, Error::BadPeriod),
			(OracleParams { batch_size: 0, ..p.clone() }, Error::BadBatch),
			(OracleParams { batch_size: 9, ..p.clone() }, Error::BadBatch),
			(OracleParams { http_timeout_ms: 0, ..p.clone() }, Error::BadWindow),
			(OracleParams { http_timeout_ms: 10_001, ..p.clone() }, Error::BadWindow),
			(OracleParams { vwap_window: 0, ..p.clone() }, Error::BadWindow),
		];
		for (params, error) in bad {
			assert_noop!(Oracle::set_params(RuntimeOrigin::root(), params), error);
		}
		assert_noop!(
			Oracle::set_params(RuntimeOrigin::signed(1), p.clone()),
			DispatchError::BadOrigin
		);
		let new = OracleParams { min_feeders: 3, ..p };
		assert_ok!(Oracle::set_params(RuntimeOrigin::root(), new.clone()));
		assert_eq!(Params::<Test>::get(), new.clone());
		assert_eq!(events().last(), Some(&Event::ParamsSet { params: new }));
		// The defaults are valid too.
		assert_ok!(Oracle::ensure_valid_params(&OracleParams {
			batch_size: 8,
			..Default::default()
		}));
	});
}

// ---------------------------------------------------------------------------------------------
// The off-chain worker
// ---------------------------------------------------------------------------------------------

/// The `submit_price` calls in the pool.
fn pooled(raw: &[Vec<u8>]) -> Vec<(PriceSubmission<UintAuthorityId>, TestSignature)> {
	raw.iter()
		.map(|raw| {
			let xt = Extrinsic::decode(&mut &raw[..]).expect("the worker's extrinsic decodes");
			match xt.function {
				RuntimeCall::Oracle(Call::submit_price { submission, signature }) => {
					(submission, signature)
				},
				other => panic!("unexpected call {other:?}"),
			}
		})
		.collect()
}

/// Run `test` in a worker environment and hand it the pool.
fn worker_env(
	keys: &[u64],
	responses: Vec<PendingRequest>,
	timeout: bool,
	test: impl FnOnce(&dyn Fn() -> Vec<(PriceSubmission<UintAuthorityId>, TestSignature)>),
) {
	let mut ext = new_test_ext();
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	for r in responses {
		state.write().expect_request(r);
	}
	if timeout {
		ext.register_extension(OffchainWorkerExt::new(NoAnswer(offchain.clone())));
	} else {
		ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
	}
	ext.register_extension(OffchainDbExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	UintAuthorityId::set_all_keys(keys.iter().copied());
	ext.execute_with(|| test(&|| pooled(&pool_state.read().transactions)));
}

const FEED: &str = "http://localhost:9999/index";

fn feed_answer(body: &str) -> PendingRequest {
	PendingRequest {
		method: "GET".into(),
		uri: FEED.into(),
		response: Some(body.as_bytes().to_vec()),
		sent: true,
		..Default::default()
	}
}

fn set_feed_url() {
	sp_io::offchain::local_storage_set(
		offchain::StorageKind::PERSISTENT,
		FEED_URL_KEY,
		&codec::Encode::encode(&FEED.as_bytes().to_vec()),
	);
}

#[test]
fn worker_submits_the_model_price_signed_by_its_feeder_key() {
	worker_env(&[A, STRANGER], vec![], false, |pool| {
		let report = Oracle::work();
		assert_eq!(report.visited, vec![SERIES]);
		assert_eq!((report.priced, report.submitted, report.index), (1, 1, Ok(None)));
		let txs = pool();
		assert_eq!(txs.len(), 1, "only the registered key submits");
		let (sub, sig) = &txs[0];
		assert_eq!(
			sub,
			&PriceSubmission {
				series: SERIES,
				price: 90_000,
				period: 0,
				feeder: UintAuthorityId(A)
			}
		);
		assert!(UintAuthorityId(A).verify(&Oracle::signing_payload(sub), sig));
		// What it submitted is accepted on chain.
		assert_ok!(Oracle::submit_price(authorized(), sub.clone(), sig.clone()));
	});
}

/// Issue 14, item 10: a feeder's signature is bound to the chain's genesis hash, so a submission
/// signed on one chain cannot be replayed on another chain that registered the same feeder key.
#[test]
fn a_submission_signed_for_another_chain_is_refused() {
	const CHAIN_A: H256 = H256::repeat_byte(0xA1);
	const CHAIN_B: H256 = H256::repeat_byte(0xB2);
	worker_env(&[A], vec![], false, |pool| {
		// Chain A's worker signs and submits: the payload carries chain A's genesis hash after
		// the domain separator.
		frame_system::BlockHash::<Test>::insert(0u64, CHAIN_A);
		assert_eq!(Oracle::genesis_hash(), CHAIN_A);
		assert_eq!(Oracle::work().submitted, 1);
		let (sub, sig) = pool().pop().expect("the worker submitted");
		assert_eq!(Oracle::signing_payload(&sub), (SIGNING_CONTEXT, CHAIN_A, &sub).encode());
		assert!(UintAuthorityId(A).verify(&Oracle::signing_payload(&sub), &sig));

		// The same transaction on chain B (same feeder key, same state): refused by the pool's
		// check and in the block, and nothing is written.
		frame_system::BlockHash::<Test>::insert(0u64, CHAIN_B);
		assert_eq!(authorize(sub.clone(), sig.clone()), Err(InvalidTransaction::BadProof.into()));
		assert_noop!(
			Oracle::submit_price(authorized(), sub.clone(), sig.clone()),
			Error::<Test>::BadSignature
		);
		assert!(Submissions::<Test>::get(SERIES).is_empty());

		// Signed for chain B, the same submission is accepted there.
		let sig_b =
			UintAuthorityId(A).sign(&Oracle::signing_payload(&sub)).expect("test keys sign");
		assert_ne!(sig_b, sig);
		assert_eq!(authorize(sub.clone(), sig_b.clone()), Ok(()));
		assert_ok!(Oracle::submit_price(authorized(), sub.clone(), sig_b));
		assert_eq!(
			events(),
			vec![
				Event::PriceSubmitted {
					series: SERIES,
					feeder: UintAuthorityId(A),
					price: sub.price
				},
				Event::NoQuorum { series: SERIES, fresh: 1, agreeing: 1 },
			]
		);
	});
}

#[test]
fn worker_respects_the_rate_limit() {
	worker_env(&[A, B], vec![], false, |pool| {
		assert_ok!(submit(A, SERIES, 90_000));
		let report = Oracle::work();
		assert_eq!((report.submitted, report.rate_limited), (1, 1));
		assert_eq!(pool().iter().map(|(s, _)| s.feeder.0).collect::<Vec<_>>(), vec![B]);
		// Next period: both again.
		go_to(10);
		let report = Oracle::work();
		assert_eq!((report.submitted, report.rate_limited), (2, 0));
	});
}

#[test]
fn worker_applies_the_external_index() {
	worker_env(&[A], vec![feed_answer("1050000\n")], false, |pool| {
		set_feed_url();
		let report = Oracle::work();
		assert_eq!(report.index, Ok(Some(1_050_000)));
		assert_eq!(pool()[0].0.price, 94_500);
	});
}

#[test]
fn worker_degrades_to_on_chain_inputs_when_the_feed_fails() {
	// No answer before the deadline.
	worker_env(&[A], vec![], true, |pool| {
		set_feed_url();
		let report = Oracle::work();
		assert_eq!(report.index, Err(FeedError::Timeout));
		assert_eq!(report.submitted, 1);
		assert_eq!(pool()[0].0.price, 90_000);
	});
	// Garbage.
	worker_env(&[A], vec![feed_answer("{\"ppm\": 1}")], false, |pool| {
		set_feed_url();
		assert_eq!(Oracle::work().index, Err(FeedError::Parse));
		assert_eq!(pool()[0].0.price, 90_000);
	});
	assert_eq!(parse_ppm(b" 1000000 "), Some(1_000_000));
	assert_eq!(parse_ppm(b"-1"), None);
	assert_eq!(parse_ppm(b"99999999999"), None);
}

#[test]
fn worker_skips_expired_delisted_and_missing_series_and_rotates() {
	worker_env(&[A], vec![], false, |pool| {
		// Series 1 expired, 2 delisted, 3 missing (4 exists), 5 active.
		MockCoupons::add_series(1, &ISSUER, FACE, FACE);
		MockCoupons::set_validity(1, 0, T0 - 1);
		MockCoupons::add_series(2, &ISSUER, FACE, FACE);
		MockCoupons::set_status(2, SeriesStatus::Delisted);
		MockCoupons::add_series(4, &ISSUER, FACE, FACE);
		MockCoupons::set_validity(4, 0, T0);
		MockCoupons::add_series(5, &ISSUER, FACE, FACE);
		// Batches of two: [0, 1], [2, 3], [4, 5], then around again.
		let mut visited = Vec::new();
		let mut priced = 0;
		for _ in 0..4 {
			let report = Oracle::work();
			visited.push(report.visited);
			priced += report.priced;
		}
		assert_eq!(visited, vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![0, 1]]);
		let submitted: Vec<u64> = pool().iter().map(|(s, _)| s.series).collect();
		// Series 0 twice (the first is not on chain yet; the pool deduplicates by tag).
		assert_eq!(submitted, vec![0, 5, 0]);
		assert_eq!(priced, 3);
		let cursor =
			sp_io::offchain::local_storage_get(offchain::StorageKind::PERSISTENT, CURSOR_KEY);
		assert_eq!(cursor.map(|c| u64::decode(&mut &c[..]).unwrap()), Some(2));
	});
}

#[test]
fn worker_without_a_registered_key_does_nothing() {
	worker_env(&[STRANGER], vec![], false, |pool| {
		let report = Oracle::work();
		assert!(report.visited.is_empty());
		assert!(pool().is_empty());
	});
}

/// `TestOffchainExt`, except that no HTTP request is ever answered before its deadline.
struct NoAnswer(TestOffchainExt);

impl offchain::Externalities for NoAnswer {
	fn is_validator(&self) -> bool {
		self.0.is_validator()
	}
	fn network_state(&self) -> Result<OpaqueNetworkState, ()> {
		self.0.network_state()
	}
	fn timestamp(&mut self) -> Timestamp {
		self.0.timestamp()
	}
	fn sleep_until(&mut self, deadline: Timestamp) {
		self.0.sleep_until(deadline)
	}
	fn random_seed(&mut self) -> [u8; 32] {
		self.0.random_seed()
	}
	fn http_request_start(
		&mut self,
		method: &str,
		uri: &str,
		meta: &[u8],
	) -> Result<HttpRequestId, ()> {
		self.0.http_request_start(method, uri, meta)
	}
	fn http_request_add_header(
		&mut self,
		id: HttpRequestId,
		name: &str,
		value: &str,
	) -> Result<(), ()> {
		self.0.http_request_add_header(id, name, value)
	}
	fn http_request_write_body(
		&mut self,
		id: HttpRequestId,
		chunk: &[u8],
		deadline: Option<Timestamp>,
	) -> Result<(), HttpError> {
		self.0.http_request_write_body(id, chunk, deadline)
	}
	fn http_response_wait(
		&mut self,
		ids: &[HttpRequestId],
		_: Option<Timestamp>,
	) -> Vec<HttpRequestStatus> {
		ids.iter().map(|_| HttpRequestStatus::DeadlineReached).collect()
	}
	fn http_response_headers(&mut self, id: HttpRequestId) -> Vec<(Vec<u8>, Vec<u8>)> {
		self.0.http_response_headers(id)
	}
	fn http_response_read_body(
		&mut self,
		id: HttpRequestId,
		buffer: &mut [u8],
		deadline: Option<Timestamp>,
	) -> Result<usize, HttpError> {
		self.0.http_response_read_body(id, buffer, deadline)
	}
	fn set_authorized_nodes(&mut self, nodes: Vec<OpaquePeerId>, authorized_only: bool) {
		self.0.set_authorized_nodes(nodes, authorized_only)
	}
}

#[test]
fn genesis_and_state_are_consistent() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(A, SERIES, 90_000));
		assert_ok!(Oracle::do_try_state());
		assert_eq!(frame_system::Pallet::<Test>::block_number(), 1);
	});
}
