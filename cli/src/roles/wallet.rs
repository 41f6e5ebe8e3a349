//! `genex wallet`: a holder's balances and coupons, transfers, purchases and orders.

use crate::{
	output::Report,
	roles::{facts, read_report, rpc_error, submitted},
	units::{
		format_amount, format_time, parse_account, parse_amount, parse_time, show_account, Currency,
	},
	Context,
};
use codec::Encode;
use genex_primitives::{market::Side, SeriesId, TravelRuleData};
use genex_reports::{fail, node, Error, Result};
use genex_rpc::market::MarketRpcClient;
use genex_runtime::RuntimeCall;
use pallet_market::{OrderKey, OrderRequest, TimeInForce};
use polkadot_sdk::sp_core::{crypto::AccountId32, H256};
use serde_json::{json, Value as Json};

/// `genex wallet …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// Native (GNX) and stablecoin (GUSD) balances and the coupons held, with the units locked
	/// by open orders. Default: the signer's account.
	Balance {
		/// The account (SS58, 0x hex or //Name).
		account: Option<String>,
	},
	/// Send stablecoin. At or above the Travel-Rule threshold give --originator-vasp,
	/// --beneficiary-vasp and --commitment (the chain refuses it otherwise).
	Transfer {
		/// The recipient.
		#[arg(long)]
		to: String,
		/// How much, e.g. "12.50 GUSD".
		#[arg(long)]
		amount: String,
		#[command(flatten)]
		travel_rule: TravelRuleArgs,
	},
	/// Send coupons of a series.
	Send {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// The recipient.
		#[arg(long)]
		to: String,
		/// How many units.
		#[arg(long)]
		units: u64,
		#[command(flatten)]
		travel_rule: TravelRuleArgs,
	},
	/// Buy units from a fixed-price listing (a primary sale or a holder's listing).
	Buy {
		/// The listing's id (`market.Listed` names it).
		#[arg(long)]
		listing: u64,
		/// How many units.
		#[arg(long)]
		units: u64,
		/// The most to pay per unit, e.g. "45 GUSD".
		#[arg(long)]
		max_price: String,
	},
	/// Orders on the market's batch auction.
	#[command(subcommand)]
	Order(OrderCommand),
	/// What happened to an account in recent blocks: the events that name it (transfers,
	/// trades, orders, redemptions, compliance), newest last. Default: the signer's account.
	History {
		/// The account.
		account: Option<String>,
		/// How many blocks back from the best block to look (2 s each; 1–10,000). A node keeps
		/// the state of its last 256 blocks unless it is an archive node: older blocks are
		/// skipped, and the output says from where.
		#[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=10_000))]
		blocks: u64,
	},
	/// Sign a redemption for a merchant and show it as a QR code and as text. Nothing is sent:
	/// the merchant scans it and submits it (`genex merchant redeem`), with no fee for either.
	SignRedemption {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// How many units.
		#[arg(long, default_value_t = 1)]
		units: u64,
		/// The merchant (or the issuer) that serves the holder.
		#[arg(long)]
		merchant: String,
		/// How long the code stays valid, in minutes (at most 60).
		#[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=60))]
		minutes: u32,
		/// Also write the code to this file (for a script, or to send to the merchant).
		#[arg(long)]
		out: Option<std::path::PathBuf>,
	},
}

/// Travel-Rule data for a transfer at or above the threshold.
#[derive(clap::Args, Debug)]
pub struct TravelRuleArgs {
	/// The originator's VASP (an LEI, or a TRISA/TRP endpoint name).
	#[arg(long, requires_all = ["beneficiary_vasp", "commitment"])]
	originator_vasp: Option<String>,
	/// The beneficiary's VASP.
	#[arg(long, requires_all = ["originator_vasp", "commitment"])]
	beneficiary_vasp: Option<String>,
	/// Hash (0x, 32 bytes) of the IVMS101 payload the VASPs exchanged off chain.
	#[arg(long, requires_all = ["originator_vasp", "beneficiary_vasp"])]
	commitment: Option<String>,
}

impl TravelRuleArgs {
	fn data(&self) -> Result<Option<TravelRuleData>> {
		let (Some(from), Some(to), Some(commitment)) =
			(&self.originator_vasp, &self.beneficiary_vasp, &self.commitment)
		else {
			return Ok(None);
		};
		let vasp = |id: &str| {
			id.as_bytes()
				.to_vec()
				.try_into()
				.map_err(|_| Error(format!("{id:?}: a VASP id is 1 to 64 bytes")))
		};
		Ok(Some(TravelRuleData {
			payload_commitment: parse_hash(commitment)?,
			originator_vasp: vasp(from)?,
			beneficiary_vasp: vasp(to)?,
		}))
	}
}

