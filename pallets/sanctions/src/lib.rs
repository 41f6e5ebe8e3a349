//! # Sanctions pallet
//!
//! Keeps the list of blocked addresses (OFAC SDN and the other lists in force) on chain. The
//! compliance origin updates it in batches, each update tagged with a strictly increasing
//! **list version** and the **digest of the source publication**, so anyone can tell which
//! publication the chain enforces ([`ListInfo`]).
//!
//! A blocked account is frozen:
//! - [`CheckNotBlocked`], a transaction extension, refuses every extrinsic it signs when the
//!   pool validates it: it never reaches a block and pays no fee;
//! - pallets refuse any transfer, order or redemption whose counterparty is blocked, through
//!   [`genex_primitives::SanctionsScreen`];
//! - [`Config::OnBlocked`] is told at once (the market cancels its open orders); its holdings
//!   stay where they are.
//!
//! ## Calls
//!
//! - [`Pallet::update_list`]: the compliance origin adds and removes addresses.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, checked in the non-test build.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::expect_used,
		clippy::unwrap_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

pub use extension::CheckNotBlocked;
pub use pallet::*;
pub use weights::WeightInfo;

mod extension;
mod list;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use genex_primitives::SanctionsListInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::sanctions";

/// `InvalidTransaction::Custom` code with which [`CheckNotBlocked`] refuses a blocked signer.
pub const BLOCKED_SIGNER: u8 = 0xB1;

/// `InvalidTransaction::Custom` code with which [`CheckNotBlocked`] refuses a transaction that
/// acts as, or pays, a blocked account through a wrapper (utility, multisig, sudo) or a native
/// transfer.
pub const BLOCKED_PARTY: u8 = 0xB2;

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genex_primitives::OnBlocked;
	use polkadot_sdk::{
		frame_support::pallet_prelude::*, frame_system::pallet_prelude::*, sp_core::H256,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Blocks accounts: one compliance officer (OFAC is zero tolerance) or Root.
		type ComplianceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Unblocks accounts (an update that removes anyone): at least two compliance officers
		/// (a committee motion) or Root. It may also block.
		type UnblockOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The accounts a call acts as or pays beyond its signer (wrappers' inner origins,
		/// native transfers' receivers): [`CheckNotBlocked`] refuses the transaction when one
		/// is blocked.
		type CallParties: genex_primitives::CallParties<Self::AccountId, Self::RuntimeCall>;

		/// Told about each newly blocked account (e.g. the market cancels its orders).
		type OnBlocked: OnBlocked<Self::AccountId>;

		/// Most addresses added plus removed in one update.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Weights of this pallet's calls and of [`CheckNotBlocked`], from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Blocked accounts, with the list version that blocked them.
	#[pallet::storage]
	pub type Blocked<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, u32, OptionQuery>;

	/// The list in force: version, source digest, block of the last update.
	#[pallet::storage]
	pub type ListInfo<T: Config> = StorageValue<_, SanctionsListInfo, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account was put on the list; its extrinsics are refused from now on.
		AccountBlocked {
			/// The account.
			who: T::AccountId,
			/// The list version that blocked it.
			version: u32,
		},
		/// An account was taken off the list.
		AccountUnblocked {
			/// The account.
			who: T::AccountId,
			/// The list version that unblocked it.
			version: u32,
		},
		/// The list moved to a new version (after the per-account events of the update).
		ListUpdated {
			/// The new version.
			version: u32,
			/// Digest of the source publication.
			source_digest: H256,
			/// Accounts added.
			added: u32,
			/// Accounts removed.
			removed: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is on the blocked-address list: nothing may move from or to it.
		AccountBlocked,
		/// The update adds and removes nobody.
		EmptyUpdate,
		/// The update names more than `MaxBatch` accounts (added plus removed).
		BatchTooLarge,
		/// The version is not above the version in force (a duplicate or stale publication).
		StaleListVersion,
		/// An account to add is already blocked.
		AlreadyBlocked,
		/// An account to remove is not blocked.
		NotBlocked,
		/// The same account appears twice in the update.
		DuplicateAccount,
		/// Unblocking needs two compliance officers (a committee motion), not one.
		UnblockNeedsTwoOfficers,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Move the list to `version` (strictly above the one in force), following the source
		/// publication with digest `source_digest`: block the accounts in `add`, unblock those
		/// in `remove`. All or nothing: any bad entry fails the whole update.
		///
		/// - Origin: one compliance officer or Root when `remove` is empty; two officers (a
		///   compliance committee motion) or Root when it is not.
		/// - Fails with `UnblockNeedsTwoOfficers`, `EmptyUpdate`, `BatchTooLarge`,
		///   `StaleListVersion`, `DuplicateAccount`, `AlreadyBlocked` or `NotBlocked`; nothing
		///   is written then.
		///
		/// Emits `AccountBlocked` / `AccountUnblocked` per account, then `ListUpdated`.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::update_list(add.len() as u32, remove.len() as u32)
				.saturating_add(T::OnBlocked::weight().saturating_mul(add.len() as u64))
		)]
		pub fn update_list(
			origin: OriginFor<T>,
			version: u32,
			source_digest: H256,
			add: Vec<T::AccountId>,
			remove: Vec<T::AccountId>,
		) -> DispatchResult {
			if T::UnblockOrigin::try_origin(origin.clone()).is_err() {
				T::ComplianceOrigin::ensure_origin(origin)?;
				ensure!(remove.is_empty(), Error::<T>::UnblockNeedsTwoOfficers);
			}
			Self::do_update_list(version, source_digest, add, remove)
		}
	}
}
