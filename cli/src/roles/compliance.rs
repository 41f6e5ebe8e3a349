//! `genex compliance`: KYC attestations by an attestor (a compliance officer's bank), the
//! sanctions list (block alone; unblock with a second officer), the KYC limits per level, and
//! the AML review queue (holds: approve or reject).

use crate::{
	chain::Chain,
	output::Report,
	roles::{
		facts,
		gov::{self, as_officer, Action, Body, ListUpdate},
		read_report, submitted,
		wallet::parse_hash,
	},
	units::{format_amount, format_time, parse_account, parse_time, show_account, Currency},
	Context,
};
use codec::Decode;
use genex_primitives::{KycLevel, TransferredAsset};
use genex_reports::{error::context, fail, Error, Result};
use genex_runtime::RuntimeCall;
use pallet_kyc::LevelLimits;
use polkadot_sdk::sp_crypto_hashing::{twox_128, twox_64};
use serde_json::json;
use subxt::rpcs::rpc_params;

/// `genex compliance …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// Attest an account's KYC level (0–3) in a jurisdiction until a date; the evidence stays
	/// off chain, its hash on chain. The signer must be an attestor.
	Attest {
		/// The account.
		#[arg(long)]
		who: String,
		/// KYC level 0–3 (L3: issuers, L2: stablecoin receivers; docs/regulators.md).
		#[arg(long)]
		level: u8,
		/// ISO 3166-1 alpha-2 code, e.g. US.
		#[arg(long)]
		jurisdiction: String,
		/// Valid until (a date in the future).
		#[arg(long)]
		expires: String,
		/// Hash (0x, 32 bytes) of the evidence kept off chain.
		#[arg(long)]
		evidence: String,
	},
	/// Revoke an attestation this attestor made.
	Revoke {
		/// The account.
		#[arg(long)]
		who: String,
	},
	/// Block accounts (the sanctions list): one officer may; their transactions are refused
	/// from then on and their open orders and quotes withdrawn.
	Block {
		#[command(flatten)]
		list: ListUpdate,
	},
	/// Unblock accounts: needs two officers, so this proposes a compliance-committee motion
	/// that a second officer votes (`genex gov vote --body compliance`).
	Unblock {
		#[command(flatten)]
		list: ListUpdate,
	},
	/// The sanctions list in force: version, source digest, when, how many accounts; with
	/// --who, whether that account is blocked.
	List {
		/// An account to look up.
		#[arg(long)]
		who: Option<String>,
	},
	/// An account's compliance standing: its KYC level in force (jurisdiction, expiry), what
	/// its level still allows in the rolling windows, whether it is blocked.
	Status {
		/// The account.
		#[arg(long)]
		who: String,
	},
	/// The KYC limits of each level (daily and monthly, trading and P2P, holdings).
	Limits,
	/// The AML review queue: movements held for review, oldest first.
	Holds,
	/// Release a held movement after review (it is checked again, then moves).
	ApproveHold {
		/// The hold's id.
		#[arg(long)]
		id: u64,
	},
	/// Return a held movement to its sender after review (report the suspicion off chain).
	RejectHold {
		/// The hold's id.
		#[arg(long)]
		id: u64,
	},
}

