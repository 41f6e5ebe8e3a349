//! Redemption: burn, receipt, credit; reviews. Only independent holders are evidence of an
//! issuer's credit: a redemption by the issuer itself or one of its affiliates (an **insider**)
//! still burns the units, but is booked as a recall (no honoured redemption, no redeemed face,
//! no escrow release) and its receipt can never be reviewed.

use crate::{Config, Error, Event, NextReceiptId, OldestReceipt, Pallet, Receipt, Receipts};
use genex_primitives::{
	Affiliation, Balance, CouponLedger, CreditLimit, Movement, MovementKind, Retirement, SeriesId,
	TransferredAsset, ValueMovement,
};
use polkadot_sdk::{frame_support::pallet_prelude::*, frame_system};

impl<T: Config> Pallet<T> {
	/// Every check, then the burn and the receipt. Returns the receipt id and the monitoring
	/// weight the value-movement gate used (the caller refunds the rest of its bound).
	pub(crate) fn do_redeem(
		holder: T::AccountId,
		series: SeriesId,
		units: u64,
		merchant: Option<T::AccountId>,
		serials: &[u64],
		nonce: Option<u64>,
	) -> Result<(u64, Weight), DispatchError> {
		let (info, at, face_value, id) =
			Self::check_redeem(&holder, series, units, merchant.as_ref(), serials)?;
		let insider = T::Affiliation::is_insider(&info.issuer, &holder);
		// The checks above are a redemption's (validity window, serials); an insider's units
		// then leave circulation as a recall, which names no serials: the coupon pallet reports
		// it to the issuers pallet as `Recalled`, not `Redeemed`.
		let no_serials: &[u64] = &[];
		let (how, burnt) = if insider {
			(Retirement::Recalled, no_serials)
		} else {
			(Retirement::Redeemed, serials)
		};
		T::Coupons::burn(series, &holder, units, burnt, how)?;
		let recorded = T::Movement::record(&Self::movement(&holder, &at, series, face_value));
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
				// An insider's receipt is never reviewable, even once its affiliation ends.
				reviewed: insider,
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
			insider,
		});
		Ok((id, recorded.monitor_weight))
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
		let info =
			T::Coupons::ensure_can_burn(series, holder, units, serials, Retirement::Redeemed)?;
		let at = merchant.cloned().unwrap_or_else(|| info.issuer.clone());
		ensure!(Self::accepts(&info.issuer, &at), Error::<T>::UnknownMerchant);
		let face_value = info.face_value.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		T::Movement::check(&Self::movement(holder, &at, series, face_value))?;
		let id = NextReceiptId::<T>::get();
		id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Ok((info, at, face_value, id))
	}

	/// A redemption as the value-movement gate sees it: `units` of `series` worth `face_value`
	/// from the holder to the merchant (or issuer) redeeming them.
	fn movement<'a>(
		holder: &'a T::AccountId,
		at: &'a T::AccountId,
		series: SeriesId,
		face_value: Balance,
	) -> Movement<'a, T::AccountId, Balance> {
		Movement {
			from: holder,
			to: at,
			asset: TransferredAsset::Coupon { series },
			value: face_value,
			kind: MovementKind::Redemption,
			travel_rule: None,
		}
	}

	pub(crate) fn do_review(who: T::AccountId, id: u64, rating: u8) -> DispatchResult {
		let Some(mut receipt) = Receipts::<T>::get(id) else {
			// Ids below the cursor were receipts, deleted once their review window passed.
			return Err(if id < OldestReceipt::<T>::get() {
				Error::<T>::ReviewWindowClosed.into()
			} else {
				Error::<T>::UnknownReceipt.into()
			});
		};
		ensure!(Self::in_review_window(&receipt), Error::<T>::ReviewWindowClosed);
		ensure!(receipt.holder == who, Error::<T>::NotReceiptHolder);
		ensure!(!T::Affiliation::is_insider(&receipt.issuer, &who), Error::<T>::InsiderReview);
		ensure!(!receipt.reviewed, Error::<T>::AlreadyReviewed);
		// Validates the rating; its write is the first.
		T::Credit::note_review(&receipt.issuer, rating)?;
		receipt.reviewed = true;
		Receipts::<T>::insert(id, receipt);
		Self::deposit_event(Event::Reviewed { receipt: id, rating });
		Ok(())
	}
}
