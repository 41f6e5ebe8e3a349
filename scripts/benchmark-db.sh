#!/usr/bin/env bash
# Measures the database's read and write costs on a production-sized state and writes the
# runtime's DbWeight (runtime/src/paritydb_weights.rs).
#
# 1. builds the benchmarking node (as scripts/benchmark.sh, its own target dir);
# 2. grows the dev chain's raw spec to $ACCOUNTS accounts (default 1,000,000), each with a native
#    account and a GUSD holding, every second one also a coupon holding
#    (scripts/bench-db-state.py: ≈ 2.5 M keys, a 0.7 GB spec);
# 3. `genex-node benchmark storage` on it: every key read once, and written in batches of
#    $BATCH keys (default 5,000, about what a full block writes, so the storage root's cost is
#    shared out as in a block, not over 100,000 writes), the average per key.
#
# Takes about 15 minutes here (2 cores): 25 s to build the genesis state, 1 min of reads,
# the writes; peak memory ≈ 5 GB. Needs the xxhash Python package (installed if missing).
# Usage: scripts/benchmark-db.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
export CARGO_TARGET_DIR="${GENEX_BENCH_TARGET:-$HOME/.cache/genex-bench-target}"
cargo build --release --locked -p genex-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/genex-node"
python3 -c 'import xxhash' 2>/dev/null || python3 -m pip install --quiet xxhash
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$node" export-chain-spec --chain dev --raw > "$work/dev-raw.json" 2>/dev/null
python3 scripts/bench-db-state.py --spec "$work/dev-raw.json" --accounts "${ACCOUNTS:-1000000}" \
	--out "$work/big.json"
"$node" benchmark storage \
	--chain "$work/big.json" \
	--base-path "$work/db" \
	--state-version 1 \
	--batch-size "${BATCH:-5000}" \
	--weight-path runtime/src/ \
	--template-path scripts/templates/db-weight-template.hbs
