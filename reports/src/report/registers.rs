//! SAR candidates, the CTR list and the Travel Rule register.
//!
//! Each entry carries its evidence trail on chain: block number and hash, the extrinsic that
//! caused it (index, pallet and call, signer) and the event's index, so an examiner can fetch
//! the same event from any archive node. Field names follow FinCEN's SAR (FinCEN Form 111) and
//! CTR (FinCEN Form 112) where a field maps; `docs/regulators.md` lists the mapping.

use super::{cell, field, iso, Out, Period};
use crate::{
	db::{Db, Filter, StoredEvent},
	decode::{gusd, ss58, text, uint0, variant_name},
	Result,
};
use serde_json::{json, Value as Json};
use std::path::PathBuf;

/// A day in milliseconds.
const DAY_MS: u64 = 86_400_000;

/// Events that move value, searched for an account's movements around a hit.
const MOVEMENTS: &[(&str, &str)] = &[
	("Stablecoin", "Transferred"),
	("Coupons", "Transferred"),
	("Coupons", "Delivered"),
	("Market", "ListingBought"),
	("Market", "OrderFilled"),
	("Redemption", "Redeemed"),
	("Coupons", "Refunded"),
	("Aml", "HoldReleased"),
];

/// Where an event sits on chain, for its evidence trail.
async fn trail(db: &Db, e: &StoredEvent) -> Result<Json> {
	let extrinsic = match e.extrinsic {
		Some(i) => db.extrinsic(e.block, i).await?,
		None => None,
	};
	Ok(json!({
		"block_number": e.block,
		"block_hash": e.block_hash,
		"block_time": iso(e.timestamp_ms),
		"extrinsic_index": e.extrinsic,
		"extrinsic": extrinsic.as_ref().map(|(p, c, _)| format!("{p}.{c}")),
		"extrinsic_signer": extrinsic.and_then(|(_, _, s)| s).map(|s| ss58(&s)),
		"event_index": e.index,
		"event": format!("{}.{}", e.pallet, e.name),
	}))
}

/// The window (days) a rule looks back over.
fn window_days(rule: &str) -> u64 {
	match rule {
		"MonthlyVelocity" => 30,
		"Structuring" | "RapidInOut" | "ShortCycle" => 2,
		_ => 1,
	}
}

/// FinCEN SAR's suspicious-activity category for a rule.
fn sar_category(rule: &str) -> &'static str {
	match rule {
		"Structuring" => "Structuring: transaction(s) below CTR or review threshold",
		"LargeValue" | "Velocity" | "MonthlyVelocity" => {
			"Money laundering: suspicious use of multiple transaction locations or volume"
		},
		"FanOut" | "FanIn" => "Money laundering: suspicious use of multiple accounts",
		"RapidInOut" => {
			"Money laundering: funnel account / transaction(s) with no apparent purpose"
		},
		"CrossBorder" | "HighRiskJurisdiction" => {
			"Money laundering: transaction(s) involving foreign high risk jurisdiction"
		},
		"IssuerSelfDealing" => "Securities/futures/options: wash trading / market manipulation",
		"ShortCycle" => "Money laundering: transaction(s) with no apparent economic purpose",
		"Spoofing" => "Securities/futures/options: market manipulation (spoofing / layering)",
		"OrderToTrade" => "Securities/futures/options: market manipulation (quote stuffing)",
		_ => "Other suspicious activities",
	}
}

