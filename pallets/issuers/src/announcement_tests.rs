//! Unit tests of announcements: publish, the ring of the last `MaxAnnouncements` and their
//! deposits, retract, compliance removal, and every failure path.
//!
//! Test code only (`#[cfg(test)] mod announcement_tests` in `lib.rs`): its `unwrap`s build
//! fixed, in-bound test values, and a failing one is a failing test, never a runtime panic.

use crate::{mock::*, AnnouncementRemoval, Announcements, Error, Event, NextAnnouncementId};
use genex_primitives::sanctions::{mock::MockSanctions, MOCK_BLOCKED};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
	},
	sp_core::H256,
	sp_runtime::{DispatchError, TokenError},
};

type P = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Makes `who` an approved issuer (whatever its KYC level: the tests here are not about
/// onboarding).
fn issuer(who: u64) {
	let name = b"Acme".to_vec().try_into().unwrap();
	crate::Issuers::<Test>::insert(who, P::new_issuer(name, H256::zero(), 1));
}

fn held(who: u64) -> u128 {
	Balances::total_balance_on_hold(&who)
}

fn ids(who: u64) -> Vec<u64> {
	Announcements::<Test>::get(who).iter().map(|a| a.id).collect()
}

fn issuer_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Issuers(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn announce_holds_a_deposit_priced_on_its_length() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		assert_ok!(P::announce(signed(ACME), b"store closed".to_vec()));
		assert_eq!(held(ACME), ANNOUNCEMENT_BASE + 12);
		assert_eq!(ids(ACME), vec![0]);
		assert_eq!(NextAnnouncementId::<Test>::get(), 1);
		assert_eq!(P::announcements_of(&ACME), vec![(0, b"store closed".to_vec(), 1)]);
		assert_eq!(
			issuer_events(),
			vec![Event::Announced {
				issuer: ACME,
				id: 0,
				text: b"store closed".to_vec().try_into().unwrap()
			}]
		);
		// Ids are chain-wide.
		issuer(BETA);
		assert_ok!(P::announce(signed(BETA), "新店开业".as_bytes().to_vec()));
		assert_eq!(ids(BETA), vec![1]);
	});
}

#[test]
fn the_oldest_is_replaced_when_the_list_is_full_and_its_deposit_returned() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		for text in [&b"a"[..], b"bb", b"ccc"] {
			assert_ok!(P::announce(signed(ACME), text.to_vec()));
		}
		assert_eq!(held(ACME), 3 * ANNOUNCEMENT_BASE + 6);
		System::reset_events();
		assert_ok!(P::announce(signed(ACME), b"dddd".to_vec()));
		assert_eq!(ids(ACME), vec![1, 2, 3]);
		// The one-byte announcement's deposit went back; the four-byte one's is held.
		assert_eq!(held(ACME), 3 * ANNOUNCEMENT_BASE + 2 + 3 + 4);
		assert_eq!(
			issuer_events(),
			vec![
				Event::AnnouncementRemoved {
					issuer: ACME,
					id: 0,
					reason: AnnouncementRemoval::Replaced
				},
				Event::Announced {
					issuer: ACME,
					id: 3,
					text: b"dddd".to_vec().try_into().unwrap()
				},
			]
		);
	});
}

#[test]
fn announce_refuses_bad_input() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::announce(signed(ACME), b"hello".to_vec()), Error::<Test>::NotAnIssuer);
		issuer(ACME);
		assert_noop!(P::announce(signed(ACME), vec![]), Error::<Test>::EmptyAnnouncement);
		assert_noop!(P::announce(signed(ACME), vec![b'x'; 17]), Error::<Test>::AnnouncementTooLong);
		assert_noop!(
			P::announce(signed(ACME), vec![0xff, 0xfe]),
			Error::<Test>::AnnouncementNotUtf8
		);
		MockSanctions::set(&ACME, true);
		assert_noop!(P::announce(signed(ACME), b"hello".to_vec()), MOCK_BLOCKED);
	});
}

