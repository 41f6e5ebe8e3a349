//! # Market pallet
//!
//! Where coupons change hands for the settlement stablecoin.
//!
//! ## Primary sale and fixed-price listings
//!
//! An issuer lists units of its series at the issue price ([`Pallet::list_primary`]); anyone
//! lists units at a fixed price of its own (一口价, [`Pallet::list`]). Buyers take a listing
//! atomically ([`Pallet::buy_listing`]): units to the buyer, stablecoin to the seller, and for a
//! primary sale the issuer's opted-in escrow share to the escrow account (the issuers pallet
//! releases it on redemption or expiry). Listed units are locked in the coupon ledger.
//!
//! ## The order book: a batch auction per series per block
//!
//! One book per series, priced per unit in the stablecoin, on a tick (`TickSize`). Orders,
//! cancels and quotes are extrinsics, so every order is in the block bodies (and the archive
//! nodes) whether or not it trades.
//!
//! - limit orders, good-till-cancelled or good-till-time; immediate-or-cancel; post-only —
//!   [`Pallet::place_order`]; market orders with a worst price — [`Pallet::place_market_order`];
//! - an order is checked and its custody taken at once (a sell locks its units, a buy freezes
//!   its price and fee), then it waits in the block's pending list ([`Pending`]);
//! - after the block's transactions ([`Pallet::run_auctions`], the runtime's
//!   `PostTransactions`) each series with new orders clears **once, at one uniform price**
//!   ([`clearing`]: maximum executable volume; ties to the smallest imbalance, then nearest the
//!   reference price, then lower). Resting orders keep price-time priority across blocks; the
//!   orders of one block at one price share pro rata. Nothing in a block's order of
//!   transactions changes anyone's price or fill;
//! - settlement is netted per account per auction: units through
//!   [`genex_primitives::CouponLedger::settle`], stablecoin through
//!   [`genex_primitives::Settlement::settle_frozen`], KYC usage once per account;
//! - what is left of a limit order rests on the book, packed per price level ([`Book`]); the
//!   rest of an immediate-or-cancel or market order is released; post-only orders sit out
//!   their block's auction and rest after it (released with `WouldCross` when the book then
//!   crosses them);
//! - market makers post **quote sheets** ([`Pallet::set_quotes`]): one item per (maker,
//!   series) of up to `MaxQuoteLevels` levels a side, replaced whole, in force from the next
//!   block's auction (a block's author cannot pull its quotes from the takers it includes);
//! - the work is bounded and paid up front: at most `MaxPendingPerSeries` orders per series and
//!   `MaxAuctionsPerBlock` series per block (then `AuctionFull`), each order's weight includes
//!   its share of the clearing and `MaxFills` resting orders it may reach; an auction reaches
//!   up to `MaxSpareReach` more on half the block's spare weight, counted as the block's
//!   mandatory weight; a staged quote sheet's share is charged in the next block's
//!   `on_initialize`, where it trades.
//!
//! **Custody: nothing leaves the owner's account.** A sell locks its units inside the seller's
//! own holding (the coupon ledger); a bid freezes its price and fee in the buyer's own
//! stablecoin account ([`genex_primitives::FreezeReason::MarketOrders`]); a market maker's
//! bond is frozen the same way ([`genex_primitives::FreezeReason::MarketMakerBond`]). There
//! is no market account and no escrow. A lock or freeze changes only by the owner's cancel, a
//! fill (paid straight from the buyer's account), expiry, a compliance release, or — a bond —
//! a governance slash to the treasury. `try_state` checks that every lock and freeze equals
//! what the owner's open orders and quotes need.
//!
//! ## Compliance in the auction
//!
//! Placement screens the order's owner (sanctions, KYC L1, the coupon tradable, its issuer not
//! frozen, funds or units, its daily limit for the order's value at its limit price). The
//! auction screens every account taking part once more: a blocked or no-longer-L1 account's
//! orders leave the book (`OrderCancelled { reason }`) and its quote sheets are removed;
//! buyers are held to their holding caps and everyone to its KYC daily trade limit at the
//! auction's price (`FillLimited`). A check that fails skips that account's orders, never the
//! auction.
//!
//! ## Abuse guards
//!
//! - Self-trade prevention: orders of one party never trade with each other; of two crossing
//!   orders of one party the newer is removed (both when of one block).
//! - Issuer wash trades: the series' issuer and the accounts registered as its affiliates are
//!   one party (book), and their purchases from each other are refused (listings).
//! - Price bands: limit prices and the auction's price lie within `band` of the reference
//!   price (the oracle's, else the last auction's).
//! - Circuit breaker: an auction price more than `breaker` away from the price at the start of
//!   the current window halts the series for `halt_blocks` blocks; its pending orders are
//!   released (cancels still work).
//!
//! ## Market makers
//!
//! L3 accounts that post a bond ([`Pallet::join_market_makers`]) pay the maker rate on every
//! fill, quote through sheets ([`Pallet::set_quotes`]) and have obligations (minimum depth on
//! both sides, maximum spread) that anyone can check and report on chain
//! ([`Pallet::check_obligations`]).
//!
#![cfg_attr(not(feature = "std"), no_std)]
// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, checked in the non-test build.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::expect_used,
		clippy::unwrap_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub mod auction;
mod blocked;
mod book;
pub mod clearing;
mod expiry;
mod guards;
mod invariants;
mod listings;
mod makers;
pub mod migrations;
mod obligations;
mod placement;
mod purge;
mod queries;
mod settle;
mod sheets;
pub mod weights;

pub use queries::OrderStatus;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(test, feature = "test-utils"))]
pub mod mock;
#[cfg(test)]
mod obligation_tests;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use genex_primitives::{Balance, Moment, SeriesId};
use polkadot_sdk::{
	frame_support::{
		BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
	},
	sp_core::H256,
	sp_runtime::Permill,
};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::market";

pub use genex_primitives::market::{
	DepthLevel, MarketDepth, ObligationReport, OpenOrder, OrderId, Quote, Side, Trade,
};
/// Identifier of a primary or fixed-price listing.
pub type ListingId = u64;

/// Length of an order-expiry bucket: one minute, in milliseconds.
pub const EXPIRY_BUCKET_MS: Moment = 60_000;

/// Shortest life of a good-till-time order, in ms: the AML spoofing rule's fleeting window
/// ([`genex_primitives::FLEETING_BLOCKS`] blocks), so an order that rests and goes again within
/// it is its owner's withdrawal, never an expiry.
pub const MIN_ORDER_LIFETIME_MS: Moment =
	genex_primitives::FLEETING_BLOCKS as Moment * genex_primitives::time::MILLI_SECS_PER_BLOCK;

/// Most series whose market state the idle-time sweep reads in one block.
pub const MAX_SWEEP_PER_BLOCK: u32 = 64;

/// How long an order stays on the book.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum TimeInForce {
	/// Rests until filled or cancelled.
	GoodTillCancelled,
	/// Rests until filled, cancelled, or this moment (ms since the Unix epoch; in the future).
	GoodTillTime(Moment),
	/// Matches what it can now; the rest is dropped.
	ImmediateOrCancel,
}

/// An order as a trader asks for it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct OrderRequest {
	/// Buy or sell.
	pub side: Side,
	/// Limit price per unit (> 0, a multiple of `TickSize`).
	pub price: Balance,
	/// Units (> 0).
	pub units: u64,
	/// How long it may rest.
	pub time_in_force: TimeInForce,
	/// Refuse the order when it would trade on arrival (makers only).
	pub post_only: bool,
}

