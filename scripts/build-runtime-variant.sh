#!/usr/bin/env bash
# Builds a variant of the runtime Wasm with extra runtime features, next to (never over) the
# node's embedded Wasm, and prints the path of its compressed blob.
#
#   scripts/build-runtime-variant.sh next        '"next-spec"'    # spec_version + 1 (upgrade test)
#   scripts/build-runtime-variant.sh try-runtime '"try-runtime"'  # TryRuntime API (state checks)
#
# Why not the Wasm builder: it builds the runtime crate with the node's features into one fixed
# output file, so a second feature set would overwrite the node's Wasm and rebuild the node.
# This script runs the same command the builder runs (same target, RUSTFLAGS and profile; see
# substrate-wasm-builder's `build_bloaty_blob`) on its own project under
# `$CARGO_TARGET_DIR/variants/`, which stays warm between runs. Omitted on purpose: the builder's
# path remapping (it would make the cache depend on the clone's path) and wasm-opt's
# compaction (the blob is only zstd-compressed, with the prefix the executor expects).
set -euo pipefail
source "$(dirname "$0")/env.sh"
name="${1:?variant name}"
features="${2:?runtime features as a TOML list body, e.g. '\"next-spec\"'}"
lib="genex_runtime_${name//-/_}"
root="$CARGO_TARGET_DIR/variants"
project="$root/$name"
mkdir -p "$project/src"
# No metadata hash: the Wasm builder compiles the node's Wasm twice to bake in its RFC 78 hash
# (RUNTIME_METADATA_HASH, runtime/build.rs); a variant is compiled once, without it. Transactions
# signed with CheckMetadataHash disabled (mode 0: @polkadot/api's and subxt's default, the genex
# tools) work on it as on the node's Wasm; mode 1 is refused with `CannotLookup` (docs/api.md).
unset RUNTIME_METADATA_HASH

# Write a file only when its content changes (cargo compares mtimes).
put() {
	if ! cmp -s "$2" "$1" 2>/dev/null; then cp "$2" "$1"; fi
	rm -f "$2"
}
cat > "$project/Cargo.toml.new" <<EOF
[package]
name = "genex-runtime-$name"
version = "1.0.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]
name = "$lib"

[dependencies.wasm-project]
package = "genex-runtime"
path = "$GENEX_ROOT/runtime"
default-features = false
features = [$features]

[profile.release]
lto = "thin"
panic = "abort"

[workspace]
resolver = "2"
EOF
put "$project/Cargo.toml" "$project/Cargo.toml.new"
printf '#![no_std]\n#![allow(unused_imports)]\npub use wasm_project::*;\n' > "$project/src/lib.rs.new"
put "$project/src/lib.rs" "$project/src/lib.rs.new"
# The workspace's lock pins every version; cargo only drops the entries this project does not use.
cp "$GENEX_ROOT/Cargo.lock" "$project/Cargo.lock.new"
put "$project/Cargo.lock" "$project/Cargo.lock.new"

(
	unset CARGO_ENCODED_RUSTFLAGS RUSTC
	export CARGO_TARGET_DIR="$root/target"
	export RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime"
	# Tells the runtime's build script not to build the node's Wasm from inside this build.
	export SKIP_WASM_BUILD=""
	cargo rustc --quiet --target=wasm32v1-none --manifest-path "$project/Cargo.toml" --profile release >&2
)
blob="$root/target/wasm32v1-none/release/$lib.wasm"
out="$root/$name.compressed.wasm"
# sp-maybe-compressed-blob's format: an 8-byte magic prefix, then a zstd frame.
{
	printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05'
	zstd -q -c -9 "$blob"
} > "$out.new"
mv "$out.new" "$out"
echo "$out"
