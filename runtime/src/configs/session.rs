//! `pallet_session`: validator sessions; the set comes from `ValidatorSet`.

use crate::*;
use polkadot_sdk::{
	frame_support::parameter_types,
	pallet_session::{self, PeriodicSessions},
	sp_runtime::traits::ConvertInto,
};

parameter_types! {
	pub const SessionPeriod: BlockNumber = SESSION_PERIOD;
	pub const SessionOffset: BlockNumber = 0;
	/// Held from a validator account while it has session keys registered.
	pub const SessionKeyDeposit: Balance = 10 * UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession =
		pallet_validator_set::ForcedOrPeriodicSessions<Runtime, SessionPeriod, SessionOffset>;
	type NextSessionRotation = PeriodicSessions<SessionPeriod, SessionOffset>;
	type SessionManager = ValidatorSet;
	type SessionHandler =
		<SessionKeys as polkadot_sdk::sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}
