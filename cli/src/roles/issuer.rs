//! `genex issuer`: apply, create and list series, recall, statistics and credit.

use crate::{
	output::Report,
	roles::{
		facts, read_report, rpc_error, submitted,
		wallet::{account_or_signer, parse_hash},
	},
	units::{format_amount, format_time, parse_amount, parse_time, show_account, Currency},
	Context,
};
use genex_primitives::{CouponKind, SeriesId};
use genex_reports::{fail, Error, Result};
use genex_rpc::coupons::CouponsRpcClient;
use genex_runtime::RuntimeCall;
use pallet_coupons::SeriesTerms;
use polkadot_sdk::sp_core::H256;
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};

/// `genex issuer …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// Apply to become an issuer (needs KYC L3); governance approves or rejects.
	Apply {
		/// The display name.
		#[arg(long)]
		name: String,
		/// Hash (0x, 32 bytes) of the licence and approvals submitted off chain.
		#[arg(long)]
		documents: String,
	},
	/// Create a series and mint its first units to the issuer, from a TOML or JSON file
	/// (`docs/guides/issuer.md` shows one) or from flags.
	CreateSeries {
		/// A TOML (.toml) or JSON (.json) file with the series' fields.
		#[arg(long, conflicts_with_all = ["kind", "face_value", "issue_price", "valid_from", "valid_until", "terms", "units", "cap", "gift_card", "jurisdiction"])]
		file: Option<PathBuf>,
		#[command(flatten)]
		flags: SeriesFlags,
	},
	/// List units of a series for primary sale at its issue price.
	List {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// How many units.
		#[arg(long)]
		units: u64,
	},
	/// Withdraw a listing (primary sale or fixed price) before it sells out: its unsold units
	/// are unlocked. Delisting a whole series (no trading until relisted) is governance's:
	/// `genex gov propose delist-series`.
	Delist {
		/// The listing (`genex issuer list` printed it).
		#[arg(long)]
		listing: u64,
	},
	/// Take back units the issuer holds and cancel them (a reason code, for the record).
	Recall {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// How many units.
		#[arg(long)]
		units: u64,
		/// Why (0–255, the issuer's own code).
		#[arg(long, default_value_t = 0)]
		reason: u8,
	},
	/// A series and its statistics: minted, sold, redeemed, expired, recalled, breakage.
	Stats {
		/// The series.
		#[arg(long)]
		series: SeriesId,
	},
	/// An issuer's credit: status, score, tier, limit and the score's inputs (default: the
	/// signer).
	Credit {
		/// The issuer.
		account: Option<String>,
	},
}

/// A series' fields as flags (all but `--cap` and `--gift-card` and `--jurisdiction` needed).
#[derive(clap::Args, Debug, Default)]
pub struct SeriesFlags {
	/// physical, digital or financial.
	#[arg(long)]
	kind: Option<String>,
	/// Face value of one unit, e.g. "50 GUSD".
	#[arg(long)]
	face_value: Option<String>,
	/// Primary-sale price of one unit, e.g. "45 GUSD" (at most the face value unless
	/// financial).
	#[arg(long)]
	issue_price: Option<String>,
	/// Usable from (2026-12-01, RFC 3339 or ms); optional, default now.
	#[arg(long)]
	valid_from: Option<String>,
	/// Expires at (a date after valid-from, in the future).
	#[arg(long)]
	valid_until: Option<String>,
	/// Usage conditions and scope (text, or a hash of them).
	#[arg(long)]
	terms: Option<String>,
	/// Units minted now.
	#[arg(long)]
	units: Option<u64>,
	/// Most units ever minted: a number, or "none" for no cap; default the initial units.
	#[arg(long)]
	cap: Option<String>,
	/// Sold as a gift card (the gift-card minimum validity rules apply).
	#[arg(long)]
	gift_card: bool,
	/// Jurisdiction it is sold in (ISO 3166-1 alpha-2, e.g. US).
	#[arg(long)]
	jurisdiction: Option<String>,
}

