//! # Stablecoin pallet
//!
//! Coupons are priced, bought and sold in a fiat-backed settlement stablecoin. The token itself
//! is an asset of `pallet-assets` (balances, transfers, metadata, freezing); this pallet decides
//! **who may create and destroy it**: only bank accounts that governance authorized, each mint
//! backed by fiat the bank holds and each burn matched by fiat it pays out.
//!
//! The asset's id comes from genesis ([`SettlementAsset`]); its owner, issuer and admin in
//! `pallet-assets` is this pallet's keyless account, so nobody can mint it through
//! `pallet-assets` directly: `assets.mint` from any account fails with `NoPermission`.
//!
//! ## Calls
//!
//! - [`Pallet::add_bank`], [`Pallet::remove_bank`]: governance authorizes or removes a bank.
//! - [`Pallet::mint`]: a bank issues stablecoin to an account.
//! - [`Pallet::burn`]: a bank destroys stablecoin it holds.
//! - [`Pallet::transfer`]: a P2P transfer that keeps the sender's rolling 24 hours below the
//!   Travel-Rule threshold.
//! - [`Pallet::transfer_with_travel_rule`]: a P2P transfer of any size, carrying the
//!   Travel-Rule data.
//!
//! ## Freezes
//!
//! Other pallets freeze stablecoin in its owner's own account ([`Freezes`], through
//! `genex_primitives::Settlement`): the market for open buy orders and market makers' bonds.
//! This pallet is `pallet-assets`' `Freezer`, so no transfer of any kind can take an account
//! below what is frozen; only `Settlement::thaw` and `Settlement::transfer_frozen`, called by
//! the pallet that froze the funds, release them.
//!
//! ## Compliance
//!
//! Every movement asks the compliance pallets through the primitives' traits: nothing moves
//! from or to a blocked account ([`Config::Sanctions`]); mint goes only to accounts at KYC L2 or
//! above (fiat on-ramp), P2P transfers need L1 on both sides and count against the sender's
//! daily P2P limits ([`Config::Kyc`]); a transfer that brings what its sender sent P2P in the
//! rolling 24 hours to the Travel-Rule threshold or above must be routed
//! ([`Config::TravelRule`]): one sender's transfers aggregate, routed ones included. Users move
//! the stablecoin only through this pallet: the runtime filters `pallet-assets`' own transfer
//! calls for the settlement asset.

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

mod freeze;
mod functions;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use genex_primitives::{KycProvider, SanctionsScreen, TravelRule, TravelRuleData, ValueMovement};
use polkadot_sdk::frame_support::traits::fungibles;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::stablecoin";

