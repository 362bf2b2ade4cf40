//! Resource limits over real HTTP, on both backends: each test replays an attack a red team ran
//! against an earlier build, at a size that runs in seconds (lowered limits through settings).
mod common;

use std::time::Instant;

use common::{test_settings, RequestExt, TestServer, PASSWORD, PNG};
use diesel::prelude::*;
use minimost::store::schema::{messages, reactions};
use minimost::store::{channels, users, DbConnection};
use minimost::Settings;
use serde_json::{json, Value};

/// More sends than SQLite binds variables in one statement (32,766).
const MORE_THAN_BIND_LIMIT: i64 = 33_000;

/// `count` one-word messages from `sender` in `channel`, each with one reaction of `sender`,
/// written straight into the store in bulk (sending them over HTTP would take minutes).
fn seed_reacted_messages(server: &TestServer, channel: &str, sender: &str, count: i64) {
    let mut conn = server.connect();
    let sender_id = users::find_by_key(&mut conn, sender).unwrap().unwrap().id;
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let ts = channels::tick(conn, channel, channels::KIND_PUBLIC)?;
        let first_id: i64 =
            messages::table.select(diesel::dsl::max(messages::id)).first::<Option<i64>>(conn)?.unwrap_or(0) + 1;
        let ids: Vec<i64> = (first_id..first_id + count).collect();
        for chunk in ids.chunks(1000) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|&id| {
                    (
                        messages::id.eq(id),
                        messages::channel.eq(channel),
                        messages::send_id.eq(id),
                        messages::sender.eq(sender),
                        messages::sender_id.eq(Some(sender_id)),
                        messages::is_system.eq(0),
                        messages::content.eq(Some("hi")),
                        messages::ts.eq(ts),
                        messages::reactions_ts.eq(Some(ts)),
                        messages::changed_ts.eq(ts),
                    )
                })
                .collect();
            match conn {
                DbConnection::Sqlite(c) => diesel::insert_into(messages::table).values(&rows).execute(c)?,
                DbConnection::Postgres(c) => diesel::insert_into(messages::table).values(&rows).execute(c)?,
            };
            let reacted: Vec<_> = chunk
                .iter()
                .map(|&id| {
                    (
                        reactions::send_id.eq(id),
                        reactions::name.eq("thumbsup"),
                        reactions::user_id.eq(sender_id),
                        reactions::created_at.eq(ts),
                    )
                })
                .collect();
            match conn {
                DbConnection::Sqlite(c) => diesel::insert_into(reactions::table).values(&reacted).execute(c)?,
                DbConnection::Postgres(c) => diesel::insert_into(reactions::table).values(&reacted).execute(c)?,
            };
        }
        Ok(())
    })
    .expect("seed messages");
    if let DbConnection::Postgres(pg) = &mut conn {
        // Later sends take ids after the seeded ones.
        diesel::sql_query("SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT max(id) FROM messages))")
            .execute(pg)
            .expect("move the id sequence");
    }
}

