//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Redemption;
use genex_primitives::{CouponKind, CouponLedger, CreditLimit};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{traits::{Get, Hooks}, BoundedVec},
	frame_system::{self, RawOrigin},
	sp_runtime::traits::One,
};

fn issuer_with_merchant<T: Config>() -> (T::AccountId, T::AccountId) {
	let issuer: T::AccountId = account("issuer", 0, 0);
	let merchant: T::AccountId = account("merchant", 0, 0);
	T::Credit::make_issuer(&issuer, 1_000_000_000_000_000_000);
	Merchants::<T>::insert(&issuer, &merchant, ());
	MerchantCount::<T>::insert(&issuer, 1);
	(issuer, merchant)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_merchant() {
		let issuer: T::AccountId = account("issuer", 0, 0);
		T::Credit::make_issuer(&issuer, 1_000);
		MerchantCount::<T>::insert(&issuer, T::MaxMerchants::get().saturating_sub(1));
		let merchant: T::AccountId = account("merchant", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), merchant.clone());
		assert!(Merchants::<T>::contains_key(&issuer, &merchant));
	}

	#[benchmark]
	fn remove_merchant() {
		let (issuer, merchant) = issuer_with_merchant::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), merchant.clone());
		assert!(!Merchants::<T>::contains_key(&issuer, &merchant));
	}

	/// A physical series: `s` serials checked and marked.
	#[benchmark]
	fn redeem(s: Linear<1, { T::MaxSerials::get() }>) {
		let (issuer, merchant) = issuer_with_merchant::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		let series = T::Coupons::make_series(&issuer, &holder, s.into(), CouponKind::Physical);
		let serials: alloc::vec::Vec<u64> = (0..u64::from(s)).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), series, s.into(), Some(merchant), serials);
		assert_eq!(T::Coupons::balance(series, &holder), 0);
	}

	#[benchmark]
	fn redeem_authorized() {
		let (issuer, merchant) = issuer_with_merchant::<T>();
		let holder = T::BenchmarkHelper::signer();
		let series = T::Coupons::make_series(&issuer, &holder, 10, CouponKind::Digital);
		let authorization = RedemptionAuthorization {
			holder: holder.clone(),
			series,
			units: 10,
			merchant,
			nonce: 7,
			valid_until: frame_system::Pallet::<T>::block_number() + One::one(),
		};
		let signature =
			T::BenchmarkHelper::sign(&holder, &Redemption::<T>::signing_payload(&authorization));
		#[extrinsic_call]
		_(RawOrigin::None, authorization, signature);
		assert!(UsedAuthorizations::<T>::contains_key(&holder, 7));
	}

	#[benchmark]
	fn review() {
		let (issuer, _) = issuer_with_merchant::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		let series = T::Coupons::make_series(&issuer, &holder, 1, CouponKind::Digital);
		let receipt = Redemption::<T>::do_redeem(holder.clone(), series, 1, None, &[], None)
			.map_err(|_| "redemption")
			.expect("set-up redemption succeeds; qed");
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), receipt, 5);
		assert!(Receipts::<T>::get(receipt).is_some_and(|r| r.reviewed));
	}

	#[benchmark]
	fn forget_ended(n: Linear<0, { T::MaxAuthorizationsPerBlock::get() }>) {
		let end = frame_system::Pallet::<T>::block_number();
		let mut list = alloc::vec::Vec::new();
		for i in 0..n {
			let holder: T::AccountId = account("holder", i, 0);
			UsedAuthorizations::<T>::insert(&holder, u64::from(i), end);
			list.push((holder, u64::from(i)));
		}
		AuthorizationsEnding::<T>::insert(end, BoundedVec::truncate_from(list));
		#[block]
		{
			Redemption::<T>::on_initialize(end + One::one());
		}
		assert!(AuthorizationsEnding::<T>::get(end).is_empty());
	}

	impl_benchmark_test_suite!(Redemption, crate::mock::new_test_ext(), crate::mock::Test);
}
