//! A typed client for the HTTP tests: one signed-in (or anonymous) browser with its own cookie jar,
//! talking to the real server over HTTP. Typed helpers cover the common calls; `get`/`post`/… plus
//! [`RequestExt::reply`] are the escape hatch for tests that look at exact statuses, headers and bodies.
//!
//! Naming: a helper named after the call (`send`, `edit`, `messages`, …) asserts that the call
//! succeeds and returns what it answered, parsed; its `try_` twin (or a helper returning [`Reply`])
//! returns the whole answer for the test to judge.
use std::collections::BTreeMap;
use std::fmt::Display;

use reqwest::header::HeaderMap;
use reqwest::multipart::Form;
use reqwest::{Client, Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::fixtures::{file_part, PNG};
use super::EventStream;

/// A whole answer, read to the end.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl Reply {
    /// Reads an answer that was sent by hand (`RequestBuilder::send`) to the end.
    pub async fn read(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("read the body");
        Reply { status, headers, body }
    }

    /// The status as a number.
    pub fn code(&self) -> u16 {
        self.status.as_u16()
    }

    /// The body as text (it must be UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).expect("a UTF-8 body")
    }

    /// The body parsed as JSON (it must be JSON).
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("a JSON body ({err}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    /// A header's value, or "" when it is absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or("")
    }

    /// Whether the answer says its body is JSON.
    pub fn is_json(&self) -> bool {
        self.header("content-type").starts_with("application/json")
    }

    /// Status and body text.
    pub fn status_text(&self) -> (u16, String) {
        (self.code(), self.text())
    }

    /// Status (typed) and body text.
    pub fn pair(&self) -> (StatusCode, String) {
        (self.status, self.text())
    }

    /// Status and body text without trailing whitespace.
    pub fn status_trimmed(&self) -> (u16, String) {
        (self.code(), self.text().trim_end().to_string())
    }

    /// Status and body: parsed when it is JSON, otherwise its text as a JSON string.
    pub fn status_json(&self) -> (u16, Value) {
        let body = if self.is_json() { self.json() } else { Value::String(self.text()) };
        (self.code(), body)
    }
}

/// Sends a built request and reads the whole answer.
pub trait RequestExt {
    #[allow(async_fn_in_trait)]
    async fn reply(self) -> Reply;
}

impl RequestExt for RequestBuilder {
    async fn reply(self) -> Reply {
        Reply::read(self.send().await.expect("the request reaches the server")).await
    }
}

/// One browser: a cookie jar (signed in as `name`, unless it is a guest) that does not follow
/// redirects, so tests see them.
#[derive(Clone)]
pub struct User {
    pub name: String,
    pub http: Client,
    base: String,
}

impl User {
    /// A browser for the server at `base` (`http://127.0.0.1:port`), with an empty cookie jar;
    /// `TestServer::user` and `TestServer::guest` make these.
    pub fn new(base: &str, name: &str) -> User {
        let http =
            Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client");
        User { name: name.to_string(), http, base: base.to_string() }
    }

    /// A client with no cookie jar (every request carries only the cookies a test sets by hand);
    /// redirects are not followed.
    pub fn without_cookies(base: &str) -> User {
        let http = Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        User { name: String::new(), http, base: base.to_string() }
    }

