//! Freezes: stablecoin kept in its owner's own account for a reason (open buy orders, a market
//! maker's bond). `pallet-assets` asks this pallet what is frozen ([`FrozenBalance`]) and
//! refuses any transfer, burn or P2P payment that would take the balance below it; only the
//! pallet that froze the funds thaws them or pays them out ([`Settlement::transfer_frozen`]).
//! No call of this pallet, and no governance call, moves frozen funds.

use crate::{AssetIdOf, BalanceOf, Config, Error, Freezes, Pallet, SettlementAsset};
use alloc::collections::BTreeSet;
use genex_primitives::FreezeReason;
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*,
		storage::with_storage_layer,
		traits::{
			fungibles::{Inspect, Mutate, Unbalanced},
			tokens::{Fortitude, Precision, Preservation, Provenance},
		},
	},
	pallet_assets::FrozenBalance,
	sp_runtime::traits::{CheckedAdd, Saturating, Zero},
};

impl<T: Config> Pallet<T> {
	/// Everything frozen in `who`'s account.
	pub fn total_frozen(who: &T::AccountId) -> BalanceOf<T> {
		Freezes::<T>::get(who)
			.iter()
			.fold(Zero::zero(), |sum: BalanceOf<T>, (_, amount)| sum.saturating_add(*amount))
	}

	/// What is frozen in `who`'s account for `reason`.
	pub fn frozen_for(who: &T::AccountId, reason: FreezeReason) -> BalanceOf<T> {
		Freezes::<T>::get(who)
			.iter()
			.find(|(r, _)| *r == reason)
			.map_or(Zero::zero(), |(_, amount)| *amount)
	}

	/// What `who` can move now: its balance less what is frozen and, while anything is
	/// frozen, less the minimum balance (the account may be emptied when nothing is frozen).
	pub fn spendable(who: &T::AccountId) -> BalanceOf<T> {
		let Some(asset) = SettlementAsset::<T>::get() else { return Zero::zero() };
		// `pallet-assets` subtracts the freezes through `Freezer`; the explicit bound keeps the
		// answer right even where a runtime forgot to wire it.
		let reducible =
			T::Assets::reducible_balance(asset, who, Preservation::Expendable, Fortitude::Polite);
		let frozen = Self::total_frozen(who);
		let untouchable = if frozen.is_zero() {
			frozen
		} else {
			frozen.saturating_add(T::Assets::minimum_balance(asset))
		};
		reducible.min(T::Assets::balance(asset, who).saturating_sub(untouchable))
	}

	/// What `who` can still freeze: its balance less what is frozen and less the asset's
	/// minimum balance. Keeping the minimum out of every freeze means a payout from a freeze
	/// never has to take the account below it (`pallet-assets` holds back the larger of the
	/// freezes and the minimum), so `transfer_frozen` of a frozen amount cannot fail.
	pub fn freezable(who: &T::AccountId) -> BalanceOf<T> {
		let Some(asset) = SettlementAsset::<T>::get() else { return Zero::zero() };
		T::Assets::balance(asset, who)
			.saturating_sub(Self::total_frozen(who))
			.saturating_sub(T::Assets::minimum_balance(asset))
	}

	pub(crate) fn do_freeze(
		who: &T::AccountId,
		reason: FreezeReason,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::settlement_asset()?;
		ensure!(Self::freezable(who) >= amount, Error::<T>::InsufficientBalance);
		if amount.is_zero() {
			return Ok(());
		}
		let mut freezes = Freezes::<T>::get(who);
		match freezes.iter_mut().find(|(r, _)| *r == reason) {
			Some((_, frozen)) => {
				*frozen = frozen.checked_add(&amount).ok_or(Error::<T>::Overflow)?
			},
			// One entry per reason: the bound is the number of reasons.
			None => freezes.try_push((reason, amount)).map_err(|_| Error::<T>::Overflow)?,
		}
		Freezes::<T>::insert(who, freezes);
		Ok(())
	}

	pub(crate) fn do_thaw(
		who: &T::AccountId,
		reason: FreezeReason,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let mut freezes = Freezes::<T>::get(who);
		let Some(at) = freezes.iter().position(|(r, _)| *r == reason) else {
			return Zero::zero();
		};
		let Some((_, frozen)) = freezes.get_mut(at) else { return Zero::zero() };
		let thawed = amount.min(*frozen);
		*frozen = frozen.saturating_sub(thawed);
		if frozen.is_zero() {
			freezes.remove(at);
		}
		if freezes.is_empty() {
			Freezes::<T>::remove(who);
		} else {
			Freezes::<T>::insert(who, freezes);
		}
		thawed
	}

