//! The live events of the people API: presence changes, typing starts, private channel changes and
//! account deletions reach exactly those who could see the same through polling.
mod common;

use std::time::Duration;

use common::{EventStream as Stream, User, PASSWORD};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(5);
const QUIET: Duration = Duration::from_millis(400);

/// `POST path` with a JSON body, which must answer 200: the answer, parsed when it is JSON.
async fn post_ok(user: &User, path: &str, body: Value) -> Value {
    let (status, answer) = user.post_json(path, &body).await.status_json();
    assert_eq!(status, 200, "{path}");
    answer
}

async fn next_of(stream: &mut Stream) -> (String, Value) {
    let (_, kind, data) = stream.next(WAIT).await.expect("an event");
    (kind, data)
}

on_both_backends! {
    async fn presence_events_tell_what_others_see_and_only_when_it_changes(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let mut stream = bob.events(None).await;

        assert_eq!(alice.set_presence("idle").await.status, 204);
        assert_eq!(next_of(&mut stream).await, ("presence".into(), json!({"user": "alice", "state": "idle"})));
        assert_eq!(alice.set_presence("idle").await.status, 204);
        assert!(stream.next(QUIET).await.is_none(), "a heartbeat with the same state is not news");
        assert_eq!(alice.set_presence("hidden").await.status, 204);
        assert_eq!(next_of(&mut stream).await, ("presence".into(), json!({"user": "alice", "state": "hidden"})));
        assert_eq!(alice.set_presence("offline").await.status, 204);
        assert_eq!(next_of(&mut stream).await, ("presence".into(), json!({"user": "alice", "state": "offline"})));
        assert_eq!(alice.set_presence("offline").await.status, 204);
        assert!(stream.next(QUIET).await.is_none(), "offline again is not news");
        let login = alice.log_in("alice", PASSWORD).await;
        assert_eq!(login.status, 302);
        assert_eq!(next_of(&mut stream).await, ("presence".into(), json!({"user": "alice", "state": "active"})));
        alice.log_out().await;
        assert_eq!(next_of(&mut stream).await, ("presence".into(), json!({"user": "alice", "state": "offline"})));
    }
}

on_both_backends! {
    async fn typing_events_reach_the_conversation_when_someone_starts(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let mut bob_stream = bob.events(None).await;
        let mut carol_stream = carol.events(None).await;

        assert_eq!(alice.post_empty("/typing/dm:bob:alice").await.status, 204);
        assert_eq!(next_of(&mut bob_stream).await, ("typing".into(), json!({"channel": "dm:alice:bob", "user": "alice"})));
        alice.post_empty("/typing/dm:alice:bob").await;
        assert!(bob_stream.next(QUIET).await.is_none(), "still typing is not a new start");

        alice.post_empty("/typing/general").await;
        assert_eq!(next_of(&mut carol_stream).await, ("typing".into(), json!({"channel": "general", "user": "alice"})), "carol never hears of the DM");
        assert_eq!(next_of(&mut bob_stream).await.1["channel"], "general");
    }
}

on_both_backends! {
    async fn private_channel_changes_reach_members_only(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let mut bob_stream = bob.events(None).await;
        let mut carol_stream = carol.events(None).await;

        let created = post_ok(&alice, "/private_channels/create", json!({"name": "crew", "members": ["bob"]})).await;
        let channel = created["channel"].as_str().unwrap().to_string();
        assert_eq!(next_of(&mut bob_stream).await, ("channels".into(), json!({"channel": channel})));

        let id = created["id"].as_i64().unwrap();
        post_ok(&alice, &format!("/private_channels/{id}/rename"), json!({"name": "launch"})).await;
        let (kind, data) = next_of(&mut bob_stream).await;
        assert_eq!(kind, "message");
        assert_eq!(data["channel"], json!(channel));
        assert_eq!(data["messages"][0]["sender"], "system");
        assert_eq!(data["messages"][0]["content"], "alice has renamed the channel to \"launch\"");
        assert_eq!(next_of(&mut bob_stream).await, ("channels".into(), json!({"channel": channel})));
        assert!(carol_stream.next(QUIET).await.is_none(), "outsiders hear nothing");

        post_ok(&bob, &format!("/private_channels/{id}/add_member"), json!({"username": "carol"})).await;
        let (kind, data) = next_of(&mut carol_stream).await;
        assert_eq!(kind, "message", "the newcomer gets the notice");
        assert_eq!(data["messages"][0]["content"], "bob added carol to this channel");
        assert_eq!(next_of(&mut carol_stream).await.0, "channels");
        assert_eq!(next_of(&mut bob_stream).await.0, "message");
        assert_eq!(next_of(&mut bob_stream).await.0, "channels");

        post_ok(&bob, &format!("/private_channels/{id}/leave"), json!({})).await;
        let (kind, data) = next_of(&mut carol_stream).await;
        assert_eq!((kind.as_str(), data["messages"][0]["content"].as_str()), ("message", Some("bob has left the channel")));
        assert_eq!(next_of(&mut carol_stream).await.0, "channels");
        assert_eq!(next_of(&mut bob_stream).await, ("channels".into(), json!({"channel": channel})), "the leaver's list changes, no notice for them");
        assert!(bob_stream.next(QUIET).await.is_none());
    }
}

on_both_backends! {
    async fn account_deletion_pushes_tombstones_and_the_user_going_offline(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let response = alice.post_form("/send/dm:alice:bob", &[("text", "secret")]).await;
        assert_eq!(response.status, 200);
        let created = post_ok(&alice, "/private_channels/create", json!({"name": "crew", "members": ["bob"]})).await;
        let mut bob_stream = bob.events(None).await;
        let mut carol_stream = carol.events(None).await;

        post_ok(&alice, "/delete_account", json!({"type": "hard", "password": PASSWORD})).await;
        let (kind, data) = next_of(&mut bob_stream).await;
        assert_eq!(kind, "message");
        assert_eq!(data["channel"], "dm:alice:bob");
        assert_eq!(data["messages"][0]["deleted"], 1);
        assert!(data["messages"][0]["content"].is_null());
        assert_eq!(next_of(&mut bob_stream).await, ("channels".into(), json!({"channel": created["channel"]})));
        assert_eq!(next_of(&mut bob_stream).await, ("presence".into(), json!({"user": "alice", "state": "offline"})));
        assert_eq!(next_of(&mut carol_stream).await, ("presence".into(), json!({"user": "alice", "state": "offline"})), "carol only sees alice go");
        assert!(carol_stream.next(QUIET).await.is_none());
    }
}
