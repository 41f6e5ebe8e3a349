//! `genex demo`: populate a fresh development chain with a living market in under a minute.
//!
//! The development preset's well-known accounts play the roles (`runtime/src/genesis_config_presets.rs`):
//!
//! | account   | role in the demo                                                              |
//! |-----------|-------------------------------------------------------------------------------|
//! | Alice     | the platform: sudo, KYC attestor, compliance officer, bank, council, market maker |
//! | Bob       | council; a new issuer (12 years in business), market maker                    |
//! | Charlie   | council; the genesis issuer (the demo store, series 0)                        |
//! | Dave      | a holder (KYC L2)                                                              |
//! | Eve       | the demo store's merchant, a holder (L1)                                       |
//! | Ferdie    | a retail trader (raised to L2)                                                 |
//! | //Grace   | a new issuer (1 year in business: a lower credit tier)                         |
//! | //Mallory | an account the sanctions list blocks                                           |
//!
//! Each stage submits its transactions at once (consecutive nonces per signer) and waits
//! until all are in a block, so a stage is one block (2 s). The demo refuses a chain that is
//! not a development chain (`//Alice` must be its sudo key) or that it populated already.

use crate::{
	chain::{Chain, Outcome, Wait},
	output::Report,
	roles::gov::{as_officer, call_name, list_version, proposed, Body},
	units::{format_amount, format_time, show_account, Currency},
	Context,
};
use codec::Encode;
use futures::future::join_all;
use genex_primitives::{market::Side, CouponKind, SeriesId, TravelRuleData, STABLECOIN_UNIT, UNIT};
use genex_reports::{fail, Error, Result};
use genex_runtime::RuntimeCall;
use pallet_coupons::SeriesTerms;
use pallet_market::{OrderRequest, QuoteLevel, TimeInForce};
use polkadot_sdk::{
	pallet_balances, pallet_utility,
	sp_core::{
		crypto::{AccountId32, Pair as _},
		sr25519, H256,
	},
};
use serde_json::{json, Value as Json};
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};
use subxt::rpcs::rpc_params;

/// One GUSD.
const USD: u128 = STABLECOIN_UNIT;
/// The genesis series of the demo store (Charlie's).
const STORE_SERIES: SeriesId = 0;
/// How long the expiring series is valid for, from its creation (ms).
const SHORT_VALIDITY_MS: u64 = 30_000;
/// How long the demo waits for a fresh oracle price at its end.
const ORACLE_WAIT: Duration = Duration::from_secs(30);

fn pair(uri: &str) -> Result<sr25519::Pair> {
	sr25519::Pair::from_string(uri, None).map_err(|_| Error(format!("{uri}: not a dev key")))
}

fn account(p: &sr25519::Pair) -> AccountId32 {
	p.public().into()
}

/// The cast: the development accounts.
struct Cast {
	alice: sr25519::Pair,
	bob: sr25519::Pair,
	charlie: sr25519::Pair,
	dave: sr25519::Pair,
	eve: sr25519::Pair,
	ferdie: sr25519::Pair,
	grace: sr25519::Pair,
	mallory: sr25519::Pair,
}

impl Cast {
	fn new() -> Result<Cast> {
		Ok(Cast {
			alice: pair("//Alice")?,
			bob: pair("//Bob")?,
			charlie: pair("//Charlie")?,
			dave: pair("//Dave")?,
			eve: pair("//Eve")?,
			ferdie: pair("//Ferdie")?,
			grace: pair("//Grace")?,
			mallory: pair("//Mallory")?,
		})
	}
}

/// A transaction of a stage: who signs, what, and what it means (one line for people).
struct Step<'a> {
	signer: &'a sr25519::Pair,
	call: RuntimeCall,
	says: String,
}

fn step(signer: &sr25519::Pair, call: RuntimeCall, says: impl Into<String>) -> Step<'_> {
	Step { signer, call, says: says.into() }
}

/// The demo's run: the chain, its clock, and what it has said.
struct Demo {
	chain: Chain,
	started: Instant,
	json: bool,
	log: Vec<Json>,
	transactions: usize,
	/// Names of the cast's accounts (SS58 → name), to say who is who.
	names: Vec<(String, &'static str)>,
}

impl Demo {
	fn say(&mut self, block: Option<u64>, text: &str) {
		let at = self.started.elapsed().as_secs_f64();
		if !self.json {
			let block = block.map_or("      ".to_string(), |b| format!("#{b:<5}"));
			println!("[{at:5.1} s] {block} {text}");
		}
		let at_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
		self.log.push(json!({ "at_ms": at_ms, "block": block, "what": text }));
	}