/// `genex wallet order …`
#[derive(clap::Subcommand, Debug)]
pub enum OrderCommand {
	/// Place a limit order; it takes part in the next block's auction and rests until filled,
	/// cancelled or expired.
	Place {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// buy or sell.
		#[arg(long, value_parser = parse_side)]
		side: Side,
		/// Units.
		#[arg(long)]
		units: u64,
		/// Limit price per unit, e.g. "44.50 GUSD" (a multiple of the tick).
		#[arg(long)]
		price: String,
		/// Rest until this date or time (2027-12-31, RFC 3339); default until cancelled.
		#[arg(long)]
		until: Option<String>,
	},
	/// Cancel one of the signer's orders (`genex wallet order list` shows them).
	Cancel {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// buy or sell.
		#[arg(long, value_parser = parse_side)]
		side: Side,
		/// Its limit price, e.g. "44.50 GUSD".
		#[arg(long)]
		price: String,
		/// Its id.
		#[arg(long)]
		id: u64,
	},
	/// The open orders of an account (default: the signer's).
	List {
		/// The account.
		account: Option<String>,
	},
}

fn parse_side(text: &str) -> std::result::Result<Side, String> {
	match text.to_ascii_lowercase().as_str() {
		"buy" | "bid" => Ok(Side::Buy),
		"sell" | "ask" => Ok(Side::Sell),
		_ => Err(format!("{text:?}: write buy or sell")),
	}
}

fn side_name(side: Side) -> &'static str {
	match side {
		Side::Buy => "buy",
		Side::Sell => "sell",
	}
}

/// `0x` and 64 hex digits as a hash.
pub fn parse_hash(text: &str) -> Result<H256> {
	let bytes = hex::decode(text.trim_start_matches("0x")).unwrap_or_default();
	<[u8; 32]>::try_from(bytes.as_slice())
		.map(H256)
		.map_err(|_| Error(format!("{text:?} is not a hash: 0x and 64 hex digits")))
}

/// The account an optional argument names, else the signer's.
pub fn account_or_signer(ctx: &Context, account: Option<&str>) -> Result<AccountId32> {
	match account {
		Some(text) => parse_account(text),
		None => match ctx.signer_account()? {
			Some(who) => Ok(who),
			None => fail!(
				"name the account, or give the signer's key (--suri, --key-file or GENEX_SURI)"
			),
		},
	}
}

/// Run a `wallet` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Balance { account } => balance(ctx, account.as_deref()).await,
		Command::Transfer { to, amount, travel_rule } => {
			let dest = parse_account(&to)?;
			let amount = parse_amount(&amount, Currency::Gusd)?;
			let travel = travel_rule.data()?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = match travel {
				None => RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
					dest: dest.clone(),
					amount,
				}),
				Some(travel_rule) => {
					RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer_with_travel_rule {
						dest: dest.clone(),
						amount,
						travel_rule,
					})
				},
			};
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!(
					"sent {} to {}",
					format_amount(amount, Currency::Gusd),
					show_account(&dest)
				),
				&outcome,
				facts([("to", json!(show_account(&dest))), ("amount", json!(amount.to_string()))]),
			))
		},
		Command::Send { series, to, units, travel_rule } => {
			let dest = parse_account(&to)?;
			let travel = travel_rule.data()?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = match travel {
				None => RuntimeCall::Coupons(pallet_coupons::Call::transfer {
					series,
					dest: dest.clone(),
					units,
				}),
				Some(travel_rule) => {
					RuntimeCall::Coupons(pallet_coupons::Call::transfer_with_travel_rule {
						series,
						dest: dest.clone(),
						units,
						travel_rule,
					})
				},
			};
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!("sent {units} unit(s) of series {series} to {}", show_account(&dest)),
				&outcome,
				facts([
					("series", json!(series)),
					("to", json!(show_account(&dest))),
					("units", json!(units)),
				]),
			))
		},
		Command::Buy { listing, units, max_price } => {
			let max_price = parse_amount(&max_price, Currency::Gusd)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call =
				RuntimeCall::Market(pallet_market::Call::buy_listing { listing, units, max_price });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!("bought {units} unit(s) from listing {listing}"),
				&outcome,
				facts([("listing", json!(listing)), ("units", json!(units))]),
			))
		},
		Command::Order(order) => self::order(ctx, order).await,
		Command::History { account, blocks } => history(ctx, account.as_deref(), blocks).await,
		Command::SignRedemption { series, units, merchant, minutes, out } => {
			let merchant = parse_account(&merchant)?;
			let holder = ctx.signer()?;
			let chain = ctx.chain().await?;
			let best = u32::try_from(chain.best_number().await?).unwrap_or(u32::MAX);
			let valid_until =
				best.saturating_add(minutes.saturating_mul(genex_primitives::time::MINUTES));
			// Any number the holder has not used in a code still valid: the time in ns.
			let nonce = std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
			let authorization = crate::redemption::Authorization {
				holder: polkadot_sdk::sp_core::Pair::public(&holder).into(),
				series,
				units,
				merchant: merchant.clone(),
				nonce,
				valid_until,
			};
			let code = crate::redemption::sign(&holder, chain.genesis, &authorization);
			if let Some(path) = &out {
				std::fs::write(path, format!("{code}\n"))
					.map_err(|e| Error::new(format!("cannot write {}", path.display()), e))?;
			}
			let text = format!(
				"redemption of {units} unit(s) of series {series} at {}, valid until block #{valid_until} \
				 (about {minutes} min)\n{}\n{code}",
				show_account(&merchant),
				crate::redemption::qr(&code)?
			);
			read_report(
				text,
				json!({
					"code": code,
					"holder": show_account(&authorization.holder),
					"series": series,
					"units": units,
					"merchant": show_account(&merchant),
					"nonce": nonce,
					"valid_until": valid_until,
				}),
			)
		},
	}
}

