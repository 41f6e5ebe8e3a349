//! # Genex Chain runtime
//!
//! A permissioned appchain for regulated coupon credit instruments. This file holds the
//! declarations: the runtime's types, its version, the pallets it is made of and the
//! transaction format. Each pallet's configuration is in `configs/<pallet>.rs`, the runtime
//! APIs in `apis.rs`, the genesis presets in `genesis_config_presets.rs`.
//!
//! Pallets, by domain (see `docs/architecture.md`):
//! - consensus: `Aura` (block authoring, 2 s slots), `Grandpa` (finality), `Session` and
//!   `ValidatorSet` (permissioned validators changed by governance);
//! - money: `Balances` (native token for fees, deposits, bonds), `TransactionPayment` (fees to
//!   the treasury), `Treasury`, `Assets` (the settlement stablecoin), `Stablecoin` (banks mint
//!   and burn it);
//! - governance: `Council` (platform and banks), `Sudo` (development chains only);
//! - utilities: `Utility`, `Multisig`, `Proxy` (delegated accounts), `Recovery` (guardians
//!   give a lost account's control to the inheritor its owner chose);
//! - third-party code: `Contracts` (Wasm / ink! v5) with `RandomnessCollectiveFlip`.

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
// `#[runtime]` expands to deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
#[cfg(feature = "std")]
pub mod client;
pub mod configs;
pub mod genesis_config_presets;
pub mod notifications;
/// The database's read and write costs measured on a production-sized state
/// (`scripts/benchmark-db.sh`): the runtime's `DbWeight`.
pub mod paritydb_weights;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use polkadot_sdk::{
	frame_support, frame_system, pallet_transaction_payment,
	sp_runtime::{generic, impl_opaque_keys},
	sp_version::{self, RuntimeVersion},
};

pub use genex_primitives::{
	time::*, AccountId, Address, AssetId, Balance, BlockNumber, Hash, Nonce, Signature, MICRO_UNIT,
	MILLI_UNIT, UNIT,
};

/// Opaque types: what the node needs to know of the runtime without knowing its extrinsics.
pub mod opaque {
	use super::*;

	pub use genex_primitives::{Header, OpaqueBlock as Block};
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The session keys of a validator: Aura (authoring) and GRANDPA (finality).
		pub struct SessionKeys {
			/// Block authoring key (sr25519).
			pub aura: Aura,
			/// Finality voting key (ed25519).
			pub grandpa: Grandpa,
		}
	}
}

pub use opaque::SessionKeys;

/// Declares [`VERSION`] with `spec_version` = `$spec` (a literal: `runtime_version` reads it at
/// compile time into the Wasm's `runtime_version` section).
macro_rules! genex_runtime_version {
	($spec:tt) => {
		/// The runtime's version. Bump `spec_version` with every runtime change that reaches a
		/// chain, `transaction_version` with every change to call indices or the transaction
		/// format.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: Cow::Borrowed("genex"),
			impl_name: Cow::Borrowed("genex-node"),
			authoring_version: 1,
			spec_version: $spec,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 5,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "next-spec"))]
genex_runtime_version!(125);
// The same runtime one version later: only the zombienet upgrade test builds it
// (`scripts/build-runtime-variant.sh next`), to install it through governance.
#[cfg(feature = "next-spec")]
genex_runtime_version!(126);
#[cfg(all(feature = "next-spec", feature = "std"))]
compile_error!("`next-spec` is for the upgrade test's Wasm only; a native build would embed it");

/// Existential deposit of the native token.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The address format used by the chain's wallets (SS58 prefix 42 until a registered one).
pub const SS58_PREFIX: u16 = 42;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, polkadot_sdk::sp_runtime::traits::BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked in this order when a transaction enters the pool and
/// when it is applied.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	// Before the nonce and the fee: a blocked signer's extrinsic is refused outright.
	pallet_sanctions::CheckNotBlocked<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// The fee, waived for fee-less calls within the signer's quota.
	pallet_feeless::FeelessWithinQuota<
		Runtime,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	>,
	// RFC 78: in mode 1 the signer commits to the hash of this runtime's metadata (with `GNX` and
	// 12 decimals), baked into the Wasm at build time, so an offline or hardware signer can show
	// the call decoded from metadata it can trust. One byte on the wire; mode 0 signs as before.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// The transaction extensions as every transaction built by this chain's own code carries them:
