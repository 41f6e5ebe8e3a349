//! Issuer credit: the coupon pallet asks [`CreditLimit`] before it mints and tells it how
//! coupons leave circulation; the redemption pallet reports reviews; the market asks for the
//! issuer's escrow share. The issuers pallet implements it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult, Perbill};
use scale_info::TypeInfo;

/// How coupon units left circulation (the face value retired with them counts differently
/// toward the issuer's credit).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Retirement {
	/// Honoured: an independent holder (neither the issuer nor one of its affiliates, see
	/// [`crate::Affiliation`]) used them at the issuer or one of its merchants. Counts toward
	/// the issuer's credit and releases escrow.
	Redeemed,
	/// Not used before the series' end of validity (breakage).
	Expired,
	/// Unsold units the issuer withdrew, sold units it refunded, or units the issuer or one of
	/// its affiliates redeemed itself (an insider's redemption is no evidence of credit: it
	/// counts nothing toward the score and releases no escrow).
	Recalled,
	/// Paid out of a frozen issuer's deposit and escrow.
	Compensated,
}

/// Where an approved issuer stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum IssuerStatus {
	/// May issue within its limit.
	Active,
	/// Issuance paused by a default decision; existing coupons unaffected.
	Paused,
	/// Frozen: no issuance, its coupons are flagged at risk, deposit and escrow can compensate
	/// holders.
	Frozen,
}

/// What the credit score is computed from; public (runtime API `issuer_credit`).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct CreditInputs<Balance> {
	/// Redemptions requested: honoured ones plus failed claims upheld by governance.
	pub requested: u32,
	/// Redemptions honoured, by independent holders only.
	pub honoured: u32,
	/// Face value ever issued.
	pub issued_face: Balance,
	/// Face value redeemed by independent holders.
	pub redeemed_face: Balance,
	/// Face value expired unused (breakage).
	pub expired_face: Balance,
	/// Face value recalled, compensated, or redeemed by the issuer or its affiliates.
	pub recalled_face: Balance,
	/// Face value in circulation (issued minus every retirement): what the limit caps.
	pub outstanding_face: Balance,
	/// Reviews by verified, independent holders.
	pub reviews: u32,
	/// Sum of their 1–5 star ratings.
	pub review_stars: u32,
	/// Years in business, attested at approval.
	pub years_in_business: u8,
	/// Defaults recorded.
	pub defaults: u8,
}

/// An issuer's public credit report.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct CreditReport<Balance> {
	/// Active, paused or frozen.
	pub status: IssuerStatus,
	/// Credit score 0–100.
	pub score: u8,
	/// Tier 1–4 the score maps to.
	pub tier: u8,
	/// Issuance limit on outstanding face value (tier limit + deposit leverage, after cuts).
	pub limit: Balance,
	/// Stablecoin deposit.
	pub deposit: Balance,
	/// Stablecoin held in escrow from primary-sale proceeds.
	pub escrow: Balance,
	/// Share of primary-sale proceeds kept in escrow.
	pub escrow_share: Perbill,
	/// Cut of the limit imposed by default decisions.
	pub limit_cut: Perbill,
	/// The score's inputs.
	pub inputs: CreditInputs<Balance>,
}

/// The issuer credit questions other pallets ask.
pub trait CreditLimit<AccountId, Balance> {
	/// `Ok` when `issuer` is an approved issuer that may issue now (not paused, not frozen) and
	/// its outstanding face value plus `face` stays within its limit; the issuers pallet's typed
	/// error otherwise. Reads only.
	fn ensure_can_issue(issuer: &AccountId, face: Balance) -> DispatchResult;

	/// Whether `who` is an approved issuer (active, paused or frozen).
	fn is_issuer(who: &AccountId) -> bool;

	/// Whether `issuer` is frozen: its coupons are at risk.
	fn is_frozen(issuer: &AccountId) -> bool;

	/// `issuer`'s credit score 0–100 (100 the best), if it is an approved issuer. Prices the
	/// credit risk of its coupons (the oracle's `rc`).
	fn credit_score(issuer: &AccountId) -> Option<u8>;