    // ---- raw requests ----

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path))
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    pub fn head(&self, path: &str) -> RequestBuilder {
        self.request(Method::HEAD, path)
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }

    /// `GET path`, whatever it answers.
    pub async fn fetch(&self, path: &str) -> Reply {
        self.get(path).reply().await
    }

    /// `GET path`, which must answer 200 with JSON.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        let reply = self.fetch(path).await;
        assert_eq!(reply.status, 200, "GET {path}: {}", String::from_utf8_lossy(&reply.body));
        reply.json()
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        self.post(path).form(fields).reply().await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Reply {
        self.post(path).json(body).reply().await
    }

    /// `POST path` with no body.
    pub async fn post_empty(&self, path: &str) -> Reply {
        self.post(path).reply().await
    }

    // ---- accounts ----

    /// `POST /signup`, whatever it answers.
    pub async fn sign_up(&self, username: &str, password: &str) -> Reply {
        self.post_form("/signup", &[("username", username), ("password", password), ("confirm_password", password)])
            .await
    }

    /// `POST /login`, whatever it answers.
    pub async fn log_in(&self, username: &str, password: &str) -> Reply {
        self.post_form("/login", &[("username", username), ("password", password)]).await
    }

    /// `GET /logout` (what the app's link does).
    pub async fn log_out(&self) -> Reply {
        self.fetch("/logout").await
    }

    pub async fn delete_account(&self, body: &Value) -> Reply {
        self.post_json("/delete_account", body).await
    }

    pub async fn settings(&self) -> Value {
        self.get_json("/settings").await
    }

    pub async fn save_settings(&self, body: &Value) -> Reply {
        self.post_json("/settings", body).await
    }

    pub async fn upload_avatar(&self, form: Form) -> Reply {
        self.post("/avatar").multipart(form).reply().await
    }

    // ---- messages ----

    pub async fn try_send(&self, channel: &str, text: &str) -> Reply {
        self.post_form(&format!("/send/{channel}"), &[("text", text)]).await
    }

    /// Sends `text`, which must be accepted.
    pub async fn send(&self, channel: &str, text: &str) {
        let reply = self.try_send(channel, text).await;
        assert_eq!(reply.status, 200, "send to {channel}: {}", String::from_utf8_lossy(&reply.body));
    }

    /// One send with optional text and `(file name, bytes)` attachments, whatever it answers.
    pub async fn send_files(&self, channel: &str, text: Option<&str>, files: &[(&str, &[u8])]) -> Reply {
        let mut form = Form::new();
        if let Some(text) = text {
            form = form.text("text", text.to_string());
        }
        for (name, bytes) in files {
            form = form.part("files", file_part(name, bytes));
        }
        self.post(&format!("/send/{channel}")).multipart(form).reply().await
    }

    /// One send with `text` and `images` PNG attachments, which must be accepted.
    pub async fn send_images(&self, channel: &str, text: &str, images: usize) {
        let names: Vec<String> = (0..images).map(|n| format!("p{n}.png")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|name| (name.as_str(), PNG)).collect();
        let reply = self.send_files(channel, Some(text), &files).await;
        assert_eq!(reply.status, 200, "send images to {channel}");
    }

    /// Sends one file with no text and returns the new row's message id and stored file name.
    pub async fn send_file(&self, channel: &str, name: &str, bytes: &[u8]) -> (i64, String) {
        let reply = self.send_files(channel, None, &[(name, bytes)]).await;
        assert_eq!(reply.status, 200, "send {name} to {channel}");
        let all = self.messages(channel).await;
        let last = all.last().expect("the file's message");
        (last["id"].as_i64().unwrap(), last["filename"].as_str().unwrap().to_string())
    }

    /// What changed in the channel after `after`.
    pub async fn poll(&self, channel: &str, after: impl Display) -> Vec<Value> {
        self.get_json(&format!("/messages/{channel}?after={after}")).await
    }

    /// Every message of the channel the user can see.
    pub async fn messages(&self, channel: &str) -> Vec<Value> {
        self.poll(channel, 0).await
    }

    /// The newest message the user sees in the channel, as `(id, ts)`.
    pub async fn last_message(&self, channel: &str) -> (i64, f64) {
        let all = self.messages(channel).await;
        let last = all.last().expect("the channel has a message");
        (last["id"].as_i64().unwrap(), last["ts"].as_f64().unwrap())
    }

    /// `GET /message/{id}`, whatever it answers.
    pub async fn message(&self, id: i64) -> Reply {
        self.fetch(&format!("/message/{id}")).await
    }

    pub async fn try_edit(&self, id: i64, text: &str) -> Reply {
        self.post_form(&format!("/edit/{id}"), &[("text", text)]).await
    }

    /// Edits a message, which must be accepted.
    pub async fn edit(&self, id: i64, text: &str) {
        let reply = self.try_edit(id, text).await;
        assert_eq!(reply.status, 200, "edit {id}: {}", String::from_utf8_lossy(&reply.body));
    }

    pub async fn try_delete(&self, id: i64) -> Reply {
        self.post_empty(&format!("/delete/{id}")).await
    }

    /// Deletes a message, which must be accepted.
    pub async fn delete_message(&self, id: i64) {
        assert_eq!(self.try_delete(id).await.status, 200, "delete {id}");
    }

    /// Toggles a reaction, whatever it answers (a toggle that succeeds must answer JSON).
    pub async fn react(&self, id: i64, reaction: &str) -> Reply {
        let reply = self.post_form(&format!("/react/{id}"), &[("reaction", reaction)]).await;
        if reply.status == 200 {
            assert_eq!(reply.header("content-type"), "application/json");
        }
        reply
    }

    /// `GET /search_messages?q=…`, which must answer 200 with JSON: the hits.
    pub async fn search(&self, q: &str) -> Vec<Value> {
        let reply = self.get("/search_messages").query(&[("q", q)]).reply().await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "application/json");
        reply.json()
    }

    /// The text of each hit for `q`, in answer order.
    pub async fn search_contents(&self, q: &str) -> Vec<String> {
        self.search(q).await.iter().map(|hit| hit["content"].as_str().unwrap().to_string()).collect()
    }

    // ---- conversations and read state ----

    pub async fn dms(&self) -> Vec<Value> {
        self.get_json("/dms").await
    }

    /// `/dms` as `(channel, unread)` pairs in list order.
    pub async fn dm_unreads(&self) -> Vec<(String, i64)> {
        self.dms()
            .await
            .iter()
            .map(|dm| (dm["channel"].as_str().unwrap().to_string(), dm["unread"].as_i64().unwrap()))
            .collect()
    }

    pub async fn close_dm(&self, body: &Value) -> Reply {
        self.post_json("/dms/close", body).await
    }

    pub async fn channel_unreads(&self) -> BTreeMap<String, i64> {
        self.get_json("/channel_unreads").await
    }

    pub async fn unread_count(&self) -> i64 {
        let body: Value = self.get_json("/unread_count").await;
        body["count"].as_i64().unwrap()
    }

    pub async fn mark_read(&self, channel: &str) -> Reply {
        self.post_empty(&format!("/mark_read/{channel}")).await
    }

    /// `GET /read_receipts/{channel}`, whatever it answers.
    pub async fn try_receipts(&self, channel: &str) -> Reply {
        self.fetch(&format!("/read_receipts/{channel}")).await
    }

    /// The read receipts of the channel: message ts → readers.
    pub async fn receipts(&self, channel: &str) -> BTreeMap<String, Vec<String>> {
        self.get_json(&format!("/read_receipts/{channel}")).await
    }

    /// `POST /private_channels/create`, whatever it answers.
    pub async fn try_create_private(&self, name: &str, members: &[&str]) -> Reply {
        self.post_json("/private_channels/create", &json!({ "name": name, "members": members })).await
    }

    /// Creates a private channel, which must be accepted; returns the answer (`id`, `channel`).
    pub async fn create_private(&self, name: &str, members: &[&str]) -> Value {
        let reply = self.try_create_private(name, members).await;
        assert_eq!(reply.status, 200, "create {name}: {}", String::from_utf8_lossy(&reply.body));
        reply.json()
    }

    // ---- presence, typing, events ----

    pub async fn online(&self) -> Value {
        self.get_json("/online_users").await
    }

    pub async fn set_presence(&self, state: &str) -> Reply {
        self.post_json("/presence", &json!({ "state": state })).await
    }

    /// `GET /typing/{channel}`: who is typing there.
    pub async fn typing(&self, channel: &str) -> Reply {
        self.fetch(&format!("/typing/{channel}")).await
    }

    /// `POST /typing/{channel}`: the user is typing there.
    pub async fn start_typing(&self, channel: &str) -> Reply {
        self.post_empty(&format!("/typing/{channel}")).await
    }

    /// Opens `GET /events` (optionally resuming after `last_event_id`).
    pub async fn events(&self, last_event_id: Option<&str>) -> EventStream {
        EventStream::open(self, last_event_id).await
    }
}
