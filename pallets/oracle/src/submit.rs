//! Feeders' submissions: the checks the transaction pool and the block share, and the write.

use crate::{
	aggregate::{aggregate, is_fresh},
	Config, Error, Event, Feeders, OracleParams, Pallet, Params, Period, PriceSubmission,
	Submission, Submissions,
};
use alloc::vec::Vec;
use genex_primitives::{Balance, PriceStatus};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::{
			InvalidTransaction, TransactionSource, TransactionValidityError,
			TransactionValidityWithRefund, ValidTransaction, Weight,
		},
		traits::Get,
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{traits::Zero, DispatchError, RuntimeAppPublic},
};

/// Custom `InvalidTransaction` codes of refused submissions, for node logs and wallets.
pub mod codes {
	/// `UnknownSeries`.
	pub const UNKNOWN_SERIES: u8 = 1;
	/// `SeriesNotActive`.
	pub const SERIES_NOT_ACTIVE: u8 = 2;
	/// `SeriesExpired`.
	pub const SERIES_EXPIRED: u8 = 3;
	/// `PriceOutOfRange`.
	pub const PRICE_OUT_OF_RANGE: u8 = 4;
	/// Anything else.
	pub const OTHER: u8 = 255;
}

/// What a checked submission was checked against.
pub(crate) struct Checked<T: Config> {
	feeders: BoundedVec<T::AuthorityId, T::MaxFeeders>,
	params: OracleParams,
	existing: BoundedVec<Submission<T::AuthorityId>, T::MaxFeeders>,
	block: u32,
}

impl<T: Config> Pallet<T> {
	/// The rate-limit period of `block`.
	pub fn period_of(block: u32, params: &OracleParams) -> Period {
		block.checked_div(params.period).unwrap_or(block)
	}

	/// This chain's genesis block hash. `frame_system` records it when block 1 is initialised
	/// and never prunes it, so blocks, the transaction pool (which initialises the next block
	/// before validating) and off-chain workers all read the same value.
	pub fn genesis_hash() -> T::Hash {
		frame_system::BlockHash::<T>::get(BlockNumberFor::<T>::zero())
	}

	/// The bytes a feeder signs for `submission` on this chain: the domain-separated submission
	/// bound to [`Self::genesis_hash`] ([`PriceSubmission::signing_payload`]). The off-chain
	/// worker signs these bytes and the chain verifies against them.
	pub fn signing_payload(submission: &PriceSubmission<T::AuthorityId>) -> Vec<u8> {
		submission.signing_payload(&Self::genesis_hash())
	}

	/// Every check of a submission, reads only.
	pub(crate) fn check_submission(
		submission: &PriceSubmission<T::AuthorityId>,
		signature: &T::FeederSignature,
	) -> Result<Checked<T>, Error<T>> {
		let feeders = Feeders::<T>::get();
		feeders.binary_search(&submission.feeder).map_err(|_| Error::<T>::NotFeeder)?;
		let payload = Self::signing_payload(submission);
		ensure_signed_by::<T>(&submission.feeder, &payload, signature)?;
		let params = Params::<T>::get();
		let block = Self::block();
		let period = Self::period_of(block, &params);
		if submission.period != period {
			return Err(Error::<T>::WrongPeriod);
		}
		let info = Self::priceable(submission.series, Self::now())?;
		let ceiling = info.face_value.saturating_mul(Balance::from(T::MaxPriceToFace::get()));
		if submission.price == 0 || submission.price > ceiling {
			return Err(Error::<T>::PriceOutOfRange);
		}
		let existing = Submissions::<T>::get(submission.series);
		let again = existing
			.iter()
			.any(|s| s.feeder == submission.feeder && Self::period_of(s.at, &params) == period);
		if again {
			return Err(Error::<T>::AlreadySubmitted);
		}
		Ok(Checked { feeders, params, existing, block })
	}

