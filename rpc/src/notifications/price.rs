//! When a watched series' reference price is worth a notification: the pure rule, apart from
//! the node's streams so that it can be tested on its own.
//!
//! Each subscription keeps, per series, the point it last **reported** (its baseline), not the
//! previous block's: a slow drift of 0.3 % a block is reported once it adds up to the threshold.
//! Moves are in basis points of the baseline, rounded down, integers only.

use genex_primitives::{Balance, PriceStatus};
use serde::{Deserialize, Serialize};

/// A series' reference price as a subscription sees it: the price when the oracle's status is
/// `Fresh`, and the status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
	/// The reference price (smallest unit of the stablecoin), when `status` is `Fresh`.
	pub price: Option<Balance>,
	/// The oracle's status of the series.
	pub status: PriceStatus,
}

/// Why a `genex_priceMove` notification was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, scale_info::TypeInfo)]
pub enum PriceChange {
	/// The state when the subscription started (one per watched series).
	Snapshot,
	/// The price moved by at least the threshold since the last notification.
	Moved,
	/// The oracle's status changed (e.g. `Fresh` → `Stale`): the price appeared or went away.
	StatusChanged,
}

/// Basis points in a whole.
pub const BPS: u128 = 10_000;

/// The move from `base` to `now` in basis points of `base`, rounded towards zero (negative when
/// the price fell); `None` when `base` is zero (no relative move exists). Saturates at
/// `i64::MAX` in either direction.
pub fn move_bps(base: Balance, now: Balance) -> Option<i64> {
	let magnitude = now.abs_diff(base).saturating_mul(BPS).checked_div(base)?;
	let magnitude = i64::try_from(magnitude).unwrap_or(i64::MAX);
	Some(if now < base { magnitude.saturating_neg() } else { magnitude })
}

/// What to send when a subscription with `threshold_bps` that last reported `baseline` sees
/// `now`: the change and the move in basis points (for `Moved`), or nothing.
pub fn change(
	baseline: Point,
	now: Point,
	threshold_bps: u32,
) -> Option<(PriceChange, Option<i64>)> {
	if baseline.status != now.status || baseline.price.is_some() != now.price.is_some() {
		return Some((PriceChange::StatusChanged, None));
	}
	let (Some(base), Some(price)) = (baseline.price, now.price) else { return None };
	if base == price {
		return None;
	}
	match move_bps(base, price) {
		Some(bps) if bps.unsigned_abs() >= u64::from(threshold_bps) => {
			Some((PriceChange::Moved, Some(bps)))
		},
		Some(_) => None,
		// From a zero baseline every change is a move of unknown size.
		None => Some((PriceChange::Moved, None)),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn fresh(price: Balance) -> Point {
		Point { price: Some(price), status: PriceStatus::Fresh }
	}

	#[test]
	fn moves_are_basis_points_of_the_baseline_rounded_towards_zero() {
		assert_eq!(move_bps(1_000, 1_050), Some(500));
		assert_eq!(move_bps(1_000, 950), Some(-500));
		assert_eq!(move_bps(3, 4), Some(3_333));
		assert_eq!(move_bps(3, 2), Some(-3_333));
		assert_eq!(move_bps(1_000, 1_000), Some(0));
		assert_eq!(move_bps(0, 5), None);
		assert_eq!(move_bps(1, Balance::MAX), Some(i64::MAX));
	}

	#[test]
	fn a_move_is_reported_from_the_threshold_on() {
		assert_eq!(change(fresh(10_000), fresh(10_099), 100), None);
		assert_eq!(
			change(fresh(10_000), fresh(10_100), 100),
			Some((PriceChange::Moved, Some(100)))
		);
		assert_eq!(
			change(fresh(10_000), fresh(9_900), 100),
			Some((PriceChange::Moved, Some(-100)))
		);
		assert_eq!(change(fresh(10_000), fresh(10_000), 1), None);
		assert_eq!(change(fresh(0), fresh(1), 10_000), Some((PriceChange::Moved, None)));
	}

	#[test]
	fn a_status_change_is_reported_whatever_the_threshold() {
		let stale = Point { price: None, status: PriceStatus::Stale };
		assert_eq!(change(fresh(10_000), stale, 10_000), Some((PriceChange::StatusChanged, None)));
		assert_eq!(change(stale, fresh(10_000), 10_000), Some((PriceChange::StatusChanged, None)));
		assert_eq!(change(stale, stale, 1), None);
	}

	#[test]
	fn a_slow_drift_adds_up_against_the_last_reported_point() {
		// 0.5 % a block against a 1 % threshold: reported every second block.
		let mut baseline = fresh(1_000_000);
		let mut reported = 0;
		let mut price: Balance = 1_000_000;
		for _ in 0..10 {
			price = price * 1_005 / 1_000;
			if let Some((PriceChange::Moved, _)) = change(baseline, fresh(price), 100) {
				baseline = fresh(price);
				reported += 1;
			}
		}
		assert_eq!(reported, 5);
	}
}
