//! Money moves through signed extrinsics: the native token, the stablecoin, and minting rights.

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
use genex_primitives::{STABLECOIN_ASSET_ID as GUSD, STABLECOIN_UNIT, UNIT};
use genex_runtime::{
	configs::TreasuryAccount, genesis_config_presets as presets, Assets, Balances, Runtime,
	RuntimeCall, Stablecoin,
};
use polkadot_sdk::{
	frame_support::traits::fungibles::Inspect, pallet_assets, pallet_balances,
	sp_keyring::Sr25519Keyring::*, sp_runtime::DispatchError,
};

fn module_error(result: polkadot_sdk::sp_runtime::ApplyExtrinsicResult) -> DispatchError {
	dispatch_error(result)
}

#[test]
fn a_balance_transfer_executes_and_pays_its_fee_to_the_treasury() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let (alice0, bob0) =
			(Balances::free_balance(account(Alice)), Balances::free_balance(account(Bob)));
		let treasury0 = Balances::free_balance(TreasuryAccount::get());
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(Bob).into(),
			value: 5 * UNIT,
		});
		apply(call, Alice).expect("valid").expect("dispatched");
		assert_eq!(Balances::free_balance(account(Bob)), bob0 + 5 * UNIT);
		let fee = alice0 - 5 * UNIT - Balances::free_balance(account(Alice));
		assert!(fee > 0, "a transfer is not free");
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury0 + fee);
	});
}

#[test]
fn a_stablecoin_transfer_executes() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let bob0 = Assets::balance(GUSD, account(Bob));
		let call = RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
			dest: account(Bob),
			amount: 250 * STABLECOIN_UNIT,
		});
		apply(call, Charlie).expect("valid").expect("dispatched");
		assert_eq!(Assets::balance(GUSD, account(Bob)), bob0 + 250 * STABLECOIN_UNIT);
	});
}

#[test]
fn the_stablecoin_cannot_bypass_compliance_through_pallet_assets() {
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let bob0 = Assets::balance(GUSD, account(Bob));
		let calls = [
			pallet_assets::Call::transfer_keep_alive {
				id: GUSD.into(),
				target: account(Bob).into(),
				amount: STABLECOIN_UNIT,
			},
			pallet_assets::Call::transfer {
				id: GUSD.into(),
				target: account(Bob).into(),
				amount: STABLECOIN_UNIT,
			},
			pallet_assets::Call::transfer_all {
				id: GUSD.into(),
				dest: account(Bob).into(),
				keep_alive: false,
			},
			pallet_assets::Call::approve_transfer {
				id: GUSD.into(),
				delegate: account(Bob).into(),
				amount: STABLECOIN_UNIT,
			},
		];
		for call in calls {
			let got = module_error(apply(RuntimeCall::Assets(call), Charlie));
			assert!(
				is_error(got, polkadot_sdk::frame_system::Error::<Runtime>::CallFiltered),
				"{got:?}"
			);
		}
		assert_eq!(Assets::balance(GUSD, account(Bob)), bob0);
	});
}

#[test]
fn a_bank_mints_and_burns_the_stablecoin() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let supply0 = Assets::total_issuance(GUSD);
		let mint = RuntimeCall::Stablecoin(pallet_stablecoin::Call::mint {
			beneficiary: account(Dave),
			amount: 1_000 * STABLECOIN_UNIT,
		});
		apply(mint, Bob).expect("valid").expect("bank-a mints");
		assert_eq!(Assets::balance(GUSD, account(Dave)), 1_000 * STABLECOIN_UNIT);
		let burn = RuntimeCall::Stablecoin(pallet_stablecoin::Call::burn {
			amount: 1_000 * STABLECOIN_UNIT,
		});
		assert!(is_error(
			module_error(apply(burn.clone(), Bob)),
			pallet_stablecoin::Error::<Runtime>::InsufficientBalance
		));
		let back = RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
			dest: account(Bob),
			amount: 1_000 * STABLECOIN_UNIT,
		});
		apply(back, Dave).expect("valid").expect("Dave pays the bank back");
		apply(burn, Bob).expect("valid").expect("bank-a burns");
		assert_eq!(Assets::total_issuance(GUSD), supply0);
	});
}