	/// Count `face` of newly minted coupons toward `issuer`'s outstanding face value.
	fn note_issued(issuer: &AccountId, face: Balance);

	/// `face` of `issuer`'s coupons left circulation `how`. Only [`Retirement::Redeemed`]
	/// counts as an honoured redemption: callers book an insider's redemption as
	/// [`Retirement::Recalled`].
	fn note_retired(issuer: &AccountId, face: Balance, how: Retirement);

	/// A verified, independent holder rated `issuer` 1–5 stars; `Err` for any other rating.
	/// Callers refuse reviews by the issuer and its affiliates before asking.
	fn note_review(issuer: &AccountId, rating: u8) -> DispatchResult;

	/// The share of the proceeds of its own sales on the market (primary, listings, the
	/// auction) `issuer` keeps in escrow (zero when not opted in).
	fn escrow_share(issuer: &AccountId) -> Perbill;

	/// `amount` of `issuer`'s proceeds was paid into [`CreditLimit::escrow_account`].
	fn note_escrowed(issuer: &AccountId, amount: Balance);

	/// The account that holds deposits and escrow.
	fn escrow_account() -> AccountId;

	/// Make `who` an approved, active issuer with a limit of at least `limit` (benchmark set-up
	/// only).
	#[cfg(feature = "runtime-benchmarks")]
	fn make_issuer(who: &AccountId, limit: Balance);
}

/// Error of the `()` implementation and of the mock for an account that may not issue.
pub const NOT_AN_ISSUER: DispatchError = DispatchError::Other("not an approved issuer");
/// Error the mock returns above the limit.
pub const MOCK_LIMIT: DispatchError = DispatchError::Other("MockCredit: issuance limit");

/// No issuers: nobody may issue, nobody is frozen.
impl<AccountId: Default, Balance> CreditLimit<AccountId, Balance> for () {
	fn ensure_can_issue(_: &AccountId, _: Balance) -> DispatchResult {
		Err(NOT_AN_ISSUER)
	}
	fn is_issuer(_: &AccountId) -> bool {
		false
	}
	fn is_frozen(_: &AccountId) -> bool {
		false
	}
	fn credit_score(_: &AccountId) -> Option<u8> {
		None
	}
	fn note_issued(_: &AccountId, _: Balance) {}
	fn note_retired(_: &AccountId, _: Balance, _: Retirement) {}
	fn note_review(_: &AccountId, _: u8) -> DispatchResult {
		Err(NOT_AN_ISSUER)
	}
	fn escrow_share(_: &AccountId) -> Perbill {
		Perbill::zero()
	}
	fn note_escrowed(_: &AccountId, _: Balance) {}
	fn escrow_account() -> AccountId {
		AccountId::default()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn make_issuer(_: &AccountId, _: Balance) {}
}

/// A test double: issuers with a limit, outstanding face counted from the notes.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	#[derive(Default)]
	struct State {
		limits: BTreeMap<Vec<u8>, u128>,
		outstanding: BTreeMap<Vec<u8>, u128>,
		frozen: BTreeMap<Vec<u8>, bool>,
		retired: Vec<(Vec<u8>, u128, Retirement)>,
		reviews: Vec<(Vec<u8>, u8)>,
		escrow_share: BTreeMap<Vec<u8>, Perbill>,
		escrowed: BTreeMap<Vec<u8>, u128>,
		scores: BTreeMap<Vec<u8>, u8>,
	}

	thread_local! {
		static STATE: RefCell<State> = RefCell::new(State::default());
	}

	/// The mock [`CreditLimit`]; the escrow account is the default account.
	pub struct MockCredit;

