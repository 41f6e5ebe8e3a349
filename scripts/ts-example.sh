#!/usr/bin/env bash
# Installs (from the npm registry, pinned by examples/ts/package-lock.json) and compiles the
# TypeScript wallet example; node/tests/ts_example.rs then runs it against a dev node.
#
#   ./scripts/ts-example.sh            install if needed, then compile (tsc)
#   ./scripts/ts-example.sh run [URL]  also run it against a running node (default the dev node)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT/examples/ts"
if [ ! -x node_modules/.bin/tsc ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
if [ "${1:-}" = run ]; then
	node dist/wallet.js "${2:-ws://127.0.0.1:9944}"
fi
