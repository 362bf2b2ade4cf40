//! The state machine shared by the unread and DM-visibility suites: three fresh users act in a
//! public channel, a private channel, two DMs, a group DM and a self-DM; after every action the
//! server's read state must equal the [`Chat`] model's.
use std::collections::HashSet;

use proptest::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::client::{random_suffix, Body, Upload, User};
use crate::model::chat::{Chat, ConvIx, Kind, Refusal, SendIx, UserIx};
use crate::Context;

const USERS: usize = 3;
pub const PUBLIC: ConvIx = 0;
pub const PRIVATE: ConvIx = 1;
/// The DMs: U0–U1, U1–U2, the group U0–U1–U2, and U0's self-DM.
pub const DMS: [ConvIx; 4] = [2, 3, 4, 5];

#[derive(Debug, Clone)]
pub enum Action {
    Send {
        from: UserIx,
        conv: ConvIx,
        files: usize,
        text: bool,
        reply: Option<usize>,
    },
    Edit {
        send: usize,
    },
    Delete {
        send: usize,
    },
    React {
        user: UserIx,
        send: usize,
    },
    MarkRead {
        user: UserIx,
        conv: ConvIx,
    },
    Close {
        user: UserIx,
        dm: usize,
    },
    /// U0 (who never leaves) adds U1 or U2 to the private channel, if they are not in it.
    AddMember {
        user: UserIx,
    },
    /// U1 or U2 leaves the private channel, if they are in it.
    Leave {
        user: UserIx,
    },
    /// U1 or U2, if in the private channel, marks it read, leaves, misses a message and is added
    /// back: the one path where an old read mark meets a new membership (random steps rarely
    /// line it up).
    AwayAndBack {
        user: UserIx,
    },
}

/// What each step compares.
#[derive(Debug, Clone, Copy)]
pub enum Observe {
    /// `/channel_unreads`, `/private_channels`, `/unread_count` and `/dms`.
    Unread,
    /// `/dms` (membership, order, users, unread) and `/unread_count`.
    Dms,
}

pub fn send_action(convs: impl Strategy<Value = ConvIx>) -> impl Strategy<Value = Action> {
    (
        0..USERS,
        convs,
        prop_oneof![4 => Just(0usize), 1 => 1usize..3],
        any::<bool>(),
        prop::option::weighted(0.2, any::<usize>()),
    )
        .prop_map(|(from, conv, files, text, reply)| Action::Send {
            from,
            conv,
            files,
            text: text || files == 0,
            reply,
        })
}

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

struct World {
    users: Vec<User>,
    channels: Vec<String>,
    chat: Chat,
    /// The server id of each model send's first row (`None` for system notices).
    ids: Vec<Option<i64>>,
    /// The server `ts` of each model send (`None` for system notices).
    times: Vec<Option<f64>>,
    known: HashSet<i64>,
    /// Per conversation, the newest `ts` polled: later polls ask only for what came after it (the
    /// public channel holds every earlier case's messages, and a deployment's history).
    cursors: Vec<f64>,
}

pub fn run_case(context: &Context, actions: &[Action], observe: Observe) -> anyhow::Result<()> {
    let mut world = World::create(context)?;
    for (n, action) in actions.iter().enumerate() {
        let step = |e: anyhow::Error| e.context(format!("step {} ({action:?}) of {actions:?}", n + 1));
        world.apply(action).map_err(step)?;
        world.observe(observe).map_err(step)?;
    }
    Ok(())
}

