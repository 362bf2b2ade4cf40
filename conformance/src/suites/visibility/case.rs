//! One case of the visibility machine: the accounts, their sessions and event streams, the model,
//! and what the harness learnt of the server's ids (rows, files, timestamps) as it went.
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use super::probes::{self, Before};
use super::{Action, CONVS, PRIVATE, PUBLIC, SLOTS};
use crate::client::{parse_events, random_suffix, Body, EventTap, Reply, Upload, User, PASSWORD};
use crate::model::visibility::{Conv, ConvIx, MsgIx, Person, Refused, Slot, World};
use crate::Context;

/// A 1×1 PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

/// How long a stream may take to deliver what a step caused.
const STREAM_WAIT: Duration = Duration::from_secs(5);

/// One stored row of a model message.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub file: Option<String>,
}

pub struct Case<'a> {
    pub context: &'a Context,
    pub names: Vec<String>,
    /// Each name's session, while it has an account.
    pub users: Vec<Option<User>>,
    taps: Vec<Option<Tap>>,
    /// Streams of accounts deleted in this step, with their account.
    ended: Vec<(Person, Tap)>,
    pub channels: Vec<String>,
    pub model: World,
    /// Per model message: its rows (text first), and its `ts` (all rows share it).
    pub rows: Vec<Vec<Row>>,
    pub times: Vec<f64>,
    pub ids: HashMap<i64, MsgIx>,
    /// Each attachment's `ETag`.
    pub etags: HashMap<String, String>,
    /// The word every text of this case contains, and nothing else on the server.
    pub token: String,
    /// Who reported typing where (accepted reports), and the report of the last step, if any.
    pub typists: Vec<(ConvIx, Person)>,
    pub just_typed: Option<(ConvIx, Person)>,
    /// The public channel is polled after this (just before this case's first row there).
    pub public_after: Option<f64>,
    cursors: Vec<f64>,
    /// Presence changes of a bystander after every step: once a stream has the latest one, it has
    /// everything the step caused before it.
    sentinel: User,
    toggles: usize,
    /// What each (account, message) pair answered when last probed: (sees it, may download it).
    pub probed: HashMap<(Person, MsgIx), (bool, bool)>,
}

struct Tap {
    tap: EventTap,
    /// The sentinel's toggles before the stream opened, and the events already judged.
    toggles_at_open: usize,
    judged: usize,
}

pub fn run_case(context: &Context, actions: &[Action]) -> anyhow::Result<()> {
    let mut case = Case::create(context)?;
    let before = Before::of(&case);
    case.settle(&before, &HashSet::new()).map_err(|e| e.context("after set-up"))?;
    probes::observe(&case, false).map_err(|e| e.context("after set-up"))?;
    for (n, action) in actions.iter().enumerate() {
        let step = |e: anyhow::Error| e.context(format!("step {} ({action:?}) of {actions:?}", n + 1));
        let before = Before::of(&case);
        let changed = case.apply(action).map_err(step)?;
        case.settle(&before, &changed).map_err(step)?;
        probes::observe(&case, n + 1 == actions.len()).map_err(step)?;
        case.remember_probes();
    }
    Ok(())
}

