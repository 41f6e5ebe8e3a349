//! A claimant's side and the issuer's answer: open, respond, withdraw.

use crate::{
	Category, Config, Dispute, DisputeId, Disputes, Error, Event, NextDisputeId, OpenClaims,
	Pallet, Status,
};
use genex_primitives::{Affiliation, CouponLedger, SanctionsScreen, SeriesId};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Consideration},
	frame_system::{pallet_prelude::BlockNumberFor, Pallet as System},
	sp_core::H256,
	sp_runtime::Saturating,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_open(
		claimant: T::AccountId,
		series: SeriesId,
		units: u64,
		category: Category,
		evidence: H256,
	) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let info = T::Coupons::info(series).ok_or(Error::<T>::UnknownSeries)?;
		let respondent = info.issuer;
		ensure!(!T::Affiliation::is_insider(&respondent, &claimant), Error::<T>::InsiderClaim);
		T::Sanctions::ensure_not_blocked(&claimant)?;
		let open = OpenClaims::<T>::get(&claimant);
		ensure!(open < T::MaxOpenPerClaimant::get(), Error::<T>::TooManyOpenDisputes);
		T::Coupons::ensure_can_lock(series, &claimant, units)?;
		let id = NextDisputeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let now = System::<T>::block_number();
		// The first write: holding the deposit. A later error reverts it with the call's
		// storage layer.
		let deposit = T::ClaimDeposit::new(&claimant, Self::claim_footprint())?;
		T::Coupons::lock(series, &claimant, units)?;
		Disputes::<T>::insert(
			id,
			Dispute {
				claimant: claimant.clone(),
				respondent: respondent.clone(),
				series,
				units,
				category,
				claim: evidence,
				response: None,
				opened_at: now,
				status: Status::Open,
				deposit,
			},
		);
		NextDisputeId::<T>::put(next);
		OpenClaims::<T>::insert(&claimant, open.saturating_add(1));
		Self::deposit_event(Event::Opened {
			id,
			claimant,
			respondent,
			series,
			units,
			category,
			evidence,
			respond_by: Self::respond_by(now),
			rule_by: Self::rule_by(now),
		});
		Ok(())
	}

	pub(crate) fn do_respond(who: T::AccountId, id: DisputeId, evidence: H256) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.respondent == who, Error::<T>::NotRespondent);
		ensure!(dispute.status == Status::Open, Error::<T>::NotOpen);
		ensure!(
			System::<T>::block_number() <= Self::respond_by(dispute.opened_at),
			Error::<T>::ResponseTooLate
		);
		dispute.response = Some(evidence);
		dispute.status = Status::Answered;
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Answered { id, evidence });
		Ok(())
	}

	pub(crate) fn do_withdraw(who: T::AccountId, id: DisputeId) -> DispatchResult {
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.claimant == who, Error::<T>::NotClaimant);
		// Once the issuer answered, only a ruling ends the dispute (a claimant about to be
		// ruled malicious does not walk away with its deposit).
		ensure!(dispute.status == Status::Open, Error::<T>::NotOpen);
		Self::close(id, &dispute);
		dispute.deposit.drop(&who)?;
		Self::deposit_event(Event::Withdrawn { id });
		Ok(())
	}

	/// The last block the respondent of a dispute opened at `opened_at` may answer in.
	pub fn respond_by(opened_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		opened_at.saturating_add(T::RespondWithin::get())
	}

	/// The last block a dispute opened at `opened_at` is within its time to be ruled.
	pub fn rule_by(opened_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		opened_at.saturating_add(T::HandleWithin::get())
	}

	/// Removes dispute `id` and its claimant's count, and unlocks its units (the deposit is
	/// the caller's to drop or burn).
	pub(crate) fn close(
		id: DisputeId,
		dispute: &Dispute<T::AccountId, BlockNumberFor<T>, T::ClaimDeposit>,
	) {
		T::Coupons::unlock(dispute.series, &dispute.claimant, dispute.units);
		Disputes::<T>::remove(id);
		OpenClaims::<T>::mutate_exists(&dispute.claimant, |open| {
			let left = open.unwrap_or(0).saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
	}

	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use genex_primitives::SeriesStatus;
		let next = NextDisputeId::<T>::get();
		let mut counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut locked: BTreeMap<(SeriesId, T::AccountId), u64> = BTreeMap::new();
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(id < next, "dispute id not yet issued");
			ensure!(dispute.units > 0, "a dispute about zero units");
			ensure!(
				(dispute.status == Status::Open) == dispute.response.is_none()
					|| dispute.status == Status::Escalated,
				"status and answer disagree"
			);
			let n = counts.entry(dispute.claimant.clone()).or_default();
			*n = n.saturating_add(1);
			let units = locked.entry((dispute.series, dispute.claimant.clone())).or_default();
			*units = units.saturating_add(dispute.units);
		}
		// The ledger's lock covers every open dispute (other pallets lock on top).
		for ((series, who), units) in locked {
			let live = T::Coupons::info(series).is_some_and(|i| i.status == SeriesStatus::Active);
			ensure!(
				!live || T::Coupons::locked(series, &who) >= units,
				"disputed units not locked"
			);
		}
		for (who, open) in OpenClaims::<T>::iter() {
			ensure!(counts.remove(&who) == Some(open), "open count drift");
			ensure!(open <= T::MaxOpenPerClaimant::get(), "too many open disputes");
		}
		ensure!(counts.is_empty(), "disputes without an open count");
		Ok(())
	}
}
