//! The drain on SIGTERM (the server's shutdown future), with a real server: readiness fails at
//! once, the listener closes, event streams end so their clients reconnect elsewhere, requests in
//! flight finish, and the server stops after `drain_timeout_seconds` at most.
mod common;

use std::time::{Duration, Instant};

use common::nodes::Node;
use common::{test_settings, EventStream, User, PASSWORD};
use minimost::service::health;
use minimost::{Config, Settings};

async fn node(settings: Settings) -> Node {
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config::for_data_dir(data_dir.path(), settings);
    Node::start(data_dir, config).await.expect("node starts")
}

/// Whether a new TCP connection to `node` is refused within `wait`.
async fn refuses_connections_within(node: &Node, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if tokio::net::TcpStream::connect(node.addr).await.is_err() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_shutdown_streams_end_new_connections_are_refused_and_requests_in_flight_finish() {
    // A failed login answers after the failure delay: a request that is in flight for 2 s.
    let mut node = node(Settings { login_failure_delay_seconds: 2.0, ..test_settings() }).await;
    let alice = User::new(&node.base, "alice");
    assert_eq!(alice.sign_up("alice", PASSWORD).await.code(), 302);
    let mut stream = EventStream::open(&alice, None).await;
    let slow = {
        let guest = node.guest();
        tokio::spawn(async move { guest.log_in("alice", "Wrong#Pass1").await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;

    let fired = Instant::now();
    node.signal_shutdown();
    assert!(stream.ends_within(Duration::from_secs(1)).await, "the event stream ends within a second");
    let report = health::readiness(&node.services).await;
    assert_eq!(report.failing, vec!["accepting".to_string()], "not ready from the signal on");
    assert!(refuses_connections_within(&node, Duration::from_secs(1)).await, "the listener is closed");
    assert!(!slow.is_finished(), "the slow request was still in flight meanwhile");

    let answer = slow.await.unwrap();
    assert_eq!(answer.code(), 200, "the request in flight got its whole answer");
    assert!(answer.text().contains("Invalid credentials"));
    let server = node.server.take().unwrap();
    tokio::time::timeout(Duration::from_secs(2), server).await.expect("the server stops once drained").unwrap();
    assert!(fired.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_drain_ends_after_its_timeout_even_with_requests_still_in_flight() {
    let settings = Settings { login_failure_delay_seconds: 30.0, drain_timeout_seconds: 0.5, ..test_settings() };
    let mut node = node(settings).await;
    node.guest().sign_up("alice", PASSWORD).await;
    let guest = node.guest();
    let _stuck = tokio::spawn(async move { guest.log_in("alice", "Wrong#Pass1").await });
    tokio::time::sleep(Duration::from_millis(300)).await;

    let fired = Instant::now();
    node.signal_shutdown();
    let server = node.server.take().unwrap();
    tokio::time::timeout(Duration::from_secs(3), server).await.expect("the server stops at the drain timeout").unwrap();
    assert!(fired.elapsed() >= Duration::from_millis(500), "it waited for the request until the timeout");
}

/// Ends the child process when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_minimost_process_drains_and_exits_on_sigterm() {
    use std::io::BufRead;
    let data_dir = tempfile::tempdir().unwrap();
    let mut child = Child(
        std::process::Command::new(env!("CARGO_BIN_EXE_minimost"))
            .args(["--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir.path())
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start minimost"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(at) = line.find("listening on ") {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(line[at + "listening on ".len()..].trim().to_string());
                }
            }
        }
    });
    let base = tokio::time::timeout(Duration::from_secs(30), rx).await.expect("minimost listens").unwrap();
    assert_eq!(User::without_cookies(&base).fetch("/readyz").await.code(), 200);

    // SAFETY: kill only sends a signal to the child started above.
    assert_eq!(unsafe { libc::kill(child.0.id() as i32, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "minimost still runs 5 s after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status}");
}