/// Events that are only the chain's book-keeping around every transaction.
const ROUTINE_EVENTS: &[(&str, &str)] = &[
	("System", "ExtrinsicSuccess"),
	("System", "ExtrinsicFailed"),
	("TransactionPayment", "TransactionFeePaid"),
	("Balances", "Withdraw"),
	("Balances", "Deposit"),
];

async fn history(ctx: &Context, account: Option<&str>, blocks: u64) -> Result<Report> {
	let who = account_or_signer(ctx, account)?;
	let chain = ctx.chain().await?;
	let raw: [u8; 32] = who.clone().into();
	let needle = format!("0x{}", hex::encode(raw));
	let best = chain.best_number().await?;
	let first = best.saturating_sub(blocks.saturating_sub(1)).max(1);
	let mut lines = Vec::new();
	let mut rows = Vec::new();
	// Blocks whose state this node has pruned (their events are state) are skipped.
	let mut pruned_until: Option<u64> = None;
	let mut read_any = false;
	for number in first..=best {
		let block = match genex_reports::node::block(&chain.node, number).await {
			Ok(block) => block,
			// Pruned state comes first (the oldest blocks); a failure after a block was read
			// is a real one.
			Err(_) if !read_any => {
				pruned_until = Some(number);
				continue;
			},
			Err(e) => return Err(e),
		};
		read_any = true;
		for e in &block.events {
			let routine = ROUTINE_EVENTS.iter().any(|(p, n)| *p == e.pallet && *n == e.name);
			if routine || !e.fields.to_string().contains(&needle) {
				continue;
			}
			let name = format!("{}.{}", e.pallet, e.name);
			lines.push(format!(
				"#{number} {} {name} {}",
				format_time(block.timestamp_ms),
				crate::output::fields_line(&name, &e.fields)
			));
			rows.push(json!({
				"block": number,
				"time": format_time(block.timestamp_ms),
				"event": name,
				"fields": e.fields,
			}));
		}
	}
	let from = pruned_until.map_or(first, |p| p.saturating_add(1));
	let text = format!(
		"{} event(s) naming {} in blocks #{from}..#{best}{}{}{}",
		rows.len(),
		show_account(&who),
		match pruned_until {
			Some(p) => format!(
				" (this node has pruned the state of blocks up to #{p}: ask an archive node for more)"
			),
			None => String::new(),
		},
		if lines.is_empty() { "" } else { ":\n" },
		lines.join("\n")
	);
	read_report(
		text,
		json!({
			"account": show_account(&who),
			"from": from,
			"to": best,
			"pruned_until": pruned_until,
			"events": rows,
		}),
	)
}

