//! `pallet_multisig`: k-of-n accounts (bank treasuries, issuer approvals).

use crate::*;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	pallet_multisig,
};

parameter_types! {
	// One storage item: 32-byte key + 88 bytes of value.
	pub const DepositBase: Balance = UNIT + 120 * 10 * MILLI_UNIT;
	// Each signatory adds 32 bytes.
	pub const DepositFactor: Balance = 32 * 10 * MILLI_UNIT;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = ConstU32<32>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}
