//! The credit score, its tier and the issuance limit: pure functions of public inputs, so
//! wallets and regulators can recompute them.
//!
//! Score (0–100, integer arithmetic, saturating at both ends):
//!
//! | part | points | from | counts |
//! |---|---|---|---|
//! | redemption | 0–35 | 35 × honoured / requested (0 without history) | once sampled |
//! | breakage | 0–15 | 15 × redeemed face / (redeemed + expired face) (0 without history) | once sampled |
//! | reviews | 0–20 | 20 × (average stars − 1) / 4 (0 without reviews) | once sampled |
//! | years in business | 0–20 | 2 per year, at most 10 years | always |
//! | escrow | 0–10 | 1 per 2 % of proceeds kept in escrow, at most 10 | always |
//! | defaults | −15 each | | always |
//!
//! Honoured redemptions, redeemed face and reviews come from independent holders only (an
//! issuer's and its affiliates' redemptions are booked as recalls, their reviews refused).
//! **Sampled** ([`sample_met`]): the issuer has at least the governed minimum number of
//! honoured redemptions *and* of face value redeemed *and* has been approved for at least the
//! governed number of blocks (`MinimumSample`; by default 20 redemptions, 10,000 GUSD, 30 days).
//! Until then the first three parts count 0.
//!
//! Tier: score < 40 → 1, < 60 → 2, < 80 → 3, else 4. A new issuer has only its years (≤ 20
//! points) and escrow (≤ 10), and keeps only those until it is sampled, so it starts — and
//! stays until sampled — in tier 1. Limit: (tier limit + deposit × leverage) × (1 − limit
//! cut).

use crate::{SampleRule, TierLimitsOf, TIERS};
use genex_primitives::{Balance, CreditInputs};
use polkadot_sdk::sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, PerThing, Perbill, Rounding,
};

/// Points of a perfect redemption record.
pub const REDEMPTION_POINTS: u128 = 35;
/// Points of zero breakage.
pub const BREAKAGE_POINTS: u128 = 15;
/// Points of five-star reviews.
pub const REVIEW_POINTS: u128 = 20;
/// Points per year in business.
pub const POINTS_PER_YEAR: u32 = 2;
/// Years that count.
pub const MAX_YEARS: u8 = 10;
/// Most escrow points.
pub const MAX_ESCROW_POINTS: u32 = 10;
/// Points a default costs.
pub const DEFAULT_PENALTY: u32 = 15;

/// `points × num / den`, rounded down; 0 when `den` is 0.
fn share(points: u128, num: u128, den: u128) -> u32 {
	if den == 0 {
		return 0;
	}
	multiply_by_rational_with_rounding(points, num.min(den), den, Rounding::Down)
		.map(|p| p.min(points) as u32)
		.unwrap_or(0)
}

/// Whether an issuer with `inputs`, approved `age` blocks ago, has the minimum sample `rule`:
/// enough honoured redemptions, enough face value redeemed, and old enough.
pub fn sample_met<BlockNumber: PartialOrd>(
	inputs: &CreditInputs<Balance>,
	rule: &SampleRule<BlockNumber>,
	age: BlockNumber,
) -> bool {
	inputs.honoured >= rule.redemptions && inputs.redeemed_face >= rule.face && age >= rule.age
}

/// The credit score of an issuer with `inputs` and `escrow_share`; `sampled` when it has the
/// minimum sample ([`sample_met`]): without it the redemption, breakage and review parts
/// count 0.
pub fn score(inputs: &CreditInputs<Balance>, escrow_share: Perbill, sampled: bool) -> u8 {
	let (redemption, breakage, reviews) = if sampled {
		let retired = inputs.redeemed_face.saturating_add(inputs.expired_face);
		(
			share(REDEMPTION_POINTS, inputs.honoured.into(), inputs.requested.into()),
			share(BREAKAGE_POINTS, inputs.redeemed_face, retired),
			share(
				REVIEW_POINTS,
				u128::from(inputs.review_stars).saturating_sub(inputs.reviews.into()),
				u128::from(inputs.reviews).saturating_mul(4),
			),
		)
	} else {
		(0, 0, 0)
	};
	let years = u32::from(inputs.years_in_business.min(MAX_YEARS)).saturating_mul(POINTS_PER_YEAR);
	// One point per 2 % (20,000,000 parts per billion).
	let escrow = (escrow_share.deconstruct() / 20_000_000).min(MAX_ESCROW_POINTS);
	let penalty = u32::from(inputs.defaults).saturating_mul(DEFAULT_PENALTY);
	let total = redemption
		.saturating_add(breakage)
		.saturating_add(reviews)
		.saturating_add(years)
		.saturating_add(escrow)
		.saturating_sub(penalty)
		.min(100);
	total as u8
}

/// The tier (1–4) of a score.
pub fn tier(score: u8) -> u8 {
	match score {
		0..=39 => 1,
		40..=59 => 2,
		60..=79 => 3,
		_ => 4,
	}
}

/// The issuance limit: (limit of `tier` + `deposit × leverage`) × (1 − `cut`).
pub fn limit(
	limits: &TierLimitsOf,
	tier: u8,
	deposit: Balance,
	leverage: u32,
	cut: Perbill,
) -> Balance {
	let index = usize::from(tier.saturating_sub(1)).min(TIERS.saturating_sub(1));
	let base = limits.get(index).copied().unwrap_or_default();
	let gross = base.saturating_add(deposit.saturating_mul(leverage.into()));
	// A per-thing times a balance is at most the balance (`Perbill: Mul<N>` prunes overflow).
	#[allow(clippy::arithmetic_side_effects)]
	let cut = cut * gross;
	gross.saturating_sub(cut)
}

/// Whether tier limits do not decrease from tier 1 to tier 4.
pub fn limits_ordered(limits: &TierLimitsOf) -> bool {
	limits.windows(2).all(|w| matches!(w, [a, b] if a <= b))
}

/// `cut` compounded with an earlier cut: 1 − (1 − old)(1 − new).
pub fn compound_cut(old: Perbill, new: Perbill) -> Perbill {
	// The product of two per-things is a per-thing at most either (`Perbill: Mul`, rounded).
	#[allow(clippy::arithmetic_side_effects)]
	let kept = old.left_from_one() * new.left_from_one();
	kept.left_from_one()
}
