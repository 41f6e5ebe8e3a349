//! Holder-signed authorizations: the signed payload, the checks shared by the pool and the
//! dispatch, replay protection and its clean-up.

use crate::{
	invalid, AuthorizationOf, AuthorizationsEnding, Config, Error, Pallet, UsedAuthorizations,
	WeightInfo, REDEMPTION_CONTEXT,
};
use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{SaturatedConversion, Saturating, Verify, Zero},
};

impl<T: Config> Pallet<T> {
	/// The bytes a holder signs: `(REDEMPTION_CONTEXT, genesis hash, authorization)`, SCALE.
	pub fn signing_payload(authorization: &AuthorizationOf<T>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		(REDEMPTION_CONTEXT, genesis, authorization).encode()
	}

	/// Everything an authorization must pass, pool and dispatch alike. Reads only.
	pub fn check_authorization(
		a: &AuthorizationOf<T>,
		signature: &T::OffchainSignature,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(a.valid_until >= now, Error::<T>::AuthorizationExpired);
		ensure!(
			a.valid_until <= now.saturating_add(T::MaxAuthorizationValidity::get()),
			Error::<T>::ValidityTooLong
		);
		ensure!(
			!UsedAuthorizations::<T>::contains_key(&a.holder, a.nonce),
			Error::<T>::AuthorizationUsed
		);
		let payload = Self::signing_payload(a);
		ensure!(signature.verify(&payload[..], &a.holder), Error::<T>::BadSignature);
		ensure!(
			(AuthorizationsEnding::<T>::decode_len(a.valid_until).unwrap_or(0) as u32) <
				T::MaxAuthorizationsPerBlock::get(),
			Error::<T>::TooManyAuthorizations
		);
		Self::check_redeem(&a.holder, a.series, a.units, Some(&a.merchant), &[]).map(|_| ())
	}

	pub(crate) fn do_redeem_authorized(
		a: AuthorizationOf<T>,
		signature: T::OffchainSignature,
	) -> DispatchResult {
		Self::check_authorization(&a, &signature)?;
		Self::do_redeem(a.holder.clone(), a.series, a.units, Some(a.merchant.clone()), &[], Some(a.nonce))?;
		UsedAuthorizations::<T>::insert(&a.holder, a.nonce, a.valid_until);
		AuthorizationsEnding::<T>::try_mutate(a.valid_until, |ending| {
			ending.try_push((a.holder.clone(), a.nonce))
		})
		.map_err(|_| Error::<T>::TooManyAuthorizations)?;
		Ok(())
	}

	/// Pool validation of an unsigned redemption.
	pub(crate) fn validate_authorization(
		a: &AuthorizationOf<T>,
		signature: &T::OffchainSignature,
	) -> TransactionValidity {
		if let Err(e) = Self::check_authorization(a, signature) {
			let code = match e {
				e if e == Error::<T>::BadSignature.into() => invalid::BAD_SIGNATURE,
				e if e == Error::<T>::AuthorizationUsed.into() => invalid::USED,
				e if e == Error::<T>::AuthorizationExpired.into() =>
					return InvalidTransaction::Stale.into(),
				e if e == Error::<T>::ValidityTooLong.into() => invalid::TOO_LONG,
				_ => invalid::REFUSED,
			};
			return InvalidTransaction::Custom(code).into();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let longevity: u64 = a.valid_until.saturating_sub(now).saturating_add(1u32.into()).saturated_into();
		ValidTransaction::with_tag_prefix("GenexRedemption")
			.priority(T::UnsignedPriority::get())
			.and_provides((a.holder.clone(), a.nonce))
			.longevity(longevity)
			.propagate(true)
			.build()
	}

	/// Forget the authorizations whose validity ended in block `n − 1` (they can no longer be
	/// replayed: they are expired).
	pub(crate) fn do_forget_ended(n: BlockNumberFor<T>) -> Weight {
		if n.is_zero() {
			return T::DbWeight::get().reads(1);
		}
		let ended = AuthorizationsEnding::<T>::take(n.saturating_sub(1u32.into()));
		let count = ended.len() as u32;
		for (holder, nonce) in ended {
			UsedAuthorizations::<T>::remove(holder, nonce);
		}
		T::WeightInfo::forget_ended(count)
	}

	/// Invariants: every used authorization is indexed under the block its validity ends, and
	/// the other way round; no receipt id at or above `NextReceiptId`; merchant counts match.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let mut indexed = 0usize;
		for (end, list) in AuthorizationsEnding::<T>::iter() {
			for (holder, nonce) in list {
				ensure!(UsedAuthorizations::<T>::get(&holder, nonce) == Some(end), "index without entry");
				indexed = indexed.saturating_add(1);
			}
		}
		ensure!(UsedAuthorizations::<T>::iter().count() == indexed, "entry without index");
		let next = crate::NextReceiptId::<T>::get();
		ensure!(crate::Receipts::<T>::iter_keys().all(|id| id < next), "receipt id above next");
		for (issuer, count) in crate::MerchantCount::<T>::iter() {
			ensure!(
				crate::Merchants::<T>::iter_prefix(&issuer).count() as u32 == count,
				"merchant count drift"
			);
		}
		Ok(())
	}
}
