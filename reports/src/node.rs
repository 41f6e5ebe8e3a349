//! The archive node, through subxt: finalized blocks decoded with the metadata of the runtime
//! that produced each of them, and balances read at a block.

use crate::{
	db::{BlockRecord, EventRecord, ExtrinsicRecord, SeriesRecord},
	decode::{decode, decode_fields, uint0},
	error::context,
	fail, Error, Result,
};
use polkadot_sdk::sp_crypto_hashing::twox_128;
use serde_json::{json, Value as Json};
use std::time::Duration;
use subxt::{
	dynamic::Value,
	events::Phase,
	rpcs::{rpc_params, RpcClient},
	utils::AccountId32,
	OnlineClient, SubstrateConfig,
};

/// A client of the node.
pub type Client = OnlineClient<SubstrateConfig>;

/// A connection to the node: subxt's typed client and raw JSON-RPC over the same socket.
#[derive(Clone)]
pub struct Node {
	/// Blocks, events and storage, decoded with each block's metadata.
	pub client: Client,
	/// Raw JSON-RPC (headers by number, submitting extrinsics in tests).
	pub rpc: RpcClient,
}

/// How long connecting may take before the node counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The stablecoin's asset id (`genex_primitives::STABLECOIN_ASSET_ID`).
pub const STABLECOIN_ASSET_ID: u32 = 1;

/// Connects to the node at `url` (`ws://` or `wss://`).
pub async fn connect(url: &str) -> Result<Node> {
	let connecting = async {
		let rpc = RpcClient::from_insecure_url(url).await.map_err(|e| e.to_string())?;
		let client = Client::from_rpc_client(rpc.clone()).await.map_err(|e| e.to_string())?;
		Ok::<_, String>(Node { client, rpc })
	};
	match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
		Ok(Ok(node)) => Ok(node),
		Ok(Err(e)) => Err(Error::new(format!("cannot reach a node at {url}"), e)),
		Err(_) => {
			fail!("cannot reach a node at {url}: no answer in {}s", CONNECT_TIMEOUT.as_secs())
		},
	}
}

/// The parent hash of the node's block `number` (read from its header, which an archive or
/// pruned node keeps); `None` if the node has no such block.
pub async fn parent_of(node: &Node, number: u64) -> Result<Option<String>> {
	let what = format!("cannot read the header of block #{number}");
	let Some(hash) = block_hash(node, number).await? else { return Ok(None) };
	let header: Option<serde_json::Value> =
		node.rpc.request("chain_getHeader", rpc_params![hash]).await.map_err(context(&what))?;
	Ok(header.and_then(|h| h.get("parentHash").and_then(|p| p.as_str()).map(str::to_string)))
}

/// The chain's genesis hash as `0x` hex.
pub fn genesis(client: &Client) -> String {
	format!("{:?}", client.genesis_hash())
}

/// The number of the newest finalized block.
pub async fn finalized(client: &Client) -> Result<u64> {
	let at = client.at_current_block().await.map_err(context("cannot read the finalized head"))?;
	Ok(at.block_number())
}

/// What an error reading old state means: the node prunes it.
fn state_error(number: u64, e: impl std::fmt::Display) -> Error {
	Error(format!(
		"the node has no state for block #{number} ({e}); genex-reports needs an archive node \
		 (start it with --state-pruning archive-canonical --blocks-pruning archive-canonical)"
	))
}

/// `System.Events`' storage key.
fn events_key() -> Vec<u8> {
	let mut key = twox_128(b"System").to_vec();
	key.extend(twox_128(b"Events"));
	key
}

