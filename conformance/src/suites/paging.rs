//! History paging (issue 19): random histories in a fresh private channel (sends, deletions, read
//! marks, a third member joining, leaving and joining again), then, for each of its members:
//! - every page (`limit` alone, `before`, `after_id`, `around`, from cursors on, between and beyond
//!   the conversation's ids) is the model's slice (`model::paging`) of the classic answer
//!   (`after=0`), row for row;
//! - walking back from the newest page reaches every message exactly once, also while another
//!   member keeps sending;
//! - the member who joined late pages nothing from before their last join (and `around` such a
//!   message is `404`), and nothing at all once they have left;
//! - read receipts by window are the whole answer's receipts of the window's sends (and refused
//!   where the whole answer is).
use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::client::{random_suffix, User};
use crate::model::paging;
use crate::property;
use crate::report::Check;
use crate::Context;

#[derive(Debug, Clone)]
enum Op {
    Send {
        from: usize,
    },
    Delete {
        pick: usize,
    },
    MarkRead {
        user: usize,
    },
    /// The owner adds the third member (if they are not in).
    Join,
    /// The third member leaves (if they are in).
    Leave,
}

/// Where a probe's cursor lies: on the `index`-th visible id (modulo their number) moved by
/// `offset` (so also between ids and past both ends).
#[derive(Debug, Clone)]
enum Probe {
    Newest,
    Before { index: usize, offset: i64 },
    AfterId { index: usize, offset: i64 },
    Around { index: usize },
    Receipts { from: usize, to: usize },
}

#[derive(Debug, Clone)]
struct Case {
    ops: Vec<Op>,
    probes: Vec<Probe>,
    /// `None`: no `limit` (the default page size).
    limit: Option<u64>,
    /// Messages another member sends while the owner walks back.
    concurrent: usize,
}

fn op() -> impl Strategy<Value = Op> + Clone {
    prop_oneof![
        8 => (0usize..3).prop_map(|from| Op::Send { from }),
        1 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        2 => (0usize..3).prop_map(|user| Op::MarkRead { user }),
        1 => Just(Op::Join),
        1 => Just(Op::Leave),
    ]
}

fn probe() -> impl Strategy<Value = Probe> + Clone {
    prop_oneof![
        1 => Just(Probe::Newest),
        3 => (any::<usize>(), -1i64..=1).prop_map(|(index, offset)| Probe::Before { index, offset }),
        3 => (any::<usize>(), -1i64..=1).prop_map(|(index, offset)| Probe::AfterId { index, offset }),
        2 => any::<usize>().prop_map(|index| Probe::Around { index }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Probe::Receipts { from, to }),
    ]
}

fn case() -> impl Strategy<Value = Case> + Clone {
    (
        prop::collection::vec(op(), 0..30),
        prop::collection::vec(probe(), 1..8),
        prop_oneof![1 => Just(None), 4 => (1u64..7).prop_map(Some)],
        0usize..8,
    )
        .prop_map(|(ops, probes, limit, concurrent)| Case { ops, probes, limit, concurrent })
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    crate::record::start_transcript();
    let users =
        [context.server.signup("paging-a")?, context.server.signup("paging-b")?, context.server.signup("paging-c")?];
    let preamble = crate::record::take_transcript();
    let sizes = (context.limits.history_page_size, context.limits.max_history_page);
    Ok(vec![property::check_after(
        preamble,
        "paging",
        "pages are the model's slices of the history, walking back reaches every message once (also during \
         sends), a late member's pages start at their last join, receipts by window are the window's",
        context.cases,
        1,
        case(),
        |case| check_case(&users, case, sizes),
    )])
}

/// The ids of a message list.
fn ids(rows: &Value) -> Vec<i64> {
    rows.as_array().into_iter().flatten().filter_map(|m| m["id"].as_i64()).collect()
}

