//! Quota accounting: whether a signed call is free now, counting free calls, and the bounded
//! clean-up of past periods.

use crate::*;
use genex_primitives::KycProvider;
use polkadot_sdk::{
	frame_support::{
		traits::{Get, GetCallMetadata},
		weights::Weight,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{CheckedDiv as _, SaturatedConversion},
};

/// A free call allowed now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FreeCall {
	/// The quota period.
	pub period: u32,
	/// Free calls used in it so far.
	pub used: u32,
	/// The signer's quota for it.
	pub quota: u32,
}

/// What a signed call is for the fee.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Check {
	/// Not a fee-less call: the fee applies, and the check read only the cached policy.
	NotListed,
	/// A fee-less call, but the signer's level is too low or its quota is used up.
	Paying,
	/// Free now.
	Free(FreeCall),
}

/// Most usage entries one block's `on_idle` deletes.
const MAX_CLEAN_PER_BLOCK: u32 = 1_000;

impl<T: Config> Pallet<T> {
	/// Index of the current quota period.
	pub fn current_period() -> u32 {
		let period: BlockNumberFor<T> = T::Period::get();
		// `integrity_test` proves `Period > 0`.
		frame_system::Pallet::<T>::block_number()
			.checked_div(&period)
			.map_or(0, |p| p.saturated_into::<u32>())
	}

	/// What `call` signed by `who` is now: not fee-less at all (one cached read, see
	/// [`PolicyIndex`]), fee-less but paying (level too low or quota used up), or free.
	pub(crate) fn check(who: &T::AccountId, call: &T::RuntimeCall) -> Check {
		let meta = call.get_call_metadata();
		if Self::never_feeless(meta.pallet_name, meta.function_name) {
			return Check::NotListed;
		}
		let key = Self::call_key(meta.pallet_name.as_bytes(), meta.function_name.as_bytes());
		let Some(min_level) =
			PolicyIndex::<T>::get().iter().find(|(k, _)| *k == key).map(|(_, level)| *level)
		else {
			return Check::NotListed;
		};
		let level = T::Kyc::level(who);
		if level < min_level {
			return Check::Paying;
		}
		let period = Self::current_period();
		let used = Usage::<T>::get(period, who);
		let quota = Quotas::<T>::get(level);
		if used < quota {
			Check::Free(FreeCall { period, used, quota })
		} else {
			Check::Paying
		}
	}

	/// Count one free call of `who` in `free.period` if the quota still allows it (other free
	/// calls of the same signer may have been counted since `free` was read); returns the new
	/// count.
	pub(crate) fn note_free_call(who: &T::AccountId, free: FreeCall) -> Option<u32> {
		Usage::<T>::try_mutate(free.period, who, |used| {
			if *used >= free.quota {
				return Err(());
			}
			*used = used.saturating_add(1);
			Ok(*used)
		})
		.ok()
	}

	/// Free calls `who` has left this period at its current level.
	pub fn free_calls_remaining(who: &T::AccountId) -> u32 {
		let quota = Quotas::<T>::get(T::Kyc::level(who));
		quota.saturating_sub(Usage::<T>::get(Self::current_period(), who))
	}

	/// Delete usage of past periods within `remaining` weight; returns the weight used.
	pub(crate) fn do_clean_usage(remaining: Weight) -> Weight {
		let none = T::WeightInfo::clean_usage(0);
		let one = T::WeightInfo::clean_usage(1);
		if remaining.any_lt(one) {
			return Weight::zero();
		}
		let oldest = OldestPeriod::<T>::get();
		if oldest >= Self::current_period() {
			return none;
		}
		let per_entry = one.saturating_sub(none).ref_time().max(1);
		let fits = remaining.saturating_sub(none).ref_time().checked_div(per_entry).unwrap_or(0);
		let limit = u32::try_from(fits).unwrap_or(u32::MAX).clamp(1, MAX_CLEAN_PER_BLOCK);
		let result = Usage::<T>::clear_prefix(oldest, limit, None);
		if result.maybe_cursor.is_none() {
			OldestPeriod::<T>::put(oldest.saturating_add(1));
		}
		T::WeightInfo::clean_usage(result.loops)
	}

	/// Storage invariants: fee-less calls bounded and allowed; no usage before `OldestPeriod`.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use polkadot_sdk::frame_support::ensure;
		ensure!(
			FeelessCalls::<T>::count() <= T::MaxFeelessCalls::get(),
			"more fee-less calls than MaxFeelessCalls"
		);
		let index = PolicyIndex::<T>::get();
		ensure!(index.len() as u32 == FeelessCalls::<T>::count(), "policy index out of step");
		for ((pallet, call), level) in FeelessCalls::<T>::iter() {
			ensure!(Self::checked_key(&pallet, &call).is_ok(), "stored fee-less call not allowed");
			let key = Self::call_key(&pallet, &call);
			ensure!(
				index.iter().filter(|(k, l)| *k == key && *l == level).count() == 1,
				"policy index out of step"
			);
		}
		let oldest = OldestPeriod::<T>::get();
		ensure!(Usage::<T>::iter_keys().all(|(p, _)| p >= oldest), "usage before OldestPeriod");
		Ok(())
	}
}
