//! Market makers' obligations, checked automatically (SRS 3.3.6: 做市商义务考核).
//!
//! Every block `on_initialize` samples [`Config::ObligationSeriesPerBlock`] series that have
//! market makers, drawn uniformly (without repetition) from [`QuotedSeries`] by the parent
//! block's hash: each maker's sheet in force is checked against [`MakerObligations`] (the same
//! report as `checkObligations`) and counted in its [`ObligationTally`] for the current epoch
//! ([`Config::ObligationEpoch`] blocks). The first sample of a series in a later epoch closes
//! each maker's previous epoch with `ObligationsReviewed { samples, met, compliant }`; a maker
//! no longer listed on the series is closed at once.
//!
//! **Unpredictable samples.** A maker cannot time a good sheet for the samples: a sheet staged
//! in block N is in force from N + 1's auction, while N + 1's draw depends on N's hash, known
//! only once N is sealed. With at most `ObligationSeriesPerBlock` series with makers, each is
//! sampled every block; with `S` of them, each is sampled with the same chance,
//! `ObligationSeriesPerBlock / S`, in every block. (A block author could grind its block's
//! hash against the next draw; validators are the platform and partner banks.)
//!
//! Work per block is bounded (series per block × `MaxMakersPerSeries` sheets) and charged in
//! `on_initialize`. A series whose last maker left has its empty maker list, its tallies and
//! its index removed when sampled.

use crate::{
	weights::WeightInfo, Config, Event, ObligationTallies, ObligationTally, Pallet, QuotedCount,
	QuotedIndex, QuotedSeries, SeriesMakers,
};
use alloc::vec::Vec;
use codec::Encode;
use genex_primitives::SeriesId;
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Get, BoundedVec},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{traits::SaturatedConversion, Permill},
};

impl<T: Config> Pallet<T> {
	/// The obligations epoch `now` falls in.
	pub fn obligation_epoch(now: BlockNumberFor<T>) -> u32 {
		let len = T::ObligationEpoch::get();
		// `integrity_test` proves `ObligationEpoch > 0`; a zero would give epoch 0 for ever.
		now.checked_div(&len).map_or(0, |e| e.saturated_into::<u32>())
	}

