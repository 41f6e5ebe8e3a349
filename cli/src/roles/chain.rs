//! `genex chain`: what the node and the chain are doing.

use crate::{
	output::Report,
	roles::{facts, read_report},
	units::show_account,
	Context,
};
use codec::Decode;
use genex_reports::{error::context, Result};
use polkadot_sdk::{sp_core::crypto::AccountId32, sp_crypto_hashing::twox_128};
use serde_json::{json, Value as Json};
use subxt::rpcs::rpc_params;

/// `genex chain …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// The chain's name, runtime version, best and finalized blocks, validators and peers.
	Status,
}

/// Run a `chain` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Status => status(ctx).await,
	}
}

async fn status(ctx: &Context) -> Result<Report> {
	let chain = ctx.chain().await?;
	let rpc = &chain.node.rpc;
	let name: String = rpc
		.request("system_chain", rpc_params![])
		.await
		.map_err(context("cannot read the chain's name"))?;
	let version: Json = rpc
		.request("state_getRuntimeVersion", rpc_params![])
		.await
		.map_err(context("cannot read the runtime version"))?;
	let best_hash: String = rpc
		.request("chain_getBlockHash", rpc_params![])
		.await
		.map_err(context("cannot read the best block"))?;
	let best_number = chain.block_number(&best_hash).await?;
	let finalized_hash: String = rpc
		.request("chain_getFinalizedHead", rpc_params![])
		.await
		.map_err(context("cannot read the finalized block"))?;
	let finalized = chain.block_number(&finalized_hash).await?;
	let health: Json = rpc
		.request("system_health", rpc_params![])
		.await
		.map_err(context("cannot read the node's health"))?;
	let key =
		format!("0x{}{}", hex::encode(twox_128(b"Session")), hex::encode(twox_128(b"Validators")));
	let raw: Option<String> = rpc
		.request("state_getStorage", rpc_params![key])
		.await
		.map_err(context("cannot read the validators"))?;
	let validators: Vec<String> = raw
		.and_then(|h| hex::decode(h.trim_start_matches("0x")).ok())
		.and_then(|bytes| Vec::<AccountId32>::decode(&mut bytes.as_slice()).ok())
		.unwrap_or_default()
		.iter()
		.map(show_account)
		.collect();
	let spec = version.get("specVersion").cloned().unwrap_or(Json::Null);
	let tx = version.get("transactionVersion").cloned().unwrap_or(Json::Null);
	let peers = health.get("peers").cloned().unwrap_or(Json::Null);
	let syncing = health.get("isSyncing").and_then(Json::as_bool).unwrap_or(false);
	let text = format!(
		"chain: {name}\nruntime: genex spec {spec}, transaction version {tx}\nbest block: #{best_number} \
		 ({best_hash})\nfinalized: #{finalized} ({finalized_hash}), {} behind\nvalidators ({}): {}\npeers: \
		 {peers}{}",
		best_number.saturating_sub(finalized),
		validators.len(),
		validators.join(", "),
		if syncing { " (syncing)" } else { "" }
	);
	read_report(
		text,
		facts([
			("chain", json!(name)),
			("spec_version", spec),
			("transaction_version", tx),
			("best", json!({ "number": best_number, "hash": best_hash })),
			("finalized", json!({ "number": finalized, "hash": finalized_hash })),
			("validators", json!(validators)),
			("peers", peers),
			("syncing", json!(syncing)),
		]),
	)
}
