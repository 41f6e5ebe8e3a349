#!/usr/bin/env bash
# Lints the workspace: `cargo clippy` on every target with warnings denied (the restriction
# lints of Cargo.toml's `[workspace.lints.clippy]`: no unwrap, expect, unchecked indexing or
# arithmetic outside tests), then `cargo deny` (RustSec advisories, licences, duplicate crates,
# sources; the exceptions are written down in deny.toml). Installs clippy and cargo-deny when
# missing. Run by scripts/test.sh.
#
#   scripts/lint.sh          clippy, then cargo deny
#   scripts/lint.sh clippy   clippy only
#   scripts/lint.sh deny     cargo deny only (refreshes the advisory database first)
#
# The advisory database is a clone of https://github.com/rustsec/advisory-db kept in
# ~/.cache/genex-advisory-dbs (deny.toml's `db-path`). Each run tries to refresh it; without
# network access the clone already there is used (deny.toml fails the check once it is more
# than a year old). GENEX_ADVISORY_DB names another source to clone or pull from (a local
# mirror, for machines without access to GitHub).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$GENEX_ROOT"

CARGO_DENY_VERSION=0.20.2
ADVISORY_URL="https://github.com/rustsec/advisory-db"
# cargo-deny's directory for that URL under `db-path` (its name and a hash of the URL).
ADVISORY_DIR="$HOME/.cache/genex-advisory-dbs/advisory-db-3157b0e258782691"

clippy() {
	rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	echo "== clippy (workspace, all targets, warnings denied) =="
	SKIP_WASM_BUILD=1 cargo clippy --release --locked --workspace --all-targets -- -D warnings
}

advisory_db() {
	local source="${GENEX_ADVISORY_DB:-$ADVISORY_URL}"
	if [ -d "$ADVISORY_DIR/.git" ]; then
		if ! git -C "$ADVISORY_DIR" pull -q --ff-only "$source" HEAD 2>/dev/null; then
			echo "lint: cannot refresh the advisory database from $source; using the copy of" \
				"$(git -C "$ADVISORY_DIR" show -s --format=%cs HEAD)" >&2
		fi
	else
		mkdir -p "$(dirname "$ADVISORY_DIR")"
		if ! git clone -q "$source" "$ADVISORY_DIR"; then
			echo "lint: cannot clone the RustSec advisory database from $source;" \
				"set GENEX_ADVISORY_DB to a reachable copy (a URL or a local clone)" >&2
			exit 1
		fi
	fi
}

deny() {
	if ! cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
		echo "lint: installing cargo-deny $CARGO_DENY_VERSION"
		cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION"
	fi
	advisory_db
	echo "== cargo deny (advisories as of $(git -C "$ADVISORY_DIR" show -s --format=%cs HEAD)," \
		"licences, duplicate crates, sources) =="
	local log
	log=$(mktemp)
	if ! cargo deny --offline --locked check 2>"$log"; then
		grep -E '^(error|warning)\[' "$log" | grep -v '^warning\[duplicate\]' >&2 || true
		cat "$log" >&2
		rm -f "$log"
		exit 1
	fi
	echo "cargo deny: $(grep -c '^warning\[duplicate\]' "$log" || true) crates in more than one" \
		"version (reported, not fatal: deny.toml)"
	rm -f "$log"
}

case "${1:-all}" in
clippy) clippy ;;
deny) deny ;;
all)
	clippy
	deny
	;;
*)
	echo "usage: scripts/lint.sh [clippy|deny]" >&2
	exit 2
	;;
esac
