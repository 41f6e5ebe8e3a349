//! Test runtime: frame-system and this pallet, with the primitives' mocks for coupons, credit and
//! trades. Feeders are `UintAuthorityId`s (signatures `TestSignature(key, message)`); the
//! node's keystore is `UintAuthorityId::set_all_keys`.

use crate as pallet_oracle;
use crate::{CurvePoint, OracleParams};
use genex_primitives::{
	coupons::mock::MockCoupons, credit::mock::MockCredit, market::mock::MockTrades, Moment,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{ConstU32, ConstU64, UnixTime},
		BoundedVec,
	},
	frame_system::{self, offchain},
	sp_io,
	sp_runtime::{
		generic::UncheckedExtrinsic,
		testing::{TestSignature, UintAuthorityId},
		BuildStorage, Perbill,
	},
};
use std::cell::Cell;

type Block = frame_system::mocking::MockBlock<Test>;

/// The issuer of the test series.
pub const ISSUER: u64 = 1;
/// Series 0: face 100_000, issued by `ISSUER`, valid for 100 days from `T0`.
pub const SERIES: u64 = 0;
/// Face value of the test series.
pub const FACE: u128 = 100_000;
/// The mock clock's start: 1 000 days after the epoch, in ms.
pub const T0: Moment = 1_000 * DAY;
/// A day in ms.
pub const DAY: Moment = 86_400_000;
/// Feeders registered at genesis.
pub const FEEDERS: [u64; 3] = [11, 12, 13];

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Oracle = pallet_oracle;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The extrinsic the worker builds: a general transaction with `AuthorizeCall`.
pub type Extrinsic = UncheckedExtrinsic<u64, RuntimeCall, (), frame_system::AuthorizeCall<Test>>;

impl offchain::CreateTransactionBase<crate::Call<Test>> for Test {
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl offchain::CreateTransaction<crate::Call<Test>> for Test {
	type Extension = frame_system::AuthorizeCall<Test>;
	fn create_transaction(call: RuntimeCall, extension: Self::Extension) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl offchain::CreateAuthorizedTransaction<crate::Call<Test>> for Test {
	fn create_extension() -> Self::Extension {
		frame_system::AuthorizeCall::new()
	}
}

thread_local! {
	static NOW: Cell<Moment> = const { Cell::new(T0) };
}

/// The mock wall clock.
pub struct MockTime;
impl MockTime {
	/// Set the time (ms since the epoch).
	pub fn set(now: Moment) {
		NOW.with(|n| n.set(now));
	}
}
impl UnixTime for MockTime {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW.with(|n| n.get()))
	}
}

impl pallet_oracle::Config for Test {
	type AuthorityId = UintAuthorityId;
	type FeederSignature = TestSignature;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type Coupons = MockCoupons;
	type Credit = MockCredit;
	type Trades = MockTrades;
	type UnixTime = MockTime;
	type MaxFeeders = ConstU32<5>;
	type MaxBatch = ConstU32<8>;
	type MaxPriceToFace = ConstU32<2>;
	type SubmissionPriority = ConstU64<1_000>;
	type WeightInfo = ();
}

/// Parameters of the tests: straight-line curves that are easy to check by hand.
/// Time: 20 % at 0 days → 0 % at 100 days. Credit: 10 % at score 0 → 0 % at 100.
/// Quorum 2 within 5 %, fresh 20 blocks, periods of 10 blocks, batches of 2.
pub fn test_params() -> OracleParams {
	let point = |x, percent| CurvePoint { x, y: Perbill::from_percent(percent) };
	OracleParams {
		time_curve: BoundedVec::truncate_from(vec![point(0, 20), point(100, 0)]),
		credit_curve: BoundedVec::truncate_from(vec![point(0, 10), point(100, 0)]),
		trade_weight: Perbill::from_percent(50),
		vwap_window: DAY,
		min_trade_units: 10,
		min_feeders: 2,
		agreement: Perbill::from_percent(5),
		max_age: 20,
		period: 10,
		batch_size: 2,
		range: Perbill::from_percent(5),
		max_feed_adjust: Perbill::from_percent(10),
		http_timeout_ms: 1_000,
	}
}

/// Series 0 of `ISSUER` (score 100 unless set), face `FACE`, valid `[0, T0 + 50 days)`; the
/// clock at `T0`; feeders `FEEDERS`; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockCoupons::reset();
	MockCredit::reset();
	MockTrades::reset();
	MockTime::set(T0);
	UintAuthorityId::set_all_keys(Vec::<u64>::new());
	MockCredit::set_issuer(&ISSUER, u128::MAX);
	MockCoupons::add_series(SERIES, &ISSUER, FACE, FACE * 9 / 10);
	MockCoupons::set_validity(SERIES, 0, T0 + 50 * DAY);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		oracle: pallet_oracle::GenesisConfig {
			feeders: FEEDERS.iter().copied().map(UintAuthorityId).collect(),
			params: Some(test_params()),
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
