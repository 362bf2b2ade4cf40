//! HTTP as a suite sees it: a `Server` hands out `User`s (each its own cookie jar), and every
//! exchange goes through one place that finds the operation, checks the answer against the
//! contract, counts it for coverage and writes it to the replay transcript.
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, bail, Context};
use rand::distr::{Alphanumeric, SampleString};
use reqwest::blocking::{multipart, Client};
use reqwest::header::{ACCEPT, CONTENT_TYPE, ETAG, LOCATION};
use reqwest::Method;
use serde_json::Value;

use crate::record::{transcribe, Recorder};

/// Every account the harness creates gets this password (it meets every sign-up rule).
pub const PASSWORD: &str = "Conformance-1";

#[derive(Clone)]
pub struct Server {
    pub base_url: String,
    pub recorder: Arc<Recorder>,
}

pub struct User {
    pub name: String,
    pub password: String,
    http: Client,
    server: Server,
}

#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    Form(Vec<(String, String)>),
    Json(Value),
    Multipart { fields: Vec<(String, String)>, files: Vec<Upload> },
}

#[derive(Debug, Clone)]
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub mime: String,
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub bytes: Vec<u8>,
    pub request: String,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn json(&self) -> anyhow::Result<Value> {
        serde_json::from_slice(&self.bytes)
            .with_context(|| format!("{}: the body is not JSON: {}", self.request, self.text()))
    }

    /// Fails, naming the request and what came back, unless the status is `status`.
    pub fn expect(self, status: u16) -> anyhow::Result<Reply> {
        if self.status != status {
            let textual = self.content_type.as_deref().is_none_or(|t| t.starts_with("text/") || t.contains("json"));
            let body = if textual {
                truncate(&self.text(), 300)
            } else {
                format!("{} bytes of {}", self.bytes.len(), self.content_type.as_deref().unwrap_or_default())
            };
            bail!("{} answered {} (expected {status}): {body}", self.request, self.status);
        }
        Ok(self)
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `len` random lowercase letters and digits: names the harness creates never collide with real ones.
pub fn random_suffix(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), len).to_ascii_lowercase()
}

impl Server {
    fn client() -> anyhow::Result<Client> {
        Ok(Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()?)
    }

    /// A client with no session.
    pub fn anonymous(&self) -> anyhow::Result<User> {
        Ok(User { name: String::new(), password: String::new(), http: Self::client()?, server: self.clone() })
    }

    /// A client with no session that will sign in as `name`.
    pub fn anonymous_as(&self, name: &str) -> anyhow::Result<User> {
        Ok(User { name: name.to_string(), ..self.anonymous()? })
    }

    /// Signs up a new account named `<stem>-<random>` and keeps its session.
    pub fn signup(&self, stem: &str) -> anyhow::Result<User> {
        let name = format!("{stem}-{}", random_suffix(6));
        self.signup_exact(&name, PASSWORD)
    }

    pub fn signup_exact(&self, name: &str, password: &str) -> anyhow::Result<User> {
        let mut user = self.anonymous()?;
        user.name = name.to_string();
        user.password = password.to_string();
        let token = user.form_token("/signup")?;
        let reply = user.send(
            Method::POST,
            "/signup",
            Body::Form(vec![
                ("username".into(), name.into()),
                ("password".into(), password.into()),
                ("confirm_password".into(), password.into()),
                ("csrf_token".into(), token),
            ]),
        )?;
        if reply.status != 302 {
            bail!("sign-up of {name} failed: {} {}", reply.status, truncate(&reply.text(), 300));
        }
        Ok(user)
    }

    /// A fresh client signed in as an existing account (a second browser, say).
    pub fn login(&self, name: &str, password: &str) -> anyhow::Result<(User, Reply)> {
        let mut user = self.anonymous()?;
        user.name = name.to_string();
        user.password = password.to_string();
        let reply = user.login_attempt(password)?;
        Ok((user, reply))
    }
}

impl User {
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// The hidden form token of a sign-in or sign-up page (empty when the server has none).
    pub fn form_token(&self, page: &str) -> anyhow::Result<String> {
        let html = self.get(page)?.expect(200)?.text();
        let marker = "name=\"csrf_token\" value=\"";
        Ok(html
            .find(marker)
            .map(|start| &html[start + marker.len()..])
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_string())
    }

    /// One `POST /login` with this user's name and `password`.
    pub fn login_attempt(&self, password: &str) -> anyhow::Result<Reply> {
        let token = self.form_token("/login")?;
        self.send(
            Method::POST,
            "/login",
            Body::Form(vec![
                ("username".into(), self.name.clone()),
                ("password".into(), password.into()),
                ("csrf_token".into(), token),
            ]),
        )
    }

    pub fn get(&self, path: &str) -> anyhow::Result<Reply> {
        self.send(Method::GET, path, Body::Empty)
    }

