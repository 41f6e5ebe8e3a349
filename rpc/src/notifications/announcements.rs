//! Issuer announcements (`genex_announcement`): the JSON a wallet receives, and the rule of
//! which of a block's announcement changes a subscription reports.

use genex_primitives::{
	notifications::{AnnouncementChange, AnnouncementNotice, AnnouncementView},
	AccountId, BlockNumber, Moment,
};
use polkadot_sdk::sp_core::H256;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Why a `genex_announcement` notification was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, scale_info::TypeInfo)]
pub enum AnnouncementKind {
	/// An announcement the issuer kept when the subscription started.
	Snapshot,
	/// The issuer published it.
	Published,
	/// The issuer retracted it.
	Retracted,
	/// A newer announcement of the issuer took its place (an issuer keeps its last 16).
	Replaced,
	/// The compliance committee removed it.
	Removed,
}

impl From<AnnouncementChange> for AnnouncementKind {
	fn from(change: AnnouncementChange) -> Self {
		match change {
			AnnouncementChange::Published => Self::Published,
			AnnouncementChange::Retracted => Self::Retracted,
			AnnouncementChange::Replaced => Self::Replaced,
			AnnouncementChange::Removed => Self::Removed,
		}
	}
}

/// A `genex_announcement` notification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, scale_info::TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct AnnouncementJson {
	/// The finalized block it was read at.
	pub block: H256,
	/// Its number.
	pub block_number: BlockNumber,
	/// The block's time (ms since the Unix epoch).
	pub now: Moment,
	/// The index of the event in the block's events (null in a snapshot).
	pub event_index: Option<u32>,
	/// The issuer (SS58).
	pub issuer: AccountId,
	/// The announcement's id (unique on the chain).
	pub id: u64,
	/// `Snapshot`, `Published`, `Retracted`, `Replaced` or `Removed`.
	pub change: AnnouncementKind,
	/// The text, for `Snapshot` and `Published` (null otherwise).
	pub text: Option<String>,
	/// The block it was published in, for `Snapshot` and `Published` (null otherwise).
	pub published_at: Option<BlockNumber>,
}

/// The text as a wallet shows it: the chain accepts UTF-8 only, so the lossy conversion never
/// replaces anything.
fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

impl AnnouncementJson {
	/// The notification of `notice`, from block `number` (`block`) of time `now`.
	pub fn new(
		block: H256,
		block_number: BlockNumber,
		now: Moment,
		notice: &AnnouncementNotice<AccountId>,
	) -> Self {
		let published = notice.change == AnnouncementChange::Published;
		Self {
			block,
			block_number,
			now,
			event_index: Some(notice.event_index),
			issuer: notice.issuer.clone(),
			id: notice.id,
			change: notice.change.into(),
			text: published.then(|| text(&notice.text)),
			published_at: published.then_some(block_number),
		}
	}

	/// The snapshot notification of `issuer`'s kept announcement `view`, read at block `number`
	/// (`block`) of time `now`.
	pub fn snapshot(
		block: H256,
		block_number: BlockNumber,
		now: Moment,
		issuer: &AccountId,
		view: AnnouncementView,
	) -> Self {
		Self {
			block,
			block_number,
			now,
			event_index: None,
			issuer: issuer.clone(),
			id: view.id,
			change: AnnouncementKind::Snapshot,
			text: Some(text(&view.text)),
			published_at: Some(view.published_at),
		}
	}
}

/// Whether a subscription watching `issuers` (all issuers when empty) reports `notice`.
pub fn watches(issuers: &BTreeSet<AccountId>, notice: &AnnouncementNotice<AccountId>) -> bool {
	issuers.is_empty() || issuers.contains(&notice.issuer)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn notice(issuer: u8, change: AnnouncementChange, text: &str) -> AnnouncementNotice<AccountId> {
		AnnouncementNotice {
			event_index: 3,
			issuer: AccountId::new([issuer; 32]),
			id: 9,
			change,
			text: text.as_bytes().to_vec(),
		}
	}

	#[test]
	fn an_empty_watch_list_means_every_issuer() {
		let n = notice(1, AnnouncementChange::Published, "hi");
		assert!(watches(&BTreeSet::new(), &n));
		assert!(watches(&BTreeSet::from([AccountId::new([1; 32])]), &n));
		assert!(!watches(&BTreeSet::from([AccountId::new([2; 32])]), &n));
	}

	#[test]
	fn published_carries_the_text_and_removals_do_not() {
		let published = AnnouncementJson::new(
			H256::zero(),
			7,
			1_000,
			&notice(1, AnnouncementChange::Published, "新店开业"),
		);
		assert_eq!(published.text.as_deref(), Some("新店开业"));
		assert_eq!(published.published_at, Some(7));
		assert_eq!(published.change, AnnouncementKind::Published);
		let removed = AnnouncementJson::new(
			H256::zero(),
			8,
			1_000,
			&notice(1, AnnouncementChange::Removed, ""),
		);
		assert_eq!((removed.text, removed.published_at), (None, None));
		assert_eq!(removed.change, AnnouncementKind::Removed);
		assert_eq!(removed.event_index, Some(3));
	}

	#[test]
	fn the_json_is_camel_case() {
		let json = serde_json::to_value(AnnouncementJson::snapshot(
			H256::zero(),
			5,
			1_000,
			&AccountId::new([1; 32]),
			AnnouncementView { id: 2, text: b"closed".to_vec(), published_at: 4 },
		))
		.unwrap();
		assert_eq!(json["change"], "Snapshot");
		assert_eq!(json["publishedAt"], 4);
		assert_eq!(json["eventIndex"], serde_json::Value::Null);
		assert_eq!(json["text"], "closed");
	}
}
