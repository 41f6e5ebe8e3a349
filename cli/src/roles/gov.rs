//! `genex gov`: motions of the council (platform and banks) and of the compliance committee
//! (one officer per bank) — propose, vote, close — and, on development chains, sudo.
//!
//! Which body and how many ayes a call needs follows the runtime's origins
//! (`runtime/src/configs/{council,compliance_committee}.rs`): governance calls need two thirds
//! of the council, unblocking an account or forcing a KYC revocation two compliance officers.

use crate::{
	chain::{Chain, Outcome},
	output::Report,
	roles::{facts, read_report, submitted, wallet::parse_hash},
	units::{parse_account, show_account},
	Context,
};
use codec::{Decode, Encode};
use genex_reports::{fail, Error, Result};
use genex_runtime::RuntimeCall;
use polkadot_sdk::{
	frame_support::{dispatch::GetDispatchInfo, traits::GetCallMetadata},
	pallet_collective, pallet_sudo,
	sp_core::{crypto::AccountId32, H256},
	sp_crypto_hashing::{blake2_256, twox_128},
};
use serde_json::{json, Value as Json};
use std::path::PathBuf;

/// A collective that votes on motions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Body {
	/// The council: the platform and the partner banks (governance calls: 2/3).
	Council,
	/// The compliance committee: one officer per bank (unblocking, forced KYC revocation: 2).
	Compliance,
}

impl Body {
	/// The pallet's name in the runtime (storage prefix, event names).
	pub fn pallet(self) -> &'static str {
		match self {
			Body::Council => "Council",
			Body::Compliance => "ComplianceCommittee",
		}
	}

	fn propose(self, threshold: u32, proposal: RuntimeCall) -> RuntimeCall {
		let length_bound = len(&proposal);
		let proposal = Box::new(proposal);
		match self {
			Body::Council => RuntimeCall::Council(pallet_collective::Call::propose {
				threshold,
				proposal,
				length_bound,
			}),
			Body::Compliance => {
				RuntimeCall::ComplianceCommittee(pallet_collective::Call::propose {
					threshold,
					proposal,
					length_bound,
				})
			},
		}
	}

	fn vote(self, proposal: H256, index: u32, approve: bool) -> RuntimeCall {
		match self {
			Body::Council => {
				RuntimeCall::Council(pallet_collective::Call::vote { proposal, index, approve })
			},
			Body::Compliance => RuntimeCall::ComplianceCommittee(pallet_collective::Call::vote {
				proposal,
				index,
				approve,
			}),
		}
	}

	/// The call that closes `motion`, with its weight and length bounds.
	pub fn close(self, motion: &Motion) -> RuntimeCall {
		let proposal_hash = motion.hash;
		let index = motion.index;
		let proposal_weight_bound = motion.proposal.get_dispatch_info().call_weight;
		let length_bound = len(&motion.proposal);
		match self {
			Body::Council => RuntimeCall::Council(pallet_collective::Call::close {
				proposal_hash,
				index,
				proposal_weight_bound,
				length_bound,
			}),
			Body::Compliance => RuntimeCall::ComplianceCommittee(pallet_collective::Call::close {
				proposal_hash,
				index,
				proposal_weight_bound,
				length_bound,
			}),
		}
	}
}

/// `call` as one compliance officer's act: the committee's `execute` (the origin
/// `ComplianceOrigin` the runtime gives a single member).
pub fn as_officer(call: RuntimeCall) -> RuntimeCall {
	let length_bound = len(&call);
	RuntimeCall::ComplianceCommittee(pallet_collective::Call::execute {
		proposal: Box::new(call),
		length_bound,
	})
}

/// `call` dispatched as Root by the sudo key (development chains only).
pub fn as_sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

fn len(call: &RuntimeCall) -> u32 {
	u32::try_from(call.encoded_size()).unwrap_or(u32::MAX)
}

