//! Marking conversations read and reading receipts over HTTP, on both backends.
mod common;

use std::collections::BTreeMap;

use common::chat::*;
use diesel::{Connection, ExpressionMethods, RunQueryDsl};
use minimost::domain::timestamps::python_float_repr;
use minimost::store::channels::{self, KIND_DIRECT, KIND_PUBLIC};
use minimost::store::messages::{self as store_messages, NewSend};
use minimost::store::schema::users;

fn readers(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

on_both_backends! {
    async fn mark_read_receipts_only_what_was_unread(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        bob.send("general", "from bob").await;
        let (_, from_bob) = bob.last_message("general").await;
        alice.send("general", "from alice").await;
        let (_, from_alice) = alice.last_message("general").await;
        let notice = system_notice(&store, "general", KIND_PUBLIC, "a notice").await;
        bob.send_images("general", "with pictures", 2).await;
        let (_, pictures) = bob.last_message("general").await;
        assert_eq!(alice.receipts("general").await, BTreeMap::new(), "nothing read yet");

        assert_eq!(alice.mark_read("general").await.status, 204);
        let after_alice = alice.receipts("general").await;
        let expected: BTreeMap<String, Vec<String>> = [
            (python_float_repr(from_bob), readers(&["alice"])),
            (python_float_repr(pictures), readers(&["alice"])),
        ]
        .into_iter()
        .collect();
        assert_eq!(after_alice, expected, "own messages and system notices are never receipted");

        assert_eq!(bob.mark_read("general").await.status, 204);
        let after_bob = bob.receipts("general").await;
        assert_eq!(after_bob[&python_float_repr(from_alice)], ["bob"]);
        assert_eq!(after_bob[&python_float_repr(from_bob)], ["alice"]);
        assert!(!after_bob.contains_key(&python_float_repr(notice)));
        assert_eq!(after_bob.len(), 3);
        assert_eq!(alice.receipts("general").await, after_bob, "everyone sees the same receipts");
    }
}

on_both_backends! {
    async fn receipt_keys_parse_back_to_the_message_timestamps(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        for text in ["one", "two", "three"] {
            bob.send("general", text).await;
        }
        assert_eq!(alice.mark_read("general").await.status, 204);
        let (_, body) = alice.try_receipts("general").await.pair();
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&body).unwrap();
        let mut keys: Vec<f64> = object.keys().map(|key| key.parse::<f64>().unwrap()).collect();
        keys.sort_by(f64::total_cmp);
        let sent: Vec<f64> = bob.messages("general").await.iter().map(|m| m["ts"].as_f64().unwrap()).collect();
        assert_eq!(keys, sent);
        for key in object.keys() {
            assert!(key.contains('.') || key.contains('e'), "{key}");
        }
    }
}

on_both_backends! {
    async fn an_integral_timestamp_is_keyed_with_a_trailing_point_zero(server: TestServer) {
        let alice = server.user("alice").await;
        let _bob = server.user("bob").await;
        let store = server.store().await;
        let (alice_id, bob_id) = (user_id(&store, "alice").await, user_id(&store, "bob").await);
        // A message stamped exactly on a whole second, as an imported history could be (with its
        // accounts: a DM shows nothing from before its participant's account existed).
        store
            .run(move |conn| {
                conn.transaction(|conn| {
                    channels::tick(conn, "dm:alice:bob", KIND_DIRECT)?;
                    diesel::update(users::table).set(users::created_at.eq(0.0)).execute(conn)?;
                    channels::add_members(conn, "dm:alice:bob", &[alice_id, bob_id], 0.0)?;
                    store_messages::insert_send(
                        conn,
                        &NewSend {
                            channel: "dm:alice:bob",
                            sender: "bob",
                            sender_id: Some(bob_id),
                            text: Some("from the past"),
                            filenames: &[],
                            reply_to_id: None,
                            mentions: None,
                            ts: 1716000000.0,
                        },
                    )?;
                    channels::record_message(conn, "dm:alice:bob", 1716000000.0)
                })
            })
            .await
            .unwrap();
        assert_eq!(alice.mark_read("dm:alice:bob").await.status, 204);
        let (status, body) = alice.try_receipts("dm:alice:bob").await.pair();
        assert_eq!(status, 200);
        assert_eq!(body.trim_end(), r#"{"1716000000.0":["alice"]}"#);
    }
}

on_both_backends! {
    async fn history_from_before_sign_up_is_never_receipted(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "before carol").await;
        let (_, before) = alice.last_message("general").await;
        let carol = server.user("carol").await;
        alice.send("general", "after carol").await;
        let (_, after) = alice.last_message("general").await;
        assert_eq!(carol.mark_read("general").await.status, 204);
        let receipts = carol.receipts("general").await;
        assert!(!receipts.contains_key(&python_float_repr(before)));
        assert_eq!(receipts[&python_float_repr(after)], ["carol"]);
    }
}

on_both_backends! {
    async fn receipts_are_permanent_and_readers_sorted(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("Carol").await;
        alice.send("general", "hello all").await;
        let (id, ts) = alice.last_message("general").await;
        assert_eq!(carol.mark_read("general").await.status, 204);
        assert_eq!(bob.mark_read("general").await.status, 204);
        alice.delete_message(id).await;
        alice.send("general", "again").await;
        assert_eq!(bob.mark_read("general").await.status, 204);
        let receipts = alice.receipts("general").await;
        assert_eq!(receipts[&python_float_repr(ts)], ["Carol", "bob"], "byte order; kept after deletion");
        assert_eq!(receipts.len(), 2);
    }
}

