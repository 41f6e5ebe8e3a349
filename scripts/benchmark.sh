#!/usr/bin/env bash
# Runs the runtime benchmarks of Genex pallets and writes their weights.rs files.
# Builds the node with `--features runtime-benchmarks` in its own target dir
# ($GENEX_BENCH_TARGET, default ~/.cache/genex-bench-target): the feature changes the features of
# nearly every crate, so building it in the test build's target dir would rebuild both each time
# (≈ 50 min cold here, then incremental).
# polkadot-sdk pallets whose weights the runtime measures itself (pallet_proxy, pallet_recovery)
# are written to runtime/src/weights/<pallet>.rs with the runtime template (an implementation of
# the SDK pallet's own `WeightInfo`).
# Usage: scripts/benchmark.sh [pallet ...]   (default: all Genex pallets and those SDK pallets)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
pallets=("$@")
[ ${#pallets[@]} -eq 0 ] && pallets=(pallet_stablecoin pallet_validator_set pallet_governance pallet_kyc pallet_sanctions pallet_travel_rule pallet_aml pallet_feeless pallet_issuers pallet_disputes pallet_coupons pallet_redemption pallet_market pallet_oracle pallet_proxy pallet_recovery)
export CARGO_TARGET_DIR="${GENEX_BENCH_TARGET:-$HOME/.cache/genex-bench-target}"
cargo build --release --locked -p genex-node --features runtime-benchmarks
for pallet in "${pallets[@]}"; do
	case "$pallet" in
	pallet_proxy | pallet_recovery)
		output="runtime/src/weights/$pallet.rs"
		template=scripts/templates/runtime-weight-template.hbs
		;;
	*)
		output="pallets/$(echo "${pallet#pallet_}" | tr _ -)/src/weights.rs"
		template=scripts/templates/pallet-weight-template.hbs
		;;
	esac
	echo "benchmarking $pallet -> $output"
	"$CARGO_TARGET_DIR/release/genex-node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template "$template" \
		--output "$output"
done
