//! Review holds (SRS 3.5.5, 大额交易审核): P2P movements at or above the review threshold wait,
//! their value locked in the sender's own account, until a compliance officer releases or
//! returns them, the sender withdraws them, or their deadline applies the policy's outcome.
//!
//! Every function checks before its first write. A release re-runs the whole gate
//! ([`Config::Gate`]) as of the release, so a party sanctioned, restricted or whose KYC lapsed
//! while the movement waited stops it; the officer then returns it.

use crate::{
	monitor::MONTH_DAYS, weights::WeightInfo, Balance, Config, Decision, Error, Event,
	ExpiryCursor, HeldMovement, Holds, HoldsOf, MovementKind, NextHoldId, Pallet, ReviewPolicy,
	ReviewPolicyOf, TimeoutOutcome, TransferredAsset, LOG_TARGET,
};
use genex_primitives::{
	CouponLedger, CreditLimit, FreezeReason, Movement, Settlement, ValueMovement,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		storage::{with_transaction, TransactionOutcome},
		traits::Get,
		weights::Weight,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{
		traits::{One, Saturating, Zero},
		DispatchError, DispatchResult,
	},
};

type Hold<T> = HeldMovement<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// Coupon units of a hold's quantity.
fn units<T: Config>(quantity: Balance) -> Result<u64, Error<T>> {
	u64::try_from(quantity).map_err(|_| Error::<T>::QuantityOverflow)
}

impl<AccountId, BlockNumber> HeldMovement<AccountId, BlockNumber> {
	/// The movement as the gate sees it.
	fn movement(&self) -> Movement<'_, AccountId, Balance> {
		Movement {
			from: &self.from,
			to: &self.to,
			asset: self.asset,
			value: self.value,
			kind: MovementKind::P2p,
			travel_rule: self.travel_rule.as_ref(),
		}
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_review_policy(policy: ReviewPolicy<BlockNumberFor<T>>) -> DispatchResult {
		ensure!(!policy.enabled || policy.threshold > 0, Error::<T>::ZeroThreshold);
		let longest = T::DayBlocks::get().saturating_mul(MONTH_DAYS.into());
		ensure!(
			!policy.timeout.is_zero() && policy.timeout <= longest,
			Error::<T>::TimeoutOutOfRange
		);
		ReviewPolicyOf::<T>::put(policy);
		log::info!(target: LOG_TARGET, "review policy set: {:?}", policy);
		Self::deposit_event(Event::ReviewPolicySet { policy });
		Ok(())
	}

	/// Whether the policy holds `m` (a P2P movement: the gate asks for no other kind).
	pub(crate) fn do_review_required(m: &Movement<T::AccountId, Balance>) -> bool {
		let policy = ReviewPolicyOf::<T>::get();
		policy.enabled && m.value >= policy.threshold
	}

	/// Every check of a hold; its deadline.
	pub(crate) fn do_ensure_can_hold(
		m: &Movement<T::AccountId, Balance>,
		quantity: Balance,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let timeout = ReviewPolicyOf::<T>::get().timeout.max(One::one());
		let deadline = frame_system::Pallet::<T>::block_number().saturating_add(timeout);
		let held = HoldsOf::<T>::decode_len(m.from).unwrap_or_default();
		ensure!(held < T::MaxHoldsPerAccount::get() as usize, Error::<T>::TooManyHolds);
		match m.asset {
			TransferredAsset::Settlement => ensure!(
				T::Settlement::freezable(m.from) >= quantity,
				Error::<T>::InsufficientToHold
			),
			TransferredAsset::Coupon { series } => {
				T::Coupons::ensure_can_lock(series, m.from, units::<T>(quantity)?)?;
			},
		}
		Ok(deadline)
	}

	/// Lock `quantity` in the sender's account and queue `m`.
	pub(crate) fn do_hold(
		m: &Movement<T::AccountId, Balance>,
		quantity: Balance,
	) -> Result<u64, DispatchError> {
		let deadline = Self::do_ensure_can_hold(m, quantity)?;
		match m.asset {
			TransferredAsset::Settlement => {
				T::Settlement::freeze(m.from, FreezeReason::AmlReview, quantity)?
			},
			TransferredAsset::Coupon { series } => {
				T::Coupons::lock(series, m.from, units::<T>(quantity)?)?
			},
		}
		let id = NextHoldId::<T>::get();
		NextHoldId::<T>::put(id.saturating_add(1));
		// The list was checked to have room above; the error cannot happen.
		HoldsOf::<T>::try_mutate(m.from, |list| list.try_push(id))
			.map_err(|_| Error::<T>::TooManyHolds)?;
		let threshold = ReviewPolicyOf::<T>::get().threshold;
		Holds::<T>::insert(
			id,
			HeldMovement {
				from: m.from.clone(),
				to: m.to.clone(),
				asset: m.asset,
				quantity,
				value: m.value,
				travel_rule: m.travel_rule.cloned(),
				held_at: frame_system::Pallet::<T>::block_number(),
				deadline,
			},
		);
		log::info!(
			target: LOG_TARGET,
			"movement held for review: #{} {:?} -> {:?}, {:?} worth {}",
			id,
			m.from,
			m.to,
			m.asset,
			m.value
		);
		Self::deposit_event(Event::MovementHeld {
			id,
			from: m.from.clone(),
			to: m.to.clone(),
			asset: m.asset,
			quantity,
			value: m.value,
			threshold,
			deadline,
		});
		Ok(id)
	}

