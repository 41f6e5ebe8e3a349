//! Reading a generated `weights.rs` in tests: the storage a benchmark measured. A weight that
//! subtracts reads or writes another benchmark already counted (a quiet movement inside a
//! transfer's benchmark, a placement's items an earlier placement of the block read) states
//! which; its test checks here that the benchmark listed them, so a regenerated file that
//! measures something else fails the test instead of undercharging.

// Test-only: a malformed file fails the calling test by returning nothing it expects.
#![allow(clippy::arithmetic_side_effects)]

extern crate alloc;
use alloc::{string::String, vec::Vec};

/// What a benchmark measured of the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measured {
	/// Each `/// Storage:` line: the item, its reads and its writes.
	pub keys: Vec<(String, u64, u64)>,
	/// The function's `reads(..)` total.
	pub reads: u64,
	/// The function's `writes(..)` total.
	pub writes: u64,
}

impl Measured {
	/// The reads and writes listed for `item` (`"Pallet::Item"`), if any.
	pub fn of(&self, item: &str) -> Option<(u64, u64)> {
		self.keys.iter().find(|(k, _, _)| k == item).map(|(_, r, w)| (*r, *w))
	}
}

/// The storage `file` (a generated `weights.rs`) lists for `function` of its `SubstrateWeight`
/// (the runtime's weights, priced with `T::DbWeight`).
pub fn measured(file: &str, function: &str) -> Measured {
	let Some(start) = file.find("for SubstrateWeight<T>") else { return Measured::default() };
	let body = &file[start..];
	let head = alloc::format!("fn {function}(");
	let Some(at) = body.find(&head) else { return Measured::default() };
	let before = &body[..at];
	let from = before.rfind("\n\t}").unwrap_or(0);
	let keys = before[from..]
		.lines()
		.filter_map(|l| l.trim().strip_prefix("/// Storage: `"))
		.map(|l| {
			let key = l.split('`').next().unwrap_or_default().into();
			(key, number_after(l, "(r:"), number_after(l, " w:"))
		})
		.collect();
	let after = &body[at..];
	let end = after.find("\n\t}").unwrap_or(after.len());
	let weight = &after[..end];
	Measured {
		keys,
		reads: number_after(weight, ".reads("),
		writes: number_after(weight, ".writes("),
	}
}

/// The number right after the first `tag` in `text` (0 if none).
fn number_after(text: &str, tag: &str) -> u64 {
	text.split(tag)
		.nth(1)
		.and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
		.and_then(|n| n.parse().ok())
		.unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::*;

	const FILE: &str = "impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `A::B` (r:1 w:0)
	fn one() -> Weight {
		Weight::from_parts(1, 0)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `A::C` (r:2 w:2)
	/// Storage: `A::D` (r:1 w:0)
	fn two(n: u32, ) -> Weight {
		Weight::from_parts(1, 0)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}";

	#[test]
	fn reads_a_functions_storage_and_totals() {
		let two = measured(FILE, "two");
		assert_eq!(two.keys.len(), 2);
		assert_eq!(two.of("A::C"), Some((2, 2)));
		assert_eq!(two.of("A::B"), None);
		assert_eq!((two.reads, two.writes), (3, 2));
		let one = measured(FILE, "one");
		assert_eq!((one.of("A::B"), one.reads, one.writes), (Some((1, 0)), 1, 0));
		assert_eq!(measured(FILE, "three"), Measured::default());
	}
}
