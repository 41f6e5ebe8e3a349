//! The notification hub: one task per node follows finalized blocks and, **once per block**
//! for all subscriptions together (not once per subscriber), reads what they watch: the watched
//! series' prices (one runtime call per series, at the newest finalized block), the watched
//! accounts' coupon movements (one runtime call, at every finalized block: none is skipped when
//! GRANDPA finalizes several at once), and the part of each expiry window that the block's time
//! moved into (one call per expiry subscription, a bucket read or two), and the block's
//! announcement changes (one runtime call, at every finalized block, when any wallet listens).
//! Each subscription gets its notifications through a bounded queue.
//!
//! Bounds (all in [`Limits`]): subscriptions per connection and per node, series and accounts
//! per subscription and watched node-wide (the runtime calls a block costs), the expiry window,
//! and each queue's length. A subscription whose wallet reads too slowly for its queue is
//! dropped: it ends with an error notification, and the wallet subscribes again.

use super::{
	announcements::{self, AnnouncementJson},
	coupons::{expiry_updates, CouponEventJson, ExpiringCouponJson, ExpiryChange, DAY_MS},
	price::{self, Point, PriceChange},
	PriceMoveJson,
};
use crate::coupons::{error, runtime_error, BAD_PARAMS};
use futures::{channel::mpsc, StreamExt};
use genex_primitives::{
	api::{NotificationsApi, OracleApi},
	notifications::{CouponNotice, ExpiringHoldings, MAX_EXPIRY_WINDOW_MS, MAX_NOTICE_ACCOUNTS},
	AccountId, BlockNumber, Moment, OpaqueBlock as Block, SeriesId,
};
use jsonrpsee::types::error::ErrorObjectOwned;
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sp_api::{ApiError, ApiExt, ProvideRuntimeApi},
	sp_blockchain::HeaderBackend,
	sp_core::H256,
	sp_runtime::traits::Header as _,
};
use std::{
	collections::{BTreeMap, BTreeSet},
	sync::{Arc, Mutex, MutexGuard, PoisonError},
};

/// The node serves no more `genex_*` subscriptions: on this connection, or at all, or it
/// watches as many series or accounts as it will.
pub const TOO_MANY_SUBSCRIPTIONS: i32 = 1004;

/// How much the hub takes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
	/// `genex_*` subscriptions one WebSocket connection may hold.
	pub per_connection: u32,
	/// `genex_*` subscriptions the node holds in all.
	pub per_node: u32,
	/// Series one price subscription may watch.
	pub series_per_subscription: u32,
	/// Distinct series watched node-wide: one runtime call each per finalized block.
	pub watched_series: u32,
	/// Accounts one coupon-event subscription may watch.
	pub accounts_per_subscription: u32,
	/// Distinct accounts watched node-wide (coupon events and expiry windows together).
	pub watched_accounts: u32,
	/// The longest expiry window, in days.
	pub max_within_days: u32,
	/// Distinct accounts one connection may watch (all its subscriptions together): a few
	/// connections cannot take the node's whole budget.
	pub accounts_per_connection: u32,
	/// Issuers one announcement subscription may name (none: every issuer).
	pub issuers_per_subscription: u32,
	/// Blocks of notifications queued for a subscription (one batch per block, whatever its
	/// size) before it is dropped as lagging.
	pub queue: usize,
}

impl Default for Limits {
	fn default() -> Self {
		Self {
			per_connection: 16,
			per_node: 1_024,
			series_per_subscription: 32,
			watched_series: 128,
			accounts_per_subscription: 16,
			watched_accounts: MAX_NOTICE_ACCOUNTS,
			max_within_days: 3_660,
			accounts_per_connection: 64,
			issuers_per_subscription: 16,
			queue: 64,
		}
	}
}

/// A price subscription: what it watches and what it last reported of each series.
struct PriceSubscription {
	connection: usize,
	threshold_bps: u32,
	last: Vec<(SeriesId, Point)>,
	queue: mpsc::Sender<Vec<PriceMoveJson>>,
}

