//! Pinning over HTTP (`POST /pin/{id}`, `POST /unpin/{id}`, `GET /pins/{channel}`): who may pin,
//! what pollers and live streams see, deletion, the limit, on both backends.
mod common;

use std::time::Duration;

use serde_json::Value;

async fn pins(user: &common::User, channel: &str) -> Vec<Value> {
    let reply = user.fetch(&format!("/pins/{channel}")).await;
    assert_eq!(reply.code(), 200, "{}", reply.text());
    reply.json()
}

on_both_backends! {
    async fn members_pin_and_unpin_and_the_list_is_newest_pin_first(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.send("general", "first").await;
        alice.send("general", "second").await;
        let messages = bob.poll("general", 0).await;
        let (first, second) = (messages[0]["id"].as_i64().unwrap(), messages[1]["id"].as_i64().unwrap());
        assert!(messages[0].get("pinned_by").is_none(), "an unpinned message has no pin keys");

        assert_eq!(bob.post_empty(&format!("/pin/{first}")).await.status_trimmed(), (200, "ok".into()));
        assert_eq!(alice.post_empty(&format!("/pin/{second}")).await.status_trimmed(), (200, "ok".into()));
        assert_eq!(alice.post_empty(&format!("/pin/{second}")).await.status_trimmed(), (200, "ok".into()), "again: no change");
        let listed = pins(&alice, "general").await;
        let ids: Vec<i64> = listed.iter().map(|m| m["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![second, first], "newest pin first");
        assert_eq!(listed[0]["pinned_by"], "alice");
        assert_eq!(listed[1]["pinned_by"], "bob");
        assert!(listed[0]["pinned_ts"].as_f64().unwrap() > listed[1]["pinned_ts"].as_f64().unwrap());

        // Anyone who can see it may unpin, whoever pinned it; unpinning twice is fine.
        assert_eq!(alice.post_empty(&format!("/unpin/{first}")).await.status_trimmed(), (200, "ok".into()));
        assert_eq!(alice.post_empty(&format!("/unpin/{first}")).await.status_trimmed(), (200, "ok".into()));
        let ids: Vec<i64> = pins(&bob, "general").await.iter().map(|m| m["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![second]);
    }
}

on_both_backends! {
    async fn a_pin_change_reaches_pollers_and_live_streams_as_a_change_of_the_message(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.send("dm:alice:bob", "remember this").await;
        let message = bob.poll("dm:alice:bob", 0).await.remove(0);
        let id = message["id"].as_i64().unwrap();
        let seen = message["ts"].as_f64().unwrap();
        let mut stream = bob.events(None).await;

        alice.post_empty(&format!("/pin/{id}")).await;
        let changed = bob.poll("dm:alice:bob", seen).await;
        assert_eq!(changed.len(), 1, "a pin brings the message back to pollers");
        assert_eq!(changed[0]["pinned_by"], "alice");
        let pinned_at = changed[0]["pin_changed_ts"].as_f64().unwrap();
        assert!(pinned_at > seen);
        let (_, kind, data) = stream.next(Duration::from_secs(5)).await.expect("the pin is pushed");
        assert_eq!(kind, "message");
        assert_eq!(data["messages"][0]["pinned_by"], "alice");

        bob.post_empty(&format!("/unpin/{id}")).await;
        let changed = alice.poll("dm:alice:bob", pinned_at).await;
        assert_eq!(changed.len(), 1, "an unpin too");
        assert!(changed[0].get("pinned_by").is_none());
        assert!(changed[0]["pin_changed_ts"].as_f64().unwrap() > pinned_at);
        let (_, _, data) = stream.next(Duration::from_secs(5)).await.expect("the unpin is pushed");
        assert!(data["messages"][0].get("pinned_ts").is_none());
    }
}

on_both_backends! {
    async fn deleting_a_message_unpins_it_and_deleted_messages_cannot_be_pinned(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "soon gone").await;
        let id = alice.poll("general", 0).await[0]["id"].as_i64().unwrap();
        alice.post_empty(&format!("/pin/{id}")).await;
        assert_eq!(pins(&alice, "general").await.len(), 1);
        alice.delete_message(id).await;
        assert!(pins(&alice, "general").await.is_empty(), "the deletion unpinned it");
        let tombstone = alice.poll("general", 0).await.remove(0);
        assert!(tombstone.get("pinned_by").is_none());
        assert_eq!(alice.post_empty(&format!("/pin/{id}")).await.status_trimmed(), (404, "not found".into()));
        assert!(pins(&alice, "general").await.is_empty());
    }
}

on_both_backends! {
    async fn outsiders_can_neither_pin_nor_list_and_late_members_see_only_their_part(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        alice.send("dm:alice:bob", "just us").await;
        let dm = alice.poll("dm:alice:bob", 0).await[0]["id"].as_i64().unwrap();
        alice.post_empty(&format!("/pin/{dm}")).await;
        assert_eq!(carol.post_empty(&format!("/pin/{dm}")).await.status_trimmed(), (404, "not found".into()));
        assert_eq!(carol.post_empty(&format!("/unpin/{dm}")).await.status_trimmed(), (404, "not found".into()));
        assert_eq!(carol.fetch("/pins/dm:alice:bob").await.status_trimmed(), (403, "forbidden".into()));
        assert_eq!(pins(&bob, "dm:bob:alice").await.len(), 1, "any spelling of the DM id");
        assert_eq!(carol.post_empty("/pin/999999").await.status_trimmed(), (404, "not found".into()));
        assert_eq!(carol.fetch("/pins/nowhere").await.status_trimmed(), (403, "forbidden".into()));
        assert_eq!(carol.fetch("/pins/private:01").await.code(), 404);

        let team = server.private_channel(&["alice", "bob"]);
        alice.send(&team, "before carol").await;
        let early = alice.poll(&team, 0).await[0]["id"].as_i64().unwrap();
        alice.post_empty(&format!("/pin/{early}")).await;
        assert_eq!(carol.fetch(&format!("/pins/{team}")).await.code(), 403);
        server.join(&team, &["carol"]);
        alice.send(&team, "after carol").await;
        let late = alice.poll(&team, 0).await[1]["id"].as_i64().unwrap();
        assert_eq!(carol.post_empty(&format!("/pin/{early}")).await.code(), 404, "sent before carol joined");
        assert_eq!(carol.post_empty(&format!("/pin/{late}")).await.code(), 200);
        let ids: Vec<i64> = pins(&carol, &team).await.iter().map(|m| m["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![late], "carol sees only the pins of what she can read");
        assert_eq!(pins(&alice, &team).await.len(), 2);
    }
}

on_both_backends_with_settings! {
    minimost::Settings { max_pins_per_conversation: 2, ..common::test_settings() },
    async fn a_conversation_holds_at_most_the_configured_number_of_pins(server: TestServer) {
        let alice = server.user("alice").await;
        for text in ["a", "b", "c"] {
            alice.send("general", text).await;
        }
        let ids: Vec<i64> = alice.poll("general", 0).await.iter().map(|m| m["id"].as_i64().unwrap()).collect();
        assert_eq!(alice.post_empty(&format!("/pin/{}", ids[0])).await.code(), 200);
        assert_eq!(alice.post_empty(&format!("/pin/{}", ids[1])).await.code(), 200);
        assert_eq!(
            alice.post_empty(&format!("/pin/{}", ids[2])).await.status_trimmed(),
            (409, "too many pins (max 2)".into())
        );
        alice.send("dm:alice:alice", "elsewhere").await;
        let other = alice.poll("dm:alice:alice", 0).await[0]["id"].as_i64().unwrap();
        assert_eq!(alice.post_empty(&format!("/pin/{other}")).await.code(), 200, "the limit is per conversation");
        alice.post_empty(&format!("/unpin/{}", ids[0])).await;
        assert_eq!(alice.post_empty(&format!("/pin/{}", ids[2])).await.code(), 200, "room again after an unpin");
    }
}
