//! The pricing model: `P = F × (1 − dt) × (1 − rc)`, an optional external index, and the blend
//! with recent trades. Integer and `Perbill` arithmetic only; every step rounds down.

use crate::{Config, CurvePoint, Error, OracleParams, Pallet};
use genex_primitives::{
	Balance, CouponInfo, CouponLedger, CreditLimit, Moment, PriceInputs, SeriesId, SeriesStatus,
	TradeHistory,
};
use polkadot_sdk::sp_runtime::{PerThing, Perbill};

/// Milliseconds in a day.
pub const DAY_MS: Moment = 86_400_000;

/// One in parts per million: an index of `PPM` leaves the price as it is.
pub const PPM: u32 = 1_000_000;

/// The value of the piecewise-linear `curve` at `x`: linear between neighbouring points, flat
/// beyond the ends; zero for an empty curve. Points must be in strictly increasing `x`
/// (governance checks it when the curve is set).
pub fn eval(curve: &[CurvePoint], x: u32) -> Perbill {
	let (Some(first), Some(last)) = (curve.first(), curve.last()) else {
		return Perbill::zero();
	};
	if x <= first.x {
		return first.y;
	}
	if x >= last.x {
		return last.y;
	}
	for pair in curve.windows(2) {
		let [a, b] = pair else { continue };
		if x <= b.x {
			// a.x < x <= b.x here, so the span is positive.
			let span = u64::from(b.x.saturating_sub(a.x)).max(1);
			let into = u64::from(x.saturating_sub(a.x));
			let (ya, yb) = (u64::from(a.y.deconstruct()), u64::from(b.y.deconstruct()));
			// |yb − ya| ≤ 10^9 and into ≤ span < 2^32: the product fits in u64.
			let parts = if yb >= ya {
				ya.saturating_add(
					yb.saturating_sub(ya).saturating_mul(into).checked_div(span).unwrap_or(0),
				)
			} else {
				ya.saturating_sub(
					ya.saturating_sub(yb).saturating_mul(into).checked_div(span).unwrap_or(0),
				)
			};
			return Perbill::from_parts(u32::try_from(parts).unwrap_or(u32::MAX));
		}
	}
	last.y
}

/// `F × (1 − dt) × (1 − rc)`, rounded down.
pub fn model_price(face: Balance, dt: Perbill, rc: Perbill) -> Balance {
	let after_credit = rc.left_from_one().mul_floor(face);
	dt.left_from_one().mul_floor(after_credit)
}

/// The index (parts per million) clamped to `1 ± max_adjust`.
pub fn clamp_index(ppm: u32, max_adjust: Perbill) -> u32 {
	let adjust = max_adjust.mul_floor(PPM);
	ppm.clamp(PPM.saturating_sub(adjust), PPM.saturating_add(adjust))
}

/// `price × ppm / 10^6`, rounded down; `price` unchanged if the product would overflow.
pub fn apply_index(price: Balance, ppm: u32) -> Balance {
	price
		.checked_mul(u128::from(ppm))
		.and_then(|scaled| scaled.checked_div(u128::from(PPM)))
		.unwrap_or(price)
}

/// `weight × vwap + (1 − weight) × model`, each part rounded down.
pub fn blend(model: Balance, vwap: Balance, weight: Perbill) -> Balance {
	weight.mul_floor(vwap).saturating_add(weight.left_from_one().mul_floor(model))
}

impl<T: Config> Pallet<T> {
	/// `series` if it can be priced at `now`: it exists, is active and has not expired.
	pub(crate) fn priceable(
		series: SeriesId,
		now: Moment,
	) -> Result<CouponInfo<T::AccountId, Balance>, Error<T>> {
		let info = T::Coupons::info(series).ok_or(Error::<T>::UnknownSeries)?;
		Self::ensure_priceable(&info, now)?;
		Ok(info)
	}

	/// `Ok` when `info`'s series is active and not expired at `now`.
	pub(crate) fn ensure_priceable(
		info: &CouponInfo<T::AccountId, Balance>,
		now: Moment,
	) -> Result<(), Error<T>> {
		match info.status {
			SeriesStatus::Active => {},
			SeriesStatus::Expired => return Err(Error::<T>::SeriesExpired),
			SeriesStatus::Delisted => return Err(Error::<T>::SeriesNotActive),
		}
		if now >= info.valid_until {
			return Err(Error::<T>::SeriesExpired);
		}
		Ok(())
	}

	/// The model for `series` at `now`: its inputs and the price a feeder submits, with the
	/// external index `index_ppm` (clamped) when the worker has one.
	pub fn price_inputs(
		series: SeriesId,
		now: Moment,
		params: &OracleParams,
		index_ppm: Option<u32>,
	) -> Result<PriceInputs, Error<T>> {
		let info = Self::priceable(series, now)?;
		Ok(Self::model(series, &info, now, params, index_ppm))
	}

	/// The model for `series`, described by `info` (already checked to be priceable).
	pub(crate) fn model(
		series: SeriesId,
		info: &CouponInfo<T::AccountId, Balance>,
		now: Moment,
		params: &OracleParams,
		index_ppm: Option<u32>,
	) -> PriceInputs {
		let days_left =
			u32::try_from(info.valid_until.saturating_sub(now) / DAY_MS).unwrap_or(u32::MAX);
		let time_discount = eval(&params.time_curve, days_left);
		let credit_score = T::Credit::credit_score(&info.issuer);
		let credit_premium = eval(&params.credit_curve, u32::from(credit_score.unwrap_or(0)));
		let model = model_price(info.face_value, time_discount, credit_premium);
		let index_ppm = index_ppm.map(|ppm| clamp_index(ppm, params.max_feed_adjust));
		let indexed = index_ppm.map_or(model, |ppm| apply_index(model, ppm));
		let recent = if params.trade_weight.is_zero() {
			None
		} else {
			T::Trades::vwap(series, now.saturating_sub(params.vwap_window))
		};
		let (vwap, vwap_units) = match recent {
			Some((vwap, units)) if units >= params.min_trade_units => (Some(vwap), units),
			Some((_, units)) => (None, units),
			None => (None, 0),
		};
		let price = vwap.map_or(indexed, |vwap| blend(indexed, vwap, params.trade_weight));
		PriceInputs {
			face_value: info.face_value,
			days_left,
			time_discount,
			credit_score,
			credit_premium,
			model_price: model,
			index_ppm,
			vwap,
			vwap_units,
			price,
		}
	}
}