/// Run a `compliance` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Attest { who, level, jurisdiction, expires, evidence } => {
			let account = parse_account(&who)?;
			let jurisdiction = match jurisdiction.as_bytes() {
				[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => [*a, *b],
				_ => fail!(
					"jurisdiction {jurisdiction:?}: two upper-case letters (ISO 3166-1, e.g. US)"
				),
			};
			if level > 3 {
				fail!("level {level}: KYC levels are 0 to 3");
			}
			let expires_at = parse_time(&expires)?;
			let evidence = parse_hash(&evidence)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Kyc(pallet_kyc::Call::attest {
				who: account.clone(),
				level,
				jurisdiction,
				expires_at,
				evidence,
			});
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!(
					"attested {} at KYC L{level} until {}",
					show_account(&account),
					format_time(expires_at)
				),
				&outcome,
				facts([("who", json!(show_account(&account))), ("level", json!(level))]),
			))
		},
		Command::Revoke { who } => {
			let account = parse_account(&who)?;
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let call = RuntimeCall::Kyc(pallet_kyc::Call::revoke { who: account.clone() });
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			Ok(submitted(
				format!("revoked the attestation of {}", show_account(&account)),
				&outcome,
				facts([("who", json!(show_account(&account)))]),
			))
		},
		Command::Block { list } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			ensure_officer(&chain, &signer).await?;
			let (add, version, source_digest) = list.resolve(&chain).await?;
			let shown: Vec<String> = add.iter().map(show_account).collect();
			let call = as_officer(RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
				version,
				source_digest,
				add,
				remove: Vec::new(),
			}));
			let outcome = chain.submit(&signer, call, ctx.wait()).await?;
			ensure_executed(&chain, &outcome).await?;
			Ok(submitted(
				format!("sanctions list v{version}: blocked {}", shown.join(", ")),
				&outcome,
				facts([("version", json!(version)), ("blocked", json!(shown))]),
			))
		},
		Command::Unblock { list } => {
			gov::run(
				ctx,
				gov::Command::Propose {
					body: Some(Body::Compliance),
					threshold: None,
					action: Action::Unblock { list },
				},
			)
			.await
		},
		Command::List { who } => {
			let chain = ctx.chain().await?;
			let info: Option<genex_primitives::SanctionsListInfo> =
				chain.read("Sanctions", "ListInfo", &[]).await?;
			let count: u32 =
				chain.read("Sanctions", "CounterForBlocked", &[]).await?.unwrap_or_default();
			let mut text = match &info {
				Some(i) => format!(
					"sanctions list v{}: {count} account(s) blocked; source {:?}; updated at block #{}",
					i.version, i.source_digest, i.updated_at
				),
				None => "no sanctions list yet: nobody is blocked".to_string(),
			};
			let mut doc = json!({
				"version": info.as_ref().map(|i| i.version),
				"source_digest": info.as_ref().map(|i| format!("{:?}", i.source_digest)),
				"updated_at": info.as_ref().map(|i| i.updated_at),
				"blocked_accounts": count,
			});
			if let Some(who) = who {
				let account = parse_account(&who)?;
				let since: Option<u32> =
					chain.read("Sanctions", "Blocked", &[account.as_ref()]).await?;
				text.push_str(&match since {
					Some(v) => format!("\n{} is BLOCKED (since list v{v})", show_account(&account)),
					None => format!("\n{} is not blocked", show_account(&account)),
				});
				if let Some(map) = doc.as_object_mut() {
					map.insert("who".into(), json!(show_account(&account)));
					map.insert("blocked_since".into(), json!(since));
				}
			}
			read_report(text, doc)
		},
		Command::Status { who } => status(ctx, &who).await,
		Command::Limits => limits(ctx).await,
		Command::Holds => holds(ctx).await,
		Command::ApproveHold { id } => review(ctx, id, true).await,
		Command::RejectHold { id } => review(ctx, id, false).await,
	}
}

/// A committee `execute` lands even when the call it carries fails: that failure is in its
/// `MemberExecuted` event; make it the command's error.
async fn ensure_executed(chain: &Chain, outcome: &crate::chain::Outcome) -> Result<()> {
	gov::inner_result(chain, outcome, "ComplianceCommittee.MemberExecuted", "result").await
}

/// Refuse, before anything is signed, a signer who is not a compliance officer (the chain
/// would refuse it too, for a fee).
async fn ensure_officer(
	chain: &Chain,
	signer: &polkadot_sdk::sp_core::sr25519::Pair,
) -> Result<()> {
	let who = polkadot_sdk::sp_core::crypto::AccountId32::from(
		polkadot_sdk::sp_core::Pair::public(signer),
	);
	if !gov::members(chain, Body::Compliance).await?.contains(&who) {
		fail!(
			"{} is not a compliance officer (a member of the compliance committee)",
			show_account(&who)
		);
	}
	Ok(())
}

