//! The custody arithmetic of buy orders: what a bid keeps frozen in its owner's own account.
//!
//! Custody: nothing leaves an owner's account while it trades. A sell order locks units in the
//! seller's holding (the coupons ledger); a buy order freezes stablecoin in the buyer's account
//! ([`genex_primitives::FreezeReason::MarketOrders`]), a market maker's bond likewise
//! ([`genex_primitives::FreezeReason::MarketMakerBond`]). A freeze shrinks only by the owner's
//! cancel, a fill (paid from the buyer's account in the auction's netted settlement), expiry, a
//! compliance release, or — for a bond — a slash to the treasury.

use crate::{Config, Pallet};
use genex_primitives::Balance;
use polkadot_sdk::sp_runtime::Permill;

impl<T: Config> Pallet<T> {
	/// What a buy order of `units` at `price` with fee `rate` keeps frozen in its owner's
	/// account: `units × price` plus the fee on it.
	pub fn escrow_of(price: Balance, units: u64, rate: Permill) -> Option<Balance> {
		let notional = price.checked_mul(units.into())?;
		notional.checked_add(rate.mul_floor(notional))
	}
}
