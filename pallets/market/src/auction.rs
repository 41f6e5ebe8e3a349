//! The per-block batch auction: after the block's transactions, each series with pending
//! orders clears once, at one uniform price ([`crate::clearing`]), and settles netted per
//! account.
//!
//! Per series:
//! 1. take the pending orders; post-only orders sit out (they rest after the auction);
//! 2. load the resting levels that can cross them, best first: `MaxFills` resting orders per
//!    pending order (and per sheet coming into force, and for the series), then more on the
//!    block's spare weight; and the active quote sheets of the series' market makers;
//! 3. screen each account once: blocked (`Sanctioned`) or below KYC L1 (`KycLevel`) accounts'
//!    orders leave, expired good-till-time orders leave (`Expired`); buyers are clamped to
//!    their holding cap and everyone to its KYC daily trade limit (`FillLimited`);
//! 4. clear (self-trade prevention per party: an issuer and its affiliates are one party);
//! 5. settle: units through [`CouponLedger::settle`], stablecoin through
//!    [`Settlement::settle_frozen`] (buyers pay price and fee out of their freeze, the rest of
//!    the freeze for the filled units thaws), fees to the treasury once, KYC usage once per
//!    account;
//! 6. write back: each touched level and sheet once; what is left of a pending limit order
//!    rests, the rest of an immediate-or-cancel or market order is released.
//!
//! Nothing here can fail half-way: a series' changes are applied inside a storage layer; if
//! anything fails (it cannot when the checks above hold) the layer is dropped and the pending
//! orders are released with `NotTradable`.

use crate::{
	book::Working,
	clearing::{self, Entry, Limits, Outcome},
	weights::WeightInfo,
	AuctionQueue, CancelReason, Config, Event, Markets, OrderId, OrderKey, Pallet, Pending,
	PendingOrder, RecentTrades, Resting, Risk, SeriesMakers, SeriesMarket, Sheets, Side,
	TimeInForce, Trade,
};
use alloc::{collections::BTreeMap, vec::Vec};
use genex_primitives::{
	Balance, CouponLedger, CreditLimit, FreezeReason, PartyRefusal, SeriesId, Settlement,
	TransferredAsset, ValueMovement,
};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::Get},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{traits::Saturating, Permill},
};

/// `OrderKey::id` of a market maker's quote level in events.
pub const QUOTE_ID: OrderId = OrderId::MAX;

/// Rounds of clamping accounts to their KYC daily trade limit before an account still over
/// it sits the auction out.
const CLAMP_ROUNDS: u32 = 2;

/// Where an auction entry came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
	/// `pending[i]`.
	Pending(usize),
	/// Order `at` of the level at `price` on `side`.
	Resting { side: Side, price: Balance, at: usize },
	/// Level `at` of `side` of the active sheet of `makers[m]`.
	Quote { m: usize, side: Side, at: usize },
}

/// One entry of the auction with what settling it needs.
struct Slot<AccountId> {
	owner: AccountId,
	side: Side,
	/// Its limit price (a market order: its worst price).
	price: Balance,
	/// Units open before the auction.
	units: u64,
	/// Units it may trade in this auction (after the screen's clamps).
	tradable: u64,
	/// The block it came to rest (pending: now).
	since: u32,
	/// Fee rate on its fills.
	rate: Permill,
	/// Stablecoin frozen for it (buys).
	frozen: Balance,
	source: Source,
	/// Its order id (`QUOTE_ID` for a quote level).
	id: OrderId,
	/// Removed before clearing (screen) or by it (self-trade), and why.
	gone: Option<CancelReason>,
}

/// What one account pays or gets in one auction.
#[derive(Default)]
struct Net {
	/// Units bought (+) or sold.
	bought: u64,
	sold: u64,
	/// Stablecoin the buyer pays (price and fee).
	pays: Balance,
	/// Of the buyer's freeze, what its filled and finished orders no longer need.
	released: Balance,
	/// Stablecoin the seller gets (price less fee).
	gets: Balance,
	/// Value sold (the issuer's escrow share is of it).
	sold_value: Balance,
	/// Value traded (KYC usage).
	value: Balance,
}

impl<T: Config> Pallet<T> {
	/// Run this block's auctions (the runtime's `PostTransactions`): every series in
	/// [`AuctionQueue`], each once. The weight was paid by the orders that queued them.
	///
	/// The block's spare weight is shared out evenly, what one auction leaves going to the
	/// ones after it.
	pub fn run_auctions() {
		let mut series: Vec<SeriesId> = AuctionQueue::<T>::take().into_inner();
		for s in crate::Scheduled::<T>::take() {
			if !series.contains(&s) {
				series.push(s);
			}
		}
		// In series order, not in the order the block's transactions first touched them: the
		// auctions share accounts (KYC usage, balances), so the order must not be the author's.
		series.sort_unstable();
		let mut pool = Self::spare_reach();
		let mut left = series.len() as u64;
		for s in series {
			let share = pool.checked_div(left).unwrap_or(0).min(T::MaxSpareReach::get().into());
			let used = Self::run_auction(s, share);
			pool = pool.saturating_sub(used);
			left = left.saturating_sub(1);
		}
	}

