//! Burning units: recall of unsold units, refund (buy-back) of sold ones at the higher of the
//! issue price and the reference price, delisting, and the burn every retirement shares.

use crate::{AccountUnits, Config, Error, Event, IssuerStats, Pallet, Series, SeriesOf};
use genex_primitives::{
	Balance, CouponKind, CouponStats, CreditLimit, Movement, MovementKind, PriceOracle, Retirement,
	SeriesId, SeriesStatus, Settlement, TransferredAsset, ValueMovement,
};
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_recall(
		who: T::AccountId,
		id: SeriesId,
		units: u64,
		reason: u8,
	) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let series = Self::issuers_series(&who, id)?;
		ensure!(Self::free_units(id, &who) >= units, Error::<T>::InsufficientUnits);
		Self::burn_units(id, series, &who, units, Retirement::Recalled)?;
		Self::deposit_event(Event::Recalled { series: id, units, reason });
		Ok(())
	}

	pub(crate) fn do_refund(
		who: T::AccountId,
		id: SeriesId,
		holder: T::AccountId,
		units: u64,
		reason: u8,
	) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(who != holder, Error::<T>::SelfTransfer);
		let series = Self::issuers_series(&who, id)?;
		ensure!(Self::free_units(id, &holder) >= units, Error::<T>::InsufficientUnits);
		let unit_price = Self::refund_unit_price(id, &series);
		let amount = unit_price.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		let movement = Movement {
			from: &holder,
			to: &who,
			asset: TransferredAsset::Coupon { series: id },
			value: amount,
			kind: MovementKind::Refund,
			travel_rule: None,
		};
		T::Movement::check(&movement)?;
		if amount > 0 {
			T::Settlement::ensure_can_transfer(&who, &holder, amount)?;
		}
		Self::burn_units(id, series, &holder, units, Retirement::Recalled)?;
		if amount > 0 {
			T::Settlement::transfer(&who, &holder, amount)?;
		}
		// Charged the bound: no refund.
		let _ = T::Movement::record(&movement);
		Self::deposit_event(Event::Refunded { series: id, holder, units, amount, reason });
		Ok(())
	}

	/// What a refund of one unit of series `id` pays its holder now: the higher of the issue
	/// price and the oracle's fresh reference price. The reference price counts up to the face
	/// value for physical and digital coupons (a unit is worth at most its face value in goods,
	/// and they are sold at or below it); financial coupons may trade above face value, so
	/// theirs counts in full. Without a fresh reference price: the issue price.
	pub fn refund_unit_price(
		id: SeriesId,
		series: &Series<T::AccountId, T::MaxTermsLen>,
	) -> Balance {
		let reference = T::Oracle::reference_price(id).unwrap_or_default();
		let reference = match series.kind {
			CouponKind::Financial => reference,
			CouponKind::Physical | CouponKind::Digital => reference.min(series.face_value),
		};
		series.issue_price.max(reference)
	}

	pub(crate) fn do_set_listed(id: SeriesId, listed: bool, reason: u8) -> DispatchResult {
		SeriesOf::<T>::try_mutate(id, |series| {
			let series = series.as_mut().ok_or(Error::<T>::UnknownSeries)?;
			match (series.status, listed) {
				(SeriesStatus::Expired, _) => Err(Error::<T>::SeriesExpired),
				(SeriesStatus::Active, false) => {
					series.status = SeriesStatus::Delisted;
					Ok(())
				},
				(SeriesStatus::Delisted, true) => {
					series.status = SeriesStatus::Active;
					Ok(())
				},
				(SeriesStatus::Delisted, false) => Err(Error::<T>::SeriesDelisted),
				(SeriesStatus::Active, true) => Err(Error::<T>::NotDelisted),
			}
		})?;
		Self::deposit_event(if listed {
			Event::Relisted { series: id }
		} else {
			Event::Delisted { series: id, reason }
		});
		Ok(())
	}

	/// The series, when `who` issued it and it has not expired.
	fn issuers_series(
		who: &T::AccountId,
		id: SeriesId,
	) -> Result<Series<T::AccountId, T::MaxTermsLen>, DispatchError> {
		let series = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		ensure!(&series.issuer == who, Error::<T>::NotIssuer);
		ensure!(
			series.status != SeriesStatus::Expired && Self::now() < series.valid_until,
			Error::<T>::SeriesExpired
		);
		Ok(series)
	}

	/// Burn `units` of `holder` (checked by the caller: the holding covers them), update the
	/// statistics and the issuer's credit.
	pub(crate) fn burn_units(
		id: SeriesId,
		mut series: Series<T::AccountId, T::MaxTermsLen>,
		holder: &T::AccountId,
		units: u64,
		how: Retirement,
	) -> DispatchResult {
		let left = crate::Holdings::<T>::get(id, holder)
			.checked_sub(units)
			.ok_or(Error::<T>::InsufficientUnits)?;
		let face = series.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		let issuer = series.issuer.clone();
		Self::retire(&mut series.stats, units, face, how);
		let mut issuer_stats = IssuerStats::<T>::get(&issuer);
		Self::retire(&mut issuer_stats, units, face, how);
		Self::set_holding(id, holder, left);
		AccountUnits::<T>::mutate(holder, |u| *u = u.saturating_sub(units));
		SeriesOf::<T>::insert(id, series);
		IssuerStats::<T>::insert(&issuer, issuer_stats);
		T::Credit::note_retired(&issuer, face, how);
		Self::deposit_event(Event::Burned { series: id, holder: holder.clone(), units, how });
		Ok(())
	}

	/// Count `units` (worth `face`) leaving circulation `how`.
	pub(crate) fn retire(
		stats: &mut CouponStats<Balance>,
		units: u64,
		face: Balance,
		how: Retirement,
	) {
		match how {
			Retirement::Redeemed => stats.redeemed = stats.redeemed.saturating_add(units),
			Retirement::Expired => stats.expired = stats.expired.saturating_add(units),
			Retirement::Recalled | Retirement::Compensated => {
				stats.recalled = stats.recalled.saturating_add(units)
			},
		}
		stats.outstanding_face = stats.outstanding_face.saturating_sub(face);
	}
}
