//! The blocked-address list: batch updates and the [`SanctionsScreen`] implementation.

use crate::*;
use alloc::{collections::BTreeSet, vec::Vec};
use genex_primitives::{OnBlocked, SanctionsScreen};
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get},
	sp_core::H256,
};

impl<T: Config> Pallet<T> {
	/// Apply one list update; every check runs before the first write.
	pub(crate) fn do_update_list(
		version: u32,
		source_digest: H256,
		add: Vec<T::AccountId>,
		remove: Vec<T::AccountId>,
	) -> DispatchResult {
		ensure!(!add.is_empty() || !remove.is_empty(), Error::<T>::EmptyUpdate);
		let total = add.len().saturating_add(remove.len());
		ensure!(total <= T::MaxBatch::get() as usize, Error::<T>::BatchTooLarge);
		let current = ListInfo::<T>::get().map(|l| l.version);
		ensure!(current.is_none_or(|c| version > c), Error::<T>::StaleListVersion);
		let mut seen = BTreeSet::new();
		for who in add.iter().chain(remove.iter()) {
			ensure!(seen.insert(who), Error::<T>::DuplicateAccount);
		}
		for who in &add {
			ensure!(!Blocked::<T>::contains_key(who), Error::<T>::AlreadyBlocked);
		}
		for who in &remove {
			ensure!(Blocked::<T>::contains_key(who), Error::<T>::NotBlocked);
		}

		let (added, removed) = (add.len() as u32, remove.len() as u32);
		for who in add {
			Blocked::<T>::insert(&who, version);
			T::OnBlocked::on_blocked(&who);
			log::info!(target: LOG_TARGET, "blocked {who:?} (list version {version})");
			Self::deposit_event(Event::AccountBlocked { who, version });
		}
		for who in remove {
			Blocked::<T>::remove(&who);
			log::info!(target: LOG_TARGET, "unblocked {who:?} (list version {version})");
			Self::deposit_event(Event::AccountUnblocked { who, version });
		}
		let updated_at = polkadot_sdk::sp_runtime::SaturatedConversion::saturated_into(
			polkadot_sdk::frame_system::Pallet::<T>::block_number(),
		);
		ListInfo::<T>::put(SanctionsListInfo { version, source_digest, updated_at });
		Self::deposit_event(Event::ListUpdated { version, source_digest, added, removed });
		Ok(())
	}

	/// Storage invariants: the counter matches; no account was blocked by a version above the
	/// one in force.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		ensure!(
			Blocked::<T>::iter_keys().count() as u32 == Blocked::<T>::count(),
			"blocked counter out of sync"
		);
		let version = ListInfo::<T>::get().map(|l| l.version).unwrap_or_default();
		ensure!(Blocked::<T>::iter_values().all(|v| v <= version), "entry above list version");
		Ok(())
	}
}

impl<T: Config> SanctionsScreen<T::AccountId> for Pallet<T> {
	fn is_blocked(who: &T::AccountId) -> bool {
		Blocked::<T>::contains_key(who)
	}

	fn ensure_not_blocked(who: &T::AccountId) -> DispatchResult {
		ensure!(!Blocked::<T>::contains_key(who), Error::<T>::AccountBlocked);
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn block(who: &T::AccountId) {
		Blocked::<T>::insert(who, 0);
	}
}