	/// The weight of reaching `n` resting orders in an auction: `clear(0, n, 0) − clear(0, 0,
	/// 0)` (loading, screening, settling and writing back each).
	pub fn reach_weight(n: u32) -> Weight {
		T::WeightInfo::clear(0, n, 0).saturating_sub(T::WeightInfo::clear(0, 0, 0))
	}

	/// Resting orders the block's spare weight pays for, for all of this block's auctions:
	/// half of what is left of its maximum weight after its transactions and hooks (the other
	/// half stays for `on_idle`'s sweeps), at [`Self::reach_weight`]`(1)` each.
	pub(crate) fn spare_reach() -> u64 {
		let max = <T as frame_system::Config>::BlockWeights::get().max_block;
		let used = frame_system::Pallet::<T>::block_weight().total();
		let spare = max.saturating_sub(used);
		Weight::from_parts(spare.ref_time() / 2, spare.proof_size() / 2)
			.checked_div_per_component(&Self::reach_weight(1))
			.unwrap_or(0)
	}

	/// The auction of `series`, which may reach `spare` resting orders more than its orders
	/// paid for; those it reaches count as the block's mandatory weight (as `on_idle`'s work
	/// does), all of `spare` if the auction fails. Returns how many it reached so.
	pub(crate) fn run_auction(series: SeriesId, spare: u64) -> u64 {
		let pending = Pending::<T>::take(series);
		let result = with_storage_layer(|| Self::auction(series, &pending, spare));
		let used = match result {
			Ok(used) => used,
			Err(e) => {
				// Every check of the auction passed, so this cannot happen; if it does, nothing
				// of the auction was written: hand the orders back rather than leave them
				// half-done.
				log::error!(target: crate::LOG_TARGET, "auction of series {series} failed: {e:?}");
				for order in pending.iter() {
					Self::release_pending(series, order, order.units, CancelReason::NotTradable);
				}
				spare
			},
		};
		if used > 0 {
			frame_system::Pallet::<T>::register_extra_weight_unchecked(
				Self::reach_weight(u32::try_from(used).unwrap_or(u32::MAX)),
				DispatchClass::Mandatory,
			);
		}
		used
	}

	/// Release what `units` of pending `order` hold and say why.
	pub(crate) fn release_pending(
		series: SeriesId,
		order: &PendingOrder<T::AccountId>,
		units: u64,
		reason: CancelReason,
	) {
		Self::release_units(series, &order.owner, order.side, order.keeps(0, units), units);
		Self::deposit_event(Event::OrderCancelled {
			key: OrderKey { series, side: order.side, price: order.price, id: order.id },
			owner: order.owner.clone(),
			units,
			reason,
		});
	}

	/// Unlock `units` of a sell, or thaw `amount` of a buy.
	fn release_units(
		series: SeriesId,
		who: &T::AccountId,
		side: Side,
		amount: Balance,
		units: u64,
	) {
		match side {
			Side::Sell => {
				T::Coupons::unlock(series, who, units);
			},
			Side::Buy => {
				T::Settlement::thaw(who, FreezeReason::MarketOrders, amount);
			},
		}
	}

	/// The price limits of `series`' auction now, and the market state with the breaker's
	/// window moved on if it is over.
	fn limits(
		series: SeriesId,
		issue_price: Balance,
	) -> (Limits, SeriesMarket<BlockNumberFor<T>>, Option<Balance>) {
		let risk = Risk::<T>::get();
		let mut market = Markets::<T>::get(series);
		let centre = Self::band_centre(Self::oracle_price(series), &market);
		let band = centre.map(|c| {
			let w = risk.band.mul_floor(c);
			(c.saturating_sub(w), c.saturating_add(w))
		});
		let now = Self::block_number();
		let window_over = now >= market.anchor_block.saturating_add(risk.window_blocks.into());
		if market.anchor_price.is_none() || window_over {
			market.anchor_price = market.last_price;
			market.anchor_block = now;
		}
		let anchor = market.anchor_price;
		let breaker = anchor.map(|a| {
			let w = risk.breaker.mul_floor(a);
			(a.saturating_sub(w), a.saturating_add(w))
		});
		let limits = Limits {
			tick: T::TickSize::get(),
			band,
			centre: centre.or(Some(issue_price)),
			breaker,
		};
		(limits, market, anchor)
	}

