#!/usr/bin/env bash
# Builds genex-node (with its runtime Wasm) in release mode, together with the workspace's
# tests: the same build, with the same unified features, as `scripts/test.sh`'s first step, so
# the README's second command reuses what the first one built instead of building again.
# (`cargo build -p genex-node` alone resolves features differently: much of the graph would
# build a second time.)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
cargo test --release --locked --workspace --no-run "$@"