/// The series file: the same fields as the flags, in TOML or JSON.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
	kind: String,
	face_value: String,
	issue_price: String,
	valid_from: Option<String>,
	valid_until: String,
	terms: String,
	units: u64,
	cap: Option<CapField>,
	#[serde(default)]
	gift_card: bool,
	jurisdiction: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum CapField {
	Units(u64),
	Text(String),
}

impl SeriesFlags {
	fn into_file(self) -> Result<SeriesFile> {
		let need = |v: Option<String>, flag: &str| {
			v.ok_or_else(|| {
				Error(format!("give --file, or --{flag} (and the series' other fields)"))
			})
		};
		Ok(SeriesFile {
			kind: need(self.kind, "kind")?,
			face_value: need(self.face_value, "face-value")?,
			issue_price: need(self.issue_price, "issue-price")?,
			valid_from: self.valid_from,
			valid_until: need(self.valid_until, "valid-until")?,
			terms: need(self.terms, "terms")?,
			units: self.units.ok_or_else(|| Error("give --units (how many to mint now)".into()))?,
			cap: self.cap.map(CapField::Text),
			gift_card: self.gift_card,
			jurisdiction: self.jurisdiction,
		})
	}
}

fn read_file(path: &Path) -> Result<SeriesFile> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?;
	let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
	if is_json {
		serde_json::from_str(&text).map_err(|e| Error(format!("{}: {e}", path.display())))
	} else {
		toml::from_str(&text).map_err(|e| Error(format!("{}: {}", path.display(), e.message())))
	}
}

