//! What the notifications runtime API ([`crate::api::NotificationsApi`]) answers: the coupon
//! movements of one block that concern given accounts, and an account's coupons whose validity
//! ends within a window; issuers' announcements. The node's notification hub turns them into
//! the `genex_couponEvent`, `genex_couponExpiring` and `genex_announcement` subscriptions
//! (SRS 3.6.3).

use crate::{Balance, BlockNumber, Moment, SeriesId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The most accounts one [`crate::api::NotificationsApi::coupon_notices`] call looks for; more
/// are ignored (the node watches at most this many).
pub const MAX_NOTICE_ACCOUNTS: u32 = 1_024;

/// The longest window [`crate::api::NotificationsApi::expiring_holdings`] scans, in ms (ten
/// years of 366 days); a longer window is cut to it.
pub const MAX_EXPIRY_WINDOW_MS: Moment = 3_660 * 24 * 3_600_000;

/// How an account's coupons moved, from that account's side.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum CouponMovement {
	/// The issuer minted units (the account is the series' issuer).
	Minted,
	/// Units arrived from another account (a P2P transfer, or a sale by the issuer).
	Received,
	/// Units left for another account (a P2P transfer).
	Sent,
	/// The market delivered units the account bought (an auction fill or a listing purchase).
	Bought,
	/// The market delivered units the account sold.
	Sold,
	/// The account redeemed units at the issuer or one of its merchants.
	Redeemed,
	/// The issuer refunded units (they are burned; `amount` is what the account was paid).
	Refunded,
	/// Units were recalled or burned outside a redemption (an issuer withdrawing unsold units).
	Recalled,
	/// Units were paid out of a frozen issuer's deposit and escrow, and burned.
	Compensated,
	/// Units were burned as expired. Not produced today: the expiry sweep removes holdings
	/// without an event per holder (wallets learn of expiry beforehand, from
	/// `genex_couponExpiring`); kept for a sweep that reports them.
	Expired,
}

/// One movement of one account's coupons in a block.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct CouponNotice<AccountId> {
	/// The index of the event it comes from in the block's events (`system.events`).
	pub event_index: u32,
	/// Whose coupons moved.
	pub account: AccountId,
	/// The series.
	pub series: SeriesId,
	/// How.
	pub movement: CouponMovement,
	/// Units moved.
	pub units: u64,
	/// The other side when there is one: the sender or recipient of a transfer, the seller or
	/// buyer of a listing purchase, the merchant of a redemption.
	pub counterparty: Option<AccountId>,
	/// For an auction fill: the clearing price of a unit (stablecoin, smallest unit).
	pub price: Option<Balance>,
	/// For a refund: the stablecoin paid to the account.
	pub amount: Option<Balance>,
	/// Units of the series the account holds after the block (locked ones included).
	pub held: u64,
	/// When the series' validity ends (ms since the Unix epoch; 0 for an unknown series).
	pub valid_until: Moment,
}

/// The coupon movements of a block that concern the accounts asked about, in event order.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct BlockCouponNotices<AccountId> {
	/// The block's time (ms since the Unix epoch).
	pub now: Moment,
	/// The movements.
	pub notices: Vec<CouponNotice<AccountId>>,
}

/// Units of a series an account holds, and when the series' validity ends.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ExpiringHolding {
	/// The series.
	pub series: SeriesId,
	/// Units held (locked ones included), more than zero.
	pub held: u64,
	/// When the series' validity ends (ms since the Unix epoch).
	pub valid_until: Moment,
}

/// An account's holdings of series whose validity ends in a window, with the block's time.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ExpiringHoldings {
	/// The block's time (ms since the Unix epoch).
	pub now: Moment,
	/// The holdings, by `valid_until` then series.
	pub holdings: Vec<ExpiringHolding>,
}

/// What happened to an issuer's announcement.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum AnnouncementChange {
	/// The issuer published it.
	Published,
	/// The issuer retracted it.
	Retracted,
	/// A newer announcement of the issuer took its place (an issuer keeps its last few).
	Replaced,
	/// The compliance committee removed it.
	Removed,
}

/// One change of an announcement in a block.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AnnouncementNotice<AccountId> {
	/// The index of the event it comes from in the block's events (`system.events`).
	pub event_index: u32,
	/// The issuer.
	pub issuer: AccountId,
	/// The announcement's id (unique on the chain).
	pub id: u64,
	/// What happened.
	pub change: AnnouncementChange,
	/// The text (UTF-8) when `Published`; empty otherwise.
	pub text: Vec<u8>,
}

/// The announcement changes of a block (all issuers), in event order.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct BlockAnnouncements<AccountId> {
	/// The block's time (ms since the Unix epoch).
	pub now: Moment,
	/// The changes.
	pub notices: Vec<AnnouncementNotice<AccountId>>,
}

/// An announcement an issuer keeps.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AnnouncementView {
	/// Its id (unique on the chain).
	pub id: u64,
	/// The text (UTF-8).
	pub text: Vec<u8>,
	/// The block it was published in.
	pub published_at: BlockNumber,
}
