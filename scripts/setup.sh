#!/usr/bin/env bash
# Installs what building Genex Chain needs on a Debian machine. Idempotent: safe to run again.
set -euo pipefail
need_apt=()
# postgresql: the server genex-reports' tests start (scripts/postgres.sh).
for pkg in protobuf-compiler clang libclang-dev libssl-dev pkg-config zstd postgresql; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing ${need_apt[*]}"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is required (https://rustup.rs)" >&2
	exit 1
fi
installed=$(rustup target list --installed)
for t in wasm32v1-none wasm32-unknown-unknown; do
	grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
echo "setup: ok"
