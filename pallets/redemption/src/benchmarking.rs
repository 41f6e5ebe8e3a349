//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Redemption;
use genex_primitives::{CouponKind, CouponLedger, CreditLimit};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		pallet_prelude::{Authorize, TransactionSource},
		traits::{EnsureOrigin, Get, Hooks},
		weights::Weight,
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::traits::{One, Zero},
};

fn issuer_with_merchant<T: Config>() -> (T::AccountId, T::AccountId) {
	let issuer: T::AccountId = account("issuer", 0, 0);
	let merchant: T::AccountId = account("merchant", 0, 0);
	T::Credit::make_issuer(&issuer, 1_000_000_000_000_000_000);
	Merchants::<T>::insert(&issuer, &merchant, ());
	MerchantCount::<T>::insert(&issuer, 1);
	(issuer, merchant)
}

/// The holder's signed authorization of 10 units of a fresh digital series at a registered
/// merchant, valid until the next block. Signed in the wrapped form (`<Bytes>…</Bytes>`, a
/// browser extension's `signRaw`): the worst case, both forms verified.
fn signed_authorization<T: Config>() -> (AuthorizationOf<T>, T::OffchainSignature) {
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
	let payload = Redemption::<T>::signing_payload(&authorization);
	let signature = T::BenchmarkHelper::sign(&holder, &Redemption::<T>::wrapped(&payload));
	(authorization, signature)
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

	/// The dispatch: every check again, the redemption, the replay record, both quota counts.
	#[benchmark]
	fn redeem_authorized() {
		let (authorization, signature) = signed_authorization::<T>();
		let holder = authorization.holder.clone();
		#[extrinsic_call]
		_(RawOrigin::Authorized, authorization, signature);
		assert!(UsedAuthorizations::<T>::contains_key(&holder, 7));
		assert_eq!(Redemption::<T>::used(Party::Holder, &holder), 1);
	}

	/// The pool's and the block's check of `redeem_authorized` (reads only).
	#[benchmark]
	fn authorize_redeem_authorized() -> Result<(), BenchmarkError> {
		let (authorization, signature) = signed_authorization::<T>();
		let call = Call::<T>::redeem_authorized { authorization, signature };
		#[block]
		{
			call.authorize(TransactionSource::External)
				.ok_or("redeem_authorized is authorized")?
				.map_err(|_| "valid authorization")?;
		}
		Ok(())
	}

	#[benchmark]
	fn review() {
		let (issuer, _) = issuer_with_merchant::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		let series = T::Coupons::make_series(&issuer, &holder, 1, CouponKind::Digital);
		let (receipt, _) = Redemption::<T>::do_redeem(holder.clone(), series, 1, None, &[], None)
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

	#[benchmark]
	fn set_limits() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let limits = RedemptionLimits {
			per_holder: 7,
			per_merchant: 70,
			review_window: T::MaxReviewWindow::get(),
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, limits);
		assert_eq!(Limits::<T>::get(), limits);
		Ok(())
	}

	/// One `on_idle` sweep deleting `n` receipts past their window and stopping at one still in
	/// it.
	#[benchmark]
	fn sweep_receipts(n: Linear<0, { crate::receipts::MAX_SWEEP_PER_BLOCK }>) {
		let window: BlockNumberFor<T> = One::one();
		Limits::<T>::put(RedemptionLimits { review_window: window, ..T::DefaultLimits::get() });
		let issuer: T::AccountId = account("issuer", 0, 0);
		let receipt = |i: u32, at: BlockNumberFor<T>| Receipt {
			series: 0,
			issuer: issuer.clone(),
			holder: account("holder", i, 0),
			merchant: issuer.clone(),
			units: 1,
			face_value: 1,
			at,
			reviewed: false,
		};
		let now: BlockNumberFor<T> = 10u32.into();
		for i in 0..n {
			Receipts::<T>::insert(u64::from(i), receipt(i, Zero::zero()));
		}
		Receipts::<T>::insert(u64::from(n), receipt(n, now));
		NextReceiptId::<T>::put(u64::from(n).saturating_add(1));
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Redemption::<T>::do_sweep_receipts(Weight::MAX);
		}
		assert_eq!(OldestReceipt::<T>::get(), u64::from(n));
	}

	/// One `on_idle` step deleting `n` quota counters of a past period.
	#[benchmark]
	fn clean_usage(n: Linear<0, { crate::quota::MAX_CLEAN_PER_BLOCK }>) {
		let past: Period = 0;
		for i in 0..n {
			let who: T::AccountId = account("holder", i, 0);
			Usage::<T>::insert(past, (Party::Holder, who), 1u32);
		}
		frame_system::Pallet::<T>::set_block_number(T::QuotaPeriod::get());
		#[block]
		{
			Redemption::<T>::do_clean_usage(Weight::MAX);
		}
		assert_eq!(OldestUsagePeriod::<T>::get(), 1);
	}

	impl_benchmark_test_suite!(Redemption, crate::mock::new_test_ext(), crate::mock::Test);
}
