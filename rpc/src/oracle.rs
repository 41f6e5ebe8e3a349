//! `genex_oraclePrice`: a series' reference price from the oracle, how fresh it is, the pricing
//! model's inputs (`P = F × (1 − dt) × (1 − rc)`, blended with recent trades) and the suggested
//! price range wallets show. Amounts are decimal strings in the stablecoin's smallest unit;
//! shares are parts per billion.

use crate::coupons::runtime_error;
use genex_primitives::{
	api::OracleApi, OpaqueBlock as Block, OracleView, PriceInputs, PriceStatus, SeriesId,
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::{
	sp_api::ProvideRuntimeApi, sp_blockchain::HeaderBackend, sp_core::H256,
	sp_runtime::traits::Block as BlockT,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The model's inputs now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct InputsJson {
	/// `F`: face value of one unit.
	pub face_value: String,
	/// Whole days until the series expires.
	pub days_left: u32,
	/// `dt`, parts per billion.
	pub time_discount: u32,
	/// The issuer's credit score 0–100 (null: unknown).
	pub credit_score: Option<u8>,
	/// `rc`, parts per billion.
	pub credit_premium: u32,
	/// `F × (1 − dt) × (1 − rc)`.
	pub model_price: String,
	/// Volume-weighted average price of recent trades, when enough traded.
	pub vwap: Option<String>,
	/// Units traded in the VWAP window.
	pub vwap_units: u64,
	/// The blended price a feeder would submit (without a node's external index).
	pub price: String,
}

impl From<PriceInputs> for InputsJson {
	fn from(i: PriceInputs) -> Self {
		Self {
			face_value: i.face_value.to_string(),
			days_left: i.days_left,
			time_discount: i.time_discount.deconstruct(),
			credit_score: i.credit_score,
			credit_premium: i.credit_premium.deconstruct(),
			model_price: i.model_price.to_string(),
			vwap: i.vwap.map(|v| v.to_string()),
			vwap_units: i.vwap_units,
			price: i.price.to_string(),
		}
	}
}

/// `genex_oraclePrice`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct OraclePriceJson {
	/// The reference price when `status` is `Fresh`.
	pub price: Option<String>,
	/// `Fresh`, `NoQuorum`, `Stale` or `NoSubmissions`.
	pub status: PriceStatus,
	/// Fresh submissions of current feeders.
	pub fresh: u32,
	/// Of those, the ones that agree.
	pub agreeing: u32,
	/// Agreeing submissions needed.
	pub min_feeders: u32,
	/// Block of the newest submission.
	pub last_submission: Option<u32>,
	/// The block after which the newest submission is stale.
	pub fresh_until: Option<u32>,
	/// `[low, high]` to show people.
	pub suggested_range: Option<(String, String)>,
	/// The model now; null for an unknown, delisted or expired series.
	pub inputs: Option<InputsJson>,
}

impl From<OracleView> for OraclePriceJson {
	fn from(v: OracleView) -> Self {
		Self {
			price: v.price.map(|p| p.to_string()),
			status: v.status,
			fresh: v.fresh,
			agreeing: v.agreeing,
			min_feeders: v.min_feeders,
			last_submission: v.last_submission,
			fresh_until: v.fresh_until,
			suggested_range: v.suggested_range.map(|(l, h)| (l.to_string(), h.to_string())),
			inputs: v.inputs.map(Into::into),
		}
	}
}

/// The oracle method. It takes an optional block hash (default: the best block).
#[rpc(client, server)]
pub trait OracleRpc<BlockHash> {
	/// `series`' reference price, freshness, model inputs and suggested range.
	#[method(name = "genex_oraclePrice")]
	fn oracle_price(&self, series: SeriesId, at: Option<BlockHash>) -> RpcResult<OraclePriceJson>;
}

/// The oracle RPC handler.
pub struct Oracle<C> {
	client: Arc<C>,
}

impl<C> Oracle<C> {
	/// A handler over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> OracleRpcServer<<Block as BlockT>::Hash> for Oracle<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: OracleApi<Block>,
{
	fn oracle_price(&self, series: SeriesId, at: Option<H256>) -> RpcResult<OraclePriceJson> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let view = self.client.runtime_api().oracle_price(at, series).map_err(runtime_error)?;
		Ok(view.into())
	}
}
