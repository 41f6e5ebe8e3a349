//! `genex_*` market methods for wallets and market makers: book depth, best bid and ask, last
//! trades, an account's open orders, a quote for a market order. Read-only; orders go in as
//! extrinsics (`market.placeOrder`, `market.batchPlace`, …). Prices and amounts are decimal
//! strings in the stablecoin's smallest unit (12 decimals).

use crate::coupons::{runtime_error, BAD_PARAMS};
use genex_primitives::{
	api::MarketApi,
	market::{DepthLevel, MarketDepth, OpenOrder, OrderStatus, Quote, Side, Trade},
	AccountId, OpaqueBlock as Block, SeriesId,
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::error::ErrorObjectOwned};
use polkadot_sdk::{
	sp_api::ProvideRuntimeApi, sp_blockchain::HeaderBackend, sp_core::H256,
	sp_runtime::traits::Block as BlockT,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Levels `genex_marketDepth` returns when not told.
pub const DEFAULT_DEPTH: u32 = 20;

/// A price level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct LevelJson {
	/// Price per unit.
	pub price: String,
	/// Units open at this price.
	pub units: u64,
	/// Orders at this price.
	pub orders: u32,
}

impl From<DepthLevel> for LevelJson {
	fn from(l: DepthLevel) -> Self {
		Self { price: l.price.to_string(), units: l.units, orders: l.orders }
	}
}

/// `genex_marketDepth`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct DepthJson {
	/// Bids, highest first.
	pub bids: Vec<LevelJson>,
	/// Asks, lowest first.
	pub asks: Vec<LevelJson>,
}

impl From<MarketDepth> for DepthJson {
	fn from(d: MarketDepth) -> Self {
		Self {
			bids: d.bids.into_iter().map(Into::into).collect(),
			asks: d.asks.into_iter().map(Into::into).collect(),
		}
	}
}

/// `genex_bestBidAsk`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct BestJson {
	/// Best bid, if any.
	pub bid: Option<String>,
	/// Best ask, if any.
	pub ask: Option<String>,
}

/// A trade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct TradeJson {
	/// Price per unit.
	pub price: String,
	/// Units.
	pub units: u64,
	/// `Buy` (the ask was lifted) or `Sell` (the bid was hit).
	pub taker_side: Side,
	/// When (ms since the Unix epoch).
	pub at: u64,
}

impl From<Trade> for TradeJson {
	fn from(t: Trade) -> Self {
		Self { price: t.price.to_string(), units: t.units, taker_side: t.taker_side, at: t.at }
	}
}

/// A resting order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct OrderJson {
	/// Order id (for `market.cancelOrder`).
	pub id: u64,
	/// The series.
	pub series: SeriesId,
	/// `Buy` or `Sell`.
	pub side: Side,
	/// Limit price per unit.
	pub price: String,
	/// Units still open.
	pub units: u64,
	/// Good-till-time expiry (ms since the Unix epoch), or null.
	pub expires_at: Option<u64>,
}

impl From<OpenOrder> for OrderJson {
	fn from(o: OpenOrder) -> Self {
		Self {
			id: o.id,
			series: o.series,
			side: o.side,
			price: o.price.to_string(),
			units: o.units,
			expires_at: o.expires_at,
		}
	}
}

/// `genex_quote`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct QuoteJson {
	/// Units available now (at most those asked).
	pub units: u64,
	/// Their total price before fees.
	pub notional: String,
	/// The worst price reached (use it as `worstPrice` of `market.placeMarketOrder`).
	pub worst_price: Option<String>,
}

impl From<Quote> for QuoteJson {
	fn from(q: Quote) -> Self {
		Self {
			units: q.units,
			notional: q.notional.to_string(),
			worst_price: q.worst_price.map(|p| p.to_string()),
		}
	}
}

