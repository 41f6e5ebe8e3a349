//! Per-level limits, the rolling usage window, and the [`KycProvider`] implementation.

use crate::*;
use genex_primitives::{KycProvider, KycStatus};
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::DispatchResult, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::{CheckedDiv as _, Get, SaturatedConversion},
};

/// Sums over the buckets inside the window.
#[derive(Default)]
struct Totals {
	trade_value: Balance,
	p2p_value: Balance,
	p2p_count: u32,
}

impl<T: Config> Pallet<T> {
	/// Governance sets `level`'s limits.
	pub(crate) fn do_set_limits(level: u8, limits: LevelLimits) -> DispatchResult {
		let level = KycLevel::try_from(level).map_err(|_| Error::<T>::InvalidLevel)?;
		Limits::<T>::insert(level, limits);
		Self::deposit_event(Event::LimitsSet { level, limits });
		Ok(())
	}

	/// Index of the current bucket.
	fn current_bucket() -> u32 {
		let now: BlockNumberFor<T> = polkadot_sdk::frame_system::Pallet::<T>::block_number();
		let len = T::BucketLength::get();
		// `integrity_test` proves `BucketLength > 0`; a zero would give bucket 0 for ever.
		now.checked_div(&len).map_or(0, |b| b.saturated_into::<u32>())
	}

	/// Index of the current day of the monthly window.
	fn current_day() -> u32 {
		Self::current_bucket() / WINDOW_BUCKETS
	}

	/// The oldest hourly bucket and the oldest day still inside their windows.
	fn oldest() -> (u32, u32) {
		(
			Self::current_bucket().saturating_sub(WINDOW_BUCKETS.saturating_sub(1)),
			Self::current_day().saturating_sub(MONTH_DAYS.saturating_sub(1)),
		)
	}

	/// `who`'s buckets still inside their windows (the current hour and the 23 before it; the
	/// current day and the 29 before it).
	fn live_window(who: &T::AccountId) -> UsageWindow {
		let (oldest_hour, oldest_day) = Self::oldest();
		let mut window = Usage::<T>::get(who);
		window.hours.retain(|b| b.bucket >= oldest_hour);
		window.days.retain(|d| d.day >= oldest_day);
		window
	}

	fn totals(window: &UsageWindow) -> Totals {
		window.hours.iter().fold(Totals::default(), |t, b| Totals {
			trade_value: t.trade_value.saturating_add(b.trade_value),
			p2p_value: t.p2p_value.saturating_add(b.p2p_value),
			p2p_count: t.p2p_count.saturating_add(b.p2p_count),
		})
	}

	/// P2P value and count over the monthly window.
	fn month_totals(window: &UsageWindow) -> (Balance, u32) {
		window.days.iter().fold((0, 0), |(value, count), d| {
			(value.saturating_add(d.p2p_value), count.saturating_add(d.p2p_count))
		})
	}

	/// Add to `who`'s current hourly bucket (and, with `day`, to its current day), dropping
	/// buckets that left their windows.
	fn count(
		who: &T::AccountId,
		add: impl FnOnce(&mut UsageBucket),
		day: Option<impl FnOnce(&mut DayBucket)>,
	) {
		let now = Self::current_bucket();
		let mut window = Self::live_window(who);
		match window.hours.last_mut() {
			Some(last) if last.bucket == now => add(last),
			_ => {
				let mut bucket = UsageBucket { bucket: now, ..Default::default() };
				add(&mut bucket);
				// The live window holds only buckets of the last 24 (the current one excluded
				// here), so at most 23: there is room.
				if window.hours.try_push(bucket).is_err() {
					log::error!(target: LOG_TARGET, "usage window full; counting skipped");
				}
			},
		}
		if let Some(add_day) = day {
			let today = Self::current_day();
			match window.days.last_mut() {
				Some(last) if last.day == today => add_day(last),
				_ => {
					let mut bucket = DayBucket { day: today, ..Default::default() };
					add_day(&mut bucket);
					// As above: at most 29 earlier days are live, so there is room.
					if window.days.try_push(bucket).is_err() {
						log::error!(target: LOG_TARGET, "monthly window full; counting skipped");
					}
				},
			}
		}
		Usage::<T>::insert(who, window);
	}

	/// `on_idle`: sweep as many usage windows as `remaining` pays for (at most
	/// [`MAX_SWEEP_PER_BLOCK`]); returns the weight used.
	pub(crate) fn do_sweep_usage(remaining: Weight) -> Weight {
		genex_primitives::sweep::within(
			remaining,
			T::WeightInfo::sweep_usage,
			MAX_SWEEP_PER_BLOCK,
			Self::sweep_usage,
		)
	}

	/// Read up to `limit` usage windows from the cursor and remove those with no bucket left
	/// inside either window (nothing the limits would count). Returns how many were read.
	pub(crate) fn sweep_usage(limit: u32) -> u32 {
		let (oldest_hour, oldest_day) = Self::oldest();
		let entries = match UsageSweepCursor::<T>::get() {
			Some(cursor) => Usage::<T>::iter_from(cursor.into_inner()),
			None => Usage::<T>::iter(),
		};
		let outcome = genex_primitives::sweep(
			entries,
			limit,
			|_, window| {
				window.hours.iter().all(|b| b.bucket < oldest_hour)
					&& window.days.iter().all(|d| d.day < oldest_day)
			},
			|who| Usage::<T>::remove(who),
			|who| Usage::<T>::hashed_key_for(who),
		);
		if !outcome.save_cursor::<UsageSweepCursor<T>>() {
			return 0;
		}
		if outcome.removed > 0 {
			Self::deposit_event(Event::UsageSwept {
				visited: outcome.visited,
				removed: outcome.removed,
			});
		}
		outcome.visited
	}