fn check_case(users: &[User; 3], case: &Case, (default, max): (u64, u64)) -> anyhow::Result<()> {
    let [owner, other, late] = users;
    let name = format!("paging-{}", random_suffix(6));
    owner.post_json("/private_channels/create", json!({"name": name, "members": [other.name]}))?.expect(200)?;
    let channel = owner.private_channel_id(&name)?;
    let number = channel.trim_start_matches("private:").to_string();
    // Sends by the model's members: (message id, sent while the late member was in since their last join).
    let mut sends: Vec<(i64, usize)> = Vec::new();
    let (mut late_in, mut joins) = (false, 0usize);
    let mut deleted: BTreeSet<i64> = BTreeSet::new();
    for (step, op) in case.ops.iter().enumerate() {
        match *op {
            Op::Send { from } => {
                let sender = if from == 2 && !late_in { 0 } else { from };
                let before: BTreeSet<i64> =
                    ids(&owner.get_json(&format!("/messages/{channel}?after=0"))?).into_iter().collect();
                users[sender]
                    .post_form(&format!("/send/{channel}"), &[("text", &format!("step {step}"))])?
                    .expect(200)?;
                let after = ids(&owner.get_json(&format!("/messages/{channel}?after=0"))?);
                let new: Vec<i64> = after.into_iter().filter(|id| !before.contains(id)).collect();
                anyhow::ensure!(new.len() == 1, "step {step}: one send added {new:?}");
                sends.push((new[0], if late_in { joins } else { 0 }));
            }
            Op::Delete { pick } => {
                let own: Vec<i64> = sends.iter().map(|s| s.0).filter(|id| !deleted.contains(id)).collect();
                if let Some(&id) = own.get(pick % own.len().max(1)) {
                    // Whoever sent it: only the sender may delete, the others are refused.
                    // (A late member who has left can no longer delete what they sent.)
                    if users.iter().any(|u| u.post(&format!("/delete/{id}")).is_ok_and(|r| r.status == 200)) {
                        deleted.insert(id);
                    }
                }
            }
            Op::MarkRead { user } => {
                if user != 2 || late_in {
                    users[user].post(&format!("/mark_read/{channel}"))?.expect(204)?;
                }
            }
            Op::Join if !late_in => {
                let add = json!({"username": late.name});
                owner.post_json(&format!("/private_channels/{number}/add_member"), add)?.expect(200)?;
                (late_in, joins) = (true, joins + 1);
            }
            Op::Leave if late_in => {
                late.post(&format!("/private_channels/{number}/leave"))?.expect(200)?;
                late_in = false;
            }
            Op::Join | Op::Leave => {}
        }
    }
    let limit = paging::page_size(case.limit, default, max);
    let limit_query = case.limit.map(|l| format!("&limit={l}")).unwrap_or_default();
    for (n, user) in users.iter().enumerate() {
        let history = user.get_json(&format!("/messages/{channel}?after=0"))?;
        let rows = history.as_array().cloned().unwrap_or_default();
        let visible = ids(&history);
        if n == 2 {
            check_late_member(late, &channel, &visible, &sends, late_in.then_some(joins), &deleted)?;
        }
        let page = |query: &str| -> anyhow::Result<Vec<Value>> {
            let reply = user.get(&format!("/messages/{channel}?{query}{limit_query}"))?.expect(200)?;
            Ok(reply.json()?.as_array().cloned().unwrap_or_default())
        };
        let rows_of = |ids: &[i64]| -> Vec<Value> {
            rows.iter().filter(|row| row["id"].as_i64().is_some_and(|id| ids.contains(&id))).cloned().collect()
        };
        let cursor =
            |index: usize, offset: i64| visible.get(index % visible.len().max(1)).map_or(1, |id| (id + offset).max(1));
        for probe in &case.probes {
            let (query, expected) = match *probe {
                // `limit` alone; without one, a `before` past every id asks for the same page.
                Probe::Newest if case.limit.is_some() => (String::new(), paging::before(&visible, None, limit)),
                Probe::Newest => (format!("before={}", i64::MAX), paging::before(&visible, None, limit)),
                Probe::Before { index, offset } => {
                    let at = cursor(index, offset);
                    (format!("before={at}"), paging::before(&visible, Some(at), limit))
                }
                Probe::AfterId { index, offset } => {
                    let at = cursor(index, offset);
                    (format!("after_id={at}"), paging::after(&visible, at, limit))
                }
                Probe::Around { index } => {
                    let Some(&centre) = visible.get(index % visible.len().max(1)) else { continue };
                    (format!("around={centre}"), paging::around(&visible, centre, limit).unwrap_or_default())
                }
                Probe::Receipts { from, to } => {
                    check_receipt_window(user, &channel, &rows, (cursor(from, 0), cursor(to, 0)))?;
                    continue;
                }
            };
            let got = page(&query)?;
            anyhow::ensure!(
                got == rows_of(&expected),
                "{}: {query}{limit_query}: got ids {:?}, the model says {expected:?} (of {visible:?})",
                user.name,
                ids(&Value::Array(got.clone()))
            );
        }
        let walked = walk_back(user, &channel, &limit_query, limit)?;
        anyhow::ensure!(walked == visible, "{}: walking back gave {walked:?}, the history is {visible:?}", user.name);
    }
    check_walk_during_sends(owner, other, &channel, &limit_query, limit, case.concurrent)
}

/// Walks from the newest page back to the start; returns the ids, oldest first, after checking
/// that no page is longer than `limit` and that pages join without overlap.
fn walk_back(user: &User, channel: &str, limit_query: &str, limit: usize) -> anyhow::Result<Vec<i64>> {
    let mut walked: Vec<i64> = Vec::new();
    let mut query = if limit_query.is_empty() { format!("before={}", i64::MAX) } else { limit_query[1..].to_string() };
    loop {
        let page = ids(&user.get(&format!("/messages/{channel}?{query}"))?.expect(200)?.json()?);
        anyhow::ensure!(page.len() <= limit, "a page of {} rows with limit {limit}", page.len());
        anyhow::ensure!(page.windows(2).all(|w| w[0] < w[1]), "a page is not in ascending id order: {page:?}");
        if let (Some(last), Some(first)) = (page.last(), walked.first()) {
            anyhow::ensure!(last < first, "pages overlap: {page:?} then {walked:?}");
        }
        let Some(&oldest) = page.first() else { break };
        let short = page.len() < limit;
        walked.splice(0..0, page);
        if short {
            break;
        }
        query = format!("before={oldest}{limit_query}");
    }
    Ok(walked)
}