	/// Returns how many resting orders it reached on the block's spare weight (of `spare`).
	fn auction(
		series: SeriesId,
		pending: &[PendingOrder<T::AccountId>],
		spare: u64,
	) -> Result<u64, DispatchError> {
		let now_block: u32 = Self::block_number().try_into().unwrap_or(u32::MAX);
		let now = Self::now();
		let info = match Self::ensure_tradable(series, false) {
			Ok(info) => info,
			Err(e) => {
				let halted = e == crate::Error::<T>::SeriesHalted.into();
				let reason = if halted { CancelReason::Halted } else { CancelReason::NotTradable };
				for order in pending {
					Self::release_pending(series, order, order.units, reason);
				}
				if halted {
					// A halt stops trading, not the sheets: staged sheets (withdrawals
					// included) come into force in the auction they were paid for, so a
					// maker's withdrawal does not wait for the halt to end. Nothing trades, so
					// what came into force must not rest crossed (as after the breaker's own
					// halt below).
					Self::promote_sheets(series, now_block);
					let makers = SeriesMakers::<T>::get(series);
					let mut sheets: Vec<Option<crate::Sheet<T>>> =
						makers.iter().map(|m| Sheets::<T>::get(m, series)).collect();
					let book = Working::<T>::new(series);
					Self::trim_crossing_quotes(series, &book, &mut sheets, &makers);
				}
				return Ok(0);
			},
		};
		let (limits, mut market, anchor) = Self::limits(series, info.issue_price);
		// Sheets staged in earlier blocks come into force now, before anything clears.
		let promoted = Self::promote_sheets(series, now_block);
		let makers = SeriesMakers::<T>::get(series);
		let mut book = Working::<T>::new(series);
		let mut slots: Vec<Slot<T::AccountId>> = Vec::new();

		// 1. Pending orders; post-only ones sit out. The book's own best prices reach the other
		// side too (nothing rests crossed, so they only meet the pending orders and sheets).
		let (mut max_bid, mut min_ask) = (book.best(Side::Buy), book.best(Side::Sell));
		for (i, o) in pending.iter().enumerate() {
			if o.post_only {
				continue;
			}
			match o.side {
				Side::Buy => max_bid = Some(max_bid.map_or(o.price, |b| b.max(o.price))),
				Side::Sell => min_ask = Some(min_ask.map_or(o.price, |a| a.min(o.price))),
			}
			slots.push(Slot {
				owner: o.owner.clone(),
				side: o.side,
				price: o.price,
				units: o.units,
				tradable: o.units,
				since: now_block,
				rate: o.fee_rate,
				frozen: o.frozen,
				source: Source::Pending(i),
				id: o.id,
				gone: None,
			});
		}
		// Quote sheets in force: their best levels reach the other side too (a sheet that
		// came into force now may cross the book or another sheet).
		let mut sheets: Vec<Option<crate::Sheet<T>>> = Vec::with_capacity(makers.len());
		for maker in makers.iter() {
			let sheet = Sheets::<T>::get(maker, series);
			if let Some(sheet) = sheet.as_ref() {
				if let Some(q) = sheet.active.bids.first() {
					max_bid = Some(max_bid.map_or(q.price, |b| b.max(q.price)));
				}
				if let Some(q) = sheet.active.asks.first() {
					min_ask = Some(min_ask.map_or(q.price, |a| a.min(q.price)));
				}
			}
			sheets.push(sheet);
		}
		// Each pending order, and each sheet that came into force now (charged in this block's
		// `on_initialize`), paid for reaching `MaxFills` resting orders. The series' own share
		// (paid by its first order, or in `on_initialize` when a sheet scheduled it) reaches
		// `MaxFills` more.
		let takers = (slots.len() as u64).saturating_add(promoted).saturating_add(1);

		// 2. Resting orders that can cross them, best first: what the orders paid for, then
		// the block's spare weight (registered by the caller). Every resting order within
		// the crossing range counts for the price (an order left out could change it), so
		// none is skipped for being more than the other side could take.
		let mut paid = takers.saturating_mul(T::MaxFills::get().into());
		let mut spare_left = spare;
		for (side, reach) in [(Side::Sell, max_bid), (Side::Buy, min_ask)] {
			let Some(reach) = reach else { continue };
			let prices: Vec<Balance> = book.prices(side).to_vec();
			'levels: for price in prices {
				if !side.opposite().crosses(reach, price) {
					break;
				}
				let Some(level) = book.level(side, price) else { continue };
				for (at, order) in level.orders.iter().enumerate() {
					if paid > 0 {
						paid = paid.saturating_sub(1);
					} else if spare_left > 0 {
						spare_left = spare_left.saturating_sub(1);
					} else {
						break 'levels;
					}
					let frozen = match side {
						Side::Buy => {
							Self::escrow_of(price, order.units, order.fee_rate).unwrap_or(0)
						},
						Side::Sell => 0,
					};
					let gone = order
						.expires_at
						.is_some_and(|at| at <= now)
						.then_some(CancelReason::Expired);
					slots.push(Slot {
						owner: order.owner.clone(),
						side,
						price,
						units: order.units,
						tradable: order.units,
						since: order.since,
						rate: order.fee_rate,
						frozen,
						source: Source::Resting { side, price, at },
						id: order.id,
						gone,
					});
				}
			}
		}
		let spare_used = spare.saturating_sub(spare_left);

		// Quote levels that can trade.
		for (m, maker) in makers.iter().enumerate() {
			if let Some(Some(sheet)) = sheets.get(m) {
				for (side, reach, levels) in [
					(Side::Buy, min_ask, &sheet.active.bids),
					(Side::Sell, max_bid, &sheet.active.asks),
				] {
					let Some(reach) = reach else { continue };
					for (at, q) in levels.iter().enumerate() {
						if !side.opposite().crosses(reach, q.price) {
							break;
						}
						let frozen = match side {
							Side::Buy => {
								Self::escrow_of(q.price, q.units, sheet.fee_rate).unwrap_or(0)
							},
							Side::Sell => 0,
						};
						slots.push(Slot {
							owner: maker.clone(),
							side,
							price: q.price,
							units: q.units,
							tradable: q.units,
							since: sheet.since,
							rate: sheet.fee_rate,
							frozen,
							source: Source::Quote { m, side, at },
							id: QUOTE_ID,
							gone: None,
						});
					}
				}
			}
		}

