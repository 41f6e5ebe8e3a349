//! P2P transfers through the value-movement gate.

use crate::{AccountUnits, Config, Error, Event, Holdings, IssuerStats, Pallet, SeriesOf};
use genex_primitives::{
	CreditLimit, KycLevel, KycProvider, Movement, MovementKind, SanctionsScreen, SeriesId,
	TransferredAsset, TravelRuleData, ValueMovement,
};
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Every check, the compliance pallets' included, before the first write.
	pub(crate) fn do_transfer(
		from: T::AccountId,
		id: SeriesId,
		to: T::AccountId,
		units: u64,
		travel_rule: Option<TravelRuleData>,
	) -> Result<Option<Weight>, DispatchError> {
		Self::move_units(from, id, to, units, Some(travel_rule))
	}

	/// A holding in a chain's genesis: the issuer's units placed with `to` as the chain's
	/// starting state. Every check of a transfer applies except the rolling-window ones (the
	/// Travel-Rule threshold and the daily P2P limits): no window exists before the first
	/// block, and what the operators put in genesis is not a transfer anyone reports.
	pub(crate) fn do_genesis_holding(
		issuer: T::AccountId,
		id: SeriesId,
		to: T::AccountId,
		units: u64,
	) -> DispatchResult {
		Self::move_units(issuer, id, to, units, None).map(|_| ())
	}

	/// `route`: `Some(None)` a plain transfer, `Some(Some(data))` one with Travel-Rule data,
	/// `None` a genesis holding (no window checks, nothing counted). Returns the monitoring
	/// weight the gate used when the units moved and were recorded (`None` when held, or a
	/// genesis holding).
	fn move_units(
		from: T::AccountId,
		id: SeriesId,
		to: T::AccountId,
		units: u64,
		route: Option<Option<TravelRuleData>>,
	) -> Result<Option<Weight>, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(from != to, Error::<T>::SelfTransfer);
		let mut series = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		Self::ensure_live(&series)?;
		ensure!(!T::Credit::is_frozen(&series.issuer), Error::<T>::IssuerAtRisk);
		let value = series.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		let movement = Movement {
			from: &from,
			to: &to,
			asset: TransferredAsset::Coupon { series: id },
			value,
			kind: MovementKind::P2p,
			travel_rule: route.as_ref().and_then(Option::as_ref),
		};
		match &route {
			Some(_) => T::Movement::check(&movement)?,
			// A genesis holding: sanctions and levels, no window.
			None => {
				T::Sanctions::ensure_clear(&from, &to)?;
				T::Kyc::ensure_level(&from, KycLevel::L1)?;
				T::Kyc::ensure_level(&to, KycLevel::L1)?;
			},
		}
		ensure!(Self::free_units(id, &from) >= units, Error::<T>::InsufficientUnits);
		let from_units = Holdings::<T>::get(id, &from).saturating_sub(units);
		let from_total = AccountUnits::<T>::get(&from).saturating_sub(units);
		let to_units =
			Holdings::<T>::get(id, &to).checked_add(units).ok_or(Error::<T>::Overflow)?;
		let to_total =
			AccountUnits::<T>::get(&to).checked_add(units).ok_or(Error::<T>::Overflow)?;
		if to != series.issuer {
			ensure!(to_total <= T::Kyc::max_holdings(&to), Error::<T>::HoldingLimitExceeded);
		}
		let sale = from == series.issuer;
		if route.is_some() && T::Movement::review_required(&movement) {
			// A large transfer waits for a compliance officer, its units locked in the
			// sender's holding.
			T::Movement::ensure_can_hold(&movement, units.into())?;
			T::Movement::hold(&movement, units.into())?;
			return Ok(None);
		}

		let recorded = route.is_some().then(|| T::Movement::record(&movement));
		let travel_rule_record = recorded.and_then(|r| r.travel_rule_record);
		Self::set_holding(id, &from, from_units);
		Holdings::<T>::insert(id, &to, to_units);
		AccountUnits::<T>::insert(&from, from_total);
		AccountUnits::<T>::insert(&to, to_total);
		if sale {
			series.stats.sold = series.stats.sold.saturating_add(units);
			IssuerStats::<T>::mutate(&series.issuer, |s| s.sold = s.sold.saturating_add(units));
			SeriesOf::<T>::insert(id, series);
		}
		Self::deposit_event(Event::Transferred { series: id, from, to, units, travel_rule_record });
		Ok(recorded.map(|r| r.monitor_weight))
	}

	/// Units of `who`'s holding of `id` the market does not lock.
	pub fn free_units(id: SeriesId, who: &T::AccountId) -> u64 {
		Holdings::<T>::get(id, who).saturating_sub(crate::Locked::<T>::get(id, who))
	}

	/// Store a holding, removing the entry at zero.
	pub(crate) fn set_holding(id: SeriesId, who: &T::AccountId, units: u64) {
		if units == 0 {
			Holdings::<T>::remove(id, who);
		} else {
			Holdings::<T>::insert(id, who, units);
		}
	}
}
