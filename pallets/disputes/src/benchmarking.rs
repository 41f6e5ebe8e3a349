//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Disputes_;
use genex_primitives::{ClaimFunds, CouponKind, CouponLedger};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{Consideration, EnsureOrigin, Get},
		BoundedVec,
	},
	frame_system::{pallet_prelude::BlockNumberFor, Pallet as System, RawOrigin},
	sp_runtime::Saturating,
};

/// Units the benchmark's dispute is about.
const UNITS: u64 = 10;

/// Dispute 0: a holder of `UNITS` units of a fresh series claims them all; the issuer can pay
/// a full refund from its deposit and its own funds.
fn disputed<T: Config>() -> (T::AccountId, T::AccountId, DisputeId) {
	let issuer: T::AccountId = account("issuer", 0, 0);
	let holder: T::AccountId = account("holder", 0, 0);
	let series = T::Coupons::make_series(&issuer, &holder, UNITS, CouponKind::Digital);
	let face = T::Coupons::info(series).map_or(0, |i| i.face_value);
	T::Funds::fund_claims(&issuer, face.saturating_mul(Balance::from(UNITS)));
	T::ClaimDeposit::ensure_successful(&holder, Disputes_::<T>::claim_footprint());
	let id = NextDisputeId::<T>::get();
	Disputes_::<T>::do_open(holder.clone(), series, UNITS, Category::CannotRedeem, H256::zero())
		.map_err(|_| "open")
		.expect("a holder of the units with funds for the deposit; qed");
	(issuer, holder, id)
}

/// `MaxArbitrators` arbitrators, `who` the last (the membership check walks them all).
fn appoint<T: Config>(who: &T::AccountId) {
	let mut members: alloc::vec::Vec<T::AccountId> =
		(1..T::MaxArbitrators::get()).map(|i| account("arbitrator", i, 0)).collect();
	members.push(who.clone());
	Arbitrators::<T>::put(BoundedVec::truncate_from(members));
}

/// The issuer answers dispute `id`.
fn answer<T: Config>(issuer: T::AccountId, id: DisputeId) {
	Disputes_::<T>::do_respond(issuer, id, H256::repeat_byte(2))
		.map_err(|_| "respond")
		.expect("the respondent, in time; qed");
}

fn after<T: Config>(blocks: BlockNumberFor<T>) {
	System::<T>::set_block_number(System::<T>::block_number().saturating_add(blocks));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open() {
		let issuer: T::AccountId = account("issuer", 0, 0);
		let holder: T::AccountId = account("holder", 0, 0);
		let series = T::Coupons::make_series(&issuer, &holder, UNITS, CouponKind::Digital);
		T::ClaimDeposit::ensure_successful(&holder, Disputes_::<T>::claim_footprint());
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), series, UNITS, Category::NotAsDescribed, H256::zero());
		assert_eq!(OpenClaims::<T>::get(&holder), 1);
	}

	#[benchmark]
	fn respond() {
		let (issuer, _, id) = disputed::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, H256::repeat_byte(2));
		assert_eq!(Disputes::<T>::get(id).map(|d| d.status), Some(Status::Answered));
	}

	/// Worst case: a full refund from deposit and own funds, the coupons burned.
	#[benchmark]
	fn rule() {
		let (issuer, holder, id) = disputed::<T>();
		answer::<T>(issuer, id);
		let arbitrator: T::AccountId = account("arbitrator", 0, 0);
		appoint::<T>(&arbitrator);
		#[extrinsic_call]
		_(RawOrigin::Signed(arbitrator), id, Ruling::Refund(Perbill::one()));
		assert!(Disputes::<T>::get(id).is_none());
		assert_eq!(OpenClaims::<T>::get(&holder), 0);
	}

	#[benchmark]
	fn rule_by_default() {
		let (_, holder, id) = disputed::<T>();
		after::<T>(T::RespondWithin::get() + 1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id);
		assert!(Disputes::<T>::get(id).is_none());
	}

	#[benchmark]
	fn escalate() {
		let (issuer, holder, id) = disputed::<T>();
		answer::<T>(issuer, id);
		after::<T>(T::HandleWithin::get() + 1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id);
		assert_eq!(Disputes::<T>::get(id).map(|d| d.status), Some(Status::Escalated));
	}

	#[benchmark]
	fn withdraw() {
		let (_, holder, id) = disputed::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id);
		assert!(Disputes::<T>::get(id).is_none());
	}

	#[benchmark]
	fn set_arbitrators() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let members: alloc::vec::Vec<T::AccountId> =
			(0..T::MaxArbitrators::get()).map(|i| account("arbitrator", i, 0)).collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, members);
		assert_eq!(Arbitrators::<T>::get().len() as u32, T::MaxArbitrators::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Disputes_, crate::mock::new_test_ext(), crate::mock::Test);
}
