//! Sweeping a storage map in idle time: a bounded number of entries per block, resuming where
//! the previous block stopped, removing the entries nobody needs any more.
//!
//! A pallet keeps a [`SweepCursor`] (the raw key of the last entry visited) and in `on_idle`
//! calls [`sweep`] with the map's iterator from that key, as many entries as the idle weight
//! pays for. When the walk reaches the end of the map the cursor is cleared and the next sweep
//! starts again from the beginning, so every entry is visited once per round.

use alloc::vec::Vec;
use polkadot_sdk::frame_support::{
	storage::StorageValue, traits::ConstU32, weights::Weight, BoundedVec,
};

/// Longest raw storage key a cursor holds: the 32-byte map prefix plus a hashed key (a
/// `Blake2_128Concat` account id is 48 bytes).
pub const MAX_CURSOR_LEN: u32 = 128;

/// Where a sweep resumes: the raw storage key of the last entry it visited.
pub type SweepCursor = BoundedVec<u8, ConstU32<MAX_CURSOR_LEN>>;

/// What one [`sweep`] did.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SweepOutcome {
	/// Entries read.
	pub visited: u32,
	/// Entries removed.
	pub removed: u32,
	/// Where the next sweep resumes; `None` when this one reached the end of the map (or read
	/// nothing: the saved cursor was the map's last key, or is no key of the map any more).
	pub cursor: Option<SweepCursor>,
}

impl SweepOutcome {
	/// Save in `S` where the next sweep resumes, or clear it when the round is over: also when
	/// nothing was read, which happens when the saved cursor was the map's last key (a round
	/// that ended exactly at its limit) — keeping it would stop the sweep for good. Returns
	/// whether anything was read.
	pub fn save_cursor<S: StorageValue<SweepCursor>>(&self) -> bool {
		match &self.cursor {
			Some(cursor) => S::put(cursor),
			None => S::kill(),
		}
		self.visited > 0
	}
}

/// Visit up to `limit` of `entries` (a map's iterator, from the saved cursor), calling
/// `remove` for each one `stale` selects. `raw_key` gives an entry's storage key, which
/// becomes the cursor. Removing the entry just visited is safe: a map iterator asks storage for
/// the key after the previous one, which does not need that key to still exist.
///
/// A key longer than [`MAX_CURSOR_LEN`] cannot be saved; the sweep then restarts from the
/// beginning next time (callers' maps have shorter keys, which their tests show). Callers pass
/// a positive `limit` ([`within`] does): with 0 nothing is read and the round restarts.
pub fn sweep<K, V>(
	entries: impl Iterator<Item = (K, V)>,
	limit: u32,
	mut stale: impl FnMut(&K, &V) -> bool,
	mut remove: impl FnMut(&K),
	raw_key: impl Fn(&K) -> Vec<u8>,
) -> SweepOutcome {
	let mut outcome = SweepOutcome::default();
	let mut last = None;
	let mut entries = entries;
	while outcome.visited < limit {
		let Some((key, value)) = entries.next() else {
			// The end of the map: the next round starts from the beginning.
			return SweepOutcome { cursor: None, ..outcome };
		};
		outcome.visited = outcome.visited.saturating_add(1);
		if stale(&key, &value) {
			remove(&key);
			outcome.removed = outcome.removed.saturating_add(1);
		}
		last = Some(key);
	}
	outcome.cursor = last.and_then(|key| SweepCursor::try_from(raw_key(&key)).ok());
	outcome
}

/// How many entries a sweep whose weight is `base + n × per` can visit within `remaining`, at
/// most `cap`: 0 when not even one fits.
pub fn affordable(remaining: Weight, base: Weight, per: Weight, cap: u32) -> u32 {
	if !remaining.all_gte(base) {
		return 0;
	}
	let left = remaining.saturating_sub(base);
	let fit = |left: u64, per: u64| left.checked_div(per).unwrap_or(u64::MAX);
	let n = fit(left.ref_time(), per.ref_time()).min(fit(left.proof_size(), per.proof_size()));
	u32::try_from(n).unwrap_or(u32::MAX).min(cap)
}

