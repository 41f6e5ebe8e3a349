//! Notifications a wallet keeps open over its WebSocket connection (SRS 3.6.3), as JSON-RPC
//! subscriptions read at **finalized** blocks:
//!
//! | subscribe / unsubscribe | notification | what |
//! |---|---|---|
//! | `genex_subscribePriceMoves(series, thresholdBps)` / `genex_unsubscribePriceMoves(id)` | `genex_priceMove` | a watched series' reference price moved by at least `thresholdBps` since the last notification, or its oracle status changed |
//! | `genex_subscribeCouponEvents(accounts)` / `genex_unsubscribeCouponEvents(id)` | `genex_couponEvent` | a watched account's coupons moved: received, sent, bought, sold, redeemed, refunded, recalled, minted |
//! | `genex_subscribeExpiringCoupons(account, withinDays)` / `genex_unsubscribeExpiringCoupons(id)` | `genex_couponExpiring` | the account holds coupons whose validity ends within `withinDays` days: when the window reaches them, and when such a holding changes |
//! | `genex_subscribeAnnouncements(issuers)` / `genex_unsubscribeAnnouncements(id)` | `genex_announcement` | the named issuers (every issuer for `[]`) published, retracted or lost an announcement |
//!
//! Price, expiry and announcement subscriptions first send the current state (`change:
//! "Snapshot"`; announcements only for named issuers), then changes; coupon events start at the
//! next finalized block. One node task ([`Hub`]) reads the
//! watched state once per finalized block for all subscribers.
//! Limits and errors: [`Limits`]; `1003` bad parameters, `1004` too many subscriptions, `1000`
//! a runtime call failed. A wallet that reads too slowly is dropped with an error notification
//! and subscribes again.

pub mod announcements;
pub mod coupons;
mod hub;
pub mod price;

pub use announcements::{AnnouncementJson, AnnouncementKind};
pub use coupons::{CouponEventJson, ExpiringCouponJson, ExpiryChange};
pub use hub::{Hub, Limits, Registration, TOO_MANY_SUBSCRIPTIONS};
use price::{Point, PriceChange};

use futures::{future::Either, StreamExt};
use genex_primitives::{
	api::{NotificationsApi, OracleApi},
	AccountId, Balance, BlockNumber, OpaqueBlock as Block, PriceStatus, SeriesId,
};
use jsonrpsee::{
	core::{async_trait, SubscriptionResult},
	proc_macros::rpc,
	PendingSubscriptionSink, SubscriptionMessage,
};
use polkadot_sdk::{
	sc_client_api::BlockchainEvents, sp_api::ProvideRuntimeApi, sp_blockchain::HeaderBackend,
	sp_core::H256,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A `genex_priceMove` notification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct PriceMoveJson {
	/// The finalized block the price was read at.
	pub block: H256,
	/// Its number.
	pub block_number: BlockNumber,
	/// The series.
	pub series: SeriesId,
	/// `Snapshot` (the first notification), `Moved` or `StatusChanged`.
	pub change: PriceChange,
	/// The oracle's status: `Fresh`, `NoQuorum`, `Stale` or `NoSubmissions`.
	pub status: PriceStatus,
	/// The reference price when `status` is `Fresh` (smallest unit, decimal string).
	pub price: Option<String>,
	/// The price the previous notification of this series reported (null in a snapshot).
	pub previous: Option<String>,
	/// For `Moved`: the move from `previous` in basis points, negative when the price fell
	/// (null from a zero price).
	pub move_bps: Option<i64>,
}

impl PriceMoveJson {
	/// The notification of `series` at block `number` (`block`).
	pub fn new(
		block: H256,
		block_number: BlockNumber,
		series: SeriesId,
		change: PriceChange,
		now: Point,
		previous: Option<Balance>,
		move_bps: Option<i64>,
	) -> Self {
		Self {
			block,
			block_number,
			series,
			change,
			status: now.status,
			price: now.price.map(|p| p.to_string()),
			previous: previous.map(|p| p.to_string()),
			move_bps,
		}
	}
}

/// The notification subscriptions.
#[rpc(client, server)]
pub trait NotificationsRpc {
	/// Notifies when a reference price of `series` (1 to 32 series) moves by at least
	/// `threshold_bps` basis points (1 to 10,000) since the last notification of that series,
	/// or when its oracle status changes; first one `Snapshot` per series.
	#[subscription(
		name = "genex_subscribePriceMoves" => "genex_priceMove",
		unsubscribe = "genex_unsubscribePriceMoves",
		item = PriceMoveJson
	)]
	async fn subscribe_price_moves(
		&self,
		series: Vec<SeriesId>,
		threshold_bps: u32,
	) -> SubscriptionResult;

	/// Notifies each movement of the coupons of `accounts` (1 to 16, SS58) in finalized blocks:
	/// received, sent, bought, sold, redeemed (with the merchant), refunded, recalled, minted;
	/// with the holding after the block. No snapshot: from the next finalized block on.
	#[subscription(
		name = "genex_subscribeCouponEvents" => "genex_couponEvent",
		unsubscribe = "genex_unsubscribeCouponEvents",
		item = CouponEventJson
	)]
	async fn subscribe_coupon_events(&self, accounts: Vec<AccountId>) -> SubscriptionResult;

	/// Notifies `account`'s (SS58) holdings of series whose validity ends within
	/// `within_days` days (1 to 3,660): first one `Snapshot` per such holding, then `Entered`
	/// when the moving window reaches a series it holds, and `Changed` when a holding inside
	/// the window changes (zero when the last unit left).
	#[subscription(
		name = "genex_subscribeExpiringCoupons" => "genex_couponExpiring",
		unsubscribe = "genex_unsubscribeExpiringCoupons",
		item = ExpiringCouponJson
	)]
	async fn subscribe_expiring_coupons(
		&self,
		account: AccountId,
		within_days: u32,
	) -> SubscriptionResult;

	/// Notifies issuers' announcements: `issuers` (0 to 16, SS58; `[]` for every issuer).
	/// First one `Snapshot` per announcement the named issuers keep, then each change in
	/// finalized blocks: `Published` (with the text), `Retracted`, `Replaced` (an issuer keeps
	/// its last 16) or `Removed` (by the compliance committee).
	#[subscription(
		name = "genex_subscribeAnnouncements" => "genex_announcement",
		unsubscribe = "genex_unsubscribeAnnouncements",
		item = AnnouncementJson
	)]
	async fn subscribe_announcements(&self, issuers: Vec<AccountId>) -> SubscriptionResult;
}