/// The market methods. Each takes an optional block hash (default: the best block).
#[rpc(client, server)]
pub trait MarketRpc<BlockHash> {
	/// Up to `levels` (default 20) aggregated price levels of each side of `series`' book.
	#[method(name = "genex_marketDepth")]
	fn market_depth(
		&self,
		series: SeriesId,
		levels: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<DepthJson>;

	/// Best bid and best ask of `series`.
	#[method(name = "genex_bestBidAsk")]
	fn best_bid_ask(&self, series: SeriesId, at: Option<BlockHash>) -> RpcResult<BestJson>;

	/// The latest trades of `series`, newest last.
	#[method(name = "genex_lastTrades")]
	fn last_trades(&self, series: SeriesId, at: Option<BlockHash>) -> RpcResult<Vec<TradeJson>>;

	/// `account`'s resting orders.
	#[method(name = "genex_openOrders")]
	fn open_orders(&self, account: AccountId, at: Option<BlockHash>) -> RpcResult<Vec<OrderJson>>;

	/// What a market order for `units` on `side` (`Buy` or `Sell`) would get now.
	#[method(name = "genex_quote")]
	fn quote(
		&self,
		series: SeriesId,
		side: Side,
		units: u64,
		at: Option<BlockHash>,
	) -> RpcResult<QuoteJson>;

	/// Where order `{ series, side, price, id }` is (the key `market.OrderPlaced` gives):
	/// `{"status":"pending","units":n}` while it waits for its block's auction,
	/// `{"status":"resting","units":n}` with its open units, or `{"status":"gone"}` (traded,
	/// cancelled, expired — its events say which — or unknown). `price` is a decimal string
	/// in the stablecoin's smallest unit.
	#[method(name = "genex_orderStatus")]
	fn order_status(
		&self,
		series: SeriesId,
		side: Side,
		price: String,
		id: u64,
		at: Option<BlockHash>,
	) -> RpcResult<OrderStatus>;
}

/// The market RPC handler.
pub struct Market<C> {
	client: Arc<C>,
}

impl<C> Market<C> {
	/// A handler over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> MarketRpcServer<<Block as BlockT>::Hash> for Market<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: MarketApi<Block, AccountId>,
{
	fn market_depth(
		&self,
		series: SeriesId,
		levels: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<DepthJson> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let levels = levels.unwrap_or(DEFAULT_DEPTH);
		if levels == 0 {
			return Err(ErrorObjectOwned::owned(BAD_PARAMS, "levels must be positive", None::<()>));
		}
		let depth = self.client.runtime_api().depth(at, series, levels).map_err(runtime_error)?;
		Ok(depth.into())
	}

	fn best_bid_ask(&self, series: SeriesId, at: Option<H256>) -> RpcResult<BestJson> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (bid, ask) =
			self.client.runtime_api().best_bid_ask(at, series).map_err(runtime_error)?;
		Ok(BestJson { bid: bid.map(|p| p.to_string()), ask: ask.map(|p| p.to_string()) })
	}

	fn last_trades(&self, series: SeriesId, at: Option<H256>) -> RpcResult<Vec<TradeJson>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let trades = self.client.runtime_api().last_trades(at, series).map_err(runtime_error)?;
		Ok(trades.into_iter().map(Into::into).collect())
	}

	fn open_orders(&self, account: AccountId, at: Option<H256>) -> RpcResult<Vec<OrderJson>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let orders = self.client.runtime_api().open_orders(at, account).map_err(runtime_error)?;
		Ok(orders.into_iter().map(Into::into).collect())
	}

	fn quote(
		&self,
		series: SeriesId,
		side: Side,
		units: u64,
		at: Option<H256>,
	) -> RpcResult<QuoteJson> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let quote =
			self.client.runtime_api().quote(at, series, side, units).map_err(runtime_error)?;
		Ok(quote.into())
	}

	fn order_status(
		&self,
		series: SeriesId,
		side: Side,
		price: String,
		id: u64,
		at: Option<H256>,
	) -> RpcResult<OrderStatus> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let price: u128 = price.parse().map_err(|_| {
			ErrorObjectOwned::owned(BAD_PARAMS, "price must be a decimal integer", None::<()>)
		})?;
		self.client.runtime_api().order_status(at, series, side, price, id).map_err(runtime_error)
	}
}
