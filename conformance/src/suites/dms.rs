//! DM visibility: sends, closes, replies from the other side and mark_read across two DMs, a group
//! DM and a self-DM; after each step `/dms` (which DMs, in which order, with whom, how many unread)
//! and `/unread_count` equal the model.
use proptest::prelude::*;

use super::chat_machine::{run_case, send_action, Action, Observe, DMS};
use crate::property;
use crate::report::Check;
use crate::Context;

fn action() -> impl Strategy<Value = Action> + Clone {
    prop_oneof![
        5 => send_action(prop::sample::select(DMS.to_vec())),
        3 => (0usize..3, 0usize..4).prop_map(|(user, dm)| Action::Close { user, dm }),
        2 => (0usize..3, prop::sample::select(DMS.to_vec())).prop_map(|(user, conv)| Action::MarkRead { user, conv }),
        1 => any::<usize>().prop_map(|send| Action::Delete { send }),
    ]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let strategy = prop::collection::vec(action(), 1..20);
    Ok(vec![property::check(
        "dms",
        "after every step, /dms membership, order, users and unread and /unread_count equal the model",
        context.cases,
        1,
        strategy,
        |actions| run_case(context, actions, Observe::Dms),
    )])
}
