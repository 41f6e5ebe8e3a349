//! The platform report for a day or a month (SRS 3.7.4): volumes, trades, primary sales,
//! redemptions and the redemption rate per issuer, breakage, fee income, new KYC by level,
//! blocked accounts, AML hits and CTR entries.
//!
//! Sources (all events of the period, plus the history needed to attribute them):
//! - auction trades: `Market.AuctionCleared` (`volume` units at one `price`);
//! - listing purchases: `Market.ListingBought`, primary when its `Market.Listed` said so;
//! - redemptions: `Redemption.Redeemed` (units, face value honoured); a redemption by the
//!   issuer or its affiliates (`insider`) is a recall and counted apart, never as a redemption;
//! - breakage: `Coupons.SeriesExpired`;
//! - issuance: `Coupons.Minted` and the series in genesis state;
//! - fees: `Market.OrderFilled.fee`, `Market.ListingBought.fee` (market) and
//!   `TransactionPayment.TransactionFeePaid.actual_fee` (transactions, in the native token);
//! - P2P: `Stablecoin.Transferred`, `Coupons.Transferred`, and `Aml.HoldReleased` (a large
//!   transfer released after review, counted when it moved);
//! - KYC: `Kyc.Attested` by level (new, renewed or replaced attestations); blocked: `Sanctions.AccountBlocked`, `Aml.AccountRestricted`;
//! - AML: `Aml.SuspiciousActivity` by rule, `Aml.LargeValueMovement`.
//!
//! The redemption rate of an issuer is units redeemed ÷ units issued, both counted from genesis
//! to the end of the period.

use super::{cell, Out, Period};
use crate::{
	db::{Db, Filter, StoredEvent},
	decode::{gusd, ss58, text, uint0, variant_name},
	Result,
};
use serde_json::{json, Map, Value as Json};
use std::{collections::BTreeMap, path::PathBuf};

/// Figures of one series in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeriesFigures {
	/// Issuer (`0x` hex), when known.
	pub issuer: String,
	/// Auctions that traded.
	pub auctions: u64,
	/// Units traded in auctions.
	pub auction_units: u128,
	/// Value traded in auctions (price × units).
	pub auction_value: u128,
	/// Secondary listing purchases.
	pub listing_trades: u64,
	/// Units bought from secondary listings.
	pub listing_units: u128,
	/// Value paid for them.
	pub listing_value: u128,
	/// Primary purchases.
	pub primary_sales: u64,
	/// Units sold by the issuer.
	pub primary_units: u128,
	/// Value paid for them.
	pub primary_value: u128,
	/// Redemptions.
	pub redemptions: u64,
	/// Units redeemed.
	pub redeemed_units: u128,
	/// Face value honoured.
	pub redeemed_face: u128,
	/// Redemptions by the issuer or its affiliates (recalls: not in the redemption figures).
	pub insider_recalls: u64,
	/// Units they burned.
	pub insider_units: u128,
	/// Units minted.
	pub minted_units: u128,
	/// Breakage (face value of sold units that expired).
	pub breakage: u128,
	/// Market fees.
	pub market_fees: u128,
}

impl SeriesFigures {
	/// Value traded on the secondary market (auctions and listings).
	pub fn secondary_value(&self) -> u128 {
		self.auction_value.saturating_add(self.listing_value)
	}
}

/// Figures of one issuer: the period's sums over its series and the rate since genesis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssuerFigures {
	/// Its series.
	pub series: Vec<u64>,
	/// Primary sales value in the period.
	pub primary_value: u128,
	/// Secondary value in the period.
	pub secondary_value: u128,
	/// Face value redeemed in the period.
	pub redeemed_face: u128,
	/// Breakage in the period.
	pub breakage: u128,
	/// Units issued from genesis to the end of the period.
	pub issued_total: u128,
	/// Units redeemed from genesis to the end of the period.
	pub redeemed_total: u128,
}

impl IssuerFigures {
	/// Redeemed ÷ issued since genesis, in basis points (10,000 = 100 %); `None` before any
	/// issue.
	pub fn redemption_rate_bps(&self) -> Option<u128> {
		self.redeemed_total.saturating_mul(10_000).checked_div(self.issued_total)
	}
}