/// Balance type of the settlement asset.
pub type BalanceOf<T> = <<T as Config>::Assets as fungibles::Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// Asset id type of `pallet-assets`.
pub type AssetIdOf<T> = <T as Config>::AssetId;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetId> {
	/// Make sure the settlement asset exists and return its id.
	fn create_settlement_asset() -> AssetId;
}

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
		frame_support::{pallet_prelude::*, PalletId},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::{AccountIdConversion, MaybeSerializeDeserialize},
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Asset id type of [`Config::Assets`].
		type AssetId: Member + Parameter + Copy + MaybeSerializeDeserialize + MaxEncodedLen;

		/// The fungible assets (`pallet-assets`) that hold the settlement stablecoin.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = Self::AssetId>;

		/// Origin allowed to authorize and remove banks: governance or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most banks that can be authorized at once.
		#[pallet::constant]
		type MaxBanks: Get<u32>;

		/// Id of this pallet's account, the owner of the stablecoin in `pallet-assets`.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// KYC levels (a mint's beneficiary must be L2: the fiat on-ramp).
		type Kyc: KycProvider<Self::AccountId, BalanceOf<Self>>;

		/// The blocked-address list (banks and beneficiaries of mints and burns).
		type Sanctions: SanctionsScreen<Self::AccountId>;

		/// The Travel-Rule threshold (benchmarks size their plain transfers below it; a
		/// transfer itself asks the gate, `Movement`).
		type TravelRule: TravelRule<Self::AccountId, BalanceOf<Self>>;

		/// The gate every transfer passes: sanctions, KYC levels and limits, the Travel Rule
		/// and AML monitoring (`genex_primitives::ComplianceGate` in the runtime).
		type Movement: ValueMovement<Self::AccountId, BalanceOf<Self>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates the settlement asset for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<AssetIdOf<Self>>;
	}

	/// The `pallet-assets` id of the settlement stablecoin (from genesis).
	#[pallet::storage]
	pub type SettlementAsset<T: Config> = StorageValue<_, AssetIdOf<T>, OptionQuery>;

	/// Stablecoin frozen in its owner's account, per reason (open buy orders, a market maker's
	/// bond): `pallet-assets` refuses any transfer that would take the balance below the sum
	/// (this pallet is its `Freezer`). One entry per reason; no entry is zero; no record is
	/// empty.
	#[pallet::storage]
	pub type Freezes<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<
			(genex_primitives::FreezeReason, BalanceOf<T>),
			ConstU32<{ genex_primitives::FreezeReason::COUNT }>,
		>,
		ValueQuery,
	>;

	/// Authorized banks: the only accounts that may mint or burn the stablecoin.
	#[pallet::storage]
	pub type Banks<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The settlement asset's id; the asset itself is created in the `assets` genesis with
		/// this pallet's account ([`Pallet::account_id`]) as owner.
		pub settlement_asset: Option<AssetIdOf<T>>,
		/// Banks authorized at genesis.
		pub banks: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics here stop a malformed chain spec from producing a genesis block; they never
		// run on a live chain.
		fn build(&self) {
			if let Some(asset) = self.settlement_asset {
				assert!(
					<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(asset),
					"the settlement asset must be created in the assets genesis"
				);
				SettlementAsset::<T>::put(asset);
			}
			assert!(self.banks.len() <= T::MaxBanks::get() as usize, "more banks than MaxBanks");
			for bank in &self.banks {
				assert!(!Banks::<T>::contains_key(bank), "genesis banks must not repeat");
				Banks::<T>::insert(bank, ());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance authorized a bank to mint and burn the stablecoin.
		BankAdded {
			/// The bank's account.
			bank: T::AccountId,
		},
		/// Governance removed a bank's authorization.
		BankRemoved {
			/// The bank's account.
			bank: T::AccountId,
		},
		/// A bank issued stablecoin.
		Minted {
			/// The issuing bank.
			bank: T::AccountId,
			/// Who received it.
			beneficiary: T::AccountId,
			/// How much, in the smallest unit.
			amount: BalanceOf<T>,
		},
		/// A bank destroyed stablecoin it held.
		Burned {
			/// The bank.
			bank: T::AccountId,
			/// How much, in the smallest unit.
			amount: BalanceOf<T>,
		},
		/// Stablecoin moved P2P.
		Transferred {
			/// The sender.
			from: T::AccountId,
			/// The receiver.
			to: T::AccountId,
			/// How much, in the smallest unit.
			amount: BalanceOf<T>,
			/// The Travel-Rule record's id when the transfer was routed.
			travel_rule_record: Option<u64>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not an authorized bank.
		NotABank,
		/// The account is already an authorized bank.
		AlreadyABank,
		/// No more banks can be authorized (`MaxBanks`).
		TooManyBanks,
		/// The amount is zero.
		ZeroAmount,
		/// No settlement asset is configured, or it does not exist (any more).
		NoSettlementAsset,
		/// The amount is below the asset's minimum balance for a new holder.
		BelowMinimum,
		/// The total supply or the beneficiary's balance would overflow.
		Overflow,
		/// The beneficiary cannot receive the stablecoin (its account is blocked).
		CannotReceive,
		/// The account does not hold enough stablecoin (to burn or send that much).
		InsufficientBalance,
		/// Sender and receiver are the same account.
		SelfTransfer,
		/// A batch settlement names an account twice on one side.
		RepeatedAccount,
		/// A batch settlement pays out more or less than it credits.
		UnbalancedSettlement,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBanks::get() > 0, "MaxBanks must be positive");
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
		/// Authorize a bank to mint and burn the stablecoin.
		///
		/// - Origin: governance or Root.
		/// - Fails with `AlreadyABank` or `TooManyBanks`.
		///
		/// Emits `BankAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_bank())]
		pub fn add_bank(origin: OriginFor<T>, bank: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_bank(bank)
		}

		/// Remove a bank's authorization. Its stablecoin balance stays where it is.
		///
		/// - Origin: governance or Root.
		/// - Fails with `NotABank`.
		///
		/// Emits `BankRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_bank())]
		pub fn remove_bank(origin: OriginFor<T>, bank: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_bank(bank)
		}

		/// Issue `amount` of the stablecoin to `beneficiary`, backed by fiat the bank holds.
		///
		/// - Origin: signed by an authorized bank that is not blocked.
		/// - Fails with `NotABank`, `ZeroAmount`, the sanctions pallet's `AccountBlocked` (the
		///   bank or the beneficiary), `NoSettlementAsset`, `BelowMinimum`, `Overflow` or
		///   `CannotReceive`; nothing is minted then.
		///
		/// Emits `Minted` (and `assets.Issued`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::mint())]
		pub fn mint(
			origin: OriginFor<T>,
			beneficiary: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let bank = ensure_signed(origin)?;
			Self::do_mint(bank, beneficiary, amount)
		}

		/// Destroy `amount` of the stablecoin held by the signing bank (fiat paid out).
		///
		/// - Origin: signed by an authorized bank.
		/// - Fails with `NotABank`, `ZeroAmount`, `NoSettlementAsset` or `InsufficientBalance`.
		///
		/// Emits `Burned` (and `assets.Burned`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::burn())]
		pub fn burn(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let bank = ensure_signed(origin)?;
			Self::do_burn(bank, amount)
		}

		/// Send `amount` of the stablecoin to `dest` (P2P) without Travel-Rule data.
		///
		/// Allowed only while the sender's P2P value in the rolling 24 hours plus `amount` stays
		/// below the Travel-Rule threshold. That value is what the KYC pallet counts against the
		/// daily P2P limit: every stablecoin and coupon transfer the sender made, routed or not,
		/// and its side of fixed-price listing sales, each for 23 to 24 hours (hourly buckets).
		/// Splitting a payment therefore does not avoid routing: once the sum reaches the
		/// threshold, send with `transfer_with_travel_rule` until older transfers leave the
		/// window.
		///
		/// - Origin: signed, KYC L1 or above; `dest` L1 or above; neither blocked.
		/// - Fails with `ZeroAmount`, `SelfTransfer`, the sanctions pallet's `AccountBlocked`,
		///   the KYC pallet's `LevelTooLow` or `P2pLimitExceeded`, the travel-rule pallet's
		///   `TravelRuleRequired` (the window plus `amount` reaches the threshold: use
		///   `transfer_with_travel_rule`), `NoSettlementAsset`, `InsufficientBalance`,
		///   `BelowMinimum` or `CannotReceive`; nothing is written then.
		///
		/// Emits `Transferred` (and `assets.Transferred`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer().saturating_add(T::Movement::weight()))]
		pub fn transfer(
			origin: OriginFor<T>,
			dest: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			let used = Self::do_transfer(from, dest, amount, None)?;
			// What monitoring did not use is refunded (a held transfer pays the bound).
			Ok(used.map(|w| Self::after_monitoring(T::WeightInfo::transfer(), w)).into())
		}

		/// Send `amount` of the stablecoin to `dest` with the Travel-Rule data: a commitment
		/// (hash) of the IVMS101 payload exchanged off chain and both VASPs' identifiers. Required
		/// once the sender's P2P value in the rolling 24 hours plus `amount` reaches the
		/// threshold (see `transfer`), allowed below it. The transfer is recorded by the
		/// travel-rule pallet, and counts in the sender's window like any other.
		///
		/// - Origin: signed, KYC L1 or above; `dest` L1 or above; neither blocked.
		/// - Fails as `transfer` (except `TravelRuleRequired`), or with the travel-rule pallet's
		///   `EmptyVaspId`; nothing is written then.
		///
		/// Emits `travelRule.TransferRecorded` and `Transferred`.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::transfer_with_travel_rule().saturating_add(T::Movement::weight())
		)]
		pub fn transfer_with_travel_rule(
			origin: OriginFor<T>,
			dest: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
			travel_rule: TravelRuleData,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			let used = Self::do_transfer(from, dest, amount, Some(travel_rule))?;
			Ok(used
				.map(|w| Self::after_monitoring(T::WeightInfo::transfer_with_travel_rule(), w))
				.into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// A recorded transfer's weight: its benchmark, which ran a quiet movement through the
		/// runtime's gate, plus what monitoring used (`monitor`) beyond that quiet path's storage
		/// (`ValueMovement::quiet_weight`), so the quiet path is not paid twice.
		pub(crate) fn after_monitoring(benchmark: Weight, monitor: Weight) -> Weight {
			benchmark.saturating_add(monitor.saturating_sub(T::Movement::quiet_weight()))
		}

		/// The pallet's keyless account: owner, issuer and admin of the stablecoin in
		/// `pallet-assets`.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}
	}
}
