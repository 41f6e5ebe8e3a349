//! Following the node's finalized chain into the index.
//!
//! Checks come before the first write: the node is reachable, the index (if it exists) is a
//! `genex-reports` index of the same chain (genesis hash), and the node still has the state of
//! the next block to index (an archive node). Then each block is read and stored in one
//! database transaction, so a run stopped at any point resumes after the last stored block,
//! and a re-run adds nothing twice. Only finalized blocks are ever read.

use crate::{
	db::{Db, Location},
	fail, node, Result,
};
use futures::{stream, StreamExt};
use std::{
	io::Write,
	time::{Duration, Instant},
};

/// Blocks requested from the node ahead of the one being stored.
const FETCH_AHEAD: usize = 16;

/// What to index.
#[derive(Clone, Debug)]
pub struct Options {
	/// The node's WebSocket URL.
	pub node: String,
	/// Where the index lives.
	pub db: Location,
	/// Stop after this block (default: the finalized head when the run starts).
	pub to: Option<u64>,
	/// Keep following new finalized blocks instead of stopping at the head.
	pub follow: bool,
	/// Print a progress line on stderr while catching up.
	pub progress: bool,
}

/// What a run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
	/// First block stored in this run (`None` if none was).
	pub first: Option<u64>,
	/// Last block in the index after the run.
	pub last: Option<u64>,
	/// Blocks stored in this run.
	pub stored: u64,
}

/// Indexes finalized blocks from the last one stored up to `to`, the head, or forever.
pub async fn run(options: &Options) -> Result<Summary> {
	let node = node::connect(&options.node).await?;
	let client = &node.client;
	let genesis = node::genesis(client);
	// Open an existing index read-write (creating nothing); an absent SQLite file is created
	// only after every check has passed.
	let existing =
		if options.db.is_absent() { None } else { Some(Db::open(&options.db, false).await?) };
	let mut last = None;
	if let Some(db) = &existing {
		if let Some(indexed) = db.genesis().await? {
			if indexed != genesis {
				fail!(
					"wrong chain: the index was built from genesis {indexed}, the node's genesis \
					 is {genesis}"
				);
			}
		}
		last = db.last_block().await?;
		// Same genesis is not enough (every `--dev` chain has the same one): the node's chain
		// must continue the indexed one.
		if let Some(n) = last {
			let indexed = db.block_hash(n).await?;
			let parent = node::parent_of(&node, n.saturating_add(1)).await?;
			if let (Some(indexed), Some(parent)) = (indexed, parent) {
				if indexed != parent {
					fail!(
						"wrong chain: the node's block #{} does not follow the indexed block #{n} \
						 ({indexed}); it is another chain with the same genesis",
						n.saturating_add(1)
					);
				}
			}
		}
	}
	let mut next = last.map_or(0, |n| n.saturating_add(1));
	let head = node::finalized(client).await?;
	// The node must have the state of the next block (and so of every later one); the block
	// read to prove it is the first one stored.
	let probe = if next <= head { Some(node::block(&node, next).await?) } else { None };
	let db = match existing {
		Some(db) => db,
		None => Db::open(&options.db, true).await?,
	};
	db.create_schema().await?;
	let mut stored = 0u64;
	let mut first = None;
	if let Some(block) = probe.filter(|b| options.to.is_none_or(|to| b.number <= to)) {
		db.store(&genesis, &block).await?;
		first = Some(block.number);
		stored = 1;
		next = next.saturating_add(1);
	}
	let started = Instant::now();
	let mut shown = Instant::now();
	loop {
		let head = node::finalized(client).await?;
		let target = options.to.map_or(head, |to| to.min(head));
		// Blocks are fetched `FETCH_AHEAD` at a time (the node answers in parallel) and stored
		// strictly in order, one transaction each.
		let mut blocks =
			stream::iter(next..=target).map(|n| node::block(&node, n)).buffered(FETCH_AHEAD);
		while let Some(block) = blocks.next().await {
			let block = block?;
			db.store(&genesis, &block).await?;
			first.get_or_insert(block.number);
			stored = stored.saturating_add(1);
			next = block.number.saturating_add(1);
			if options.progress
				&& (shown.elapsed() >= Duration::from_secs(1) || block.number == target)
			{
				progress(block.number, target, stored, started.elapsed());
				shown = Instant::now();
			}
		}
		let done = options.to.is_some_and(|to| next > to);
		if !options.follow || done {
			break;
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	if options.progress && stored > 0 {
		eprintln!();
	}
	let last = db.last_block().await?;
	db.close().await;
	Ok(Summary { first, last, stored })
}

/// `#n/target` with a bar, the rate and the time left, on one rewritten stderr line.
fn progress(n: u64, target: u64, stored: u64, elapsed: Duration) {
	const WIDTH: u64 = 30;
	let filled = n.saturating_mul(WIDTH).checked_div(target).unwrap_or(WIDTH).min(WIDTH);
	let bar: String = (0..WIDTH).map(|i| if i < filled { '#' } else { '.' }).collect();
	let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX).max(1);
	let rate = stored.saturating_mul(1000).checked_div(ms).unwrap_or(0);
	let left = target.saturating_sub(n);
	let eta = left.saturating_mul(ms).checked_div(stored).unwrap_or(0) / 1000;
	let mut err = std::io::stderr();
	let _ = write!(err, "\rindexing [{bar}] #{n}/{target} {rate} blocks/s, {eta}s left ");
	let _ = err.flush();
}
