//! Benchmarks (frame-benchmarking v2), each at its worst case. Every account is KYC L3 and
//! funded; the treasury holds the stablecoin's minimum balance, as the runtime's genesis gives
//! it.

use super::*;
use crate::Pallet as Market;
use alloc::{vec, vec::Vec};
use genex_primitives::{
	CouponKind, CouponLedger, CreditLimit, KycLevel, KycProvider, SeriesId, Settlement,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{EnsureOrigin, Get},
		BoundedVec,
	},
	frame_system::RawOrigin,
	sp_runtime::Permill,
};

/// Stablecoin every benchmark account gets.
const FUNDS: Balance = 1_000_000_000_000_000_000;
/// Units every maker gets.
const MAKER_UNITS: u64 = 100;

fn l3<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	T::Kyc::set_level(&who, KycLevel::L3);
	T::Settlement::fund(&who, FUNDS);
	who
}

/// A series of an L3 issuer holding plenty of units; the treasury funded with what the
/// runtime's genesis gives it.
fn series<T: Config>() -> (SeriesId, T::AccountId) {
	let issuer = l3::<T>("issuer", 0);
	T::Credit::make_issuer(&issuer, FUNDS);
	let id = T::Coupons::make_series(&issuer, &issuer, 10_000, CouponKind::Digital);
	T::Settlement::fund(&T::Treasury::get(), T::TickSize::get());
	(id, issuer)
}

/// Give `who` `units` of `series` from the issuer.
fn give<T: Config>(series: SeriesId, issuer: &T::AccountId, who: &T::AccountId, units: u64) {
	T::Coupons::lock(series, issuer, units).expect("the issuer holds enough; qed");
	T::Coupons::deliver(series, issuer, who, units).expect("an L3 account may hold them; qed");
}

/// A price on the tick near the series' issue price, plus `steps` ticks.
fn price<T: Config>(series: SeriesId, steps: u32) -> Balance {
	let tick = T::TickSize::get();
	let issue = T::Coupons::info(series).map(|i| i.issue_price).unwrap_or(tick);
	(issue / tick).max(1).saturating_add(steps.into()).saturating_mul(tick)
}

fn gtc(side: Side, price: Balance, units: u64) -> OrderRequest {
	OrderRequest {
		side,
		price,
		units,
		time_in_force: TimeInForce::GoodTillCancelled,
		post_only: false,
	}
}

/// Place `req` for `who` on `series` (checks and custody, queued for the block's auction).
fn place<T: Config>(
	who: &T::AccountId,
	series: SeriesId,
	req: OrderRequest,
) -> Result<OrderKey, BenchmarkError> {
	Ok(Market::<T>::do_place(who, series, req, false)?.0)
}

/// `n` asks of one unit by `n` makers, each at its own price level (ascending), resting.
fn asks<T: Config>(series: SeriesId, issuer: &T::AccountId, n: u32) -> Result<(), BenchmarkError> {
	for i in 0..n {
		let maker = l3::<T>("maker", i);
		give::<T>(series, issuer, &maker, 1);
		place::<T>(&maker, series, gtc(Side::Sell, price::<T>(series, i), 1))?;
	}
	Market::<T>::run_auctions();
	Ok(())
}

/// A market maker with a full quote sheet on `series` in force, both sides of `levels`
/// levels, bids below and asks from `price(series, ask_from)` up.
fn maker_with_sheet<T: Config>(
	series: SeriesId,
	issuer: &T::AccountId,
	i: u32,
	levels: u32,
	ask_from: u32,
) -> Result<T::AccountId, BenchmarkError> {
	let mm = l3::<T>("mm", i);
	give::<T>(series, issuer, &mm, levels.into());
	Market::<T>::do_join(&mm)?;
	let tick = T::TickSize::get();
	let bids = (0..levels)
		.map(|l| QuoteLevel {
			price: price::<T>(series, 0).saturating_sub(Balance::from(l + 1) * tick),
			units: 1,
		})
		.collect();
	let asks = (0..levels)
		.map(|l| QuoteLevel { price: price::<T>(series, ask_from + l), units: 1 })
		.collect();
	Market::<T>::do_set_quotes(&mm, series, bids, asks)?;
	next_block::<T>();
	Market::<T>::run_auctions();
	Ok(mm)
}

