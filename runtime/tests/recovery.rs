//! Social recovery and proxies through signed extrinsics in real blocks: three guardians
//! recover Dave's account for his inheritor, who then moves Dave's coupons as Dave; a trading
//! proxy places Dave's orders; sanctions refuse every path for a blocked account.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

mod common;

use common::*;
use genex_primitives::STABLECOIN_UNIT;
use genex_runtime::{
	configs::{ProxyType, RecoverySecurityDeposit, MIN_INHERITANCE_DELAY},
	genesis_config_presets as presets, AccountId, Balances, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, System,
};
use pallet_market::{OrderRequest, Side, TimeInForce};
use polkadot_sdk::{
	frame_support::traits::fungible::InspectHold,
	frame_system, pallet_proxy, pallet_recovery, pallet_utility,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{
		transaction_validity::{InvalidTransaction, TransactionValidityError},
		DispatchError,
	},
};

const USD: u128 = STABLECOIN_UNIT;
/// The demo series Dave holds 10 units of on the development chain.
const SERIES: u64 = 0;
/// The guardians' threshold and the delays of Dave's friend group.
const THRESHOLD: u32 = 2;
const DELAY: u32 = MIN_INHERITANCE_DELAY;
const CANCEL_DELAY: u32 = 10;

/// An inner call's result, as the `ProxyExecuted` / `RecoveredAccountControlled` events carry it.
type Inner = Result<(), DispatchError>;
const DONE: Inner = Ok(());

fn filtered() -> Inner {
	Err(frame_system::Error::<Runtime>::CallFiltered.into())
}

fn refused(code: u8) -> Result<(), TransactionValidityError> {
	Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(code)))
}

/// Put `add` on the list / take `remove` off it (Root: the dev chain's sudo, who also
/// stands for two officers).
fn sanctions(version: u32, add: Vec<Sr25519Keyring>, remove: Vec<Sr25519Keyring>) {
	pallet_sanctions::Pallet::<Runtime>::update_list(
		RuntimeOrigin::root(),
		version,
		H256::repeat_byte(0x5d),
		add.into_iter().map(account).collect(),
		remove.into_iter().map(account).collect(),
	)
	.expect("Root updates the list");
}

fn recovery(call: pallet_recovery::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Recovery(call)
}

/// Dave's friend group: Alice, Bob, Charlie (sorted), 2 of them, inheritor `inheritor`.
fn dave_group(inheritor: Sr25519Keyring) -> pallet_recovery::FriendGroupOf<Runtime> {
	let mut friends: Vec<AccountId> = [Alice, Bob, Charlie].into_iter().map(account).collect();
	friends.sort();
	pallet_recovery::FriendGroup {
		friends: friends.try_into().expect("3 ≤ MaxFriendsPerConfig"),
		friends_needed: THRESHOLD,
		inheritor: account(inheritor),
		inheritance_delay: DELAY,
		inheritance_priority: 0,
		cancel_delay: CANCEL_DELAY,
	}
}

fn set_groups(groups: Vec<pallet_recovery::FriendGroupOf<Runtime>>) -> RuntimeCall {
	recovery(pallet_recovery::Call::set_friend_groups { friend_groups: groups })
}

fn initiate(lost: Sr25519Keyring) -> RuntimeCall {
	recovery(pallet_recovery::Call::initiate_attempt {
		lost: account(lost).into(),
		friend_group_index: 0,
	})
}

fn approve(lost: Sr25519Keyring) -> RuntimeCall {
	recovery(pallet_recovery::Call::approve_attempt {
		lost: account(lost).into(),
		friend_group_index: 0,
	})
}

fn finish(lost: Sr25519Keyring) -> RuntimeCall {
	recovery(pallet_recovery::Call::finish_attempt {
		lost: account(lost).into(),
		friend_group_index: 0,
	})
}

fn control(recovered: Sr25519Keyring, call: RuntimeCall) -> RuntimeCall {
	recovery(pallet_recovery::Call::control_inherited_account {
		recovered: account(recovered).into(),
		call: Box::new(call),
	})
}

