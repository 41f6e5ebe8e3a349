//! [`CouponLedger`] for the redemption, issuers and market pallets; the verification the
//! runtime API serves; the invariants.

use crate::{Config, Error, Holdings, IssuerStats, Pallet, RedeemedSerials, SeriesOf};
use genex_primitives::{
	Balance, CouponInfo, CouponKind, CouponLedger, CouponProblem, CouponStats, CouponVerification,
	CreditLimit, KycProvider, Retirement, SeriesId, SeriesStatus,
};
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::Get};

impl<T: Config> Pallet<T> {
	/// May `holder` redeem `units` of `series` now? What merchants' terminals ask.
	pub fn verify(
		series: SeriesId,
		holder: &T::AccountId,
		units: u64,
	) -> CouponVerification<T::AccountId, Balance> {
		let holder_units = Self::free_units(series, holder);
		let Some(s) = SeriesOf::<T>::get(series) else {
			return CouponVerification {
				redeemable: false,
				problem: Some(CouponProblem::UnknownSeries),
				holder_units,
				issuer_frozen: false,
				series: None,
			};
		};
		let now = Self::now();
		let issuer_frozen = T::Credit::is_frozen(&s.issuer);
		let problem = if s.status == SeriesStatus::Expired || now >= s.valid_until {
			Some(CouponProblem::Expired)
		} else if now < s.valid_from {
			Some(CouponProblem::NotYetValid)
		} else if holder_units < units || units == 0 {
			Some(CouponProblem::InsufficientUnits)
		} else if issuer_frozen {
			Some(CouponProblem::IssuerFrozen)
		} else if s.status == SeriesStatus::Delisted {
			Some(CouponProblem::Delisted)
		} else {
			None
		};
		// A frozen issuer's or a delisted series' coupons stay redeemable; the problem warns.
		let redeemable = matches!(
			problem,
			None | Some(CouponProblem::IssuerFrozen) | Some(CouponProblem::Delisted)
		);
		CouponVerification {
			redeemable,
			problem,
			holder_units,
			issuer_frozen,
			series: Some(s.info()),
		}
	}

	/// A series' public view and statistics.
	pub fn series_info(
		series: SeriesId,
	) -> Option<(CouponInfo<T::AccountId, Balance>, CouponStats<Balance>)> {
		SeriesOf::<T>::get(series).map(|s| (s.info(), s.stats))
	}

	/// Statistics over all of `issuer`'s series.
	pub fn issuer_stats(issuer: &T::AccountId) -> CouponStats<Balance> {
		IssuerStats::<T>::get(issuer)
	}

	fn check_serials(
		id: SeriesId,
		kind: CouponKind,
		next_serial: u64,
		units: u64,
		serials: &[u64],
		how: Retirement,
	) -> DispatchResult {
		let needs_serials = kind == CouponKind::Physical && how == Retirement::Redeemed;
		if !needs_serials {
			ensure!(serials.is_empty(), Error::<T>::WrongSerials);
			return Ok(());
		}
		ensure!(serials.len() as u64 == units, Error::<T>::WrongSerials);
		ensure!(serials.len() <= T::MaxSerials::get() as usize, Error::<T>::WrongSerials);
		for (i, serial) in serials.iter().enumerate() {
			ensure!(*serial < next_serial, Error::<T>::InvalidSerial);
			ensure!(!RedeemedSerials::<T>::contains_key(id, serial), Error::<T>::InvalidSerial);
			// At most `MaxSerials` (bounded above): quadratic but tiny.
			ensure!(!serials.iter().take(i).any(|s| s == serial), Error::<T>::InvalidSerial);
		}
		Ok(())
	}