#[test]
fn announce_without_funds_for_the_deposit_writes_nothing() {
	new_test_ext().execute_with(|| {
		issuer(HOLDER);
		assert_eq!(Balances::total_balance(&HOLDER), 0);
		assert_noop!(P::announce(signed(HOLDER), b"hello".to_vec()), TokenError::FundsUnavailable);
	});
}

#[test]
fn retract_returns_the_deposit() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		assert_ok!(P::announce(signed(ACME), b"one".to_vec()));
		assert_ok!(P::announce(signed(ACME), b"two".to_vec()));
		assert_ok!(P::retract_announcement(signed(ACME), 0));
		assert_eq!(ids(ACME), vec![1]);
		assert_eq!(held(ACME), ANNOUNCEMENT_BASE + 3);
		assert_eq!(
			issuer_events().last(),
			Some(&Event::AnnouncementRemoved {
				issuer: ACME,
				id: 0,
				reason: AnnouncementRemoval::Retracted
			})
		);
		assert_ok!(P::retract_announcement(signed(ACME), 1));
		assert_eq!(held(ACME), 0);
		assert_eq!(Balances::total_balance(&ACME), NATIVE);
		// No empty list is left behind.
		assert!(!Announcements::<Test>::contains_key(ACME));
	});
}

#[test]
fn retract_refuses_an_unknown_or_foreign_announcement() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		issuer(BETA);
		assert_ok!(P::announce(signed(ACME), b"one".to_vec()));
		assert_noop!(P::retract_announcement(signed(ACME), 7), Error::<Test>::UnknownAnnouncement);
		// BETA cannot retract ACME's.
		assert_noop!(P::retract_announcement(signed(BETA), 0), Error::<Test>::UnknownAnnouncement);
	});
}

#[test]
fn compliance_removes_an_announcement_and_burns_its_deposit() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		assert_ok!(P::announce(signed(ACME), b"misleading".to_vec()));
		let issuance = Balances::total_issuance();
		assert_noop!(P::remove_announcement(signed(ACME), ACME, 0), DispatchError::BadOrigin);
		assert_noop!(
			P::remove_announcement(signed(OFFICER), ACME, 9),
			Error::<Test>::UnknownAnnouncement
		);
		assert_ok!(P::remove_announcement(signed(OFFICER), ACME, 0));
		assert_eq!(held(ACME), 0);
		assert_eq!(Balances::total_balance(&ACME), NATIVE - ANNOUNCEMENT_BASE - 10);
		assert_eq!(Balances::total_issuance(), issuance - ANNOUNCEMENT_BASE - 10);
		assert_eq!(
			issuer_events().last(),
			Some(&Event::AnnouncementRemoved {
				issuer: ACME,
				id: 0,
				reason: AnnouncementRemoval::Removed
			})
		);
	});
}

#[test]
fn a_frozen_issuer_may_still_announce() {
	new_test_ext().execute_with(|| {
		issuer(ACME);
		crate::Issuers::<Test>::mutate(ACME, |i| {
			if let Some(i) = i {
				i.status = genex_primitives::IssuerStatus::Frozen;
			}
		});
		assert_ok!(P::announce(signed(ACME), b"refunds open".to_vec()));
	});
}

#[test]
fn an_issuer_announces_at_most_once_per_interval_even_after_a_retraction() {
	new_test_ext().execute_with(|| {
		AnnouncementGap::set(10);
		issuer(ACME);
		assert_ok!(P::announce(signed(ACME), b"one".to_vec()));
		System::set_block_number(10);
		assert_noop!(P::announce(signed(ACME), b"two".to_vec()), Error::<Test>::AnnouncingTooOften);
		assert_ok!(P::retract_announcement(signed(ACME), 0));
		assert_noop!(P::announce(signed(ACME), b"two".to_vec()), Error::<Test>::AnnouncingTooOften);
		System::set_block_number(11);
		assert_ok!(P::announce(signed(ACME), b"two".to_vec()));
		assert_eq!(crate::LastAnnounced::<Test>::get(ACME), Some(11));
	});
}
