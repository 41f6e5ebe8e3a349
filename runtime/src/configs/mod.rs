//! Pallet configurations, one file per pallet. Each starts with `use crate::*;`.

mod aml;
mod assets;
mod aura;
mod balances;
mod compliance_committee;
mod contracts;
mod council;
mod coupons;
mod disputes;
mod feeless;
mod governance;
mod grandpa;
mod issuers;
mod kyc;
mod market;
mod movement;
mod multisig;
mod oracle;
mod proxy;
mod randomness;
mod recovery;
mod redemption;
mod sanctions;
mod session;
mod stablecoin;
mod sudo;
mod system;
mod timestamp;
mod transaction_payment;
mod travel_rule;
mod treasury;
mod utility;
mod validator_set;

pub use compliance_committee::{ComplianceCollective, ComplianceOrigin, DualComplianceOrigin};
pub use council::{CouncilCollective, GovernanceOrigin, MaxProposalWeight, RootOrigin};
pub use disputes::{HANDLE_WITHIN, RESPOND_WITHIN};
pub use feeless::NeverFeeless;
pub use movement::ValueGate;
pub use proxy::ProxyType;
pub use recovery::{
	RecoveryPolicy, RecoverySecurityDeposit, MAX_GUARDIANS, MIN_GUARDIANS, MIN_GUARDIAN_THRESHOLD,
	MIN_INHERITANCE_DELAY,
};
pub use sanctions::MAX_WRAPPER_DEPTH;
pub use stablecoin::StablecoinPalletId;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, MAXIMUM_BLOCK_WEIGHT};
pub use treasury::TreasuryAccount;
