//! KYC: levels, jurisdictions and the [`KycProvider`] trait through which pallets ask
//! "may this account do this?" without reading the KYC pallet's storage.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{
	traits::{Bounded, Zero},
	DispatchError, DispatchResult,
};
use scale_info::TypeInfo;

/// A KYC level (seed 3.6.1). Ordered: `L0 < L1 < L2 < L3`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum KycLevel {
	/// No valid attestation (never attested, expired, revoked, or its attestor removed): browse
	/// only, no trading.
	#[default]
	L0,
	/// Phone and e-mail verified: small trades within a daily value limit and a holdings cap.
	L1,
	/// Identity document and face check: normal trading, fiat on and off ramp.
	L2,
	/// Company or institution with compliance review: large trades, market making, issuing.
	L3,
}

impl TryFrom<u8> for KycLevel {
	type Error = ();
	fn try_from(value: u8) -> Result<Self, ()> {
		match value {
			0 => Ok(KycLevel::L0),
			1 => Ok(KycLevel::L1),
			2 => Ok(KycLevel::L2),
			3 => Ok(KycLevel::L3),
			_ => Err(()),
		}
	}
}

impl From<KycLevel> for u8 {
	fn from(level: KycLevel) -> u8 {
		level as u8
	}
}

/// An ISO 3166-1 alpha-2 country code in upper-case ASCII, e.g. `*b"US"`.
pub type Jurisdiction = [u8; 2];

/// Whether `code` is two upper-case ASCII letters.
pub fn is_valid_jurisdiction(code: &Jurisdiction) -> bool {
	code.iter().all(u8::is_ascii_uppercase)
}

/// What an account may still do today under its level's limits.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct KycStatus<Balance> {
	/// The level in force now.
	pub level: KycLevel,
	/// The attested jurisdiction, if an attestation is in force.
	pub jurisdiction: Option<Jurisdiction>,
	/// When the attestation in force expires (milliseconds since the Unix epoch).
	pub expires_at: Option<u64>,
	/// Traded value still allowed in the rolling 24-hour window.
	pub trade_value_remaining: Balance,
	/// P2P transfer value still allowed in the rolling 24-hour window.
	pub p2p_value_remaining: Balance,
	/// P2P transfers still allowed in the rolling 24-hour window.
	pub p2p_count_remaining: u32,
	/// Most coupon units the account may hold.
	pub max_holdings: u64,
	/// P2P transfer value still allowed in the rolling 30-day window (after the fields above,
	/// so a client that decodes only those still reads them).
	pub monthly_p2p_value_remaining: Balance,
	/// P2P transfers still allowed in the rolling 30-day window.
	pub monthly_p2p_count_remaining: u32,
}

/// KYC questions other pallets ask. Limits are per level and counted over a rolling 24-hour
/// window (P2P also over a rolling 30 days). `check_*` only read; `record_*` count without checking; `record_and_check_*` do both
/// (check first, count only when allowed).
pub trait KycProvider<AccountId, Balance: Copy> {
	/// The level in force for `who` (L0 when there is no valid attestation).
	fn level(who: &AccountId) -> KycLevel;

	/// `Ok` when `who` holds at least `required`, else the KYC pallet's `LevelTooLow`.
	fn ensure_level(who: &AccountId, required: KycLevel) -> DispatchResult;

	/// `Ok` when `who` may trade `value` more today.
	fn check_volume(who: &AccountId, value: Balance) -> DispatchResult;

	/// Count `value` of trading for `who`.
	fn record_volume(who: &AccountId, value: Balance);

	/// How much more `who` may trade today: its level's daily trade limit less what it traded
	/// in the rolling window ([`KycProvider::check_volume`] passes for any value up to it).
	/// Lets a batch clamp an account's orders before it clears.
	fn trade_room(who: &AccountId) -> Balance;

	/// Check, then count, `value` of trading for `who`; nothing is counted on error.
	fn record_and_check_volume(who: &AccountId, value: Balance) -> DispatchResult {
		Self::check_volume(who, value)?;
		Self::record_volume(who, value);
		Ok(())
	}

	/// `Ok` when `who` may send one more P2P transfer of `value`: within its level's daily
	/// limits (else the KYC pallet's `P2pLimitExceeded`) and its monthly ones (else
	/// `MonthlyP2pLimitExceeded`).
	fn check_p2p(who: &AccountId, value: Balance) -> DispatchResult;

	/// Count one P2P transfer of `value` for `who`.
	fn record_p2p(who: &AccountId, value: Balance);