	/// `on_initialize`: sample the makers of up to `ObligationSeriesPerBlock` series drawn by
	/// the parent hash; returns the weight used.
	pub(crate) fn do_sample_obligations(now: BlockNumberFor<T>) -> Weight {
		// The parent hash and the count.
		let mut weight = T::DbWeight::get().reads(2);
		let count = QuotedCount::<T>::get();
		let limit = T::ObligationSeriesPerBlock::get().min(count);
		if limit == 0 {
			return weight;
		}
		let indices: Vec<u32> = if count <= limit {
			(0..count).collect()
		} else {
			let parent = polkadot_sdk::frame_system::Pallet::<T>::parent_hash();
			let mut picked = Vec::with_capacity(limit as usize);
			// Draws with repetition until `limit` distinct ones; `count > limit` here, so
			// each draw is new with a chance above 1 − limit / (limit + 1). Bounded anyway.
			for draw in 0..limit.saturating_mul(8) {
				let h = polkadot_sdk::sp_io::hashing::blake2_256(&(parent, draw).encode());
				let x = u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]]);
				// `count` ≤ u32::MAX, so the modulo's bias is below 2^-32.
				let index = x.checked_rem(u64::from(count)).map_or(0, |i| i as u32);
				if !picked.contains(&index) {
					picked.push(index);
				}
				if picked.len() as u32 == limit {
					break;
				}
			}
			picked
		};
		// Resolved first: sampling a series with no maker left moves another into its index.
		let series: Vec<SeriesId> =
			indices.into_iter().filter_map(QuotedSeries::<T>::get).collect();
		let epoch = Self::obligation_epoch(now);
		for series in series {
			let makers = SeriesMakers::<T>::get(series);
			let (handled, removed) = Self::sample_series(series, &makers, epoch);
			weight.saturating_accrue(T::WeightInfo::sample_obligations(handled));
			if removed {
				// The series' maker list and index go ([`Self::unindex_quoted`]).
				weight.saturating_accrue(T::DbWeight::get().reads_writes(3, 6));
			}
		}
		weight
	}

	/// Give `series` an index in [`QuotedSeries`] unless it has one (its first maker).
	pub(crate) fn index_quoted(series: SeriesId) {
		if QuotedIndex::<T>::contains_key(series) {
			return;
		}
		let index = QuotedCount::<T>::get();
		QuotedSeries::<T>::insert(index, series);
		QuotedIndex::<T>::insert(series, index);
		QuotedCount::<T>::put(index.saturating_add(1));
	}

	/// Take `series`' index away, moving the last indexed series into it.
	fn unindex_quoted(series: SeriesId) {
		let Some(index) = QuotedIndex::<T>::take(series) else { return };
		let last = QuotedCount::<T>::get().saturating_sub(1);
		if index != last {
			if let Some(moved) = QuotedSeries::<T>::get(last) {
				QuotedSeries::<T>::insert(index, moved);
				QuotedIndex::<T>::insert(moved, index);
			}
		}
		QuotedSeries::<T>::remove(last);
		QuotedCount::<T>::put(last);
	}

	/// Sample each of `series`' `makers` in `epoch`, closing earlier epochs and makers no
	/// longer listed. Returns the most tallies it handled (makers sampled or tallies closed,
	/// whichever is more: at most `MaxMakersPerSeries`), what its weight is charged for, and
	/// whether the series had no maker left and went.
	pub(crate) fn sample_series(
		series: SeriesId,
		makers: &[T::AccountId],
		epoch: u32,
	) -> (u32, bool) {
		let previous = ObligationTallies::<T>::get(series);
		let handled = previous.len().max(makers.len()) as u32;
		let mut tallies: BoundedVec<(T::AccountId, ObligationTally), T::MaxMakersPerSeries> =
			BoundedVec::new();
		for (who, tally) in previous {
			if tally.epoch < epoch || !makers.contains(&who) {
				Self::close_tally(series, who, tally);
			} else if tallies.try_push((who, tally)).is_err() {
				// At most `MaxMakersPerSeries` were stored: there is room.
				log::error!(target: crate::LOG_TARGET, "obligation tallies over their bound");
			}
		}
		for who in makers {
			let met = Self::obligation_report(who, series).met;
			match tallies.iter_mut().find(|(w, _)| w == who) {
				Some((_, tally)) => {
					tally.samples = tally.samples.saturating_add(1);
					tally.met = tally.met.saturating_add(u32::from(met));
				},
				None => {
					let tally = ObligationTally { epoch, samples: 1, met: u32::from(met) };
					// `makers` is a series' maker list, bounded by `MaxMakersPerSeries`, and
					// every tally kept names one of them: there is room.
					if tallies.try_push((who.clone(), tally)).is_err() {
						log::error!(target: crate::LOG_TARGET, "obligation tallies over their bound");
					}
				},
			}
		}
		let removed = tallies.is_empty();
		if removed {
			ObligationTallies::<T>::remove(series);
			// No maker left: the empty list and the index go too.
			SeriesMakers::<T>::remove(series);
			Self::unindex_quoted(series);
		} else {
			ObligationTallies::<T>::insert(series, tallies);
		}
		(handled, removed)
	}

	/// Report `who`'s closed epoch on `series`.
	fn close_tally(series: SeriesId, who: T::AccountId, tally: ObligationTally) {
		let share = Permill::from_rational(tally.met, tally.samples.max(1));
		Self::deposit_event(Event::ObligationsReviewed {
			who,
			series,
			epoch: tally.epoch,
			samples: tally.samples,
			met: tally.met,
			compliant: tally.samples > 0 && share >= T::MinObligationUptime::get(),
		});
	}
}