/// `on_idle` helper: runs `sweep` with as many entries as `remaining` pays for at `weight(n)`
/// for `n` entries (at most `cap`) and returns the weight of what it read, `weight(visited)`;
/// zero, without calling `sweep`, when not even one entry fits.
pub fn within(
	remaining: Weight,
	weight: impl Fn(u32) -> Weight,
	cap: u32,
	sweep: impl FnOnce(u32) -> u32,
) -> Weight {
	// `weight(0)` is the benchmarked fixed part of a sweep (reading the cursor, the event),
	// not a placeholder: `weight(n) = weight(0) + n · per entry`.
	let base = weight(0);
	let limit = affordable(remaining, base, weight(1).saturating_sub(base), cap);
	if limit == 0 {
		return Weight::zero();
	}
	weight(sweep(limit))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn run(
		map: &mut alloc::collections::BTreeMap<u8, u8>,
		from: Option<u8>,
		limit: u32,
	) -> SweepOutcome {
		let snapshot: Vec<(u8, u8)> = map
			.iter()
			.filter(|(k, _)| from.is_none_or(|f| **k > f))
			.map(|(k, v)| (*k, *v))
			.collect();
		let mut removed = Vec::new();
		let outcome =
			sweep(snapshot.into_iter(), limit, |_, v| *v == 0, |k| removed.push(*k), |k| vec![*k]);
		for k in removed {
			map.remove(&k);
		}
		outcome
	}

	#[test]
	fn a_sweep_visits_at_most_limit_entries_and_resumes_after_the_last() {
		let mut map: alloc::collections::BTreeMap<u8, u8> = (0..10u8).map(|k| (k, k % 2)).collect();
		let first = run(&mut map, None, 4);
		assert_eq!(first.visited, 4);
		assert_eq!(first.removed, 2, "0 and 2 are stale");
		assert_eq!(first.cursor.map(|c| c.into_inner()), Some(vec![3u8]));
		let second = run(&mut map, Some(3), 100);
		assert_eq!((second.visited, second.removed, second.cursor), (6, 3, None));
		assert!(map.values().all(|v| *v == 1), "every stale entry removed in one round");
	}

	#[test]
	fn a_zero_limit_visits_nothing() {
		let mut map: alloc::collections::BTreeMap<u8, u8> = (0..3u8).map(|k| (k, 0)).collect();
		assert_eq!(run(&mut map, None, 0), SweepOutcome::default());
		assert_eq!(map.len(), 3);
	}

	#[test]
	fn affordable_counts_what_fits_in_both_dimensions() {
		let base = Weight::from_parts(100, 10);
		let per = Weight::from_parts(50, 20);
		assert_eq!(affordable(Weight::from_parts(99, 1_000), base, per, 64), 0);
		assert_eq!(affordable(Weight::from_parts(100, 10), base, per, 64), 0);
		assert_eq!(affordable(Weight::from_parts(1_000, 1_000), base, per, 64), 18);
		assert_eq!(affordable(Weight::from_parts(1_000, 70), base, per, 64), 3, "proof size binds");
		assert_eq!(affordable(Weight::MAX, base, per, 64), 64, "capped");
		assert_eq!(affordable(Weight::MAX, base, Weight::zero(), 7), 7);
	}

	#[test]
	fn within_charges_what_was_read_and_skips_when_nothing_fits() {
		let weight = |n: u32| Weight::from_parts(100 + 50 * u64::from(n), 0);
		assert_eq!(
			within(Weight::from_parts(149, 0), weight, 64, |_| panic!("not called")),
			Weight::zero()
		);
		assert_eq!(within(Weight::from_parts(400, 0), weight, 64, |limit| limit), weight(6));
		assert_eq!(within(Weight::from_parts(400, 0), weight, 64, |_| 2), weight(2));
	}

	#[test]
	fn a_key_too_long_for_the_cursor_restarts_the_round() {
		let entries = (0..3u8).map(|k| (k, k));
		let outcome = sweep(entries, 1, |_, _| false, |_| {}, |_| vec![0; 129]);
		assert_eq!((outcome.visited, outcome.cursor), (1, None));
	}
}