impl<'a> Case<'a> {
    fn create(context: &'a Context) -> anyhow::Result<Case<'a>> {
        let server = &context.server;
        let sentinel = server.signup("vis-s")?;
        let stem = random_suffix(5);
        let names: Vec<String> = (0..SLOTS).map(|slot| format!("v{slot}-{stem}")).collect();
        let mut users = Vec::new();
        for name in &names {
            users.push(Some(server.signup_exact(name, PASSWORD)?));
        }
        let public = users[0].as_ref().map(|u| u.get_json("/channels")).transpose()?;
        let public = public.as_ref().and_then(|p| p.get(0)).and_then(Value::as_str).unwrap_or("general").to_string();
        let mut channels = vec![public];
        for (creator, member) in [(0, 1), (2, 3)] {
            let name = format!("vis-{}", random_suffix(6));
            let user = users[creator].as_ref().ok_or_else(|| anyhow::anyhow!("no session"))?;
            let body = json!({"name": name, "members": [names[member]]});
            user.post_json("/private_channels/create", body)?.expect(200)?;
            channels.push(user.private_channel_id(&name)?);
        }
        let dm = |slots: &[Slot]| {
            let mut members: Vec<&str> = slots.iter().map(|&s| names[s].as_str()).collect();
            members.sort();
            format!("dm:{}", members.join(":"))
        };
        channels.push(dm(&[0, 1]));
        channels.push(dm(&[1, 2, 3]));
        let mut model = World::new(
            SLOTS,
            vec![Conv::Public, Conv::Private, Conv::Private, Conv::Direct(vec![0, 1]), Conv::Direct(vec![1, 2, 3])],
        );
        for (conv, members) in [(PRIVATE[0], [0, 1]), (PRIVATE[1], [2, 3])] {
            for slot in members {
                model.create_member(conv, slot);
            }
        }
        let mut case = Case {
            context,
            names,
            users,
            taps: (0..SLOTS).map(|_| None).collect(),
            ended: Vec::new(),
            channels,
            model,
            rows: Vec::new(),
            times: Vec::new(),
            ids: HashMap::new(),
            etags: HashMap::new(),
            token: format!("vis{}", random_suffix(10)),
            typists: Vec::new(),
            just_typed: None,
            public_after: None,
            cursors: vec![0.0; CONVS],
            sentinel,
            toggles: 0,
            probed: HashMap::new(),
        };
        for slot in 0..SLOTS {
            case.open_tap(slot)?;
        }
        Ok(case)
    }

    fn open_tap(&mut self, slot: Slot) -> anyhow::Result<()> {
        let user = self.session(slot)?;
        let tap = user.tap_events("/events")?;
        self.taps[slot] = Some(Tap { tap, toggles_at_open: self.toggles, judged: 0 });
        Ok(())
    }

    pub fn session(&self, slot: Slot) -> anyhow::Result<&User> {
        self.users[slot].as_ref().ok_or_else(|| anyhow::anyhow!("u{slot} has no account"))
    }

    pub fn who(&self, person: Person) -> String {
        let slot = self.model.accounts[person].slot;
        format!("u{slot} ({}, account #{person})", self.names[slot])
    }

    /// The live accounts, with their sessions.
    pub fn viewers(&self) -> impl Iterator<Item = (Person, &User)> + '_ {
        (0..SLOTS).filter_map(|slot| Some((self.model.person(slot)?, self.users[slot].as_ref()?)))
    }

    pub fn conv_of(&self, channel: &str) -> Option<ConvIx> {
        self.channels.iter().position(|c| c == channel)
    }

    /// The case's sends (not notices), for actions that pick one.
    fn pick_send(&self, index: usize) -> Option<MsgIx> {
        let sends: Vec<MsgIx> =
            (0..self.model.messages.len()).filter(|&m| self.model.messages[m].sender.is_some()).collect();
        (!sends.is_empty()).then(|| sends[index % sends.len()])
    }

    /// The status the model expects: `ok` on success, the refusal's otherwise.
    fn expect(reply: Reply, outcome: Result<(), Refused>, ok: u16) -> anyhow::Result<Reply> {
        reply.expect(outcome.map_or_else(Refused::status, |()| ok))
    }

