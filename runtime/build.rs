//! Builds the runtime's Wasm blob (skipped with `SKIP_WASM_BUILD=1`) with its RFC 78 metadata
//! hash baked in for `CheckMetadataHash`: the builder compiles the Wasm, reads its metadata (V15),
//! hashes it with the native token's symbol and decimals, and compiles it again with
//! `RUNTIME_METADATA_HASH` set. A native build of the runtime has no hash (the variable is set
//! for the Wasm only), so native code signs with the extension disabled (mode 0).

// `TOKEN_SYMBOL` and `DECIMALS`: the same file the primitives crate and the chain spec read, so
// what a wallet passes to its merkleizer (the chain spec's properties) is what the hash used.
#[cfg(feature = "std")]
include!("../pallets/primitives/src/token.rs");

fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_metadata_hash(TOKEN_SYMBOL, DECIMALS)
			.build();
	}
}
