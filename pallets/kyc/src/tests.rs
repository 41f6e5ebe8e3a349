use crate::{mock::*, Attestations, Attestors, Error, Event, KycLevel, LevelLimits, Limits, Usage};
use genex_primitives::KycProvider;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_core::H256,
	sp_runtime::{DispatchError, DispatchResult},
};

const EVIDENCE: H256 = H256::repeat_byte(0xEE);
const LATER: u64 = NOW + 1_000;

fn attest(who: u64, level: u8) {
	assert_ok!(Kyc::attest(RuntimeOrigin::signed(ATTESTOR), who, level, *b"US", LATER, EVIDENCE));
}

type P = crate::Pallet<Test>;

#[test]
fn add_and_remove_attestor() {
	new_test_ext().execute_with(|| {
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR_B));
		assert_eq!(last_event(), Event::AttestorAdded { attestor: ATTESTOR_B });
		assert!(Attestors::<Test>::contains_key(ATTESTOR_B));
		assert_ok!(Kyc::remove_attestor(RuntimeOrigin::root(), ATTESTOR_B));
		assert_eq!(last_event(), Event::AttestorRemoved { attestor: ATTESTOR_B });
		assert!(!Attestors::<Test>::contains_key(ATTESTOR_B));
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn attestor_management_failures() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Kyc::add_attestor(RuntimeOrigin::signed(ALICE), ATTESTOR_B),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR),
			Error::<Test>::AlreadyAttestor
		);
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), 102));
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), 103));
		assert_noop!(
			Kyc::add_attestor(RuntimeOrigin::root(), 104),
			Error::<Test>::TooManyAttestors
		);
		assert_noop!(
			Kyc::remove_attestor(RuntimeOrigin::signed(ALICE), ATTESTOR),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Kyc::remove_attestor(RuntimeOrigin::root(), ALICE),
			Error::<Test>::UnknownAttestor
		);
	});
}

#[test]
fn attest_sets_level_and_emits() {
	new_test_ext().execute_with(|| {
		assert_eq!(P::level(&ALICE), KycLevel::L0);
		attest(ALICE, 2);
		assert_eq!(
			last_event(),
			Event::Attested {
				who: ALICE,
				attestor: ATTESTOR,
				level: KycLevel::L2,
				jurisdiction: *b"US",
				expires_at: LATER,
				evidence: EVIDENCE,
			}
		);
		assert_eq!(P::level(&ALICE), KycLevel::L2);
		assert_ok!(P::ensure_level(&ALICE, KycLevel::L2));
		assert_noop!(P::ensure_level(&ALICE, KycLevel::L3), Error::<Test>::LevelTooLow);
		// A new attestation replaces the old one (a downgrade here).
		attest(ALICE, 1);
		assert_eq!(P::level(&ALICE), KycLevel::L1);
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn attest_rejects_bad_input_and_writes_nothing() {
	new_test_ext().execute_with(|| {
		let o = || RuntimeOrigin::signed(ATTESTOR);
		assert_noop!(
			Kyc::attest(RuntimeOrigin::signed(ALICE), BOB, 1, *b"US", LATER, EVIDENCE),
			Error::<Test>::UnknownAttestor
		);
		assert_noop!(
			Kyc::attest(o(), BOB, 4, *b"US", LATER, EVIDENCE),
			Error::<Test>::InvalidLevel
		);
		assert_noop!(
			Kyc::attest(o(), BOB, 0, *b"US", LATER, EVIDENCE),
			Error::<Test>::InvalidLevel
		);
		assert_noop!(
			Kyc::attest(o(), BOB, 1, *b"us", LATER, EVIDENCE),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(
			Kyc::attest(o(), BOB, 1, [0, 0], LATER, EVIDENCE),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(Kyc::attest(o(), BOB, 1, *b"US", NOW, EVIDENCE), Error::<Test>::ExpiryInPast);
		assert_noop!(
			Kyc::attest(o(), BOB, 1, *b"US", NOW - 1, EVIDENCE),
			Error::<Test>::ExpiryInPast
		);
		assert!(Attestations::<Test>::get(BOB).is_none());
	});
}

#[test]
fn expiry_takes_effect_by_itself() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 3);
		assert_eq!(P::level(&ALICE), KycLevel::L3);
		Timestamp::set_timestamp(LATER - 1);
		assert_eq!(P::level(&ALICE), KycLevel::L3);
		Timestamp::set_timestamp(LATER);
		assert_eq!(P::level(&ALICE), KycLevel::L0);
		assert_eq!(P::status(&ALICE).expires_at, None);
		assert_noop!(P::ensure_level(&ALICE, KycLevel::L1), Error::<Test>::LevelTooLow);
	});
}

#[test]
fn removing_an_attestor_voids_its_attestations() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 2);
		assert_ok!(Kyc::remove_attestor(RuntimeOrigin::root(), ATTESTOR));
		assert_eq!(P::level(&ALICE), KycLevel::L0);
		// Re-approval brings them back (the attestation itself was never deleted).
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR));
		assert_eq!(P::level(&ALICE), KycLevel::L2);
	});
}