/// Move to the next block (sheets staged in this one come into force at the next auction).
fn next_block<T: Config>() {
	let n = polkadot_sdk::frame_system::Pallet::<T>::block_number() + 1u32.into();
	polkadot_sdk::frame_system::Pallet::<T>::set_block_number(n);
	<Market<T> as polkadot_sdk::frame_support::traits::Hooks<_>>::on_initialize(n);
}

/// Three bids of three L3 bidders on one level, resting.
fn three_bids<T: Config>() -> Result<Vec<OrderKey>, BenchmarkError> {
	let (series, _) = series::<T>();
	let p = price::<T>(series, 0);
	let mut keys = Vec::new();
	for i in 0..3 {
		let who = l3::<T>("bidder", i);
		keys.push(place::<T>(&who, series, gtc(Side::Buy, p, 1))?);
	}
	Market::<T>::run_auctions();
	Ok(keys)
}

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A buy placed: checked, its price frozen, queued; the first of its series this block.
	#[benchmark]
	fn place_order() -> Result<(), BenchmarkError> {
		let (series, _) = series::<T>();
		Markets::<T>::insert(
			series,
			SeriesMarket { last_price: Some(price::<T>(series, 0)), ..Default::default() },
		);
		let taker = l3::<T>("taker", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(taker.clone()), series, gtc(Side::Buy, price::<T>(series, 0), 10));
		assert_eq!(Pending::<T>::get(series).len(), 1);
		Ok(())
	}

	/// A market maker replaces a sheet in force with one of `b` bids and `a` asks.
	#[benchmark]
	fn set_quotes(
		b: Linear<0, { T::MaxQuoteLevels::get() }>,
		a: Linear<1, { T::MaxQuoteLevels::get() }>,
	) -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		let mm = maker_with_sheet::<T>(series, &issuer, 0, T::MaxQuoteLevels::get(), 1)?;
		// Units for the new sheet's asks on top of those the sheet in force locks.
		give::<T>(series, &issuer, &mm, 2 * u64::from(T::MaxQuoteLevels::get()));
		let tick = T::TickSize::get();
		let bids: Vec<QuoteLevel> = (0..b)
			.map(|l| QuoteLevel {
				price: price::<T>(series, 0).saturating_sub(Balance::from(l + 1) * tick),
				units: 2,
			})
			.collect();
		let asks: Vec<QuoteLevel> =
			(0..a).map(|l| QuoteLevel { price: price::<T>(series, 1 + l), units: 2 }).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(mm.clone()), series, bids, asks);
		assert!(Sheets::<T>::get(&mm, series).is_some_and(|s| s.staged.is_some()));
		Ok(())
	}

	/// A bid cancelled from the middle of a level (a buy: its freeze thawed).
	#[benchmark]
	fn cancel_order() -> Result<(), BenchmarkError> {
		let keys = three_bids::<T>()?;
		let owner: T::AccountId = account("bidder", 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), keys[1]);
		assert_eq!(Market::<T>::order_status(keys[1]), crate::OrderStatus::Gone);
		Ok(())
	}

	/// One series' auction: `p` pending bids of `p` accounts against `r` resting asks of `r`
	/// accounts, each on its own level (every ask fills; each level and price list written),
	/// and `q` market makers' full sheets in force, each trading its best ask (every maker
	/// settles and its sheet is written back). The ranges are the sizes an auction meets: the
	/// component not varied sits at its maximum, so small maxima keep one component's cost
	/// from drowning in another's noise. `r` is reached by one taker's auction through what
	/// it paid (`MaxFills` for the order and as many for the series) and the block's spare
	/// weight (`MaxSpareReach`; this block has nothing else in it); the check after the block
	/// fails the benchmark if the budget ever left a resting ask behind.
	/// The weight each order pays for its auction is derived from this
	/// ([`crate::Pallet::auction_share`]).
	#[benchmark]
	fn clear(
		p: Linear<1, 16>,
		r: Linear<0, 16>,
		q: Linear<0, { T::MaxMakersPerSeries::get() }>,
	) -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		asks::<T>(series, &issuer, r)?;
		// Sheets: bids below the resting asks, asks from the bids' limit up (the first trades).
		for i in 0..q {
			maker_with_sheet::<T>(series, &issuer, i, T::MaxQuoteLevels::get(), r)?;
		}
		next_block::<T>();
		// The bids share the resting asks and each sheet's best ask (the last takes what the
		// others leave).
		let limit = price::<T>(series, r);
		let each = u64::from(r + q) / u64::from(p) + 1;
		for i in 0..p {
			let who = l3::<T>("taker", i);
			place::<T>(&who, series, gtc(Side::Buy, limit, each))?;
		}
		#[block]
		{
			Market::<T>::run_auctions();
		}
		// Every resting ask and every sheet's best ask traded.
		assert!(Prices::<T>::get((series, Side::Sell)).is_empty());
		for i in 0..q {
			let mm: T::AccountId = account("mm", i, 0);
			let sheet = Sheets::<T>::get(&mm, series).ok_or(BenchmarkError::Stop("no sheet"))?;
			assert_eq!(sheet.active.asks.len() as u32, T::MaxQuoteLevels::get() - 1);
		}
		Ok(())
	}

	/// A fixed-price listing after a trade (the band's reference exists).
	#[benchmark]
	fn list() -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		Markets::<T>::insert(
			series,
			SeriesMarket { last_price: Some(price::<T>(series, 0)), ..Default::default() },
		);
		let seller = l3::<T>("seller", 0);
		give::<T>(series, &issuer, &seller, MAKER_UNITS);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()), series, MAKER_UNITS, price::<T>(series, 0));
		assert_eq!(T::Coupons::locked(series, &seller), MAKER_UNITS);
		Ok(())
	}

	/// The issuer's fixed-price listing bought in part: fees on both sides, the issuer's
	/// escrow share paid, both sides' limits counted.
	#[benchmark]
	fn buy_listing() -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		Market::<T>::do_list(&issuer, series, MAKER_UNITS, Some(price::<T>(series, 0)))?;
		let buyer = l3::<T>("buyer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), 0, 1, price::<T>(series, 0));
		assert_eq!(T::Coupons::balance(series, &buyer), 1);
		Ok(())
	}

	#[benchmark]
	fn cancel_listing() -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		let seller = l3::<T>("seller", 0);
		give::<T>(series, &issuer, &seller, MAKER_UNITS);
		Market::<T>::do_list(&seller, series, MAKER_UNITS, Some(price::<T>(series, 0)))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()), 0);
		assert_eq!(T::Coupons::locked(series, &seller), 0);
		Ok(())
	}

	#[benchmark]
	fn join_market_makers() {
		series::<T>();
		let who = l3::<T>("mm", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(MarketMakers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn leave_market_makers() -> Result<(), BenchmarkError> {
		series::<T>();
		let who = l3::<T>("mm", 0);
		Market::<T>::do_join(&who)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!MarketMakers::<T>::contains_key(&who));
		Ok(())
	}

	/// A market maker with `n` quote sheets removed, part of its bond slashed.
	#[benchmark]
	fn remove_market_maker(
		n: Linear<0, { T::MaxSheetsPerMaker::get() }>,
	) -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		let mm = l3::<T>("mm", 0);
		Market::<T>::do_join(&mm)?;
		give::<T>(series, &issuer, &mm, MAKER_UNITS);
		for i in 0..n {
			let id = if i == 0 {
				series
			} else {
				T::Coupons::make_series(&issuer, &issuer, 10_000, CouponKind::Digital)
			};
			if i > 0 {
				give::<T>(id, &issuer, &mm, MAKER_UNITS);
			}
			let bid = QuoteLevel { price: price::<T>(id, 0), units: 1 };
			let ask = QuoteLevel { price: price::<T>(id, 1), units: 1 };
			Market::<T>::do_set_quotes(&mm, id, vec![bid], vec![ask])?;
			// Sheets stage one auction per series and block: move on.
			next_block::<T>();
			Market::<T>::run_auctions();
		}
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, mm.clone(), Permill::from_percent(10));
		assert_eq!(SheetCount::<T>::get(&mm), 0);
		Ok(())
	}

	#[benchmark]
	fn slash_market_maker() -> Result<(), BenchmarkError> {
		series::<T>();
		let mm = l3::<T>("mm", 0);
		Market::<T>::do_join(&mm)?;
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			mm.clone(),
			Permill::from_percent(10),
			Breach::Other(Default::default()),
		);
		assert!(MarketMakers::<T>::get(&mm).is_some_and(|b| b < T::MarketMakerBond::get()));
		Ok(())
	}

	/// The sanctions pallet's hook: the account is queued for purging.
	#[benchmark]
	fn on_blocked() {
		let who: T::AccountId = account("sdn", 0, 0);
		#[block]
		{
			<Market<T> as genex_primitives::OnBlocked<T::AccountId>>::on_blocked(&who);
		}
		assert!(PurgeQueue::<T>::contains_key(&who));
	}

	/// A market maker with a sheet of `n` levels a side in force.
	#[benchmark]
	fn check_obligations(n: Linear<1, { T::MaxQuoteLevels::get() }>) -> Result<(), BenchmarkError> {
		let (series, issuer) = series::<T>();
		let mm = maker_with_sheet::<T>(series, &issuer, 0, n, 1)?;
		let caller = l3::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), mm, series);
		Ok(())
	}

	#[benchmark]
	fn request_affiliation() {
		let (_, issuer) = series::<T>();
		let affiliate: T::AccountId = account("affiliate", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(affiliate.clone()), issuer);
		assert!(AffiliationRequests::<T>::contains_key(&affiliate));
	}

	#[benchmark]
	fn add_affiliate() -> Result<(), BenchmarkError> {
		let (_, issuer) = series::<T>();
		let affiliate: T::AccountId = account("affiliate", 0, 0);
		Market::<T>::do_request_affiliation(affiliate.clone(), issuer.clone())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), affiliate.clone());
		assert!(Affiliates::<T>::contains_key(&affiliate));
		Ok(())
	}

	#[benchmark]
	fn remove_affiliate() -> Result<(), BenchmarkError> {
		let (_, issuer) = series::<T>();
		let affiliate: T::AccountId = account("affiliate", 0, 0);
		Market::<T>::do_add_affiliate(issuer, affiliate.clone())?;
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, affiliate.clone());
		assert!(!Affiliates::<T>::contains_key(&affiliate));
		Ok(())
	}

	#[benchmark]
	fn set_fees() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let fees = FeeRates { maker: T::MaxFee::get(), taker: T::MaxFee::get() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fees);
		assert_eq!(Fees::<T>::get(), fees);
		Ok(())
	}

	#[benchmark]
	fn set_risk() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let risk = RiskParams { band: Permill::from_percent(5), ..RiskParams::default() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, risk);
		assert_eq!(Risk::<T>::get(), risk);
		Ok(())
	}

	#[benchmark]
	fn set_obligations() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let duty = Obligations { min_depth: 5, max_spread: Permill::from_percent(3) };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, duty);
		assert_eq!(MakerObligations::<T>::get(), duty);
		Ok(())
	}

	#[benchmark]
	fn set_halt() -> Result<(), BenchmarkError> {
		let (series, _) = series::<T>();
		let origin = governance::<T>()?;
		let until = Market::<T>::block_number() + 10u32.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, series, Some(until));
		assert_eq!(Markets::<T>::get(series).halted_until, Some(until));
		Ok(())
	}

	/// One expired good-till-time buy removed in idle time (its freeze thawed).
	#[benchmark]
	fn expire_order() -> Result<(), BenchmarkError> {
		let (series, _) = series::<T>();
		let who = l3::<T>("bidder", 0);
		let at = Market::<T>::now().saturating_add(EXPIRY_BUCKET_MS);
		let req = OrderRequest {
			time_in_force: TimeInForce::GoodTillTime(at),
			..gtc(Side::Buy, price::<T>(series, 0), 1)
		};
		place::<T>(&who, series, req)?;
		Market::<T>::run_auctions();
		let later = at.saturating_add(2 * EXPIRY_BUCKET_MS);
		#[block]
		{
			Market::<T>::do_expire_at(later, polkadot_sdk::frame_support::weights::Weight::MAX);
		}
		assert_eq!(OpenCount::<T>::get(&who), 0);
		Ok(())
	}

	/// One minute looked at with nothing in it.
	#[benchmark]
	fn expire_idle_minute() {
		let now = Market::<T>::now();
		ExpiryCursor::<T>::put(now / EXPIRY_BUCKET_MS);
		#[block]
		{
			Market::<T>::do_expire_at(
				now.saturating_add(EXPIRY_BUCKET_MS),
				polkadot_sdk::frame_support::weights::Weight::MAX,
			);
		}
		assert_eq!(ExpiryCursor::<T>::get(), Some(now / EXPIRY_BUCKET_MS + 1));
	}

	/// `n` series that are over (gone from the ledger), each with market state and a full
	/// list of recent trades, swept from a saved cursor: every series read costs the ledger
	/// lookup, both book-side checks and two removals.
	#[benchmark]
	fn sweep_markets(n: Linear<0, { crate::MAX_SWEEP_PER_BLOCK }>) {
		let trade = Trade { price: 1, units: 1, taker_side: Side::Buy, at: 0 };
		let full: BoundedVec<Trade, T::MaxRecentTrades> = BoundedVec::truncate_from(
			(0..T::MaxRecentTrades::get()).map(|_| trade.clone()).collect(),
		);
		// n + 1 series, the cursor at the first key: a resumed walk reads the other n.
		let base: SeriesId = 1_000_000;
		for series in base..=base.saturating_add(n.into()) {
			Markets::<T>::insert(
				series,
				SeriesMarket { last_price: Some(1), ..Default::default() },
			);
			RecentTrades::<T>::insert(series, full.clone());
		}
		let mut keys: Vec<(Vec<u8>, SeriesId)> =
			Markets::<T>::iter_keys().map(|s| (Markets::<T>::hashed_key_for(s), s)).collect();
		keys.sort();
		let (cursor, at_cursor) = keys.first().cloned().unwrap_or_default();
		MarketSweepCursor::<T>::put(genex_primitives::SweepCursor::truncate_from(cursor));
		#[block]
		{
			Market::<T>::sweep_markets(n);
		}
		assert_eq!(Markets::<T>::iter().count(), 1, "only the series at the cursor is left");
		assert!(Markets::<T>::contains_key(at_cursor));
	}

	/// One series' `m` market makers sampled, each with a full sheet in force and a tally of
	/// an earlier epoch to close (an `ObligationsReviewed` each); `on_initialize` charges this
	/// per series it samples.
	#[benchmark]
	fn sample_obligations(
		m: Linear<1, { T::MaxMakersPerSeries::get() }>,
	) -> Result<(), BenchmarkError> {
		use polkadot_sdk::sp_runtime::traits::Saturating;
		let (series, issuer) = series::<T>();
		let levels = T::MaxQuoteLevels::get();
		let mut makers = Vec::new();
		for i in 0..m {
			makers.push(maker_with_sheet::<T>(series, &issuer, i, levels, 1)?);
		}
		let old = ObligationTally { epoch: 0, samples: 10, met: 5 };
		ObligationTallies::<T>::insert(
			series,
			BoundedVec::<_, T::MaxMakersPerSeries>::truncate_from(
				makers.iter().map(|w| (w.clone(), old)).collect(),
			),
		);
		let now = polkadot_sdk::frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ObligationEpoch::get().saturating_mul(2u32.into()));
		polkadot_sdk::frame_system::Pallet::<T>::set_block_number(now);
		let epoch = Market::<T>::obligation_epoch(now);
		let index = QuotedIndex::<T>::get(series).ok_or(BenchmarkError::Stop("not indexed"))?;
		#[block]
		{
			let drawn = QuotedSeries::<T>::get(index).unwrap_or(series);
			let listed = SeriesMakers::<T>::get(drawn);
			Market::<T>::sample_series(drawn, &listed, epoch);
		}
		let tallies = ObligationTallies::<T>::get(series);
		assert_eq!(tallies.len() as u32, m);
		assert!(tallies.iter().all(|(_, t)| t.epoch == epoch && t.samples == 1));
		Ok(())
	}

	impl_benchmark_test_suite!(Market, crate::mock::new_test_ext(), crate::mock::Test);
}
