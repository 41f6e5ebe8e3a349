//! # Fee-less pallet
//!
//! Most user actions on Genex Chain cost the user nothing, within limits. Governance names
//! which calls are **fee-less** (by pallet and call name) and from which KYC level, and how many
//! free calls each level gets per [`Config::Period`] (e.g. 50 a day for L1). Within the quota
//! the signer pays no fee; beyond it the transaction pays normal fees, and an account that
//! cannot pay is refused at the pool. Spam beyond the quota therefore never enters a block for
//! free.
//!
//! [`FeelessWithinQuota`] wraps the fee-charging extension (`ChargeTransactionPayment`): it
//! keeps its identifier and encoding, so wallets sign exactly as before.
//!
//! Calls the runtime lists in [`Config::NeverFeeless`] (contracts, governance, calls that wrap
//! other calls) can never be made fee-less. Usage is counted per period and account; counts of
//! past periods are deleted in bounded `on_idle` work.
//!
//! ## Calls
//!
//! - [`Pallet::set_feeless_call`], [`Pallet::remove_feeless_call`]: governance names free calls.
//! - [`Pallet::set_quota`]: governance sets a level's free calls per period.

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

pub use extension::FeelessWithinQuota;
pub use pallet::*;
pub use weights::WeightInfo;

mod extension;
pub mod migrations;
mod policy;
mod quota;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use genex_primitives::{Balance, KycLevel};
use polkadot_sdk::frame_support::{traits::ConstU32, BoundedVec};

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::feeless";

/// `InvalidTransaction::Custom` code when a fee-less transaction finds its quota used up by the
/// time a block applies it; the pool then re-validates it as a paying transaction.
pub const QUOTA_USED: u8 = 0xF1;

