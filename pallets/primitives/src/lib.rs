//! # Genex Chain primitives
//!
//! Types every Genex crate agrees on: account and money types, the settlement asset id, block
//! time constants, and the glue traits through which pallets ask each other questions without
//! reading each other's storage: [`KycProvider`], [`SanctionsScreen`] (+ [`OnBlocked`]),
//! [`TravelRule`], [`Settlement`], [`CreditLimit`], [`Affiliation`], [`CouponLedger`] and
//! [`PriceOracle`], and the one gate every movement of value passes, [`ValueMovement`] (with
//! its runtime composition [`ComplianceGate`] and the [`AmlMonitor`] behind it). One file each under `src/`, each with a `()` no-op implementation and a test
//! mock (`mock` modules, `std` only). [`api`] declares the runtime APIs.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, checked in the non-test build.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::expect_used,
		clippy::unwrap_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

use polkadot_sdk::sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};

pub mod affiliation;
pub mod aml;
pub mod api;
pub mod coupons;
pub mod credit;
pub mod disputes;
pub mod kyc;
pub mod market;
#[cfg(feature = "std")]
pub mod measured;
pub mod movement;
pub mod notifications;
pub mod oracle;
pub mod sanctions;
pub mod settlement;
pub mod sweep;
pub mod time;
pub mod travel_rule;

pub use affiliation::Affiliation;
pub use aml::{
	AccountFlag, AmlAccount, Rule, RuleConfig, Severity, FLEETING_BLOCKS, MAX_CYCLE_HOPS,
};
pub use coupons::{
	CouponInfo, CouponKind, CouponLedger, CouponProblem, CouponStats, CouponVerification,
	RedemptionAuthorization, RedemptionPayload, SeriesId, SeriesStatus, REDEMPTION_PAYLOAD_LEN,
	WRAPPED_BYTES,
};
pub use credit::{CreditInputs, CreditLimit, CreditReport, IssuerStatus, Retirement};
pub use disputes::{ClaimFunds, Collateral};
pub use kyc::{KycLevel, KycProvider, KycStatus};
pub use market::TradeHistory;
pub use movement::{
	AmlMonitor, ComplianceGate, Movement, MovementKind, PartyRefusal, Recorded, ValueMovement,
	NO_REVIEW,
};
pub use oracle::{OracleView, PriceInputs, PriceOracle, PriceStatus};
pub use sanctions::{CallParties, OnBlocked, SanctionsListInfo, SanctionsScreen};
pub use settlement::{FreezeReason, Settlement};
pub use sweep::{sweep, SweepCursor, SweepOutcome};
pub use travel_rule::{TransferredAsset, TravelRule, TravelRuleData, VaspId};

/// An index to a block.
pub type BlockNumber = u32;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent to the
/// public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Balance of an account, in the native token or in any asset (the stablecoin included). The
/// native token and the settlement stablecoin both have 12 decimals: one unit is `10^12`.
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = polkadot_sdk::sp_core::H256;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Opaque block type, as the node sees it (it does not know the runtime's extrinsic format).
pub type OpaqueBlock = generic::Block<Header, polkadot_sdk::sp_runtime::OpaqueExtrinsic>;

/// Identifier of an asset in `pallet-assets` (the settlement stablecoin has one; coupon series
/// are not assets, they live in the coupon pallet).
pub type AssetId = u32;

/// Timestamp in milliseconds since the Unix epoch, as `pallet-timestamp` keeps it.
pub type Moment = u64;

mod token;
pub use token::{DECIMALS, TOKEN_SYMBOL};

/// One whole unit of the native token (`GNX`) in its smallest denomination.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a unit.
pub const MICRO_UNIT: Balance = 1_000_000;

/// The asset id of the settlement stablecoin in the presets this repository ships.
pub const STABLECOIN_ASSET_ID: AssetId = 1;
/// Symbol of the settlement stablecoin in the presets this repository ships.
pub const STABLECOIN_SYMBOL: &[u8] = b"GUSD";
/// Display name of the settlement stablecoin in the presets this repository ships.
pub const STABLECOIN_NAME: &[u8] = b"Genex USD";
/// One whole stablecoin (one US dollar) in its smallest unit.
pub const STABLECOIN_UNIT: Balance = 1_000_000_000_000;
