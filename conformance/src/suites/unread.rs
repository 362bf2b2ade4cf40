//! Unread state machine: sends (with attachments and replies), edits, deletes, reactions,
//! mark_read, DM closes and a member joining a private channel, in every kind of conversation;
//! after each step `/channel_unreads`, `/private_channels`, `/unread_count` and `/dms` equal the model.
use proptest::prelude::*;

use super::chat_machine::{run_case, send_action, Action, Observe};
use crate::property;
use crate::report::Check;
use crate::Context;

fn action() -> impl Strategy<Value = Action> + Clone {
    prop_oneof![
        6 => send_action(0usize..6),
        1 => any::<usize>().prop_map(|send| Action::Edit { send }),
        2 => any::<usize>().prop_map(|send| Action::Delete { send }),
        1 => (0usize..3, any::<usize>()).prop_map(|(user, send)| Action::React { user, send }),
        4 => (0usize..3, 0usize..6).prop_map(|(user, conv)| Action::MarkRead { user, conv }),
        2 => (0usize..3, 0usize..4).prop_map(|(user, dm)| Action::Close { user, dm }),
        1 => Just(Action::AddMember),
    ]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let strategy = prop::collection::vec(action(), 1..24);
    Ok(vec![property::check(
        "unread",
        "after every step, /channel_unreads, /private_channels, /unread_count and /dms equal the model",
        context.cases,
        1,
        strategy,
        |actions| run_case(context, actions, Observe::Unread),
    )])
}
