//! Redemption codes: what a holder shows at the till (a QR code) and a merchant scans.
//!
//! The code is the hex of the SCALE encoding of `(RedemptionAuthorization, MultiSignature)`:
//! the holder's authorization (holder, series, units, merchant, nonce, last valid block) and
//! its sr25519 signature over the 140 bytes the chain verifies,
//! `(REDEMPTION_CONTEXT, genesis hash, authorization)` — the same bytes
//! `CouponsApi::redemption_signing_payload` returns. The merchant submits it with
//! `genex_submitRedemption`: the chain checks the signature and the holder pays no fee.

use codec::{Decode, Encode};
use genex_primitives::{coupons::REDEMPTION_CONTEXT, BlockNumber, RedemptionAuthorization};
use genex_reports::{Error, Result};
use polkadot_sdk::{
	sp_core::{crypto::AccountId32, sr25519, Pair as _, H256},
	sp_runtime::MultiSignature,
};

/// A holder's authorization.
pub type Authorization = RedemptionAuthorization<AccountId32, BlockNumber>;

/// The bytes the holder signs for `authorization` on the chain whose genesis is `genesis`.
pub fn payload(genesis: H256, authorization: &Authorization) -> Vec<u8> {
	(REDEMPTION_CONTEXT, genesis, authorization).encode()
}

/// `authorization` signed by `holder`, as a redemption code.
pub fn sign(holder: &sr25519::Pair, genesis: H256, authorization: &Authorization) -> String {
	let signature = MultiSignature::Sr25519(holder.sign(&payload(genesis, authorization)));
	format!("0x{}", hex::encode((authorization, signature).encode()))
}

/// A scanned redemption code (hex, or `@FILE` naming a file that holds it): the authorization
/// and its signature.
pub fn read(code: &str) -> Result<(Authorization, MultiSignature)> {
	let bad = |why: String| Error(format!("not a redemption code ({why})"));
	let from_file;
	let code = match code.strip_prefix('@') {
		Some(path) => {
			from_file = std::fs::read_to_string(path)
				.map_err(|e| Error::new(format!("cannot read {path}"), e))?;
			from_file.as_str()
		},
		None => code,
	};
	let bytes =
		hex::decode(code.trim().trim_start_matches("0x")).map_err(|e| bad(e.to_string()))?;
	let mut input = bytes.as_slice();
	let decoded =
		<(Authorization, MultiSignature)>::decode(&mut input).map_err(|e| bad(e.to_string()))?;
	if !input.is_empty() {
		return Err(bad(format!("{} bytes too many", input.len())));
	}
	Ok(decoded)
}

/// The code as a QR code for a terminal (two rows of modules per line).
pub fn qr(code: &str) -> Result<String> {
	let qr = qrcode::QrCode::new(code.as_bytes())
		.map_err(|e| Error(format!("cannot draw the QR code: {e}")))?;
	Ok(qr
		.render::<qrcode::render::unicode::Dense1x2>()
		.dark_color(qrcode::render::unicode::Dense1x2::Light)
		.light_color(qrcode::render::unicode::Dense1x2::Dark)
		.quiet_zone(true)
		.build())
}

#[cfg(test)]
mod tests {
	use super::*;
	use genex_primitives::REDEMPTION_PAYLOAD_LEN;
	use polkadot_sdk::sp_runtime::traits::Verify;

	fn authorization() -> Authorization {
		let who = |uri: &str| {
			AccountId32::from(sr25519::Pair::from_string(uri, None).expect("dev").public())
		};
		RedemptionAuthorization {
			holder: who("//Dave"),
			series: 0,
			units: 2,
			merchant: who("//Ferdie"),
			nonce: 7,
			valid_until: 450,
		}
	}

	#[test]
	fn the_payload_is_the_140_bytes_the_chain_verifies() {
		assert_eq!(payload(H256::repeat_byte(1), &authorization()).len(), REDEMPTION_PAYLOAD_LEN);
	}

	#[test]
	fn a_code_reads_back_with_a_signature_over_the_payload() {
		let dave = sr25519::Pair::from_string("//Dave", None).expect("dev");
		let genesis = H256::repeat_byte(7);
		let code = sign(&dave, genesis, &authorization());
		let (read_back, signature) = read(&code).expect("reads");
		assert_eq!(read_back, authorization());
		assert!(signature.verify(&payload(genesis, &read_back)[..], &read_back.holder));
		assert!(read(&code[..code.len() - 2]).is_err());
		assert!(read(&format!("{code}00")).is_err());
		assert!(read("hello").is_err());
		assert!(qr(&code).expect("draws").lines().count() > 10);
	}
}
