//! Optional collateral: the deposit, the escrow share, and the compensation of a frozen
//! issuer's holders out of both.

use crate::{Compensation, Config, Error, Event, Issuers, Pallet};
use genex_primitives::{
	Affiliation, Balance, CouponLedger, IssuerStatus, Retirement, SanctionsScreen, SeriesId,
	Settlement,
};
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Perbill, Rounding},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_deposit(who: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut issuer = Issuers::<T>::get(&who).ok_or(Error::<T>::NotAnIssuer)?;
		ensure!(issuer.status != IssuerStatus::Frozen, Error::<T>::IssuerFrozen);
		T::Sanctions::ensure_not_blocked(&who)?;
		issuer.deposit = issuer.deposit.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let pot = Self::account_id();
		T::Settlement::ensure_can_transfer(&who, &pot, amount)?;
		T::Settlement::transfer(&who, &pot, amount)?;
		let (_, _, limit) = Self::standing(&who, &issuer);
		let deposit = issuer.deposit;
		Issuers::<T>::insert(&who, issuer);
		Self::deposit_event(Event::DepositChanged { issuer: who, deposit, limit });
		Ok(())
	}

	pub(crate) fn do_withdraw_deposit(who: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut issuer = Issuers::<T>::get(&who).ok_or(Error::<T>::NotAnIssuer)?;
		ensure!(issuer.status != IssuerStatus::Frozen, Error::<T>::IssuerFrozen);
		T::Sanctions::ensure_not_blocked(&who)?;
		issuer.deposit =
			issuer.deposit.checked_sub(amount).ok_or(Error::<T>::InsufficientDeposit)?;
		let (_, _, limit) = Self::standing(&who, &issuer);
		ensure!(limit >= issuer.inputs.outstanding_face, Error::<T>::LimitBelowOutstanding);
		let pot = Self::account_id();
		T::Settlement::ensure_can_transfer(&pot, &who, amount)?;
		T::Settlement::transfer(&pot, &who, amount)?;
		let deposit = issuer.deposit;
		Issuers::<T>::insert(&who, issuer);
		Self::deposit_event(Event::DepositChanged { issuer: who, deposit, limit });
		Ok(())
	}

	pub(crate) fn do_set_escrow_share(who: T::AccountId, share: Perbill) -> DispatchResult {
		ensure!(share <= T::MaxEscrowShare::get(), Error::<T>::EscrowShareTooHigh);
		let mut issuer = Issuers::<T>::get(&who).ok_or(Error::<T>::NotAnIssuer)?;
		ensure!(issuer.status != IssuerStatus::Frozen, Error::<T>::IssuerFrozen);
		if share < issuer.escrow_share {
			// The share earns score points, so it may carry part of the limit the outstanding
			// face value stands on (a deposit withdrawn on its strength, say): lowering it is
			// held to `withdrawDeposit`'s rule, unless it leaves the limit where it was (an
			// issuer already over its limit, by a lower rating say, may still lower its share
			// within the same points).
			let (_, _, before) = Self::standing(&who, &issuer);
			issuer.escrow_share = share;
			let (_, _, limit) = Self::standing(&who, &issuer);
			ensure!(
				limit >= issuer.inputs.outstanding_face || limit >= before,
				Error::<T>::LimitBelowOutstanding
			);
		}
		issuer.escrow_share = share;
		Issuers::<T>::insert(&who, issuer);
		Self::deposit_event(Event::EscrowShareSet { issuer: who, share });
		Ok(())
	}

	pub(crate) fn do_open_compensation(who: T::AccountId) -> DispatchResult {
		let mut issuer = Issuers::<T>::get(&who).ok_or(Error::<T>::NotAnIssuer)?;
		ensure!(issuer.status == IssuerStatus::Frozen, Error::<T>::NotFrozen);
		ensure!(issuer.compensation.is_none(), Error::<T>::CompensationOpen);
		let pool = issuer.deposit.saturating_add(issuer.escrow);
		let outstanding_face = issuer.inputs.outstanding_face;
		issuer.deposit = 0;
		issuer.escrow = 0;
		issuer.compensation = Some(Compensation { pool, outstanding_face, paid: 0 });
		Issuers::<T>::insert(&who, issuer);
		Self::deposit_event(Event::CompensationOpened { issuer: who, pool, outstanding_face });
		Ok(())
	}

	pub(crate) fn do_claim_compensation(holder: T::AccountId, series: SeriesId) -> DispatchResult {
		let info = T::Coupons::info(series).ok_or(Error::<T>::UnknownSeries)?;
		let mut issuer = Issuers::<T>::get(&info.issuer).ok_or(Error::<T>::NotAnIssuer)?;
		let mut compensation = issuer.compensation.ok_or(Error::<T>::NoCompensation)?;
		// The pool protects independent holders: the issuer's own unsold units and its
		// affiliates' holdings take nothing from it.
		ensure!(!T::Affiliation::is_insider(&info.issuer, &holder), Error::<T>::InsiderClaim);
		T::Sanctions::ensure_not_blocked(&holder)?;
		let units = T::Coupons::balance(series, &holder);
		ensure!(units > 0, Error::<T>::NothingToClaim);
		let face = info.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		let amount = Self::compensation_for(&compensation, face);
		T::Coupons::ensure_can_burn(series, &holder, units, &[], Retirement::Compensated)?;
		let pot = Self::account_id();
		if amount > 0 {
			T::Settlement::ensure_can_transfer(&pot, &holder, amount)?;
		}
		compensation.paid = compensation.paid.saturating_add(amount);
		issuer.compensation = Some(compensation);
		// The burn reports the retirement back through `CreditLimit::note_retired`, which
		// updates the stored issuer; write ours first so that update is not overwritten.
		Issuers::<T>::insert(&info.issuer, issuer);
		T::Coupons::burn(series, &holder, units, &[], Retirement::Compensated)?;
		if amount > 0 {
			T::Settlement::transfer(&pot, &holder, amount)?;
		}
		Self::deposit_event(Event::Compensated { holder, series, units, amount });
		Ok(())
	}

	/// A holder's share of the pool for `face` held: `pool × face / outstanding`, at most
	/// `face` and at most what is left.
	pub(crate) fn compensation_for(c: &Compensation, face: Balance) -> Balance {
		let share = if c.outstanding_face == 0 {
			0
		} else {
			multiply_by_rational_with_rounding(c.pool, face, c.outstanding_face, Rounding::Down)
				.unwrap_or(0)
		};
		share.min(face).min(c.pool.saturating_sub(c.paid))
	}
}
