#!/usr/bin/env bash
# The whole-runtime fuzzer (fuzz/): libFuzzer over random call sequences through the real runtime,
# invariants after every block (docs/reliability.md).
#
#   scripts/fuzz.sh build             build the instrumented fuzzer (its own target dir)
#   scripts/fuzz.sh ci [SECONDS]      replay the kept corpus and regressions, then fuzz SECONDS (60)
#   scripts/fuzz.sh long SECONDS [N]  fuzz with N workers (2), add up the counts, merge new
#                                     coverage into the kept corpus
#   scripts/fuzz.sh replay FILE...    run inputs once (a crash found, for a regression)
#
# The build instruments every crate with libFuzzer's edge coverage (as `cargo fuzz build -s none`,
# without comparison tracing) and keeps overflow checks and debug assertions on: an overflow is a finding.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT/fuzz"

export CARGO_TARGET_DIR="${GENEX_FUZZ_TARGET_DIR:-$HOME/.cache/genex-fuzz-target}"
export SKIP_WASM_BUILD=1
triple=x86_64-unknown-linux-gnu
bin="$CARGO_TARGET_DIR/$triple/release/runtime"
corpus="$GENEX_ROOT/fuzz/corpus/runtime"
regressions="$GENEX_ROOT/fuzz/regressions"

build() {
	# With --target, RUSTFLAGS reach only the target's crates, not build scripts or proc macros.
	# Without `-sanitizer-coverage-trace-compares` (cargo fuzz's default): tracing every
	# comparison doubled the time per call (half the samples were in the trace hooks, mostly in
	# trie and hashing code), and the generator already writes the values comparisons look for.
	RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cdebug-assertions -Coverflow-checks" \
		cargo build --release --locked --target "$triple" --bin runtime
}

# Sum the per-process counts written under $1.
totals() {
	cat "$1"/stats-*.txt 2>/dev/null | awk '{ for (i = 1; i < NF; i += 2) s[$i] += $(i + 1) }
		END { printf "inputs %d, blocks %d, extrinsics %d (ok %d, failed %d), rejected %d\n",
			s["inputs"], s["blocks"], s["extrinsics_ok"] + s["extrinsics_failed"],
			s["extrinsics_ok"], s["extrinsics_failed"], s["extrinsics_invalid"] }'
}

# Inputs up to 4 KiB from the start (libFuzzer otherwise grows them from 4 bytes): one input is
# a script of up to 96 operations on a fresh chain, and a longer one amortizes the genesis.
lengths="-max_len=4096 -len_control=0"

mode="${1:-ci}"
case "$mode" in
build) build ;;
ci)
	secs="${2:-60}"
	build
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	echo "== fuzz: replay the kept corpus and every regression =="
	"$bin" -runs=0 "$corpus" "$regressions" >"$work/replay.log" 2>&1 || {
		tail -60 "$work/replay.log"
		echo "fuzz: a kept input fails"
		exit 1
	}
	grep -E "INITED|DONE" "$work/replay.log" | tail -2
	echo "== fuzz: ${secs} s =="
	mkdir -p "$work/new" "$work/stats"
	GENEX_FUZZ_STATS="$work/stats" "$bin" "$work/new" "$corpus" -max_total_time="$secs" \
		$lengths -artifact_prefix="$work/" -print_final_stats=1 2>"$work/log" || {
		tail -60 "$work/log"
		echo "fuzz: a crash; the input is under $work (kept)"
		trap - EXIT
		exit 1
	}
	grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|cov:" "$work/log" | tail -3
	echo "fuzz: $(totals "$work/stats")"
	;;
long)
	secs="${2:?seconds}"
	workers="${3:-2}"
	build
	out="${GENEX_FUZZ_OUT:-$HOME/.cache/genex-fuzz-run}"
	rm -rf "$out"
	mkdir -p "$out/new" "$out/stats" "$out/artifacts"
	# libFuzzer writes its workers' logs (fuzz-N.log) to the working directory.
	(cd "$out" && GENEX_FUZZ_STATS="$out/stats" "$bin" "$out/new" "$corpus" \
		-max_total_time="$secs" -jobs="$workers" -workers="$workers" $lengths \
		-artifact_prefix="$out/artifacts/" >"$out/log" 2>&1) || true
	echo "fuzz: $(totals "$out/stats") in ${secs} s, ${workers} workers"
	ls "$out/artifacts"
	# Keep what added edges (small: libFuzzer's merge on edges alone, without hit counts).
	"$bin" -merge=1 -use_counters=0 "$corpus" "$out/new" >"$out/merge.log" 2>&1
	echo "corpus: $(ls "$corpus" | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
	;;
replay)
	shift
	"$bin" -runs=1 "$@"
	;;
*)
	echo "usage: $0 build | ci [SECONDS] | long SECONDS [WORKERS] | replay FILE..." >&2
	exit 2
	;;
esac
