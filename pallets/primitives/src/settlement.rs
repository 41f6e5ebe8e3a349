//! Moving the settlement stablecoin on behalf of a pallet: deposits, escrow, refunds, payouts.
//! [`Settlement`] is implemented by the stablecoin pallet; callers screen the parties
//! (sanctions, KYC) themselves before they move anything.

use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};

/// Stablecoin movements pallets make as part of their own calls (not P2P transfers: those go
/// through the stablecoin pallet's `transfer` with its compliance checks).
pub trait Settlement<AccountId, Balance> {
	/// `Ok` when `from` can pay `amount` to `to` now (balance, the receiver's minimum balance);
	/// the stablecoin pallet's typed error otherwise. Reads only.
	fn ensure_can_transfer(from: &AccountId, to: &AccountId, amount: Balance) -> DispatchResult;

	/// Move `amount` from `from` to `to` (all or nothing).
	fn transfer(from: &AccountId, to: &AccountId, amount: Balance) -> DispatchResult;

	/// The stablecoin balance of `who`.
	fn balance(who: &AccountId) -> Balance;

	/// Give `who` `amount` of the stablecoin out of thin air (benchmark set-up only).
	#[cfg(feature = "runtime-benchmarks")]
	fn fund(who: &AccountId, amount: Balance);
}

/// Error of the `()` implementation: there is no settlement asset to move.
pub const NO_SETTLEMENT: DispatchError = DispatchError::Other("no settlement asset");

/// No settlement asset: nothing can be moved; every balance is zero.
impl<AccountId, Balance: Default> Settlement<AccountId, Balance> for () {
	fn ensure_can_transfer(_: &AccountId, _: &AccountId, _: Balance) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn transfer(_: &AccountId, _: &AccountId, _: Balance) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn balance(_: &AccountId) -> Balance {
		Balance::default()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn fund(_: &AccountId, _: Balance) {}
}

/// Error the mock returns when the payer lacks funds.
pub const MOCK_INSUFFICIENT: DispatchError = DispatchError::Other("MockSettlement: insufficient");

/// A test double: balances in thread-local memory.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use codec::Encode;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static BALANCES: RefCell<BTreeMap<Vec<u8>, u128>> = RefCell::new(BTreeMap::new());
	}

	/// The mock [`Settlement`].
	pub struct MockSettlement;

	impl MockSettlement {
		/// Set `who`'s balance.
		pub fn set<A: Encode>(who: &A, amount: u128) {
			BALANCES.with(|b| b.borrow_mut().insert(who.encode(), amount));
		}
		/// `who`'s balance.
		pub fn get<A: Encode>(who: &A) -> u128 {
			BALANCES.with(|b| b.borrow().get(&who.encode()).copied().unwrap_or_default())
		}
		/// Sum of all balances (conservation checks).
		pub fn total() -> u128 {
			BALANCES.with(|b| b.borrow().values().fold(0u128, |a, v| a.saturating_add(*v)))
		}
		/// Forget every balance.
		pub fn reset() {
			BALANCES.with(|b| b.borrow_mut().clear());
		}
	}

	impl<A: Encode, B: Into<u128> + TryFrom<u128> + Default + Copy> Settlement<A, B>
		for MockSettlement
	{
		fn ensure_can_transfer(from: &A, _: &A, amount: B) -> DispatchResult {
			if Self::get(from) < amount.into() {
				Err(MOCK_INSUFFICIENT)
			} else {
				Ok(())
			}
		}
		fn transfer(from: &A, to: &A, amount: B) -> DispatchResult {
			<Self as Settlement<A, B>>::ensure_can_transfer(from, to, amount)?;
			let amount: u128 = amount.into();
			Self::set(from, Self::get(from).saturating_sub(amount));
			Self::set(to, Self::get(to).saturating_add(amount));
			Ok(())
		}
		fn balance(who: &A) -> B {
			B::try_from(Self::get(who)).unwrap_or_default()
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn fund(who: &A, amount: B) {
			Self::set(who, Self::get(who).saturating_add(amount.into()))
		}
	}
}