	/// Invariants: per series, holdings sum to supply (minted − redeemed − expired − recalled;
	/// the market's escrow joins with the market) and outstanding face = supply × face value; an
	/// issuer's statistics are the sum of its series'; `AccountUnits` sums each account's
	/// holdings; every series id is below `NextSeriesId`; every minimum validity is positive and
	/// for a valid jurisdiction.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut issuers: BTreeMap<T::AccountId, CouponStats<Balance>> = BTreeMap::new();
		let mut accounts: BTreeMap<T::AccountId, u64> = BTreeMap::new();
		let next = crate::NextSeriesId::<T>::get();
		for (id, s) in SeriesOf::<T>::iter() {
			ensure!(id < next, "series id at or above NextSeriesId");
			let mut held: u64 = 0;
			for (who, units) in Holdings::<T>::iter_prefix(id) {
				ensure!(units > 0, "zero holding stored");
				ensure!(crate::Locked::<T>::get(id, &who) <= units, "more locked than held");
				held = held.saturating_add(units);
				let a = accounts.entry(who).or_default();
				*a = a.saturating_add(units);
			}
			ensure!(held == s.stats.supply(), "holdings differ from supply");
			ensure!(
				s.stats.outstanding_face == s.face_value.saturating_mul(s.stats.supply().into()),
				"outstanding face differs from supply × face"
			);
			ensure!(s.stats.minted <= s.cap, "minted above cap");
			let i = issuers.entry(s.issuer.clone()).or_default();
			i.minted = i.minted.saturating_add(s.stats.minted);
			i.sold = i.sold.saturating_add(s.stats.sold);
			i.redeemed = i.redeemed.saturating_add(s.stats.redeemed);
			i.expired = i.expired.saturating_add(s.stats.expired);
			i.recalled = i.recalled.saturating_add(s.stats.recalled);
			i.breakage = i.breakage.saturating_add(s.stats.breakage);
			i.outstanding_face = i.outstanding_face.saturating_add(s.stats.outstanding_face);
		}
		for (issuer, stats) in IssuerStats::<T>::iter() {
			ensure!(
				issuers.remove(&issuer).unwrap_or_default() == stats,
				"issuer statistics drift"
			);
		}
		ensure!(
			issuers.values().all(|s| *s == CouponStats::default()),
			"issuer statistics missing"
		);
		for (who, units) in crate::AccountUnits::<T>::iter() {
			ensure!(accounts.remove(&who).unwrap_or_default() == units, "account units drift");
		}
		ensure!(accounts.is_empty(), "account units missing");
		for (id, who, units) in crate::Locked::<T>::iter() {
			ensure!(units > 0, "zero lock stored");
			ensure!(Holdings::<T>::contains_key(id, &who), "lock without holding");
		}
		for (_, jurisdiction, min) in crate::MinValidity::<T>::iter() {
			ensure!(min > 0, "zero minimum validity stored");
			ensure!(
				genex_primitives::kyc::is_valid_jurisdiction(&jurisdiction),
				"minimum validity for an invalid jurisdiction"
			);
		}
		Ok(())
	}
}

impl<T: Config> CouponLedger<T::AccountId, Balance> for Pallet<T> {
	fn info(series: SeriesId) -> Option<CouponInfo<T::AccountId, Balance>> {
		SeriesOf::<T>::get(series).map(|s| s.info())
	}

	fn next_series_id() -> SeriesId {
		crate::NextSeriesId::<T>::get()
	}

	fn balance(series: SeriesId, who: &T::AccountId) -> u64 {
		Self::free_units(series, who)
	}

	fn locked(series: SeriesId, who: &T::AccountId) -> u64 {
		crate::Locked::<T>::get(series, who)
	}

	fn ensure_can_lock(
		id: SeriesId,
		who: &T::AccountId,
		units: u64,
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let s = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		Self::ensure_live(&s)?;
		ensure!(Self::free_units(id, who) >= units, Error::<T>::InsufficientUnits);
		Ok(s.info())
	}

	fn lock(id: SeriesId, who: &T::AccountId, units: u64) -> DispatchResult {
		<Self as CouponLedger<T::AccountId, Balance>>::ensure_can_lock(id, who, units)?;
		// Cannot overflow: locked + units ≤ holding (checked above).
		crate::Locked::<T>::mutate(id, who, |l| *l = l.saturating_add(units));
		Ok(())
	}

	fn unlock(id: SeriesId, who: &T::AccountId, units: u64) -> u64 {
		crate::Locked::<T>::mutate_exists(id, who, |l| {
			let held = l.unwrap_or(0);
			let freed = units.min(held);
			let left = held.saturating_sub(freed);
			*l = (left > 0).then_some(left);
			freed
		})
	}

	fn ensure_can_deliver(
		id: SeriesId,
		from: &T::AccountId,
		to: &T::AccountId,
		units: u64,
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(from != to, Error::<T>::SelfTransfer);
		let s = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		Self::ensure_live(&s)?;
		ensure!(crate::Locked::<T>::get(id, from) >= units, Error::<T>::InsufficientLocked);
		let to_total =
			crate::AccountUnits::<T>::get(to).checked_add(units).ok_or(Error::<T>::Overflow)?;
		if *to != s.issuer {
			ensure!(to_total <= T::Kyc::max_holdings(to), Error::<T>::HoldingLimitExceeded);
		}
		Ok(s.info())
	}