/// A coupon-event subscription: the accounts it watches.
struct EventSubscription {
	connection: usize,
	accounts: BTreeSet<AccountId>,
	queue: mpsc::Sender<Vec<CouponEventJson>>,
}

/// An expiry subscription: the account, the window's length and how far it has been scanned.
struct ExpirySubscription {
	connection: usize,
	account: AccountId,
	within: Moment,
	until: Moment,
	queue: mpsc::Sender<Vec<ExpiringCouponJson>>,
}

/// An announcement subscription: the issuers it watches (every issuer when empty).
struct AnnouncementSubscription {
	connection: usize,
	issuers: BTreeSet<AccountId>,
	queue: mpsc::Sender<Vec<AnnouncementJson>>,
}

#[derive(Default)]
struct Subscriptions {
	next_id: u64,
	price: BTreeMap<u64, PriceSubscription>,
	events: BTreeMap<u64, EventSubscription>,
	expiry: BTreeMap<u64, ExpirySubscription>,
	announcements: BTreeMap<u64, AnnouncementSubscription>,
	per_connection: BTreeMap<usize, u32>,
}

impl Subscriptions {
	fn total(&self) -> usize {
		self.price
			.len()
			.saturating_add(self.events.len())
			.saturating_add(self.expiry.len())
			.saturating_add(self.announcements.len())
	}

	fn watched(&self) -> BTreeSet<SeriesId> {
		self.price.values().flat_map(|s| s.last.iter().map(|(series, _)| *series)).collect()
	}

	fn watched_accounts(&self) -> BTreeSet<AccountId> {
		self.accounts_of(None)
	}

	/// The accounts watched by `connection`'s subscriptions (all connections' for `None`).
	fn accounts_of(&self, connection: Option<usize>) -> BTreeSet<AccountId> {
		let mine = |c: usize| connection.is_none_or(|own| own == c);
		self.events
			.values()
			.filter(|s| mine(s.connection))
			.flat_map(|s| s.accounts.iter().cloned())
			.chain(self.expiry.values().filter(|s| mine(s.connection)).map(|s| s.account.clone()))
			.collect()
	}

	fn remove(&mut self, id: u64) {
		let connection = if let Some(sub) = self.price.remove(&id) {
			sub.connection
		} else if let Some(sub) = self.events.remove(&id) {
			sub.connection
		} else if let Some(sub) = self.expiry.remove(&id) {
			sub.connection
		} else if let Some(sub) = self.announcements.remove(&id) {
			sub.connection
		} else {
			return;
		};
		if let Some(count) = self.per_connection.get_mut(&connection) {
			*count = count.saturating_sub(1);
			if *count == 0 {
				self.per_connection.remove(&connection);
			}
		}
	}

	/// A new id, counted against `connection`.
	fn register(&mut self, connection: usize) -> u64 {
		let id = self.next_id;
		self.next_id = id.saturating_add(1);
		let count = self.per_connection.entry(connection).or_default();
		*count = count.saturating_add(1);
		id
	}
}

/// The lock, also after a panic elsewhere: the map stays consistent (every change is one
/// statement).
fn lock(subs: &Mutex<Subscriptions>) -> MutexGuard<'_, Subscriptions> {
	subs.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A subscription's place in the hub: its first notifications, and the queue of the next.
/// Dropping it (the wallet unsubscribed or went away) removes the subscription.
pub struct Registration<T> {
	id: u64,
	subs: Arc<Mutex<Subscriptions>>,
	/// The notifications to send first (the state when the subscription started).
	pub snapshot: Vec<T>,
	/// The notifications of later blocks, one batch per block (however many a block has);
	/// ends when the hub dropped the subscription.
	pub updates: mpsc::Receiver<Vec<T>>,
}

impl<T> Drop for Registration<T> {
	fn drop(&mut self) {
		lock(&self.subs).remove(self.id);
	}
}

