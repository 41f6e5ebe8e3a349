//! Governance: feeders and parameters.

use crate::{Config, Error, Event, Feeders, OracleParams, Pallet, Params, MAX_CURVE_POINTS};
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::Get};

/// Highest external-index deadline governance may set: a worker must not hang on a feed.
pub const MAX_HTTP_TIMEOUT_MS: u64 = 10_000;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_add_feeder(feeder: T::AuthorityId) -> DispatchResult {
		let mut feeders = Feeders::<T>::get();
		let at = match feeders.binary_search(&feeder) {
			Ok(_) => return Err(Error::<T>::AlreadyFeeder.into()),
			Err(at) => at,
		};
		feeders.try_insert(at, feeder.clone()).map_err(|_| Error::<T>::TooManyFeeders)?;
		Feeders::<T>::put(feeders);
		Self::deposit_event(Event::FeederAdded { feeder });
		Ok(())
	}

	pub(crate) fn do_remove_feeder(feeder: T::AuthorityId) -> DispatchResult {
		let mut feeders = Feeders::<T>::get();
		let at = feeders.binary_search(&feeder).map_err(|_| Error::<T>::NotFeeder)?;
		feeders.remove(at);
		Feeders::<T>::put(feeders);
		Self::deposit_event(Event::FeederRemoved { feeder });
		Ok(())
	}

	pub(crate) fn do_set_params(params: OracleParams) -> DispatchResult {
		Self::ensure_valid_params(&params)?;
		Params::<T>::put(params.clone());
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	/// The checks `set_params` (and genesis) make.
	pub fn ensure_valid_params(params: &OracleParams) -> Result<(), Error<T>> {
		let curve_ok = |curve: &[crate::CurvePoint], max_x: u32| {
			!curve.is_empty()
				&& curve.len() <= MAX_CURVE_POINTS as usize
				&& curve.windows(2).all(|w| matches!(w, [a, b] if a.x < b.x))
				&& curve.last().is_some_and(|p| p.x <= max_x)
		};
		ensure!(curve_ok(&params.time_curve, u32::MAX), Error::<T>::BadCurve);
		ensure!(curve_ok(&params.credit_curve, 100), Error::<T>::BadCurve);
		ensure!(
			params.min_feeders >= 1 && params.min_feeders <= T::MaxFeeders::get(),
			Error::<T>::BadQuorum
		);
		ensure!(params.period >= 1 && params.max_age >= params.period, Error::<T>::BadPeriod);
		ensure!(
			params.batch_size >= 1 && params.batch_size <= T::MaxBatch::get(),
			Error::<T>::BadBatch
		);
		ensure!(
			params.http_timeout_ms >= 1 && params.http_timeout_ms <= MAX_HTTP_TIMEOUT_MS,
			Error::<T>::BadWindow
		);
		ensure!(params.trade_weight.is_zero() || params.vwap_window > 0, Error::<T>::BadWindow);
		Ok(())
	}

	/// Invariants: feeders sorted and unique; parameters valid; per series, one submission per
	/// feeder, none from a future block.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let feeders = Feeders::<T>::get();
		ensure!(feeders.windows(2).all(|w| matches!(w, [a, b] if a < b)), "feeders not sorted");
		Self::ensure_valid_params(&Params::<T>::get()).map_err(|_| "invalid oracle params")?;
		let block = Self::block();
		for (_, subs) in crate::Submissions::<T>::iter() {
			ensure!(subs.iter().all(|s| s.at <= block), "submission from a future block");
			let mut keys: alloc::vec::Vec<_> = subs.iter().map(|s| &s.feeder).collect();
			keys.sort();
			ensure!(keys.windows(2).all(|w| matches!(w, [a, b] if a < b)), "duplicate feeder");
		}
		Ok(())
	}
}
