//! Reference prices of coupon series. [`PriceOracle`] is implemented by the oracle pallet
//! (off-chain workers on validator nodes, `P = F × (1 − dt) × (1 − rc)` blended with trades);
//! the market asks it for the centre of its price bands.

use crate::{Balance, SeriesId};

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
		static PRICES: RefCell<BTreeMap<SeriesId, Balance>> = RefCell::new(BTreeMap::new());
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