/// `genex gov …`
#[derive(clap::Subcommand, Debug)]
pub enum Command {
	/// The open motions of a body: index, hash, the call, ayes and nays, threshold, end.
	Motions {
		/// Which body.
		#[arg(long, value_enum, default_value_t = Body::Council)]
		body: Body,
	},
	/// Propose a motion (the signer must be a member); with a threshold of 1 it is executed at
	/// once. The body and threshold follow from the action unless given.
	Propose {
		/// Which body (default: the one the action needs).
		#[arg(long, value_enum)]
		body: Option<Body>,
		/// Ayes needed (default: what the action's origin needs with today's members).
		#[arg(long)]
		threshold: Option<u32>,
		#[command(subcommand)]
		action: Action,
	},
	/// Vote on an open motion (the signer must be a member).
	Vote {
		/// Which body.
		#[arg(long, value_enum, default_value_t = Body::Council)]
		body: Body,
		/// The motion: its index (`3` or `#3`) or its hash (0x…).
		#[arg(long)]
		motion: String,
		/// Vote aye.
		#[arg(long, conflicts_with = "nay", required_unless_present = "nay")]
		aye: bool,
		/// Vote nay.
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion that has its ayes (it is executed) or its nays, or whose time is up
	/// (anyone may close).
	Close {
		/// Which body.
		#[arg(long, value_enum, default_value_t = Body::Council)]
		body: Body,
		/// The motion: its index or its hash.
		#[arg(long)]
		motion: String,
	},
	/// Dispatch an action as Root through the sudo key (development chains only; a production
	/// chain has no sudo and refuses it).
	Sudo {
		#[command(subcommand)]
		action: Action,
	},
}

/// What a motion does.
#[derive(clap::Subcommand, Debug, Clone)]
pub enum Action {
	/// Approve an issuer's application (council, 2/3): its credit starts from its years in
	/// business.
	ApproveIssuer {
		/// The applicant.
		#[arg(long)]
		issuer: String,
		/// Years in business (a credit-score input).
		#[arg(long, default_value_t = 0)]
		years: u8,
	},
	/// Reject an issuer's application with a reason (council, 2/3).
	RejectIssuer {
		/// The applicant.
		#[arg(long)]
		issuer: String,
		/// Why (shown to the applicant).
		#[arg(long)]
		reason: String,
	},
	/// Delist a series in an emergency (council, 2/3): no transfers or trading until relisted;
	/// holders can still redeem.
	DelistSeries {
		/// The series.
		#[arg(long)]
		series: u64,
		/// Why (0–255, a code for the record).
		#[arg(long, default_value_t = 0)]
		reason: u8,
	},
	/// Lift a series' delisting (council, 2/3).
	RelistSeries {
		/// The series.
		#[arg(long)]
		series: u64,
	},
	/// Unblock accounts on the sanctions list (compliance committee, two officers). The motion
	/// carries the list version it moves to (the one in force + 1): if the list moves on
	/// before it is closed (another update), closing fails with `StaleListVersion`; propose
	/// again.
	Unblock {
		#[command(flatten)]
		list: ListUpdate,
	},
	/// Any call, SCALE-encoded (0x…), e.g. from Polkadot.js Apps' "encoded call data". The body
	/// and threshold follow from the call: `governance.dispatchAsRoot` needs three quarters of
	/// the council; forced KYC revocation, issuer defaults, clearing AML flags and sanctions
	/// updates two compliance officers; other calls two thirds of the council.
	Call {
		/// The encoded call.
		#[arg(long)]
		hex: String,
	},
}

/// Accounts for a sanctions-list update, and the list version and source it follows.
#[derive(clap::Args, Debug, Clone)]
pub struct ListUpdate {
	/// An account (repeat the flag for several).
	#[arg(long = "account")]
	accounts: Vec<String>,
	/// A file with one account per line (SS58, 0x hex or //Name; `#` starts a comment).
	#[arg(long)]
	file: Option<PathBuf>,
	/// The list version this update moves to (default: the version in force + 1).
	#[arg(long)]
	version: Option<u32>,
	/// Hash (0x, 32 bytes) of the source publication (default: the hash of the file, or of
	/// the accounts).
	#[arg(long)]
	source_digest: Option<String>,
}

impl ListUpdate {
	/// The accounts, the version and the digest, read and checked.
	pub async fn resolve(&self, chain: &Chain) -> Result<(Vec<AccountId32>, u32, H256)> {
		let mut accounts = Vec::new();
		let mut digest_source = Vec::new();
		if let Some(path) = &self.file {
			let text = std::fs::read_to_string(path)
				.map_err(|e| Error::new(format!("cannot read {}", path.display()), e))?;
			digest_source.extend_from_slice(text.as_bytes());
			for (n, line) in text.lines().enumerate() {
				let entry = line.split('#').next().unwrap_or_default().trim();
				if entry.is_empty() {
					continue;
				}
				let account = parse_account(entry).map_err(|e| {
					Error(format!("{} line {}: {e}", path.display(), n.saturating_add(1)))
				})?;
				accounts.push(account);
			}
		}
		for a in &self.accounts {
			let account = parse_account(a)?;
			digest_source.extend_from_slice(account.as_ref());
			accounts.push(account);
		}
		if accounts.is_empty() {
			fail!("no accounts: give --account or --file");
		}
		let version = match self.version {
			Some(v) => v,
			None => list_version(chain).await?.saturating_add(1),
		};
		let digest = match &self.source_digest {
			Some(d) => parse_hash(d)?,
			None => H256(blake2_256(&digest_source)),
		};
		Ok((accounts, version, digest))
	}
}

/// The sanctions list version in force (0: none yet).
pub async fn list_version(chain: &Chain) -> Result<u32> {
	let info: Option<genex_primitives::SanctionsListInfo> =
		chain.read("Sanctions", "ListInfo", &[]).await?;
	Ok(info.map_or(0, |i| i.version))
}

/// What an action needs: the call, the body that must pass it, and how many ayes.
pub struct Needs {
	/// The call.
	pub call: RuntimeCall,
	/// Its body.
	pub body: Body,
	/// Ayes needed.
	pub threshold: u32,
}

/// Which collective origin a call needs (`runtime/src/configs`).
enum Origin {
	/// `GovernanceOrigin`: two thirds of the council.
	Governance,
	/// `RootOrigin` (`governance.dispatchAsRoot`): three quarters of the council.
	Root,
	/// `DualComplianceOrigin`: two compliance officers.
	TwoOfficers,
}

fn origin_of(call: &RuntimeCall) -> Origin {
	match call {
		RuntimeCall::Governance(_) => Origin::Root,
		RuntimeCall::Kyc(pallet_kyc::Call::force_revoke { .. })
		| RuntimeCall::Issuers(pallet_issuers::Call::record_default { .. })
		| RuntimeCall::Aml(pallet_aml::Call::clear_flag { .. })
		| RuntimeCall::Sanctions(pallet_sanctions::Call::update_list { .. }) => Origin::TwoOfficers,
		_ => Origin::Governance,
	}
}

/// Three quarters of `members`, rounded up (the council's `EnsureProportionAtLeast<3, 4>`).
fn three_quarters(members: u32) -> u32 {
	members.saturating_mul(3).div_ceil(4).max(1)
}

/// Two thirds of `members`, rounded up (the council's `EnsureProportionAtLeast<2, 3>`).
fn two_thirds(members: u32) -> u32 {
	members.saturating_mul(2).div_ceil(3).max(1)
}

/// The call of `action`, with the body and ayes it needs on this chain.
pub async fn needs(chain: &Chain, action: &Action) -> Result<Needs> {
	let council = || async {
		let n = members(chain, Body::Council).await?.len();
		Ok::<_, Error>(two_thirds(u32::try_from(n).unwrap_or(u32::MAX)))
	};
	Ok(match action {
		Action::ApproveIssuer { issuer, years } => Needs {
			call: RuntimeCall::Issuers(pallet_issuers::Call::approve {
				applicant: parse_account(issuer)?,
				years_in_business: *years,
			}),
			body: Body::Council,
			threshold: council().await?,
		},
		Action::RejectIssuer { issuer, reason } => Needs {
			call: RuntimeCall::Issuers(pallet_issuers::Call::reject {
				applicant: parse_account(issuer)?,
				reason: reason.as_bytes().to_vec(),
			}),
			body: Body::Council,
			threshold: council().await?,
		},
		Action::DelistSeries { series, reason } => Needs {
			call: RuntimeCall::Coupons(pallet_coupons::Call::delist {
				series: *series,
				reason: *reason,
			}),
			body: Body::Council,
			threshold: council().await?,
		},
		Action::RelistSeries { series } => Needs {
			call: RuntimeCall::Coupons(pallet_coupons::Call::relist { series: *series }),
			body: Body::Council,
			threshold: council().await?,
		},
		Action::Unblock { list } => {
			let (remove, version, source_digest) = list.resolve(chain).await?;
			Needs {
				call: RuntimeCall::Sanctions(pallet_sanctions::Call::update_list {
					version,
					source_digest,
					add: Vec::new(),
					remove,
				}),
				body: Body::Compliance,
				threshold: 2,
			}
		},
		Action::Call { hex: text } => {
			let bytes = hex::decode(text.trim_start_matches("0x"))
				.map_err(|_| Error(format!("{text:?} is not hex")))?;
			let call = RuntimeCall::decode(&mut bytes.as_slice())
				.map_err(|e| Error::new("the bytes are not a call of this runtime", e))?;
			match origin_of(&call) {
				Origin::Governance => {
					Needs { call, body: Body::Council, threshold: council().await? }
				},
				Origin::Root => {
					let n = members(chain, Body::Council).await?.len();
					let threshold = three_quarters(u32::try_from(n).unwrap_or(u32::MAX));
					Needs { call, body: Body::Council, threshold }
				},
				Origin::TwoOfficers => Needs { call, body: Body::Compliance, threshold: 2 },
			}
		},
	})
}

/// The members of `body`.
pub async fn members(chain: &Chain, body: Body) -> Result<Vec<AccountId32>> {
	Ok(chain.read(body.pallet(), "Members", &[]).await?.unwrap_or_default())
}

/// `pallet_collective::Votes`, read as stored.
#[derive(Decode)]
struct Votes {
	index: u32,
	threshold: u32,
	ayes: Vec<AccountId32>,
	nays: Vec<AccountId32>,
	end: u32,
}

/// An open motion.
pub struct Motion {
	/// Its hash (the proposal's).
	pub hash: H256,
	/// Its index.
	pub index: u32,
	/// The proposal.
	pub proposal: RuntimeCall,
	votes: Votes,
}

impl Motion {
	fn name(&self) -> String {
		call_name(&self.proposal)
	}

