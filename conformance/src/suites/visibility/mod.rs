//! Visibility state machine: four names act in a public channel, two private channels, a DM and a
//! group DM — sending (with and without an image), deleting, editing, reacting, adding and removing
//! private-channel members, marking read, typing, deleting their accounts (soft and hard) and
//! registering the same names again. After every step, every live account probes every route that
//! reveals content or metadata ([`probes::VIEWER_PROBES`], [`probes::MESSAGE_PROBES`]) and what its
//! event stream received, and each answer must equal the [`World`] model.
mod case;
mod probes;

use proptest::prelude::*;

use crate::model::visibility::{ConvIx, Slot};
use crate::property;
use crate::report::Check;
use crate::Context;

/// The names: u0–u3.
pub const SLOTS: usize = 4;
/// The conversations: 0 the public channel, 1 and 2 the private channels (created by u0 with u1,
/// and by u2 with u3), 3 the DM u0–u1, 4 the group DM u1–u2–u3.
pub const CONVS: usize = 5;
pub const PUBLIC: ConvIx = 0;
pub const PRIVATE: [ConvIx; 2] = [1, 2];

#[derive(Debug, Clone)]
pub enum Action {
    Send {
        from: Slot,
        conv: ConvIx,
        text: bool,
        image: bool,
    },
    /// Each of these picks one of the case's sends (not notices) by `send % sends`; the acting
    /// name's *current* account acts, so a name registered again tries to change the old
    /// account's messages (and must be refused).
    Delete {
        send: usize,
    },
    Edit {
        send: usize,
    },
    React {
        user: Slot,
        send: usize,
    },
    /// `user` pins (or unpins) one of the case's sends.
    Pin {
        user: Slot,
        send: usize,
        pinned: bool,
    },
    /// `by` adds `user` to private channel `channel` (0 or 1).
    Add {
        by: Slot,
        user: Slot,
        channel: usize,
    },
    Leave {
        user: Slot,
        channel: usize,
    },
    MarkRead {
        user: Slot,
        conv: ConvIx,
    },
    Typing {
        user: Slot,
        conv: ConvIx,
    },
    DeleteAccount {
        user: Slot,
        hard: bool,
    },
    /// Signs the name up again if its account was deleted.
    Register {
        user: Slot,
    },
    /// The paths random steps rarely line up, as one step each: an account deleted and its name
    /// registered at once, then a DM naming it gets a message (the new person must not see the
    /// old history); and a member who leaves a private channel, misses a message and is added back.
    Reincarnate {
        user: Slot,
        hard: bool,
    },
    AwayAndBack {
        user: Slot,
        channel: usize,
    },
}

fn action() -> impl Strategy<Value = Action> + Clone {
    let slot = 0..SLOTS;
    let conv = 0..CONVS;
    // Two groups: more than ten alternatives in one `prop_oneof!` would box them (not `Send`).
    let messages_and_members = prop_oneof![
        8 => (slot.clone(), conv.clone(), any::<bool>(), prop::bool::weighted(0.35))
            .prop_map(|(from, conv, text, image)| Action::Send { from, conv, text: text || !image, image }),
        2 => any::<usize>().prop_map(|send| Action::Delete { send }),
        1 => any::<usize>().prop_map(|send| Action::Edit { send }),
        2 => (slot.clone(), any::<usize>()).prop_map(|(user, send)| Action::React { user, send }),
        3 => (slot.clone(), any::<usize>(), prop::bool::weighted(0.75))
            .prop_map(|(user, send, pinned)| Action::Pin { user, send, pinned }),
        3 => (slot.clone(), slot.clone(), 0usize..2).prop_map(|(by, user, channel)| Action::Add { by, user, channel }),
        3 => (slot.clone(), 0usize..2).prop_map(|(user, channel)| Action::Leave { user, channel }),
    ];
    let reads_and_accounts = prop_oneof![
        1 => (slot.clone(), conv.clone()).prop_map(|(user, conv)| Action::MarkRead { user, conv }),
        1 => (slot.clone(), conv).prop_map(|(user, conv)| Action::Typing { user, conv }),
        1 => (slot.clone(), any::<bool>()).prop_map(|(user, hard)| Action::DeleteAccount { user, hard }),
        2 => slot.clone().prop_map(|user| Action::Register { user }),
        1 => (slot.clone(), any::<bool>()).prop_map(|(user, hard)| Action::Reincarnate { user, hard }),
        1 => (slot, 0usize..2).prop_map(|(user, channel)| Action::AwayAndBack { user, channel }),
    ];
    prop_oneof![19 => messages_and_members, 7 => reads_and_accounts]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let strategy = prop::collection::vec(action(), 1..16);
    Ok(vec![property::check(
        "visibility",
        "after every step, every read route and the event stream show each account exactly what the visibility model lets it see",
        context.cases,
        2,
        strategy,
        |actions| case::run_case(context, actions),
    )])
}
