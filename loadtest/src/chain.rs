//! What the load test puts on chain: its accounts (genesis-funded, KYC-attested), the coupon
//! series it trades, and transactions signed here the way a wallet signs them.

use codec::Encode;
use genex_runtime::RuntimeCall;
use pallet_market::{OrderRequest, Side, TimeInForce};
use polkadot_sdk::{
	sp_core::{crypto::Ss58Codec, sr25519, Pair, H256},
	sp_crypto_hashing::blake2_256,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{AccountId32, MultiAddress},
};
use serde_json::{json, Value};

/// The native token's unit.
pub const UNIT: u128 = 1_000_000_000_000;
/// The stablecoin's unit.
pub const USD: u128 = genex_primitives::STABLECOIN_UNIT;
/// The stablecoin's asset id.
pub const STABLECOIN: u32 = genex_primitives::STABLECOIN_ASSET_ID;
/// The load series' id: the development chain's demo series is 0, the load series follows.
pub const SERIES: genex_primitives::SeriesId = 1;
/// Face value of one unit of the load series: 0.10 GUSD.
pub const FACE: u128 = USD / 10;
/// Its issue price and the price every trade of the run is made at: 0.09 GUSD.
pub const PRICE: u128 = USD / 100 * 9;
/// The market's tick (runtime `TickSize`): 0.01 GUSD.
pub const TICK: u128 = USD / 100;
/// Units each seller holds (L2 accounts may hold 1,000).
pub const SELLER_UNITS: u64 = 900;
/// GUSD every sender gets in genesis for the stablecoin transfers (10 GUSD).
const SENDER_USD: u128 = 10 * USD;
/// What one stablecoin transfer of the run moves: 0.01 GUSD.
const STABLE_AMOUNT: u128 = USD / 100;
/// Units every market maker holds in genesis of the load series and of the quote series (its
/// quote sheets' asks lock them).
pub const MAKER_UNITS: u64 = 32;
/// The series the market makers quote in the placements phase: face value 1.00 GUSD, issue
/// price 0.90 GUSD, so that a sheet has room for 32 bids on the ticks below its asks (the load
/// series' price of 0.09 GUSD leaves 8). Only the market makers hold it.
pub const QUOTE_SERIES: genex_primitives::SeriesId = 2;
/// The quote series' face value: 1.00 GUSD.
const QUOTE_FACE: u128 = USD;
/// The quote series' issue price, the middle of the market makers' sheets: 0.90 GUSD.
const QUOTE_PRICE: u128 = USD / 100 * 90;
/// The load series' issuer (Bob, a new issuer in tier 1) may have 10,000 GUSD of face value
/// outstanding: 100 sellers of 900 units of 0.10 GUSD and the market makers' units of both
/// series (9,563 GUSD at most).
pub const MAX_SELLERS: u32 = 100;
/// Market makers of one series (the runtime's `MaxMakersPerSeries`).
pub const MAX_MAKERS: u32 = 16;
/// Levels a quote sheet has a side at most (the runtime's `MaxQuoteLevels`); one unit each, so
/// its asks lock at most the `MAKER_UNITS` a maker holds.
const SIDE_LEVELS: u32 = 32;
/// Levels a quote sheet of the run can have: 32 bids and 32 asks.
pub const MAX_SHEET_LEVELS: u32 = 2 * SIDE_LEVELS;
/// When the genesis attestations expire (as the presets').
const ATTESTATION_EXPIRY: u64 = 1_893_456_000_000;

/// A load-test account.
#[derive(Clone)]
pub struct Account {
	/// Its key.
	pub pair: sr25519::Pair,
	/// Its account id.
	pub id: AccountId32,
	/// The next nonce this tool will sign with.
	pub nonce: u32,
}

impl Account {
	/// The account `role`/`index` (a seed hashed from both: the same on every run).
	pub fn derive(role: &str, index: u32) -> Self {
		let pair =
			sr25519::Pair::from_seed(&blake2_256(format!("genex-load/{role}/{index}").as_bytes()));
		let id = AccountId32::from(pair.public());
		Account { pair, id, nonce: 0 }
	}

