//! `pallet_sanctions`: the blocked-address list; `CheckNotBlocked` in the transaction
//! extensions keeps blocked signers out of the pool.

use crate::*;
use polkadot_sdk::frame_support::traits::ConstU32;

impl pallet_sanctions::Config for Runtime {
	type ComplianceOrigin = crate::configs::ComplianceOrigin;
	// A blocked account's resting orders leave the book.
	type OnBlocked = Market;
	type MaxBatch = ConstU32<256>;
	type WeightInfo = pallet_sanctions::weights::SubstrateWeight<Runtime>;
}