/// Where an order is: enough to find it on its price level without a per-order item.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct OrderKey {
	/// The series.
	pub series: SeriesId,
	/// Buy or sell.
	pub side: Side,
	/// Its limit price (the level it rests on).
	pub price: Balance,
	/// Its id (`OrderPlaced` names it).
	pub id: OrderId,
}

/// An order resting on a price level.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Resting<AccountId> {
	/// Its id.
	pub id: OrderId,
	/// Who placed it.
	pub owner: AccountId,
	/// Units still open.
	pub units: u64,
	/// When it expires (good-till-time), ms since the Unix epoch.
	pub expires_at: Option<Moment>,
	/// Fee rate charged when it fills (the maker rate, or the market-maker rate, in force when
	/// it came to rest); the freeze of a buy order includes this fee.
	pub fee_rate: Permill,
	/// The block it came to rest (time priority: older first).
	pub since: u32,
}

/// One price level of one side of a book: its orders, oldest first.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Level<T: Config> {
	/// Units open at this price.
	pub units: u64,
	/// The orders, oldest first.
	pub orders: BoundedVec<Resting<T::AccountId>, T::MaxOrdersPerLevel>,
}

/// An order waiting for its block's auction.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PendingOrder<AccountId> {
	/// Its id.
	pub id: OrderId,
	/// Who placed it.
	pub owner: AccountId,
	/// Buy or sell.
	pub side: Side,
	/// Limit price (a market order: its worst price).
	pub price: Balance,
	/// Units.
	pub units: u64,
	/// Fee rate if it trades in this auction (taker; market makers: maker).
	pub fee_rate: Permill,
	/// Fee rate if it rests (maker).
	pub rest_rate: Permill,
	/// Stablecoin frozen for it (buys): `escrow_of(price, units, max(fee_rate, rest_rate))`.
	pub frozen: Balance,
	/// How long what is left may rest.
	pub time_in_force: TimeInForce,
	/// Sits out the auction and rests after it.
	pub post_only: bool,
	/// A market order (its price need not be on the tick; it never rests).
	pub market: bool,
}

/// One level of a quote sheet.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct QuoteLevel {
	/// Price per unit (> 0, on the tick).
	pub price: Balance,
	/// Units (> 0).
	pub units: u64,
}

/// A market maker's quotes on one series: bids best first (descending), asks best first
/// (ascending).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Ladder<T: Config> {
	/// Bids, highest first.
	pub bids: BoundedVec<QuoteLevel, T::MaxQuoteLevels>,
	/// Asks, lowest first.
	pub asks: BoundedVec<QuoteLevel, T::MaxQuoteLevels>,
}

/// A market maker's quote sheet on one series.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Sheet<T: Config> {
	/// The quotes in force (custody taken: asks' units locked, bids' price and fee frozen).
	pub active: Ladder<T>,
	/// The block `active` came into force (time priority of its quotes).
	pub since: u32,
	/// Quotes set since, in force from the series' next auction in a later block (no custody
	/// yet).
	pub staged: Option<Ladder<T>>,
	/// The block `staged` was set.
	pub staged_at: u32,
	/// The fee rate its fills pay (the maker rate when it came into force).
	pub fee_rate: Permill,
}

/// Why an order left the book without filling.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum CancelReason {
	/// Its owner cancelled it.
	ByOwner,
	/// Its good-till-time moment passed.
	Expired,
	/// Its owner's own incoming order met it (self-trade prevention).
	SelfTrade,
	/// Its owner is on the blocked-address list.
	Sanctioned,
	/// Its owner's KYC level no longer allows trading.
	KycLevel,
	/// The fill would take its owner above its daily KYC limit.
	KycLimit,
	/// The buyer would hold more units than its KYC level allows.
	HoldingLimit,
	/// The coupon can no longer be traded (expired, delisted) or its units are gone.
	NotTradable,
	/// Its owner stopped being a market maker.
	MarketMakerRemoved,
	/// Governance cancelled it (`forceCancelOrder`).
	ByGovernance,
	/// Its side had `MaxPriceLevels` prices and a better-priced order needed a level: the
	/// worst level (furthest from the market) left the book.
	Evicted,
	/// Its series was halted (circuit breaker) by the auction it waited for.
	Halted,
	/// A post-only order would have traded: the book crossed it after its block's auction.
	WouldCross,
	/// What was left of it could not rest: its level was full, or its side had no room for
	/// its price, or its owner reached its cap of open orders.
	NoRoom,
	/// An immediate-or-cancel or market order: what did not trade in its block's auction.
	Unfilled,
	/// A quote sheet its market maker could not cover (units to lock, stablecoin to freeze)
	/// when it was to come into force.
	Unfunded,
	/// A seller without a GUSD account (no balance) to be paid into.
	CannotReceive,
	/// AML monitoring restricts its owner (a high-severity hit under a rule governance set to
	/// restrict).
	Restricted,
}

/// A market maker's breach for which governance slashes its bond (`slashMarketMaker`), with
/// the evidence's hash where the breach needs one.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Breach {
	/// Quoting obligations (depth, spread) not met over the period the evidence covers.
	MissedObligations(H256),
	/// Orders placed to be cancelled before they could trade (spoofing, layering).
	Spoofing(H256),
	/// Trades with itself or its affiliates to paint volume or price.
	WashTrading(H256),
	/// Another breach of the market-maker agreement, described in the evidence.
	Other(H256),
}

/// Per-series market state: last price, circuit-breaker window, halt.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SeriesMarket<BlockNumber> {
	/// Price of the last trade.
	pub last_price: Option<Balance>,
	/// Price the current circuit-breaker window measures moves from.
	pub anchor_price: Option<Balance>,
	/// Block the current window started.
	pub anchor_block: BlockNumber,
	/// Trading is halted before this block.
	pub halted_until: Option<BlockNumber>,
}

/// Risk parameters governance sets.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RiskParams {
	/// Limit prices and fills must lie within this share of the reference price.
	pub band: Permill,
	/// A fill this far from the window's anchor price halts the series (≥ `band`).
	pub breaker: Permill,
	/// Length of a circuit-breaker window, in blocks (> 0).
	pub window_blocks: u32,
	/// How long a halt lasts, in blocks (> 0).
	pub halt_blocks: u32,
}

impl Default for RiskParams {
	fn default() -> Self {
		Self {
			band: Permill::from_percent(10),
			breaker: Permill::from_percent(20),
			window_blocks: 1_800,
			halt_blocks: 150,
		}
	}
}

/// Trading fees, on the notional value of each fill, paid to the treasury by both sides.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct FeeRates {
	/// Paid by the resting side, and by market makers on every fill.
	pub maker: Permill,
	/// Paid by the incoming side.
	pub taker: Permill,
}

/// What market makers owe the market, per series they quote.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Obligations {
	/// Units the maker keeps open on each side.
	pub min_depth: u64,
	/// Largest gap between its best ask and best bid, as a share of its best bid.
	pub max_spread: Permill,
}

/// A market maker's sampled standing against its obligations on one series in one epoch.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ObligationTally {
	/// The epoch: block number / `ObligationEpoch`.
	pub epoch: u32,
	/// Times its sheet in force was sampled.
	pub samples: u32,
	/// Samples in which depth and spread met the obligations.
	pub met: u32,
}

