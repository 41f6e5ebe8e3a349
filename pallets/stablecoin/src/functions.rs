//! The logic behind the calls: every check first, then the writes.

use crate::{
	AssetIdOf, BalanceOf, Banks, Config, Error, Event, Pallet, SettlementAsset, LOG_TARGET,
};
use genex_primitives::{
	FreezeReason, KycLevel, KycProvider, Movement, MovementKind, SanctionsScreen, TransferredAsset,
	TravelRuleData, ValueMovement,
};
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
		// Neither a blocked bank (whatever origin reaches this) nor a blocked beneficiary.
		T::Sanctions::ensure_clear(&bank, &beneficiary)?;
		// Fiat on-ramp: L2 or above (seed 3.6.1).
		T::Kyc::ensure_level(&beneficiary, KycLevel::L2)?;
		let asset = Self::settlement_asset()?;
		Self::ensure_can_receive(asset, &beneficiary, amount, Provenance::Minted)?;
		T::Assets::mint_into(asset, &beneficiary, amount)?;
		Self::deposit_event(Event::Minted { bank, beneficiary, amount });
		Ok(())
	}

	pub(crate) fn do_burn(bank: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(Banks::<T>::contains_key(&bank), Error::<T>::NotABank);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Sanctions::ensure_not_blocked(&bank)?;
		let asset = Self::settlement_asset()?;
		let burnable =
			T::Assets::reducible_balance(asset, &bank, Preservation::Expendable, Fortitude::Polite);
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

	/// A P2P transfer, routed with Travel-Rule data or not. Every check, the value-movement
	/// gate's included (sanctions, KYC, the Travel Rule, AML), comes before the first write. A
	/// transfer the gate sends to review is frozen in the sender's account and held instead.
	/// Returns the monitoring weight the gate used when the transfer moved (`None` when held).
	pub(crate) fn do_transfer(
		from: T::AccountId,
		to: T::AccountId,
		amount: BalanceOf<T>,
		travel_rule: Option<TravelRuleData>,
	) -> Result<Option<Weight>, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(from != to, Error::<T>::SelfTransfer);
		let movement = Movement {
			from: &from,
			to: &to,
			asset: TransferredAsset::Settlement,
			value: amount,
			kind: MovementKind::P2p,
			travel_rule: travel_rule.as_ref(),
		};
		T::Movement::check(&movement)?;
		let asset = Self::settlement_asset()?;
		let spendable =
			T::Assets::reducible_balance(asset, &from, Preservation::Expendable, Fortitude::Polite);
		ensure!(spendable >= amount, Error::<T>::InsufficientBalance);
		Self::ensure_can_receive(asset, &to, amount, Provenance::Extant)?;
		if T::Movement::review_required(&movement) {
			// A large transfer waits for a compliance officer, frozen in the sender's account.
			T::Movement::ensure_can_hold(&movement, amount)?;
			T::Movement::hold(&movement, amount)?;
			return Ok(None);
		}

		let recorded = T::Movement::record(&movement);
		T::Assets::transfer(asset, &from, &to, amount, Preservation::Expendable)?;
		let travel_rule_record = recorded.travel_rule_record;
		Self::deposit_event(Event::Transferred { from, to, amount, travel_rule_record });
		Ok(Some(recorded.monitor_weight))
	}

	/// Whether `to` can receive `amount` of `asset`, as a typed error.
	pub(crate) fn ensure_can_receive(
		asset: AssetIdOf<T>,
		to: &T::AccountId,
		amount: BalanceOf<T>,
		provenance: Provenance,
	) -> DispatchResult {
		match T::Assets::can_deposit(asset, to, amount, provenance) {
			DepositConsequence::Success => Ok(()),
			DepositConsequence::BelowMinimum => Err(Error::<T>::BelowMinimum.into()),
			DepositConsequence::Overflow => Err(Error::<T>::Overflow.into()),
			DepositConsequence::UnknownAsset => Err(Error::<T>::NoSettlementAsset.into()),
			DepositConsequence::CannotCreate | DepositConsequence::Blocked => {
				Err(Error::<T>::CannotReceive.into())
			},
		}
	}

	/// The settlement asset's id, if it is configured and exists.
	pub fn settlement_asset() -> Result<AssetIdOf<T>, Error<T>> {
		let asset = SettlementAsset::<T>::get().ok_or(Error::<T>::NoSettlementAsset)?;
		ensure!(T::Assets::asset_exists(asset), Error::<T>::NoSettlementAsset);
		Ok(asset)
	}

	/// Whether `who` is an authorized bank.
	pub fn is_bank(who: &T::AccountId) -> bool {
		Banks::<T>::contains_key(who)
	}

	/// Invariants: the bank count matches the map and its bound; the asset exists; the freezes
	/// are well formed and covered by the balances.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let counted = Banks::<T>::iter_keys().count() as u32;
		ensure!(counted == Banks::<T>::count(), "bank counter out of sync");
		ensure!(counted <= T::MaxBanks::get(), "more banks than MaxBanks");
		if let Some(asset) = SettlementAsset::<T>::get() {
			ensure!(T::Assets::asset_exists(asset), "settlement asset missing");
		}
		Self::try_state_freezes()
	}
}