/// The hub. Create it once per node ([`Hub::new`]), spawn [`Hub::run`], and give it to the RPC
/// module ([`crate::FullDeps`]).
pub struct Hub<C> {
	client: Arc<C>,
	limits: Limits,
	subs: Arc<Mutex<Subscriptions>>,
}

fn too_many(what: &str, most: impl std::fmt::Display) -> ErrorObjectOwned {
	error(TOO_MANY_SUBSCRIPTIONS, format!("{what} {most}, its maximum"))
}

/// Queues a block's `items` (nothing when there are none); false when the queue is full (the
/// subscription lags).
fn send<T>(queue: &mut mpsc::Sender<Vec<T>>, items: Vec<T>) -> bool {
	items.is_empty() || queue.try_send(items).is_ok()
}

impl<C> Hub<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: OracleApi<Block> + NotificationsApi<Block, AccountId>,
{
	/// A hub over `client` with `limits`.
	pub fn new(client: Arc<C>, limits: Limits) -> Arc<Self> {
		Arc::new(Self { client, limits, subs: Default::default() })
	}

	/// Follows finalized blocks until the node stops. GRANDPA may finalize several blocks at
	/// once: coupon movements and announcements are read at each of them, in order; prices at
	/// the newest only (they are state; the blocks in between add nothing a wallet needs).
	pub async fn run(self: Arc<Self>) {
		let mut finalized = self.client.finality_notification_stream();
		while let Some(notification) = finalized.next().await {
			for hash in notification.tree_route.iter() {
				match self.client.number(*hash) {
					Ok(Some(number)) => {
						self.on_coupons(*hash, number);
						self.on_announcements(*hash, number);
					},
					other => log::warn!(
						target: "genex-rpc",
						"coupon notifications skip block {hash}: no header ({other:?})"
					),
				}
			}
			let number = *notification.header.number();
			self.on_coupons(notification.hash, number);
			self.on_announcements(notification.hash, number);
			self.on_prices(notification.hash, number);
		}
	}

	/// The reference point of each of `series` at block `at`.
	fn points(
		&self,
		at: H256,
		series: impl IntoIterator<Item = SeriesId>,
	) -> Result<BTreeMap<SeriesId, Point>, ApiError> {
		let api = self.client.runtime_api();
		series
			.into_iter()
			.map(|s| {
				let view = api.oracle_price(at, s)?;
				Ok((s, Point { price: view.price, status: view.status }))
			})
			.collect()
	}

	fn on_prices(&self, hash: H256, number: BlockNumber) {
		let watched = lock(&self.subs).watched();
		if watched.is_empty() {
			return;
		}
		let points = match self.points(hash, watched) {
			Ok(points) => points,
			Err(e) => {
				log::warn!(target: "genex-rpc", "price notifications skip block #{number}: {e}");
				return;
			},
		};
		let mut subs = lock(&self.subs);
		let mut lagging = Vec::new();
		for (id, sub) in subs.price.iter_mut() {
			let mut items = Vec::new();
			for (series, last) in sub.last.iter_mut() {
				let Some(now) = points.get(series).copied() else { continue };
				let Some((change, move_bps)) = price::change(*last, now, sub.threshold_bps) else {
					continue;
				};
				items.push(PriceMoveJson::new(
					hash, number, *series, change, now, last.price, move_bps,
				));
				*last = now;
			}
			if !send(&mut sub.queue, items) {
				lagging.push(*id);
			}
		}
		for id in lagging {
			subs.remove(id);
		}
	}