	impl MockCredit {
		/// Make `who` an issuer with `limit`.
		pub fn set_issuer<A: Encode>(who: &A, limit: u128) {
			STATE.with(|s| s.borrow_mut().limits.insert(who.encode(), limit));
		}
		/// Freeze or unfreeze `who`.
		pub fn set_frozen<A: Encode>(who: &A, frozen: bool) {
			STATE.with(|s| s.borrow_mut().frozen.insert(who.encode(), frozen));
		}
		/// Set `who`'s credit score (an issuer's score is 100 until set).
		pub fn set_score<A: Encode>(who: &A, score: u8) {
			STATE.with(|s| s.borrow_mut().scores.insert(who.encode(), score));
		}
		/// Outstanding face value counted for `who`.
		pub fn outstanding<A: Encode>(who: &A) -> u128 {
			STATE.with(|s| s.borrow().outstanding.get(&who.encode()).copied().unwrap_or_default())
		}
		/// Every retirement noted, in order: (issuer, face, how).
		pub fn retired() -> Vec<(Vec<u8>, u128, Retirement)> {
			STATE.with(|s| s.borrow().retired.clone())
		}
		/// Set the share of primary-sale proceeds `who` escrows.
		pub fn set_escrow_share<A: Encode>(who: &A, share: Perbill) {
			STATE.with(|s| s.borrow_mut().escrow_share.insert(who.encode(), share));
		}
		/// Escrow noted for `who`.
		pub fn escrowed<A: Encode>(who: &A) -> u128 {
			STATE.with(|s| s.borrow().escrowed.get(&who.encode()).copied().unwrap_or_default())
		}
		/// Every review noted, in order.
		pub fn reviews() -> Vec<(Vec<u8>, u8)> {
			STATE.with(|s| s.borrow().reviews.clone())
		}
		/// Forget everything.
		pub fn reset() {
			STATE.with(|s| *s.borrow_mut() = State::default());
		}
	}

	impl<A: Encode + Default, B: Into<u128> + Copy> CreditLimit<A, B> for MockCredit {
		fn ensure_can_issue(issuer: &A, face: B) -> DispatchResult {
			let key = issuer.encode();
			STATE.with(|s| {
				let s = s.borrow();
				let limit = *s.limits.get(&key).ok_or(NOT_AN_ISSUER)?;
				if s.frozen.get(&key).copied().unwrap_or_default() {
					return Err(NOT_AN_ISSUER);
				}
				let out = s.outstanding.get(&key).copied().unwrap_or_default();
				if out.saturating_add(face.into()) > limit {
					Err(MOCK_LIMIT)
				} else {
					Ok(())
				}
			})
		}
		fn is_issuer(who: &A) -> bool {
			STATE.with(|s| s.borrow().limits.contains_key(&who.encode()))
		}
		fn is_frozen(issuer: &A) -> bool {
			STATE.with(|s| s.borrow().frozen.get(&issuer.encode()).copied().unwrap_or_default())
		}
		fn credit_score(issuer: &A) -> Option<u8> {
			let key = issuer.encode();
			STATE.with(|s| {
				let s = s.borrow();
				s.limits.contains_key(&key).then(|| s.scores.get(&key).copied().unwrap_or(100))
			})
		}
		fn note_issued(issuer: &A, face: B) {
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let o = s.outstanding.entry(issuer.encode()).or_default();
				*o = o.saturating_add(face.into());
			})
		}
		fn note_retired(issuer: &A, face: B, how: Retirement) {
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let o = s.outstanding.entry(issuer.encode()).or_default();
				*o = o.saturating_sub(face.into());
				s.retired.push((issuer.encode(), face.into(), how));
			})
		}
		fn note_review(issuer: &A, rating: u8) -> DispatchResult {
			if !(1..=5).contains(&rating) {
				return Err(DispatchError::Other("MockCredit: bad rating"));
			}
			STATE.with(|s| s.borrow_mut().reviews.push((issuer.encode(), rating)));
			Ok(())
		}
		fn escrow_share(issuer: &A) -> Perbill {
			STATE.with(|s| {
				s.borrow().escrow_share.get(&issuer.encode()).copied().unwrap_or_default()
			})
		}
		fn note_escrowed(issuer: &A, amount: B) {
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let e = s.escrowed.entry(issuer.encode()).or_default();
				*e = e.saturating_add(amount.into());
			})
		}
		fn escrow_account() -> A {
			A::default()
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn make_issuer(who: &A, limit: B) {
			Self::set_issuer(who, limit.into())
		}
	}
}
