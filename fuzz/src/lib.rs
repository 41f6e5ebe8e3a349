//! Genex whole-runtime fuzzer.
//!
//! One fuzz input is a script of operations on a fresh chain (the `development` genesis without
//! sudo, governed by a four-member council; see [`genesis`]):
//!
//! - signed extrinsics of a fixed set of actors (platform, banks, issuer, merchant, holders at
//!   every KYC level) through every transaction extension of the runtime;
//! - bare extrinsics, admitted only if the runtime's `validate_transaction` accepts them, as a
//!   transaction pool would;
//! - council and compliance-committee motions (propose, votes, close), the only paths to Root
//!   and to the committee's origins;
//! - block ends, and jumps of up to a week of blocks (expiries, quotas, oracle staleness).
//!
//! Calls of every pallet are drawn from the runtime's own metadata ([`generate`]): arguments
//! come from the input bytes, around the interesting values (known accounts and hashes,
//! thresholds, block numbers and times near now, limits). After every block [`invariants`]
//! checks the books; a violation panics, which libFuzzer records as a crash.

pub mod chain;
/// The runtime tests' harness: blocks with Aura slots and the timestamp inherent, the
/// transaction extensions a wallet attaches, genesis presets.
#[path = "../../runtime/tests/common/mod.rs"]
pub mod common;
pub mod generate;
pub mod genesis;
pub mod invariants;
pub mod stats;

use arbitrary::Unstructured;

/// Blocks one input may run at most (each ends with the invariant checks).
pub const MAX_BLOCKS: u32 = 24;
/// Operations one input may run at most.
pub const MAX_OPS: u32 = 96;

/// Run one fuzz input: decode operations from `data` and execute them on a fresh chain.
pub fn run(data: &[u8]) {
	let mut u = Unstructured::new(data);
	let mut ext = genesis::new_ext();
	ext.execute_with(|| {
		let types = generate::types();
		let mut chain = chain::Chain::start();
		let mut ops = 0;
		while !u.is_empty() && ops < MAX_OPS && chain.blocks < MAX_BLOCKS {
			ops += 1;
			if chain.step(types, &mut u).is_err() {
				break;
			}
		}
		chain.end_block();
		stats::input_done(&chain);
	});
}