async fn status(ctx: &Context, who: &str) -> Result<Report> {
	let account = parse_account(who)?;
	let chain = ctx.chain().await?;
	let encoded = codec::Encode::encode(&account);
	let raw: String = chain
		.node
		.rpc
		.request(
			"state_call",
			rpc_params!["ComplianceApi_kyc_status", format!("0x{}", hex::encode(&encoded))],
		)
		.await
		.map_err(context("cannot read the KYC status"))?;
	let bytes = hex::decode(raw.trim_start_matches("0x"))
		.map_err(|e| Error::new("the node sent a status that is not hex", e))?;
	let kyc = genex_primitives::KycStatus::<u128>::decode(&mut bytes.as_slice())
		.map_err(|e| Error::new("cannot decode the KYC status", e))?;
	let blocked: Option<u32> = chain.read("Sanctions", "Blocked", &[account.as_ref()]).await?;
	let gusd = |v| format_amount(v, Currency::Gusd);
	let jurisdiction = kyc.jurisdiction.map(|j| String::from_utf8_lossy(&j).into_owned());
	let text = format!(
		"{}: KYC {:?}{}{}\nstill allowed today: trade {}, P2P {} in {} transfer(s); this month: \
		 P2P {} in {} transfer(s); holds at most {} units\nsanctions: {}",
		show_account(&account),
		kyc.level,
		jurisdiction.as_ref().map(|j| format!(" ({j})")).unwrap_or_default(),
		kyc.expires_at.map(|t| format!(", until {}", format_time(t))).unwrap_or_default(),
		gusd(kyc.trade_value_remaining),
		gusd(kyc.p2p_value_remaining),
		kyc.p2p_count_remaining,
		gusd(kyc.monthly_p2p_value_remaining),
		kyc.monthly_p2p_count_remaining,
		kyc.max_holdings,
		match blocked {
			Some(v) => format!("BLOCKED (since list v{v})"),
			None => "not blocked".into(),
		}
	);
	read_report(
		text,
		json!({
			"who": show_account(&account),
			"level": format!("{:?}", kyc.level),
			"jurisdiction": jurisdiction,
			"expires_at": kyc.expires_at,
			"trade_value_remaining": kyc.trade_value_remaining.to_string(),
			"p2p_value_remaining": kyc.p2p_value_remaining.to_string(),
			"p2p_count_remaining": kyc.p2p_count_remaining,
			"monthly_p2p_value_remaining": kyc.monthly_p2p_value_remaining.to_string(),
			"monthly_p2p_count_remaining": kyc.monthly_p2p_count_remaining,
			"max_holdings": kyc.max_holdings,
			"blocked_since": blocked,
		}),
	)
}

/// Approve (release) or reject (return) hold `id`, as one officer.
async fn review(ctx: &Context, id: u64, approve: bool) -> Result<Report> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	ensure_officer(&chain, &signer).await?;
	let call = if approve {
		RuntimeCall::Aml(pallet_aml::Call::approve_hold { id })
	} else {
		RuntimeCall::Aml(pallet_aml::Call::reject_hold { id })
	};
	let outcome = chain.submit(&signer, as_officer(call), ctx.wait()).await?;
	ensure_executed(&chain, &outcome).await?;
	Ok(submitted(
		format!(
			"hold {id} {}",
			if approve { "released: the movement went through" } else { "returned to its sender" }
		),
		&outcome,
		facts([("id", json!(id)), ("approved", json!(approve))]),
	))
}

const LEVELS: [KycLevel; 4] = [KycLevel::L0, KycLevel::L1, KycLevel::L2, KycLevel::L3];

async fn limits(ctx: &Context) -> Result<Report> {
	let chain = ctx.chain().await?;
	let gusd = |v| format_amount(v, Currency::Gusd);
	let mut text = String::from("KYC limits per level (rolling 24 h / 30 days):");
	let mut rows = Vec::new();
	for level in LEVELS {
		let encoded = codec::Encode::encode(&level);
		let key =
			[&twox_128(b"Kyc")[..], &twox_128(b"Limits")[..], &twox_64(&encoded)[..], &encoded]
				.concat();
		let limits = match chain.storage(&key).await? {
			Some(bytes) => LevelLimits::decode(&mut bytes.as_slice())
				.map_err(|e| Error::new("cannot decode the KYC limits", e))?,
			None => LevelLimits::default(),
		};
		text.push_str(&format!(
			"\n{level:?}: trade {}/day; P2P {} and {} transfers/day, {} and {} transfers/30 days; \
			 holds at most {} units",
			gusd(limits.daily_trade_value),
			gusd(limits.daily_p2p_value),
			limits.daily_p2p_count,
			gusd(limits.monthly_p2p_value),
			limits.monthly_p2p_count,
			limits.max_holdings
		));
		rows.push(json!({
			"level": format!("{level:?}"),
			"daily_trade_value": limits.daily_trade_value.to_string(),
			"daily_p2p_value": limits.daily_p2p_value.to_string(),
			"daily_p2p_count": limits.daily_p2p_count,
			"monthly_p2p_value": limits.monthly_p2p_value.to_string(),
			"monthly_p2p_count": limits.monthly_p2p_count,
			"max_holdings": limits.max_holdings,
		}));
	}
	read_report(text, json!({ "limits": rows }))
}