/// The notifications RPC handler.
pub struct Notifications<C> {
	hub: Arc<Hub<C>>,
}

impl<C> Notifications<C> {
	/// A handler over the node's `hub`.
	pub fn new(hub: Arc<Hub<C>>) -> Self {
		Self { hub }
	}
}

/// Sends `registration`'s snapshot, then its updates, until the wallet unsubscribes or
/// disconnects (`Ok`) or the hub dropped it as lagging (`Err`: an error notification).
async fn forward<T: Serialize>(
	pending: PendingSubscriptionSink,
	registration: Result<Registration<T>, jsonrpsee::types::ErrorObjectOwned>,
) -> SubscriptionResult {
	let mut registration = match registration {
		Ok(registration) => registration,
		Err(e) => {
			pending.reject(e).await;
			return Ok(());
		},
	};
	let sink = pending.accept().await?;
	for item in std::mem::take(&mut registration.snapshot) {
		sink.send(SubscriptionMessage::from_json(&item)?).await?;
	}
	loop {
		match futures::future::select(registration.updates.next(), Box::pin(sink.closed())).await {
			Either::Left((Some(items), _)) => {
				for item in items {
					sink.send(SubscriptionMessage::from_json(&item)?).await?
				}
			},
			Either::Left((None, _)) => {
				return Err(
					"lagged: the wallet read notifications too slowly; subscribe again".into()
				)
			},
			Either::Right(_) => return Ok(()),
		}
	}
}

#[async_trait]
impl<C> NotificationsRpcServer for Notifications<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: OracleApi<Block> + NotificationsApi<Block, AccountId>,
{
	async fn subscribe_price_moves(
		&self,
		pending: PendingSubscriptionSink,
		series: Vec<SeriesId>,
		threshold_bps: u32,
	) -> SubscriptionResult {
		let connection = pending.connection_id().0;
		forward(pending, self.hub.subscribe_price_moves(connection, series, threshold_bps)).await
	}

	async fn subscribe_coupon_events(
		&self,
		pending: PendingSubscriptionSink,
		accounts: Vec<AccountId>,
	) -> SubscriptionResult {
		let connection = pending.connection_id().0;
		forward(pending, self.hub.subscribe_coupon_events(connection, accounts)).await
	}

	async fn subscribe_expiring_coupons(
		&self,
		pending: PendingSubscriptionSink,
		account: AccountId,
		within_days: u32,
	) -> SubscriptionResult {
		let connection = pending.connection_id().0;
		forward(pending, self.hub.subscribe_expiring_coupons(connection, account, within_days))
			.await
	}

	async fn subscribe_announcements(
		&self,
		pending: PendingSubscriptionSink,
		issuers: Vec<AccountId>,
	) -> SubscriptionResult {
		let connection = pending.connection_id().0;
		forward(pending, self.hub.subscribe_announcements(connection, issuers)).await
	}
}