#[test]
fn revoke_by_attestor_and_forced() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 2);
		assert_ok!(Kyc::revoke(RuntimeOrigin::signed(ATTESTOR), ALICE));
		assert_eq!(last_event(), Event::Revoked { who: ALICE, forced: false });
		assert_eq!(P::level(&ALICE), KycLevel::L0);
		attest(BOB, 1);
		assert_ok!(Kyc::force_revoke(RuntimeOrigin::signed(900), BOB));
		assert_eq!(last_event(), Event::Revoked { who: BOB, forced: true });
		assert!(Attestations::<Test>::get(BOB).is_none());
	});
}

#[test]
fn revoke_failures() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 2);
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR_B));
		assert_noop!(
			Kyc::revoke(RuntimeOrigin::signed(ATTESTOR_B), ALICE),
			Error::<Test>::NotYourAttestation
		);
		assert_noop!(
			Kyc::revoke(RuntimeOrigin::signed(ALICE), ALICE),
			Error::<Test>::UnknownAttestor
		);
		assert_noop!(
			Kyc::revoke(RuntimeOrigin::signed(ATTESTOR), BOB),
			Error::<Test>::NoAttestation
		);
		assert_noop!(
			Kyc::force_revoke(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
		assert_noop!(Kyc::force_revoke(RuntimeOrigin::root(), BOB), Error::<Test>::NoAttestation);
	});
}

/// `attestor` attests `who` at `level` until `expires_at` (jurisdiction US, [`EVIDENCE`]).
fn attest_by(attestor: u64, who: u64, level: u8, expires_at: u64) -> DispatchResult {
	Kyc::attest(RuntimeOrigin::signed(attestor), who, level, *b"US", expires_at, EVIDENCE)
}

/// The `Attested` event of [`attest_by`].
fn attested(attestor: u64, who: u64, level: KycLevel, expires_at: u64) -> Event<Test> {
	Event::Attested { who, attestor, level, jurisdiction: *b"US", expires_at, evidence: EVIDENCE }
}

