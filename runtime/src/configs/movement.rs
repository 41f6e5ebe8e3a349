//! The value-movement gate every pallet that moves value asks (`Movement` in the stablecoin,
//! coupon, market and redemption pallets): sanctions, KYC levels and limits, the Travel Rule
//! and AML monitoring, in that order (`genex_primitives::ComplianceGate`).

use crate::*;

/// The runtime's gate.
pub type ValueGate = genex_primitives::ComplianceGate<Sanctions, Kyc, TravelRule, Aml>;
