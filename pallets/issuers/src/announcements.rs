//! Issuer announcements: publish, retract, remove. Each kept announcement holds a deposit
//! (a [`Consideration`] ticket stored with it); an issuer keeps its last `MaxAnnouncements`.

use crate::{
	AnnouncementOf, AnnouncementRemoval, Announcements, Config, Error, Event, Issuers,
	LastAnnounced, NextAnnouncementId, Pallet,
};
use alloc::vec::Vec;
use genex_primitives::SanctionsScreen;
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*,
		traits::{Consideration, Footprint},
	},
	frame_system::{pallet_prelude::BlockNumberFor, Pallet as System},
	sp_runtime::Saturating,
};

impl<T: Config> Pallet<T> {
	/// The deposit footprint of an announcement of `len` bytes: one item of that size.
	pub fn announcement_footprint(len: usize) -> Footprint {
		Footprint::from_parts(1, len)
	}

	pub(crate) fn do_announce(who: T::AccountId, text: Vec<u8>) -> DispatchResult {
		ensure!(!text.is_empty(), Error::<T>::EmptyAnnouncement);
		let text: BoundedVec<u8, T::MaxAnnouncementLen> =
			text.try_into().map_err(|_| Error::<T>::AnnouncementTooLong)?;
		ensure!(core::str::from_utf8(&text).is_ok(), Error::<T>::AnnouncementNotUtf8);
		ensure!(Issuers::<T>::contains_key(&who), Error::<T>::NotAnIssuer);
		T::Sanctions::ensure_not_blocked(&who)?;
		let now = System::<T>::block_number();
		if let Some(last) = LastAnnounced::<T>::get(&who) {
			ensure!(
				now >= last.saturating_add(T::AnnouncementInterval::get()),
				Error::<T>::AnnouncingTooOften
			);
		}
		let id = NextAnnouncementId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut kept = Announcements::<T>::get(&who);
		// The first write: holding the deposit. A later error reverts it with the call's
		// storage layer.
		let deposit = T::AnnouncementDeposit::new(&who, Self::announcement_footprint(text.len()))?;
		let replaced = if kept.is_full() {
			// `is_full` implies a first element (`MaxAnnouncements` > 0, `integrity_test`).
			let oldest = kept.remove(0);
			oldest.deposit.drop(&who)?;
			Some(oldest.id)
		} else {
			None
		};
		let announcement: AnnouncementOf<T> =
			crate::Announcement { id, text: text.clone(), published_at: now, deposit };
		kept.try_push(announcement).map_err(|_| Error::<T>::Overflow)?;
		Announcements::<T>::insert(&who, kept);
		NextAnnouncementId::<T>::put(next);
		LastAnnounced::<T>::insert(&who, now);
		if let Some(old) = replaced {
			Self::deposit_event(Event::AnnouncementRemoved {
				issuer: who.clone(),
				id: old,
				reason: AnnouncementRemoval::Replaced,
			});
		}
		Self::deposit_event(Event::Announced { issuer: who, id, text });
		Ok(())
	}

	/// Drops `issuer`'s announcement `id`: its deposit is returned, or burned when compliance
	/// removes it.
	pub(crate) fn do_remove_announcement(
		issuer: T::AccountId,
		id: u64,
		reason: AnnouncementRemoval,
	) -> DispatchResult {
		let mut kept = Announcements::<T>::get(&issuer);
		let at = kept.iter().position(|a| a.id == id).ok_or(Error::<T>::UnknownAnnouncement)?;
		// `at` is the position `position` found: in bounds.
		let removed = kept.remove(at);
		match reason {
			AnnouncementRemoval::Removed => removed.deposit.burn(&issuer),
			AnnouncementRemoval::Retracted | AnnouncementRemoval::Replaced => {
				removed.deposit.drop(&issuer)?
			},
		}
		if kept.is_empty() {
			Announcements::<T>::remove(&issuer);
		} else {
			Announcements::<T>::insert(&issuer, kept);
		}
		Self::deposit_event(Event::AnnouncementRemoved { issuer, id, reason });
		Ok(())
	}

	/// `issuer`'s kept announcements, oldest first: `(id, text, block published)`.
	pub fn announcements_of(issuer: &T::AccountId) -> Vec<(u64, Vec<u8>, BlockNumberFor<T>)> {
		Announcements::<T>::get(issuer)
			.into_iter()
			.map(|a| (a.id, a.text.into_inner(), a.published_at))
			.collect()
	}
}
