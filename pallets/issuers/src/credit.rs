//! [`CreditLimit`] for the other pallets, the public credit report, and the invariants.

use crate::{
	score, ApprovedAt, Config, Error, Event, Issuer, Issuers, MinimumSample, Pallet, TierLimits,
	LOG_TARGET,
};
use genex_primitives::{
	Balance, CreditInputs, CreditLimit, CreditReport, IssuerStatus, Retirement, Settlement,
};
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	frame_system,
	sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding, traits::Saturating, Perbill, Rounding,
	},
};

impl<T: Config> Pallet<T> {
	/// Whether `who`, with `inputs`, has the minimum sample in force: enough independent
	/// redemptions and face value redeemed, and approved long enough ago.
	pub fn sample_met(who: &T::AccountId, inputs: &CreditInputs<Balance>) -> bool {
		let rule = MinimumSample::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let age = now.saturating_sub(ApprovedAt::<T>::get(who));
		score::sample_met(inputs, &rule, age)
	}

	/// The credit score of `who`, an issuer with `issuer`'s record.
	pub(crate) fn score_of(who: &T::AccountId, issuer: &Issuer<T::MaxNameLen>) -> u8 {
		let sampled = Self::sample_met(who, &issuer.inputs);
		score::score(&issuer.inputs, issuer.escrow_share, sampled)
	}

	/// (score, tier, limit) of `who`, an issuer with `issuer`'s record.
	pub(crate) fn standing(
		who: &T::AccountId,
		issuer: &Issuer<T::MaxNameLen>,
	) -> (u8, u8, Balance) {
		let score = Self::score_of(who, issuer);
		let tier = score::tier(score);
		let limit = score::limit(
			&TierLimits::<T>::get(),
			tier,
			issuer.deposit,
			T::DepositLeverage::get(),
			issuer.limit_cut,
		);
		(score, tier, limit)
	}

	/// The public credit report of `who`, if it is an approved issuer.
	pub fn credit_report(who: &T::AccountId) -> Option<CreditReport<Balance>> {
		let issuer = Issuers::<T>::get(who)?;
		let (score, tier, limit) = Self::standing(who, &issuer);
		Some(CreditReport {
			status: issuer.status,
			score,
			tier,
			limit,
			deposit: issuer.deposit,
			escrow: issuer.escrow,
			escrow_share: issuer.escrow_share,
			limit_cut: issuer.limit_cut,
			inputs: issuer.inputs,
		})
	}

	/// Escrow released when `face` of `outstanding` face value retires: the same share of
	/// the escrow.
	fn escrow_release(escrow: Balance, face: Balance, outstanding: Balance) -> Balance {
		if outstanding == 0 {
			return escrow;
		}
		multiply_by_rational_with_rounding(
			escrow,
			face.min(outstanding),
			outstanding,
			Rounding::Down,
		)
		.unwrap_or(0)
	}

	/// Invariants: tier limits ordered; the pot holds at least every deposit, escrow and
	/// unpaid compensation; a compensation never pays more than its pool; only frozen issuers
	/// have one; issued ≥ outstanding + retired; approval blocks belong to issuers.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		ensure!(score::limits_ordered(&TierLimits::<T>::get()), "tier limits out of order");
		ensure!(
			ApprovedAt::<T>::iter_keys().all(|who| Issuers::<T>::contains_key(&who)),
			"approval block of a non-issuer"
		);
		let mut held: Balance = 0;
		for (_, issuer) in Issuers::<T>::iter() {
			held = held.saturating_add(issuer.deposit).saturating_add(issuer.escrow);
			if let Some(c) = issuer.compensation {
				ensure!(c.paid <= c.pool, "compensation paid more than its pool");
				ensure!(
					issuer.status == IssuerStatus::Frozen,
					"compensation of an unfrozen issuer"
				);
				held = held.saturating_add(c.pool.saturating_sub(c.paid));
			}
			let i = issuer.inputs;
			let retired =
				i.redeemed_face.saturating_add(i.expired_face).saturating_add(i.recalled_face);
			ensure!(
				i.issued_face == i.outstanding_face.saturating_add(retired),
				"face value drift"
			);
			ensure!(i.honoured <= i.requested, "more honoured than requested");
		}
		ensure!(T::Settlement::balance(&Self::account_id()) >= held, "pot below its obligations");
		let next = crate::NextAnnouncementId::<T>::get();
		for (who, kept) in crate::Announcements::<T>::iter() {
			ensure!(Issuers::<T>::contains_key(&who), "announcements of a non-issuer");
			ensure!(!kept.is_empty(), "an empty announcement list is stored");
			ensure!(
				kept.windows(2).all(|w| matches!(w, [a, b] if a.id < b.id)),
				"announcements out of order"
			);
			ensure!(kept.iter().all(|a| a.id < next), "announcement id not yet issued");
		}
		Ok(())
	}
}

