//! Benchmarks (frame-benchmarking v2): the governance calls, and the rules' work behind the
//! value-movement gate at its worst case — both parties' counters holding nearly full
//! counterparty lists, both jurisdictions read, the high-risk list full, and every window rule
//! and both jurisdiction rules tripping (flags written, events emitted).

use super::*;
use crate::Pallet as Aml;
use genex_primitives::{AmlMonitor, CouponLedger, Movement};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get},
	frame_system,
};

/// Every rule on at thresholds the benchmark movement trips; `High` and restricting where the
/// rule may be.
fn tripping_rules<T: Config>() {
	let fan = T::MaxCounterparties::get().saturating_sub(2).max(1);
	let rules = Rule::ALL.map(|rule| RuleConfig {
		enabled: true,
		value: match rule {
			Rule::Structuring => 1_000,
			_ => 1,
		},
		count: match rule {
			Rule::FanOut | Rule::FanIn => fan,
			_ => 1,
		},
		severity: Severity::High,
		restrict: rule != Rule::FanIn,
	});
	Rules::<T>::put(BoundedVec::truncate_from(rules.to_vec()));
}

/// High-risk list full, ending with `last`.
fn full_high_risk<T: Config>(last: Jurisdiction) {
	let max = T::MaxHighRisk::get();
	let mut list: alloc::vec::Vec<Jurisdiction> = (0..max.saturating_sub(1))
		.map(|i| [b'A'.saturating_add((i / 26 % 26) as u8), b'A'.saturating_add((i % 26) as u8)])
		.filter(|j| *j != last)
		.collect();
	list.push(last);
	list.sort();
	list.dedup();
	list.truncate(max as usize);
	HighRisk::<T>::put(BoundedVec::truncate_from(list));
}

