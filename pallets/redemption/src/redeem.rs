//! Redemption: burn, receipt, credit; reviews.

use crate::{Config, Error, Event, NextReceiptId, Pallet, Receipt, Receipts};
use genex_primitives::{
	Balance, CouponLedger, CreditLimit, Retirement, SanctionsScreen, SeriesId,
};
use polkadot_sdk::{frame_support::pallet_prelude::*, frame_system};

impl<T: Config> Pallet<T> {
	/// Every check, then the burn and the receipt. Returns the receipt id.
	pub(crate) fn do_redeem(
		holder: T::AccountId,
		series: SeriesId,
		units: u64,
		merchant: Option<T::AccountId>,
		serials: &[u64],
		nonce: Option<u64>,
	) -> Result<u64, DispatchError> {
		let (info, at, face_value, id) =
			Self::check_redeem(&holder, series, units, merchant.as_ref(), serials)?;
		T::Coupons::burn(series, &holder, units, serials, Retirement::Redeemed)?;
		NextReceiptId::<T>::put(id.saturating_add(1));
		Receipts::<T>::insert(
			id,
			Receipt {
				series,
				issuer: info.issuer,
				holder: holder.clone(),
				merchant: at.clone(),
				units,
				face_value,
				at: frame_system::Pallet::<T>::block_number(),
				reviewed: false,
			},
		);
		Self::deposit_event(Event::Redeemed {
			receipt: id,
			series,
			holder,
			merchant: at,
			units,
			face_value,
			nonce,
		});
		Ok(id)
	}

	/// The checks of a redemption, without writing: (series, where, face value, receipt id).
	pub(crate) fn check_redeem(
		holder: &T::AccountId,
		series: SeriesId,
		units: u64,
		merchant: Option<&T::AccountId>,
		serials: &[u64],
	) -> Result<
		(genex_primitives::CouponInfo<T::AccountId, Balance>, T::AccountId, Balance, u64),
		DispatchError,
	> {
		T::Sanctions::ensure_not_blocked(holder)?;
		let info = T::Coupons::ensure_can_burn(series, holder, units, serials, Retirement::Redeemed)?;
		let at = merchant.cloned().unwrap_or_else(|| info.issuer.clone());
		ensure!(Self::accepts(&info.issuer, &at), Error::<T>::UnknownMerchant);
		T::Sanctions::ensure_not_blocked(&at)?;
		let face_value = info.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		let id = NextReceiptId::<T>::get();
		id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Ok((info, at, face_value, id))
	}

	pub(crate) fn do_review(who: T::AccountId, id: u64, rating: u8) -> DispatchResult {
		let mut receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		ensure!(receipt.holder == who, Error::<T>::NotReceiptHolder);
		ensure!(!receipt.reviewed, Error::<T>::AlreadyReviewed);
		// Validates the rating; its write is the first.
		T::Credit::note_review(&receipt.issuer, rating)?;
		receipt.reviewed = true;
		Receipts::<T>::insert(id, receipt);
		Self::deposit_event(Event::Reviewed { receipt: id, rating });
		Ok(())
	}
}