/// Issue 14, item 11: an attestor never attests itself, nor overwrites another attestor's
/// attestation while it is in force; it renews its own; an attestation revoked, expired or made
/// by a removed attestor may be replaced by any attestor.
#[test]
fn attestors_may_not_attest_themselves_or_overwrite_each_other() {
	new_test_ext().execute_with(|| {
		const CHARLIE: u64 = 3;
		const DAVE: u64 = 4;
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR_B));

		// No self-attestation, at any level.
		for level in 1..=3 {
			assert_noop!(
				attest_by(ATTESTOR, ATTESTOR, level, LATER),
				Error::<Test>::SelfAttestation
			);
		}
		assert!(Attestations::<Test>::get(ATTESTOR).is_none());
		// Another attestor may attest an attestor's account, which still cannot renew itself.
		assert_ok!(attest_by(ATTESTOR_B, ATTESTOR, 2, LATER));
		assert_eq!(last_event(), attested(ATTESTOR_B, ATTESTOR, KycLevel::L2, LATER));
		assert_noop!(attest_by(ATTESTOR, ATTESTOR, 3, LATER), Error::<Test>::SelfAttestation);

		// Alice's attestation is ATTESTOR's: B may neither upgrade nor downgrade it.
		attest(ALICE, 2);
		assert_noop!(attest_by(ATTESTOR_B, ALICE, 3, LATER), Error::<Test>::AttestedByAnother);
		assert_noop!(attest_by(ATTESTOR_B, ALICE, 1, LATER), Error::<Test>::AttestedByAnother);
		assert_eq!(P::level(&ALICE), KycLevel::L2);
		// ATTESTOR renews its own (an upgrade, a later expiry).
		assert_ok!(attest_by(ATTESTOR, ALICE, 3, LATER + 1));
		assert_eq!(last_event(), attested(ATTESTOR, ALICE, KycLevel::L3, LATER + 1));
		// Once ATTESTOR revokes it, B may attest Alice.
		assert_ok!(Kyc::revoke(RuntimeOrigin::signed(ATTESTOR), ALICE));
		assert_ok!(attest_by(ATTESTOR_B, ALICE, 1, LATER));
		assert_eq!(last_event(), attested(ATTESTOR_B, ALICE, KycLevel::L1, LATER));

		// Bob's attestation by a removed attestor counts for nothing: B may replace it.
		attest(BOB, 2);
		assert_ok!(Kyc::remove_attestor(RuntimeOrigin::root(), ATTESTOR));
		assert_eq!(P::level(&BOB), KycLevel::L0);
		assert_ok!(attest_by(ATTESTOR_B, BOB, 1, LATER));
		assert_eq!(last_event(), attested(ATTESTOR_B, BOB, KycLevel::L1, LATER));
		// Approved again, the former attestor may neither overwrite nor revoke B's.
		assert_ok!(Kyc::add_attestor(RuntimeOrigin::root(), ATTESTOR));
		assert_eq!(P::level(&BOB), KycLevel::L1);
		assert_noop!(attest_by(ATTESTOR, BOB, 2, LATER), Error::<Test>::AttestedByAnother);
		assert_noop!(
			Kyc::revoke(RuntimeOrigin::signed(ATTESTOR), BOB),
			Error::<Test>::NotYourAttestation
		);

		// Charlie's attestation by ATTESTOR, once expired, may be replaced by B.
		attest(CHARLIE, 2);
		assert_noop!(
			attest_by(ATTESTOR_B, CHARLIE, 1, LATER + 10),
			Error::<Test>::AttestedByAnother
		);
		Timestamp::set_timestamp(LATER);
		assert_eq!(P::level(&CHARLIE), KycLevel::L0);
		assert_ok!(attest_by(ATTESTOR_B, CHARLIE, 1, LATER + 10));
		assert_eq!(last_event(), attested(ATTESTOR_B, CHARLIE, KycLevel::L1, LATER + 10));

		// The compliance origin's force-revoke also frees an account for another attestor.
		assert_ok!(attest_by(ATTESTOR, DAVE, 2, LATER + 10));
		assert_ok!(Kyc::force_revoke(RuntimeOrigin::root(), DAVE));
		assert_ok!(attest_by(ATTESTOR_B, DAVE, 3, LATER + 10));
		assert_eq!(last_event(), attested(ATTESTOR_B, DAVE, KycLevel::L3, LATER + 10));
		P::do_try_state().expect("state holds");
	});
}

#[test]
fn set_limits_and_failures() {
	new_test_ext().execute_with(|| {
		let limits = LevelLimits {
			daily_trade_value: 9,
			daily_p2p_value: 8,
			daily_p2p_count: 7,
			monthly_p2p_value: 70,
			monthly_p2p_count: 60,
			max_holdings: 6,
		};
		assert_ok!(Kyc::set_limits(RuntimeOrigin::root(), 2, limits));
		assert_eq!(last_event(), Event::LimitsSet { level: KycLevel::L2, limits });
		assert_eq!(Limits::<Test>::get(KycLevel::L2), limits);
		assert_noop!(
			Kyc::set_limits(RuntimeOrigin::root(), 4, limits),
			Error::<Test>::InvalidLevel
		);
		assert_noop!(
			Kyc::set_limits(RuntimeOrigin::signed(ALICE), 1, limits),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn l0_may_not_trade_or_send() {
	new_test_ext().execute_with(|| {
		assert_noop!(P::check_volume(&ALICE, 1), Error::<Test>::TradeLimitExceeded);
		assert_noop!(P::check_p2p(&ALICE, 1), Error::<Test>::P2pLimitExceeded);
		assert_ok!(P::check_volume(&ALICE, 0));
	});
}

#[test]
fn trade_limit_over_rolling_window() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 1);
		assert_eq!(P::trade_room(&ALICE), 1_000);
		assert_ok!(P::record_and_check_volume(&ALICE, 600));
		// What a batch may still let Alice trade: exactly what `check_volume` allows.
		assert_eq!(P::trade_room(&ALICE), 400);
		assert_ok!(P::check_volume(&ALICE, 400));
		assert_noop!(P::check_volume(&ALICE, 401), Error::<Test>::TradeLimitExceeded);
		assert_ok!(P::record_and_check_volume(&ALICE, 400));
		assert_noop!(P::record_and_check_volume(&ALICE, 1), Error::<Test>::TradeLimitExceeded);
		assert_eq!(P::status(&ALICE).trade_value_remaining, 0);
		assert_eq!(P::trade_room(&ALICE), 0);
		// 23 buckets later the first amounts are still inside the window …
		System::set_block_number(1 + 23 * BUCKET);
		assert_noop!(P::record_and_check_volume(&ALICE, 1), Error::<Test>::TradeLimitExceeded);
		// … 24 buckets later they have left it.
		System::set_block_number(24 * BUCKET);
		assert_eq!(P::status(&ALICE).trade_value_remaining, 1_000);
		assert_eq!(P::trade_room(&ALICE), 1_000);
		assert_ok!(P::record_and_check_volume(&ALICE, 1_000));
		// Counting pruned the old bucket: one bucket left.
		assert_eq!(Usage::<Test>::get(ALICE).hours.len(), 1);
	});
}

