//! Signed extrinsics built the way a wallet builds them, for native clients of this runtime
//! (the load generator `genex-load`, the node's tests): the transaction extensions are listed
//! here once ([`crate::tx_extension`]), instead of in every client.

use crate::{Hash, Nonce, RuntimeCall, SignedPayload, UncheckedExtrinsic, VERSION};
use codec::Encode;
use polkadot_sdk::{
	sp_core::{sr25519, Pair},
	sp_runtime::{traits::IdentifyAccount, MultiAddress, MultiSignature, MultiSigner},
};

/// `call` signed by `signer` with `nonce`, for the chain whose genesis hash is `genesis` and
/// this runtime's spec and transaction versions: immortal, no tip.
pub fn signed_extrinsic(
	signer: &sr25519::Pair,
	call: RuntimeCall,
	nonce: Nonce,
	genesis: Hash,
) -> UncheckedExtrinsic {
	let extension = crate::tx_extension(nonce);
	// What the extensions add to the signed payload without carrying it: the versions, the
	// genesis hash, the era's block hash (the genesis hash for an immortal era), and no metadata
	// hash (`CheckMetadataHash` in mode 0).
	let implicit = (
		(),
		(),
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis,
		genesis,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let account = MultiSigner::from(signer.public()).into_account();
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(account),
		MultiSignature::Sr25519(signature),
		extension,
	)
}
