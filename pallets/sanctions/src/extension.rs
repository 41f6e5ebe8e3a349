//! [`CheckNotBlocked`]: the transaction extension that keeps blocked signers out of the pool.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{pallet_prelude::TransactionSource, traits::OriginTrait, DefaultNoBound},
	sp_runtime::{
		impl_tx_ext_default,
		traits::{DispatchInfoOf, TransactionExtension},
		transaction_validity::{InvalidTransaction, ValidTransaction},
		Weight,
	},
};
use scale_info::TypeInfo;

/// Refuses, when the pool validates it (and again when a block applies it), every extrinsic
/// signed by a blocked account, whatever its call: it never enters a block and pays no fee. The
/// refusal is `InvalidTransaction::Custom(`[`BLOCKED_SIGNER`]`)`. Unsigned and inherent
/// extrinsics pass. It carries no data: wallets sign nothing extra for it.
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

	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		T::WeightInfo::check_not_blocked()
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		_call: &T::RuntimeCall,
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
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
