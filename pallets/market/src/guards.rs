//! Abuse guards: is the coupon tradable, price bands, the circuit breaker, issuers'
//! affiliates (wash trades).

use crate::{
	Affiliates, AffiliationRequests, Config, Error, Event, Markets, Pallet, Risk, SeriesMarket,
};
use genex_primitives::{
	Balance, CouponInfo, CouponLedger, CreditLimit, PriceOracle, SeriesId, SeriesStatus,
};
use polkadot_sdk::{
	frame_support::pallet_prelude::*, frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::Permill,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn block_number() -> BlockNumberFor<T> {
		polkadot_sdk::frame_system::Pallet::<T>::block_number()
	}

	/// The series as the market needs it: it exists, is active and valid now, its issuer is
	/// not frozen and (unless `ignore_halt`) trading is not halted.
	pub(crate) fn ensure_tradable(
		series: SeriesId,
		ignore_halt: bool,
	) -> Result<CouponInfo<T::AccountId, Balance>, DispatchError> {
		let info = T::Coupons::info(series).ok_or(Error::<T>::UnknownSeries)?;
		ensure!(info.status == SeriesStatus::Active, Error::<T>::NotTradable);
		ensure!(Self::now() < info.valid_until, Error::<T>::NotTradable);
		ensure!(!T::Credit::is_frozen(&info.issuer), Error::<T>::IssuerFrozen);
		if !ignore_halt {
			let halted = Markets::<T>::get(series)
				.halted_until
				.is_some_and(|until| Self::block_number() < until);
			ensure!(!halted, Error::<T>::SeriesHalted);
		}
		Ok(info)
	}

	/// The oracle's reference price of `series`. Read once per call: the bands of the call's
	/// placement and of every fill it makes centre on the same value.
	pub(crate) fn oracle_price(series: SeriesId) -> Option<Balance> {
		T::Oracle::reference_price(series)
	}

	/// The price bands centre on: the oracle's (`oracle`), else the last trade.
	pub(crate) fn band_centre(
		oracle: Option<Balance>,
		market: &SeriesMarket<BlockNumberFor<T>>,
	) -> Option<Balance> {
		oracle.or(market.last_price)
	}

	/// Whether `price` is more than `share` away from `centre`.
	pub(crate) fn beyond(price: Balance, centre: Balance, share: Permill) -> bool {
		let width = share.mul_floor(centre);
		price < centre.saturating_sub(width) || price > centre.saturating_add(width)
	}

	/// `Ok` when a limit price lies within the band (or there is no reference yet).
	pub(crate) fn ensure_in_band(
		series: SeriesId,
		oracle: Option<Balance>,
		price: Balance,
	) -> DispatchResult {
		let market = Markets::<T>::get(series);
		if let Some(centre) = Self::band_centre(oracle, &market) {
			ensure!(
				!Self::beyond(price, centre, Risk::<T>::get().band),
				Error::<T>::PriceOutsideBand
			);
		}
		Ok(())
	}

	/// Whether `who` is `issuer` or registered as its affiliate.
	pub(crate) fn is_issuer_side(issuer: &T::AccountId, who: &T::AccountId) -> bool {
		who == issuer || Affiliates::<T>::get(who).is_some_and(|of| of == *issuer)
	}

	/// Both sides on the issuer's side: a wash trade.
	pub(crate) fn is_wash(issuer: &T::AccountId, a: &T::AccountId, b: &T::AccountId) -> bool {
		Self::is_issuer_side(issuer, a) && Self::is_issuer_side(issuer, b)
	}

	/// `account` consents to be `issuer`'s affiliate.
	pub(crate) fn do_request_affiliation(
		account: T::AccountId,
		issuer: T::AccountId,
	) -> DispatchResult {
		ensure!(T::Credit::is_issuer(&issuer), Error::<T>::NotIssuer);
		ensure!(account != issuer, Error::<T>::AlreadyAffiliated);
		ensure!(!Affiliates::<T>::contains_key(&account), Error::<T>::AlreadyAffiliated);
		AffiliationRequests::<T>::insert(&account, &issuer);
		Self::deposit_event(Event::AffiliationRequested { issuer, account });
		Ok(())
	}

	/// `issuer` registers `account`, which consented to it.
	pub(crate) fn do_accept_affiliate(
		issuer: T::AccountId,
		account: T::AccountId,
	) -> DispatchResult {
		ensure!(!Affiliates::<T>::contains_key(&account), Error::<T>::AlreadyAffiliated);
		ensure!(
			AffiliationRequests::<T>::get(&account).as_ref() == Some(&issuer),
			Error::<T>::NoAffiliationRequest
		);
		Self::do_add_affiliate(issuer, account)
	}

	pub(crate) fn do_add_affiliate(issuer: T::AccountId, account: T::AccountId) -> DispatchResult {
		ensure!(account != issuer, Error::<T>::AlreadyAffiliated);
		ensure!(!Affiliates::<T>::contains_key(&account), Error::<T>::AlreadyAffiliated);
		Affiliates::<T>::insert(&account, &issuer);
		AffiliationRequests::<T>::remove(&account);
		Self::deposit_event(Event::AffiliateAdded { issuer, account });
		Ok(())
	}
}

/// The registrations above are the issuers' affiliates the credit and redemption pallets ask
/// about (insiders are never independent evidence of an issuer's credit).
impl<T: Config> genex_primitives::Affiliation<T::AccountId> for Pallet<T> {
	fn is_affiliated(issuer: &T::AccountId, who: &T::AccountId) -> bool {
		Affiliates::<T>::get(who).is_some_and(|of| of == *issuer)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::Test;

	#[test]
	fn beyond_is_symmetric_and_inclusive() {
		let ten = Permill::from_percent(10);
		assert!(!Pallet::<Test>::beyond(110, 100, ten));
		assert!(!Pallet::<Test>::beyond(90, 100, ten));
		assert!(Pallet::<Test>::beyond(111, 100, ten));
		assert!(Pallet::<Test>::beyond(89, 100, ten));
	}
}
