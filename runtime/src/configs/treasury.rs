//! `pallet_treasury`: collects transaction fees; governance spends from it.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{
			tokens::{pay::PayFromAccount, UnityAssetBalanceConversion},
			ConstU32,
		},
		PalletId,
	},
	frame_system::EnsureRootWithSuccess,
	pallet_treasury,
	sp_runtime::{traits::IdentityLookup, Permill},
};

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury's account: where fees go.
	pub TreasuryAccount: AccountId = Treasury::account_id();
	pub const SpendPeriod: BlockNumber = DAYS;
	/// Nothing is burned: fees fund the platform.
	pub const Burn: Permill = Permill::zero();
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxBalance: Balance = Balance::MAX;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = crate::configs::GovernanceOrigin;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	// Spends need Root (a council motion dispatched as Root through governance, or sudo on dev).
	type SpendOrigin = EnsureRootWithSuccess<AccountId, MaxBalance>;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}
