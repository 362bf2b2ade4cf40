//! Unread state machine: sends (with attachments and replies), edits, deletes, reactions,
//! mark_read, DM closes and members leaving and (re)joining a private channel, in every kind of conversation;
//! after each step `/channel_unreads`, `/private_channels`, `/unread_count` and `/dms` equal the model.
use proptest::prelude::*;

use super::chat_machine::{run_case, send_action, Action, Observe, PRIVATE};
use crate::property;
use crate::report::Check;
use crate::Context;

fn action() -> impl Strategy<Value = Action> + Clone {
    prop_oneof![
        // The private channel gets extra traffic: leaving and re-joining only matter with messages.
        6 => send_action(prop_oneof![2 => Just(PRIVATE), 5 => 0usize..6]),
        1 => any::<usize>().prop_map(|send| Action::Edit { send }),
        2 => any::<usize>().prop_map(|send| Action::Delete { send }),
        1 => (0usize..3, any::<usize>()).prop_map(|(user, send)| Action::React { user, send }),
        4 => (0usize..3, prop_oneof![2 => Just(PRIVATE), 5 => 0usize..6]).prop_map(|(user, conv)| Action::MarkRead { user, conv }),
        2 => (0usize..3, 0usize..4).prop_map(|(user, dm)| Action::Close { user, dm }),
        2 => (0usize..2).prop_map(|user| Action::AddMember { user }),
        2 => (0usize..2).prop_map(|user| Action::Leave { user }),
        3 => (0usize..2).prop_map(|user| Action::AwayAndBack { user }),
    ]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let strategy = prop::collection::vec(action(), 1..24);
    Ok(vec![property::check(
        "unread",
        "after every step, /channel_unreads, /private_channels, /unread_count and /dms equal the model",
        context.cases * 2,
        1,
        strategy,
        |actions| run_case(context, actions, Observe::Unread),
    )])
}
