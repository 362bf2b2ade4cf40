//! The demo dataset of `fixtures/` and its loader. Loading goes through the HTTP API only, so the
//! same data can be put into a fresh in-process server, a demo server or a QA deployment. With a
//! name suffix every account is `<name><suffix>` (and mentions in the texts follow), so a
//! conformance run never collides with real accounts or with an earlier load.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::client::{Body, Server, Upload, User};

#[derive(Debug, Deserialize)]
pub struct Dataset {
    pub users: Vec<FixtureUser>,
    pub private_channels: Vec<FixturePrivateChannel>,
    pub messages: Vec<FixtureMessage>,
}

#[derive(Debug, Deserialize)]
pub struct FixtureUser {
    pub name: String,
    pub password: String,
    pub name_color: Option<String>,
    pub bio: Option<String>,
    /// Path of an image, relative to the fixtures directory.
    pub avatar: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FixturePrivateChannel {
    /// How messages name the channel: `private:<key>`.
    pub key: String,
    pub name: String,
    pub creator: String,
    pub members: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct FixtureMessage {
    pub key: String,
    /// A public channel, `dm:<name>:<name>…` with fixture names, or `private:<key>`.
    pub channel: String,
    pub sender: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub images: Vec<String>,
    /// Key of an earlier message.
    #[serde(default)]
    pub reply_to: Option<String>,
    /// `[user, reaction]` pairs, toggled in order.
    #[serde(default)]
    pub reactions: Vec<(String, String)>,
    #[serde(default)]
    pub edit: Option<String>,
    #[serde(default)]
    pub delete: bool,
    /// Users who mark the channel read right after this message (and its reactions and edit).
    #[serde(default)]
    pub read_by: Vec<String>,
}

/// The shipped fixtures directory.
pub fn default_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures"))
}

impl Dataset {
    pub fn load(dir: &Path) -> anyhow::Result<Dataset> {
        let path = dir.join("dataset.json");
        let text = std::fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parse {}", path.display()))
    }
}

/// A loaded dataset: who is who on the server and where everything went.
pub struct Loaded {
    pub suffix: String,
    /// Fixture name → the signed-in account.
    pub users: BTreeMap<String, User>,
    /// Fixture channel (`general`, `dm:alice:bob`, `private:launch`) → channel id on the server.
    pub channels: BTreeMap<String, String>,
    /// Message key → ids of its rows (the text row first, then one per image).
    pub messages: BTreeMap<String, Vec<i64>>,
    /// Image path → its bytes, for comparing what the server serves back.
    pub images: BTreeMap<String, Vec<u8>>,
    /// Public channels of the dataset the server does not have (their messages were skipped).
    pub skipped_channels: Vec<String>,
}

impl Loaded {
    pub fn user(&self, name: &str) -> anyhow::Result<&User> {
        self.users.get(name).ok_or_else(|| anyhow!("the fixtures have no user {name}"))
    }

    pub fn channel(&self, fixture: &str) -> anyhow::Result<&str> {
        self.channels.get(fixture).map(String::as_str).ok_or_else(|| anyhow!("the fixtures have no channel {fixture}"))
    }

    /// The id of a message's first row.
    pub fn message(&self, key: &str) -> anyhow::Result<i64> {
        self.messages
            .get(key)
            .and_then(|ids| ids.first().copied())
            .ok_or_else(|| anyhow!("no fixture message {key} was loaded"))
    }

