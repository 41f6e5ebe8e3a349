//! Reference prices of coupon series. [`PriceOracle`] is implemented by the oracle pallet
//! (off-chain workers on validator nodes, `P = F × (1 − dt) × (1 − rc)` blended with trades);
//! the market asks it for the centre of its price bands.

use crate::{Balance, SeriesId};
use codec::{Decode, Encode};
use polkadot_sdk::sp_runtime::Perbill;
use scale_info::TypeInfo;

/// Where a series' reference price stands.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum PriceStatus {
	/// Enough fresh submissions agree: the price is the reference.
	Fresh,
	/// Fresh submissions exist but too few agree.
	NoQuorum,
	/// Every submission is older than the maximum age (or its feeder was removed).
	Stale,
	/// No feeder has priced the series.
	NoSubmissions,
}

/// The pricing model's inputs and output for a series, now: `P = F × (1 − dt) × (1 − rc)`,
/// scaled by the node's external index (when asked by a worker that has one), blended with
/// recent trades.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct PriceInputs {
	/// `F`: face value of one unit.
	pub face_value: Balance,
	/// Whole days left until the series expires.
	pub days_left: u32,
	/// `dt`: the time discount at `days_left`.
	pub time_discount: Perbill,
	/// The issuer's credit score 0–100 (`None`: unknown, priced as 0).
	pub credit_score: Option<u8>,
	/// `rc`: the credit-risk premium at the score.
	pub credit_premium: Perbill,
	/// `F × (1 − dt) × (1 − rc)`.
	pub model_price: Balance,
	/// The external index applied, in parts per million (1 000 000 = ×1), when there was one.
	pub index_ppm: Option<u32>,
	/// Volume-weighted average price of the recent trades, when enough traded.
	pub vwap: Option<Balance>,
	/// Units traded in the VWAP window.
	pub vwap_units: u64,
	/// The result: what a feeder submits.
	pub price: Balance,
}

/// A series' reference price as wallets and the `genex_oraclePrice` RPC show it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct OracleView {
	/// The reference price (the median of agreeing fresh submissions), when `status` is
	/// `Fresh`.
	pub price: Option<Balance>,
	/// Where the price stands.
	pub status: PriceStatus,
	/// Fresh submissions of current feeders.
	pub fresh: u32,
	/// Of those, the ones within the agreement band of their median.
	pub agreeing: u32,
	/// Agreeing submissions needed.
	pub min_feeders: u32,
	/// Block of the newest submission counted (fresh or not).
	pub last_submission: Option<u32>,
	/// The block after which the newest submission is stale.
	pub fresh_until: Option<u32>,
	/// The suggested price range shown to people: the reference price (or, without one, the
	/// model price) ± the governance-set range; never above face value for coupons sold at or
	/// below it.
	pub suggested_range: Option<(Balance, Balance)>,
	/// The model now (without any node's external index); `None` for an unknown, delisted or
	/// expired series.
	pub inputs: Option<PriceInputs>,
}

/// Where a series' fair price is.
pub trait PriceOracle {
	/// The reference price of one unit of `series`, when a fresh one exists.
	fn reference_price(series: SeriesId) -> Option<Balance>;
}

/// No oracle: no reference price (the market falls back to its last trade).
impl PriceOracle for () {
	fn reference_price(_: SeriesId) -> Option<Balance> {
		None
	}
}

/// A test double: prices in thread-local memory.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static PRICES: RefCell<BTreeMap<SeriesId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	}

	/// The mock [`PriceOracle`].
	pub struct MockOracle;

	impl MockOracle {
		/// Set (or, with `None`, clear) the reference price of `series`.
		pub fn set(series: SeriesId, price: Option<Balance>) {
			PRICES.with(|p| match price {
				Some(price) => p.borrow_mut().insert(series, price),
				None => p.borrow_mut().remove(&series),
			});
		}
		/// Forget every price.
		pub fn reset() {
			PRICES.with(|p| p.borrow_mut().clear());
		}
	}

	impl PriceOracle for MockOracle {
		fn reference_price(series: SeriesId) -> Option<Balance> {
			PRICES.with(|p| p.borrow().get(&series).copied())
		}
	}
}
