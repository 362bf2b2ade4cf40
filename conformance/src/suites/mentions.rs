//! Mentions: generated texts mixing members in random letter case, non-members, unregistered
//! names, e-mail addresses, URLs, punctuation and `@everyone`, sent into a public channel, a
//! private channel, a DM and a group DM; the stored `mentions` must equal the model's, and again
//! after the message is edited to another generated text.
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::client::{random_suffix, User};
use crate::model::mentions::mentions as model_mentions;
use crate::property;
use crate::report::Check;
use crate::Context;

/// Who a generated mention names.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// One of the four accounts (a member or not, depending on the conversation).
    Account(usize),
    /// A name nobody registered.
    Ghost,
    Everyone,
}

#[derive(Debug, Clone)]
enum Piece {
    Mention { target: Target, case: Vec<bool>, prefix: &'static str, suffix: &'static str },
    Email(Target),
    Url(Target),
    Word(&'static str),
}

const PREFIXES: &[&str] = &["", "", "", "(", "-", "x", "@", "/", "é", "_", "\n", "*", "\"", "1"];
const SUFFIXES: &[&str] = &["", "", "", ".", ",", "!", "?", ")", "-", "_", "'s", ":", "é", "x", "@"];
const WORDS: &[&str] = &["hello", "ping", "re:", "ok", "@", "@ ", "email", "👋", "ça", "a_b", "—"];

fn target() -> impl Strategy<Value = Target> + Clone {
    prop_oneof![6 => (0usize..4).prop_map(Target::Account), 1 => Just(Target::Ghost), 1 => Just(Target::Everyone)]
}

fn piece() -> impl Strategy<Value = Piece> + Clone {
    prop_oneof![
        6 => (target(), prop::collection::vec(any::<bool>(), 12), prop::sample::select(PREFIXES), prop::sample::select(SUFFIXES))
            .prop_map(|(target, case, prefix, suffix)| Piece::Mention { target, case, prefix, suffix }),
        1 => target().prop_map(Piece::Email),
        1 => target().prop_map(Piece::Url),
        2 => prop::sample::select(WORDS).prop_map(Piece::Word),
    ]
}

/// Pieces with their separators (`true`: a space before the piece, `false`: glued on).
fn text() -> impl Strategy<Value = Vec<(bool, Piece)>> + Clone {
    prop::collection::vec((prop::bool::weighted(0.8), piece()), 1..7)
}

#[derive(Debug, Clone)]
struct Case {
    conversation: usize,
    sent: Vec<(bool, Piece)>,
    edited: Vec<(bool, Piece)>,
}

struct World {
    users: Vec<User>,
    ghost: String,
    /// (channel id, indexes of the member accounts)
    conversations: Vec<(String, Vec<usize>)>,
    /// Per conversation, the newest `ts` seen: each case polls only what came after it (a public
    /// channel of a deployment may hold a long history).
    cursors: std::sync::Mutex<Vec<f64>>,
}

impl World {
    fn name(&self, target: Target) -> String {
        match target {
            Target::Account(n) => self.users[n].name.clone(),
            Target::Ghost => self.ghost.clone(),
            Target::Everyone => "everyone".into(),
        }
    }