impl World {
    fn create(context: &Context) -> anyhow::Result<World> {
        let server = &context.server;
        let users = vec![server.signup("u0")?, server.signup("u1")?, server.signup("u2")?];
        let public = users[0].get_json("/channels")?;
        let public = public.get(0).and_then(Value::as_str).unwrap_or("general").to_string();
        let private_name = format!("machine-{}", random_suffix(6));
        users[0]
            .post_json("/private_channels/create", json!({"name": private_name, "members": [users[1].name]}))?
            .expect(200)?;
        let private = users[0].private_channel_id(&private_name)?;
        let dm = |members: &[UserIx]| {
            let mut names: Vec<&str> = members.iter().map(|&u| users[u].name.as_str()).collect();
            names.sort();
            format!("dm:{}", names.join(":"))
        };
        let channels = vec![public, private, dm(&[0, 1]), dm(&[1, 2]), dm(&[0, 1, 2]), dm(&[0, 0])];
        let kinds = vec![
            Kind::Public,
            Kind::Private,
            Kind::Direct(vec![0, 1]),
            Kind::Direct(vec![1, 2]),
            Kind::Direct(vec![0, 1, 2]),
            Kind::Direct(vec![0, 0]),
        ];
        let chat = Chat::new(USERS, kinds, &[0, 1]);
        let ids = vec![None; chat.sends.len()];
        let times = vec![None; chat.sends.len()];
        let cursors = vec![0.0; channels.len()];
        Ok(World { users, channels, chat, ids, times, known: HashSet::new(), cursors })
    }

    /// A live (not deleted, not system) send picked by `index`.
    fn pick_send(&self, index: usize, visible_to: Option<UserIx>) -> Option<SendIx> {
        let live: Vec<SendIx> = (0..self.chat.sends.len())
            .filter(|&s| !self.chat.sends[s].deleted && !self.chat.sends[s].system)
            .filter(|&s| visible_to.is_none_or(|u| self.chat.can_see(u, s)))
            .collect();
        (!live.is_empty()).then(|| live[index % live.len()])
    }

    fn id(&self, send: SendIx) -> anyhow::Result<i64> {
        self.ids[send].ok_or_else(|| anyhow::anyhow!("send {send} has no known id"))
    }

    fn apply(&mut self, action: &Action) -> anyhow::Result<()> {
        match *action {
            Action::Send { from, conv, files, text, reply } => self.send(from, conv, files, text, reply),
            Action::Edit { send } => {
                let Some(send) = self.pick_send(send, None).filter(|&s| self.chat.sends[s].has_text) else {
                    return Ok(());
                };
                let editor = self.chat.sends[send].sender;
                let reply =
                    self.users[editor].post_form(&format!("/edit/{}", self.id(send)?), &[("text", "edited text")])?;
                // Whoever left a private channel lost it, their own messages included (decisions).
                if self.chat.can_see(editor, send) {
                    reply.expect(200)?;
                    self.chat.touch();
                } else {
                    reply.expect(403)?;
                }
                Ok(())
            }
            Action::Delete { send } => {
                let Some(send) = self.pick_send(send, None) else { return Ok(()) };
                let sender = self.chat.sends[send].sender;
                let reply = self.users[sender].post(&format!("/delete/{}", self.id(send)?))?;
                if self.chat.can_see(sender, send) {
                    reply.expect(200)?;
                    self.chat.delete(send);
                } else {
                    reply.expect(403)?;
                }
                Ok(())
            }
            Action::React { user, send } => {
                let Some(send) = self.pick_send(send, Some(user)) else { return Ok(()) };
                self.users[user]
                    .post_form(&format!("/react/{}", self.id(send)?), &[("reaction", "thumbsup")])?
                    .expect(200)?;
                self.chat.touch();
                Ok(())
            }
            Action::MarkRead { user, conv } => {
                let allowed = match &self.chat.kinds[conv] {
                    Kind::Private => self.chat.is_member(user),
                    _ => self.chat.can_write(user, conv),
                };
                let reply = self.users[user].post(&format!("/mark_read/{}", self.channels[conv]))?;
                if allowed {
                    reply.expect(204)?;
                    self.chat.mark_read(user, conv);
                } else {
                    reply.expect(403)?;
                }
                Ok(())
            }
            Action::Close { user, dm } => {
                let conv = DMS[dm % DMS.len()];
                let Kind::Direct(members) = &self.chat.kinds[conv] else { return Ok(()) };
                let user = members[user % members.len()];
                self.users[user].post_json("/dms/close", json!({"channel": self.channels[conv]}))?.expect(200)?;
                self.chat.close(user, conv);
                Ok(())
            }
            Action::AddMember { user } => {
                let user = 1 + user % 2;
                if self.chat.is_member(user) {
                    return Ok(());
                }
                let path = format!("/private_channels/{}/add_member", self.channels[PRIVATE]);
                self.users[0].post_json(&path, json!({"username": self.users[user].name}))?.expect(200)?;
                self.chat.add_member(0, user);
                self.ids.push(None);
                self.times.push(None);
                Ok(())
            }
            Action::AwayAndBack { user } => {
                let user = 1 + user % 2;
                if !self.chat.is_member(user) {
                    return Ok(());
                }
                // Leave and AddMember name U1/U2 as 0/1.
                self.apply(&Action::MarkRead { user, conv: PRIVATE })?;
                self.apply(&Action::Leave { user: user - 1 })?;
                self.apply(&Action::Send { from: 0, conv: PRIVATE, files: 0, text: true, reply: None })?;
                self.apply(&Action::AddMember { user: user - 1 })
            }
            Action::Leave { user } => {
                let user = 1 + user % 2;
                if !self.chat.is_member(user) {
                    return Ok(());
                }
                self.users[user].post(&format!("/private_channels/{}/leave", self.channels[PRIVATE]))?.expect(200)?;
                self.chat.leave(user);
                self.ids.push(None);
                self.times.push(None);
                Ok(())
            }
        }
    }