	/// Submit every step at once and wait until each is in a block; a step that fails ends the
	/// demo with its error.
	async fn stage(&mut self, steps: Vec<Step<'_>>) -> Result<Vec<Outcome>> {
		let mut nonces: BTreeMap<AccountId32, u32> = BTreeMap::new();
		let mut submissions = Vec::new();
		for s in &steps {
			let who = account(s.signer);
			let nonce = match nonces.get(&who) {
				Some(n) => *n,
				None => self.chain.next_nonce(&who).await?,
			};
			nonces.insert(who, nonce.saturating_add(1));
			submissions.push(self.chain.submit_at(s.signer, s.call.clone(), nonce, Wait::InBlock));
		}
		let results = join_all(submissions).await;
		let mut outcomes = Vec::new();
		for (s, result) in steps.iter().zip(results) {
			match result {
				Ok(outcome) => {
					// A call inside a motion, sudo or an officer's `execute` can fail while the
					// transaction lands: that is this step's failure.
					if let Err(e) = crate::roles::gov::inner_results(&self.chain, &outcome).await {
						fail!("{} ({}): {e}", s.says, call_name(&s.call));
					}
					self.transactions = self.transactions.saturating_add(1);
					self.say(Some(outcome.block.0), &s.says);
					for (name, fields) in &outcome.events {
						if name == "Issuers.Approved" {
							let issuer = fields.get("issuer").and_then(Json::as_str).unwrap_or("?");
							let limit = genex_reports::decode::uint0(fields, "limit");
							self.say(
								Some(outcome.block.0),
								&format!(
									"  approved {}: credit score {}, issuance limit {}",
									self.name(&genex_reports::decode::ss58(issuer)),
									fields.get("score").and_then(Json::as_u64).unwrap_or(0),
									gusd(limit)
								),
							);
						}
					}
					outcomes.push(outcome);
				},
				Err(e) => fail!("{} ({}): {e}", s.says, call_name(&s.call)),
			}
		}
		let mut blocks: Vec<u64> = outcomes.iter().map(|o| o.block.0).collect();
		blocks.sort_unstable();
		blocks.dedup();
		for number in blocks {
			self.auctions(number).await?;
		}
		Ok(outcomes)
	}

	/// The cast's name of an SS58 account, or the account.
	fn name(&self, ss58: &str) -> String {
		self.names
			.iter()
			.find(|(a, _)| a == ss58)
			.map_or_else(|| ss58.to_string(), |(_, n)| (*n).to_string())
	}

	/// Say what the batch auctions of block `number` cleared.
	async fn auctions(&mut self, number: u64) -> Result<()> {
		let block = genex_reports::node::block(&self.chain.node, number).await?;
		for e in block.events.iter().filter(|e| e.pallet == "Market" && e.name == "AuctionCleared")
		{
			let f = &e.fields;
			self.say(
				Some(number),
				&format!(
					"  the block's auction of series {} cleared {} unit(s) at {} ({} fills)",
					f.get("series").and_then(Json::as_u64).unwrap_or(0),
					f.get("volume").and_then(Json::as_u64).unwrap_or(0),
					gusd(genex_reports::decode::uint0(f, "price")),
					f.get("fills").and_then(Json::as_u64).unwrap_or(0)
				),
			);
		}
		Ok(())
	}

