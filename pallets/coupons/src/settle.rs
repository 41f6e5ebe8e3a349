//! Netted settlement of one market batch: every seller's locked units leave its holding and
//! every buyer's holding grows, each account's records written once however many orders it
//! filled; the issuer's sales counted once.

use crate::{AccountUnits, Config, Error, Event, Holdings, IssuerStats, Locked, Pallet, SeriesOf};
use alloc::collections::BTreeSet;
use genex_primitives::{Balance, CouponInfo, KycProvider, SeriesId};
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Units of any series `who` may still receive: its KYC level's cap less what it holds
	/// (the issuer of `series` has no cap).
	pub(crate) fn do_holding_room(series: SeriesId, who: &T::AccountId) -> u64 {
		if SeriesOf::<T>::get(series).is_some_and(|s| s.issuer == *who) {
			return u64::MAX;
		}
		T::Kyc::max_holdings(who).saturating_sub(AccountUnits::<T>::get(who))
	}

	/// Every check of [`Pallet::do_settle`], reading only.
	pub(crate) fn do_ensure_can_settle(
		id: SeriesId,
		sold: &[(T::AccountId, u64)],
		bought: &[(T::AccountId, u64)],
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		let series = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		Self::ensure_live(&series)?;
		let mut seen = BTreeSet::new();
		let mut out: u64 = 0;
		for (who, units) in sold {
			ensure!(*units > 0, Error::<T>::ZeroUnits);
			ensure!(seen.insert(who), Error::<T>::RepeatedAccount);
			ensure!(Locked::<T>::get(id, who) >= *units, Error::<T>::InsufficientLocked);
			out = out.checked_add(*units).ok_or(Error::<T>::Overflow)?;
		}
		let mut into: u64 = 0;
		for (who, units) in bought {
			ensure!(*units > 0, Error::<T>::ZeroUnits);
			// Also refuses an account on both sides (a self-trade).
			ensure!(seen.insert(who), Error::<T>::RepeatedAccount);
			let total =
				AccountUnits::<T>::get(who).checked_add(*units).ok_or(Error::<T>::Overflow)?;
			Holdings::<T>::get(id, who).checked_add(*units).ok_or(Error::<T>::Overflow)?;
			if *who != series.issuer {
				ensure!(total <= T::Kyc::max_holdings(who), Error::<T>::HoldingLimitExceeded);
			}
			into = into.checked_add(*units).ok_or(Error::<T>::Overflow)?;
		}
		ensure!(out == into, Error::<T>::UnbalancedSettlement);
		Ok(series.info())
	}

	/// Apply one batch's netted deliveries of series `id`.
	pub(crate) fn do_settle(
		id: SeriesId,
		sold: &[(T::AccountId, u64)],
		bought: &[(T::AccountId, u64)],
	) -> DispatchResult {
		let info = Self::do_ensure_can_settle(id, sold, bought)?;
		// Every check passed: each seller has the units locked (hence held), no buyer's totals
		// overflow, and each account appears once.
		let mut units: u64 = 0;
		for (who, n) in sold {
			let left = Holdings::<T>::get(id, who).saturating_sub(*n);
			Locked::<T>::mutate_exists(id, who, |l| {
				let rest = l.unwrap_or(0).saturating_sub(*n);
				*l = (rest > 0).then_some(rest);
			});
			Self::set_holding(id, who, left);
			AccountUnits::<T>::mutate(who, |u| *u = u.saturating_sub(*n));
			units = units.saturating_add(*n);
			if *who == info.issuer {
				SeriesOf::<T>::mutate(id, |s| {
					if let Some(s) = s {
						s.stats.sold = s.stats.sold.saturating_add(*n);
					}
				});
				IssuerStats::<T>::mutate(&info.issuer, |s| s.sold = s.sold.saturating_add(*n));
			}
		}
		for (who, n) in bought {
			Holdings::<T>::mutate(id, who, |h| *h = h.saturating_add(*n));
			AccountUnits::<T>::mutate(who, |u| *u = u.saturating_add(*n));
		}
		Self::deposit_event(Event::Settled {
			series: id,
			units,
			sellers: u32::try_from(sold.len()).unwrap_or(u32::MAX),
			buyers: u32::try_from(bought.len()).unwrap_or(u32::MAX),
		});
		Ok(())
	}
}
