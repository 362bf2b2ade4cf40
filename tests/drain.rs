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
