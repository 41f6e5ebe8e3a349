//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Issuers_;
use genex_primitives::{CouponKind, CouponLedger, CreditLimit, KycLevel, KycProvider, Settlement};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{Consideration, EnsureOrigin, Get},
	frame_system::{pallet_prelude::BlockNumberFor, RawOrigin},
};

const FUNDS: Balance = 1_000_000_000_000_000_000;
/// The set-up deposit: 1,000 stablecoin units of 12 decimals (above any minimum balance).
const DEPOSIT: Balance = 1_000_000_000_000_000;
/// What the deposit calls move: 10 stablecoin units.
const AMOUNT: Balance = 10_000_000_000_000;

fn applicant<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("applicant", 0, 0);
	T::Kyc::set_level(&who, KycLevel::L3);
	who
}

fn applied<T: Config>() -> T::AccountId {
	let who = applicant::<T>();
	let name = alloc::vec![b'n'; T::MaxNameLen::get() as usize];
	Issuers_::<T>::do_apply(who.clone(), name, H256::repeat_byte(1))
		.map_err(|_| "apply")
		.expect("L3 applicant with a valid name; qed");
	who
}

/// An approved issuer holding funds, with a deposit.
fn issuer<T: Config>() -> T::AccountId {
	let who = applicant::<T>();
	<Issuers_<T> as CreditLimit<T::AccountId, Balance>>::make_issuer(&who, 1_000);
	T::Settlement::fund(&who, FUNDS);
	Issuers_::<T>::do_deposit(who.clone(), DEPOSIT).map_err(|_| "deposit").expect("funded; qed");
	who
}

/// An announcement of the longest length.
fn full_text<T: Config>() -> alloc::vec::Vec<u8> {
	alloc::vec![b'a'; T::MaxAnnouncementLen::get() as usize]
}