/// The whole report.
#[derive(Clone, Debug, Default)]
pub struct Report {
	/// Per series.
	pub series: BTreeMap<u64, SeriesFigures>,
	/// Per issuer (`0x` hex; `""` for series whose issuer the index does not know).
	pub issuers: BTreeMap<String, IssuerFigures>,
	/// Stablecoin P2P transfers (count, value).
	pub stablecoin_transfers: (u64, u128),
	/// Coupon P2P transfers (count, units).
	pub coupon_transfers: (u64, u128),
	/// Market fees.
	pub market_fees: u128,
	/// Transaction fees, in the native token (not GUSD).
	pub transaction_fees: u128,
	/// KYC attestations (new, renewed or replaced) by level.
	pub kyc: BTreeMap<String, u64>,
	/// Accounts blocked by the sanctions list.
	pub sanctioned: Vec<String>,
	/// Accounts restricted by AML.
	pub restricted: Vec<String>,
	/// AML hits by rule.
	pub suspicious: BTreeMap<String, u64>,
	/// CTR entries (count, value).
	pub ctr: (u64, u128),
	/// First and last block of the period in the index.
	pub blocks: Option<(u64, u64)>,
	/// The last indexed block and its time: the report is complete only if that time is at or
	/// after the period's end.
	pub indexed_to: Option<(u64, u64)>,
}

impl Report {
	/// Whether the index covers the whole period.
	pub fn complete(&self, period: &Period) -> bool {
		self.indexed_to.is_some_and(|(_, ms)| ms >= period.to_ms)
	}
}

fn add(total: &mut u128, n: u128) {
	*total = total.saturating_add(n);
}

fn bump(count: &mut u64) {
	*count = count.saturating_add(1);
}

/// Events read from genesis to the end of the period.
const HISTORY: [(&str, &str); 4] = [
	("Coupons", "SeriesCreated"),
	("Coupons", "Minted"),
	("Redemption", "Redeemed"),
	("Market", "Listed"),
];

/// A redemption by the issuer or its affiliates: a recall, no credit (`Redeemed.insider`).
fn insider(fields: &Json) -> bool {
	fields["insider"] == Json::Bool(true)
}

fn series_of(fields: &Json) -> u64 {
	u64::try_from(uint0(fields, "series")).unwrap_or(u64::MAX)
}

/// Computes the report for `period` from the index.
pub async fn compute(db: &Db, period: &Period) -> Result<Report> {
	let mut report = Report::default();
	let mut issuer_of: BTreeMap<u64, String> = BTreeMap::new();
	let mut minted_total: BTreeMap<u64, u128> = BTreeMap::new();
	let mut redeemed_total: BTreeMap<u64, u128> = BTreeMap::new();
	for s in db.genesis_series().await? {
		issuer_of.insert(s.id, s.issuer);
		minted_total.insert(s.id, u128::from(s.minted));
	}
	// From genesis to the end of the period, only the four kinds that attribute or total.
	let until = Some((0, period.to_ms));
	let mut listings: BTreeMap<u128, (u64, bool)> = BTreeMap::new();
	for event in HISTORY {
		for e in
			db.events(&Filter { event: Some(event), time: until, ..Default::default() }).await?
		{
			let f = &e.fields;
			match event {
				("Coupons", "SeriesCreated") => {
					issuer_of
						.insert(series_of(f), text(f, "issuer").unwrap_or_default().to_string());
				},
				("Coupons", "Minted") => {
					add(minted_total.entry(series_of(f)).or_default(), uint0(f, "units"))
				},
				("Redemption", "Redeemed") if !insider(f) => {
					add(redeemed_total.entry(series_of(f)).or_default(), uint0(f, "units"))
				},
				("Market", "Listed") => {
					listings.insert(
						uint0(f, "listing"),
						(series_of(f), f["primary"] == Json::Bool(true)),
					);
				},
				_ => {},
			}
		}
	}
	let time = Some((period.from_ms, period.to_ms));
	for e in db.events(&Filter { time, ..Default::default() }).await? {
		tally(&mut report, &e, &listings);
	}
	report.indexed_to = match db.last_block().await? {
		Some(n) => db.block_time(n).await?.map(|ms| (n, ms)),
		None => None,
	};
	for (id, figures) in report.series.iter_mut() {
		figures.issuer = issuer_of.get(id).cloned().unwrap_or_default();
	}
	// Every issuer with a series known by the end of the period gets a row.
	for (id, issuer) in &issuer_of {
		let row = report.issuers.entry(issuer.clone()).or_default();
		row.series.push(*id);
		add(&mut row.issued_total, minted_total.get(id).copied().unwrap_or(0));
		add(&mut row.redeemed_total, redeemed_total.get(id).copied().unwrap_or(0));
		if let Some(s) = report.series.get(id) {
			add(&mut row.primary_value, s.primary_value);
			add(&mut row.secondary_value, s.secondary_value());
			add(&mut row.redeemed_face, s.redeemed_face);
			add(&mut row.breakage, s.breakage);
		}
	}
	Ok(report)
}

