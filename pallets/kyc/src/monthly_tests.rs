//! The monthly P2P limits (issue 16: daily and monthly limits per KYC level), the old usage
//! format read as the new one, and the v1 migration.

use crate::{
	migrations::v1::{LevelLimitsV0, MigrateToV1},
	mock::*,
	DayBucket, Error, HourBuckets, KycLevel, Limits, Usage, UsageBucket, UsageWindow, MONTH_DAYS,
	WINDOW_BUCKETS,
};
use codec::{Decode, Encode};
use genex_primitives::KycProvider;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::Weight,
		BoundedVec,
	},
	sp_core::H256,
};

type P = crate::Pallet<Test>;

/// Blocks in one day of the mock (24 buckets of [`BUCKET`] blocks).
const DAY: u64 = WINDOW_BUCKETS as u64 * BUCKET;

fn attest(who: u64) {
	assert_ok!(Kyc::attest(
		RuntimeOrigin::signed(ATTESTOR),
		who,
		1,
		*b"US",
		NOW + 1_000,
		H256::repeat_byte(1)
	));
}

fn send(who: u64, value: u128) -> polkadot_sdk::sp_runtime::DispatchResult {
	P::check_p2p(&who, value)?;
	P::record_p2p(&who, value);
	Ok(())
}

/// L1: 3 transfers a day but 7 a month. The eighth, on the third day, is refused by the
/// monthly count although the day has room; it leaves the window 30 days after it was counted.
#[test]
fn the_monthly_count_stops_what_the_daily_one_allows() {
	new_test_ext().execute_with(|| {
		attest(ALICE);
		for day in 0..2 {
			System::set_block_number(1 + day * DAY);
			for _ in 0..3 {
				assert_ok!(send(ALICE, 10));
			}
			assert_noop!(send(ALICE, 10), Error::<Test>::P2pLimitExceeded);
		}
		System::set_block_number(1 + 2 * DAY);
		assert_ok!(send(ALICE, 10));
		let status = P::status(&ALICE);
		assert_eq!(status.monthly_p2p_count_remaining, 0);
		assert_eq!(status.monthly_p2p_value_remaining, 1_200 - 70);
		assert_eq!(status.p2p_count_remaining, 2, "the day still has room");
		assert_noop!(send(ALICE, 10), Error::<Test>::MonthlyP2pLimitExceeded);
		// Day 29: the first day's three are still inside the 30 days …
		System::set_block_number(1 + 29 * DAY);
		assert_noop!(send(ALICE, 10), Error::<Test>::MonthlyP2pLimitExceeded);
		// … day 30: they have left it.
		System::set_block_number(30 * DAY);
		assert_eq!(P::status(&ALICE).monthly_p2p_count_remaining, 3);
		assert_ok!(send(ALICE, 10));
		assert_eq!(Usage::<Test>::get(ALICE).days.len(), 3, "days 1, 2 and 30");
		P::do_try_state().expect("state holds");
	});
}

/// L1: 500 a day but 1,200 a month; the daily error is reported while the day is the limit.
#[test]
fn the_monthly_value_is_checked_after_the_daily_one() {
	new_test_ext().execute_with(|| {
		attest(BOB);
		assert_ok!(send(BOB, 500));
		assert_noop!(send(BOB, 1), Error::<Test>::P2pLimitExceeded);
		System::set_block_number(1 + DAY);
		assert_ok!(send(BOB, 500));
		System::set_block_number(1 + 2 * DAY);
		// 200 is left of the month although the day has 500.
		assert_eq!(P::status(&BOB).monthly_p2p_value_remaining, 200);
		assert_noop!(send(BOB, 201), Error::<Test>::MonthlyP2pLimitExceeded);
		// Over both: the daily error.
		assert_noop!(send(BOB, 501), Error::<Test>::P2pLimitExceeded);
		assert_ok!(send(BOB, 200));
		// Trading is not P2P: it never counts against the month.
		assert_ok!(P::record_and_check_volume(&BOB, 100));
		assert_eq!(P::status(&BOB).monthly_p2p_value_remaining, 0);
		assert_eq!(Usage::<Test>::get(BOB).days.last().map(|d| d.p2p_value), Some(200));
	});
}

/// An account that only traded is swept a day after; one that sent P2P is kept for the month.
#[test]
fn the_sweep_keeps_a_window_while_its_month_counts() {
	use polkadot_sdk::frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		attest(ALICE);
		attest(BOB);
		assert_ok!(P::record_and_check_volume(&ALICE, 10));
		assert_ok!(send(BOB, 10));
		System::set_block_number(2 * DAY);
		Kyc::on_idle(1, Weight::MAX);
		assert!(!Usage::<Test>::contains_key(ALICE), "traded only: swept after a day");
		assert!(Usage::<Test>::contains_key(BOB), "sent P2P: the month still counts it");
		assert_eq!(P::status(&BOB).monthly_p2p_value_remaining, 1_190);
		System::set_block_number(30 * DAY);
		Kyc::on_idle(1, Weight::MAX);
		assert!(!Usage::<Test>::contains_key(BOB), "after 30 days: swept");
	});
}

