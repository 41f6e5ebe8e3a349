//! Expiry in bounded `on_idle` work.
//!
//! Series are indexed by the hour of their `valid_until` ([`ExpiringAt`]). [`ExpiryCursor`] is
//! the first hour not yet swept (a new series with an earlier hour moves it back, so it never
//! passes a pending series and never starts before the earliest one); an hour is swept once it
//! has fully passed. Sweeping a series
//! marks it expired, then removes its holdings a bounded number per block: each removed holding
//! counts its units as expired, and as breakage when held outside the issuer's hands (the
//! issuer's credit sees breakage as expired and its own unsold units as recalled). The last
//! step emits `SeriesExpired`. Each block does as much as the idle weight allows, priced from
//! the benchmarks: `expire_idle_hour` per hour looked at, `expire_holdings(n)` per step.

use crate::{
	AccountUnits, Config, Event, ExpiringAt, ExpiryCursor, Holdings, IssuerStats, Pallet, SeriesOf,
	WeightInfo, EXPIRY_BUCKET_MS,
};
use alloc::vec::Vec;
use genex_primitives::{Balance, CreditLimit, Retirement, SeriesId, SeriesStatus};
use polkadot_sdk::frame_support::{pallet_prelude::*, weights::Weight};

impl<T: Config> Pallet<T> {
	/// Sweep expired series within `remaining` weight; returns the weight used.
	pub(crate) fn do_expire(remaining: Weight) -> Weight {
		Self::do_expire_at(Self::now(), remaining)
	}

	/// [`Pallet::do_expire`] at wall-clock time `now` (ms).
	pub(crate) fn do_expire_at(now: u64, remaining: Weight) -> Weight {
		let mut used = T::DbWeight::get().reads(1);
		let Some(mut cursor) = ExpiryCursor::<T>::get() else { return used };
		let current_hour = now / EXPIRY_BUCKET_MS;
		let hour_cost = T::WeightInfo::expire_idle_hour();
		let step_base = T::WeightInfo::expire_holdings(0);
		let per_holding = T::WeightInfo::expire_holdings(1).saturating_sub(step_base);
		let start = cursor;
		while cursor < current_hour {
			let needed = used
				.saturating_add(hour_cost)
				.saturating_add(step_base)
				.saturating_add(per_holding);
			if !remaining.all_gte(needed) {
				break;
			}
			used.saturating_accrue(hour_cost);
			let mut expiring = ExpiringAt::<T>::get(cursor);
			let Some(id) = expiring.first().copied() else {
				cursor = cursor.saturating_add(1);
				continue;
			};
			let room = remaining.saturating_sub(used).saturating_sub(step_base);
			let fit = Self::fits(room, per_holding);
			if fit == 0 {
				break;
			}
			let (swept, done) = Self::sweep_series(id, fit);
			used.saturating_accrue(T::WeightInfo::expire_holdings(swept));
			if !done {
				break;
			}
			expiring.remove(0);
			if expiring.is_empty() {
				ExpiringAt::<T>::remove(cursor);
			} else {
				ExpiringAt::<T>::insert(cursor, expiring);
			}
		}
		if cursor != start {
			ExpiryCursor::<T>::put(cursor);
		}
		used
	}

	/// How many steps of `per` fit in `room` (both dimensions).
	fn fits(room: Weight, per: Weight) -> u32 {
		let by = |have: u64, each: u64| have.checked_div(each).unwrap_or(u64::MAX);
		let n = by(room.ref_time(), per.ref_time()).min(by(room.proof_size(), per.proof_size()));
		u32::try_from(n).unwrap_or(u32::MAX)
	}

	/// Remove up to `max` holdings of expired series `id`. Returns (holdings removed, whether
	/// the series is fully swept).
	pub(crate) fn sweep_series(id: SeriesId, max: u32) -> (u32, bool) {
		let Some(mut series) = SeriesOf::<T>::get(id) else { return (0, true) };
		series.status = SeriesStatus::Expired;
		// `take(max + 1)` tells whether more are left without a second pass.
		let batch: Vec<(T::AccountId, u64)> =
			Holdings::<T>::iter_prefix(id).take((max as usize).saturating_add(1)).collect();
		let done = batch.len() <= max as usize;
		let mut units: u64 = 0;
		let mut unsold: u64 = 0;
		let mut breakage: Balance = 0;
		let mut swept: u32 = 0;
		for (who, held) in batch.into_iter().take(max as usize) {
			Holdings::<T>::remove(id, &who);
			crate::Locked::<T>::remove(id, &who);
			AccountUnits::<T>::mutate(&who, |u| *u = u.saturating_sub(held));
			units = units.saturating_add(held);
			if who == series.issuer {
				unsold = unsold.saturating_add(held);
			} else {
				breakage = breakage.saturating_add(series.face_value.saturating_mul(held.into()));
			}
			swept = swept.saturating_add(1);
		}
		let face = series.face_value.saturating_mul(units.into());
		Self::retire(&mut series.stats, units, face, Retirement::Expired);
		series.stats.breakage = series.stats.breakage.saturating_add(breakage);
		let issuer = series.issuer.clone();
		IssuerStats::<T>::mutate(&issuer, |s| {
			Self::retire(s, units, face, Retirement::Expired);
			s.breakage = s.breakage.saturating_add(breakage);
		});
		// Toward credit, only sold units count as breakage; the issuer's own unsold units
		// leave circulation like a recall.
		if breakage > 0 {
			T::Credit::note_retired(&issuer, breakage, Retirement::Expired);
		}
		let unsold_face = face.saturating_sub(breakage);
		if unsold_face > 0 {
			T::Credit::note_retired(&issuer, unsold_face, Retirement::Recalled);
		}
		if done {
			Self::deposit_event(Event::SeriesExpired {
				series: id,
				expired: series.stats.expired,
				breakage: series.stats.breakage,
			});
		}
		SeriesOf::<T>::insert(id, series);
		(swept, done)
	}
}
