//! `pallet_sanctions`: the blocked-address list; `CheckNotBlocked` in the transaction
//! extensions keeps blocked signers out of the pool, and [`WrapperParties`] extends it to every
//! account a transaction acts as or pays through wrappers and native transfers.

use crate::*;
use polkadot_sdk::{
	frame_support::traits::ConstU32, frame_system::RawOrigin, pallet_balances, pallet_collective,
	pallet_contracts, pallet_multisig, pallet_proxy, pallet_recovery, pallet_sudo, pallet_utility,
	sp_runtime::traits::StaticLookup,
};

impl pallet_sanctions::Config for Runtime {
	type ComplianceOrigin = crate::configs::ComplianceOrigin;
	type UnblockOrigin = crate::configs::DualComplianceOrigin;
	type CallParties = WrapperParties;
	// A blocked account's resting orders leave the book.
	type OnBlocked = Market;
	type MaxBatch = ConstU32<256>;
	type WeightInfo = pallet_sanctions::weights::SubstrateWeight<Runtime>;
}

/// Deepest nesting of wrapper calls screened; a deeper call is refused (no wallet builds one).
pub const MAX_WRAPPER_DEPTH: u32 = 8;

/// The parties of a call beyond its signer, for `CheckNotBlocked`:
///
/// | call | party | inner calls run as |
/// |---|---|---|
/// | `utility.asDerivative(index, call)` | the derivative account | the derivative |
/// | `utility.batch` / `batchAll` / `forceBatch` / `withWeight` / `ifElse` | — | the caller |
/// | `utility.dispatchAs(Signed(x), call)` (Root only) | `x` | `x` |
/// | `multisig.asMultiThreshold1` / `asMulti` / `approveAsMulti` / `cancelAsMulti` | the multisig account | the multisig account |
/// | `sudo.sudoAs(who, call)` | `who` | `who` |
/// | `sudo.sudo` / `governance.dispatchAsRoot` / `council.propose` / `execute` (and the compliance committee's) | — | the caller (screened for their transfers) |
/// | `balances.transfer*` / `forceTransfer` | the receiver (and the source) | — |
/// | `contracts.call(dest, value)` | the contract | — |
/// | `proxy.proxy(real, _, call)` | `real` | `real` |
/// | `proxy.proxyAnnounced(delegate, real, _, call)` | `delegate`, `real` | `real` |
/// | `proxy.addProxy(delegate, ..)` / `proxy.announce(real, ..)` | `delegate` / `real` | — |
/// | `recovery.controlInheritedAccount(recovered, call)` | `recovered` | `recovered` |
/// | `recovery.initiateAttempt` / `approveAttempt` / `finishAttempt(lost, ..)` | `lost`: a blocked account is not recovered out of the block | — |
/// | `recovery.setFriendGroups(groups)` | each group's `inheritor` | — |
///
/// The settlement stablecoin, coupons and the market screen both parties inside their own
/// pallets (the sanctions trait), so they need no entry here.
pub struct WrapperParties;

