//! # Redemption pallet
//!
//! A holder **redeems** coupon units at the issuer or at one of the issuer's registered
//! **merchants**: the units are burned (through [`genex_primitives::CouponLedger`]), a unique
//! **receipt** is stored, and the issuer's redemption statistics and credit inputs move. No
//! personal data of the consumer goes on chain: the receipt names accounts, the series and the
//! units only.
//!
//! ## Merchant flow
//!
//! The holder's wallet signs a [`RedemptionAuthorization`] off chain (series, units, merchant,
//! nonce, valid until — about 100 bytes, a QR code) over `(REDEMPTION_CONTEXT, genesis hash,
//! authorization)`. The merchant's terminal submits it through the node's RPC
//! (`genex_submitRedemption`) as an **unsigned** extrinsic, so the merchant pays no fee and
//! needs no funded account. The runtime validates it before it enters the pool (signature,
//! validity window, unused nonce, registered merchant, units held): a forged, expired,
//! replayed, wrong-merchant or over-the-holding authorization never gets in, and each one is
//! used at most once (`(holder, nonce)` is remembered until its `valid_until` passes; the pool
//! deduplicates by the same tag). Physical coupons are redeemed by serial with [`Pallet::redeem`].
//!
//! ## Calls
//!
//! - [`Pallet::register_merchant`], [`Pallet::remove_merchant`]: an issuer's acceptance points.
//! - [`Pallet::redeem`]: the holder redeems directly (signed).
//! - [`Pallet::redeem_authorized`]: a merchant submits a holder's authorization (unsigned).
//! - [`Pallet::review`]: the holder of a receipt rates the issuer once (1–5 stars).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

mod authorization;
mod merchants;
mod redeem;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, Encode, MaxEncodedLen};
pub use genex_primitives::{
	coupons::REDEMPTION_CONTEXT, Balance, RedemptionAuthorization, SeriesId,
};
use scale_info::TypeInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::redemption";

/// Custom `InvalidTransaction` codes of unsigned redemptions, for wallets and terminals.
pub mod invalid {
	/// The signature does not match the holder.
	pub const BAD_SIGNATURE: u8 = 0xA1;
	/// The authorization was used already.
	pub const USED: u8 = 0xA2;
	/// Any other failed check (the dispatch error tells which): merchant, series, units.
	pub const REFUSED: u8 = 0xA3;
	/// `valid_until` is too far ahead.
	pub const TOO_LONG: u8 = 0xA4;
}

/// What the benchmarks need from the runtime: a key in the keystore and its signatures.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// A holder account whose key can sign.
	fn signer() -> AccountId;
	/// `signer`'s signature over `message`.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;
}

/// A redemption receipt.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Receipt<AccountId, BlockNumber> {
	/// The series.
	pub series: SeriesId,
	/// The issuer that honoured it.
	pub issuer: AccountId,
	/// Whose units were redeemed.
	pub holder: AccountId,
	/// Where (the issuer itself or one of its merchants).
	pub merchant: AccountId,
	/// Units burned.
	pub units: u64,
	/// Face value honoured.
	pub face_value: Balance,
	/// Block of the redemption.
	pub at: BlockNumber,
	/// Whether the holder reviewed the issuer for it.
	pub reviewed: bool,
}

/// An authorization with its signature, as the unsigned call carries it.
pub type AuthorizationOf<T> = RedemptionAuthorization<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>,
>;