	fn deliver(id: SeriesId, from: &T::AccountId, to: &T::AccountId, units: u64) -> DispatchResult {
		let info =
			<Self as CouponLedger<T::AccountId, Balance>>::ensure_can_deliver(id, from, to, units)?;
		// Checked above: `from` has `units` locked, hence held; `to`'s totals do not overflow.
		let from_units = Holdings::<T>::get(id, from).saturating_sub(units);
		<Self as CouponLedger<T::AccountId, Balance>>::unlock(id, from, units);
		Self::set_holding(id, from, from_units);
		Holdings::<T>::mutate(id, to, |h| *h = h.saturating_add(units));
		crate::AccountUnits::<T>::mutate(from, |u| *u = u.saturating_sub(units));
		crate::AccountUnits::<T>::mutate(to, |u| *u = u.saturating_add(units));
		if *from == info.issuer {
			SeriesOf::<T>::mutate(id, |s| {
				if let Some(s) = s {
					s.stats.sold = s.stats.sold.saturating_add(units);
				}
			});
			IssuerStats::<T>::mutate(&info.issuer, |s| s.sold = s.sold.saturating_add(units));
		}
		Self::deposit_event(crate::Event::Delivered {
			series: id,
			from: from.clone(),
			to: to.clone(),
			units,
		});
		Ok(())
	}

	fn holding_room(id: SeriesId, who: &T::AccountId) -> u64 {
		Self::do_holding_room(id, who)
	}

	fn ensure_can_settle(
		id: SeriesId,
		sold: &[(T::AccountId, u64)],
		bought: &[(T::AccountId, u64)],
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		Self::do_ensure_can_settle(id, sold, bought)
	}

	fn settle(
		id: SeriesId,
		sold: &[(T::AccountId, u64)],
		bought: &[(T::AccountId, u64)],
	) -> DispatchResult {
		Self::do_settle(id, sold, bought)
	}

	fn ensure_can_burn(
		id: SeriesId,
		holder: &T::AccountId,
		units: u64,
		serials: &[u64],
		how: Retirement,
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let s = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		let now = Self::now();
		ensure!(
			s.status != SeriesStatus::Expired && now < s.valid_until,
			Error::<T>::SeriesExpired
		);
		if how == Retirement::Redeemed {
			ensure!(now >= s.valid_from, Error::<T>::NotYetValid);
		}
		ensure!(Self::free_units(id, holder) >= units, Error::<T>::InsufficientUnits);
		Self::check_serials(id, s.kind, s.next_serial, units, serials, how)?;
		Ok(s.info())
	}

	fn burn(
		id: SeriesId,
		holder: &T::AccountId,
		units: u64,
		serials: &[u64],
		how: Retirement,
	) -> DispatchResult {
		<Self as CouponLedger<T::AccountId, Balance>>::ensure_can_burn(
			id, holder, units, serials, how,
		)?;
		let series = SeriesOf::<T>::get(id).ok_or(Error::<T>::UnknownSeries)?;
		for serial in serials {
			RedeemedSerials::<T>::insert(id, serial, ());
		}
		Self::burn_units(id, series, holder, units, how)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_series(
		issuer: &T::AccountId,
		holder: &T::AccountId,
		units: u64,
		kind: CouponKind,
	) -> SeriesId {
		use genex_primitives::{KycLevel, KycProvider};
		T::Kyc::set_level(issuer, KycLevel::L3);
		T::Kyc::set_level(holder, KycLevel::L3);
		T::Credit::make_issuer(issuer, 1_000_000_000_000_000_000);
		let now = Self::now();
		let terms = crate::SeriesTerms {
			kind,
			face_value: crate::bench_face::<T>(),
			issue_price: crate::bench_face::<T>() / 10 * 9,
			valid_from: 0,
			valid_until: now.saturating_add(86_400_000),
			terms: alloc::vec![b'x'; T::MaxTermsLen::get() as usize],
			cap: units.saturating_mul(2),
			gift_card: false,
			jurisdiction: None,
		};
		let id = Self::do_create_series(issuer.clone(), terms, units)
			.expect("benchmark issuer is L3 with an ample limit; qed");
		if holder != issuer {
			let left = Holdings::<T>::get(id, issuer).saturating_sub(units);
			Self::set_holding(id, issuer, left);
			Holdings::<T>::insert(id, holder, units);
			crate::AccountUnits::<T>::mutate(issuer, |u| *u = u.saturating_sub(units));
			crate::AccountUnits::<T>::mutate(holder, |u| *u = u.saturating_add(units));
		}
		id
	}
}
