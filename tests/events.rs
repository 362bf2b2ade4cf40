//! The live event stream: changes arrive within moments, only for those who may see them, and a
//! reconnecting client catches up.
mod common;

use std::time::Duration;

use common::TestServer;

on_both_backends! {
    async fn a_message_reaches_the_open_streams_of_those_who_may_see_it(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let eve = server.user("eve").await;
        let mut bob_stream = bob.events(None).await;
        let mut eve_stream = eve.events(None).await;

        alice.send("dm:alice:bob", "for bob only").await;
        let started = std::time::Instant::now();
        let (_, kind, data) = bob_stream.next(Duration::from_secs(5)).await.expect("bob gets the DM");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(kind, "message");
        assert_eq!(data["channel"], "dm:alice:bob");
        assert_eq!(data["messages"][0]["content"], "for bob only");
        assert_eq!(data["messages"][0]["sender"], "alice");

        alice.send("general", "hello all").await;
        let (_, _, data) = eve_stream.next(Duration::from_secs(5)).await.expect("eve gets the public message");
        assert_eq!(data["channel"], "general", "eve's first event is the public one, not the DM");
        let (_, _, data) = bob_stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(data["messages"][0]["content"], "hello all");

        // Edits and deletions are pushed as the changed rows.
        let id = data["messages"][0]["id"].as_i64().unwrap();
        alice.edit(id, "hello everyone").await;
        let (_, _, data) = bob_stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(data["messages"][0]["content"], "hello everyone");
        assert_eq!(data["messages"][0]["edited"], 1);
        alice.delete_message(id).await;
        let (_, _, data) = bob_stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(data["messages"][0]["deleted"], 1);
        assert!(data["messages"][0]["content"].is_null());
        assert!(eve_stream.next(Duration::from_millis(300)).await.is_some(), "eve sees the public edit");
    }
}

#[tokio::test]
async fn a_reconnecting_client_gets_what_it_missed() {
    let server = TestServer::start(common::Db::Sqlite).await;
    let alice = server.user("alice").await;
    let bob = server.user("bob").await;
    let mut stream = bob.events(None).await;
    alice.send("general", "one").await;
    let (first_id, _, _) = stream.next(Duration::from_secs(5)).await.unwrap();
    drop(stream);
    alice.send("general", "two").await;
    alice.send("general", "three").await;
    let mut stream = bob.events(Some(&first_id)).await;
    let (_, _, two) = stream.next(Duration::from_secs(5)).await.unwrap();
    let (_, _, three) = stream.next(Duration::from_secs(5)).await.unwrap();
    assert_eq!(two["messages"][0]["content"], "two");
    assert_eq!(three["messages"][0]["content"], "three");

    let mut stream = bob.events(Some("0")).await;
    let (id, _, _) = stream.next(Duration::from_secs(5)).await.unwrap();
    assert_eq!(id, "1", "id 0 replays from the start of what is kept");
    // The sign-ups' presence events come first, then the messages.
    loop {
        let (_, kind, data) = stream.next(Duration::from_secs(5)).await.unwrap();
        if kind == "message" {
            assert_eq!(data["messages"][0]["content"], "one");
            break;
        }
        assert_eq!(kind, "presence");
    }
}

#[tokio::test]
async fn logging_out_closes_the_sessions_stream() {
    let server = TestServer::start(common::Db::Sqlite).await;
    let bob = server.user("bob").await;
    let mut stream = bob.events(None).await;
    bob.post_empty("/logout").await;
    assert!(stream.ends_within(Duration::from_secs(5)).await, "the stream closed");
    assert_eq!(bob.fetch("/events").await.status, 302);
}

/// A `GET /events` over a socket with a tiny receive buffer that is not read until asked: a client
/// that stops reading.
struct StalledStream {
    socket: tokio::net::TcpStream,
}

impl StalledStream {
    async fn open(server: &TestServer, cookie: &str) -> StalledStream {
        use tokio::io::AsyncWriteExt;
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut socket = socket.connect(server.addr).await.unwrap();
        let request = format!(
            "GET /events HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
            server.addr
        );
        socket.write_all(request.as_bytes()).await.unwrap();
        StalledStream { socket }
    }

    /// Reads the whole response: the ids and data of its events, and whether the server ended it
    /// (false if it was still open after `wait` of silence).
    async fn read_to_end(mut self, wait: Duration) -> (Vec<(u64, serde_json::Value)>, bool) {
        use tokio::io::AsyncReadExt;
        let mut raw = Vec::new();
        let mut ended = false;
        let mut buffer = vec![0u8; 64 * 1024];
        while let Ok(Ok(read)) = tokio::time::timeout(wait, self.socket.read(&mut buffer)).await {
            if read == 0 {
                break;
            }
            raw.extend_from_slice(&buffer[..read]);
            if raw.ends_with(b"\r\n0\r\n\r\n") {
                ended = true;
                break;
            }
        }
        let text = String::from_utf8(raw).unwrap();
        let (head, mut body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.to_ascii_lowercase().contains("transfer-encoding: chunked"), "{head}");
        // De-chunk.
        let mut payload = String::new();
        while let Some((size, rest)) = body.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            if size == 0 || rest.len() < size {
                break;
            }
            payload.push_str(&rest[..size]);
            body = rest[size..].strip_prefix("\r\n").unwrap_or("");
        }
        let mut events = Vec::new();
        for block in payload.split("\n\n") {
            let (mut id, mut data) = (None, None);
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("id: ") {
                    id = v.parse::<u64>().ok()
                }
                if let Some(v) = line.strip_prefix("data: ") {
                    data = serde_json::from_str(v).ok()
                }
            }
            if let (Some(id), Some(data)) = (id, data) {
                events.push((id, data));
            }
        }
        (events, ended)
    }
}