/// Block `number` as indexed: its extrinsics and events decoded (and, for genesis, the series
/// that exist without a `SeriesCreated` event).
///
/// A block is decoded with the metadata of the runtime that **executed** it: its parent's. (The
/// runtime version at a block's own hash is the one after the block; in the block that enacts
/// a runtime upgrade the two differ, and the block's events were made by the old runtime.)
pub async fn block(node: &Node, number: u64) -> Result<BlockRecord> {
	let client = &node.client;
	let at = client.at_block(number).await.map_err(|e| state_error(number, e))?;
	let exec = match number.checked_sub(1) {
		Some(parent) => client.at_block(parent).await.map_err(|e| state_error(parent, e))?,
		None => client.at_block(number).await.map_err(|e| state_error(number, e))?,
	};
	let what = format!("cannot read block #{number}");
	let header = at.block_header().await.map_err(context(&what))?;
	let hash = at.block_hash();
	let metadata = exec.metadata();
	let types = metadata.types();
	let event_bytes = match at.storage().fetch_raw(events_key()).await {
		Ok(bytes) => bytes,
		Err(subxt::error::StorageError::NoValueFound) => Vec::new(),
		Err(e) => return Err(state_error(number, e)),
	};
	let events = exec.events().from_bytes(event_bytes);
	let undecodable = |e: String| Error(format!("cannot decode an event of block #{number}: {e}"));
	let mut records = Vec::new();
	let mut succeeded = Vec::new();
	for (index, event) in events.iter().enumerate() {
		let event = event.map_err(|e| undecodable(e.to_string()))?;
		let variant = metadata
			.pallet_by_name(event.pallet_name())
			.and_then(|p| p.event_variant_by_index(event.event_index()))
			.ok_or_else(|| undecodable(format!("{} is not in the metadata", event.event_name())))?;
		let fields =
			decode_fields(event.field_bytes(), &variant.fields, types).map_err(undecodable)?;
		let (phase, extrinsic) = match event.phase() {
			Phase::ApplyExtrinsic(i) => ("ApplyExtrinsic", Some(i)),
			Phase::Initialization => ("Initialization", None),
			Phase::Finalization => ("Finalization", None),
		};
		if event.pallet_name() == "System" && event.event_name() == "ExtrinsicSuccess" {
			succeeded.extend(extrinsic);
		}
		records.push(EventRecord {
			index: u32::try_from(index).unwrap_or(u32::MAX),
			extrinsic,
			phase: phase.to_string(),
			pallet: event.pallet_name().to_string(),
			name: event.event_name().to_string(),
			fields,
		});
	}
	let body: Option<Json> = node
		.rpc
		.request("chain_getBlock", rpc_params![format!("{hash:?}")])
		.await
		.map_err(context(&what))?;
	let body: Vec<Vec<u8>> = body
		.as_ref()
		.and_then(|b| b.pointer("/block/extrinsics")?.as_array())
		.map(|xs| {
			xs.iter()
				.filter_map(|x| x.as_str())
				.filter_map(|x| hex::decode(x.trim_start_matches("0x")).ok())
				.collect()
		})
		.unwrap_or_default();
	let extrinsics = exec.extrinsics().from_bytes(body).await;
	let undecodable =
		|e: String| Error(format!("cannot decode an extrinsic of block #{number}: {e}"));
	let mut xs = Vec::new();
	let mut timestamp_ms = 0;
	for x in extrinsics.iter() {
		let x = x.map_err(|e| undecodable(e.to_string()))?;
		let variant = metadata
			.pallet_by_name(x.pallet_name())
			.and_then(|p| p.call_variant_by_index(x.call_index()))
			.ok_or_else(|| undecodable(format!("{} is not in the metadata", x.call_name())))?;
		let args = decode_fields(x.call_data_field_bytes(), &variant.fields, types)
			.map_err(undecodable)?;
		if x.pallet_name() == "Timestamp" && x.call_name() == "set" {
			timestamp_ms = u64::try_from(uint0(&args, "now")).unwrap_or(0);
		}
		let index = u32::try_from(x.index()).unwrap_or(u32::MAX);
		// `MultiAddress::Id`: variant 0, then the 32-byte account.
		let signer = x.address_bytes().and_then(|a| match a.split_first() {
			Some((0, id)) if id.len() == 32 => Some(format!("0x{}", hex::encode(id))),
			_ => None,
		});
		xs.push(ExtrinsicRecord {
			index,
			hash: format!("{:?}", x.hash()),
			pallet: x.pallet_name().to_string(),
			call: x.call_name().to_string(),
			signer,
			args,
			success: succeeded.contains(&index),
		});
	}
	if number > 0 && timestamp_ms == 0 {
		fail!("block #{number} has no Timestamp.set: cannot date it");
	}
	let series = if number == 0 { genesis_series(&at).await? } else { Vec::new() };
	Ok(BlockRecord {
		number,
		hash: format!("{hash:?}"),
		parent: format!("{:?}", header.parent_hash),
		timestamp_ms,
		spec_version: exec.spec_version(),
		extrinsics: xs,
		events: records,
		series,
	})
}

