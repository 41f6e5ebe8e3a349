//! Proposing the list's diff to the chain: the matched accounts not yet blocked, in versioned
//! `sanctions.updateList` batches (at most the runtime's `MaxBatch` accounts each, the list
//! version one above the chain's for each), each tagged with the digest of the source files,
//! executed by one compliance officer through `complianceCommittee.execute`. Only additions:
//! unblocking takes two officers (a committee motion), which this tool does not make.

use crate::{fail, Error, Result};
use codec::{Decode, Encode};
use genex_primitives::SanctionsListInfo;
use genex_reports::node::{connect as connect_node, Node};
use genex_runtime::{Runtime, RuntimeCall, VERSION};
use polkadot_sdk::{
	sp_core::{
		crypto::{AccountId32, Pair as _, Ss58Codec},
		sr25519, H256,
	},
	sp_crypto_hashing::{blake2_128, twox_128},
};
use serde_json::Value as Json;
use std::time::{Duration, Instant};
use subxt::rpcs::rpc_params;

/// How long one batch may take to land.
const LAND_TIMEOUT: Duration = Duration::from_secs(90);

/// A node, checked to run the runtime this tool was built for.
pub struct Chain {
	node: Node,
	genesis: H256,
}

fn storage_key(pallet: &str, item: &str) -> Vec<u8> {
	[twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat()
}

fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

impl Chain {
	/// Connect to the node at `url` and check its runtime's versions are this build's.
	pub async fn connect(url: &str) -> Result<Chain> {
		let node = connect_node(url).await?;
		let version: Json = node
			.rpc
			.request("state_getRuntimeVersion", rpc_params![])
			.await
			.map_err(|e| Error::new("cannot read the node's runtime version", e))?;
		let spec = version.get("specVersion").and_then(Json::as_u64);
		let tx = version.get("transactionVersion").and_then(Json::as_u64);
		if spec != Some(u64::from(VERSION.spec_version))
			|| tx != Some(u64::from(VERSION.transaction_version))
		{
			fail!(
				"the node at {url} runs spec {} (transaction version {}); this tool signs for spec {} \
				 (transaction version {}): use the genex-sanctions-sync built with the node's release",
				spec.map_or("?".into(), |s| s.to_string()),
				tx.map_or("?".into(), |s| s.to_string()),
				VERSION.spec_version,
				VERSION.transaction_version
			);
		}
		let genesis = H256::from_slice(node.client.genesis_hash().as_ref());
		Ok(Chain { node, genesis })
	}

	async fn storage(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
		let value: Option<String> = self
			.node
			.rpc
			.request("state_getStorage", rpc_params![to_hex(key)])
			.await
			.map_err(|e| Error::new("cannot read the node's state", e))?;
		match value {
			None => Ok(None),
			Some(h) => hex::decode(h.trim_start_matches("0x"))
				.map(Some)
				.map_err(|e| Error::new("the node sent state that is not hex", e)),
		}
	}

	/// The list in force (`None` before the first update).
	pub async fn list_info(&self) -> Result<Option<SanctionsListInfo>> {
		let Some(bytes) = self.storage(&storage_key("Sanctions", "ListInfo")).await? else {
			return Ok(None);
		};
		SanctionsListInfo::decode(&mut bytes.as_slice())
			.map(Some)
			.map_err(|e| Error::new("cannot decode sanctions.listInfo", e))
	}

	/// Whether `who` is blocked now.
	pub async fn is_blocked(&self, who: &AccountId32) -> Result<bool> {
		let raw = who.encode();
		let key = [storage_key("Sanctions", "Blocked"), blake2_128(&raw).to_vec(), raw].concat();
		Ok(self.storage(&key).await?.is_some())
	}

	/// `who`'s nonce in the best block's state (`system.account`: its first field).
	async fn state_nonce(&self, who: &AccountId32) -> Result<u32> {
		let raw = who.encode();
		let key = [storage_key("System", "Account"), blake2_128(&raw).to_vec(), raw].concat();
		let bytes = self.storage(&key).await?.unwrap_or_default();
		Ok(u32::decode(&mut bytes.as_slice()).unwrap_or_default())
	}

	/// Whether `who` is a compliance officer (a member of the compliance committee).
	pub async fn is_officer(&self, who: &AccountId32) -> Result<bool> {
		let Some(bytes) = self.storage(&storage_key("ComplianceCommittee", "Members")).await?
		else {
			return Ok(false);
		};
		let members = Vec::<AccountId32>::decode(&mut bytes.as_slice())
			.map_err(|e| Error::new("cannot decode complianceCommittee.members", e))?;
		Ok(members.contains(who))
	}

	/// Of `accounts`, those not blocked yet.
	pub async fn not_blocked(&self, accounts: &[AccountId32]) -> Result<Vec<AccountId32>> {
		let mut out = Vec::new();
		for a in accounts {
			if !self.is_blocked(a).await? {
				out.push(a.clone());
			}
		}
		Ok(out)
	}

	/// Block `add` in batches of at most `MaxBatch`, each a new list version tagged with
	/// `digest`, signed by `officer`; waits for each to land. Returns the versions made.
	pub async fn block(
		&self,
		officer: &sr25519::Pair,
		add: &[AccountId32],
		digest: [u8; 32],
	) -> Result<Vec<u32>> {
		let who = AccountId32::from(officer.public());
		if !self.is_officer(&who).await? {
			fail!(
				"{} is not a compliance officer (not a member of the compliance committee)",
				who.to_ss58check()
			);
		}
		let max = <<Runtime as pallet_sanctions::Config>::MaxBatch as polkadot_sdk::frame_support::traits::Get<u32>>::get();
		let mut versions = Vec::new();
		for batch in add.chunks(usize::try_from(max).unwrap_or(1).max(1)) {
			let version = self.list_info().await?.map_or(1, |i| i.version.saturating_add(1));
			let update = RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
				version,
				source_digest: H256(digest),
				add: batch.to_vec(),
				remove: Vec::new(),
			});
			let length_bound = u32::try_from(update.encoded_size()).unwrap_or(u32::MAX);
			let call =
				RuntimeCall::ComplianceCommittee(polkadot_sdk::pallet_collective::Call::execute {
					proposal: Box::new(update),
					length_bound,
				});
			let nonce: u32 = self
				.node
				.rpc
				.request("system_accountNextIndex", rpc_params![who.to_ss58check()])
				.await
				.map_err(|e| Error::new("cannot read the officer's nonce", e))?;
			let xt = genex_runtime::client::signed_extrinsic(officer, call, nonce, self.genesis);
			let _: Json = self
				.node
				.rpc
				.request("author_submitExtrinsic", rpc_params![to_hex(&xt.encode())])
				.await
				.map_err(|e| Error::new(format!("the node refused list version {version}"), e))?;
			let deadline = Instant::now().checked_add(LAND_TIMEOUT).unwrap_or_else(Instant::now);
			loop {
				// The list and the officer's nonce change in the same block: a raised version
				// is this update or another's; a used nonce with no raised version is this
				// update failing inside the committee's `execute` (which itself succeeds).
				let landed = self.list_info().await?;
				if let Some(info) = landed.filter(|i| i.version >= version) {
					if info.version == version
						&& info.source_digest == H256(digest)
						&& self.not_blocked(batch).await?.is_empty()
					{
						break;
					}
					fail!(
						"list version {version} was taken by another update (the chain is at \
						 version {}): run again",
						info.version
					);
				}
				// The nonce in state (the pool's `accountNextIndex` counts the pending one).
				let next = self.state_nonce(&who).await?;
				if next > nonce && self.list_info().await?.is_none_or(|i| i.version < version) {
					fail!(
						"list version {version} failed on chain: the committee executed it with an \
						 error (complianceCommittee.MemberExecuted in its block: a stale version or \
						 an account blocked meanwhile); nothing of it applied"
					);
				}
				if Instant::now() > deadline {
					fail!(
						"list version {version} did not land within {}s (see the node's log)",
						LAND_TIMEOUT.as_secs()
					);
				}
				tokio::time::sleep(Duration::from_millis(500)).await;
			}
			println!("list version {version}: {} accounts blocked", batch.len());
			versions.push(version);
		}
		Ok(versions)
	}
}
