//! Holder-signed authorizations: the signed payload, the checks the transaction pool and the
//! block share ([`Pallet::authorize_redemption`]), replay protection and its clean-up.

use crate::{
	invalid, AuthorizationOf, AuthorizationsEnding, Config, Error, Pallet, UsedAuthorizations,
	WeightInfo, NONCE_TAG, REDEMPTION_CONTEXT, REDEMPTION_PRIORITY, REDEMPTION_TAG, WRAPPED_BYTES,
};
use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{SaturatedConversion, Saturating, Verify, Zero},
};

impl<T: Config> Pallet<T> {
	/// The bytes a holder signs: `(REDEMPTION_CONTEXT, genesis hash, authorization)`, SCALE
	/// (`REDEMPTION_PAYLOAD_LEN` bytes in the runtime).
	pub fn signing_payload(authorization: &AuthorizationOf<T>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		(REDEMPTION_CONTEXT, genesis, authorization).encode()
	}

	/// `payload` as a browser extension's `signRaw` signs it: `<Bytes>payload</Bytes>`.
	pub fn wrapped(payload: &[u8]) -> Vec<u8> {
		let (open, close) = WRAPPED_BYTES;
		[open, payload, close].concat()
	}

	/// Whether `signature` is `holder`'s over `payload`, as it is or wrapped as `signRaw`
	/// wraps it (two verifications at most: the benchmark signs the wrapped form).
	pub(crate) fn signed_by(
		signature: &T::OffchainSignature,
		payload: &[u8],
		holder: &T::AccountId,
	) -> bool {
		signature.verify(payload, holder) || signature.verify(&Self::wrapped(payload)[..], holder)
	}

	/// Everything an authorization must pass, pool and block alike: validity window, unused
	/// nonce, signature, room in its ending block, the holder's and the merchant's quotas, and
	/// the redemption's own checks. Reads only.
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
		ensure!(Self::signed_by(signature, &payload, &a.holder), Error::<T>::BadSignature);
		ensure!(
			(AuthorizationsEnding::<T>::decode_len(a.valid_until).unwrap_or(0) as u32)
				< T::MaxAuthorizationsPerBlock::get(),
			Error::<T>::TooManyAuthorizations
		);
		Self::ensure_within_quotas(&a.holder, &a.merchant)?;
		Self::check_redeem(&a.holder, a.series, a.units, Some(&a.merchant), &[]).map(|_| ())
	}

	/// Redeem an authorization: every check again (the block ran them in
	/// [`Pallet::authorize_redemption`] too), then the redemption, the replay record and the
	/// quota count.
	/// Returns the monitoring weight the value-movement gate used.
	pub(crate) fn do_redeem_authorized(
		a: AuthorizationOf<T>,
		signature: T::OffchainSignature,
	) -> Result<Weight, DispatchError> {
		Self::check_authorization(&a, &signature)?;
		let (_, used) = Self::do_redeem(
			a.holder.clone(),
			a.series,
			a.units,
			Some(a.merchant.clone()),
			&[],
			Some(a.nonce),
		)?;
		UsedAuthorizations::<T>::insert(&a.holder, a.nonce, a.valid_until);
		AuthorizationsEnding::<T>::try_mutate(a.valid_until, |ending| {
			ending.try_push((a.holder.clone(), a.nonce))
		})
		.map_err(|_| Error::<T>::TooManyAuthorizations)?;
		Self::note_authorized_redemption(&a.holder, &a.merchant);
		Ok(used)
	}

	/// The pool's and the block's check of a `redeem_authorized` transaction
	/// ([`Pallet::check_authorization`]). A valid authorization has priority
	/// [`REDEMPTION_PRIORITY`], lives until its `valid_until`, and provides the tags
	/// `(REDEMPTION_TAG, holder, series)` — so the pool holds at most one pending authorization
	/// per holder and series — and `(NONCE_TAG, holder, nonce)`.
	///
	/// Refusals: `Stale` when expired, `Custom(`[`invalid`]` code)` otherwise.
	pub fn authorize_redemption(
		_source: TransactionSource,
		authorization: &AuthorizationOf<T>,
		signature: &T::OffchainSignature,
	) -> TransactionValidityWithRefund {
		Self::check_authorization(authorization, signature).map_err(refusal::<T>)?;
		let now = frame_system::Pallet::<T>::block_number();
		let longevity: u64 = authorization
			.valid_until
			.saturating_sub(now)
			.saturating_add(1u32.into())
			.saturated_into();
		let holder = &authorization.holder;
		let validity = ValidTransaction {
			priority: REDEMPTION_PRIORITY,
			requires: Vec::new(),
			provides: alloc::vec![
				(REDEMPTION_TAG, holder, authorization.series).encode(),
				(NONCE_TAG, holder, authorization.nonce).encode(),
			],
			longevity,
			propagate: true,
		};
		Ok((validity, Weight::zero()))
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
	/// the other way round; receipt ids within `[OldestReceipt, NextReceiptId)`, none missing
	/// there; no quota usage before `OldestUsagePeriod`; merchant counts match.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let mut indexed = 0usize;
		for (end, list) in AuthorizationsEnding::<T>::iter() {
			for (holder, nonce) in list {
				ensure!(
					UsedAuthorizations::<T>::get(&holder, nonce) == Some(end),
					"index without entry"
				);
				indexed = indexed.saturating_add(1);
			}
		}
		ensure!(UsedAuthorizations::<T>::iter().count() == indexed, "entry without index");
		let next = crate::NextReceiptId::<T>::get();
		let oldest = crate::OldestReceipt::<T>::get();
		ensure!(oldest <= next, "receipt cursor above next");
		ensure!(crate::Receipts::<T>::iter_keys().all(|id| id < next), "receipt id above next");
		ensure!(crate::Receipts::<T>::iter_keys().all(|id| id >= oldest), "receipt below cursor");
		ensure!(
			crate::Receipts::<T>::iter_keys().count() as u64 == next.saturating_sub(oldest),
			"receipt missing between cursor and next"
		);
		let oldest_period = crate::OldestUsagePeriod::<T>::get();
		ensure!(
			crate::Usage::<T>::iter_keys().all(|(p, _)| p >= oldest_period),
			"usage before OldestUsagePeriod"
		);
		for (issuer, count) in crate::MerchantCount::<T>::iter() {
			ensure!(
				crate::Merchants::<T>::iter_prefix(&issuer).count() as u32 == count,
				"merchant count drift"
			);
		}
		Ok(())
	}
}

/// The pool's view of a refused authorization.
fn refusal<T: Config>(e: DispatchError) -> TransactionValidityError {
	let code = match e {
		e if e == Error::<T>::AuthorizationExpired.into() => {
			return InvalidTransaction::Stale.into()
		},
		e if e == Error::<T>::BadSignature.into() => invalid::BAD_SIGNATURE,
		e if e == Error::<T>::AuthorizationUsed.into() => invalid::USED,
		e if e == Error::<T>::ValidityTooLong.into() => invalid::TOO_LONG,
		e if e == Error::<T>::HolderQuotaExceeded.into() => invalid::HOLDER_QUOTA,
		e if e == Error::<T>::MerchantQuotaExceeded.into() => invalid::MERCHANT_QUOTA,
		_ => invalid::REFUSED,
	};
	InvalidTransaction::Custom(code).into()
}
