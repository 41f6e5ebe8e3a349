//! Market makers: admission with a bond, batch place and cancel, obligations.

use crate::{
	Breach, CancelReason, Config, Error, Event, MakerObligations, MarketMakers, ObligationReport,
	OrderId, OrderRequest, Pallet, PurgeQueue, Side, WeightInfo,
};
use alloc::vec::Vec;
use genex_primitives::{
	Balance, FreezeReason, KycLevel, KycProvider, SanctionsScreen, SeriesId, Settlement,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Get},
	sp_runtime::Permill,
};

impl<T: Config> Pallet<T> {
	fn ensure_batch<X>(who: &T::AccountId, items: &[X]) -> DispatchResult {
		let bond = MarketMakers::<T>::get(who).ok_or(Error::<T>::NotMarketMaker)?;
		ensure!(bond >= T::MarketMakerBond::get(), Error::<T>::BondBelowMinimum);
		ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
		ensure!(items.len() <= T::MaxBatch::get() as usize, Error::<T>::BatchTooLarge);
		Ok(())
	}

	/// The weight of `f` fills on top of placing orders: `place_order`'s per-fill slope, i.e.
	/// `place_order(f) - place_order(0)`. `batch_place(n)` is benchmarked with every order
	/// resting; the fills a batch makes are charged with this.
	pub fn fills_weight(f: u32) -> Weight {
		T::WeightInfo::place_order(f).saturating_sub(T::WeightInfo::place_order(0))
	}

	/// Place `orders` in turn, sharing `MaxFills`. Returns the resting orders touched.
	pub(crate) fn do_batch_place(
		who: &T::AccountId,
		series: SeriesId,
		orders: Vec<OrderRequest>,
	) -> Result<u32, DispatchError> {
		Self::ensure_batch(who, &orders)?;
		// Malformed orders fail the batch before anything is written.
		for order in orders.iter() {
			Self::ensure_well_formed(order, false)?;
		}
		let mut budget = T::MaxFills::get();
		for order in orders {
			Self::do_place(who, series, order, &mut budget, false)?;
		}
		Ok(T::MaxFills::get().saturating_sub(budget))
	}

	/// Cancel `orders` of `who` (all or none).
	pub(crate) fn do_batch_cancel(who: &T::AccountId, orders: Vec<OrderId>) -> DispatchResult {
		Self::ensure_batch(who, &orders)?;
		for id in orders {
			Self::do_cancel_own(who, id)?;
		}
		Ok(())
	}

	/// `who` joins, or tops up a bond slashed below `MarketMakerBond`.
	pub(crate) fn do_join(who: &T::AccountId) -> DispatchResult {
		let required = T::MarketMakerBond::get();
		let held = MarketMakers::<T>::get(who);
		ensure!(held.is_none_or(|b| b < required), Error::<T>::AlreadyMarketMaker);
		ensure!(!PurgeQueue::<T>::contains_key(who), Error::<T>::PurgePending);
		T::Sanctions::ensure_not_blocked(who)?;
		T::Kyc::ensure_level(who, KycLevel::L3)?;
		let bond = required.saturating_sub(held.unwrap_or(0));
		ensure!(T::Settlement::freezable(who) >= bond, Error::<T>::InsufficientFunds);
		T::Settlement::freeze(who, FreezeReason::MarketMakerBond, bond)?;
		MarketMakers::<T>::insert(who, required);
		Self::deposit_event(Event::MarketMakerJoined { who: who.clone(), bond });
		Ok(())
	}

	/// `who` leaves; governance passes `slash`, and then all its orders and listings are
	/// cancelled (up to `MaxBatch` at once, the rest queued for idle time).
	pub(crate) fn do_leave(who: &T::AccountId, slash: Option<Permill>) -> DispatchResult {
		let bond = MarketMakers::<T>::get(who).ok_or(Error::<T>::NotMarketMaker)?;
		let slashed = slash.map_or(0, |s| s.mul_floor(bond));
		let returned = bond.saturating_sub(slashed);
		Self::ensure_can_forfeit(who, slashed)?;
		if slash.is_some() {
			Self::purge(who, CancelReason::MarketMakerRemoved, T::MaxBatch::get());
		}
		Self::forfeit(who, slashed)?;
		T::Settlement::thaw(who, FreezeReason::MarketMakerBond, returned);
		MarketMakers::<T>::remove(who);
		Self::deposit_event(Event::MarketMakerLeft { who: who.clone(), returned, slashed });
		Ok(())
	}

	/// Governance forfeits `share` of `who`'s bond to the treasury for `breach`.
	pub(crate) fn do_slash(who: &T::AccountId, share: Permill, breach: Breach) -> DispatchResult {
		let bond = MarketMakers::<T>::get(who).ok_or(Error::<T>::NotMarketMaker)?;
		let slashed = share.mul_floor(bond);
		let remaining = bond.saturating_sub(slashed);
		Self::ensure_can_forfeit(who, slashed)?;
		Self::forfeit(who, slashed)?;
		MarketMakers::<T>::insert(who, remaining);
		Self::deposit_event(Event::MarketMakerSlashed {
			who: who.clone(),
			slashed,
			remaining,
			breach,
		});
		Ok(())
	}

	/// `Ok` when `amount` of `who`'s bond can go to the treasury.
	fn ensure_can_forfeit(who: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let treasury = T::Treasury::get();
		T::Settlement::ensure_can_transfer_frozen(
			who,
			FreezeReason::MarketMakerBond,
			&treasury,
			amount,
		)
	}

	/// Pay `amount` of `who`'s bond, frozen in its own account, to the treasury.
	fn forfeit(who: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let treasury = T::Treasury::get();
		T::Settlement::transfer_frozen(who, FreezeReason::MarketMakerBond, &treasury, amount)
	}

	/// `who`'s depth and spread on `series` against the obligations.
	pub fn obligation_report(who: &T::AccountId, series: SeriesId) -> ObligationReport {
		let mut report = ObligationReport {
			bid_units: 0,
			ask_units: 0,
			best_bid: None,
			best_ask: None,
			met: false,
		};
		for (_, order) in Self::open_orders(who) {
			if order.series != series {
				continue;
			}
			let (units, best) = match order.side {
				Side::Buy => (&mut report.bid_units, &mut report.best_bid),
				Side::Sell => (&mut report.ask_units, &mut report.best_ask),
			};
			*units = units.saturating_add(order.units);
			if best.is_none_or(|b| order.side.better(order.price, b)) {
				*best = Some(order.price);
			}
		}
		let duty = MakerObligations::<T>::get();
		let spread_ok = match (report.best_bid, report.best_ask) {
			(Some(bid), Some(ask)) => ask.saturating_sub(bid) <= duty.max_spread.mul_floor(bid),
			_ => false,
		};
		report.met =
			spread_ok && report.bid_units >= duty.min_depth && report.ask_units >= duty.min_depth;
		report
	}
}
