//! `pallet_issuers`: issuer onboarding, credit score and tiered issuance limits, deposits,
//! escrow, defaults and holder compensation; issuer announcements (280 bytes, one per 10
//! minutes, the last 16 kept, each holding 1 GNX plus 10 mGNX a byte).

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{fungible::HoldConsideration, ConstU32, LinearStoragePrice},
		PalletId,
	},
	sp_runtime::Perbill,
};

parameter_types! {
	/// Deposits and escrow are held by the account derived from this id.
	pub const IssuersPalletId: PalletId = PalletId(*b"gx/issue");
	/// At most half of primary-sale proceeds can be kept in escrow.
	pub const MaxEscrowShare: Perbill = Perbill::from_percent(50);
	/// The base of an announcement's deposit.
	pub const AnnouncementDepositBase: Balance = UNIT;
	/// Per byte of an announcement's text.
	pub const AnnouncementDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const AnnouncementHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Issuers(pallet_issuers::HoldReason::Announcement);
}

/// The length of a tweet: a notice, not a prospectus (documents go off chain, by hash).
pub const MAX_ANNOUNCEMENT_LEN: u32 = 280;
/// Announcements an issuer keeps (older ones are dropped, their deposits returned).
pub const MAX_ANNOUNCEMENTS: u32 = 16;
/// An issuer announces at most once in 10 minutes (300 blocks).
pub const ANNOUNCEMENT_INTERVAL: BlockNumber = 10 * MINUTES;

impl pallet_issuers::Config for Runtime {
	type GovernanceOrigin = crate::configs::GovernanceOrigin;
	type DefaultOrigin = crate::configs::DualComplianceOrigin;
	type Kyc = Kyc;
	type Sanctions = Sanctions;
	type Settlement = Stablecoin;
	type Coupons = Coupons;
	// The market keeps issuers' affiliate registrations (made with the affiliate's consent).
	type Affiliation = Market;
	type PalletId = IssuersPalletId;
	type MaxNameLen = ConstU32<64>;
	type MaxReasonLen = ConstU32<256>;
	// A deposit of 1 GUSD raises the limit by 5 GUSD of face value.
	type DepositLeverage = ConstU32<5>;
	type MaxEscrowShare = MaxEscrowShare;
	type MaxAnnouncementLen = ConstU32<MAX_ANNOUNCEMENT_LEN>;
	type MaxAnnouncements = ConstU32<MAX_ANNOUNCEMENTS>;
	type AnnouncementInterval = ConstU32<ANNOUNCEMENT_INTERVAL>;
	// 1 GNX + 10 mGNX per byte: 3.8 GNX for 280 bytes.
	type AnnouncementDeposit = HoldConsideration<
		AccountId,
		Balances,
		AnnouncementHoldReason,
		LinearStoragePrice<AnnouncementDepositBase, AnnouncementDepositPerByte, Balance>,
	>;
	type WeightInfo = pallet_issuers::weights::SubstrateWeight<Runtime>;
}