		// 3. Screen each account once; clamp buyers to their holding caps.
		Self::screen(series, &mut slots);

		// 4. Clear, then hold every account to its KYC daily trade limit at the price found:
		// an account over it trades what its room allows (best orders first) and the series
		// clears again; after `CLAMP_ROUNDS` such rounds an account still over it sits out,
		// and if that still leaves one over, nothing trades this block.
		let mut rooms: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut round = 0;
		let result = loop {
			let result = Self::clear_slots(&info.issuer, &slots, &limits);
			let Outcome::Cleared { price, .. } = result.outcome else { break result };
			let mut traded: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
			for (i, s) in slots.iter().enumerate() {
				let f = result.fills.get(i).copied().unwrap_or(0);
				if f > 0 {
					let v = traded.entry(s.owner.clone()).or_default();
					*v = v.saturating_add(price.saturating_mul(f.into()));
				}
			}
			let over: Vec<T::AccountId> = traded
				.into_iter()
				.filter(|(who, value)| {
					let room =
						*rooms.entry(who.clone()).or_insert_with(|| T::Movement::trade_room(who));
					*value > room
				})
				.map(|(who, _)| who)
				.collect();
			if over.is_empty() {
				break result;
			}
			round = round.saturating_add(1);
			if round > CLAMP_ROUNDS.saturating_add(1) {
				// Still over after every account over it sat out once: the prices keep moving
				// accounts over their limits. Nothing trades this block (the work stays
				// bounded: at most `CLAMP_ROUNDS + 2` clearings).
				break clearing::Auction {
					outcome: Outcome::Idle,
					removed: Vec::new(),
					fills: alloc::vec![0; slots.len()],
				};
			}
			for who in over {
				let room = rooms.get(&who).copied().unwrap_or(0);
				let mut left: u64 = if round > CLAMP_ROUNDS {
					0
				} else {
					room.checked_div(price).map_or(u64::MAX, |n| n.try_into().unwrap_or(u64::MAX))
				};
				let mut mine: Vec<usize> = slots
					.iter()
					.enumerate()
					.filter(|(_, s)| s.owner == who)
					.map(|(i, _)| i)
					.collect();
				mine.sort_by(|a, b| Self::by_priority(&slots, *a, *b));
				for i in mine {
					if let Some(s) = slots.get_mut(i) {
						s.tradable = s.tradable.min(left);
						left = left.saturating_sub(s.tradable);
					}
				}
				Self::deposit_event(Event::FillLimited {
					series,
					who,
					reason: CancelReason::KycLimit,
				});
			}
		};
		for i in result.removed.iter() {
			if let Some(s) = slots.get_mut(*i) {
				s.gone.get_or_insert(CancelReason::SelfTrade);
			}
		}
		let fills = result.fills;
		let (price, volume) = match result.outcome {
			Outcome::Halted { price } => {
				let until =
					Self::block_number().saturating_add(Risk::<T>::get().halt_blocks.into());
				market.halted_until = Some(until);
				Markets::<T>::insert(series, market);
				log::info!(target: crate::LOG_TARGET, "series {series} halted until {until:?} at {price}");
				Self::deposit_event(Event::SeriesHalted {
					series,
					until,
					price,
					anchor: anchor.unwrap_or(price),
				});
				for order in pending {
					Self::release_pending(series, order, order.units, CancelReason::Halted);
				}
				// Screened-out resting orders still leave.
				Self::apply_book(series, &mut book, &slots, &[], &mut sheets, &makers);
				Self::trim_crossing_quotes(series, &book, &mut sheets, &makers);
				book.commit();
				return Ok(spare_used);
			},
			Outcome::Idle => (0, 0),
			Outcome::Cleared { price, volume } => (price, volume),
		};