	/// Coupon movements and expiry windows at block `number` (`hash`).
	fn on_coupons(&self, hash: H256, number: BlockNumber) {
		let accounts = lock(&self.subs).watched_accounts();
		if accounts.is_empty() {
			return;
		}
		let api = self.client.runtime_api();
		let block = match api.coupon_notices(hash, accounts.into_iter().collect()) {
			Ok(block) => block,
			Err(e) => {
				log::warn!(target: "genex-rpc", "coupon notifications skip block #{number}: {e}");
				return;
			},
		};
		// The part of each expiry window this block's time moved into, read outside the lock.
		let due: Vec<(u64, AccountId, Moment, Moment)> = lock(&self.subs)
			.expiry
			.iter()
			.filter(|(_, s)| block.now.saturating_add(s.within) > s.until)
			.map(|(id, s)| (*id, s.account.clone(), s.until, s.within))
			.collect();
		let mut scans = BTreeMap::new();
		for (id, account, until, within) in due {
			// From the old end of the window: `expiring_holdings` starts at `max(from, now)`.
			match api.expiring_holdings(hash, account, until, within) {
				Ok(found) => {
					scans.insert(id, (until, found));
				},
				Err(e) => log::warn!(
					target: "genex-rpc",
					"expiry notifications skip block #{number} for one subscription: {e}"
				),
			}
		}
		let mut subs = lock(&self.subs);
		let mut lagging = Vec::new();
		for (id, sub) in subs.events.iter_mut() {
			let items = block
				.notices
				.iter()
				.filter(|n| sub.accounts.contains(&n.account))
				.map(|n| CouponEventJson::new(hash, number, n.clone()))
				.collect();
			if !send(&mut sub.queue, items) {
				lagging.push(*id);
			}
		}
		for (id, sub) in subs.expiry.iter_mut() {
			let mine: Vec<CouponNotice<AccountId>> =
				block.notices.iter().filter(|n| n.account == sub.account).cloned().collect();
			let scanned_to = sub.until;
			let entered = match scans.remove(id) {
				// Scanned from the end this subscription still has (not changed meanwhile).
				Some((from, found)) if from == sub.until => {
					sub.until = found.now.saturating_add(sub.within);
					found.holdings
				},
				_ => Vec::new(),
			};
			let items = expiry_updates(&mine, block.now, scanned_to, &entered)
				.into_iter()
				.map(|(series, change, held, valid_until)| ExpiringCouponJson {
					block: hash,
					block_number: number,
					now: block.now,
					account: sub.account.clone(),
					series,
					change,
					held,
					valid_until,
				})
				.collect();
			if !send(&mut sub.queue, items) {
				lagging.push(*id);
			}
		}
		for id in lagging {
			subs.remove(id);
		}
	}

	/// The announcement changes of block `number` (`hash`), to the subscriptions watching
	/// their issuers.
	fn on_announcements(&self, hash: H256, number: BlockNumber) {
		if lock(&self.subs).announcements.is_empty() {
			return;
		}
		let api = self.client.runtime_api();
		// Blocks of a runtime before announcements (`NotificationsApi` version 1) have none.
		match api.api_version::<dyn NotificationsApi<Block, AccountId>>(hash) {
			Ok(Some(version)) if version >= 2 => {},
			_ => return,
		}
		let block = match api.announcement_notices(hash) {
			Ok(block) => block,
			Err(e) => {
				log::warn!(target: "genex-rpc", "announcements skip block #{number}: {e}");
				return;
			},
		};
		if block.notices.is_empty() {
			return;
		}
		let mut subs = lock(&self.subs);
		let mut lagging = Vec::new();
		for (id, sub) in subs.announcements.iter_mut() {
			let items = block
				.notices
				.iter()
				.filter(|n| announcements::watches(&sub.issuers, n))
				.map(|n| AnnouncementJson::new(hash, number, block.now, n))
				.collect();
			if !send(&mut sub.queue, items) {
				lagging.push(*id);
			}
		}
		for id in lagging {
			subs.remove(id);
		}
	}

	/// Whether one more subscription of `connection` fits the per-node and per-connection
	/// limits.
	fn check_counts(
		&self,
		subs: &Subscriptions,
		connection: usize,
	) -> Result<(), ErrorObjectOwned> {
		let limits = &self.limits;
		if subs.total() >= limits.per_node as usize {
			return Err(too_many("the node holds genex subscriptions:", limits.per_node));
		}
		if subs.per_connection.get(&connection).copied().unwrap_or(0) >= limits.per_connection {
			return Err(too_many(
				"this connection holds genex subscriptions:",
				limits.per_connection,
			));
		}
		Ok(())
	}

