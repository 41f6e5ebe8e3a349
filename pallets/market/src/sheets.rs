//! Market makers' quote sheets: one item per (maker, series) with up to `MaxQuoteLevels`
//! levels a side, replaced whole. A sheet set (or withdrawn) in block N is staged; it comes
//! into force at the start of the series' next auction (block N + 1, scheduled by the call),
//! so the author of block N cannot pull or reprice its quotes against the takers it includes.
//! Custody is taken when a sheet comes into force: its asks' units locked in the maker's
//! holding, its bids' price and maker fee frozen in the maker's own account. A sheet the maker
//! can no longer cover then is removed (`QuotesRemoved { reason: Unfunded }`).

use crate::{
	CancelReason, Config, Error, Event, Fees, Ladder, MarketMakers, NextAuctions, Pallet,
	QuoteLevel, SeriesMakers, Sheet, SheetCount, Sheets, Side, StagedSheets, WeightInfo,
};
use alloc::vec::Vec;
use genex_primitives::{
	Balance, CouponLedger, FreezeReason, KycLevel, KycProvider, SanctionsScreen, SeriesId,
	Settlement,
};
use polkadot_sdk::{frame_support::pallet_prelude::*, sp_runtime::Permill};

/// What staging a quote sheet added to the next block's `on_initialize` charge.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(crate) struct Staged {
	/// It scheduled the series' next auction (`auction_share(true)`).
	pub scheduled: bool,
	/// It is the first sheet of its maker on the series staged in this block
	/// (`promotion_share()`).
	pub promotion: bool,
}

impl Staged {
	/// The most a staging adds.
	pub const MOST: Self = Self { scheduled: true, promotion: true };
}

/// What a ladder needs: units locked (asks) and stablecoin frozen (bids) at fee `rate`.
pub(crate) fn needs<T: Config>(ladder: &Ladder<T>, rate: Permill) -> Option<(u64, Balance)> {
	let mut units: u64 = 0;
	for q in ladder.asks.iter() {
		units = units.checked_add(q.units)?;
	}
	let mut funds: Balance = 0;
	for q in ladder.bids.iter() {
		funds = funds.checked_add(Pallet::<T>::escrow_of(q.price, q.units, rate)?)?;
	}
	Some((units, funds))
}

impl<T: Config> Pallet<T> {
	/// Check one side of a sheet: each level on the tick, > 0, inside the band; strictly
	/// best first.
	fn ensure_side(
		series: SeriesId,
		side: Side,
		levels: &[QuoteLevel],
		oracle: Option<Balance>,
	) -> DispatchResult {
		for q in levels.iter() {
			ensure!(q.price > 0, Error::<T>::ZeroPrice);
			ensure!(q.units > 0, Error::<T>::ZeroUnits);
			ensure!(Self::on_tick(q.price), Error::<T>::OffTick);
			Self::ensure_in_band(series, oracle, q.price)?;
		}
		for pair in levels.windows(2) {
			if let [a, b] = pair {
				ensure!(side.better(a.price, b.price), Error::<T>::QuotesNotSorted);
			}
		}
		Ok(())
	}

