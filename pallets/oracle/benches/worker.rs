//! Native timing of the oracle's off-chain worker per series: one `work()` run over a full batch
//! (`MaxBatch` = 8 active series in the mock) — the model for each series, the rate-limit read,
//! signing and handing the transaction to the pool — plus what the mock leaves out: an sr25519
//! signature over the submission, as a real feeder key makes it.
//!
//! `cargo bench -p pallet-oracle@0.1.0 --features test-utils --bench worker`.

use codec::Encode;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use genex_primitives::{coupons::mock::MockCoupons, market::mock::MockTrades};
use pallet_oracle::{mock::*, OracleParams, Params, PriceSubmission};
use polkadot_sdk::{
	sp_core::{
		offchain::{
			testing::{TestOffchainExt, TestTransactionPoolExt},
			OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
		},
		sr25519, Pair, H256,
	},
	sp_runtime::testing::UintAuthorityId,
};

/// Series priced per run.
const BATCH: u64 = 8;

fn worker(c: &mut Criterion) {
	let mut group = c.benchmark_group("oracle worker");
	group.throughput(Throughput::Elements(BATCH));
	group.bench_function("work() over 8 series, per run", |b| {
		b.iter_batched(
			|| {
				let mut ext = new_test_ext();
				let (offchain, _) = TestOffchainExt::new();
				let (pool, _) = TestTransactionPoolExt::new();
				ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
				ext.register_extension(OffchainDbExt::new(offchain));
				ext.register_extension(TransactionPoolExt::new(pool));
				ext.execute_with(|| {
					Params::<Test>::put(OracleParams { batch_size: BATCH as u32, ..test_params() });
					for id in 1..BATCH {
						MockCoupons::add_series(id, &ISSUER, FACE, FACE);
						MockCoupons::set_validity(id, 0, T0 + 30 * DAY);
						// Trades in the window: the VWAP path too.
						MockTrades::add(id, FACE / 2, 20, T0 - 1_000);
					}
				});
				UintAuthorityId::set_all_keys([FEEDERS[0]]);
				ext
			},
			|mut ext| {
				ext.execute_with(|| {
					let report = Oracle::work();
					assert_eq!(report.submitted as u64, BATCH);
				})
			},
			criterion::BatchSize::SmallInput,
		)
	});
	group.finish();

	let pair = sr25519::Pair::from_string("//Alice", None).expect("dev seed");
	let submission =
		PriceSubmission { series: 0u64, price: 90_000u128, period: 7u32, feeder: pair.public() };
	// Any genesis hash: the payload's size and the signing work are the same.
	let payload = submission.signing_payload(&H256::repeat_byte(0x69));
	let mut group = c.benchmark_group("oracle worker");
	group.throughput(Throughput::Elements(1));
	group.bench_function("sr25519 signature of one submission", |b| {
		b.iter(|| pair.sign(&payload).encode())
	});
	group.finish();
}

criterion_group!(benches, worker);
criterion_main!(benches);
