//! Coupons as the other pallets see them: [`CouponLedger`] (implemented by the coupon pallet)
//! answers what a series is and who holds how many units, and burns units the redemption and
//! issuers pallets retire. The types here are also what the runtime APIs and the `genex_*` RPC
//! methods return.

use crate::credit::Retirement;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};
use scale_info::TypeInfo;

/// Identifier of a coupon series (also `TransferredAsset::Coupon::series`).
pub type SeriesId = u64;

/// What a coupon is (seed 3.1.4). The kind decides pricing rules and serial tracking.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum CouponKind {
	/// Printed voucher or gift card: each unit has a serial number, redeemed once; sold at or
	/// below face value.
	Physical,
	/// Electronic code, in-app stored value, e-gift card: sold at or below face value.
	Digital,
	/// Tradable gift card, points, platform credit: may be sold above face value.
	Financial,
}

/// Where a series is in its life.
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
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum SeriesStatus {
	/// Transferable and redeemable within its validity.
	Active,
	/// Governance delisted it (emergency): no transfers or trading; holders can still redeem.
	Delisted,
	/// Past its end of validity: every unit expired.
	Expired,
}

/// A series as other pallets and the runtime APIs see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct CouponInfo<AccountId, Balance> {
	/// The issuer (the account that owes the goods or services).
	pub issuer: AccountId,
	/// What kind of coupon.
	pub kind: CouponKind,
	/// Face value of one unit, in the settlement asset's smallest unit.
	pub face_value: Balance,
	/// Primary-sale price of one unit, in the settlement asset's smallest unit.
	pub issue_price: Balance,
	/// First moment (ms since the Unix epoch) the coupon can be used.
	pub valid_from: u64,
	/// The coupon expires at this moment (ms since the Unix epoch).
	pub valid_until: u64,
	/// Life-cycle status.
	pub status: SeriesStatus,
}

/// Counters of a series or of all an issuer's series, in units and face value.
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
pub struct CouponStats<Balance> {
	/// Units minted.
	pub minted: u64,
	/// Units sold: moved out of the issuer's hands for the first time.
	pub sold: u64,
	/// Units redeemed (burned on use).
	pub redeemed: u64,
	/// Units expired unused.
	pub expired: u64,
	/// Units recalled (unsold, or sold and refunded) or compensated.
	pub recalled: u64,
	/// Face value of expired units that had been sold (breakage).
	pub breakage: Balance,
	/// Face value of units still in existence.
	pub outstanding_face: Balance,
}

impl<Balance> CouponStats<Balance> {
	/// Units in existence: minted − redeemed − expired − recalled (saturating).
	pub fn supply(&self) -> u64 {
		self.minted
			.saturating_sub(self.redeemed)
			.saturating_sub(self.expired)
			.saturating_sub(self.recalled)
	}
}

/// Why a coupon check failed, for merchants' terminals and wallets (`genex_verifyCoupon`).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum CouponProblem {
	/// No such series.
	UnknownSeries,
	/// Before the series' `valid_from`.
	NotYetValid,
	/// At or after the series' `valid_until`, or expired.
	Expired,
	/// The holder has fewer units than asked.
	InsufficientUnits,
	/// The issuer is frozen: the coupon is at risk.
	IssuerFrozen,
	/// Governance delisted the series (redemption still possible).
	Delisted,
}

/// The answer to "may `holder` use `units` of `series` now?".
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct CouponVerification<AccountId, Balance> {
	/// Whether a redemption of `units` by `holder` would be accepted now.
	pub redeemable: bool,
	/// What is wrong (or worth a warning, as `Delisted`), if anything.
	pub problem: Option<CouponProblem>,
	/// Units `holder` holds.
	pub holder_units: u64,
	/// Whether the issuer is frozen (at-risk coupon).
	pub issuer_frozen: bool,
	/// The series, when it exists.
	pub series: Option<CouponInfo<AccountId, Balance>>,
}

