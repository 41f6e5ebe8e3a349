#!/usr/bin/env bash
# Builds genex-node (with its runtime Wasm) in release mode.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"
cargo build --release --locked -p genex-node "$@"
