//! What must hold after every block (and, for weights, after every extrinsic). A violation
//! panics with what differed, which libFuzzer records as a crash with its input.

use genex_primitives::STABLECOIN_ASSET_ID;
use genex_runtime::{AllPalletsWithSystem, Runtime, System};
use polkadot_sdk::{
	frame_support::{
		dispatch::{DispatchInfo, PostDispatchInfo},
		traits::{CallMetadata, TryState, TryStateSelect},
	},
	frame_system, pallet_assets, pallet_balances,
};

use crate::genesis;

/// The canary's holdings at genesis: none may ever grow.
pub struct Canary {
	native: u128,
	gusd: u128,
	coupons: u64,
}

impl Canary {
	/// Read the canary's holdings now.
	pub fn record() -> Self {
		let who = genesis::CANARY.to_account_id();
		let account = frame_system::Account::<Runtime>::get(&who);
		let coupons = pallet_coupons::Holdings::<Runtime>::iter()
			.filter(|(_, holder, _)| *holder == who)
			.fold(0u64, |s, (_, _, units)| s.saturating_add(units));
		Canary {
			native: account.data.free.saturating_add(account.data.reserved),
			gusd: pallet_assets::Account::<Runtime>::get(STABLECOIN_ASSET_ID, &who)
				.map_or(0, |a| a.balance),
			coupons,
		}
	}
}

/// The weight an extrinsic reports having used is at most what it was charged.
pub fn check_extrinsic_weight(info: &DispatchInfo, post: &PostDispatchInfo, call: &CallMetadata) {
	if let Some(actual) = post.actual_weight {
		assert!(
			actual.all_lte(info.total_weight()),
			"{}.{}: actual weight {actual:?} above the charged {:?}",
			call.pallet_name,
			call.function_name,
			info.total_weight()
		);
	}
}

/// The block's weight is within the block's limit.
pub fn check_block_weight() {
	let used = System::block_weight();
	let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	assert!(used.total().all_lte(max), "block weight {:?} above the limit {max:?}", used.total());
}

/// Every book balances; every pallet's `try_state` passes; the canary gained nothing.
pub fn check_all(block: u32, canary: &Canary) {
	native_issuance();
	stablecoin_supply();
	coupon_supply();
	if let Err(e) = AllPalletsWithSystem::try_state(block, TryStateSelect::All) {
		panic!("try_state failed at block {block}: {e:?}");
	}
	let now = Canary::record();
	assert!(now.native <= canary.native, "canary gained native tokens");
	assert!(now.gusd <= canary.gusd, "canary gained GUSD");
	assert!(now.coupons <= canary.coupons, "canary gained coupons");
}

/// Native total issuance = Σ accounts' free + reserved (holds are reserved).
fn native_issuance() {
	let mut sum: u128 = 0;
	for (_, a) in frame_system::Account::<Runtime>::iter() {
		sum = sum
			.checked_add(a.data.free)
			.and_then(|s| s.checked_add(a.data.reserved))
			.expect("native balances overflow u128");
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	assert_eq!(sum, issuance, "native: Σ accounts differs from total issuance");
}

/// GUSD supply = Σ holders (frozen amounts stay in their holders' balances).
fn stablecoin_supply() {
	let supply =
		pallet_assets::Asset::<Runtime>::get(STABLECOIN_ASSET_ID).expect("GUSD exists").supply;
	let mut sum: u128 = 0;
	for (_, a) in pallet_assets::Account::<Runtime>::iter_prefix(STABLECOIN_ASSET_ID) {
		sum = sum.checked_add(a.balance).expect("GUSD balances overflow u128");
	}
	assert_eq!(sum, supply, "GUSD: Σ holders differs from supply");
}

/// Per series: minted − redeemed − expired − recalled = Σ holdings (locked units included),
/// without saturation, and no holder has more locked than held.
fn coupon_supply() {
	for (id, s) in pallet_coupons::SeriesOf::<Runtime>::iter() {
		let st = &s.stats;
		let left = st
			.minted
			.checked_sub(st.redeemed)
			.and_then(|v| v.checked_sub(st.expired))
			.and_then(|v| v.checked_sub(st.recalled))
			.unwrap_or_else(|| panic!("series {id}: more burned than minted: {st:?}"));
		let mut held: u64 = 0;
		for (who, units) in pallet_coupons::Holdings::<Runtime>::iter_prefix(id) {
			held = held.checked_add(units).expect("holdings overflow u64");
			let locked = pallet_coupons::Locked::<Runtime>::get(id, &who);
			assert!(locked <= units, "series {id}: {who} has {locked} locked of {units}");
		}
		assert_eq!(left, held, "series {id}: minted − burned differs from Σ holdings");
	}
}
