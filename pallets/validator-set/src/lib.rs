//! # Validator set pallet
//!
//! Genex Chain is permissioned: the platform and its partner banks run the validators. This
//! pallet keeps the set of validator accounts and lets **governance** (the council of platform
//! and banks, or Root) add and remove them while the chain runs, without restarting any node.
//!
//! ## How a change takes effect
//!
//! The pallet is `pallet-session`'s `SessionManager` and its `ShouldEndSession`. `pallet-session`
//! queues a new set one session ahead of using it, so a change made in session `N` would
//! normally author from session `N + 2`. To make a governance decision take effect at once, a
//! change forces the next two session boundaries, one block apart: at the first the new set is
//! queued (its keys announced to GRANDPA), at the second it becomes the Aura and GRANDPA
//! authority set. Periodic sessions continue on their usual grid afterwards.
//!
//! A validator must have registered its session keys (`session.setKeys`) before it can be
//! added: otherwise `pallet-session` would silently skip it.
//!
//! ## Calls
//!
//! - [`Pallet::add_validator`]: governance adds an account to the set.
//! - [`Pallet::remove_validator`]: governance removes an account from the set.

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

pub use pallet::*;
pub use session::ForcedOrPeriodicSessions;
pub use weights::WeightInfo;

mod functions;
mod session;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Make `who` able to validate: register (and pay for) its session keys.
	fn register_session_keys(who: &AccountId);
}

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::validator-set";

/// Forced session boundaries a change needs: one to queue the new set, one to activate it.
pub const ROTATIONS_PER_CHANGE: u8 = 2;

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::ValidatorRegistration},
		frame_system::pallet_prelude::*,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Origin allowed to add and remove validators: the governance collective of platform
		/// and banks, or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Tells whether an account has registered session keys (`pallet-session`).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// Largest validator set.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Smallest validator set: removals that would go below it are refused, so the chain
		/// never loses its last author.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Registers session keys for benchmark accounts.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validator accounts, sorted, without duplicates. The authority set follows it at the
	/// session boundaries a change forces.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Session boundaries still to be forced for the last change (0 when none is pending).
	#[pallet::storage]
	pub type PendingRotations<T: Config> = StorageValue<_, u8, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validator accounts at genesis (at least `MinValidators`, or none). Each must also
		/// have session keys in the `session` genesis.
		pub initial_validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics here stop a malformed chain spec from producing a genesis block; they never run
		// on a live chain.
		fn build(&self) {
			let mut set = self.initial_validators.clone();
			set.sort();
			set.dedup();
			assert_eq!(
				set.len(),
				self.initial_validators.len(),
				"genesis validators must not repeat"
			);
			// An empty list leaves the set to `pallet-session`'s own genesis keys.
			assert!(
				set.is_empty() || set.len() >= T::MinValidators::get() as usize,
				"fewer genesis validators than MinValidators"
			);
			let set: BoundedVec<_, T::MaxValidators> =
				set.try_into().expect("more genesis validators than MaxValidators");
			Validators::<T>::put(set);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance added a validator; it authors from the second block after this one.
		ValidatorAdded {
			/// The account added.
			who: T::AccountId,
		},
		/// Governance removed a validator; it stops authoring from the second block after this
		/// one.
		ValidatorRemoved {
			/// The account removed.
			who: T::AccountId,
		},
		/// A changed validator set was handed to `pallet-session` for the given session.
		ValidatorSetQueued {
			/// The session the set is for.
			session: u32,
			/// Number of validators in it.
			validators: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set is full (`MaxValidators`).
		TooManyValidators,
		/// Removing it would leave fewer than `MinValidators` validators.
		TooFewValidators,
		/// The account has not registered session keys (`session.setKeys`); it could not
		/// author.
		NoSessionKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
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
		/// Add a validator.
		///
		/// - Origin: governance (council of platform and banks) or Root.
		/// - `who` must have registered session keys and must not be a validator yet; the set
		///   must have room (`MaxValidators`).
		///
		/// The account authors from the second block after this one (two forced session
		/// boundaries). Emits `ValidatorAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Remove a validator.
		///
		/// - Origin: governance (council of platform and banks) or Root.
		/// - `who` must be a validator, and at least `MinValidators` must remain.
		///
		/// The account stops authoring from the second block after this one. Emits
		/// `ValidatorRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}
	}
}