// `ValidateUnsigned` is deprecated in 2609 (removal after April 2027) in favour of
// `#[pallet::authorize]` general transactions; merchants' tooling decodes bare extrinsics
// everywhere today, so redemptions stay bare until the migration (docs/architecture.md).
#[allow(deprecated)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genex_primitives::{CouponLedger, CreditLimit, SanctionsScreen};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, BoundedVec},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::{IdentifyAccount, Verify},
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The coupon ledger: checks and burns units.
		type Coupons: CouponLedger<Self::AccountId, Balance>;
		/// Issuers' credit: who is an issuer; reviews.
		type Credit: CreditLimit<Self::AccountId, Balance>;
		/// The blocked-address list.
		type Sanctions: SanctionsScreen<Self::AccountId>;
		/// Signature of a holder over an authorization.
		type OffchainSignature: Verify<Signer = Self::OffchainPublic> + Parameter;
		/// Public key of a holder: identifies its account.
		type OffchainPublic: IdentifyAccount<AccountId = Self::AccountId>;
		/// Most merchants per issuer.
		#[pallet::constant]
		type MaxMerchants: Get<u32>;
		/// Most serials in one redemption (physical coupons).
		#[pallet::constant]
		type MaxSerials: Get<u32>;
		/// How many blocks ahead an authorization's `valid_until` may be.
		#[pallet::constant]
		type MaxAuthorizationValidity: Get<BlockNumberFor<Self>>;
		/// Most authorizations that may end their validity in the same block.
		#[pallet::constant]
		type MaxAuthorizationsPerBlock: Get<u32>;
		/// Pool priority of unsigned redemptions.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
		/// Signs authorizations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::OffchainSignature>;
	}

	/// Merchants registered by each issuer.
	#[pallet::storage]
	pub type Merchants<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// Number of merchants of each issuer.
	#[pallet::storage]
	pub type MerchantCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Authorizations used, by holder and nonce, until their `valid_until` passes.
	#[pallet::storage]
	pub type UsedAuthorizations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u64,
		BlockNumberFor<T>,
		OptionQuery,
	>;

	/// Used authorizations by the block their validity ends, for clean-up.
	#[pallet::storage]
	pub type AuthorizationsEnding<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(T::AccountId, u64), T::MaxAuthorizationsPerBlock>,
		ValueQuery,
	>;

	/// The id the next receipt gets.
	#[pallet::storage]
	pub type NextReceiptId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Receipts.
	#[pallet::storage]
	pub type Receipts<T: Config> =
		StorageMap<_, Twox64Concat, u64, Receipt<T::AccountId, BlockNumberFor<T>>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Merchants at genesis: (issuer, merchant).
		pub merchants: alloc::vec::Vec<(T::AccountId, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (issuer, merchant) in &self.merchants {
				// Genesis only: a malformed chain spec must not produce a genesis block.
				Pallet::<T>::do_register_merchant(issuer.clone(), merchant.clone())
					.expect("genesis merchants must be valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An issuer registered a merchant.
		MerchantRegistered {
			/// The issuer.
			issuer: T::AccountId,
			/// The merchant.
			merchant: T::AccountId,
		},
		/// An issuer removed a merchant.
		MerchantRemoved {
			/// The issuer.
			issuer: T::AccountId,
			/// The merchant.
			merchant: T::AccountId,
		},
		/// Units were redeemed and burned.
		Redeemed {
			/// The receipt's id.
			receipt: u64,
			/// The series.
			series: SeriesId,
			/// The holder.
			holder: T::AccountId,
			/// Where.
			merchant: T::AccountId,
			/// Units.
			units: u64,
			/// Face value honoured.
			face_value: Balance,
			/// The authorization's nonce, when a merchant submitted one.
			nonce: Option<u64>,
		},
		/// A holder reviewed the issuer of a receipt.
		Reviewed {
			/// The receipt.
			receipt: u64,
			/// 1–5 stars.
			rating: u8,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not an approved issuer.
		NotAnIssuer,
		/// The merchant is registered already.
		AlreadyRegistered,
		/// The issuer has `MaxMerchants` merchants.
		TooManyMerchants,
		/// The merchant is not registered with the series' issuer.
		UnknownMerchant,
		/// The signature does not match the holder and the authorization.
		BadSignature,
		/// The authorization's `valid_until` has passed.
		AuthorizationExpired,
		/// The authorization's `valid_until` is further ahead than `MaxAuthorizationValidity`.
		ValidityTooLong,
		/// The authorization was used already.
		AuthorizationUsed,
		/// Too many authorizations end in that block; sign one with another `valid_until`.
		TooManyAuthorizations,
		/// No such receipt.
		UnknownReceipt,
		/// Only the receipt's holder may review.
		NotReceiptHolder,
		/// The receipt was reviewed already.
		AlreadyReviewed,
		/// Too many serials.
		TooManySerials,
		/// A counter would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_forget_ended(n)
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
		/// Register `merchant` as an acceptance point of the signing issuer.
		///
		/// - Origin: signed by an approved issuer.
		/// - Fails with `NotAnIssuer`, `AlreadyRegistered`, `TooManyMerchants` or the sanctions
		///   pallet's `AccountBlocked` (the merchant).
		///
		/// Emits `MerchantRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_merchant())]
		pub fn register_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_register_merchant(issuer, merchant)
		}

		/// Remove one of the signing issuer's merchants.
		///
		/// - Origin: signed by the issuer.
		/// - Fails with `UnknownMerchant`.
		///
		/// Emits `MerchantRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_merchant())]
		pub fn remove_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_remove_merchant(issuer, merchant)
		}

		/// Redeem `units` of `series` at `merchant` (None: at the issuer itself). Physical
		/// coupons name one serial per unit.
		///
		/// - Origin: signed by the holder, not blocked.
		/// - Fails with `UnknownMerchant`, `TooManySerials`, `Overflow`, the sanctions pallet's
		///   `AccountBlocked`, or the coupon pallet's `ZeroUnits`, `UnknownSeries`,
		///   `SeriesExpired`, `NotYetValid`, `InsufficientUnits`, `WrongSerials` or
		///   `InvalidSerial`.
		///
		/// Emits `Redeemed` (and the coupon pallet's `Burned`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::redeem(serials.len() as u32))]
		pub fn redeem(
			origin: OriginFor<T>,
			series: SeriesId,
			#[pallet::compact] units: u64,
			merchant: Option<T::AccountId>,
			serials: alloc::vec::Vec<u64>,
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			ensure!(serials.len() <= T::MaxSerials::get() as usize, Error::<T>::TooManySerials);
			Self::do_redeem(holder, series, units, merchant, &serials, None).map(|_| ())
		}

		/// A merchant submits a holder's signed authorization: the units are redeemed at the
		/// merchant. Unsigned (no fee); the runtime validates it before it enters the pool.
		///
		/// - Origin: none (an unsigned extrinsic).
		/// - Fails (and is refused by the pool) with `BadSignature`, `AuthorizationExpired`,
		///   `ValidityTooLong`, `AuthorizationUsed`, `TooManyAuthorizations`, or as `redeem`.
		///
		/// Emits `Redeemed` (and the coupon pallet's `Burned`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::redeem_authorized())]
		pub fn redeem_authorized(
			origin: OriginFor<T>,
			authorization: AuthorizationOf<T>,
			signature: T::OffchainSignature,
		) -> DispatchResult {
			ensure_none(origin)?;
			Self::do_redeem_authorized(authorization, signature)
		}

		/// Rate the issuer of a redemption, once per receipt.
		///
		/// - Origin: signed by the receipt's holder.
		/// - Fails with `UnknownReceipt`, `NotReceiptHolder`, `AlreadyReviewed`, or the issuers
		///   pallet's `InvalidRating` (1–5 only) or `NotAnIssuer`.
		///
		/// Emits `Reviewed` (and the issuers pallet's `Reviewed`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::review())]
		pub fn review(origin: OriginFor<T>, receipt: u64, rating: u8) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, receipt, rating)
		}
	}

	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			match call {
				Call::redeem_authorized { authorization, signature } =>
					Self::validate_authorization(authorization, signature),
				_ => InvalidTransaction::Call.into(),
			}
		}
	}
}
