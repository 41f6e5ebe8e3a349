//! The node: one connection (subxt for blocks, events and metadata; typed `genex_*` RPC through
//! jsonrpsee), checked to run the runtime this build signs for; extrinsics signed here, watched
//! from the pool into a block and to finality, and their outcome read back: the events, the
//! fee, or the chain's typed error with its documentation.

use crate::units::{format_amount, show_account, Currency};
use codec::Encode;
use genex_reports::{
	error::context,
	fail,
	node::{self, Node},
	Error, Result,
};
use genex_runtime::{RuntimeCall, VERSION};
use jsonrpsee::ws_client::{WsClient, WsClientBuilder};
use polkadot_sdk::sp_core::{
	crypto::{AccountId32, Pair as _},
	sr25519, H256,
};
use serde_json::{json, Value as Json};
use std::{
	io::Write as _,
	time::{Duration, Instant},
};
use subxt::rpcs::rpc_params;

/// How long a transaction may take from the pool to finality before the CLI gives up waiting
/// (it may still land: the CLI says so).
const FINALITY_TIMEOUT: Duration = Duration::from_secs(120);

/// Until when a submission is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
	/// Until the block holding it is finalized (GRANDPA): it cannot be reverted.
	Finalized,
	/// Until it is in a block of the best chain (faster; a fork could still drop it).
	InBlock,
}

/// A connected node.
pub struct Chain {
	/// Blocks, events, metadata and raw JSON-RPC.
	pub node: Node,
	/// The `genex_*` methods, typed (genex-rpc's clients).
	pub rpc: WsClient,
	/// The chain's genesis hash (signed into every extrinsic).
	pub genesis: H256,
	/// Progress lines to stderr (off with `--json`).
	pub progress: bool,
}

/// What a transaction did, once in a block.
#[derive(Debug)]
pub struct Outcome {
	/// The extrinsic's hash.
	pub hash: H256,
	/// The block it is in, and that block's hash.
	pub block: (u64, String),
	/// Whether that block is finalized.
	pub finalized: bool,
	/// `Pallet.Event` and fields of each event it caused (`System.ExtrinsicSuccess`,
	/// `TransactionPayment.TransactionFeePaid` and the fee's `Balances.Withdraw` / `Deposit`
	/// left out: the fee is `fee`).
	pub events: Vec<(String, Json)>,
	/// The fee paid (0: free).
	pub fee: u128,
}

impl Outcome {
	/// The fields of the first event `name` (`Pallet.Event`).
	pub fn event(&self, name: &str) -> Option<&Json> {
		self.events.iter().find(|(n, _)| n == name).map(|(_, f)| f)
	}

	/// As JSON for `--json`.
	pub fn to_json(&self) -> Json {
		json!({
			"extrinsic": format!("{:?}", self.hash),
			"block": self.block.0,
			"block_hash": self.block.1,
			"finalized": self.finalized,
			"fee": self.fee.to_string(),
			"events": self.events.iter().map(|(n, f)| json!({ "event": n, "fields": f })).collect::<Vec<_>>(),
		})
	}

	/// For people: where it landed, the fee, and each event on its own line.
	pub fn describe(&self) -> String {
		let mut out = format!(
			"in block #{} ({}){}; fee: {}",
			self.block.0,
			self.block.1,
			if self.finalized { ", finalized" } else { "" },
			if self.fee == 0 { "free".to_string() } else { format_amount(self.fee, Currency::Gnx) }
		);
		for (name, fields) in &self.events {
			out.push_str(&format!("\n  {name} {}", crate::output::fields_line(name, fields)));
		}
		out
	}
}