	fn ss58(&self) -> String {
		self.id.to_ss58check()
	}
}

/// The accounts of one run, by role.
pub struct Accounts {
	/// Send balance transfers (L2, native token).
	pub senders: Vec<Account>,
	/// Hold coupons and rest asks (L2).
	pub sellers: Vec<Account>,
	/// Lift the asks one unit per order (L2, stablecoin).
	pub buyers: Vec<Account>,
	/// Join the market makers and place batches of bids (L3, stablecoin for the bond).
	pub makers: Vec<Account>,
}

impl Accounts {
	/// Derive the accounts of a run.
	pub fn new(senders: u32, sellers: u32, buyers: u32, makers: u32) -> Self {
		let make = |role: &str, n: u32| (0..n).map(|i| Account::derive(role, i)).collect();
		Accounts {
			senders: make("sender", senders),
			sellers: make("seller", sellers),
			buyers: make("buyer", buyers),
			makers: make("maker", makers),
		}
	}

	/// Add the accounts, their KYC levels, native and stablecoin funds, and the load series
	/// (issued by Bob, held by the sellers) to a development chain spec's genesis patch.
	pub fn patch_genesis(&self, spec: &mut Value) -> Result<(), String> {
		let genesis = &mut spec["genesis"]["runtimeGenesis"];
		let patch = if genesis.get("patch").is_some() {
			&mut genesis["patch"]
		} else {
			&mut genesis["config"]
		};
		let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
		let bob = Sr25519Keyring::Bob.to_account_id().to_ss58check();
		let push = |v: &mut Value, item: Value| -> Result<(), String> {
			v.as_array_mut().ok_or("genesis patch: expected a list")?.push(item);
			Ok(())
		};
		let roles: [(&Vec<Account>, &str, u128); 4] = [
			(&self.senders, "L2", SENDER_USD),
			(&self.sellers, "L2", USD),
			(&self.buyers, "L2", 100 * USD),
			(&self.makers, "L3", 20_000 * USD),
		];
		for (accounts, level, stablecoin) in roles {
			for a in accounts {
				let who = a.ss58();
				push(
					&mut patch["balances"]["balances"],
					json!([who, u64::try_from(10_000 * UNIT).unwrap_or(u64::MAX)]),
				)?;
				push(
					&mut patch["kyc"]["attestations"],
					json!([who, level, [85, 83], ATTESTATION_EXPIRY, alice]),
				)?;
				if stablecoin > 0 {
					push(
						&mut patch["assets"]["accounts"],
						json!([STABLECOIN, who, u64::try_from(stablecoin).unwrap_or(u64::MAX)]),
					)?;
				}
			}
		}
		push(&mut patch["issuers"]["issuers"], json!([bob, b"Genex Load Store".to_vec(), 5]))?;
		// The load series' face value (0.10 GUSD) is below the chain's default minimum (1 GUSD):
		// this chain allows it for digital coupons.
		patch["coupons"]["minFaceValue"] =
			json!([["Digital", u64::try_from(FACE).unwrap_or(u64::MAX)]]);
		let mut holders: Vec<Value> =
			self.sellers.iter().map(|s| json!([s.ss58(), SELLER_UNITS])).collect();
		let makers: Vec<Value> =
			self.makers.iter().map(|m| json!([m.ss58(), MAKER_UNITS])).collect();
		holders.extend(makers.iter().cloned());
		let units =
			SELLER_UNITS * self.sellers.len() as u64 + MAKER_UNITS * self.makers.len() as u64;
		push(
			&mut patch["coupons"]["series"],
			series(&bob, FACE, PRICE, "Genex load test series", units, holders),
		)?;
		if !makers.is_empty() {
			// The quote series (id 2: genesis series are numbered in order), held by the makers.
			let units = MAKER_UNITS * self.makers.len() as u64;
			push(
				&mut patch["coupons"]["series"],
				series(
					&bob,
					QUOTE_FACE,
					QUOTE_PRICE,
					"Genex load test quote series",
					units,
					makers,
				),
			)?;
		}
		Ok(())
	}
}

