//! Genesis presets: `development`, `local_testnet` and `staging`.
//!
//! | preset          | validators                         | sudo  | council / banks                 | KYC at genesis                         |
//! |-----------------|------------------------------------|-------|---------------------------------|----------------------------------------|
//! | `development`   | Alice                              | Alice | Alice, Bob, Charlie / Alice     | A, B, C L3; Dave L2; Eve, Ferdie L1    |
//! | `local_testnet` | platform, bank-a, bank-b, bank-c (A, B, C, F) | none | the four validators / banks | A, B, C, F L3; Dave L2; Eve L1 |
//! | `staging`       | platform, bank-a, bank-b, bank-c (D, E, F, One) | none | the four validators / banks | D, E, F, One L3 |
//!
//! Compliance at genesis: the platform account is the KYC attestor (its in-house KYC desk); the
//! compliance committee is the platform and the banks (on `development` Alice alone, who is
//! also sudo); the table above lists who is attested at genesis; per-level limits and fee-less quotas are the defaults in
//! [`default_limits`] and [`FEELESS_CALLS`]. Genesis attestations expire on 2030-01-01.
//!
//! Every preset sets the issuers' tier limits ([`default_tier_limits`]); the development preset
//! also has a demo store (Charlie) with one coupon series, Dave holding 10 units and Eve as its
//! merchant ([`DEMO_ISSUER_NAME`]).
//!
//! Every preset creates the settlement stablecoin (`GUSD`, asset 1, 12 decimals) owned by the
//! stablecoin pallet's keyless account, and funds the treasury's account with the existential
//! deposit so small fees are never dust; the treasury and the issuers' pot also hold the
//! stablecoin's minimum balance ([`module_stablecoin_accounts`]). The `staging` keys are the public development keys
//! Dave, Eve, Ferdie and One: replace them with the operators' keys before a real launch
//! (`docs/operators.md`).

use crate::{
	configs::{StablecoinPalletId, TreasuryAccount},
	*,
};
use alloc::{vec, vec::Vec};
use genex_primitives::{
	KycLevel, STABLECOIN_ASSET_ID, STABLECOIN_NAME, STABLECOIN_SYMBOL, STABLECOIN_UNIT,
};
use pallet_kyc::LevelLimits;
use polkadot_sdk::{
	frame_support::build_struct_json_patch,
	pallet_assets, pallet_balances, pallet_collective,
	pallet_grandpa::AuthorityId as GrandpaId,
	pallet_session, pallet_sudo,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	sp_runtime::{traits::AccountIdConversion, Permill},
};
use serde_json::Value;

/// Name of the three-validator local network preset.
pub const LOCAL_TESTNET_RUNTIME_PRESET: &str = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
/// Name of the single-validator development preset.
pub const DEV_RUNTIME_PRESET: &str = sp_genesis_builder::DEV_RUNTIME_PRESET;
/// Name of the staging preset.
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// Native tokens each endowed account receives.
const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Stablecoin each endowed account receives on the development chain.
const DEV_STABLECOIN: Balance = 100_000 * STABLECOIN_UNIT;
/// Smallest stablecoin holding: one cent.
const STABLECOIN_MIN_BALANCE: Balance = STABLECOIN_UNIT / 100;

/// Genesis attestations expire on 2030-01-01T00:00:00Z (ms since the Unix epoch).
pub const GENESIS_ATTESTATION_EXPIRY: u64 = 1_893_456_000_000;

/// Default per-level limits (GUSD amounts in the smallest unit): L0 nothing; L1 small trades;
/// L2 normal trading; L3 institutions. The monthly P2P limits are ten days of the daily ones.
pub fn default_limits() -> Vec<(KycLevel, LevelLimits)> {
	let usd = STABLECOIN_UNIT;
	vec![
		(KycLevel::L0, LevelLimits::default()),
		(
			KycLevel::L1,
			LevelLimits {
				daily_trade_value: 1_000 * usd,
				daily_p2p_value: 500 * usd,
				daily_p2p_count: 100,
				monthly_p2p_value: 5_000 * usd,
				monthly_p2p_count: 1_000,
				max_holdings: 50,
			},
		),
		(
			KycLevel::L2,
			LevelLimits {
				daily_trade_value: 50_000 * usd,
				daily_p2p_value: 10_000 * usd,
				daily_p2p_count: 200,
				monthly_p2p_value: 100_000 * usd,
				monthly_p2p_count: 2_000,
				max_holdings: 1_000,
			},
		),
		(
			KycLevel::L3,
			LevelLimits {
				daily_trade_value: 10_000_000 * usd,
				daily_p2p_value: 5_000_000 * usd,
				daily_p2p_count: 10_000,
				monthly_p2p_value: 50_000_000 * usd,
				monthly_p2p_count: 100_000,
				max_holdings: 1_000_000,
			},
		),
	]
}

