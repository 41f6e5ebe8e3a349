//! Invariants, checked by `try_state` and by the tests after every block:
//!
//! - the price lists are sorted best first and hold exactly the prices with a level; each
//!   level's total is the sum of its orders, none empty, none above `MaxOrdersPerLevel`;
//! - no order waits for an auction between blocks ([`Pending`], [`AuctionQueue`] empty);
//! - the book, quote sheets in force included, is not crossed at rest (best bid < best ask);
//! - `OpenCount`/`SideCount` match the resting orders and listings; `SeriesMakers` and
//!   `SheetCount` match the sheets;
//! - custody: per account, the stablecoin frozen for `MarketOrders` = Σ its bids'
//!   `escrow_of` (resting orders and quote sheets in force), and frozen for `MarketMakerBond` =
//!   its bond; per (series, seller) the units the ledger locks = Σ its asks, listings and
//!   quote asks (fewer once the coupon expired and took them).

#[cfg(any(test, feature = "try-runtime"))]
impl<T: crate::Config> crate::Pallet<T> {
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use crate::*;
		use alloc::collections::BTreeMap;
		use genex_primitives::{CouponLedger, FreezeReason, Settlement};
		use polkadot_sdk::frame_support::ensure;

		ensure!(Pending::<T>::iter_keys().next().is_none(), "pending orders outlived the block");
		ensure!(AuctionQueue::<T>::get().is_empty(), "auction queue outlived the block");
		ensure!(Scheduled::<T>::get().is_empty(), "scheduled auctions outlived the block");
		let mut frozen: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut locked: BTreeMap<(SeriesId, T::AccountId), u64> = BTreeMap::new();
		let mut counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut per_side: BTreeMap<(T::AccountId, SeriesId, Side), u32> = BTreeMap::new();
		let mut levels_seen: usize = 0;
		for ((series, side), prices) in Prices::<T>::iter() {
			ensure!(!prices.is_empty(), "empty price list stored");
			for pair in prices.windows(2) {
				if let [a, b] = pair {
					ensure!(side.better(*a, *b), "prices not sorted best first");
				}
			}
			for price in prices.iter() {
				let level = Book::<T>::get((series, side, *price)).ok_or("price without level")?;
				levels_seen = levels_seen.saturating_add(1);
				ensure!(!level.orders.is_empty(), "empty level stored");
				let mut units: u64 = 0;
				for order in level.orders.iter() {
					ensure!(order.units > 0, "empty order resting");
					units = units.saturating_add(order.units);
					let c = counts.entry(order.owner.clone()).or_default();
					*c = c.saturating_add(1);
					let c = per_side.entry((order.owner.clone(), series, side)).or_default();
					*c = c.saturating_add(1);
					match side {
						Side::Buy => {
							let need = Self::escrow_of(*price, order.units, order.fee_rate)
								.ok_or("escrow overflow")?;
							let f = frozen.entry(order.owner.clone()).or_default();
							*f = f.saturating_add(need);
						},
						Side::Sell => {
							let l = locked.entry((series, order.owner.clone())).or_default();
							*l = l.saturating_add(order.units);
						},
					}
				}
				ensure!(units == level.units, "level total drifts");
			}
		}
		ensure!(Book::<T>::iter_keys().count() == levels_seen, "level without price");
		// Quote sheets.
		let mut best: BTreeMap<SeriesId, (Option<Balance>, Option<Balance>)> = BTreeMap::new();
		let mut sheet_counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (maker, series, sheet) in Sheets::<T>::iter() {
			ensure!(
				SeriesMakers::<T>::get(series).contains(&maker),
				"sheet's maker not listed on its series"
			);
			let c = sheet_counts.entry(maker.clone()).or_default();
			*c = c.saturating_add(1);
			for q in sheet.active.bids.iter() {
				ensure!(q.units > 0, "empty quote level");
				let need =
					Self::escrow_of(q.price, q.units, sheet.fee_rate).ok_or("escrow overflow")?;
				let f = frozen.entry(maker.clone()).or_default();
				*f = f.saturating_add(need);
			}
			for q in sheet.active.asks.iter() {
				ensure!(q.units > 0, "empty quote level");
				let l = locked.entry((series, maker.clone())).or_default();
				*l = l.saturating_add(q.units);
			}
			let b = best.entry(series).or_default();
			if let Some(q) = sheet.active.bids.first() {
				b.0 = Some(b.0.map_or(q.price, |p| p.max(q.price)));
			}
			if let Some(q) = sheet.active.asks.first() {
				b.1 = Some(b.1.map_or(q.price, |p| p.min(q.price)));
			}
		}
		for (series, makers) in SeriesMakers::<T>::iter() {
			for maker in makers.iter() {
				ensure!(Sheets::<T>::contains_key(maker, series), "listed maker without a sheet");
			}
		}
		// The quoted-series index: dense, both ways, exactly the series with a maker list.
		let quoted = crate::QuotedCount::<T>::get();
		ensure!(
			crate::QuotedSeries::<T>::iter().count() as u32 == quoted,
			"quoted series count drifts"
		);
		for (index, series) in crate::QuotedSeries::<T>::iter() {
			ensure!(index < quoted, "quoted series index out of range");
			ensure!(
				crate::QuotedIndex::<T>::get(series) == Some(index),
				"quoted series index not mirrored"
			);
		}
		ensure!(
			crate::QuotedIndex::<T>::iter().count() as u32 == quoted,
			"quoted index count drifts"
		);
		for series in SeriesMakers::<T>::iter_keys() {
			ensure!(crate::QuotedIndex::<T>::contains_key(series), "a maker list not indexed");
		}
		ensure!(
			crate::QuotedIndex::<T>::iter_keys().all(SeriesMakers::<T>::contains_key),
			"an indexed series without a maker list"
		);
		// Obligation tallies only for series with a maker list (one tally per maker at most).
		for (series, tallies) in crate::ObligationTallies::<T>::iter() {
			ensure!(SeriesMakers::<T>::contains_key(series), "tallies of a series without makers");
			let mut seen = alloc::collections::btree_set::BTreeSet::new();
			ensure!(tallies.iter().all(|(who, _)| seen.insert(who)), "two tallies of one maker");
		}
		for (who, n) in SheetCount::<T>::iter() {
			ensure!(sheet_counts.remove(&who) == Some(n), "sheet count drifts");
		}
		ensure!(sheet_counts.is_empty(), "sheet count missing");
		// Not crossed at rest (resting orders and sheets in force).
		for ((series, side), prices) in Prices::<T>::iter() {
			let b = best.entry(series).or_default();
			if let Some(p) = prices.first() {
				match side {
					Side::Buy => b.0 = Some(b.0.map_or(*p, |q| q.max(*p))),
					Side::Sell => b.1 = Some(b.1.map_or(*p, |q| q.min(*p))),
				}
			}
		}
		for (_, (bid, ask)) in best {
			if let (Some(bid), Some(ask)) = (bid, ask) {
				ensure!(bid < ask, "crossed book at rest");
			}
		}
		// Listings.
		ensure!(
			SellerListings::<T>::iter_keys().count() == Listings::<T>::iter_keys().count(),
			"listing index drift"
		);
		ensure!(
			PurgeQueue::<T>::iter_keys().count() as u32 == PurgeQueue::<T>::count(),
			"purge queue counter drift"
		);
		for (id, listing) in Listings::<T>::iter() {
			ensure!(
				SellerListings::<T>::contains_key(&listing.seller, id),
				"listing not indexed by seller"
			);
			ensure!(listing.units > 0, "empty listing stored");
			let c = counts.entry(listing.seller.clone()).or_default();
			*c = c.saturating_add(1);
			let l = locked.entry((listing.series, listing.seller)).or_default();
			*l = l.saturating_add(listing.units);
		}
		for (who, n) in OpenCount::<T>::iter() {
			ensure!(counts.remove(&who).unwrap_or(0) == n, "open count drift");
		}
		ensure!(counts.is_empty(), "open count missing");
		for (who, (series, side), n) in SideCount::<T>::iter() {
			ensure!(n > 0, "zero side count stored");
			ensure!(per_side.remove(&(who, series, side)) == Some(n), "side count drift");
		}
		ensure!(per_side.is_empty(), "side count missing");
		// Custody.
		for ((series, who), units) in locked {
			let live = T::Coupons::info(series)
				.is_some_and(|i| i.status == genex_primitives::SeriesStatus::Active);
			let held = T::Coupons::locked(series, &who);
			// Expiry removes locked units with the rest. Otherwise the lock covers the sell
			// units exactly, plus any units AML monitoring holds for review in the same
			// holding (the lock is the ledger's one per holding; the AML pallet checks its
			// share).
			ensure!(if live { held >= units } else { held <= units }, "sell lock differs");
		}
		for (who, need) in frozen {
			ensure!(
				T::Settlement::frozen(&who, FreezeReason::MarketOrders) == need,
				"buy freeze differs from the owner's bids"
			);
		}
		for (who, bond) in MarketMakers::<T>::iter() {
			ensure!(
				T::Settlement::frozen(&who, FreezeReason::MarketMakerBond) == bond,
				"bond freeze differs from the bond"
			);
		}
		// The market sweep walks `Markets` and removes a series' trades with its state, so no
		// series may have trades without state (every auction that trades writes the state).
		for series in RecentTrades::<T>::iter_keys() {
			ensure!(Markets::<T>::contains_key(series), "recent trades without market state");
		}
		Ok(())
	}
}