/// A genesis coupon series of `issuer` (digital, valid until the attestations expire): `units`
/// issued, all to `holders`.
fn series(
	issuer: &str,
	face: u128,
	price: u128,
	terms: &str,
	units: u64,
	holders: Vec<Value>,
) -> Value {
	json!([
		issuer,
		{
			"kind": "Digital",
			"face_value": u64::try_from(face).unwrap_or(u64::MAX),
			"issue_price": u64::try_from(price).unwrap_or(u64::MAX),
			"valid_from": 0,
			"valid_until": ATTESTATION_EXPIRY,
			"terms": terms.as_bytes().to_vec(),
			"cap": units,
		},
		units,
		holders
	])
}

/// What signing needs from the chain.
#[derive(Clone, Copy)]
pub struct ChainInfo {
	/// The genesis hash.
	pub genesis: H256,
}

/// A signed transaction ready to submit.
pub struct Tx {
	/// Its hash (blake2-256 of its encoding): how blocks are searched for it.
	pub hash: [u8; 32],
	/// Its encoding, hex.
	pub hex: String,
}

/// Sign `call` as `who` with its next nonce (immortal, no tip).
pub fn sign(chain: ChainInfo, who: &mut Account, call: RuntimeCall) -> Tx {
	let xt = genex_runtime::client::signed_extrinsic(&who.pair, call, who.nonce, chain.genesis);
	who.nonce = who.nonce.saturating_add(1);
	let bytes = xt.encode();
	Tx { hash: blake2_256(&bytes), hex: crate::rpc::to_hex(&bytes) }
}

/// A compliant stablecoin P2P transfer of 0.01 GUSD (sanctions, KYC limits and the Travel
/// Rule's rolling sum checked; fee-less within the sender's quota).
pub fn stable_transfer(to: &Account) -> RuntimeCall {
	RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer {
		dest: to.id.clone(),
		amount: STABLE_AMOUNT,
	})
}

/// A plain balance transfer of one unit (kept alive).
pub fn transfer(to: &Account) -> RuntimeCall {
	RuntimeCall::Balances(polkadot_sdk::pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(to.id.clone()),
		value: UNIT,
	})
}

fn request(side: Side, price: u128, units: u64, time_in_force: TimeInForce) -> OrderRequest {
	OrderRequest { side, price, units, time_in_force, post_only: false }
}

/// A seller's ask: all its units at the run's price, good till cancelled.
pub fn ask() -> RuntimeCall {
	RuntimeCall::Market(pallet_market::Call::place_order {
		series: SERIES,
		order: request(Side::Sell, PRICE, SELLER_UNITS, TimeInForce::GoodTillCancelled),
	})
}

/// A buyer's order: a market order for one unit, paying at most the run's price (one fill) —
/// how a wallet takes liquidity.
pub fn lift() -> RuntimeCall {
	RuntimeCall::Market(pallet_market::Call::place_market_order {
		series: SERIES,
		side: Side::Buy,
		units: 1,
		worst_price: PRICE,
	})
}

/// Join the market makers (posts the bond).
pub fn join() -> RuntimeCall {
	RuntimeCall::Market(pallet_market::Call::join_market_makers {})
}

/// A market maker's quote sheet of `n` (at most `MAX_SHEET_LEVELS`) one-unit levels on the
/// quote series, replacing its previous sheet: half (rounded up) bids on the ticks below 0.90
/// GUSD, the rest asks on the ticks above it. No one else trades the quote series, so nothing
/// crosses.
pub fn quotes(n: u32) -> RuntimeCall {
	let level = |price: u128| pallet_market::QuoteLevel { price, units: 1 };
	let n = n.min(MAX_SHEET_LEVELS);
	let bids = n.div_ceil(2);
	let bids = (0..bids).map(|i| level(QUOTE_PRICE - (u128::from(i) + 1) * TICK)).collect();
	let asks = (0..n / 2).map(|i| level(QUOTE_PRICE + (u128::from(i) + 1) * TICK)).collect();
	RuntimeCall::Market(pallet_market::Call::set_quotes { series: QUOTE_SERIES, bids, asks })
}
