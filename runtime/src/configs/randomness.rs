//! `pallet_insecure_randomness_collective_flip`: the randomness `pallet-contracts` requires.
//! It is predictable by block authors (the permissioned validators); contracts must not use it
//! for anything of value (documented in docs/architecture.md).

use crate::*;
use polkadot_sdk::pallet_insecure_randomness_collective_flip;

impl pallet_insecure_randomness_collective_flip::Config for Runtime {}
