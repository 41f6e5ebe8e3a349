//! Storage migrations of the KYC pallet.

use crate::*;
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1: the monthly P2P limits.
///
/// - [`Limits`]: each level's limits gain `monthly_p2p_value` and `monthly_p2p_count`, set to
///   30 × the level's daily ones (saturating), so no account is stopped by a monthly limit
///   until governance sets one (`kyc.setLimits`). Four entries at most (L0–L3).
/// - [`Usage`] is **not** rewritten: a value of the old format decodes as the new one with its
///   days rebuilt from its hourly buckets ([`UsageWindow`]'s `Decode`), and is written in the
///   new format the next time the account's usage is counted. The upgrade therefore costs the
///   same whatever the number of accounts.
pub mod v1 {
	use super::*;

	/// [`LevelLimits`] before version 1.
	#[derive(Encode, Decode, Clone, Copy)]
	pub struct LevelLimitsV0 {
		/// Value traded per 24 hours.
		pub daily_trade_value: Balance,
		/// P2P value sent per 24 hours.
		pub daily_p2p_value: Balance,
		/// P2P transfers sent per 24 hours.
		pub daily_p2p_count: u32,
		/// Most coupon units held at once.
		pub max_holdings: u64,
	}

	impl From<LevelLimitsV0> for LevelLimits {
		fn from(old: LevelLimitsV0) -> Self {
			LevelLimits {
				daily_trade_value: old.daily_trade_value,
				daily_p2p_value: old.daily_p2p_value,
				daily_p2p_count: old.daily_p2p_count,
				monthly_p2p_value: old.daily_p2p_value.saturating_mul(MONTH_DAYS.into()),
				monthly_p2p_count: old.daily_p2p_count.saturating_mul(MONTH_DAYS),
				max_holdings: old.max_holdings,
			}
		}
	}

	/// The migration's logic, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut translated = 0u64;
			Limits::<T>::translate::<LevelLimitsV0, _>(|_, old| {
				translated = translated.saturating_add(1);
				Some(old.into())
			});
			log::info!(target: LOG_TARGET, "monthly P2P limits: {translated} levels migrated");
			T::DbWeight::get().reads_writes(translated, translated)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok((Limits::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(
			state: alloc::vec::Vec<u8>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			let before = u32::decode(&mut &state[..])
				.map_err(|_| "kyc v1: pre-upgrade state does not decode")?;
			let after = Limits::<T>::iter().count() as u32;
			polkadot_sdk::frame_support::ensure!(
				before == after,
				"kyc v1: a level's limits were lost or do not decode"
			);
			Ok(())
		}
	}

	/// Version 0 → 1, run once: the runtime's `Migrations` list it until every chain has run
	/// it.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
