//! Market makers' obligations checked automatically each epoch (issues 15 and 16): sampling
//! in `on_initialize`, the epoch's review, makers that leave, and the per-block bound.
//! Mock: epochs of 10 blocks, 2 series sampled per block, 80 % uptime, obligations of 10
//! units a side within a 5 % spread.

use crate::{
	mock::*, weights::WeightInfo, Event, ObligationTallies, ObligationTally, QuoteLevel,
	QuotedCount, SeriesMakers,
};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		traits::{Get, Hooks},
		BoundedVec,
	},
	sp_core::H256,
	sp_io,
	sp_runtime::traits::Zero,
};

type P = crate::Pallet<Test>;

fn q(price: u128, units: u64) -> QuoteLevel {
	QuoteLevel { price, units }
}

/// Carol joins the market makers and stages a sheet that meets the mock's obligations: 10
/// units a side, 5 apart on 100 (in force from the next block's auction).
fn carol_meets_the_obligations() {
	assert_ok!(P::join_market_makers(RuntimeOrigin::signed(CAROL)));
	assert_ok!(P::set_quotes(
		RuntimeOrigin::signed(CAROL),
		SERIES,
		vec![q(100, 10)],
		vec![q(105, 10)]
	));
}

/// The block's auctions and invariants, then the next block's `on_initialize`.
fn end_block() {
	P::run_auctions();
	P::do_try_state().expect("invariants hold");
	let n = System::block_number() + 1;
	System::set_block_number(n);
	P::on_initialize(n);
}

fn reviews() -> Vec<(u64, u32, u32, u32, bool)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Market(Event::ObligationsReviewed {
				who,
				epoch,
				samples,
				met,
				compliant,
				..
			}) => Some((who, epoch, samples, met, compliant)),
			_ => None,
		})
		.collect()
}

fn tally(who: u64) -> Option<ObligationTally> {
	ObligationTallies::<Test>::get(SERIES).into_iter().find(|(w, _)| *w == who).map(|(_, t)| t)
}

/// Carol quotes 10 units a side 5 apart on 100 from block 2's auction: sampled in every block
/// of epoch 0 after the one where her sheet was still staged, she is reviewed compliant when
/// epoch 1's first sample closes epoch 0. The issuer's thin sheet (1 unit) never meets them.
#[test]
fn each_epoch_closes_with_a_review_of_every_makers_samples() {
	new_test_ext().execute_with(|| {
		carol_meets_the_obligations();
		assert_ok!(P::join_market_makers(RuntimeOrigin::signed(ISSUER)));
		assert_ok!(P::set_quotes(RuntimeOrigin::signed(ISSUER), SERIES, vec![q(95, 1)], vec![]));
		// Blocks 2 to 9 are sampled in epoch 0: in block 2 the sheets were still staged.
		while System::block_number() < 9 {
			end_block();
		}
		assert_eq!(tally(CAROL), Some(ObligationTally { epoch: 0, samples: 8, met: 7 }));
		assert_eq!(tally(ISSUER), Some(ObligationTally { epoch: 0, samples: 8, met: 0 }));
		assert!(reviews().is_empty(), "nothing closes inside the epoch");
		let report = P::obligation_report(&CAROL, SERIES);
		assert!(report.met);

		end_block(); // block 10: epoch 1
		let mut closed = reviews();
		closed.sort();
		// 7 of 8 is 87.5 % ≥ 80 %; 0 of 8 is not.
		assert_eq!(closed, vec![(ISSUER, 0, 8, 0, false), (CAROL, 0, 8, 7, true)]);
		assert_eq!(tally(CAROL), Some(ObligationTally { epoch: 1, samples: 1, met: 1 }));
	});
}

/// A maker that withdraws its sheet is no longer listed on the series: its epoch is closed at
/// the next sample, and the series' empty maker list and tallies are removed.
#[test]
fn a_maker_that_leaves_is_reviewed_at_once_and_nothing_is_left() {
	new_test_ext().execute_with(|| {
		carol_meets_the_obligations();
		end_block();
		end_block();
		end_block();
		assert_eq!(tally(CAROL).map(|t| (t.samples, t.met)), Some((3, 2)));
		assert_ok!(P::cancel_quotes(RuntimeOrigin::signed(CAROL), SERIES));
		// Withdrawn at the series' next auction; sampled until then.
		end_block();
		end_block();
		end_block();
		assert_eq!(reviews(), vec![(CAROL, 0, 4, 3, false)]);
		assert!(!ObligationTallies::<Test>::contains_key(SERIES));
		assert!(!SeriesMakers::<Test>::contains_key(SERIES));
		end_block();
		assert_eq!(reviews().len(), 1, "reviewed once");
	});
}

