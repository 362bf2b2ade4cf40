//! Several nodes on one PostgreSQL database, each with its own data directory: live events, replay,
//! session controls, presence and typing reach every node, and a node's listener survives losing its
//! connection. (Killing whole nodes and restarting PostgreSQL run in `cargo xtask cluster`.)
mod common;

use std::time::{Duration, Instant};

use common::{Db, TestServer, User};
use diesel::RunQueryDsl;
use serde_json::Value;

const SOON: Duration = Duration::from_secs(5);

async fn two_nodes() -> (TestServer, TestServer) {
    let a = TestServer::start(Db::Postgres).await;
    let b = a.another_node().await;
    (a, b)
}

/// `username`, registered on `first`, signed in on `other` too.
async fn on_node(other: &TestServer, username: &str) -> User {
    let user = User::new(&other.base, username);
    assert_eq!(user.log_in(username, common::PASSWORD).await.status, 302, "{username} signs in on the other node");
    user
}

/// The next event of `kind`, skipping others (presence of the sign-ins).
async fn next_of(stream: &mut common::EventStream, kind: &str) -> (String, Value) {
    loop {
        let (id, got, data) = stream.next(SOON).await.unwrap_or_else(|| panic!("a {kind} event within {SOON:?}"));
        if got == kind {
            return (id, data);
        }
    }
}

/// The contents of the next `count` messages, which must come without a `resync` (nothing lost).
async fn next_contents(stream: &mut common::EventStream, count: usize) -> Vec<String> {
    let mut contents = Vec::new();
    while contents.len() < count {
        let (_, kind, data) = stream.next(SOON).await.expect("the stream goes on");
        assert_ne!(kind, "resync", "nothing was lost: no resync");
        if kind == "message" {
            contents.push(data["messages"][0]["content"].as_str().unwrap().to_owned());
        }
    }
    contents
}

/// Runs `sql` on the servers' database.
fn execute(server: &TestServer, sql: &str) {
    diesel::sql_query(sql).execute(&mut server.connect()).unwrap_or_else(|err| panic!("{sql}: {err}"));
}

/// Ends the listening connections of every node, as a network failure or a database restart would.
fn kill_listeners(server: &TestServer) {
    execute(
        server,
        &format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = '{}' AND datname = current_database()",
            minimost::relay::listener::APPLICATION_NAME
        ),
    );
}

#[tokio::test]
async fn messages_edits_and_reactions_sent_through_one_node_reach_streams_on_another() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = b.user("bob").await;
    let mut bob_stream = bob.events(None).await;

    let sent = Instant::now();
    alice.send("dm:alice:bob", "across nodes").await;
    let (_, data) = next_of(&mut bob_stream, "message").await;
    assert!(sent.elapsed() < Duration::from_secs(1), "delivered in {:?}", sent.elapsed());
    assert_eq!(data["channel"], "dm:alice:bob");
    assert_eq!(data["messages"][0]["content"], "across nodes");

    let id = data["messages"][0]["id"].as_i64().unwrap();
    alice.edit(id, "edited across nodes").await;
    let (_, data) = next_of(&mut bob_stream, "message").await;
    assert_eq!(data["messages"][0]["content"], "edited across nodes");
    assert_eq!(alice.react(id, "thumbsup").await.status, 200);
    let (_, data) = next_of(&mut bob_stream, "message").await;
    assert!(data["messages"][0]["reactions"].to_string().contains("alice"), "{data}");
}

#[tokio::test]
async fn a_client_resumes_on_another_node_with_its_last_event_id() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = a.user("bob").await;
    let mut stream = bob.events(None).await;
    alice.send("general", "one").await;
    let (last_seen, _) = next_of(&mut stream, "message").await;
    drop(stream);
    alice.send("general", "two").await;
    alice.send("general", "three").await;

    // The load balancer sends the reconnection to the other node.
    let bob_on_b = on_node(&b, "bob").await;
    let mut stream = bob_on_b.events(Some(&last_seen)).await;
    assert_eq!(next_contents(&mut stream, 2).await, ["two", "three"]);
}

#[tokio::test]
async fn a_node_started_later_replays_what_was_published_before_it_started() {
    let a = TestServer::start(Db::Postgres).await;
    let alice = a.user("alice").await;
    let bob = a.user("bob").await;
    let mut stream = bob.events(None).await;
    alice.send("general", "before").await;
    let (last_seen, _) = next_of(&mut stream, "message").await;
    alice.send("general", "while away").await;

    let b = a.another_node().await;
    let bob_on_b = on_node(&b, "bob").await;
    let mut stream = bob_on_b.events(Some(&last_seen)).await;
    let (_, data) = next_of(&mut stream, "message").await;
    assert_eq!(data["messages"][0]["content"], "while away");
}