    pub fn post(&self, path: &str) -> anyhow::Result<Reply> {
        self.send(Method::POST, path, Body::Empty)
    }

    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> anyhow::Result<Reply> {
        let fields = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        self.send(Method::POST, path, Body::Form(fields))
    }

    pub fn post_json(&self, path: &str, body: Value) -> anyhow::Result<Reply> {
        self.send(Method::POST, path, Body::Json(body))
    }

    pub fn delete(&self, path: &str) -> anyhow::Result<Reply> {
        self.send(Method::DELETE, path, Body::Empty)
    }

    /// GET that must answer 200 with JSON.
    pub fn get_json(&self, path: &str) -> anyhow::Result<Value> {
        self.get(path)?.expect(200)?.json()
    }

    /// A GET with extra request headers (`Range`, `If-Range`, …).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> anyhow::Result<Reply> {
        self.send_with(Method::GET, path, Body::Empty, headers)
    }

    /// Sends a request, checks the answer against the contract and records it.
    pub fn send(&self, method: Method, path: &str, body: Body) -> anyhow::Result<Reply> {
        self.send_with(method, path, body, &[])
    }

    /// [`User::send`] with extra request headers (conditional requests, say).
    pub fn send_with(&self, method: Method, path: &str, body: Body, headers: &[(&str, &str)]) -> anyhow::Result<Reply> {
        let url = format!("{}{path}", self.server.base_url);
        let curl = curl_line(&self.name, &method, &url, &body, headers);
        transcribe(curl.clone());
        let mut request = self.http.request(method.clone(), &url).header(ACCEPT, "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request = match &body {
            Body::Empty => request,
            Body::Form(fields) => request.form(fields),
            Body::Json(value) => request.json(value),
            Body::Multipart { fields, files } => {
                let mut form = multipart::Form::new();
                for (name, value) in fields {
                    form = form.text(name.clone(), value.clone());
                }
                for upload in files {
                    let part = multipart::Part::bytes(upload.bytes.clone())
                        .file_name(upload.file_name.clone())
                        .mime_str(&upload.mime)?;
                    form = form.part(upload.field.clone(), part);
                }
                request.multipart(form)
            }
        };
        let response = request.send().with_context(|| format!("{method} {path}: no answer"))?;
        let status = response.status().as_u16();
        let header = |name| {
            response.headers().get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok()).map(String::from)
        };
        let content_type = header(CONTENT_TYPE);
        let location = header(LOCATION);
        let etag = header(ETAG);
        let bytes = response.bytes().with_context(|| format!("{method} {path}: body"))?.to_vec();
        let reply = Reply { status, content_type, location, etag, bytes, request: format!("{method} {path}") };
        self.check(&method, path, &reply, &curl);
        Ok(reply)
    }

    /// A streaming GET (Server-Sent Events). Once the headers are in (the server has subscribed
    /// the caller), `on_open` runs — to cause the awaited event; then the body is read until
    /// `enough` accepts what arrived or `limit` has passed, and the connection is dropped.
    pub fn read_stream(
        &self,
        path: &str,
        limit: Duration,
        on_open: impl FnOnce() -> anyhow::Result<()>,
        enough: impl Fn(&str) -> bool,
    ) -> anyhow::Result<Reply> {
        use std::io::Read;
        let (mut response, curl) = self.open_stream(path, limit)?;
        let status = response.status().as_u16();
        let header = |name| {
            response.headers().get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok()).map(String::from)
        };
        let content_type = header(CONTENT_TYPE);
        let location = header(LOCATION);
        on_open()?;
        let mut bytes = Vec::new();
        let mut chunk = [0u8; 4096];
        // A read error here is the time limit: what arrived until then is the answer.
        while let Ok(n) = response.read(&mut chunk) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
            if enough(&String::from_utf8_lossy(&bytes)) {
                break;
            }
        }
        let reply = Reply { status, content_type, location, etag: None, bytes, request: format!("GET {path}") };
        self.check(&Method::GET, path, &reply, &curl);
        Ok(reply)
    }

    /// Sends a streaming GET (transcribed) and returns the response once its headers are in.
    fn open_stream(&self, path: &str, limit: Duration) -> anyhow::Result<(reqwest::blocking::Response, String)> {
        let url = format!("{}{path}", self.server.base_url);
        let curl = curl_line(&self.name, &Method::GET, &url, &Body::Empty, &[]);
        transcribe(curl.clone());
        let response = self
            .http
            .get(&url)
            .header(ACCEPT, "text/event-stream")
            .timeout(limit)
            .send()
            .with_context(|| format!("GET {path}: no answer"))?;
        Ok((response, curl))
    }

    /// Opens a Server-Sent Events stream that a background thread keeps reading into an
    /// [`EventTap`] until the server ends it (logout, account deletion). Returns once the headers
    /// are in: from then on the caller is subscribed.
    pub fn tap_events(&self, path: &str) -> anyhow::Result<EventTap> {
        use std::io::Read;
        let (mut response, curl) = self.open_stream(path, Duration::from_secs(3600))?;
        let status = response.status().as_u16();
        let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(String::from);
        let reply = Reply {
            status,
            content_type,
            location: None,
            etag: None,
            bytes: Vec::new(),
            request: format!("GET {path}"),
        };
        self.check(&Method::GET, path, &reply, &curl);
        let reply = reply.expect(200)?;
        let received = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = received.clone();
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            // A read error or the end of the body: the stream is over either way.
            while let Ok(n) = response.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                if let Ok(mut bytes) = sink.lock() {
                    bytes.extend_from_slice(&chunk[..n]);
                }
            }
        });
        Ok(EventTap { received, reader: Some(reader), request: reply.request })
    }

    fn check(&self, method: &Method, path: &str, reply: &Reply, curl: &str) {
        let recorder = &self.server.recorder;
        let bare_path = path.split('?').next().unwrap_or(path);
        let Some(operation) = recorder.contract.operation_for(method.as_str(), bare_path) else {
            recorder.violation(format!("{method} {bare_path}: no documented operation serves it\n    {curl}"));
            return;
        };
        recorder.count(&operation.id, reply.status);
        let textual = reply.content_type.as_deref().is_some_and(|t| t.starts_with("text/") || t.contains("json"));
        let body = textual.then(|| reply.text());
        for problem in recorder.contract.check(operation, reply.status, reply.content_type.as_deref(), body.as_deref())
        {
            recorder.violation(format!("{} ({}): {problem}\n    {curl}", reply.request, operation.id));
        }
    }

    /// The numeric id of a private channel created by name, from `GET /private_channels`.
    pub fn private_channel_id(&self, name: &str) -> anyhow::Result<String> {
        let list = self.get_json("/private_channels")?;
        list.as_array()
            .into_iter()
            .flatten()
            .find(|channel| channel["name"] == name)
            .and_then(|channel| channel["channel"].as_str().map(String::from))
            .ok_or_else(|| anyhow!("{} does not see a private channel named {name}", self.name))
    }
}

