//! Sanctions screening: the [`SanctionsScreen`] trait pallets ask before moving value, and the
//! [`OnBlocked`] hook other pallets implement to react when an account is blocked.

use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::{DispatchError, DispatchResult},
};

/// Is an account on the blocked-address list in force?
pub trait SanctionsScreen<AccountId> {
	/// Whether `who` is blocked.
	fn is_blocked(who: &AccountId) -> bool;

	/// `Ok` unless `who` is blocked; then the sanctions pallet's `AccountBlocked`.
	fn ensure_not_blocked(who: &AccountId) -> DispatchResult;

	/// `Ok` unless either party is blocked.
	fn ensure_clear(from: &AccountId, to: &AccountId) -> DispatchResult {
		Self::ensure_not_blocked(from)?;
		Self::ensure_not_blocked(to)
	}

	/// Put `who` on the list (benchmark set-up only).
	#[cfg(feature = "runtime-benchmarks")]
	fn block(who: &AccountId);
}

/// No screening: nobody is blocked.
impl<AccountId> SanctionsScreen<AccountId> for () {
	fn is_blocked(_: &AccountId) -> bool {
		false
	}
	fn ensure_not_blocked(_: &AccountId) -> DispatchResult {
		Ok(())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn block(_: &AccountId) {}
}

/// Called for each account the moment it is blocked, e.g. so the market cancels its open
/// orders. Holdings stay where they are.
pub trait OnBlocked<AccountId> {
	/// React to `who` being blocked. Must not fail; it runs inside the list update.
	fn on_blocked(who: &AccountId);
	/// Upper bound of the weight of one [`OnBlocked::on_blocked`] call.
	fn weight() -> Weight;
}

/// Nobody listens.
impl<AccountId> OnBlocked<AccountId> for () {
	fn on_blocked(_: &AccountId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// The accounts a call acts as or pays, beyond its signer, through every level of nesting: the
/// accounts wrappers dispatch inner calls as (a utility derivative, a multisig account, a
/// `sudo_as` target) and the receivers of native transfers. The sanctions extension refuses a
/// transaction when any of them is blocked, so a blocked account cannot act or be paid through
/// a wrapper. The runtime implements it over its `RuntimeCall`.
pub trait CallParties<AccountId, Call> {
	/// Call `visit` on each party of `call` signed by `signer` (the signer itself excluded), in
	/// order; stop and return `false` as soon as `visit` does. A call nested deeper than the
	/// implementation's bound is refused (`visit` is not asked; `false`).
	fn visit(signer: &AccountId, call: &Call, visit: &mut dyn FnMut(&AccountId) -> bool) -> bool;

	/// How many parties [`CallParties::visit`] would visit at most (for the extension's weight:
	/// one storage read each). Reads no storage.
	fn count(signer: &AccountId, call: &Call) -> u32 {
		let mut n = 0u32;
		Self::visit(signer, call, &mut |_| {
			n = n.saturating_add(1);
			true
		});
		n
	}
}

/// No parties beyond the signer.
impl<AccountId, Call> CallParties<AccountId, Call> for () {
	fn visit(_: &AccountId, _: &Call, _: &mut dyn FnMut(&AccountId) -> bool) -> bool {
		true
	}
}

/// Error the mock returns for a blocked account.
pub const MOCK_BLOCKED: DispatchError = DispatchError::Other("MockSanctions: account blocked");

/// Test doubles: a thread-local blocked list and a recorder of `on_blocked` calls.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use codec::Encode;
	use std::{cell::RefCell, collections::BTreeSet};

	thread_local! {
		static BLOCKED: RefCell<BTreeSet<Vec<u8>>> = const { RefCell::new(BTreeSet::new()) };
		static NOTIFIED: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
	}

	/// The mock [`SanctionsScreen`].
	pub struct MockSanctions;

	impl MockSanctions {
		/// Block or unblock `who`.
		pub fn set<A: Encode>(who: &A, blocked: bool) {
			BLOCKED.with(|b| {
				if blocked {
					b.borrow_mut().insert(who.encode());
				} else {
					b.borrow_mut().remove(&who.encode());
				}
			});
		}
		/// Clear the list.
		pub fn reset() {
			BLOCKED.with(|b| b.borrow_mut().clear());
		}
	}

	impl<A: Encode> SanctionsScreen<A> for MockSanctions {
		fn is_blocked(who: &A) -> bool {
			BLOCKED.with(|b| b.borrow().contains(&who.encode()))
		}
		fn ensure_not_blocked(who: &A) -> DispatchResult {
			if <Self as SanctionsScreen<A>>::is_blocked(who) {
				Err(MOCK_BLOCKED)
			} else {
				Ok(())
			}
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn block(who: &A) {
			Self::set(who, true)
		}
	}

	thread_local! {
		static PARTIES: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
	}

	/// The mock [`CallParties`]: every call has the parties last set with
	/// [`MockCallParties::set`].
	pub struct MockCallParties;

	impl MockCallParties {
		/// The parties every call has from now on.
		pub fn set<A: Encode>(parties: &[A]) {
			PARTIES.with(|p| *p.borrow_mut() = parties.iter().map(|a| a.encode()).collect());
		}
	}

	impl<A: Encode + codec::Decode, C> CallParties<A, C> for MockCallParties {
		fn visit(_: &A, _: &C, visit: &mut dyn FnMut(&A) -> bool) -> bool {
			let parties = PARTIES.with(|p| p.borrow().clone());
			parties.iter().filter_map(|raw| A::decode(&mut &raw[..]).ok()).all(|who| visit(&who))
		}
	}

	/// The mock [`OnBlocked`]: remembers whom it was told about.
	pub struct RecordOnBlocked;

	impl RecordOnBlocked {
		/// Encoded accounts notified so far, in order; clears the record.
		pub fn take() -> Vec<Vec<u8>> {
			NOTIFIED.with(|n| core::mem::take(&mut *n.borrow_mut()))
		}
	}

	impl<A: Encode> OnBlocked<A> for RecordOnBlocked {
		fn on_blocked(who: &A) {
			NOTIFIED.with(|n| n.borrow_mut().push(who.encode()));
		}
		fn weight() -> Weight {
			Weight::from_parts(1_000, 0)
		}
	}
}

/// The blocked-address list in force: which publication (e.g. an OFAC SDN release) it follows.
#[derive(
	Clone,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct SanctionsListInfo {
	/// The list version; every update raises it.
	pub version: u32,
	/// Digest (hash) of the source publication the update follows.
	pub source_digest: polkadot_sdk::sp_core::H256,
	/// Block of the update.
	pub updated_at: crate::BlockNumber,
}