	/// The pool's and the block's check of a `submit_price` transaction. Valid submissions
	/// provide `(series, feeder, period)`, so a second one in the same period never enters the
	/// pool, and live until the period ends.
	pub fn authorize_submission(
		_source: TransactionSource,
		submission: &PriceSubmission<T::AuthorityId>,
		signature: &T::FeederSignature,
	) -> TransactionValidityWithRefund {
		let checked = Self::check_submission(submission, signature).map_err(|e| {
			let current = Self::period_of(Self::block(), &Params::<T>::get());
			invalid::<T>(e, submission.period, current)
		})?;
		let period = u64::from(checked.params.period.max(1));
		let into_period = u64::from(checked.block).checked_rem(period).unwrap_or(0);
		let validity = ValidTransaction::with_tag_prefix("GenexOracle")
			.priority(T::SubmissionPriority::get())
			.and_provides((submission.series, submission.feeder.clone(), submission.period))
			.longevity(period.saturating_sub(into_period).max(1))
			.propagate(true)
			.build()?;
		Ok((validity, Weight::zero()))
	}

	/// Record a checked submission and re-aggregate. Returns how many submissions the series
	/// keeps (for the weight).
	pub(crate) fn do_submit(
		submission: PriceSubmission<T::AuthorityId>,
		signature: &T::FeederSignature,
	) -> Result<u32, DispatchError> {
		let Checked { feeders, params, existing, block } =
			Self::check_submission(&submission, signature)?;
		// Keep the other current feeders' fresh values; this feeder's replaces its old one.
		let mut kept: Vec<Submission<T::AuthorityId>> = existing
			.into_iter()
			.filter(|s| {
				s.feeder != submission.feeder
					&& feeders.binary_search(&s.feeder).is_ok()
					&& is_fresh(s.at, block, &params)
			})
			.collect();
		kept.push(Submission {
			feeder: submission.feeder.clone(),
			price: submission.price,
			at: block,
		});
		// At most one entry per current feeder, and there are at most `MaxFeeders` of them.
		let kept: BoundedVec<_, T::MaxFeeders> =
			kept.try_into().map_err(|_| Error::<T>::TooManyFeeders)?;
		let count = u32::try_from(kept.len()).unwrap_or(u32::MAX);
		let result = aggregate(&kept, &feeders, block, &params);
		Submissions::<T>::insert(submission.series, kept);
		let series = submission.series;
		Self::deposit_event(Event::PriceSubmitted {
			series,
			feeder: submission.feeder,
			price: submission.price,
		});
		match (result.status, result.price) {
			(PriceStatus::Fresh, Some(price)) => Self::deposit_event(Event::PriceUpdated {
				series,
				price,
				agreeing: result.agreeing,
			}),
			_ => Self::deposit_event(Event::NoQuorum {
				series,
				fresh: result.fresh,
				agreeing: result.agreeing,
			}),
		}
		Ok(count)
	}
}

/// `Ok` when `signature` is `feeder`'s over `payload`.
fn ensure_signed_by<T: Config>(
	feeder: &T::AuthorityId,
	payload: &[u8],
	signature: &T::FeederSignature,
) -> Result<(), Error<T>> {
	if feeder.verify(&payload, signature) {
		Ok(())
	} else {
		Err(Error::<T>::BadSignature)
	}
}

/// The pool's view of a refused submission.
fn invalid<T: Config>(
	error: Error<T>,
	period: Period,
	current: Period,
) -> TransactionValidityError {
	let reason = match error {
		Error::<T>::NotFeeder => InvalidTransaction::BadSigner,
		Error::<T>::BadSignature => InvalidTransaction::BadProof,
		Error::<T>::AlreadySubmitted => InvalidTransaction::Stale,
		Error::<T>::WrongPeriod if period < current => InvalidTransaction::Stale,
		Error::<T>::WrongPeriod => InvalidTransaction::Future,
		Error::<T>::UnknownSeries => InvalidTransaction::Custom(codes::UNKNOWN_SERIES),
		Error::<T>::SeriesNotActive => InvalidTransaction::Custom(codes::SERIES_NOT_ACTIVE),
		Error::<T>::SeriesExpired => InvalidTransaction::Custom(codes::SERIES_EXPIRED),
		Error::<T>::PriceOutOfRange => InvalidTransaction::Custom(codes::PRICE_OUT_OF_RANGE),
		_ => InvalidTransaction::Custom(codes::OTHER),
	};
	reason.into()
}
