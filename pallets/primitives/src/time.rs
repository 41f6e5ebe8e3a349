//! Block time. One constant decides the slot; everything else derives from it.

use crate::BlockNumber;

/// Milliseconds per block: the Aura slot duration. This is the one constant that sets block
/// time; the runtime's block weight budget, session length and minimum timestamp period derive
/// from it.
pub const MILLI_SECS_PER_BLOCK: u64 = 2_000;

/// Slot duration, in milliseconds (same as [`MILLI_SECS_PER_BLOCK`]).
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Exact by construction: 2_000 divides 60_000.
/// Blocks per minute.
pub const MINUTES: BlockNumber = (60_000 / MILLI_SECS_PER_BLOCK) as BlockNumber;
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Length of a session (one validator-set era), in blocks: 10 minutes. Governance changes of the
/// validator set do not wait for it (see `pallet-validator-set`).
pub const SESSION_PERIOD: BlockNumber = 10 * MINUTES;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn block_time_constants_are_consistent() {
		assert_eq!(60_000 % MILLI_SECS_PER_BLOCK, 0, "a minute must be a whole number of slots");
		assert_eq!(MINUTES, 30);
		assert_eq!(DAYS, 43_200);
		assert_eq!(SESSION_PERIOD, 300);
	}
}