/// Adds one event of the period to the report.
fn tally(report: &mut Report, e: &StoredEvent, listings: &BTreeMap<u128, (u64, bool)>) {
	let f = &e.fields;
	report.blocks = Some(match report.blocks {
		Some((first, _)) => (first, e.block),
		None => (e.block, e.block),
	});
	match (e.pallet.as_str(), e.name.as_str()) {
		("Market", "AuctionCleared") => {
			let volume = uint0(f, "volume");
			if volume > 0 {
				let s = report.series.entry(series_of(f)).or_default();
				s.auctions = s.auctions.saturating_add(1);
				add(&mut s.auction_units, volume);
				add(&mut s.auction_value, volume.saturating_mul(uint0(f, "price")));
			}
		},
		("Market", "OrderFilled") => {
			let fee = uint0(f, "fee");
			add(&mut report.market_fees, fee);
			// The order key carries the series.
			let series = series_of(&f["key"]);
			add(&mut report.series.entry(series).or_default().market_fees, fee);
		},
		("Market", "ListingBought") => {
			let (series, primary) =
				listings.get(&uint0(f, "listing")).copied().unwrap_or((u64::MAX, false));
			let s = report.series.entry(series).or_default();
			let (units, paid, fee) = (uint0(f, "units"), uint0(f, "paid"), uint0(f, "fee"));
			if primary {
				s.primary_sales = s.primary_sales.saturating_add(1);
				add(&mut s.primary_units, units);
				add(&mut s.primary_value, paid);
			} else {
				s.listing_trades = s.listing_trades.saturating_add(1);
				add(&mut s.listing_units, units);
				add(&mut s.listing_value, paid);
			}
			add(&mut s.market_fees, fee);
			add(&mut report.market_fees, fee);
		},
		("Redemption", "Redeemed") if insider(f) => {
			let s = report.series.entry(series_of(f)).or_default();
			s.insider_recalls = s.insider_recalls.saturating_add(1);
			add(&mut s.insider_units, uint0(f, "units"));
		},
		("Redemption", "Redeemed") => {
			let s = report.series.entry(series_of(f)).or_default();
			s.redemptions = s.redemptions.saturating_add(1);
			add(&mut s.redeemed_units, uint0(f, "units"));
			add(&mut s.redeemed_face, uint0(f, "face_value"));
		},
		("Coupons", "Minted") => {
			add(&mut report.series.entry(series_of(f)).or_default().minted_units, uint0(f, "units"))
		},
		("Coupons", "SeriesExpired") => {
			add(&mut report.series.entry(series_of(f)).or_default().breakage, uint0(f, "breakage"))
		},
		("Coupons", "Transferred") => {
			report.coupon_transfers.0 = report.coupon_transfers.0.saturating_add(1);
			add(&mut report.coupon_transfers.1, uint0(f, "units"));
		},
		("Stablecoin", "Transferred") => {
			report.stablecoin_transfers.0 = report.stablecoin_transfers.0.saturating_add(1);
			add(&mut report.stablecoin_transfers.1, uint0(f, "amount"));
		},
		("Aml", "HoldReleased") => {
			let transfers = match variant_name(&f["asset"]).as_deref() {
				Some("Settlement") => &mut report.stablecoin_transfers,
				_ => &mut report.coupon_transfers,
			};
			transfers.0 = transfers.0.saturating_add(1);
			add(&mut transfers.1, uint0(f, "quantity"));
		},
		("TransactionPayment", "TransactionFeePaid") => {
			add(&mut report.transaction_fees, uint0(f, "actual_fee"))
		},
		("Kyc", "Attested") => {
			let level = variant_name(&f["level"]).unwrap_or_else(|| cell(&f["level"]));
			bump(report.kyc.entry(level).or_default());
		},
		("Sanctions", "AccountBlocked") => {
			report.sanctioned.push(text(f, "who").unwrap_or_default().to_string())
		},
		("Aml", "AccountRestricted") => {
			report.restricted.push(text(f, "account").unwrap_or_default().to_string())
		},
		("Aml", "SuspiciousActivity") => {
			let rule = variant_name(&f["rule"]).unwrap_or_default();
			bump(report.suspicious.entry(rule).or_default());
		},
		("Aml", "LargeValueMovement") => {
			report.ctr.0 = report.ctr.0.saturating_add(1);
			add(&mut report.ctr.1, uint0(f, "value"));
		},
		_ => {},
	}
}

