//! # KYC pallet
//!
//! Accounts are screened off chain by approved KYC providers (**attestors**); on chain they
//! leave an **attestation**: a level L0–L3, a jurisdiction, an expiry and a hash of the
//! evidence they hold. No personal data ever goes on chain.
//!
//! The level in force is derived when read: an attestation counts only while it is unexpired
//! and its attestor is still approved, otherwise the account is L0. Expiry and attestor removal
//! therefore take effect by themselves, with no clean-up transaction.
//!
//! Governance sets per-level **limits**: traded value, P2P transfer value and count per rolling
//! 24 hours, P2P transfer value and count per rolling 30 days (SRS 3.5.2: daily and monthly
//! limits), and the most coupon units an account may hold. Usage is counted in hourly buckets
//! ([`Config::BucketLength`] blocks each; the day is [`WINDOW_BUCKETS`] buckets), so a counted
//! amount leaves the daily window between 23 and 24 hours later; P2P usage is also counted in
//! daily buckets ([`MONTH_DAYS`] of them), so it leaves the monthly window between 29 and 30
//! days later. Both windows of an account are one storage item ([`Usage`]), read and written
//! once per counted movement.
//!
//! Other pallets use this one only through [`genex_primitives::KycProvider`]. The P2P value an
//! account sent in the window (`KycProvider::p2p_used`) is also what the Travel-Rule gate
//! aggregates: a plain transfer passes only while that value plus the transfer stays below the
//! threshold.
//!
//! ## Calls
//!
//! - [`Pallet::add_attestor`], [`Pallet::remove_attestor`]: governance approves providers.
//! - [`Pallet::attest`], [`Pallet::revoke`]: an attestor attests or revokes an account. It
//!   never attests itself, nor overwrites another attestor's attestation in force.
//! - [`Pallet::force_revoke`]: the compliance origin revokes any attestation.
//! - [`Pallet::set_limits`]: governance sets a level's limits.

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

mod attestation;
mod limits;
pub mod migrations;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod monthly_tests;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genex_primitives::SweepCursor;
pub use genex_primitives::{kyc::Jurisdiction, Balance, KycLevel, Moment};
use polkadot_sdk::{
	frame_support::{traits::ConstU32, BoundedVec},
	sp_core::H256,
};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::kyc";

/// Buckets in the rolling window: 24 one-hour buckets make a day.
pub const WINDOW_BUCKETS: u32 = 24;

/// Days in the rolling monthly window of the P2P limits.
pub const MONTH_DAYS: u32 = 30;

/// Most usage windows the idle-time sweep reads in one block.
pub const MAX_SWEEP_PER_BLOCK: u32 = 64;

/// An account's attestation.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Attestation<AccountId> {
	/// The level attested.
	pub level: KycLevel,
	/// ISO 3166-1 alpha-2 code of the account holder's jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// When it stops counting, in milliseconds since the Unix epoch.
	pub expires_at: Moment,
	/// Hash of the evidence the attestor keeps off chain.
	pub evidence: H256,
	/// Who attested.
	pub attestor: AccountId,
}

/// Limits of one KYC level. The `daily_*` ones count over the rolling 24 hours, the
/// `monthly_*` ones over the rolling 30 days; `max_holdings` is a cap on what is held at once.
/// A transfer must fit both the daily and the monthly P2P limits.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct LevelLimits {
	/// Value traded (bought or sold, in the settlement asset's smallest unit).
	pub daily_trade_value: Balance,
	/// Value sent in P2P transfers.
	pub daily_p2p_value: Balance,
	/// Number of P2P transfers sent.
	pub daily_p2p_count: u32,
	/// Value sent in P2P transfers over the rolling 30 days.
	pub monthly_p2p_value: Balance,
	/// Number of P2P transfers sent over the rolling 30 days.
	pub monthly_p2p_count: u32,
	/// Most coupon units held at once.
	pub max_holdings: u64,
}

/// Usage counted in one bucket of the rolling window.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct UsageBucket {
	/// Index of the bucket: block number / `BucketLength`.
	pub bucket: u32,
	/// Value traded.
	pub trade_value: Balance,
	/// Value sent P2P.
	pub p2p_value: Balance,
	/// P2P transfers sent.
	pub p2p_count: u32,
}