    /// The actual account name of a fixture user.
    pub fn name(&self, fixture: &str) -> String {
        format!("{fixture}{}", self.suffix)
    }
}

/// Loads `dataset` (images read from `dir`) into the server, naming every account `<name><suffix>`.
/// Accounts that already exist with the dataset's password are signed in and reused.
pub fn load(server: &Server, dir: &Path, dataset: &Dataset, suffix: &str) -> anyhow::Result<Loaded> {
    let mut loaded = Loaded {
        suffix: suffix.to_string(),
        users: BTreeMap::new(),
        channels: BTreeMap::new(),
        messages: BTreeMap::new(),
        images: BTreeMap::new(),
        skipped_channels: Vec::new(),
    };
    for fixture in &dataset.users {
        let user = account(server, &loaded.name(&fixture.name), &fixture.password)?;
        configure(&user, fixture, dir, &mut loaded.images)?;
        loaded.users.insert(fixture.name.clone(), user);
    }
    let public: Vec<String> = serde_json::from_value(loaded.user(&dataset.users[0].name)?.get_json("/channels")?)
        .context("GET /channels is not a list of names")?;
    for channel in &dataset.private_channels {
        let creator = loaded.user(&channel.creator)?;
        let members: Vec<String> = channel.members.iter().map(|m| loaded.name(m)).collect();
        let created = creator
            .post_json("/private_channels/create", json!({"name": channel.name, "members": members}))?
            .expect(200)?
            .json()?;
        let id = created["channel"]
            .as_str()
            .ok_or_else(|| anyhow!("create_private_channel answered without a channel: {created}"))?;
        loaded.channels.insert(format!("private:{}", channel.key), id.to_string());
    }
    // The accounts are only read from here on; taking them out lets the maps below grow.
    let users = std::mem::take(&mut loaded.users);
    let user = |name: &str| users.get(name).ok_or_else(|| anyhow!("the fixtures have no user {name}"));
    let mut cursors: BTreeMap<String, f64> = BTreeMap::new();
    for message in &dataset.messages {
        let Some(channel) = resolve_channel(&mut loaded, &public, &message.channel) else { continue };
        let sender = user(&message.sender)?;
        let reply_to = message.reply_to.as_deref().map(|key| loaded.message(key)).transpose()?;
        let text = message.text.as_deref().map(|t| suffix_mentions(t, &dataset.users, suffix)).unwrap_or_default();
        let mut files = Vec::new();
        for image in &message.images {
            files.push(upload("files", image, read_image(dir, image, &mut loaded.images)?));
        }
        let mut fields = vec![("text".to_string(), text)];
        if let Some(id) = reply_to {
            fields.push(("reply_to_id".to_string(), id.to_string()));
        }
        let cursor = match cursors.get(&channel) {
            Some(cursor) => *cursor,
            None => newest_ts(sender, &channel)?,
        };
        sender
            .send(Method::POST, &format!("/send/{channel}"), Body::Multipart { fields, files })?
            .expect(200)
            .with_context(|| format!("fixture message {}", message.key))?;
        let (ts, ids) = own_rows_after(sender, &channel, cursor)?;
        cursors.insert(channel.clone(), ts);
        let first = ids[0];
        loaded.messages.insert(message.key.clone(), ids);
        for (reactor, reaction) in &message.reactions {
            user(reactor)?.post_form(&format!("/react/{first}"), &[("reaction", reaction)])?.expect(200)?;
        }
        if let Some(edit) = &message.edit {
            let edit = suffix_mentions(edit, &dataset.users, suffix);
            sender.post_form(&format!("/edit/{first}"), &[("text", &edit)])?.expect(200)?;
        }
        if message.delete {
            sender.post(&format!("/delete/{first}"))?.expect(200)?;
        }
        for reader in &message.read_by {
            user(reader)?.post(&format!("/mark_read/{channel}"))?.expect(204)?;
        }
    }
    loaded.users = users;
    Ok(loaded)
}

/// Signs up, or — when the account exists (an earlier demo load) — signs in.
fn account(server: &Server, name: &str, password: &str) -> anyhow::Result<User> {
    let signup = match server.signup_exact(name, password) {
        Ok(user) => return Ok(user),
        Err(err) => err,
    };
    let (user, reply) = server.login(name, password)?;
    if reply.status != 302 {
        bail!("{name} can neither sign up ({signup:#}) nor sign in (status {})", reply.status);
    }
    Ok(user)
}

fn configure(
    user: &User,
    fixture: &FixtureUser,
    dir: &Path,
    images: &mut BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<()> {
    let mut settings = serde_json::Map::new();
    if let Some(color) = &fixture.name_color {
        settings.insert("name_color".into(), json!(color));
    }
    if let Some(bio) = &fixture.bio {
        settings.insert("bio".into(), json!(bio));
    }
    if !settings.is_empty() {
        user.post_json("/settings", Value::Object(settings))?.expect(200)?;
    }
    if let Some(avatar) = &fixture.avatar {
        let body = Body::Multipart {
            fields: Vec::new(),
            files: vec![upload("avatar", avatar, read_image(dir, avatar, images)?)],
        };
        user.send(Method::POST, "/avatar", body)?.expect(200)?;
    }
    Ok(())
}

fn read_image(dir: &Path, image: &str, cache: &mut BTreeMap<String, Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    if let Some(bytes) = cache.get(image) {
        return Ok(bytes.clone());
    }
    let path = dir.join(image);
    let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
    cache.insert(image.to_string(), bytes.clone());
    Ok(bytes)
}

pub fn upload(field: &str, path: &str, bytes: Vec<u8>) -> Upload {
    let file_name =
        Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string());
    let mime = match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    };
    Upload { field: field.to_string(), file_name, bytes, mime: mime.to_string() }
}

