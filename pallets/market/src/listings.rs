//! Primary sale at the issue price and fixed-price listings (一口价): units locked in the
//! coupon ledger, bought atomically against the stablecoin.

use crate::{
	CancelReason, Config, Error, Event, Fees, Listing, ListingId, Listings, MarketMakers,
	NextListingId, OpenCount, Pallet, SellerListings,
};
use genex_primitives::{
	Balance, CouponLedger, CreditLimit, KycLevel, KycProvider, Movement, MovementKind,
	SanctionsScreen, SeriesId, Settlement, TransferredAsset, ValueMovement,
};
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::Get};

impl<T: Config> Pallet<T> {
	/// List `units` of `series`: at the issue price by its issuer (`price: None`, primary), or
	/// at `price` by anyone.
	pub(crate) fn do_list(
		who: &T::AccountId,
		series: SeriesId,
		units: u64,
		price: Option<Balance>,
	) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let primary = price.is_none();
		let info = Self::ensure_tradable(series, primary)?;
		T::Sanctions::ensure_not_blocked(who)?;
		let price = match price {
			None => {
				ensure!(*who == info.issuer, Error::<T>::NotIssuer);
				info.issue_price
			},
			Some(price) => {
				ensure!(price > 0, Error::<T>::ZeroPrice);
				ensure!(Self::on_tick(price), Error::<T>::OffTick);
				T::Kyc::ensure_level(who, KycLevel::L1)?;
				Self::ensure_in_band(series, Self::oracle_price(series), price)?;
				price
			},
		};
		ensure!(OpenCount::<T>::get(who) < T::MaxOpenOrders::get(), Error::<T>::TooManyOpenOrders);
		T::Coupons::ensure_can_lock(series, who, units)?;

		T::Coupons::lock(series, who, units)?;
		let listing = NextListingId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		Listings::<T>::insert(
			listing,
			Listing { seller: who.clone(), series, price, units, primary },
		);
		OpenCount::<T>::mutate(who, |c| *c = c.saturating_add(1));
		SellerListings::<T>::insert(who, listing, ());
		Self::deposit_event(Event::Listed {
			listing,
			seller: who.clone(),
			series,
			price,
			units,
			primary,
		});
		Ok(())
	}

	/// Buy `units` of `listing` at no more than `max_price` each.
	pub(crate) fn do_buy_listing(
		who: &T::AccountId,
		id: ListingId,
		units: u64,
		max_price: Balance,
	) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		let mut listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(units <= listing.units, Error::<T>::NotEnoughListed);
		ensure!(listing.price <= max_price, Error::<T>::PriceAboveLimit);
		ensure!(*who != listing.seller, Error::<T>::SelfTrade);
		let info = Self::ensure_tradable(listing.series, listing.primary)?;
		ensure!(!Self::is_wash(&info.issuer, &listing.seller, who), Error::<T>::WashTrade);
		let notional = listing.price.checked_mul(units.into()).ok_or(Error::<T>::Overflow)?;
		// A primary sale is the issuer's raise; a secondary sale between two accounts moves
		// value from one to the other as a transfer would: the gate holds it to both sides'
		// trade and P2P limits (no structuring around them).
		let movement = Movement {
			from: &listing.seller,
			to: who,
			asset: TransferredAsset::Coupon { series: listing.series },
			value: notional,
			kind: if listing.primary { MovementKind::Primary } else { MovementKind::DirectTrade },
			travel_rule: None,
		};
		T::Movement::check(&movement)?;
		// A primary sale pays no trading fee. Every sale by the issuer (primary, or a
		// fixed-price listing of its own) pays its escrow share: the promise earns it score
		// points, so none of its account's ways of selling skips it.
		let escrowed = if listing.seller == info.issuer {
			T::Credit::escrow_share(&info.issuer).mul_floor(notional)
		} else {
			0
		};
		let (buyer_fee, seller_fee) = if listing.primary {
			(0, 0)
		} else {
			let fees = Fees::<T>::get();
			let buyer_rate =
				if MarketMakers::<T>::contains_key(who) { fees.maker } else { fees.taker };
			(buyer_rate.mul_floor(notional), fees.maker.mul_floor(notional))
		};
		T::Coupons::ensure_can_deliver(listing.series, &listing.seller, who, units)?;
		let cost = notional.checked_add(buyer_fee).ok_or(Error::<T>::Overflow)?;
		ensure!(T::Settlement::spendable(who) >= cost, Error::<T>::InsufficientFunds);
		let proceeds = notional.saturating_sub(escrowed).saturating_sub(seller_fee);
		T::Settlement::ensure_can_transfer(who, &listing.seller, proceeds)?;

		T::Settlement::transfer(who, &listing.seller, proceeds)?;
		if escrowed > 0 {
			T::Settlement::transfer(who, &T::Credit::escrow_account(), escrowed)?;
			T::Credit::note_escrowed(&info.issuer, escrowed);
		}
		let fees = buyer_fee.saturating_add(seller_fee);
		if fees > 0 {
			T::Settlement::transfer(who, &T::Treasury::get(), fees)?;
		}
		T::Coupons::deliver(listing.series, &listing.seller, who, units)?;
		// Charged the bound: no refund.
		let _ = T::Movement::record(&movement);
		listing.units = listing.units.saturating_sub(units);
		if listing.units == 0 {
			Listings::<T>::remove(id);
			SellerListings::<T>::remove(&listing.seller, id);
			OpenCount::<T>::mutate(&listing.seller, |c| *c = c.saturating_sub(1));
		} else {
			Listings::<T>::insert(id, &listing);
		}
		Self::deposit_event(Event::ListingBought {
			listing: id,
			buyer: who.clone(),
			units,
			paid: notional,
			escrowed,
			fee: buyer_fee,
		});
		Ok(())
	}

	/// Withdraw `who`'s listing `id`.
	pub(crate) fn do_cancel_listing(who: &T::AccountId, id: ListingId) -> DispatchResult {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(listing.seller == *who, Error::<T>::NotOwner);
		Self::remove_listing(id, CancelReason::ByOwner);
		Ok(())
	}
}
