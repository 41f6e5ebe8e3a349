//! `pallet_proxy` (v50): an account lets other accounts act for it, within a [`ProxyType`].
//!
//! A delegate dispatches `proxy.proxy(real, forceProxyType, call)`; `call` runs with the origin
//! `Signed(real)`, so every pallet sees the real account: its KYC level and limits, its
//! holdings, its orders, its AML record. The delegate only signs and pays the fee (proxy calls
//! are never fee-less: `feeless::NeverFeeless`). The runtime's `BaseCallFilter` applies inside
//! (the settlement-asset rules) on top of the proxy type's filter, and the sanctions extension
//! screens the real account of every `proxy` / `proxyAnnounced` at every level of nesting
//! (`sanctions::WrapperParties`): a blocked account cannot act through a proxy, and a blocked
//! delegate cannot sign one.
//!
//! Choices:
//! - Proxy types ([`ProxyType`]): `Any` (everything, the pallet's default), `Trading` (the
//!   market's order and quote calls, and utility batches of them; no listings) and `Governance`
//!   (council motions and votes). There is no `NonTransfer`: almost every user call of this
//!   chain moves value (stablecoin, coupons, the market, redemption), so a "non-transfer"
//!   proxy would have little to do, and a deny-list would silently let through value-moving
//!   calls added later. Every type but `Any` is an allow-list.
//! - Deposits in `GNX` at the multisig's rates: one unit per storage item, 10 mGNX per byte.
//!   The pallet still uses `ReservableCurrency` (reserves, not holds) in v50: it declares no
//!   hold reason, and `pallet_balances`' plain `reserve` does not count against `MaxReserves`
//!   (that bounds named reserves only).
//! - Time in local blocks (`System`), as for the multisig and the treasury.
//! - Weights measured on this runtime (`scripts/benchmark.sh pallet_proxy` writes
//!   `runtime/src/weights/pallet_proxy.rs`).

use crate::*;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, InstanceFilter},
	},
	pallet_collective, pallet_proxy, pallet_utility,
	sp_runtime::traits::BlakeTwo256,
};

/// What a delegate may do for the account that added it. Appending a variant is compatible;
/// reordering or removing one is not (the index is stored in `Proxies`).
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Default,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub enum ProxyType {
	/// Every call the account could make itself (the pallet requires the default to be the
	/// most permissive type).
	#[default]
	#[codec(index = 0)]
	Any,
	/// The account's orders and quote sheets in the batch auction: `placeOrder`,
	/// `placeMarketOrder`, `cancelOrder`, `setQuotes`, `cancelQuotes`, and utility batches of
	/// them. Not: listings (a delegate could list its own units at any price and buy them with
	/// the account's money), coupon or stablecoin transfers, redemption, joining or leaving the
	/// market makers, affiliations, issuer calls, proxies, recovery. Orders still give economic
	/// control: where a series has no reference price yet no band limits their price, and a
	/// delegate could trade against the account in a thin book. Give it to a key the holder
	/// trusts (its own bot), as a bank would a trader.
	#[codec(index = 1)]
	Trading,
	/// Council motions: `propose`, `vote`, `close`, and utility batches of them (a bank's cold
	/// council key delegating to a hot one). Not the compliance committee (see the open
	/// question in the integration notes).
	#[codec(index = 2)]
	Governance,
}

/// Utility batches: their inner calls are dispatched with the same (filtered) origin, so each
/// is checked against the proxy type again.
fn is_batch(c: &RuntimeCall) -> bool {
	matches!(
		c,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
		)
	)
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::Trading => {
				is_batch(c)
					|| matches!(
						c,
						RuntimeCall::Market(
							pallet_market::Call::place_order { .. }
								| pallet_market::Call::place_market_order { .. }
								| pallet_market::Call::cancel_order { .. }
								| pallet_market::Call::set_quotes { .. }
								| pallet_market::Call::cancel_quotes { .. }
						)
					)
			},
			ProxyType::Governance => {
				is_batch(c)
					|| matches!(
						c,
						RuntimeCall::Council(
							pallet_collective::Call::propose { .. }
								| pallet_collective::Call::vote { .. }
								| pallet_collective::Call::close { .. }
						)
					)
			},
		}
	}

	fn is_superset(&self, o: &Self) -> bool {
		// `Any` covers every type; the others only themselves (disjoint allow-lists).
		self == o || *self == ProxyType::Any
	}
}

parameter_types! {
	// One storage item (`Proxies`): 8 + 32 bytes of key, 16 + 1 bytes of value (the deposit,
	// the list's length).
	pub const ProxyDepositBase: Balance = UNIT + 57 * 10 * MILLI_UNIT;
	// Each delegate adds a `ProxyDefinition`: 32-byte account, 1-byte type, 4-byte delay.
	pub const ProxyDepositFactor: Balance = 37 * 10 * MILLI_UNIT;
	// One storage item (`Announcements`), the same shape as `Proxies`.
	pub const AnnouncementDepositBase: Balance = UNIT + 57 * 10 * MILLI_UNIT;
	// Each announcement: 32-byte real account, 32-byte call hash, 4-byte block number.
	pub const AnnouncementDepositFactor: Balance = 68 * 10 * MILLI_UNIT;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	// Upstream's reference runtimes' bounds; the weights are linear in both.
	type MaxProxies = ConstU32<32>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
	// Measured on this runtime (`runtime/src/weights/pallet_proxy.rs`).
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
}
