//! Invariants, checked by `try_state` and by the tests after every step:
//!
//! - every level's list links exactly its orders, oldest first, and its totals match;
//! - the price lists hold exactly the prices with a level, sorted best first;
//! - the book is not crossed at rest (best bid < best ask);
//! - `OpenOrders`/`OpenCount` match the orders and listings;
//! - custody: per account, the stablecoin frozen for `MarketOrders` = Σ its buy orders'
//!   `escrow_of`, and frozen for `MarketMakerBond` = its bond; per (series, seller) the units the
//!   ledger locks = Σ open sell orders and listings (fewer once the coupon expired and took
//!   them).

#[cfg(any(test, feature = "try-runtime"))]
impl<T: crate::Config> crate::Pallet<T> {
	pub(crate) fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use crate::*;
		use alloc::collections::btree_map::BTreeMap;
		use genex_primitives::{CouponLedger, FreezeReason, Settlement};
		use polkadot_sdk::frame_support::{ensure, traits::Get};

		let mut frozen: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut locked: BTreeMap<(SeriesId, T::AccountId), u64> = BTreeMap::new();
		let mut seen: u32 = 0;
		let mut per_side: BTreeMap<(T::AccountId, SeriesId, Side), u32> = BTreeMap::new();
		for ((series, side), prices) in Prices::<T>::iter() {
			ensure!(!prices.is_empty(), "empty price list stored");
			for pair in prices.windows(2) {
				ensure!(side.better(pair[0], pair[1]), "prices not sorted best first");
			}
			for price in prices.iter() {
				let level =
					Levels::<T>::get((series, side, *price)).ok_or("price without level")?;
				let (mut units, mut orders) = (0u64, 0u32);
				let mut cursor = Some(level.head);
				let mut prev = None;
				while let Some(id) = cursor {
					let order = Orders::<T>::get(id).ok_or("dangling order link")?;
					ensure!(order.prev == prev, "broken back link");
					ensure!(
						order.series == series && order.side == side && order.price == *price,
						"order on the wrong level"
					);
					ensure!(order.units > 0, "empty order resting");
					ensure!(OpenOrders::<T>::contains_key(&order.owner, id), "order not indexed");
					units = units.saturating_add(order.units);
					orders = orders.saturating_add(1);
					ensure!(orders <= level.orders, "level list longer than counted");
					let c = counts.entry(order.owner.clone()).or_default();
					*c = c.saturating_add(1);
					let c = per_side.entry((order.owner.clone(), series, side)).or_default();
					*c = c.saturating_add(1);
					match side {
						Side::Buy => {
							let need = Self::escrow_of(order.price, order.units, order.fee_rate)
								.ok_or("escrow overflow")?;
							let f = frozen.entry(order.owner.clone()).or_default();
							*f = f.saturating_add(need);
						},
						Side::Sell => {
							let l = locked.entry((series, order.owner.clone())).or_default();
							*l = l.saturating_add(order.units);
						},
					}
					prev = Some(id);
					cursor = order.next;
				}
				ensure!(prev == Some(level.tail), "level tail wrong");
				ensure!(units == level.units && orders == level.orders, "level totals drift");
				seen = seen.saturating_add(orders);
			}
			if let (Some(bid), Some(ask)) =
				(Self::best_price(series, Side::Buy), Self::best_price(series, Side::Sell))
			{
				ensure!(bid < ask, "crossed book at rest");
			}
		}
		ensure!(Orders::<T>::iter().count() as u32 == seen, "orders outside the book");
		ensure!(
			Levels::<T>::iter().count()
				== Prices::<T>::iter_values().map(|p| p.len()).sum::<usize>(),
			"level without price"
		);
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
			ensure!(n <= T::MaxOrdersPerSide::get(), "side count above the cap");
			ensure!(per_side.remove(&(who, series, side)) == Some(n), "side count drift");
		}
		ensure!(per_side.is_empty(), "side count missing");
		for ((series, who), units) in locked {
			let live = T::Coupons::info(series)
				.is_some_and(|i| i.status == genex_primitives::SeriesStatus::Active);
			let held = T::Coupons::locked(series, &who);
			// Expiry removes locked units with the rest; otherwise the lock is exact.
			ensure!(if live { held == units } else { held <= units }, "sell escrow not locked");
		}
		for (who, need) in frozen {
			ensure!(
				T::Settlement::frozen(&who, FreezeReason::MarketOrders) == need,
				"buy freeze differs from the owner's open buy orders"
			);
		}
		for (who, bond) in MarketMakers::<T>::iter() {
			ensure!(
				T::Settlement::frozen(&who, FreezeReason::MarketMakerBond) == bond,
				"bond freeze differs from the bond"
			);
		}
		// The market sweep walks `Markets` and removes a series' trades with its state, so no
		// series may have trades without state (every fill writes the state).
		for series in RecentTrades::<T>::iter_keys() {
			ensure!(Markets::<T>::contains_key(series), "recent trades without market state");
		}
		Ok(())
	}
}