	/// The checks of [`Self::do_transfer_frozen`], reading only: at least `amount` frozen for
	/// `reason` and held, and `to` can take it.
	pub(crate) fn ensure_can_transfer_frozen(
		from: &T::AccountId,
		reason: FreezeReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<AssetIdOf<T>, DispatchError> {
		let asset = Self::settlement_asset()?;
		ensure!(Self::frozen_for(from, reason) >= amount, Error::<T>::InsufficientBalance);
		// Only a privileged path (an asset admin's forced transfer) could take the balance
		// below the freezes; the read is cached for the transfer that follows.
		ensure!(T::Assets::balance(asset, from) >= amount, Error::<T>::InsufficientBalance);
		Self::ensure_can_receive(asset, to, amount, Provenance::Extant)?;
		Ok(asset)
	}

	pub(crate) fn do_transfer_frozen(
		from: &T::AccountId,
		reason: FreezeReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let asset = Self::ensure_can_transfer_frozen(from, reason, to, amount)?;
		// The thaw and the transfer land together or not at all. Every freeze leaves the
		// minimum balance unfrozen (`freezable`), so `Preserve` never refuses a frozen amount,
		// and no dust of the payer is destroyed on the way.
		with_storage_layer(|| {
			Self::do_thaw(from, reason, amount);
			T::Assets::transfer(asset, from, to, amount, Preservation::Preserve).map(|_| ())
		})
	}

	/// The checks of [`Self::do_settle_frozen`], reading only.
	pub(crate) fn ensure_can_settle_frozen(
		reason: FreezeReason,
		payers: &[(T::AccountId, BalanceOf<T>)],
		payees: &[(T::AccountId, BalanceOf<T>)],
	) -> Result<AssetIdOf<T>, DispatchError> {
		let asset = Self::settlement_asset()?;
		let mut seen = BTreeSet::new();
		let mut paid: BalanceOf<T> = Zero::zero();
		for (who, amount) in payers {
			ensure!(seen.insert(who), Error::<T>::RepeatedAccount);
			ensure!(Self::frozen_for(who, reason) >= *amount, Error::<T>::InsufficientBalance);
			ensure!(T::Assets::balance(asset, who) >= *amount, Error::<T>::InsufficientBalance);
			paid = paid.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		}
		let mut seen = BTreeSet::new();
		let mut credited: BalanceOf<T> = Zero::zero();
		for (who, amount) in payees {
			ensure!(seen.insert(who), Error::<T>::RepeatedAccount);
			Self::ensure_can_receive(asset, who, *amount, Provenance::Extant)?;
			credited = credited.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		}
		ensure!(paid == credited, Error::<T>::UnbalancedSettlement);
		Ok(asset)
	}

	/// One batch's netted payments out of freezes (see
	/// [`genex_primitives::Settlement::settle_frozen`]): each payer's freeze and balance
	/// shrink once, each payee's balance grows once; the supply does not change (what is
	/// debited is credited). A payer keeps at least the minimum balance (no freeze covers it).
	pub(crate) fn do_settle_frozen(
		reason: FreezeReason,
		payers: &[(T::AccountId, BalanceOf<T>)],
		payees: &[(T::AccountId, BalanceOf<T>)],
	) -> DispatchResult {
		let asset = Self::ensure_can_settle_frozen(reason, payers, payees)?;
		with_storage_layer(|| {
			for (who, amount) in payers {
				if amount.is_zero() {
					continue;
				}
				Self::do_thaw(who, reason, *amount);
				T::Assets::decrease_balance(
					asset,
					who,
					*amount,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
			}
			for (who, amount) in payees {
				if amount.is_zero() {
					continue;
				}
				T::Assets::increase_balance(asset, who, *amount, Precision::Exact)?;
			}
			Ok(())
		})
	}

	/// Invariants of the freezes: one entry per reason, none zero, their sum within the balance.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn try_state_freezes() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let asset = SettlementAsset::<T>::get();
		for (who, freezes) in Freezes::<T>::iter() {
			ensure!(!freezes.is_empty(), "an empty freeze record is stored");
			ensure!(freezes.iter().all(|(_, a)| !a.is_zero()), "a zero freeze is stored");
			let mut reasons: alloc::vec::Vec<_> = freezes.iter().map(|(r, _)| *r).collect();
			reasons.sort();
			reasons.dedup();
			ensure!(reasons.len() == freezes.len(), "a reason frozen twice");
			let asset = asset.ok_or("freezes without a settlement asset")?;
			ensure!(
				T::Assets::balance(asset, &who) >= Self::total_frozen(&who),
				"more frozen than held"
			);
		}
		Ok(())
	}
}

/// `pallet-assets`' view of the freezes (`type Freezer = Stablecoin` in its config). Only the
/// settlement asset is ever frozen.
impl<T: Config> FrozenBalance<AssetIdOf<T>, T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// Everything frozen plus the asset's minimum balance, once anything is frozen.
	/// `pallet-assets` keeps only the larger of the freezes and the minimum out of reach; a
	/// freeze never covers the minimum (`freezable`), so without it a transfer could leave
	/// exactly the frozen amount, and paying that freeze out (with the payer kept alive) would
	/// then fail. Reporting both keeps every frozen amount payable.
	fn frozen_balance(asset: AssetIdOf<T>, who: &T::AccountId) -> Option<BalanceOf<T>> {
		if SettlementAsset::<T>::get().as_ref() != Some(&asset) {
			return None;
		}
		let total = Self::total_frozen(who);
		(!total.is_zero()).then(|| total.saturating_add(T::Assets::minimum_balance(asset)))
	}

	/// An account with a freeze cannot die (`pallet-assets` keeps what is frozen), so there
	/// is nothing to remove unless a privileged path emptied it; then the freezes go with it.
	fn died(asset: AssetIdOf<T>, who: &T::AccountId) {
		if SettlementAsset::<T>::get() == Some(asset) && Freezes::<T>::contains_key(who) {
			log::warn!(target: crate::LOG_TARGET, "account {who:?} died with frozen funds");
			Freezes::<T>::remove(who);
		}
	}

	fn contains_freezes(asset: AssetIdOf<T>) -> bool {
		SettlementAsset::<T>::get() == Some(asset) && Freezes::<T>::iter_keys().next().is_some()
	}
}
