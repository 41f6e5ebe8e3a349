//! `pallet_oracle`: reference prices of coupon series from feeders' off-chain workers, submitted
//! as authorized (fee-less) general transactions.

use crate::*;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	frame_system::offchain,
	sp_runtime::transaction_validity::TransactionPriority,
};

parameter_types! {
	/// Prices go before ordinary transactions (a fresh reference price keeps the market's bands
	/// right). Why this high priority cannot starve signed traffic: only governance-registered
	/// feeders (`MaxFeeders` = 16) can produce a valid submission — the pool runs the pallet's
	/// authorize check (feeder key, signature over the genesis hash) before admitting one — and
	/// each provides the tag `(series, feeder, period)`, so at most one per feeder, series and
	/// period is ever in the pool or a block. Their number per period is bounded by feeders ×
	/// series priced (each worker prices `batch_size` series per run), a few hundred
	/// transactions of ≈ 0.27 ms each (`docs/oracle.md`), far below a block. Redemptions, the
	/// other fee-less authorized path, sit at priority 0.
	pub const OracleSubmissionPriority: TransactionPriority = TransactionPriority::MAX / 4;
}

impl pallet_oracle::Config for Runtime {
	type AuthorityId = pallet_oracle::FeederId;
	type FeederSignature = pallet_oracle::crypto::Signature;
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Coupons = Coupons;
	type Credit = Issuers;
	type Trades = Market;
	type UnixTime = Timestamp;
	// One per validator operator, with room for the partner banks.
	type MaxFeeders = ConstU32<16>;
	type MaxBatch = ConstU32<64>;
	// Financial coupons may trade above face value, not beyond twice it.
	type MaxPriceToFace = ConstU32<2>;
	type SubmissionPriority = OracleSubmissionPriority;
	type WeightInfo = pallet_oracle::weights::SubstrateWeight<Runtime>;
}

/// How the off-chain worker wraps its calls: a general transaction whose only active extension
/// is `AuthorizeCall` (no signer, so no nonce and no fee); the rest are the chain's checks.
impl<C> offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> offchain::CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

impl<C> offchain::CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> TxExtension {
		crate::tx_extension(0)
	}
}
