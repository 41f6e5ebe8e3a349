//! `pallet_recovery` (v50, friend groups): guardians give a lost account's control to an
//! inheritor chosen in advance by the account's owner.
//!
//! The owner sets up to 10 friend groups (`recovery.setFriendGroups`, upstream's
//! `MAX_GROUPS_PER_ACCOUNT`), each with its guardians (`friends`, sorted, unique), its threshold
//! (`friendsNeeded`), its `inheritor`, its `inheritanceDelay` and `cancelDelay` (in blocks) and
//! its `inheritancePriority` (0 strongest). Threshold and delays are the owner's choice per
//! group, not runtime constants; the runtime bounds them ([`RecoveryPolicy`], applied by the
//! `BaseCallFilter`): 3 to 5 guardians, at least 2 of them to recover, at least a day's delay.
//! A guardian opens an attempt (`initiateAttempt`, counting as the first approval; it holds
//! [`RecoverySecurityDeposit`] from the initiator), the others approve (`approveAttempt`),
//! and once the delay since the opening has passed anyone finishes it (`finishAttempt`). From
//! then on the inheritor acts as the account with `recovery.controlInheritedAccount(recovered,
//! call)`: `call` runs with the origin `Signed(recovered)`, so the coupons, orders, stablecoin,
//! KYC attestation and limits, and AML record stay the old account's. The pallet refuses
//! recovery calls inside it, and the runtime proxy calls ([`RecoveryPolicy`]): the inheritor
//! cannot change or revoke the recovery, directly or through a proxy of its own. The owner, if
//! they regain the key, cancels or slashes an attempt (`cancelAttempt`, `slashAttempt`) or
//! removes the inheritor (`revokeInheritor`).
//!
//! Sanctions: the extension screens the lost account named by `initiateAttempt`,
//! `approveAttempt` and `finishAttempt`, the recovered account of `controlInheritedAccount`
//! (and the calls inside it, at every level of nesting), and the inheritors a
//! `setFriendGroups` names (`sanctions::WrapperParties`). A blocked account cannot be
//! recovered or controlled; a blocked inheritor cannot sign `controlInheritedAccount`.
//!
//! Choices:
//! - Storage deposits are holds (`HoldConsideration`, hold reasons
//!   `RuntimeHoldReason::Recovery(FriendGroupsStorage | AttemptStorage | InheritorStorage)`)
//!   at the multisig's rates: one `GNX` plus 10 mGNX per byte of the footprint
//!   (`LinearStoragePrice`: friend groups ≈ 146 bytes for one group of three, ≈ 2.46 GNX; an
//!   attempt ≈ 1.47 GNX, paid by the initiator; the inheritor entry ≈ 1.36 GNX, paid by whoever
//!   finishes). The security deposit is held under `SecurityDeposit`.
//! - A slashed security deposit goes to the treasury, like fees (nothing is burnt).
//! - `MaxFriendsPerConfig` = 5: it may only ever grow (upstream: reducing it breaks the bounded
//!   vectors in storage).
//! - Time in local blocks (`System`): this is a solochain, and the pallet is new here, so no
//!   block-number provider is being swapped (upstream's warning).
//! - Weights measured on this runtime (`scripts/benchmark.sh pallet_recovery` writes
//!   `runtime/src/weights/pallet_recovery.rs`).
//! - No migration: the pallet is new on this chain; `frame_support` writes its storage version
//!   (1) when an upgrade first includes it (`BeforeAllRuntimeMigrations`). Upstream's v0→v1
//!   multi-block migration is for chains that ran the old pallet.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{
			fungible::HoldConsideration, tokens::imbalance::ResolveTo, ConstU32, Contains,
			LinearStoragePrice,
		},
	},
	pallet_recovery,
};

/// Fewest guardians a friend group may have.
pub const MIN_GUARDIANS: u32 = 3;
/// Most guardians a friend group may have (`MaxFriendsPerConfig`; never lower it).
pub const MAX_GUARDIANS: u32 = 5;
/// Fewest approving guardians (`friendsNeeded`) a friend group may ask for.
pub const MIN_GUARDIAN_THRESHOLD: u32 = 2;
/// Shortest `inheritanceDelay`: a day, for the owner to notice and cancel or slash a hostile
/// attempt. Wallets should default to more.
pub const MIN_INHERITANCE_DELAY: BlockNumber = DAYS;