	/// The chain's clock: the best block's timestamp (ms).
	async fn now(&self) -> Result<u64> {
		let best = self.chain.best_number().await?;
		Ok(genex_reports::node::block(&self.chain.node, best).await?.timestamp_ms)
	}
}

fn market(call: pallet_market::Call<genex_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Market(call)
}

fn order(side: Side, price: u128, units: u64, time_in_force: TimeInForce) -> RuntimeCall {
	market(pallet_market::Call::place_order {
		series: STORE_SERIES,
		order: OrderRequest { side, price, units, time_in_force, post_only: false },
	})
}

fn quotes(bid: (u128, u64), ask: (u128, u64)) -> RuntimeCall {
	market(pallet_market::Call::set_quotes {
		series: STORE_SERIES,
		bids: vec![QuoteLevel { price: bid.0, units: bid.1 }],
		asks: vec![QuoteLevel { price: ask.0, units: ask.1 }],
	})
}

fn buy(listing: u64, units: u64, max_price: u128) -> RuntimeCall {
	market(pallet_market::Call::buy_listing { listing, units, max_price })
}

fn list_primary(series: SeriesId, units: u64) -> RuntimeCall {
	market(pallet_market::Call::list_primary { series, units })
}

fn attest(who: AccountId32, level: u8, jurisdiction: [u8; 2], expires_at: u64) -> RuntimeCall {
	RuntimeCall::Kyc(pallet_kyc::Call::attest {
		who,
		level,
		jurisdiction,
		expires_at,
		evidence: H256(polkadot_sdk::sp_crypto_hashing::blake2_256(b"demo KYC file")),
	})
}

fn series(
	kind: CouponKind,
	face: u128,
	price: u128,
	valid_until: u64,
	terms: &str,
	units: u64,
) -> RuntimeCall {
	RuntimeCall::Coupons(pallet_coupons::Call::create_series {
		terms: SeriesTerms {
			kind,
			face_value: face,
			issue_price: price,
			valid_from: 0,
			valid_until,
			terms: terms.as_bytes().to_vec(),
			cap: units,
			gift_card: false,
			jurisdiction: None,
		},
		units,
	})
}

/// A `u64` field of the first event `name` of `outcome`.
fn field(outcome: &Outcome, name: &str, key: &str) -> Result<u64> {
	outcome
		.event(name)
		.and_then(|f| f.get(key))
		.and_then(Json::as_u64)
		.ok_or_else(|| Error(format!("no {name} event with a {key}")))
}

/// Run the demo against the node of `ctx`.
pub async fn run(ctx: &Context) -> Result<Report> {
	let chain = ctx.chain().await?;
	let cast = Cast::new()?;
	// A development chain, not yet populated.
	let sudo: Option<AccountId32> = chain.read("Sudo", "Key", &[]).await?;
	if sudo.as_ref() != Some(&account(&cast.alice)) {
		fail!(
			"the demo plays with the development accounts and needs //Alice as the sudo key: \
			 {} is not a development chain (start one with ./scripts/run-dev.sh)",
			ctx.url()
		);
	}
	let bob_key = account(&cast.bob);
	if chain.exists("Issuers", "Issuers", &[bob_key.as_ref()]).await?
		|| chain.exists("Issuers", "Applications", &[bob_key.as_ref()]).await?
	{
		fail!(
			"this chain was populated already (Bob has applied as an issuer): the demo runs once on a fresh \
			 development chain (./scripts/run-dev.sh starts one with --tmp)"
		);
	}
	// A chain that has just started: the genesis block has no time, and the demo's dates
	// count from the chain's clock; wait for the first block.
	let deadline = Instant::now().checked_add(Duration::from_secs(60)).unwrap_or_else(Instant::now);
	while chain.best_number().await? < 1 {
		if Instant::now() > deadline {
			fail!("{} has produced no block in a minute: is it a validator?", ctx.url());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	// The demo prints its own lines, one per transaction.
	let mut chain = chain;
	chain.progress = false;
	let mut demo = Demo {
		chain,
		started: Instant::now(),
		json: ctx.json(),
		log: Vec::new(),
		transactions: 0,
		names: vec![
			(show_account(&account(&cast.bob)), "Bob (Harbor Books)"),
			(show_account(&account(&cast.grace)), "//Grace (Corner Cafe)"),
		],
	};
	demo.say(None, &format!("populating {} with the development accounts", ctx.url()));
	let now = demo.now().await?;
	let year = 365 * 24 * 3_600 * 1_000;
	let (alice, bob, charlie, dave, eve, ferdie, grace, mallory) = (
		&cast.alice,
		&cast.bob,
		&cast.charlie,
		&cast.dave,
		&cast.eve,
		&cast.ferdie,
		&cast.grace,
		&cast.mallory,
	);

	// The oracle's feeder key (Alice is the dev chain's feeder): the node's off-chain worker
	// prices the demo store's series from now on.
	let feeder: std::result::Result<Json, _> = demo
		.chain
		.node
		.rpc
		.request(
			"author_insertKey",
			rpc_params!["orcl", "//Alice", format!("0x{}", hex::encode(alice.public().0))],
		)
		.await;
	let feeding = feeder.is_ok();
	match feeder {
		Ok(_) => demo
			.say(None, "inserted the oracle feeder key (orcl, //Alice): the node prices series 0"),
		Err(e) => {
			demo.say(None, &format!("could not insert the oracle feeder key ({e}); no fresh price"))
		},
	}

	// 1. Onboarding: funds and KYC for the newcomers; Charlie opens a primary sale; Bob applies.
	let outcomes = demo
		.stage(vec![
			step(
				alice,
				RuntimeCall::Utility(pallet_utility::Call::batch_all {
					calls: vec![
						RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
							dest: account(grace).into(),
							value: 1_000 * UNIT,
						}),
						RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
							dest: account(mallory).into(),
							value: 100 * UNIT,
						}),
					],
				}),
				"Alice (the platform) funded //Grace and //Mallory with GNX for fees",
			),
			step(
				alice,
				RuntimeCall::Utility(pallet_utility::Call::batch_all {
					calls: vec![
						attest(account(grace), 3, *b"US", now.saturating_add(year)),
						attest(account(ferdie), 2, *b"DE", now.saturating_add(year)),
						attest(account(mallory), 1, *b"US", now.saturating_add(year)),
					],
				}),
				"Alice (KYC desk) attested //Grace L3, Ferdie L2, //Mallory L1",
			),
			step(
				charlie,
				list_primary(STORE_SERIES, 40),
				"Charlie (the demo store) listed 40 units of series 0 for primary sale at 45 GUSD",
			),
			step(bob, apply("Harbor Books"), "Bob applied to issue coupons as \"Harbor Books\""),
		])
		.await?;
	let store_listing = field(nth(&outcomes, 2)?, "Market.Listed", "listing")?;

	// 2. Grace applies; Alice and Bob become market makers; the primary sale sells.
	demo.stage(vec![
		step(grace, apply("Corner Cafe"), "//Grace applied to issue coupons as \"Corner Cafe\""),
		step(
			alice,
			market(pallet_market::Call::join_market_makers {}),
			"Alice joined the market makers",
		),
		step(
			bob,
			market(pallet_market::Call::join_market_makers {}),
			"Bob joined the market makers",
		),
		step(
			alice,
			buy(store_listing, 10, 45 * USD),
			"Alice bought 10 units of series 0 in the primary sale",
		),
		step(
			bob,
			buy(store_listing, 10, 45 * USD),
			"Bob bought 10 units of series 0 in the primary sale",
		),
		step(
			ferdie,
			buy(store_listing, 10, 45 * USD),
			"Ferdie bought 10 units of series 0 in the primary sale",
		),
	])
	.await?;

	// Prices around the reference the market's band is centred on: the oracle's fresh price
	// when the feeder runs, else the issue price (no band before the first trade).
	// With the feeder running, wait for its first price: quotes placed before it would be
	// judged against a band it then moves.
	let deadline = Instant::now().checked_add(ORACLE_WAIT).unwrap_or_else(Instant::now);
	let mut reference = oracle_price(&demo.chain).await;
	while feeding && reference.is_none() && Instant::now() < deadline {
		tokio::time::sleep(Duration::from_millis(500)).await;
		reference = oracle_price(&demo.chain).await;
	}
	let reference = reference.unwrap_or(45 * USD);
	let at = |percent: i64| price_at(reference, percent);
	demo.say(
		None,
		&format!(
			"the reference price of series 0 is {}: the makers quote around it (the band is ±10 %)",
			format_amount(reference, Currency::Gusd)
		),
	);

	// 3. The council votes on both applications (one motion); the makers post quote sheets;
	//    Charlie creates a short-lived digital series and a financial one.
	let approvals = RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![
			RuntimeCall::Issuers(pallet_issuers::Call::approve {
				applicant: account(bob),
				years_in_business: 12,
			}),
			RuntimeCall::Issuers(pallet_issuers::Call::approve {
				applicant: account(grace),
				years_in_business: 1,
			}),
		],
	});
	let now = demo.now().await?;
	let short_until = now.saturating_add(SHORT_VALIDITY_MS);
	let outcomes = demo
		.stage(vec![
			step(
				alice,
				RuntimeCall::Council(polkadot_sdk::pallet_collective::Call::propose {
					threshold: 2,
					length_bound: u32::try_from(approvals.encoded_size()).unwrap_or(u32::MAX),
					proposal: Box::new(approvals),
				}),
				"Alice proposed to the council: approve Harbor Books (12 years) and Corner Cafe (1 year)",
			),
			step(
				alice,
				quotes((at(-1), 5), (at(1), 5)),
				format!("Alice quoted series 0: bid 5 @ {}, ask 5 @ {}", gusd(at(-1)), gusd(at(1))),
			),
			step(
				bob,
				quotes((at(-2), 5), (at(2), 5)),
				format!("Bob quoted series 0: bid 5 @ {}, ask 5 @ {}", gusd(at(-2)), gusd(at(2))),
			),
			step(
				charlie,
				series(CouponKind::Digital, 10 * USD, 9 * USD, short_until, "Flash sale: one streaming month", 20),
				format!(
					"Charlie created a digital series: 20 units, face 10, valid until {} (30 s)",
					format_time(short_until)
				),
			),
			step(
				charlie,
				series(
					CouponKind::Financial,
					100 * USD,
					97 * USD,
					now.saturating_add(90 * 24 * 3_600 * 1_000),
					"Demo store 90-day note: 100 GUSD of goods at maturity",
					40,
				),
				"Charlie created a financial series: 40 notes, face 100, sold at 97 GUSD, 90 days",
			),
		])
		.await?;
	let (_, motion_hash) = proposed(nth(&outcomes, 0)?, Body::Council)
		.ok_or_else(|| Error("the council motion was not proposed".into()))?;
	let motion_index = field(nth(&outcomes, 0)?, "Council.Proposed", "proposal_index")?;
	let short_series = field(nth(&outcomes, 3)?, "Coupons.SeriesCreated", "series")?;
	let note_series = field(nth(&outcomes, 4)?, "Coupons.SeriesCreated", "series")?;
	let motion = crate::roles::wallet::parse_hash(&motion_hash)?;

	// 4. Alice and Charlie vote aye (two of the three members); the first retail trade (Ferdie sells into the bids); a P2P
	//    transfer; Charlie lists the new series.
	let outcomes = demo
		.stage(vec![
			step(alice, aye(motion, motion_index), format!("Alice voted aye on council motion #{motion_index}")),
			step(charlie, aye(motion, motion_index), format!("Charlie voted aye on council motion #{motion_index}")),
			step(
				ferdie,
				order(Side::Sell, at(-2), 3, TimeInForce::ImmediateOrCancel),
				format!("Ferdie sold 3 units of series 0 into the bids (immediate-or-cancel, at least {})", gusd(at(-2))),
			),
			step(
				dave,
				RuntimeCall::Coupons(pallet_coupons::Call::transfer {
					series: STORE_SERIES,
					dest: account(eve),
					units: 2,
				}),
				"Dave gave Eve 2 units of series 0 (P2P)",
			),
			step(charlie, list_primary(short_series, 20), format!("Charlie listed 20 units of series {short_series} at 9 GUSD")),
			step(charlie, list_primary(note_series, 30), format!("Charlie listed 30 notes of series {note_series} at 97 GUSD")),
		])
		.await?;
	let short_listing = field(nth(&outcomes, 4)?, "Market.Listed", "listing")?;
	let note_listing = field(nth(&outcomes, 5)?, "Market.Listed", "listing")?;

	// 5. The council closes the motion (both issuers approved); Dave lifts the asks; a
	//    Travel-Rule transfer; the short series and the note sell.
	let travel = TravelRuleData {
		payload_commitment: H256(polkadot_sdk::sp_crypto_hashing::blake2_256(b"IVMS101 payload")),
		originator_vasp: b"GENEX-PLATFORM"
			.to_vec()
			.try_into()
			.map_err(|_| Error("VASP id".into()))?,
		beneficiary_vasp: b"HARBOR-BANK"
			.to_vec()
			.try_into()
			.map_err(|_| Error("VASP id".into()))?,
	};
	let motion_call = {
		let motions = crate::roles::gov::motions(&demo.chain, Body::Council).await?;
		let m = motions
			.iter()
			.find(|m| m.hash == motion)
			.ok_or_else(|| Error(format!("council motion #{motion_index} is not open")))?;
		Body::Council.close(m)
	};
	demo.stage(vec![
		step(
			alice,
			motion_call,
			format!(
				"Alice closed motion #{motion_index}: Harbor Books and Corner Cafe are issuers"
			),
		),
		step(
			dave,
			order(Side::Buy, at(1), 4, TimeInForce::GoodTillCancelled),
			format!("Dave bid for 4 units of series 0 at up to {} (a limit order)", gusd(at(1))),
		),
		step(
			alice,
			RuntimeCall::Stablecoin(pallet_stablecoin::Call::transfer_with_travel_rule {
				dest: account(bob),
				amount: 5_000 * USD,
				travel_rule: travel,
			}),
			"Alice sent Bob 5,000 GUSD with Travel-Rule data (the threshold is 3,000)",
		),
		step(
			eve,
			buy(short_listing, 5, 9 * USD),
			format!("Eve bought 5 units of series {short_series}"),
		),
		step(
			ferdie,
			buy(short_listing, 5, 9 * USD),
			format!("Ferdie bought 5 units of series {short_series}"),
		),
		step(
			dave,
			buy(note_listing, 2, 97 * USD),
			format!("Dave bought 2 notes of series {note_series}"),
		),
	])
	.await?;

	// 6. The new issuers create their series; Ferdie lifts the asks; Dave redeems a coupon at
	//    the demo store's till (Eve): he signs, the merchant submits, neither pays a fee.
	let now = demo.now().await?;
	let outcomes = demo
		.stage(vec![
			step(
				bob,
				RuntimeCall::Issuers(pallet_issuers::Call::deposit { amount: 2_000 * USD }),
				"Bob deposited 2,000 GUSD of collateral (his limit rises by 5× that)",
			),
			step(
				bob,
				RuntimeCall::Issuers(pallet_issuers::Call::set_escrow_share {
					share: polkadot_sdk::sp_runtime::Perbill::from_percent(20),
				}),
				"Bob keeps 20 % of his sale proceeds in escrow for holders (score +10)",
			),
			step(
				bob,
				series(
					CouponKind::Physical,
					20 * USD,
					18 * USD,
					now.saturating_add(180 * 24 * 3_600 * 1_000),
					"Harbor Books: a printed voucher for any book",
					100,
				),
				"Bob (Harbor Books) created a physical series: 100 units, face 20, sold at 18 GUSD, 180 days",
			),
			step(
				grace,
				series(
					CouponKind::Digital,
					5 * USD,
					4 * USD,
					now.saturating_add(60 * 24 * 3_600 * 1_000),
					"Corner Cafe: one coffee",
					100,
				),
				"//Grace (Corner Cafe) created a digital series: 100 units, face 5, sold at 4 GUSD, 60 days",
			),
			step(
				ferdie,
				order(Side::Buy, at(2), 2, TimeInForce::ImmediateOrCancel),
				format!("Ferdie bought 2 units of series 0 (immediate-or-cancel, at most {})", gusd(at(2))),
			),
		])
		.await?;
	let books = field(nth(&outcomes, 2)?, "Coupons.SeriesCreated", "series")?;
	let cafe = field(nth(&outcomes, 3)?, "Coupons.SeriesCreated", "series")?;
	let receipt = redeem(&mut demo, dave, eve).await?;

	// 7. The sanctions list blocks //Mallory; the new issuers open their primary sales.
	let version = list_version(&demo.chain).await?.saturating_add(1);
	let outcomes = demo
		.stage(vec![
			step(
				alice,
				as_officer(RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
					version,
					source_digest: H256(polkadot_sdk::sp_crypto_hashing::blake2_256(
						b"SDN list, demo",
					)),
					add: vec![account(mallory)],
					remove: Vec::new(),
				})),
				format!("Alice (compliance officer) blocked //Mallory: sanctions list v{version}"),
			),
			step(bob, list_primary(books, 100), format!("Bob listed 100 units of series {books}")),
			step(
				grace,
				list_primary(cafe, 50),
				format!("//Grace listed 50 units of series {cafe}"),
			),
		])
		.await?;
	let books_listing = field(nth(&outcomes, 1)?, "Market.Listed", "listing")?;
	let cafe_listing = field(nth(&outcomes, 2)?, "Market.Listed", "listing")?;

	// 8. Buyers of the new series; //Mallory is refused at the door.
	demo.stage(vec![
		step(
			dave,
			buy(books_listing, 3, 18 * USD),
			format!("Dave bought 3 units of series {books}"),
		),
		step(eve, buy(cafe_listing, 4, 4 * USD), format!("Eve bought 4 units of series {cafe}")),
	])
	.await?;
	let refused = demo
		.chain
		.submit(
			mallory,
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: account(dave).into(),
				value: UNIT,
			}),
			Wait::InBlock,
		)
		.await;
	match refused {
		Ok(o) => fail!("//Mallory is blocked, yet a transfer landed in block #{}", o.block.0),
		Err(e) => demo.say(None, &format!("//Mallory tried to send Dave 1 GNX: {e}")),
	}

	// 9. The short series expires: its units can no longer move.
	let deadline = Instant::now().checked_add(Duration::from_secs(90)).unwrap_or_else(Instant::now);
	while demo.now().await? < short_until {
		if Instant::now() > deadline {
			fail!("the chain's clock did not pass {} in time", format_time(short_until));
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let expired = demo
		.chain
		.submit(
			eve,
			RuntimeCall::Coupons(pallet_coupons::Call::transfer {
				series: short_series,
				dest: account(dave),
				units: 1,
			}),
			Wait::InBlock,
		)
		.await;
	match expired {
		Ok(o) => {
			fail!("series {short_series} expired, yet a transfer landed in block #{}", o.block.0)
		},
		Err(e) => demo.say(
			None,
			&format!(
				"series {short_series} expired at {}: Eve's transfer refused: {e}; its 10 units in \
				 holders' hands are breakage, booked by the hourly expiry sweep \
				 (genex issuer stats --series {short_series})",
				format_time(short_until)
			),
		),
	}

	// 10. A fresh oracle price for series 0 (the off-chain worker prices every 5 blocks).
	let deadline = Instant::now().checked_add(ORACLE_WAIT).unwrap_or_else(Instant::now);
	let price = loop {
		let p = oracle_price(&demo.chain).await;
		if p.is_some() || Instant::now() > deadline {
			break p;
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	};
	match price {
		Some(p) => {
			demo.say(None, &format!("the oracle's fresh reference price for series 0: {}", gusd(p)))
		},
		None => demo.say(
			None,
			"no fresh oracle price (the feeder key could not be inserted, or the worker is late)",
		),
	}

	// The issuers' credit: new issuers start in tier 1 (their score has only years in
	// business and escrow until redemptions are sampled); deposits raise the limit.
	let mut credit = Vec::new();
	for (who, name) in [
		(charlie, "Charlie (demo store)"),
		(bob, "Bob (Harbor Books)"),
		(grace, "//Grace (Corner Cafe)"),
	] {
		let report = genex_rpc::coupons::CouponsRpcClient::<H256>::issuer_credit(
			&demo.chain.rpc,
			account(who),
			None,
		)
		.await
		.map_err(crate::roles::rpc_error("cannot read an issuer's credit"))?;
		let Some(r) = report else { continue };
		let r = serde_json::to_value(&r).map_err(|e| Error::new("credit report", e))?;
		let line = format!(
			"{name}: score {}, tier {}, issuance limit {}, outstanding {}",
			r.get("score").and_then(Json::as_u64).unwrap_or(0),
			r.get("tier").and_then(Json::as_u64).unwrap_or(0),
			gusd(genex_reports::decode::uint0(&r, "limit")),
			gusd(genex_reports::decode::uint0(&r, "outstandingFace"))
		);
		demo.say(None, &line);
		credit.push(r);
	}

	let elapsed = demo.started.elapsed().as_secs_f64();
	let text = format!(
		"populated in {elapsed:.1} s: {} transactions; issuers Charlie, Bob ({}), //Grace ({}); \
		 series 0 (digital), {short_series} (expired), {note_series} (financial), {books} \
		 (physical), {cafe} (digital); receipt {receipt}\nsee it: https://polkadot.js.org/apps/?rpc={}#/explorer — or \
		 `genex wallet balance //Dave`, `genex issuer credit //Bob`, `genex wallet order list //Dave`",
		demo.transactions,
		show_account(&account(bob)),
		show_account(&account(grace)),
		ctx.url().replace(':', "%3A").replace('/', "%2F"),
	);
	Ok(Report {
		text,
		json: json!({
			"milliseconds": u64::try_from(demo.started.elapsed().as_millis()).unwrap_or(u64::MAX),
			"transactions": demo.transactions,
			"series": { "store": STORE_SERIES, "expired": short_series, "note": note_series, "books": books, "cafe": cafe },
			"receipt": receipt,
			"oracle_price": price.map(|p| p.to_string()),
			"credit": credit,
			"steps": demo.log,
		}),
	})
}

/// An application to issue as `name` (its documents' hash: of the name, for the demo).
fn apply(name: &str) -> RuntimeCall {
	RuntimeCall::Issuers(pallet_issuers::Call::apply {
		name: name.as_bytes().to_vec(),
		documents: H256(polkadot_sdk::sp_crypto_hashing::blake2_256(name.as_bytes())),
	})
}

/// An aye on council motion `hash` (`index`).
fn aye(hash: H256, index: u64) -> RuntimeCall {
	RuntimeCall::Council(polkadot_sdk::pallet_collective::Call::vote {
		proposal: hash,
		index: u32::try_from(index).unwrap_or(u32::MAX),
		approve: true,
	})
}

fn gusd(amount: u128) -> String {
	format_amount(amount, Currency::Gusd)
}

/// `reference` moved by `percent` %, rounded to the cent.
fn price_at(reference: u128, percent: i64) -> u128 {
	let cent = USD / 100;
	let moved = if percent >= 0 {
		reference.saturating_mul(100u128.saturating_add(percent.unsigned_abs().into())) / 100
	} else {
		reference.saturating_mul(100u128.saturating_sub(percent.unsigned_abs().into())) / 100
	};
	let cents = moved.saturating_add(cent / 2).checked_div(cent).unwrap_or_default();
	cents.saturating_mul(cent)
}

/// The oracle's reference price for series 0, when fresh.
async fn oracle_price(chain: &Chain) -> Option<u128> {
	let p: Option<Json> =
		chain.node.rpc.request("genex_oraclePrice", rpc_params![STORE_SERIES]).await.ok().flatten();
	let p = p?;
	if p.get("status").and_then(Json::as_str) != Some("Fresh") {
		return None;
	}
	p.get("price").and_then(Json::as_str).and_then(|a| a.parse().ok())
}

/// The outcome of step `i` of a stage.
fn nth(outcomes: &[Outcome], i: usize) -> Result<&Outcome> {
	outcomes.get(i).ok_or_else(|| Error(format!("the stage has no step {i}")))
}

/// Dave redeems one unit of series 0 at the store's merchant Eve: he signs a code, she
/// submits it through the node; returns the receipt number.
async fn redeem(demo: &mut Demo, holder: &sr25519::Pair, merchant: &sr25519::Pair) -> Result<u64> {
	use genex_rpc::coupons::CouponsRpcClient;
	let best = u32::try_from(demo.chain.best_number().await?).unwrap_or(u32::MAX);
	let authorization = crate::redemption::Authorization {
		holder: account(holder),
		series: STORE_SERIES,
		units: 1,
		merchant: account(merchant),
		nonce: u64::from(best),
		valid_until: best.saturating_add(genex_primitives::time::MINUTES),
	};
	let code = crate::redemption::sign(holder, demo.chain.genesis, &authorization);
	let (a, signature) = crate::redemption::read(&code)?;
	let hash =
		CouponsRpcClient::<H256>::submit_redemption(&demo.chain.rpc, a, signature.encode().into())
			.await
			.map_err(crate::roles::rpc_error("the node refused the redemption"))?;
	let outcome = demo.chain.follow(hash, Wait::InBlock).await?;
	let receipt = field(&outcome, "Redemption.Redeemed", "receipt")?;
	demo.transactions = demo.transactions.saturating_add(1);
	demo.say(
		Some(outcome.block.0),
		&format!(
			"Dave redeemed 1 unit of series 0 at the store's till (Eve): receipt {receipt}, no fee"
		),
	);
	Ok(receipt)
}
