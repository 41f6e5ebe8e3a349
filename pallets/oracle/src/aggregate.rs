//! Aggregation: a series' reference price is the median of the fresh submissions of current
//! feeders that agree with their median, when enough agree. Computed when read, so staleness and
//! feeder removals count at once; the work is bounded by `MaxFeeders`.

use crate::{Config, Feeders, OracleParams, Pallet, Params, Submission, Submissions};
use alloc::vec::Vec;
use genex_primitives::{Balance, PriceOracle, PriceStatus, SeriesId};

/// The result of aggregating one series' submissions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Aggregate {
	/// The reference price, when `status` is `Fresh`.
	pub price: Option<Balance>,
	/// Where it stands.
	pub status: PriceStatus,
	/// Fresh submissions of current feeders.
	pub fresh: u32,
	/// Of those, the ones within `agreement` of their median.
	pub agreeing: u32,
	/// Block of the newest submission of a current feeder.
	pub newest: Option<u32>,
}

/// The median of sorted `values`: the middle one, or the floor of the mean of the two middle ones.
pub fn median(sorted: &[Balance]) -> Option<Balance> {
	let n = sorted.len();
	let upper = *sorted.get(n / 2)?;
	if n % 2 == 1 {
		return Some(upper);
	}
	let lower = *sorted.get((n / 2).checked_sub(1)?)?;
	// Floor of (lower + upper) / 2 without overflow: each half, plus one when both are odd.
	let both_odd = u128::from(lower % 2 == 1 && upper % 2 == 1);
	Some((lower / 2).saturating_add(upper / 2).saturating_add(both_odd))
}

/// Whether a submission included at `at` is fresh at `block`.
pub fn is_fresh(at: u32, block: u32, params: &OracleParams) -> bool {
	block.saturating_sub(at) <= params.max_age
}

/// Aggregate `submissions` at `block`: only current `feeders` (sorted) count.
pub fn aggregate<A: Ord>(
	submissions: &[Submission<A>],
	feeders: &[A],
	block: u32,
	params: &OracleParams,
) -> Aggregate {
	let current = submissions.iter().filter(|s| feeders.binary_search(&s.feeder).is_ok());
	let newest = current.clone().map(|s| s.at).max();
	let mut fresh: Vec<Balance> =
		current.filter(|s| is_fresh(s.at, block, params)).map(|s| s.price).collect();
	fresh.sort_unstable();
	let fresh_count = u32::try_from(fresh.len()).unwrap_or(u32::MAX);
	let Some(centre) = median(&fresh) else {
		let status = if newest.is_some() { PriceStatus::Stale } else { PriceStatus::NoSubmissions };
		return Aggregate { price: None, status, fresh: 0, agreeing: 0, newest };
	};
	let tolerance = params.agreement.mul_floor(centre);
	let agreeing: Vec<Balance> =
		fresh.into_iter().filter(|p| p.abs_diff(centre) <= tolerance).collect();
	let agreeing_count = u32::try_from(agreeing.len()).unwrap_or(u32::MAX);
	let price = if agreeing_count >= params.min_feeders { median(&agreeing) } else { None };
	let status = if price.is_some() { PriceStatus::Fresh } else { PriceStatus::NoQuorum };
	Aggregate { price, status, fresh: fresh_count, agreeing: agreeing_count, newest }
}

impl<T: Config> Pallet<T> {
	/// `series`' aggregate now.
	pub fn current_aggregate(series: SeriesId) -> Aggregate {
		aggregate(
			&Submissions::<T>::get(series),
			&Feeders::<T>::get(),
			Self::block(),
			&Params::<T>::get(),
		)
	}
}

/// The market centres its price bands on the fresh reference price.
impl<T: Config> PriceOracle for Pallet<T> {
	fn reference_price(series: SeriesId) -> Option<Balance> {
		Self::current_aggregate(series).price
	}
}
