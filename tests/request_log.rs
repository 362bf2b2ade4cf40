//! The real binary's JSON log: one object per line; a request's lines carry its id (the client's
//! `X-Request-Id`, or a generated one returned in the answer), operation and user id; nothing of a
//! password, a cookie or a message's text.
mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{User, PASSWORD};
use serde_json::Value;

struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    base: String,
    _data: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        let data = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_minimost"))
            .args(["--log-format", "json", "--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data.path())
            .env("RUST_LOG", "info")
            .env("MINIMOST_LOGIN_FAILURE_DELAY_SECONDS", "0")
            .env("MINIMOST_CSRF_ENABLED", "false")
            .env_remove("MINIMOST_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, lines, base: String::new(), _data: data };
        let listening =
            server.wait_for(|line| line["fields"]["message"].as_str().is_some_and(|m| m.contains("listening")));
        let message = listening["fields"]["message"].as_str().unwrap();
        server.base = message[message.find("http://").unwrap()..].trim().to_owned();
        server
    }

    /// The next log line that `matches` (every line read on the way must be JSON).
    fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        loop {
            let line = self.lines.recv_timeout(Duration::from_secs(20)).expect("a log line in time");
            let parsed: Value = serde_json::from_str(&line).unwrap_or_else(|err| panic!("not JSON ({err}): {line}"));
            if matches(&parsed) {
                return parsed;
            }
        }
    }

    /// Every line logged until now (after a short pause for the server to write them).
    fn drain(&mut self) -> Vec<String> {
        std::thread::sleep(Duration::from_millis(300));
        self.lines.try_iter().collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_lines_carry_the_request_id_operation_and_user_but_no_secrets() {
    let mut server = tokio::task::spawn_blocking(Server::start).await.unwrap();
    let alice = User::new(&server.base, "alice");
    assert_eq!(alice.sign_up("alice", PASSWORD).await.status, 302);
    alice.send("general", "a very secret plan").await;

    // A failing request, with the client's own id: answered with it, logged with it.
    let missing = alice.get("/message/424242").header("x-request-id", "trace-42").send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["x-request-id"], "trace-42");
    let line = tokio::task::spawn_blocking(move || {
        let line = server.wait_for(|line| line["span"]["request_id"] == "trace-42");
        (line, server)
    })
    .await
    .unwrap();
    let (line, mut server) = line;
    assert_eq!(line["fields"]["operation"], "get_message");
    assert_eq!(line["fields"]["status"], 404);
    assert!(line["fields"]["millis"].as_f64().is_some());
    assert!(line["fields"]["user_id"].as_i64().is_some(), "the signed-in user: {line}");

    // A generated id for a request that gives none (or an unusable one).
    let bad = server_get(&server.base, "/message/1", Some("not a token")).await;
    let generated = bad.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(generated.len() == 32 && generated != "not a token");

    // A wrong password is logged as a failure, never as itself.
    let guest = User::new(&server.base, "guest");
    guest.log_in("alice", "Guess-Me-99!").await;
    let everything = server.drain().join("\n");
    for secret in ["Guess-Me-99!", PASSWORD, "a very secret plan", "session="] {
        assert!(!everything.contains(secret), "{secret:?} is in the log:\n{everything}");
    }
}

async fn server_get(base: &str, path: &str, request_id: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    request.send().await.unwrap()
}