#[test]
fn p2p_value_and_count_limits() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 1);
		assert_ok!(P::check_p2p(&ALICE, 500));
		assert_noop!(P::check_p2p(&ALICE, 501), Error::<Test>::P2pLimitExceeded);
		for _ in 0..3 {
			assert_ok!(P::check_p2p(&ALICE, 1));
			P::record_p2p(&ALICE, 1);
		}
		// Fourth transfer: count limit (3) reached although value is left.
		assert_noop!(P::check_p2p(&ALICE, 1), Error::<Test>::P2pLimitExceeded);
		let status = P::status(&ALICE);
		assert_eq!(status.p2p_count_remaining, 0);
		assert_eq!(status.p2p_value_remaining, 497);
		assert_eq!(status.level, KycLevel::L1);
		assert_eq!(status.jurisdiction, Some(*b"US"));
		assert_eq!(status.max_holdings, 20);
		assert_eq!(P::max_holdings(&ALICE), 20);
	});
}

/// Issue 14, item 6: `p2p_used` is the P2P value the limit check counts in the rolling window
/// (every transfer, whatever its size), and leaves with it 24 buckets later.
#[test]
fn p2p_used_is_the_value_sent_in_the_window() {
	new_test_ext().execute_with(|| {
		attest(ALICE, 1);
		assert_eq!(P::p2p_used(&ALICE), 0);
		P::record_p2p(&ALICE, 200);
		System::set_block_number(1 + 5 * BUCKET);
		P::record_p2p(&ALICE, 100);
		assert_eq!(P::p2p_used(&ALICE), 300);
		assert_eq!(P::p2p_used(&BOB), 0);
		// The same sum the limit (500) is checked against.
		assert_eq!(P::status(&ALICE).p2p_value_remaining, 500 - P::p2p_used(&ALICE));
		assert_ok!(P::check_p2p(&ALICE, 200));
		assert_noop!(P::check_p2p(&ALICE, 201), Error::<Test>::P2pLimitExceeded);
		// Trading is not P2P.
		P::record_volume(&ALICE, 50);
		assert_eq!(P::p2p_used(&ALICE), 300);
		// The first amount (bucket 0) is still counted in bucket 23 …
		System::set_block_number(23 * BUCKET);
		assert_eq!(P::p2p_used(&ALICE), 300);
		// … and gone in bucket 24; the second (bucket 5) leaves in bucket 29.
		System::set_block_number(24 * BUCKET);
		assert_eq!(P::p2p_used(&ALICE), 100);
		System::set_block_number(29 * BUCKET);
		assert_eq!(P::p2p_used(&ALICE), 0);
	});
}

mod window_property {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		/// Over any sequence of attempts at increasing blocks, the amounts accepted within any
		/// 24 consecutive buckets never exceed the limit, and an attempt is refused only when
		/// accepting it would.
		#[test]
		fn accepted_never_exceeds_limit(steps in proptest::collection::vec((0u64..30, 0u128..700), 1..60)) {
			new_test_ext().execute_with(|| {
				attest(ALICE, 1);
				Timestamp::set_timestamp(NOW); // keep the attestation in force
				let mut block = 1u64;
				let mut accepted: Vec<(u64, u128)> = Vec::new();
				for (advance, value) in steps {
					block += advance;
					System::set_block_number(block);
					let bucket = block / BUCKET;
					let in_window: u128 = accepted
						.iter()
						.filter(|(b, _)| *b + 24 > bucket)
						.map(|(_, v)| *v)
						.sum();
					let ok = P::record_and_check_volume(&ALICE, value).is_ok();
					prop_assert_eq!(ok, in_window + value <= 1_000);
					if ok {
						accepted.push((bucket, value));
					}
					prop_assert!(Usage::<Test>::get(ALICE).hours.len() <= 24);
				}
				Ok(())
			})?;
		}
	}
}

