//! Issuers' affiliates: accounts registered as acting for an issuer (its trading or treasury
//! accounts, or a compliance finding). An issuer and its affiliates are its **insiders**: never
//! independent evidence of its credit. The redemption pallet books an insider's redemption as a
//! recall (no credit, no escrow release) and refuses an insider's review; the issuers pallet
//! refuses an insider's compensation claim. The market pallet keeps the registrations and
//! implements [`Affiliation`].

/// Who acts for an issuer.
pub trait Affiliation<AccountId> {
	/// Whether `who` is registered as an affiliate of `issuer` (the issuer itself is not its
	/// own affiliate: see [`Affiliation::is_insider`]).
	fn is_affiliated(issuer: &AccountId, who: &AccountId) -> bool;

	/// Whether `who` is `issuer` itself or one of its affiliates.
	fn is_insider(issuer: &AccountId, who: &AccountId) -> bool
	where
		AccountId: PartialEq,
	{
		issuer == who || Self::is_affiliated(issuer, who)
	}
}

/// No registrations: nobody is anyone's affiliate (an issuer is still its own insider).
impl<AccountId> Affiliation<AccountId> for () {
	fn is_affiliated(_: &AccountId, _: &AccountId) -> bool {
		false
	}
}

/// A test double: a thread-local register of affiliate → issuer.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use codec::Encode;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static AFFILIATES: RefCell<BTreeMap<Vec<u8>, Vec<u8>>> = const { RefCell::new(BTreeMap::new()) };
	}

	/// The mock [`Affiliation`].
	pub struct MockAffiliation;

	impl MockAffiliation {
		/// Register `who` as an affiliate of `issuer` (replacing any earlier registration).
		pub fn set<A: Encode>(issuer: &A, who: &A) {
			AFFILIATES.with(|a| a.borrow_mut().insert(who.encode(), issuer.encode()));
		}
		/// Remove `who`'s registration.
		pub fn remove<A: Encode>(who: &A) {
			AFFILIATES.with(|a| a.borrow_mut().remove(&who.encode()));
		}
		/// Forget every registration.
		pub fn reset() {
			AFFILIATES.with(|a| a.borrow_mut().clear());
		}
	}

	impl<A: Encode> Affiliation<A> for MockAffiliation {
		fn is_affiliated(issuer: &A, who: &A) -> bool {
			AFFILIATES.with(|a| a.borrow().get(&who.encode()) == Some(&issuer.encode()))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::{mock::MockAffiliation, Affiliation};

	#[test]
	fn insiders_are_the_issuer_and_its_affiliates() {
		MockAffiliation::reset();
		MockAffiliation::set(&1u64, &2u64);
		assert!(<MockAffiliation as Affiliation<u64>>::is_insider(&1, &1));
		assert!(<MockAffiliation as Affiliation<u64>>::is_insider(&1, &2));
		assert!(!<MockAffiliation as Affiliation<u64>>::is_insider(&1, &3));
		// An affiliate of one issuer is independent of another.
		assert!(!<MockAffiliation as Affiliation<u64>>::is_insider(&3, &2));
		assert!(!<() as Affiliation<u64>>::is_affiliated(&1, &2));
		assert!(<() as Affiliation<u64>>::is_insider(&1, &1));
		MockAffiliation::remove(&2u64);
		assert!(!<MockAffiliation as Affiliation<u64>>::is_insider(&1, &2));
	}
}
