//! Read-only views for the runtime API and the `genex_*` market RPC: depth, best prices, last
//! trades, an account's open orders, quotes.

use crate::{
	Config, DepthLevel, Levels, OpenOrders, Order, OrderId, Orders, Pallet, Prices, RecentTrades,
	Side, Trade,
};
use alloc::vec::Vec;
use genex_primitives::{Balance, Moment, SeriesId};

impl<T: Config> Pallet<T> {
	/// Up to `levels` aggregated price levels of `side` of `series`, best first.
	pub fn depth(series: SeriesId, side: Side, levels: u32) -> Vec<DepthLevel> {
		Prices::<T>::get((series, side))
			.into_iter()
			.take(levels as usize)
			.filter_map(|price| {
				Levels::<T>::get((series, side, price)).map(|level| DepthLevel {
					price,
					units: level.units,
					orders: level.orders,
				})
			})
			.collect()
	}

	/// Best bid and best ask of `series`.
	pub fn best_bid_ask(series: SeriesId) -> (Option<Balance>, Option<Balance>) {
		(Self::best_price(series, Side::Buy), Self::best_price(series, Side::Sell))
	}

	/// The latest trades of `series`, newest last.
	pub fn last_trades(series: SeriesId) -> Vec<Trade> {
		RecentTrades::<T>::get(series).into_inner()
	}

	/// `who`'s resting orders (at most `MaxOpenOrders`).
	pub fn open_orders(who: &T::AccountId) -> Vec<(OrderId, Order<T::AccountId>)> {
		OpenOrders::<T>::iter_key_prefix(who)
			.filter_map(|id| Orders::<T>::get(id).map(|order| (id, order)))
			.collect()
	}

	/// `who`'s resting orders as wallets see them.
	pub fn open_order_views(who: &T::AccountId) -> Vec<crate::OpenOrder> {
		Self::open_orders(who)
			.into_iter()
			.map(|(id, o)| crate::OpenOrder {
				id,
				series: o.series,
				side: o.side,
				price: o.price,
				units: o.units,
				expires_at: o.expires_at,
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

	/// The fill price of `units` walking `side`'s opposite from the best price, without
	/// trading (the quote API). Walks at most `MaxPriceLevels` levels.
	pub fn quote(series: SeriesId, side: Side, units: u64) -> crate::Quote {
		let mut quote = crate::Quote::default();
		let opposite = side.opposite();
		for price in Prices::<T>::get((series, opposite)) {
			if quote.units >= units {
				break;
			}
			let Some(level) = Levels::<T>::get((series, opposite, price)) else { continue };
			let take = level.units.min(units.saturating_sub(quote.units));
			quote.units = quote.units.saturating_add(take);
			let cost: Balance = price.saturating_mul(take.into());
			quote.notional = quote.notional.saturating_add(cost);
			quote.worst_price = Some(price);
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