async fn balance(ctx: &Context, account: Option<&str>) -> Result<Report> {
	let who = account_or_signer(ctx, account)?;
	let chain = ctx.chain().await?;
	let best: String = chain
		.node
		.rpc
		.request("chain_getBlockHash", subxt::rpcs::rpc_params![])
		.await
		.map_err(genex_reports::error::context("cannot read the best block"))?;
	let number = chain.block_number(&best).await?;
	let raw: [u8; 32] = who.clone().into();
	let held =
		node::balances(&chain.node.client, number, &format!("0x{}", hex::encode(raw))).await?;
	let native = genex_reports::decode::uint0(&held, "native");
	let stablecoin = genex_reports::decode::uint0(&held, "stablecoin");
	let mut lines = vec![
		format!("account: {}", show_account(&who)),
		format!("at block #{number}"),
		format!("GNX:  {}", format_amount(native, Currency::Gnx)),
		format!("GUSD: {}", format_amount(stablecoin, Currency::Gusd)),
	];
	let mut coupons = Vec::new();
	for entry in held.get("coupons").and_then(Json::as_array).cloned().unwrap_or_default() {
		let series = entry.get("series").and_then(Json::as_u64).unwrap_or_default();
		let units = entry.get("units").and_then(Json::as_u64).unwrap_or_default();
		let locked: u64 = chain
			.read("Coupons", "Locked", &[&series.encode(), &who.encode()])
			.await?
			.unwrap_or_default();
		let info =
			genex_rpc::coupons::CouponsRpcClient::<H256>::series_info(&chain.rpc, series, None)
				.await
				.map_err(rpc_error("cannot read the series"))?;
		let (face, until) = info
			.as_ref()
			.map(|i| {
				(i.series.face_value.parse::<u128>().unwrap_or_default(), i.series.valid_until)
			})
			.unwrap_or_default();
		lines.push(format!(
			"series {series}: {units} unit(s){} — face {} each, valid until {}",
			if locked > 0 { format!(" ({locked} locked by open orders)") } else { String::new() },
			format_amount(face, Currency::Gusd),
			format_time(until)
		));
		coupons.push(json!({ "series": series, "units": units, "locked": locked, "face_value": face.to_string(), "valid_until": until }));
	}
	if coupons.is_empty() {
		lines.push("coupons: none".into());
	}
	read_report(
		lines.join("\n"),
		facts([
			("account", json!(show_account(&who))),
			("block", json!(number)),
			("native", json!(native.to_string())),
			("stablecoin", json!(stablecoin.to_string())),
			("coupons", json!(coupons)),
		]),
	)
}

async fn order(ctx: &Context, command: OrderCommand) -> Result<Report> {
	match command {
		OrderCommand::Place { series, side, units, price, until } => {
			let price = parse_amount(&price, Currency::Gusd)?;
			let time_in_force = match until {
				Some(t) => TimeInForce::GoodTillTime(parse_time(&t)?),
				None => TimeInForce::GoodTillCancelled,
			};
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let order = OrderRequest { side, price, units, time_in_force, post_only: false };
			let call = RuntimeCall::Market(pallet_market::Call::place_order { series, order });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			let id = outcome
				.event("Market.OrderPlaced")
				.and_then(|f| f.pointer("/key/id"))
				.and_then(Json::as_u64);
			Ok(submitted(
				format!(
					"{} order for {units} unit(s) of series {series} at {}{}",
					side_name(side),
					format_amount(price, Currency::Gusd),
					id.map(|i| format!(": order id {i}")).unwrap_or_default()
				),
				&outcome,
				facts([
					("series", json!(series)),
					("side", json!(side_name(side))),
					("id", json!(id)),
				]),
			))
		},
		OrderCommand::Cancel { series, side, price, id } => {
			let price = parse_amount(&price, Currency::Gusd)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Market(pallet_market::Call::cancel_order {
				order: OrderKey { series, side, price, id },
			});
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(format!("cancelled order {id}"), &outcome, facts([("id", json!(id))])))
		},
		OrderCommand::List { account } => {
			let who = account_or_signer(ctx, account.as_deref())?;
			let chain = ctx.chain().await?;
			let orders = MarketRpcClient::<H256>::open_orders(&chain.rpc, who.clone(), None)
				.await
				.map_err(rpc_error("cannot read the open orders"))?;
			let mut lines =
				vec![format!("open orders of {}: {}", show_account(&who), orders.len())];
			for o in &orders {
				let price = o.price.parse::<u128>().unwrap_or_default();
				lines.push(format!(
					"  #{} series {} {} {} at {}{}",
					o.id,
					o.series,
					side_name(o.side),
					o.units,
					format_amount(price, Currency::Gusd),
					o.expires_at.map(|t| format!(" until {}", format_time(t))).unwrap_or_default()
				));
			}
			read_report(
				lines.join("\n"),
				json!({ "account": show_account(&who), "orders": orders }),
			)
		},
	}
}
