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
	/// The function's constant reads: the sum of its `reads(N_u64)` terms (the terms a
	/// component multiplies are left out).
	pub reads: u64,
	/// The function's constant writes, likewise.
	pub writes: u64,
}

impl Measured {
	/// The reads and writes listed for `item` (`"Pallet::Item"`), if any.
	pub fn of(&self, item: &str) -> Option<(u64, u64)> {
		self.keys.iter().find(|(k, _, _)| k == item).map(|(_, r, w)| (*r, *w))
	}
}

/// The storage `file` (a generated `weights.rs`) lists for `function` of its `SubstrateWeight`
/// (the runtime's weights, priced with `T::DbWeight`): the `/// Storage:` lines between the
/// previous function's body and `fn function(`, and the constant terms of its body.
pub fn measured(file: &str, function: &str) -> Measured {
	let Some(start) = file.find("for SubstrateWeight<T>") else { return Measured::default() };
	let body = &file[start..];
	let head = alloc::format!("fn {function}(");
	let Some(at) = body.find(&head) else { return Measured::default() };
	// The comments above it: back to the end of the previous function (a line `}`, however
	// indented) or the `impl` line.
	let above: Vec<&str> = body[..at]
		.lines()
		.rev()
		.skip(1)
		.take_while(|l| {
			let t = l.trim();
			t != "}" && !t.ends_with('{')
		})
		.collect();
	let keys = above
		.iter()
		.rev()
		.filter_map(|l| l.trim().strip_prefix("/// Storage: `"))
		.map(|l| {
			let key = l.split('`').next().unwrap_or_default().into();
			(key, number_after(l, "(r:"), number_after(l, " w:"))
		})
		.collect();
	// Its body: up to the first line that is only `}`.
	let body_lines: Vec<&str> =
		body[at..].lines().skip(1).take_while(|l| l.trim() != "}").collect();
	let sum = |tag: &str| -> u64 {
		body_lines
			.iter()
			.flat_map(|l| l.split(tag).skip(1))
			.filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
			.map(|t| number_after(&alloc::format!("{tag}{t}"), tag))
			.sum()
	};
	Measured { keys, reads: sum(".reads("), writes: sum(".writes(") }
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

	/// Space-indented, with component terms, and a function whose name another extends.
	#[test]
	fn reads_constant_terms_only_whatever_the_indentation() {
		const SPACED: &str = "impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    /// Storage: `A::X` (r:9 w:9)
    fn one_more() -> Weight {
        Weight::from_parts(1, 0)
            .saturating_add(T::DbWeight::get().reads(9_u64))
    }
    /// Storage: `A::B` (r:1 w:1)
    /// Storage: `A::C` (r:0 w:1)
    fn one(p: u32, ) -> Weight {
        Weight::from_parts(1, 0)
            .saturating_add(T::DbWeight::get().reads(4_u64))
            .saturating_add(T::DbWeight::get().reads((11_u64).saturating_mul(p.into())))
            .saturating_add(T::DbWeight::get().writes(2_u64))
            .saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(p.into())))
    }
}";
		let one = measured(SPACED, "one");
		assert_eq!(one.keys.len(), 2);
		assert_eq!(
			(one.of("A::B"), one.of("A::C"), one.of("A::X")),
			(Some((1, 1)), Some((0, 1)), None)
		);
		assert_eq!((one.reads, one.writes), (4, 2));
		let more = measured(SPACED, "one_more");
		assert_eq!((more.of("A::X"), more.reads, more.writes), (Some((9, 9)), 9, 0));
	}
}
