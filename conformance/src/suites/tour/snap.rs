//! Turning answers into stable snapshots: the run's random name suffix and private channel
//! numbers mapped back to fixture names, upload names redacted, HTML pages reduced to their
//! shape, binary bodies to a comparison with what was uploaded; then insta, with ids and times
//! redacted, and a mismatch turned into a failed check instead of a panic.
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use insta::internals::Content;
use serde_json::{json, Map, Value};

use crate::client::Reply;
use crate::report::Check;

/// Fields whose values differ on every run; null stays null so that "has a value" is still checked.
const VOLATILE: &[&str] =
    &["id", "ts", "edited_ts", "deleted_ts", "reactions_ts", "reply_to_id", "pinned_ts", "pin_changed_ts"];

pub struct Snapshots {
    suffix: String,
    /// Actual channel id → fixture-style name (`private:3` → `private:launch`).
    channels: BTreeMap<String, String>,
    pub checks: Vec<Check>,
}

impl Snapshots {
    pub fn new(suffix: &str) -> Snapshots {
        Snapshots { suffix: suffix.to_string(), channels: BTreeMap::new(), checks: Vec::new() }
    }

    pub fn name_channel(&mut self, actual: &str, stable: &str) {
        self.channels.insert(actual.to_string(), stable.to_string());
    }

    /// Compares `value` (normalised) with the committed snapshot `name`.
    pub fn check(&mut self, name: &str, value: Value) {
        let started = Instant::now();
        let value = self.normalise(value);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        // serde_json's map order depends on which workspace crates a build unifies features for
        // (`preserve_order`), so the snapshot must not.
        settings.set_sort_maps(true);
        for field in VOLATILE {
            let placeholder = format!("[{field}]");
            for selector in [format!(".{field}"), format!(".**.{field}")] {
                let placeholder = placeholder.clone();
                settings.add_dynamic_redaction(&selector, move |content, _| match content.resolve_inner() {
                    Content::None | Content::Unit => content.clone(),
                    _ => Content::String(placeholder.clone()),
                });
            }
        }
        // Other implementations may name uploads differently (UUIDs with dashes, say).
        for field in ["filename", "avatar_file"] {
            settings.add_dynamic_redaction(&format!(".**.{field}"), |content, _| match content.as_str() {
                Some(name) => Content::String(format!("[upload].{}", name.rsplit('.').next().unwrap_or(""))),
                None => content.clone(),
            });
        }
        // insta prints the diff itself; the panic that follows would only add a backtrace.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let outcome = catch_unwind(AssertUnwindSafe(|| settings.bind(|| insta::assert_json_snapshot!(name, value))));
        std::panic::set_hook(hook);
        let failure = outcome.err().map(|panic| {
            let reason = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            format!(
                "the answer differs from conformance/snapshots/{name}.snap ({reason}; the diff is printed above).\n\
                 If the change is intended, review it: `cargo insta review` (the new version is in \
                 conformance/snapshots/{name}.snap.new, unless CI is set), or rerun with INSTA_UPDATE=always and commit \
                 the updated .snap file; otherwise it is a regression."
            )
        });
        self.checks.push(Check {
            suite: "tour",
            name: format!("snapshot {name}"),
            duration: started.elapsed(),
            failure,
        });
    }

    /// Maps names and channel numbers of this run to the fixture's, everywhere: values, keys and
    /// JSON held in strings (`mentions`, `reactions`) alike, since it works on text.
    pub fn normalise(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.text(&text)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.normalise(v)).collect()),
            Value::Object(object) => {
                Value::Object(object.into_iter().map(|(k, v)| (self.text(&k), self.normalise(v))).collect())
            }
            other => other,
        }
    }

    fn text(&self, text: &str) -> String {
        if let Some(stable) = self.channels.get(text) {
            return stable.clone();
        }
        redact_uploads(&text.replace(&self.suffix, ""))
    }
}