#[test]
fn a_non_bank_cannot_mint_the_stablecoin() {
	new_ext(presets::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let supply0 = Assets::total_issuance(GUSD);
		// Through the stablecoin pallet: a typed `NotABank`.
		let mint = RuntimeCall::Stablecoin(pallet_stablecoin::Call::mint {
			beneficiary: account(Dave),
			amount: 1_000 * STABLECOIN_UNIT,
		});
		assert!(is_error(
			module_error(apply(mint, Dave)),
			pallet_stablecoin::Error::<Runtime>::NotABank
		));
		// The platform validates and governs, but is not a bank.
		let mint = RuntimeCall::Stablecoin(pallet_stablecoin::Call::mint {
			beneficiary: account(Alice),
			amount: 1_000 * STABLECOIN_UNIT,
		});
		assert!(is_error(
			module_error(apply(mint, Alice)),
			pallet_stablecoin::Error::<Runtime>::NotABank
		));
		// Around it, through pallet-assets: filtered (every `assets` call on the settlement asset
		// but `touch` and a non-burning `refund` is; the issuer is a keyless account anyway).
		let mint = RuntimeCall::Assets(pallet_assets::Call::mint {
			id: GUSD.into(),
			beneficiary: account(Dave).into(),
			amount: 1_000 * STABLECOIN_UNIT,
		});
		assert!(is_error(
			module_error(apply(mint, Bob)),
			polkadot_sdk::frame_system::Error::<Runtime>::CallFiltered
		));
		// Nor can anyone create a look-alike asset.
		let create = RuntimeCall::Assets(pallet_assets::Call::create {
			id: 7.into(),
			admin: account(Dave).into(),
			min_balance: 1,
		});
		assert_eq!(module_error(apply(create, Dave)), DispatchError::BadOrigin);
		assert_eq!(Assets::total_issuance(GUSD), supply0);
		assert_eq!(Stablecoin::settlement_asset().expect("configured"), GUSD,);
	});
}

/// Issue 16 (SRS 3.5.2: daily and monthly limits): an L1 sender within its daily P2P limit is
/// stopped by its monthly one, with the typed error, until its first transfer leaves the 30
/// days.
#[test]
fn an_l1_sender_is_stopped_by_its_monthly_limit_while_the_day_has_room() {
	use genex_primitives::time::DAYS;
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		let l1 = presets::default_limits()
			.into_iter()
			.find(|(level, _)| *level == genex_primitives::KycLevel::L1)
			.map(|(_, limits)| limits)
			.expect("L1 limits");
		let monthly = pallet_kyc::LevelLimits { monthly_p2p_value: 600 * STABLECOIN_UNIT, ..l1 };
		let set = RuntimeCall::Kyc(pallet_kyc::Call::set_limits { level: 1, limits: monthly });
		let sudo = RuntimeCall::Sudo(polkadot_sdk::pallet_sudo::Call::sudo { call: Box::new(set) });
		apply(sudo, Alice).expect("valid").expect("sudo dispatches");
		let send = |amount: u128| {
			apply(
				RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
					dest: account(Bob),
					amount: amount * STABLECOIN_UNIT,
				}),
				Ferdie,
			)
			.expect("valid")
		};
		send(300).expect("day 1");
		skip_blocks(DAYS);
		send(300).expect("day 2");
		skip_blocks(DAYS);
		let status = pallet_kyc::Pallet::<Runtime>::status(&account(Ferdie));
		assert_eq!(status.p2p_value_remaining, l1.daily_p2p_value, "a new day");
		assert_eq!(status.monthly_p2p_value_remaining, 0);
		let refused = send(1).expect_err("over the month");
		assert!(is_error(refused, pallet_kyc::Error::<Runtime>::MonthlyP2pLimitExceeded));
		// Day 31: the first 300 have left the 30 days.
		skip_blocks(28 * DAYS);
		assert_eq!(
			pallet_kyc::Pallet::<Runtime>::status(&account(Ferdie)).monthly_p2p_value_remaining,
			300 * STABLECOIN_UNIT
		);
		send(300).expect("room again");
	});
}

/// A quiet transfer (no AML rule trips) pays its benchmark, which already ran a quiet movement
/// through the runtime's gate, and the monitor's execution on an account's full counters: the
/// quiet path's storage (`quiet_weight`) is not charged a second time.
#[test]
fn a_quiet_stablecoin_transfer_pays_the_monitors_storage_once() {
	use genex_runtime::RuntimeOrigin;
	use pallet_aml::weights::WeightInfo as _;
	use pallet_stablecoin::WeightInfo as _;
	new_ext(presets::DEV_RUNTIME_PRESET).execute_with(|| {
		type Transfer = <Runtime as pallet_stablecoin::Config>::WeightInfo;
		type Monitor = <Runtime as pallet_aml::Config>::WeightInfo;
		let db = <Runtime as polkadot_sdk::frame_system::Config>::DbWeight::get();
		let info = Stablecoin::transfer(
			RuntimeOrigin::signed(account(Charlie)),
			account(Bob),
			STABLECOIN_UNIT / 100,
		)
		.expect("transferred");
		// The monitor's quiet record and the check's two flag reads, less their storage.
		let quiet = Monitor::record_quiet() + db.reads(2);
		let execution = quiet.saturating_sub(db.reads_writes(7, 2));
		assert!(execution.ref_time() > 0 && execution.ref_time() < quiet.ref_time());
		assert_eq!(info.actual_weight, Some(Transfer::transfer() + execution));
	});
}