    fn send(
        &mut self,
        from: UserIx,
        conv: ConvIx,
        files: usize,
        text: bool,
        reply: Option<usize>,
    ) -> anyhow::Result<()> {
        let parent = reply.and_then(|r| self.pick_send(r, None));
        let mut fields = Vec::new();
        if text {
            fields.push(("text".to_string(), format!("message from u{from}")));
        }
        if let Some(parent) = parent {
            fields.push(("reply_to_id".to_string(), self.id(parent)?.to_string()));
        }
        let path = format!("/send/{}", self.channels[conv]);
        let body = if files == 0 {
            Body::Form(fields)
        } else {
            let files = (0..files)
                .map(|n| Upload {
                    field: "files".into(),
                    file_name: format!("pixel{n}.png"),
                    bytes: PNG.to_vec(),
                    mime: "image/png".into(),
                })
                .collect();
            Body::Multipart { fields, files }
        };
        let reply = self.users[from].send(Method::POST, &path, body)?;
        match self.chat.send(from, conv, text, files, parent) {
            Err(Refusal::Forbidden) => {
                reply.expect(403)?;
            }
            Err(Refusal::InvalidReply) => {
                reply.expect(400)?;
            }
            Ok(send) => {
                reply.expect(200)?;
                let rows = self.new_rows(from, conv)?;
                anyhow::ensure!(
                    rows.len() == self.chat.sends[send].rows,
                    "the send stored {} rows, the model expects {}",
                    rows.len(),
                    self.chat.sends[send].rows
                );
                self.ids.push(rows.first().map(|(id, _)| *id));
                self.times.push(rows.first().map(|(_, ts)| *ts));
            }
        }
        Ok(())
    }