on_both_backends! {
    async fn a_channel_with_more_reacted_messages_than_bind_variables_still_loads(server: TestServer) {
        let mallory = server.user("mallory").await;
        let bob = server.user("bob").await;
        seed_reacted_messages(&server, "general", "mallory", MORE_THAN_BIND_LIMIT);
        let response = bob.fetch("/messages/general?after=0").await;
        assert_eq!(response.status, 200, "{}", response.text());
        let all: Vec<Value> = response.json();
        assert_eq!(all.len() as i64, MORE_THAN_BIND_LIMIT);
        assert_eq!(all[0]["reactions"], r#"{"thumbsup": ["mallory"]}"#);
        // The account with that many reactions can still be deleted, and everyone sees the change.
        let deleted = mallory.post_json("/delete_account", &json!({"password": PASSWORD, "type": "hard"})).await;
        assert_eq!(deleted.status, 200, "{}", deleted.text());
        let after: Vec<Value> = bob.fetch("/messages/general?after=0").await.json();
        assert!(after.iter().all(|m| m["reactions"] != all[0]["reactions"]), "the deleted account's reactions are gone");
    }
}

on_both_backends! {
    async fn private_channels_have_at_most_the_configured_members(server: TestServer) {
        let _ = server;
        let settings = Settings { max_private_channel_members: 3, max_request_body_kb: 8, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        let alice = server.user("alice").await;
        for name in ["bob", "carol", "dave"] {
            server.user(name).await;
        }
        let create = |members: Value| {
            let request = alice.post("/private_channels/create").json(&json!({"name": "crew", "members": members}));
            async move {
                let response = request.reply().await;
                (response.code(), response.text())
            }
        };
        assert_eq!(create(json!(["bob", "carol", "dave"])).await, (400, "too many members (max 3)".to_string()));
        // Duplicates and the creator listed again do not count twice.
        let (status, body) = create(json!(["bob", "carol", "bob", "alice", " carol "])).await;
        assert_eq!(status, 200, "{body}");
        let channel = serde_json::from_str::<Value>(&body).unwrap()["id"].as_i64().unwrap();
        let add = alice.post_json(&format!("/private_channels/{channel}/add_member"), &json!({"username": "dave"})).await;
        assert_eq!(add.status, 400);
        assert_eq!(add.text(), "too many members (max 3)");
        // A huge list is refused by the body limit before anything parses it (the red team's
        // 200,000 names stalled both worker threads for 35 s).
        let names: Vec<String> = (0..20_000).map(|n| format!("u{n}")).collect();
        let started = Instant::now();
        let (status, _) = create(json!(names)).await;
        assert_eq!(status, 413);
        assert!(started.elapsed().as_secs() < 5);
    }
}

/// Sends `head` and then the body pieces over a raw socket, and returns the answer's status line
/// and body. The server may answer and close before the whole body is sent (it refuses a body at
/// the first byte or part too many), which an HTTP client library reports as a broken pipe.
async fn raw_request(server: &TestServer, head: &str, pieces: impl IntoIterator<Item = Vec<u8>>) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    for piece in pieces {
        if socket.write_all(&piece).await.is_err() {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), socket.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.lines().next().unwrap_or("").to_string();
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body).to_string();
    (status, body)
}

/// Posts a `/login` body of `kib` 1 KiB chunks with `Transfer-Encoding: chunked`; the status line.
async fn chunked_login_status(server: &TestServer, kib: usize) -> String {
    let head = "POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
    let chunk = format!("400\r\n{}\r\n", "a".repeat(1024)).into_bytes();
    let pieces = std::iter::repeat_n(chunk, kib).chain([b"0\r\n\r\n".to_vec()]);
    raw_request(server, head, pieces).await.0
}

on_both_backends! {
    async fn bodies_are_limited_by_route_class(server: TestServer) {
        let _ = server;
        let settings = Settings { max_anonymous_body_kb: 4, max_request_body_kb: 16, max_upload_size_mb: 1.0, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        let alice = server.user("alice").await;
        // Anonymous: sign-in forms are small; a body of `a=&a=&…` beyond 4 KiB is refused unread.
        let flood = "a=&".repeat(2000);
        let response = server.guest().post("/login").header("content-type", "application/x-www-form-urlencoded").body(flood).reply().await;
        assert_eq!(response.status, 413);
        assert_eq!(response.text(), "request too large (max 4096 bytes)");
        // Signed in, without files: JSON bodies are limited to 16 KiB (a presence array of zeros).
        let zeros = format!("[{}0]", "0,".repeat(10_000));
        let response = alice.post("/presence").header("content-type", "application/json").body(zeros).reply().await;
        assert_eq!(response.status, 413);
        // The same holds for a body sent without a Content-Length (chunked): reading stops at the limit.
        assert_eq!(chunked_login_status(&server, 40).await, "HTTP/1.1 413 Payload Too Large");
        // Messages with attachments take the upload limit; a long text still fits a form.
        let text = "é".repeat(16_000);
        alice.send("general", &text).await;
        alice.send_images("general", "pics", 2).await;
    }
}

on_both_backends! {
    async fn a_message_carries_at_most_the_configured_number_of_files(server: TestServer) {
        let _ = server;
        let settings = Settings { max_files_per_message: 3, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        let alice = server.user("alice").await;
        alice.send_images("general", "three", 3).await;
        // The red team's shape: 5,000 one-image parts in one request.
        let boundary = "xyzzy";
        let part = |n: usize| {
            let mut part = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p{n}.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
            part.extend_from_slice(PNG);
            part.extend_from_slice(b"\r\n");
            part
        };
        let parts: Vec<Vec<u8>> = (0..5000).map(part).chain([format!("--{boundary}--\r\n").into_bytes()]).collect();
        let length: usize = parts.iter().map(Vec::len).sum();
        let head = format!(
            "POST /send/general HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: application/json\r\nCookie: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n",
            server.session_cookie("alice").await
        );
        let (status, body) = raw_request(&server, &head, parts).await;
        assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
        assert_eq!(body, "too many files (max 3)");
        let all = alice.messages("general").await;
        assert_eq!(all.len(), 4, "the refused send stored nothing: {all:?}");
        let stored = server.files_in("uploads").len();
        assert_eq!(stored, 3, "no file of the refused send stays on disk");
    }
}

on_both_backends! {
    async fn text_with_a_nul_character_gets_400_not_a_server_error(server: TestServer) {
        let alice = server.user("alice").await;
        let anonymous = server.guest().post("/login").body("username=a%00&password=x").header("content-type", "application/x-www-form-urlencoded").reply().await;
        assert_eq!(anonymous.status, 400);
        let send = alice.try_send("general", "a\0b").await;
        assert_eq!(send.status, 400);
        assert_eq!(send.text(), "invalid field text: must not contain NUL characters");
        let settings = alice.post_json("/settings", &json!({"bio": "x\u{0}"})).await;
        assert_eq!(settings.status, 400);
        let channel = alice.post_json("/private_channels/create", &json!({"name": "a\u{0}"})).await;
        assert_eq!(channel.status, 400);
        assert_eq!(alice.fetch("/profile/a%00b").await.status, 404);
        assert!(alice.messages("general").await.is_empty());
    }
}