/// immortal, no tip, `nonce` (ignored without a signer), metadata hash not checked (mode 0: a
/// native build has no hash, and the general transactions carry no signature). Used by native clients
/// ([`client::signed_extrinsic`]) and by the oracle's off-chain worker (authorized general
/// transactions).
pub fn tx_extension(nonce: Nonce) -> TxExtension {
	(
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		pallet_sanctions::CheckNotBlocked::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(generic::Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_feeless::FeelessWithinQuota::from(
			pallet_transaction_payment::ChargeTransactionPayment::from(0),
		),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Single-block migrations to run on the next runtime upgrade.
///
/// - `pallet_kyc::migrations::v1::MigrateToV1` (spec 112): the monthly P2P limits; four
///   entries, versioned (a no-op on a chain already at version 1).
/// - `pallet_market::migrations::v1::MigrateToV1` (spec 112): indexes the series with market
///   makers for the obligations sampling; one pass over them, versioned.
/// - `pallet_feeless::migrations::v1::MigrateToV1` (spec 114): the compact policy index every
///   transaction's fee check reads; at most 64 entries, versioned.
pub type Migrations = (
	pallet_kyc::migrations::v1::MigrateToV1<Runtime>,
	pallet_market::migrations::v1::MigrateToV1<Runtime>,
	pallet_feeless::migrations::v1::MigrateToV1<Runtime>,
);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

use polkadot_sdk::frame_executive;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = polkadot_sdk::frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = polkadot_sdk::pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = polkadot_sdk::pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = polkadot_sdk::pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = polkadot_sdk::pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = polkadot_sdk::pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = polkadot_sdk::pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Council = polkadot_sdk::pallet_collective<Instance1>;

	// Before `Session`: the session genesis asks it for the first validator set.
	#[runtime::pallet_index(8)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(9)]
	pub type Session = polkadot_sdk::pallet_session;

	#[runtime::pallet_index(10)]
	pub type Treasury = polkadot_sdk::pallet_treasury;

	#[runtime::pallet_index(11)]
	pub type Utility = polkadot_sdk::pallet_utility;

	#[runtime::pallet_index(12)]
	pub type Multisig = polkadot_sdk::pallet_multisig;

	#[runtime::pallet_index(13)]
	pub type Assets = polkadot_sdk::pallet_assets;

	#[runtime::pallet_index(14)]
	pub type Stablecoin = pallet_stablecoin;

	#[runtime::pallet_index(15)]
	pub type RandomnessCollectiveFlip = polkadot_sdk::pallet_insecure_randomness_collective_flip;

	#[runtime::pallet_index(16)]
	pub type Contracts = polkadot_sdk::pallet_contracts;

	#[runtime::pallet_index(17)]
	pub type Kyc = pallet_kyc;

	#[runtime::pallet_index(18)]
	pub type Sanctions = pallet_sanctions;

	#[runtime::pallet_index(19)]
	pub type TravelRule = pallet_travel_rule;

	#[runtime::pallet_index(20)]
	pub type Feeless = pallet_feeless;

	#[runtime::pallet_index(21)]
	pub type ComplianceCommittee = polkadot_sdk::pallet_collective<Instance2>;

	// Coupons: issuers and their credit, series and holdings, redemption.
	#[runtime::pallet_index(22)]
	pub type Issuers = pallet_issuers;

	#[runtime::pallet_index(23)]
	pub type Coupons = pallet_coupons;

	#[runtime::pallet_index(24)]
	pub type Redemption = pallet_redemption;

	// The coupon market: primary sale, listings, order books.
	#[runtime::pallet_index(25)]
	pub type Market = pallet_market;

	// Reference prices from feeders' off-chain workers.
	#[runtime::pallet_index(26)]
	pub type Oracle = pallet_oracle;

	// The audited path to Root: council super-majority motions.
	#[runtime::pallet_index(27)]
	pub type Governance = pallet_governance;

	/// AML monitoring behind the value-movement gate.
	#[runtime::pallet_index(28)]
	pub type Aml = pallet_aml;

	/// Delegated accounts: an account lets others act for it within a `ProxyType`.
	#[runtime::pallet_index(29)]
	pub type Proxy = polkadot_sdk::pallet_proxy;

	/// Social recovery: 3–5 guardians hand a lost account's control to its inheritor.
	#[runtime::pallet_index(30)]
	pub type Recovery = polkadot_sdk::pallet_recovery;

	/// Holders' disputes with issuers, ruled by appointed arbitrators.
	#[runtime::pallet_index(31)]
	pub type Disputes = pallet_disputes;
}