/// A pallet's name as the runtime's metadata spells it, e.g. `Stablecoin`.
pub type PalletName = BoundedVec<u8, ConstU32<32>>;
/// A call's name as the metadata spells it, e.g. `transfer`.
pub type CallName = BoundedVec<u8, ConstU32<64>>;
/// What a transaction's check looks a call up by: `twox128` of `Pallet.call` (see
/// [`Pallet::call_key`]). Names, not indices, so the key survives a runtime upgrade that moves
/// a pallet.
pub type CallKey = [u8; 16];

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::KycProvider;
	use polkadot_sdk::{
		frame_support::{
			dispatch::GetDispatchInfo,
			pallet_prelude::*,
			traits::{CallMetadata, Contains, GetCallMetadata},
		},
		frame_system::pallet_prelude::*,
	};

	/// Version 1: [`PolicyIndex`] (see [`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		polkadot_sdk::frame_system::Config<
		RuntimeEvent: From<Event<Self>>,
		RuntimeCall: GetCallMetadata + GetDispatchInfo,
	>
	{
		/// Names free calls and sets quotas: governance or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// KYC levels of signers.
		type Kyc: KycProvider<Self::AccountId, Balance>;

		/// Length of a quota period in blocks (a day).
		#[pallet::constant]
		type Period: Get<BlockNumberFor<Self>>;

		/// Calls that may never be fee-less, whatever governance decides (contracts,
		/// governance, calls that dispatch other calls).
		type NeverFeeless: Contains<CallMetadata>;

		/// Most fee-less calls governance may name.
		#[pallet::constant]
		type MaxFeelessCalls: Get<u32>;

		/// Weights of this pallet's calls and of [`FeelessWithinQuota`], from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Fee-less calls by (pallet name, call name), with the lowest KYC level that gets them
	/// free.
	#[pallet::storage]
	pub type FeelessCalls<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, (PalletName, CallName), KycLevel, OptionQuery>;

	/// [`FeelessCalls`] as every transaction's check reads it: (call key, lowest level), one
	/// small value. The first transaction of a block loads it; the others find it in the block's
	/// storage cache, so a block pays one read for it (charged in `on_initialize`), and the check
	/// of a call that is not fee-less reads nothing else. Written with [`FeelessCalls`], never
	/// alone.
	#[pallet::storage]
	pub type PolicyIndex<T: Config> =
		StorageValue<_, BoundedVec<(CallKey, KycLevel), T::MaxFeelessCalls>, ValueQuery>;

	/// Free calls per period, per KYC level (zero: none).
	#[pallet::storage]
	pub type Quotas<T: Config> = StorageMap<_, Twox64Concat, KycLevel, u32, ValueQuery>;

	/// Free calls used, by period index and account.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageDoubleMap<_, Twox64Concat, u32, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The oldest period whose usage may still be stored; `on_idle` deletes periods before the
	/// current one, starting here.
	#[pallet::storage]
	pub type OldestPeriod<T: Config> = StorageValue<_, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Fee-less calls at genesis: (pallet name, call name, lowest level).
		pub feeless_calls:
			alloc::vec::Vec<(alloc::string::String, alloc::string::String, KycLevel)>,
		/// Free calls per period at genesis, per level.
		pub quotas: alloc::vec::Vec<(KycLevel, u32)>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics here stop a malformed chain spec from producing a genesis block; they never
		// run on a live chain.
		fn build(&self) {
			for (pallet, call, level) in &self.feeless_calls {
				let key = Pallet::<T>::checked_key(pallet.as_bytes(), call.as_bytes())
					.unwrap_or_else(|e| panic!("genesis fee-less call {pallet}.{call}: {e:?}"));
				FeelessCalls::<T>::insert(key, level);
			}
			assert!(
				FeelessCalls::<T>::count() <= T::MaxFeelessCalls::get(),
				"more fee-less calls than MaxFeelessCalls"
			);
			Pallet::<T>::rebuild_index();
			for (level, quota) in &self.quotas {
				Quotas::<T>::insert(level, quota);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance made a call fee-less from `min_level` up (or changed its level).
		FeelessCallSet {
			/// The pallet's name.
			pallet: PalletName,
			/// The call's name.
			call: CallName,
			/// Lowest KYC level that gets it free.
			min_level: KycLevel,
		},
		/// Governance made a call paying again.
		FeelessCallRemoved {
			/// The pallet's name.
			pallet: PalletName,
			/// The call's name.
			call: CallName,
		},
		/// Governance set a level's free calls per period.
		QuotaSet {
			/// The level.
			level: KycLevel,
			/// Free calls per period.
			free_calls: u32,
		},
		/// A transaction's fee was waived.
		FeeWaived {
			/// The signer.
			who: T::AccountId,
			/// Free calls the signer has used this period, this one included.
			used: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such pallet or call in this runtime (names as the metadata spells them).
		UnknownCall,
		/// The runtime never lets this call be fee-less (contracts, governance, wrappers).
		NeverFeeless,
		/// The level is out of range (0 to 3).
		InvalidLevel,
		/// No more fee-less calls can be named (`MaxFeelessCalls`).
		TooManyFeelessCalls,
		/// The call is not fee-less.
		NotFeeless,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// The block's one read of [`PolicyIndex`], which every transaction's check then finds
		/// cached (its benchmarks count it as such).
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads(1)
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_clean_usage(remaining)
		}

		fn integrity_test() {
			assert!(!T::Period::get().is_zero(), "Period must be positive");
			assert!(T::MaxFeelessCalls::get() > 0, "MaxFeelessCalls must be positive");
			// The policy index tells calls apart by their key alone.
			let mut keys = alloc::vec::Vec::new();
			for module in T::RuntimeCall::get_module_names() {
				for call in T::RuntimeCall::get_call_names(module) {
					keys.push(Pallet::<T>::call_key(module.as_bytes(), call.as_bytes()));
				}
			}
			let all = keys.len();
			keys.sort_unstable();
			keys.dedup();
			assert_eq!(keys.len(), all, "two calls of the runtime share a policy key");
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
		/// Make `pallet.call` fee-less for signers at `min_level` (0 to 3) or above, within
		/// their level's quota. Names are as the runtime metadata spells them, e.g.
		/// `Stablecoin` / `transfer`.
		///
		/// - Origin: governance or Root.
		/// - Fails with `UnknownCall`, `NeverFeeless`, `InvalidLevel` or `TooManyFeelessCalls`.
		///
		/// Emits `FeelessCallSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_feeless_call())]
		pub fn set_feeless_call(
			origin: OriginFor<T>,
			pallet: PalletName,
			call: CallName,
			min_level: u8,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_feeless_call(pallet, call, min_level)
		}

		/// Make `pallet.call` paying again.
		///
		/// - Origin: governance or Root.
		/// - Fails with `NotFeeless`.
		///
		/// Emits `FeelessCallRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_feeless_call())]
		pub fn remove_feeless_call(
			origin: OriginFor<T>,
			pallet: PalletName,
			call: CallName,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_feeless_call(pallet, call)
		}

		/// Set how many fee-less calls signers at `level` (0 to 3) get per period. Takes effect
		/// at once, counting what was already used this period.
		///
		/// - Origin: governance or Root.
		/// - Fails with `InvalidLevel`.
		///
		/// Emits `QuotaSet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_quota())]
		pub fn set_quota(origin: OriginFor<T>, level: u8, free_calls: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_quota(level, free_calls)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether the runtime forbids making this call fee-less.
		pub(crate) fn never_feeless(pallet: &'static str, call: &'static str) -> bool {
			T::NeverFeeless::contains(&CallMetadata { pallet_name: pallet, function_name: call })
		}
	}
}
