//! # Travel Rule pallet
//!
//! FATF's Travel Rule: when a transfer of at least about USD 3,000 moves between customers, the
//! originator's provider must pass originator and beneficiary identity to the beneficiary's
//! provider. On Genex Chain, P2P transfers of coupons or stablecoin that bring what their
//! sender moved P2P in the rolling 24 hours to the [`Threshold`] or above must go through the
//! routed call of the transferring pallet (`stablecoin.transfer_with_travel_rule`,
//! `coupons.transfer_with_travel_rule`), which carries [`TravelRuleData`]: a commitment (hash)
//! of the IVMS101 payload exchanged off chain and both VASPs' identifiers.
//!
//! Transfers from one sender **aggregate**: a plain transfer passes only while the P2P value the
//! sender sent in the rolling 24 hours (the KYC pallet's count, routed transfers included) plus
//! the transfer stays below the threshold; otherwise it fails with
//! [`Error::TravelRuleRequired`], so splitting a payment into pieces below the threshold does
//! not avoid routing. The transferring pallet passes that sum in
//! ([`genex_primitives::TravelRule::ensure_below_threshold_for`]).
//!
//! Each routed transfer is kept as a [`TravelRecord`] (the newest [`Config::MaxRecords`]; older
//! ones are pruned) and emitted as [`Event::TransferRecorded`], so regulators' archive nodes
//! hold the full history. No personal data goes on chain.
//!
//! Other pallets use this one only through [`genex_primitives::TravelRule`].
//!
//! ## Calls
//!
//! - [`Pallet::set_threshold`]: governance sets the threshold.

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

mod records;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, Encode, MaxEncodedLen};
pub use genex_primitives::{Balance, TransferredAsset, TravelRuleData, VaspId};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::travel-rule";

/// A routed transfer, as kept on chain.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct TravelRecord<AccountId, BlockNumber> {
	/// The sender.
	pub from: AccountId,
	/// The receiver.
	pub to: AccountId,
	/// What moved.
	pub asset: TransferredAsset,
	/// Its value in the settlement asset's smallest unit.
	pub value: Balance,
	/// Payload commitment and VASP identifiers.
	pub data: TravelRuleData,
	/// Block of the transfer.
	pub at: BlockNumber,
}

// FRAME's expansion of `#[pallet::pallet]`, `#[pallet::storage]` and `#[pallet::error]` calls
// `expect` on values it has just built; the genesis build below panics on a malformed chain
// spec (no genesis block rather than a wrong one). Calls and hooks delegate to `do_*`
// functions in the other files, which the lint covers.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{frame_support::pallet_prelude::*, frame_system::pallet_prelude::*};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Sets the threshold: governance or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The threshold until governance sets one (USD 3,000 in the settlement asset).
		#[pallet::constant]
		type DefaultThreshold: Get<Balance>;

		/// Records kept on chain; the oldest is pruned beyond this.
		#[pallet::constant]
		type MaxRecords: Get<u64>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The threshold set by governance; [`Config::DefaultThreshold`] while unset.
	#[pallet::storage]
	pub type Threshold<T: Config> = StorageValue<_, Balance, OptionQuery>;

	/// Id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The newest [`Config::MaxRecords`] routed transfers, by id.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u64,
		TravelRecord<T::AccountId, BlockNumberFor<T>>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set the threshold.
		ThresholdSet {
			/// The new threshold, in the settlement asset's smallest unit.
			threshold: Balance,
		},
		/// A transfer at or above the threshold (or voluntarily routed) was recorded.
		TransferRecorded {
			/// The record's id.
			id: u64,
			/// The sender.
			from: T::AccountId,
			/// The receiver.
			to: T::AccountId,
			/// What moved.
			asset: TransferredAsset,
			/// Its value.
			value: Balance,
			/// Hash of the IVMS101 payload.
			payload_commitment: polkadot_sdk::sp_core::H256,
			/// The originator's VASP.
			originator_vasp: VaspId,
			/// The beneficiary's VASP.
			beneficiary_vasp: VaspId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The transfer, added to what the sender moved P2P in the rolling 24 hours, reaches the
		/// Travel-Rule threshold (see `Threshold`, by default USD 3,000 in the settlement
		/// asset): send it with `transfer_with_travel_rule`.
		TravelRuleRequired,
		/// A VASP identifier is empty.
		EmptyVaspId,
		/// The threshold must be above zero.
		ZeroThreshold,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRecords::get() > 0, "MaxRecords must be positive");
			assert!(T::DefaultThreshold::get() > 0, "DefaultThreshold must be positive");
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
		/// Set the threshold: once what a sender moved P2P in the rolling 24 hours, the next
		/// transfer included, reaches it, that transfer must be routed.
		///
		/// - Origin: governance or Root.
		/// - Fails with `ZeroThreshold`.
		///
		/// Emits `ThresholdSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_threshold())]
		pub fn set_threshold(
			origin: OriginFor<T>,
			#[pallet::compact] threshold: Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_threshold(threshold)
		}
	}
}