impl<T: Config> CreditLimit<T::AccountId, Balance> for Pallet<T> {
	fn ensure_can_issue(who: &T::AccountId, face: Balance) -> DispatchResult {
		let issuer = Issuers::<T>::get(who).ok_or(Error::<T>::NotAnIssuer)?;
		match issuer.status {
			IssuerStatus::Active => {},
			IssuerStatus::Paused => return Err(Error::<T>::IssuancePaused.into()),
			IssuerStatus::Frozen => return Err(Error::<T>::IssuerFrozen.into()),
		}
		let (_, _, limit) = Self::standing(who, &issuer);
		let after = issuer.inputs.outstanding_face.checked_add(face).ok_or(Error::<T>::Overflow)?;
		ensure!(after <= limit, Error::<T>::LimitExceeded);
		Ok(())
	}

	fn is_issuer(who: &T::AccountId) -> bool {
		Issuers::<T>::contains_key(who)
	}

	fn is_frozen(who: &T::AccountId) -> bool {
		Issuers::<T>::get(who).is_some_and(|i| i.status == IssuerStatus::Frozen)
	}

	fn credit_score(who: &T::AccountId) -> Option<u8> {
		Issuers::<T>::get(who).map(|issuer| Self::score_of(who, &issuer))
	}

	fn note_issued(who: &T::AccountId, face: Balance) {
		Issuers::<T>::mutate(who, |issuer| {
			if let Some(issuer) = issuer {
				issuer.inputs.issued_face = issuer.inputs.issued_face.saturating_add(face);
				issuer.inputs.outstanding_face =
					issuer.inputs.outstanding_face.saturating_add(face);
			}
		});
	}

	fn note_retired(who: &T::AccountId, face: Balance, how: Retirement) {
		let Some(mut issuer) = Issuers::<T>::get(who) else { return };
		let outstanding = issuer.inputs.outstanding_face;
		let i = &mut issuer.inputs;
		i.outstanding_face = i.outstanding_face.saturating_sub(face);
		match how {
			Retirement::Redeemed => {
				i.redeemed_face = i.redeemed_face.saturating_add(face);
				i.honoured = i.honoured.saturating_add(1);
				i.requested = i.requested.saturating_add(1);
			},
			Retirement::Expired => i.expired_face = i.expired_face.saturating_add(face),
			Retirement::Recalled | Retirement::Compensated => {
				i.recalled_face = i.recalled_face.saturating_add(face)
			},
		}
		// Escrow guards redemption: released as coupons are redeemed or expire, kept while
		// the issuer is frozen (it pays holders then).
		let release = match how {
			Retirement::Redeemed | Retirement::Expired
				if issuer.status != IssuerStatus::Frozen && issuer.escrow > 0 =>
			{
				Self::escrow_release(issuer.escrow, face, outstanding)
			},
			_ => 0,
		};
		if release > 0 {
			match T::Settlement::transfer(&Self::account_id(), who, release) {
				Ok(()) => {
					issuer.escrow = issuer.escrow.saturating_sub(release);
					Self::deposit_event(Event::EscrowReleased {
						issuer: who.clone(),
						amount: release,
					});
				},
				// The pot always holds the escrow (try_state); keep it if it cannot move now.
				Err(e) => {
					log::error!(target: LOG_TARGET, "escrow release to {:?} failed: {:?}", who, e)
				},
			}
		}
		Issuers::<T>::insert(who, issuer);
	}

	fn note_review(who: &T::AccountId, rating: u8) -> DispatchResult {
		ensure!((1..=5).contains(&rating), Error::<T>::InvalidRating);
		Issuers::<T>::try_mutate(who, |issuer| {
			let issuer = issuer.as_mut().ok_or(Error::<T>::NotAnIssuer)?;
			issuer.inputs.reviews =
				issuer.inputs.reviews.checked_add(1).ok_or(Error::<T>::Overflow)?;
			issuer.inputs.review_stars = issuer
				.inputs
				.review_stars
				.checked_add(rating.into())
				.ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::Reviewed { issuer: who.clone(), rating });
		Ok(())
	}

	fn escrow_share(who: &T::AccountId) -> Perbill {
		Issuers::<T>::get(who).map(|i| i.escrow_share).unwrap_or_default()
	}

	fn note_escrowed(who: &T::AccountId, amount: Balance) {
		Issuers::<T>::mutate(who, |issuer| {
			if let Some(issuer) = issuer {
				issuer.escrow = issuer.escrow.saturating_add(amount);
			}
		});
		Self::deposit_event(Event::Escrowed { issuer: who.clone(), amount });
	}

	fn escrow_account() -> T::AccountId {
		Self::account_id()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_issuer(who: &T::AccountId, limit: Balance) {
		use polkadot_sdk::frame_support::BoundedVec;
		let mut issuer = Self::new_issuer(BoundedVec::default(), Default::default(), 10);
		// The most it may promise: its sales pay the escrow share (the worst case).
		issuer.escrow_share = T::MaxEscrowShare::get();
		let have = Self::standing(who, &issuer).2;
		if have < limit {
			// Enough deposit (bookkept, benchmark only) to reach `limit`.
			let leverage = Balance::from(T::DepositLeverage::get().max(1));
			issuer.deposit = (limit - have).div_ceil(leverage);
			T::Settlement::fund(&Self::account_id(), issuer.deposit);
		}
		Issuers::<T>::insert(who, issuer);
	}
}