/// P2P usage counted in one day of the monthly window.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DayBucket {
	/// Index of the day: hourly bucket index / [`WINDOW_BUCKETS`].
	pub day: u32,
	/// Value sent P2P.
	pub p2p_value: Balance,
	/// P2P transfers sent.
	pub p2p_count: u32,
}

/// The hourly buckets of one account still inside the daily window, oldest first.
pub type HourBuckets = BoundedVec<UsageBucket, ConstU32<WINDOW_BUCKETS>>;

/// The daily P2P buckets of one account still inside the monthly window, oldest first.
pub type DayBuckets = BoundedVec<DayBucket, ConstU32<MONTH_DAYS>>;

/// One account's usage: the daily window's hourly buckets and the monthly window's days.
///
/// Encoded as `hours` followed by `days`. A value written before the monthly limits existed
/// (spec 111 and earlier) is `hours` alone: it decodes with its days rebuilt from its hours,
/// so the upgrade needs no pass over every account (see [`migrations`]).
#[derive(Clone, PartialEq, Eq, Default, Encode, MaxEncodedLen, TypeInfo, Debug)]
pub struct UsageWindow {
	/// Hourly buckets of the last 24 hours.
	pub hours: HourBuckets,
	/// Daily P2P buckets of the last 30 days.
	pub days: DayBuckets,
}

impl Decode for UsageWindow {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let hours = HourBuckets::decode(input)?;
		// A value of the old format ends after its hours. Storage values are decoded from a
		// slice, whose remaining length is known.
		if input.remaining_len()? == Some(0) {
			return Ok(Self { days: days_of(&hours), hours });
		}
		Ok(Self { hours, days: DayBuckets::decode(input)? })
	}
}

