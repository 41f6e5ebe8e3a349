//! Upheld dispute claims ([`ClaimFunds`]): the refund comes out of the issuer's deposit, then
//! its escrow, then its own free stablecoin (a frozen issuer's deposit and escrow are left to
//! its holders' compensation; a default ruling draws only on the deposit the issuer could
//! withdraw itself); the claim counts against its credit as a redemption requested and not
//! honoured.

use crate::{score, Config, Event, Issuer, Issuers, Pallet, TierLimits};
use genex_primitives::{Balance, ClaimFunds, Collateral, IssuerStatus, Settlement};
use polkadot_sdk::{frame_support::traits::Get, sp_runtime::DispatchError};

impl<T: Config> Pallet<T> {
	/// The part of `record`'s deposit `who` could withdraw: the most that leaves its issuance
	/// limit at or above its outstanding face value (the rule of `withdrawDeposit`). The score
	/// and tier do not depend on the deposit and the limit grows with it, so the least deposit
	/// that covers is found by bisection (at most 128 steps of arithmetic, nothing read in the
	/// loop).
	pub(crate) fn surplus_deposit(who: &T::AccountId, record: &Issuer<T::MaxNameLen>) -> Balance {
		let outstanding = record.inputs.outstanding_face;
		let tier = score::tier(Self::score_of(who, record));
		let limits = TierLimits::<T>::get();
		let covers = |deposit: Balance| {
			score::limit(&limits, tier, deposit, T::DepositLeverage::get(), record.limit_cut)
				>= outstanding
		};
		if !covers(record.deposit) {
			return 0;
		}
		if covers(0) {
			return record.deposit;
		}
		// The least deposit that covers lies in (low, high]: `covers(high)` holds and
		// `covers(low)` does not.
		let (mut low, mut high) = (0, record.deposit);
		while high.saturating_sub(low) > 1 {
			let mid = low.saturating_add(high.saturating_sub(low) / 2);
			if covers(mid) {
				high = mid;
			} else {
				low = mid;
			}
		}
		record.deposit.saturating_sub(high)
	}
}

impl<T: Config> ClaimFunds<T::AccountId> for Pallet<T> {
	fn pay_claim(
		issuer: &T::AccountId,
		holder: &T::AccountId,
		amount: Balance,
		collateral: Collateral,
	) -> Result<Balance, DispatchError> {
		let mut record = Issuers::<T>::get(issuer);
		let (from_deposit, from_escrow) = match &record {
			// A frozen issuer's collateral is its holders' compensation pool, shared pro rata:
			// one claimant does not take it first.
			Some(r) if r.status == IssuerStatus::Frozen => (0, 0),
			Some(r) => match collateral {
				Collateral::All => {
					let from_deposit = amount.min(r.deposit);
					(from_deposit, amount.saturating_sub(from_deposit).min(r.escrow))
				},
				Collateral::Surplus => (amount.min(Self::surplus_deposit(issuer, r)), 0),
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
				// Half the deposit backs outstanding coupons: a default ruling's surplus is
				// found by the whole bisection.
				let tier = score::tier(Self::score_of(issuer, r));
				let limit = score::limit(
					&TierLimits::<T>::get(),
					tier,
					r.deposit / 2,
					T::DepositLeverage::get(),
					r.limit_cut,
				);
				let more = limit.saturating_sub(r.inputs.outstanding_face);
				r.inputs.outstanding_face = r.inputs.outstanding_face.saturating_add(more);
				r.inputs.issued_face = r.inputs.issued_face.saturating_add(more);
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
