//! What the suite compares after every step, route by route. Every read route that reveals content
//! or metadata is one entry of [`VIEWER_PROBES`] (asked once per live account) or of
//! [`MESSAGE_PROBES`] (asked per account and message): probing a new route is one function and one
//! line here. The event stream is judged separately ([`judge_events`]), since it answers for a
//! whole step rather than for a moment.
use std::collections::HashSet;

use anyhow::Context as _;
use reqwest::Method;
use serde_json::Value;

use super::case::Case;
use super::{CONVS, PUBLIC};
use crate::client::{Body, User};
use crate::model::visibility::{ConvIx, MsgIx, Person};

/// A route asked once per live account after every step.
pub struct ViewerProbe {
    pub route: &'static str,
    pub check: fn(&Case, Person, &User) -> anyhow::Result<()>,
}

/// A route about one message, asked for every (account, message) pair whose visibility changed in
/// the step (a new message, a deletion, a membership, an account) and for every pair after a
/// case's last step.
pub struct MessageProbe {
    pub route: &'static str,
    pub check: fn(&Case, Person, &User, MsgIx) -> anyhow::Result<()>,
}

pub const VIEWER_PROBES: &[ViewerProbe] = &[
    ViewerProbe { route: "GET /messages/{channel}", check: messages },
    ViewerProbe { route: "GET /search_messages", check: search },
    ViewerProbe { route: "GET /read_receipts/{channel}", check: receipts },
    ViewerProbe { route: "GET /typing/{channel}", check: typing },
    ViewerProbe { route: "GET /channel_members/{channel}", check: channel_members },
    ViewerProbe { route: "GET /private_channels", check: private_channels },
    ViewerProbe { route: "GET /dms", check: dms },
    ViewerProbe { route: "GET /pins/{channel}", check: pins },
];

pub const MESSAGE_PROBES: &[MessageProbe] = &[
    MessageProbe { route: "GET /message/{id}", check: message },
    MessageProbe { route: "GET, HEAD and Range of /files/{name}, GET /file_preview/{name}", check: files },
    MessageProbe { route: "POST /react, /edit, /delete, /pin, /unpin of an unseen message", check: refused_changes },
];

/// Runs every probe for every live account; `all`: every message too, not only the changed ones.
pub fn observe(case: &Case, all: bool) -> anyhow::Result<()> {
    for (person, user) in case.viewers() {
        let who = case.who(person);
        for probe in VIEWER_PROBES {
            (probe.check)(case, person, user).with_context(|| format!("{who}: {}", probe.route))?;
        }
        for message in 0..case.model.messages.len() {
            let state = (case.model.can_see(person, message), case.model.can_download(person, message));
            if all || case.probed.get(&(person, message)) != Some(&state) {
                for probe in MESSAGE_PROBES {
                    (probe.check)(case, person, user, message)
                        .with_context(|| format!("{who}: {} of message {message}", probe.route))?;
                }
            }
        }
    }
    Ok(())
}

/// The model's answers before a step: an event caused by the step may concern what the account
/// saw before it or sees after it (a leave, a deletion), nothing else.
pub struct Before {
    sees: Vec<Vec<bool>>,
    reads: Vec<Vec<bool>>,
}

impl Before {
    pub fn of(case: &Case) -> Before {
        let model = &case.model;
        let people = 0..model.accounts.len();
        Before {
            sees: people.clone().map(|p| (0..model.messages.len()).map(|m| model.can_see(p, m)).collect()).collect(),
            reads: people.map(|p| (0..CONVS).map(|c| model.can_read(p, c)).collect()).collect(),
        }
    }

    fn sees(&self, person: Person, message: MsgIx) -> bool {
        self.sees.get(person).and_then(|row| row.get(message)).copied().unwrap_or(false)
    }

    /// Whether the step must tell `person`'s stream about a change of `message`: an account made
    /// during the step (a name registered again) opened its stream then, so of the step's changes it
    /// is owed only messages sent after it existed, not the deletions that came before it.
    pub fn owed(&self, case: &Case, person: Person, message: MsgIx) -> bool {
        let existed = person < self.sees.len();
        case.model.can_see(person, message)
            && (existed || case.model.messages[message].time >= case.model.accounts[person].created)
    }

    fn reads(&self, person: Person, conv: ConvIx) -> bool {
        self.reads.get(person).and_then(|row| row.get(conv)).copied().unwrap_or(false)
    }
}

