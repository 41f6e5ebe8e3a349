//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Oracle;
use alloc::vec::Vec;
use genex_primitives::{CouponKind, CouponLedger};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		pallet_prelude::{Authorize, TransactionSource},
		traits::Get,
		BoundedVec,
	},
	frame_system::RawOrigin,
	sp_runtime::{Perbill, RuntimeAppPublic},
};

/// `n` fresh feeder keys, registered (sorted).
fn feeders<T: Config>(n: u32) -> Vec<T::AuthorityId> {
	let mut keys: Vec<T::AuthorityId> =
		(0..n).map(|_| T::AuthorityId::generate_pair(None)).collect();
	keys.sort();
	Feeders::<T>::put(BoundedVec::truncate_from(keys.clone()));
	keys
}

/// A priceable series, `n` fresh submissions on it from other feeders, and a signed submission
/// of one more feeder for the current period.
fn submission<T: Config>(n: u32) -> (PriceSubmission<T::AuthorityId>, T::FeederSignature) {
	let keys = feeders::<T>(n.saturating_add(1));
	let issuer: T::AccountId = account("issuer", 0, 0);
	let series = T::Coupons::make_series(&issuer, &issuer, 10, CouponKind::Digital);
	let face = T::Coupons::info(series).map(|i| i.face_value).unwrap_or(1);
	let block = Oracle::<T>::block();
	let (last, others) = keys.split_last().expect("n + 1 >= 1 keys; qed");
	let existing: Vec<_> =
		others.iter().map(|k| Submission { feeder: k.clone(), price: face, at: block }).collect();
	Submissions::<T>::insert(series, BoundedVec::truncate_from(existing));
	let period = Oracle::<T>::period_of(block, &Params::<T>::get());
	let sub = PriceSubmission { series, price: face, period, feeder: last.clone() };
	let signature =
		last.sign(&Oracle::<T>::signing_payload(&sub)).expect("key in the keystore; qed");
	(sub, signature)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_feeder() {
		feeders::<T>(T::MaxFeeders::get().saturating_sub(1));
		let new = T::AuthorityId::generate_pair(None);
		#[extrinsic_call]
		_(RawOrigin::Root, new.clone());
		assert!(Feeders::<T>::get().contains(&new));
	}

	#[benchmark]
	fn remove_feeder() {
		let keys = feeders::<T>(T::MaxFeeders::get());
		let gone = keys.first().cloned().expect("MaxFeeders >= 1; qed");
		#[extrinsic_call]
		_(RawOrigin::Root, gone.clone());
		assert!(!Feeders::<T>::get().contains(&gone));
	}

	#[benchmark]
	fn set_params() {
		let points = (0..MAX_CURVE_POINTS)
			.map(|i| CurvePoint {
				x: i.saturating_mul(10),
				y: Perbill::from_percent(20u32.saturating_sub(i)),
			})
			.collect::<Vec<_>>();
		let params = OracleParams {
			time_curve: BoundedVec::truncate_from(points.clone()),
			credit_curve: BoundedVec::truncate_from(points),
			min_feeders: 1,
			batch_size: 1,
			..Default::default()
		};
		#[extrinsic_call]
		_(RawOrigin::Root, params.clone());
		assert_eq!(Params::<T>::get(), params);
	}

	/// With `n` other fresh submissions on the series (the aggregation's work).
	#[benchmark]
	fn submit_price(n: Linear<0, { T::MaxFeeders::get().saturating_sub(1) }>) {
		let (sub, signature) = submission::<T>(n);
		let series = sub.series;
		#[extrinsic_call]
		_(RawOrigin::Authorized, sub, signature);
		assert_eq!(Submissions::<T>::get(series).len() as u32, n + 1);
	}

	/// The pool's check, with `MaxFeeders − 1` other submissions to read.
	#[benchmark]
	fn authorize_submit_price() -> Result<(), BenchmarkError> {
		let (sub, signature) = submission::<T>(T::MaxFeeders::get().saturating_sub(1));
		let call = Call::<T>::submit_price { submission: sub, signature };
		#[block]
		{
			call.authorize(TransactionSource::External)
				.ok_or("submit_price is authorized")?
				.map_err(|_| "valid submission")?;
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Oracle, crate::mock::new_test_ext(), crate::mock::Test);
}
