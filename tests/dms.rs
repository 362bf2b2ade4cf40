//! The DM list, closing DMs and the total unread count over HTTP, on both backends.
mod common;

use common::chat::*;
use common::RequestExt;
use minimost::store::channels::KIND_DIRECT;
use reqwest::StatusCode;
use serde_json::json;

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(channel, n)| (channel.to_string(), *n)).collect()
}

on_both_backends! {
    async fn dms_are_listed_most_recent_first_with_their_unread_and_other_users(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        assert!(alice.dms().await.is_empty());
        bob.send("dm:bob:alice", "hi alice").await;
        carol.send("dm:carol:alice", "hello").await;
        carol.send("dm:alice:carol", "you there?").await;

        let list = alice.dms().await;
        assert_eq!(
            list,
            [
                json!({"channel": "dm:alice:carol", "unread": 2, "users": ["carol"]}),
                json!({"channel": "dm:alice:bob", "unread": 1, "users": ["bob"]}),
            ]
        );
        assert_eq!(bob.dms().await, [json!({"channel": "dm:alice:bob", "unread": 0, "users": ["alice"]})]);

        alice.send("dm:alice:bob", "hi bob").await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 1), ("dm:alice:carol", 2)]), "own sends reorder, never count");
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:alice:bob", 1)]));
        assert_eq!(alice.unread_count().await, 3);

        assert_eq!(alice.mark_read("dm:alice:carol").await.status, 204);
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 1), ("dm:alice:carol", 0)]));
        assert_eq!(alice.unread_count().await, 1);
        assert_eq!(alice.channel_unreads().await["general"], 0, "DMs are not public channels");
    }
}

on_both_backends! {
    async fn group_dms_and_self_dms_list_the_other_participants(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        let _carol = server.user("carol").await;
        bob.send("dm:carol:alice:Bob", "all of us").await;
        alice.send("dm:alice:alice", "note to self").await;
        assert_eq!(
            alice.dms().await,
            [
                json!({"channel": "dm:alice:alice", "unread": 0, "users": []}),
                json!({"channel": "dm:Bob:alice:carol", "unread": 1, "users": ["Bob", "carol"]}),
            ]
        );
        assert_eq!(bob.dms().await, [json!({"channel": "dm:Bob:alice:carol", "unread": 0, "users": ["alice", "carol"]})]);
        assert_eq!(alice.unread_count().await, 1);
    }
}

on_both_backends! {
    async fn deleted_dm_messages_and_attachments_count_as_in_channels(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("dm:alice:bob", "keep").await;
        bob.send("dm:alice:bob", "oops").await;
        let (id, _) = bob.last_message("dm:alice:bob").await;
        bob.delete_message(id).await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 1)]), "deleted messages never count (Q12)");
        bob.send_images("dm:alice:bob", "pictures", 2).await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 4)]), "each attachment row counts (Q13)");
        assert_eq!(alice.unread_count().await, 4);
    }
}

on_both_backends! {
    async fn a_closed_dm_comes_back_with_its_unread_only_for_a_new_message(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        bob.send("dm:alice:bob", "first").await;
        bob.send("dm:alice:bob", "second").await;
        let first = bob.messages("dm:alice:bob").await[0]["id"].as_i64().unwrap();
        let (second, _) = bob.last_message("dm:alice:bob").await;
        assert_eq!(alice.unread_count().await, 2);

        assert_eq!(alice.close_dm(&json!({"channel": " dm:bob:alice "})).await.pair(), (StatusCode::OK, "ok".to_string()));
        assert!(alice.dms().await.is_empty());
        assert_eq!(alice.unread_count().await, 0, "a closed DM does not count (Q12)");
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:alice:bob", 0)]), "closing hides it for the closer only");

        bob.edit(first, "first, edited").await;
        touch_reactions(&store, first, KIND_DIRECT).await;
        bob.delete_message(second).await;
        assert!(alice.dms().await.is_empty(), "edits, reactions and deletions do not bring it back");
        assert_eq!(alice.unread_count().await, 0);

        bob.send("dm:alice:bob", "third").await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 2)]), "back with all its unread");
        assert_eq!(alice.unread_count().await, 2);

        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice:bob"})).await.status, StatusCode::OK);
        assert!(alice.dms().await.is_empty(), "closing again hides it again");
        alice.send("dm:alice:bob", "my own message").await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 2)]), "the caller's own message brings it back too");
    }
}

on_both_backends! {
    async fn a_dm_closed_before_its_first_message_appears_with_it(server: TestServer) {
        let alice = server.user("alice").await;
        let dave = server.user("dave").await;
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice:dave"})).await.status, StatusCode::OK);
        assert!(alice.dms().await.is_empty(), "no messages, no entry");
        dave.send("dm:alice:dave", "hello").await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:dave", 1)]));
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice:alice"})).await.status, StatusCode::OK, "a self-DM can be closed");
    }
}

