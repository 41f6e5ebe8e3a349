//! Market makers: admission with a bond, leaving and removal, obligations on their quote sheets.

use crate::{
	Breach, CancelReason, Config, Error, Event, MakerObligations, MarketMakers, ObligationReport,
	Pallet, PurgeQueue, SheetCount, Sheets,
};
use genex_primitives::{
	Balance, FreezeReason, KycLevel, KycProvider, SanctionsScreen, SeriesId, Settlement,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Get},
	sp_runtime::Permill,
};

impl<T: Config> Pallet<T> {
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

	/// `who` leaves (`slash` none: it has withdrawn its quote sheets first) or governance
	/// removes it (its sheets withdrawn now, up to `MaxSheetsPerMaker` at once, the rest queued
	/// for idle time, with its listings).
	pub(crate) fn do_leave(who: &T::AccountId, slash: Option<Permill>) -> DispatchResult {
		let bond = MarketMakers::<T>::get(who).ok_or(Error::<T>::NotMarketMaker)?;
		// A sheet is withdrawn from its series' next auction, never from the one of the block
		// it is withdrawn in, and that auction is paid for by the withdrawal (`cancelQuotes`):
		// a leave cannot pre-pay up to `MaxSheetsPerMaker` auctions within one transaction's
		// share of a block, so it waits until the sheets are gone.
		ensure!(slash.is_some() || SheetCount::<T>::get(who) == 0, Error::<T>::QuotesOutstanding);
		let slashed = slash.map_or(0, |s| s.mul_floor(bond));
		let returned = bond.saturating_sub(slashed);
		Self::ensure_can_forfeit(who, slashed)?;
		if slash.is_some() {
			// Governance removes it: its sheets and listings go now.
			Self::purge(who, CancelReason::MarketMakerRemoved, T::MaxSheetsPerMaker::get());
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

	/// `who`'s depth and spread on `series` (its quote sheet in force) against the
	/// obligations.
	pub fn obligation_report(who: &T::AccountId, series: SeriesId) -> ObligationReport {
		let sheet = Sheets::<T>::get(who, series).unwrap_or_default();
		let units = |levels: &[crate::QuoteLevel]| {
			levels.iter().fold(0u64, |a, q| a.saturating_add(q.units))
		};
		let mut report = ObligationReport {
			bid_units: units(&sheet.active.bids),
			ask_units: units(&sheet.active.asks),
			best_bid: sheet.active.bids.first().map(|q| q.price),
			best_ask: sheet.active.asks.first().map(|q| q.price),
			met: false,
		};
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