fn amount(n: u128) -> Json {
	json!({ "raw": n.to_string(), "gusd": gusd(n) })
}

fn series_label(id: u64) -> String {
	if id == u64::MAX {
		"unknown".to_string()
	} else {
		id.to_string()
	}
}

/// The report as JSON.
pub fn to_json(kind: &str, period: &Period, r: &Report) -> Json {
	let series: Vec<Json> = r
		.series
		.iter()
		.map(|(id, s)| {
			json!({
				"series": series_label(*id),
				"issuer": s.issuer,
				"auctions": s.auctions,
				"auction_units": s.auction_units.to_string(),
				"auction_value": amount(s.auction_value),
				"listing_trades": s.listing_trades,
				"listing_units": s.listing_units.to_string(),
				"listing_value": amount(s.listing_value),
				"primary_sales": s.primary_sales,
				"primary_units": s.primary_units.to_string(),
				"primary_value": amount(s.primary_value),
				"redemptions": s.redemptions,
				"redeemed_units": s.redeemed_units.to_string(),
				"redeemed_face": amount(s.redeemed_face),
				"insider_recalls": s.insider_recalls,
				"insider_recalled_units": s.insider_units.to_string(),
				"minted_units": s.minted_units.to_string(),
				"breakage": amount(s.breakage),
				"market_fees": amount(s.market_fees),
			})
		})
		.collect();
	let issuers: Vec<Json> = r
		.issuers
		.iter()
		.map(|(who, i)| {
			json!({
				"issuer": who,
				"issuer_ss58": ss58(who),
				"series": i.series,
				"primary_value": amount(i.primary_value),
				"secondary_value": amount(i.secondary_value),
				"redeemed_face": amount(i.redeemed_face),
				"breakage": amount(i.breakage),
				"issued_units_total": i.issued_total.to_string(),
				"redeemed_units_total": i.redeemed_total.to_string(),
				"redemption_rate_bps": i.redemption_rate_bps().map(|b| b.to_string()),
			})
		})
		.collect();
	let counts = |m: &BTreeMap<String, u64>| -> Json {
		Json::Object(m.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<Map<_, _>>())
	};
	json!({
		"report": kind,
		"period": period.name,
		"from": super::iso(period.from_ms),
		"to": super::iso(period.to_ms),
		"complete": r.complete(period),
		"indexed_to_block": r.indexed_to.map(|b| b.0),
		"indexed_to_time": r.indexed_to.map(|b| super::iso(b.1)),
		"first_block": r.blocks.map(|b| b.0),
		"last_block": r.blocks.map(|b| b.1),
		"stablecoin_transfers": r.stablecoin_transfers.0,
		"stablecoin_transfer_value": amount(r.stablecoin_transfers.1),
		"coupon_transfers": r.coupon_transfers.0,
		"coupon_transfer_units": r.coupon_transfers.1.to_string(),
		"market_fees": amount(r.market_fees),
		"transaction_fees_native": { "raw": r.transaction_fees.to_string(), "gnx": gusd(r.transaction_fees) },
		"kyc_attestations_by_level": counts(&r.kyc),
		"sanctioned_accounts": r.sanctioned.iter().map(|a| ss58(a)).collect::<Vec<_>>(),
		"restricted_accounts": r.restricted.iter().map(|a| ss58(a)).collect::<Vec<_>>(),
		"suspicious_activity_by_rule": counts(&r.suspicious),
		"ctr_entries": r.ctr.0,
		"ctr_value": amount(r.ctr.1),
		"series": series,
		"issuers": issuers,
	})
}