on_both_backends! {
    async fn closing_checks_the_channel(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        bob.send("dm:alice:bob", "for alice").await;
        let invalid = (StatusCode::BAD_REQUEST, "invalid channel".to_string());
        let forbidden = (StatusCode::FORBIDDEN, "forbidden".to_string());
        assert_eq!(alice.close_dm(&json!({})).await.pair(), invalid);
        assert_eq!(alice.close_dm(&json!({"channel": "general"})).await.pair(), invalid);
        assert_eq!(alice.close_dm(&json!({"channel": "  "})).await.pair(), invalid);
        assert_eq!(alice.close_dm(&json!({"channel": "DM:alice:bob"})).await.pair(), invalid);
        let not_json = alice.post("/dms/close").body("channel=dm:alice:bob").header("content-type", "text/plain").reply().await;
        assert_eq!(not_json.status, 400);
        assert_eq!(not_json.text(), "invalid channel");
        let wrong_shape = alice.close_dm(&json!({"channel": 5})).await.pair();
        assert_eq!(wrong_shape.0, StatusCode::BAD_REQUEST);

        assert_eq!(carol.close_dm(&json!({"channel": "dm:alice:bob"})).await.pair(), forbidden);
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice"})).await.pair(), forbidden);
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice::bob"})).await.pair(), forbidden);
        assert_eq!(alice.close_dm(&json!({"channel": "dm:Alice:bob"})).await.pair(), forbidden, "names are case-sensitive");
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:bob", 1)]), "refused closes hide nothing");
        assert!(carol.dms().await.is_empty(), "outsiders never see others' DMs");
        assert_eq!(carol.unread_count().await, 0);
    }
}

on_both_backends! {
    async fn the_unread_total_covers_every_listed_dm(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        for n in 0..3 {
            bob.send("dm:alice:bob", &format!("bob {n}")).await;
        }
        carol.send("dm:alice:carol", "carol").await;
        carol.send("dm:alice:bob:carol", "all").await;
        bob.send("general", "public messages are not DMs").await;
        assert_eq!(alice.unread_count().await, 5);
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice:bob"})).await.status, StatusCode::OK);
        assert_eq!(alice.unread_count().await, 2);
        let response = alice.fetch("/unread_count").await;
        assert_eq!(response.headers["content-type"], "application/json");
        assert_eq!(response.json::<serde_json::Value>(), json!({"count": 2}));
    }
}

/// How many rows the tables a close or a mark can write hold.
async fn conversation_rows(server: &common::TestServer) -> (i64, i64, i64) {
    let store = server.store().await;
    store
        .run(|conn| {
            use diesel::prelude::*;
            use minimost::store::schema::{channel_members, channel_reads, channels};
            Ok((
                channels::table.count().get_result(conn)?,
                channel_members::table.count().get_result(conn)?,
                channel_reads::table.count().get_result(conn)?,
            ))
        })
        .await
        .unwrap()
}

on_both_backends! {
    async fn made_up_dm_ids_are_refused_by_close_and_mark_read_and_leave_no_rows(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let before = conversation_rows(&server).await;
        let user_not_found = (StatusCode::NOT_FOUND, "user not found".to_string());
        // The red team's shape: a new made-up group DM on every request.
        for n in 0..10 {
            let made_up = format!("dm:alice:bob:ghost{n}");
            assert_eq!(alice.close_dm(&json!({"channel": made_up})).await.pair(), user_not_found);
            assert_eq!(alice.mark_read(&made_up).await.pair(), user_not_found);
        }
        // Conversations nobody has written in yet, between real accounts: accepted, nothing to record.
        assert_eq!(alice.close_dm(&json!({"channel": "dm:alice:bob:carol"})).await.status, StatusCode::OK);
        assert_eq!(alice.mark_read("dm:alice:carol").await.status, StatusCode::NO_CONTENT);
        assert_eq!(conversation_rows(&server).await, before, "nothing was stored");
        // Their first message shows them, unread, as if the close or mark had been recorded.
        carol.send("dm:alice:bob:carol", "group hello").await;
        carol.send("dm:alice:carol", "hello").await;
        assert_eq!(alice.dm_unreads().await, pairs(&[("dm:alice:carol", 1), ("dm:alice:bob:carol", 1)]));
        assert_eq!(alice.mark_read("dm:alice:carol").await.status, StatusCode::NO_CONTENT);
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:alice:bob:carol", 1)]));

        // A conversation with someone who has since deleted their account can still be marked and closed.
        carol.send("dm:bob:carol", "before I go").await;
        let response = carol.delete_account(&json!({"type": "soft", "password": common::PASSWORD})).await;
        assert_eq!(response.status, 200);
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:bob:carol", 1), ("dm:alice:bob:carol", 1)]));
        assert_eq!(bob.mark_read("dm:bob:carol").await.status, StatusCode::NO_CONTENT);
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:bob:carol", 0), ("dm:alice:bob:carol", 1)]));
        assert_eq!(bob.close_dm(&json!({"channel": "dm:bob:carol"})).await.status, StatusCode::OK);
        assert_eq!(bob.dm_unreads().await, pairs(&[("dm:alice:bob:carol", 1)]));
        // But not one nobody wrote in.
        assert_eq!(bob.close_dm(&json!({"channel": "dm:alice:bob:carol:dave"})).await.pair(), user_not_found);
    }
}