/// What a holder signs off chain so a merchant can redeem units for them (a QR code: about 100
/// bytes SCALE-encoded). The signature covers `(REDEMPTION_CONTEXT, genesis hash, this)`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RedemptionAuthorization<AccountId, BlockNumber> {
	/// The holder whose units are redeemed (and who signed).
	pub holder: AccountId,
	/// The series.
	pub series: SeriesId,
	/// How many units.
	pub units: u64,
	/// The merchant (or the issuer itself) that serves the holder.
	pub merchant: AccountId,
	/// Any number the holder has not used in an authorization that is still valid.
	pub nonce: u64,
	/// Last block in which the authorization can be used.
	pub valid_until: BlockNumber,
}

/// Domain separator of redemption-authorization signatures.
pub const REDEMPTION_CONTEXT: &[u8] = b"genex/redeem/v1";

/// Length of the bytes a holder signs for a redemption: the context with its one-byte length
/// prefix (16), the genesis hash (32) and the authorization (holder 32, series 8, units 8,
/// merchant 32, nonce 8, valid-until block 4), every field fixed-width.
pub const REDEMPTION_PAYLOAD_LEN: usize = 140;

/// The bytes a holder signs for a redemption, as a fixed-size array: a client decodes exactly
/// what is signed, with no SCALE length prefix.
pub type RedemptionPayload = [u8; REDEMPTION_PAYLOAD_LEN];

/// What a browser-extension wallet's `signRaw` puts around the bytes it signs; a redemption
/// signature over the payload so wrapped is accepted as well.
pub const WRAPPED_BYTES: (&[u8], &[u8]) = (b"<Bytes>", b"</Bytes>");

/// The coupon questions other pallets ask, and the burns they make.
pub trait CouponLedger<AccountId, Balance> {
	/// The series, if it exists.
	fn info(series: SeriesId) -> Option<CouponInfo<AccountId, Balance>>;

	/// The id the next series will get: every series has an id below it (ids are never reused).
	/// Lets readers such as the oracle walk the series in bounded batches.
	fn next_series_id() -> SeriesId;

	/// Units of `series` `who` holds and can use: its holding minus what the market locks.
	fn balance(series: SeriesId, who: &AccountId) -> u64;

	/// Units of `series` of `who` the market locks as escrow of sell orders and listings.
	fn locked(series: SeriesId, who: &AccountId) -> u64;