	pub(crate) fn do_approve_hold(id: u64) -> DispatchResult {
		let hold = Holds::<T>::get(id).ok_or(Error::<T>::UnknownHold)?;
		Self::release(id, hold, Decision::Officer)
	}

	pub(crate) fn do_reject_hold(id: u64) -> DispatchResult {
		let hold = Holds::<T>::get(id).ok_or(Error::<T>::UnknownHold)?;
		Self::give_back(id, hold, Decision::Officer, None);
		Ok(())
	}

	pub(crate) fn do_cancel_hold(who: T::AccountId, id: u64) -> DispatchResult {
		let hold = Holds::<T>::get(id).ok_or(Error::<T>::UnknownHold)?;
		ensure!(hold.from == who, Error::<T>::NotHoldSender);
		Self::give_back(id, hold, Decision::Sender, None);
		Ok(())
	}

	/// The timeouts due at block `now`, oldest hold first: each released or returned as the
	/// policy says (a release that fails any check returned instead, with the reason). At most
	/// `MaxExpiriesPerBlock` applied and four times as many ids looked at (decided holds leave
	/// gaps); the rest wait for the next block. A hold whose deadline has not come stops the
	/// walk, so after governance shortens the timeout a newer hold waits for the older ones.
	pub(crate) fn do_expire_holds(now: BlockNumberFor<T>) -> Weight {
		let start = ExpiryCursor::<T>::get();
		let end = NextHoldId::<T>::get();
		if start >= end {
			return Self::expire_weight(0, 0);
		}
		let max = T::MaxExpiriesPerBlock::get();
		let look = max.saturating_mul(4);
		let outcome = ReviewPolicyOf::<T>::get().on_timeout;
		let (mut cursor, mut expired, mut looked) = (start, 0u32, 0u32);
		while cursor < end && expired < max && looked < look {
			looked = looked.saturating_add(1);
			match Holds::<T>::get(cursor) {
				None => {},
				Some(hold) if hold.deadline <= now => {
					Self::expire(cursor, hold, outcome);
					expired = expired.saturating_add(1);
				},
				Some(_) => break,
			}
			cursor = cursor.saturating_add(1);
		}
		if cursor != start {
			ExpiryCursor::<T>::put(cursor);
		}
		Self::expire_weight(expired, looked)
	}

	/// Apply `outcome` to hold `id`, whose deadline has come.
	fn expire(id: u64, hold: Hold<T>, outcome: TimeoutOutcome) {
		let refusal = match outcome {
			TimeoutOutcome::Return => None,
			// Checks come first and a failed release writes nothing; the transaction is a
			// second guard for a hook, which no extrinsic's rollback covers.
			TimeoutOutcome::Release => {
				let released =
					with_transaction(|| match Self::release(id, hold.clone(), Decision::Timeout) {
						Ok(()) => TransactionOutcome::Commit(Ok(Ok(()))),
						Err(e) => TransactionOutcome::Rollback(Ok(Err(e))),
					});
				match released {
					Ok(Ok(())) => return,
					Ok(Err(e)) | Err(e) => Some(e),
				}
			},
		};
		Self::give_back(id, hold, Decision::Timeout, refusal);
	}

	/// Weight of a block's timeouts: `n` applied, `looked` ids read. The benchmark releases
	/// stablecoin holds (every id it reads applied); a coupon hold's release may cost more, and
	/// a gap costs one read.
	pub(crate) fn expire_weight(n: u32, looked: u32) -> Weight {
		let coupon_extra =
			T::WeightInfo::approve_hold_units().saturating_sub(T::WeightInfo::approve_hold());
		T::WeightInfo::expire_holds(n)
			.saturating_add(coupon_extra.saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(looked.saturating_sub(n).into()))
	}

