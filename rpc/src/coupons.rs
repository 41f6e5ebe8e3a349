//! `genex_*` coupon methods for merchants and wallets: verify a holding, read a series and an
//! issuer's credit, get the bytes a holder signs, and submit a holder's redemption
//! authorization (unsigned: the merchant pays nothing). Amounts are decimal strings in the
//! stablecoin's smallest unit (12 decimals) so JavaScript does not lose precision.

use genex_primitives::{
	api::CouponsApi, AccountId, Balance, BlockNumber, CouponInfo, CouponStats, CouponVerification,
	CreditReport, OpaqueBlock as Block, RedemptionAuthorization, SeriesId, Signature,
};
use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::error::ErrorObjectOwned,
};
use polkadot_sdk::{
	sc_transaction_pool_api::{TransactionPool, TransactionSource},
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::{Bytes, H256},
	sp_runtime::traits::Block as BlockT,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The runtime API call failed (no such block, or a runtime without the API).
pub const RUNTIME_ERROR: i32 = 1000;
/// The chain refuses the redemption; the message names the error, e.g.
/// `Redemption(AuthorizationUsed)`.
pub const REDEMPTION_REFUSED: i32 = 1001;
/// The transaction pool refused the extrinsic.
pub const POOL_ERROR: i32 = 1002;
/// The parameters cannot be decoded (e.g. a malformed signature).
pub const BAD_PARAMS: i32 = 1003;

/// A series as the RPC shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct SeriesJson {
	/// The issuer (SS58).
	pub issuer: AccountId,
	/// `Physical`, `Digital` or `Financial`.
	pub kind: String,
	/// Face value of a unit (smallest unit, decimal string).
	pub face_value: String,
	/// Issue price of a unit.
	pub issue_price: String,
	/// Usable from (ms since the Unix epoch).
	pub valid_from: u64,
	/// Expires at (ms since the Unix epoch).
	pub valid_until: u64,
	/// `Active`, `Delisted` or `Expired`.
	pub status: String,
}

impl From<CouponInfo<AccountId, Balance>> for SeriesJson {
	fn from(i: CouponInfo<AccountId, Balance>) -> Self {
		Self {
			issuer: i.issuer,
			kind: format!("{:?}", i.kind),
			face_value: i.face_value.to_string(),
			issue_price: i.issue_price.to_string(),
			valid_from: i.valid_from,
			valid_until: i.valid_until,
			status: format!("{:?}", i.status),
		}
	}
}

/// Statistics of a series or an issuer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct StatsJson {
	/// Units minted.
	pub minted: u64,
	/// Units sold by the issuer.
	pub sold: u64,
	/// Units redeemed.
	pub redeemed: u64,
	/// Units expired.
	pub expired: u64,
	/// Units recalled, refunded or compensated.
	pub recalled: u64,
	/// Units in existence.
	pub supply: u64,
	/// Face value of sold units that expired unused.
	pub breakage: String,
	/// Face value outstanding.
	pub outstanding_face: String,
}

impl From<CouponStats<Balance>> for StatsJson {
	fn from(s: CouponStats<Balance>) -> Self {
		Self {
			minted: s.minted,
			sold: s.sold,
			redeemed: s.redeemed,
			expired: s.expired,
			recalled: s.recalled,
			supply: s.supply(),
			breakage: s.breakage.to_string(),
			outstanding_face: s.outstanding_face.to_string(),
		}
	}
}

/// `genex_verifyCoupon`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct VerificationJson {
	/// Whether redeeming the units would be accepted now.
	pub redeemable: bool,
	/// `UnknownSeries`, `NotYetValid`, `Expired`, `InsufficientUnits`, `IssuerFrozen` (at risk,
	/// still redeemable), `Delisted` (still redeemable), or null.
	pub problem: Option<String>,
	/// Units the holder holds.
	pub holder_units: u64,
	/// Whether the issuer is frozen.
	pub issuer_frozen: bool,
	/// The series.
	pub series: Option<SeriesJson>,
}