/// Writes `<kind>-<period>.json`, `.csv` (the summary), `-series.csv`, `-issuers.csv` and the
/// HTML page; returns the paths.
pub async fn write(db: &Db, kind: &str, period: &Period, out: &Out) -> Result<Vec<PathBuf>> {
	let report = compute(db, period).await?;
	let json = to_json(kind, period, &report);
	let base = format!("{kind}-{}", period.name);
	let mut paths = vec![out.json(&format!("{base}.json"), &json)?];
	let summary: Vec<Vec<String>> = json
		.as_object()
		.map(|o| {
			o.iter()
				.filter(|(k, _)| *k != "series" && *k != "issuers")
				.map(|(k, v)| vec![k.clone(), summary_cell(v)])
				.collect()
		})
		.unwrap_or_default();
	paths.push(out.csv(&format!("{base}.csv"), &["field", "value"], &summary)?);
	paths.push(table_csv(
		out,
		&format!("{base}-series.csv"),
		json.get("series").unwrap_or(&Json::Null),
	)?);
	paths.push(table_csv(
		out,
		&format!("{base}-issuers.csv"),
		json.get("issuers").unwrap_or(&Json::Null),
	)?);
	paths.push(out.text(&format!("{base}.html"), &crate::html::page(kind, period, &report))?);
	Ok(paths)
}

/// An amount object as its GUSD text, anything else as a cell.
fn summary_cell(v: &Json) -> String {
	match v.get("gusd").or(v.get("gnx")) {
		Some(g) => cell(g),
		None => cell(v),
	}
}