/// `who`'s counters for today with `n` counterparties each way (none of them `other`).
fn busy_counters<T: Config>(who: &T::AccountId, n: u32) {
	let day: u32 = {
		use polkadot_sdk::sp_runtime::traits::UniqueSaturatedInto;
		let now: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let len: u32 = T::DayBlocks::get().unique_saturated_into();
		now.checked_div(len.max(1)).unwrap_or_default()
	};
	let list = || BoundedVec::truncate_from((0..n as u64).map(|i| i.wrapping_add(7)).collect());
	Counters::<T>::insert(
		who,
		AccountCounters {
			today: day,
			receivers: list(),
			senders: list(),
			funders: list(),
			..Default::default()
		},
	);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_rule() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let config = RuleConfig {
			enabled: true,
			value: 5,
			count: 1,
			severity: Severity::High,
			restrict: true,
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Rule::Velocity, config);
		assert_eq!(Aml::<T>::rule(Rule::Velocity), config);
		Ok(())
	}

	#[benchmark]
	fn set_high_risk() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		full_high_risk::<T>(*b"ZZ");
		let mut list = HighRisk::<T>::get();
		list.pop();
		HighRisk::<T>::put(list);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, *b"ZZ", true);
		assert!(HighRisk::<T>::get().contains(b"ZZ"));
		Ok(())
	}

	#[benchmark]
	fn clear_flag() -> Result<(), BenchmarkError> {
		let origin =
			T::ComplianceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("who", 0, 0);
		Flags::<T>::insert(
			&who,
			AccountFlag {
				severity: Severity::High,
				hits: 3,
				last_rule: Rule::Structuring,
				last_at: frame_system::Pallet::<T>::block_number(),
				restricted: true,
			},
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Flags::<T>::contains_key(&who));
		Ok(())
	}

	/// A P2P movement just under the structuring threshold, across two jurisdictions, one of
	/// them high-risk, by two accounts with busy counters: every rule trips.
	#[benchmark]
	fn record_movement() {
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		T::BenchmarkHelper::attest(&from, *b"US");
		T::BenchmarkHelper::attest(&to, *b"ZZ");
		tripping_rules::<T>();
		full_high_risk::<T>(*b"ZZ");
		let fan = T::MaxCounterparties::get().saturating_sub(2);
		busy_counters::<T>(&from, fan);
		busy_counters::<T>(&to, fan);
		let movement = Movement {
			from: &from,
			to: &to,
			asset: TransferredAsset::Settlement,
			value: 999,
			kind: MovementKind::P2p,
			travel_rule: None,
		};
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record(&movement);
		}
		assert!(Flags::<T>::get(&from).is_some_and(|f| f.restricted));
		assert!(Flags::<T>::get(&to).is_some_and(|f| f.restricted));
	}

	/// A direct trade of a coupon series to a buyer the issuer funded today (the self-dealing
	/// rule's worst case: the series, the affiliation and the buyer's senders read), across
	/// jurisdictions, with busy counters.
	#[benchmark]
	fn record_trade() {
		let issuer: T::AccountId = account("issuer", 0, 0);
		let seller: T::AccountId = account("seller", 0, 0);
		let buyer: T::AccountId = account("buyer", 0, 0);
		let series =
			T::Coupons::make_series(&issuer, &seller, 10, genex_primitives::CouponKind::Digital);
		T::BenchmarkHelper::attest(&seller, *b"US");
		T::BenchmarkHelper::attest(&buyer, *b"ZZ");
		tripping_rules::<T>();
		full_high_risk::<T>(*b"ZZ");
		let fan = T::MaxCounterparties::get().saturating_sub(2);
		busy_counters::<T>(&seller, fan);
		busy_counters::<T>(&buyer, fan);
		// The issuer funded the buyer today: last in its senders list.
		Counters::<T>::mutate(&buyer, |c| {
			c.funders.pop();
			let _ = c.funders.try_push(crate::monitor::party_hash(&issuer));
		});
		let movement = Movement {
			from: &seller,
			to: &buyer,
			asset: TransferredAsset::Coupon { series },
			value: 999,
			kind: MovementKind::DirectTrade,
			travel_rule: None,
		};
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record(&movement);
		}
		assert!(Flags::<T>::get(&buyer).is_some_and(|f| f.restricted && f.hits >= 2));
	}

	/// An account's net auction buy tripping the window rules, the self-dealing rule (the
	/// issuer funded it today) and the high-risk rule (its own jurisdiction).
	#[benchmark]
	fn record_party() {
		let issuer: T::AccountId = account("issuer", 0, 0);
		let seller: T::AccountId = account("seller", 0, 0);
		let who: T::AccountId = account("who", 0, 0);
		let series =
			T::Coupons::make_series(&issuer, &seller, 10, genex_primitives::CouponKind::Digital);
		T::BenchmarkHelper::attest(&who, *b"ZZ");
		tripping_rules::<T>();
		full_high_risk::<T>(*b"ZZ");
		busy_counters::<T>(&who, T::MaxCounterparties::get().saturating_sub(2));
		Counters::<T>::mutate(&who, |c| {
			c.funders.pop();
			let _ = c.funders.try_push(crate::monitor::party_hash(&issuer));
		});
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record_party(
				&who,
				TransferredAsset::Coupon { series },
				999,
				true,
			);
		}
		assert!(Flags::<T>::get(&who).is_some_and(|f| f.restricted && f.hits >= 2));
	}

	/// The usual case, for the report (not charged): a P2P movement between two accounts
	/// that moved value today, every rule at its default, nothing tripping.
	#[benchmark]
	fn record_quiet() {
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		T::BenchmarkHelper::attest(&from, *b"US");
		T::BenchmarkHelper::attest(&to, *b"US");
		busy_counters::<T>(&from, 4);
		busy_counters::<T>(&to, 4);
		let movement = Movement {
			from: &from,
			to: &to,
			asset: TransferredAsset::Settlement,
			value: 1_000,
			kind: MovementKind::P2p,
			travel_rule: None,
		};
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record(&movement);
		}
		assert!(!Flags::<T>::contains_key(&from));
	}

	impl_benchmark_test_suite!(Aml, crate::mock::new_test_ext(), crate::mock::Test);
}