/// The events one account's stream received during a step: each must concern something it saw
/// before or sees after the step, and every message created or deleted in the step that it sees
/// must have reached it.
pub fn judge_events(
    case: &Case,
    before: &Before,
    changed: &HashSet<MsgIx>,
    person: Person,
    events: &[(String, Value)],
    alive: bool,
) -> anyhow::Result<()> {
    let who = case.who(person);
    let sees = |m: MsgIx| before.sees(person, m) || case.model.can_see(person, m);
    let reads = |c: ConvIx| before.reads(person, c) || case.model.can_read(person, c);
    let mut delivered = HashSet::new();
    for (kind, data) in events {
        let channel = data["channel"].as_str().unwrap_or_default();
        let conv = case.conv_of(channel);
        match kind.as_str() {
            "message" => {
                for row in data["messages"].as_array().into_iter().flatten() {
                    let id = row["id"].as_i64().unwrap_or(-1);
                    match case.ids.get(&id) {
                        Some(&m) => {
                            anyhow::ensure!(
                                sees(m),
                                "{who}: GET /events delivered message {m} (id {id} in {channel}), which it may not see"
                            );
                            delivered.insert(m);
                        }
                        None if conv.is_some_and(|c| c != PUBLIC) => {
                            anyhow::bail!(
                                "{who}: GET /events delivered a row of {channel} the model does not know: {row}"
                            )
                        }
                        None => {}
                    }
                }
            }
            "typing" | "receipts" | "dms" | "channels" => {
                if let Some(conv) = conv {
                    anyhow::ensure!(
                        reads(conv),
                        "{who}: GET /events delivered `{kind}` {data} about {channel}, which it may not read"
                    );
                }
            }
            _ => {}
        }
    }
    if alive {
        for &m in changed {
            anyhow::ensure!(
                !before.owed(case, person, m) || delivered.contains(&m),
                "{who}: GET /events did not deliver message {m} (rows {:?}), which it sees and the step created or deleted",
                case.rows[m].iter().map(|r| r.id).collect::<Vec<_>>()
            );
        }
    }
    Ok(())
}

fn sender_name(case: &Case, message: MsgIx) -> String {
    match case.model.messages[message].sender {
        None => "system".into(),
        Some(person) if case.model.accounts[person].deleted => "Deleted User".into(),
        Some(person) => case.names[case.model.accounts[person].slot].clone(),
    }
}

/// `(id, sender, deleted, content is null, has a file)` of each row.
type RowView = (i64, String, bool, bool, bool);

fn messages(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    for conv in 0..CONVS {
        // The public channel holds everyone's history: only what follows this case's first row.
        let after = match (conv, case.public_after) {
            (PUBLIC, None) => continue,
            (PUBLIC, Some(after)) => after,
            _ => 0.0,
        };
        let channel = &case.channels[conv];
        let rows = user.get_json(&format!("/messages/{channel}?after={after}"))?;
        let mut actual: Vec<RowView> = rows
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| conv != PUBLIC || row["id"].as_i64().is_some_and(|id| case.ids.contains_key(&id)))
            .map(|row| {
                (
                    row["id"].as_i64().unwrap_or(-1),
                    row["sender"].as_str().unwrap_or_default().to_string(),
                    row["deleted"].as_i64() == Some(1),
                    row["content"].is_null(),
                    row["filename"].is_string(),
                )
            })
            .collect();
        actual.sort();
        let mut expected: Vec<RowView> = Vec::new();
        for m in (0..case.model.messages.len()).filter(|&m| case.model.messages[m].conv == conv) {
            if case.model.can_see(person, m) {
                let deleted = case.model.messages[m].deleted;
                for row in &case.rows[m] {
                    expected.push((row.id, sender_name(case, m), deleted, deleted, row.file.is_some() && !deleted));
                }
            }
        }
        expected.sort();
        anyhow::ensure!(
            actual == expected,
            "{channel}: rows (id, sender, deleted, content null, file) = {actual:?}\n  model: {expected:?}"
        );
    }
    Ok(())
}

fn search(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    let hits = user.get_json(&format!("/search_messages?q={}", case.token))?;
    let mut actual: Vec<i64> = hits.as_array().into_iter().flatten().filter_map(|hit| hit["id"].as_i64()).collect();
    actual.sort();
    let mut expected: Vec<i64> = (0..case.model.messages.len())
        .filter(|&m| {
            let message = &case.model.messages[m];
            message.sender.is_some() && message.text && !message.deleted && case.model.can_see(person, m)
        })
        .map(|m| case.rows[m][0].id)
        .collect();
    expected.sort();
    anyhow::ensure!(actual == expected, "hits for {:?} = {actual:?}\n  model: {expected:?}", case.token);
    Ok(())
}

