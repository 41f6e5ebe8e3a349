//! One fill: the per-fill compliance checks, then units and stablecoin moving together, fees
//! to the treasury; and what a buy order keeps frozen in its owner's own account.
//!
//! Custody: nothing leaves an owner's account while it trades. A sell order locks units in the
//! seller's holding (the coupons ledger); a buy order freezes stablecoin in the buyer's account
//! ([`FreezeReason::MarketOrders`]), a market maker's bond likewise
//! ([`FreezeReason::MarketMakerBond`]). A freeze shrinks only by the owner's cancel, a fill
//! (paid straight from the buyer's account to the seller and the treasury), expiry, a
//! compliance cancel, or — for a bond — a slash to the treasury.

use crate::{CancelReason, Config, Error, Event, Order, OrderId, Pallet, Side, Trade};
use alloc::vec::Vec;
use genex_primitives::{
	Balance, CouponLedger, FreezeReason, KycLevel, KycProvider, SanctionsScreen, SeriesId,
	Settlement,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, traits::Get},
	sp_runtime::Permill,
};

/// The incoming order while it matches.
pub(crate) struct Taker<AccountId> {
	/// Its id (named in `Traded`).
	pub id: OrderId,
	/// Its owner.
	pub who: AccountId,
	/// The series.
	pub series: SeriesId,
	/// The series' issuer (wash-trade checks).
	pub issuer: AccountId,
	/// Whether the taker is the issuer or its affiliate (then makers are checked too).
	pub issuer_side: bool,
	/// Buy or sell.
	pub side: Side,
	/// Limit (or worst) price.
	pub limit: Balance,
	/// Units still to trade.
	pub remaining: u64,
	/// Units traded.
	pub filled: u64,
	/// Its fee rate (taker rate, or maker rate for market makers).
	pub rate: Permill,
	/// Trades of this call, stored once at the end.
	pub trades: Vec<Trade>,
}

/// Why a fill did not happen.
pub(crate) enum Blame {
	/// The resting order's side failed a check: cancel it, go on.
	Maker(CancelReason),
	/// The taker failed a check before anything moved: stop matching.
	Taker(DispatchError),
	/// Something failed after the first write: the call must fail.
	Fatal(DispatchError),
}

impl<T: Config> Pallet<T> {
	/// What a buy order of `units` at `price` with fee `rate` keeps frozen in its owner's account.
	pub(crate) fn escrow_of(price: Balance, units: u64, rate: Permill) -> Option<Balance> {
		let notional = price.checked_mul(units.into())?;
		notional.checked_add(rate.mul_floor(notional))
	}

	/// Release what resting order `id` holds (units unlocked, or stablecoin thawed in the
	/// owner's account), unlink it and say why.
	pub(crate) fn remove_order(
		id: OrderId,
		order: &Order<T::AccountId>,
		reason: CancelReason,
	) -> DispatchResult {
		match order.side {
			Side::Sell => {
				// Fewer may be locked when the coupon expired meanwhile: nothing else to free.
				T::Coupons::unlock(order.series, &order.owner, order.units);
			},
			Side::Buy => {
				let amount = Self::escrow_of(order.price, order.units, order.fee_rate)
					.ok_or(Error::<T>::Overflow)?;
				T::Settlement::thaw(&order.owner, FreezeReason::MarketOrders, amount);
			},
		}
		Self::unlink(id, order);
		Self::deposit_event(Event::OrderCancelled {
			order: id,
			owner: order.owner.clone(),
			units: order.units,
			reason,
		});
		Ok(())
	}

