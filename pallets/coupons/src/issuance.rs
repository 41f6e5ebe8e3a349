//! Creating series and minting units, within the issuer's credit limit; the governed minimum
//! face value of new series.

use crate::{
	AccountUnits, Config, Error, Event, ExpiringAt, ExpiryCursor, Holdings, IssuerStats,
	MinFaceValue, NextSeriesId, Pallet, Series, SeriesOf, SeriesTerms, ValidityClass,
	EXPIRY_BUCKET_MS, LOG_TARGET,
};
use genex_primitives::{
	Balance, CouponKind, CouponStats, CreditLimit, SanctionsScreen, SeriesId, SeriesStatus,
};
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::UnixTime, BoundedVec};

impl<T: Config> Pallet<T> {
	/// Now, in milliseconds since the Unix epoch.
	pub(crate) fn now() -> u64 {
		u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
	}

	pub(crate) fn do_create_series(
		issuer: T::AccountId,
		t: SeriesTerms,
		units: u64,
	) -> Result<SeriesId, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(t.face_value > 0, Error::<T>::ZeroFaceValue);
		ensure!(t.face_value >= MinFaceValue::<T>::get(t.kind), Error::<T>::FaceValueTooLow);
		ensure!(
			t.kind == CouponKind::Financial || t.issue_price <= t.face_value,
			Error::<T>::PriceAboveFace
		);
		ensure!(t.valid_until > t.valid_from, Error::<T>::InvalidValidity);
		let now = Self::now();
		ensure!(t.valid_until > now, Error::<T>::ValidityInPast);
		Self::ensure_min_validity(
			&issuer,
			ValidityClass { kind: t.kind, gift_card: t.gift_card },
			t.jurisdiction,
			t.valid_from,
			t.valid_until,
			now,
		)?;
		ensure!(!t.terms.is_empty(), Error::<T>::EmptyTerms);
		let terms: BoundedVec<u8, T::MaxTermsLen> =
			t.terms.try_into().map_err(|_| Error::<T>::TermsTooLong)?;
		ensure!(units <= t.cap, Error::<T>::CapExceeded);
		T::Sanctions::ensure_not_blocked(&issuer)?;
		let face = t.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		T::Credit::ensure_can_issue(&issuer, face)?;
		let id = NextSeriesId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let hour = t.valid_until / EXPIRY_BUCKET_MS;
		let mut expiring = ExpiringAt::<T>::get(hour);
		expiring.try_push(id).map_err(|_| Error::<T>::ExpiryHourFull)?;
		let issuer_stats = Self::add_minted(IssuerStats::<T>::get(&issuer), units, face)?;
		let issuer_units =
			AccountUnits::<T>::get(&issuer).checked_add(units).ok_or(Error::<T>::Overflow)?;

		let series = Series {
			issuer: issuer.clone(),
			kind: t.kind,
			face_value: t.face_value,
			issue_price: t.issue_price,
			valid_from: t.valid_from,
			valid_until: t.valid_until,
			terms,
			cap: t.cap,
			status: SeriesStatus::Active,
			next_serial: units,
			stats: Self::add_minted(CouponStats::default(), units, face)?,
		};
		NextSeriesId::<T>::put(next);
		ExpiringAt::<T>::insert(hour, expiring);
		// The sweep starts at the earliest hour with a series in it (never later).
		if ExpiryCursor::<T>::get().is_none_or(|cursor| hour < cursor) {
			ExpiryCursor::<T>::put(hour);
		}
		SeriesOf::<T>::insert(id, series);
		Holdings::<T>::insert(id, &issuer, units);
		AccountUnits::<T>::insert(&issuer, issuer_units);
		IssuerStats::<T>::insert(&issuer, issuer_stats);
		T::Credit::note_issued(&issuer, face);
		log::debug!(target: LOG_TARGET, "series {} created by {:?}: {} units", id, issuer, units);
		Self::deposit_event(Event::SeriesCreated {
			series: id,
			issuer,
			kind: t.kind,
			face_value: t.face_value,
			issue_price: t.issue_price,
			valid_until: t.valid_until,
			cap: t.cap,
			gift_card: t.gift_card,
			jurisdiction: t.jurisdiction,
		});
		Self::deposit_event(Event::Minted { series: id, units, first_serial: 0 });
		Ok(id)
	}

	pub(crate) fn do_mint(who: T::AccountId, id: SeriesId, units: u64) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let mut series = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		ensure!(series.issuer == who, Error::<T>::NotIssuer);
		Self::ensure_live(&series)?;
		let minted = series.stats.minted.checked_add(units).ok_or(Error::<T>::Overflow)?;
		ensure!(minted <= series.cap, Error::<T>::CapExceeded);
		T::Sanctions::ensure_not_blocked(&who)?;
		let face = series.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		T::Credit::ensure_can_issue(&who, face)?;
		series.stats = Self::add_minted(series.stats, units, face)?;
		let issuer_stats = Self::add_minted(IssuerStats::<T>::get(&who), units, face)?;
		let holding =
			Holdings::<T>::get(id, &who).checked_add(units).ok_or(Error::<T>::Overflow)?;
		let total = AccountUnits::<T>::get(&who).checked_add(units).ok_or(Error::<T>::Overflow)?;
		let first_serial = series.next_serial;
		series.next_serial = first_serial.checked_add(units).ok_or(Error::<T>::Overflow)?;

		SeriesOf::<T>::insert(id, series);
		IssuerStats::<T>::insert(&who, issuer_stats);
		Holdings::<T>::insert(id, &who, holding);
		AccountUnits::<T>::insert(&who, total);
		T::Credit::note_issued(&who, face);
		Self::deposit_event(Event::Minted { series: id, units, first_serial });
		Ok(())
	}

	pub(crate) fn do_set_min_face_value(
		kind: CouponKind,
		min_face_value: Balance,
	) -> DispatchResult {
		MinFaceValue::<T>::insert(kind, min_face_value);
		Self::deposit_event(Event::MinFaceValueSet { kind, min_face_value });
		Ok(())
	}

	fn add_minted(
		mut stats: CouponStats<Balance>,
		units: u64,
		face: Balance,
	) -> Result<CouponStats<Balance>, Error<T>> {
		stats.minted = stats.minted.checked_add(units).ok_or(Error::<T>::Overflow)?;
		stats.outstanding_face =
			stats.outstanding_face.checked_add(face).ok_or(Error::<T>::Overflow)?;
		Ok(stats)
	}

	/// `Ok` while the series is listed and before its `valid_until`.
	pub(crate) fn ensure_live(series: &Series<T::AccountId, T::MaxTermsLen>) -> DispatchResult {
		match series.status {
			SeriesStatus::Expired => return Err(Error::<T>::SeriesExpired.into()),
			SeriesStatus::Delisted => return Err(Error::<T>::SeriesDelisted.into()),
			SeriesStatus::Active => {},
		}
		ensure!(Self::now() < series.valid_until, Error::<T>::SeriesExpired);
		Ok(())
	}
}