/// Server-Sent Events in arrival order: `(event type, data parsed as JSON)`.
pub fn parse_events(stream: &str) -> Vec<(String, Value)> {
    stream
        .replace("\r\n", "\n")
        .split("\n\n")
        .filter_map(|block| {
            let mut kind = String::from("message");
            let mut data = Vec::new();
            let mut seen = false;
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event:") {
                    kind = value.trim().to_string();
                    seen = true;
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push(value.strip_prefix(' ').unwrap_or(value));
                    seen = true;
                }
            }
            let data = data.join("\n");
            seen.then(|| (kind, serde_json::from_str(&data).unwrap_or(Value::String(data))))
        })
        .collect()
}

/// The request as a shell command: each user keeps its cookies in its own jar file.
fn curl_line(user: &str, method: &Method, url: &str, body: &Body, headers: &[(&str, &str)]) -> String {
    let jar = if user.is_empty() { "anonymous".to_string() } else { user.to_string() };
    let mut words: Vec<String> = vec![
        "curl".into(),
        "-sS".into(),
        "-b".into(),
        format!("jar-{jar}"),
        "-c".into(),
        format!("jar-{jar}"),
        "-H".into(),
        "Accept: application/json".into(),
        "-X".into(),
        method.to_string(),
    ];
    for (name, value) in headers {
        words.extend(["-H".into(), format!("{name}: {value}")]);
    }
    match body {
        Body::Empty => {}
        Body::Form(fields) => {
            for (name, value) in fields {
                words.push("--data-urlencode".into());
                words.push(format!("{name}={value}"));
            }
        }
        Body::Json(value) => {
            words.extend(["-H".into(), "Content-Type: application/json".into(), "--data".into(), value.to_string()]);
        }
        Body::Multipart { fields, files } => {
            for (name, value) in fields {
                words.push("--form-string".into());
                words.push(format!("{name}={value}"));
            }
            for upload in files {
                words.push("-F".into());
                words.push(format!("{}=@{};type={}", upload.field, upload.file_name, upload.mime));
            }
        }
    }
    for (name, value) in headers {
        words.extend(["-H".into(), format!("{name}: {value}")]);
    }
    words.push(url.to_string());
    words
        .iter()
        .map(|word| shlex::try_quote(word).map(|q| q.into_owned()).unwrap_or_else(|_| word.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A live event stream read in the background: what arrived so far, as text.
pub struct EventTap {
    received: Arc<std::sync::Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    pub request: String,
}

impl EventTap {
    /// Everything received since the stream opened.
    pub fn text(&self) -> String {
        self.received.lock().map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default()
    }

    /// Waits for the reader to see the end of the stream (after the session ended); a stream
    /// still open after `limit` is left to its thread.
    pub fn finish(&mut self, limit: Duration) -> bool {
        let started = std::time::Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(5));
        }
        match self.reader.take() {
            Some(reader) if reader.is_finished() => reader.join().is_ok(),
            None => true,
            Some(reader) => {
                self.reader = Some(reader);
                false
            }
        }
    }
}