	/// Stage `bids` and `asks` as `who`'s sheet on `series` (both empty: withdraw it), in
	/// force from the series' next auction. Returns what it added to the next block's
	/// `on_initialize` charge, which the caller pre-pays: the series' auction when this
	/// scheduled it, and the sheet's coming into force when no sheet of `who` on `series` was
	/// staged yet in this block (a replacement in the same block adds neither).
	pub(crate) fn do_set_quotes(
		who: &T::AccountId,
		series: SeriesId,
		bids: Vec<QuoteLevel>,
		asks: Vec<QuoteLevel>,
	) -> Result<Staged, DispatchError> {
		let withdraw = bids.is_empty() && asks.is_empty();
		if withdraw {
			// Anyone with a sheet may withdraw it, market maker or no longer.
			let sheet = Sheets::<T>::get(who, series).ok_or(Error::<T>::NoQuotes)?;
			if Self::ensure_tradable(series, true).is_err() {
				// The series cannot trade (expired, delisted, issuer frozen): no auction will
				// come, so the sheet goes now.
				Self::remove_sheet(
					who,
					series,
					&sheet.active,
					sheet.fee_rate,
					CancelReason::ByOwner,
				);
				return Ok(Staged::default());
			}
		} else {
			let bond = MarketMakers::<T>::get(who).ok_or(Error::<T>::NotMarketMaker)?;
			ensure!(bond >= T::MarketMakerBond::get(), Error::<T>::BondBelowMinimum);
			T::Sanctions::ensure_not_blocked(who)?;
			T::Kyc::ensure_level(who, KycLevel::L1)?;
			Self::ensure_tradable(series, true)?;
		}
		let bids: BoundedVec<QuoteLevel, T::MaxQuoteLevels> =
			bids.try_into().map_err(|_| Error::<T>::TooManyQuoteLevels)?;
		let asks: BoundedVec<QuoteLevel, T::MaxQuoteLevels> =
			asks.try_into().map_err(|_| Error::<T>::TooManyQuoteLevels)?;
		let oracle = Self::oracle_price(series);
		Self::ensure_side(series, Side::Buy, &bids, oracle)?;
		Self::ensure_side(series, Side::Sell, &asks, oracle)?;
		if let (Some(bid), Some(ask)) = (bids.first(), asks.first()) {
			ensure!(bid.price < ask.price, Error::<T>::QuotesNotSorted);
		}
		let ladder = Ladder::<T> { bids, asks };
		let now: u32 = Self::block_number().try_into().unwrap_or(u32::MAX);
		// A sheet staged in an earlier block is in force first (takers since then count on
		// it): it is not replaced before it came into force.
		Self::promote_sheet(who, series, now);
		let existing = Sheets::<T>::get(who, series);
		if withdraw && existing.is_none() {
			// It had a sheet (read above) and its coming into force just removed it: a
			// withdrawal staged earlier, or quotes it could no longer cover. The sheet is gone,
			// which is what this withdrawal asks for.
			return Ok(Staged::default());
		}
		let rate = Fees::<T>::get().maker;
		let (units, funds) = needs::<T>(&ladder, rate).ok_or(Error::<T>::Overflow)?;
		// What it can cover now, on top of what its sheet in force holds (checked again when
		// the sheet comes into force).
		let (held_units, held_funds) =
			existing.as_ref().and_then(|s| needs::<T>(&s.active, s.fee_rate)).unwrap_or((0, 0));
		if units > held_units {
			T::Coupons::ensure_can_lock(series, who, units.saturating_sub(held_units))?;
		}
		ensure!(
			T::Settlement::freezable(who) >= funds.saturating_sub(held_funds),
			Error::<T>::InsufficientFunds
		);
		if existing.is_none() {
			ensure!(
				SheetCount::<T>::get(who) < T::MaxSheetsPerMaker::get(),
				Error::<T>::TooManySheets
			);
			ensure!(
				SeriesMakers::<T>::decode_len(series).unwrap_or(0)
					< T::MaxMakersPerSeries::get() as usize,
				Error::<T>::TooManyMakers
			);
		}
		let scheduled = Self::schedule_next(series)?;

		// Checks done; writes follow.
		let promotion = existing.as_ref().is_none_or(|s| s.staged.is_none());
		if promotion {
			StagedSheets::<T>::mutate(|n| *n = n.saturating_add(1));
		}
		let (bids_len, asks_len) = (ladder.bids.len() as u32, ladder.asks.len() as u32);
		let sheet = match existing {
			Some(mut sheet) => {
				sheet.staged = Some(ladder);
				sheet.staged_at = now;
				sheet
			},
			None => {
				SeriesMakers::<T>::try_append(series, who)
					.map_err(|_| Error::<T>::TooManyMakers)?;
				Self::index_quoted(series);
				SheetCount::<T>::mutate(who, |c| *c = c.saturating_add(1));
				Sheet {
					active: Ladder::default(),
					since: 0,
					staged: Some(ladder),
					staged_at: now,
					fee_rate: rate,
				}
			},
		};
		Sheets::<T>::insert(who, series, sheet);
		Self::deposit_event(Event::QuotesSet {
			maker: who.clone(),
			series,
			bids: bids_len,
			asks: asks_len,
		});
		Ok(Staged { scheduled, promotion })
	}

	/// The weight of staging a sheet of `b` bids and `a` asks: the call's own work and what
	/// it added to the next block's `on_initialize` (`staged`), which is charged there again
	/// as the mandatory weight of the work it does. Paying it here too bounds that next
	/// block's work by this block's normal weight.
	pub(crate) fn staging_weight(b: u32, a: u32, staged: Staged) -> Weight {
		let mut weight = T::WeightInfo::set_quotes(b, a);
		if staged.scheduled {
			weight.saturating_accrue(Self::auction_share(true));
		}
		if staged.promotion {
			weight.saturating_accrue(Self::promotion_share());
		}
		weight
	}