impl From<CouponVerification<AccountId, Balance>> for VerificationJson {
	fn from(v: CouponVerification<AccountId, Balance>) -> Self {
		Self {
			redeemable: v.redeemable,
			problem: v.problem.map(|p| format!("{p:?}")),
			holder_units: v.holder_units,
			issuer_frozen: v.issuer_frozen,
			series: v.series.map(Into::into),
		}
	}
}

/// `genex_seriesInfo`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct SeriesInfoJson {
	/// The series.
	pub series: SeriesJson,
	/// Its statistics.
	pub stats: StatsJson,
}

/// `genex_issuerCredit`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct CreditJson {
	/// `Active`, `Paused` or `Frozen`.
	pub status: String,
	/// Credit score 0–100.
	pub score: u8,
	/// Tier 1–4.
	pub tier: u8,
	/// Issuance limit on outstanding face value.
	pub limit: String,
	/// Stablecoin deposit.
	pub deposit: String,
	/// Stablecoin in escrow.
	pub escrow: String,
	/// Escrow share of primary-sale proceeds, in parts per billion.
	pub escrow_share_ppb: u32,
	/// Limit cut from defaults, in parts per billion.
	pub limit_cut_ppb: u32,
	/// Redemptions requested.
	pub requested: u32,
	/// Redemptions honoured.
	pub honoured: u32,
	/// Face value outstanding.
	pub outstanding_face: String,
	/// Face value redeemed.
	pub redeemed_face: String,
	/// Face value expired (breakage).
	pub expired_face: String,
	/// Reviews and their average in hundredths of a star.
	pub reviews: u32,
	/// Average rating × 100 (0 without reviews).
	pub average_rating_x100: u32,
	/// Years in business.
	pub years_in_business: u8,
	/// Defaults recorded.
	pub defaults: u8,
	/// Statistics over all of the issuer's series.
	pub stats: StatsJson,
}

fn credit_json(c: CreditReport<Balance>, stats: CouponStats<Balance>) -> CreditJson {
	let i = c.inputs;
	CreditJson {
		status: format!("{:?}", c.status),
		score: c.score,
		tier: c.tier,
		limit: c.limit.to_string(),
		deposit: c.deposit.to_string(),
		escrow: c.escrow.to_string(),
		escrow_share_ppb: c.escrow_share.deconstruct(),
		limit_cut_ppb: c.limit_cut.deconstruct(),
		requested: i.requested,
		honoured: i.honoured,
		outstanding_face: i.outstanding_face.to_string(),
		redeemed_face: i.redeemed_face.to_string(),
		expired_face: i.expired_face.to_string(),
		reviews: i.reviews,
		average_rating_x100: i.review_stars.saturating_mul(100).checked_div(i.reviews).unwrap_or(0),
		years_in_business: i.years_in_business,
		defaults: i.defaults,
		stats: stats.into(),
	}
}

/// The coupon methods.
#[rpc(client, server)]
pub trait CouponsRpc<BlockHash> {
	/// May `holder` redeem `units` of `series` now?
	#[method(name = "genex_verifyCoupon")]
	fn verify_coupon(
		&self,
		series: SeriesId,
		holder: AccountId,
		units: u64,
		at: Option<BlockHash>,
	) -> RpcResult<VerificationJson>;