	/// P2P value `who` sent in the rolling 24-hour window: the sum [`KycProvider::check_p2p`]
	/// holds against the level's limit (every transfer counted with
	/// [`KycProvider::record_p2p`], routed or not). The Travel-Rule gate adds a plain transfer
	/// to it: one sender's transfers aggregate toward the threshold.
	fn p2p_used(who: &AccountId) -> Balance;

	/// Most coupon units `who` may hold.
	fn max_holdings(who: &AccountId) -> u64;

	/// Give `who` a valid attestation at `level` (benchmark set-up only).
	#[cfg(feature = "runtime-benchmarks")]
	fn set_level(who: &AccountId, level: KycLevel);
}

/// No KYC: every account counts as L3, no limit applies and nothing is counted. For tests and
/// chains that do not screen their users.
impl<AccountId, Balance: Copy + Zero + Bounded> KycProvider<AccountId, Balance> for () {
	fn level(_: &AccountId) -> KycLevel {
		KycLevel::L3
	}
	fn ensure_level(_: &AccountId, _: KycLevel) -> DispatchResult {
		Ok(())
	}
	fn check_volume(_: &AccountId, _: Balance) -> DispatchResult {
		Ok(())
	}
	fn record_volume(_: &AccountId, _: Balance) {}
	fn trade_room(_: &AccountId) -> Balance {
		Balance::max_value()
	}
	fn check_p2p(_: &AccountId, _: Balance) -> DispatchResult {
		Ok(())
	}
	fn record_p2p(_: &AccountId, _: Balance) {}
	fn p2p_used(_: &AccountId) -> Balance {
		Balance::zero()
	}
	fn max_holdings(_: &AccountId) -> u64 {
		u64::MAX
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_level(_: &AccountId, _: KycLevel) {}
}

/// Error the mocks return when a level is too low.
pub const MOCK_LEVEL_TOO_LOW: DispatchError = DispatchError::Other("MockKyc: level too low");
/// Error the mocks return when a limit is exceeded.
pub const MOCK_LIMIT_EXCEEDED: DispatchError = DispatchError::Other("MockKyc: limit exceeded");

/// A test double: levels and a per-account P2P/trade budget set by the test, counts kept in
/// thread-local memory. Counts last for ever unless the test models the rolling window with
/// `MockKyc::set_window`.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use polkadot_sdk::sp_runtime::traits::Bounded;
	use std::{cell::RefCell, collections::BTreeMap};

	/// Amounts counted for one account: (when, value), oldest first.
	type Counted = Vec<(u64, u128)>;

	#[derive(Default)]
	struct State {
		levels: BTreeMap<Vec<u8>, KycLevel>,
		budget: Option<u128>,
		budgets: BTreeMap<Vec<u8>, u128>,
		max_holdings: Option<u64>,
		used_trade: BTreeMap<Vec<u8>, Counted>,
		used_p2p: BTreeMap<Vec<u8>, Counted>,
		/// The clock (e.g. the block number) and the window's length in its units.
		window: Option<(fn() -> u64, u64)>,
	}

	thread_local! {
		static STATE: RefCell<State> = RefCell::new(State::default());
	}

	/// The mock [`KycProvider`]: unknown accounts are L0; a daily budget (value) applies to
	/// trade and P2P alike when set.
	pub struct MockKyc;