fn coupon_transfer(to: Sr25519Keyring, units: u64) -> RuntimeCall {
	RuntimeCall::Coupons(pallet_coupons::Call::transfer {
		series: SERIES,
		dest: account(to),
		units,
	})
}

fn units(who: Sr25519Keyring) -> u64 {
	pallet_coupons::Holdings::<Runtime>::get(SERIES, account(who))
}

fn ok(call: RuntimeCall, who: Sr25519Keyring) {
	apply(call, who).expect("valid").expect("dispatched");
}

/// The inner results of the `controlInheritedAccount` calls of the current block.
fn controlled() -> Vec<Inner> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Recovery(pallet_recovery::Event::RecoveredAccountControlled {
				call_result,
				..
			}) => Some(call_result),
			_ => None,
		})
		.collect()
}

/// The inner results of the `proxy` calls of the current block.
fn proxied() -> Vec<Inner> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.collect()
}

fn security_deposit_of(who: Sr25519Keyring) -> u128 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::Recovery(pallet_recovery::HoldReason::SecurityDeposit),
		&account(who),
	)
}

#[test]
fn three_guardians_recover_dave_and_his_inheritor_moves_his_coupons() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(units(Dave), 10);
		// The runtime's policy: two guardians, a threshold of one, or less than a day's delay
		// are refused (`BaseCallFilter`).
		let mut two = dave_group(Ferdie);
		two.friends = {
			let mut f = vec![account(Alice), account(Bob)];
			f.sort();
			f.try_into().unwrap()
		};
		let got = dispatch_error(apply(set_groups(vec![two]), Dave));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		let mut quick = dave_group(Ferdie);
		quick.inheritance_delay = DELAY - 1;
		let got = dispatch_error(apply(set_groups(vec![quick]), Dave));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());

		// More groups than the pallet keeps (10) are refused before it compares them pairwise.
		let eleven = (0..11).map(|i| {
			let mut g = dave_group(Ferdie);
			g.inheritance_priority = i;
			g
		});
		assert_eq!(
			apply(set_groups(eleven.collect()), Dave).map(|_| ()),
			refused(pallet_sanctions::BLOCKED_PARTY)
		);
		// Dave sets his group: 3 guardians, 2 to recover, inheritor Ferdie (his new key).
		ok(set_groups(vec![dave_group(Ferdie)]), Dave);
		assert_eq!(pallet_recovery::Pallet::<Runtime>::friend_groups(account(Dave)).len(), 1);
		assert!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Recovery(pallet_recovery::HoldReason::FriendGroupsStorage),
				&account(Dave),
			) > 0,
			"the friend groups' storage deposit is held from Dave"
		);

		// Dave loses his key. Eve is no guardian.
		let got = dispatch_error(apply(initiate(Dave), Eve));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::NotFriend), "{got:?}");
		// Alice opens the attempt (her approval counts) and puts up the security deposit. (From
		// block 2: the checks below then avoid block 43,200, a session change, which
		// `pallet_session` fills with its rotation.)
		next_block();
		ok(initiate(Dave), Alice);
		assert_eq!(security_deposit_of(Alice), RecoverySecurityDeposit::get());
		// Before the threshold and before the delay: not yet.
		let got = dispatch_error(apply(finish(Dave), Ferdie));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::NotApproved), "{got:?}");
		// Ferdie cannot act for Dave yet.
		let got = dispatch_error(apply(control(Dave, coupon_transfer(Eve, 2)), Ferdie));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::NoInheritor), "{got:?}");

		next_block();
		ok(approve(Dave), Bob);
		// The threshold is reached: Charlie's vote is not needed.
		let got = dispatch_error(apply(approve(Dave), Charlie));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::AlreadyApproved), "{got:?}");
		// The delay counts from the opening (the block before): one block short.
		skip_blocks(DELAY - 2);
		let got = dispatch_error(apply(finish(Dave), Ferdie));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::NotYetInheritable), "{got:?}");
		next_block();
		// Anyone may finish; Ferdie does and pays the inheritor entry's deposit.
		ok(finish(Dave), Ferdie);
		assert_eq!(
			pallet_recovery::Pallet::<Runtime>::inheritor(account(Dave)),
			Some(account(Ferdie))
		);
		assert_eq!(security_deposit_of(Alice), 0, "released to the initiator");

		// Ferdie moves 2 of Dave's coupons to Eve, as Dave: Dave's KYC level and P2P limits
		// apply, the coupons left stay Dave's.
		ok(control(Dave, coupon_transfer(Eve, 2)), Ferdie);
		assert_eq!(controlled(), vec![DONE]);
		assert_eq!((units(Dave), units(Eve)), (8, 2));
		// A failing inner call: the extrinsic succeeds, the event carries the error.
		System::reset_events();
		ok(control(Dave, coupon_transfer(Eve, 1_000)), Ferdie);
		assert!(matches!(controlled().as_slice(), [Err(_)]));
		// Recovery calls are refused inside (the inheritor cannot revoke itself or change
		// Dave's groups): the pallet's own filter.
		System::reset_events();
		ok(control(Dave, recovery(pallet_recovery::Call::revoke_inheritor {})), Ferdie);
		assert_eq!(controlled(), vec![filtered()]);
		// Nobody else controls Dave.
		let got = dispatch_error(apply(control(Dave, coupon_transfer(Eve, 1)), Eve));
		assert!(is_error(got, pallet_recovery::Error::<Runtime>::NotInheritor), "{got:?}");
		// Nor does the inheritor give itself a proxy of Dave (which would reach the recovery
		// calls the pallet keeps from it, and outlive `revokeInheritor`): refused whole, also
		// inside a batch.
		let add_proxy = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: account(Ferdie).into(),
			proxy_type: ProxyType::Any,
			delay: 0,
		});
		let got = dispatch_error(apply(control(Dave, add_proxy.clone()), Ferdie));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![add_proxy] });
		let got = dispatch_error(apply(control(Dave, batch), Ferdie));
		assert_eq!(got, frame_system::Error::<Runtime>::CallFiltered.into());
		assert!(pallet_proxy::Proxies::<Runtime>::get(account(Dave)).0.is_empty());
	});
}

