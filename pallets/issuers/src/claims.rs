//! Upheld dispute claims ([`ClaimFunds`]): the refund comes out of the issuer's deposit, then
//! its escrow, then its own free stablecoin (a frozen issuer's deposit and escrow are left to
//! its holders' compensation); the claim counts against its credit as a redemption requested
//! and not honoured.

use crate::{Config, Event, Issuers, Pallet};
use genex_primitives::{Balance, ClaimFunds, IssuerStatus, Settlement};
use polkadot_sdk::sp_runtime::DispatchError;

impl<T: Config> ClaimFunds<T::AccountId> for Pallet<T> {
	fn pay_claim(
		issuer: &T::AccountId,
		holder: &T::AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let mut record = Issuers::<T>::get(issuer);
		let (from_deposit, from_escrow) = match &record {
			// A frozen issuer's collateral is its holders' compensation pool, shared pro rata:
			// one claimant does not take it first.
			Some(r) if r.status == IssuerStatus::Frozen => (0, 0),
			Some(r) => {
				let from_deposit = amount.min(r.deposit);
				(from_deposit, amount.saturating_sub(from_deposit).min(r.escrow))
			},
			None => (0, 0),
		};
		let from_collateral = from_deposit.saturating_add(from_escrow);
		let rest = amount.saturating_sub(from_collateral);
		let from_issuer = rest.min(T::Settlement::spendable(issuer));
		let pot = Self::account_id();
		// Checks first: the collateral must move (the books say the pot holds it); the issuer's
		// own funds move if they can (an account at its minimum balance pays what it may).
		if from_collateral > 0 {
			T::Settlement::ensure_can_transfer(&pot, holder, from_collateral)?;
		}
		let from_issuer = if from_issuer > 0
			&& T::Settlement::ensure_can_transfer(issuer, holder, from_issuer).is_ok()
		{
			from_issuer
		} else {
			0
		};
		if from_collateral > 0 {
			T::Settlement::transfer(&pot, holder, from_collateral)?;
			if let Some(r) = record.as_mut() {
				r.deposit = r.deposit.saturating_sub(from_deposit);
				r.escrow = r.escrow.saturating_sub(from_escrow);
			}
			if let Some(r) = record {
				Issuers::<T>::insert(issuer, r);
			}
		}
		if from_issuer > 0 {
			T::Settlement::transfer(issuer, holder, from_issuer)?;
		}
		let paid = from_collateral.saturating_add(from_issuer);
		Self::deposit_event(Event::ClaimPaid {
			issuer: issuer.clone(),
			holder: holder.clone(),
			from_deposit,
			from_escrow,
			from_issuer,
		});
		Ok(paid)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn fund_claims(issuer: &T::AccountId, amount: Balance) {
		use genex_primitives::CreditLimit;
		if !Issuers::<T>::contains_key(issuer) {
			<Self as CreditLimit<T::AccountId, Balance>>::make_issuer(issuer, 1_000);
		}
		let half = amount / 2;
		T::Settlement::fund(&Self::account_id(), half);
		Issuers::<T>::mutate(issuer, |r| {
			if let Some(r) = r {
				r.deposit = r.deposit.saturating_add(half);
			}
		});
		T::Settlement::fund(issuer, amount);
	}

	fn note_claim_upheld(issuer: &T::AccountId) {
		Issuers::<T>::mutate(issuer, |r| {
			if let Some(r) = r {
				r.inputs.requested = r.inputs.requested.saturating_add(1);
			}
		});
	}
}
