#!/usr/bin/env bash
# Runs zombienet/local.zndsl: 3 validators (platform, bank-a, bank-b) + a regulator archive node
# as real processes on localhost. Installs the zombienet CLI from the npm registry (pinned in
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
export GENEX_NODE
# Bounded: the longest wait in local.zndsl is 60 s; the whole run normally takes ~1 min.
timeout 600 node_modules/.bin/zombienet test --provider native --dir "$work/net" local.zndsl