	fn to_json(&self) -> Json {
		json!({
			"index": self.index,
			"hash": format!("{:?}", self.hash),
			"call": self.name(),
			"threshold": self.votes.threshold,
			"ayes": self.votes.ayes.iter().map(show_account).collect::<Vec<_>>(),
			"nays": self.votes.nays.iter().map(show_account).collect::<Vec<_>>(),
			"end": self.votes.end,
		})
	}
}

/// `Pallet.call` of a call (`Utility.batch_all` with its calls).
pub fn call_name(call: &RuntimeCall) -> String {
	let meta = call.get_call_metadata();
	let own = format!("{}.{}", meta.pallet_name, meta.function_name);
	match call {
		RuntimeCall::Utility(
			polkadot_sdk::pallet_utility::Call::batch_all { calls }
			| polkadot_sdk::pallet_utility::Call::batch { calls },
		) => format!("{own}[{}]", calls.iter().map(call_name).collect::<Vec<_>>().join(", ")),
		_ => own,
	}
}

/// Raw storage key of `pallet.item` under an `Identity`-hashed key.
fn identity_key(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	[&twox_128(pallet.as_bytes())[..], &twox_128(item.as_bytes())[..], key].concat()
}

/// The open motions of `body`, oldest first.
pub async fn motions(chain: &Chain, body: Body) -> Result<Vec<Motion>> {
	let hashes: Vec<H256> = chain.read(body.pallet(), "Proposals", &[]).await?.unwrap_or_default();
	let mut out = Vec::new();
	for hash in hashes {
		let proposal =
			chain.storage(&identity_key(body.pallet(), "ProposalOf", hash.as_ref())).await?;
		let votes = chain.storage(&identity_key(body.pallet(), "Voting", hash.as_ref())).await?;
		let (Some(proposal), Some(votes)) = (proposal, votes) else {
			continue;
		};
		let proposal = RuntimeCall::decode(&mut proposal.as_slice())
			.map_err(|e| Error::new("cannot decode a proposal", e))?;
		let votes = Votes::decode(&mut votes.as_slice())
			.map_err(|e| Error::new("cannot decode a motion's votes", e))?;
		out.push(Motion { hash, index: votes.index, proposal, votes });
	}
	out.sort_by_key(|m| m.index);
	Ok(out)
}

/// The open motion `reference` (`3`, `#3` or a hash) of `body`.
pub async fn motion(chain: &Chain, body: Body, reference: &str) -> Result<Motion> {
	let wanted = reference.trim_start_matches('#');
	let open = motions(chain, body).await?;
	let found = if wanted.starts_with("0x") {
		let hash = parse_hash(wanted)?;
		open.into_iter().find(|m| m.hash == hash)
	} else {
		let index: u32 = wanted.parse().map_err(|_| {
			Error(format!("{reference:?}: a motion is an index (3) or a hash (0x…)"))
		})?;
		open.into_iter().find(|m| m.index == index)
	};
	found.ok_or_else(|| {
		Error(format!(
			"no open motion {reference} in the {} (closed already? `genex gov motions --body {}`)",
			body.pallet(),
			match body {
				Body::Council => "council",
				Body::Compliance => "compliance",
			}
		))
	})
}

/// The motion a `propose` created, from its events: index and hash (none when it was
/// executed at once).
pub fn proposed(outcome: &Outcome, body: Body) -> Option<(u32, String)> {
	let fields = outcome.event(&format!("{}.Proposed", body.pallet()))?;
	let index = u32::try_from(fields.get("proposal_index")?.as_u64()?).ok()?;
	let hash = fields.get("proposal_hash")?.as_str()?.to_string();
	Some((index, hash))
}

/// The events that report the result of a call dispatched inside another, and their field.
const INNER_RESULTS: [(&str, &str); 4] = [
	("Sudo.Sudid", "sudo_result"),
	("Council.Executed", "result"),
	("ComplianceCommittee.Executed", "result"),
	("ComplianceCommittee.MemberExecuted", "result"),
];

/// [`inner_result`] for every kind of wrapper: sudo, council and committee motions, an
/// officer's `execute`.
pub async fn inner_results(chain: &Chain, outcome: &Outcome) -> Result<()> {
	for (event, field) in INNER_RESULTS {
		inner_result(chain, outcome, event, field).await?;
	}
	Ok(())
}

/// A call dispatched inside another (sudo, a motion, an officer's `execute`) can fail while
/// the outer transaction succeeds: the failure is the `result` of event `event`. Make it this
/// command's error, named with its documentation.
pub async fn inner_result(
	chain: &Chain,
	outcome: &Outcome,
	event: &str,
	field: &str,
) -> Result<()> {
	let Some(error) = outcome.event(event).and_then(|f| f.get(field)).and_then(|r| r.get("Err"))
	else {
		return Ok(());
	};
	let metadata = chain
		.node
		.client
		.at_current_block()
		.await
		.map_err(genex_reports::error::context("cannot read the metadata"))?
		.metadata();
	fail!(
		"the transaction landed (block #{}) but the call it carried failed: {}",
		outcome.block.0,
		crate::errors::dispatch_error(error, &metadata)
	)
}

fn body_flag(body: Body) -> &'static str {
	match body {
		Body::Council => "council",
		Body::Compliance => "compliance",
	}
}