/// The runtime's bounds on recovery, for the `BaseCallFilter` (so they hold for nested calls
/// too):
///
/// - every friend group of a `setFriendGroups` has [`MIN_GUARDIANS`]..=[`MAX_GUARDIANS`]
///   guardians, a threshold of at least [`MIN_GUARDIAN_THRESHOLD`] and an inheritance delay of
///   at least [`MIN_INHERITANCE_DELAY`], and there are at most
///   `pallet_recovery::MAX_GROUPS_PER_ACCOUNT` groups (the pallet's pairwise duplicate check
///   is not priced: a longer list is refused before it runs). Removing every group (an empty
///   list) passes.
/// - `controlInheritedAccount` carries no proxy call, directly or inside utility wrappers: the
///   pallet keeps recovery calls out of the inheritor's reach, but a proxy dispatches with a
///   fresh origin, so `proxy.addProxy(inheritor)` followed by `proxy.proxy(recovery.…)` would
///   let the inheritor slash attempts, rewrite the groups or outlive `revokeInheritor`.
///
/// The pallet checks the rest (sorted unique friends, threshold ≤ friends, non-zero cancel
/// delay, no duplicate groups).
pub struct RecoveryPolicy;
impl Contains<pallet_recovery::Call<Runtime>> for RecoveryPolicy {
	fn contains(call: &pallet_recovery::Call<Runtime>) -> bool {
		match call {
			pallet_recovery::Call::set_friend_groups { friend_groups } => {
				friend_groups.len() <= pallet_recovery::MAX_GROUPS_PER_ACCOUNT as usize
					&& friend_groups.iter().all(|group| {
						let guardians = u32::try_from(group.friends.len()).unwrap_or(u32::MAX);
						(MIN_GUARDIANS..=MAX_GUARDIANS).contains(&guardians)
							&& group.friends_needed >= MIN_GUARDIAN_THRESHOLD
							&& group.inheritance_delay >= MIN_INHERITANCE_DELAY
					})
			},
			pallet_recovery::Call::control_inherited_account { call, .. } => {
				!carries_proxy_call(call, 0)
			},
			_ => true,
		}
	}
}

/// Whether `call` is a proxy call or wraps one in a utility wrapper that dispatches as the
/// same account (batches, `withWeight`, `ifElse`, `asDerivative`, `dispatchAs`); nesting
/// deeper than the sanctions walk's limit counts as carrying one.
fn carries_proxy_call(call: &RuntimeCall, depth: u32) -> bool {
	use polkadot_sdk::pallet_utility::Call as U;
	if depth > crate::configs::MAX_WRAPPER_DEPTH {
		return true;
	}
	let next = depth.saturating_add(1);
	match call {
		RuntimeCall::Proxy(_) => true,
		RuntimeCall::Utility(
			U::batch { calls } | U::batch_all { calls } | U::force_batch { calls },
		) => calls.iter().any(|c| carries_proxy_call(c, next)),
		RuntimeCall::Utility(
			U::with_weight { call, .. }
			| U::as_derivative { call, .. }
			| U::dispatch_as { call, .. }
			| U::dispatch_as_fallible { call, .. },
		) => carries_proxy_call(call, next),
		RuntimeCall::Utility(U::if_else { main, fallback }) => {
			carries_proxy_call(main, next) || carries_proxy_call(fallback, next)
		},
		_ => false,
	}
}

parameter_types! {
	/// The base of a recovery footprint's deposit.
	pub const RecoveryDepositPerItem: Balance = UNIT;
	/// Per byte of a recovery footprint.
	pub const RecoveryDepositPerByte: Balance = 10 * MILLI_UNIT;
	/// Held from the guardian who opens an attempt; the lost account may slash it
	/// (`slashAttempt`) to the treasury.
	pub const RecoverySecurityDeposit: Balance = 10 * UNIT;
	pub const FriendGroupsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Recovery(pallet_recovery::HoldReason::FriendGroupsStorage);
	pub const AttemptHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Recovery(pallet_recovery::HoldReason::AttemptStorage);
	pub const InheritorHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Recovery(pallet_recovery::HoldReason::InheritorStorage);
}

/// One `GNX` plus 10 mGNX per byte (`count × size`) of the footprint.
type RecoveryStoragePrice =
	LinearStoragePrice<RecoveryDepositPerItem, RecoveryDepositPerByte, Balance>;

impl pallet_recovery::Config for Runtime {
	// v50 has no `RuntimeEvent` item: the events reach `RuntimeEvent::Recovery` through
	// `frame_system`.
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockNumberProvider = System;
	type Currency = Balances;
	type FriendGroupsConsideration =
		HoldConsideration<AccountId, Balances, FriendGroupsHoldReason, RecoveryStoragePrice>;
	type AttemptConsideration =
		HoldConsideration<AccountId, Balances, AttemptHoldReason, RecoveryStoragePrice>;
	type InheritorConsideration =
		HoldConsideration<AccountId, Balances, InheritorHoldReason, RecoveryStoragePrice>;
	type SecurityDeposit = RecoverySecurityDeposit;
	type Slash = ResolveTo<crate::configs::TreasuryAccount, Balances>;
	type MaxFriendsPerConfig = ConstU32<MAX_GUARDIANS>;
	// Measured on this runtime (`runtime/src/weights/pallet_recovery.rs`).
	type WeightInfo = crate::weights::pallet_recovery::WeightInfo<Runtime>;
}
