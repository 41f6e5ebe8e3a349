//! Benchmarks (frame-benchmarking v2): the governance calls, and the rules' work behind the
//! value-movement gate at its worst case — both parties' counters holding nearly full
//! counterparty lists, both jurisdictions read, the high-risk list full, and every window rule
//! and both jurisdiction rules tripping (flags written, events emitted).

use super::*;
use crate::Pallet as Aml;
use genex_primitives::{AmlMonitor, CouponLedger, Movement, Settlement};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get, Hooks},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
};

/// What a benchmark hold moves: 1,000 GUSD (inside an L2 account's daily P2P limit).
const HELD: Balance = 1_000 * STABLECOIN_UNIT;

/// Every P2P movement held, released at its deadline (the dearer outcome).
fn review_everything<T: Config>() {
	ReviewPolicyOf::<T>::put(ReviewPolicy {
		enabled: true,
		threshold: 1,
		timeout: T::DayBlocks::get(),
		on_timeout: TimeoutOutcome::Release,
	});
}

/// Travel-Rule data with both VASP ids at their longest.
fn travel_data() -> TravelRuleData {
	let id = || {
		BoundedVec::truncate_from(
			[b'V'; genex_primitives::travel_rule::MAX_VASP_ID_LEN as usize].to_vec(),
		)
	};
	TravelRuleData {
		payload_commitment: H256::repeat_byte(1),
		originator_vasp: id(),
		beneficiary_vasp: id(),
	}
}

/// The block a hold made now ends at.
fn deadline<T: Config>() -> BlockNumberFor<T> {
	use polkadot_sdk::sp_runtime::Saturating;
	frame_system::Pallet::<T>::block_number().saturating_add(T::DayBlocks::get())
}

/// `from`'s hold list one short of full (ids no hold has).
fn crowded_lists<T: Config>(from: &T::AccountId) {
	let ids = (0..T::MaxHoldsPerAccount::get().saturating_sub(1))
		.map(|i| u64::MAX.saturating_sub(i.into()));
	HoldsOf::<T>::insert(from, BoundedVec::truncate_from(ids.collect()));
}

/// A sender attested in the US with busy counters and funds, to a receiver in a high-risk
/// jurisdiction with busy counters, every rule tripping: the release's record at its worst.
fn worst_parties<T: Config>(sender: u32) -> (T::AccountId, T::AccountId) {
	third_day::<T>();
	let from: T::AccountId = account("from", sender, 0);
	let to: T::AccountId = account("to", sender, 0);
	T::BenchmarkHelper::attest(&from, *b"US");
	T::BenchmarkHelper::attest(&to, *b"ZZ");
	tripping_rules::<T>();
	full_high_risk::<T>(*b"ZZ");
	let fan = T::MaxCounterparties::get().saturating_sub(2);
	busy_counters::<T>(&from, fan);
	busy_counters::<T>(&to, fan);
	full_trails::<T>(&from, &to);
	T::Settlement::fund(&from, HELD.saturating_mul(4));
	(from, to)
}

/// What a movement path does with a P2P movement of `quantity` of `asset` worth [`HELD`] the
/// gate sends to review: ask, check the hold, hold.
fn gate_hold<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	asset: TransferredAsset,
	quantity: Balance,
) -> Result<u64, polkadot_sdk::sp_runtime::DispatchError> {
	let data = travel_data();
	let movement = Movement {
		from,
		to,
		asset,
		value: HELD,
		kind: MovementKind::P2p,
		travel_rule: Some(&data),
	};
	assert!(<Aml<T> as AmlMonitor<T::AccountId, Balance>>::review_required(&movement));
	<Aml<T> as AmlMonitor<T::AccountId, Balance>>::ensure_can_hold(&movement, quantity)?;
	<Aml<T> as AmlMonitor<T::AccountId, Balance>>::hold(&movement, quantity)
}