on_both_backends! {
    async fn dm_receipts_work_with_the_id_in_any_order(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("dm:bob:alice", "psst").await;
        let (_, ts) = bob.last_message("dm:alice:bob").await;
        assert_eq!(alice.mark_read("dm:bob:alice").await.status, 204);
        assert_eq!(bob.receipts("dm:alice:bob").await[&python_float_repr(ts)], ["alice"]);
        assert_eq!(bob.receipts("dm:bob:alice").await.len(), 1);
        assert_eq!(alice.dm_unreads().await, [("dm:alice:bob".to_string(), 0)]);
    }
}

on_both_backends! {
    async fn outsiders_are_refused_and_malformed_private_ids_are_not_found(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let store = server.store().await;
        bob.send("dm:alice:bob", "secret").await;
        assert_eq!(alice.mark_read("dm:alice:bob").await.status, 204);
        let alice_id = user_id(&store, "alice").await;
        join_private(&store, "private:1", &[alice_id]).await;
        alice.send("private:1", "members only").await;

        for channel in ["dm:alice:bob", "dm:bob:alice", "private:1", "private:2", "dm:alice", "nowhere"] {
            assert_eq!(carol.mark_read(channel).await.pair(), (reqwest::StatusCode::FORBIDDEN, "forbidden".to_string()), "{channel}");
            assert_eq!(
                carol.try_receipts(channel).await.pair(),
                (reqwest::StatusCode::FORBIDDEN, "forbidden".to_string()),
                "{channel}"
            );
        }
        for channel in ["private:01", "private:1:x", "private:abc"] {
            assert_eq!(alice.mark_read(channel).await.pair(), (reqwest::StatusCode::NOT_FOUND, "not found".to_string()), "{channel}");
            assert_eq!(alice.try_receipts(channel).await.pair(), (reqwest::StatusCode::NOT_FOUND, "not found".to_string()));
        }
        assert_eq!(bob.receipts("dm:alice:bob").await.len(), 1, "outsiders changed nothing");
        let anonymous = server.guest().post_empty("/mark_read/general").await;
        assert_eq!(anonymous.status, 302);
    }
}

on_both_backends! {
    async fn private_channel_members_receipt_what_was_said_since_they_joined(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        let (alice_id, bob_id) = (user_id(&store, "alice").await, user_id(&store, "bob").await);
        join_private(&store, "private:1", &[alice_id]).await;
        alice.send("private:1", "before bob").await;
        let (_, before) = alice.last_message("private:1").await;
        assert_eq!(bob.mark_read("private:1").await.status, 403, "not a member yet");

        join_private(&store, "private:1", &[bob_id]).await;
        alice.send("private:1", "welcome bob").await;
        let (_, welcome) = alice.last_message("private:1").await;
        assert_eq!(bob.mark_read("private:1").await.status, 204);
        let seen_by_alice = alice.receipts("private:1").await;
        assert_eq!(seen_by_alice.len(), 1);
        assert_eq!(seen_by_alice[&python_float_repr(welcome)], ["bob"]);
        assert!(!seen_by_alice.contains_key(&python_float_repr(before)));

        bob.send("private:1", "thanks").await;
        assert_eq!(alice.mark_read("private:1").await.status, 204);
        let seen_by_bob = bob.receipts("private:1").await;
        assert_eq!(seen_by_bob.len(), 2, "bob sees no receipt of what was said before he joined");
        assert_eq!(seen_by_bob[&python_float_repr(welcome)], ["bob"]);
        let (_, thanks) = bob.last_message("private:1").await;
        assert_eq!(seen_by_bob[&python_float_repr(thanks)], ["alice"]);
        assert_eq!(alice.receipts("private:1").await, seen_by_bob, "nobody receipted alice's first message");
    }
}

on_both_backends! {
    async fn concurrent_marks_of_one_channel_all_succeed(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "one").await;
        let marks = (0..12).map(|_| alice.mark_read("general"));
        for reply in futures_util::future::join_all(marks).await {
            assert_eq!(reply.status, 204);
        }
        assert_eq!(alice.channel_unreads().await["general"], 0);
        assert_eq!(bob.receipts("general").await.len(), 1);
    }
}

on_both_backends! {
    async fn what_was_said_while_a_member_was_away_never_gets_their_receipt(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        let (alice_id, bob_id) = (user_id(&store, "alice").await, user_id(&store, "bob").await);
        join_private(&store, "private:1", &[alice_id, bob_id]).await;
        alice.send("private:1", "while bob is here").await;
        assert_eq!(bob.mark_read("private:1").await.status, 204);
        // Bob leaves (what the leave route does to membership) and alice talks on.
        store
            .run(move |conn| {
                use diesel::prelude::*;
                use minimost::store::schema::channel_members;
                diesel::delete(channel_members::table.find(("private:1", bob_id))).execute(conn)?;
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(bob.mark_read("private:1").await.status, 403, "a former member has no access");
        alice.send("private:1", "while bob is away").await;
        let (_, away) = alice.last_message("private:1").await;
        join_private(&store, "private:1", &[bob_id]).await;
        alice.send("private:1", "welcome back").await;
        let (_, back) = alice.last_message("private:1").await;
        assert_eq!(bob.mark_read("private:1").await.status, 204);
        let seen = alice.receipts("private:1").await;
        assert!(!seen.contains_key(&python_float_repr(away)), "bob never saw it");
        assert_eq!(seen[&python_float_repr(back)], ["bob"]);
    }
}