/// An issuer keeping `MaxAnnouncements` announcements of the longest length (ids from 0).
fn announcer<T: Config>() -> T::AccountId {
	let who = applicant::<T>();
	<Issuers_<T> as CreditLimit<T::AccountId, Balance>>::make_issuer(&who, 1_000);
	let footprint = Issuers_::<T>::announcement_footprint(T::MaxAnnouncementLen::get() as usize);
	for _ in 0..=T::MaxAnnouncements::get() {
		// One more than kept: the deposit of the measured call too.
		T::AnnouncementDeposit::ensure_successful(&who, footprint);
	}
	let interval = T::AnnouncementInterval::get();
	let mut at: BlockNumberFor<T> = 1u32.into();
	for _ in 0..T::MaxAnnouncements::get() {
		polkadot_sdk::frame_system::Pallet::<T>::set_block_number(at);
		Issuers_::<T>::do_announce(who.clone(), full_text::<T>())
			.map_err(|_| "announce")
			.expect("an issuer with funds for the deposits, an interval apart; qed");
		at += interval;
	}
	// The measured call comes an interval after the last.
	polkadot_sdk::frame_system::Pallet::<T>::set_block_number(at);
	who
}

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn compliance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::DefaultOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn freeze<T: Config>(who: &T::AccountId) {
	Issuers::<T>::mutate(who, |i| {
		if let Some(i) = i {
			i.status = IssuerStatus::Frozen;
		}
	});
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply() {
		let who = applicant::<T>();
		let name = alloc::vec![b'n'; T::MaxNameLen::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), name, H256::repeat_byte(1));
		assert!(Applications::<T>::contains_key(&who));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let who = applied::<T>();
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), 10);
		assert!(Issuers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let who = applied::<T>();
		let origin = governance::<T>()?;
		let reason = alloc::vec![b'r'; T::MaxReasonLen::get() as usize];
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), reason);
		assert!(!Applications::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn deposit() {
		let who = issuer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), AMOUNT);
		assert_eq!(Issuers::<T>::get(&who).map(|i| i.deposit), Some(DEPOSIT + AMOUNT));
	}

	#[benchmark]
	fn withdraw_deposit() {
		let who = issuer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), AMOUNT);
		assert_eq!(Issuers::<T>::get(&who).map(|i| i.deposit), Some(DEPOSIT - AMOUNT));
	}

	// The worst case: a lower share, checked against the limit (the standing computed).
	#[benchmark]
	fn set_escrow_share() {
		let who = issuer::<T>();
		Issuers::<T>::mutate(&who, |i| {
			if let Some(i) = i {
				i.escrow_share = T::MaxEscrowShare::get();
			}
		});
		let share = Perbill::zero();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), share);
		assert_eq!(Issuers::<T>::get(&who).map(|i| i.escrow_share), Some(share));
	}

	#[benchmark]
	fn record_default() -> Result<(), BenchmarkError> {
		let who = issuer::<T>();
		let origin = compliance::<T>()?;
		let action = DefaultAction::CutLimit(Perbill::from_percent(10));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), DefaultKind::FailedRedemption, action);
		assert_eq!(Issuers::<T>::get(&who).map(|i| i.inputs.defaults), Some(1));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let who = issuer::<T>();
		freeze::<T>(&who);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_eq!(Issuers::<T>::get(&who).map(|i| i.status), Some(IssuerStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn set_tier_limits() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, [1, 2, 3, 4]);
		assert_eq!(TierLimits::<T>::get(), [1, 2, 3, 4]);
		Ok(())
	}

	#[benchmark]
	fn set_minimum_sample() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let rule: SampleRule<BlockNumberFor<T>> =
			SampleRule { redemptions: 1, face: 2, age: 3u32.into() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rule);
		assert_eq!(MinimumSample::<T>::get(), rule);
		Ok(())
	}

	#[benchmark]
	fn open_compensation() -> Result<(), BenchmarkError> {
		let who = issuer::<T>();
		freeze::<T>(&who);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Issuers::<T>::get(&who).is_some_and(|i| i.compensation.is_some()));
		Ok(())
	}

	#[benchmark]
	fn claim_compensation() {
		let who: T::AccountId = account("issuer", 1, 0);
		let holder: T::AccountId = account("holder", 0, 0);
		T::Kyc::set_level(&holder, KycLevel::L3);
		let series = T::Coupons::make_series(&who, &holder, 10, CouponKind::Digital);
		if !Issuers::<T>::contains_key(&who) {
			// A coupon ledger that does not ask the credit pallet (the mock).
			<Issuers_<T> as CreditLimit<T::AccountId, Balance>>::make_issuer(&who, 1_000);
			<Issuers_<T> as CreditLimit<T::AccountId, Balance>>::note_issued(&who, 10_000);
		}
		T::Settlement::fund(&Issuers_::<T>::account_id(), FUNDS);
		Issuers::<T>::mutate(&who, |i| {
			if let Some(i) = i {
				i.deposit = FUNDS;
			}
		});
		freeze::<T>(&who);
		Issuers_::<T>::do_open_compensation(who.clone()).map_err(|_| "open").expect("frozen; qed");
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), series);
		assert_eq!(T::Coupons::balance(series, &holder), 0);
	}

	/// Worst case: the longest text, the issuer keeps `MaxAnnouncements` already (the oldest
	/// is dropped and its deposit returned).
	#[benchmark]
	fn announce() {
		let who = announcer::<T>();
		let text = full_text::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), text);
		let kept = Announcements::<T>::get(&who);
		assert_eq!(kept.len() as u32, T::MaxAnnouncements::get());
		assert_eq!(kept.last().map(|a| a.id), Some(u64::from(T::MaxAnnouncements::get())));
	}

	/// Worst case: the newest of a full list (the search walks it all).
	#[benchmark]
	fn retract_announcement() {
		let who = announcer::<T>();
		let id = u64::from(T::MaxAnnouncements::get()) - 1;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert_eq!(Announcements::<T>::get(&who).len() as u32, T::MaxAnnouncements::get() - 1);
	}

	/// Worst case: the newest of a full list; the deposit is burned.
	#[benchmark]
	fn remove_announcement() -> Result<(), BenchmarkError> {
		let who = announcer::<T>();
		let id = u64::from(T::MaxAnnouncements::get()) - 1;
		let origin = compliance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), id);
		assert_eq!(Announcements::<T>::get(&who).len() as u32, T::MaxAnnouncements::get() - 1);
		Ok(())
	}

	impl_benchmark_test_suite!(Issuers_, crate::mock::new_test_ext(), crate::mock::Test);
}