	/// Fill `units` of resting order `maker_id` against `taker` at the maker's price.
	pub(crate) fn fill(
		taker: &mut Taker<T::AccountId>,
		maker_id: OrderId,
		maker: &mut Order<T::AccountId>,
		units: u64,
	) -> Result<(), Blame> {
		let price = maker.price;
		let notional =
			price.checked_mul(units.into()).ok_or(Blame::Taker(Error::<T>::Overflow.into()))?;
		// The taker first: when it cannot go on, the maker is not to blame.
		T::Kyc::check_volume(&taker.who, notional).map_err(Blame::Taker)?;
		if T::Sanctions::is_blocked(&maker.owner) {
			return Err(Blame::Maker(CancelReason::Sanctioned));
		}
		if T::Kyc::ensure_level(&maker.owner, KycLevel::L1).is_err() {
			return Err(Blame::Maker(CancelReason::KycLevel));
		}
		if T::Kyc::check_volume(&maker.owner, notional).is_err() {
			return Err(Blame::Maker(CancelReason::KycLimit));
		}
		let (buyer, seller) = match taker.side {
			Side::Buy => (&taker.who, &maker.owner),
			Side::Sell => (&maker.owner, &taker.who),
		};
		if let Err(e) = T::Coupons::ensure_can_deliver(taker.series, seller, buyer, units) {
			return Err(match taker.side {
				// The maker sells: its locked units are gone (expired), or the taker's cap.
				Side::Buy if T::Coupons::locked(taker.series, seller) < units => {
					Blame::Maker(CancelReason::NotTradable)
				},
				Side::Buy => Blame::Taker(e),
				// The maker buys: its holding cap.
				Side::Sell => Blame::Maker(CancelReason::HoldingLimit),
			});
		}
		let maker_fee = match taker.side {
			Side::Buy => maker.fee_rate.mul_floor(notional),
			// The maker's freeze shrinks by exactly what it held for these units.
			Side::Sell => {
				let before = Self::escrow_of(price, maker.units, maker.fee_rate);
				let after =
					Self::escrow_of(price, maker.units.saturating_sub(units), maker.fee_rate);
				match (before, after) {
					(Some(b), Some(a)) => b.saturating_sub(a).saturating_sub(notional),
					_ => return Err(Blame::Taker(Error::<T>::Overflow.into())),
				}
			},
		};
		let taker_fee = taker.rate.mul_floor(notional);
		let fees = maker_fee.saturating_add(taker_fee);
		let treasury = T::Treasury::get();
		match taker.side {
			// The taker pays from what it can spend.
			Side::Buy => {
				let need = notional.saturating_add(taker_fee);
				if T::Settlement::spendable(&taker.who) < need {
					return Err(Blame::Taker(Error::<T>::InsufficientFunds.into()));
				}
				let proceeds = notional.saturating_sub(maker_fee);
				if T::Settlement::ensure_can_transfer(&taker.who, seller, proceeds).is_err() {
					return Err(Blame::Maker(CancelReason::NotTradable));
				}
			},
			// The resting buyer pays from its freeze: exactly what the freeze shrinks by.
			Side::Sell => {
				let (from, why) = (&maker.owner, FreezeReason::MarketOrders);
				let pays = notional.saturating_add(maker_fee);
				// A freeze short of what its order needs (only a privileged path could do
				// that) is the resting order's fault; a seller who cannot take the proceeds,
				// the taker's.
				if T::Settlement::frozen(from, why) < pays {
					return Err(Blame::Maker(CancelReason::NotTradable));
				}
				if T::Settlement::ensure_can_transfer_frozen(from, why, seller, pays).is_err() {
					return Err(Blame::Taker(Error::<T>::InsufficientFunds.into()));
				}
			},
		}

		// Every check passed: from here on a failure fails the call.
		match taker.side {
			Side::Buy => {
				let proceeds = notional.saturating_sub(maker_fee);
				T::Settlement::transfer(&taker.who, seller, proceeds).map_err(Blame::Fatal)?;
				if fees > 0 {
					T::Settlement::transfer(&taker.who, &treasury, fees).map_err(Blame::Fatal)?;
				}
			},
			Side::Sell => {
				let proceeds = notional.saturating_sub(taker_fee);
				let (from, why) = (&maker.owner, FreezeReason::MarketOrders);
				T::Settlement::transfer_frozen(from, why, seller, proceeds)
					.map_err(Blame::Fatal)?;
				if fees > 0 {
					T::Settlement::transfer_frozen(from, why, &treasury, fees)
						.map_err(Blame::Fatal)?;
				}
			},
		}
		T::Coupons::deliver(taker.series, seller, buyer, units).map_err(Blame::Fatal)?;
		T::Kyc::record_volume(&taker.who, notional);
		T::Kyc::record_volume(&maker.owner, notional);
		Self::reduce(maker_id, maker, units);
		taker.remaining = taker.remaining.saturating_sub(units);
		taker.filled = taker.filled.saturating_add(units);
		taker.trades.push(Trade { price, units, taker_side: taker.side, at: Self::now() });
		Self::deposit_event(Event::Traded {
			series: taker.series,
			maker_order: maker_id,
			taker_order: taker.id,
			maker: maker.owner.clone(),
			taker: taker.who.clone(),
			taker_side: taker.side,
			price,
			units,
			maker_fee,
			taker_fee,
		});
		Ok(())
	}
}