/// Hold `quantity` of `asset` worth `value` from `from` to `to`, with Travel-Rule data.
fn hold<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	asset: TransferredAsset,
	quantity: Balance,
	value: Balance,
) -> u64 {
	let data = travel_data();
	let movement =
		Movement { from, to, asset, value, kind: MovementKind::P2p, travel_rule: Some(&data) };
	Aml::<T>::do_hold(&movement, quantity).expect("the parties are funded and lists have room")
}

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
			Rule::ShortCycle => genex_primitives::MAX_CYCLE_HOPS,
			_ => 1,
		},
		severity: Severity::High,
		restrict: !matches!(rule, Rule::FanIn | Rule::ShortCycle),
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
	let day = today::<T>();
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

/// The day window now.
fn today<T: Config>() -> u32 {
	use polkadot_sdk::sp_runtime::traits::UniqueSaturatedInto;
	let now: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
	let len: u32 = T::DayBlocks::get().unique_saturated_into();
	now.checked_div(len.max(1)).unwrap_or_default()
}

/// Move to the third day (block `2 × DayBlocks`) unless past it, so trails can hold origins
/// from the day before. Call before any set-up that reads the day.
fn third_day<T: Config>() {
	use polkadot_sdk::sp_runtime::Saturating;
	let day_two = T::DayBlocks::get().saturating_mul(2u32.into());
	if frame_system::Pallet::<T>::block_number() < day_two {
		frame_system::Pallet::<T>::set_block_number(day_two);
	}
}