/// An array of flat objects as CSV, columns in the first object's order.
fn table_csv(out: &Out, name: &str, rows: &Json) -> Result<PathBuf> {
	let rows = rows.as_array().cloned().unwrap_or_default();
	let header: Vec<String> = rows
		.first()
		.and_then(|r| r.as_object())
		.map(|o| o.keys().cloned().collect())
		.unwrap_or_default();
	let cells: Vec<Vec<String>> = rows
		.iter()
		.map(|r| header.iter().map(|h| summary_cell(&r[h.as_str()])).collect())
		.collect();
	let header: Vec<&str> = header.iter().map(String::as_str).collect();
	out.csv(name, &header, &cells)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::db::{BlockRecord, EventRecord, Location, SeriesRecord};

	const USD: u128 = 1_000_000_000_000;
	const ISSUER: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";
	const HOLDER: &str = "0x2222222222222222222222222222222222222222222222222222222222222222";

	fn event(pallet: &str, name: &str, fields: Json) -> EventRecord {
		EventRecord {
			pallet: pallet.into(),
			name: name.into(),
			fields,
			phase: "ApplyExtrinsic".into(),
			..Default::default()
		}
	}

	/// An index with genesis series 0 (100 units) and blocks at 2026-11-25 (a redemption) and
	/// 2026-11-26 (a primary sale, a holder's redemption, an insider's redemption, fees).
	async fn index(path: &std::path::Path) -> Db {
		let db = Db::open(&Location::Sqlite(path.into()), true).await.unwrap();
		db.create_schema().await.unwrap();
		let day = Period::day("2026-11-26").unwrap();
		let genesis = BlockRecord {
			number: 0,
			hash: "0x00".into(),
			series: vec![SeriesRecord {
				id: 0,
				issuer: ISSUER.into(),
				face_value: 50 * USD,
				issue_price: 45 * USD,
				minted: 100,
			}],
			..Default::default()
		};
		let redeem = |units: u64, insider: bool| {
			event(
				"Redemption",
				"Redeemed",
				json!({ "series": 0, "holder": HOLDER, "units": units,
					"face_value": (u128::from(units) * 50 * USD).to_string(), "insider": insider }),
			)
		};
		let before = BlockRecord {
			number: 1,
			hash: "0x01".into(),
			parent: "0x00".into(),
			timestamp_ms: day.from_ms - 1,
			events: vec![redeem(5, false)],
			..Default::default()
		};
		let mut events = vec![
			event("Market", "Listed", json!({ "listing": 3, "series": 0, "primary": true })),
			event(
				"Market",
				"ListingBought",
				json!({ "listing": 3, "units": 10, "paid": (450 * USD).to_string(), "fee": (USD / 2).to_string() }),
			),
			redeem(2, false),
			redeem(7, true),
			event("TransactionPayment", "TransactionFeePaid", json!({ "actual_fee": 1_000_000 })),
			event("Kyc", "Attested", json!({ "level": "L2" })),
			event("Stablecoin", "Transferred", json!({ "amount": (10 * USD).to_string() })),
			event("Coupons", "Transferred", json!({ "series": 0, "units": 2 })),
			// Large transfers released after review count as the transfers they are.
			event(
				"Aml",
				"HoldReleased",
				json!({ "asset": "Settlement", "quantity": (60_000 * USD).to_string() }),
			),
			event(
				"Aml",
				"HoldReleased",
				json!({ "asset": { "Coupon": { "series": 0 } }, "quantity": "3" }),
			),
		];
		for (i, e) in events.iter_mut().enumerate() {
			e.index = u32::try_from(i).unwrap();
		}
		let today = BlockRecord {
			number: 2,
			hash: "0x02".into(),
			parent: "0x01".into(),
			timestamp_ms: day.from_ms + 1,
			events,
			..Default::default()
		};
		for block in [genesis, before, today] {
			db.store("0xgenesis", &block).await.unwrap();
		}
		db
	}

	#[tokio::test]
	async fn figures_of_a_day_count_sales_and_redemptions_but_not_insider_recalls() {
		let dir = std::env::temp_dir().join(format!("genex-platform-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		let db = index(&dir.join("index.sqlite")).await;
		let day = Period::day("2026-11-26").unwrap();
		let report = compute(&db, &day).await.unwrap();
		let s = report.series.get(&0).unwrap();
		assert_eq!((s.primary_sales, s.primary_units, s.primary_value), (1, 10, 450 * USD));
		// The holder's redemption of the day counts; the insider's is a recall, apart.
		assert_eq!((s.redemptions, s.redeemed_units, s.redeemed_face), (1, 2, 100 * USD));
		assert_eq!((s.insider_recalls, s.insider_units), (1, 7));
		assert_eq!(report.market_fees, USD / 2);
		assert_eq!(report.transaction_fees, 1_000_000);
		assert_eq!(report.kyc.get("L2"), Some(&1));
		assert_eq!(report.stablecoin_transfers, (2, 60_010 * USD));
		assert_eq!(report.coupon_transfers, (2, 5));
		// Redemption rate since genesis: (5 + 2) of 100 units, insiders excluded.
		let issuer = report.issuers.get(ISSUER).unwrap();
		assert_eq!((issuer.issued_total, issuer.redeemed_total), (100, 7));
		assert_eq!(issuer.redemption_rate_bps(), Some(700));
		assert_eq!(issuer.primary_value, 450 * USD);
		// The index ends inside the day: partial.
		assert_eq!(report.indexed_to, Some((2, day.from_ms + 1)));
		assert!(!report.complete(&day));
		// The day before sees only its own redemption.
		let before = compute(&db, &Period::day("2026-11-25").unwrap()).await.unwrap();
		assert_eq!(before.series.get(&0).map(|s| s.redeemed_units), Some(5));
		assert!(before.complete(&Period::day("2026-11-25").unwrap()));
		// A block that does not continue the indexed chain is refused, nothing written.
		let fork = BlockRecord {
			number: 3,
			hash: "0x03".into(),
			parent: "0xff".into(),
			..Default::default()
		};
		let err = db.store("0xgenesis", &fork).await.unwrap_err();
		assert!(err.0.contains("wrong chain"), "{err}");
		assert_eq!(db.last_block().await.unwrap(), Some(2));
		db.close().await;
		let _ = std::fs::remove_dir_all(&dir);
	}
}
