//! # Genex RPC
//!
//! The JSON-RPC methods `genex-node` serves beyond Substrate's built-in ones (`chain_*`,
//! `state_*`, `author_*`, `system_*` come from `sc-service`):
//!
//! | module                | methods                                            | for            |
//! |-----------------------|----------------------------------------------------|----------------|
//! | `system` (frame)      | `system_accountNextIndex`, `system_dryRun`         | wallets        |
//! | `transaction-payment` | `payment_queryInfo`, `payment_queryFeeDetails`    | wallets        |
//! | [`coupons`]           | `genex_verifyCoupon`, `genex_seriesInfo`, `genex_issuerCredit`, `genex_redemptionPayload`, `genex_submitRedemption` | merchants, wallets |
//! | [`market`]            | `genex_marketDepth`, `genex_bestBidAsk`, `genex_lastTrades`, `genex_openOrders`, `genex_orderStatus`, `genex_quote` | wallets, market makers |
//! | [`oracle`]            | `genex_oraclePrice`                                | wallets, regulators |
//! | [`notifications`]     | `genex_subscribePriceMoves`, `genex_subscribeCouponEvents`, `genex_subscribeExpiringCoupons` (WebSocket subscriptions) | wallets        |
//!
//! Domain modules (merchant coupon verification and redemption, market depth and quotes,
//! compliance status) each live in their own file here and are merged in [`create_full`]
//! under the `genex_*` namespace, over runtime APIs the runtime declares; the method names are
//! part of our stable interface (see `docs/api.md`).

#![warn(missing_docs)]
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

pub mod coupons;
pub mod definitions;
pub mod market;
pub mod notifications;
pub mod oracle;

use genex_primitives::{AccountId, Balance, BlockNumber, Nonce, OpaqueBlock as Block, Signature};
use jsonrpsee::RpcModule;
use polkadot_sdk::{
	pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer},
	sc_transaction_pool_api::TransactionPool,
	sp_api::ProvideRuntimeApi,
	sp_block_builder::BlockBuilder,
	sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata},
	substrate_frame_rpc_system::{System, SystemApiServer},
};
use std::sync::Arc;

/// What the RPC modules need from the node.
pub struct FullDeps<C, P> {
	/// The client, for state queries and runtime API calls.
	pub client: Arc<C>,
	/// The transaction pool, for nonces and submissions.
	pub pool: Arc<P>,
	/// The node's notification hub (one per node: [`notifications::Hub::new`], its task
	/// spawned by the service).
	pub notifications: Arc<notifications::Hub<C>>,
}

/// Every RPC module of a full node, merged.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: polkadot_sdk::sc_client_api::BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: polkadot_sdk::substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api:
		polkadot_sdk::pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: genex_primitives::api::CouponsApi<Block, AccountId, Balance, BlockNumber, Signature>,
	C::Api: genex_primitives::api::MarketApi<Block, AccountId>,
	C::Api: genex_primitives::api::OracleApi<Block>,
	C::Api: genex_primitives::api::NotificationsApi<Block, AccountId>,
	P: TransactionPool<Block = Block, Hash = polkadot_sdk::sp_core::H256> + 'static,
{
	let mut module = RpcModule::new(());
	let FullDeps { client, pool, notifications } = deps;

	module.merge(System::new(client.clone(), pool.clone()).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	{
		use coupons::CouponsRpcServer;
		module.merge(coupons::Coupons::new(client.clone(), pool).into_rpc())?;
	}
	{
		use market::MarketRpcServer;
		module.merge(market::Market::new(client.clone()).into_rpc())?;
	}
	{
		use oracle::OracleRpcServer;
		module.merge(oracle::Oracle::new(client).into_rpc())?;
	}
	{
		use notifications::NotificationsRpcServer;
		module.merge(notifications::Notifications::new(notifications).into_rpc())?;
	}

	Ok(module)
}
