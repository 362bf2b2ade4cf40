//! The DM list, closing DMs and the total unread count over HTTP, on both backends.
mod common;

use common::chat::*;
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
        assert!(dms(&server, &alice).await.is_empty());
        send(&server, &bob, "dm:bob:alice", "hi alice").await;
        send(&server, &carol, "dm:carol:alice", "hello").await;
        send(&server, &carol, "dm:alice:carol", "you there?").await;

        let list = dms(&server, &alice).await;
        assert_eq!(
            list,
            [
                json!({"channel": "dm:alice:carol", "unread": 2, "users": ["carol"]}),
                json!({"channel": "dm:alice:bob", "unread": 1, "users": ["bob"]}),
            ]
        );
        assert_eq!(dms(&server, &bob).await, [json!({"channel": "dm:alice:bob", "unread": 0, "users": ["alice"]})]);

        send(&server, &alice, "dm:alice:bob", "hi bob").await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 1), ("dm:alice:carol", 2)]), "own sends reorder, never count");
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:alice:bob", 1)]));
        assert_eq!(unread_count(&server, &alice).await, 3);

        assert_eq!(mark_read(&server, &alice, "dm:alice:carol").await.0, 204);
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 1), ("dm:alice:carol", 0)]));
        assert_eq!(unread_count(&server, &alice).await, 1);
        assert_eq!(channel_unreads(&server, &alice).await["general"], 0, "DMs are not public channels");
    }
}

on_both_backends! {
    async fn group_dms_and_self_dms_list_the_other_participants(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        let _carol = server.user("carol").await;
        send(&server, &bob, "dm:carol:alice:Bob", "all of us").await;
        send(&server, &alice, "dm:alice:alice", "note to self").await;
        assert_eq!(
            dms(&server, &alice).await,
            [
                json!({"channel": "dm:alice:alice", "unread": 0, "users": []}),
                json!({"channel": "dm:Bob:alice:carol", "unread": 1, "users": ["Bob", "carol"]}),
            ]
        );
        assert_eq!(dms(&server, &bob).await, [json!({"channel": "dm:Bob:alice:carol", "unread": 0, "users": ["alice", "carol"]})]);
        assert_eq!(unread_count(&server, &alice).await, 1);
    }
}

on_both_backends! {
    async fn deleted_dm_messages_and_attachments_count_as_in_channels(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &bob, "dm:alice:bob", "keep").await;
        send(&server, &bob, "dm:alice:bob", "oops").await;
        let (id, _) = last_message(&server, &bob, "dm:alice:bob").await;
        delete(&server, &bob, id).await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 1)]), "deleted messages never count (Q12)");
        send_images(&server, &bob, "dm:alice:bob", "pictures", 2).await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 4)]), "each attachment row counts (Q13)");
        assert_eq!(unread_count(&server, &alice).await, 4);
    }
}

on_both_backends! {
    async fn a_closed_dm_comes_back_with_its_unread_only_for_a_new_message(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        send(&server, &bob, "dm:alice:bob", "first").await;
        send(&server, &bob, "dm:alice:bob", "second").await;
        let first = messages(&server, &bob, "dm:alice:bob").await[0]["id"].as_i64().unwrap();
        let (second, _) = last_message(&server, &bob, "dm:alice:bob").await;
        assert_eq!(unread_count(&server, &alice).await, 2);

        assert_eq!(close_dm(&server, &alice, json!({"channel": " dm:bob:alice "})).await, (StatusCode::OK, "ok".to_string()));
        assert!(dms(&server, &alice).await.is_empty());
        assert_eq!(unread_count(&server, &alice).await, 0, "a closed DM does not count (Q12)");
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:alice:bob", 0)]), "closing hides it for the closer only");

        edit(&server, &bob, first, "first, edited").await;
        touch_reactions(&store, first, KIND_DIRECT).await;
        delete(&server, &bob, second).await;
        assert!(dms(&server, &alice).await.is_empty(), "edits, reactions and deletions do not bring it back");
        assert_eq!(unread_count(&server, &alice).await, 0);

        send(&server, &bob, "dm:alice:bob", "third").await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 2)]), "back with all its unread");
        assert_eq!(unread_count(&server, &alice).await, 2);

        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice:bob"})).await.0, StatusCode::OK);
        assert!(dms(&server, &alice).await.is_empty(), "closing again hides it again");
        send(&server, &alice, "dm:alice:bob", "my own message").await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 2)]), "the caller's own message brings it back too");
    }
}

