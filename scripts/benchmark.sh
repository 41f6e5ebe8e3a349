#!/usr/bin/env bash
# Runs the runtime benchmarks of Genex pallets and writes their weights.rs files.
# Builds the node with `--features runtime-benchmarks` in its own target dir
# ($GENEX_BENCH_TARGET, default ~/.cache/genex-bench-target): the feature changes the features of
# nearly every crate, so building it in the test build's target dir would rebuild both each time
# (≈ 50 min cold here, then incremental).
# Usage: scripts/benchmark.sh [pallet ...]   (default: all Genex pallets)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
pallets=("$@")
[ ${#pallets[@]} -eq 0 ] && pallets=(pallet_stablecoin pallet_validator_set pallet_governance pallet_kyc pallet_sanctions pallet_travel_rule pallet_aml pallet_feeless pallet_issuers pallet_disputes pallet_coupons pallet_redemption pallet_market pallet_oracle)
export CARGO_TARGET_DIR="${GENEX_BENCH_TARGET:-$HOME/.cache/genex-bench-target}"
cargo build --release --locked -p genex-node --features runtime-benchmarks
for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	echo "benchmarking $pallet -> $dir/src/weights.rs"
	"$CARGO_TARGET_DIR/release/genex-node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/templates/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
