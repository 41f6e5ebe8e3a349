//! Storage migrations of the market pallet.

use crate::*;
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1 (spec 112): the obligations sampling draws from an index of the series with
/// market makers ([`QuotedSeries`], [`QuotedIndex`], [`QuotedCount`]), kept up to date by
/// `setQuotes` from then on. This indexes every series that already has a maker list, and
/// removes the empty lists a withdrawn last sheet left behind.
///
/// One pass over [`SeriesMakers`]: an entry exists only for a series a bonded market maker
/// quoted (at most `MaxSheetsPerMaker` series per maker), so the pass is as long as the
/// series with makers; on a chain with thousands of them, run it as a multi-block migration
/// instead.
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;

	/// The migration's logic, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let lists: Vec<(SeriesId, bool)> = SeriesMakers::<T>::iter()
				.map(|(series, makers)| (series, makers.is_empty()))
				.collect();
			let (mut reads, mut writes) = (lists.len() as u64, 0u64);
			let mut indexed = 0u32;
			for (series, empty) in lists {
				if empty {
					SeriesMakers::<T>::remove(series);
					writes = writes.saturating_add(1);
				} else {
					Pallet::<T>::index_quoted(series);
					indexed = indexed.saturating_add(1);
					reads = reads.saturating_add(2);
					writes = writes.saturating_add(3);
				}
			}
			log::info!(target: LOG_TARGET, "obligations index: {indexed} series with makers indexed");
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let listed = SeriesMakers::<T>::iter_values().filter(|m| !m.is_empty()).count() as u32;
			Ok(listed.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(
			state: alloc::vec::Vec<u8>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let listed = u32::decode(&mut &state[..])
				.map_err(|_| "market v1: pre-upgrade state does not decode")?;
			polkadot_sdk::frame_support::ensure!(
				QuotedCount::<T>::get() == listed,
				"market v1: not every maker list indexed"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 → 1, run once.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