    /// Applies one action to the server and the model; returns the messages whose rows the step
    /// created or deleted (their events must reach everyone who sees them).
    fn apply(&mut self, action: &Action) -> anyhow::Result<HashSet<MsgIx>> {
        let mut changed = HashSet::new();
        self.just_typed = None;
        let messages_before = self.model.messages.len();
        match *action {
            Action::Send { from, conv, text, image } => {
                let Some(user) = self.users[from].as_ref() else { return Ok(changed) };
                let mut fields = Vec::new();
                let n = self.model.messages.len();
                if text {
                    fields.push(("text".to_string(), format!("{} w{n} from u{from}", self.token)));
                }
                let files = if image {
                    vec![Upload {
                        field: "files".into(),
                        file_name: "pixel.png".into(),
                        bytes: PNG.to_vec(),
                        mime: "image/png".into(),
                    }]
                } else {
                    Vec::new()
                };
                let path = format!("/send/{}", self.channels[conv]);
                let reply = user.send(Method::POST, &path, Body::Multipart { fields, files })?;
                match self.model.send(from, conv, text, usize::from(image)) {
                    Err(refused) => {
                        reply.expect(refused.status())?;
                    }
                    Ok(message) => {
                        reply.expect(200)?;
                        self.learn_rows(message, from, Some(from))?;
                    }
                }
            }
            Action::Delete { send } | Action::Edit { send } => {
                let Some(message) = self.pick_send(send) else { return Ok(changed) };
                let Some(sender) = self.model.messages[message].sender else { return Ok(changed) };
                let slot = self.model.accounts[sender].slot;
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let id = self.rows[message][0].id;
                if let Action::Delete { .. } = action {
                    let reply = user.post(&format!("/delete/{id}"))?;
                    let was_deleted = self.model.messages[message].deleted;
                    let outcome = self.model.delete(slot, message);
                    Self::expect(reply, outcome, 200)?;
                    if outcome.is_ok() && !was_deleted {
                        changed.insert(message);
                    }
                } else {
                    let text = format!("{} w{message} edited", self.token);
                    let reply = user.post_form(&format!("/edit/{id}"), &[("text", &text)])?;
                    Self::expect(reply, self.model.edit(slot, message), 200)?;
                }
            }
            Action::React { user: slot, send } => {
                let Some(message) = self.pick_send(send) else { return Ok(changed) };
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let reply = user.post_form(&format!("/react/{}", self.rows[message][0].id), &[("reaction", "eyes")])?;
                Self::expect(reply, self.model.react(slot, message), 200)?;
            }
            Action::Pin { user: slot, send, pinned } => {
                // Pins in the public channel would outlive the case and, run after run against a
                // deployment, reach its `max_pins_per_conversation`: the case's own conversations
                // carry every visibility rule pins have.
                let own: Vec<MsgIx> = (0..self.model.messages.len())
                    .filter(|&m| self.model.messages[m].sender.is_some() && self.model.messages[m].conv != PUBLIC)
                    .collect();
                let Some(&message) = own.get(send % own.len().max(1)) else { return Ok(changed) };
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let route = if pinned { "pin" } else { "unpin" };
                let reply = user.post(&format!("/{route}/{}", self.rows[message][0].id))?;
                Self::expect(reply, self.model.set_pinned(slot, message, pinned), 200)?;
            }
            Action::Add { by, user: slot, channel } => {
                let conv = PRIVATE[channel];
                let Some(adder) = self.users[by].as_ref() else { return Ok(changed) };
                let path = format!("/private_channels/{}/add_member", self.channels[conv]);
                let reply = adder.post_json(&path, json!({"username": self.names[slot]}))?;
                match self.model.add_member(by, slot, conv) {
                    Err(refused) => {
                        reply.expect(refused.status())?;
                    }
                    Ok(notice) => {
                        reply.expect(200)?;
                        self.learn_rows(notice, by, None)?;
                    }
                }
            }
            Action::Leave { user: slot, channel } => {
                let conv = PRIVATE[channel];
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let reply = user.post(&format!("/private_channels/{}/leave", self.channels[conv]))?;
                match self.model.leave(slot, conv) {
                    Err(refused) => {
                        reply.expect(refused.status())?;
                    }
                    Ok(notice) => {
                        reply.expect(200)?;
                        if let Some(notice) = notice {
                            let member = self.model.members(conv)[0];
                            self.learn_rows(notice, self.model.accounts[member].slot, None)?;
                        }
                    }
                }
            }
            Action::MarkRead { user: slot, conv } => {
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let reply = user.post(&format!("/mark_read/{}", self.channels[conv]))?;
                Self::expect(reply, self.model.mark_read(slot, conv), 204)?;
            }
            Action::Typing { user: slot, conv } => {
                let (Some(user), Some(person)) = (self.users[slot].as_ref(), self.model.person(slot)) else {
                    return Ok(changed);
                };
                let reply = user.post(&format!("/typing/{}", self.channels[conv]))?;
                let outcome = self.model.can_write(person, conv);
                Self::expect(reply, outcome, 204)?;
                if outcome.is_ok() {
                    self.typists.push((conv, person));
                    self.just_typed = Some((conv, person));
                }
            }
            Action::DeleteAccount { user: slot, hard } => {
                let Some(user) = self.users[slot].as_ref() else { return Ok(changed) };
                let kind = if hard { "hard" } else { "soft" };
                let dying: Vec<MsgIx> = (0..self.model.messages.len())
                    .filter(|&m| hard && !self.model.messages[m].deleted)
                    .filter(|&m| self.model.messages[m].sender == self.model.person(slot))
                    .collect();
                user.post_json("/delete_account", json!({"type": kind, "password": PASSWORD}))?.expect(200)?;
                if let (Some(tap), Some(person)) = (self.taps[slot].take(), self.model.person(slot)) {
                    self.ended.push((person, tap));
                }
                self.model.delete_account(slot, hard);
                self.users[slot] = None;
                changed.extend(dying);
            }
            Action::Register { user: slot } => {
                if self.model.register(slot) {
                    self.users[slot] = Some(self.context.server.signup_exact(&self.names[slot], PASSWORD)?);
                    self.open_tap(slot)?;
                }
            }
            Action::Reincarnate { user: slot, hard } => {
                changed.extend(self.apply(&Action::DeleteAccount { user: slot, hard })?);
                changed.extend(self.apply(&Action::Register { user: slot })?);
                // A DM naming the name, from someone else in it.
                let (conv, from) = match slot {
                    0 => (3, 1),
                    1 => (4, 2),
                    _ => (4, 1),
                };
                changed.extend(self.apply(&Action::Send { from, conv, text: true, image: false })?);
            }
            Action::AwayAndBack { user: slot, channel } => {
                let conv = PRIVATE[channel];
                let Some(person) = self.model.person(slot) else { return Ok(changed) };
                if !self.model.is_member(conv, person) {
                    return Ok(changed);
                }
                changed.extend(self.apply(&Action::Leave { user: slot, channel })?);
                let Some(&other) = self.model.members(conv).first() else { return Ok(changed) };
                let other = self.model.accounts[other].slot;
                changed.extend(self.apply(&Action::Send { from: other, conv, text: true, image: true })?);
                changed.extend(self.apply(&Action::Add { by: other, user: slot, channel })?);
            }
        }
        changed.extend(messages_before..self.model.messages.len());
        Ok(changed)
    }