	/// Re-check the movement through the whole gate and the asset, then move it.
	fn release(id: u64, hold: Hold<T>, by: Decision) -> DispatchResult {
		let movement = hold.movement();
		T::Gate::check(&movement)?;
		match hold.asset {
			TransferredAsset::Settlement => T::Settlement::ensure_can_transfer_frozen(
				&hold.from,
				FreezeReason::AmlReview,
				&hold.to,
				hold.quantity,
			)?,
			TransferredAsset::Coupon { series } => {
				let info = T::Coupons::ensure_can_deliver(
					series,
					&hold.from,
					&hold.to,
					units::<T>(hold.quantity)?,
				)?;
				ensure!(!T::Credit::is_frozen(&info.issuer), Error::<T>::IssuerFrozen);
			},
		}

		Self::forget(id, &hold);
		let travel_rule_record = T::Gate::record(&movement).travel_rule_record;
		match hold.asset {
			TransferredAsset::Settlement => T::Settlement::transfer_frozen(
				&hold.from,
				FreezeReason::AmlReview,
				&hold.to,
				hold.quantity,
			)?,
			TransferredAsset::Coupon { series } => {
				T::Coupons::deliver(series, &hold.from, &hold.to, units::<T>(hold.quantity)?)?
			},
		}
		log::info!(target: LOG_TARGET, "hold #{} released ({:?})", id, by);
		Self::deposit_event(Event::HoldReleased {
			id,
			from: hold.from,
			to: hold.to,
			asset: hold.asset,
			quantity: hold.quantity,
			value: hold.value,
			travel_rule_record,
			by,
		});
		Ok(())
	}

	/// Unlock the hold's value in the sender's account. Never fails.
	fn give_back(id: u64, hold: Hold<T>, by: Decision, refusal: Option<DispatchError>) {
		Self::forget(id, &hold);
		let returned = match hold.asset {
			TransferredAsset::Settlement => {
				T::Settlement::thaw(&hold.from, FreezeReason::AmlReview, hold.quantity)
			},
			// A quantity above `u64::MAX` was never locked (the hold checks it).
			TransferredAsset::Coupon { series } => Balance::from(T::Coupons::unlock(
				series,
				&hold.from,
				units::<T>(hold.quantity).unwrap_or_default(),
			)),
		};
		log::info!(target: LOG_TARGET, "hold #{} returned ({:?}, {:?})", id, by, refusal);
		Self::deposit_event(Event::HoldReturned {
			id,
			from: hold.from,
			to: hold.to,
			asset: hold.asset,
			returned,
			by,
			refusal,
		});
	}

	/// Remove the hold and its entry in the sender's list.
	fn forget(id: u64, hold: &Hold<T>) {
		Holds::<T>::remove(id);
		HoldsOf::<T>::mutate_exists(&hold.from, |list| {
			if let Some(l) = list.as_mut() {
				l.retain(|h| *h != id);
				if l.is_empty() {
					*list = None;
				}
			}
		});
	}

	/// Held movements of `who`, oldest first.
	pub fn holds_of(who: &T::AccountId) -> alloc::vec::Vec<(u64, Hold<T>)> {
		HoldsOf::<T>::get(who)
			.into_iter()
			.filter_map(|id| Holds::<T>::get(id).map(|h| (id, h)))
			.collect()
	}

	/// Invariants: every hold listed once under its sender and nothing else listed; no hold
	/// below the expiry cursor; each sender's review freeze is what its stablecoin holds add up
	/// to.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state_holds() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let cursor = ExpiryCursor::<T>::get();
		ensure!(cursor <= NextHoldId::<T>::get(), "expiry cursor beyond the ids issued");
		let mut frozen: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut count = 0usize;
		for (id, hold) in Holds::<T>::iter() {
			count = count.saturating_add(1);
			ensure!(id < NextHoldId::<T>::get(), "hold id not yet issued");
			ensure!(id >= cursor, "hold below the expiry cursor");
			ensure!(HoldsOf::<T>::get(&hold.from).contains(&id), "hold not under its sender");
			if hold.asset == TransferredAsset::Settlement {
				let sum = frozen.entry(hold.from.clone()).or_default();
				*sum = sum.saturating_add(hold.quantity);
			}
		}
		let listed: usize = HoldsOf::<T>::iter_values().map(|l| l.len()).sum();
		ensure!(listed == count, "sender lists and holds differ");
		for (who, sum) in frozen {
			ensure!(
				T::Settlement::frozen(&who, FreezeReason::AmlReview) == sum,
				"review freeze differs from the sender's holds"
			);
		}
		Ok(())
	}
}
