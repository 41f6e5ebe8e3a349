#!/usr/bin/env bash
# Populates a running development chain with a living market in under a minute (`genex demo`):
# issuers of different standing, series of each kind, a primary sale, market makers quoting,
# retail trades across several blocks, P2P and Travel-Rule transfers, a redemption at a till,
# an expiring series, a sanctioned account refused, a fresh oracle price.
#
#   ./scripts/demo.sh [--url ws://HOST:PORT]     (default $GENEX_URL, else ws://127.0.0.1:9944)
#
# Start the chain first (./scripts/run-dev.sh, in another terminal). The demo plays with the
# development accounts and runs once per chain. It builds `genex` if it is not built yet.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# GENEX_BIN: another genex binary (the tests pass the one they built).
genex="${GENEX_BIN:-$CARGO_TARGET_DIR/release/genex}"
if [[ ! -x "$genex" ]]; then
	"$GENEX_ROOT/scripts/build.sh"
fi
url="${GENEX_URL:-ws://127.0.0.1:9944}"
while [[ $# -gt 0 ]]; do
	case "$1" in
	--url) url="$2"; shift 2 ;;
	--url=*) url="${1#--url=}"; shift ;;
	*) echo "usage: $0 [--url ws://HOST:PORT]" >&2; exit 2 ;;
	esac
done
# Wait (up to a minute) for a node that has just been started to answer.
for _ in $(seq 60); do
	"$genex" --url "$url" chain status >/dev/null 2>&1 && break
	sleep 1
done
exec "$genex" --url "$url" demo
