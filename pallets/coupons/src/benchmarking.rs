//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Coupons;
use genex_primitives::{
	CouponLedger, CreditLimit, KycLevel, KycProvider, Settlement, TravelRuleData, VaspId,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{EnsureOrigin, Get},
		weights::Weight,
	},
	frame_system::RawOrigin,
	sp_core::H256,
};

const LIMIT: Balance = 1_000_000_000_000_000_000;

fn issuer<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("issuer", 0, 0);
	T::Kyc::set_level(&who, KycLevel::L3);
	T::Credit::make_issuer(&who, LIMIT);
	who
}

/// A digital gift card declared for Canada, valid a day longer than the US gift-card minimum.
fn terms<T: Config>(len: u32) -> SeriesTerms {
	SeriesTerms {
		kind: CouponKind::Digital,
		face_value: crate::bench_face::<T>(),
		issue_price: crate::bench_face::<T>() / 10 * 9,
		valid_from: 0,
		valid_until: Coupons::<T>::now()
			.saturating_add(US_GIFT_CARD_MIN_VALIDITY)
			.saturating_add(DAY_MS),
		terms: alloc::vec![b't'; len as usize],
		cap: 1_000_000,
		gift_card: true,
		jurisdiction: Some(*b"CA"),
	}
}

/// A series of `issuer` with `units` held by `holder` (both L3).
fn series<T: Config>(issuer: &T::AccountId, holder: &T::AccountId, units: u64) -> SeriesId {
	T::Kyc::set_level(holder, KycLevel::L3);
	Coupons::<T>::make_series(issuer, holder, units, CouponKind::Digital)
}

fn vasp() -> VaspId {
	VaspId::truncate_from(
		alloc::vec![b'v'; genex_primitives::travel_rule::MAX_VASP_ID_LEN as usize],
	)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: minimum-validity rules in the declared jurisdiction and in the issuer's KYC
	/// jurisdiction (the KYC pallet's benchmark attestations are for the US).
	#[benchmark]
	fn create_series(t: Linear<1, { T::MaxTermsLen::get() }>) {
		let who = issuer::<T>();
		let next = NextSeriesId::<T>::get();
		let class = ValidityClass { kind: CouponKind::Digital, gift_card: true };
		MinValidity::<T>::insert(class, *b"CA", US_GIFT_CARD_MIN_VALIDITY);
		MinValidity::<T>::insert(class, *b"US", US_GIFT_CARD_MIN_VALIDITY);
		// A minimum face value the series just meets.
		MinFaceValue::<T>::insert(CouponKind::Digital, crate::bench_face::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), terms::<T>(t), 100);
		assert!(SeriesOf::<T>::contains_key(next));
	}

	#[benchmark]
	fn mint() {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 10);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 10);
		assert_eq!(Holdings::<T>::get(id, &who), 20);
	}

	/// A sale (the issuer sends): statistics updated; the receiver gets a new holding.
	#[benchmark]
	fn transfer() {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 10);
		let to: T::AccountId = account("buyer", 0, 0);
		T::Kyc::set_level(&to, KycLevel::L3);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, to.clone(), 1);
		assert_eq!(Holdings::<T>::get(id, &to), 1);
	}

	#[benchmark]
	fn transfer_with_travel_rule() {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 10);
		let to: T::AccountId = account("buyer", 0, 0);
		T::Kyc::set_level(&to, KycLevel::L3);
		let data = TravelRuleData {
			payload_commitment: H256::repeat_byte(1),
			originator_vasp: vasp(),
			beneficiary_vasp: vasp(),
		};
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, to.clone(), 1, data);
		assert_eq!(Holdings::<T>::get(id, &to), 1);
	}

	#[benchmark]
	fn recall() {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 10);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 10, 1);
		assert_eq!(Holdings::<T>::get(id, &who), 0);
	}

	/// The oracle is asked for the series' reference price (its reads are counted; a fresh
	/// price cannot be set through `PriceOracle`, so the aggregation runs over no submissions).
	#[benchmark]
	fn refund() {
		let who = issuer::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		let id = series::<T>(&who, &holder, 10);
		T::Settlement::fund(&who, 1_000_000_000_000_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, holder.clone(), 10, 1);
		assert_eq!(Holdings::<T>::get(id, &holder), 0);
	}

	#[benchmark]
	fn delist() -> Result<(), BenchmarkError> {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 1);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, 1);
		assert_eq!(SeriesOf::<T>::get(id).map(|s| s.status), Some(SeriesStatus::Delisted));
		Ok(())
	}

	#[benchmark]
	fn relist() -> Result<(), BenchmarkError> {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, 1);
		Coupons::<T>::do_set_listed(id, false, 1).map_err(|_| BenchmarkError::Stop("delist"))?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(SeriesOf::<T>::get(id).map(|s| s.status), Some(SeriesStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn set_min_validity() -> Result<(), BenchmarkError> {
		let class = ValidityClass { kind: CouponKind::Physical, gift_card: true };
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, class, *b"DE", Some(US_GIFT_CARD_MIN_VALIDITY));
		assert_eq!(MinValidity::<T>::get(class, *b"DE"), Some(US_GIFT_CARD_MIN_VALIDITY));
		Ok(())
	}

	#[benchmark]
	fn set_min_face_value() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let min = genex_primitives::STABLECOIN_UNIT;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, CouponKind::Physical, min);
		assert_eq!(MinFaceValue::<T>::get(CouponKind::Physical), min);
		Ok(())
	}

	/// One sweep step removing `n` holdings (each a different account).
	#[benchmark]
	fn expire_holdings(n: Linear<0, 1_000>) {
		let who = issuer::<T>();
		let id = series::<T>(&who, &who, u64::from(n).saturating_add(1));
		for i in 0..n {
			let holder: T::AccountId = account("holder", i, 0);
			Holdings::<T>::insert(id, &holder, 1);
			AccountUnits::<T>::insert(&holder, 1);
		}
		Holdings::<T>::insert(id, &who, 1);
		AccountUnits::<T>::insert(&who, 1);
		#[block]
		{
			Coupons::<T>::sweep_series(id, n);
		}
		assert_eq!(SeriesOf::<T>::get(id).map(|s| s.status), Some(SeriesStatus::Expired));
	}

	/// Looking at one hour with nothing to expire.
	#[benchmark]
	fn expire_idle_hour() {
		ExpiryCursor::<T>::put(1_000);
		let now = 1_001 * EXPIRY_BUCKET_MS;
		#[block]
		{
			Coupons::<T>::do_expire_at(now, Weight::MAX);
		}
		assert_eq!(ExpiryCursor::<T>::get(), Some(1_001));
	}

	impl_benchmark_test_suite!(Coupons, crate::mock::new_test_ext(), crate::mock::Test);
}