/// A usage value written before spec 112 (hourly buckets only) decodes with its days rebuilt
/// from its hours, counts against the month, and is written back in the new format.
#[test]
fn an_old_usage_value_reads_as_the_new_one() {
	new_test_ext().execute_with(|| {
		attest(ALICE);
		// Hours 22 and 23 of day 0, hour 24 (day 1): 2 transfers, 300 together.
		let hours: HourBuckets = BoundedVec::truncate_from(vec![
			UsageBucket { bucket: 22, trade_value: 5, p2p_value: 100, p2p_count: 1 },
			UsageBucket { bucket: 23, trade_value: 5, p2p_value: 0, p2p_count: 0 },
			UsageBucket { bucket: 24, trade_value: 0, p2p_value: 200, p2p_count: 1 },
		]);
		let key = Usage::<Test>::hashed_key_for(ALICE);
		polkadot_sdk::sp_io::storage::set(&key, &hours.encode());
		System::set_block_number(25 * BUCKET);

		let window = Usage::<Test>::get(ALICE);
		assert_eq!(window.hours, hours);
		assert_eq!(
			window.days.into_inner(),
			vec![
				DayBucket { day: 0, p2p_value: 100, p2p_count: 1 },
				DayBucket { day: 1, p2p_value: 200, p2p_count: 1 },
			]
		);
		assert_eq!(P::status(&ALICE).monthly_p2p_count_remaining, 7 - 2);
		assert_eq!(P::status(&ALICE).trade_value_remaining, 1_000 - 10);

		assert_ok!(send(ALICE, 50));
		let raw = polkadot_sdk::sp_io::storage::get(&key).expect("written");
		let written = UsageWindow::decode(&mut &raw[..]).expect("decodes");
		assert_eq!(written.encode(), raw.to_vec(), "written in the new format");
		assert_eq!(written.days.last(), Some(&DayBucket { day: 1, p2p_value: 250, p2p_count: 2 }));
	});
}

/// The new format round-trips, an empty day list included (it must not read as the old one).
#[test]
fn the_new_usage_format_round_trips() {
	let mut window = UsageWindow::default();
	assert_eq!(UsageWindow::decode(&mut &window.encode()[..]), Ok(window.clone()));
	window.hours = BoundedVec::truncate_from(vec![UsageBucket {
		bucket: 30,
		trade_value: 1,
		p2p_value: 0,
		p2p_count: 0,
	}]);
	assert_eq!(UsageWindow::decode(&mut &window.encode()[..]), Ok(window.clone()));
	window.days = BoundedVec::truncate_from(vec![DayBucket { day: 1, p2p_value: 9, p2p_count: 1 }]);
	assert_eq!(UsageWindow::decode(&mut &window.encode()[..]), Ok(window));
	// Truncated input is an error, not a silent default.
	assert!(UsageWindow::decode(&mut &[4u8, 1][..]).is_err());
}

/// v0 → v1: each level's limits gain monthly ones of 30 × the daily ones; run once.
#[test]
fn the_v1_migration_gives_each_level_thirty_days_of_its_daily_limits() {
	new_test_ext().execute_with(|| {
		let old = LevelLimitsV0 {
			daily_trade_value: 1_000,
			daily_p2p_value: 500,
			daily_p2p_count: 3,
			max_holdings: 20,
		};
		let huge = LevelLimitsV0 { daily_p2p_value: u128::MAX, daily_p2p_count: u32::MAX, ..old };
		for (level, limits) in [(KycLevel::L1, old), (KycLevel::L3, huge)] {
			polkadot_sdk::sp_io::storage::set(
				&Limits::<Test>::hashed_key_for(level),
				&limits.encode(),
			);
		}
		StorageVersion::new(0).put::<Kyc>();

		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Kyc::on_chain_storage_version(), StorageVersion::new(1));
		let l1 = Limits::<Test>::get(KycLevel::L1);
		assert_eq!((l1.daily_trade_value, l1.daily_p2p_value, l1.daily_p2p_count), (1_000, 500, 3));
		assert_eq!((l1.monthly_p2p_value, l1.monthly_p2p_count), (500 * 30, 3 * 30));
		assert_eq!(l1.max_holdings, 20);
		let l3 = Limits::<Test>::get(KycLevel::L3);
		assert_eq!((l3.monthly_p2p_value, l3.monthly_p2p_count), (u128::MAX, u32::MAX));
		assert_eq!(MONTH_DAYS, 30);

		// A second run is a no-op.
		let before = Limits::<Test>::get(KycLevel::L1);
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Limits::<Test>::get(KycLevel::L1), before);
	});
}

mod monthly_property {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		/// Over any sequence of transfers at increasing blocks (up to about two months), what is
		/// accepted within any 24 consecutive hours and any 30 consecutive days stays within the
		/// L1 limits, and a transfer is refused only when accepting it would break one.
		#[test]
		fn accepted_transfers_stay_within_both_windows(
			steps in proptest::collection::vec((0u64..300, 0u128..600), 1..80),
		) {
			new_test_ext().execute_with(|| {
				attest(ALICE);
				let mut block = 1u64;
				let mut accepted: Vec<(u64, u128)> = Vec::new();
				for (advance, value) in steps {
					block += advance;
					System::set_block_number(block);
					let hour = block / BUCKET;
					let day = hour / WINDOW_BUCKETS as u64;
					let in_day: Vec<_> = accepted.iter().filter(|(h, _)| h + 24 > hour).collect();
					let in_month: Vec<_> = accepted
						.iter()
						.filter(|(h, _)| h / WINDOW_BUCKETS as u64 + 30 > day)
						.collect();
					let day_value: u128 = in_day.iter().map(|(_, v)| v).sum();
					let month_value: u128 = in_month.iter().map(|(_, v)| v).sum();
					let allowed = day_value + value <= 500
						&& in_day.len() < 3
						&& month_value + value <= 1_200
						&& in_month.len() < 7;
					prop_assert_eq!(send(ALICE, value).is_ok(), allowed);
					if allowed {
						accepted.push((hour, value));
					}
					let window = Usage::<Test>::get(ALICE);
					prop_assert!(window.hours.len() <= WINDOW_BUCKETS as usize);
					prop_assert!(window.days.len() <= MONTH_DAYS as usize);
				}
				Ok(())
			})?;
		}
	}
}
