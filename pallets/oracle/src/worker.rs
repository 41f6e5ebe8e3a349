//! The feeders' off-chain worker. On every imported block, a node holding a registered feeder
//! key (key type `orcl`):
//!
//! 1. fetches the optional external index once (URL in the node's persistent off-chain storage
//!    under [`FEED_URL_KEY`]; a deadline of `http_timeout_ms`; any failure means no index);
//! 2. takes the next batch of `batch_size` series ids from its rotating cursor
//!    ([`CURSOR_KEY`]), wrapping at the newest series: the work per block is bounded;
//! 3. prices each active series ([`crate::pricing`]) and, for each of its feeder keys that has
//!    not yet submitted the series in the period of the next block (where the transaction is
//!    checked and included), signs ([`Pallet::signing_payload`]: the submission and this
//!    chain's genesis hash) and submits an authorized `submit_price` transaction.
//!    Expired, delisted and unknown ids are skipped.

use crate::{
	Call, Config, Feeders, OracleParams, Pallet, Params, Period, PriceSubmission, Submissions,
	LOG_TARGET,
};
use alloc::vec::Vec;
use genex_primitives::{CouponLedger, SeriesId};
use polkadot_sdk::{
	frame_system::{
		offchain::{CreateAuthorizedTransaction, SubmitTransaction},
		pallet_prelude::BlockNumberFor,
	},
	sp_io,
	sp_runtime::{
		offchain::{
			http,
			storage::{MutateStorageError, StorageRetrievalError, StorageValueRef},
			Duration,
		},
		RuntimeAppPublic,
	},
};

/// Persistent off-chain storage key of the external index's URL (set per node, e.g. with the
/// `offchain_localStorageSet` RPC; absent: no index).
pub const FEED_URL_KEY: &[u8] = b"genex-oracle::feed-url";
/// Persistent off-chain storage key of the worker's rotating cursor (the next series id).
pub const CURSOR_KEY: &[u8] = b"genex-oracle::cursor";
/// Most bytes read from the external index's answer.
pub const MAX_FEED_BYTES: usize = 32;

/// Why the external index was not used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FeedError {
	/// The URL is not UTF-8.
	BadUrl,
	/// The request could not be sent or failed.
	Io,
	/// No answer before the deadline.
	Timeout,
	/// The answer's status was not 200.
	Status(u16),
	/// The answer is not a whole number of parts per million.
	Parse,
}

/// What one worker run did.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WorkerReport {
	/// Series ids looked at.
	pub visited: Vec<SeriesId>,
	/// Series priced.
	pub priced: u32,
	/// Transactions handed to the pool.
	pub submitted: u32,
	/// Submissions skipped: this period's already on chain.
	pub rate_limited: u32,
	/// The external index, or why there was none (`Ok(None)`: no URL set).
	pub index: Result<Option<u32>, FeedError>,
}

impl<T: Config> Pallet<T> {
	/// The worker's entry point (see the module docs).
	pub(crate) fn run_worker(block: BlockNumberFor<T>) {
		let report = Self::work();
		if !report.visited.is_empty() {
			log::debug!(
				target: LOG_TARGET,
				"block {:?}: visited {} series, priced {}, submitted {}, rate-limited {}, index {:?}",
				block,
				report.visited.len(),
				report.priced,
				report.submitted,
				report.rate_limited,
				report.index,
			);
		}
	}

	/// This node's registered feeder keys.
	pub fn local_feeders() -> Vec<T::AuthorityId> {
		let feeders = Feeders::<T>::get();
		T::AuthorityId::all().into_iter().filter(|key| feeders.binary_search(key).is_ok()).collect()
	}