/// Calls fee-less at genesis, from the given level up. (Merchants' redemptions of holder
/// authorizations are authorized general transactions and free anyway.)
pub const FEELESS_CALLS: &[(&str, &str, KycLevel)] = &[
	("Stablecoin", "transfer", KycLevel::L1),
	("Stablecoin", "transfer_with_travel_rule", KycLevel::L1),
	("Coupons", "transfer", KycLevel::L1),
	("Coupons", "transfer_with_travel_rule", KycLevel::L1),
	("Redemption", "redeem", KycLevel::L1),
	("Redemption", "review", KycLevel::L1),
	("Market", "place_order", KycLevel::L1),
	("Market", "place_market_order", KycLevel::L1),
	("Market", "cancel_order", KycLevel::L1),
	("Market", "list", KycLevel::L1),
	("Market", "buy_listing", KycLevel::L1),
	("Market", "cancel_listing", KycLevel::L1),
];

/// Trading fees: 0.1 % for the resting side (and market makers), 0.3 % for the incoming one.
pub fn default_market_fees() -> pallet_market::FeeRates {
	pallet_market::FeeRates { maker: Permill::from_parts(1_000), taker: Permill::from_parts(3_000) }
}

/// Issuance limit of each credit tier (outstanding face value, GUSD): 10 k, 100 k, 1 M, 10 M.
pub fn default_tier_limits() -> [Balance; 4] {
	let usd = STABLECOIN_UNIT;
	[10_000 * usd, 100_000 * usd, 1_000_000 * usd, 10_000_000 * usd]
}

/// The development chain's demo store (Charlie): an approved issuer with one digital series
/// (id 0: face 50 GUSD, price 45 GUSD, 100 units, valid until 2030), 10 units sold to Dave,
/// and Eve registered as its merchant.
pub const DEMO_ISSUER_NAME: &[u8] = b"Genex Demo Store";

/// Units of the demo series Dave holds at genesis.
pub const DEMO_DAVE_UNITS: u64 = 10;

/// Coupon set-up of a preset: issuers (account, name, years), series, merchants.
#[derive(Default)]
struct CouponGenesis {
	issuers: Vec<(AccountId, Vec<u8>, u8)>,
	series: Vec<(AccountId, pallet_coupons::SeriesTerms, u64, Vec<(AccountId, u64)>)>,
	merchants: Vec<(AccountId, AccountId)>,
}

fn demo_coupons() -> CouponGenesis {
	let charlie = Sr25519Keyring::Charlie.to_account_id();
	let terms = pallet_coupons::SeriesTerms {
		kind: genex_primitives::CouponKind::Digital,
		face_value: 50 * STABLECOIN_UNIT,
		issue_price: 45 * STABLECOIN_UNIT,
		valid_from: 0,
		valid_until: GENESIS_ATTESTATION_EXPIRY,
		terms: b"Any Genex Demo Store; one unit per visit".to_vec(),
		cap: 1_000,
		gift_card: false,
		jurisdiction: None,
	};
	CouponGenesis {
		issuers: vec![(charlie.clone(), DEMO_ISSUER_NAME.to_vec(), 5)],
		series: vec![(
			charlie.clone(),
			terms,
			100,
			vec![(Sr25519Keyring::Dave.to_account_id(), DEMO_DAVE_UNITS)],
		)],
		merchants: vec![(charlie, Sr25519Keyring::Eve.to_account_id())],
	}
}

/// Free calls per day at genesis: 50 for L1, 200 for L2, 1,000 for L3.
pub const FEELESS_QUOTAS: &[(KycLevel, u32)] =
	&[(KycLevel::L1, 50), (KycLevel::L2, 200), (KycLevel::L3, 1_000)];

/// A validator: its account and its session keys.
struct Validator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
	/// Its operator's oracle feeder key (`orcl`), from the same seed in these presets.
	feeder: pallet_oracle::FeederId,
}

fn validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Validator {
	Validator {
		account: sr.to_account_id(),
		aura: AuraId::from(sr.public()),
		grandpa: GrandpaId::from(ed.public()),
		feeder: pallet_oracle::FeederId::from(sr.public()),
	}
}

