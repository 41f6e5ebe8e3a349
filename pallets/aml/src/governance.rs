//! Governance: rules, high-risk jurisdictions, clearing flags.

use crate::{
	default_rule, Config, Counters, Error, Event, Flags, FleetingWithdrawals, HighRisk,
	Jurisdiction, MarketActivity, Pallet, Rule, RuleConfig, Rules, Severity, Trails, LOG_TARGET,
	RULES,
};
use genex_primitives::MAX_CYCLE_HOPS;
use polkadot_sdk::frame_support::{pallet_prelude::*, traits::Get, BoundedVec};

impl<T: Config> Pallet<T> {
	/// Every rule in force, in [`Rule::ALL`]'s order.
	pub fn rules() -> [RuleConfig; RULES] {
		let stored = Rules::<T>::get();
		Rule::ALL
			.map(|rule| stored.get(rule as usize).copied().unwrap_or_else(|| default_rule(rule)))
	}

	/// `rule` in force.
	pub fn rule(rule: Rule) -> RuleConfig {
		Self::rules().get(rule as usize).copied().unwrap_or_else(|| default_rule(rule))
	}

	pub(crate) fn do_set_rule(rule: Rule, config: RuleConfig) -> DispatchResult {
		let needs_value = matches!(
			rule,
			Rule::LargeValue
				| Rule::Velocity
				| Rule::MonthlyVelocity
				| Rule::Structuring
				| Rule::CrossBorder
				| Rule::RapidInOut
				| Rule::ShortCycle
				| Rule::OrderToTrade
		);
		let needs_count = matches!(
			rule,
			Rule::Velocity
				| Rule::Structuring
				| Rule::FanOut
				| Rule::FanIn
				| Rule::RapidInOut
				| Rule::Spoofing
				| Rule::OrderToTrade
		);
		ensure!(!needs_value || config.value > 0, Error::<T>::ZeroValue);
		ensure!(!needs_count || config.count > 0, Error::<T>::ZeroCount);
		if matches!(rule, Rule::FanOut | Rule::FanIn) {
			ensure!(config.count < T::MaxCounterparties::get(), Error::<T>::CountTooHigh);
		}
		ensure!(rule != Rule::RapidInOut || config.count <= 100, Error::<T>::CountTooHigh);
		if rule == Rule::ShortCycle {
			ensure!(config.count >= 2, Error::<T>::CountTooLow);
			ensure!(config.count <= MAX_CYCLE_HOPS, Error::<T>::CountTooHigh);
		}
		ensure!(
			!config.restrict || config.severity == Severity::High,
			Error::<T>::RestrictNeedsHigh
		);
		ensure!(!config.restrict || !Self::driven_by_others(rule), Error::<T>::CannotRestrict);
		let mut rules = Self::rules();
		if let Some(slot) = rules.get_mut(rule as usize) {
			*slot = config;
		}
		// `RULES <= MAX_RULES` (integrity test): nothing is cut.
		Rules::<T>::put(BoundedVec::truncate_from(rules.to_vec()));
		log::info!(target: LOG_TARGET, "rule {:?} set: {:?}", rule, config);
		Self::deposit_event(Event::RuleSet { rule, config });
		Ok(())
	}

	/// Whether what others do to an account can trip `rule` on it (fan-in: others send to it;
	/// a short cycle: others send value back to it): such a rule may only report.
	fn driven_by_others(rule: Rule) -> bool {
		matches!(rule, Rule::FanIn | Rule::ShortCycle)
	}

	pub(crate) fn do_set_high_risk(jurisdiction: Jurisdiction, high_risk: bool) -> DispatchResult {
		ensure!(
			genex_primitives::kyc::is_valid_jurisdiction(&jurisdiction),
			Error::<T>::InvalidJurisdiction
		);
		let mut list = HighRisk::<T>::get();
		let found = list.binary_search(&jurisdiction);
		match (found, high_risk) {
			(Ok(_), true) => return Err(Error::<T>::AlreadyHighRisk.into()),
			(Err(_), false) => return Err(Error::<T>::NotHighRisk.into()),
			(Err(at), true) => {
				list.try_insert(at, jurisdiction).map_err(|_| Error::<T>::TooManyHighRisk)?
			},
			(Ok(at), false) => {
				list.remove(at);
			},
		}
		HighRisk::<T>::put(list);
		Self::deposit_event(Event::HighRiskSet { jurisdiction, high_risk });
		Ok(())
	}

	pub(crate) fn do_clear_flag(who: T::AccountId) -> DispatchResult {
		ensure!(Flags::<T>::contains_key(&who), Error::<T>::NotFlagged);
		Flags::<T>::remove(&who);
		// Today's window rules may report (and restrict) again.
		if Counters::<T>::contains_key(&who) {
			Counters::<T>::mutate(&who, |c| c.reported = 0);
		}
		if Trails::<T>::contains_key(&who) {
			Trails::<T>::mutate(&who, |t| t.reported = 0);
		}
		if FleetingWithdrawals::<T>::contains_key(&who) {
			FleetingWithdrawals::<T>::mutate(&who, |w| w.reported = false);
		}
		if MarketActivity::<T>::contains_key(&who) {
			MarketActivity::<T>::mutate(&who, |f| f.reported = false);
		}
		log::info!(target: LOG_TARGET, "flag cleared: {:?}", who);
		Self::deposit_event(Event::FlagCleared { account: who });
		Ok(())
	}

	/// The stored state is consistent: the high-risk list sorted without repeats and every
	/// entry a valid code; every rule in force valid.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let list = HighRisk::<T>::get();
		ensure!(
			list.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"high-risk list not sorted or repeated"
		);
		ensure!(
			list.iter().all(genex_primitives::kyc::is_valid_jurisdiction),
			"invalid high-risk jurisdiction"
		);
		for (rule, config) in Rule::ALL.iter().zip(Self::rules()) {
			ensure!(
				!config.restrict || config.severity == Severity::High,
				"restricting rule below High"
			);
			ensure!(
				!config.restrict || !Self::driven_by_others(*rule),
				"fan-in or cycle restricts"
			);
			if matches!(rule, Rule::FanOut | Rule::FanIn) {
				ensure!(config.count < T::MaxCounterparties::get(), "fan count at the bound");
			}
			if *rule == Rule::ShortCycle {
				ensure!((2..=MAX_CYCLE_HOPS).contains(&config.count), "cycle length out of range");
			}
		}
		Self::do_try_state_holds()
	}
}