/// The file's fields as the chain's terms, and the units to mint.
fn terms(file: SeriesFile) -> Result<(SeriesTerms, u64)> {
	let kind = match file.kind.to_ascii_lowercase().as_str() {
		"physical" => CouponKind::Physical,
		"digital" => CouponKind::Digital,
		"financial" => CouponKind::Financial,
		other => fail!("kind {other:?}: write physical, digital or financial"),
	};
	let now = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or_default();
	let cap = match file.cap {
		None => file.units,
		Some(CapField::Units(n)) => n,
		Some(CapField::Text(t)) if t.eq_ignore_ascii_case("none") => u64::MAX,
		Some(CapField::Text(t)) => {
			t.parse().map_err(|_| Error(format!("cap {t:?}: a number of units, or \"none\"")))?
		},
	};
	let jurisdiction = match file.jurisdiction {
		None => None,
		Some(code) => match code.as_bytes() {
			[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some([*a, *b]),
			_ => fail!("jurisdiction {code:?}: two upper-case letters (ISO 3166-1, e.g. US)"),
		},
	};
	Ok((
		SeriesTerms {
			kind,
			face_value: parse_amount(&file.face_value, Currency::Gusd)?,
			issue_price: parse_amount(&file.issue_price, Currency::Gusd)?,
			valid_from: file.valid_from.as_deref().map(parse_time).transpose()?.unwrap_or(now),
			valid_until: parse_time(&file.valid_until)?,
			terms: file.terms.into_bytes(),
			cap,
			gift_card: file.gift_card,
			jurisdiction,
		},
		file.units,
	))
}

/// Run an `issuer` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Apply { name, documents } => {
			let documents = parse_hash(&documents)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Issuers(pallet_issuers::Call::apply {
				name: name.clone().into_bytes(),
				documents,
			});
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!("applied as issuer {name:?}"),
				&outcome,
				facts([("name", json!(name))]),
			))
		},
		Command::CreateSeries { file, flags } => {
			let fields = match file {
				Some(path) => read_file(&path)?,
				None => flags.into_file()?,
			};
			let (terms, units) = terms(fields)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let (face, price, until) = (terms.face_value, terms.issue_price, terms.valid_until);
			let call = RuntimeCall::Coupons(pallet_coupons::Call::create_series { terms, units });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			let series = outcome
				.event("Coupons.SeriesCreated")
				.and_then(|f| f.get("series"))
				.and_then(serde_json::Value::as_u64);
			Ok(submitted(
				format!(
					"created series {}: {units} unit(s) of face {} sold at {}, valid until {}",
					series.map_or("?".into(), |s| s.to_string()),
					format_amount(face, Currency::Gusd),
					format_amount(price, Currency::Gusd),
					format_time(until)
				),
				&outcome,
				facts([("series", json!(series)), ("units", json!(units))]),
			))
		},
		Command::List { series, units } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Market(pallet_market::Call::list_primary { series, units });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			let listing = outcome
				.event("Market.Listed")
				.and_then(|f| f.get("listing"))
				.and_then(serde_json::Value::as_u64);
			Ok(submitted(
				format!(
					"listed {units} unit(s) of series {series} for primary sale{}",
					listing.map(|l| format!(": listing {l}")).unwrap_or_default()
				),
				&outcome,
				facts([("series", json!(series)), ("listing", json!(listing))]),
			))
		},
		Command::Delist { listing } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Market(pallet_market::Call::cancel_listing { listing });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			let units = outcome
				.event("Market.ListingCancelled")
				.and_then(|f| f.get("units"))
				.and_then(serde_json::Value::as_u64);
			Ok(submitted(
				format!(
					"withdrew listing {listing}{}",
					units.map(|u| format!(": {u} unsold unit(s) unlocked")).unwrap_or_default()
				),
				&outcome,
				facts([("listing", json!(listing)), ("units", json!(units))]),
			))
		},
		Command::Recall { series, units, reason } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Coupons(pallet_coupons::Call::recall { series, units, reason });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!("recalled {units} unit(s) of series {series}"),
				&outcome,
				facts([("series", json!(series))]),
			))
		},
		Command::Stats { series } => {
			let chain = ctx.chain().await?;
			let Some(info) = CouponsRpcClient::<H256>::series_info(&chain.rpc, series, None)
				.await
				.map_err(rpc_error("cannot read the series"))?
			else {
				fail!("there is no series {series}");
			};
			let s = &info.series;
			let st = &info.stats;
			let money =
				|text: &str| format_amount(text.parse().unwrap_or_default(), Currency::Gusd);
			let text = format!(
				"series {series} ({}, {}), issuer {}\nface {} each, issue price {}\nvalid {} to {}\n\
				 minted {}, sold {}, redeemed {}, expired {}, recalled {}; in circulation {}\n\
				 outstanding face value {}, breakage {}",
				s.kind,
				s.status,
				show_account(&s.issuer),
				money(&s.face_value),
				money(&s.issue_price),
				format_time(s.valid_from),
				format_time(s.valid_until),
				st.minted,
				st.sold,
				st.redeemed,
				st.expired,
				st.recalled,
				st.supply,
				money(&st.outstanding_face),
				money(&st.breakage),
			);
			read_report(text, json!(info))
		},
		Command::Credit { account } => {
			let who = account_or_signer(ctx, account.as_deref())?;
			let chain = ctx.chain().await?;
			let Some(c) = CouponsRpcClient::<H256>::issuer_credit(&chain.rpc, who.clone(), None)
				.await
				.map_err(rpc_error("cannot read the issuer's credit"))?
			else {
				fail!("{} is not an issuer", show_account(&who));
			};
			let money =
				|text: &str| format_amount(text.parse().unwrap_or_default(), Currency::Gusd);
			let text = format!(
				"issuer {}: {}\nscore {} → tier {}, issuance limit {} (outstanding {})\ndeposit {}, escrow {}\n\
				 redemptions honoured {} of {}, reviews {} (average {}.{:02} stars), {} year(s) in \
				 business, {} default(s)",
				show_account(&who),
				c.status,
				c.score,
				c.tier,
				money(&c.limit),
				money(&c.outstanding_face),
				money(&c.deposit),
				money(&c.escrow),
				c.honoured,
				c.requested,
				c.reviews,
				c.average_rating_x100 / 100,
				c.average_rating_x100 % 100,
				c.years_in_business,
				c.defaults,
			);
			read_report(text, json!(c))
		},
	}
}