/// The server's id of a fixture channel; `None` (recorded as skipped) for a public channel the
/// server does not have.
fn resolve_channel(loaded: &mut Loaded, public: &[String], fixture: &str) -> Option<String> {
    if let Some(known) = loaded.channels.get(fixture) {
        return Some(known.clone());
    }
    let actual = if let Some(names) = fixture.strip_prefix("dm:") {
        // The canonical id: the participants' actual names in byte order.
        let mut names: Vec<String> = names.split(':').map(|n| loaded.name(n)).collect();
        names.sort();
        format!("dm:{}", names.join(":"))
    } else if public.iter().any(|p| p == fixture) {
        fixture.to_string()
    } else {
        if !loaded.skipped_channels.iter().any(|s| s == fixture) {
            loaded.skipped_channels.push(fixture.to_string());
        }
        return None;
    };
    loaded.channels.insert(fixture.to_string(), actual.clone());
    Some(actual)
}

/// `@name` of a fixture user (any letter case) becomes `@name<suffix>`, so mentions still resolve.
pub fn suffix_mentions(text: &str, users: &[FixtureUser], suffix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        let token = &rest[..end];
        out.push_str(token);
        if users.iter().any(|u| u.name.eq_ignore_ascii_case(token)) {
            out.push_str(suffix);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn poll(user: &User, channel: &str, after: f64) -> anyhow::Result<Vec<Value>> {
    let messages = user.get_json(&format!("/messages/{channel}?after={after}"))?;
    messages.as_array().cloned().ok_or_else(|| anyhow!("GET /messages/{channel} is not a list: {messages}"))
}

fn newest_ts(user: &User, channel: &str) -> anyhow::Result<f64> {
    Ok(poll(user, channel, 0.0)?.iter().filter_map(|m| m["ts"].as_f64()).fold(0.0, f64::max))
}

/// The rows of the user's newest send in the channel after `cursor`: its `ts` and its ids.
fn own_rows_after(user: &User, channel: &str, cursor: f64) -> anyhow::Result<(f64, Vec<i64>)> {
    let rows: Vec<Value> = poll(user, channel, cursor)?
        .into_iter()
        .filter(|m| m["sender"] == user.name.as_str() && m["ts"].as_f64().is_some_and(|ts| ts > cursor))
        .collect();
    let ts = rows.iter().filter_map(|m| m["ts"].as_f64()).fold(f64::NAN, f64::max);
    let mut ids: Vec<i64> =
        rows.iter().filter(|m| m["ts"].as_f64() == Some(ts)).filter_map(|m| m["id"].as_i64()).collect();
    ids.sort_unstable();
    if ids.is_empty() {
        bail!("the message {} just sent to {channel} is not in its poll after {cursor}", user.name);
    }
    Ok((ts, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_of_fixture_users_get_the_suffix() {
        let users: Vec<FixtureUser> = serde_json::from_value(json!([
            {"name": "bob", "password": "x", "name_color": null, "bio": null, "avatar": null},
            {"name": "dave", "password": "x", "name_color": null, "bio": null, "avatar": null}
        ]))
        .unwrap();
        assert_eq!(
            suffix_mentions("hi @bob, @Dave! @bobby @everyone mail@bob", &users, "-x1"),
            "hi @bob-x1, @Dave-x1! @bobby @everyone mail@bob-x1"
        );
    }

    /// The dataset is hand-edited: catch a typo here rather than as a failed load.
    #[test]
    fn the_shipped_dataset_is_consistent() {
        let dataset = Dataset::load(&default_dir()).unwrap();
        let valid_reactions = include_str!("../../src/domain/valid-reactions.txt");
        let users: Vec<&str> = dataset.users.iter().map(|u| u.name.as_str()).collect();
        for user in &dataset.users {
            let p = &user.password;
            assert!(p.chars().count() >= 8 && p.chars().any(|c| c.is_ascii_digit()), "{p}");
            assert!(p.chars().any(|c| c.is_ascii_uppercase()) && p.chars().any(|c| c.is_ascii_punctuation()), "{p}");
            for image in user.avatar.iter() {
                assert!(default_dir().join(image).is_file(), "{image}");
            }
        }
        let mut keys = Vec::new();
        for message in &dataset.messages {
            assert!(users.contains(&message.sender.as_str()), "{}", message.key);
            if let Some(names) = message.channel.strip_prefix("dm:") {
                assert!(names.split(':').all(|n| users.contains(&n)), "{}", message.channel);
            }
            if let Some(key) = message.channel.strip_prefix("private:") {
                assert!(dataset.private_channels.iter().any(|c| c.key == key), "{}", message.channel);
            }
            for (user, reaction) in &message.reactions {
                assert!(users.contains(&user.as_str()), "{user}");
                assert!(valid_reactions.lines().any(|line| line.trim() == reaction), "{reaction}");
            }
            assert!(message.read_by.iter().all(|u| users.contains(&u.as_str())), "{}", message.key);
            assert!(message.reply_to.as_ref().is_none_or(|k| keys.contains(k)), "{}", message.key);
            for image in &message.images {
                assert!(default_dir().join(image).is_file(), "{image}");
            }
            assert!(!keys.contains(&message.key), "duplicate key {}", message.key);
            keys.push(message.key.clone());
        }
    }
}
