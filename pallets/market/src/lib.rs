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
//! ## The order book
//!
//! One book per series, priced per unit in the stablecoin, on a tick (`TickSize`):
//!
//! - limit orders, good-till-cancelled or good-till-time; immediate-or-cancel; post-only
//!   (refused when it would cross) — [`Pallet::place_order`];
//! - market orders: immediate-or-cancel with a worst-price cap — [`Pallet::place_market_order`];
//! - price-time priority: the best price first, at one price the oldest order first;
//! - continuous matching on arrival, at most `MaxFills` resting orders touched per call; the
//!   rest of a limit order rests on the book, the rest of an immediate-or-cancel order is
//!   dropped;
//! - expiry of good-till-time orders without unbounded work: an expired order met while
//!   matching is removed (it counts toward `MaxFills`), and `on_idle` sweeps a per-minute
//!   index a bounded number at a time.
//!
//! **Custody: nothing leaves the owner's account.** A resting sell order locks its units in the
//! seller's own holding (the coupon ledger); a resting buy order freezes `units × price` plus
//! the maker fee on it in the buyer's own stablecoin account
//! ([`genex_primitives::FreezeReason::MarketOrders`]); a market maker's bond is frozen the same
//! way ([`genex_primitives::FreezeReason::MarketMakerBond`]). There is no market account and no
//! escrow. A lock or freeze changes only by the owner's cancel, a fill (paid straight from the
//! buyer's account), expiry, a compliance cancel, or — a bond — a governance slash to the
//! treasury; no call moves frozen funds anywhere else. A taker pays or delivers directly.
//! `try_state` checks that every lock and freeze equals what the owner's open orders need.
//!
//! **Settlement.** Each fill moves the units (ledger `deliver`) and the stablecoin (seller's
//! proceeds, fees to the treasury) inside the call's storage transaction: all or nothing.
//!
//! ## Compliance per fill
//!
//! The taker is screened before matching (sanctions, KYC L1, the coupon tradable, its issuer
//! not frozen, funds or units, its daily limit for the whole order value at its limit price).
//! Each fill then checks the maker (sanctions, KYC level, daily limit) and the buyer's holding
//! cap. A fill that fails a check does not happen: when the maker is the cause, its order is
//! cancelled with the reason and matching goes on; when the taker is, matching stops.
//!
//! ## Abuse guards
//!
//! - Self-trade prevention: a taker meeting its own resting order cancels the resting one.
//! - Issuer wash trades: when both sides are the series' issuer or accounts registered as its
//!   affiliates, the resting order is cancelled (book) or the purchase refused (listings).
//! - Price bands: limit prices must lie within `band` of the reference price (the oracle's,
//!   else the last trade); a fill outside the band does not happen.
//! - Circuit breaker: a fill more than `breaker` away from the price at the start of the
//!   current window halts the series for `halt_blocks` blocks (cancels still work).
//!
//! ## Market makers
//!
//! L3 accounts that post a bond ([`Pallet::join_market_makers`]) pay the maker rate on every
//! fill, may place and cancel up to `MaxBatch` orders per call, and have obligations (minimum
//! depth on both sides, maximum spread) that anyone can check and report on chain
//! ([`Pallet::check_obligations`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

mod blocked;
mod book;
pub mod clearing;
mod expiry;
mod guards;
mod invariants;
mod listings;
mod makers;
mod matching;
mod purge;
mod queries;
mod settle;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(test, feature = "test-utils"))]
pub mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use genex_primitives::{Balance, Moment, SeriesId};
use polkadot_sdk::{sp_core::H256, sp_runtime::Permill};
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

/// An order resting on a book (a node of its price level's FIFO list).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Order<AccountId> {
	/// Who placed it.
	pub owner: AccountId,
	/// The series traded.
	pub series: SeriesId,
	/// Buy or sell.
	pub side: Side,
	/// Limit price per unit.
	pub price: Balance,
	/// Units still open.
	pub units: u64,
	/// When it expires (good-till-time), ms since the Unix epoch.
	pub expires_at: Option<Moment>,
	/// Fee rate charged when it fills (the maker rate in force, or the market-maker rate, when
	/// it came to rest); the freeze of a buy order includes this fee.
	pub fee_rate: Permill,
	/// The order before it at the same price (older).
	pub prev: Option<OrderId>,
	/// The order after it at the same price (newer).
	pub next: Option<OrderId>,
}

