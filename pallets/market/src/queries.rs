//! Read-only views for the runtime API and the `genex_*` market RPC: depth, best prices, last
//! auctions, an order's status, an account's open orders, quotes.

use crate::{
	Book, Config, DepthLevel, OrderKey, Pallet, Pending, Prices, RecentTrades, SeriesMakers,
	Sheets, Side, Trade,
};
use alloc::{collections::BTreeMap, vec::Vec};
pub use genex_primitives::market::OrderStatus;
use genex_primitives::{Balance, Moment, SeriesId};

impl<T: Config> Pallet<T> {
	/// Resting orders and market makers' quotes of `side` of `series`, per price, best first.
	fn merged_levels(series: SeriesId, side: Side) -> BTreeMap<Balance, (u64, u32)> {
		let mut levels: BTreeMap<Balance, (u64, u32)> = BTreeMap::new();
		for price in Prices::<T>::get((series, side)) {
			if let Some(level) = Book::<T>::get((series, side, price)) {
				let e = levels.entry(price).or_default();
				e.0 = e.0.saturating_add(level.units);
				e.1 = e.1.saturating_add(level.orders.len() as u32);
			}
		}
		for maker in SeriesMakers::<T>::get(series) {
			let Some(sheet) = Sheets::<T>::get(&maker, series) else { continue };
			let quotes = match side {
				Side::Buy => sheet.active.bids,
				Side::Sell => sheet.active.asks,
			};
			for q in quotes {
				let e = levels.entry(q.price).or_default();
				e.0 = e.0.saturating_add(q.units);
				e.1 = e.1.saturating_add(1);
			}
		}
		levels
	}

	/// Up to `levels` aggregated price levels of `side` of `series` (resting orders and quote
	/// sheets in force), best first.
	pub fn depth(series: SeriesId, side: Side, levels: u32) -> Vec<DepthLevel> {
		let merged = Self::merged_levels(series, side);
		let rows =
			merged.into_iter().map(|(price, (units, orders))| DepthLevel { price, units, orders });
		match side {
			Side::Buy => rows.rev().take(levels as usize).collect(),
			Side::Sell => rows.take(levels as usize).collect(),
		}
	}

	/// Best bid and best ask of `series` (resting orders and quote sheets in force).
	pub fn best_bid_ask(series: SeriesId) -> (Option<Balance>, Option<Balance>) {
		let best = |side| Self::depth(series, side, 1).first().map(|l| l.price);
		(best(Side::Buy), best(Side::Sell))
	}

	/// The latest auctions of `series` (price and volume), newest last.
	pub fn last_trades(series: SeriesId) -> Vec<Trade> {
		RecentTrades::<T>::get(series).into_inner()
	}

	/// Where order `key` is.
	pub fn order_status(key: OrderKey) -> OrderStatus {
		if let Some(o) = Pending::<T>::get(key.series).iter().find(|o| o.id == key.id) {
			return OrderStatus::Pending { units: o.units };
		}
		Book::<T>::get((key.series, key.side, key.price))
			.and_then(|l| l.orders.iter().find(|o| o.id == key.id).map(|o| o.units))
			.map_or(OrderStatus::Gone, |units| OrderStatus::Resting { units })
	}

	/// `who`'s resting orders as wallets see them. Reads the whole book (no per-account index
	/// is kept on chain): for the runtime API, off chain.
	pub fn open_order_views(who: &T::AccountId) -> Vec<crate::OpenOrder> {
		Book::<T>::iter()
			.flat_map(|((series, side, price), level)| {
				level.orders.into_iter().filter(|o| o.owner == *who).map(move |o| {
					crate::OpenOrder {
						id: o.id,
						series,
						side,
						price,
						units: o.units,
						expires_at: o.expires_at,
					}
				})
			})
			.collect()
	}

	/// Up to `levels` price levels of both sides of `series`.
	pub fn market_depth(series: SeriesId, levels: u32) -> crate::MarketDepth {
		crate::MarketDepth {
			bids: Self::depth(series, Side::Buy, levels),
			asks: Self::depth(series, Side::Sell, levels),
		}
	}

	/// What `units` on `side` would cost walking the other side from its best price (resting
	/// orders and quotes in force), without trading (the quote API; the auction's one price
	/// may differ).
	pub fn quote(series: SeriesId, side: Side, units: u64) -> crate::Quote {
		let mut quote = crate::Quote::default();
		for level in Self::depth(series, side.opposite(), u32::MAX) {
			if quote.units >= units {
				break;
			}
			let take = level.units.min(units.saturating_sub(quote.units));
			quote.units = quote.units.saturating_add(take);
			quote.notional = quote.notional.saturating_add(level.price.saturating_mul(take.into()));
			quote.worst_price = Some(level.price);
		}
		quote
	}
}

/// The oracle blends recent trading into its reference price.
impl<T: Config> genex_primitives::market::TradeHistory for Pallet<T> {
	fn vwap(series: SeriesId, since: Moment) -> Option<(Balance, u64)> {
		let recent = RecentTrades::<T>::get(series);
		genex_primitives::market::vwap_of(
			recent.iter().filter(|t| t.at >= since).map(|t| (t.price, t.units)),
		)
	}
}
