//! Runtime APIs of the Genex pallets, for wallets, merchants and regulators.

use crate::{
	aml::AmlAccount,
	coupons::{
		CouponInfo, CouponStats, CouponVerification, RedemptionAuthorization, RedemptionPayload,
		SeriesId,
	},
	credit::CreditReport,
	kyc::KycStatus,
	market::{MarketDepth, OpenOrder, OrderId, OrderStatus, Quote, Side, Trade},
	notifications::{AnnouncementView, BlockAnnouncements, BlockCouponNotices, ExpiringHoldings},
	oracle::OracleView,
	sanctions::SanctionsListInfo,
	Balance, Moment,
};
use alloc::vec::Vec;
use codec::Codec;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// KYC status, sanctions status, the Travel-Rule threshold and fee-less quotas.
	pub trait ComplianceApi<AccountId, Balance> where AccountId: Codec, Balance: Codec {
		/// Level, jurisdiction, expiry and what `who` may still do in the rolling 24 hours.
		fn kyc_status(who: AccountId) -> KycStatus<Balance>;
		/// Whether `who` is on the blocked-address list.
		fn is_blocked(who: AccountId) -> bool;
		/// The blocked-address list in force (None before the first update).
		fn sanctions_list() -> Option<SanctionsListInfo>;
		/// Transfers of at least this value must go through `transfer_with_travel_rule`.
		fn travel_rule_threshold() -> Balance;
		/// Fee-less calls `who` has left in the current period.
		fn free_calls_remaining(who: AccountId) -> u32;
	}

	/// Coupons, issuers' credit and merchant redemption.
	#[api_version(2)]
	pub trait CouponsApi<AccountId, Balance, BlockNumber, Signature> where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
		Signature: Codec,
	{
		/// May `holder` redeem `units` of `series` now? Validity, holding, issuer status.
		fn verify_coupon(series: SeriesId, holder: AccountId, units: u64) -> CouponVerification<AccountId, Balance>;
		/// A series and its statistics.
		fn series_info(series: SeriesId) -> Option<(CouponInfo<AccountId, Balance>, CouponStats<Balance>)>;
		/// Statistics over all of `issuer`'s series.
		fn issuer_stats(issuer: AccountId) -> CouponStats<Balance>;
		/// An approved issuer's credit report (None for other accounts).
		fn issuer_credit(issuer: AccountId) -> Option<CreditReport<Balance>>;
		/// The bytes a holder signs to authorize a redemption, as a SCALE `Vec<u8>`: what is
		/// signed is its content without the length prefix (a client that re-encodes the result
		/// gets 142 bytes for 140). Prefer `redemption_signing_payload`.
		fn redemption_payload(authorization: RedemptionAuthorization<AccountId, BlockNumber>) -> Vec<u8>;
		/// The 140 bytes a holder signs to authorize a redemption, exactly (a fixed-size array:
		/// no length prefix in any client). Sign them as they are, or wrapped in
		/// `<Bytes>…</Bytes>` as a browser extension's `signRaw` does: both are accepted.
		#[api_version(2)]
		fn redemption_signing_payload(
			authorization: RedemptionAuthorization<AccountId, BlockNumber>,
		) -> RedemptionPayload;
		/// Check a signed authorization as the chain would and, when it would be accepted,
		/// return the encoded unsigned extrinsic that submits it; otherwise the refusal as
		/// UTF-8 text naming the pallet and error, e.g. `Redemption(AuthorizationUsed)`.
		fn redemption_extrinsic(
			authorization: RedemptionAuthorization<AccountId, BlockNumber>,
			signature: Signature,
		) -> Result<Vec<u8>, Vec<u8>>;
	}

	/// The coupon market: books, trades, quotes, open orders, an order's status.
	#[api_version(2)]
	pub trait MarketApi<AccountId> where AccountId: Codec {
		/// Up to `levels` aggregated price levels of each side of `series`' book.
		fn depth(series: SeriesId, levels: u32) -> MarketDepth;
		/// Best bid and best ask of `series`.
		fn best_bid_ask(series: SeriesId) -> (Option<Balance>, Option<Balance>);
		/// The latest trades of `series`, newest last.
		fn last_trades(series: SeriesId) -> Vec<Trade>;
		/// `who`'s resting orders.
		fn open_orders(who: AccountId) -> Vec<OpenOrder>;
		/// What a market order for `units` on `side` would get now (before fees).
		fn quote(series: SeriesId, side: Side, units: u64) -> Quote;
		/// Where the order `{ series, side, price, id }` is (`OrderPlaced` gives the key).
		#[api_version(2)]
		fn order_status(series: SeriesId, side: Side, price: Balance, id: OrderId) -> OrderStatus;
	}

	/// AML monitoring: an account's flag and counters, for compliance officers and wallets.
	pub trait AmlApi<AccountId, BlockNumber> where AccountId: Codec, BlockNumber: Codec {
		/// `who`'s AML flag (if raised) and its rolling counters now.
		fn aml_account(who: AccountId) -> AmlAccount<BlockNumber>;
	}

	/// The pricing oracle: reference prices and their inputs.
	pub trait OracleApi {
		/// `series`' reference price, its freshness, the model's inputs now and the suggested
		/// price range.
		fn oracle_price(series: SeriesId) -> OracleView;
	}

	/// Wallet notifications: the coupon movements of a block that concern given accounts, and
	/// an account's coupons that expire soon. Called by the node's notification hub at each
	/// finalized block (see `docs/api.md`, "Notifications"). Version 2 adds issuers'
	/// announcements.
	#[api_version(2)]
	pub trait NotificationsApi<AccountId> where AccountId: Codec {
		/// The block's time and the coupon movements of this block (its events) that concern
		/// any of `accounts` (the first `MAX_NOTICE_ACCOUNTS`), in event order.
		fn coupon_notices(accounts: Vec<AccountId>) -> BlockCouponNotices<AccountId>;
		/// The block's time `now` and `who`'s holdings of series whose validity ends in
		/// `[max(from, now), now + within)` (ms since the Unix epoch; `within` is cut to
		/// `MAX_EXPIRY_WINDOW_MS`), expired series left out. `from = 0`: from now on.
		fn expiring_holdings(who: AccountId, from: Moment, within: Moment) -> ExpiringHoldings;
		/// The block's time and the announcement changes of this block (its events, all
		/// issuers), in event order.
		#[api_version(2)]
		fn announcement_notices() -> BlockAnnouncements<AccountId>;
		/// The announcements `issuer` keeps now, oldest first (none for a non-issuer).
		#[api_version(2)]
		fn announcements(issuer: AccountId) -> Vec<AnnouncementView>;
	}
}
