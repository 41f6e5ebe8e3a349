//! Placing and cancelling orders: the checks on arrival, continuous matching with price-time
//! priority and a bounded number of resting orders touched, resting what is left. A resting
//! order the taker cannot trade with (expired, self-trade, wash trade, outside the price band)
//! leaves the book with an event and matching goes on behind it.

use crate::{
	guards::PriceCheck,
	settle::{Blame, Taker},
	CancelReason, Config, Error, Event, Expiring, ExpiryCursor, Fees, Levels, MarketMakers,
	Markets, NextOrderId, Order, OrderId, OrderRequest, Orders, Pallet, RecentTrades, Side,
	TimeInForce, EXPIRY_BUCKET_MS,
};
use alloc::vec::Vec;
use genex_primitives::{
	Balance, CouponLedger, FreezeReason, KycLevel, KycProvider, SanctionsScreen, SeriesId,
	Settlement,
};
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::Get};

/// How matching ended.
pub(crate) struct MatchEnd {
	/// The circuit breaker halted the series.
	pub halted: bool,
	/// The taker failed a check after some fills.
	pub stopped: bool,
}

/// What placing an order did.
pub(crate) struct Placed {
	/// Units traded on arrival.
	pub filled: u64,
	/// Whether the circuit breaker halted the series meanwhile.
	pub halted: bool,
}

impl<T: Config> Pallet<T> {
	/// Check, match and rest (or drop) one order. `budget` is the number of resting orders
	/// the call may still touch; `market` waives the tick on the (worst) price.
	pub(crate) fn do_place(
		who: &T::AccountId,
		series: SeriesId,
		req: OrderRequest,
		budget: &mut u32,
		market: bool,
	) -> Result<Placed, DispatchError> {
		let expires_at = Self::ensure_well_formed(&req, market)?;
		let info = Self::ensure_tradable(series, false)?;
		T::Sanctions::ensure_not_blocked(who)?;
		T::Kyc::ensure_level(who, KycLevel::L1)?;
		let oracle = Self::oracle_price(series);
		if !market {
			Self::ensure_in_band(series, oracle, req.price)?;
		}
		let opposite = Self::best_price(series, req.side.opposite());
		if req.post_only {
			ensure!(
				!opposite.is_some_and(|best| req.side.crosses(req.price, best)),
				Error::<T>::WouldCross
			);
		}
		let value = req.price.checked_mul(req.units.into()).ok_or(Error::<T>::Overflow)?;
		T::Kyc::check_volume(who, value)?;
		let fees = Fees::<T>::get();
		let market_maker = MarketMakers::<T>::contains_key(who);
		let taker_rate = if market_maker { fees.maker } else { fees.taker };
		let rests = req.time_in_force != TimeInForce::ImmediateOrCancel;
		match req.side {
			Side::Buy => {
				// Fills are paid from what the buyer can spend; what rests is frozen, and a
				// freeze never covers the asset's minimum balance.
				let need = Self::escrow_of(req.price, req.units, taker_rate.max(fees.maker))
					.ok_or(Error::<T>::Overflow)?;
				let available = if rests {
					T::Settlement::freezable(who)
				} else {
					T::Settlement::spendable(who)
				};
				ensure!(available >= need, Error::<T>::InsufficientFunds);
			},
			Side::Sell => {
				T::Coupons::ensure_can_lock(series, who, req.units)?;
			},
		}
		let mut evict = None;
		if rests {
			evict = Self::ensure_can_rest(who, series, req.side, req.price, budget)?;
			if let Some(at) = expires_at {
				let len = Expiring::<T>::decode_len(at / EXPIRY_BUCKET_MS).unwrap_or(0);
				ensure!(
					len < T::MaxExpiringPerMinute::get() as usize,
					Error::<T>::ExpiryMinuteFull
				);
			}
		}

		// Checks done; writes follow.
		if req.side == Side::Sell {
			T::Coupons::lock(series, who, req.units)?;
		}
		let id = NextOrderId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		let mut taker = Taker {
			id,
			who: who.clone(),
			series,
			issuer_side: Self::is_issuer_side(&info.issuer, who),
			issuer: info.issuer,
			side: req.side,
			limit: req.price,
			remaining: req.units,
			filled: 0,
			rate: taker_rate,
			trades: Vec::new(),
		};
		let end = Self::match_order(&mut taker, oracle, budget)?;
		let mut resting = 0;
		if taker.remaining > 0 {
			// What still crosses (band, breaker or `MaxFills` stopped matching) or what the taker
			// itself could not trade is dropped: the book never rests crossed.
			let still_crosses = Self::best_price(series, req.side.opposite())
				.is_some_and(|best| req.side.crosses(req.price, best));
			if rests && !end.halted && !end.stopped && !still_crosses {
				resting = taker.remaining;
				if let Some((worst, _)) = evict.take() {
					// Matching touched only the other side: the level is still the worst.
					Self::evict_level(series, req.side, worst)?;
				}
				Self::rest(id, &taker, expires_at, fees.maker)?;
			} else if req.side == Side::Sell {
				T::Coupons::unlock(series, who, taker.remaining);
			}
		}
		if let Some((_, reserved)) = evict {
			// Nothing was evicted: the touches reserved for it are not charged.
			*budget = budget.saturating_add(reserved);
		}
		if !taker.trades.is_empty() {
			RecentTrades::<T>::mutate(series, |recent| {
				for trade in taker.trades.drain(..) {
					if recent.is_full() {
						recent.remove(0);
					}
					// Room was made above.
					let _ = recent.try_push(trade);
				}
			});
		}
		Self::deposit_event(Event::OrderPlaced {
			order: id,
			owner: who.clone(),
			series,
			side: req.side,
			price: req.price,
			units: req.units,
			filled: taker.filled,
			resting,
		});
		Ok(Placed { filled: taker.filled, halted: end.halted })
	}

