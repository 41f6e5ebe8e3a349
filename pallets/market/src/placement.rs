//! Placing an order: every check, then its custody (a sell's units locked, a buy's price and
//! fee frozen in the owner's own account), then it waits in [`Pending`] for the block's auction
//! of its series. Nothing here trades: the auction does, once per series, after the block's
//! transactions ([`crate::auction`]).

use crate::{
	weights::WeightInfo, AuctionQueue, Config, Error, Event, Expiring, Fees, MarketMakers,
	NextOrderId, OpenCount, OrderKey, OrderRequest, Pallet, Pending, PendingOrder, Prices, Side,
	SideCount, TimeInForce, EXPIRY_BUCKET_MS,
};
use genex_primitives::{
	Balance, CouponLedger, FreezeReason, KycLevel, KycProvider, Moment, PartyRefusal,
	SanctionsScreen, SeriesId, Settlement, TransferredAsset, ValueMovement,
};
use polkadot_sdk::{frame_support::pallet_prelude::*, sp_runtime::Permill};

/// Items every placement reads and that an earlier placement on the same series in the same
/// block read or wrote: the series (`Coupons::SeriesOf`), the time (`Timestamp::Now`), its
/// issuer (`Issuers::Issuers`), its market state (`Markets`), the fee rates (`Fees`), the
/// settlement asset's id (`Stablecoin::SettlementAsset`), the pending list (`Pending`) and the
/// order id (`NextOrderId`); all in `place_order`'s benchmark
/// (`tests::repeat_reads_are_what_the_placement_benchmark_measured`).
pub(crate) const REPEAT_READS: u64 = 8;

/// How a placement met its series' auction of the block.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Opening {
	/// It opened the auction: it pays the auction's fixed cost ([`Pallet::auction_share`]).
	pub first: bool,
	/// An earlier placement of the block on the series came before it ([`REPEAT_READS`]).
	pub repeat: bool,
}

impl<T: Config> Pallet<T> {
	/// Whether `price` is a multiple of the tick (`TickSize` > 0: `integrity_test`).
	pub(crate) fn on_tick(price: Balance) -> bool {
		price.checked_rem(T::TickSize::get()) == Some(0)
	}

	/// `Ok(expiry)` when `req` is well formed: a price > 0 (on the tick unless `market`), units
	/// > 0, a good-till-time moment at least `MIN_ORDER_LIFETIME_MS` ahead.
	pub(crate) fn ensure_well_formed(
		req: &OrderRequest,
		market: bool,
	) -> Result<Option<Moment>, DispatchError> {
		ensure!(req.price > 0, Error::<T>::ZeroPrice);
		ensure!(req.units > 0, Error::<T>::ZeroUnits);
		if !market {
			ensure!(Self::on_tick(req.price), Error::<T>::OffTick);
		}
		match req.time_in_force {
			TimeInForce::GoodTillTime(at) => {
				let now = Self::now();
				ensure!(at > now, Error::<T>::ExpiryInPast);
				ensure!(
					at >= now.saturating_add(crate::MIN_ORDER_LIFETIME_MS),
					Error::<T>::ExpiryTooSoon
				);
				Ok(Some(at))
			},
			_ => Ok(None),
		}
	}

	/// The fee rates of `who`: (if it trades in its block's auction, if it rests). Market
	/// makers pay the maker rate on every fill.
	pub(crate) fn rates_of(who: &T::AccountId) -> (Permill, Permill) {
		let fees = Fees::<T>::get();
		if MarketMakers::<T>::contains_key(who) {
			(fees.maker, fees.maker)
		} else {
			(fees.taker, fees.maker)
		}
	}

	/// `Ok` when the series' auction of this block can take one more order (and, when it is
	/// the series' first, the block one more auction). Returns how the order meets it.
	fn ensure_auction_room(series: SeriesId) -> Result<Opening, DispatchError> {
		let len = Pending::<T>::decode_len(series).unwrap_or(0);
		ensure!(len < T::MaxPendingPerSeries::get() as usize, Error::<T>::AuctionFull);
		if len > 0 {
			// `Pending` never outlives its block (the block's auction takes it): an earlier
			// order of this block on the series was placed.
			return Ok(Opening { first: false, repeat: true });
		}
		let queue = AuctionQueue::<T>::get();
		if queue.contains(&series) || crate::Scheduled::<T>::get().contains(&series) {
			// Queued already, or scheduled by a quote sheet (`on_initialize` charged it).
			return Ok(Opening { first: false, repeat: false });
		}
		ensure!(queue.len() < T::MaxAuctionsPerBlock::get() as usize, Error::<T>::AuctionFull);
		Ok(Opening { first: true, repeat: false })
	}

	/// Weight of a placement: its benchmark plus the review policy's read, the owner's AML
	/// flag and the order's count for market surveillance, as the gate prices them
	/// (`ValueMovement::review_read_weight`, `ValueMovement::order_weight`).
	pub(crate) fn placement_weight() -> Weight {
		T::WeightInfo::place_order()
			.saturating_add(T::Movement::review_read_weight())
			.saturating_add(T::Movement::order_weight())
	}