    /// Learns the ids (and file names) of a new model message from a poll by `poller`: the rows
    /// it had not seen, sent by `sender` (`None`: a system notice).
    fn learn_rows(&mut self, message: MsgIx, poller: Slot, sender: Option<Slot>) -> anyhow::Result<()> {
        let conv = self.model.messages[message].conv;
        let first_public = conv == PUBLIC && self.public_after.is_none();
        if first_public {
            // Just before this case's first public row: a recent bound, and the whole history only
            // if the server's clock is far behind ours.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs_f64();
            self.cursors[PUBLIC] = now - 60.0;
        }
        let mut rows = self.new_rows(poller, conv, sender)?;
        if rows.is_empty() && first_public {
            self.cursors[PUBLIC] = 0.0;
            rows = self.new_rows(poller, conv, sender)?;
        }
        let expected = usize::from(self.model.messages[message].text) + self.model.messages[message].files;
        anyhow::ensure!(
            rows.len() == expected,
            "the new message {message} has {} rows on the server, the model expects {expected}: {rows:?}",
            rows.len()
        );
        let ts = rows.iter().filter_map(|row| row["ts"].as_f64()).fold(f64::NEG_INFINITY, f64::max);
        if first_public {
            self.public_after = Some(ts - 1e-3);
        }
        self.cursors[conv] = self.cursors[conv].max(ts);
        let rows: Vec<Row> = rows
            .iter()
            .filter_map(|row| Some(Row { id: row["id"].as_i64()?, file: row["filename"].as_str().map(String::from) }))
            .collect();
        for row in &rows {
            self.ids.insert(row.id, message);
            // The file's validator, as its sender receives it: outsiders revalidate with it.
            if let Some(name) = &row.file {
                let reply = self.session(poller)?.get(&format!("/files/{name}"))?.expect(200)?;
                if let Some(etag) = reply.etag {
                    self.etags.insert(name.clone(), etag);
                }
            }
        }
        self.rows.push(rows);
        self.times.push(ts);
        anyhow::ensure!(self.rows.len() == self.model.messages.len(), "model and rows out of step");
        Ok(())
    }

