//! Blocks and extrinsics, as a block author applies them.
//!
//! Blocks start through `Executive::initialize_block` with an Aura pre-digest and the timestamp
//! inherent, and end through `Executive::finalize_block`. An extrinsic is applied by the steps
//! of `Executive::apply_extrinsic` (note it, `Applyable::apply` through every transaction
//! extension, note the outcome), in a storage transaction that is rolled back if it is invalid,
//! as the block builder does; the fuzzer runs those steps itself only to see the call's raw
//! post-dispatch weight. As the transaction pool does, it refuses extrinsics of the inherents'
//! class (`MandatoryValidation`). Signatures are not made: the signed format carries the
//! signer, and the encoded length is a real signed extrinsic's.

use crate::{
	common::{start_block_at_slot, tx_ext},
	generate::{self, Context, Types},
	genesis, invariants,
};
use arbitrary::{Result, Unstructured};
use codec::Encode;
use genex_runtime::{
	AccountId, Executive, Runtime, RuntimeCall, System, TxExtension, UncheckedExtrinsic,
};
use polkadot_sdk::{
	frame_support::{
		dispatch::{DispatchClass, DispatchInfo, GetDispatchInfo},
		storage::{with_transaction, TransactionOutcome},
		traits::GetCallMetadata,
	},
	pallet_collective,
	sp_core::sr25519,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		generic::{CheckedExtrinsic, ExtrinsicFormat},
		traits::{Applyable, BlakeTwo256, Hash as _},
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		DispatchError, MultiAddress, MultiSignature,
	},
};

/// Blocks a jump may skip (2-second blocks: a minute to a week).
const JUMPS: &[u32] = &[2, 10, 30, 600, 1_800, 43_200, 302_400];

/// The outcome of one extrinsic, as counted in [`crate::stats`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
	/// Included; the call succeeded.
	Ok,
	/// Included; the call failed (fees and nonce taken, nothing else written).
	Failed,
	/// Not includable (bad nonce, unpaid fee, sanctioned sender, quota, full block): rolled back.
	Invalid,
}

/// A chain under test, inside `TestExternalities`.
pub struct Chain {
	actors: Vec<AccountId>,
	/// Proposal hashes seen, for generated calls that name one.
	hashes: Vec<[u8; 32]>,
	/// Blocks finished by this input.
	pub blocks: u32,
	pub ok: u32,
	pub failed: u32,
	pub invalid: u32,
	/// The block was full: the next extrinsic waits for a new block.
	full: bool,
	pub canary: invariants::Canary,
}

impl Chain {
	/// Start block 1 on the genesis state.
	pub fn start() -> Self {
		start_block_at_slot(1, 1);
		Chain {
			actors: genesis::actor_accounts(),
			hashes: Vec::new(),
			blocks: 0,
			ok: 0,
			failed: 0,
			invalid: 0,
			full: false,
			canary: invariants::Canary::record(),
		}
	}

