//! `pallet_market`: primary sale, fixed-price listings and the per-series order book.

use crate::*;
use genex_primitives::STABLECOIN_UNIT;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	sp_runtime::Permill,
};

parameter_types! {
	/// Prices are multiples of 0.01 GUSD (also the stablecoin's minimum balance).
	pub const MarketTickSize: Balance = STABLECOIN_UNIT / 100;
	/// Governance cannot set a trading fee above 2 %.
	pub const MaxMarketFee: Permill = Permill::from_percent(2);
	/// A market maker's bond: 10 000 GUSD.
	pub const MarketMakerBond: Balance = 10_000 * STABLECOIN_UNIT;
}

impl pallet_market::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Coupons = Coupons;
	type Credit = Issuers;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type Settlement = Stablecoin;
	// Bands centre on the oracle's fresh reference price, else on the last trade.
	type Oracle = Oracle;
	type UnixTime = Timestamp;
	type Treasury = crate::configs::TreasuryAccount;
	type TickSize = MarketTickSize;
	type MaxFills = ConstU32<32>;
	type MaxBatch = ConstU32<64>;
	type MaxPriceLevels = ConstU32<256>;
	type MaxOpenOrders = ConstU32<512>;
	// One account occupies at most a quarter of a side's 256 price levels (a market maker's
	// full batch fits on one side).
	type MaxOrdersPerSide = ConstU32<64>;
	type MaxExpiringPerMinute = ConstU32<1024>;
	type MaxRecentTrades = ConstU32<32>;
	type MaxFee = MaxMarketFee;
	type MarketMakerBond = MarketMakerBond;
	type WeightInfo = pallet_market::weights::SubstrateWeight<Runtime>;
}