/// One SAR candidate per `Aml.SuspiciousActivity` in `period`, each with the account's value
/// movements in the rule's window before it. Writes `sar/<block>-<event>-<rule>.json` and
/// `sar-<period>.csv`.
pub async fn sar(db: &Db, period: &Period, out: &Out) -> Result<(Vec<Json>, Vec<PathBuf>)> {
	let hits = db
		.events(&Filter {
			event: Some(("Aml", "SuspiciousActivity")),
			time: Some((period.from_ms, period.to_ms)),
			..Default::default()
		})
		.await?;
	let folder = Out::new(&out.path("sar"))?;
	let mut files = Vec::new();
	let mut rows = Vec::new();
	let mut sars = Vec::new();
	for hit in &hits {
		let f = &hit.fields;
		let rule = variant_name(&f["rule"]).unwrap_or_default();
		let account = text(f, "account").unwrap_or_default().to_string();
		let counterparty = text(f, "counterparty").map(str::to_string);
		let since = hit.timestamp_ms.saturating_sub(window_days(&rule).saturating_mul(DAY_MS));
		let mut related = Vec::new();
		for (pallet, name) in MOVEMENTS {
			let found = db
				.events(&Filter {
					event: Some((pallet, name)),
					time: Some((since, hit.timestamp_ms.saturating_add(1))),
					up_to_block: Some(hit.block),
					mentions: Some(&account),
				})
				.await?;
			for m in found {
				related.push(json!({
					"trail": trail(db, &m).await?,
					"fields": m.fields,
				}));
			}
		}
		related.sort_by_key(|m| {
			(
				m.pointer("/trail/block_number").and_then(Json::as_u64),
				m.pointer("/trail/event_index").and_then(Json::as_u64),
			)
		});
		let value = uint0(f, "value");
		let sar = json!({
			"filing_type": "initial report (candidate)",
			"suspicious_activity_category": sar_category(&rule),
			"rule": rule,
			"severity": variant_name(&f["severity"]),
			"subject_account": ss58(&account),
			"subject_account_hex": account,
			"counterparty_account": counterparty.as_deref().map(ss58),
			"suspicious_activity_date_from": iso(since),
			"suspicious_activity_date_to": iso(hit.timestamp_ms),
			"total_amount_involved": gusd(value),
			"total_amount_involved_raw": value.to_string(),
			"evidence": f["evidence"],
			"evidence_trail": trail(db, hit).await?,
			"related_movements": related,
			"narrative": format!(
				"Rule {rule} tripped for {} at block #{} ({}): {} GUSD; {} related movement(s) \
				 of the account in the {}-day window are listed with their on-chain trail.",
				ss58(&account),
				hit.block,
				iso(hit.timestamp_ms),
				gusd(value),
				related.len(),
				window_days(&rule),
			),
		});
		let name = format!("{}-{}-{}.json", hit.block, hit.index, rule);
		files.push(folder.json(&name, &sar)?);
		rows.push(vec![
			hit.block.to_string(),
			hit.index.to_string(),
			hit.block_hash.clone(),
			iso(hit.timestamp_ms),
			rule.clone(),
			cell(field(&sar, "severity")),
			cell(field(&sar, "subject_account")),
			cell(field(&sar, "counterparty_account")),
			gusd(value),
			related.len().to_string(),
			format!("sar/{name}"),
		]);
		sars.push(sar);
	}
	files.push(out.csv(
		&format!("sar-{}.csv", period.name),
		&[
			"block_number",
			"event_index",
			"block_hash",
			"block_time",
			"rule",
			"severity",
			"subject_account",
			"counterparty_account",
			"total_amount_involved",
			"related_movements",
			"file",
		],
		&rows,
	)?);
	files.push(out.json(&format!("sar-{}.json", period.name), &Json::Array(sars.clone()))?);
	Ok((sars, files))
}

/// The trail's columns appended to every register's CSV row.
const TRAIL_COLUMNS: &[&str] = &["block_number", "block_hash", "extrinsic_index", "event_index"];

