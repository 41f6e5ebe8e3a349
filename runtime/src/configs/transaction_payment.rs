//! `pallet_transaction_payment`: fees in the native token, paid to the treasury.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::tokens::imbalance::ResolveTo,
		weights::{ConstantMultiplier, IdentityFee},
	},
	pallet_transaction_payment::{self, FungibleAdapter, Multiplier, TargetedFeeAdjustment},
	sp_runtime::{traits::Bounded, FixedPointNumber, Perquintill},
};

parameter_types! {
	/// One byte of a transaction costs a micro-unit.
	pub const TransactionByteFee: Balance = MICRO_UNIT;
	pub const OperationalFeeMultiplier: u8 = 5;
	/// Blocks are kept a quarter full on average; fees rise above, fall below.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100_000);
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// Fees and tips go to the treasury's account.
pub type FeesToTreasury = ResolveTo<crate::configs::TreasuryAccount, Balances>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, FeesToTreasury>;
	type OperationalFeeMultiplier = OperationalFeeMultiplier;
	// One unit of weight (a picosecond of execution) costs one smallest native unit.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Runtime,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