	/// Whether `price` is a multiple of the tick (`TickSize` > 0: `integrity_test`).
	pub(crate) fn on_tick(price: Balance) -> bool {
		price.checked_rem(T::TickSize::get()) == Some(0)
	}

	/// `Ok(expiry)` when `req` is well formed: units and price above zero, the price on the
	/// tick (not for market orders' worst price), a good-till-time moment in the future.
	pub(crate) fn ensure_well_formed(
		req: &OrderRequest,
		market: bool,
	) -> Result<Option<genex_primitives::Moment>, DispatchError> {
		ensure!(req.units > 0, Error::<T>::ZeroUnits);
		ensure!(req.price > 0, Error::<T>::ZeroPrice);
		if !market {
			ensure!(Self::on_tick(req.price), Error::<T>::OffTick);
		}
		match req.time_in_force {
			TimeInForce::GoodTillTime(at) => {
				ensure!(at > Self::now(), Error::<T>::ExpiryInPast);
				Ok(Some(at))
			},
			_ => Ok(None),
		}
	}

	/// Put what is left of `taker` on the book, a buy's price and fee frozen in its account.
	fn rest(
		id: OrderId,
		taker: &Taker<T::AccountId>,
		expires_at: Option<genex_primitives::Moment>,
		maker_rate: polkadot_sdk::sp_runtime::Permill,
	) -> DispatchResult {
		if taker.side == Side::Buy {
			let escrow = Self::escrow_of(taker.limit, taker.remaining, maker_rate)
				.ok_or(Error::<T>::Overflow)?;
			T::Settlement::freeze(&taker.who, FreezeReason::MarketOrders, escrow)?;
		}
		Self::link(
			id,
			Order {
				owner: taker.who.clone(),
				series: taker.series,
				side: taker.side,
				price: taker.limit,
				units: taker.remaining,
				expires_at,
				fee_rate: maker_rate,
				prev: None,
				next: None,
			},
		)?;
		if let Some(at) = expires_at {
			let bucket = at / EXPIRY_BUCKET_MS;
			Expiring::<T>::try_mutate(bucket, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::ExpiryMinuteFull)?;
			if ExpiryCursor::<T>::get().is_none_or(|cursor| bucket < cursor) {
				ExpiryCursor::<T>::put(bucket);
			}
		}
		Ok(())
	}

	/// Trade `taker` against the opposite side while it crosses, touching at most `budget`
	/// resting orders; every fill's band centres on `oracle` (else the last trade).
	pub(crate) fn match_order(
		taker: &mut Taker<T::AccountId>,
		oracle: Option<Balance>,
		budget: &mut u32,
	) -> Result<MatchEnd, DispatchError> {
		let opposite = taker.side.opposite();
		let now = Self::now();
		let start = Markets::<T>::get(taker.series);
		let mut market = start;
		let mut halted = false;
		let mut stopped = false;
		while taker.remaining > 0 && *budget > 0 {
			let Some(best) = Self::best_price(taker.series, opposite) else { break };
			if !taker.side.crosses(taker.limit, best) {
				break;
			}
			let Some(level) = Levels::<T>::get((taker.series, opposite, best)) else { break };
			let maker_id = level.head;
			let Some(mut maker) = Orders::<T>::get(maker_id) else { break };
			*budget = budget.saturating_sub(1);
			if maker.expires_at.is_some_and(|at| at <= now) {
				Self::remove_order(maker_id, &maker, CancelReason::Expired)?;
				continue;
			}
			if maker.owner == taker.who {
				Self::remove_order(maker_id, &maker, CancelReason::SelfTrade)?;
				continue;
			}
			if taker.issuer_side && Self::is_issuer_side(&taker.issuer, &maker.owner) {
				Self::remove_order(maker_id, &maker, CancelReason::WashTrade)?;
				continue;
			}
			let next = match Self::check_fill_price(oracle, &market, best) {
				PriceCheck::Ok(next) => next,
				// The reference moved away from this resting order: it leaves the book (the
				// orders behind it still trade) rather than block the side.
				PriceCheck::OutsideBand => {
					Self::remove_order(maker_id, &maker, CancelReason::OutsideBand)?;
					continue;
				},
				PriceCheck::Halt(next, anchor) => {
					Self::halt(taker.series, next, best, anchor);
					market = next;
					halted = true;
					break;
				},
			};
			let units = taker.remaining.min(maker.units);
			match Self::fill(taker, maker_id, &mut maker, units) {
				Ok(()) => market = next,
				Err(Blame::Maker(reason)) => Self::remove_order(maker_id, &maker, reason)?,
				Err(Blame::Taker(e)) if taker.filled == 0 => return Err(e),
				Err(Blame::Taker(_)) => {
					stopped = true;
					break;
				},
				Err(Blame::Fatal(e)) => return Err(e),
			}
		}
		if market != start && !halted {
			Markets::<T>::insert(taker.series, market);
		}
		Ok(MatchEnd { halted, stopped })
	}

	/// Cancel resting order `id` of `who`.
	pub(crate) fn do_cancel_own(who: &T::AccountId, id: OrderId) -> DispatchResult {
		let order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.owner == *who, Error::<T>::NotOwner);
		Self::remove_order(id, &order, CancelReason::ByOwner)
	}

	/// Governance cancels resting order `id`, whoever owns it.
	pub(crate) fn do_force_cancel(id: OrderId) -> DispatchResult {
		let order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		Self::remove_order(id, &order, CancelReason::ByGovernance)
	}
}