/// Issue 14, item 16: an account that stops trading kept its usage window for ever. Idle time
/// now removes windows with nothing left inside the window; active accounts keep theirs.
#[test]
fn idle_accounts_usage_is_swept_in_idle_time() {
	use crate::{weights::WeightInfo, UsageSweepCursor};
	use polkadot_sdk::frame_support::{traits::Hooks, weights::Weight};
	new_test_ext().execute_with(|| {
		attest(ALICE, 1);
		attest(BOB, 1);
		assert_ok!(P::record_and_check_volume(&ALICE, 10));
		// Bob trades in the last bucket of the window that follows.
		System::set_block_number(1 + 24 * BUCKET);
		assert_ok!(P::record_and_check_volume(&BOB, 10));
		System::set_block_number(1 + 25 * BUCKET);
		assert_eq!(Usage::<Test>::iter().count(), 2);

		// No spare weight: nothing read, nothing written.
		assert_eq!(Kyc::on_idle(1, Weight::zero()), Weight::zero());
		assert_eq!(Usage::<Test>::iter().count(), 2);

		let used = Kyc::on_idle(1, Weight::MAX);
		assert_eq!(used, <() as WeightInfo>::sweep_usage(2), "charged for the two read");
		assert!(!Usage::<Test>::contains_key(ALICE), "idle for a whole window: swept");
		assert!(Usage::<Test>::contains_key(BOB), "active inside the window: kept");
		assert_eq!(last_event(), Event::UsageSwept { visited: 2, removed: 1 });
		assert_eq!(UsageSweepCursor::<Test>::get(), None, "the round reached the end");
		// The limits Bob sees did not change.
		assert_eq!(P::status(&BOB).trade_value_remaining, 990);
		P::do_try_state().expect("state holds");
	});
}

/// The sweep reads only what the spare weight pays for and resumes where it stopped; a round
/// visits every window once.
#[test]
fn the_usage_sweep_is_bounded_by_weight_and_resumes() {
	use crate::{weights::WeightInfo, UsageSweepCursor};
	use polkadot_sdk::frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		let idle: Vec<u64> = (10..20).collect();
		for who in &idle {
			attest(*who, 1);
			assert_ok!(P::record_and_check_volume(who, 1));
		}
		System::set_block_number(1 + 30 * BUCKET);
		let three = <() as WeightInfo>::sweep_usage(3);
		assert_eq!(Kyc::on_idle(1, three), three);
		assert_eq!(Usage::<Test>::iter().count(), 7);
		assert!(UsageSweepCursor::<Test>::get().is_some(), "resumes after the third");
		assert_eq!(Kyc::on_idle(1, three), three);
		assert_eq!(Usage::<Test>::iter().count(), 4);
		let rest = <() as WeightInfo>::sweep_usage(64);
		assert_eq!(Kyc::on_idle(1, rest), <() as WeightInfo>::sweep_usage(4));
		assert_eq!(Usage::<Test>::iter().count(), 0);
		assert_eq!(UsageSweepCursor::<Test>::get(), None);
		// An empty map: one read, nothing written, no event.
		System::reset_events();
		assert_eq!(Kyc::on_idle(1, rest), <() as WeightInfo>::sweep_usage(0));
		assert!(System::events().is_empty());
	});
}

/// Audit finding: a round that ended exactly at its limit left the map's last key as the
/// cursor; the next sweep read nothing and kept it, so the sweep stopped for good. Now reading
/// nothing clears the cursor and the following sweep starts a new round.
#[test]
fn a_round_that_ends_at_its_limit_starts_over() {
	use crate::{weights::WeightInfo, UsageSweepCursor};
	use polkadot_sdk::frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		// Nine active accounts: nothing is removed, every sweep reads three.
		for who in 10..19u64 {
			attest(who, 1);
			assert_ok!(P::record_and_check_volume(&who, 1));
		}
		let three = <() as WeightInfo>::sweep_usage(3);
		for _ in 0..3 {
			assert_eq!(Kyc::on_idle(1, three), three);
		}
		assert!(UsageSweepCursor::<Test>::get().is_some(), "the cursor is the last key");
		// Nothing after the last key: nothing read, the round is over.
		assert_eq!(Kyc::on_idle(1, three), <() as WeightInfo>::sweep_usage(0));
		assert_eq!(UsageSweepCursor::<Test>::get(), None);
		// A new round reads again.
		assert_eq!(Kyc::on_idle(1, three), three);
		assert_eq!(Usage::<Test>::iter().count(), 9);
	});
}
