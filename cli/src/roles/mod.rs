//! One module per role; each turns its verbs into calls and reads, and its results into a
//! [`Report`].

pub mod chain;
pub mod compliance;
pub mod gov;
pub mod issuer;
pub mod merchant;
pub mod wallet;

use crate::{chain::Outcome, output::Report};
use genex_reports::{Error, Result};
use serde_json::Value as Json;

/// The report of a transaction: `summary` (what was asked), then where it landed, its fee and
/// events; `facts` joins the JSON.
pub fn submitted(summary: String, outcome: &Outcome, facts: Json) -> Report {
	let mut doc = outcome.to_json();
	if let (Some(map), Json::Object(extra)) = (doc.as_object_mut(), facts) {
		map.extend(extra);
	}
	Report { text: format!("{summary}\n{}", outcome.describe()), json: doc }
}

/// An RPC error (jsonrpsee client) in one line.
pub fn rpc_error(what: &str) -> impl FnOnce(jsonrpsee::core::ClientError) -> Error + '_ {
	move |e| {
		let text = match &e {
			jsonrpsee::core::ClientError::Call(call) => call.message().to_string(),
			other => other.to_string(),
		};
		Error(format!("{what}: {text}"))
	}
}

/// `{ "k": v }` from pairs, for a report's JSON facts.
pub fn facts<const N: usize>(pairs: [(&str, Json); N]) -> Json {
	Json::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Shorthand for results that are only read.
pub fn read_report(text: String, json: Json) -> Result<Report> {
	Ok(Report { text, json })
}