	/// One run: price the next batch and submit. Does nothing without a registered local key.
	pub fn work() -> WorkerReport {
		let mut report = WorkerReport {
			visited: Vec::new(),
			priced: 0,
			submitted: 0,
			rate_limited: 0,
			index: Ok(None),
		};
		let keys = Self::local_feeders();
		if keys.is_empty() {
			return report;
		}
		let params = Params::<T>::get();
		// The worker runs on block `n`; its transactions are checked in, and go into, `n + 1`.
		let period = Self::period_of(Self::block().saturating_add(1), &params);
		let now = Self::now();
		report.index = Self::fetch_index(&params);
		if let Err(e) = report.index {
			log::warn!(target: LOG_TARGET, "external index unavailable ({e:?}): on-chain inputs only");
		}
		let index = report.index.ok().flatten();
		report.visited = Self::next_batch(&params);
		for &series in &report.visited {
			let inputs = match Self::price_inputs(series, now, &params, index) {
				Ok(inputs) if inputs.price > 0 => inputs,
				_ => continue,
			};
			report.priced = report.priced.saturating_add(1);
			let on_chain = Submissions::<T>::get(series);
			for key in &keys {
				let done = on_chain
					.iter()
					.any(|s| &s.feeder == key && Self::period_of(s.at, &params) == period);
				if done {
					report.rate_limited = report.rate_limited.saturating_add(1);
					continue;
				}
				if Self::submit(series, inputs.price, period, key) {
					report.submitted = report.submitted.saturating_add(1);
				}
			}
		}
		report
	}

	/// Sign and hand one submission to the pool; `false` (logged) if either fails.
	fn submit(
		series: SeriesId,
		price: genex_primitives::Balance,
		period: Period,
		key: &T::AuthorityId,
	) -> bool {
		let submission = PriceSubmission { series, price, period, feeder: key.clone() };
		// Bound to this chain's genesis hash, as the chain verifies it.
		let Some(signature) = key.sign(&Self::signing_payload(&submission)) else {
			log::warn!(target: LOG_TARGET, "could not sign with feeder key {key:?}");
			return false;
		};
		let call = Call::<T>::submit_price { submission, signature };
		let xt =
			<T as CreateAuthorizedTransaction<Call<T>>>::create_authorized_transaction(call.into());
		match SubmitTransaction::<T, Call<T>>::submit_transaction(xt) {
			Ok(()) => true,
			Err(()) => {
				log::debug!(target: LOG_TARGET, "pool refused series {series} price {price}");
				false
			},
		}
	}

	/// The next `batch_size` series ids after this node's cursor, wrapping at the newest series;
	/// advances the cursor. Empty when there is no series.
	pub fn next_batch(params: &OracleParams) -> Vec<SeriesId> {
		let end = T::Coupons::next_series_id();
		if end == 0 {
			return Vec::new();
		}
		let take = SeriesId::from(params.batch_size).min(end);
		let cursor = StorageValueRef::persistent(CURSOR_KEY);
		let mut batch = Vec::new();
		let res = cursor.mutate(
			|last: Result<Option<SeriesId>, StorageRetrievalError>| -> Result<SeriesId, ()> {
				batch.clear();
				let start = match last {
					Ok(Some(next)) if next < end => next,
					_ => 0,
				};
				let mut id = start;
				for _ in 0..take {
					batch.push(id);
					id = id.saturating_add(1);
					if id >= end {
						id = 0;
					}
				}
				Ok(id)
			},
		);
		match res {
			Ok(_) => batch,
			// Another worker moved the cursor at the same time: let it do this batch.
			Err(MutateStorageError::ConcurrentModification(_))
			| Err(MutateStorageError::ValueFunctionFailed(())) => Vec::new(),
		}
	}

	/// The external index, in parts per million, from the URL in this node's off-chain storage.
	/// `Ok(None)` without a URL.
	pub fn fetch_index(params: &OracleParams) -> Result<Option<u32>, FeedError> {
		let Ok(Some(url)) = StorageValueRef::persistent(FEED_URL_KEY).get::<Vec<u8>>() else {
			return Ok(None);
		};
		let url = core::str::from_utf8(&url).map_err(|_| FeedError::BadUrl)?;
		let deadline =
			sp_io::offchain::timestamp().add(Duration::from_millis(params.http_timeout_ms));
		let pending =
			http::Request::get(url).deadline(deadline).send().map_err(|_| FeedError::Io)?;
		let response =
			pending.try_wait(deadline).map_err(|_| FeedError::Timeout)?.map_err(|e| match e {
				http::Error::DeadlineReached => FeedError::Timeout,
				_ => FeedError::Io,
			})?;
		if response.code != 200 {
			return Err(FeedError::Status(response.code));
		}
		let body: Vec<u8> = response.body().take(MAX_FEED_BYTES).collect();
		parse_ppm(&body).map(Some).ok_or(FeedError::Parse)
	}
}

/// A whole number of parts per million, surrounding whitespace allowed.
pub fn parse_ppm(body: &[u8]) -> Option<u32> {
	let text = core::str::from_utf8(body).ok()?.trim();
	if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
		return None;
	}
	text.parse().ok()
}