		// 5. Settle, netted per account.
		let mut nets: BTreeMap<T::AccountId, Net> = BTreeMap::new();
		let mut fees_total: Balance = 0;
		let mut filled_orders: u32 = 0;
		for (i, s) in slots.iter().enumerate() {
			let f = fills.get(i).copied().unwrap_or(0);
			if f == 0 {
				continue;
			}
			filled_orders = filled_orders.saturating_add(1);
			let notional = price.saturating_mul(f.into());
			let fee = s.rate.mul_floor(notional);
			fees_total = fees_total.saturating_add(fee);
			let net = nets.entry(s.owner.clone()).or_default();
			net.value = net.value.saturating_add(notional);
			match s.side {
				Side::Buy => {
					net.bought = net.bought.saturating_add(f);
					net.pays = net.pays.saturating_add(notional).saturating_add(fee);
				},
				Side::Sell => {
					net.sold = net.sold.saturating_add(f);
					net.gets = net.gets.saturating_add(notional.saturating_sub(fee));
					net.sold_value = net.sold_value.saturating_add(notional);
				},
			}
			let key = OrderKey { series, side: s.side, price: s.price, id: s.id };
			Self::deposit_event(Event::OrderFilled {
				key,
				owner: s.owner.clone(),
				units: f,
				price,
				fee,
				left: s.units.saturating_sub(f),
			});
		}
		// What each buyer's freeze no longer needs: resting and quote bids shrink to what their
		// open units need; pending bids are settled below with what they rest.
		for (i, s) in slots.iter().enumerate() {
			if s.side != Side::Buy {
				continue;
			}
			let f = fills.get(i).copied().unwrap_or(0);
			let left = if s.gone.is_some() { 0 } else { s.units.saturating_sub(f) };
			let keep = match s.source {
				Source::Pending(p) => pending.get(p).map_or(0, |o| o.keeps(f, left)),
				_ => Self::escrow_of(s.price, left, s.rate).unwrap_or(0),
			};
			// Orders removed by the screen or self-trade are released by `apply_book` /
			// `finish_pending` with their events; here only the filled ones count.
			if f == 0 {
				continue;
			}
			let net = nets.entry(s.owner.clone()).or_default();
			net.released = net.released.saturating_add(s.frozen.saturating_sub(keep));
		}
		let mut sold: Vec<(T::AccountId, u64)> = Vec::new();
		let mut bought: Vec<(T::AccountId, u64)> = Vec::new();
		let mut payers: Vec<(T::AccountId, Balance)> = Vec::new();
		let mut payees: Vec<(T::AccountId, Balance)> = Vec::new();
		// The issuer's own sales escrow its promised share, as its primary sales do: the
		// promise earns it score points, so none of its account's ways of selling skips it
		// (sales from other accounts are theirs: see docs/issuers.md).
		let mut escrowed: Balance = 0;
		for (who, net) in nets.iter() {
			if net.sold > 0 {
				let mut gets = net.gets;
				if *who == info.issuer {
					escrowed = T::Credit::escrow_share(who).mul_floor(net.sold_value).min(gets);
					gets = gets.saturating_sub(escrowed);
				}
				sold.push((who.clone(), net.sold));
				payees.push((who.clone(), gets));
			}
			if net.bought > 0 {
				bought.push((who.clone(), net.bought));
				payers.push((who.clone(), net.pays));
			}
		}
		if fees_total > 0 {
			payees.push((T::Treasury::get(), fees_total));
		}
		if escrowed > 0 {
			payees.push((T::Credit::escrow_account(), escrowed));
		}
		// The side that came to the auction with the more volume traded (the "taker" of
		// last-trade views).
		let pending_filled = |side: Side| -> u64 {
			slots
				.iter()
				.zip(fills.iter())
				.filter(|(s, _)| s.side == side && matches!(s.source, Source::Pending(_)))
				.map(|(_, f)| *f)
				.sum()
		};
		let taker_side = if pending_filled(Side::Sell) > pending_filled(Side::Buy) {
			Side::Sell
		} else {
			Side::Buy
		};
		if volume > 0 {
			T::Coupons::settle(series, &sold, &bought)?;
			T::Settlement::settle_frozen(FreezeReason::MarketOrders, &payers, &payees)?;
			if escrowed > 0 {
				T::Credit::note_escrowed(&info.issuer, escrowed);
			}
			for (who, net) in nets.iter() {
				if net.bought > 0 {
					T::Settlement::thaw(
						who,
						FreezeReason::MarketOrders,
						net.released.saturating_sub(net.pays),
					);
				}
				let asset = TransferredAsset::Coupon { series };
				T::Movement::record_party(who, asset, net.value, net.bought > 0);
			}
			market.last_price = Some(price);
			Markets::<T>::insert(series, market);
			RecentTrades::<T>::mutate(series, |trades| {
				if trades.is_full() {
					trades.remove(0);
				}
				let _ =
					trades.try_push(Trade { price, units: volume, taker_side, at: Self::now() });
			});
		}

