//! The rate limits on writes, at their edge: per client address without a session, per user with
//! one, and `X-Forwarded-For` believed only from trusted proxies (SQLite; the limits live in memory).
mod common;

use common::{test_settings, Db, Reply, RequestExt, TestServer, PASSWORD};
use minimost::Settings;

fn limited(per_ip: i64, per_user: i64) -> Settings {
    Settings { rate_limit_per_ip_per_minute: per_ip, rate_limit_per_user_per_minute: per_user, ..test_settings() }
}

async fn failed_login(server: &TestServer, forwarded_for: Option<&str>) -> Reply {
    let mut request = server.guest().post("/login").form(&[("username", "nobody"), ("password", "wrong")]);
    if let Some(xff) = forwarded_for {
        request = request.header("x-forwarded-for", xff);
    }
    request.reply().await
}

/// A 429 whose `Retry-After` is the refill interval `interval` less the time the test took so far.
fn assert_too_many(response: Reply, interval: u64) {
    assert_eq!(response.status, 429);
    assert_eq!(response.headers["content-type"], "text/plain; charset=utf-8");
    let retry_after: u64 = response.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(
        (interval.saturating_sub(5)..=interval).contains(&retry_after),
        "Retry-After {retry_after}, interval {interval}"
    );
    assert_eq!(response.text(), "too many requests");
}

#[tokio::test]
async fn anonymous_writes_are_limited_per_address() {
    let server = TestServer::start_with(Db::Sqlite, limited(3, 0)).await;
    for _ in 0..3 {
        assert_eq!(failed_login(&server, None).await.status, 200);
    }
    // The fourth within the minute: 3 a minute refill one every 20 s.
    assert_too_many(failed_login(&server, None).await, 20);
    // Any write without a valid session counts: a send with no (or a bogus) session.
    let anonymous = server.guest().post_form("/send/general", &[("text", "hi")]).await;
    assert_eq!(anonymous.status, 429);
    let signup = server.guest().sign_up("carol", PASSWORD).await;
    assert_eq!(signup.status, 429);
    // Reads are never limited.
    assert_eq!(server.guest().fetch("/login").await.status, 200);
}

#[tokio::test]
async fn signed_in_writes_are_limited_per_user() {
    let server = TestServer::start_with(Db::Sqlite, limited(0, 5)).await;
    let alice = server.user("alice").await;
    let bob = server.user("bob").await;
    for i in 0..5 {
        let sent = alice.try_send("general", &format!("hello {i}")).await;
        assert_eq!(sent.status, 200, "send {i}");
    }
    let over = alice.post_form("/send/general", &[("text", "one too many")]).await;
    assert_too_many(over, 12);
    // Every write of the user counts, whatever the route; reads do not.
    let presence = alice.post_json("/presence", &serde_json::json!({"state": "active"})).await;
    assert_eq!(presence.status, 429);
    let read = alice.fetch("/messages/general?after=0").await;
    assert_eq!(read.status, 200);
    let texts: Vec<String> = read
        .json::<Vec<serde_json::Value>>()
        .iter()
        .map(|m| m["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!texts.contains(&"one too many".to_string()), "a refused send was stored: {texts:?}");
    // Another user from the same address has a bucket of their own.
    let sent = bob.post_form("/send/general", &[("text", "hi")]).await;
    assert_eq!(sent.status, 200);
}

#[tokio::test]
async fn forwarded_for_counts_only_behind_a_trusted_proxy() {
    // Not trusted (the default): the header is ignored and every request is 127.0.0.1's.
    let server = TestServer::start_with(Db::Sqlite, limited(2, 0)).await;
    assert_eq!(failed_login(&server, Some("1.1.1.1")).await.status, 200);
    assert_eq!(failed_login(&server, Some("2.2.2.2")).await.status, 200);
    assert_too_many(failed_login(&server, Some("3.3.3.3")).await, 30);
    drop(server);

    // Trusted: each forwarded client has its own bucket; a spoofed left part changes nothing.
    let settings = Settings { trusted_proxies: vec!["127.0.0.1".into()], ..limited(2, 0) };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    assert_eq!(failed_login(&server, Some("1.1.1.1")).await.status, 200);
    assert_eq!(failed_login(&server, Some("9.9.9.9, 1.1.1.1")).await.status, 200);
    assert_too_many(failed_login(&server, Some("8.8.8.8, 1.1.1.1")).await, 30);
    assert_eq!(failed_login(&server, Some("2.2.2.2")).await.status, 200);
    // The proxy's own requests (no header) are the proxy's.
    assert_eq!(failed_login(&server, None).await.status, 200);
}

#[tokio::test]
async fn defaults_let_a_fast_user_through() {
    // A person pasting fast, with typing reports and read marks between: well under the default.
    let settings =
        Settings { rate_limit_per_ip_per_minute: 120, rate_limit_per_user_per_minute: 600, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let alice = server.user("alice").await;
    for i in 0..60 {
        let sent = alice.try_send("general", &format!("line {i}")).await;
        assert_eq!(sent.status, 200);
        assert!(alice.post_empty("/typing/general").await.status.is_success());
        assert!(alice.post_empty("/mark_read/general").await.status.is_success());
    }
}

#[test]
fn the_contract_documents_429_on_every_limited_operation() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/api-spec/minimost.yaml")).unwrap();
    let spec: serde_json::Value = serde_norway::from_str(&text).unwrap();
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let documents_429 = op["responses"].get("429").is_some();
            let limited = minimost::api::limits::is_limited(&method.to_uppercase().parse().unwrap());
            assert_eq!(documents_429, limited, "{} {path}: 429 documented = {documents_429}", method.to_uppercase());
            if documents_429 {
                assert_eq!(op["responses"]["429"]["$ref"], "#/components/responses/TooManyRequests", "{method} {path}");
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}