/// Full short-cycle trails: `from`'s origins (today, one transfer away, so each goes one
/// further) end with `to` (the movement closes a cycle); `to`'s hold as many other origins from
/// the day before, so each of `from`'s takes the place of one.
fn full_trails<T: Config>(from: &T::AccountId, to: &T::AccountId) {
	let max = T::MaxCounterparties::get();
	let day = today::<T>();
	let origins = |base: u64, day: u32, last: Option<u64>| {
		let mut list: alloc::vec::Vec<Origin> = (0..u64::from(max))
			.map(|i| Origin { party: base.wrapping_add(i), hops: 1, day })
			.collect();
		if let (Some(party), Some(slot)) = (last, list.last_mut()) {
			slot.party = party;
		}
		BoundedVec::truncate_from(list)
	};
	let to_hash = crate::monitor::party_hash(to);
	Trails::<T>::insert(from, Trail { origins: origins(1_000, day, Some(to_hash)), reported: 0 });
	Trails::<T>::insert(
		to,
		Trail { origins: origins(5_000, day.saturating_sub(1), None), reported: 0 },
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
		// Every report mark set, so each is reset.
		busy_counters::<T>(&who, 1);
		Counters::<T>::mutate(&who, |c| c.reported = u16::MAX);
		Trails::<T>::insert(&who, Trail { origins: Default::default(), reported: 1 });
		FleetingWithdrawals::<T>::insert(
			&who,
			Withdrawals { day: today::<T>(), count: 1, value: 1, reported: true },
		);
		MarketActivity::<T>::insert(
			&who,
			OrderFlow {
				day: today::<T>(),
				orders: 1,
				value: 1,
				trades: 0,
				traded: 0,
				reported: true,
			},
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Flags::<T>::contains_key(&who));
		assert_eq!(Counters::<T>::get(&who).reported, 0);
		assert_eq!(Trails::<T>::get(&who).reported, 0);
		assert!(!FleetingWithdrawals::<T>::get(&who).reported);
		assert!(!MarketActivity::<T>::get(&who).reported);
		Ok(())
	}

	/// An order withdrawn the block it came to rest by an account that withdrew fleeting
	/// orders today: the spoofing rule trips (flag written, events).
	#[benchmark]
	fn record_withdrawal() {
		let who: T::AccountId = account("who", 0, 0);
		tripping_rules::<T>();
		FleetingWithdrawals::<T>::insert(
			&who,
			Withdrawals { day: today::<T>(), count: 5, value: 5_000, reported: false },
		);
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record_withdrawal(
				&who,
				TransferredAsset::Coupon { series: 1 },
				1_000,
				0,
			);
		}
		assert!(FleetingWithdrawals::<T>::get(&who).reported);
		assert!(Flags::<T>::get(&who).is_some_and(|f| f.restricted));
	}

	/// An order sized just under the structuring value, placed by an account with full
	/// counters that placed orders today and did not trade: the structuring and the
	/// order-to-trade rules trip (flag written twice, events).
	#[benchmark]
	fn record_order() {
		let who: T::AccountId = account("who", 0, 0);
		tripping_rules::<T>();
		busy_counters::<T>(&who, T::MaxCounterparties::get());
		MarketActivity::<T>::insert(
			&who,
			OrderFlow {
				day: today::<T>(),
				orders: 5,
				value: 5_000,
				trades: 0,
				traded: 0,
				reported: false,
			},
		);
		#[block]
		{
			<Aml<T> as AmlMonitor<T::AccountId, Balance>>::record_order(
				&who,
				TransferredAsset::Coupon { series: 1 },
				999,
			);
		}
		assert!(MarketActivity::<T>::get(&who).reported);
		assert_eq!(
			Counters::<T>::get(&who).reported & Rule::Structuring.bit(),
			Rule::Structuring.bit()
		);
		assert!(Flags::<T>::get(&who).is_some_and(|f| f.restricted && f.hits == 2));
	}

	/// A P2P movement just under the structuring threshold, across two jurisdictions, one of
	/// them high-risk, by two accounts with busy counters: every rule trips.
	#[benchmark]
	fn record_movement() {
		third_day::<T>();
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		T::BenchmarkHelper::attest(&from, *b"US");
		T::BenchmarkHelper::attest(&to, *b"ZZ");
		tripping_rules::<T>();
		full_high_risk::<T>(*b"ZZ");
		let fan = T::MaxCounterparties::get().saturating_sub(2);
		busy_counters::<T>(&from, fan);
		busy_counters::<T>(&to, fan);
		full_trails::<T>(&from, &to);
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

	/// The quiet path, charged when nothing trips (`AmlMonitor::record` refunds the rest of
	/// the bound): a P2P stablecoin movement between two accounts whose counterparty lists are
	/// full (the fan rules reported them earlier today), every rule at its default, worth
	/// enough for the fan and funding lists (500 GUSD) and below every rule that looks further
	/// (short cycle, cross-border, CTR).
	#[benchmark]
	fn record_quiet() {
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		T::BenchmarkHelper::attest(&from, *b"US");
		T::BenchmarkHelper::attest(&to, *b"US");
		// Every rule stored (decoded as after any `setRule`), at its default.
		Rules::<T>::put(BoundedVec::truncate_from(Rule::ALL.map(default_rule).to_vec()));
		// Full lists trip the fan rules once a day; after that they stay quiet.
		for who in [&from, &to] {
			busy_counters::<T>(who, T::MaxCounterparties::get());
			Counters::<T>::mutate(who, |c| c.reported = Rule::FanOut.bit() | Rule::FanIn.bit());
		}
		let movement = Movement {
			from: &from,
			to: &to,
			asset: TransferredAsset::Settlement,
			value: 500 * STABLECOIN_UNIT,
			kind: MovementKind::P2p,
			travel_rule: None,
		};
		let busy;
		#[block]
		{
			busy = Aml::<T>::do_record(&movement);
		}
		assert!(!busy, "the quiet path");
		assert!(!Flags::<T>::contains_key(&from));
	}

	#[benchmark]
	fn set_review_policy() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let policy = ReviewPolicy {
			enabled: true,
			threshold: 1,
			timeout: T::DayBlocks::get(),
			on_timeout: TimeoutOutcome::Release,
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, policy);
		assert_eq!(ReviewPolicyOf::<T>::get(), policy);
		Ok(())
	}

	/// The gate's review part of a held stablecoin transfer: whether to hold, every check of
	/// the hold, the freeze and the queue, with the sender's list one short of full.
	#[benchmark]
	fn hold_movement() {
		let (from, to) = worst_parties::<T>(0);
		review_everything::<T>();
		crowded_lists::<T>(&from);
		let id;
		#[block]
		{
			id = gate_hold::<T>(&from, &to, TransferredAsset::Settlement, HELD);
		}
		assert!(id.is_ok_and(|id| Holds::<T>::contains_key(id)));
	}

	/// The same for coupon units (the units locked in the holding).
	#[benchmark]
	fn hold_units() {
		let issuer: T::AccountId = account("issuer", 0, 0);
		let (from, to) = worst_parties::<T>(0);
		let series =
			T::Coupons::make_series(&issuer, &from, 10, genex_primitives::CouponKind::Digital);
		T::BenchmarkHelper::attest(&from, *b"US");
		review_everything::<T>();
		crowded_lists::<T>(&from);
		let id;
		#[block]
		{
			id = gate_hold::<T>(&from, &to, TransferredAsset::Coupon { series }, 10);
		}
		assert!(id.is_ok_and(|id| Holds::<T>::contains_key(id)));
	}

	/// A held stablecoin transfer released: the whole gate checked and recorded (every AML
	/// rule tripping, the Travel-Rule record written) and the frozen funds paid out.
	#[benchmark]
	fn approve_hold() -> Result<(), BenchmarkError> {
		let origin =
			T::ReviewOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (from, to) = worst_parties::<T>(0);
		review_everything::<T>();
		let id = hold::<T>(&from, &to, TransferredAsset::Settlement, HELD, HELD);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(!Holds::<T>::contains_key(id));
		assert_eq!(T::Settlement::balance(&to), HELD);
		Ok(())
	}

	/// The same for coupon units: the locked units delivered.
	#[benchmark]
	fn approve_hold_units() -> Result<(), BenchmarkError> {
		let origin =
			T::ReviewOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let issuer: T::AccountId = account("issuer", 0, 0);
		let (from, to) = worst_parties::<T>(0);
		let series =
			T::Coupons::make_series(&issuer, &from, 10, genex_primitives::CouponKind::Digital);
		T::BenchmarkHelper::attest(&from, *b"US");
		review_everything::<T>();
		let asset = TransferredAsset::Coupon { series };
		let id = hold::<T>(&from, &to, asset, 10, HELD);
		#[extrinsic_call]
		approve_hold(origin as T::RuntimeOrigin, id);
		assert!(!Holds::<T>::contains_key(id));
		assert_eq!(T::Coupons::balance(series, &to), 10);
		Ok(())
	}

	/// A hold returned by an officer, its sender's and deadline's lists one short of full.
	#[benchmark]
	fn reject_hold() -> Result<(), BenchmarkError> {
		let origin =
			T::ReviewOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (from, to) = worst_parties::<T>(0);
		review_everything::<T>();
		crowded_lists::<T>(&from);
		let id = hold::<T>(&from, &to, TransferredAsset::Settlement, HELD, HELD);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(!Holds::<T>::contains_key(id));
		Ok(())
	}

	/// A hold withdrawn by its sender, the lists one short of full.
	#[benchmark]
	fn cancel_hold() {
		let (from, to) = worst_parties::<T>(0);
		review_everything::<T>();
		crowded_lists::<T>(&from);
		let id = hold::<T>(&from, &to, TransferredAsset::Settlement, HELD, HELD);
		#[extrinsic_call]
		_(frame_system::RawOrigin::Signed(from), id);
		assert!(!Holds::<T>::contains_key(id));
	}

	/// The start of a block where the `n` oldest holds, of `n` senders, end, each released (the
	/// whole gate checked and recorded, every rule tripping).
	#[benchmark]
	fn expire_holds(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		review_everything::<T>();
		let mut ids = alloc::vec::Vec::new();
		for i in 0..n {
			let (from, to) = worst_parties::<T>(i);
			ids.push(hold::<T>(&from, &to, TransferredAsset::Settlement, HELD, HELD));
		}
		let at = deadline::<T>();
		frame_system::Pallet::<T>::set_block_number(at);
		#[block]
		{
			Aml::<T>::on_initialize(at);
		}
		assert!(ids.iter().all(|id| !Holds::<T>::contains_key(id)));
		assert_eq!(ExpiryCursor::<T>::get(), u64::from(n));
	}

	impl_benchmark_test_suite!(Aml, crate::mock::new_test_ext(), crate::mock::Test);
}