		// 6. Write back the book and the sheets; rest or release what is left of the pending
		// orders.
		Self::apply_book(series, &mut book, &slots, &fills, &mut sheets, &makers);
		// The best quotes in force after the auction: a pending order's rest never crosses
		// them (nor the resting book).
		let quote_best = |side: Side| {
			let prices = sheets.iter().flatten().filter_map(|s| match side {
				Side::Buy => s.active.bids.first().map(|q| q.price),
				Side::Sell => s.active.asks.first().map(|q| q.price),
			});
			match side {
				Side::Buy => prices.max(),
				Side::Sell => prices.min(),
			}
		};
		let quotes = (quote_best(Side::Buy), quote_best(Side::Sell));
		Self::finish_pending(series, &mut book, pending, &slots, &fills, now_block, quotes);
		Self::trim_crossing_quotes(series, &book, &mut sheets, &makers);
		book.commit();
		if volume > 0 {
			Self::deposit_event(Event::AuctionCleared {
				series,
				price,
				volume,
				fills: filled_orders,
				pending: u32::try_from(pending.len()).unwrap_or(u32::MAX),
			});
		}
		Ok(spare_used)
	}

	/// The party `who` trades as: an issuer and its affiliates are one.
	fn party(issuer: &T::AccountId, who: &T::AccountId) -> T::AccountId {
		if Self::is_issuer_side(issuer, who) {
			issuer.clone()
		} else {
			who.clone()
		}
	}

	/// The auction's entries for `slots` (screened-out ones take no part), cleared.
	fn clear_slots(
		issuer: &T::AccountId,
		slots: &[Slot<T::AccountId>],
		limits: &Limits,
	) -> clearing::Auction {
		let entries: Vec<Entry<T::AccountId, (T::AccountId, u64)>> = slots
			.iter()
			.map(|s| Entry {
				party: Self::party(issuer, &s.owner),
				// Owner, then order id: the last tie-break never depends on the order of the
				// block's transactions between different owners.
				rank: (s.owner.clone(), s.id),
				side: s.side,
				price: s.price,
				units: if s.gone.is_some() { 0 } else { s.tradable },
				since: s.since.into(),
			})
			.collect();
		clearing::clear(&entries, limits)
	}

	/// Best first: higher bids, lower asks, then older.
	fn priority(a: &Slot<T::AccountId>, b: &Slot<T::AccountId>) -> core::cmp::Ordering {
		match a.side {
			Side::Buy => b.price.cmp(&a.price),
			Side::Sell => a.price.cmp(&b.price),
		}
		.then(a.since.cmp(&b.since))
	}

	/// [`Self::priority`] of `slots[a]` and `slots[b]` (indices taken from `slots`).
	fn by_priority(slots: &[Slot<T::AccountId>], a: usize, b: usize) -> core::cmp::Ordering {
		match (slots.get(a), slots.get(b)) {
			(Some(a), Some(b)) => Self::priority(a, b),
			_ => core::cmp::Ordering::Equal,
		}
	}

	/// Screen each account once (sanctions, KYC level) and clamp a buyer's orders to its
	/// holding cap, best first.
	fn screen(series: SeriesId, slots: &mut [Slot<T::AccountId>]) {
		let mut by_owner: BTreeMap<T::AccountId, Vec<usize>> = BTreeMap::new();
		for (i, s) in slots.iter().enumerate() {
			by_owner.entry(s.owner.clone()).or_default().push(i);
		}
		for (who, mut idx) in by_owner {
			let sells = idx.iter().any(|i| slots.get(*i).is_some_and(|s| s.side == Side::Sell));
			let reason = if let Err(refusal) = T::Movement::screen_party(&who) {
				Some(match refusal {
					PartyRefusal::Sanctioned => CancelReason::Sanctioned,
					PartyRefusal::KycLevel => CancelReason::KycLevel,
					PartyRefusal::Restricted => CancelReason::Restricted,
				})
			} else if sells && T::Settlement::balance(&who) == 0 {
				// No GUSD account to be paid into (it was emptied since placement): its sells
				// would fail the netted settlement of everyone.
				Some(CancelReason::CannotReceive)
			} else {
				None
			};
			if let Some(reason) = reason {
				for i in idx {
					if let Some(s) = slots.get_mut(i) {
						s.gone.get_or_insert(reason);
					}
				}
				continue;
			}
			idx.sort_by(|a, b| Self::by_priority(slots, *a, *b));
			let mut room: Option<u64> = None;
			let mut limited = false;
			for i in idx {
				let Some(s) = slots.get_mut(i) else { continue };
				if s.gone.is_some() || s.side != Side::Buy {
					continue;
				}
				let left = *room.get_or_insert_with(|| T::Coupons::holding_room(series, &who));
				if s.tradable > left {
					s.tradable = left;
					limited = true;
				}
				room = Some(left.saturating_sub(s.tradable));
			}
			if limited {
				Self::deposit_event(Event::FillLimited {
					series,
					who,
					reason: CancelReason::HoldingLimit,
				});
			}
		}
	}

	/// Write the touched levels and sheets back: fills shrink orders and quotes, filled and
	/// removed orders leave (removed ones released with their reason).
	fn apply_book(
		series: SeriesId,
		book: &mut Working<T>,
		slots: &[Slot<T::AccountId>],
		fills: &[u64],
		sheets: &mut [Option<crate::Sheet<T>>],
		makers: &[T::AccountId],
	) {
		// Per level: the new units of each order (None: leaves) and the release reason.
		let mut levels: BTreeMap<(Side, Balance), Vec<(usize, u64, Option<CancelReason>)>> =
			BTreeMap::new();
		let mut quotes_changed: BTreeMap<usize, ()> = BTreeMap::new();
		let mut remove: BTreeMap<usize, CancelReason> = BTreeMap::new();
		for (i, s) in slots.iter().enumerate() {
			let f = fills.get(i).copied().unwrap_or(0);
			match s.source {
				Source::Resting { side, price, at } => {
					if f > 0 || s.gone.is_some() {
						levels.entry((side, price)).or_default().push((at, f, s.gone));
					}
				},
				Source::Quote { m, .. }
					if matches!(
						s.gone,
						Some(CancelReason::Sanctioned | CancelReason::KycLevel)
					) =>
				{
					// A maker that may not trade loses its whole sheet.
					remove.insert(m, s.gone.unwrap_or(CancelReason::Sanctioned));
				},
				Source::Quote { m, side, at } => {
					let Some(Some(sheet)) = sheets.get_mut(m) else { continue };
					let ladder = match side {
						Side::Buy => &mut sheet.active.bids,
						Side::Sell => &mut sheet.active.asks,
					};
					if let Some(q) = ladder.get_mut(at) {
						let left = if s.gone.is_some() { 0 } else { q.units.saturating_sub(f) };
						let freed = q.units.saturating_sub(f).saturating_sub(left);
						if freed > 0 {
							// A self-traded quote level leaves the sheet: release its custody.
							let amount = match side {
								Side::Buy => {
									Self::escrow_of(q.price, freed, sheet.fee_rate).unwrap_or(0)
								},
								Side::Sell => 0,
							};
							if let Some(maker) = makers.get(m) {
								Self::release_units(series, maker, side, amount, freed);
							}
						}
						q.units = left;
						quotes_changed.insert(m, ());
					}
				},
				Source::Pending(_) => {},
			}
		}
		for ((side, price), changes) in levels {
			let key_of = |id| OrderKey { series, side, price, id };
			let Some(level) = book.level(side, price) else { continue };
			let mut orders = level.orders.clone().into_inner();
			let mut leaving: Vec<(Resting<T::AccountId>, Option<CancelReason>)> = Vec::new();
			for (at, f, gone) in changes.iter() {
				if let Some(o) = orders.get_mut(*at) {
					if let Some(reason) = gone {
						leaving.push((o.clone(), Some(*reason)));
						o.units = 0;
					} else {
						o.units = o.units.saturating_sub(*f);
						if o.units == 0 {
							leaving.push((o.clone(), None));
						}
					}
				}
			}
			orders.retain(|o| o.units > 0);
			let units = orders.iter().fold(0u64, |a, o| a.saturating_add(o.units));
			let emptied = orders.is_empty();
			if let Some(level) = book.level(side, price) {
				level.orders = BoundedVec::truncate_from(orders);
				level.units = units;
			}
			if emptied {
				book.remove_level(side, price);
			} else {
				book.touch(side, price);
			}
			for (order, reason) in leaving {
				book.left(&order.owner, side);
				if let Some(reason) = reason {
					Self::release_resting(&key_of(order.id), &order, reason);
				}
			}
		}
		for (m, reason) in remove {
			let (Some(slot), Some(maker)) = (sheets.get_mut(m), makers.get(m)) else { continue };
			if let Some(sheet) = slot.take() {
				Self::remove_sheet(maker, series, &sheet.active, sheet.fee_rate, reason);
			}
		}
		for (m, ()) in quotes_changed {
			let (Some(Some(sheet)), Some(maker)) = (sheets.get_mut(m), makers.get(m)) else {
				continue;
			};
			sheet.active.bids.retain(|q| q.units > 0);
			sheet.active.asks.retain(|q| q.units > 0);
			Sheets::<T>::insert(maker, series, &*sheet);
		}
	}

	/// What is left of each pending order: a limit order rests unless it would cross the
	/// book or a quote in force (`quotes`: best bid and ask of the sheets) — the auction could
	/// not trade it (band, limits, reach), and nothing rests crossed: released with
	/// `WouldCross` — or finds no room (`NoRoom`); the rest of an immediate-or-cancel or market
	/// order is released (`Unfilled`).
	fn finish_pending(
		series: SeriesId,
		book: &mut Working<T>,
		pending: &[PendingOrder<T::AccountId>],
		slots: &[Slot<T::AccountId>],
		fills: &[u64],
		now: u32,
		quotes: (Option<Balance>, Option<Balance>),
	) {
		let mut filled: BTreeMap<usize, (u64, Option<CancelReason>)> = BTreeMap::new();
		for (i, s) in slots.iter().enumerate() {
			if let Source::Pending(p) = s.source {
				filled.insert(p, (fills.get(i).copied().unwrap_or(0), s.gone));
			}
		}
		// Post-only orders last; otherwise by account, then id: which of one block's orders
		// gets the last room on a level never depends on the order of its transactions
		// between accounts.
		let mut order: Vec<usize> = (0..pending.len()).collect();
		order.sort_by(|a, b| {
			let key = |i: &usize| pending.get(*i).map(|o| (o.post_only, o.owner.clone(), o.id));
			key(a).cmp(&key(b))
		});
		for p in order {
			let Some(o) = pending.get(p) else { continue };
			let (f, gone) = filled.get(&p).copied().unwrap_or((0, None));
			let left = o.units.saturating_sub(f);
			if left == 0 {
				continue;
			}
			if let Some(reason) = gone {
				Self::release_pending_left(series, o, f, left, reason);
				continue;
			}
			if !o.may_rest() {
				Self::release_pending_left(series, o, f, left, CancelReason::Unfilled);
				continue;
			}
			let quote = match o.side {
				Side::Buy => quotes.1,
				Side::Sell => quotes.0,
			};
			let crosses = book
				.best(o.side.opposite())
				.into_iter()
				.chain(quote)
				.any(|b| o.side.crosses(o.price, b));
			if crosses {
				Self::release_pending_left(series, o, f, left, CancelReason::WouldCross);
				continue;
			}
			let expires_at = match o.time_in_force {
				TimeInForce::GoodTillTime(at) => Some(at),
				_ => None,
			};
			let bucket = expires_at.map(|at| at / crate::EXPIRY_BUCKET_MS);
			if let Some(bucket) = bucket {
				let len = crate::Expiring::<T>::decode_len(bucket).unwrap_or(0);
				if len >= T::MaxExpiringPerMinute::get() as usize {
					Self::release_pending_left(series, o, f, left, CancelReason::NoRoom);
					continue;
				}
			}
			let resting = Resting {
				id: o.id,
				owner: o.owner.clone(),
				units: left,
				expires_at,
				fee_rate: o.rest_rate,
				since: now,
			};
			match book.rest(o.side, o.price, resting) {
				Ok(()) => {
					// An unfilled bid still holds the freeze of its placement (at the higher
					// of its two rates): keep what resting needs, thaw the rest.
					if o.side == Side::Buy && f == 0 {
						let keep = Self::escrow_of(o.price, left, o.rest_rate).unwrap_or(o.frozen);
						T::Settlement::thaw(
							&o.owner,
							FreezeReason::MarketOrders,
							o.frozen.saturating_sub(keep),
						);
					}
					if let Some(bucket) = bucket {
						let key = OrderKey { series, side: o.side, price: o.price, id: o.id };
						// Room checked just above.
						let _ = crate::Expiring::<T>::try_append(bucket, key);
						if crate::ExpiryCursor::<T>::get().is_none_or(|c| bucket < c) {
							crate::ExpiryCursor::<T>::put(bucket);
						}
					}
				},
				Err(_) => Self::release_pending_left(series, o, f, left, CancelReason::NoRoom),
			}
		}
	}

	/// Quote levels still crossing the book or another maker's quotes after the auction (it
	/// could not trade them: band, breaker, limits, reach) leave their sheets, their custody
	/// released (`OrderCancelled { key.id: QUOTE_ID, reason: WouldCross }`): quotes are passive
	/// and nothing rests crossed. Every sheet is measured against the others as they were
	/// before any is trimmed, so the outcome does not depend on the makers' order.
	fn trim_crossing_quotes(
		series: SeriesId,
		book: &Working<T>,
		sheets: &mut [Option<crate::Sheet<T>>],
		makers: &[T::AccountId],
	) {
		let best = |m: usize, side: Side| -> Option<Balance> {
			let others = sheets.iter().enumerate().filter(|(i, _)| *i != m).filter_map(|(_, s)| {
				let s = s.as_ref()?;
				match side {
					Side::Buy => s.active.bids.first().map(|q| q.price),
					Side::Sell => s.active.asks.first().map(|q| q.price),
				}
			});
			let all = book.best(side).into_iter().chain(others);
			match side {
				Side::Buy => all.max(),
				Side::Sell => all.min(),
			}
		};
		let limits: Vec<(Option<Balance>, Option<Balance>)> =
			(0..sheets.len()).map(|m| (best(m, Side::Buy), best(m, Side::Sell))).collect();
		for (m, (bid, ask)) in limits.into_iter().enumerate() {
			let (Some(Some(sheet)), Some(maker)) = (sheets.get_mut(m), makers.get(m)) else {
				continue;
			};
			let rate = sheet.fee_rate;
			let mut trimmed = false;
			for (side, levels, limit) in [
				(Side::Buy, &mut sheet.active.bids, ask),
				(Side::Sell, &mut sheet.active.asks, bid),
			] {
				let Some(limit) = limit else { continue };
				let (keep, cross): (Vec<_>, Vec<_>) =
					levels.iter().copied().partition(|q| !side.crosses(q.price, limit));
				for q in cross {
					let amount = match side {
						Side::Buy => Self::escrow_of(q.price, q.units, rate).unwrap_or(0),
						Side::Sell => 0,
					};
					Self::release_units(series, maker, side, amount, q.units);
					Self::deposit_event(Event::OrderCancelled {
						key: OrderKey { series, side, price: q.price, id: QUOTE_ID },
						owner: maker.clone(),
						units: q.units,
						reason: CancelReason::WouldCross,
					});
					trimmed = true;
				}
				*levels = BoundedVec::truncate_from(keep);
			}
			if trimmed {
				Sheets::<T>::insert(maker, series, &*sheet);
			}
		}
	}

	/// Release the `left` units of pending `o` of which `filled` traded.
	fn release_pending_left(
		series: SeriesId,
		o: &PendingOrder<T::AccountId>,
		filled: u64,
		left: u64,
		reason: CancelReason,
	) {
		let amount = match o.side {
			Side::Buy => o.keeps(filled, left),
			Side::Sell => 0,
		};
		Self::release_units(series, &o.owner, o.side, amount, left);
		Self::deposit_event(Event::OrderCancelled {
			key: OrderKey { series, side: o.side, price: o.price, id: o.id },
			owner: o.owner.clone(),
			units: left,
			reason,
		});
	}
}

impl<AccountId> PendingOrder<AccountId> {
	/// Whether what is left of it after its auction may rest.
	pub(crate) fn may_rest(&self) -> bool {
		!self.market && self.time_in_force != TimeInForce::ImmediateOrCancel
	}

	/// What a bid's freeze still holds after its auction in which `filled` units traded and
	/// `left` are open: all of it when nothing traded (released or rested later); else
	/// (settlement thawed the rest) what its rest needs at the resting rate, if it may rest.
	pub(crate) fn keeps(&self, filled: u64, left: u64) -> Balance {
		if filled == 0 {
			self.frozen
		} else if self.may_rest() {
			escrow(self.price, left, self.rest_rate)
		} else {
			0
		}
	}
}

/// `units × price` plus the fee at `rate` (saturating; placement checked it fits).
fn escrow(price: Balance, units: u64, rate: Permill) -> Balance {
	let notional = price.saturating_mul(units.into());
	notional.saturating_add(rate.mul_floor(notional))
}
