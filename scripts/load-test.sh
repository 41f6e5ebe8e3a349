#!/usr/bin/env bash
# End-to-end load test: builds the node and `genex-load`, then runs it (it starts its own dev
# node with the load accounts in genesis). Options go to genex-load (`--help`); results are
# written to load-results.json unless `--out` says otherwise; a run to report goes in with
# `--report-dir docs/performance` (writes docs/performance/<date>.json), then
# `python3 scripts/perf-chart.py` redraws docs/performance/chart.svg. See docs/performance.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
# The same build as scripts/test.sh (one feature set): after a test run nothing rebuilds.
cargo test --release --locked --workspace --no-run
exec "$CARGO_TARGET_DIR/release/genex-load" --node "$GENEX_NODE" "$@"