/// Units offered at a fixed price (primary: by the issuer at the issue price).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Listing<AccountId> {
	/// The seller (the issuer for a primary listing).
	pub seller: AccountId,
	/// The series.
	pub series: SeriesId,
	/// Price per unit.
	pub price: Balance,
	/// Units still offered (locked in the coupon ledger).
	pub units: u64,
	/// A primary sale: the proceeds are the issuer's raise and feed its escrow.
	pub primary: bool,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genex_primitives::{
		CouponLedger, CreditLimit, KycProvider, PriceOracle, SanctionsScreen, Settlement,
		ValueMovement,
	};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::UnixTime},
		frame_system::pallet_prelude::*,
	};

	/// Version 1: the index of the series with market makers ([`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Sets fees, risk parameters and obligations; halts and resumes series; removes
		/// market makers.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Coupon series, holdings, locks and deliveries.
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Issuers' standing and escrow.
		type Credit: CreditLimit<Self::AccountId, Balance>;
		/// KYC levels and daily limits.
		type Kyc: KycProvider<Self::AccountId, Balance>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// The gate every trade passes (a fixed-price sale, a primary purchase, each account's
		/// net trade in an auction): sanctions, KYC levels and limits, AML monitoring
		/// (`genex_primitives::ComplianceGate` in the runtime). `Kyc` and `Sanctions` above
		/// screen order entry only.
		type Movement: ValueMovement<Self::AccountId, Balance>;
		/// Moves the stablecoin.
		type Settlement: Settlement<Self::AccountId, Balance>;
		/// Reference prices for the bands.
		type Oracle: PriceOracle;
		/// Wall clock.
		type UnixTime: UnixTime;
		/// Where fees go.
		type Treasury: Get<Self::AccountId>;
		/// Prices are multiples of this (> 0).
		#[pallet::constant]
		type TickSize: Get<Balance>;
		/// Resting orders each pending order pays to reach in its auction (and the series' own
		/// share as many more): the auction loads this many per pending order, and more only
		/// while the block has spare weight (`MaxSpareReach`).
		#[pallet::constant]
		type MaxFills: Get<u32>;
		/// Most resting orders one auction may reach beyond what its orders paid for, on the
		/// block's spare weight: half of what is left of the block's maximum after its
		/// transactions and hooks (the other half stays for `on_idle`), shared by the block's
		/// auctions in series order. Their weight is registered as the block's mandatory
		/// weight.
		#[pallet::constant]
		type MaxSpareReach: Get<u32>;
		/// Most orders resting at one price on one side.
		#[pallet::constant]
		type MaxOrdersPerLevel: Get<u32>;
		/// Most price levels per side of a book.
		#[pallet::constant]
		type MaxPriceLevels: Get<u32>;
		/// Most open orders and listings per account.
		#[pallet::constant]
		type MaxOpenOrders: Get<u32>;
		/// Most resting orders one account may have on one side of one series (so one
		/// account cannot occupy a side's price levels).
		#[pallet::constant]
		type MaxOrdersPerSide: Get<u32>;
		/// Most good-till-time orders expiring in the same minute.
		#[pallet::constant]
		type MaxExpiringPerMinute: Get<u32>;
		/// Most orders waiting for one series' auction in one block.
		#[pallet::constant]
		type MaxPendingPerSeries: Get<u32>;
		/// Most series auctioned in one block.
		#[pallet::constant]
		type MaxAuctionsPerBlock: Get<u32>;
		/// Most levels on each side of a quote sheet.
		#[pallet::constant]
		type MaxQuoteLevels: Get<u32>;
		/// Most market makers quoting one series.
		#[pallet::constant]
		type MaxMakersPerSeries: Get<u32>;
		/// Most series one market maker quotes.
		#[pallet::constant]
		type MaxSheetsPerMaker: Get<u32>;
		/// Trades kept per series for the last-trades API.
		#[pallet::constant]
		type MaxRecentTrades: Get<u32>;
		/// Highest maker or taker fee governance may set.
		#[pallet::constant]
		type MaxFee: Get<Permill>;
		/// Bond a market maker posts, in the stablecoin.
		#[pallet::constant]
		type MarketMakerBond: Get<Balance>;
		/// Blocks in one obligations epoch. Market makers' sheets are sampled against the
		/// obligations during the epoch; when a later epoch's sampling reaches the series, each
		/// maker's epoch is closed with `ObligationsReviewed`.
		#[pallet::constant]
		type ObligationEpoch: Get<BlockNumberFor<Self>>;
		/// Series whose makers are sampled per block (in `on_initialize`, charged there), drawn
		/// uniformly from the series with makers by the parent block's hash.
		#[pallet::constant]
		type ObligationSeriesPerBlock: Get<u32>;
		/// Share of an epoch's samples in which a maker must meet its obligations to be
		/// reviewed as compliant.
		#[pallet::constant]
		type MinObligationUptime: Get<Permill>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// The book: (series, side, price) → the orders resting there, oldest first.
	#[pallet::storage]
	pub type Book<T: Config> =
		StorageMap<_, Blake2_128Concat, (SeriesId, Side, Balance), Level<T>, OptionQuery>;

	/// The prices with a level, per series and side, best first. Read and written once per
	/// series and side per auction (and by cancels that empty a level).
	#[pallet::storage]
	pub type Prices<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		(SeriesId, Side),
		BoundedVec<Balance, T::MaxPriceLevels>,
		ValueQuery,
	>;

	/// Orders waiting for this block's auction of their series. Appended by placements,
	/// taken by the auction at the end of the same block: it never reaches the state trie.
	#[pallet::storage]
	pub type Pending<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		BoundedVec<PendingOrder<T::AccountId>, T::MaxPendingPerSeries>,
		ValueQuery,
	>;

	/// The series to auction at the end of this block, in the order they were first touched
	/// (the order does not matter: series clear independently). Taken by the auction.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type AuctionQueue<T: Config> =
		StorageValue<_, BoundedVec<SeriesId, T::MaxAuctionsPerBlock>, ValueQuery>;

	/// Series auctioned in this block because a quote sheet staged in the previous one comes
	/// into force (apart from [`AuctionQueue`]: they never take a placement's room). Taken by
	/// the auction.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Scheduled<T: Config> =
		StorageValue<_, BoundedVec<SeriesId, T::MaxAuctionsPerBlock>, ValueQuery>;

	/// Series to auction in the next block (a quote sheet staged in this block comes into
	/// force there); moved to [`Scheduled`] when the next block starts.
	#[pallet::storage]
	pub type NextAuctions<T: Config> =
		StorageValue<_, BoundedVec<SeriesId, T::MaxAuctionsPerBlock>, ValueQuery>;

	/// Quote sheets staged in this block (each comes into force at its series' next
	/// auction): the next block's `on_initialize` takes the count and charges their share of
	/// that auction.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type StagedSheets<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Market makers' quote sheets: (maker, series) → sheet.
	#[pallet::storage]
	pub type Sheets<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		SeriesId,
		Sheet<T>,
		OptionQuery,
	>;

	/// The market makers with a sheet on each series (the auction reads their sheets).
	#[pallet::storage]
	pub type SeriesMakers<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		BoundedVec<T::AccountId, T::MaxMakersPerSeries>,
		ValueQuery,
	>;

	/// How many sheets each market maker has.
	#[pallet::storage]
	pub type SheetCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many orders and listings each account has open.
	#[pallet::storage]
	pub type OpenCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many resting orders each account has on each side of each series (at most
	/// `MaxOrdersPerSide`); absent when none.
	#[pallet::storage]
	pub type SideCount<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		(SeriesId, Side),
		u32,
		ValueQuery,
	>;

	/// Good-till-time orders by the minute they expire (ms / 60 000).
	#[pallet::storage]
	pub type Expiring<T: Config> =
		StorageMap<_, Twox64Concat, u64, BoundedVec<OrderKey, T::MaxExpiringPerMinute>, ValueQuery>;

	/// The earliest expiry minute `on_idle` has not swept yet.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, u64, OptionQuery>;

	/// Per-series market state.
	#[pallet::storage]
	pub type Markets<T: Config> =
		StorageMap<_, Blake2_128Concat, SeriesId, SeriesMarket<BlockNumberFor<T>>, ValueQuery>;

	/// The latest trades per series, newest last.
	#[pallet::storage]
	pub type RecentTrades<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		BoundedVec<Trade, T::MaxRecentTrades>,
		ValueQuery,
	>;

	/// Where the idle-time sweep of [`Markets`] of series that are over resumes (the raw key
	/// of the last series it read); absent when the next round starts from the beginning.
	#[pallet::storage]
	pub type MarketSweepCursor<T: Config> =
		StorageValue<_, genex_primitives::SweepCursor, OptionQuery>;

	/// Maker and taker fee rates.
	#[pallet::storage]
	pub type Fees<T: Config> = StorageValue<_, FeeRates, ValueQuery>;

	/// Bands and circuit breaker.
	#[pallet::storage]
	pub type Risk<T: Config> = StorageValue<_, RiskParams, ValueQuery>;

	/// Market makers and their bonds.
	#[pallet::storage]
	pub type MarketMakers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Balance, OptionQuery>;

	/// Accounts whose every resting order and listing must go (blocked by the sanctions list,
	/// removed as market makers), with the reason: what one call could not cancel is cancelled
	/// in later blocks' idle time, up to the weight left. Only the compliance and governance
	/// origins add to it.
	#[pallet::storage]
	pub type PurgeQueue<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, CancelReason, OptionQuery>;

	/// Each seller's open listings (so all of them can be cancelled).
	#[pallet::storage]
	pub type SellerListings<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ListingId,
		(),
		OptionQuery,
	>;

	/// What market makers owe.
	#[pallet::storage]
	pub type MakerObligations<T: Config> = StorageValue<_, Obligations, ValueQuery>;

	/// The series with a maker list ([`SeriesMakers`]), densely indexed `0..QuotedCount`: the
	/// obligations sampling draws indices from it uniformly.
	#[pallet::storage]
	pub type QuotedSeries<T: Config> = StorageMap<_, Twox64Concat, u32, SeriesId, OptionQuery>;

	/// Each series' index in [`QuotedSeries`].
	#[pallet::storage]
	pub type QuotedIndex<T: Config> = StorageMap<_, Blake2_128Concat, SeriesId, u32, OptionQuery>;

	/// How many series [`QuotedSeries`] holds.
	#[pallet::storage]
	pub type QuotedCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Per series, each of its market makers' sampled standing in its current epoch (at most
	/// `MaxMakersPerSeries`); an entry goes with its series' last maker.
	#[pallet::storage]
	pub type ObligationTallies<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		SeriesId,
		BoundedVec<(T::AccountId, ObligationTally), T::MaxMakersPerSeries>,
		ValueQuery,
	>;

	/// Accounts registered as an issuer's affiliates (for wash-trade prevention): account →
	/// issuer.
	#[pallet::storage]
	pub type Affiliates<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	/// Pending affiliation requests: account → the issuer it consents to be registered with
	/// (one per account, set by the account itself; taken when the issuer registers it).
	#[pallet::storage]
	pub type AffiliationRequests<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	/// The id the next listing gets.
	#[pallet::storage]
	pub type NextListingId<T: Config> = StorageValue<_, ListingId, ValueQuery>;

	/// Primary and fixed-price listings.
	#[pallet::storage]
	pub type Listings<T: Config> =
		StorageMap<_, Twox64Concat, ListingId, Listing<T::AccountId>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial fee rates.
		pub fees: FeeRates,
		/// Initial risk parameters.
		pub risk: RiskParams,
		/// Initial market-maker obligations.
		pub obligations: Obligations,
		#[serde(skip)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(Pallet::<T>::valid_fees(&self.fees), "genesis fees above MaxFee");
			assert!(Pallet::<T>::valid_risk(&self.risk), "invalid genesis risk parameters");
			Fees::<T>::put(self.fees);
			Risk::<T>::put(self.risk);
			MakerObligations::<T>::put(self.obligations);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An order was accepted and waits for its series' auction at the end of the block
		/// (its custody taken: a sell's units locked, a buy's price and fee frozen).
		OrderPlaced {
			/// Where it is (its id, and the level it rests on if it rests).
			key: OrderKey,
			/// Who placed it.
			owner: T::AccountId,
			/// Units asked.
			units: u64,
			/// How long what is left may rest.
			time_in_force: TimeInForce,
			/// A market order (never rests; `key.price` is its worst price).
			market: bool,
		},
		/// A series' auction cleared: `volume` units traded at one `price`.
		AuctionCleared {
			/// The series.
			series: SeriesId,
			/// The uniform price per unit.
			price: Balance,
			/// Units traded.
			volume: u64,
			/// Orders and quote levels that traded.
			fills: u32,
			/// Pending orders the auction took.
			pending: u32,
		},
		/// An order (or a market maker's quote level: `key.id` is `QUOTE_ID`) traded in its
		/// series' auction.
		OrderFilled {
			/// The order.
			key: OrderKey,
			/// Its owner.
			owner: T::AccountId,
			/// Units traded.
			units: u64,
			/// The auction's price per unit.
			price: Balance,
			/// Fee paid to the treasury.
			fee: Balance,
			/// Units still open (resting, or about to rest).
			left: u64,
		},
		/// An order left the book or its auction unfilled; its units were unlocked, or its
		/// stablecoin thawed, in its owner's account.
		OrderCancelled {
			/// The order.
			key: OrderKey,
			/// Its owner.
			owner: T::AccountId,
			/// Units that were open.
			units: u64,
			/// Why.
			reason: CancelReason,
		},
		/// An account's orders took part in an auction with fewer units than they asked, to
		/// keep it within a limit (its KYC daily trade limit, or its holding cap as buyer).
		FillLimited {
			/// The series.
			series: SeriesId,
			/// The account.
			who: T::AccountId,
			/// Which limit (`KycLimit` or `HoldingLimit`).
			reason: CancelReason,
		},
		/// A market maker set its quotes on a series: in force from the next block's auction.
		QuotesSet {
			/// The market maker.
			maker: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Bid levels.
			bids: u32,
			/// Ask levels.
			asks: u32,
		},
		/// A market maker's quotes on a series came into force (custody taken).
		QuotesActive {
			/// The market maker.
			maker: T::AccountId,
			/// The series.
			series: SeriesId,
		},
		/// A market maker's quotes on a series were withdrawn (by it, or for a reason), their
		/// custody released.
		QuotesRemoved {
			/// The market maker.
			maker: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Why (`ByOwner` when it withdrew them).
			reason: CancelReason,
		},
		/// Units were listed at a fixed price.
		Listed {
			/// The listing.
			listing: ListingId,
			/// The seller.
			seller: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Price per unit.
			price: Balance,
			/// Units.
			units: u64,
			/// A primary sale by the issuer.
			primary: bool,
		},
		/// Units of a listing were bought.
		ListingBought {
			/// The listing.
			listing: ListingId,
			/// The buyer.
			buyer: T::AccountId,
			/// Units.
			units: u64,
			/// What the buyer paid (before the fee).
			paid: Balance,
			/// Of which went to the issuer's escrow (primary sales).
			escrowed: Balance,
			/// Fee the buyer paid.
			fee: Balance,
		},
		/// A listing was withdrawn; its remaining units were unlocked.
		ListingCancelled {
			/// The listing.
			listing: ListingId,
			/// Units that were still offered.
			units: u64,
			/// Why (`ByOwner` when its seller withdrew it).
			reason: CancelReason,
		},
		/// Not all of an account's orders and listings could be cancelled at once: the rest
		/// leave the book in the coming blocks' idle time.
		PurgeQueued {
			/// The account.
			who: T::AccountId,
			/// Why its orders go.
			reason: CancelReason,
		},
		/// A series is over (expired, or gone from the ledger) and nothing rests on its book:
		/// its market state (last price, breaker window, recent trades) was removed.
		MarketClosed {
			/// The series.
			series: SeriesId,
		},
		/// The last of a queued account's orders and listings was cancelled.
		PurgeCompleted {
			/// The account.
			who: T::AccountId,
		},
		/// Governance slashed part of a market maker's bond for a breach; it stays a market
		/// maker with the rest.
		MarketMakerSlashed {
			/// The market maker.
			who: T::AccountId,
			/// Bond forfeited to the treasury.
			slashed: Balance,
			/// Bond left.
			remaining: Balance,
			/// The breach and its evidence.
			breach: Breach,
		},
		/// A fill would have moved the price beyond the circuit breaker: trading in the series
		/// is halted.
		SeriesHalted {
			/// The series.
			series: SeriesId,
			/// Trading resumes at this block.
			until: BlockNumberFor<T>,
			/// The refused fill's price.
			price: Balance,
			/// The window's anchor price.
			anchor: Balance,
		},
		/// Governance halted or resumed a series.
		HaltSet {
			/// The series.
			series: SeriesId,
			/// Halted before this block; `None`: resumed.
			until: Option<BlockNumberFor<T>>,
		},
		/// Governance set the fee rates.
		FeesSet {
			/// The new rates.
			fees: FeeRates,
		},
		/// Governance set the risk parameters.
		RiskSet {
			/// The new parameters.
			risk: RiskParams,
		},
		/// Governance set the market makers' obligations.
		ObligationsSet {
			/// The new obligations.
			obligations: Obligations,
		},
		/// An account became a market maker.
		MarketMakerJoined {
			/// The account.
			who: T::AccountId,
			/// The bond it posted now (the whole bond, or a slashed bond's shortfall).
			bond: Balance,
		},
		/// A market maker left (or was removed); its orders were cancelled.
		MarketMakerLeft {
			/// The account.
			who: T::AccountId,
			/// Bond paid back to it.
			returned: Balance,
			/// Bond forfeited to the treasury.
			slashed: Balance,
		},
		/// A market maker's obligations on a series were checked.
		ObligationsChecked {
			/// The market maker.
			who: T::AccountId,
			/// The series.
			series: SeriesId,
			/// What was found.
			report: ObligationReport,
		},
		/// A market maker's obligations epoch on a series closed (sampled automatically every
		/// few blocks while it was listed as one of the series' makers): governance may slash
		/// (`slash` with `Breach::MissedObligations`) a maker reviewed as not compliant.
		ObligationsReviewed {
			/// The market maker.
			who: T::AccountId,
			/// The series.
			series: SeriesId,
			/// The epoch closed (block number / `ObligationEpoch`).
			epoch: u32,
			/// Times its sheet in force was sampled in the epoch.
			samples: u32,
			/// Samples in which depth and spread met the obligations.
			met: u32,
			/// Whether `met` reached `MinObligationUptime` of `samples`.
			compliant: bool,
		},
		/// An account was registered as an issuer's affiliate.
		AffiliateAdded {
			/// The issuer.
			issuer: T::AccountId,
			/// The affiliate.
			account: T::AccountId,
		},
		/// An affiliate registration was removed.
		AffiliateRemoved {
			/// The issuer.
			issuer: T::AccountId,
			/// The former affiliate.
			account: T::AccountId,
		},
		/// An account consented to be registered as an issuer's affiliate (the issuer's
		/// `addAffiliate` completes it).
		AffiliationRequested {
			/// The issuer.
			issuer: T::AccountId,
			/// The account.
			account: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The price is zero.
		ZeroPrice,
		/// The number of units is zero.
		ZeroUnits,
		/// The price is not a multiple of the tick size.
		OffTick,
		/// The good-till-time moment is not in the future.
		ExpiryInPast,
		/// No such series.
		UnknownSeries,
		/// The coupon cannot be traded now (expired, not active, or delisted).
		NotTradable,
		/// The coupon's issuer is frozen: its coupons are at risk and do not trade.
		IssuerFrozen,
		/// Trading in the series is halted (circuit breaker or governance).
		SeriesHalted,
		/// The price is outside the band around the reference price.
		PriceOutsideBand,
		/// A post-only order would trade on arrival.
		WouldCross,
		/// No such order.
		UnknownOrder,
		/// The order or listing is someone else's.
		NotOwner,
		/// The account has `MaxOpenOrders` orders and listings open.
		TooManyOpenOrders,
		/// The side of the book has `MaxPriceLevels` prices, and the order's price is not
		/// better than the worst of them (an order's rest is then released with `NoRoom`).
		TooManyPriceLevels,
		/// The account already has `MaxOrdersPerSide` resting orders on this side of the
		/// series.
		TooManyOrdersOnSide,
		/// The price level already holds `MaxOrdersPerLevel` orders; choose another price.
		LevelFull,
		/// This block's auction is full (`MaxPendingPerSeries` orders on the series, or
		/// `MaxAuctionsPerBlock` series): submit again in the next block.
		AuctionFull,
		/// The order waits for this block's auction: it can be cancelled once it rests.
		OrderPending,
		/// A quote sheet has more than `MaxQuoteLevels` levels on a side.
		TooManyQuoteLevels,
		/// A quote sheet's levels are not strictly best first (bids descending, asks
		/// ascending), or its best bid is not below its best ask.
		QuotesNotSorted,
		/// The series has `MaxMakersPerSeries` market makers quoting it.
		TooManyMakers,
		/// The market maker quotes `MaxSheetsPerMaker` series.
		TooManySheets,
		/// No quote sheet of this market maker on this series.
		NoQuotes,
		/// A seller needs a GUSD account (at least the minimum balance) to be paid into.
		NoSettlementAccount,
		/// The account's orders and listings are being cancelled (it was blocked or removed as
		/// a market maker); wait for `PurgeCompleted`.
		PurgePending,
		/// The market maker's bond is below `MarketMakerBond` (it was slashed): top it up with
		/// `joinMarketMakers` before using market-maker batches.
		BondBelowMinimum,
		/// Too many orders expire in that minute; choose another moment.
		ExpiryMinuteFull,
		/// The account lacks the stablecoin to pay (price and fees; a buy that may rest needs
		/// them free above the asset's minimum balance, which no freeze covers).
		InsufficientFunds,
		/// The account holds fewer free units.
		InsufficientUnits,
		/// Only market makers may do this.
		NotMarketMaker,
		/// The account is a market maker already.
		AlreadyMarketMaker,
		/// No such listing.
		UnknownListing,
		/// The listing offers fewer units.
		NotEnoughListed,
		/// The price is above the buyer's limit.
		PriceAboveLimit,
		/// Only the series' issuer may do this.
		NotIssuer,
		/// The account is already an issuer's affiliate.
		AlreadyAffiliated,
		/// The account is not this issuer's affiliate.
		NotAffiliated,
		/// The account has not consented (`requestAffiliation`) to be this issuer's affiliate.
		NoAffiliationRequest,
		/// Buyer and seller are the issuer or its affiliates.
		WashTrade,
		/// Buyer and seller are the same account.
		SelfTrade,
		/// A fee rate is above `MaxFee`.
		FeeTooHigh,
		/// Risk parameters are inconsistent (`breaker` < `band`, or a zero window or halt).
		InvalidRiskParams,
		/// An amount would overflow.
		Overflow,
		/// A good-till-time order must stay at least `MIN_ORDER_LIFETIME_MS` (one minute):
		/// an order meant to leave sooner is immediate-or-cancel.
		ExpiryTooSoon,
		/// AML monitoring restricts the account (a high-severity hit under a rule governance
		/// set to restrict): it places no orders until a compliance officer clears its flag.
		AccountRestricted,
		/// The market maker still has quote sheets: withdraw them (`cancelQuotes`) and leave
		/// once they are gone, at their series' auction in the next block.
		QuotesOutstanding,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Series scheduled by the previous block (a quote sheet staged there) join this
		/// block's auctions: their fixed cost, and each staged sheet's share of its auction
		/// (coming into force, then trading as one order), are charged here, in the block
		/// that does the work.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let next = NextAuctions::<T>::take();
			let scheduled = next.len() as u64;
			if !next.is_empty() {
				Scheduled::<T>::put(next);
			}
			// At most every maker of every scheduled series brings a sheet into force.
			let staged = u64::from(StagedSheets::<T>::take())
				.min(scheduled.saturating_mul(T::MaxMakersPerSeries::get().into()));
			T::DbWeight::get()
				.reads_writes(2, 3)
				.saturating_add(Self::auction_share(true).saturating_mul(scheduled))
				.saturating_add(Self::promotion_share().saturating_mul(staged))
				.saturating_add(Self::do_sample_obligations(_n))
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut used = Self::do_purge(remaining);
			used.saturating_accrue(Self::do_expire(remaining.saturating_sub(used)));
			used.saturating_add(Self::do_sweep_markets(remaining.saturating_sub(used)))
		}

		fn integrity_test() {
			assert!(T::TickSize::get() > 0, "TickSize must be positive");
			assert!(T::MaxFills::get() > 0, "MaxFills must be positive");
			assert!(T::MaxOrdersPerLevel::get() > 0, "MaxOrdersPerLevel must be positive");
			assert!(T::MaxPendingPerSeries::get() > 0, "MaxPendingPerSeries must be positive");
			assert!(T::MaxAuctionsPerBlock::get() > 0, "MaxAuctionsPerBlock must be positive");
			assert!(T::MaxRecentTrades::get() > 0, "MaxRecentTrades must be positive");
			assert!(T::MaxPriceLevels::get() > 0, "MaxPriceLevels must be positive");
			assert!(T::MaxOrdersPerSide::get() > 0, "MaxOrdersPerSide must be positive");
			assert!(T::MaxExpiringPerMinute::get() > 0, "MaxExpiringPerMinute must be positive");
			assert!(!T::ObligationEpoch::get().is_zero(), "ObligationEpoch must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Place a limit order. It is checked and its custody taken now; it trades in its
		/// series' batch auction at the end of this block, at the auction's one price (no
		/// worse than its limit), and what is left rests on the book with price-time priority
		/// — or, for `ImmediateOrCancel`, is released. A post-only order sits out its block's
		/// auction and rests after it (released with `WouldCross` if the book then crosses it).
		///
		/// - Origin: signed, not blocked, KYC L1 or above.
		/// - Custody: a sell locks its units in the seller's holding; a buy freezes `units ×
		///   price` plus the fee in the buyer's own account (what the auction does not need
		///   thaws after it).
		/// - Fails with `ZeroPrice`, `ZeroUnits`, `OffTick`, `ExpiryInPast`, `ExpiryTooSoon`,
		///   `UnknownSeries`,
		///   `NotTradable`, `IssuerFrozen`, `SeriesHalted`, `PriceOutsideBand`, `WouldCross`
		///   (post-only), `InsufficientFunds`, `TooManyOpenOrders`, `TooManyOrdersOnSide`,
		///   `ExpiryMinuteFull`, `AuctionFull`, `Overflow`, the coupons pallet's
		///   `InsufficientUnits`, the sanctions pallet's `AccountBlocked`, the KYC pallet's
		///   `LevelTooLow` / daily-limit errors, or the AML pallet's `TradeNeedsReview` (the
		///   order's value, `units × price`, is at least the review threshold: such trades are
		///   refused, see `aml.setReviewPolicy`).
		///
		/// Emits `OrderPlaced` now; `OrderFilled`, `OrderCancelled` and `AuctionCleared` in the
		/// auction.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::placement_weight().saturating_add(Pallet::<T>::auction_share(true)))]
		pub fn place_order(
			origin: OriginFor<T>,
			series: SeriesId,
			order: OrderRequest,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, opening) = Self::do_place(&who, series, order, false)?;
			Ok(Some(Self::placement_used(opening)).into())
		}

		/// Place a market order: immediate-or-cancel, trading in this block's auction at a
		/// price no worse than `worst_price` (buy: at most, sell: at least); what does not trade
		/// is released (`OrderCancelled { reason: Unfilled }`).
		///
		/// - Origin and checks as [`Pallet::place_order`]; `worst_price` need not be on the tick
		///   nor inside the band (the auction's price is).
		///
		/// Emits `OrderPlaced` now; `OrderFilled` / `OrderCancelled` in the auction.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::placement_weight().saturating_add(Pallet::<T>::auction_share(true)))]
		pub fn place_market_order(
			origin: OriginFor<T>,
			series: SeriesId,
			side: Side,
			units: u64,
			worst_price: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, opening) = Self::do_place_market(&who, series, side, units, worst_price)?;
			Ok(Some(Self::placement_used(opening)).into())
		}

		/// Cancel one of the signer's resting orders, found by its key (`OrderPlaced` gives
		/// it); its units are unlocked or its stablecoin thawed.
		///
		/// - Fails with `UnknownOrder`, `NotOwner`, or `OrderPending` (it waits for this
		///   block's auction; cancel it once it rests).
		///
		/// An order withdrawn within `FLEETING_BLOCKS` of coming to rest counts toward the AML
		/// spoofing rule.
		///
		/// Emits `OrderCancelled`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_order().saturating_add(T::Movement::withdrawal_weight()))]
		pub fn cancel_order(origin: OriginFor<T>, order: OrderKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(order, Some(&who), CancelReason::ByOwner)
		}

		/// Governance cancels any resting order (e.g. one found abusive or stuck); its lock
		/// is released in its owner's account, as on the owner's own cancel.
		///
		/// - Origin: governance.
		/// - Fails with `UnknownOrder` or `OrderPending`.
		///
		/// Emits `OrderCancelled` with reason `ByGovernance`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn force_cancel_order(origin: OriginFor<T>, order: OrderKey) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_cancel(order, None, CancelReason::ByGovernance)
		}

		/// Market makers: set the signer's quote sheet on `series`, replacing the whole sheet:
		/// `bids` highest first, `asks` lowest first, at most `MaxQuoteLevels` each, best bid
		/// below best ask. It comes into force at the series' auction in the next block
		/// (custody taken then: asks' units locked, bids' price and maker fee frozen); until
		/// then the sheet in force stays. Quote levels trade like resting orders, in the
		/// sheet's time priority, and pay the maker rate.
		///
		/// - Origin: signed by a market maker with its full bond, not blocked.
		/// - Fails with `NotMarketMaker`, `BondBelowMinimum`, `UnknownSeries`, `NotTradable`,
		///   `IssuerFrozen`, `TooManyQuoteLevels`, `ZeroPrice`, `ZeroUnits`, `OffTick`,
		///   `PriceOutsideBand`, `QuotesNotSorted`, `TooManySheets`, `TooManyMakers`,
		///   `InsufficientFunds`, `AuctionFull`, `Overflow`, the coupons pallet's
		///   `InsufficientUnits`, the sanctions pallet's `AccountBlocked`.
		///
		/// Emits `QuotesSet`; `QuotesActive` (or `QuotesRemoved { reason: Unfunded }`) when it
		/// comes into force.
		///
		/// Weight: staging, plus what it adds to the next block, where the sheet comes into
		/// force and trades (charged there again as the work is done): the series' auction when
		/// this sheet scheduled it, and the sheet's coming into force and one order's share of
		/// the auction when it is the maker's first sheet on the series staged in this block.
		/// A replacement within the block pays staging only (refunded).
		#[pallet::call_index(23)]
		#[pallet::weight(Pallet::<T>::staging_weight(
			bids.len() as u32,
			asks.len() as u32,
			sheets::Staged::MOST,
		))]
		pub fn set_quotes(
			origin: OriginFor<T>,
			series: SeriesId,
			bids: Vec<QuoteLevel>,
			asks: Vec<QuoteLevel>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!bids.is_empty() || !asks.is_empty(), Error::<T>::NoQuotes);
			let (b, a) = (bids.len() as u32, asks.len() as u32);
			let staged = Self::do_set_quotes(&who, series, bids, asks)?;
			Ok(Some(Self::staging_weight(b, a, staged)).into())
		}

		/// Market makers: withdraw the signer's quote sheet on `series`, from the series'
		/// auction in the next block (as a replacement would take effect).
		///
		/// - Fails with `NotMarketMaker`, `BondBelowMinimum`, `NoQuotes`, `AuctionFull`.
		///
		/// Emits `QuotesSet { bids: 0, asks: 0 }`; `QuotesRemoved { reason: ByOwner }` when it
		/// takes effect.
		///
		/// Weight: as `setQuotes` with an empty sheet.
		#[pallet::call_index(24)]
		#[pallet::weight(Pallet::<T>::staging_weight(0, 0, sheets::Staged::MOST))]
		pub fn cancel_quotes(origin: OriginFor<T>, series: SeriesId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let staged = Self::do_set_quotes(&who, series, Vec::new(), Vec::new())?;
			Ok(Some(Self::staging_weight(0, 0, staged)).into())
		}

		/// The issuer lists `units` of its series for primary sale at the issue price.
		///
		/// - Origin: signed by the series' issuer, not blocked, not frozen.
		/// - Fails with `ZeroUnits`, `UnknownSeries`, `NotIssuer`, `NotTradable`, `IssuerFrozen`,
		///   `InsufficientUnits`, `TooManyOpenOrders`.
		///
		/// Emits `Listed`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::list())]
		pub fn list_primary(origin: OriginFor<T>, series: SeriesId, units: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_list(&who, series, units, None)
		}

		/// List `units` at a fixed `price` per unit (一口价); buyers take them with
		/// [`Pallet::buy_listing`].
		///
		/// - Origin: signed, not blocked, KYC L1 or above.
		/// - Fails with `ZeroPrice`, `ZeroUnits`, `OffTick`, `UnknownSeries`, `NotTradable`,
		///   `IssuerFrozen`, `SeriesHalted`, `PriceOutsideBand`, `InsufficientUnits`,
		///   `TooManyOpenOrders`.
		///
		/// Emits `Listed`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::list())]
		pub fn list(
			origin: OriginFor<T>,
			series: SeriesId,
			units: u64,
			price: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_list(&who, series, units, Some(price))
		}

		/// Buy `units` of a listing, paying at most `max_price` per unit plus the taker fee
		/// (primary sales carry no fee). Units and stablecoin move together.
		///
		/// - Origin: signed, not blocked, KYC L1 or above, within its daily limit and holding
		///   cap.
		/// - Fails with `ZeroUnits`, `UnknownListing`, `NotEnoughListed`, `PriceAboveLimit`,
		///   `SelfTrade`, `WashTrade`, `NotTradable`, `IssuerFrozen`, `SeriesHalted`,
		///   `InsufficientFunds`, or the compliance pallets' errors.
		///
		/// Emits `ListingBought` (and the coupon pallet's `Delivered`).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::buy_listing().saturating_add(T::Movement::weight()))]
		pub fn buy_listing(
			origin: OriginFor<T>,
			listing: ListingId,
			units: u64,
			max_price: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_buy_listing(&who, listing, units, max_price)
		}

		/// Withdraw one of the signer's listings; its units are unlocked.
		///
		/// - Fails with `UnknownListing` or `NotOwner`.
		///
		/// Emits `ListingCancelled`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_listing())]
		pub fn cancel_listing(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_listing(&who, listing)
		}

		/// Become a market maker: KYC L3, not blocked, posting `MarketMakerBond` of the
		/// stablecoin. A market maker whose bond was slashed below `MarketMakerBond` calls it
		/// again to top the bond up (it posts the shortfall).
		///
		/// - Fails with `AlreadyMarketMaker` (bond complete), `PurgePending`,
		///   `InsufficientFunds`, the KYC pallet's `LevelTooLow` or the sanctions pallet's
		///   `AccountBlocked`.
		///
		/// Emits `MarketMakerJoined` with the amount posted.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::join_market_makers())]
		pub fn join_market_makers(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_join(&who)
		}

		/// Stop being a market maker: the bond thaws. Its quote sheets must be withdrawn first
		/// (`cancelQuotes` on each series, e.g. in one `utility.batch`; they go at their
		/// series' auction in the next block). Resting orders stay (at the maker rate they were
		/// placed with).
		///
		/// - Fails with `NotMarketMaker`, `QuotesOutstanding`.
		///
		/// Emits `MarketMakerLeft`.
		#[pallet::call_index(10)]
		// Its `Market::Sheets` read (the prefix walk of spec 122, in the benchmark) is now the
		// `SheetCount` read: the same number of reads.
		#[pallet::weight(T::WeightInfo::leave_market_makers())]
		pub fn leave_market_makers(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave(&who, None)
		}

		/// Governance removes a market maker, forfeiting `slash` of its bond to the treasury
		/// and withdrawing its quote sheets and listings: up to `MaxSheetsPerMaker` at once,
		/// the rest in the coming blocks' idle time (`PurgeQueued`, then `PurgeCompleted`).
		///
		/// - Fails with `NotMarketMaker`.
		///
		/// Emits `QuotesRemoved` / `ListingCancelled` per sheet and listing, and
		/// `MarketMakerLeft`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_market_maker(T::MaxSheetsPerMaker::get()))]
		pub fn remove_market_maker(
			origin: OriginFor<T>,
			who: T::AccountId,
			slash: Permill,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_leave(&who, Some(slash))
		}

		/// Governance slashes `share` of a market maker's bond to the treasury for a documented
		/// breach (its evidence hash in `breach`); the market maker keeps the rest and its
		/// orders.
		///
		/// - Origin: governance.
		/// - Fails with `NotMarketMaker`.
		///
		/// Emits `MarketMakerSlashed`.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::slash_market_maker())]
		pub fn slash_market_maker(
			origin: OriginFor<T>,
			who: T::AccountId,
			share: Permill,
			breach: Breach,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_slash(&who, share, breach)
		}

		/// Check a market maker's obligations on `series` and record the result as an event
		/// (anyone may call; monitoring bots do).
		///
		/// - Fails with `NotMarketMaker`.
		///
		/// Emits `ObligationsChecked`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::check_obligations(T::MaxQuoteLevels::get()))]
		pub fn check_obligations(
			origin: OriginFor<T>,
			who: T::AccountId,
			series: SeriesId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(MarketMakers::<T>::contains_key(&who), Error::<T>::NotMarketMaker);
			let report = Self::obligation_report(&who, series);
			Self::deposit_event(Event::ObligationsChecked { who, series, report });
			Ok(())
		}

		/// Register `account` as an affiliate of the signing issuer (its own trading or
		/// treasury accounts): trades between the issuer's side and itself are refused, and
		/// the account is never independent evidence of the issuer's credit. The account must
		/// have consented first with `requestAffiliation(issuer)`.
		///
		/// - Fails with `NotIssuer`, `AlreadyAffiliated`, `NoAffiliationRequest`.
		///
		/// Emits `AffiliateAdded`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::add_affiliate())]
		pub fn add_affiliate(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Credit::is_issuer(&who), Error::<T>::NotIssuer);
			Self::do_accept_affiliate(who, account)
		}

		/// The signer consents to be registered as an affiliate of `issuer` (replacing an
		/// earlier request of its own); the issuer then completes it with `addAffiliate`.
		///
		/// - Fails with `NotIssuer`, `AlreadyAffiliated`.
		///
		/// Emits `AffiliationRequested`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::request_affiliation())]
		pub fn request_affiliation(origin: OriginFor<T>, issuer: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_affiliation(who, issuer)
		}

		/// Governance registers `account` as an affiliate of `issuer` (a compliance finding).
		///
		/// - Fails with `NotIssuer`, `AlreadyAffiliated`.
		///
		/// Emits `AffiliateAdded`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::add_affiliate())]
		pub fn force_add_affiliate(
			origin: OriginFor<T>,
			issuer: T::AccountId,
			account: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(T::Credit::is_issuer(&issuer), Error::<T>::NotIssuer);
			Self::do_add_affiliate(issuer, account)
		}

		/// Governance removes an affiliate registration.
		///
		/// - Fails with `NotAffiliated`.
		///
		/// Emits `AffiliateRemoved`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::remove_affiliate())]
		pub fn remove_affiliate(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let issuer = Affiliates::<T>::take(&account).ok_or(Error::<T>::NotAffiliated)?;
			Self::deposit_event(Event::AffiliateRemoved { issuer, account });
			Ok(())
		}

		/// Governance sets the maker and taker fee rates (each at most `MaxFee`). Resting
		/// orders keep the rate they were placed with.
		///
		/// - Fails with `FeeTooHigh`.
		///
		/// Emits `FeesSet`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::set_fees())]
		pub fn set_fees(origin: OriginFor<T>, fees: FeeRates) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Self::valid_fees(&fees), Error::<T>::FeeTooHigh);
			Fees::<T>::put(fees);
			Self::deposit_event(Event::FeesSet { fees });
			Ok(())
		}

		/// Governance sets the price band and circuit breaker.
		///
		/// - Fails with `InvalidRiskParams`.
		///
		/// Emits `RiskSet`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::set_risk())]
		pub fn set_risk(origin: OriginFor<T>, risk: RiskParams) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Self::valid_risk(&risk), Error::<T>::InvalidRiskParams);
			Risk::<T>::put(risk);
			Self::deposit_event(Event::RiskSet { risk });
			Ok(())
		}

		/// Governance sets market makers' obligations.
		///
		/// Emits `ObligationsSet`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_obligations())]
		pub fn set_obligations(origin: OriginFor<T>, obligations: Obligations) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			MakerObligations::<T>::put(obligations);
			Self::deposit_event(Event::ObligationsSet { obligations });
			Ok(())
		}

		/// Governance halts trading in `series` until block `until`, or with `None` resumes it
		/// (also after a circuit-breaker halt). A new halt starts a new breaker window.
		///
		/// - Fails with `UnknownSeries`.
		///
		/// Emits `HaltSet`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::set_halt())]
		pub fn set_halt(
			origin: OriginFor<T>,
			series: SeriesId,
			until: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(T::Coupons::info(series).is_some(), Error::<T>::UnknownSeries);
			Markets::<T>::mutate(series, |m| {
				m.halted_until = until;
				m.anchor_price = m.last_price;
				m.anchor_block = polkadot_sdk::frame_system::Pallet::<T>::block_number();
			});
			Self::deposit_event(Event::HaltSet { series, until });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Now, in ms since the Unix epoch.
		pub(crate) fn now() -> Moment {
			T::UnixTime::now().as_millis().try_into().unwrap_or(Moment::MAX)
		}

		/// What a staged quote sheet costs its auction: coming into force (custody checked
		/// and taken; priced as staging an empty sheet, which reads what promotion reads)
		/// and trading as one order (`auction_share(false)`): the auction counts a sheet that
		/// came into force among its takers, each reaching `MaxFills` resting orders.
		pub fn promotion_share() -> Weight {
			T::WeightInfo::set_quotes(0, 0).saturating_add(Self::auction_share(false))
		}

		/// What one order (or quote sheet) pays of its block's auction: its own clearing and
		/// the `MaxFills` resting orders it may reach — `clear(1, MaxFills, 0) − clear(0, 0,
		/// 0)`, plus the value-movement gate's monitoring of `1 + MaxFills` parties — and, when it is the first of its series this block (`first`), the series'
		/// fixed cost with every market maker's sheet trading and `MaxFills` resting orders
		/// more: `clear(0, MaxFills, MaxMakersPerSeries)`, and the issuer's escrow share of
		/// its sales (two reads, two writes).
		pub fn auction_share(first: bool) -> Weight {
			let fills = T::MaxFills::get();
			// The gate's monitoring of the order's owner and of each resting order's owner it
			// reaches, were each a party: beyond a quiet party's storage, which `clear`'s
			// benchmark measured for every party it screened and recorded.
			let party =
				T::Movement::party_weight().saturating_sub(T::Movement::quiet_party_weight());
			let parties = party.saturating_mul(u64::from(fills).saturating_add(1));
			let share = T::WeightInfo::clear(1, fills, 0)
				.saturating_sub(T::WeightInfo::clear(0, 0, 0))
				.saturating_add(parties);
			if first {
				// The issuer's escrow share of what it sold in the auction: its share read, the
				// escrow account paid and the issuer's escrow noted (not among `clear`'s sellers).
				share
					.saturating_add(T::WeightInfo::clear(0, fills, T::MaxMakersPerSeries::get()))
					.saturating_add(T::DbWeight::get().reads_writes(2, 2))
			} else {
				share
			}
		}

		pub(crate) fn valid_fees(fees: &FeeRates) -> bool {
			fees.maker <= T::MaxFee::get() && fees.taker <= T::MaxFee::get()
		}

		pub(crate) fn valid_risk(risk: &RiskParams) -> bool {
			risk.breaker >= risk.band && risk.window_blocks > 0 && risk.halt_blocks > 0
		}
	}
}

/// The runtime runs the block's auctions after its transactions
/// (`frame_system::Config::PostTransactions`).
impl<T: Config> polkadot_sdk::frame_support::traits::PostTransactions for Pallet<T> {
	fn post_transactions() {
		Self::run_auctions()
	}
}