fn receipts(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    for conv in 0..CONVS {
        let channel = &case.channels[conv];
        let reply = user.get(&format!("/read_receipts/{channel}"))?;
        if !case.model.can_read(person, conv) {
            reply.expect(403)?;
            continue;
        }
        let receipts = reply.expect(200)?.json()?;
        for key in receipts.as_object().into_iter().flatten().map(|(key, _)| key) {
            let ts: f64 = key.parse().with_context(|| format!("{channel}: receipt key {key:?}"))?;
            let at: Vec<MsgIx> = (0..case.model.messages.len())
                .filter(|&m| case.model.messages[m].conv == conv && case.times[m] == ts)
                .collect();
            if at.is_empty() && conv == PUBLIC {
                continue;
            }
            anyhow::ensure!(
                at.iter().any(|&m| case.model.can_see(person, m)),
                "{channel}: a receipt on {key}, where the caller sees no message (model: {at:?})"
            );
        }
    }
    Ok(())
}

fn typing(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    for conv in 0..CONVS {
        let channel = &case.channels[conv];
        let reply = user.get(&format!("/typing/{channel}"))?;
        if !case.model.can_read(person, conv) {
            reply.expect(403)?;
            continue;
        }
        let names: Vec<String> = reply
            .expect(200)?
            .json()?
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|name| name.as_str().map(String::from))
            .filter(|name| case.names.contains(name))
            .collect();
        let name_of = |typist: Person| case.names[case.model.accounts[typist].slot].clone();
        let allowed: Vec<String> = case
            .typists
            .iter()
            .filter(|(c, typist)| *c == conv && *typist != person && !case.model.accounts[*typist].deleted)
            .map(|&(_, typist)| name_of(typist))
            .collect();
        for name in &names {
            anyhow::ensure!(allowed.contains(name), "{channel}: {name} is typing, but only {allowed:?} may be");
        }
        // That a report shows at once is checked in-process only: across nodes whose clocks differ
        // (the cluster drill sets one 20 s behind) a fresh report can look older than 5 s.
        if let Some((c, typist)) = case.just_typed.filter(|_| case.context.in_process) {
            if c == conv && typist != person {
                anyhow::ensure!(names.contains(&name_of(typist)), "{channel}: {names:?} lacks {}", name_of(typist));
            }
        }
    }
    Ok(())
}

fn channel_members(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    for conv in 0..CONVS {
        let channel = &case.channels[conv];
        let reply = user.get(&format!("/channel_members/{channel}"))?;
        match case.model.channel_members(person, conv) {
            Err(refused) => {
                reply.expect(refused.status())?;
            }
            Ok(slots) => {
                let mut actual = names_in(&reply.expect(200)?.json()?, case);
                actual.sort();
                let mut expected: Vec<String> = slots.iter().map(|&slot| case.names[slot].clone()).collect();
                expected.sort();
                anyhow::ensure!(actual == expected, "{channel}: {actual:?}\n  model: {expected:?}");
            }
        }
    }
    Ok(())
}

/// The case's own names in a JSON list of names.
fn names_in(list: &Value, case: &Case) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(String::from))
        .filter(|name| case.names.contains(name))
        .collect()
}

fn private_channels(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    let list = user.get_json("/private_channels")?;
    let mut actual: Vec<(String, Vec<String>)> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|line| {
            let channel = line["channel"].as_str()?;
            case.conv_of(channel)?;
            let members = line["members"].as_array()?.iter().filter_map(|m| m.as_str().map(String::from)).collect();
            Some((channel.to_string(), members))
        })
        .collect();
    actual.sort();
    let mut expected: Vec<(String, Vec<String>)> = case
        .model
        .private_channels(person)
        .into_iter()
        .map(|conv| {
            let mut members: Vec<String> =
                case.model.members(conv).iter().map(|&p| case.names[case.model.accounts[p].slot].clone()).collect();
            members.sort();
            (case.channels[conv].clone(), members)
        })
        .collect();
    // Sorted as the answer is: by id text (`private:10` before `private:9`).
    expected.sort();
    anyhow::ensure!(actual == expected, "{actual:?}\n  model: {expected:?}");
    Ok(())
}