/// The stablecoin movements other pallets make inside their own calls (deposits, escrow,
/// refunds, compensation). They screen the parties themselves; this only checks balances.
impl<T: Config> genex_primitives::Settlement<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn ensure_can_transfer(
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let asset = Self::settlement_asset()?;
		let spendable =
			T::Assets::reducible_balance(asset, from, Preservation::Expendable, Fortitude::Polite);
		ensure!(spendable >= amount, Error::<T>::InsufficientBalance);
		Self::ensure_can_receive(asset, to, amount, Provenance::Extant)
	}

	fn transfer(from: &T::AccountId, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let asset = Self::settlement_asset()?;
		T::Assets::transfer(asset, from, to, amount, Preservation::Expendable).map(|_| ())
	}

	fn balance(who: &T::AccountId) -> BalanceOf<T> {
		SettlementAsset::<T>::get().map(|asset| T::Assets::balance(asset, who)).unwrap_or_default()
	}

	fn spendable(who: &T::AccountId) -> BalanceOf<T> {
		Self::spendable(who)
	}

	fn frozen(who: &T::AccountId, reason: FreezeReason) -> BalanceOf<T> {
		Self::frozen_for(who, reason)
	}

	fn freezable(who: &T::AccountId) -> BalanceOf<T> {
		Self::freezable(who)
	}

	fn freeze(who: &T::AccountId, reason: FreezeReason, amount: BalanceOf<T>) -> DispatchResult {
		Self::do_freeze(who, reason, amount)
	}

	fn thaw(who: &T::AccountId, reason: FreezeReason, amount: BalanceOf<T>) -> BalanceOf<T> {
		Self::do_thaw(who, reason, amount)
	}

	fn ensure_can_transfer_frozen(
		from: &T::AccountId,
		reason: FreezeReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::ensure_can_transfer_frozen(from, reason, to, amount).map(|_| ())
	}

	fn transfer_frozen(
		from: &T::AccountId,
		reason: FreezeReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::do_transfer_frozen(from, reason, to, amount)
	}

	fn ensure_can_settle_frozen(
		reason: FreezeReason,
		payers: &[(T::AccountId, BalanceOf<T>)],
		payees: &[(T::AccountId, BalanceOf<T>)],
	) -> DispatchResult {
		Self::ensure_can_settle_frozen(reason, payers, payees).map(|_| ())
	}

	fn settle_frozen(
		reason: FreezeReason,
		payers: &[(T::AccountId, BalanceOf<T>)],
		payees: &[(T::AccountId, BalanceOf<T>)],
	) -> DispatchResult {
		Self::do_settle_frozen(reason, payers, payees)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn fund(who: &T::AccountId, amount: BalanceOf<T>) {
		use crate::BenchmarkHelper;
		let asset = T::BenchmarkHelper::create_settlement_asset();
		SettlementAsset::<T>::put(asset.clone());
		let _ = T::Assets::mint_into(asset, who, amount);
	}
}