	fn context(&self) -> Context<'_> {
		Context {
			actors: &self.actors,
			hashes: &self.hashes,
			block: System::block_number(),
			now_ms: polkadot_sdk::pallet_timestamp::Now::<Runtime>::get(),
		}
	}

	/// Run one operation drawn from `u`.
	pub fn step(&mut self, types: &Types, u: &mut Unstructured) -> Result<()> {
		if self.full {
			self.next_block(1);
		}
		match u.int_in_range(0u8..=63)? {
			0..=3 => self.next_block(1),
			4 => {
				let n = *u.choose(JUMPS)?;
				self.next_block(n);
			},
			5..=7 => self.motion::<pallet_collective::Instance1>(types, u, &genesis::COUNCIL)?,
			8..=9 => self.motion::<pallet_collective::Instance2>(types, u, &genesis::COMPLIANCE)?,
			10..=11 => {
				if let Some(call) = generate::call(types, u, &self.context(), 0)? {
					self.apply_bare(call);
				}
			},
			_ => {
				let who = *u.choose(&genesis::ACTORS)?;
				let tip = if u.ratio(1, 16)? { 1_000_000 } else { 0 };
				if let Some(call) = generate::call(types, u, &self.context(), 0)? {
					self.apply_signed(who, call, tip);
				}
			},
		}
		Ok(())
	}

	/// A motion of a collective: a member proposes a generated call for all members' votes,
	/// the others vote (aye, mostly), a member closes it.
	fn motion<I: 'static>(
		&mut self,
		types: &Types,
		u: &mut Unstructured,
		members: &[Sr25519Keyring],
	) -> Result<()>
	where
		Runtime: pallet_collective::Config<I, Proposal = RuntimeCall>,
		RuntimeCall: From<pallet_collective::Call<Runtime, I>>,
	{
		let Some(inner) = generate::call(types, u, &self.context(), 1)? else { return Ok(()) };
		let proposer = *u.choose(members)?;
		let threshold = members.len() as u32;
		let length_bound = inner.encoded_size() as u32;
		let weight = inner.get_dispatch_info().call_weight;
		let hash = BlakeTwo256::hash_of(&inner);
		let index = pallet_collective::ProposalCount::<Runtime, I>::get();
		self.hashes.push(hash.into());
		let propose = pallet_collective::Call::<Runtime, I>::propose {
			threshold,
			proposal: Box::new(inner),
			length_bound,
		};
		self.apply_signed(proposer, propose.into(), 0);
		for m in members.iter().filter(|m| **m != proposer) {
			let approve = !u.ratio(1, 8)?;
			let vote =
				pallet_collective::Call::<Runtime, I>::vote { proposal: hash, index, approve };
			self.apply_signed(*m, vote.into(), 0);
		}
		let closer = *u.choose(members)?;
		let close = pallet_collective::Call::<Runtime, I>::close {
			proposal_hash: hash,
			index,
			proposal_weight_bound: weight,
			length_bound,
		};
		self.apply_signed(closer, close.into(), 0);
		Ok(())
	}

	/// Apply `call` signed by `who` with its next nonce.
	pub fn apply_signed(&mut self, who: Sr25519Keyring, call: RuntimeCall, tip: u128) -> Outcome {
		let account = who.to_account_id();
		let ext = tx_ext(System::account_nonce(&account), tip);
		// What a wallet would send: the length (and so the fee) is that of a signed extrinsic.
		let encoded = UncheckedExtrinsic::new_signed(
			call.clone(),
			MultiAddress::Id(account.clone()),
			MultiSignature::Sr25519(sr25519::Signature::from_raw([0; 64])),
			ext.clone(),
		)
		.encode();
		let xt: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension> =
			CheckedExtrinsic { format: ExtrinsicFormat::Signed(account, ext), function: call };
		self.apply(xt, encoded)
	}

	/// Apply `call` as a bare extrinsic, if the runtime would let it into the pool.
	pub fn apply_bare(&mut self, call: RuntimeCall) -> Outcome {
		let uxt = UncheckedExtrinsic::new_bare(call.clone());
		let parent = System::parent_hash();
		let valid = with_transaction(|| {
			let v =
				Executive::validate_transaction(TransactionSource::External, uxt.clone(), parent);
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(v.is_ok()))
		})
		.unwrap_or(false);
		if !valid {
			self.invalid += 1;
			return Outcome::Invalid;
		}
		let xt: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension> =
			CheckedExtrinsic { format: ExtrinsicFormat::Bare, function: call };
		self.apply(xt, uxt.encode())
	}

	/// `Executive::apply_extrinsic`'s steps, checking the weight the call reports.
	fn apply(
		&mut self,
		xt: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension>,
		encoded: Vec<u8>,
	) -> Outcome {
		let call = xt.function.get_call_metadata();
		let info: DispatchInfo = xt.get_dispatch_info();
		// The transaction pool refuses a transaction of the inherents' class
		// (`Executive::validate_transaction`: `MandatoryValidation`), e.g. `utility.withWeight`
		// around `timestamp.set`, which takes its inner call's class.
		if info.class == DispatchClass::Mandatory {
			self.invalid += 1;
			return Outcome::Invalid;
		}
		let len = encoded.len();
		let result = with_transaction(|| {
			if !System::inherents_applied() {
				Executive::inherents_applied();
			}
			System::note_extrinsic(encoded);
			let r = Applyable::apply::<Runtime>(xt, &info, len);
			match r {
				Ok(r) => {
					System::note_applied_extrinsic(&r, info);
					TransactionOutcome::Commit(Ok::<_, DispatchError>(Ok(r)))
				},
				Err(e) => TransactionOutcome::Rollback(Ok(Err(e))),
			}
		});
		if trace() {
			eprintln!(
				"#{} {}.{} class {:?} weight {:?} -> {:?}; block weight {:?}",
				System::block_number(),
				call.pallet_name,
				call.function_name,
				info.class,
				info.total_weight(),
				result
					.as_ref()
					.map(|r| r.as_ref().map(|r| r.as_ref().map(|_| ()).map_err(|e| e.error))),
				System::block_weight(),
			);
		}
		match result {
			Ok(Ok(r)) => {
				let post = match &r {
					Ok(p) => *p,
					Err(e) => e.post_info,
				};
				invariants::check_extrinsic_weight(&info, &post, &call);
				if r.is_ok() {
					self.ok += 1;
					Outcome::Ok
				} else {
					self.failed += 1;
					Outcome::Failed
				}
			},
			Ok(Err(e)) => {
				if e == TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources) {
					self.full = true;
				}
				self.invalid += 1;
				Outcome::Invalid
			},
			Err(_) => {
				self.invalid += 1;
				Outcome::Invalid
			},
		}
	}

	/// End the current block (checking the invariants) and start the one `n` blocks later.
	pub fn next_block(&mut self, n: u32) {
		let slot = u64::from(polkadot_sdk::pallet_aura::CurrentSlot::<Runtime>::get());
		let number = self.end_block();
		let n = n.max(1);
		// `initialize_block` takes only the block after the current one.
		System::set_block_number(number.saturating_add(n - 1));
		start_block_at_slot(number.saturating_add(n), slot.saturating_add(u64::from(n)));
		self.full = false;
	}

	/// Finish the current block and check every invariant; returns its number.
	pub fn end_block(&mut self) -> u32 {
		if trace() {
			eprintln!(
				"#{} ends; block weight {:?}",
				System::block_number(),
				System::block_weight()
			);
		}
		invariants::check_block_weight();
		let header = Executive::finalize_block();
		self.blocks += 1;
		invariants::check_all(header.number, &self.canary);
		header.number
	}
}

/// Whether `GENEX_FUZZ_TRACE` is set: print every extrinsic, its outcome and the block weight
/// (for triage: `GENEX_FUZZ_TRACE=1 scripts/fuzz.sh replay crash-…`).
fn trace() -> bool {
	static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
	*TRACE.get_or_init(|| std::env::var_os("GENEX_FUZZ_TRACE").is_some())
}
