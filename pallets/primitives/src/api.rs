//! Runtime APIs of the compliance pallets, for wallets, merchants and regulators.

use crate::{kyc::KycStatus, sanctions::SanctionsListInfo};
use codec::Codec;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// KYC status, sanctions status, the Travel-Rule threshold and fee-less quotas.
	pub trait ComplianceApi<AccountId, Balance> where AccountId: Codec, Balance: Codec {
		/// Level, jurisdiction, expiry and what `who` may still do in the rolling 24 hours.
		fn kyc_status(who: AccountId) -> KycStatus<Balance>;
		/// Whether `who` is on the blocked-address list.
		fn is_blocked(who: AccountId) -> bool;
		/// The blocked-address list in force (None before the first update).
		fn sanctions_list() -> Option<SanctionsListInfo>;
		/// Transfers of at least this value must go through `transfer_with_travel_rule`.
		fn travel_rule_threshold() -> Balance;
		/// Fee-less calls `who` has left in the current period.
		fn free_calls_remaining(who: AccountId) -> u32;
	}
}
