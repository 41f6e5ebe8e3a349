//! Issuers' merchants.

use crate::{Config, Error, Event, MerchantCount, Merchants, Pallet};
use genex_primitives::{CreditLimit, SanctionsScreen};
use polkadot_sdk::frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_merchant(
		issuer: T::AccountId,
		merchant: T::AccountId,
	) -> DispatchResult {
		ensure!(T::Credit::is_issuer(&issuer), Error::<T>::NotAnIssuer);
		ensure!(!Merchants::<T>::contains_key(&issuer, &merchant), Error::<T>::AlreadyRegistered);
		let count = MerchantCount::<T>::get(&issuer);
		ensure!(count < T::MaxMerchants::get(), Error::<T>::TooManyMerchants);
		T::Sanctions::ensure_not_blocked(&merchant)?;
		Merchants::<T>::insert(&issuer, &merchant, ());
		MerchantCount::<T>::insert(&issuer, count.saturating_add(1));
		Self::deposit_event(Event::MerchantRegistered { issuer, merchant });
		Ok(())
	}

	pub(crate) fn do_remove_merchant(
		issuer: T::AccountId,
		merchant: T::AccountId,
	) -> DispatchResult {
		ensure!(Merchants::<T>::contains_key(&issuer, &merchant), Error::<T>::UnknownMerchant);
		Merchants::<T>::remove(&issuer, &merchant);
		MerchantCount::<T>::mutate(&issuer, |c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::MerchantRemoved { issuer, merchant });
		Ok(())
	}

	/// Whether `at` may redeem coupons of `issuer`: the issuer itself or one of its merchants.
	pub fn accepts(issuer: &T::AccountId, at: &T::AccountId) -> bool {
		issuer == at || Merchants::<T>::contains_key(issuer, at)
	}
}