    fn new_rows(&self, poller: Slot, conv: ConvIx, sender: Option<Slot>) -> anyhow::Result<Vec<Value>> {
        let user = self.session(poller)?;
        let path = format!("/messages/{}?after={}", self.channels[conv], self.cursors[conv]);
        let sender = sender.map_or("system", |slot| self.names[slot].as_str());
        let mut rows: Vec<Value> = user
            .get_json(&path)?
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| row["sender"] == sender)
            .filter(|row| row["id"].as_i64().is_some_and(|id| !self.ids.contains_key(&id)))
            .cloned()
            .collect();
        // The text row first, as the model numbers a send's rows.
        rows.sort_by_key(|row| (row["filename"].is_string(), row["id"].as_i64()));
        Ok(rows)
    }

    /// After a step: the sentinel changes its presence, each stream is read up to that change,
    /// and what it received in between is judged; a deleted account's stream must have ended.
    fn settle(&mut self, before: &Before, changed: &HashSet<MsgIx>) -> anyhow::Result<()> {
        let state = if self.toggles.is_multiple_of(2) { "idle" } else { "active" };
        self.sentinel.post_json("/presence", json!({"state": state}))?.expect(204)?;
        self.toggles += 1;
        // Streams of accounts deleted in the step: they must end; what came before the end is judged.
        for (person, mut tap) in std::mem::take(&mut self.ended) {
            let slot = self.model.accounts[person].slot;
            anyhow::ensure!(
                tap.tap.finish(STREAM_WAIT),
                "u{slot}'s event stream is still open after its account was deleted"
            );
            let events = complete_events(&tap.tap.text());
            probes::judge_events(self, before, changed, person, &events[tap.judged.min(events.len())..], false)?;
        }
        for slot in 0..SLOTS {
            let (Some(mut tap), Some(person)) = (self.taps[slot].take(), self.model.person(slot)) else { continue };
            let wanted = self.toggles - tap.toggles_at_open;
            let started = Instant::now();
            // Waits for the sentinel and for every message the account must hear of: behind a load
            // balancer, events published by another node may come after the sentinel's. What is
            // still missing after the wait is reported by `judge_events`.
            let owed: Vec<i64> =
                changed.iter().filter(|&&m| before.owed(self, person, m)).map(|&m| self.rows[m][0].id).collect();
            let events = loop {
                let events = complete_events(&tap.tap.text());
                let seen = events
                    .iter()
                    .filter(|(kind, data)| kind == "presence" && data["user"] == self.sentinel.name.as_str())
                    .count();
                let new = &events[tap.judged.min(events.len())..];
                let delivered = |id: &i64| {
                    new.iter().any(|(kind, data)| {
                        kind == "message"
                            && data["messages"].as_array().is_some_and(|rows| rows.iter().any(|r| r["id"] == *id))
                    })
                };
                if (seen >= wanted && owed.iter().all(delivered)) || started.elapsed() > STREAM_WAIT {
                    anyhow::ensure!(
                        seen >= wanted,
                        "u{slot}'s event stream did not deliver the step's events within {STREAM_WAIT:?} ({} so far)",
                        events.len()
                    );
                    break events;
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            probes::judge_events(self, before, changed, person, &events[tap.judged..], true)?;
            tap.judged = events.len();
            self.taps[slot] = Some(tap);
        }
        Ok(())
    }

    /// Records the per-message states just probed, so the next step probes only what changed.
    fn remember_probes(&mut self) {
        for person in 0..self.model.accounts.len() {
            for message in 0..self.model.messages.len() {
                let state = (self.model.can_see(person, message), self.model.can_download(person, message));
                self.probed.insert((person, message), state);
            }
        }
    }
}

/// The complete events of a stream's text (a block ends with a blank line).
fn complete_events(text: &str) -> Vec<(String, Value)> {
    let text = text.replace("\r\n", "\n");
    parse_events(&text[..text.rfind("\n\n").map_or(0, |end| end + 2)])
}

impl Drop for Case<'_> {
    /// Ends the sessions, so the streams end and their threads with them.
    fn drop(&mut self) {
        for (slot, user) in self.users.iter().enumerate() {
            if let (Some(user), Some(tap)) = (user, self.taps[slot].take()) {
                let _ = user.post("/logout");
                let mut tap = tap;
                tap.tap.finish(Duration::from_secs(2));
            }
        }
    }
}