impl WrapperParties {
	fn walk(
		acting: &AccountId,
		call: &RuntimeCall,
		depth: u32,
		visit: &mut dyn FnMut(&AccountId) -> bool,
	) -> bool {
		if depth > MAX_WRAPPER_DEPTH {
			return false;
		}
		let next = depth.saturating_add(1);
		let lookup =
			|a: &Address| <Runtime as frame_system::Config>::Lookup::lookup(a.clone()).ok();
		// An account the inner `call` runs as: screened, then its inner calls.
		let as_account =
			|who: AccountId, call: &RuntimeCall, visit: &mut dyn FnMut(&AccountId) -> bool| {
				visit(&who) && Self::walk(&who, call, next, visit)
			};
		match call {
			RuntimeCall::Utility(c) => match c {
				pallet_utility::Call::batch { calls }
				| pallet_utility::Call::batch_all { calls }
				| pallet_utility::Call::force_batch { calls } => {
					calls.iter().all(|c| Self::walk(acting, c, next, visit))
				},
				pallet_utility::Call::as_derivative { index, call } => as_account(
					pallet_utility::derivative_account_id(acting.clone(), *index),
					call,
					visit,
				),
				pallet_utility::Call::with_weight { call, .. } => {
					Self::walk(acting, call, next, visit)
				},
				pallet_utility::Call::if_else { main, fallback } => {
					Self::walk(acting, main, next, visit)
						&& Self::walk(acting, fallback, next, visit)
				},
				pallet_utility::Call::dispatch_as { as_origin, call }
				| pallet_utility::Call::dispatch_as_fallible { as_origin, call } => match &**as_origin {
					OriginCaller::system(RawOrigin::Signed(who)) => {
						as_account(who.clone(), call, visit)
					},
					_ => Self::walk(acting, call, next, visit),
				},
				_ => true,
			},
			RuntimeCall::Multisig(c) => {
				let (threshold, others, inner) = match c {
					pallet_multisig::Call::as_multi_threshold_1 { other_signatories, call } => {
						(1, other_signatories, Some(call))
					},
					pallet_multisig::Call::as_multi {
						threshold, other_signatories, call, ..
					} => (*threshold, other_signatories, Some(call)),
					pallet_multisig::Call::approve_as_multi {
						threshold,
						other_signatories,
						..
					}
					| pallet_multisig::Call::cancel_as_multi {
						threshold, other_signatories, ..
					} => (*threshold, other_signatories, None),
					_ => return true,
				};
				let mut signatories = others.clone();
				signatories.push(acting.clone());
				signatories.sort();
				let multi =
					pallet_multisig::Pallet::<Runtime>::multi_account_id(&signatories, threshold);
				match inner {
					Some(call) => as_account(multi, call, visit),
					None => visit(&multi),
				}
			},
			RuntimeCall::Sudo(c) => match c {
				pallet_sudo::Call::sudo_as { who, call } => match lookup(who) {
					Some(who) => as_account(who, call, visit),
					None => true,
				},
				pallet_sudo::Call::sudo { call }
				| pallet_sudo::Call::sudo_unchecked_weight { call, .. } => {
					Self::walk(acting, call, next, visit)
				},
				_ => true,
			},
			RuntimeCall::Council(
				pallet_collective::Call::propose { proposal, .. }
				| pallet_collective::Call::execute { proposal, .. },
			)
			| RuntimeCall::ComplianceCommittee(
				pallet_collective::Call::propose { proposal, .. }
				| pallet_collective::Call::execute { proposal, .. },
			) => Self::walk(acting, proposal, next, visit),
			RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root { call }) => {
				Self::walk(acting, call, next, visit)
			},
			RuntimeCall::Balances(c) => match c {
				pallet_balances::Call::transfer_allow_death { dest, .. }
				| pallet_balances::Call::transfer_keep_alive { dest, .. }
				| pallet_balances::Call::transfer_all { dest, .. } => {
					lookup(dest).is_none_or(|dest| visit(&dest))
				},
				pallet_balances::Call::force_transfer { source, dest, .. } => {
					lookup(source).is_none_or(|source| visit(&source))
						&& lookup(dest).is_none_or(|dest| visit(&dest))
				},
				_ => true,
			},
			RuntimeCall::Contracts(
				pallet_contracts::Call::call { dest, .. }
				| pallet_contracts::Call::call_old_weight { dest, .. },
			) => lookup(dest).is_none_or(|dest| visit(&dest)),
			RuntimeCall::Proxy(c) => match c {
				// The inner call runs as `real`.
				pallet_proxy::Call::proxy { real, call, .. } => match lookup(real) {
					Some(real) => as_account(real, call, visit),
					None => true,
				},
				// Anyone may execute a delegate's announced call: the delegate's permission is
				// used, and the inner call runs as `real`.
				pallet_proxy::Call::proxy_announced { delegate, real, call, .. } => {
					lookup(delegate).is_none_or(|delegate| visit(&delegate))
						&& match lookup(real) {
							Some(real) => as_account(real, call, visit),
							None => true,
						}
				},
				// Granting a blocked account the power to act for the signer.
				pallet_proxy::Call::add_proxy { delegate, .. } => {
					lookup(delegate).is_none_or(|delegate| visit(&delegate))
				},
				// Preparing to act for `real`.
				pallet_proxy::Call::announce { real, .. } => {
					lookup(real).is_none_or(|real| visit(&real))
				},
				// Removals, pure accounts, deposits: no other party.
				_ => true,
			},
			RuntimeCall::Recovery(c) => match c {
				// The inner call runs as the recovered account.
				pallet_recovery::Call::control_inherited_account { recovered, call } => {
					match lookup(recovered) {
						Some(recovered) => as_account(recovered, call, visit),
						None => true,
					}
				},
				// A blocked account is not recovered out of the block.
				pallet_recovery::Call::initiate_attempt { lost, .. }
				| pallet_recovery::Call::approve_attempt { lost, .. }
				| pallet_recovery::Call::finish_attempt { lost, .. } => {
					lookup(lost).is_none_or(|lost| visit(&lost))
				},
				// No future control for a blocked inheritor. More groups than the pallet keeps
				// are refused here, before its unpriced pairwise duplicate check sees them.
				pallet_recovery::Call::set_friend_groups { friend_groups } => {
					friend_groups.len() <= pallet_recovery::MAX_GROUPS_PER_ACCOUNT as usize
						&& friend_groups.iter().all(|group| visit(&group.inheritor))
				},
				// Revoking, cancelling, slashing: the signer's own clean-up.
				_ => true,
			},
			_ => true,
		}
	}
}

impl genex_primitives::CallParties<AccountId, RuntimeCall> for WrapperParties {
	fn visit(
		signer: &AccountId,
		call: &RuntimeCall,
		visit: &mut dyn FnMut(&AccountId) -> bool,
	) -> bool {
		Self::walk(signer, call, 0, visit)
	}
}
