//! Pallet configurations, one file per pallet. Each starts with `use crate::*;`.

mod assets;
mod aura;
mod balances;
mod contracts;
mod council;
mod grandpa;
mod multisig;
mod randomness;
mod session;
mod stablecoin;
mod sudo;
mod system;
mod timestamp;
mod transaction_payment;
mod treasury;
mod utility;
mod validator_set;

pub use council::{CouncilCollective, GovernanceOrigin};
pub use stablecoin::StablecoinPalletId;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, MAXIMUM_BLOCK_WEIGHT};
pub use treasury::TreasuryAccount;
