#!/usr/bin/env bash
# Installs (from the npm registry, pinned by examples/ts/package-lock.json) and compiles the
# TypeScript wallet examples (@polkadot/api: src/wallet.ts; polkadot-api: src/papi.ts);
# node/tests/ts_example.rs then runs them against a dev node.
#
#   ./scripts/ts-example.sh            install if needed, generate PAPI's descriptors, compile (tsc)
#   ./scripts/ts-example.sh run [URL]  also run both against a running node (default the dev node)
#
# PAPI's descriptors (examples/ts/.papi/descriptors, not kept in git) are the metadata of the
# runtime Wasm the node embeds (built by ./scripts/build.sh) turned into TypeScript types, so tsc
# checks the examples against this runtime; `papi generate` is a no-op when the metadata did not
# change. Config: examples/ts/.papi/polkadot-api.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT/examples/ts"
if [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/papi ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
wasm="$CARGO_TARGET_DIR/release/wbuild/genex-runtime/genex_runtime.compact.compressed.wasm"
if [ ! -f "$wasm" ]; then
	echo "ts-example.sh: no runtime Wasm at $wasm: run ./scripts/build.sh first" >&2
	exit 1
fi
papi() {
	local out
	out=$(node_modules/.bin/papi "$@" 2>&1) || { echo "$out" >&2; return 1; }
}
papi add genex --wasm "$wasm" --skip-codegen
papi generate
npm run --silent build
if [ "${1:-}" = run ]; then
	node dist/wallet.js "${2:-ws://127.0.0.1:9944}"
	node dist/papi.js "${2:-ws://127.0.0.1:9944}"
fi
