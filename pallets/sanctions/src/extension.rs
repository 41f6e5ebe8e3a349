//! [`CheckNotBlocked`]: the transaction extension that keeps blocked signers out of the pool.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use genex_primitives::CallParties;
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::TransactionSource,
		traits::{Get, OriginTrait},
		DefaultNoBound,
	},
	sp_runtime::{
		impl_tx_ext_default,
		traits::{DispatchInfoOf, TrailingZeroInput, TransactionExtension},
		transaction_validity::{InvalidTransaction, ValidTransaction},
		Weight,
	},
};
use scale_info::TypeInfo;

/// Refuses, when the pool validates it (and again when a block applies it), every extrinsic
/// signed by a blocked account, whatever its call: it never enters a block and pays no fee. The
/// refusal is `InvalidTransaction::Custom(`[`BLOCKED_SIGNER`]`)`. It then screens the call's
/// other parties ([`Config::CallParties`]: the accounts nested calls run as — utility
/// derivatives, multisig accounts, `sudo_as` targets — and receivers of native transfers, at
/// every level of nesting) and refuses with `Custom(`[`BLOCKED_PARTY`]`)` when one is blocked.
/// Unsigned and inherent extrinsics pass. It carries no data: wallets sign nothing extra for
/// it.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNotBlocked<T>(PhantomData<T>);

impl<T> CheckNotBlocked<T> {
	/// The extension (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckNotBlocked<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckNotBlocked")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckNotBlocked<T> {
	const IDENTIFIER: &'static str = "CheckNotBlocked";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// One more list read per party; the count walks the call and reads no storage. The
		// signer is not known here: the walk's accounts do not depend on it, only their
		// derivation does.
		let parties = match T::AccountId::decode(&mut TrailingZeroInput::zeroes()) {
			Ok(nobody) => T::CallParties::count(&nobody, call),
			Err(_) => 0,
		};
		T::WeightInfo::check_not_blocked().saturating_add(T::DbWeight::get().reads(parties.into()))
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> polkadot_sdk::sp_runtime::traits::ValidateResult<(), T::RuntimeCall> {
		if let Some(who) = origin.as_signer() {
			if Blocked::<T>::contains_key(who) {
				log::debug!(target: LOG_TARGET, "refused an extrinsic signed by blocked {who:?}");
				return Err(InvalidTransaction::Custom(BLOCKED_SIGNER).into());
			}
			let clear = T::CallParties::visit(who, call, &mut |party| {
				let blocked = Blocked::<T>::contains_key(party);
				if blocked {
					log::debug!(target: LOG_TARGET, "refused an extrinsic of {who:?} acting as or paying blocked {party:?}");
				}
				!blocked
			});
			if !clear {
				return Err(InvalidTransaction::Custom(BLOCKED_PARTY).into());
			}
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
