//! Moving the settlement stablecoin on behalf of a pallet: deposits, refunds, payouts, and
//! freezes that keep funds in their owner's own account (open buy orders, market makers'
//! bonds). [`Settlement`] is implemented by the stablecoin pallet; callers screen the parties
//! (sanctions, KYC) themselves before they move anything.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};
use scale_info::TypeInfo;

/// Why stablecoin is frozen in its owner's account. A freeze keeps the funds in the owner's
/// own account (no escrow account holds them) but stops every transfer that would take the
/// balance below what is frozen; only the pallet that froze them thaws or pays them out.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum FreezeReason {
	/// What the owner's open buy orders may pay, fees included (the market).
	MarketOrders,
	/// A market maker's bond (the market).
	MarketMakerBond,
	/// Large P2P transfers held for a compliance officer's review (AML monitoring).
	AmlReview,
}

impl FreezeReason {
	/// How many reasons there are: the bound of one account's freezes.
	pub const COUNT: u32 = 3;
}

/// Stablecoin movements pallets make as part of their own calls (not P2P transfers: those go
/// through the stablecoin pallet's `transfer` with its compliance checks).
pub trait Settlement<AccountId, Balance> {
	/// `Ok` when `from` can pay `amount` to `to` now (balance, the receiver's minimum balance);
	/// the stablecoin pallet's typed error otherwise. Reads only.
	fn ensure_can_transfer(from: &AccountId, to: &AccountId, amount: Balance) -> DispatchResult;

	/// Move `amount` from `from` to `to` (all or nothing).
	fn transfer(from: &AccountId, to: &AccountId, amount: Balance) -> DispatchResult;

	/// The stablecoin balance of `who` (what is frozen included).
	fn balance(who: &AccountId) -> Balance;

	/// What `who` can move now: its balance less everything frozen.
	fn spendable(who: &AccountId) -> Balance;

	/// What is frozen in `who`'s account for `reason`.
	fn frozen(who: &AccountId, reason: FreezeReason) -> Balance;

	/// What `who` can still freeze: balance − frozen − the asset's minimum balance
	/// ([`Settlement::freeze`] passes for any amount up to it).
	fn freezable(who: &AccountId) -> Balance;

	/// Freeze `amount` more of `who`'s stablecoin for `reason`: it stays in the account but
	/// nothing can spend it until it is thawed or paid out. What is frozen never includes the
	/// asset's minimum balance (so a payout from a freeze cannot fail): fails with the
	/// stablecoin pallet's `InsufficientBalance` unless balance − frozen − minimum ≥ `amount`;
	/// all or nothing.
	fn freeze(who: &AccountId, reason: FreezeReason, amount: Balance) -> DispatchResult;

	/// Thaw up to `amount` of `who`'s freeze for `reason`; returns how much was thawed.
	fn thaw(who: &AccountId, reason: FreezeReason, amount: Balance) -> Balance;

