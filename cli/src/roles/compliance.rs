//! `genex compliance`: KYC attestations by an attestor (a compliance officer's bank).

use crate::{
	output::Report,
	roles::{facts, submitted, wallet::parse_hash},
	units::{format_time, parse_account, parse_time, show_account},
	Context,
};
use genex_reports::{fail, Result};
use genex_runtime::RuntimeCall;
use serde_json::json;

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
	}
}