/// Daily P2P buckets summed from hourly ones (the old format's days).
pub(crate) fn days_of(hours: &HourBuckets) -> DayBuckets {
	let mut days = DayBuckets::default();
	for h in hours.iter().filter(|h| h.p2p_count > 0 || h.p2p_value > 0) {
		let day = h.bucket / WINDOW_BUCKETS;
		match days.last_mut() {
			Some(last) if last.day == day => {
				last.p2p_value = last.p2p_value.saturating_add(h.p2p_value);
				last.p2p_count = last.p2p_count.saturating_add(h.p2p_count);
			},
			// 24 hourly buckets span at most two days: there is room.
			_ => {
				let _ = days.try_push(DayBucket {
					day,
					p2p_value: h.p2p_value,
					p2p_count: h.p2p_count,
				});
			},
		}
	}
	days
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
		frame_support::{pallet_prelude::*, traits::UnixTime},
		frame_system::pallet_prelude::*,
	};

	/// Version 1: [`LevelLimits`] has the monthly P2P limits ([`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Approves and removes attestors, sets limits: governance or Root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Revokes any attestation (`forceRevoke`): two compliance officers (a committee
		/// motion) or Root — one officer alone cannot strip an account's KYC.
		type ForceRevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Wall-clock time, for attestation expiry.
		type UnixTime: UnixTime;

		/// Length of one usage bucket in blocks (an hour); the window is [`WINDOW_BUCKETS`] of
		/// them.
		#[pallet::constant]
		type BucketLength: Get<BlockNumberFor<Self>>;

		/// Most attestors approved at once.
		#[pallet::constant]
		type MaxAttestors: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Approved attestors (KYC providers).
	#[pallet::storage]
	pub type Attestors<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// Attestations by account. Whether one is in force is decided when read (expiry, attestor).
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Attestation<T::AccountId>, OptionQuery>;

	/// Limits per level (all zero until governance sets them: nothing allowed).
	#[pallet::storage]
	pub type Limits<T: Config> = StorageMap<_, Twox64Concat, KycLevel, LevelLimits, ValueQuery>;

	/// Usage in the rolling daily and monthly windows, per account; buckets older than their
	/// window are dropped whenever the account's usage is counted, and the idle-time sweep
	/// removes an account's entry once nothing of it is left in either window.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, UsageWindow, ValueQuery>;

	/// Where the idle-time sweep of [`Usage`] resumes (the raw key of the last entry it
	/// visited); absent when the next round starts from the beginning.
	#[pallet::storage]
	pub type UsageSweepCursor<T: Config> = StorageValue<_, SweepCursor, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Attestors approved at genesis.
		pub attestors: Vec<T::AccountId>,
		/// Attestations at genesis: (account, level, jurisdiction, expiry in ms, attestor).
		pub attestations: Vec<(T::AccountId, KycLevel, Jurisdiction, Moment, T::AccountId)>,
		/// Limits per level at genesis.
		pub limits: Vec<(KycLevel, LevelLimits)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Panics here stop a malformed chain spec from producing a genesis block; they never
		// run on a live chain.
		fn build(&self) {
			assert!(self.attestors.len() <= T::MaxAttestors::get() as usize, "too many attestors");
			for a in &self.attestors {
				assert!(!Attestors::<T>::contains_key(a), "genesis attestors must not repeat");
				Attestors::<T>::insert(a, ());
			}
			for (who, level, jurisdiction, expires_at, attestor) in &self.attestations {
				assert!(Attestors::<T>::contains_key(attestor), "genesis attestor not approved");
				assert!(*level != KycLevel::L0, "genesis attestation at L0");
				assert!(
					genex_primitives::kyc::is_valid_jurisdiction(jurisdiction),
					"genesis jurisdiction must be two upper-case letters"
				);
				Attestations::<T>::insert(
					who,
					Attestation {
						level: *level,
						jurisdiction: *jurisdiction,
						expires_at: *expires_at,
						evidence: H256::zero(),
						attestor: attestor.clone(),
					},
				);
			}
			for (level, limits) in &self.limits {
				Limits::<T>::insert(level, limits);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance approved a KYC provider.
		AttestorAdded {
			/// The attestor's account.
			attestor: T::AccountId,
		},
		/// Governance removed a KYC provider; its attestations stop counting at once.
		AttestorRemoved {
			/// The attestor's account.
			attestor: T::AccountId,
		},
		/// An attestor attested an account: a first attestation, a renewal or change of its own,
		/// or the replacement of one no longer in force (expired, or by a removed attestor).
		Attested {
			/// The account attested.
			who: T::AccountId,
			/// The attestor.
			attestor: T::AccountId,
			/// The level.
			level: KycLevel,
			/// The jurisdiction.
			jurisdiction: Jurisdiction,
			/// Expiry, ms since the Unix epoch.
			expires_at: Moment,
			/// Hash of the evidence kept off chain.
			evidence: H256,
		},
		/// An attestation was revoked; the account is L0.
		Revoked {
			/// The account.
			who: T::AccountId,
			/// Whether the compliance origin (not the attestor) revoked it.
			forced: bool,
		},
		/// The idle-time sweep removed the usage windows of accounts that have neither traded
		/// in the last 24 hours nor sent anything P2P in the last 30 days (their totals were
		/// zero).
		UsageSwept {
			/// Windows read.
			visited: u32,
			/// Windows removed.
			removed: u32,
		},
		/// Governance set a level's limits.
		LimitsSet {
			/// The level.
			level: KycLevel,
			/// Its new limits.
			limits: LevelLimits,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already an approved attestor.
		AlreadyAttestor,
		/// The signer or the named account is not an approved attestor.
		UnknownAttestor,
		/// No more attestors can be approved (`MaxAttestors`).
		TooManyAttestors,
		/// The level is out of range: attestations take 1, 2 or 3 (L0 is the absence of one:
		/// revoke instead); limits take 0 to 3.
		InvalidLevel,
		/// The jurisdiction is not two upper-case ASCII letters (ISO 3166-1 alpha-2).
		InvalidJurisdiction,
		/// The expiry is not in the future.
		ExpiryInPast,
		/// The account has no attestation.
		NoAttestation,
		/// The attestation was made by another attestor; only it or the compliance origin may
		/// revoke it.
		NotYourAttestation,
		/// The account's KYC level is below what the action needs.
		LevelTooLow,
		/// The action would exceed the level's traded-value limit for the rolling 24 hours.
		TradeLimitExceeded,
		/// The transfer would exceed the level's P2P value or count limit for the rolling 24
		/// hours.
		P2pLimitExceeded,
		/// An attestor may not attest its own account; another approved attestor must.
		SelfAttestation,
		/// The account's attestation in force was made by another attestor: only that attestor
		/// may renew or change it. It must revoke it first (or the compliance origin
		/// force-revokes it); once expired, or once its attestor is removed, any attestor may
		/// replace it.
		AttestedByAnother,
		/// The transfer would exceed the level's P2P value or count limit for the rolling 30
		/// days (the monthly limits); the daily ones still had room.
		MonthlyP2pLimitExceeded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Sweeps idle accounts' usage windows with the block's spare weight (at most
		/// [`MAX_SWEEP_PER_BLOCK`] windows), so [`Usage`] holds only accounts active within the
		/// last window.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_sweep_usage(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxAttestors::get() > 0, "MaxAttestors must be positive");
			assert!(!T::BucketLength::get().is_zero(), "BucketLength must be positive");
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
		/// Approve a KYC provider as an attestor.
		///
		/// - Origin: governance or Root.
		/// - Fails with `AlreadyAttestor` or `TooManyAttestors`.
		///
		/// Emits `AttestorAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_attestor())]
		pub fn add_attestor(origin: OriginFor<T>, attestor: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_attestor(attestor)
		}

		/// Remove an attestor. Its attestations stop counting at once (the accounts read as
		/// L0), and any approved attestor may then replace them (see [`Pallet::attest`]). If the
		/// attestor is approved again, those not replaced meanwhile count again.
		///
		/// - Origin: governance or Root.
		/// - Fails with `UnknownAttestor`.
		///
		/// Emits `AttestorRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_attestor())]
		pub fn remove_attestor(origin: OriginFor<T>, attestor: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_attestor(attestor)
		}

		/// Attest `who` at `level` (1, 2 or 3) for `jurisdiction` (ISO 3166-1 alpha-2, e.g.
		/// `"US"`) until `expires_at` (ms since the Unix epoch), with `evidence` the hash of the
		/// documents the attestor keeps.
		///
		/// An earlier attestation of `who` is replaced when it is this attestor's own (a
		/// renewal, upgrade or downgrade) or no longer in force: expired, or made by an attestor
		/// governance has since removed. An attestation in force made by another attestor is
		/// never overwritten: that attestor revokes it first, or the compliance origin
		/// force-revokes it. No attestor attests its own account.
		///
		/// - Origin: signed by an approved attestor other than `who`.
		/// - Fails with `UnknownAttestor`, `SelfAttestation`, `InvalidLevel`,
		///   `InvalidJurisdiction`, `ExpiryInPast` or `AttestedByAnother`; nothing is written
		///   then.
		///
		/// Emits `Attested`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::attest())]
		pub fn attest(
			origin: OriginFor<T>,
			who: T::AccountId,
			level: u8,
			jurisdiction: Jurisdiction,
			expires_at: Moment,
			evidence: H256,
		) -> DispatchResult {
			let attestor = ensure_signed(origin)?;
			Self::do_attest(attestor, who, level, jurisdiction, expires_at, evidence)
		}

		/// Revoke an attestation this attestor made; the account is L0 at once, and any
		/// attestor may then attest it.
		///
		/// - Origin: signed by the attestor that made it (still approved: a removed attestor's
		///   attestations no longer count, and another attestor may replace them).
		/// - Fails with `UnknownAttestor`, `NoAttestation` or `NotYourAttestation`.
		///
		/// Emits `Revoked { forced: false }`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let attestor = ensure_signed(origin)?;
			Self::do_revoke(Some(attestor), who)
		}

		/// Revoke any account's attestation (e.g. on a compliance finding).
		///
		/// - Origin: two compliance officers (a compliance committee motion) or Root.
		/// - Fails with `NoAttestation`.
		///
		/// Emits `Revoked { forced: true }`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn force_revoke(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ForceRevokeOrigin::ensure_origin(origin)?;
			Self::do_revoke(None, who)
		}

		/// Set the limits of `level` (0 to 3). Usage already counted in the window stays
		/// counted against the new limits.
		///
		/// - Origin: governance or Root.
		/// - Fails with `InvalidLevel`.
		///
		/// Emits `LimitsSet`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_limits())]
		pub fn set_limits(origin: OriginFor<T>, level: u8, limits: LevelLimits) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_limits(level, limits)
		}
	}
}