fn dms(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    let list = user.get_json("/dms")?;
    let mut actual: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|line| line["channel"].as_str().map(String::from))
        .filter(|channel| case.conv_of(channel).is_some())
        .collect();
    actual.sort();
    let mut expected: Vec<String> = case.model.dms(person).into_iter().map(|c| case.channels[c].clone()).collect();
    expected.sort();
    anyhow::ensure!(actual == expected, "{actual:?}\n  model: {expected:?}");
    Ok(())
}

fn pins(case: &Case, person: Person, user: &User) -> anyhow::Result<()> {
    for conv in 0..CONVS {
        let channel = &case.channels[conv];
        let reply = user.get(&format!("/pins/{channel}"))?;
        let Some(pinned) = case.model.pins(person, conv) else {
            reply.expect(403)?;
            continue;
        };
        let mut actual: Vec<i64> = reply
            .expect(200)?
            .json()?
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|row| row["id"].as_i64())
            .filter(|id| conv != PUBLIC || case.ids.contains_key(id))
            .collect();
        actual.sort();
        let mut expected: Vec<i64> = pinned.iter().flat_map(|&m| case.rows[m].iter().map(|row| row.id)).collect();
        expected.sort();
        anyhow::ensure!(actual == expected, "{channel}: pinned rows {actual:?}\n  model: {expected:?}");
    }
    Ok(())
}

fn message(case: &Case, person: Person, user: &User, message: MsgIx) -> anyhow::Result<()> {
    let id = case.rows[message][0].id;
    let reply = user.get(&format!("/message/{id}"))?;
    if !case.model.can_see(person, message) {
        reply.expect(404)?;
        return Ok(());
    }
    let body = reply.expect(200)?.json()?;
    let deleted = case.model.messages[message].deleted;
    anyhow::ensure!(
        (body["deleted"].as_i64() == Some(1), body["content"].is_null()) == (deleted, deleted),
        "id {id}: {body}, the model says deleted: {deleted}"
    );
    Ok(())
}

fn files(case: &Case, person: Person, user: &User, message: MsgIx) -> anyhow::Result<()> {
    let allowed = case.model.can_download(person, message);
    for name in case.rows[message].iter().filter_map(|row| row.file.as_deref()) {
        let path = format!("/files/{name}");
        let got = user.get(&path)?;
        if allowed {
            let got = got.expect(200)?;
            anyhow::ensure!(got.bytes == super::case::PNG, "{path}: not the uploaded bytes");
            // A revalidation is answered "not modified" only to those who may have the file.
            if let Some(etag) = got.etag.as_deref() {
                user.send_with(Method::GET, &path, Body::Empty, &[("If-None-Match", etag)])?.expect(304)?;
            }
        } else {
            got.expect(404)?;
            // Not even a revalidation with the file's validator tells an outsider it exists.
            if let Some(etag) = case.etags.get(name) {
                user.send_with(Method::GET, &path, Body::Empty, &[("If-None-Match", etag)])?.expect(404)?;
            }
        }
        user.send(Method::HEAD, &path, Body::Empty)?.expect(if allowed { 200 } else { 404 })?;
        // A part of the file, and its preview (an image has none: `{}`), under the same rule.
        let part = user.send_with(Method::GET, &path, Body::Empty, &[("Range", "bytes=0-7")])?;
        if allowed {
            let part = part.expect(206)?;
            anyhow::ensure!(part.bytes == super::case::PNG[..8], "{path}: bytes 0-7 are not the upload's");
        } else {
            part.expect(404)?;
        }
        user.get(&format!("/file_preview/{name}"))?.expect(if allowed { 200 } else { 404 })?;
    }
    Ok(())
}

/// Someone who cannot see a message cannot change it either: a reaction answers as for a missing
/// message (404), an edit or a deletion as for someone else's (403).
fn refused_changes(case: &Case, person: Person, user: &User, message: MsgIx) -> anyhow::Result<()> {
    if case.model.can_see(person, message) {
        return Ok(());
    }
    let id = case.rows[message][0].id;
    user.post_form(&format!("/react/{id}"), &[("reaction", "eyes")])?.expect(404)?;
    user.post_form(&format!("/edit/{id}"), &[("text", "not yours")])?.expect(403)?;
    user.post(&format!("/delete/{id}"))?.expect(403)?;
    user.post(&format!("/pin/{id}"))?.expect(404)?;
    user.post(&format!("/unpin/{id}"))?.expect(404)?;
    Ok(())
}