/// The owner walks back while the other member sends `count` messages: every message that existed
/// when the walk began is reached exactly once, and nothing else but the new sends.
fn check_walk_during_sends(
    owner: &User,
    other: &User,
    channel: &str,
    limit_query: &str,
    limit: usize,
    count: usize,
) -> anyhow::Result<()> {
    let before: Vec<i64> = ids(&owner.get_json(&format!("/messages/{channel}?after=0"))?);
    let walked = std::thread::scope(|scope| {
        let sender = scope.spawn(|| -> anyhow::Result<()> {
            for n in 0..count {
                other.post_form(&format!("/send/{channel}"), &[("text", &format!("meanwhile {n}"))])?.expect(200)?;
            }
            Ok(())
        });
        let walked = walk_back(owner, channel, limit_query, limit);
        sender.join().map_err(|_| anyhow::anyhow!("the sender panicked"))??;
        walked
    })?;
    let after: BTreeSet<i64> = ids(&owner.get_json(&format!("/messages/{channel}?after=0"))?).into_iter().collect();
    let reached: BTreeSet<i64> = walked.iter().copied().collect();
    anyhow::ensure!(reached.len() == walked.len(), "a message was reached twice: {walked:?}");
    let missed: Vec<&i64> = before.iter().filter(|id| !reached.contains(id)).collect();
    anyhow::ensure!(missed.is_empty(), "walking back during {count} sends missed {missed:?} (walked {walked:?})");
    anyhow::ensure!(reached.is_subset(&after), "the walk reached ids that are not in the history: {walked:?}");
    Ok(())
}

/// The late member: nothing from before their last join, everything sent since (deletions as
/// tombstones), `around` an earlier message is 404; nothing at all when they are out.
fn check_late_member(
    late: &User,
    channel: &str,
    visible: &[i64],
    sends: &[(i64, usize)],
    last_join: Option<usize>,
    deleted: &BTreeSet<i64>,
) -> anyhow::Result<()> {
    let Some(last_join) = last_join else {
        anyhow::ensure!(visible.is_empty(), "{} left, yet sees {visible:?}", late.name);
        let page = ids(&late.get(&format!("/messages/{channel}?limit=50"))?.expect(200)?.json()?);
        anyhow::ensure!(page.is_empty(), "{} left, yet pages {page:?}", late.name);
        return Ok(());
    };
    for &(id, joined) in sends {
        let owed = joined == last_join;
        anyhow::ensure!(
            visible.contains(&id) == owed,
            "{}: message {id} (deleted: {}) is {} the history, sent {} their last join",
            late.name,
            deleted.contains(&id),
            if owed { "missing from" } else { "in" },
            if owed { "after" } else { "before" }
        );
        if !owed {
            let reply = late.get(&format!("/messages/{channel}?around={id}"))?;
            anyhow::ensure!(
                reply.status == 404,
                "{}: around={id} (before their join) answered {}",
                late.name,
                reply.status
            );
        }
    }
    if let Some(&first) = visible.first() {
        let page = ids(&late.get(&format!("/messages/{channel}?before={first}"))?.expect(200)?.json()?);
        anyhow::ensure!(page.is_empty(), "{}: before their first visible message, pages {page:?}", late.name);
    }
    Ok(())
}

/// Receipts of the window `[from, to]` (ids) are the whole answer's receipts on the sends with a row
/// in it.
fn check_receipt_window(user: &User, channel: &str, rows: &[Value], (from, to): (i64, i64)) -> anyhow::Result<()> {
    let whole = user.get(&format!("/read_receipts/{channel}"))?;
    let window = user.get(&format!("/read_receipts/{channel}?from_id={from}&to_id={to}"))?;
    if whole.status == 403 {
        // Not a member (any more): a window is refused like the whole answer.
        window.expect(403)?;
        return Ok(());
    }
    let (whole, window) = (whole.expect(200)?.json()?, window.expect(200)?.json()?);
    let times: BTreeSet<u64> = rows
        .iter()
        .filter(|row| row["id"].as_i64().is_some_and(|id| (from..=to).contains(&id)))
        .filter_map(|row| row["ts"].as_f64().map(f64::to_bits))
        .collect();
    let expected: serde_json::Map<String, Value> = whole
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| key.parse::<f64>().is_ok_and(|ts| times.contains(&ts.to_bits())))
        .map(|(key, readers)| (key.clone(), readers.clone()))
        .collect();
    anyhow::ensure!(
        window == Value::Object(expected.clone()),
        "{}: receipts of ids {from}..={to} = {window}, the whole answer's for that window = {}",
        user.name,
        Value::Object(expected)
    );
    Ok(())
}
