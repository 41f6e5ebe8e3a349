//! The platform report for a day or a month (SRS 3.7.4): volumes, trades, primary sales,
//! redemptions and the redemption rate per issuer, breakage, fee income, new KYC by level,
//! blocked accounts, AML hits and CTR entries.
//!
//! Sources (all events of the period, plus the history needed to attribute them):
//! - auction trades: `Market.AuctionCleared` (`volume` units at one `price`);
//! - listing purchases: `Market.ListingBought`, primary when its `Market.Listed` said so;
//! - redemptions: `Redemption.Redeemed` (units, face value honoured);
//! - breakage: `Coupons.SeriesExpired`;
//! - issuance: `Coupons.Minted` and the series in genesis state;
//! - fees: `Market.OrderFilled.fee`, `Market.ListingBought.fee` (market) and
//!   `TransactionPayment.TransactionFeePaid.actual_fee` (transactions);
//! - P2P: `Stablecoin.Transferred`, `Coupons.Transferred`;
//! - KYC: `Kyc.Attested` by level; blocked: `Sanctions.AccountBlocked`, `Aml.AccountRestricted`;
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
	/// Transaction fees.
	pub transaction_fees: u128,
	/// New KYC attestations by level.
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
}

fn add(total: &mut u128, n: u128) {
	*total = total.saturating_add(n);
}

fn bump(count: &mut u64) {
	*count = count.saturating_add(1);
}

fn series_of(fields: &Json) -> u64 {
	u64::try_from(uint0(fields, "series")).unwrap_or(u64::MAX)
}

/// Computes the report for `period` from the index.
pub async fn compute(db: &Db, period: &Period) -> Result<Report> {
	let history =
		db.events(&Filter { time: Some((0, period.to_ms)), ..Default::default() }).await?;
	let mut report = Report::default();
	let mut issuer_of: BTreeMap<u64, String> = BTreeMap::new();
	let mut minted_total: BTreeMap<u64, u128> = BTreeMap::new();
	let mut redeemed_total: BTreeMap<u64, u128> = BTreeMap::new();
	for s in db.genesis_series().await? {
		issuer_of.insert(s.id, s.issuer);
		minted_total.insert(s.id, u128::from(s.minted));
	}
	// listing → (series, primary)
	let mut listings: BTreeMap<u128, (u64, bool)> = BTreeMap::new();
	for e in &history {
		let f = &e.fields;
		let in_period = e.timestamp_ms >= period.from_ms;
		match (e.pallet.as_str(), e.name.as_str()) {
			("Coupons", "SeriesCreated") => {
				issuer_of.insert(series_of(f), text(f, "issuer").unwrap_or_default().to_string());
			},
			("Coupons", "Minted") => {
				add(minted_total.entry(series_of(f)).or_default(), uint0(f, "units"))
			},
			("Redemption", "Redeemed") => {
				add(redeemed_total.entry(series_of(f)).or_default(), uint0(f, "units"))
			},
			("Market", "Listed") => {
				listings
					.insert(uint0(f, "listing"), (series_of(f), f["primary"] == Json::Bool(true)));
			},
			_ => {},
		}
		if in_period {
			tally(&mut report, e, &listings);
		}
	}
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
		"first_block": r.blocks.map(|b| b.0),
		"last_block": r.blocks.map(|b| b.1),
		"stablecoin_transfers": r.stablecoin_transfers.0,
		"stablecoin_transfer_value": amount(r.stablecoin_transfers.1),
		"coupon_transfers": r.coupon_transfers.0,
		"coupon_transfer_units": r.coupon_transfers.1.to_string(),
		"market_fees": amount(r.market_fees),
		"transaction_fees": amount(r.transaction_fees),
		"new_kyc_by_level": counts(&r.kyc),
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
	paths.push(table_csv(out, &format!("{base}-series.csv"), &json["series"])?);
	paths.push(table_csv(out, &format!("{base}-issuers.csv"), &json["issuers"])?);
	paths.push(out.text(&format!("{base}.html"), &crate::html::page(kind, period, &report))?);
	Ok(paths)
}

/// An amount object as its GUSD text, anything else as a cell.
fn summary_cell(v: &Json) -> String {
	match v.get("gusd") {
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