	impl MockKyc {
		/// Set `who`'s level.
		pub fn set<A: Encode>(who: &A, level: KycLevel) {
			STATE.with(|s| s.borrow_mut().levels.insert(who.encode(), level));
		}
		/// Set the daily budget every account gets (None: unlimited).
		pub fn set_budget(budget: Option<u128>) {
			STATE.with(|s| s.borrow_mut().budget = budget);
		}
		/// Give `who` its own daily budget (overrides the common one).
		pub fn set_budget_for<A: Encode>(who: &A, budget: u128) {
			STATE.with(|s| s.borrow_mut().budgets.insert(who.encode(), budget));
		}
		/// Set the holding cap every account gets (None: unlimited).
		pub fn set_max_holdings(max: Option<u64>) {
			STATE.with(|s| s.borrow_mut().max_holdings = max);
		}
		/// Model the rolling window: an amount counted when `now()` read `t` counts while
		/// `now() < t + length`. Pass the block number as `now` (`System::block_number`) and
		/// the pallet's window in blocks; `pallet-kyc` itself rounds to hourly buckets, so an
		/// amount leaves its window 23 to 24 hours later, this mock's exactly `length` later.
		pub fn set_window(now: fn() -> u64, length: u64) {
			STATE.with(|s| s.borrow_mut().window = Some((now, length)));
		}
		/// P2P value and count counted for `who` in the window; the value is what
		/// [`KycProvider::p2p_used`] returns.
		pub fn p2p_used<A: Encode>(who: &A) -> (u128, u32) {
			Self::p2p_totals(&who.encode())
		}
		/// Trade value counted for `who` in the window.
		pub fn trade_used<A: Encode>(who: &A) -> u128 {
			Self::live(|s| s.used_trade.get(&who.encode()).cloned()).0
		}
		/// Forget everything (the window too: counts last for ever again).
		pub fn reset() {
			STATE.with(|s| *s.borrow_mut() = State::default());
		}
		/// P2P value and count of the encoded account `who` in the window.
		fn p2p_totals(who: &[u8]) -> (u128, u32) {
			Self::live(|s| s.used_p2p.get(who).cloned())
		}
		/// Sum and number of the amounts `pick` returns that are still inside the window.
		fn live(pick: impl FnOnce(&State) -> Option<Counted>) -> (u128, u32) {
			let (counted, window) = STATE.with(|s| {
				let s = s.borrow();
				(pick(&s).unwrap_or_default(), s.window)
			});
			// The clock is read outside the borrow: it may run code of its own.
			let now = window.map(|(clock, length)| (clock(), length));
			counted
				.iter()
				.filter(|(at, _)| now.is_none_or(|(now, length)| now < at.saturating_add(length)))
				.fold((0u128, 0u32), |(value, count), (_, v)| {
					(value.saturating_add(*v), count.saturating_add(1))
				})
		}
		/// The clock's reading now (0 without a window).
		fn now() -> u64 {
			STATE.with(|s| s.borrow().window).map(|(clock, _)| clock()).unwrap_or_default()
		}
		/// Count `value` for `who` in `pick`'s map, at the clock's reading.
		fn count(
			who: Vec<u8>,
			value: u128,
			pick: impl FnOnce(&mut State) -> &mut BTreeMap<Vec<u8>, Counted>,
		) {
			let at = Self::now();
			STATE.with(|s| pick(&mut s.borrow_mut()).entry(who).or_default().push((at, value)));
		}
		fn within_budget(who: &[u8], used: u128, value: u128) -> DispatchResult {
			let budget = STATE.with(|s| {
				let s = s.borrow();
				s.budgets.get(who).copied().or(s.budget)
			});
			match budget {
				Some(b) if used.saturating_add(value) > b => Err(MOCK_LIMIT_EXCEEDED),
				_ => Ok(()),
			}
		}
	}

	impl<A: Encode, B: Into<u128> + TryFrom<u128> + Bounded + Copy> KycProvider<A, B> for MockKyc {
		fn level(who: &A) -> KycLevel {
			STATE.with(|s| s.borrow().levels.get(&who.encode()).copied().unwrap_or_default())
		}
		fn ensure_level(who: &A, required: KycLevel) -> DispatchResult {
			if <Self as KycProvider<A, B>>::level(who) >= required {
				Ok(())
			} else {
				Err(MOCK_LEVEL_TOO_LOW)
			}
		}
		fn check_volume(who: &A, value: B) -> DispatchResult {
			Self::within_budget(&who.encode(), Self::trade_used(who), value.into())
		}
		fn record_volume(who: &A, value: B) {
			Self::count(who.encode(), value.into(), |s| &mut s.used_trade)
		}
		fn trade_room(who: &A) -> B {
			let key = who.encode();
			let budget = STATE.with(|s| {
				let s = s.borrow();
				s.budgets.get(&key).copied().or(s.budget)
			});
			match budget {
				None => B::max_value(),
				Some(b) => B::try_from(b.saturating_sub(Self::trade_used(who)))
					.unwrap_or_else(|_| B::max_value()),
			}
		}
		fn check_p2p(who: &A, value: B) -> DispatchResult {
			let who = who.encode();
			Self::within_budget(&who, Self::p2p_totals(&who).0, value.into())
		}
		fn record_p2p(who: &A, value: B) {
			Self::count(who.encode(), value.into(), |s| &mut s.used_p2p)
		}
		fn p2p_used(who: &A) -> B {
			let (value, _) = Self::p2p_totals(&who.encode());
			B::try_from(value).unwrap_or_else(|_| B::max_value())
		}
		fn max_holdings(_: &A) -> u64 {
			STATE.with(|s| s.borrow().max_holdings.unwrap_or(u64::MAX))
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn set_level(who: &A, level: KycLevel) {
			Self::set(who, level)
		}
	}
}
