//! The walk itself, in the order a new team would meet the features: pages and sessions, reading
//! and writing messages, people and settings, direct messages and receipts, private channels,
//! the event stream, and leaving. Later steps rely on the state earlier ones left.
use std::time::Duration;

use anyhow::{anyhow, Context as _};
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::snap::{binary, events, exchange, Snapshots};
use crate::client::{Body, Reply, Server, User, PASSWORD};
use crate::fixtures::{upload, Loaded};

pub struct Tour<'a> {
    pub server: &'a Server,
    pub loaded: &'a Loaded,
    pub snapshots: &'a mut Snapshots,
}

impl<'a> Tour<'a> {
    pub fn walk(mut self) -> anyhow::Result<()> {
        self.probes()?;
        let tourist = self.pages_and_sessions()?;
        self.reading()?;
        self.writing()?;
        self.people()?;
        self.settings_and_avatars()?;
        self.direct_messages()?;
        self.receipts()?;
        self.paging()?;
        self.outsiders()?;
        self.private_channels()?;
        self.event_stream()?;
        self.leaving(&tourist)
    }

    pub(super) fn snap(&mut self, name: &str, value: Value) {
        self.snapshots.check(name, value);
    }

    /// Borrowed from the loaded fixtures, not from the tour, so snapshots can be taken meanwhile.
    pub(super) fn user(&self, name: &str) -> anyhow::Result<&'a User> {
        let loaded: &'a Loaded = self.loaded;
        loaded.user(name)
    }

    fn ours(&self, name: &str) -> bool {
        name.ends_with(&self.loaded.suffix)
    }

    /// Only the run's own users in a list of names (or of messages, by sender).
    fn own(&self, value: Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .filter(|item| match item {
                        Value::String(name) => self.ours(name),
                        other => other["sender"].as_str().is_some_and(|s| self.ours(s)),
                    })
                    .collect(),
            ),
            Value::Object(map) => Value::Object(map.into_iter().filter(|(key, _)| self.ours(key)).collect()),
            other => other,
        }
    }

    /// An exchange whose JSON body is narrowed to the run's own users.
    fn own_exchange(&self, reply: &Reply) -> Value {
        let mut value = exchange(reply);
        value["body"] = self.own(value["body"].take());
        value
    }

    pub(super) fn messages(&self, user: &User, channel: &str, after: f64) -> anyhow::Result<Value> {
        user.get_json(&format!("/messages/{channel}?after={after}"))
    }

    /// The health and readiness probes a load balancer calls, without a session.
    fn probes(&mut self) -> anyhow::Result<()> {
        let anonymous = self.server.anonymous()?;
        self.snap("health", exchange(&anonymous.get("/healthz")?));
        // Which checks a deployment runs beyond the two every one has depends on it (a PostgreSQL
        // node also reports its `event_listener`): the snapshot holds the common two.
        let mut readiness = exchange(&anonymous.get("/readyz")?);
        if let Some(checks) = readiness.pointer_mut("/body/checks").and_then(Value::as_array_mut) {
            checks.retain(|check| matches!(check["name"].as_str(), Some("accepting" | "database")));
        }
        self.snap("readiness", readiness);
        Ok(())
    }

    fn pages_and_sessions(&mut self) -> anyhow::Result<User> {
        let anonymous = self.server.anonymous()?;
        self.snap("login_page", exchange(&anonymous.get("/login")?));
        self.snap("signup_page", exchange(&anonymous.get("/signup")?));

        let tourist = self.server.anonymous_as(&format!("tourist{}", self.loaded.suffix))?;
        let token = tourist.form_token("/signup")?;
        let name = tourist.name.clone();
        let form = [
            ("username", name.as_str()),
            ("password", PASSWORD),
            ("confirm_password", PASSWORD),
            ("csrf_token", &token),
        ];
        self.snap("signup", exchange(&tourist.post_form("/signup", &form)?));

        let alice = self.loaded.name("alice");
        let password = &self.user("alice")?.password;
        let (second, reply) = self.server.login(&alice, password)?;
        self.snap("login", exchange(&reply));
        // The chat page is the browser app's shell: its markup belongs to the e2e tests, so only
        // what the contract says of it (signed in → 200 HTML page) is snapshotted.
        let mut chat = exchange(&second.get("/")?);
        chat["body"] = serde_json::json!({"title": chat["body"]["title"].clone()});
        self.snap("chat_app", chat);
        self.snap("logout_post", exchange(&second.post("/logout")?));
        self.snap("after_logout", exchange(&second.get("/channels")?));
        let (third, _) = self.server.login(&alice, password)?;
        self.snap("logout", exchange(&third.get("/logout")?));
        Ok(tourist)
    }

    fn reading(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        self.snap("list_channels", exchange(&alice.get("/channels")?));
        let mut public = Map::new();
        let mut conversations = Map::new();
        for (fixture, channel) in &self.loaded.channels {
            let rows = self.messages(alice, channel, 0.0)?;
            if fixture.contains(':') {
                conversations.insert(fixture.clone(), rows);
            } else {
                public.insert(fixture.clone(), self.own(rows));
            }
        }
        self.snap("list_messages_public", Value::Object(public));
        self.snap("list_messages_conversations", Value::Object(conversations));
        let mut unreads = Map::new();
        for (name, user) in &self.loaded.users {
            unreads.insert(name.clone(), user.get_json("/channel_unreads")?);
        }
        self.snap("channel_unreads", Value::Object(unreads));
        let reply = alice.get(&format!("/message/{}", self.loaded.message("notes-answer")?))?;
        let deleted = alice.get(&format!("/message/{}", self.loaded.message("wrong-channel")?))?;
        let missing = alice.get("/message/987654321")?;
        self.snap(
            "get_message",
            json!({"reply": exchange(&reply), "deleted": exchange(&deleted), "missing": exchange(&missing)}),
        );
        let hits = alice.get("/search_messages?q=board%20game")?;
        self.snap("search_messages", self.own_exchange(&hits));
        Ok(())
    }

    fn writing(&mut self) -> anyhow::Result<()> {
        let bob = self.user("bob")?;
        let general = self.loaded.channel("general")?;
        let cursor = self
            .own(self.messages(bob, general, 0.0)?)
            .as_array()
            .into_iter()
            .flatten()
            // The newest change of any kind, as a client polls: only the new send comes after it.
            .flat_map(|m| ["ts", "edited_ts", "reactions_ts", "deleted_ts"].map(|field| m[field].as_f64()))
            .flatten()
            .fold(0.0, f64::max);
        let image = self.image("images/build-times.png")?;
        let fields = vec![
            ("text".to_string(), format!("Photos from the offsite, @carol{}", self.loaded.suffix)),
            ("reply_to_id".to_string(), self.loaded.message("welcome")?.to_string()),
        ];
        let files = vec![upload("files", "offsite.png", image)];
        let sent = bob.send(Method::POST, &format!("/send/{general}"), Body::Multipart { fields, files })?;
        self.snap("send_message", exchange(&sent));
        self.snap("send_message_empty", exchange(&bob.post_form(&format!("/send/{general}"), &[("text", "  ")])?));
        let rows = self.own(self.messages(bob, general, cursor)?);
        let id = rows
            .as_array()
            .and_then(|rows| rows.iter().filter(|m| m["sender"] == bob.name.as_str()).find_map(|m| m["id"].as_i64()))
            .ok_or_else(|| anyhow!("bob's message is not in the poll of {general} after {cursor}: {rows}"))?;
        self.snap("list_messages_after_send", rows);
        let edit = format!("Photos from the offsite, @carol{0} @dave{0}", self.loaded.suffix);
        self.snap("edit_message", exchange(&bob.post_form(&format!("/edit/{id}"), &[("text", &edit)])?));
        let carol = self.user("carol")?;
        self.snap(
            "edit_message_not_sender",
            exchange(&carol.post_form(&format!("/edit/{id}"), &[("text", "mine now")])?),
        );
        self.snap("list_messages_after_edit", self.own(self.messages(bob, general, cursor)?));
        self.snap("delete_message", exchange(&bob.post(&format!("/delete/{id}"))?));
        self.snap("list_messages_after_delete", self.own(self.messages(bob, general, cursor)?));

        let erin = self.user("erin")?;
        let welcome = format!("/react/{}", self.loaded.message("welcome")?);
        self.snap("toggle_reaction_add", exchange(&erin.post_form(&welcome, &[("reaction", "tada")])?));
        self.snap("toggle_reaction_remove", exchange(&erin.post_form(&welcome, &[("reaction", "tada")])?));
        self.snap("toggle_reaction_invalid", exchange(&erin.post_form(&welcome, &[("reaction", "thumbs_up")])?));

        let pinned = self.loaded.message("welcome")?;
        self.snap("pin_message", exchange(&erin.post(&format!("/pin/{pinned}"))?));
        self.snap("list_pins", self.own_exchange(&erin.get(&format!("/pins/{general}"))?));
        self.snap("unpin_message", exchange(&erin.post(&format!("/unpin/{pinned}"))?));
        self.snap("pin_message_missing", exchange(&erin.post("/pin/987654321")?));
        // The link preview's guard answers the same anywhere: the cloud metadata address is refused
        // (no deployment can fetch it), so the snapshot needs no outside network.
        let refused = erin.get("/link_preview?url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F")?;
        self.snap("link_preview_refused", exchange(&refused));
        self.snap("link_preview_not_http", exchange(&erin.get("/link_preview?url=file%3A%2F%2F%2Fetc%2Fpasswd")?));
        Ok(())
    }

    fn image(&self, path: &str) -> anyhow::Result<Vec<u8>> {
        self.loaded.images.get(path).cloned().ok_or_else(|| anyhow!("the fixtures have no image {path}"))
    }

    fn people(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        self.snap("list_users", self.own_exchange(&alice.get("/users")?));
        let mut members = Map::new();
        for fixture in ["general", "private:launch", "dm:alice:carol:erin"] {
            let channel = self.loaded.channel(fixture)?;
            members.insert(fixture.to_string(), self.own_exchange(&alice.get(&format!("/channel_members/{channel}"))?));
        }
        let launch = self.loaded.channel("private:launch")?;
        members
            .insert("not a member".into(), exchange(&self.user("erin")?.get(&format!("/channel_members/{launch}"))?));
        self.snap("channel_members", Value::Object(members));
        self.snap("user_colors", self.own_exchange(&alice.get("/user_colors")?));
        self.snap("user_avatars", self.own_exchange(&alice.get("/user_avatars")?));
        self.snap("get_profile", exchange(&alice.get(&format!("/profile/{}", self.loaded.name("bob")))?));

        let dave = self.user("dave")?;
        self.snap("set_presence", exchange(&dave.post_json("/presence", json!({"state": "idle"}))?));
        self.snap("online_users", self.own_exchange(&alice.get("/online_users")?));
        let general = self.loaded.channel("general")?;
        self.snap("report_typing", exchange(&self.user("erin")?.post(&format!("/typing/{general}"))?));
        self.snap("typing_users", self.own_exchange(&alice.get(&format!("/typing/{general}"))?));
        Ok(())
    }

    fn settings_and_avatars(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        let carol = self.user("carol")?;
        self.snap("get_settings", exchange(&alice.get("/settings")?));
        let update = carol.post_json("/settings", json!({"name_color": "#c678dd", "bio": "Test lead."}))?;
        self.snap("update_settings", json!({"update": exchange(&update), "after": exchange(&carol.get("/settings")?)}));
        self.snap("update_settings_invalid", exchange(&carol.post_form("/settings", &[("name_color", "purple")])?));

        let alice_avatar = alice.get(&format!("/avatar/{}", alice.name))?;
        self.snap("get_avatar", binary(&alice_avatar, &self.image("images/alice-avatar.png")?));
        let image = self.image("images/bob-avatar.png")?;
        let body = Body::Multipart { fields: Vec::new(), files: vec![upload("avatar", "carol.png", image.clone())] };
        self.snap("upload_avatar", exchange(&carol.send(Method::POST, "/avatar", body)?));
        self.snap("get_avatar_uploaded", binary(&alice.get(&format!("/avatar/{}", carol.name))?, &image));
        self.snap("delete_avatar", exchange(&carol.delete("/avatar")?));
        self.snap("get_avatar_deleted", exchange(&alice.get(&format!("/avatar/{}", carol.name))?));

        let rows = self.loaded.messages.get("build-times").ok_or_else(|| anyhow!("no build-times message"))?;
        let attachment = rows.get(1).ok_or_else(|| anyhow!("the build-times message has no attachment row"))?;
        let message = alice.get_json(&format!("/message/{attachment}"))?;
        let file =
            message["filename"].as_str().ok_or_else(|| anyhow!("the attachment row has no filename: {message}"))?;
        let fetched = self.user("erin")?.get(&format!("/files/{file}"))?;
        self.snap("get_file", binary(&fetched, &self.image("images/build-times.png")?));
        self.snap("get_file_missing", exchange(&alice.get("/files/0123456789abcdef0123456789abcdef.png")?));
        self.files_of_any_type(file)
    }

    /// A text attachment: downloaded whole and in part, and previewed; an image has no preview.
    fn files_of_any_type(&mut self, image: &str) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        let erin = self.user("erin")?;
        let general = self.loaded.channel("general")?;
        let notes = "Release checklist\n- tag\n- build\n- announce\n".as_bytes().to_vec();
        let files = vec![upload("files", "Release notes (v2).txt", notes.clone())];
        let sent =
            alice.send(Method::POST, &format!("/send/{general}"), Body::Multipart { fields: Vec::new(), files })?;
        self.snap("send_message_text_file", exchange(&sent));
        let rows = alice.get_json(&format!("/messages/{general}"))?;
        let stored = rows
            .as_array()
            .and_then(|rows| rows.iter().rev().find_map(|m| m["filename"].as_str().filter(|f| f.ends_with(".txt"))))
            .ok_or_else(|| anyhow!("the text file's message is not in {general}"))?
            .to_string();
        self.snap("get_file_download", exchange(&erin.get(&format!("/files/{stored}"))?));
        self.snap("get_file_range", exchange(&erin.get_with(&format!("/files/{stored}"), &[("Range", "bytes=0-16")])?));
        let past_end = format!("bytes={}-", notes.len());
        let unsatisfiable = erin.get_with(&format!("/files/{stored}"), &[("Range", past_end.as_str())])?;
        self.snap("get_file_range_unsatisfiable", exchange(&unsatisfiable));
        self.snap("get_file_preview", exchange(&erin.get(&format!("/file_preview/{stored}"))?));
        self.snap("get_file_preview_image", exchange(&erin.get(&format!("/file_preview/{image}"))?));
        let missing = alice.get("/file_preview/0123456789abcdef0123456789abcdef_notes.txt")?;
        self.snap("get_file_preview_missing", exchange(&missing));
        Ok(())
    }

    fn direct_messages(&mut self) -> anyhow::Result<()> {
        let dms = |tour: &Self| -> anyhow::Result<Value> {
            let mut all = Map::new();
            for name in ["alice", "bob", "carol"] {
                all.insert(name.into(), tour.user(name)?.get_json("/dms")?);
            }
            Ok(Value::Object(all))
        };
        self.snap("list_dms", dms(self)?);
        let mut counts = Map::new();
        for (name, user) in &self.loaded.users {
            counts.insert(name.clone(), user.get_json("/unread_count")?);
        }
        self.snap("unread_count", Value::Object(counts));
        let alice = self.user("alice")?;
        let dm = self.loaded.channel("dm:alice:bob")?;
        self.snap("close_dm", exchange(&alice.post_json("/dms/close", json!({"channel": dm}))?));
        self.snap("close_dm_not_a_dm", exchange(&alice.post_json("/dms/close", json!({"channel": "general"}))?));
        self.snap("list_dms_after_close", dms(self)?);
        self.user("bob")?
            .post_form(&format!("/send/{dm}"), &[("text", "One more thing about the PR.")])?
            .expect(200)?;
        self.snap("list_dms_after_new_message", dms(self)?);
        Ok(())
    }

    fn receipts(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        let dm = self.loaded.channel("dm:alice:bob")?;
        self.snap("mark_read", exchange(&alice.post(&format!("/mark_read/{dm}"))?));
        let mut receipts = Map::new();
        for fixture in ["dm:alice:bob", "general", "private:launch"] {
            receipts.insert(fixture.into(), self.receipts_of(alice, fixture, "")?);
        }
        let launch = self.loaded.channel("private:launch")?;
        receipts.insert("not a member".into(), exchange(&self.user("erin")?.get(&format!("/read_receipts/{launch}"))?));
        self.snap("read_receipts", Value::Object(receipts));
        // Marking read a DM nobody has written in records nothing but is allowed; one naming
        // someone without an account is refused like a send to it.
        let dave = self.user("dave")?;
        let quiet = format!("/mark_read/dm:{}:{}", dave.name, self.loaded.name("erin"));
        let nobody = format!("/mark_read/dm:{}:{}", dave.name, self.loaded.name("nobody"));
        self.snap(
            "mark_read_unwritten_dm",
            json!({"everyone has an account": exchange(&dave.post(&quiet)?), "no such account": exchange(&dave.post(&nobody)?)}),
        );
        Ok(())
    }

    /// Read receipts keyed by message instead of by timestamp: each key becomes the fixture key
    /// of the message with that `ts` (or its text, for messages the tour sent), readers narrowed to
    /// the run's own users.
    pub(super) fn receipts_of(&self, user: &User, fixture: &str, query: &str) -> anyhow::Result<Value> {
        let channel = self.loaded.channel(fixture)?;
        let reply = user.get(&format!("/read_receipts/{channel}{query}"))?;
        let rows = self.own(self.messages(user, channel, 0.0)?);
        let label = |ts: f64| {
            let row = rows.as_array()?.iter().find(|m| m["ts"].as_f64() == Some(ts))?;
            let id = row["id"].as_i64()?;
            let key = self.loaded.messages.iter().find(|(_, ids)| ids.contains(&id)).map(|(key, _)| key.clone());
            Some(key.unwrap_or_else(|| format!("\"{}\"", row["content"].as_str().unwrap_or(""))))
        };
        let mut by_message = Map::new();
        for (ts, readers) in reply.json()?.as_object().into_iter().flatten() {
            let readers = self.own(readers.clone());
            let Some(label) = ts.parse().ok().and_then(label) else { continue };
            if readers.as_array().is_some_and(|r| !r.is_empty()) {
                by_message.insert(label, readers);
            }
        }
        let mut value = exchange(&reply);
        value["body"] = Value::Object(by_message);
        Ok(value)
    }

    fn private_channels(&mut self) -> anyhow::Result<()> {
        let dave = self.user("dave")?;
        let erin = self.user("erin")?;
        self.snap("list_private_channels", exchange(&self.user("alice")?.get("/private_channels")?));
        let created =
            dave.post_json("/private_channels/create", json!({"name": "ops-oncall", "members": [erin.name]}))?;
        let body = created.json()?;
        let channel =
            body["channel"].as_str().ok_or_else(|| anyhow!("create_private_channel answered {body}"))?.to_string();
        let id = body["id"].as_i64().ok_or_else(|| anyhow!("create_private_channel answered {body}"))?;
        self.snapshots.name_channel(&channel, "private:ops");
        self.snap("create_private_channel", exchange(&created));
        let path = |action: &str| format!("/private_channels/{id}/{action}");
        self.snap("rename_private_channel", exchange(&dave.post_json(&path("rename"), json!({"name": "ops-pager"}))?));
        let alice = self.loaded.name("alice");
        self.snap(
            "add_private_channel_member",
            exchange(&dave.post_json(&path("add_member"), json!({"username": alice}))?),
        );
        self.snap(
            "add_private_channel_member_again",
            exchange(&dave.post_json(&path("add_member"), json!({"username": alice}))?),
        );
        self.snap("private_channel_members", exchange(&dave.get(&path("members"))?));
        self.snap("leave_private_channel", exchange(&erin.post(&path("leave"))?));
        self.snap("leave_private_channel_again", exchange(&erin.post(&path("leave"))?));
        self.snap("list_messages_new_private_channel", self.messages(dave, &channel, 0.0)?);
        self.snap("list_private_channels_after", exchange(&dave.get("/private_channels")?));
        Ok(())
    }

    fn event_stream(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        let bob = self.user("bob")?;
        let dm = self.loaded.channel("dm:alice:bob")?.to_string();
        let text = format!("Are you around, @alice{}?", self.loaded.suffix);
        let wanted = |kind: &str, data: &Value| kind == "message" && data["channel"] == dm.as_str();
        let send = || bob.post_form(&format!("/send/{dm}"), &[("text", &text)])?.expect(200).map(|_| ());
        let reply = alice.read_stream("/events", Duration::from_secs(10), send, |so_far| {
            events(so_far).iter().any(|(kind, data)| wanted(kind, data))
        })?;
        let event = events(&reply.text())
            .into_iter()
            .find(|(kind, data)| wanted(kind, data))
            .map(|(kind, data)| json!({"event": kind, "data": data}));
        let media = reply.content_type.as_deref().map(|t| t.split(';').next().unwrap_or("").trim().to_string());
        self.snap("stream_events", json!({"status": reply.status, "content_type": media, "event": event}));
        Ok(())
    }

    fn leaving(&mut self, tourist: &User) -> anyhow::Result<()> {
        let wrong = tourist.post_json("/delete_account", json!({"type": "soft", "password": "Wrong-Password-1"}))?;
        self.snap("delete_account_wrong_password", exchange(&wrong));
        let bad_type = tourist.post_json("/delete_account", json!({"type": "partly", "password": PASSWORD}))?;
        self.snap("delete_account_bad_type", exchange(&bad_type));
        let deleted = tourist.post_json("/delete_account", json!({"type": "soft", "password": PASSWORD}))?;
        self.snap("delete_account", exchange(&deleted));
        let after = tourist.get("/channels").context("the deleted account's session")?;
        self.snap("after_delete_account", exchange(&after));
        Ok(())
    }
}
