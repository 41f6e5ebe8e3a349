//! Coupon notifications: an account's coupon movements (`genex_couponEvent`) and its coupons
//! that expire within a window (`genex_couponExpiring`). The JSON the wallet receives, and the
//! pure rule of what an expiry watch reports at a block, apart from the node's streams so that
//! it can be tested on its own.
//!
//! An expiry watch of `within` ms keeps the end of the window it has scanned (`until`): at
//! each finalized block the window `[now, now + within)` moves on, the part that entered it
//! is scanned (the hour buckets of the coupon pallet's expiry index: a read or two per block)
//! and each holding found is `Entered`; a movement of a series already in the window reports
//! the holding after the block (`Changed`, zero when the last unit left).

use genex_primitives::{
	notifications::{CouponMovement, CouponNotice, ExpiringHolding},
	AccountId, BlockNumber, Moment, SeriesId,
};
use polkadot_sdk::sp_core::H256;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Milliseconds in a day: `withinDays` is in days.
pub const DAY_MS: Moment = 86_400_000;

/// A `genex_couponEvent` notification: one movement of a watched account's coupons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct CouponEventJson {
	/// The finalized block it happened in.
	pub block: H256,
	/// Its number.
	pub block_number: BlockNumber,
	/// The index of the event in the block's events (for a redemption or a refund, the burn).
	pub event_index: u32,
	/// The watched account (SS58).
	pub account: AccountId,
	/// The series.
	pub series: SeriesId,
	/// `Minted`, `Received`, `Sent`, `Bought`, `Sold`, `Redeemed`, `Refunded`, `Recalled`,
	/// `Compensated` or `Expired`.
	pub movement: CouponMovement,
	/// Units moved.
	pub units: u64,
	/// The other side: a transfer's sender or recipient, a listing's seller or buyer, a
	/// redemption's merchant (null otherwise).
	pub counterparty: Option<AccountId>,
	/// For an auction fill: the clearing price of a unit (smallest unit, decimal string).
	pub price: Option<String>,
	/// For a refund: the stablecoin paid (smallest unit, decimal string).
	pub amount: Option<String>,
	/// Units of the series the account holds after the block (locked ones included).
	pub held: u64,
	/// When the series' validity ends (ms since the Unix epoch).
	pub valid_until: Moment,
}

impl CouponEventJson {
	/// The notification of `notice`, from block `number` (`block`).
	pub fn new(block: H256, block_number: BlockNumber, notice: CouponNotice<AccountId>) -> Self {
		Self {
			block,
			block_number,
			event_index: notice.event_index,
			account: notice.account,
			series: notice.series,
			movement: notice.movement,
			units: notice.units,
			counterparty: notice.counterparty,
			price: notice.price.map(|p| p.to_string()),
			amount: notice.amount.map(|a| a.to_string()),
			held: notice.held,
			valid_until: notice.valid_until,
		}
	}
}

/// Why a `genex_couponExpiring` notification was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, scale_info::TypeInfo)]
pub enum ExpiryChange {
	/// A holding inside the window when the subscription started.
	Snapshot,
	/// The window reached the series' end of validity.
	Entered,
	/// The holding of a series inside the window changed (`held` is the new holding).
	Changed,
}

/// A `genex_couponExpiring` notification: a holding whose validity ends within the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringCouponJson {
	/// The finalized block it was read at.
	pub block: H256,
	/// Its number.
	pub block_number: BlockNumber,
	/// The block's time (ms since the Unix epoch).
	pub now: Moment,
	/// The watched account (SS58).
	pub account: AccountId,
	/// The series.
	pub series: SeriesId,
	/// `Snapshot`, `Entered` or `Changed`.
	pub change: ExpiryChange,
	/// Units held (locked ones included); zero when the last unit left.
	pub held: u64,
	/// When the series' validity ends (ms since the Unix epoch).
	pub valid_until: Moment,
}

/// What an expiry watch reports at a block: `(series, change, held, valid_until)`, `Changed`
/// first (by series), then `Entered` (by end of validity).
///
/// - `notices`: the block's movements of the watched account;
/// - `now`: the block's time; `until`: the end of the window scanned before this block;
/// - `entered`: the holdings the scan of `[until, now + within)` found.
///
/// A series that both moved and entered is reported once, as `Entered`.
pub fn expiry_updates(
	notices: &[CouponNotice<AccountId>],
	now: Moment,
	until: Moment,
	entered: &[ExpiringHolding],
) -> Vec<(SeriesId, ExpiryChange, u64, Moment)> {
	let mut changed: BTreeMap<SeriesId, (u64, Moment)> = BTreeMap::new();
	for n in notices {
		if n.valid_until >= now && n.valid_until < until {
			changed.insert(n.series, (n.held, n.valid_until));
		}
	}
	for h in entered {
		changed.remove(&h.series);
	}
	changed
		.into_iter()
		.map(|(series, (held, valid_until))| (series, ExpiryChange::Changed, held, valid_until))
		.chain(entered.iter().map(|h| (h.series, ExpiryChange::Entered, h.held, h.valid_until)))
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn notice(series: SeriesId, held: u64, valid_until: Moment) -> CouponNotice<AccountId> {
		CouponNotice {
			event_index: 0,
			account: AccountId::new([4; 32]),
			series,
			movement: CouponMovement::Received,
			units: 1,
			counterparty: None,
			price: None,
			amount: None,
			held,
			valid_until,
		}
	}

	fn holding(series: SeriesId, held: u64, valid_until: Moment) -> ExpiringHolding {
		ExpiringHolding { series, held, valid_until }
	}

	#[test]
	fn movements_inside_the_scanned_window_report_the_new_holding_once() {
		let (now, until) = (1_000, 5_000);
		let notices = [notice(1, 3, 2_000), notice(1, 2, 2_000), notice(2, 0, 4_999)];
		assert_eq!(
			expiry_updates(&notices, now, until, &[]),
			vec![(1, ExpiryChange::Changed, 2, 2_000), (2, ExpiryChange::Changed, 0, 4_999)]
		);
	}

	#[test]
	fn movements_outside_the_window_are_not_reported() {
		// Already past its end (not yet swept), and beyond the scanned window.
		let notices = [notice(1, 3, 999), notice(2, 3, 5_000), notice(3, 3, 9_000)];
		assert_eq!(expiry_updates(&notices, 1_000, 5_000, &[]), vec![]);
	}

	#[test]
	fn holdings_that_entered_are_reported_once_as_entered() {
		let notices = [notice(1, 3, 2_000), notice(2, 4, 5_500)];
		let entered = [holding(2, 4, 5_500), holding(7, 1, 5_900)];
		assert_eq!(
			expiry_updates(&notices, 1_000, 5_000, &entered),
			vec![
				(1, ExpiryChange::Changed, 3, 2_000),
				(2, ExpiryChange::Entered, 4, 5_500),
				(7, ExpiryChange::Entered, 1, 5_900),
			]
		);
	}
}