on_both_backends! {
    async fn a_dm_closed_before_its_first_message_appears_with_it(server: TestServer) {
        let alice = server.user("alice").await;
        let dave = server.user("dave").await;
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice:dave"})).await.0, StatusCode::OK);
        assert!(dms(&server, &alice).await.is_empty(), "no messages, no entry");
        send(&server, &dave, "dm:alice:dave", "hello").await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:dave", 1)]));
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice:alice"})).await.0, StatusCode::OK, "a self-DM can be closed");
    }
}

on_both_backends! {
    async fn closing_checks_the_channel(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        send(&server, &bob, "dm:alice:bob", "for alice").await;
        let invalid = (StatusCode::BAD_REQUEST, "invalid channel".to_string());
        let forbidden = (StatusCode::FORBIDDEN, "forbidden".to_string());
        assert_eq!(close_dm(&server, &alice, json!({})).await, invalid);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "general"})).await, invalid);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "  "})).await, invalid);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "DM:alice:bob"})).await, invalid);
        let not_json = alice.post(server.url("/dms/close")).body("channel=dm:alice:bob").header("content-type", "text/plain").send().await.unwrap();
        assert_eq!(not_json.status(), 400);
        assert_eq!(not_json.text().await.unwrap(), "invalid channel");
        let wrong_shape = close_dm(&server, &alice, json!({"channel": 5})).await;
        assert_eq!(wrong_shape.0, StatusCode::BAD_REQUEST);

        assert_eq!(close_dm(&server, &carol, json!({"channel": "dm:alice:bob"})).await, forbidden);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice"})).await, forbidden);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice::bob"})).await, forbidden);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:Alice:bob"})).await, forbidden, "names are case-sensitive");
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:bob", 1)]), "refused closes hide nothing");
        assert!(dms(&server, &carol).await.is_empty(), "outsiders never see others' DMs");
        assert_eq!(unread_count(&server, &carol).await, 0);
    }
}

on_both_backends! {
    async fn the_unread_total_covers_every_listed_dm(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        for n in 0..3 {
            send(&server, &bob, "dm:alice:bob", &format!("bob {n}")).await;
        }
        send(&server, &carol, "dm:alice:carol", "carol").await;
        send(&server, &carol, "dm:alice:bob:carol", "all").await;
        send(&server, &bob, "general", "public messages are not DMs").await;
        assert_eq!(unread_count(&server, &alice).await, 5);
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice:bob"})).await.0, StatusCode::OK);
        assert_eq!(unread_count(&server, &alice).await, 2);
        let response = alice.get(server.url("/unread_count")).send().await.unwrap();
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.json::<serde_json::Value>().await.unwrap(), json!({"count": 2}));
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
            assert_eq!(close_dm(&server, &alice, json!({"channel": made_up})).await, user_not_found);
            assert_eq!(mark_read(&server, &alice, &made_up).await, user_not_found);
        }
        // Conversations nobody has written in yet, between real accounts: accepted, nothing to record.
        assert_eq!(close_dm(&server, &alice, json!({"channel": "dm:alice:bob:carol"})).await.0, StatusCode::OK);
        assert_eq!(mark_read(&server, &alice, "dm:alice:carol").await.0, StatusCode::NO_CONTENT);
        assert_eq!(conversation_rows(&server).await, before, "nothing was stored");
        // Their first message shows them, unread, as if the close or mark had been recorded.
        send(&server, &carol, "dm:alice:bob:carol", "group hello").await;
        send(&server, &carol, "dm:alice:carol", "hello").await;
        assert_eq!(dm_unreads(&server, &alice).await, pairs(&[("dm:alice:carol", 1), ("dm:alice:bob:carol", 1)]));
        assert_eq!(mark_read(&server, &alice, "dm:alice:carol").await.0, StatusCode::NO_CONTENT);
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:alice:bob:carol", 1)]));

        // A conversation with someone who has since deleted their account can still be marked and closed.
        send(&server, &carol, "dm:bob:carol", "before I go").await;
        let response = carol
            .post(server.url("/delete_account"))
            .json(&json!({"type": "soft", "password": common::PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:bob:carol", 1), ("dm:alice:bob:carol", 1)]));
        assert_eq!(mark_read(&server, &bob, "dm:bob:carol").await.0, StatusCode::NO_CONTENT);
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:bob:carol", 0), ("dm:alice:bob:carol", 1)]));
        assert_eq!(close_dm(&server, &bob, json!({"channel": "dm:bob:carol"})).await.0, StatusCode::OK);
        assert_eq!(dm_unreads(&server, &bob).await, pairs(&[("dm:alice:bob:carol", 1)]));
        // But not one nobody wrote in.
        assert_eq!(close_dm(&server, &bob, json!({"channel": "dm:alice:bob:carol:dave"})).await, user_not_found);
    }
}