/// The node's hash of block `number`, if it has that block.
pub async fn block_hash(node: &Node, number: u64) -> Result<Option<String>> {
	node.rpc
		.request("chain_getBlockHash", rpc_params![number])
		.await
		.map_err(context(&format!("cannot read the hash of block #{number}")))
}

/// A storage value decoded with its type (see [`crate::decode`]).
fn stored(
	value: &subxt::storage::StorageValue<'_, Value>,
	types: &scale_info::PortableRegistry,
) -> Json {
	decode(value.bytes(), value.type_id(), types).unwrap_or(Json::Null)
}

/// The series in genesis state (`Coupons.SeriesOf`).
async fn genesis_series<C>(
	at: &subxt::client::ClientAtBlock<SubstrateConfig, C>,
) -> Result<Vec<SeriesRecord>>
where
	C: subxt::client::OnlineClientAtBlockT<SubstrateConfig>,
{
	let address = subxt::dynamic::storage::<(u64,), Value>("Coupons", "SeriesOf");
	let mut entries =
		at.storage().iter(address, ()).await.map_err(context("cannot read genesis series"))?;
	let mut series = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry.map_err(context("cannot read genesis series"))?;
		let id = entry
			.key()
			.ok()
			.and_then(|k| k.part(0))
			.and_then(|p| p.decode_as::<u64>().ok().flatten())
			.unwrap_or_default();
		let value = stored(entry.value(), at.metadata_ref().types());
		series.push(SeriesRecord {
			id,
			issuer: value.get("issuer").and_then(Json::as_str).unwrap_or_default().to_string(),
			face_value: uint0(&value, "face_value"),
			issue_price: uint0(&value, "issue_price"),
			minted: value
				.get("stats")
				.and_then(|stats| u64::try_from(uint0(stats, "minted")).ok())
				.unwrap_or(0),
		});
	}
	Ok(series)
}

/// `account`'s balances at block `number`: the native token, the stablecoin, and units of every
/// series it holds.
pub async fn balances(client: &Client, number: u64, account_hex: &str) -> Result<Json> {
	let raw = hex::decode(account_hex.trim_start_matches("0x")).unwrap_or_default();
	let Ok(raw) = <[u8; 32]>::try_from(raw.as_slice()) else {
		fail!("{account_hex} is not an account");
	};
	let who = AccountId32(raw);
	let at = client.at_block(number).await.map_err(|e| state_error(number, e))?;
	let storage = at.storage();
	let types = at.metadata_ref().types();
	let system = subxt::dynamic::storage::<(AccountId32,), Value>("System", "Account");
	let native = match storage.try_fetch(system, (who,)).await {
		Ok(Some(v)) => stored(&v, types).get("data").map_or(0, |data| uint0(data, "free")),
		Ok(None) => 0,
		Err(e) => return Err(state_error(number, e)),
	};
	let assets = subxt::dynamic::storage::<(u32, AccountId32), Value>("Assets", "Account");
	let stablecoin = match storage.try_fetch(assets, (STABLECOIN_ASSET_ID, who)).await {
		Ok(Some(v)) => uint0(&stored(&v, types), "balance"),
		Ok(None) => 0,
		Err(e) => return Err(state_error(number, e)),
	};
	let next = subxt::dynamic::storage::<(), Value>("Coupons", "NextSeriesId");
	let series_count = match storage.try_fetch(next, ()).await {
		Ok(Some(v)) => stored(&v, types).as_u64().unwrap_or(0),
		Ok(None) => 0,
		Err(e) => return Err(state_error(number, e)),
	};
	let mut coupons = Vec::new();
	for series in 0..series_count {
		let holdings = subxt::dynamic::storage::<(u64, AccountId32), Value>("Coupons", "Holdings");
		let units = match storage.try_fetch(holdings, (series, who)).await {
			Ok(Some(v)) => stored(&v, types).as_u64().unwrap_or(0),
			Ok(None) => 0,
			Err(e) => return Err(state_error(number, e)),
		};
		if units > 0 {
			coupons.push(json!({ "series": series, "units": units }));
		}
	}
	Ok(json!({
		"block": number,
		"block_hash": format!("{:?}", at.block_hash()),
		"native": native.to_string(),
		"stablecoin": stablecoin.to_string(),
		"coupons": coupons,
	}))
}
