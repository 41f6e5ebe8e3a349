//! Storage migrations of the fee-less pallet.

use crate::*;
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1: [`PolicyIndex`], the compact copy of [`FeelessCalls`] every transaction's
/// check reads, built from [`FeelessCalls`] (at most `MaxFeelessCalls` entries: 64 in the
/// runtime). Nothing else changes.
pub mod v1 {
	use super::*;

	/// The migration's logic, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let entries = Pallet::<T>::rebuild_index();
			log::info!(target: LOG_TARGET, "fee-less policy index: {entries} calls");
			T::DbWeight::get().reads_writes(u64::from(entries).saturating_add(1), 1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(
			_state: alloc::vec::Vec<u8>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 → 1, run once (the pallet's storage version is checked and set).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