	/// Whether one more subscription of `connection` watching `series` fits the limits.
	fn check_room(
		&self,
		subs: &Subscriptions,
		connection: usize,
		series: &[SeriesId],
	) -> Result<(), ErrorObjectOwned> {
		self.check_counts(subs, connection)?;
		let mut watched = subs.watched();
		watched.extend(series.iter().copied());
		if watched.len() > self.limits.watched_series as usize {
			return Err(too_many(
				"the node watches series for notifications:",
				self.limits.watched_series,
			));
		}
		Ok(())
	}

	/// Whether one more subscription of `connection` watching `accounts` fits the limits.
	fn check_account_room(
		&self,
		subs: &Subscriptions,
		connection: usize,
		accounts: &BTreeSet<AccountId>,
	) -> Result<(), ErrorObjectOwned> {
		self.check_counts(subs, connection)?;
		let mut watched = subs.watched_accounts();
		watched.extend(accounts.iter().cloned());
		if watched.len() > self.limits.watched_accounts as usize {
			return Err(too_many(
				"the node watches accounts for notifications:",
				self.limits.watched_accounts,
			));
		}
		let mut own = subs.accounts_of(Some(connection));
		own.extend(accounts.iter().cloned());
		if own.len() > self.limits.accounts_per_connection as usize {
			return Err(too_many(
				"this connection watches accounts for notifications:",
				self.limits.accounts_per_connection,
			));
		}
		Ok(())
	}

	/// Registers a price subscription of `connection` for `series` (duplicates ignored) with a
	/// threshold of `threshold_bps` basis points, its snapshot read at the last finalized block.
	pub fn subscribe_price_moves(
		&self,
		connection: usize,
		mut series: Vec<SeriesId>,
		threshold_bps: u32,
	) -> Result<Registration<PriceMoveJson>, ErrorObjectOwned> {
		series.sort_unstable();
		series.dedup();
		let most = self.limits.series_per_subscription;
		if series.is_empty() || series.len() > most as usize {
			return Err(error(BAD_PARAMS, format!("watch 1 to {most} series")));
		}
		if threshold_bps == 0 || u128::from(threshold_bps) > price::BPS {
			return Err(error(
				BAD_PARAMS,
				format!("thresholdBps must be 1 to {} (basis points)", price::BPS),
			));
		}
		// Checked before the runtime calls (cheap refusal), and again under the lock below.
		self.check_room(&lock(&self.subs), connection, &series)?;
		let info = self.client.info();
		let (hash, number) = (info.finalized_hash, info.finalized_number);
		let points = self.points(hash, series.iter().copied()).map_err(runtime_error)?;
		let snapshot = points
			.iter()
			.map(|(s, p)| {
				PriceMoveJson::new(hash, number, *s, PriceChange::Snapshot, *p, None, None)
			})
			.collect();
		let (queue, updates) = mpsc::channel(self.limits.queue);
		let mut subs = lock(&self.subs);
		self.check_room(&subs, connection, &series)?;
		let id = subs.register(connection);
		subs.price.insert(
			id,
			PriceSubscription {
				connection,
				threshold_bps,
				last: points.into_iter().collect(),
				queue,
			},
		);
		drop(subs);
		Ok(Registration { id, subs: self.subs.clone(), snapshot, updates })
	}

	/// Registers a coupon-event subscription of `connection` for `accounts` (duplicates
	/// ignored): the movements of their coupons from the next finalized block on.
	pub fn subscribe_coupon_events(
		&self,
		connection: usize,
		accounts: Vec<AccountId>,
	) -> Result<Registration<CouponEventJson>, ErrorObjectOwned> {
		let accounts: BTreeSet<AccountId> = accounts.into_iter().collect();
		let most = self.limits.accounts_per_subscription;
		if accounts.is_empty() || accounts.len() > most as usize {
			return Err(error(BAD_PARAMS, format!("watch 1 to {most} accounts")));
		}
		let (queue, updates) = mpsc::channel(self.limits.queue);
		let mut subs = lock(&self.subs);
		self.check_account_room(&subs, connection, &accounts)?;
		let id = subs.register(connection);
		subs.events.insert(id, EventSubscription { connection, accounts, queue });
		drop(subs);
		Ok(Registration { id, subs: self.subs.clone(), snapshot: Vec::new(), updates })
	}