/// Keys read per `state_getKeysPaged` request.
const PAGE: u32 = 1_000;

/// Every stored `(key, value)` under `prefix`, page by page.
async fn entries(chain: &Chain, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
	let prefix_hex = format!("0x{}", hex::encode(prefix));
	let mut keys: Vec<String> = Vec::new();
	loop {
		let page: Vec<String> = chain
			.node
			.rpc
			.request("state_getKeysPaged", rpc_params![&prefix_hex, PAGE, keys.last()])
			.await
			.map_err(context("cannot list the chain's state"))?;
		let full = page.len() >= usize::try_from(PAGE).unwrap_or(usize::MAX);
		keys.extend(page);
		if !full {
			break;
		}
	}
	let mut out = Vec::new();
	for key in keys {
		let raw = hex::decode(key.trim_start_matches("0x"))
			.map_err(|e| Error::new("the node sent a key that is not hex", e))?;
		if let Some(value) = chain.storage(&raw).await? {
			out.push((raw, value));
		}
	}
	Ok(out)
}

async fn holds(ctx: &Context) -> Result<Report> {
	let chain = ctx.chain().await?;
	let prefix = [twox_128(b"Aml"), twox_128(b"Holds")].concat();
	let mut holds = Vec::new();
	for (key, value) in entries(&chain, &prefix).await? {
		// Twox64Concat: 8 hash bytes, then the u64 id.
		let id = key
			.get(prefix.len().saturating_add(8)..)
			.and_then(|mut rest| u64::decode(&mut rest).ok())
			.ok_or_else(|| Error("a hold's key does not end in its id".into()))?;
		let hold =
			pallet_aml::HeldMovement::<polkadot_sdk::sp_core::crypto::AccountId32, u32>::decode(
				&mut value.as_slice(),
			)
			.map_err(|e| Error::new("cannot decode a hold", e))?;
		holds.push((id, hold));
	}
	holds.sort_by_key(|(id, _)| *id);
	let mut text = format!("{} movement(s) held for review", holds.len());
	let mut rows = Vec::new();
	for (id, h) in &holds {
		let what = match h.asset {
			TransferredAsset::Settlement => format_amount(h.quantity, Currency::Gusd),
			TransferredAsset::Coupon { series } => {
				format!("{} unit(s) of series {series}", h.quantity)
			},
		};
		text.push_str(&format!(
			"\nhold {id}: {} → {}: {what} (worth {}); held at block #{}, decided by #{}{}\n  \
			 genex compliance approve-hold --id {id}   |   genex compliance reject-hold --id {id}",
			show_account(&h.from),
			show_account(&h.to),
			format_amount(h.value, Currency::Gusd),
			h.held_at,
			h.deadline,
			if h.travel_rule.is_some() { "; with Travel-Rule data" } else { "" }
		));
		rows.push(json!({
			"id": id,
			"from": show_account(&h.from),
			"to": show_account(&h.to),
			"asset": match h.asset {
				TransferredAsset::Settlement => json!("GUSD"),
				TransferredAsset::Coupon { series } => json!({ "series": series }),
			},
			"quantity": h.quantity.to_string(),
			"value": h.value.to_string(),
			"held_at": h.held_at,
			"deadline": h.deadline,
			"travel_rule": h.travel_rule.is_some(),
		}));
	}
	read_report(text, json!({ "holds": rows }))
}