	/// A series and its statistics (null when unknown).
	#[method(name = "genex_seriesInfo")]
	fn series_info(
		&self,
		series: SeriesId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<SeriesInfoJson>>;

	/// An issuer's credit report and statistics (null for non-issuers).
	#[method(name = "genex_issuerCredit")]
	fn issuer_credit(
		&self,
		issuer: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<CreditJson>>;

	/// The bytes the holder signs for `authorization` (hex).
	#[method(name = "genex_redemptionPayload")]
	fn redemption_payload(
		&self,
		authorization: RedemptionAuthorization<AccountId, BlockNumber>,
	) -> RpcResult<Bytes>;

	/// Submit a holder's signed authorization (signature: SCALE-encoded `MultiSignature`,
	/// hex). Returns the extrinsic hash; refused authorizations return error 1001 naming
	/// the reason.
	#[method(name = "genex_submitRedemption")]
	async fn submit_redemption(
		&self,
		authorization: RedemptionAuthorization<AccountId, BlockNumber>,
		signature: Bytes,
	) -> RpcResult<H256>;
}

/// The coupon methods over a client and a transaction pool.
pub struct Coupons<C, P> {
	client: Arc<C>,
	pool: Arc<P>,
}

impl<C, P> Coupons<C, P> {
	/// Serve the methods from `client`'s state, submitting to `pool`.
	pub fn new(client: Arc<C>, pool: Arc<P>) -> Self {
		Self { client, pool }
	}
}

/// An error with `code` and `message`, no data.
pub(crate) fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message.into(), None::<()>)
}

/// A failed runtime API call (`1000`), with the call's error.
pub(crate) fn runtime_error(e: impl std::fmt::Debug) -> ErrorObjectOwned {
	error(RUNTIME_ERROR, format!("runtime API call failed: {e:?}"))
}

#[async_trait]
impl<C, P> CouponsRpcServer<<Block as BlockT>::Hash> for Coupons<C, P>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CouponsApi<Block, AccountId, Balance, BlockNumber, Signature>,
	P: TransactionPool<Block = Block, Hash = H256> + 'static,
{
	fn verify_coupon(
		&self,
		series: SeriesId,
		holder: AccountId,
		units: u64,
		at: Option<H256>,
	) -> RpcResult<VerificationJson> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let v = self
			.client
			.runtime_api()
			.verify_coupon(at, series, holder, units)
			.map_err(runtime_error)?;
		Ok(v.into())
	}

	fn series_info(&self, series: SeriesId, at: Option<H256>) -> RpcResult<Option<SeriesInfoJson>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let info = self.client.runtime_api().series_info(at, series).map_err(runtime_error)?;
		Ok(info.map(|(s, stats)| SeriesInfoJson { series: s.into(), stats: stats.into() }))
	}

	fn issuer_credit(&self, issuer: AccountId, at: Option<H256>) -> RpcResult<Option<CreditJson>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let Some(report) = api.issuer_credit(at, issuer.clone()).map_err(runtime_error)? else {
			return Ok(None);
		};
		let stats = api.issuer_stats(at, issuer).map_err(runtime_error)?;
		Ok(Some(credit_json(report, stats)))
	}

	fn redemption_payload(
		&self,
		authorization: RedemptionAuthorization<AccountId, BlockNumber>,
	) -> RpcResult<Bytes> {
		let at = self.client.info().best_hash;
		let payload = self
			.client
			.runtime_api()
			.redemption_payload(at, authorization)
			.map_err(runtime_error)?;
		Ok(payload.into())
	}

	async fn submit_redemption(
		&self,
		authorization: RedemptionAuthorization<AccountId, BlockNumber>,
		signature: Bytes,
	) -> RpcResult<H256> {
		use codec::Decode;
		let signature = Signature::decode(&mut &signature[..])
			.map_err(|e| error(BAD_PARAMS, format!("signature: {e}")))?;
		let at = self.client.info().best_hash;
		let encoded = self
			.client
			.runtime_api()
			.redemption_extrinsic(at, authorization, signature)
			.map_err(runtime_error)?
			.map_err(|reason| error(REDEMPTION_REFUSED, String::from_utf8_lossy(&reason)))?;
		let xt = <Block as BlockT>::Extrinsic::decode(&mut &encoded[..])
			.map_err(|e| error(RUNTIME_ERROR, format!("extrinsic: {e}")))?;
		self.pool
			.submit_one(at, TransactionSource::External, xt)
			.await
			.map_err(|e| error(POOL_ERROR, e.to_string()))
	}
}