/// Oracle parameters of a preset: the defaults, with `min_feeders` agreeing feeders and one
/// submission per feeder and series every `period` blocks (fresh for two periods).
pub fn oracle_params(min_feeders: u32, period: u32) -> pallet_oracle::OracleParams {
	pallet_oracle::OracleParams {
		min_feeders,
		period,
		max_age: period.saturating_mul(2),
		..Default::default()
	}
}

/// Keyless accounts that receive stablecoin in amounts that may be below its minimum balance
/// (trading fees, escrow shares, deposits) hold the minimum balance from genesis: the treasury
/// and the issuers pallet's pot. (The market has no account: orders and bonds are frozen in
/// their owners' own accounts.)
fn module_stablecoin_accounts() -> Vec<(AccountId, Balance)> {
	vec![
		(TreasuryAccount::get(), STABLECOIN_MIN_BALANCE),
		(Issuers::account_id(), STABLECOIN_MIN_BALANCE),
	]
}

/// What differs between the presets.
struct Network {
	validators: Vec<Validator>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	banks: Vec<AccountId>,
	stablecoin_holders: Vec<(AccountId, Balance)>,
	sudo: Option<AccountId>,
	/// The KYC attestor and sole compliance officer at genesis.
	platform: AccountId,
	/// Accounts attested at genesis (by the platform), with their level.
	attested: Vec<(AccountId, KycLevel)>,
	/// Issuers, series and merchants at genesis.
	coupons: CouponGenesis,
	/// Oracle parameters (the validators' feeder keys are the feeders).
	oracle: pallet_oracle::OracleParams,
}

fn genesis(net: Network) -> Value {
	let stablecoin_owner: AccountId = StablecoinPalletId::get().into_account_truncating();
	let mut endowed: Vec<(AccountId, Balance)> =
		net.endowed.iter().cloned().map(|a| (a, ENDOWMENT)).collect();
	for v in &net.validators {
		if !net.endowed.contains(&v.account) {
			endowed.push((v.account.clone(), ENDOWMENT));
		}
	}
	endowed.push((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed },
		sudo: pallet_sudo::GenesisConfig { key: net.sudo },
		council: pallet_collective::GenesisConfig { members: net.council },
		validator_set: pallet_validator_set::GenesisConfig {
			initial_validators: net.validators.iter().map(|v| v.account.clone()).collect(),
		},
		session: pallet_session::GenesisConfig {
			keys: net
				.validators
				.iter()
				.map(|v| {
					(
						v.account.clone(),
						v.account.clone(),
						SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() },
					)
				})
				.collect(),
		},
		assets: pallet_assets::GenesisConfig {
			assets: vec![(STABLECOIN_ASSET_ID, stablecoin_owner, true, STABLECOIN_MIN_BALANCE)],
			metadata: vec![(
				STABLECOIN_ASSET_ID,
				STABLECOIN_NAME.to_vec(),
				STABLECOIN_SYMBOL.to_vec(),
				genex_primitives::DECIMALS,
			)],
			accounts: net
				.stablecoin_holders
				.into_iter()
				.chain(module_stablecoin_accounts())
				.map(|(who, amount)| (STABLECOIN_ASSET_ID, who, amount))
				.collect(),
		},
		stablecoin: pallet_stablecoin::GenesisConfig {
			settlement_asset: Some(STABLECOIN_ASSET_ID),
			banks: net.banks.clone(),
		},
		kyc: pallet_kyc::GenesisConfig {
			attestors: vec![net.platform.clone()],
			attestations: net
				.attested
				.into_iter()
				.map(|(who, level)| {
					(who, level, *b"US", GENESIS_ATTESTATION_EXPIRY, net.platform.clone())
				})
				.collect(),
			limits: default_limits(),
		},
		feeless: pallet_feeless::GenesisConfig {
			feeless_calls: FEELESS_CALLS
				.iter()
				.map(|(p, c, l)| ((*p).into(), (*c).into(), *l))
				.collect(),
			quotas: FEELESS_QUOTAS.to_vec(),
		},
		// One compliance officer each for the platform and every bank: unblocking, forced KYC
		// revocation and issuer defaults need two of them.
		compliance_committee: pallet_collective::GenesisConfig {
			members: core::iter::once(net.platform.clone())
				.chain(net.banks.into_iter().filter(|b| *b != net.platform))
				.collect(),
		},
		issuers: pallet_issuers::GenesisConfig {
			tier_limits: default_tier_limits(),
			issuers: net.coupons.issuers,
		},
		coupons: pallet_coupons::GenesisConfig { series: net.coupons.series },
		// The platform arbitrates until the council appoints arbitrators.
		disputes: pallet_disputes::GenesisConfig { arbitrators: vec![net.platform.clone()] },
		redemption: pallet_redemption::GenesisConfig { merchants: net.coupons.merchants },
		market: pallet_market::GenesisConfig {
			fees: default_market_fees(),
			risk: pallet_market::RiskParams::default(),
			obligations: pallet_market::Obligations {
				min_depth: 10,
				max_spread: Permill::from_percent(5),
			},
			..Default::default()
		},
		oracle: pallet_oracle::GenesisConfig {
			feeders: net.validators.iter().map(|v| v.feeder.clone()).collect(),
			params: Some(net.oracle),
		},
	})
}

