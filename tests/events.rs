//! The live event stream: changes arrive within moments, only for those who may see them, and a
//! reconnecting client catches up.
mod common;

use std::time::Duration;

use common::{EventStream as Stream, TestServer};

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) {
    let response = client.post(server.url(&format!("/send/{channel}"))).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200, "send to {channel}");
}

on_both_backends! {
    async fn a_message_reaches_the_open_streams_of_those_who_may_see_it(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let eve = server.user("eve").await;
        let mut bob_stream = Stream::open(&server, &bob, None).await;
        let mut eve_stream = Stream::open(&server, &eve, None).await;

        send(&server, &alice, "dm:alice:bob", "for bob only").await;
        let started = std::time::Instant::now();
        let (_, kind, data) = bob_stream.next(Duration::from_secs(5)).await.expect("bob gets the DM");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(kind, "message");
        assert_eq!(data["channel"], "dm:alice:bob");
        assert_eq!(data["messages"][0]["content"], "for bob only");
        assert_eq!(data["messages"][0]["sender"], "alice");

        send(&server, &alice, "general", "hello all").await;
        let (_, _, data) = eve_stream.next(Duration::from_secs(5)).await.expect("eve gets the public message");
        assert_eq!(data["channel"], "general", "eve's first event is the public one, not the DM");
        let (_, _, data) = bob_stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(data["messages"][0]["content"], "hello all");

        // Edits and deletions are pushed as the changed rows.
        let id = data["messages"][0]["id"].as_i64().unwrap();
        alice.post(server.url(&format!("/edit/{id}"))).form(&[("text", "hello everyone")]).send().await.unwrap();
        let (_, _, data) = bob_stream.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(data["messages"][0]["content"], "hello everyone");
        assert_eq!(data["messages"][0]["edited"], 1);
        alice.post(server.url(&format!("/delete/{id}"))).send().await.unwrap();
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
    let mut stream = Stream::open(&server, &bob, None).await;
    send(&server, &alice, "general", "one").await;
    let (first_id, _, _) = stream.next(Duration::from_secs(5)).await.unwrap();
    drop(stream);
    send(&server, &alice, "general", "two").await;
    send(&server, &alice, "general", "three").await;
    let mut stream = Stream::open(&server, &bob, Some(&first_id)).await;
    let (_, _, two) = stream.next(Duration::from_secs(5)).await.unwrap();
    let (_, _, three) = stream.next(Duration::from_secs(5)).await.unwrap();
    assert_eq!(two["messages"][0]["content"], "two");
    assert_eq!(three["messages"][0]["content"], "three");

    let mut stream = Stream::open(&server, &bob, Some("0")).await;
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
    let mut stream = Stream::open(&server, &bob, None).await;
    bob.post(server.url("/logout")).send().await.unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.response.chunk().await {
                Ok(Some(_)) => continue,
                _ => return,
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream closed");
    assert_eq!(bob.get(server.url("/events")).send().await.unwrap().status(), 302);
}
