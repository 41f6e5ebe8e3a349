#!/usr/bin/env bash
# Runs zombienet/local.zndsl: 4 validators (platform, bank-a, bank-b, bank-c) + a regulator archive node
# as real processes on localhost; try-runtime checks on the live state, then a runtime upgrade
# through a council motion. Builds the two runtime variants it needs first
# (scripts/build-runtime-variant.sh: warm after the first run, a few minutes when the runtime
# changed). Installs the zombienet CLI from the npm registry (pinned in
# zombienet/package.json) on first use. Needs a built node (scripts/build.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT/zombienet"
if [ ! -x node_modules/.bin/zombienet ]; then
	npm install --no-audit --no-fund --loglevel=error
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$GENEX_NODE" export-chain-spec --chain local --raw > "$work/local-raw.json" 2>/dev/null
export GENEX_ZOMBIE_SPEC="$work/local-raw.json"
echo "zombienet: building the runtime variants (spec_version + 1; try-runtime)"
GENEX_NEXT_WASM="$("$GENEX_ROOT/scripts/build-runtime-variant.sh" next '"next-spec"')"
try_wasm="$("$GENEX_ROOT/scripts/build-runtime-variant.sh" try-runtime '"try-runtime"')"
mkdir -p "$work/overrides"
cp "$try_wasm" "$work/overrides/genex-try-runtime.wasm"
export GENEX_NEXT_WASM GENEX_TRY_RUNTIME_DIR="$work/overrides"
export GENEX_NODE
# faults.js: the load log and the nodes' directories (to wipe a database).
export GENEX_ZOMBIE_WORK="$work"
# Bounded: the longest wait in local.zndsl is 300 s (the upgrade); the whole run normally takes a few minutes.
timeout 900 node_modules/.bin/zombienet test --provider native --dir "$work/net" local.zndsl