#[test]
fn a_blocked_account_is_not_recovered_and_a_blocked_inheritor_does_not_act() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let blocked_party = refused(pallet_sanctions::BLOCKED_PARTY);
		let blocked_signer = refused(pallet_sanctions::BLOCKED_SIGNER);
		// An inheritor on the list cannot be named.
		sanctions(1, vec![Ferdie], vec![]);
		assert_eq!(apply(set_groups(vec![dave_group(Ferdie)]), Dave).map(|_| ()), blocked_party);
		sanctions(2, vec![], vec![Ferdie]);
		ok(set_groups(vec![dave_group(Ferdie)]), Dave);

		// Dave is blocked: no guardian can open an attempt.
		sanctions(3, vec![Dave], vec![]);
		assert_eq!(apply(initiate(Dave), Alice).map(|_| ()), blocked_party);
		// Nor approve or finish one opened before the block.
		sanctions(4, vec![], vec![Dave]);
		ok(initiate(Dave), Alice);
		sanctions(5, vec![Dave], vec![]);
		assert_eq!(apply(approve(Dave), Bob).map(|_| ()), blocked_party);
		sanctions(6, vec![], vec![Dave]);
		ok(approve(Dave), Bob);
		sanctions(7, vec![Dave], vec![]);
		skip_blocks(DELAY);
		next_block();
		assert_eq!(apply(finish(Dave), Ferdie).map(|_| ()), blocked_party);
		// (Alice gets her deposit back after the cancel delay, blocked Dave or not.)

		// Recovered before the block: the inheritor still cannot act for a blocked account,
		// directly or nested.
		sanctions(8, vec![], vec![Dave]);
		ok(finish(Dave), Ferdie);
		sanctions(9, vec![Dave], vec![]);
		assert_eq!(
			apply(control(Dave, coupon_transfer(Eve, 1)), Ferdie).map(|_| ()),
			blocked_party
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![control(Dave, coupon_transfer(Eve, 1))],
		});
		assert_eq!(apply(batch, Ferdie).map(|_| ()), blocked_party);
		assert_eq!(units(Dave), 10, "nothing left the blocked account");

		// A blocked inheritor signs nothing.
		sanctions(10, vec![Ferdie], vec![Dave]);
		assert_eq!(
			apply(control(Dave, coupon_transfer(Eve, 1)), Ferdie).map(|_| ()),
			blocked_signer
		);
	});
}