/// One price level of one side of a book: a FIFO list of orders.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Level {
	/// The oldest order (first to fill).
	pub head: OrderId,
	/// The newest order.
	pub tail: OrderId,
	/// Units open at this price.
	pub units: u64,
	/// Orders at this price.
	pub orders: u32,
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
	/// Both sides were the issuer or its affiliates (wash-trade prevention).
	WashTrade,
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
	/// Its price fell outside the band around the reference price (the reference moved):
	/// a taker met it, and it left the book instead of blocking the orders behind it.
	OutsideBand,
	/// Governance cancelled it (`forceCancelOrder`).
	ByGovernance,
	/// Its side had `MaxPriceLevels` prices and a better-priced order needed a level: the
	/// worst level (furthest from the market) left the book.
	Evicted,
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

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genex_primitives::{
		CouponLedger, CreditLimit, KycProvider, PriceOracle, SanctionsScreen, Settlement,
	};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::UnixTime},
		frame_system::pallet_prelude::*,
	};

	#[pallet::pallet]
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
		/// Most resting orders touched (filled or removed) per call.
		#[pallet::constant]
		type MaxFills: Get<u32>;
		/// Most orders in one market-maker batch.
		#[pallet::constant]
		type MaxBatch: Get<u32>;
		/// Most price levels per side of a book.
		#[pallet::constant]
		type MaxPriceLevels: Get<u32>;
		/// Most open orders and listings per account (market makers: ×`MaxBatch`).
		#[pallet::constant]
		type MaxOpenOrders: Get<u32>;

		/// Most resting orders one account may have on one side of one series (so one
		/// account cannot occupy a side's price levels).
		#[pallet::constant]
		type MaxOrdersPerSide: Get<u32>;
		/// Most good-till-time orders expiring in the same minute.
		#[pallet::constant]
		type MaxExpiringPerMinute: Get<u32>;
		/// Trades kept per series for the last-trades API.
		#[pallet::constant]
		type MaxRecentTrades: Get<u32>;
		/// Highest maker or taker fee governance may set.
		#[pallet::constant]
		type MaxFee: Get<Permill>;
		/// Bond a market maker posts, in the stablecoin.
		#[pallet::constant]
		type MarketMakerBond: Get<Balance>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// Resting orders.
	#[pallet::storage]
	pub type Orders<T: Config> =
		StorageMap<_, Twox64Concat, OrderId, Order<T::AccountId>, OptionQuery>;

	/// Price levels: (series, side, price) → FIFO list of orders.
	#[pallet::storage]
	pub type Levels<T: Config> =
		StorageMap<_, Blake2_128Concat, (SeriesId, Side, Balance), Level, OptionQuery>;

	/// The prices with a level, per series and side, best first.
	#[pallet::storage]
	pub type Prices<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		(SeriesId, Side),
		BoundedVec<Balance, T::MaxPriceLevels>,
		ValueQuery,
	>;

	/// Each account's resting orders.
	#[pallet::storage]
	pub type OpenOrders<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, (), OptionQuery>;

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
		StorageMap<_, Twox64Concat, u64, BoundedVec<OrderId, T::MaxExpiringPerMinute>, ValueQuery>;

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
		/// An order arrived: `filled` units traded at once, `resting` units rest on the book
		/// (the rest of an immediate-or-cancel order, `units − filled − resting`, was dropped).
		OrderPlaced {
			/// Its id (trades name it).
			order: OrderId,
			/// Who placed it.
			owner: T::AccountId,
			/// The series.
			series: SeriesId,
			/// Buy or sell.
			side: Side,
			/// Limit price (a market order's worst price).
			price: Balance,
			/// Units asked.
			units: u64,
			/// Units traded on arrival.
			filled: u64,
			/// Units resting on the book.
			resting: u64,
		},
		/// A fill: `units` at `price` between a resting order and an incoming one.
		Traded {
			/// The series.
			series: SeriesId,
			/// The resting order.
			maker_order: OrderId,
			/// The incoming order.
			taker_order: OrderId,
			/// The resting order's owner.
			maker: T::AccountId,
			/// The incoming order's owner.
			taker: T::AccountId,
			/// The incoming order's side.
			taker_side: Side,
			/// Price per unit.
			price: Balance,
			/// Units.
			units: u64,
			/// Fee the maker paid.
			maker_fee: Balance,
			/// Fee the taker paid.
			taker_fee: Balance,
		},
		/// A resting order left the book unfilled; its units were unlocked, or its stablecoin
		/// thawed, in its owner's account.
		OrderCancelled {
			/// The order.
			order: OrderId,
			/// Its owner.
			owner: T::AccountId,
			/// Units that were open.
			units: u64,
			/// Why.
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
		/// Nothing could be traded (market order).
		NoLiquidity,
		/// No such order.
		UnknownOrder,
		/// The order or listing is someone else's.
		NotOwner,
		/// The batch is empty.
		EmptyBatch,
		/// The batch holds more than `MaxBatch` entries.
		BatchTooLarge,
		/// The account has `MaxOpenOrders` orders and listings open.
		TooManyOpenOrders,
		/// The side of the book has `MaxPriceLevels` prices, and the order's price is not
		/// better than the worst of them (or the worst level has more orders than the call
		/// may still touch).
		TooManyPriceLevels,
		/// The account already has `MaxOrdersPerSide` resting orders on this side of the
		/// series.
		TooManyOrdersOnSide,
		/// The price level already holds `MaxFills` orders; choose another price.
		LevelFull,
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
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut used = Self::do_purge(remaining);
			used.saturating_accrue(Self::do_expire(remaining.saturating_sub(used)));
			used.saturating_add(Self::do_sweep_markets(remaining.saturating_sub(used)))
		}

		fn integrity_test() {
			assert!(T::TickSize::get() > 0, "TickSize must be positive");
			assert!(T::MaxFills::get() > 0, "MaxFills must be positive");
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be positive");
			assert!(T::MaxPriceLevels::get() > 0, "MaxPriceLevels must be positive");
			assert!(T::MaxOrdersPerSide::get() > 0, "MaxOrdersPerSide must be positive");
			assert!(T::MaxExpiringPerMinute::get() > 0, "MaxExpiringPerMinute must be positive");
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
		/// Place a limit order: it trades against the opposite side at its price or better
		/// (price-time priority, at most `MaxFills` resting orders touched), and what is left
		/// rests on the book — or, for `ImmediateOrCancel`, is dropped.
		///
		/// - Origin: signed, not blocked, KYC L1 or above.
		/// - Custody: a resting sell locks its units in the seller's holding; a resting buy
		///   freezes `units × price` plus the maker fee in the buyer's own account. Taker fills
		///   are paid directly.
		/// - Fails with `ZeroPrice`, `ZeroUnits`, `OffTick`, `ExpiryInPast`, `UnknownSeries`,
		///   `NotTradable`, `IssuerFrozen`, `SeriesHalted`, `PriceOutsideBand`, `WouldCross`
		///   (post-only), `InsufficientFunds`, `InsufficientUnits`, `TooManyOpenOrders`,
		///   `TooManyOrdersOnSide`, `TooManyPriceLevels`, `ExpiryMinuteFull`, `Overflow`, the
		///   sanctions pallet's
		///   `AccountBlocked`, or the KYC pallet's `LevelTooLow` / daily-limit errors.
		///
		/// Emits `Traded` per fill, `OrderCancelled` for resting orders removed on the way,
		/// and `OrderPlaced`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::place_order(T::MaxFills::get()))]
		pub fn place_order(
			origin: OriginFor<T>,
			series: SeriesId,
			order: OrderRequest,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut budget = T::MaxFills::get();
			Self::do_place(&who, series, order, &mut budget, false)?;
			Ok(Some(T::WeightInfo::place_order(T::MaxFills::get().saturating_sub(budget))).into())
		}

		/// Place a market order: immediate-or-cancel, trading at prices no worse than
		/// `worst_price` (buy: at most, sell: at least).
		///
		/// - Origin and checks as [`Pallet::place_order`]; `worst_price` need not be on the tick.
		/// - Fails with `NoLiquidity` when nothing trades (nothing changes) — unless the circuit
		///   breaker halted the series on the way, which is recorded.
		///
		/// Emits `Traded` per fill and `OrderPlaced`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::place_market_order(T::MaxFills::get()))]
		pub fn place_market_order(
			origin: OriginFor<T>,
			series: SeriesId,
			side: Side,
			units: u64,
			worst_price: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut budget = T::MaxFills::get();
			let request = OrderRequest {
				side,
				price: worst_price,
				units,
				time_in_force: TimeInForce::ImmediateOrCancel,
				post_only: false,
			};
			let placed = Self::do_place(&who, series, request, &mut budget, true)?;
			// A halt the order ran into stays recorded even when nothing traded.
			ensure!(placed.filled > 0 || placed.halted, Error::<T>::NoLiquidity);
			Ok(Some(T::WeightInfo::place_market_order(T::MaxFills::get().saturating_sub(budget)))
				.into())
		}

		/// Cancel one of the signer's resting orders; its units are unlocked or its stablecoin thawed.
		///
		/// - Fails with `UnknownOrder` or `NotOwner`.
		///
		/// Emits `OrderCancelled`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn cancel_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_own(&who, order)
		}

		/// Governance cancels any resting order (e.g. one found abusive or stuck); its lock
		/// goes back to its owner, as on the owner's own cancel.
		///
		/// - Origin: governance.
		/// - Fails with `UnknownOrder`.
		///
		/// Emits `OrderCancelled` with reason `ByGovernance`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::force_cancel_order())]
		pub fn force_cancel_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_force_cancel(order)
		}

		/// Market makers: place up to `MaxBatch` orders on one series in one call. Each order
		/// is handled as by [`Pallet::place_order`], in turn, sharing `MaxFills`; the whole
		/// batch fails if one order fails.
		///
		/// - Fails with `NotMarketMaker`, `EmptyBatch`, `BatchTooLarge`, or any error of
		///   [`Pallet::place_order`].
		///
		/// Emits per order what [`Pallet::place_order`] emits.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::batch_place(orders.len() as u32)
				.saturating_add(Pallet::<T>::fills_weight(T::MaxFills::get()))
		)]
		pub fn batch_place(
			origin: OriginFor<T>,
			series: SeriesId,
			orders: Vec<OrderRequest>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = orders.len() as u32;
			let used = Self::do_batch_place(&who, series, orders)?;
			Ok(Some(T::WeightInfo::batch_place(n).saturating_add(Self::fills_weight(used))).into())
		}

		/// Market makers: cancel up to `MaxBatch` of their resting orders in one call.
		///
		/// - Fails with `NotMarketMaker`, `EmptyBatch`, `BatchTooLarge`, `UnknownOrder` or
		///   `NotOwner` (then none is cancelled).
		///
		/// Emits `OrderCancelled` per order.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::batch_cancel(orders.len() as u32))]
		pub fn batch_cancel(origin: OriginFor<T>, orders: Vec<OrderId>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_batch_cancel(&who, orders)
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
		#[pallet::weight(T::WeightInfo::buy_listing())]
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

		/// Stop being a market maker: the bond comes back. Resting orders stay (at the maker
		/// rate they were placed with).
		///
		/// - Fails with `NotMarketMaker`.
		///
		/// Emits `MarketMakerLeft`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::leave_market_makers())]
		pub fn leave_market_makers(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave(&who, None)
		}

		/// Governance removes a market maker, forfeiting `slash` of its bond to the treasury
		/// and cancelling all its resting orders and listings: up to `MaxBatch` at once, the
		/// rest in the coming blocks' idle time (`PurgeQueued`, then `PurgeCompleted`).
		///
		/// - Fails with `NotMarketMaker`.
		///
		/// Emits `OrderCancelled` / `ListingCancelled` per order and listing, and
		/// `MarketMakerLeft`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_market_maker(T::MaxBatch::get()))]
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
		#[pallet::weight(T::WeightInfo::check_obligations(T::MaxOpenOrders::get()))]
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

		pub(crate) fn valid_fees(fees: &FeeRates) -> bool {
			fees.maker <= T::MaxFee::get() && fees.taker <= T::MaxFee::get()
		}

		pub(crate) fn valid_risk(risk: &RiskParams) -> bool {
			risk.breaker >= risk.band && risk.window_blocks > 0 && risk.halt_blocks > 0
		}
	}
}
