//! Counts of what the fuzzer ran, for the long-run report. With `GENEX_FUZZ_STATS=<dir>` each
//! process writes its totals to `<dir>/stats-<pid>.txt` at most every two seconds (libFuzzer's
//! workers are processes; `scripts/fuzz.sh` adds them up).

use crate::chain::Chain;
use std::{
	sync::{Mutex, OnceLock},
	time::{Duration, Instant},
};

#[derive(Default)]
struct Totals {
	inputs: u64,
	blocks: u64,
	ok: u64,
	failed: u64,
	invalid: u64,
	written: Option<Instant>,
}

fn totals() -> &'static Mutex<Totals> {
	static T: OnceLock<Mutex<Totals>> = OnceLock::new();
	T.get_or_init(Default::default)
}

/// Add one finished input.
pub fn input_done(chain: &Chain) {
	let Some(dir) = std::env::var_os("GENEX_FUZZ_STATS") else { return };
	let Ok(mut t) = totals().lock() else { return };
	t.inputs += 1;
	t.blocks += u64::from(chain.blocks);
	t.ok += u64::from(chain.ok);
	t.failed += u64::from(chain.failed);
	t.invalid += u64::from(chain.invalid);
	if t.written.is_some_and(|w| w.elapsed() < Duration::from_secs(2)) {
		return;
	}
	t.written = Some(Instant::now());
	let line = format!(
		"inputs {} blocks {} extrinsics_ok {} extrinsics_failed {} extrinsics_invalid {}\n",
		t.inputs, t.blocks, t.ok, t.failed, t.invalid
	);
	let path = std::path::Path::new(&dir).join(format!("stats-{}.txt", std::process::id()));
	let _ = std::fs::write(path, line);
}
