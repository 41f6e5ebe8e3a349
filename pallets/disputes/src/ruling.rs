//! Rulings and deadlines: an arbitrator's or governance's ruling, the default ruling when the
//! issuer is silent, escalation when no one rules in time; and the ruling's execution.
//!
//! A refund is a **buy-back**: the issuer pays the awarded share of the units' face value and
//! takes the units back (burned) in proportion to what it paid — all of them when it paid the
//! award in full, `⌈units × paid / award⌉` when it could pay only part (the holder keeps the
//! rest, unpaid, and may claim compensation with them). Refunded units never stay with the
//! holder, so the same units cannot be refunded twice.

use crate::{Config, DisputeId, DisputeOf, Disputes, Error, Event, Pallet, Ruler, Ruling, Status};
use genex_primitives::{
	Balance, ClaimFunds, Collateral, CouponLedger, Retirement, SanctionsScreen,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Consideration},
	frame_system::Pallet as System,
	sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Perbill, Rounding},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_rule(
		id: DisputeId,
		ruling: Ruling,
		by: Ruler<T::AccountId>,
	) -> DispatchResult {
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		if let Ruler::Arbitrator(who) = &by {
			Self::ensure_arbiter(who, &dispute.claimant, &dispute.respondent)?;
			// The issuer is heard first: no refund before it answered or its time ran out.
			ensure!(
				!matches!(ruling, Ruling::Refund(_))
					|| dispute.status != Status::Open
					|| System::<T>::block_number() > Self::respond_by(dispute.opened_at),
				Error::<T>::AwaitingResponse
			);
		}
		Self::execute(id, dispute, ruling, by)
	}

	/// The claimant takes the default ruling: the issuer did not answer in time. The award is
	/// the issue price of the units (what the issuer sold them for), not their face value: no
	/// arbitrator has weighed the claim.
	pub(crate) fn do_rule_by_default(who: T::AccountId, id: DisputeId) -> DispatchResult {
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.claimant == who, Error::<T>::NotClaimant);
		ensure!(
			dispute.status == Status::Open
				&& System::<T>::block_number() > Self::respond_by(dispute.opened_at),
			Error::<T>::RespondentNotSilent
		);
		let info = T::Coupons::info(dispute.series).ok_or(Error::<T>::UnknownSeries)?;
		let share = if info.face_value == 0 {
			Perbill::one()
		} else {
			Perbill::from_rational(info.issue_price.min(info.face_value), info.face_value)
		};
		Self::execute(id, dispute, Ruling::Refund(share), Ruler::Default)
	}

	pub(crate) fn do_escalate(id: DisputeId) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		// An issuer that never answered loses by default instead (`rule_by_default`).
		ensure!(dispute.status != Status::Open, Error::<T>::Unanswered);
		ensure!(
			dispute.status != Status::Escalated
				&& System::<T>::block_number() > Self::rule_by(dispute.opened_at),
			Error::<T>::NotOverdue
		);
		dispute.status = Status::Escalated;
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Escalated { id });
		Ok(())
	}

	/// Carries out `ruling` on `dispute`: checks first (the award, sanctions), then the
	/// payment, the buy-back and unlock, the deposit, the credit.
	fn execute(
		id: DisputeId,
		dispute: DisputeOf<T>,
		ruling: Ruling,
		by: Ruler<T::AccountId>,
	) -> DispatchResult {
		let (mut paid, mut shortfall) = (0, 0);
		match ruling {
			Ruling::Refund(share) => {
				ensure!(!share.is_zero(), Error::<T>::ZeroRefund);
				// No payment to or from a blocked account.
				T::Sanctions::ensure_clear(&dispute.respondent, &dispute.claimant)?;
				let award = Self::award(&dispute, share)?;
				Self::close(id, &dispute);
				// No one weighed a default ruling: it draws only on the collateral the issuer
				// could withdraw itself, or a silent issuer could pay a holder it controls out
				// of what backs its other holders' coupons.
				let collateral = match &by {
					Ruler::Default => Collateral::Surplus,
					Ruler::Arbitrator(_) | Ruler::Governance => Collateral::All,
				};
				paid =
					T::Funds::pay_claim(&dispute.respondent, &dispute.claimant, award, collateral)?;
				shortfall = award.saturating_sub(paid);
				let back = Self::units_bought_back(dispute.units, paid, award);
				// When the units cannot be burned any more (the series expired meanwhile) they
				// stay unlocked: worthless, swept with the series.
				if back > 0
					&& T::Coupons::ensure_can_burn(
						dispute.series,
						&dispute.claimant,
						back,
						&[],
						Retirement::Compensated,
					)
					.is_ok()
				{
					T::Coupons::burn(
						dispute.series,
						&dispute.claimant,
						back,
						&[],
						Retirement::Compensated,
					)?;
				}
				T::Funds::note_claim_upheld(&dispute.respondent);
				dispute.deposit.drop(&dispute.claimant)?;
			},
			Ruling::Reject => {
				Self::close(id, &dispute);
				dispute.deposit.drop(&dispute.claimant)?;
			},
			Ruling::Malicious => {
				Self::close(id, &dispute);
				dispute.deposit.burn(&dispute.claimant);
			},
		}
		Self::deposit_event(Event::Ruled {
			id,
			claimant: dispute.claimant,
			respondent: dispute.respondent,
			ruling,
			by,
			paid,
			shortfall,
		});
		Ok(())
	}

	/// `share` of the face value of the dispute's units.
	fn award(dispute: &DisputeOf<T>, share: Perbill) -> Result<Balance, DispatchError> {
		let info = T::Coupons::info(dispute.series).ok_or(Error::<T>::UnknownSeries)?;
		let face = info
			.face_value
			.checked_mul(Balance::from(dispute.units))
			.ok_or(Error::<T>::Overflow)?;
		Ok(share.mul_floor(face))
	}

	/// Units a refund of `paid` out of `award` takes back: `⌈units × paid / award⌉` (all of
	/// them when paid in full, none when nothing was paid).
	pub fn units_bought_back(units: u64, paid: Balance, award: Balance) -> u64 {
		if award == 0 || paid >= award {
			return if award == 0 { 0 } else { units };
		}
		multiply_by_rational_with_rounding(u128::from(units), paid, award, Rounding::Up)
			.and_then(|n| u64::try_from(n).ok())
			.map_or(units, |n| n.min(units))
	}
}
