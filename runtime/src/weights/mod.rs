//! Weights of polkadot-sdk pallets measured on the Genex runtime (`scripts/benchmark.sh
//! pallet_proxy pallet_recovery`, written with `scripts/templates/runtime-weight-template.hbs`):
//! each file implements the SDK pallet's own `WeightInfo`. Genex pallets keep theirs in
//! `pallets/<name>/src/weights.rs`.

pub mod pallet_proxy;
pub mod pallet_recovery;
