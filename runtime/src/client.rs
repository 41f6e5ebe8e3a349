//! Signed extrinsics built the way a wallet builds them, for native clients of this runtime
//! (the load generator `genex-load`, the node's tests): the transaction extensions are listed
//! here once, next to [`TxExtension`], instead of in every client.

use crate::{Hash, Nonce, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION};
use codec::Encode;
use polkadot_sdk::{
	frame_system, pallet_transaction_payment,
	sp_core::{sr25519, Pair},
	sp_runtime::{
		generic::Era, traits::IdentifyAccount, MultiAddress, MultiSignature, MultiSigner,
	},
};

/// `call` signed by `signer` with `nonce`, for the chain whose genesis hash is `genesis` and
/// this runtime's spec and transaction versions: immortal, no tip.
pub fn signed_extrinsic(
	signer: &sr25519::Pair,
	call: RuntimeCall,
	nonce: Nonce,
	genesis: Hash,
) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		pallet_sanctions::CheckNotBlocked::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_feeless::FeelessWithinQuota::from(
			pallet_transaction_payment::ChargeTransactionPayment::from(0),
		),
		frame_system::WeightReclaim::new(),
	);
	// What the extensions add to the signed payload without carrying it: the versions, the
	// genesis hash, and the era's block hash (the genesis hash for an immortal era).
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
