//! The read-only view behind the `OracleApi` runtime API and the `genex_oraclePrice` RPC.

use crate::{Config, Pallet, Params};
use genex_primitives::{Balance, CouponKind, CouponLedger, OracleView, SeriesId};
use polkadot_sdk::sp_runtime::Perbill;

/// `centre ± range`, the top capped at `cap` when there is one.
pub fn suggested_range(
	centre: Balance,
	range: Perbill,
	cap: Option<Balance>,
) -> (Balance, Balance) {
	let delta = range.mul_floor(centre);
	let high = centre.saturating_add(delta);
	(centre.saturating_sub(delta), cap.map_or(high, |cap| high.min(cap)))
}

impl<T: Config> Pallet<T> {
	/// `series`' reference price, freshness, the model's inputs now and the suggested range.
	pub fn oracle_view(series: SeriesId) -> OracleView {
		let params = Params::<T>::get();
		let agg = Self::current_aggregate(series);
		let now = Self::now();
		let info = T::Coupons::info(series);
		let inputs = info
			.as_ref()
			.filter(|info| Self::ensure_priceable(info, now).is_ok())
			.map(|info| Self::model(series, info, now, &params, None));
		// Physical and digital coupons are sold at or below face value; financial ones may not be.
		let cap =
			info.filter(|info| info.kind != CouponKind::Financial).map(|info| info.face_value);
		let centre = agg.price.or(inputs.map(|i| i.price));
		OracleView {
			price: agg.price,
			status: agg.status,
			fresh: agg.fresh,
			agreeing: agg.agreeing,
			min_feeders: params.min_feeders,
			last_submission: agg.newest,
			fresh_until: agg.newest.map(|at| at.saturating_add(params.max_age)),
			suggested_range: centre.map(|c| suggested_range(c, params.range, cap)),
			inputs,
		}
	}
}