/// The sampling reads at most `ObligationSeriesPerBlock` series per block, drawn by the
/// parent hash (never one series twice), and charges each series' sample: with more series
/// than that, which ones a block samples changes with the hash, and over enough blocks every
/// series is sampled. Series with no maker left go, and their index stays dense.
#[test]
fn sampling_is_bounded_per_block_and_drawn_from_the_parent_hash() {
	new_test_ext().execute_with(|| {
		let per_block: u32 = <Test as crate::Config>::ObligationSeriesPerBlock::get();
		assert_eq!(per_block, 2);
		let db: polkadot_sdk::frame_support::weights::RuntimeDbWeight =
			<Test as polkadot_sdk::frame_system::Config>::DbWeight::get();
		let one = <() as WeightInfo>::sample_obligations(1);
		let samples = |series: u64| {
			ObligationTallies::<Test>::get(series)
				.first()
				.map(|(_, t)| t.samples)
				.unwrap_or_default()
		};
		// Two series: both sampled every block, whatever the hash.
		let list = |series: u64| {
			SeriesMakers::<Test>::insert(series, BoundedVec::truncate_from(vec![CAROL]));
			P::index_quoted(series);
		};
		list(100);
		list(101);
		for i in 0..5u8 {
			System::set_parent_hash(H256::repeat_byte(i.wrapping_mul(53)));
			P::do_sample_obligations(5);
		}
		assert_eq!((samples(100), samples(101)), (5, 5));

		// Five series: two a block, never one twice, all of them over the blocks.
		for series in 102u64..105 {
			list(series);
		}
		let all = || (100u64..105).map(samples).collect::<Vec<_>>();
		let mut subsets = std::collections::BTreeSet::new();
		for i in 0..40u8 {
			System::set_parent_hash(H256::from(sp_io::hashing::blake2_256(&[i])));
			let before = all();
			let used = P::do_sample_obligations(5);
			assert_eq!(used, db.reads(2).saturating_add(one.saturating_mul(2)));
			let grown: Vec<usize> = (0..5).filter(|k| all()[*k] != before[*k]).collect::<Vec<_>>();
			assert_eq!(grown.len(), 2, "two distinct series a block");
			assert!(grown.iter().all(|k| all()[*k] == before[*k] + 1));
			subsets.insert(grown);
		}
		assert!(subsets.len() > 1, "the hash moves the sample");
		assert!(all().iter().all(|n| *n > 5), "every series sampled: {:?}", all());

		// Every maker gone: each series sampled next closes its maker's epoch and goes, with
		// its index (the last indexed series moving into its place).
		for series in 100u64..105 {
			SeriesMakers::<Test>::insert(series, BoundedVec::new());
		}
		let mut blocks = 0;
		while QuotedCount::<Test>::get() > 0 {
			let count = QuotedCount::<Test>::get();
			System::set_parent_hash(H256::from(sp_io::hashing::blake2_256(&[blocks])));
			P::do_sample_obligations(5);
			assert_eq!(QuotedCount::<Test>::get(), count.saturating_sub(2));
			P::do_try_state().expect("the index stays dense");
			blocks += 1;
		}
		assert_eq!(blocks, 3);
		assert_eq!(reviews().len(), 5, "one review per series' maker");
		assert_eq!(SeriesMakers::<Test>::iter().count(), 0);
		assert_eq!(ObligationTallies::<Test>::iter().count(), 0);
		// Nothing to sample: the fixed part charged.
		assert_eq!(P::do_sample_obligations(5), db.reads(2));
		assert!(P::obligation_epoch(5).is_zero());
		assert_eq!(P::obligation_epoch(25), 2);
	});
}

/// v0 → v1: a chain upgraded to spec 112 already has maker lists and no index; the migration
/// indexes each list (dropping empty ones) so its makers are sampled, once.
#[test]
fn the_v1_migration_indexes_the_series_that_already_have_makers() {
	use crate::{migrations::v1::MigrateToV1, QuotedIndex, QuotedSeries};
	use polkadot_sdk::frame_support::traits::{
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};
	new_test_ext().execute_with(|| {
		carol_meets_the_obligations();
		// What spec 111 left: the lists, an empty one among them, and no index.
		SeriesMakers::<Test>::insert(7, BoundedVec::new());
		let _ = QuotedSeries::<Test>::clear(u32::MAX, None);
		let _ = QuotedIndex::<Test>::clear(u32::MAX, None);
		QuotedCount::<Test>::kill();
		StorageVersion::new(0).put::<Market>();
		assert!(P::do_try_state().is_err(), "a maker list not indexed");

		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Market::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(QuotedCount::<Test>::get(), 1);
		assert_eq!(QuotedIndex::<Test>::get(SERIES), Some(0));
		assert!(!SeriesMakers::<Test>::contains_key(7), "the empty list went");
		P::do_try_state().expect("indexed");
		// Sampled from now on.
		P::do_sample_obligations(2);
		assert_eq!(ObligationTallies::<Test>::get(SERIES).len(), 1);
		// A second run is a no-op.
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(QuotedCount::<Test>::get(), 1);
	});
}
