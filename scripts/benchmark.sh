#!/usr/bin/env bash
# Runs the runtime benchmarks of Genex pallets and writes their weights.rs files.
# Builds the node with `--features runtime-benchmarks` (a separate, long build).
# Usage: scripts/benchmark.sh [pallet ...]   (default: all Genex pallets)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
pallets=("$@")
[ ${#pallets[@]} -eq 0 ] && pallets=(pallet_stablecoin pallet_validator_set pallet_kyc pallet_sanctions pallet_travel_rule pallet_feeless pallet_issuers pallet_coupons pallet_redemption pallet_market pallet_oracle)
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
