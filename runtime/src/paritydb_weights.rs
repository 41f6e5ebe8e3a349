//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-27 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, RUNTIME: `Genex Development`
//! BLOCK-NUM: `Number(0)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `/tmp/dbw/`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/genex-bench-target/release/genex-node
//   benchmark
//   storage
//   --chain
//   /tmp/big.json
//   --base-path
//   /tmp/bigdb
//   --state-version
//   1
//   --batch-size
//   5000
//   --weight-path
//   /tmp/dbw/
//   --template-path
//   /work/main/scripts/templates/db-weight-template.hbs

/// Storage DB weights for the `Genex Development` runtime and `ParityDb`.
pub mod constants {
	use polkadot_sdk::frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		/// Genex nodes run ParityDB only: measured on a production-sized state (see
		/// `docs/performance.md` §7 and `scripts/bench-db-state.py`), used as the runtime's
		/// `DbWeight`.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// Time to read one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 1_182, 7_637_422
			//   Average:  10_852
			//   Median:   9_087
			//   Std-Dev:  28664.28
			//
			// Percentiles nanoseconds:
			//   99th: 19_747
			//   95th: 14_968
			//   75th: 11_030
			read: 10_852 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// Time to write one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 23_972, 97_255
			//   Average:  36_503
			//   Median:   33_630
			//   Std-Dev:  9525.27
			//
			// Percentiles nanoseconds:
			//   99th: 77_396
			//   95th: 57_110
			//   75th: 37_590
			write: 36_503 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use polkadot_sdk::frame_support::weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
