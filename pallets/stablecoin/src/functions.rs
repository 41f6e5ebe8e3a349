//! The logic behind the calls: every check first, then the writes.

use crate::{AssetIdOf, BalanceOf, Banks, Config, Error, Event, Pallet, SettlementAsset, LOG_TARGET};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*,
		traits::{
			fungibles::{Inspect, Mutate},
			tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
		},
	},
	sp_runtime::traits::Zero,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_add_bank(bank: T::AccountId) -> DispatchResult {
		ensure!(!Banks::<T>::contains_key(&bank), Error::<T>::AlreadyABank);
		ensure!(Banks::<T>::count() < T::MaxBanks::get(), Error::<T>::TooManyBanks);
		Banks::<T>::insert(&bank, ());
		log::info!(target: LOG_TARGET, "bank authorized: {:?}", bank);
		Self::deposit_event(Event::BankAdded { bank });
		Ok(())
	}

	pub(crate) fn do_remove_bank(bank: T::AccountId) -> DispatchResult {
		ensure!(Banks::<T>::contains_key(&bank), Error::<T>::NotABank);
		Banks::<T>::remove(&bank);
		log::info!(target: LOG_TARGET, "bank removed: {:?}", bank);
		Self::deposit_event(Event::BankRemoved { bank });
		Ok(())
	}

	pub(crate) fn do_mint(
		bank: T::AccountId,
		beneficiary: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(Banks::<T>::contains_key(&bank), Error::<T>::NotABank);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let asset = Self::settlement_asset()?;
		match T::Assets::can_deposit(asset.clone(), &beneficiary, amount, Provenance::Minted) {
			DepositConsequence::Success => {},
			DepositConsequence::BelowMinimum => return Err(Error::<T>::BelowMinimum.into()),
			DepositConsequence::Overflow => return Err(Error::<T>::Overflow.into()),
			DepositConsequence::UnknownAsset => return Err(Error::<T>::NoSettlementAsset.into()),
			DepositConsequence::CannotCreate | DepositConsequence::Blocked =>
				return Err(Error::<T>::CannotReceive.into()),
		}
		T::Assets::mint_into(asset, &beneficiary, amount)?;
		Self::deposit_event(Event::Minted { bank, beneficiary, amount });
		Ok(())
	}

	pub(crate) fn do_burn(bank: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(Banks::<T>::contains_key(&bank), Error::<T>::NotABank);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let asset = Self::settlement_asset()?;
		let burnable = T::Assets::reducible_balance(
			asset.clone(),
			&bank,
			Preservation::Expendable,
			Fortitude::Polite,
		);
		ensure!(burnable >= amount, Error::<T>::InsufficientBalance);
		T::Assets::burn_from(
			asset,
			&bank,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::deposit_event(Event::Burned { bank, amount });
		Ok(())
	}

	/// The settlement asset's id, if it is configured and exists.
	pub fn settlement_asset() -> Result<AssetIdOf<T>, Error<T>> {
		let asset = SettlementAsset::<T>::get().ok_or(Error::<T>::NoSettlementAsset)?;
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::NoSettlementAsset);
		Ok(asset)
	}

	/// Whether `who` is an authorized bank.
	pub fn is_bank(who: &T::AccountId) -> bool {
		Banks::<T>::contains_key(who)
	}

	/// Invariants: the bank count matches the map and its bound; the asset exists.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let counted = Banks::<T>::iter_keys().count() as u32;
		ensure!(counted == Banks::<T>::count(), "bank counter out of sync");
		ensure!(counted <= T::MaxBanks::get(), "more banks than MaxBanks");
		if let Some(asset) = SettlementAsset::<T>::get() {
			ensure!(T::Assets::asset_exists(asset), "settlement asset missing");
		}
		Ok(())
	}
}