	/// Level, expiry and what `who` may still do in the window (the runtime API's answer).
	pub fn status(who: &T::AccountId) -> KycStatus<Balance> {
		let attestation = Self::attestation_in_force(who);
		let level = attestation.as_ref().map(|a| a.level).unwrap_or_default();
		let limits = Limits::<T>::get(level);
		let window = Self::live_window(who);
		let used = Self::totals(&window);
		let (month_value, month_count) = Self::month_totals(&window);
		KycStatus {
			level,
			jurisdiction: attestation.as_ref().map(|a| a.jurisdiction),
			expires_at: attestation.as_ref().map(|a| a.expires_at),
			trade_value_remaining: limits.daily_trade_value.saturating_sub(used.trade_value),
			p2p_value_remaining: limits.daily_p2p_value.saturating_sub(used.p2p_value),
			p2p_count_remaining: limits.daily_p2p_count.saturating_sub(used.p2p_count),
			max_holdings: limits.max_holdings,
			monthly_p2p_value_remaining: limits.monthly_p2p_value.saturating_sub(month_value),
			monthly_p2p_count_remaining: limits.monthly_p2p_count.saturating_sub(month_count),
		}
	}
}

impl<T: Config> KycProvider<T::AccountId, Balance> for Pallet<T> {
	fn level(who: &T::AccountId) -> KycLevel {
		Self::level_of(who)
	}

	fn ensure_level(who: &T::AccountId, required: KycLevel) -> DispatchResult {
		ensure!(Self::level_of(who) >= required, Error::<T>::LevelTooLow);
		Ok(())
	}

	fn check_volume(who: &T::AccountId, value: Balance) -> DispatchResult {
		let limit = Limits::<T>::get(Self::level_of(who)).daily_trade_value;
		let used = Self::totals(&Self::live_window(who)).trade_value;
		ensure!(used.saturating_add(value) <= limit, Error::<T>::TradeLimitExceeded);
		Ok(())
	}

	fn record_volume(who: &T::AccountId, value: Balance) {
		Self::count(
			who,
			|b| b.trade_value = b.trade_value.saturating_add(value),
			None::<fn(&mut DayBucket)>,
		);
	}

	fn trade_room(who: &T::AccountId) -> Balance {
		let limit = Limits::<T>::get(Self::level_of(who)).daily_trade_value;
		limit.saturating_sub(Self::totals(&Self::live_window(who)).trade_value)
	}

	fn check_p2p(who: &T::AccountId, value: Balance) -> DispatchResult {
		let limits = Limits::<T>::get(Self::level_of(who));
		let window = Self::live_window(who);
		let used = Self::totals(&window);
		let within = used.p2p_value.saturating_add(value) <= limits.daily_p2p_value
			&& used.p2p_count < limits.daily_p2p_count;
		ensure!(within, Error::<T>::P2pLimitExceeded);
		let (month_value, month_count) = Self::month_totals(&window);
		let within = month_value.saturating_add(value) <= limits.monthly_p2p_value
			&& month_count < limits.monthly_p2p_count;
		ensure!(within, Error::<T>::MonthlyP2pLimitExceeded);
		Ok(())
	}

	fn record_p2p(who: &T::AccountId, value: Balance) {
		Self::count(
			who,
			|b| {
				b.p2p_value = b.p2p_value.saturating_add(value);
				b.p2p_count = b.p2p_count.saturating_add(1);
			},
			Some(|d: &mut DayBucket| {
				d.p2p_value = d.p2p_value.saturating_add(value);
				d.p2p_count = d.p2p_count.saturating_add(1);
			}),
		);
	}

	fn p2p_used(who: &T::AccountId) -> Balance {
		Self::totals(&Self::live_window(who)).p2p_value
	}

	fn max_holdings(who: &T::AccountId) -> u64 {
		Limits::<T>::get(Self::level_of(who)).max_holdings
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_level(who: &T::AccountId, level: KycLevel) {
		let attestor = who.clone();
		Attestors::<T>::insert(&attestor, ());
		Attestations::<T>::insert(
			who,
			Attestation {
				level,
				jurisdiction: *b"US",
				expires_at: Self::now().saturating_add(365 * 24 * 3_600_000),
				evidence: Default::default(),
				attestor,
			},
		);
		// Generous limits so benchmarks measure the work, not a refusal.
		Limits::<T>::insert(
			level,
			LevelLimits {
				daily_trade_value: Balance::MAX,
				daily_p2p_value: Balance::MAX,
				daily_p2p_count: u32::MAX,
				monthly_p2p_value: Balance::MAX,
				monthly_p2p_count: u32::MAX,
				max_holdings: u64::MAX,
			},
		);
	}
}
