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
	/// Market makers' obligations are reviewed per hour.
	pub const ObligationEpoch: BlockNumber = genex_primitives::time::HOURS;
	/// A maker must meet its obligations in 90 % of an hour's samples.
	pub const MinObligationUptime: Permill = Permill::from_percent(90);
}

impl pallet_market::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type Coupons = Coupons;
	type Credit = Issuers;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type Movement = crate::configs::ValueGate;
	type Settlement = Stablecoin;
	// Bands centre on the oracle's fresh reference price, else on the last trade.
	type Oracle = Oracle;
	type UnixTime = Timestamp;
	type Treasury = crate::configs::TreasuryAccount;
	type TickSize = MarketTickSize;
	// Each order pays for reaching one resting order in its auction: depth comes from quote
	// sheets (one item per maker, settled once per auction), and an auction reaches up to 256
	// resting orders more on half the block's spare weight. In a block with no spare weight
	// left, the part of a limit order that would cross resting orders it could not reach is
	// released (`WouldCross`), never left resting crossed.
	type MaxFills = ConstU32<1>;
	type MaxSpareReach = ConstU32<256>;
	type MaxOrdersPerLevel = ConstU32<32>;
	type MaxPriceLevels = ConstU32<256>;
	type MaxOpenOrders = ConstU32<512>;
	// One account occupies at most a quarter of a side's 256 price levels.
	type MaxOrdersPerSide = ConstU32<64>;
	// 2 048 orders per series and 16 series per block: the block's weight limit binds first.
	type MaxPendingPerSeries = ConstU32<2048>;
	type MaxAuctionsPerBlock = ConstU32<16>;
	// A quote sheet: 32 levels a side; 16 market makers per series; 64 series per maker.
	type MaxQuoteLevels = ConstU32<32>;
	type MaxMakersPerSeries = ConstU32<16>;
	type MaxSheetsPerMaker = ConstU32<64>;
	type MaxExpiringPerMinute = ConstU32<1024>;
	type MaxRecentTrades = ConstU32<32>;
	type MaxFee = MaxMarketFee;
	type MarketMakerBond = MarketMakerBond;
	type ObligationEpoch = ObligationEpoch;
	// Four series' makers sampled per block, drawn by the parent hash (at most 64 sheets read,
	// charged in `on_initialize`): 7,200 samples an hour shared by the series with makers.
	type ObligationSeriesPerBlock = ConstU32<4>;
	type MinObligationUptime = MinObligationUptime;
	type WeightInfo = pallet_market::weights::SubstrateWeight<Runtime>;
}