/// Stored upload names are 32 hex digits and an extension (`[upload].png`) or an underscore and the
/// sanitised original name (`[upload]_notes.txt`).
fn redact_uploads(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, len)) = find_upload(rest) {
        out.push_str(&rest[..start]);
        out.push_str("[upload]");
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Start and length of the hex part of the first upload name in `text`.
fn find_upload(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_hexdigit() && !b.is_ascii_uppercase() {
            run += 1;
            continue;
        }
        let before = i.checked_sub(run + 1).map(|j| bytes[j]);
        if run == 32 && (*b == b'.' || *b == b'_') && !before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Some((i - run, run));
        }
        run = 0;
    }
    None
}

/// Status, media type and body of an answer, in a form that stays the same from run to run.
pub fn exchange(reply: &Reply) -> Value {
    let media = reply.content_type.as_deref().map(|t| t.split(';').next().unwrap_or("").trim().to_string());
    let body = match media.as_deref() {
        Some("application/json") => reply.json().unwrap_or_else(|_| json!(reply.text())),
        Some("text/html") => page(&reply.text()),
        Some(t) if t.starts_with("text/") => json!(reply.text()),
        Some(_) => json!({"bytes": reply.bytes.len()}),
        None => json!(reply.text()),
    };
    let mut out = Map::new();
    out.insert("status".into(), json!(reply.status));
    out.insert("content_type".into(), json!(media));
    if let Some(location) = &reply.location {
        out.insert("location".into(), json!(location));
    }
    out.insert("body".into(), body);
    Value::Object(out)
}

/// A binary answer judged against the bytes that were uploaded.
pub fn binary(reply: &Reply, uploaded: &[u8]) -> Value {
    let mut value = exchange(reply);
    value["body"] = json!({"same_bytes_as_uploaded": reply.bytes == uploaded});
    value
}

/// The shape of an HTML page: its title and the forms that post to the server, with their field
/// names — what a client must send. The rest of the markup (dialogs, scripts, styles) belongs to
/// the web app's own tests and must not fail the contract tour.
pub fn page(html: &str) -> Value {
    let title = between(html, "<title>", "</title>").map(str::trim);
    let mut forms = Map::new();
    for form in html.split("<form").skip(1) {
        let form = form.split("</form>").next().unwrap_or(form);
        let tag = form.split('>').next().unwrap_or("");
        if !between(tag, "method=\"", "\"").is_some_and(|m| m.eq_ignore_ascii_case("post")) {
            continue;
        }
        let fields: Vec<&str> = form
            .split("<input")
            .skip(1)
            .filter_map(|input| input.split('>').next())
            .filter_map(|input| between(input, "name=\"", "\""))
            .collect();
        forms.insert(format!("POST {}", between(tag, "action=\"", "\"").unwrap_or("")), json!(fields));
    }
    json!({"title": title, "forms": forms})
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

pub use crate::client::parse_events as events;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_names_channels_and_uploads() {
        let mut snapshots = Snapshots::new("-ab12cd");
        snapshots.name_channel("private:7", "private:launch");
        let value = json!({
            "bob-ab12cd": ["dm:alice-ab12cd:bob-ab12cd", "private:7", "private:70"],
            "mentions": "[\"carol-ab12cd\"]",
            "filename": "0123456789abcdef0123456789abcdef.png",
            "path": "/files/0123456789abcdef0123456789abcdef.png",
            "download": "/files/0123456789abcdef0123456789abcdef_notes.txt",
            "not": "x0123456789abcdef0123456789abcdef.png"
        });
        assert_eq!(
            snapshots.normalise(value),
            json!({
                "bob": ["dm:alice:bob", "private:launch", "private:70"],
                "mentions": "[\"carol\"]",
                "filename": "[upload].png",
                "path": "/files/[upload].png",
                "download": "/files/[upload]_notes.txt",
                "not": "x0123456789abcdef0123456789abcdef.png"
            })
        );
    }

    #[test]
    fn reads_events_and_pages() {
        let stream = ": hi\n\nid: 4\nevent: typing\ndata: {\"user\":\"a\"}\n\n";
        assert_eq!(events(stream), vec![("typing".to_string(), json!({"user": "a"}))]);
        let html = r#"<html><title> Sign in </title><form method="post" action="/login"><input name="username"><input type="hidden" name="csrf_token" value="x"></form><form method="dialog"><input name="q"></form>"#;
        assert_eq!(page(html), json!({"title": "Sign in", "forms": {"POST /login": ["username", "csrf_token"]}}));
    }
}