/// A register: one entry per `event` in `period`, built by `entry` from the event's fields and
/// given its evidence trail; written as `<name>-<period>.csv` (`columns`, then the trail's) and
/// `.json`.
async fn register(
	db: &Db,
	period: &Period,
	out: &Out,
	(name, event, columns): (&str, (&str, &str), &[&str]),
	entry: impl Fn(&Json, &StoredEvent) -> Json,
) -> Result<(Vec<Json>, Vec<PathBuf>)> {
	let events = db
		.events(&Filter {
			event: Some(event),
			time: Some((period.from_ms, period.to_ms)),
			..Default::default()
		})
		.await?;
	let mut entries = Vec::new();
	for e in &events {
		let mut row = entry(&e.fields, e);
		let evidence = trail(db, e).await?;
		if let Some(fields) = row.as_object_mut() {
			fields.insert("evidence_trail".into(), evidence);
		}
		entries.push(row);
	}
	let header: Vec<&str> = columns.iter().chain(TRAIL_COLUMNS).copied().collect();
	let rows: Vec<Vec<String>> = entries
		.iter()
		.map(|r| {
			let own = columns.iter().map(|c| cell(&r[*c]));
			own.chain(
				TRAIL_COLUMNS
					.iter()
					.map(|c| cell(r.get("evidence_trail").map_or(&Json::Null, |t| field(t, c)))),
			)
			.collect()
		})
		.collect();
	let files = vec![
		out.csv(&format!("{name}-{}.csv", period.name), &header, &rows)?,
		out.json(&format!("{name}-{}.json", period.name), &Json::Array(entries.clone()))?,
	];
	Ok((entries, files))
}

/// The CTR list: every `Aml.LargeValueMovement` (movements at or above the CTR threshold) in
/// `period`. Writes `ctr-<period>.csv` and `.json`.
pub async fn ctr(db: &Db, period: &Period, out: &Out) -> Result<(Vec<Json>, Vec<PathBuf>)> {
	let columns = [
		"date_of_transaction",
		"person_conducting_transaction",
		"person_on_whose_behalf",
		"transaction_type",
		"instrument",
		"total_amount",
	];
	register(db, period, out, ("ctr", ("Aml", "LargeValueMovement"), &columns), |f, e| {
		let value = uint0(f, "value");
		json!({
			"date_of_transaction": iso(e.timestamp_ms),
			"person_conducting_transaction": ss58(text(f, "from").unwrap_or_default()),
			"person_on_whose_behalf": ss58(text(f, "to").unwrap_or_default()),
			"transaction_type": variant_name(&f["kind"]),
			"instrument": f["asset"],
			"total_amount": gusd(value),
			"total_amount_raw": value.to_string(),
			"financial_institution": "Genex Chain",
		})
	})
	.await
}

/// The Travel Rule register: every `TravelRule.TransferRecorded` in `period` (the chain itself
/// keeps only the newest records). Writes `travel-rule-<period>.csv` and `.json`.
pub async fn travel_rule(db: &Db, period: &Period, out: &Out) -> Result<(Vec<Json>, Vec<PathBuf>)> {
	let columns = [
		"record_id",
		"time",
		"originator",
		"beneficiary",
		"asset",
		"value",
		"payload_commitment",
		"originator_vasp",
		"beneficiary_vasp",
	];
	let event = ("TravelRule", "TransferRecorded");
	register(db, period, out, ("travel-rule", event, &columns), |f, e| {
		let value = uint0(f, "value");
		json!({
			"record_id": uint0(f, "id").to_string(),
			"time": iso(e.timestamp_ms),
			"originator": ss58(text(f, "from").unwrap_or_default()),
			"beneficiary": ss58(text(f, "to").unwrap_or_default()),
			"asset": f["asset"],
			"value": gusd(value),
			"value_raw": value.to_string(),
			"payload_commitment": f["payload_commitment"],
			"originator_vasp": f["originator_vasp"],
			"beneficiary_vasp": f["beneficiary_vasp"],
		})
	})
	.await
}

/// Which register a command writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Register {
	/// SAR candidates.
	Sar,
	/// The CTR list.
	Ctr,
	/// The Travel Rule register.
	TravelRule,
}

/// Writes `register` for `period`; returns the files written.
pub async fn write(
	db: &Db,
	register: Register,
	period: &Period,
	out: &Out,
) -> Result<Vec<PathBuf>> {
	Ok(match register {
		Register::Sar => sar(db, period, out).await?.1,
		Register::Ctr => ctr(db, period, out).await?.1,
		Register::TravelRule => travel_rule(db, period, out).await?.1,
	})
}
