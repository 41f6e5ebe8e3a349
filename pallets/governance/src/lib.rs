//! # Governance: the audited path to Root
//!
//! On the `local` and `staging` networks nobody holds a sudo key: the chain is governed by the
//! council of the platform and its partner banks. Some calls only Root may make — a runtime
//! upgrade (`system.setCode`), a treasury spend, GRANDPA's stall recovery
//! (`grandpa.noteStalled`). This pallet is the one way to reach Root there: a council motion
//! carried by a super-majority (the runtime's [`Config::RootOrigin`], three quarters of the
//! council) calls [`Pallet::dispatch_as_root`], which dispatches the call as Root and records
//! the decision — the call's hash and its result — in [`Event::DispatchedAsRoot`]. Every use is
//! therefore a council motion on chain (proposer, votes, close) followed by this event: the
//! audit trail regulators and operators read.
//!
//! The call is dispatched with Root's origin, which passes every call filter (as a sudo call
//! would); its weight is charged up front on top of this pallet's own.

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
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::governance";

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use polkadot_sdk::{
		frame_support::{
			dispatch::{GetDispatchInfo, PostDispatchInfo},
			pallet_prelude::*,
			traits::UnfilteredDispatchable,
		},
		frame_system::{pallet_prelude::*, RawOrigin},
		sp_runtime::traits::{Dispatchable, Hash},
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The calls that can be dispatched as Root.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo
			+ From<polkadot_sdk::frame_system::Call<Self>>;

		/// Who may act as Root: a council super-majority motion (or Root itself).
		type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance dispatched a call as Root.
		DispatchedAsRoot {
			/// Hash of the SCALE-encoded call (the motion's proposal hash when the council
			/// proposed `dispatchAsRoot(call)` — hash the whole `dispatchAsRoot` call for that).
			call_hash: T::Hash,
			/// The call's result: `Ok`, or the error it failed with.
			result: DispatchResult,
		},
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` as Root. Used for runtime upgrades (`system.setCode`), treasury
		/// spends and `grandpa.noteStalled` on networks without sudo; see
		/// `docs/operators.md` for the procedure.
		///
		/// - Origin: the root origin of governance (a council motion carried by three quarters
		///   of the council), or Root.
		/// - Fails with `BadOrigin`; the inner call's own failure is reported in the event, not
		///   as this call's error (the decision stays on record).
		///
		/// Emits `DispatchedAsRoot`.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let inner = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(inner.call_weight), inner.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::RootOrigin::ensure_origin(origin)?;
			Ok(Self::do_dispatch_as_root(*call))
		}
	}

	impl<T: Config> Pallet<T> {
		/// Dispatch `call` as Root and record the decision; the weight actually used.
		pub(crate) fn do_dispatch_as_root(call: <T as Config>::RuntimeCall) -> PostDispatchInfo {
			let call_hash = T::Hashing::hash_of(&call);
			let declared = call.get_dispatch_info().call_weight;
			let outcome = call.dispatch_bypass_filter(RawOrigin::Root.into());
			let used = match &outcome {
				Ok(post) => post.actual_weight,
				Err(e) => e.post_info.actual_weight,
			}
			.unwrap_or(declared);
			let result = outcome.map(|_| ()).map_err(|e| e.error);
			log::info!(target: LOG_TARGET, "dispatched {call_hash:?} as Root: {result:?}");
			Self::deposit_event(Event::DispatchedAsRoot { call_hash, result });
			PostDispatchInfo {
				actual_weight: Some(T::WeightInfo::dispatch_as_root().saturating_add(used)),
				pays_fee: Pays::Yes,
			}
		}
	}
}
