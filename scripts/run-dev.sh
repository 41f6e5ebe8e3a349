#!/usr/bin/env bash
# Sets up the machine, builds the node and runs a development chain (one validator, Alice, sudo)
# with RPC on ws://127.0.0.1:9944. Extra arguments go to the node.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$GENEX_ROOT/scripts/setup.sh"
"$GENEX_ROOT/scripts/build.sh"
exec "$GENEX_NODE" --dev --tmp --rpc-cors all "$@"
