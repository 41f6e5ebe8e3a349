//! Quotas of authorized (fee-less) redemptions per holder and per merchant and period, the
//! governed limits, and the bounded clean-up of past periods.
//!
//! The machinery is the fee-less pallet's (`pallet_feeless::quota`): a period is the block
//! number divided by [`Config::QuotaPeriod`], usage is counted per (period, account), and past
//! periods are deleted with `clear_prefix` in bounded `on_idle` work. It is kept here, not
//! shared through a trait, because the budget is a different one: the fee-less quota is one
//! allowance per KYC level for all of an account's fee-less calls, while these are governed
//! per-role limits on redemptions (a shop submits hundreds of its customers' redemptions a day
//! and must not spend its own fee-less calls on them, and a holder's transfers must not use up
//! its redemptions). Sharing the storage would need a role key in the fee-less pallet's
//! `Usage` and a migration of it.

use crate::{
	Config, Error, Event, Limits, LimitsOf, OldestUsagePeriod, Pallet, Party, Period, Usage,
	WeightInfo,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, weights::Weight},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{SaturatedConversion, Zero},
};

/// Most usage entries one block's `on_idle` deletes (the `clean_usage` benchmark's range).
pub const MAX_CLEAN_PER_BLOCK: u32 = 1_000;

impl<T: Config> Pallet<T> {
	/// Index of the current quota period.
	pub fn current_period() -> Period {
		let period: BlockNumberFor<T> = T::QuotaPeriod::get();
		// `integrity_test` proves `QuotaPeriod > 0`.
		frame_system::Pallet::<T>::block_number()
			.checked_div(&period)
			.map_or(0, |p| p.saturated_into::<Period>())
	}

	/// Authorized redemptions `who` has had included this period as `party`.
	pub fn used(party: Party, who: &T::AccountId) -> u32 {
		Usage::<T>::get(Self::current_period(), (party, who.clone()))
	}

	/// `Ok` while both the holder and the merchant have quota left this period. Reads only.
	pub(crate) fn ensure_within_quotas(
		holder: &T::AccountId,
		merchant: &T::AccountId,
	) -> DispatchResult {
		let limits = Limits::<T>::get();
		ensure!(
			Self::used(Party::Holder, holder) < limits.per_holder,
			Error::<T>::HolderQuotaExceeded
		);
		ensure!(
			Self::used(Party::Merchant, merchant) < limits.per_merchant,
			Error::<T>::MerchantQuotaExceeded
		);
		Ok(())
	}

	/// Count one authorized redemption of `holder` at `merchant` in the current period.
	pub(crate) fn note_authorized_redemption(holder: &T::AccountId, merchant: &T::AccountId) {
		let period = Self::current_period();
		Usage::<T>::mutate(period, (Party::Holder, holder.clone()), |n| *n = n.saturating_add(1));
		Usage::<T>::mutate(period, (Party::Merchant, merchant.clone()), |n| {
			*n = n.saturating_add(1)
		});
	}

	/// `Ok` when the review window is within `1..=MaxReviewWindow`.
	pub(crate) fn ensure_valid_limits(limits: &LimitsOf<T>) -> DispatchResult {
		ensure!(
			!limits.review_window.is_zero() && limits.review_window <= T::MaxReviewWindow::get(),
			Error::<T>::InvalidReviewWindow
		);
		Ok(())
	}

	pub(crate) fn do_set_limits(limits: LimitsOf<T>) -> DispatchResult {
		Self::ensure_valid_limits(&limits)?;
		Limits::<T>::put(limits);
		Self::deposit_event(Event::LimitsSet { limits });
		Ok(())
	}

	/// Delete usage of past periods within `remaining` weight; returns the weight used.
	pub(crate) fn do_clean_usage(remaining: Weight) -> Weight {
		let none = T::WeightInfo::clean_usage(0);
		let one = T::WeightInfo::clean_usage(1);
		if remaining.any_lt(one) {
			return Weight::zero();
		}
		let oldest = OldestUsagePeriod::<T>::get();
		if oldest >= Self::current_period() {
			return none;
		}
		let limit = crate::receipts::fits(remaining.saturating_sub(none), one.saturating_sub(none))
			.clamp(1, MAX_CLEAN_PER_BLOCK);
		let result = Usage::<T>::clear_prefix(oldest, limit, None);
		if result.maybe_cursor.is_none() {
			OldestUsagePeriod::<T>::put(oldest.saturating_add(1));
		}
		T::WeightInfo::clean_usage(result.loops)
	}
}