/// `development`: one validator (Alice), sudo, all well-known accounts funded in the native
/// token and the stablecoin. Alice is the bank.
pub fn development_config_genesis() -> Value {
	let endowed: Vec<AccountId> = Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	genesis(Network {
		validators: vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		stablecoin_holders: endowed.iter().cloned().map(|a| (a, DEV_STABLECOIN)).collect(),
		endowed,
		council: vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		banks: vec![Sr25519Keyring::Alice.to_account_id()],
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		platform: Sr25519Keyring::Alice.to_account_id(),
		attested: vec![
			(Sr25519Keyring::Alice.to_account_id(), KycLevel::L3),
			(Sr25519Keyring::Bob.to_account_id(), KycLevel::L3),
			(Sr25519Keyring::Charlie.to_account_id(), KycLevel::L3),
			(Sr25519Keyring::Dave.to_account_id(), KycLevel::L2),
			(Sr25519Keyring::Eve.to_account_id(), KycLevel::L1),
			(Sr25519Keyring::Ferdie.to_account_id(), KycLevel::L1),
		],
		coupons: demo_coupons(),
		// One feeder: a price every 5 blocks (10 s) once its key is inserted.
		oracle: oracle_params(1, 5),
	})
}

/// Platform + partner banks, governed by their council; no sudo. Every party validates: with
/// four, GRANDPA (which needs more than two thirds of the voters) keeps finalizing while any one
/// is down.
fn consortium_network(
	platform: (Sr25519Keyring, Ed25519Keyring),
	banks: &[(Sr25519Keyring, Ed25519Keyring)],
	extra_endowed: Vec<AccountId>,
	extra_attested: Vec<(AccountId, KycLevel)>,
) -> Value {
	let validators: Vec<Validator> =
		core::iter::once(&platform).chain(banks).map(|(sr, ed)| validator(*sr, *ed)).collect();
	let council: Vec<AccountId> = validators.iter().map(|v| v.account.clone()).collect();
	let mut attested: Vec<(AccountId, KycLevel)> =
		council.iter().cloned().map(|a| (a, KycLevel::L3)).collect();
	attested.extend(extra_attested);
	genesis(Network {
		platform: platform.0.to_account_id(),
		attested,
		banks: banks.iter().map(|(sr, _)| sr.to_account_id()).collect(),
		stablecoin_holders: vec![],
		endowed: extra_endowed,
		council,
		validators,
		sudo: None,
		coupons: CouponGenesis::default(),
		// Three of the four operators must agree; a submission every 5 minutes.
		oracle: oracle_params(3, 150),
	})
}

/// `local_testnet`: platform (Alice), bank-a (Bob), bank-b (Charlie) and bank-c (Ferdie)
/// validate and govern; Dave (L2) and Eve (L1) are customers.
pub fn local_config_genesis() -> Value {
	consortium_network(
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		&[
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Ferdie, Ed25519Keyring::Ferdie),
		],
		vec![Sr25519Keyring::Dave.to_account_id(), Sr25519Keyring::Eve.to_account_id()],
		vec![
			(Sr25519Keyring::Dave.to_account_id(), KycLevel::L2),
			(Sr25519Keyring::Eve.to_account_id(), KycLevel::L1),
		],
	)
}

/// `staging`: the same four-party shape on its own keys (Dave, Eve, Ferdie, One — public
/// development keys: replace them before a real launch).
pub fn staging_config_genesis() -> Value {
	consortium_network(
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		&[
			(Sr25519Keyring::Eve, Ed25519Keyring::Eve),
			(Sr25519Keyring::Ferdie, Ed25519Keyring::Ferdie),
			(Sr25519Keyring::One, Ed25519Keyring::One),
		],
		vec![],
		vec![],
	)
}

/// The JSON of the preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		STAGING_RUNTIME_PRESET => staging_config_genesis(),
		_ => return None,
	};
	// A `serde_json::Value` always serializes.
	serde_json::to_vec(&patch).ok()
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(STAGING_RUNTIME_PRESET),
	]
}
