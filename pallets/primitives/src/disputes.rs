//! What the disputes pallet asks of the issuers pallet when an arbitrator upholds a holder's
//! claim against an issuer: pay the refund out of the issuer's collateral (deposit, then
//! escrow) and then its own stablecoin, and count the upheld claim against its credit.
//! The issuers pallet implements [`ClaimFunds`].

use crate::Balance;
use polkadot_sdk::sp_runtime::DispatchError;

/// Which of an issuer's collateral an upheld claim may draw on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collateral {
	/// Its whole deposit and escrow: a ruling someone weighed (an arbitrator, the council).
	All,
	/// Only the deposit it could withdraw itself — what leaves its issuance limit covering its
	/// outstanding face value — and no escrow: the default ruling, which no one weighed, so
	/// that an issuer cannot move collateral its holders count on to a holder it controls by
	/// staying silent.
	Surplus,
}

/// Pays upheld claims against issuers.
pub trait ClaimFunds<AccountId> {
	/// Pay `holder` up to `amount` of `issuer`'s funds: its deposit first, then its escrow, as
	/// far as `collateral` allows (none while the issuer is frozen: they are its holders'
	/// compensation pool), then its own free stablecoin. Returns what was paid (less than
	/// `amount` when the issuer has no more; the shortfall is published by the caller). Errors
	/// only when a transfer that was checked fails (the call then writes nothing).
	fn pay_claim(
		issuer: &AccountId,
		holder: &AccountId,
		amount: Balance,
		collateral: Collateral,
	) -> Result<Balance, DispatchError>;

	/// Count an upheld claim against `issuer`'s credit (as a redemption requested and not
	/// honoured).
	fn note_claim_upheld(issuer: &AccountId);

	/// Give `issuer` funds to pay claims of `amount` from its deposit (half) and its own
	/// stablecoin (all of it): benchmark set-up only.
	#[cfg(feature = "runtime-benchmarks")]
	fn fund_claims(issuer: &AccountId, amount: Balance);
}

/// No issuer funds: nothing is paid, nothing counted.
impl<AccountId> ClaimFunds<AccountId> for () {
	fn pay_claim(
		_: &AccountId,
		_: &AccountId,
		_: Balance,
		_: Collateral,
	) -> Result<Balance, DispatchError> {
		Ok(0)
	}
	fn note_claim_upheld(_: &AccountId) {}
	#[cfg(feature = "runtime-benchmarks")]
	fn fund_claims(_: &AccountId, _: Balance) {}
}

/// A test double: a thread-local purse per issuer, and the claims upheld against each.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use codec::Encode;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static PURSES: RefCell<BTreeMap<Vec<u8>, Balance>> = const { RefCell::new(BTreeMap::new()) };
		static PAID: RefCell<Vec<(Vec<u8>, Vec<u8>, Balance)>> = const { RefCell::new(Vec::new()) };
		static DRAWN: RefCell<Vec<Collateral>> = const { RefCell::new(Vec::new()) };
		static UPHELD: RefCell<BTreeMap<Vec<u8>, u32>> = const { RefCell::new(BTreeMap::new()) };
	}

	/// The mock [`ClaimFunds`].
	pub struct MockClaimFunds;

	impl MockClaimFunds {
		/// Set what `issuer` can pay in all.
		pub fn set_purse<A: Encode>(issuer: &A, amount: Balance) {
			PURSES.with(|p| p.borrow_mut().insert(issuer.encode(), amount));
		}
		/// Claims upheld against `issuer`.
		pub fn upheld<A: Encode>(issuer: &A) -> u32 {
			UPHELD.with(|u| u.borrow().get(&issuer.encode()).copied().unwrap_or(0))
		}
		/// Payments made: (issuer, holder, amount), in order.
		pub fn paid() -> Vec<(Vec<u8>, Vec<u8>, Balance)> {
			PAID.with(|p| p.borrow().clone())
		}
		/// The collateral each payment was allowed to draw on, in order.
		pub fn drawn() -> Vec<Collateral> {
			DRAWN.with(|d| d.borrow().clone())
		}
		/// Forget everything.
		pub fn reset() {
			PURSES.with(|p| p.borrow_mut().clear());
			PAID.with(|p| p.borrow_mut().clear());
			DRAWN.with(|d| d.borrow_mut().clear());
			UPHELD.with(|u| u.borrow_mut().clear());
		}
	}

	impl<A: Encode> ClaimFunds<A> for MockClaimFunds {
		fn pay_claim(
			issuer: &A,
			holder: &A,
			amount: Balance,
			collateral: Collateral,
		) -> Result<Balance, DispatchError> {
			DRAWN.with(|d| d.borrow_mut().push(collateral));
			let paid = PURSES.with(|p| {
				let mut purses = p.borrow_mut();
				let purse = purses.entry(issuer.encode()).or_default();
				let paid = amount.min(*purse);
				*purse = purse.saturating_sub(paid);
				paid
			});
			PAID.with(|p| p.borrow_mut().push((issuer.encode(), holder.encode(), paid)));
			Ok(paid)
		}
		fn note_claim_upheld(issuer: &A) {
			UPHELD.with(|u| {
				let mut upheld = u.borrow_mut();
				let n = upheld.entry(issuer.encode()).or_default();
				*n = n.saturating_add(1);
			});
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn fund_claims(issuer: &A, amount: Balance) {
			Self::set_purse(issuer, amount);
		}
	}
}
