//! `GET /metrics` on the operator's address: the series exist and move with the traffic. The
//! metrics are the process's, so the tests of this binary take turns ([`ONE_AT_A_TIME`]).
mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{test_settings, User, PASSWORD};
use minimost::{App, Config, Settings};

/// Every sample of the exposition: `name{labels}` → value.
fn samples(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            Some((series.to_owned(), value.parse().ok()?))
        })
        .collect()
}

async fn scrape(base: &str) -> BTreeMap<String, f64> {
    let response = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    samples(&response.text().await.unwrap())
}

fn value(samples: &BTreeMap<String, f64>, series: &str) -> f64 {
    *samples.get(series).unwrap_or_else(|| panic!("no series {series} in {:#?}", samples.keys().collect::<Vec<_>>()))
}

/// The metrics are the process's: a test that counts exactly runs alone.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_streams_logins_and_the_process() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let data_dir = tempfile::tempdir().unwrap();
    let settings = Settings { max_login_attempts: 2, ..test_settings() };
    let config = Config::for_data_dir(data_dir.path(), settings);
    let app = tokio::task::spawn_blocking(move || App::build(&config)).await.unwrap().unwrap();
    let (metrics_addr, metrics_server) = app.serve_metrics("127.0.0.1:0".parse().unwrap(), None).await.unwrap();
    let metrics_server = tokio::spawn(metrics_server);
    let (addr, server) = app.serve("127.0.0.1:0".parse().unwrap(), std::future::pending()).await.unwrap();
    let server = tokio::spawn(server);
    let (base, metrics_base) = (format!("http://{addr}"), format!("http://{metrics_addr}"));

    let before = scrape(&metrics_base).await;
    assert_eq!(value(&before, "minimost_event_streams_open"), 0.0);
    assert!(value(&before, "process_resident_memory_bytes") > 1e6);
    assert!(value(&before, "process_open_fds") > 3.0);
    assert!(value(&before, "minimost_db_pool_connections") >= 1.0);

    let alice = User::new(&base, "alice");
    assert_eq!(alice.sign_up("alice", PASSWORD).await.status, 302);
    let bob = User::new(&base, "bob");
    assert_eq!(bob.sign_up("bob", PASSWORD).await.status, 302);
    let mut streams = vec![alice.events(None).await, bob.events(None).await, bob.events(None).await];
    for n in 0..3 {
        alice.send("general", &format!("hello {n}")).await;
    }
    for stream in &mut streams {
        assert!(stream.next(Duration::from_secs(5)).await.is_some(), "each stream receives the message");
    }
    for _ in 0..2 {
        assert_eq!(User::new(&base, "x").log_in("bob", "Wrong-Pass-1").await.status, 200);
    }
    assert_eq!(alice.fetch("/message/987654").await.code(), 404, "no such message");

    let after = scrape(&metrics_base).await;
    // What this test's traffic added (the other test of the binary may have run before it).
    let added = |series: &str| value(&after, series) - before.get(series).copied().unwrap_or(0.0);
    assert_eq!(value(&after, "minimost_event_streams_open"), 3.0, "the streams the test holds open");
    let sends = added(r#"minimost_http_requests_total{operation="send_message",status="2xx"}"#);
    assert_eq!(sends, 3.0);
    let missing = r#"minimost_http_requests_total{operation="get_message",status="4xx"}"#;
    assert_eq!(added(missing), 1.0);
    assert_eq!(added(r#"minimost_http_request_duration_seconds_count{operation="send_message"}"#), 3.0);
    assert!(value(&after, r#"minimost_http_request_duration_seconds_sum{operation="send_message"}"#) > 0.0);
    assert!(added("minimost_events_published_total") >= 3.0);
    assert!(added("minimost_events_delivered_total") >= 9.0, "3 messages × 3 streams, at least");
    assert_eq!(added("minimost_login_failures_total"), 2.0);
    assert_eq!(added("minimost_lockouts_total"), 1.0, "the second failure locks bob");
    assert!(
        value(&after, "minimost_db_pool_wait_seconds_count") > value(&before, "minimost_db_pool_wait_seconds_count")
    );
    assert!(value(&after, "process_cpu_seconds_total") > 0.0);

    drop(streams);
    // A dropped stream is gone once the server notices the closed connection.
    let mut open = f64::NAN;
    for _ in 0..50 {
        open = value(&scrape(&metrics_base).await, "minimost_event_streams_open");
        if open == 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(open, 0.0);
    assert_eq!(value(&after, "minimost_blocking_tasks_queued"), 0.0, "nothing waits once the requests are answered");

    // Only /metrics is served there; the chat's routes are not.
    assert_eq!(reqwest::get(format!("{metrics_base}/messages/general")).await.unwrap().status(), 404);
    assert_eq!(reqwest::get(format!("{base}/metrics")).await.unwrap().status(), 404);
    server.abort();
    metrics_server.abort();
}

on_postgres! {
    /// A PostgreSQL node's events travel through the cluster's log: their round trip is measured.
    async fn the_relay_round_trip_is_measured() {
        let _alone = ONE_AT_A_TIME.lock().await;
        let trips = || metrics_value("minimost_relay_round_trip_seconds_count");
        let before = trips();
        let node = common::TestServer::start(common::Db::Postgres).await;
        let carol = node.user("carol").await;
        carol.send("general", "through the log").await;
        assert!(trips() > before, "the send's event came back through the log");
    }
}

/// A series straight from the process's metrics (no listener needed).
fn metrics_value(series: &str) -> f64 {
    value(&samples(&minimost::metrics::metrics().render(&Default::default())), series)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_guards_the_metrics_and_random_paths_add_no_series() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config::for_data_dir(data_dir.path(), test_settings());
    let app = tokio::task::spawn_blocking(move || App::build(&config)).await.unwrap().unwrap();
    let token = "a-long-scrape-token-0123";
    let (metrics_addr, metrics_server) =
        app.serve_metrics("127.0.0.1:0".parse().unwrap(), Some(token.to_owned())).await.unwrap();
    let metrics_server = tokio::spawn(metrics_server);
    let (addr, server) = app.serve("127.0.0.1:0".parse().unwrap(), std::future::pending()).await.unwrap();
    let server = tokio::spawn(server);
    let (base, url) = (format!("http://{addr}"), format!("http://{metrics_addr}/metrics"));

    let client = reqwest::Client::new();
    for refused in [client.get(&url), client.get(&url).bearer_auth("wrong-token-wrong-token")] {
        let response = refused.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
    }
    let scrape = || async { samples(&client.get(&url).bearer_auth(token).send().await.unwrap().text().await.unwrap()) };
    let alice = User::new(&base, "alice");
    assert_eq!(alice.sign_up("alice", PASSWORD).await.status, 302);
    alice.fetch("/message/1").await;
    alice.fetch("/no/such/path").await;
    let before = scrape().await;

    // Random paths, path values and query strings: no new series (labels are operation ids).
    for n in 0..40 {
        alice.fetch(&format!("/random-{n}/{}", n * 7919)).await;
        alice.fetch(&format!("/message/{}", 1_000_000 + n)).await;
        alice.fetch(&format!("/messages/no-such-channel-{n}?after=0&x{n}=1")).await;
        alice.fetch(&format!("/no/such/path?{n}")).await;
    }
    let after = scrape().await;
    let new_series: Vec<&String> = after.keys().filter(|series| !before.contains_key(*series)).collect();
    assert!(
        new_series.iter().all(|series| series.contains("operation=\"list_messages\"")),
        "only the one operation not seen before may add series: {new_series:#?}"
    );
    assert!(new_series.len() <= 20, "one operation's few series: {new_series:#?}");
    server.abort();
    metrics_server.abort();
}