	/// `Ok` when [`Settlement::transfer_frozen`] of the same arguments would pass (at least
	/// `amount` frozen for `reason`, the receiver can take it); the stablecoin pallet's typed
	/// error otherwise. Reads only.
	fn ensure_can_transfer_frozen(
		from: &AccountId,
		reason: FreezeReason,
		to: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// Pay `amount` out of `from`'s freeze for `reason` to `to` (a fill, a forfeited bond):
	/// the freeze shrinks and the funds move together, or nothing happens. Fails with
	/// `InsufficientBalance` when less than `amount` is frozen for `reason`.
	fn transfer_frozen(
		from: &AccountId,
		reason: FreezeReason,
		to: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// `Ok` when [`Settlement::settle_frozen`] of the same arguments would pass; the
	/// stablecoin pallet's typed error otherwise. Reads only.
	fn ensure_can_settle_frozen(
		reason: FreezeReason,
		payers: &[(AccountId, Balance)],
		payees: &[(AccountId, Balance)],
	) -> DispatchResult;

	/// One batch's netted payments: each payer pays its amount out of its freeze for
	/// `reason`, each payee is credited its amount; what is paid equals what is credited
	/// (`UnbalancedSettlement` otherwise), each account appears once on its side, and every
	/// account's balance is written once. All or nothing; the asset's supply is unchanged.
	fn settle_frozen(
		reason: FreezeReason,
		payers: &[(AccountId, Balance)],
		payees: &[(AccountId, Balance)],
	) -> DispatchResult;

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
	fn spendable(_: &AccountId) -> Balance {
		Balance::default()
	}
	fn frozen(_: &AccountId, _: FreezeReason) -> Balance {
		Balance::default()
	}
	fn freezable(_: &AccountId) -> Balance {
		Balance::default()
	}
	fn freeze(_: &AccountId, _: FreezeReason, _: Balance) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn thaw(_: &AccountId, _: FreezeReason, _: Balance) -> Balance {
		Balance::default()
	}
	fn ensure_can_transfer_frozen(
		_: &AccountId,
		_: FreezeReason,
		_: &AccountId,
		_: Balance,
	) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn transfer_frozen(
		_: &AccountId,
		_: FreezeReason,
		_: &AccountId,
		_: Balance,
	) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn ensure_can_settle_frozen(
		_: FreezeReason,
		_: &[(AccountId, Balance)],
		_: &[(AccountId, Balance)],
	) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	fn settle_frozen(
		_: FreezeReason,
		_: &[(AccountId, Balance)],
		_: &[(AccountId, Balance)],
	) -> DispatchResult {
		Err(NO_SETTLEMENT)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn fund(_: &AccountId, _: Balance) {}
}

/// Error the mock returns when the payer lacks funds.
pub const MOCK_INSUFFICIENT: DispatchError = DispatchError::Other("MockSettlement: insufficient");

/// Error the mock returns when a batch pays out more or less than it credits.
pub const MOCK_UNBALANCED: DispatchError = DispatchError::Other("MockSettlement: unbalanced");

/// A test double: balances in thread-local memory.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use codec::Encode;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static BALANCES: RefCell<BTreeMap<Vec<u8>, u128>> = const { RefCell::new(BTreeMap::new()) };
		static FROZEN: RefCell<BTreeMap<(Vec<u8>, FreezeReason), u128>> = const { RefCell::new(BTreeMap::new()) };
		static MINIMUM: RefCell<u128> = const { RefCell::new(0) };
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
		/// What is frozen for `who` and `reason`.
		pub fn frozen_of<A: Encode>(who: &A, reason: FreezeReason) -> u128 {
			FROZEN.with(|f| f.borrow().get(&(who.encode(), reason)).copied().unwrap_or_default())
		}
		/// Everything frozen for `reason`, over all accounts (tests check that no freeze is
		/// left behind without the orders or bond it stood for).
		pub fn frozen_total(reason: FreezeReason) -> u128 {
			FROZEN.with(|f| {
				f.borrow()
					.iter()
					.filter(|((_, r), _)| *r == reason)
					.fold(0u128, |a, (_, v)| a.saturating_add(*v))
			})
		}
		/// Everything frozen for `who`.
		pub fn total_frozen<A: Encode>(who: &A) -> u128 {
			let key = who.encode();
			FROZEN.with(|f| {
				f.borrow()
					.iter()
					.filter(|((k, _), _)| *k == key)
					.fold(0u128, |a, (_, v)| a.saturating_add(*v))
			})
		}
		fn set_frozen<A: Encode>(who: &A, reason: FreezeReason, amount: u128) {
			FROZEN.with(|f| {
				let mut f = f.borrow_mut();
				if amount == 0 {
					f.remove(&(who.encode(), reason));
				} else {
					f.insert((who.encode(), reason), amount);
				}
			})
		}
		/// The minimum balance no freeze may take (as the real asset's; default 0).
		pub fn set_minimum(amount: u128) {
			MINIMUM.with(|m| *m.borrow_mut() = amount);
		}
		/// Forget every balance, freeze and the minimum.
		pub fn reset() {
			BALANCES.with(|b| b.borrow_mut().clear());
			FROZEN.with(|f| f.borrow_mut().clear());
			MINIMUM.with(|m| *m.borrow_mut() = 0);
		}
	}

	impl<A: Encode, B: Into<u128> + TryFrom<u128> + Default + Copy> Settlement<A, B>
		for MockSettlement
	{
		fn ensure_can_transfer(from: &A, _: &A, amount: B) -> DispatchResult {
			if <Self as Settlement<A, B>>::spendable(from).into() < amount.into() {
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
		fn spendable(who: &A) -> B {
			// As the stablecoin pallet: the minimum stays with any freeze.
			let frozen = Self::total_frozen(who);
			let untouchable =
				if frozen == 0 { 0 } else { frozen.saturating_add(MINIMUM.with(|m| *m.borrow())) };
			B::try_from(Self::get(who).saturating_sub(untouchable)).unwrap_or_default()
		}
		fn frozen(who: &A, reason: FreezeReason) -> B {
			B::try_from(Self::frozen_of(who, reason)).unwrap_or_default()
		}
		fn freezable(who: &A) -> B {
			let freezable = Self::get(who)
				.saturating_sub(Self::total_frozen(who))
				.saturating_sub(MINIMUM.with(|m| *m.borrow()));
			B::try_from(freezable).unwrap_or_default()
		}
		fn freeze(who: &A, reason: FreezeReason, amount: B) -> DispatchResult {
			if <Self as Settlement<A, B>>::freezable(who).into() < amount.into() {
				return Err(MOCK_INSUFFICIENT);
			}
			Self::set_frozen(
				who,
				reason,
				Self::frozen_of(who, reason).saturating_add(amount.into()),
			);
			Ok(())
		}
		fn thaw(who: &A, reason: FreezeReason, amount: B) -> B {
			let frozen = Self::frozen_of(who, reason);
			let thawed = frozen.min(amount.into());
			Self::set_frozen(who, reason, frozen.saturating_sub(thawed));
			B::try_from(thawed).unwrap_or_default()
		}
		fn ensure_can_transfer_frozen(
			from: &A,
			reason: FreezeReason,
			_: &A,
			amount: B,
		) -> DispatchResult {
			let amount: u128 = amount.into();
			if Self::frozen_of(from, reason) < amount || Self::get(from) < amount {
				return Err(MOCK_INSUFFICIENT);
			}
			Ok(())
		}
		fn transfer_frozen(from: &A, reason: FreezeReason, to: &A, amount: B) -> DispatchResult {
			<Self as Settlement<A, B>>::ensure_can_transfer_frozen(from, reason, to, amount)?;
			let amount: u128 = amount.into();
			Self::set_frozen(from, reason, Self::frozen_of(from, reason).saturating_sub(amount));
			Self::set(from, Self::get(from).saturating_sub(amount));
			Self::set(to, Self::get(to).saturating_add(amount));
			Ok(())
		}
		fn ensure_can_settle_frozen(
			reason: FreezeReason,
			payers: &[(A, B)],
			payees: &[(A, B)],
		) -> DispatchResult {
			let (mut paid, mut credited) = (0u128, 0u128);
			for (who, amount) in payers {
				let amount: u128 = (*amount).into();
				if Self::frozen_of(who, reason) < amount || Self::get(who) < amount {
					return Err(MOCK_INSUFFICIENT);
				}
				paid = paid.saturating_add(amount);
			}
			for (_, amount) in payees {
				credited = credited.saturating_add((*amount).into());
			}
			if paid != credited {
				return Err(MOCK_UNBALANCED);
			}
			Ok(())
		}
		fn settle_frozen(
			reason: FreezeReason,
			payers: &[(A, B)],
			payees: &[(A, B)],
		) -> DispatchResult {
			<Self as Settlement<A, B>>::ensure_can_settle_frozen(reason, payers, payees)?;
			for (who, amount) in payers {
				let amount: u128 = (*amount).into();
				Self::set_frozen(who, reason, Self::frozen_of(who, reason).saturating_sub(amount));
				Self::set(who, Self::get(who).saturating_sub(amount));
			}
			for (who, amount) in payees {
				Self::set(who, Self::get(who).saturating_add((*amount).into()));
			}
			Ok(())
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn fund(who: &A, amount: B) {
			Self::set(who, Self::get(who).saturating_add(amount.into()))
		}
	}
}