	/// Auction `series` in the next block (a staged sheet comes into force there).
	pub(crate) fn schedule_next(series: SeriesId) -> Result<bool, DispatchError> {
		NextAuctions::<T>::try_mutate(|next| {
			if next.contains(&series) {
				return Ok(false);
			}
			next.try_push(series).map_err(|_| Error::<T>::AuctionFull)?;
			Ok(true)
		})
	}

	/// Every sheet on `series` staged before block `now` comes into force (`promote_sheet`).
	/// Returns how many came into force with quotes (not withdrawn or removed).
	pub(crate) fn promote_sheets(series: SeriesId, now: u32) -> u64 {
		let mut promoted: u64 = 0;
		for maker in SeriesMakers::<T>::get(series).iter() {
			if Self::promote_sheet(maker, series, now) {
				promoted = promoted.saturating_add(1);
			}
		}
		promoted
	}

	/// `who`'s sheet on `series` staged before block `now`, if any, comes into force: its
	/// custody adjusted from the sheet it replaces.
	/// Returns whether a sheet came into force.
	pub(crate) fn promote_sheet(who: &T::AccountId, series: SeriesId, now: u32) -> bool {
		let Some(mut sheet) = Sheets::<T>::get(who, series) else { return false };
		if sheet.staged.is_none() || sheet.staged_at >= now {
			return false;
		}
		let Some(staged) = sheet.staged.take() else { return false };
		let rate = Fees::<T>::get().maker;
		let old = needs::<T>(&sheet.active, sheet.fee_rate).unwrap_or((0, 0));
		let new = needs::<T>(&staged, rate);
		let empty = staged.bids.is_empty() && staged.asks.is_empty();
		let covered = new.is_some_and(|(units, funds)| {
			(units <= old.0
				|| T::Coupons::ensure_can_lock(series, who, units.saturating_sub(old.0)).is_ok())
				&& (funds <= old.1 || T::Settlement::freezable(who) >= funds.saturating_sub(old.1))
		});
		if empty || !covered || T::Sanctions::is_blocked(who) {
			let reason = if empty {
				CancelReason::ByOwner
			} else if T::Sanctions::is_blocked(who) {
				CancelReason::Sanctioned
			} else {
				CancelReason::Unfunded
			};
			Self::remove_sheet(who, series, &sheet.active, sheet.fee_rate, reason);
			return false;
		}
		let (units, funds) = new.unwrap_or((0, 0));
		// Covered (checked just above): the lock and freeze cannot fail.
		if units > old.0 {
			let _ = T::Coupons::lock(series, who, units.saturating_sub(old.0));
		} else {
			T::Coupons::unlock(series, who, old.0.saturating_sub(units));
		}
		if funds > old.1 {
			let _ =
				T::Settlement::freeze(who, FreezeReason::MarketOrders, funds.saturating_sub(old.1));
		} else {
			T::Settlement::thaw(who, FreezeReason::MarketOrders, old.1.saturating_sub(funds));
		}
		sheet.active = staged;
		sheet.fee_rate = rate;
		// Its time priority is the block it was set in: older than the orders of the block
		// it comes into force in.
		sheet.since = sheet.staged_at;
		Sheets::<T>::insert(who, series, sheet);
		Self::deposit_event(Event::QuotesActive { maker: who.clone(), series });
		true
	}

	/// Remove `who`'s sheet on `series` whose quotes in force are `active` (at fee `rate`):
	/// their custody released.
	pub(crate) fn remove_sheet(
		who: &T::AccountId,
		series: SeriesId,
		active: &Ladder<T>,
		rate: Permill,
		reason: CancelReason,
	) {
		let (units, funds) = needs::<T>(active, rate).unwrap_or((0, 0));
		T::Coupons::unlock(series, who, units);
		T::Settlement::thaw(who, FreezeReason::MarketOrders, funds);
		Sheets::<T>::remove(who, series);
		SeriesMakers::<T>::mutate(series, |makers| makers.retain(|m| m != who));
		SheetCount::<T>::mutate_exists(who, |c| {
			*c = c.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
		});
		Self::deposit_event(Event::QuotesRemoved { maker: who.clone(), series, reason });
	}
}
