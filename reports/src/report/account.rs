//! An account's full history at a block, for an examiner's request: every indexed event that
//! names the account up to that block, with its trail, and the account's balances read from the
//! archive node at that block.

use super::{iso, Out};
use crate::{
	db::{Db, Filter},
	decode::ss58,
	fail,
	node::{self, Node},
	Result,
};
use serde_json::{json, Value as Json};
use std::path::PathBuf;

/// Writes `account-<ss58>-<block>.json` and `.csv`. `at` defaults to the last indexed block.
pub async fn history(
	db: &Db,
	node: &Node,
	account_hex: &str,
	at: Option<u64>,
	out: &Out,
) -> Result<(Json, Vec<PathBuf>)> {
	let Some(last) = db.last_block().await? else {
		fail!("the index is empty: run `genex-reports index` first");
	};
	let at = at.unwrap_or(last);
	if at > last {
		fail!("block #{at} is not indexed yet (the index ends at #{last})");
	}
	if let Some(indexed) = db.genesis().await? {
		let genesis = node::genesis(&node.client);
		if indexed != genesis {
			fail!(
				"wrong chain: the index was built from genesis {indexed}, the node's is {genesis}"
			);
		}
	}
	// Same genesis is not enough: the node's block must be the indexed one.
	let indexed = db.block_hash(at).await?;
	let served = node::block_hash(node, at).await?;
	if indexed != served {
		fail!(
			"wrong chain: the node's block #{at} is {} but the indexed one is {}",
			served.unwrap_or_else(|| "missing".into()),
			indexed.unwrap_or_else(|| "missing".into())
		);
	}
	let events = db
		.events(&Filter {
			up_to_block: Some(at),
			mentions: Some(account_hex),
			..Default::default()
		})
		.await?;
	let balances = node::balances(&node.client, at, account_hex).await?;
	let entries: Vec<Json> = events
		.iter()
		.map(|e| {
			json!({
				"block_number": e.block,
				"block_hash": e.block_hash,
				"time": iso(e.timestamp_ms),
				"extrinsic_index": e.extrinsic,
				"event_index": e.index,
				"event": format!("{}.{}", e.pallet, e.name),
				"fields": e.fields,
			})
		})
		.collect();
	let who = ss58(account_hex);
	let report = json!({
		"account": who,
		"account_hex": account_hex,
		"at_block": at,
		"balances": balances,
		"events": entries,
	});
	let base = format!("account-{who}-{at}");
	let rows: Vec<Vec<String>> = events
		.iter()
		.map(|e| {
			vec![
				e.block.to_string(),
				e.block_hash.clone(),
				iso(e.timestamp_ms),
				e.extrinsic.map(|x| x.to_string()).unwrap_or_default(),
				e.index.to_string(),
				format!("{}.{}", e.pallet, e.name),
				e.fields.to_string(),
			]
		})
		.collect();
	let files = vec![
		out.json(&format!("{base}.json"), &report)?,
		out.csv(
			&format!("{base}.csv"),
			&[
				"block_number",
				"block_hash",
				"time",
				"extrinsic_index",
				"event_index",
				"event",
				"fields",
			],
			&rows,
		)?,
	];
	Ok((report, files))
}
