//! The outsider matrix: every operation that takes a conversation, a message id or a file name,
//! called by someone who may not see it — erin outside the private channel `launch` and the DM
//! alice–bob, dave outside the group DM alice–carol–erin. One snapshot per thing kept from them,
//! each answer under its operation's name, so a route that starts answering an outsider shows up as
//! a changed line.
use anyhow::anyhow;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::snap::exchange;
use super::walk::Tour;
use crate::client::{Body, User};

impl Tour<'_> {
    pub(super) fn outsiders(&mut self) -> anyhow::Result<()> {
        let erin = self.user("erin")?;
        let dave = self.user("dave")?;
        for (snapshot, outsider, fixture, message) in [
            ("outsider_private_channel", erin, "private:launch", "checklist"),
            ("outsider_dm", erin, "dm:alice:bob", "pr-review"),
            ("outsider_group_dm", dave, "dm:alice:carol:erin", "gift"),
        ] {
            let mut answers = self.conversation_answers(outsider, fixture)?;
            answers.append(&mut self.message_answers(outsider, self.loaded.message(message)?)?);
            self.snap(snapshot, Value::Object(answers));
        }
        // A name that is no configured public channel is nobody's conversation: writing there must
        // not create one, and reading it shows nothing.
        let nowhere = format!("nowhere{}", self.loaded.suffix);
        self.snap("outsider_unknown_channel", Value::Object(self.channel_answers(erin, &nowhere)?));
        // The launch channel's image, as its members see it named.
        let rows = self.loaded.messages.get("launch-board").ok_or_else(|| anyhow!("no launch-board message"))?;
        let image_row = rows.last().ok_or_else(|| anyhow!("the launch-board message has no rows"))?;
        let member_view = self.user("alice")?.get_json(&format!("/message/{image_row}"))?;
        let file = member_view["filename"].as_str().ok_or_else(|| anyhow!("no filename in {member_view}"))?;
        let path = format!("/files/{file}");
        let head = erin.send(Method::HEAD, &path, Body::Empty)?;
        // Revalidating with the validator a member got must not tell erin the file exists (a 304).
        let etag = self.user("alice")?.get(&path)?.expect(200)?.etag.unwrap_or_default();
        let revalidated = erin.send_with(Method::GET, &path, Body::Empty, &[("If-None-Match", &etag)])?;
        self.snap(
            "outsider_file",
            json!({
                "get_file": exchange(&erin.get(&path)?),
                "get_file HEAD": exchange(&head),
                "get_file If-None-Match": exchange(&revalidated),
            }),
        );
        Ok(())
    }

    /// Every operation on the conversation itself.
    fn conversation_answers(&self, outsider: &User, fixture: &str) -> anyhow::Result<Map<String, Value>> {
        self.channel_answers(outsider, self.loaded.channel(fixture)?)
    }

    fn channel_answers(&self, outsider: &User, channel: &str) -> anyhow::Result<Map<String, Value>> {
        let mut answers = Map::new();
        let mut put = |operation: &str, reply| answers.insert(operation.to_string(), exchange(&reply));
        put("list_messages", outsider.get(&format!("/messages/{channel}"))?);
        put("send_message", outsider.post_form(&format!("/send/{channel}"), &[("text", "let me in")])?);
        put("channel_members", outsider.get(&format!("/channel_members/{channel}"))?);
        put("typing_users", outsider.get(&format!("/typing/{channel}"))?);
        put("report_typing", outsider.post(&format!("/typing/{channel}"))?);
        put("mark_read", outsider.post(&format!("/mark_read/{channel}"))?);
        put("read_receipts", outsider.get(&format!("/read_receipts/{channel}"))?);
        if let Some(id) = channel.strip_prefix("private:") {
            let path = |action: &str| format!("/private_channels/{id}/{action}");
            put("rename_private_channel", outsider.post_json(&path("rename"), json!({"name": "mine now"}))?);
            let name = outsider.name.clone();
            put("add_private_channel_member", outsider.post_json(&path("add_member"), json!({"username": name}))?);
            put("private_channel_members", outsider.get(&path("members"))?);
            put("leave_private_channel", outsider.post(&path("leave"))?);
        } else {
            put("close_dm", outsider.post_json("/dms/close", json!({"channel": channel}))?);
        }
        Ok(answers)
    }

    /// Every operation on one message of the conversation, and a reply to it from a public channel.
    fn message_answers(&self, outsider: &User, id: i64) -> anyhow::Result<Map<String, Value>> {
        let general = self.loaded.channel("general")?;
        let mut answers = Map::new();
        let mut put = |operation: &str, reply| answers.insert(operation.to_string(), exchange(&reply));
        put("get_message", outsider.get(&format!("/message/{id}"))?);
        put("edit_message", outsider.post_form(&format!("/edit/{id}"), &[("text", "mine now")])?);
        put("delete_message", outsider.post(&format!("/delete/{id}"))?);
        put("toggle_reaction", outsider.post_form(&format!("/react/{id}"), &[("reaction", "eyes")])?);
        let reply = [("text", "replying to what I cannot see".to_string()), ("reply_to_id", id.to_string())];
        put(
            "send_message reply_to_id",
            outsider.post_form(&format!("/send/{general}"), &reply.each_ref().map(|(k, v)| (*k, v.as_str())))?,
        );
        Ok(answers)
    }
}