#[test]
fn a_trading_proxy_places_daves_orders_and_sanctions_stop_it() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let blocked_party = refused(pallet_sanctions::BLOCKED_PARTY);
		let blocked_signer = refused(pallet_sanctions::BLOCKED_SIGNER);
		let add = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: account(Ferdie).into(),
			proxy_type: ProxyType::Trading,
			delay: 0,
		});
		ok(add, Dave);
		assert_eq!(
			pallet_proxy::Proxies::<Runtime>::get(account(Dave)).1,
			pallet_proxy::Pallet::<Runtime>::deposit(1),
			"the deposit is reserved from Dave"
		);
		let for_dave = |call: RuntimeCall| {
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: account(Dave).into(),
				force_proxy_type: Some(ProxyType::Trading),
				call: Box::new(call),
			})
		};
		let sell = RuntimeCall::Market(pallet_market::Call::place_order {
			series: SERIES,
			order: OrderRequest {
				side: Side::Sell,
				price: 46 * USD,
				units: 2,
				time_in_force: TimeInForce::GoodTillCancelled,
				post_only: false,
			},
		});

		// Ferdie places a sell order for Dave: Dave's order, Dave's units locked.
		ok(for_dave(sell.clone()), Ferdie);
		assert_eq!(proxied(), vec![DONE]);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Market(pallet_market::Event::OrderPlaced { owner, .. }) if *owner == account(Dave)
		)));
		assert_eq!(pallet_coupons::Locked::<Runtime>::get(SERIES, account(Dave)), 2);

		// Outside the type: a coupon transfer, or granting a wider proxy.
		System::reset_events();
		ok(for_dave(coupon_transfer(Ferdie, 1)), Ferdie);
		let widen = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: account(Eve).into(),
			proxy_type: ProxyType::Any,
			delay: 0,
		});
		ok(for_dave(widen), Ferdie);
		// Nor listings: a delegate could list at any price and buy with Dave's money.
		ok(
			for_dave(RuntimeCall::Market(pallet_market::Call::cancel_listing { listing: 0 })),
			Ferdie,
		);
		assert_eq!(proxied(), vec![filtered(), filtered(), filtered()]);
		assert_eq!(units(Dave), 10);

		// Dave blocked: his proxy cannot act for him (refused at the pool, no fee).
		sanctions(1, vec![Dave], vec![]);
		assert_eq!(apply(for_dave(sell.clone()), Ferdie).map(|_| ()), blocked_party);
		// Anyone executing an announced call for him neither.
		let announced = RuntimeCall::Proxy(pallet_proxy::Call::proxy_announced {
			delegate: account(Ferdie).into(),
			real: account(Dave).into(),
			force_proxy_type: None,
			call: Box::new(sell.clone()),
		});
		assert_eq!(apply(announced.clone(), Eve).map(|_| ()), blocked_party);

		// Ferdie blocked (Dave not): the delegate signs nothing, and nobody uses his permission.
		sanctions(2, vec![Ferdie], vec![Dave]);
		assert_eq!(apply(for_dave(sell), Ferdie).map(|_| ()), blocked_signer);
		assert_eq!(apply(announced, Eve).map(|_| ()), blocked_party);
	});
}
