#!/usr/bin/env bash
# Writes the chain specs chain-specs/{dev,local,staging}.json from the node's built-in presets.
# Usage: scripts/gen-chain-specs.sh [OUT_DIR]   (default: chain-specs/)
# A test (node/tests/chain_specs.rs) runs this into a temporary folder and fails when the
# checked-in files differ: rerun this script after changing the runtime or a preset.
set -euo pipefail
source "$(dirname "$0")/env.sh"
out="${1:-$GENEX_ROOT/chain-specs}"
mkdir -p "$out"
for chain in dev local staging; do
	"$GENEX_NODE" export-chain-spec --chain "$chain" > "$out/$chain.json.tmp" 2>/dev/null
	mv "$out/$chain.json.tmp" "$out/$chain.json"
done
echo "chain specs written to $out"
