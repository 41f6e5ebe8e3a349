//! The notifications runtime API's answers (`NotificationsApi`, for the node's notification
//! hub): which of a block's events moved the coupons of watched accounts, and an account's
//! coupons that expire within a window.
//!
//! A block's coupon movements come from these events, one notice per account concerned:
//!
//! | event | notices |
//! |---|---|
//! | `coupons.Minted` | `Minted` to the series' issuer |
//! | `coupons.Transferred` | `Sent` to the sender, `Received` to the recipient |
//! | `coupons.Delivered` (a listing bought) | `Sold` to the seller, `Bought` to the buyer |
//! | `aml.HoldReleased` of coupons | turns the release's delivery into `Sent` / `Received` (a P2P transfer the AML review held) |
//! | `market.OrderFilled` (an auction fill; the units move in `coupons.Settled`) | `Bought` or `Sold` to the order's owner, with the clearing price |
//! | `coupons.Burned` | `Redeemed`, `Recalled`, `Compensated` or `Expired` to the holder |
//! | `coupons.Refunded` | turns the refund's burn into `Refunded`, with the amount paid |
//! | `redemption.Redeemed` | turns the redemption's burn into `Redeemed` (also an insider's, which the ledger books as a recall), with the merchant |
//!
//! A block's announcement changes come from `issuers.Announced` (`Published`, with the text)
//! and `issuers.AnnouncementRemoved` (`Retracted`, `Replaced` or `Removed`).
//!
//! Read outside block execution only (the events are the block's, read at its state).

use crate::{AccountId, Coupons, Runtime, RuntimeEvent};
use alloc::{collections::BTreeSet, vec::Vec};
use genex_primitives::{
	market::Side,
	notifications::{
		AnnouncementChange, AnnouncementNotice, AnnouncementView, BlockAnnouncements,
		BlockCouponNotices, CouponMovement, CouponNotice, ExpiringHoldings, MAX_EXPIRY_WINDOW_MS,
		MAX_NOTICE_ACCOUNTS,
	},
	Balance, Moment, Retirement, SeriesId,
};
use polkadot_sdk::{frame_system, pallet_timestamp};

/// The block's time (ms since the Unix epoch).
fn now() -> Moment {
	pallet_timestamp::Pallet::<Runtime>::get()
}

/// A movement as an event states it, before the holding and validity are read.
struct Movement {
	account: AccountId,
	series: SeriesId,
	movement: CouponMovement,
	units: u64,
	counterparty: Option<AccountId>,
	price: Option<Balance>,
	amount: Option<Balance>,
}

fn movement(
	account: &AccountId,
	series: SeriesId,
	movement: CouponMovement,
	units: u64,
	counterparty: Option<&AccountId>,
) -> Movement {
	Movement {
		account: account.clone(),
		series,
		movement,
		units,
		counterparty: counterparty.cloned(),
		price: None,
		amount: None,
	}
}

/// The burn an event that names it (a refund, a redemption) refines: the latest notice of the
/// same account, series and units that is a burn.
fn burn_of<'a>(
	notices: &'a mut [(u32, Movement)],
	account: &AccountId,
	series: SeriesId,
	units: u64,
) -> Option<&'a mut Movement> {
	notices.iter_mut().rev().map(|(_, m)| m).find(|m| {
		&m.account == account
			&& m.series == series
			&& m.units == units
			&& matches!(m.movement, CouponMovement::Redeemed | CouponMovement::Recalled)
	})
}