impl Chain {
	/// Connect to `url` and check its runtime is the one this build signs for.
	pub async fn connect(url: &str, progress: bool) -> Result<Chain> {
		let node = node::connect(url).await?;
		let version: Json = node
			.rpc
			.request("state_getRuntimeVersion", rpc_params![])
			.await
			.map_err(context("cannot read the node's runtime version"))?;
		let spec = version.get("specVersion").and_then(Json::as_u64);
		let tx = version.get("transactionVersion").and_then(Json::as_u64);
		if tx != Some(u64::from(VERSION.transaction_version)) {
			fail!(
				"the node at {url} runs spec {} with transaction version {}; this genex signs \
				 for transaction version {} (spec {}): use the genex built with the node's release",
				spec.map_or("?".into(), |s| s.to_string()),
				tx.map_or("?".into(), |s| s.to_string()),
				VERSION.transaction_version,
				VERSION.spec_version
			);
		}
		let rpc = WsClientBuilder::default()
			.request_timeout(Duration::from_secs(60))
			.build(url)
			.await
			.map_err(|e| Error::new(format!("cannot reach a node at {url}"), e))?;
		let genesis = H256::from_slice(node.client.genesis_hash().as_ref());
		Ok(Chain { node, rpc, genesis, progress })
	}

	fn say(&self, line: &str) {
		if self.progress {
			let mut err = std::io::stderr();
			let _ = writeln!(err, "{line}");
		}
	}

	/// Sign `call` as `signer`, submit it and follow it until `wait`; the outcome, or the
	/// chain's error in one line.
	pub async fn submit(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		wait: Wait,
	) -> Result<Outcome> {
		let nonce = self.next_nonce(&AccountId32::from(signer.public())).await?;
		self.submit_at(signer, call, nonce, wait).await
	}

	/// The next nonce of `who`, counting its transactions waiting in the pool.
	pub async fn next_nonce(&self, who: &AccountId32) -> Result<u32> {
		self.node
			.rpc
			.request("system_accountNextIndex", rpc_params![show_account(who)])
			.await
			.map_err(context("cannot read the signer's nonce"))
	}

