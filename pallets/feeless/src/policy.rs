//! The policy: which calls are fee-less from which level, and the quotas.

use crate::*;
use polkadot_sdk::frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{Get, GetCallMetadata},
};

impl<T: Config> Pallet<T> {
	/// The storage key of `pallet.call` if the runtime has that call and allows it to be
	/// fee-less.
	pub(crate) fn checked_key(
		pallet: &[u8],
		call: &[u8],
	) -> Result<(PalletName, CallName), Error<T>> {
		let module = T::RuntimeCall::get_module_names()
			.iter()
			.find(|m| m.as_bytes() == pallet)
			.ok_or(Error::<T>::UnknownCall)?;
		let function = T::RuntimeCall::get_call_names(module)
			.iter()
			.find(|c| c.as_bytes() == call)
			.ok_or(Error::<T>::UnknownCall)?;
		ensure!(!Self::never_feeless(module, function), Error::<T>::NeverFeeless);
		// Names the runtime has fit the bounds (the longest pallet and call names are far
		// shorter); a longer one could not be named fee-less.
		let pallet = PalletName::try_from(module.as_bytes().to_vec())
			.map_err(|_| Error::<T>::UnknownCall)?;
		let call = CallName::try_from(function.as_bytes().to_vec())
			.map_err(|_| Error::<T>::UnknownCall)?;
		Ok((pallet, call))
	}

	pub(crate) fn do_set_feeless_call(
		pallet: PalletName,
		call: CallName,
		min_level: u8,
	) -> DispatchResult {
		let key = Self::checked_key(&pallet, &call)?;
		let min_level = KycLevel::try_from(min_level).map_err(|_| Error::<T>::InvalidLevel)?;
		ensure!(
			FeelessCalls::<T>::contains_key(&key)
				|| FeelessCalls::<T>::count() < T::MaxFeelessCalls::get(),
			Error::<T>::TooManyFeelessCalls
		);
		FeelessCalls::<T>::insert(&key, min_level);
		Self::deposit_event(Event::FeelessCallSet { pallet: key.0, call: key.1, min_level });
		Ok(())
	}

	pub(crate) fn do_remove_feeless_call(pallet: PalletName, call: CallName) -> DispatchResult {
		let key = (pallet, call);
		ensure!(FeelessCalls::<T>::contains_key(&key), Error::<T>::NotFeeless);
		FeelessCalls::<T>::remove(&key);
		Self::deposit_event(Event::FeelessCallRemoved { pallet: key.0, call: key.1 });
		Ok(())
	}

	pub(crate) fn do_set_quota(level: u8, free_calls: u32) -> DispatchResult {
		let level = KycLevel::try_from(level).map_err(|_| Error::<T>::InvalidLevel)?;
		Quotas::<T>::insert(level, free_calls);
		Self::deposit_event(Event::QuotaSet { level, free_calls });
		Ok(())
	}
}
