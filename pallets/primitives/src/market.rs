//! The coupon market as wallets and the runtime API see it: sides, aggregated depth, trades,
//! quotes, open orders and market makers' obligation reports. The market pallet uses the same
//! types.

use crate::{Balance, Moment, SeriesId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of an order on a book.
pub type OrderId = u64;

/// Buy or sell.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Side {
	/// Buy units for the stablecoin (a bid).
	Buy,
	/// Sell units for the stablecoin (an ask).
	Sell,
}

impl Side {
	/// The other side.
	pub fn opposite(self) -> Self {
		match self {
			Side::Buy => Side::Sell,
			Side::Sell => Side::Buy,
		}
	}

	/// Whether `a` is a better price than `b` on this side (higher bids, lower asks).
	pub fn better(self, a: Balance, b: Balance) -> bool {
		match self {
			Side::Buy => a > b,
			Side::Sell => a < b,
		}
	}

	/// Whether an order on this side with limit `limit` trades against a resting price
	/// `resting`.
	pub fn crosses(self, limit: Balance, resting: Balance) -> bool {
		match self {
			Side::Buy => limit >= resting,
			Side::Sell => limit <= resting,
		}
	}
}

/// An aggregated price level.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct DepthLevel {
	/// Price per unit.
	pub price: Balance,
	/// Units open at this price.
	pub units: u64,
	/// Orders at this price.
	pub orders: u32,
}

/// Both sides of a book, best prices first.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct MarketDepth {
	/// Bids, highest first.
	pub bids: Vec<DepthLevel>,
	/// Asks, lowest first.
	pub asks: Vec<DepthLevel>,
}

/// A trade.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct Trade {
	/// Price per unit.
	pub price: Balance,
	/// Units.
	pub units: u64,
	/// The taker's side (buy: the price was lifted; sell: it was hit).
	pub taker_side: Side,
	/// When (ms since the Unix epoch).
	pub at: Moment,
}

/// What walking the book with a market order would give now.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct Quote {
	/// Units available (at most those asked).
	pub units: u64,
	/// Their total price, before fees.
	pub notional: Balance,
	/// The worst price reached.
	pub worst_price: Option<Balance>,
}

/// A resting order, as its owner's wallet shows it.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct OpenOrder {
	/// The order.
	pub id: OrderId,
	/// The series.
	pub series: SeriesId,
	/// Buy or sell.
	pub side: Side,
	/// Limit price per unit.
	pub price: Balance,
	/// Units still open.
	pub units: u64,
	/// Good-till-time expiry (ms since the Unix epoch).
	pub expires_at: Option<Moment>,
}

/// Where an order is, for wallets and merchants (`genex_orderStatus`).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", tag = "status"))]
pub enum OrderStatus {
	/// Waiting for this block's auction of its series.
	Pending {
		/// Units asked.
		units: u64,
	},
	/// Resting on the book.
	Resting {
		/// Units still open.
		units: u64,
	},
	/// Not on the book: traded, cancelled or expired (its events say which), or unknown.
	Gone,
}

/// A market maker's standing against its obligations on one series.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct ObligationReport {
	/// Units the maker has open on the buy side.
	pub bid_units: u64,
	/// Units the maker has open on the sell side.
	pub ask_units: u64,
	/// Its best bid.
	pub best_bid: Option<Balance>,
	/// Its best ask.
	pub best_ask: Option<Balance>,
	/// Whether depth and spread meet the obligations.
	pub met: bool,
}

/// Recent trading in a series, as the oracle blends it into its reference price. Implemented by
/// the market pallet.
pub trait TradeHistory {
	/// Volume-weighted average price of the trades in `series` at or after `since` (ms since the
	/// Unix epoch) and the units they traded; `None` when nothing traded.
	fn vwap(series: SeriesId, since: Moment) -> Option<(Balance, u64)>;
}

/// No market: no trades.
impl TradeHistory for () {
	fn vwap(_: SeriesId, _: Moment) -> Option<(Balance, u64)> {
		None
	}
}

/// The volume-weighted average of `trades` (price, units) — `None` when no units or on
/// overflow. Shared by the market and the mock so both compute it the same way.
pub fn vwap_of(trades: impl Iterator<Item = (Balance, u64)>) -> Option<(Balance, u64)> {
	let (mut value, mut units) = (0u128, 0u64);
	for (price, n) in trades {
		value = value.checked_add(price.checked_mul(u128::from(n))?)?;
		units = units.checked_add(n)?;
	}
	let average = value.checked_div(u128::from(units))?;
	Some((average, units))
}

/// A test double: trades in thread-local memory.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static TRADES: RefCell<BTreeMap<SeriesId, Vec<Trade>>> = const { RefCell::new(BTreeMap::new()) };
	}

	/// The mock [`TradeHistory`].
	pub struct MockTrades;

	impl MockTrades {
		/// Record a trade of `units` at `price` in `series` at `at`.
		pub fn add(series: SeriesId, price: Balance, units: u64, at: Moment) {
			let trade = Trade { price, units, taker_side: Side::Buy, at };
			TRADES.with(|t| t.borrow_mut().entry(series).or_default().push(trade));
		}
		/// Forget every trade.
		pub fn reset() {
			TRADES.with(|t| t.borrow_mut().clear());
		}
	}

	impl TradeHistory for MockTrades {
		fn vwap(series: SeriesId, since: Moment) -> Option<(Balance, u64)> {
			TRADES.with(|t| {
				let t = t.borrow();
				let trades = t.get(&series)?;
				vwap_of(trades.iter().filter(|x| x.at >= since).map(|x| (x.price, x.units)))
			})
		}
	}
}