	/// `Ok(info)` when `who` can lock `units` of `series` now: the series is active (neither
	/// delisted nor expired) and within its validity, and `who` has `units` free. Reads only.
	fn ensure_can_lock(
		series: SeriesId,
		who: &AccountId,
		units: u64,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError>;

	/// Lock `units` of `who`'s free units of `series` (after [`CouponLedger::ensure_can_lock`]).
	fn lock(series: SeriesId, who: &AccountId, units: u64) -> DispatchResult;

	/// Unlock up to `units` of `who`'s locked units of `series`; returns how many were locked
	/// (fewer when expiry already removed them). Never fails.
	fn unlock(series: SeriesId, who: &AccountId, units: u64) -> u64;

	/// `Ok(info)` when `units` locked by `from` can be delivered to `to` now: the series is
	/// active and within its validity, `from` has `units` locked and `to` stays within its
	/// holding cap. Compliance of the parties is the caller's. Reads only.
	fn ensure_can_deliver(
		series: SeriesId,
		from: &AccountId,
		to: &AccountId,
		units: u64,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError>;

	/// Deliver `units` locked by `from` to `to` (a sale: counts as sold when `from` is the
	/// issuer), after [`CouponLedger::ensure_can_deliver`].
	fn deliver(series: SeriesId, from: &AccountId, to: &AccountId, units: u64) -> DispatchResult;

	/// Units of any series `who` may still receive before its holding cap (`u64::MAX` for the
	/// series' issuer, which has none). Lets a batch clamp a buyer's orders before it clears.
	fn holding_room(series: SeriesId, who: &AccountId) -> u64;

	/// `Ok(info)` when one batch's netted deliveries of `series` can land: the series is active
	/// and within its validity; `sold` and `bought` name each account once, with units > 0, and
	/// no account on both sides; every seller has its units locked; every buyer stays within
	/// its holding cap; as many units go out as come in. Reads only.
	fn ensure_can_settle(
		series: SeriesId,
		sold: &[(AccountId, u64)],
		bought: &[(AccountId, u64)],
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError>;

	/// Apply one batch's netted deliveries (after [`CouponLedger::ensure_can_settle`]): each
	/// seller's locked units leave its holding, each buyer's holding grows; every account's
	/// records are written once, the issuer's sales counted once. All or nothing.
	fn settle(
		series: SeriesId,
		sold: &[(AccountId, u64)],
		bought: &[(AccountId, u64)],
	) -> DispatchResult;

	/// `Ok(info)` when `holder` can give up `units` of `series` now `how` (redeemed: within the
	/// validity and with valid `serials` for physical coupons; compensated: any time before
	/// expiry); the coupon pallet's typed error otherwise. Reads only.
	fn ensure_can_burn(
		series: SeriesId,
		holder: &AccountId,
		units: u64,
		serials: &[u64],
		how: Retirement,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError>;

	/// Burn `units` of `holder`'s `series` (after [`CouponLedger::ensure_can_burn`]), update the
	/// statistics and tell the issuer's credit.
	fn burn(
		series: SeriesId,
		holder: &AccountId,
		units: u64,
		serials: &[u64],
		how: Retirement,
	) -> DispatchResult;

	/// Create a series of `issuer` with `units` held by `holder` (benchmark set-up only).
	#[cfg(feature = "runtime-benchmarks")]
	fn make_series(
		issuer: &AccountId,
		holder: &AccountId,
		units: u64,
		kind: CouponKind,
	) -> SeriesId;
}

/// Error of the `()` implementation.
pub const NO_COUPONS: DispatchError = DispatchError::Other("no coupon ledger");

/// No coupons exist.
impl<AccountId, Balance> CouponLedger<AccountId, Balance> for () {
	fn info(_: SeriesId) -> Option<CouponInfo<AccountId, Balance>> {
		None
	}
	fn next_series_id() -> SeriesId {
		0
	}
	fn balance(_: SeriesId, _: &AccountId) -> u64 {
		0
	}
	fn locked(_: SeriesId, _: &AccountId) -> u64 {
		0
	}
	fn ensure_can_lock(
		_: SeriesId,
		_: &AccountId,
		_: u64,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError> {
		Err(NO_COUPONS)
	}
	fn lock(_: SeriesId, _: &AccountId, _: u64) -> DispatchResult {
		Err(NO_COUPONS)
	}
	fn unlock(_: SeriesId, _: &AccountId, _: u64) -> u64 {
		0
	}
	fn ensure_can_deliver(
		_: SeriesId,
		_: &AccountId,
		_: &AccountId,
		_: u64,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError> {
		Err(NO_COUPONS)
	}
	fn deliver(_: SeriesId, _: &AccountId, _: &AccountId, _: u64) -> DispatchResult {
		Err(NO_COUPONS)
	}
	fn holding_room(_: SeriesId, _: &AccountId) -> u64 {
		0
	}
	fn ensure_can_settle(
		_: SeriesId,
		_: &[(AccountId, u64)],
		_: &[(AccountId, u64)],
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError> {
		Err(NO_COUPONS)
	}
	fn settle(_: SeriesId, _: &[(AccountId, u64)], _: &[(AccountId, u64)]) -> DispatchResult {
		Err(NO_COUPONS)
	}
	fn ensure_can_burn(
		_: SeriesId,
		_: &AccountId,
		_: u64,
		_: &[u64],
		_: Retirement,
	) -> Result<CouponInfo<AccountId, Balance>, DispatchError> {
		Err(NO_COUPONS)
	}
	fn burn(_: SeriesId, _: &AccountId, _: u64, _: &[u64], _: Retirement) -> DispatchResult {
		Err(NO_COUPONS)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn make_series(_: &AccountId, _: &AccountId, _: u64, _: CouponKind) -> SeriesId {
		0
	}
}

/// A test double: series and holdings in thread-local memory.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	/// Error the mock returns when a burn is not possible.
	pub const MOCK_CANNOT_BURN: DispatchError = DispatchError::Other("MockCoupons: cannot burn");

	/// Error the mock returns when units cannot be locked or delivered.
	pub const MOCK_CANNOT_MOVE: DispatchError = DispatchError::Other("MockCoupons: cannot move");

	#[derive(Default)]
	struct State {
		series: BTreeMap<SeriesId, (Vec<u8>, SeriesStatus, u128, u128)>,
		/// Total holdings (free + locked).
		holdings: BTreeMap<(SeriesId, Vec<u8>), u64>,
		locked: BTreeMap<(SeriesId, Vec<u8>), u64>,
		sold: BTreeMap<SeriesId, u64>,
		validity: BTreeMap<SeriesId, (u64, u64)>,
		burns: Vec<(SeriesId, Vec<u8>, u64, Retirement)>,
	}

	fn get(map: &BTreeMap<(SeriesId, Vec<u8>), u64>, series: SeriesId, who: &[u8]) -> u64 {
		map.get(&(series, who.to_vec())).copied().unwrap_or(0)
	}

	thread_local! {
		static STATE: RefCell<State> = RefCell::new(State::default());
		static MAX_HOLDINGS: RefCell<u64> = const { RefCell::new(u64::MAX) };
	}

	/// The mock [`CouponLedger`]: digital, active series valid over all time.
	pub struct MockCoupons;

	impl MockCoupons {
		/// Create (or replace) `series` of `issuer` with `face` and `price`.
		pub fn add_series<A: Encode>(series: SeriesId, issuer: &A, face: u128, price: u128) {
			STATE.with(|s| {
				s.borrow_mut()
					.series
					.insert(series, (issuer.encode(), SeriesStatus::Active, face, price))
			});
		}
		/// Set `series`' status (delisted or expired series cannot be locked or delivered).
		pub fn set_status(series: SeriesId, status: SeriesStatus) {
			STATE.with(|s| {
				if let Some(entry) = s.borrow_mut().series.get_mut(&series) {
					entry.1 = status;
				}
			});
		}
		/// Set `series`' validity window (ms since the Unix epoch; default: all time).
		pub fn set_validity(series: SeriesId, valid_from: u64, valid_until: u64) {
			STATE.with(|s| s.borrow_mut().validity.insert(series, (valid_from, valid_until)));
		}
		/// Units of `series` `who` has locked.
		pub fn locked_of<A: Encode>(series: SeriesId, who: &A) -> u64 {
			STATE.with(|s| get(&s.borrow().locked, series, &who.encode()))
		}
		/// Units of `series` delivered by its issuer.
		pub fn sold(series: SeriesId) -> u64 {
			STATE.with(|s| s.borrow().sold.get(&series).copied().unwrap_or(0))
		}
		/// Units of `series` held by anyone (free + locked).
		pub fn total_units(series: SeriesId) -> u64 {
			STATE.with(|s| {
				s.borrow()
					.holdings
					.iter()
					.filter(|((id, _), _)| *id == series)
					.map(|(_, u)| *u)
					.sum()
			})
		}
		/// Set `who`'s holding of `series`.
		pub fn set_balance<A: Encode>(series: SeriesId, who: &A, units: u64) {
			STATE.with(|s| s.borrow_mut().holdings.insert((series, who.encode()), units));
		}
		/// `who`'s holding of `series` (free + locked).
		pub fn balance_of<A: Encode>(series: SeriesId, who: &A) -> u64 {
			STATE.with(|s| get(&s.borrow().holdings, series, &who.encode()))
		}
		/// Every burn, in order: (series, holder, units, how).
		pub fn burns() -> Vec<(SeriesId, Vec<u8>, u64, Retirement)> {
			STATE.with(|s| s.borrow().burns.clone())
		}
		/// Cap every account's units across series at `max` (`holding_room`, settlements;
		/// default: no cap).
		pub fn set_max_holdings(max: u64) {
			MAX_HOLDINGS.with(|m| *m.borrow_mut() = max);
		}
		/// Forget everything.
		pub fn reset() {
			STATE.with(|s| *s.borrow_mut() = State::default());
			MAX_HOLDINGS.with(|m| *m.borrow_mut() = u64::MAX);
		}
	}

	impl<A: Encode + Decode, B: TryFrom<u128> + Default> CouponLedger<A, B> for MockCoupons {
		fn info(series: SeriesId) -> Option<CouponInfo<A, B>> {
			STATE.with(|s| {
				let s = s.borrow();
				let (issuer, status, face, price) = s.series.get(&series)?;
				let (valid_from, valid_until) =
					s.validity.get(&series).copied().unwrap_or((0, u64::MAX));
				Some(CouponInfo {
					issuer: A::decode(&mut &issuer[..]).ok()?,
					kind: CouponKind::Digital,
					face_value: B::try_from(*face).unwrap_or_default(),
					issue_price: B::try_from(*price).unwrap_or_default(),
					valid_from,
					valid_until,
					status: *status,
				})
			})
		}
		fn next_series_id() -> SeriesId {
			STATE
				.with(|s| s.borrow().series.keys().next_back().map_or(0, |id| id.saturating_add(1)))
		}
		fn balance(series: SeriesId, who: &A) -> u64 {
			STATE.with(|s| {
				let s = s.borrow();
				let who = who.encode();
				get(&s.holdings, series, &who).saturating_sub(get(&s.locked, series, &who))
			})
		}
		fn locked(series: SeriesId, who: &A) -> u64 {
			Self::locked_of(series, who)
		}
		fn ensure_can_lock(
			series: SeriesId,
			who: &A,
			units: u64,
		) -> Result<CouponInfo<A, B>, DispatchError> {
			let info = <Self as CouponLedger<A, B>>::info(series).ok_or(MOCK_CANNOT_MOVE)?;
			if info.status != SeriesStatus::Active
				|| units == 0
				|| <Self as CouponLedger<A, B>>::balance(series, who) < units
			{
				return Err(MOCK_CANNOT_MOVE);
			}
			Ok(info)
		}
		fn lock(series: SeriesId, who: &A, units: u64) -> DispatchResult {
			<Self as CouponLedger<A, B>>::ensure_can_lock(series, who, units)?;
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let l = s.locked.entry((series, who.encode())).or_default();
				*l = l.saturating_add(units);
			});
			Ok(())
		}
		fn unlock(series: SeriesId, who: &A, units: u64) -> u64 {
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let l = s.locked.entry((series, who.encode())).or_default();
				let freed = units.min(*l);
				*l = l.saturating_sub(freed);
				freed
			})
		}
		fn ensure_can_deliver(
			series: SeriesId,
			from: &A,
			_to: &A,
			units: u64,
		) -> Result<CouponInfo<A, B>, DispatchError> {
			let info = <Self as CouponLedger<A, B>>::info(series).ok_or(MOCK_CANNOT_MOVE)?;
			if info.status != SeriesStatus::Active
				|| units == 0
				|| Self::locked_of(series, from) < units
			{
				return Err(MOCK_CANNOT_MOVE);
			}
			Ok(info)
		}
		fn deliver(series: SeriesId, from: &A, to: &A, units: u64) -> DispatchResult {
			let info: CouponInfo<A, B> =
				<Self as CouponLedger<A, B>>::ensure_can_deliver(series, from, to, units)?;
			let sale = info.issuer.encode() == from.encode();
			STATE.with(|s| {
				let s = &mut *s.borrow_mut();
				let (from, to) = (from.encode(), to.encode());
				for map in [&mut s.locked, &mut s.holdings] {
					let f = map.entry((series, from.clone())).or_default();
					*f = f.saturating_sub(units);
				}
				let t = s.holdings.entry((series, to)).or_default();
				*t = t.saturating_add(units);
				if sale {
					let sold = s.sold.entry(series).or_default();
					*sold = sold.saturating_add(units);
				}
			});
			Ok(())
		}
		fn holding_room(series: SeriesId, who: &A) -> u64 {
			let info: Option<CouponInfo<A, B>> = <Self as CouponLedger<A, B>>::info(series);
			if info.is_some_and(|i| i.issuer.encode() == who.encode()) {
				return u64::MAX;
			}
			let max = MAX_HOLDINGS.with(|m| *m.borrow());
			let held: u64 = STATE.with(|s| {
				let key = who.encode();
				s.borrow().holdings.iter().filter(|((_, w), _)| *w == key).map(|(_, u)| *u).sum()
			});
			max.saturating_sub(held)
		}
		fn ensure_can_settle(
			series: SeriesId,
			sold: &[(A, u64)],
			bought: &[(A, u64)],
		) -> Result<CouponInfo<A, B>, DispatchError> {
			let info = <Self as CouponLedger<A, B>>::info(series).ok_or(MOCK_CANNOT_MOVE)?;
			if info.status != SeriesStatus::Active {
				return Err(MOCK_CANNOT_MOVE);
			}
			let mut seen = std::collections::BTreeSet::new();
			let (mut out, mut into) = (0u64, 0u64);
			for (who, units) in sold {
				if *units == 0
					|| !seen.insert(who.encode())
					|| Self::locked_of(series, who) < *units
				{
					return Err(MOCK_CANNOT_MOVE);
				}
				out = out.checked_add(*units).ok_or(MOCK_CANNOT_MOVE)?;
			}
			for (who, units) in bought {
				if *units == 0
					|| !seen.insert(who.encode())
					|| <Self as CouponLedger<A, B>>::holding_room(series, who) < *units
				{
					return Err(MOCK_CANNOT_MOVE);
				}
				into = into.checked_add(*units).ok_or(MOCK_CANNOT_MOVE)?;
			}
			if out != into {
				return Err(MOCK_CANNOT_MOVE);
			}
			Ok(info)
		}
		fn settle(series: SeriesId, sold: &[(A, u64)], bought: &[(A, u64)]) -> DispatchResult {
			let info: CouponInfo<A, B> =
				<Self as CouponLedger<A, B>>::ensure_can_settle(series, sold, bought)?;
			STATE.with(|s| {
				let s = &mut *s.borrow_mut();
				for (who, units) in sold {
					for map in [&mut s.locked, &mut s.holdings] {
						let f = map.entry((series, who.encode())).or_default();
						*f = f.saturating_sub(*units);
					}
					if info.issuer.encode() == who.encode() {
						let sold = s.sold.entry(series).or_default();
						*sold = sold.saturating_add(*units);
					}
				}
				for (who, units) in bought {
					let t = s.holdings.entry((series, who.encode())).or_default();
					*t = t.saturating_add(*units);
				}
			});
			Ok(())
		}
		fn ensure_can_burn(
			series: SeriesId,
			holder: &A,
			units: u64,
			_: &[u64],
			_: Retirement,
		) -> Result<CouponInfo<A, B>, DispatchError> {
			let info = <Self as CouponLedger<A, B>>::info(series).ok_or(MOCK_CANNOT_BURN)?;
			if units == 0 || <Self as CouponLedger<A, B>>::balance(series, holder) < units {
				return Err(MOCK_CANNOT_BURN);
			}
			Ok(info)
		}
		fn burn(
			series: SeriesId,
			holder: &A,
			units: u64,
			serials: &[u64],
			how: Retirement,
		) -> DispatchResult {
			<Self as CouponLedger<A, B>>::ensure_can_burn(series, holder, units, serials, how)?;
			STATE.with(|s| {
				let mut s = s.borrow_mut();
				let h = s.holdings.entry((series, holder.encode())).or_default();
				*h = h.saturating_sub(units);
				s.burns.push((series, holder.encode(), units, how));
			});
			Ok(())
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn make_series(issuer: &A, holder: &A, units: u64, _: CouponKind) -> SeriesId {
			let id = STATE.with(|s| s.borrow().series.len() as SeriesId);
			Self::add_series(id, issuer, 1_000, 900);
			Self::set_balance(id, holder, units);
			id
		}
	}
}
