//! The policy: which calls are fee-less from which level, and the quotas.

use crate::*;
use polkadot_sdk::frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{Get, GetCallMetadata},
	StorageHasher, Twox128,
};

impl<T: Config> Pallet<T> {
	/// The key [`PolicyIndex`] holds for `pallet.call`: `twox128` of the two names joined by a
	/// dot, as the metadata spells them (e.g. `Stablecoin.transfer`).
	pub fn call_key(pallet: &[u8], call: &[u8]) -> CallKey {
		let mut joined = alloc::vec::Vec::with_capacity(
			pallet.len().saturating_add(call.len()).saturating_add(1),
		);
		joined.extend_from_slice(pallet);
		joined.push(b'.');
		joined.extend_from_slice(call);
		Twox128::hash(&joined)
	}

	/// [`PolicyIndex`] rebuilt from [`FeelessCalls`] (genesis and the v1 migration); returns
	/// the number of entries. At most `MaxFeelessCalls` are kept, as `FeelessCalls` holds.
	pub(crate) fn rebuild_index() -> u32 {
		let index: alloc::vec::Vec<_> = FeelessCalls::<T>::iter()
			.map(|((pallet, call), level)| (Self::call_key(&pallet, &call), level))
			.take(T::MaxFeelessCalls::get() as usize)
			.collect();
		let len = index.len() as u32;
		PolicyIndex::<T>::put(BoundedVec::truncate_from(index));
		len
	}

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
		let call_key = Self::call_key(&key.0, &key.1);
		let mut index = PolicyIndex::<T>::get();
		match index.iter_mut().find(|(k, _)| *k == call_key) {
			Some(entry) => entry.1 = min_level,
			// Holds as many entries as `FeelessCalls`, checked above to have room.
			None => index
				.try_push((call_key, min_level))
				.map_err(|_| Error::<T>::TooManyFeelessCalls)?,
		}
		PolicyIndex::<T>::put(index);
		FeelessCalls::<T>::insert(&key, min_level);
		Self::deposit_event(Event::FeelessCallSet { pallet: key.0, call: key.1, min_level });
		Ok(())
	}

	pub(crate) fn do_remove_feeless_call(pallet: PalletName, call: CallName) -> DispatchResult {
		let key = (pallet, call);
		ensure!(FeelessCalls::<T>::contains_key(&key), Error::<T>::NotFeeless);
		let call_key = Self::call_key(&key.0, &key.1);
		PolicyIndex::<T>::mutate(|index| index.retain(|(k, _)| *k != call_key));
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
