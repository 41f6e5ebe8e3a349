#!/usr/bin/env bash
# Sets up the machine and runs every test: lints (clippy with warnings denied, cargo deny:
# scripts/lint.sh), unit, property and runtime tests, node tests (a dev
# chain producing and finalizing blocks, bad command-line input, chain specs up to date, the
# TypeScript wallet example), the `genex` client and the guides in docs/guides run against dev nodes,
# genex-reports against a dev node (SQLite, and PostgreSQL on a throwaway server), the runtime
# fuzzer (corpus and regressions replayed, then 60 s; scripts/fuzz.sh) and the zombienet network
# test (4 validators + an archive node; pause, kill, restart and wiped-database faults under
# load). Prints a summary line at the end.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
"$GENEX_ROOT/scripts/setup.sh"

start=$(date +%s)
# One feature set for everything: `cargo test --workspace` builds the node binary (used by the
# node tests and zombienet) with the same unified features as the tests, so nothing builds twice.
echo "== build (release: node + runtime Wasm + tests) =="
"$GENEX_ROOT/scripts/build.sh"
built=$(date +%s)
echo "build: $((built - start)) s"

# clippy with warnings denied, then cargo deny (scripts/lint.sh).
"$GENEX_ROOT/scripts/lint.sh"
linted=$(date +%s)
echo "lint: $((linted - built)) s"

# The TypeScript wallet example node/tests/ts_example.rs runs (npm registry, pinned lock file).
"$GENEX_ROOT/scripts/ts-example.sh"

echo "== cargo test (workspace; genex-reports also against a throwaway PostgreSQL) =="
# Under /tmp: the server runs as `postgres`, which cannot enter /root.
pg_dir="/tmp/genex-test-postgres-$$"
trap '"$GENEX_ROOT/scripts/postgres.sh" stop "$pg_dir"' EXIT
GENEX_TEST_POSTGRES_URL=$("$GENEX_ROOT/scripts/postgres.sh" start "$pg_dir" 54329)
export GENEX_TEST_POSTGRES_URL GENEX_REQUIRE_POSTGRES=1
cargo test --release --locked --workspace 2>&1 | tee "$CARGO_TARGET_DIR/genex-test.log"
"$GENEX_ROOT/scripts/postgres.sh" stop "$pg_dir"
echo "== benchmarks of Genex pallets, run as tests against their mocks =="
# `pallet-oracle@0.1.0`: the lock file also lists an unrelated crates.io `pallet-oracle`.
bench_pallets=(pallet-stablecoin pallet-validator-set pallet-governance pallet-kyc pallet-sanctions pallet-travel-rule pallet-aml pallet-feeless pallet-issuers pallet-coupons pallet-redemption pallet-market pallet-oracle@0.1.0)
bench_args=()
bench_features=()
for p in "${bench_pallets[@]}"; do
	bench_args+=(-p "$p")
	bench_features+=("${p%@*}/runtime-benchmarks")
done
SKIP_WASM_BUILD=1 cargo test --release --locked "${bench_args[@]}" \
	--features "$(IFS=,; echo "${bench_features[*]}")" \
	2>&1 | tee -a "$CARGO_TARGET_DIR/genex-test.log"
tested=$(date +%s)
echo "cargo test: $((tested - linted)) s"

echo "== fuzz: the whole runtime, random call sequences, invariants after every block (60 s) =="
"$GENEX_ROOT/scripts/fuzz.sh" ci 60
fuzzed=$(date +%s)
echo "fuzz: $((fuzzed - tested)) s"

echo "== zombienet: platform + bank-a + bank-b + bank-c + regulator archive node =="
"$GENEX_ROOT/scripts/zombienet.sh"
done_at=$(date +%s)
echo "zombienet: $((done_at - fuzzed)) s"

passed=$(awk '/^test result: ok/ { for (i = 1; i <= NF; i++) if ($(i + 1) ~ /^passed/) n += $i } END { print n + 0 }' "$CARGO_TARGET_DIR/genex-test.log")
echo "total: $((done_at - start)) s"
echo "cargo: ${passed:-0} passed, 0 failed"