/// Run a `gov` command.
pub async fn run(ctx: &Context, command: Command) -> Result<Report> {
	match command {
		Command::Motions { body } => {
			let chain = ctx.chain().await?;
			let open = motions(&chain, body).await?;
			let members = members(&chain, body).await?;
			let mut text = format!(
				"{} ({} member{}): {} open motion(s)",
				body.pallet(),
				members.len(),
				if members.len() == 1 { "" } else { "s" },
				open.len()
			);
			for m in &open {
				text.push_str(&format!(
					"\n#{} {} {:?}\n  ayes {}/{} ({}), nays {}, ends at block #{}",
					m.index,
					m.name(),
					m.hash,
					m.votes.ayes.len(),
					m.votes.threshold,
					m.votes.ayes.iter().map(show_account).collect::<Vec<_>>().join(", "),
					m.votes.nays.len(),
					m.votes.end
				));
			}
			read_report(
				text,
				json!({
					"body": body.pallet(),
					"members": members.iter().map(show_account).collect::<Vec<_>>(),
					"motions": open.iter().map(Motion::to_json).collect::<Vec<_>>(),
				}),
			)
		},
		Command::Propose { body, threshold, action } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let needs = needs(&chain, &action).await?;
			let body = body.unwrap_or(needs.body);
			let threshold = threshold.unwrap_or(needs.threshold);
			let name = call_name(&needs.call);
			let seats = members(&chain, body).await?.len();
			if usize::try_from(threshold).unwrap_or(usize::MAX) > seats {
				fail!(
					"{name} needs {threshold} aye(s) and the {} has {seats} member(s): the motion \
					 could never pass (on a development chain: genex gov sudo …)",
					body.pallet()
				);
			}
			let outcome =
				chain.submit(&signer, body.propose(threshold, needs.call), ctx.wait()).await?;
			inner_result(&chain, &outcome, &format!("{}.Executed", body.pallet()), "result")
				.await?;
			let summary = match proposed(&outcome, body) {
				Some((index, hash)) => format!(
					"motion #{index} ({hash}) proposed to the {}: {name}, needs {threshold} aye(s)\n\
					 members vote: genex gov vote --body {} --motion {index} --aye\n\
					 then anyone: genex gov close --body {} --motion {index}",
					body.pallet(),
					body_flag(body),
					body_flag(body)
				),
				None => format!("{name} executed at once (threshold {threshold})"),
			};
			let (index, hash) = proposed(&outcome, body).unzip();
			Ok(submitted(
				summary,
				&outcome,
				facts([
					("body", json!(body.pallet())),
					("call", json!(name)),
					("threshold", json!(threshold)),
					("index", json!(index)),
					("hash", json!(hash)),
				]),
			))
		},
		Command::Vote { body, motion: reference, aye, nay: _ } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let m = motion(&chain, body, &reference).await?;
			let outcome =
				chain.submit(&signer, body.vote(m.hash, m.index, aye), ctx.wait()).await?;
			let (yes, no) = outcome
				.event(&format!("{}.Voted", body.pallet()))
				.map(|f| {
					(
						f.get("yes").and_then(Json::as_u64).unwrap_or(0),
						f.get("no").and_then(Json::as_u64).unwrap_or(0),
					)
				})
				.unwrap_or_default();
			Ok(submitted(
				format!(
					"voted {} on motion #{} ({}): ayes {yes}/{}, nays {no}",
					if aye { "aye" } else { "nay" },
					m.index,
					m.name(),
					m.votes.threshold
				),
				&outcome,
				facts([("index", json!(m.index)), ("ayes", json!(yes)), ("nays", json!(no))]),
			))
		},
		Command::Close { body, motion: reference } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let m = motion(&chain, body, &reference).await?;
			let outcome = chain.submit(&signer, body.close(&m), ctx.wait()).await?;
			inner_result(&chain, &outcome, &format!("{}.Executed", body.pallet()), "result")
				.await?;
			let result = if outcome.event(&format!("{}.Executed", body.pallet())).is_some() {
				"passed and executed"
			} else if outcome.event(&format!("{}.Disapproved", body.pallet())).is_some() {
				"disapproved"
			} else {
				"closed"
			};
			Ok(submitted(
				format!("motion #{} ({}) {result}", m.index, m.name()),
				&outcome,
				facts([("index", json!(m.index)), ("result", json!(result))]),
			))
		},
		Command::Sudo { action } => {
			let signer = ctx.signer()?;
			let chain = ctx.chain().await?;
			let needs = needs(&chain, &action).await?;
			let name = call_name(&needs.call);
			let outcome = chain.submit(&signer, as_sudo(needs.call), ctx.wait()).await?;
			inner_result(&chain, &outcome, "Sudo.Sudid", "sudo_result").await?;
			Ok(submitted(format!("sudo {name}: done"), &outcome, facts([("call", json!(name))])))
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn three_quarters_rounds_up() {
		assert_eq!(three_quarters(3), 3);
		assert_eq!(three_quarters(4), 3);
		assert_eq!(three_quarters(5), 4);
	}

	#[test]
	fn two_thirds_rounds_up() {
		assert_eq!(two_thirds(3), 2);
		assert_eq!(two_thirds(4), 3);
		assert_eq!(two_thirds(1), 1);
		assert_eq!(two_thirds(0), 1);
	}

	#[test]
	fn a_batch_is_named_with_its_calls() {
		let call = RuntimeCall::Utility(polkadot_sdk::pallet_utility::Call::batch_all {
			calls: vec![RuntimeCall::Issuers(pallet_issuers::Call::approve {
				applicant: AccountId32::new([1; 32]),
				years_in_business: 3,
			})],
		});
		assert_eq!(call_name(&call), "Utility.batch_all[Issuers.approve]");
	}
}