	/// [`Chain::submit`] with the nonce given: several transactions of one signer can then be
	/// in flight at once (nonces `n`, `n + 1`, …), all landing in the same block.
	pub async fn submit_at(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		nonce: u32,
		wait: Wait,
	) -> Result<Outcome> {
		let xt = genex_runtime::client::signed_extrinsic(signer, call, nonce, self.genesis);
		let bytes = xt.encode();
		let hash = H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&bytes));
		let mut sub = self
			.node
			.rpc
			.subscribe::<Json>(
				"author_submitAndWatchExtrinsic",
				rpc_params![format!("0x{}", hex::encode(&bytes))],
				"author_unwatchExtrinsic",
			)
			.await
			.map_err(|e| {
				// The pool's reason is in the error's data ("Custom error: 177", "Inability to
				// pay some fees …"); the error's text alone is "Invalid Transaction".
				let text = match &e {
					subxt::rpcs::Error::User(u) => {
						format!("{} {}", u.message, u.data.as_ref().map_or("", |d| d.get()))
					},
					other => other.to_string(),
				};
				Error(crate::errors::pool_refusal(&text))
			})?;
		self.say(&format!("submitted {hash:?} (nonce {nonce})"));
		let deadline = Instant::now().checked_add(FINALITY_TIMEOUT).unwrap_or_else(Instant::now);
		let mut in_block: Option<String> = None;
		loop {
			let left = deadline.saturating_duration_since(Instant::now());
			let status = match tokio::time::timeout(left, sub.next()).await {
				Ok(Some(Ok(status))) => status,
				Ok(Some(Err(e))) => fail!("lost the node while following {hash:?}: {e}"),
				Ok(None) => fail!("the node stopped reporting on {hash:?}"),
				Err(_) => fail!(
					"{hash:?} was not {} within {} s; it may still land (look it up by its hash)",
					if in_block.is_some() { "finalized" } else { "in a block" },
					FINALITY_TIMEOUT.as_secs()
				),
			};
			match status_kind(&status) {
				("inBlock", Some(block)) => {
					self.say(&format!("in block {block}"));
					in_block = Some(block.to_string());
					if wait == Wait::InBlock {
						return self.outcome(hash, block, false).await;
					}
				},
				("finalized", Some(block)) => {
					self.say(&format!("finalized in {block}"));
					return self.outcome(hash, block, true).await;
				},
				("retracted", _) => self.say("its block left the best chain; waiting"),
				("ready" | "future" | "broadcast", _) => {},
				("usurped", _) => {
					fail!("{hash:?} was replaced by another transaction of the same nonce")
				},
				("dropped", _) => {
					fail!("{hash:?} was dropped by the pool (full, or a better one came)")
				},
				("invalid", _) => fail!("{hash:?} became invalid before it was included"),
				("finalityTimeout", _) => fail!("{hash:?}'s block was not finalized in time"),
				(other, _) => self.say(&format!("status {other}")),
			}
		}
	}

	/// Follow extrinsic `hash`, submitted by someone else (e.g. a redemption the node built
	/// from a holder's code), until it is in a block and, with `Wait::Finalized`, finalized.
	pub async fn follow(&self, hash: H256, wait: Wait) -> Result<Outcome> {
		let wanted = format!("{hash:?}");
		let deadline = Instant::now().checked_add(FINALITY_TIMEOUT).unwrap_or_else(Instant::now);
		let mut next = self.best_number().await?;
		loop {
			let best = self.best_number().await?;
			while next <= best {
				let block = node::block(&self.node, next).await?;
				if block.extrinsics.iter().any(|x| x.hash == wanted) {
					self.say(&format!("in block {}", block.hash));
					if wait == Wait::InBlock {
						return self.outcome(hash, &block.hash, false).await;
					}
					while self.finalized_number().await? < next {
						if Instant::now() > deadline {
							fail!("block #{next} holding {wanted} was not finalized in time");
						}
						tokio::time::sleep(Duration::from_millis(500)).await;
					}
					self.say(&format!("finalized in {}", block.hash));
					return self.outcome(hash, &block.hash, true).await;
				}
				next = next.saturating_add(1);
			}
			if Instant::now() > deadline {
				fail!("{wanted} was not in a block within {} s", FINALITY_TIMEOUT.as_secs());
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// The best block's number.
	pub async fn best_number(&self) -> Result<u64> {
		let best: String = self
			.node
			.rpc
			.request("chain_getBlockHash", rpc_params![])
			.await
			.map_err(context("cannot read the best block"))?;
		self.block_number(&best).await
	}

	/// The finalized block's number.
	pub async fn finalized_number(&self) -> Result<u64> {
		let head: String = self
			.node
			.rpc
			.request("chain_getFinalizedHead", rpc_params![])
			.await
			.map_err(context("cannot read the finalized block"))?;
		self.block_number(&head).await
	}

	/// The outcome of extrinsic `hash` in block `block_hash`.
	async fn outcome(&self, hash: H256, block_hash: &str, finalized: bool) -> Result<Outcome> {
		let number = self.block_number(block_hash).await?;
		let block = node::block(&self.node, number).await?;
		if block.hash != block_hash {
			fail!(
				"block #{number} is no longer {block_hash} (a fork replaced it): look {hash:?} up \
				 again, or wait for finality (--wait finalized)"
			);
		}
		let wanted = format!("{hash:?}");
		let Some(xt) = block.extrinsics.iter().find(|x| x.hash == wanted) else {
			fail!("{wanted} is not in block #{number} the node reported it in");
		};
		let mut events = Vec::new();
		let mut fee = 0u128;
		let mut failure = None;
		for e in block.events.iter().filter(|e| e.extrinsic == Some(xt.index)) {
			match (e.pallet.as_str(), e.name.as_str()) {
				("System", "ExtrinsicFailed") => failure = e.fields.get("dispatch_error").cloned(),
				("System", "ExtrinsicSuccess") => {},
				// The fee's withdrawal from the signer, its refund to the signer and its payment
				// to the treasury: the fee line says it.
				("Balances", "Withdraw" | "Deposit")
					if fee_party(&e.fields, xt.signer.as_deref()) => {},
				("TransactionPayment", "TransactionFeePaid") => {
					fee = genex_reports::decode::uint0(&e.fields, "actual_fee");
				},
				_ => events.push((format!("{}.{}", e.pallet, e.name), e.fields.clone())),
			}
		}
		if let Some(error) = failure {
			// The runtime that executed the block is its parent's (it differs in an upgrade's block).
			let metadata = self
				.node
				.client
				.at_block(number.saturating_sub(1))
				.await
				.map_err(context("cannot read the metadata"))?
				.metadata();
			let fee_note =
				if fee == 0 { "free".to_string() } else { format_amount(fee, Currency::Gnx) };
			fail!(
				"{} (in block #{number}; fee: {fee_note})",
				crate::errors::dispatch_error(&error, &metadata)
			);
		}
		Ok(Outcome { hash, block: (number, block.hash.clone()), finalized, events, fee })
	}

	/// The value at raw storage `key` in the best block's state.
	pub async fn storage(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
		let value: Option<String> = self
			.node
			.rpc
			.request("state_getStorage", rpc_params![format!("0x{}", hex::encode(key))])
			.await
			.map_err(context("cannot read the chain's state"))?;
		match value {
			None => Ok(None),
			Some(h) => hex::decode(h.trim_start_matches("0x"))
				.map(Some)
				.map_err(|e| Error::new("the node sent state that is not hex", e)),
		}
	}

	/// The value of `pallet.item` (a plain value, or a map entry under `keys`, each hashed
	/// with `Blake2_128Concat`) decoded as `V`; `None` when absent.
	pub async fn read<V: codec::Decode>(
		&self,
		pallet: &str,
		item: &str,
		keys: &[&[u8]],
	) -> Result<Option<V>> {
		let Some(bytes) = self.storage(&map_key(pallet, item, keys)).await? else {
			return Ok(None);
		};
		V::decode(&mut bytes.as_slice())
			.map(Some)
			.map_err(|e| Error::new(format!("cannot decode {pallet}.{item}"), e))
	}

	/// Whether `pallet.item` has a value (under `keys`, as [`Chain::read`]).
	pub async fn exists(&self, pallet: &str, item: &str, keys: &[&[u8]]) -> Result<bool> {
		Ok(self.storage(&map_key(pallet, item, keys)).await?.is_some())
	}

	/// The number of block `hash`.
	pub async fn block_number(&self, hash: &str) -> Result<u64> {
		let header: Option<Json> = self
			.node
			.rpc
			.request("chain_getHeader", rpc_params![hash])
			.await
			.map_err(context("cannot read a block header"))?;
		header
			.as_ref()
			.and_then(|h| h.get("number"))
			.and_then(Json::as_str)
			.and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| Error(format!("the node has no header for {hash}")))
	}
}

/// Whether a `Balances.Withdraw` / `Deposit` with `fields` moves the fee: from or to the
/// signer, or to the treasury (the fee's destination).
fn fee_party(fields: &Json, signer: Option<&str>) -> bool {
	let Some(who) = fields.get("who").and_then(Json::as_str) else { return false };
	let treasury: AccountId32 = genex_runtime::configs::TreasuryAccount::get();
	let treasury = format!("0x{}", hex::encode(<[u8; 32]>::from(treasury)));
	who == treasury || signer == Some(who)
}

/// The raw key of `pallet.item` under `keys`, each hashed with `Blake2_128Concat`.
fn map_key(pallet: &str, item: &str, keys: &[&[u8]]) -> Vec<u8> {
	use polkadot_sdk::sp_crypto_hashing::{blake2_128, twox_128};
	let mut key = [twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat();
	for k in keys {
		key.extend(blake2_128(k));
		key.extend_from_slice(k);
	}
	key
}

/// A transaction status from `author_submitAndWatchExtrinsic`: its kind and block hash, if any.
fn status_kind(status: &Json) -> (&str, Option<&str>) {
	match status {
		Json::String(kind) => (kind.as_str(), None),
		Json::Object(map) => match map.iter().next() {
			Some((kind, value)) => (kind.as_str(), value.as_str()),
			None => ("unknown", None),
		},
		_ => ("unknown", None),
	}
}
