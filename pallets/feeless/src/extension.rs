//! [`FeelessWithinQuota`]: waives the wrapped fee extension within the signer's quota.

use crate::{quota::Check, *};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		dispatch::DispatchResult, pallet_prelude::TransactionSource, traits::OriginTrait,
		weights::Weight,
	},
	sp_runtime::{
		traits::{
			DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf,
			TransactionExtension, ValidateResult,
		},
		transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	},
};
use scale_info::{StaticTypeInfo, TypeInfo};

/// Wraps the fee extension `S` (`ChargeTransactionPayment`). For a signed call that
/// governance made fee-less, from a signer whose KYC level qualifies and whose quota for the
/// period is not used up, `S` is skipped (no fee) and the free call is counted; otherwise `S`
/// runs as usual. Same identifier, encoding and metadata type as `S`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct FeelessWithinQuota<T, S>(pub S, PhantomData<T>);

impl<T, S: StaticTypeInfo> TypeInfo for FeelessWithinQuota<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: core::fmt::Debug> core::fmt::Debug for FeelessWithinQuota<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "FeelessWithinQuota<{:?}>", self.0)
	}
}

impl<T, S> From<S> for FeelessWithinQuota<T, S> {
	fn from(s: S) -> Self {
		Self(s, PhantomData)
	}
}

/// Whether the inner extension applies or the fee is waived.
pub enum Intermediate<Inner, AccountId> {
	/// `S` runs; `true` if the call is fee-less (the signer is over its quota or below its
	/// level), `false` if it is not fee-less at all.
	Apply(Inner, bool),
	/// Fee waived for this signer within this quota.
	Waive(AccountId, crate::quota::FreeCall),
}

/// What `prepare` passes on to `post_dispatch`.
pub enum Waived<Inner, AccountId> {
	/// `S` ran; whether the call is fee-less (see [`Intermediate::Apply`]).
	Apply(Inner, bool),
	/// Fee waived: the signer, its free calls this period (this one included), and the weight
	/// `S` would have used (refunded: `S` did not run).
	Waived(AccountId, u32, Weight),
}

impl<T: Config + Send + Sync, S: TransactionExtension<T::RuntimeCall>>
	TransactionExtension<T::RuntimeCall> for FeelessWithinQuota<T, S>
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;

	fn metadata() -> alloc::vec::Vec<polkadot_sdk::sp_runtime::traits::TransactionExtensionMetadata>
	{
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	type Val = Intermediate<S::Val, T::AccountId>;
	type Pre = Waived<S::Pre, T::AccountId>;

	/// `S`'s weight plus the heavier of our two paths; the path not taken is refunded after
	/// dispatch.
	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call).saturating_add(Self::own_weight())
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: S::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let mut listed = false;
		if let Some(who) = origin.as_signer() {
			match Pallet::<T>::check(who, call) {
				Check::Free(free) => {
					let who = who.clone();
					return Ok((
						ValidTransaction::default(),
						Intermediate::Waive(who, free),
						origin,
					));
				},
				Check::Paying => listed = true,
				Check::NotListed => {},
			}
		}
		let (valid, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		Ok((valid, Intermediate::Apply(val, listed), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Intermediate::Apply(val, listed) => {
				self.0.prepare(val, origin, call, info, len).map(|pre| Waived::Apply(pre, listed))
			},
			Intermediate::Waive(who, free) => {
				// Counted against the quota read in `validate`; refused if other free calls of
				// the same signer used it up in between.
				let used = Pallet::<T>::note_free_call(&who, free)
					.ok_or(InvalidTransaction::Custom(QUOTA_USED))?;
				Ok(Waived::Waived(who, used, self.0.weight(call)))
			},
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let own = Self::own_weight();
		match pre {
			Waived::Apply(pre, listed) => {
				let unspent = S::post_dispatch_details(pre, info, post_info, len, result)?;
				let used = if listed {
					T::WeightInfo::feeless_paying()
				} else {
					T::WeightInfo::feeless_not_listed()
				};
				Ok(unspent.saturating_add(own.saturating_sub(used)))
			},
			Waived::Waived(who, used, inner_weight) => {
				Pallet::<T>::deposit_event(Event::<T>::FeeWaived { who, used });
				Ok(inner_weight
					.saturating_add(own.saturating_sub(T::WeightInfo::feeless_within_quota())))
			},
		}
	}
}

impl<T: Config, S> FeelessWithinQuota<T, S> {
	/// Our part of the weight: the heavier of the fee-waiving and the paying path.
	fn own_weight() -> Weight {
		T::WeightInfo::feeless_within_quota().max(T::WeightInfo::feeless_paying())
	}
}
