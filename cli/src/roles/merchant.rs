//! `genex merchant`: check a holder's coupons at the till before redeeming them.

use crate::{
	output::Report,
	roles::{read_report, rpc_error, submitted},
	units::{format_amount, format_time, parse_account, show_account, Currency},
	Context,
};
use genex_primitives::SeriesId;
use genex_reports::{fail, Result};
use genex_rpc::coupons::CouponsRpcClient;
use polkadot_sdk::{sp_core::H256, sp_runtime::traits::Verify as _};
use serde_json::{json, Value as Json};

/// `genex merchant …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// May the holder redeem these units now? (`genex_verifyCoupon`: the series is active
	/// and in its validity, the issuer not frozen, the holder has the units free — units
	/// locked by open orders do not count.)
	Verify {
		/// The series.
		#[arg(long)]
		series: SeriesId,
		/// The holder (SS58, 0x hex or //Name).
		#[arg(long)]
		holder: String,
		/// How many units.
		#[arg(long, default_value_t = 1)]
		units: u64,
	},
	/// Read a holder's redemption code (scanned from its QR code): who, what, until when,
	/// whether the holder signed it, and whether the chain would redeem it now.
	Scan {
		/// The code (hex, as `genex wallet sign-redemption` prints it), or `@FILE` to read it
		/// from a file.
		#[arg(long)]
		code: String,
	},
	/// Redeem a holder's code: the node checks the holder's signature and submits it (no fee
	/// for the holder or the merchant, within their quotas); prints the receipt.
	Redeem {
		/// The code, or `@FILE` to read it from a file.
		#[arg(long)]
		code: String,
	},
}

/// Run a `merchant` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Verify { series, holder, units } => {
			let holder = parse_account(&holder)?;
			let chain = ctx.chain().await?;
			let v = CouponsRpcClient::<H256>::verify_coupon(
				&chain.rpc,
				series,
				holder.clone(),
				units,
				None,
			)
			.await
			.map_err(rpc_error("cannot verify the coupon"))?;
			let verdict = if v.redeemable {
				format!(
					"REDEEMABLE: {} may redeem {units} unit(s) of series {series}",
					show_account(&holder)
				)
			} else {
				format!(
					"NOT REDEEMABLE: {}",
					v.problem.clone().unwrap_or_else(|| "the chain gave no reason".into())
				)
			};
			let mut lines = vec![verdict, format!("holder's free units: {}", v.holder_units)];
			if let Some(s) = &v.series {
				lines.push(format!(
					"series {series}: {} coupon of face {} each, {} until {}, issuer {}{}",
					s.kind,
					format_amount(s.face_value.parse().unwrap_or_default(), Currency::Gusd),
					s.status,
					format_time(s.valid_until),
					show_account(&s.issuer),
					if v.issuer_frozen { " (FROZEN)" } else { "" }
				));
			}
			read_report(lines.join("\n"), json!(v))
		},
		Command::Scan { code } => {
			let (a, signature) = crate::redemption::read(&code)?;
			let chain = ctx.chain().await?;
			let payload = crate::redemption::payload(chain.genesis, &a);
			let signed = signature.verify(&payload[..], &a.holder);
			let best = chain.best_number().await?;
			let v = CouponsRpcClient::<H256>::verify_coupon(
				&chain.rpc,
				a.series,
				a.holder.clone(),
				a.units,
				None,
			)
			.await
			.map_err(rpc_error("cannot verify the coupon"))?;
			let expired = best > u64::from(a.valid_until);
			let verdict = match (signed, expired, v.redeemable) {
				(false, _, _) => {
					"NOT VALID: the signature is not the holder's (or not for this chain)"
						.to_string()
				},
				(true, true, _) => {
					format!("EXPIRED: valid until block #{}, now #{best}", a.valid_until)
				},
				(true, false, false) => format!(
					"NOT REDEEMABLE: {}",
					v.problem.clone().unwrap_or_else(|| "the chain gave no reason".into())
				),
				(true, false, true) => {
					"VALID: redeem it with `genex merchant redeem --code …`".to_string()
				},
			};
			let text = format!(
				"{verdict}\nholder {} redeems {} unit(s) of series {} at {}\nvalid until block #{} \
				 (now #{best}); nonce {}",
				show_account(&a.holder),
				a.units,
				a.series,
				show_account(&a.merchant),
				a.valid_until,
				a.nonce
			);
			read_report(
				text,
				json!({
					"signed_by_holder": signed,
					"expired": expired,
					"redeemable": v.redeemable && signed && !expired,
					"problem": v.problem,
					"holder": show_account(&a.holder),
					"series": a.series,
					"units": a.units,
					"merchant": show_account(&a.merchant),
					"valid_until": a.valid_until,
					"nonce": a.nonce,
				}),
			)
		},
		Command::Redeem { code } => {
			let (a, signature) = crate::redemption::read(&code)?;
			let chain = ctx.chain().await?;
			let submitted_hash = CouponsRpcClient::<H256>::submit_redemption(
				&chain.rpc,
				a.clone(),
				codec::Encode::encode(&signature).into(),
			)
			.await;
			let hash = match submitted_hash {
				Ok(hash) => hash,
				Err(jsonrpsee::core::ClientError::Call(call)) => {
					// The runtime's reason, `Pallet(Error)`, named with its documentation.
					let at = chain.node.client.at_current_block().await;
					let reason = match at {
						Ok(at) => crate::errors::named_error(call.message(), &at.metadata()),
						Err(_) => call.message().to_string(),
					};
					fail!("the node refused the redemption: {reason}");
				},
				Err(e) => return Err(rpc_error("the node refused the redemption")(e)),
			};
			let outcome = chain.follow(hash, ctx.wait()).await?;
			let receipt = outcome.event("Redemption.Redeemed").cloned().unwrap_or(Json::Null);
			let face = genex_reports::decode::uint0(&receipt, "face_value");
			Ok(submitted(
				format!(
					"RECEIPT {}: {} unit(s) of series {} redeemed by {} at {}, face value {}",
					receipt
						.get("receipt")
						.and_then(Json::as_u64)
						.map_or("?".into(), |r| r.to_string()),
					a.units,
					a.series,
					show_account(&a.holder),
					show_account(&a.merchant),
					format_amount(face, Currency::Gusd)
				),
				&outcome,
				json!({ "receipt": receipt }),
			))
		},
	}
}