    /// Ids of the sender's rows in `conv` that were not there before.
    /// `(id, ts)` of the sender's rows in `conv` that were not there before, by id.
    fn new_rows(&mut self, from: UserIx, conv: ConvIx) -> anyhow::Result<Vec<(i64, f64)>> {
        let messages =
            self.users[from].get_json(&format!("/messages/{}?after={}", self.channels[conv], self.cursors[conv]))?;
        let mut rows: Vec<(i64, f64)> = messages
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["sender"] == self.users[from].name.as_str())
            .filter_map(|m| Some((m["id"].as_i64()?, m["ts"].as_f64()?)))
            .filter(|(id, _)| !self.known.contains(id))
            .collect();
        rows.sort_by_key(|(id, _)| *id);
        if let Some(newest) = rows.iter().map(|(_, ts)| *ts).reduce(f64::max) {
            self.cursors[conv] = self.cursors[conv].max(newest);
        }
        self.known.extend(rows.iter().map(|(id, _)| *id));
        Ok(rows)
    }

    /// `/read_receipts` of every conversation each user may read, against the model: restricted
    /// to this case's messages and users (a public channel holds others' history too).
    fn observe_receipts(&self, u: UserIx, who: &str) -> anyhow::Result<()> {
        let names: Vec<&str> = self.users.iter().map(|user| user.name.as_str()).collect();
        for conv in 0..self.channels.len() {
            let readable = match &self.chat.kinds[conv] {
                Kind::Private => self.chat.is_member(u),
                _ => self.chat.can_write(u, conv),
            };
            if !readable {
                continue;
            }
            let answer = self.users[u].get_json(&format!("/read_receipts/{}", self.channels[conv]))?;
            let mut actual: Vec<(f64, Vec<String>)> = Vec::new();
            for (key, readers) in answer.as_object().into_iter().flatten() {
                let Ok(ts) = key.parse::<f64>() else { anyhow::bail!("{who}: receipt key {key:?} is not a timestamp") };
                if !self.times.contains(&Some(ts)) {
                    continue;
                }
                let mut ours: Vec<String> = readers
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str())
                    .filter(|r| names.contains(r))
                    .map(String::from)
                    .collect();
                ours.sort();
                actual.push((ts, ours));
            }
            actual.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut expected: Vec<(f64, Vec<String>)> = self
                .chat
                .receipts(u, conv)
                .into_iter()
                .filter_map(|(send, readers)| {
                    let mut readers: Vec<String> = readers.iter().map(|&r| names[r].to_string()).collect();
                    readers.sort();
                    Some((self.times[send]?, readers))
                })
                .collect();
            expected.sort_by(|a, b| a.0.total_cmp(&b.0));
            anyhow::ensure!(
                actual == expected,
                "{who}: /read_receipts/{} = {actual:?}\n  model: {expected:?}",
                self.channels[conv]
            );
        }
        Ok(())
    }

    fn observe(&self, observe: Observe) -> anyhow::Result<()> {
        for (u, user) in self.users.iter().enumerate() {
            let who = format!("u{u} ({})", user.name);
            if let Observe::Unread = observe {
                self.observe_receipts(u, &who)?;
                let unreads = user.get_json("/channel_unreads")?;
                let public = unreads[&self.channels[PUBLIC]].as_i64();
                let expected = self.chat.unread(u, PUBLIC);
                anyhow::ensure!(
                    public == Some(expected),
                    "{who}: /channel_unreads {} = {public:?}, model {expected}",
                    self.channels[PUBLIC]
                );
                let privates = user.get_json("/private_channels")?;
                let line =
                    privates.as_array().into_iter().flatten().find(|p| p["channel"] == self.channels[PRIVATE].as_str());
                match (line, self.chat.is_member(u)) {
                    (Some(line), true) => {
                        let expected = self.chat.unread(u, PRIVATE);
                        anyhow::ensure!(
                            line["unread"].as_i64() == Some(expected),
                            "{who}: private channel unread {} , model {expected}",
                            line["unread"]
                        );
                    }
                    (None, false) => {}
                    (line, member) => anyhow::bail!(
                        "{who}: private channel listed: {}, member in the model: {member}",
                        line.is_some()
                    ),
                }
            }
            let count = user.get_json("/unread_count")?["count"].as_i64();
            let expected = self.chat.unread_count(u);
            anyhow::ensure!(count == Some(expected), "{who}: /unread_count = {count:?}, model {expected}");
            let dms = user.get_json("/dms")?;
            let actual: Vec<(String, Vec<String>, i64)> = dms
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| {
                    let users = d["users"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|n| n.as_str().map(String::from))
                        .collect();
                    (d["channel"].as_str().unwrap_or("").to_string(), users, d["unread"].as_i64().unwrap_or(-1))
                })
                .collect();
            let expected: Vec<(String, Vec<String>, i64)> = self
                .chat
                .dms(u)
                .into_iter()
                .map(|line| {
                    let id = &self.channels[line.conv];
                    let others = id.split(':').skip(1).filter(|n| *n != user.name).map(String::from).collect();
                    (id.clone(), others, line.unread)
                })
                .collect();
            anyhow::ensure!(actual == expected, "{who}: /dms = {actual:?}\n  model: {expected:?}");
        }
        Ok(())
    }
}
