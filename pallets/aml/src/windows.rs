//! Sliding-window counters: a fixed window and the one before it, read as a rolling span.

use crate::Balance;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::Perbill;
use scale_info::TypeInfo;

/// Value and movements in fixed windows of one length (windows are numbered from block 0):
/// the current window and the previous one. [`Sliding::estimate`] reads them as the rolling
/// span of one window length ending now.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Sliding {
	/// Number of the current window.
	pub index: u32,
	/// Value counted in the current window.
	pub value: Balance,
	/// Movements counted in the current window.
	pub count: u32,
	/// Value counted in the window before it.
	pub prev_value: Balance,
	/// Movements counted in the window before it.
	pub prev_count: u32,
}

impl Sliding {
	/// These counters as seen from window `index`: the current window becomes the previous
	/// one when `index` is the next window; both are empty when `index` is further on.
	/// Reading an older `index` changes nothing.
	pub fn rolled(self, index: u32) -> Self {
		if index <= self.index {
			self
		} else if index == self.index.saturating_add(1) {
			Sliding { index, value: 0, count: 0, prev_value: self.value, prev_count: self.count }
		} else {
			Sliding { index, ..Default::default() }
		}
	}

	/// Count one movement of `value` in the current window: its value, and the movement itself
	/// when `counted` (the account sent it).
	pub fn add(&mut self, value: Balance, counted: bool) {
		self.value = self.value.saturating_add(value);
		if counted {
			self.count = self.count.saturating_add(1);
		}
	}

	/// The rolling span ending `elapsed` blocks into the current window of `length` blocks:
	/// the current window plus the previous window's share still inside the span
	/// (`(length − elapsed) / length` of it, rounded down).
	pub fn estimate(&self, elapsed: u32, length: u32) -> (Balance, u32) {
		let remaining = Perbill::from_rational(length.saturating_sub(elapsed), length.max(1));
		(
			self.value.saturating_add(remaining.mul_floor(self.prev_value)),
			self.count.saturating_add(remaining.mul_floor(self.prev_count)),
		)
	}
}
