//! Sync: random sends, edits, deletes and reactions in a fresh private channel; afterwards, for the
//! moment after every step (and a moment between two steps), `GET /messages/{channel}?after=t` must
//! return exactly the messages the model says changed after t (reference-behaviour C3.3: live
//! messages created, edited or reacted to after t; tombstones deleted after t), oldest first.
use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::client::{random_suffix, User};
use crate::property;
use crate::report::Check;
use crate::Context;

#[derive(Debug, Clone)]
enum Op {
    Send { from: usize },
    Edit { message: usize },
    Delete { message: usize },
    React { user: usize, message: usize, reaction: &'static str },
}

/// A message in the model: the step that created it, its latest change, and its deletion.
#[derive(Debug, Clone)]
struct Tracked {
    id: i64,
    sender: usize,
    changed: usize,
    deleted: Option<usize>,
}

fn op() -> impl Strategy<Value = Op> + Clone {
    prop_oneof![
        4 => (0usize..2).prop_map(|from| Op::Send { from }),
        2 => any::<usize>().prop_map(|message| Op::Edit { message }),
        1 => any::<usize>().prop_map(|message| Op::Delete { message }),
        2 => (0usize..2, any::<usize>(), prop::sample::select(vec!["thumbsup", "heart", "rocket"]))
            .prop_map(|(user, message, reaction)| Op::React { user, message, reaction }),
    ]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    crate::record::start_transcript();
    let users = [context.server.signup("sync-a")?, context.server.signup("sync-b")?];
    let preamble = crate::record::take_transcript();
    let strategy = (prop::collection::vec(op(), 1..16), 0.05f64..0.95);
    Ok(vec![property::check_after(
        preamble,
        "sync",
        "GET /messages?after=t returns exactly the messages changed after t, for every t between steps",
        context.cases,
        1,
        strategy,
        |(ops, between)| check_case(&users, ops, *between),
    )])
}

fn latest_change(messages: &Value) -> f64 {
    messages
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|m| ["ts", "edited_ts", "reactions_ts", "deleted_ts"].map(|k| m[k].as_f64().unwrap_or(0.0)))
        .fold(0.0, f64::max)
}

fn check_case(users: &[User; 2], ops: &[Op], between: f64) -> anyhow::Result<()> {
    let name = format!("sync-{}", random_suffix(6));
    users[0].post_json("/private_channels/create", json!({"name": name, "members": [users[1].name]}))?.expect(200)?;
    let channel = users[0].private_channel_id(&name)?;
    let poll = |after: &str| users[0].get_json(&format!("/messages/{channel}?after={after}"));
    // The creation notice(s) exist before step 1.
    let mut tracked: Vec<Tracked> = poll("0")?
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_i64())
        .map(|id| Tracked { id, sender: usize::MAX, changed: 0, deleted: None })
        .collect();
    let mut cuts = vec![latest_change(&poll("0")?)];
    for (n, op) in ops.iter().enumerate() {
        let step = n + 1;
        let live: Vec<usize> =
            (0..tracked.len()).filter(|&t| tracked[t].deleted.is_none() && tracked[t].sender != usize::MAX).collect();
        let pick = |index: usize| (!live.is_empty()).then(|| live[index % live.len()]);
        match *op {
            Op::Send { from } => {
                users[from]
                    .post_form(&format!("/send/{channel}"), &[("text", &format!("step {step}"))])?
                    .expect(200)?;
                let known: BTreeSet<i64> = tracked.iter().map(|t| t.id).collect();
                let all = poll("0")?;
                let new: Vec<i64> = all
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| m["id"].as_i64())
                    .filter(|id| !known.contains(id))
                    .collect();
                anyhow::ensure!(new.len() == 1, "step {step}: one send added {} messages", new.len());
                tracked.push(Tracked { id: new[0], sender: from, changed: step, deleted: None });
            }
            // With nothing live to act on, the step changes nothing (its cut equals the last one).
            Op::Edit { message } => {
                if let Some(t) = pick(message) {
                    let path = format!("/edit/{}", tracked[t].id);
                    users[tracked[t].sender]
                        .post_form(&path, &[("text", &format!("edited at {step}"))])?
                        .expect(200)?;
                    tracked[t].changed = step;
                }
            }
            Op::Delete { message } => {
                if let Some(t) = pick(message) {
                    users[tracked[t].sender].post(&format!("/delete/{}", tracked[t].id))?.expect(200)?;
                    tracked[t].deleted = Some(step);
                }
            }
            Op::React { user, message, reaction } => {
                if let Some(t) = pick(message) {
                    users[user]
                        .post_form(&format!("/react/{}", tracked[t].id), &[("reaction", reaction)])?
                        .expect(200)?;
                    tracked[t].changed = step;
                }
            }
        }
        cuts.push(latest_change(&poll("0")?));
    }
    for (cut, &after) in cuts.iter().enumerate() {
        let expected: BTreeSet<i64> = tracked
            .iter()
            .filter(|t| match t.deleted {
                Some(deleted) => deleted > cut,
                None => t.changed > cut,
            })
            .map(|t| t.id)
            .collect();
        let mut probes = vec![after];
        if let Some(&next) = cuts.get(cut + 1) {
            probes.push(after + (next - after) * between);
        }
        for t in probes {
            let answer = poll(&t.to_string())?;
            let rows = answer.as_array().cloned().unwrap_or_default();
            let got: BTreeSet<i64> = rows.iter().filter_map(|m| m["id"].as_i64()).collect();
            anyhow::ensure!(
                got == expected,
                "after={t} (just after step {cut} of {}): got ids {got:?}, the model says {expected:?}",
                ops.len()
            );
            let times: Vec<f64> = rows.iter().filter_map(|m| m["ts"].as_f64()).collect();
            anyhow::ensure!(times.windows(2).all(|w| w[0] <= w[1]), "after={t}: rows are not oldest first: {times:?}");
        }
    }
    let everything: BTreeSet<i64> =
        poll("0")?.as_array().into_iter().flatten().filter_map(|m| m["id"].as_i64()).collect();
    let all_ids: BTreeSet<i64> = tracked.iter().map(|t| t.id).collect();
    anyhow::ensure!(
        everything == all_ids,
        "after=0 must return every message and tombstone: got {everything:?}, model {all_ids:?}"
    );
    Ok(())
}
