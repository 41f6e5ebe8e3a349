//! The notification hub: one task per node follows finalized blocks, reads what the watched
//! series' prices are **once per block** for all subscriptions together (not once per
//! subscriber), and hands each subscription its notifications through a bounded queue.
//!
//! Bounds (all in [`Limits`]): subscriptions per connection and per node, series per
//! subscription and series watched node-wide (the runtime calls a block costs), and each queue's
//! length. A subscription whose wallet reads too slowly for its queue is dropped: it ends with an
//! error notification, and the wallet subscribes again (prices are state: nothing is lost but
//! the moves in between).

use super::{
	price::{self, Point, PriceChange},
	PriceMoveJson,
};
use crate::{coupons::BAD_PARAMS, market::runtime_error};
use futures::{channel::mpsc, StreamExt};
use genex_primitives::{api::OracleApi, BlockNumber, OpaqueBlock as Block, SeriesId};
use jsonrpsee::types::error::ErrorObjectOwned;
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sp_api::{ApiError, ProvideRuntimeApi},
	sp_blockchain::HeaderBackend,
	sp_core::H256,
	sp_runtime::traits::Header as _,
};
use std::{
	collections::{BTreeMap, BTreeSet},
	sync::{Arc, Mutex, MutexGuard, PoisonError},
};

/// The node serves no more `genex_*` subscriptions: on this connection, or at all, or it
/// watches as many series as it will.
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
	/// Notifications queued for a subscription before it is dropped as lagging.
	pub queue: usize,
}

impl Default for Limits {
	fn default() -> Self {
		Self {
			per_connection: 16,
			per_node: 1_024,
			series_per_subscription: 32,
			watched_series: 128,
			queue: 64,
		}
	}
}

/// A price subscription: what it watches and what it last reported of each series.
struct PriceSubscription {
	connection: usize,
	threshold_bps: u32,
	last: Vec<(SeriesId, Point)>,
	queue: mpsc::Sender<PriceMoveJson>,
}

#[derive(Default)]
struct Subscriptions {
	next_id: u64,
	price: BTreeMap<u64, PriceSubscription>,
	per_connection: BTreeMap<usize, u32>,
}

impl Subscriptions {
	fn watched(&self) -> BTreeSet<SeriesId> {
		self.price.values().flat_map(|s| s.last.iter().map(|(series, _)| *series)).collect()
	}

	fn remove(&mut self, id: u64) {
		let Some(sub) = self.price.remove(&id) else { return };
		if let Some(count) = self.per_connection.get_mut(&sub.connection) {
			*count = count.saturating_sub(1);
			if *count == 0 {
				self.per_connection.remove(&sub.connection);
			}
		}
	}
}

/// The lock, also after a panic elsewhere: the map stays consistent (every change is one
/// statement).
fn lock(subs: &Mutex<Subscriptions>) -> MutexGuard<'_, Subscriptions> {
	subs.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A subscription's place in the hub: its first notifications, and the queue of the next.
/// Dropping it (the wallet unsubscribed or went away) removes the subscription.
pub struct Registration {
	id: u64,
	subs: Arc<Mutex<Subscriptions>>,
	/// The notifications to send first (one `Snapshot` per watched series).
	pub snapshot: Vec<PriceMoveJson>,
	/// The notifications of later blocks; ends when the hub dropped the subscription.
	pub updates: mpsc::Receiver<PriceMoveJson>,
}

impl Drop for Registration {
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

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message, None::<()>)
}

impl<C> Hub<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: OracleApi<Block>,
{
	/// A hub over `client` with `limits`.
	pub fn new(client: Arc<C>, limits: Limits) -> Arc<Self> {
		Arc::new(Self { client, limits, subs: Default::default() })
	}

	/// Follows finalized blocks until the node stops. GRANDPA may finalize several blocks at
	/// once: prices are read at the newest (they are state; the blocks in between add nothing
	/// a wallet needs).
	pub async fn run(self: Arc<Self>) {
		let mut finalized = self.client.finality_notification_stream();
		while let Some(notification) = finalized.next().await {
			self.on_finalized(notification.hash, *notification.header.number());
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

	fn on_finalized(&self, hash: H256, number: BlockNumber) {
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
			for (series, last) in sub.last.iter_mut() {
				let Some(now) = points.get(series).copied() else { continue };
				let Some((change, move_bps)) = price::change(*last, now, sub.threshold_bps) else {
					continue;
				};
				let item =
					PriceMoveJson::new(hash, number, *series, change, now, last.price, move_bps);
				*last = now;
				if sub.queue.try_send(item).is_err() {
					lagging.push(*id);
					break;
				}
			}
		}
		for id in lagging {
			subs.remove(id);
		}
	}

	/// Whether one more subscription of `connection` watching `series` fits the limits.
	fn check_room(
		&self,
		subs: &Subscriptions,
		connection: usize,
		series: &[SeriesId],
	) -> Result<(), ErrorObjectOwned> {
		let limits = &self.limits;
		if subs.price.len() >= limits.per_node as usize {
			return Err(error(
				TOO_MANY_SUBSCRIPTIONS,
				format!("the node holds {} genex subscriptions, its maximum", limits.per_node),
			));
		}
		if subs.per_connection.get(&connection).copied().unwrap_or(0) >= limits.per_connection {
			return Err(error(
				TOO_MANY_SUBSCRIPTIONS,
				format!(
					"this connection holds {} genex subscriptions, its maximum",
					limits.per_connection
				),
			));
		}
		let mut watched = subs.watched();
		watched.extend(series.iter().copied());
		if watched.len() > limits.watched_series as usize {
			return Err(error(
				TOO_MANY_SUBSCRIPTIONS,
				format!(
					"the node watches {} series for notifications, its maximum",
					limits.watched_series
				),
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
	) -> Result<Registration, ErrorObjectOwned> {
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
		let id = subs.next_id;
		subs.next_id = id.saturating_add(1);
		let count = subs.per_connection.entry(connection).or_default();
		*count = count.saturating_add(1);
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
}