on_both_backends_with_settings!(
    minimost::Settings { event_stream_buffer_kb: 32, ..common::test_settings() },
    async fn a_stream_that_stops_reading_is_closed_and_its_client_resumes_by_replay(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let stalled = StalledStream::open(&server, &server.session_cookie("bob").await).await;
        // Bob's other tab reads along, and is not closed.
        let mut reading = bob.events(None).await;
        // Far more than the socket buffers (the kernel's can grow to 4 MiB) and the stream's 32 KiB:
        // 100 messages of 64 KB.
        let sent = 100;
        let mut texts = Vec::new();
        for n in 0..sent {
            let text = format!("{n:03}{}", "😀".repeat(15_990));
            alice.send("general", &text).await;
            let (_, _, data) = reading.next(Duration::from_secs(5)).await.expect("the reading stream keeps up");
            assert_eq!(data["messages"][0]["content"], text.as_str());
            texts.push(text);
        }
        let (received, ended) = stalled.read_to_end(Duration::from_secs(5)).await;
        assert!(ended, "the stream that stopped reading was closed (got {} events)", received.len());
        assert!(received.len() < sent, "it fell behind, so it was closed before the end");
        for (index, (_, data)) in received.iter().enumerate() {
            assert_eq!(data["messages"][0]["content"], texts[index].as_str(), "in order, none skipped");
        }
        // The client reconnects where it stopped and is replayed the rest.
        let last = received.last().map_or("0".to_string(), |(id, _)| id.to_string());
        let mut resumed = bob.events(Some(&last)).await;
        for text in &texts[received.len()..] {
            let (_, kind, data) = resumed.next(Duration::from_secs(5)).await.expect("replayed");
            assert_eq!(kind, "message");
            assert_eq!(data["messages"][0]["content"], text.as_str());
        }
        assert!(resumed.next(Duration::from_millis(300)).await.is_none());
    }
);

on_both_backends! {
    async fn deleting_the_account_closes_its_streams_and_the_name_registered_again_gets_none_of_them(server: TestServer) {
        let alice = server.user("alice").await;
        for kind in ["soft", "hard"] {
            let bob = server.user("bob").await;
            let mut first = bob.events(None).await;
            // Another session of the same account, opened before the deletion.
            let other_tab = server.guest();
            let login = other_tab.log_in("bob", common::PASSWORD).await;
            assert_eq!(login.status, 302);
            let mut second = other_tab.events(None).await;
            alice.send("dm:alice:bob", "before").await;
            assert!(first.next(Duration::from_secs(5)).await.is_some());
            assert!(second.next(Duration::from_secs(5)).await.is_some());

            let response = bob.delete_account(&serde_json::json!({"type": kind, "password": common::PASSWORD})).await;
            assert_eq!(response.status, 200, "{kind} deletion");
            assert!(first.ends_within(Duration::from_secs(5)).await, "{kind}: the deleting session's stream closed");
            assert!(second.ends_within(Duration::from_secs(5)).await, "{kind}: the other session's stream closed");

            // Someone else takes the name: the old streams are gone, not listening in.
            let new_bob = server.user("bob").await;
            let mut fresh = new_bob.events(None).await;
            alice.send("dm:alice:bob", "to the new bob").await;
            let (_, _, data) = fresh.next(Duration::from_secs(5)).await.expect("the new account's own stream works");
            assert_eq!(data["messages"][0]["content"], "to the new bob");
            let response = new_bob.delete_account(&serde_json::json!({"type": "hard", "password": common::PASSWORD})).await;
            assert_eq!(response.status, 200);
            assert!(fresh.ends_within(Duration::from_secs(5)).await);
        }
    }
}

on_both_backends_with_settings!(
    // Sessions expire after 2 seconds without use.
    minimost::Settings { session_idle_days: 2.0 / 86_400.0, ..common::test_settings() },
    async fn a_stream_ends_when_its_session_expires(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let opened = std::time::Instant::now();
        let mut stream = bob.events(None).await;
        alice.send("general", "while the session lasts").await;
        assert!(stream.next(Duration::from_secs(1)).await.is_some());
        assert!(stream.ends_within(Duration::from_secs(6)).await, "the stream closed when the session expired");
        assert!(opened.elapsed() >= Duration::from_millis(1500), "not before: {:?}", opened.elapsed());
        assert_eq!(bob.fetch("/events").await.status, 302);
    }
);

on_both_backends_with_settings!(
    // A quarter of a MiB of history: three or four of the largest messages.
    minimost::Settings { event_replay_buffer_mb: 0.25, ..common::test_settings() },
    async fn replay_history_is_bounded_in_bytes(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let mut stream = bob.events(None).await;
        let mut ids = Vec::new();
        for n in 0..10 {
            alice.send("general", &format!("{n}{}", "😀".repeat(15_990))).await;
            let (id, _, _) = stream.next(Duration::from_secs(5)).await.unwrap();
            ids.push(id);
        }
        drop(stream);
        // The first messages are no longer kept: a client that last saw one of them must reload.
        let mut stream = bob.events(Some(&ids[0])).await;
        let (_, kind, _) = stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(kind, "resync");
        // The last ones are.
        let mut stream = bob.events(Some(&ids[7])).await;
        for (n, expected_id) in ids.iter().enumerate().skip(8) {
            let (id, kind, data) = stream.next(Duration::from_secs(5)).await.unwrap();
            assert_eq!((id.as_str(), kind.as_str()), (expected_id.as_str(), "message"));
            assert!(data["messages"][0]["content"].as_str().unwrap().starts_with(&n.to_string()));
        }
    }
);