/// The movements `event` states of the `watched` accounts, appended to `notices` (or refining
/// one already there).
fn collect(
	index: u32,
	event: &RuntimeEvent,
	watched: &BTreeSet<AccountId>,
	notices: &mut Vec<(u32, Movement)>,
) {
	use pallet_coupons::Event as C;
	use CouponMovement::*;
	let mut push = |m: Movement| {
		if watched.contains(&m.account) {
			notices.push((index, m));
		}
	};
	match event {
		RuntimeEvent::Coupons(C::Minted { series, units, .. }) => {
			if let Some((_, issuer)) = Coupons::validity_of(*series) {
				push(movement(&issuer, *series, Minted, *units, None));
			}
		},
		RuntimeEvent::Coupons(C::Transferred { series, from, to, units, .. }) => {
			push(movement(from, *series, Sent, *units, Some(to)));
			push(movement(to, *series, Received, *units, Some(from)));
		},
		RuntimeEvent::Coupons(C::Delivered { series, from, to, units }) => {
			push(movement(from, *series, Sold, *units, Some(to)));
			push(movement(to, *series, Bought, *units, Some(from)));
		},
		RuntimeEvent::Coupons(C::Burned { series, holder, units, how }) => {
			let how = match how {
				Retirement::Redeemed => Redeemed,
				Retirement::Recalled => Recalled,
				Retirement::Compensated => Compensated,
				Retirement::Expired => Expired,
			};
			push(movement(holder, *series, how, *units, None));
		},
		RuntimeEvent::Coupons(C::Refunded { series, holder, units, amount, .. }) => {
			if let Some(burn) = burn_of(notices, holder, *series, *units) {
				burn.movement = Refunded;
				burn.amount = Some(*amount);
			}
		},
		RuntimeEvent::Redemption(pallet_redemption::Event::Redeemed {
			series,
			holder,
			merchant,
			units,
			..
		}) => {
			if let Some(burn) = burn_of(notices, holder, *series, *units) {
				burn.movement = Redeemed;
				burn.counterparty = Some(merchant.clone());
			}
		},
		// An AML hold released: the units moved by delivery, but as the P2P transfer it held.
		RuntimeEvent::Aml(pallet_aml::Event::HoldReleased {
			from,
			to,
			asset: genex_primitives::TransferredAsset::Coupon { series },
			quantity,
			..
		}) => {
			let units = u64::try_from(*quantity).unwrap_or(u64::MAX);
			// The release's delivery: the latest `Sold` of `from` to `to` and `Bought` of `to`
			// from `from` (either may be unwatched, hence not there).
			for (side, (me, other), now) in
				[(Sold, (from, to), Sent), (Bought, (to, from), Received)]
			{
				if let Some(m) = notices.iter_mut().rev().map(|(_, m)| m).find(|m| {
					m.movement == side
						&& m.series == *series
						&& m.units == units
						&& &m.account == me
						&& m.counterparty.as_ref() == Some(other)
				}) {
					m.movement = now;
				}
			}
		},
		RuntimeEvent::Market(pallet_market::Event::OrderFilled {
			key,
			owner,
			units,
			price,
			..
		}) => {
			let how = match key.side {
				Side::Buy => Bought,
				Side::Sell => Sold,
			};
			let mut fill = movement(owner, key.series, how, *units, None);
			fill.price = Some(*price);
			push(fill);
		},
		_ => {},
	}
}

/// The block's time and its coupon movements that concern any of `accounts` (the first
/// [`MAX_NOTICE_ACCOUNTS`]), in event order.
pub fn coupon_notices(accounts: Vec<AccountId>) -> BlockCouponNotices<AccountId> {
	let watched: BTreeSet<AccountId> =
		accounts.into_iter().take(MAX_NOTICE_ACCOUNTS as usize).collect();
	let mut found = Vec::new();
	for (index, record) in frame_system::Pallet::<Runtime>::read_events_no_consensus().enumerate() {
		let index = u32::try_from(index).unwrap_or(u32::MAX);
		collect(index, &record.event, &watched, &mut found);
	}
	let notices = found
		.into_iter()
		.map(|(event_index, m)| CouponNotice {
			event_index,
			held: Coupons::holding(m.series, &m.account),
			valid_until: Coupons::validity_of(m.series).map_or(0, |(until, _)| until),
			account: m.account,
			series: m.series,
			movement: m.movement,
			units: m.units,
			counterparty: m.counterparty,
			price: m.price,
			amount: m.amount,
		})
		.collect();
	BlockCouponNotices { now: now(), notices }
}

/// The block's time `now` and `who`'s holdings of series whose validity ends in
/// `[max(from, now), now + within)` (`within` cut to [`MAX_EXPIRY_WINDOW_MS`]).
pub fn expiring_holdings(who: AccountId, from: Moment, within: Moment) -> ExpiringHoldings {
	let now = now();
	let until = now.saturating_add(within.min(MAX_EXPIRY_WINDOW_MS));
	ExpiringHoldings { now, holdings: Coupons::expiring_holdings(&who, from.max(now), until) }
}

/// The block's time and its announcement changes (all issuers), in event order.
pub fn announcement_notices() -> BlockAnnouncements<AccountId> {
	use pallet_issuers::{AnnouncementRemoval, Event as I};
	let mut notices = Vec::new();
	for (index, record) in frame_system::Pallet::<Runtime>::read_events_no_consensus().enumerate() {
		let event_index = u32::try_from(index).unwrap_or(u32::MAX);
		let (issuer, id, change, text) = match &record.event {
			RuntimeEvent::Issuers(I::Announced { issuer, id, text }) => {
				(issuer, *id, AnnouncementChange::Published, text.to_vec())
			},
			RuntimeEvent::Issuers(I::AnnouncementRemoved { issuer, id, reason }) => {
				let change = match reason {
					AnnouncementRemoval::Retracted => AnnouncementChange::Retracted,
					AnnouncementRemoval::Replaced => AnnouncementChange::Replaced,
					AnnouncementRemoval::Removed => AnnouncementChange::Removed,
				};
				(issuer, *id, change, Vec::new())
			},
			_ => continue,
		};
		notices.push(AnnouncementNotice { event_index, issuer: issuer.clone(), id, change, text });
	}
	BlockAnnouncements { now: now(), notices }
}

/// The announcements `issuer` keeps, oldest first.
pub fn announcements(issuer: AccountId) -> Vec<AnnouncementView> {
	crate::Issuers::announcements_of(&issuer)
		.into_iter()
		.map(|(id, text, published_at)| AnnouncementView { id, text, published_at })
		.collect()
}
