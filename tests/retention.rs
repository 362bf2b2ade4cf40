//! The retention cleanup with retentions of seconds: expired messages and uploads go, pollers and
//! live streams learn of them as deletions, avatars stay, and on a cluster one node at a time runs
//! it (the PostgreSQL advisory lock).
mod common;

use std::time::{Duration, Instant};

use common::{file_part, TestServer, PNG};
use serde_json::Value;

const DAY: f64 = 86_400.0;

/// Retentions in seconds, the cleanup every half second.
fn settings(message_seconds: f64, image_seconds: f64) -> minimost::Settings {
    minimost::Settings {
        message_retention_days: message_seconds / DAY,
        image_retention_days: image_seconds / DAY,
        file_retention_days: image_seconds / DAY,
        retention_interval_hours: 0.5 / 3600.0,
        ..common::test_settings()
    }
}

/// Polls `channel` from 0 until `done` holds for the rows, for at most 20 seconds.
async fn poll_until(user: &common::User, channel: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let rows = user.poll(channel, 0).await;
        if done(&rows) {
            return rows;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "not reached in time; last poll: {rows:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn avatar_form() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part("avatar", file_part("me.png", PNG))
}

on_both_backends_with_settings! {
    settings(3.0, 1_000.0),
    async fn expired_messages_become_deletions_for_pollers_and_streams_and_avatars_stay(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(alice.upload_avatar(avatar_form()).await.code(), 200);
        let mut stream = bob.events(None).await;
        let sent = Instant::now();
        alice.send("general", "old news").await;
        let reply = alice.send_files("dm:alice:bob", Some("a picture"), &[("p.png", PNG)]).await;
        assert_eq!(reply.code(), 200);
        let first = bob.poll("general", 0).await;
        assert_eq!(first.len(), 1);
        let seen = first[0]["ts"].as_f64().unwrap();
        assert_eq!(server.files_in("uploads").len(), 1);

        let rows = poll_until(&bob, "general", |rows| rows.first().is_some_and(|r| r["deleted"] == 1)).await;
        assert!(sent.elapsed() >= Duration::from_secs(3), "nothing goes before its retention has passed");
        assert!(rows[0]["content"].is_null());
        let changed = bob.poll("general", seen).await;
        assert_eq!(changed.len(), 1, "a poller with `after` receives the deletion");
        assert_eq!(changed[0]["deleted"], 1);
        let dm = poll_until(&bob, "dm:alice:bob", |rows| rows.len() == 2 && rows.iter().all(|r| r["deleted"] == 1)).await;
        assert!(dm.iter().all(|r| r["filename"].is_null()));

        let mut deletions = 0;
        while let Some((_, kind, data)) = stream.next(Duration::from_secs(2)).await {
            if kind == "message" && data["messages"].as_array().unwrap().iter().all(|m| m["deleted"] == 1) {
                deletions += 1;
            }
            if deletions == 2 {
                break;
            }
        }
        assert_eq!(deletions, 2, "the live stream was told of both expired sends");

        let started = Instant::now();
        while !server.files_in("uploads").is_empty() {
            assert!(started.elapsed() < Duration::from_secs(10), "the expired upload is removed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(server.files_in("avatars").len(), 1, "avatars are never removed");
        assert_eq!(bob.fetch("/avatar/alice").await.code(), 200);

        // The tombstones themselves go once they are older than the retention.
        poll_until(&bob, "general", |rows| rows.is_empty()).await;
        alice.send("general", "new").await;
        let fresh = bob.poll("general", 0).await;
        assert_eq!((fresh.len(), fresh[0]["content"].as_str()), (1, Some("new")), "new messages are unaffected");
    }
}

on_both_backends_with_settings! {
    settings(1_000.0, 2.0),
    async fn image_retention_removes_the_attachment_and_keeps_the_text(server: TestServer) {
        let alice = server.user("alice").await;
        let reply = alice.send_files("general", Some("see attached"), &[("p.png", PNG)]).await;
        assert_eq!(reply.code(), 200);
        let rows = poll_until(&alice, "general", |rows| rows.len() == 2 && rows[1]["deleted"] == 1).await;
        assert_eq!(rows[0]["deleted"], 0, "the text stays");
        assert_eq!(rows[0]["content"], "see attached");
        let started = Instant::now();
        while !server.files_in("uploads").is_empty() {
            assert!(started.elapsed() < Duration::from_secs(10), "the image is removed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

on_postgres! {
    async fn while_another_node_holds_the_retention_lock_this_one_skips_the_cleanup() {
        use diesel::RunQueryDsl;
        let server = TestServer::start_with(common::Db::Postgres, settings(1.0, 1_000.0)).await;
        let alice = server.user("alice").await;
        let mut holder = server.connect();
        let lock = minimost::store::retention::RETENTION_LOCK;
        let minimost::store::DbConnection::Postgres(pg) = &mut holder else { unreachable!() };
        diesel::sql_query(format!("SELECT pg_advisory_lock({lock})")).execute(pg).unwrap();
        // A round already running when the lock was taken may still finish: wait it out.
        tokio::time::sleep(Duration::from_secs(1)).await;
        alice.send("general", "kept while the lock is held").await;
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert_eq!(alice.poll("general", 0).await[0]["deleted"], 0, "no node ran the cleanup");
        diesel::sql_query(format!("SELECT pg_advisory_unlock({lock})")).execute(pg).unwrap();
        poll_until(&alice, "general", |rows| rows.is_empty() || rows[0]["deleted"] == 1).await;
    }
}
