//! Native micro-benchmark of the market: the pallet's `place_order` and its batch auctions
//! (storage in a `TestExternalities` overlay, the primitives' mocks for compliance and
//! settlement; the stream cut into blocks of `BLOCK` orders, each block's auctions run after
//! its orders) against a standalone in-memory continuous book (`BTreeMap` of price levels,
//! `VecDeque` per level) on the same order stream (price-time priority, self-trade
//! prevention cancelling the resting order, at most `MaxFills` resting orders touched, no
//! crossed rest).
//!
//! A third benchmark runs the batch auction's clearing core (`pallet_market::clearing`) alone
//! on the same blocks: each block's orders join what rests, clear at one price, and the
//! remainders of good-till-cancelled orders rest on.
//!
//! `cargo bench -p pallet-market --features test-utils --bench matching`. The ratio of the two
//! is the price of the pallet's storage layout and per-fill checks; the runtime benchmarks
//! (`scripts/benchmark.sh pallet_market`) price the same work with real storage and Wasm.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use genex_primitives::{
	coupons::mock::MockCoupons, kyc::mock::MockKyc, settlement::mock::MockSettlement, KycLevel,
};
use pallet_market::{clearing, mock::*, OrderRequest, RiskParams, Side, TimeInForce};
use polkadot_sdk::{frame_support::traits::Get, sp_runtime::Permill};
use std::collections::{BTreeMap, VecDeque};

/// Orders in one stream.
const ORDERS: usize = 1_000;
/// Traders (each may rest `MaxOpenOrders` orders).
const TRADERS: u64 = 500;
/// First trader account.
const FIRST: u64 = 1_000;
/// Orders per block (within the mock's `MaxPendingPerSeries`, 64).
const BLOCK: usize = 50;

/// A deterministic stream: (trader, order), prices 90..=110 in ticks of 5, 1–6 units, three
/// quarters good-till-cancelled.
fn stream() -> Vec<(u64, OrderRequest)> {
	let mut x: u64 = 0x2545_f491_4f6c_dd1d;
	let mut next = move || {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		x
	};
	(0..ORDERS)
		.map(|_| {
			let who = FIRST + next() % TRADERS;
			let side = if next() % 2 == 0 { Side::Buy } else { Side::Sell };
			let price = 90 + 5 * u128::from(next() % 5);
			let units = 1 + next() % 6;
			let time_in_force = if next() % 4 == 0 {
				TimeInForce::ImmediateOrCancel
			} else {
				TimeInForce::GoodTillCancelled
			};
			(who, OrderRequest { side, price, units, time_in_force, post_only: false })
		})
		.collect()
}

/// The standalone book.
#[derive(Default)]
struct Book {
	bids: BTreeMap<std::cmp::Reverse<u128>, VecDeque<(u64, u64, u64)>>,
	asks: BTreeMap<u128, VecDeque<(u64, u64, u64)>>,
	next_id: u64,
	fills: u64,
}

impl Book {
	fn place(&mut self, who: u64, req: &OrderRequest, max_fills: u32) {
		let id = self.next_id;
		self.next_id += 1;
		let mut left = req.units;
		let mut budget = max_fills;
		while left > 0 && budget > 0 {
			let (price, queue) = match req.side {
				Side::Buy => match self.asks.iter_mut().next() {
					Some((p, q)) if *p <= req.price => (*p, q),
					_ => break,
				},
				Side::Sell => match self.bids.iter_mut().next() {
					Some((p, q)) if p.0 >= req.price => (p.0, q),
					_ => break,
				},
			};
			budget -= 1;
			let Some(front) = queue.front_mut() else { break };
			if front.1 == who {
				queue.pop_front();
			} else {
				let units = left.min(front.2);
				left -= units;
				front.2 -= units;
				self.fills += 1;
				if front.2 == 0 {
					queue.pop_front();
				}
			}
			if queue.is_empty() {
				match req.side {
					Side::Buy => self.asks.remove(&price),
					Side::Sell => self.bids.remove(&std::cmp::Reverse(price)),
				};
			}
		}
		let crosses = match req.side {
			Side::Buy => self.asks.keys().next().is_some_and(|p| *p <= req.price),
			Side::Sell => self.bids.keys().next().is_some_and(|p| p.0 >= req.price),
		};
		if left > 0 && req.time_in_force != TimeInForce::ImmediateOrCancel && !crosses {
			let entry = (id, who, left);
			match req.side {
				Side::Buy => {
					self.bids.entry(std::cmp::Reverse(req.price)).or_default().push_back(entry)
				},
				Side::Sell => self.asks.entry(req.price).or_default().push_back(entry),
			}
		}
	}
}

