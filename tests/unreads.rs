//! Public channels and their unread counts over HTTP, on both backends.
mod common;

use std::collections::BTreeMap;

use common::chat::*;
use common::{RequestExt, TestServer};
use minimost::store::channels::KIND_PUBLIC;
use minimost::Settings;

fn counts(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs.iter().map(|(name, n)| (name.to_string(), *n)).collect()
}

on_both_backends! {
    async fn channels_are_the_configured_public_channels_in_order(server: TestServer) {
        let alice = server.user("alice").await;
        let response = alice.fetch("/channels").await;
        assert_eq!(response.status, 200);
        assert_eq!(response.headers["content-type"], "application/json");
        let names: Vec<String> = response.json();
        assert_eq!(names, Settings::default().channels);
        assert_eq!(names, ["general", "software", "firmware", "systems", "off-topic"]);
    }
}

on_both_backends! {
    async fn every_public_channel_is_a_key_and_starts_at_zero(server: TestServer) {
        let alice = server.user("alice").await;
        assert_eq!(
            alice.channel_unreads().await,
            counts(&[("general", 0), ("software", 0), ("firmware", 0), ("systems", 0), ("off-topic", 0)])
        );
        let anonymous = server.guest().get("/channel_unreads").header("accept", "application/json").reply().await;
        assert_eq!(anonymous.status, 401);
    }
}

on_both_backends! {
    async fn unread_counts_move_with_sends_from_others_and_not_with_own_sends(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "one").await;
        bob.send("general", "two").await;
        bob.send("off-topic", "three").await;
        alice.send("software", "mine").await;

        let seen_by_alice = alice.channel_unreads().await;
        assert_eq!(seen_by_alice["general"], 2);
        assert_eq!(seen_by_alice["off-topic"], 1);
        assert_eq!(seen_by_alice["software"], 0, "own sends never count");
        let seen_by_bob = bob.channel_unreads().await;
        assert_eq!(seen_by_bob["general"], 0);
        assert_eq!(seen_by_bob["software"], 1);

        bob.send("general", "four").await;
        assert_eq!(alice.channel_unreads().await["general"], 3);
    }
}

on_both_backends! {
    async fn mark_read_zeroes_a_channel_and_later_messages_count_again(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "one").await;
        bob.send("software", "elsewhere").await;
        let (status, body) = alice.mark_read("general").await.pair();
        assert_eq!(status, 204);
        assert_eq!(body, "");
        let unread = alice.channel_unreads().await;
        assert_eq!(unread["general"], 0);
        assert_eq!(unread["software"], 1, "only the marked channel is read");

        bob.send("general", "two").await;
        assert_eq!(alice.channel_unreads().await["general"], 1);
        assert_eq!(alice.mark_read("general").await.status, 204);
        assert_eq!(alice.mark_read("general").await.status, 204, "marking again is harmless");
        assert_eq!(alice.channel_unreads().await["general"], 0);
    }
}

on_both_backends! {
    async fn deleted_messages_stop_counting(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "keep").await;
        bob.send("general", "oops").await;
        assert_eq!(alice.channel_unreads().await["general"], 2);
        let (id, _) = bob.last_message("general").await;
        bob.delete_message(id).await;
        assert_eq!(alice.channel_unreads().await["general"], 1);
    }
}

on_both_backends! {
    async fn every_attachment_row_counts_and_a_deleted_send_takes_them_all(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send_images("general", "three pictures", 3).await;
        assert_eq!(alice.channel_unreads().await["general"], 4, "text row + one row per image (Q13)");
        bob.send_images("software", "", 2).await;
        assert_eq!(alice.channel_unreads().await["software"], 2);
        let (id, _) = bob.last_message("general").await;
        bob.delete_message(id).await;
        assert_eq!(alice.channel_unreads().await["general"], 0);
    }
}

on_both_backends! {
    async fn system_notices_and_edits_never_count(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let store = server.store().await;
        system_notice(&store, "general", KIND_PUBLIC, "maintenance tonight").await;
        assert_eq!(alice.channel_unreads().await["general"], 0);
        bob.send("general", "hello").await;
        assert_eq!(alice.mark_read("general").await.status, 204);
        let (id, _) = bob.last_message("general").await;
        bob.edit(id, "hello, edited").await;
        assert_eq!(alice.channel_unreads().await["general"], 0, "an edit is not a new message");
    }
}

on_both_backends! {
    async fn history_from_before_sign_up_is_read(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "before carol").await;
        let carol = server.user("carol").await;
        assert_eq!(carol.channel_unreads().await["general"], 0);
        assert_eq!(carol.messages("general").await.len(), 1, "the history is visible");
        alice.send("general", "after carol").await;
        assert_eq!(carol.channel_unreads().await["general"], 1);
    }
}

on_both_backends! {
    async fn messages_of_a_deleted_account_still_count(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "last words").await;
        let store = server.store().await;
        let bob_id = user_id(&store, "bob").await;
        // What account deletion leaves behind: the messages, without their author's account.
        store
            .run(move |conn| {
                use diesel::prelude::*;
                use minimost::store::schema::users;
                diesel::delete(users::table.find(bob_id)).execute(conn)?;
                Ok(())
            })
            .await
            .unwrap();
        drop(bob);
        assert_eq!(alice.channel_unreads().await["general"], 1);
    }
}

/// More conversations than one counting query covers (100): every channel still gets its count.
async fn many_channels_are_all_counted(db: common::Db) {
    let mut settings = common::test_settings();
    settings.channels = (0..230).map(|n| format!("room-{n}")).collect();
    let server = TestServer::start_with(db, settings).await;
    let alice = server.user("alice").await;
    let bob = server.user("bob").await;
    for (room, times) in [(0, 1), (99, 2), (100, 3), (199, 1), (229, 2)] {
        for _ in 0..times {
            bob.send(&format!("room-{room}"), "hi").await;
        }
    }
    let unread = alice.channel_unreads().await;
    assert_eq!(unread.len(), 230);
    let nonzero: BTreeMap<String, i64> = unread.into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(nonzero, counts(&[("room-0", 1), ("room-99", 2), ("room-100", 3), ("room-199", 1), ("room-229", 2)]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_channels_are_all_counted_sqlite() {
    many_channels_are_all_counted(common::Db::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_channels_are_all_counted_postgres() {
    many_channels_are_all_counted(common::Db::Postgres).await
}