    fn render(&self, pieces: &[(bool, Piece)]) -> String {
        let mut text = String::from("m");
        for (spaced, piece) in pieces {
            if *spaced {
                text.push(' ');
            }
            match piece {
                Piece::Mention { target, case, prefix, suffix } => {
                    let name: String = self
                        .name(*target)
                        .chars()
                        .zip(case.iter().cycle())
                        .map(|(c, upper)| if *upper { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                        .collect();
                    text.push_str(&format!("{prefix}@{name}{suffix}"));
                }
                Piece::Email(target) => text.push_str(&format!("mail@{}.example", self.name(*target))),
                Piece::Url(target) => text.push_str(&format!("https://chat.example/@{}", self.name(*target))),
                Piece::Word(word) => text.push_str(word),
            }
        }
        text
    }

    fn members(&self, conversation: usize) -> Vec<String> {
        self.conversations[conversation].1.iter().map(|&n| self.users[n].name.clone()).collect()
    }
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let server = &context.server;
    crate::record::start_transcript();
    // Mixed-case registered spellings check that mentions come back as registered.
    let users = vec![server.signup("ana")?, server.signup("Bea")?, server.signup("cy")?, server.signup("DAN")?];
    let private_name = format!("mentions-{}", random_suffix(6));
    users[0]
        .post_json(
            "/private_channels/create",
            json!({"name": private_name, "members": [users[1].name, users[2].name]}),
        )?
        .expect(200)?;
    let private = users[0].private_channel_id(&private_name)?;
    let channels = users[0].get_json("/channels")?;
    let public = channels.as_array().and_then(|c| c.first()).and_then(Value::as_str).unwrap_or("general").to_string();
    let dm = |members: &[usize]| {
        let mut names: Vec<&str> = members.iter().map(|&n| users[n].name.as_str()).collect();
        names.sort();
        format!("dm:{}", names.join(":"))
    };
    let conversations = vec![
        (public, vec![0, 1, 2, 3]),
        (private, vec![0, 1, 2]),
        (dm(&[0, 1]), vec![0, 1]),
        (dm(&[0, 1, 2]), vec![0, 1, 2]),
    ];
    let cursors =
        conversations.iter().map(|(channel, _)| latest_ts(&users[0], channel)).collect::<anyhow::Result<Vec<f64>>>()?;
    let world = World { users, ghost: format!("ghost-{}", random_suffix(8)), conversations, cursors: cursors.into() };
    let strategy =
        (0usize..4, text(), text()).prop_map(|(conversation, sent, edited)| Case { conversation, sent, edited });
    let preamble = crate::record::take_transcript();
    let check = property::check_after(
        preamble,
        "mentions",
        "stored mentions equal the model on send and after an edit",
        context.cases * 2,
        1,
        strategy,
        |case| check_case(&world, case),
    );
    Ok(vec![check])
}

fn check_case(world: &World, case: &Case) -> anyhow::Result<()> {
    let (channel, _) = &world.conversations[case.conversation];
    let sender = &world.users[0];
    let members = world.members(case.conversation);
    let text = world.render(&case.sent);
    let cursor = world.cursors.lock().map_err(|_| anyhow::anyhow!("cursor lock poisoned"))?[case.conversation];
    sender.post_form(&format!("/send/{channel}"), &[("text", &text)])?.expect(200)?;
    let (id, ts) = own_newest(sender, channel, cursor)?;
    if let Ok(mut cursors) = world.cursors.lock() {
        cursors[case.conversation] = ts;
    }
    let stored = stored_mentions(sender, channel, cursor, id)?;
    let expected = model_mentions(&text, &members);
    anyhow::ensure!(
        stored == expected,
        "send {text:?} in {channel}: server stored {stored:?}, the model says {expected:?}"
    );

    let edited = world.render(&case.edited);
    sender.post_form(&format!("/edit/{id}"), &[("text", &edited)])?.expect(200)?;
    let stored = stored_mentions(sender, channel, cursor, id)?;
    let expected = model_mentions(&edited, &members);
    anyhow::ensure!(
        stored == expected,
        "edit to {edited:?} in {channel}: server stored {stored:?}, the model says {expected:?}"
    );
    Ok(())
}

fn latest_ts(user: &User, channel: &str) -> anyhow::Result<f64> {
    let messages = user.get_json(&format!("/messages/{channel}?after=0"))?;
    Ok(messages.as_array().into_iter().flatten().filter_map(|m| m["ts"].as_f64()).fold(0.0, f64::max))
}

/// `(id, ts)` of the user's newest message in the channel after `cursor`.
fn own_newest(user: &User, channel: &str, cursor: f64) -> anyhow::Result<(i64, f64)> {
    let messages = user.get_json(&format!("/messages/{channel}?after={cursor}"))?;
    messages
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["sender"] == user.name.as_str())
        .filter_map(|m| Some((m["id"].as_i64()?, m["ts"].as_f64()?)))
        .next_back()
        .ok_or_else(|| anyhow::anyhow!("the message {} just sent to {channel} is not in its poll", user.name))
}

/// `mentions` of message `id` as the channel's poll shows it (`GET /message/{id}` has no mentions).
fn stored_mentions(user: &User, channel: &str, cursor: f64, id: i64) -> anyhow::Result<Option<Vec<String>>> {
    let messages = user.get_json(&format!("/messages/{channel}?after={cursor}"))?;
    let message = messages
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["id"] == id)
        .ok_or_else(|| anyhow::anyhow!("message {id} is missing from the poll of {channel} after {cursor}"))?;
    match &message["mentions"] {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(serde_json::from_str(text)?)),
        other => anyhow::bail!("mentions of message {id} is neither null nor JSON text: {other}"),
    }
}