/// The batch auction over the stream: per block, what rests plus the block's orders clear
/// once; unfilled good-till-cancelled units rest on. Returns the units traded.
fn auction(orders: &[(u64, OrderRequest)]) -> u64 {
	let limits = clearing::Limits { tick: 5, band: None, centre: None, breaker: None };
	let mut resting: Vec<(clearing::Entry<u64, (u64, u64)>, bool)> = Vec::new();
	let mut traded = 0;
	for (block, chunk) in orders.chunks(BLOCK).enumerate() {
		for (n, (who, req)) in chunk.iter().enumerate() {
			let entry = clearing::Entry {
				party: *who,
				rank: (*who, (block * BLOCK + n) as u64),
				side: req.side,
				price: req.price,
				units: req.units,
				since: block as u64,
			};
			resting.push((entry, req.time_in_force != TimeInForce::ImmediateOrCancel));
		}
		let entries: Vec<_> = resting.iter().map(|(e, _)| e.clone()).collect();
		let result = clearing::clear(&entries, &limits);
		if let clearing::Outcome::Cleared { volume, .. } = result.outcome {
			traded += volume;
		}
		let mut next = Vec::with_capacity(resting.len());
		for (i, (mut entry, rests)) in resting.into_iter().enumerate() {
			entry.units -= result.fills[i];
			if rests && entry.units > 0 && result.removed.binary_search(&i).is_err() {
				next.push((entry, rests));
			}
		}
		resting = next;
	}
	traded
}

/// A test chain with the traders verified and funded, and no band in the way.
fn chain() -> polkadot_sdk::sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		for who in FIRST..FIRST + TRADERS {
			MockKyc::set(&who, KycLevel::L2);
			MockCoupons::set_balance(SERIES, &who, 1_000_000);
			MockSettlement::set(&who, 1_000_000_000);
		}
		pallet_market::Pallet::<Test>::set_risk(
			RuntimeOrigin::root(),
			RiskParams {
				band: Permill::one(),
				breaker: Permill::one(),
				window_blocks: 1,
				halt_blocks: 1,
			},
		)
		.expect("root sets risk");
	});
	ext
}

fn matching(c: &mut Criterion) {
	let orders = stream();
	let max_fills = <Test as pallet_market::Config>::MaxFills::get();
	let mut group = c.benchmark_group("matching");
	group.throughput(Throughput::Elements(ORDERS as u64));
	group.bench_function("pallet place_order + auctions (overlay storage, mocks)", |b| {
		b.iter_batched(
			chain,
			|mut ext| {
				ext.execute_with(|| {
					for block in orders.chunks(BLOCK) {
						for (who, req) in block {
							let _ = pallet_market::Pallet::<Test>::place_order(
								RuntimeOrigin::signed(*who),
								SERIES,
								*req,
							);
						}
						pallet_market::Pallet::<Test>::run_auctions();
						let n = System::block_number() + 1;
						System::set_block_number(n);
					}
				});
				ext
			},
			BatchSize::PerIteration,
		)
	});
	group.bench_function("in-memory book", |b| {
		b.iter(|| {
			let mut book = Book::default();
			for (who, req) in &orders {
				book.place(*who, req, max_fills);
			}
			book.fills
		})
	});
	group.bench_function("batch auction clearing core (blocks of 50)", |b| {
		b.iter(|| auction(&orders))
	});
	group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
