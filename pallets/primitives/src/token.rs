// The native token's symbol and decimals: one source for the chain spec's properties, the
// runtime and the runtime's build script (`runtime/build.rs` includes this file), which bakes
// both into the RFC 78 metadata hash that `CheckMetadataHash` verifies. A wallet signing with
// the metadata hash must pass the same two values to its merkleizer.

/// Symbol of the native token.
pub const TOKEN_SYMBOL: &str = "GNX";

/// Decimals of the native token and of the settlement stablecoin.
pub const DECIMALS: u8 = 12;