#[tokio::test]
async fn logging_out_on_one_node_ends_the_sessions_streams_on_every_node() {
    let (a, b) = two_nodes().await;
    let bob = a.user("bob").await;
    // The same browser (same session cookie) behind a load balancer: its stream went to node B.
    let cookie = a.session_cookie("bob").await;
    let on_b = b.bare();
    let response = on_b.get("/events").header("cookie", &cookie).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = common::EventStream::from_response(response);
    let on_a = a.bare();
    assert_eq!(on_a.post("/logout").header("cookie", &cookie).send().await.unwrap().status(), 302);
    let started = Instant::now();
    assert!(stream.ends_within(Duration::from_secs(2)).await, "the stream on node B closed");
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(bob);
}

#[tokio::test]
async fn typing_and_presence_reported_on_one_node_show_on_the_others() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = b.user("bob").await;

    assert_eq!(alice.post_empty("/typing/general").await.status, 204);
    let deadline = Instant::now() + Duration::from_secs(1);
    loop {
        let typing: Vec<String> = bob.get_json("/typing/general").await;
        if typing == ["alice"] {
            break;
        }
        assert!(Instant::now() < deadline, "alice's typing reached node B within a second: {typing:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    assert_eq!(alice.post_json("/presence", &serde_json::json!({"state": "idle"})).await.status, 204);
    let deadline = Instant::now() + Duration::from_secs(1);
    loop {
        let online: Value = bob.get_json("/online_users").await;
        if online["alice"] == "idle" {
            break;
        }
        assert!(Instant::now() < deadline, "alice's presence reached node B within a second: {online}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn an_event_too_large_for_a_notification_arrives_by_reference() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = b.user("bob").await;
    let mut stream = bob.events(None).await;
    // Three bytes per character: well over NOTIFY's 8,000-byte payload limit.
    let long = "字".repeat(3_500);
    alice.send("general", &long).await;
    let (_, data) = next_of(&mut stream, "message").await;
    assert_eq!(data["messages"][0]["content"], long.as_str());
}

#[tokio::test]
async fn a_listener_that_loses_its_connection_catches_up_without_a_resync() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = b.user("bob").await;
    let mut stream = bob.events(None).await;
    alice.send("general", "before").await;
    next_of(&mut stream, "message").await;

    kill_listeners(&a);
    for n in 0..5 {
        alice.send("general", &format!("during {n}")).await;
    }
    assert_eq!(next_contents(&mut stream, 5).await, (0..5).map(|n| format!("during {n}")).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_node_whose_missed_events_were_pruned_tells_its_clients_to_resync() {
    let (a, b) = two_nodes().await;
    let alice = a.user("alice").await;
    let bob = b.user("bob").await;
    let mut stream = bob.events(None).await;
    alice.send("general", "seen").await;
    let (last_seen, _) = next_of(&mut stream, "message").await;

    // Everything after what the nodes have delivered is gone from the log (as if pruned while a
    // node was cut off): the next id in the log is far ahead.
    execute(&a, "DELETE FROM event_log");
    execute(
        &a,
        "INSERT INTO event_log (id, audience, kind, data) \
         SELECT nextval('event_log_ids') + 50000, NULL, 'resync', '{}'",
    );
    execute(&a, "SELECT setval('event_log_ids', (SELECT max(id) FROM event_log))");
    kill_listeners(&a);

    assert!(stream.ends_within(SOON).await, "the stream is closed once the node finds events lost");
    let mut stream = bob.events(Some(&last_seen)).await;
    let (_, kind, _) = stream.next(SOON).await.expect("an answer to the reconnection");
    assert_eq!(kind, "resync");
}

#[tokio::test]
async fn readiness_reports_the_event_listener_of_a_postgres_node() {
    let a = TestServer::start(Db::Postgres).await;
    let probe = a.bare();
    let listener_ok = || async {
        // 503 until every check passes: the body lists the checks either way.
        let report: Value = probe.fetch("/readyz").await.json();
        report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "event_listener").map(|c| c["ok"] == true)
    };
    let deadline = Instant::now() + SOON;
    while listener_ok().await != Some(true) {
        assert!(Instant::now() < deadline, "the listener is reported connected");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sqlite = TestServer::start(Db::Sqlite).await;
    let report: Value = sqlite.bare().get_json("/readyz").await;
    assert!(
        !report["checks"].as_array().unwrap().iter().any(|c| c["name"] == "event_listener"),
        "a single SQLite node has no listener: {report}"
    );
}
