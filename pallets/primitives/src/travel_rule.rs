//! FATF Travel Rule: transfers at or above a threshold must carry a commitment to the IVMS101
//! originator/beneficiary payload and both VASPs' identifiers. [`TravelRule`] is how the
//! stablecoin and coupon pallets ask for the threshold and record routed transfers.
//!
//! The threshold holds for what one sender moves P2P in the rolling 24 hours, not for each
//! transfer alone: a plain (unrouted) transfer passes only while the sender's P2P value in the
//! window plus the transfer stays below it, so splitting a payment does not avoid routing.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::ConstU32, BoundedVec},
	sp_core::H256,
	sp_runtime::{traits::Zero, DispatchError, DispatchResult},
};
use scale_info::TypeInfo;

/// Longest VASP identifier (an LEI, a TRISA/TRP domain name, …), in bytes.
pub const MAX_VASP_ID_LEN: u32 = 64;

/// A VASP identifier: an LEI, or a TRISA/TRP endpoint name. Not empty.
pub type VaspId = BoundedVec<u8, ConstU32<MAX_VASP_ID_LEN>>;

/// What a Travel-Rule transfer carries on chain (no personal data: the IVMS101 payload itself
/// travels VASP to VASP off chain).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct TravelRuleData {
	/// Hash of the IVMS101 originator/beneficiary payload exchanged off chain.
	pub payload_commitment: H256,
	/// The originator's VASP.
	pub originator_vasp: VaspId,
	/// The beneficiary's VASP.
	pub beneficiary_vasp: VaspId,
}

/// What moved in a Travel-Rule transfer.
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
pub enum TransferredAsset {
	/// The settlement stablecoin.
	Settlement,
	/// Units of a coupon series.
	Coupon {
		/// The series.
		series: u64,
	},
}

/// The Travel-Rule gate. Amounts are valued in the settlement asset's smallest unit.
pub trait TravelRule<AccountId, Balance> {
	/// What one sender moves P2P in the rolling 24 hours, from this value on, must be routed
	/// with [`TravelRuleData`].
	fn threshold() -> Balance;

	/// The gate of a plain (unrouted) P2P transfer of `value` by a sender that already sent
	/// `sent_in_window` P2P in the rolling 24 hours (`KycProvider::p2p_used`): `Ok` when
	/// `sent_in_window + value` is below the threshold, else the travel-rule pallet's
	/// `TravelRuleRequired` (the sender must route the transfer). Transfers aggregate, so
	/// splitting one does not avoid routing.
	fn ensure_below_threshold_for(sent_in_window: Balance, value: Balance) -> DispatchResult;

	/// `value` alone against the threshold, as if nothing had been sent in the window. Not a
	/// P2P gate (it would let a sender split a transfer): P2P paths use
	/// [`TravelRule::ensure_below_threshold_for`].
	fn ensure_below_threshold(value: Balance) -> DispatchResult
	where
		Balance: Zero,
	{
		Self::ensure_below_threshold_for(Balance::zero(), value)
	}

	/// `Ok` when `data` is well formed (non-empty VASP identifiers).
	fn validate(data: &TravelRuleData) -> DispatchResult;

	/// Keep a record of a routed transfer and emit it; returns the record's id. Call after
	/// [`TravelRule::validate`]; never fails.
	fn record(
		from: &AccountId,
		to: &AccountId,
		asset: TransferredAsset,
		value: Balance,
		data: TravelRuleData,
	) -> u64;
}

/// No Travel Rule: no threshold, nothing recorded.
impl<AccountId, Balance: polkadot_sdk::sp_runtime::traits::Bounded> TravelRule<AccountId, Balance>
	for ()
{
	fn threshold() -> Balance {
		Balance::max_value()
	}
	fn ensure_below_threshold_for(_: Balance, _: Balance) -> DispatchResult {
		Ok(())
	}
	fn validate(_: &TravelRuleData) -> DispatchResult {
		Ok(())
	}
	fn record(
		_: &AccountId,
		_: &AccountId,
		_: TransferredAsset,
		_: Balance,
		_: TravelRuleData,
	) -> u64 {
		0
	}
}

/// Error the mock returns when the sender's window plus the transfer reaches its threshold.
pub const MOCK_TRAVEL_RULE_REQUIRED: DispatchError =
	DispatchError::Other("MockTravelRule: travel rule required");
/// Error the mock returns for empty VASP ids.
pub const MOCK_BAD_DATA: DispatchError = DispatchError::Other("MockTravelRule: bad data");

/// A test double with a settable threshold that remembers what it recorded.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::cell::RefCell;

	thread_local! {
		static THRESHOLD: RefCell<u128> = const { RefCell::new(u128::MAX) };
		static RECORDS: RefCell<Vec<(Vec<u8>, Vec<u8>, TransferredAsset, u128, TravelRuleData)>> =
			const { RefCell::new(Vec::new()) };
	}

	/// The mock [`TravelRule`].
	pub struct MockTravelRule;

	impl MockTravelRule {
		/// Set the threshold.
		pub fn set_threshold(threshold: u128) {
			THRESHOLD.with(|t| *t.borrow_mut() = threshold);
		}
		/// Number of records kept.
		pub fn records() -> usize {
			RECORDS.with(|r| r.borrow().len())
		}
		/// Forget records; threshold back to "none".
		pub fn reset() {
			THRESHOLD.with(|t| *t.borrow_mut() = u128::MAX);
			RECORDS.with(|r| r.borrow_mut().clear());
		}
	}

	impl<A: Encode, B: Into<u128> + TryFrom<u128> + polkadot_sdk::sp_runtime::traits::Bounded>
		TravelRule<A, B> for MockTravelRule
	{
		fn threshold() -> B {
			B::try_from(THRESHOLD.with(|t| *t.borrow())).unwrap_or_else(|_| B::max_value())
		}
		fn ensure_below_threshold_for(sent_in_window: B, value: B) -> DispatchResult {
			let (sent, value): (u128, u128) = (sent_in_window.into(), value.into());
			if sent.saturating_add(value) >= THRESHOLD.with(|t| *t.borrow()) {
				Err(MOCK_TRAVEL_RULE_REQUIRED)
			} else {
				Ok(())
			}
		}
		fn validate(data: &TravelRuleData) -> DispatchResult {
			if data.originator_vasp.is_empty() || data.beneficiary_vasp.is_empty() {
				Err(MOCK_BAD_DATA)
			} else {
				Ok(())
			}
		}
		fn record(
			from: &A,
			to: &A,
			asset: TransferredAsset,
			value: B,
			data: TravelRuleData,
		) -> u64 {
			RECORDS.with(|r| {
				let mut r = r.borrow_mut();
				r.push((from.encode(), to.encode(), asset, value.into(), data));
				r.len() as u64
			})
		}
	}
}
