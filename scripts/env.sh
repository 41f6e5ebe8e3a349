# Sourced by the other scripts: where builds go and how the Wasm builder finds the workspace.
# The target dir lives outside the work tree so it survives fresh clones (CI reuses it).
GENEX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GENEX_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/genex-target}"
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$GENEX_ROOT}"
export GENEX_NODE="${GENEX_NODE:-$CARGO_TARGET_DIR/release/genex-node}"
# Keep machine paths (the clone, the cargo home, the target dir) out of the runtime Wasm. This is
# not yet a byte-reproducible build: rustc's crate hashes still depend on the clone's path, so a
# verifiable on-chain code hash needs a fixed-path build (srtool-style); see docs/operators.md.
# Appended once: sourcing this file again must not change the flags (that would rebuild the Wasm).
genex_remap="--remap-path-prefix=$GENEX_ROOT=/genex --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$CARGO_TARGET_DIR=/target"
case " ${WASM_BUILD_RUSTFLAGS:-} " in
*" $genex_remap "*) ;;
*) export WASM_BUILD_RUSTFLAGS="${WASM_BUILD_RUSTFLAGS:-} $genex_remap" ;;
esac
unset genex_remap
# frame-benchmarking-cli (node feature `runtime-benchmarks`) pulls in a test runtime whose Wasm
# build cannot find itself in our workspace's metadata; only `benchmark storage` would use it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
