# Sourced by the other scripts: where builds go and how the Wasm builder finds the workspace.
# The target dir lives outside the work tree so it survives fresh clones (CI reuses it).
GENEX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GENEX_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/genex-target}"
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$GENEX_ROOT}"
export GENEX_NODE="${GENEX_NODE:-$CARGO_TARGET_DIR/release/genex-node}"