	/// Registers an expiry subscription of `connection` for `account`'s coupons whose validity
	/// ends within `within_days` days, its snapshot read at the last finalized block.
	pub fn subscribe_expiring_coupons(
		&self,
		connection: usize,
		account: AccountId,
		within_days: u32,
	) -> Result<Registration<ExpiringCouponJson>, ErrorObjectOwned> {
		let most = self.limits.max_within_days;
		if within_days == 0 || within_days > most {
			return Err(error(BAD_PARAMS, format!("withinDays must be 1 to {most}")));
		}
		let within = DAY_MS.saturating_mul(Moment::from(within_days)).min(MAX_EXPIRY_WINDOW_MS);
		let accounts = BTreeSet::from([account.clone()]);
		self.check_account_room(&lock(&self.subs), connection, &accounts)?;
		let info = self.client.info();
		let (hash, number) = (info.finalized_hash, info.finalized_number);
		let ExpiringHoldings { now, holdings } = self
			.client
			.runtime_api()
			.expiring_holdings(hash, account.clone(), 0, within)
			.map_err(runtime_error)?;
		let snapshot = holdings
			.into_iter()
			.map(|h| ExpiringCouponJson {
				block: hash,
				block_number: number,
				now,
				account: account.clone(),
				series: h.series,
				change: ExpiryChange::Snapshot,
				held: h.held,
				valid_until: h.valid_until,
			})
			.collect();
		let (queue, updates) = mpsc::channel(self.limits.queue);
		let mut subs = lock(&self.subs);
		self.check_account_room(&subs, connection, &accounts)?;
		let id = subs.register(connection);
		let until = now.saturating_add(within);
		subs.expiry.insert(id, ExpirySubscription { connection, account, within, until, queue });
		drop(subs);
		Ok(Registration { id, subs: self.subs.clone(), snapshot, updates })
	}

	/// Registers an announcement subscription of `connection` for `issuers` (duplicates
	/// ignored; none: every issuer): first the announcements the named issuers keep, read at
	/// the last finalized block, then each change from the next finalized block on.
	pub fn subscribe_announcements(
		&self,
		connection: usize,
		issuers: Vec<AccountId>,
	) -> Result<Registration<AnnouncementJson>, ErrorObjectOwned> {
		let issuers: BTreeSet<AccountId> = issuers.into_iter().collect();
		let most = self.limits.issuers_per_subscription;
		if issuers.len() > most as usize {
			return Err(error(BAD_PARAMS, format!("name 0 (every issuer) to {most} issuers")));
		}
		self.check_counts(&lock(&self.subs), connection)?;
		let info = self.client.info();
		let (hash, number) = (info.finalized_hash, info.finalized_number);
		let api = self.client.runtime_api();
		let mut snapshot = Vec::new();
		if !issuers.is_empty() {
			let now = api.announcement_notices(hash).map_err(runtime_error)?.now;
			for issuer in &issuers {
				let kept = api.announcements(hash, issuer.clone()).map_err(runtime_error)?;
				snapshot.extend(
					kept.into_iter()
						.map(|view| AnnouncementJson::snapshot(hash, number, now, issuer, view)),
				);
			}
		}
		let (queue, updates) = mpsc::channel(self.limits.queue);
		let mut subs = lock(&self.subs);
		self.check_counts(&subs, connection)?;
		let id = subs.register(connection);
		subs.announcements.insert(id, AnnouncementSubscription { connection, issuers, queue });
		drop(subs);
		Ok(Registration { id, subs: self.subs.clone(), snapshot, updates })
	}
}