	/// What a placement that met its series' auction as `opening` used: a repeat reads the
	/// [`REPEAT_READS`] items an earlier placement of the block read or wrote (from the
	/// block's overlay and the node's cache, not the database), so they are refunded; the
	/// auction's share as [`Pallet::auction_share`].
	pub(crate) fn placement_used(opening: Opening) -> Weight {
		let placement = if opening.repeat {
			Self::placement_weight().saturating_sub(T::DbWeight::get().reads(REPEAT_READS))
		} else {
			Self::placement_weight()
		};
		placement.saturating_add(Self::auction_share(opening.first))
	}

	/// Check `req` of `who` on `series`, take its custody and queue it for the block's
	/// auction. `market`: a market order (`req.price` is its worst price, off the tick
	/// allowed, immediate-or-cancel). Returns its key and how it met the series' auction of
	/// this block (the caller refunds what it did not use: [`Pallet::placement_used`]).
	pub(crate) fn do_place(
		who: &T::AccountId,
		series: SeriesId,
		req: OrderRequest,
		market: bool,
	) -> Result<(OrderKey, Opening), DispatchError> {
		let expires_at = Self::ensure_well_formed(&req, market)?;
		Self::ensure_tradable(series, false)?;
		T::Sanctions::ensure_not_blocked(who)?;
		T::Kyc::ensure_level(who, KycLevel::L1)?;
		// An account AML monitoring restricts places nothing (its resting orders leave at the
		// next auction).
		ensure!(
			T::Movement::screen_party(who) != Err(PartyRefusal::Restricted),
			Error::<T>::AccountRestricted
		);
		if !market {
			Self::ensure_in_band(series, Self::oracle_price(series), req.price)?;
		}
		if req.post_only {
			let best = Prices::<T>::get((series, req.side.opposite())).first().copied();
			ensure!(!best.is_some_and(|b| req.side.crosses(req.price, b)), Error::<T>::WouldCross);
		}
		let value = req.price.checked_mul(req.units.into()).ok_or(Error::<T>::Overflow)?;
		T::Kyc::check_volume(who, value)?;
		// A trade cannot wait for review: an order worth the review threshold is refused (the
		// auction also keeps each account's trade in one auction below it).
		T::Movement::ensure_trade_below_review(value)?;
		let rests = !market && req.time_in_force != TimeInForce::ImmediateOrCancel;
		if rests {
			// The caps are checked again when it comes to rest (other orders of the block may
			// have used the room meanwhile: then it is released with `NoRoom`).
			ensure!(
				OpenCount::<T>::get(who) < T::MaxOpenOrders::get(),
				Error::<T>::TooManyOpenOrders
			);
			ensure!(
				SideCount::<T>::get(who, (series, req.side)) < T::MaxOrdersPerSide::get(),
				Error::<T>::TooManyOrdersOnSide
			);
			if let Some(at) = expires_at {
				let len = Expiring::<T>::decode_len(at / EXPIRY_BUCKET_MS).unwrap_or(0);
				ensure!(
					len < T::MaxExpiringPerMinute::get() as usize,
					Error::<T>::ExpiryMinuteFull
				);
			}
		}
		let (fee_rate, rest_rate) = Self::rates_of(who);
		let frozen = match req.side {
			Side::Buy => {
				let need = Self::escrow_of(req.price, req.units, fee_rate.max(rest_rate))
					.ok_or(Error::<T>::Overflow)?;
				ensure!(T::Settlement::freezable(who) >= need, Error::<T>::InsufficientFunds);
				need
			},
			Side::Sell => {
				T::Coupons::ensure_can_lock(series, who, req.units)?;
				// The proceeds are paid into its GUSD account, which must exist (hold at least
				// the minimum balance): a payment below the minimum to an empty account fails.
				ensure!(T::Settlement::balance(who) > 0, Error::<T>::NoSettlementAccount);
				0
			},
		};
		let opening = Self::ensure_auction_room(series)?;

		// Every check passed: custody, then the queue.
		match req.side {
			Side::Buy => T::Settlement::freeze(who, FreezeReason::MarketOrders, frozen)?,
			Side::Sell => T::Coupons::lock(series, who, req.units)?,
		}
		let id = NextOrderId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		let order = PendingOrder {
			id,
			owner: who.clone(),
			side: req.side,
			price: req.price,
			units: req.units,
			fee_rate,
			rest_rate,
			frozen,
			time_in_force: if market { TimeInForce::ImmediateOrCancel } else { req.time_in_force },
			post_only: req.post_only,
			market,
		};
		Pending::<T>::try_append(series, order).map_err(|_| Error::<T>::AuctionFull)?;
		if opening.first {
			AuctionQueue::<T>::try_append(series).map_err(|_| Error::<T>::AuctionFull)?;
		}
		// Counted for the order-to-trade rule (never fails).
		T::Movement::record_order(who, TransferredAsset::Coupon { series }, value);
		let key = OrderKey { series, side: req.side, price: req.price, id };
		Self::deposit_event(Event::OrderPlaced {
			key,
			owner: who.clone(),
			units: req.units,
			time_in_force: req.time_in_force,
			market,
		});
		Ok((key, opening))
	}

	/// A market order: `units` on `side` at prices no worse than `worst`.
	pub(crate) fn do_place_market(
		who: &T::AccountId,
		series: SeriesId,
		side: Side,
		units: u64,
		worst: Balance,
	) -> Result<(OrderKey, Opening), DispatchError> {
		let req = OrderRequest {
			side,
			price: worst,
			units,
			time_in_force: TimeInForce::ImmediateOrCancel,
			post_only: false,
		};
		Self::do_place(who, series, req, true)
	}
}
