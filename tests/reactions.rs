//! Toggling reactions over HTTP (`POST /react/{msg_id}`) and seeing them in polls, on both backends.
mod common;

use std::time::Duration;

use common::PNG;
use diesel::Connection;
use minimost::store::messages::{insert_send, NewSend};
use minimost::store::{channels, DbConnection};

on_both_backends! {
    async fn reactions_toggle_on_and_off_and_pollers_see_each_change(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.send("general", "lunch?").await;
        let message = bob.poll("general", 0).await.remove(0);
        let id = message["id"].as_i64().unwrap();
        let mut seen = message["ts"].as_f64().unwrap();

        assert_eq!(bob.react(id, "thumbsup").await.status_trimmed(), (200, r#"{"thumbsup":["bob"]}"#.into()));
        assert_eq!(alice.react(id, "thumbsup").await.status_trimmed(), (200, r#"{"thumbsup":["alice","bob"]}"#.into()));
        assert_eq!(
            alice.react(id, " heart\n").await.status_trimmed(),
            (200, r#"{"heart":["alice"],"thumbsup":["alice","bob"]}"#.into()),
            "the name is trimmed; names and reactors come out sorted"
        );
        let changed = bob.poll("general", seen).await;
        assert_eq!(changed.len(), 1, "a reaction brings the message back to pollers");
        assert_eq!(changed[0]["id"], id);
        assert_eq!(changed[0]["reactions"], r#"{"heart": ["alice"], "thumbsup": ["alice", "bob"]}"#);
        let reactions_ts = changed[0]["reactions_ts"].as_f64().unwrap();
        assert!(reactions_ts > seen);
        seen = reactions_ts;

        assert_eq!(bob.react(id, "thumbsup").await.status_trimmed(), (200, r#"{"heart":["alice"],"thumbsup":["alice"]}"#.into()));
        assert_eq!(alice.react(id, "thumbsup").await.status_trimmed(), (200, r#"{"heart":["alice"]}"#.into()));
        let changed = alice.poll("general", seen).await;
        assert_eq!(changed[0]["reactions"], r#"{"heart": ["alice"]}"#);
        seen = changed[0]["reactions_ts"].as_f64().unwrap();

        assert_eq!(alice.react(id, "heart").await.status_trimmed(), (200, "{}".into()), "the last one removed");
        let changed = bob.poll("general", seen).await;
        assert_eq!(changed.len(), 1);
        assert!(changed[0]["reactions"].is_null());
        assert!(changed[0]["reactions_ts"].as_f64().unwrap() > seen);
    }
}

on_both_backends! {
    async fn invalid_names_are_refused_before_the_message_is_looked_up(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "hi").await;
        let id = alice.poll("general", 0).await[0]["id"].as_i64().unwrap();
        for bad in ["thumbs_up", "Thumbsup", "", "   ", "heart heart", "<script>"] {
            assert_eq!(alice.react(id, bad).await.status_trimmed(), (400, "invalid reaction".into()), "{bad:?}");
            assert_eq!(alice.react(999_999, bad).await.status_trimmed(), (400, "invalid reaction".into()), "{bad:?} on an unknown id");
        }
        let missing = alice.post_form(&format!("/react/{id}"), &[("other", "x")]).await;
        assert_eq!(missing.status, 400);
        assert_eq!(missing.text(), "invalid reaction");
        assert_eq!(alice.react(999_999, "heart").await.status_trimmed(), (404, "not found".into()));
        assert!(alice.poll("general", 0).await[0]["reactions"].is_null(), "nothing was stored");
    }
}

on_both_backends! {
    async fn outsiders_cannot_react_to_dms_or_private_messages(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        alice.send("dm:alice:bob", "just us").await;
        let dm = bob.poll("dm:alice:bob", 0).await[0]["id"].as_i64().unwrap();
        let team = server.private_channel(&["alice", "bob"]);
        alice.send(&team, "before carol").await;
        let early = alice.poll(&team, 0).await[0]["id"].as_i64().unwrap();
        server.join(&team, &["carol"]);
        alice.send(&team, "after carol").await;
        let late = alice.poll(&team, 0).await[1]["id"].as_i64().unwrap();

        assert_eq!(carol.react(dm, "eyes").await.status_trimmed(), (404, "not found".into()));
        assert_eq!(carol.react(early, "eyes").await.status_trimmed(), (404, "not found".into()), "sent before carol joined");
        assert_eq!(carol.react(late, "eyes").await.status_trimmed(), (200, r#"{"eyes":["carol"]}"#.into()));
        assert_eq!(bob.react(dm, "eyes").await.status_trimmed(), (200, r#"{"eyes":["bob"]}"#.into()));
        let dm_message = &alice.poll("dm:alice:bob", 0).await[0];
        assert_eq!(dm_message["reactions"], r#"{"eyes": ["bob"]}"#, "carol's refused toggle left no trace");
    }
}

on_both_backends! {
    async fn all_rows_of_a_send_share_one_reaction_set(server: TestServer) {
        let alice = server.user("alice").await;
        assert_eq!(alice.send_files("general", Some("look"), &[("a.png", PNG)]).await.status, 200);
        let rows = alice.poll("general", 0).await;
        assert_eq!(rows.len(), 2);
        let picture = rows[1]["id"].as_i64().unwrap();
        assert_eq!(alice.react(picture, "fire").await.status_trimmed(), (200, r#"{"fire":["alice"]}"#.into()));
        let rows = alice.poll("general", 0).await;
        for row in &rows {
            assert_eq!(row["reactions"], r#"{"fire": ["alice"]}"#, "row {}", row["id"]);
        }
        assert_eq!(alice.react(rows[0]["id"].as_i64().unwrap(), "fire").await.status_trimmed(), (200, "{}".into()));
    }
}

on_both_backends! {
    async fn deleted_and_system_messages_can_be_reacted_to(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.send("general", "oops").await;
        let id = alice.poll("general", 0).await[0]["id"].as_i64().unwrap();
        assert_eq!(alice.try_delete(id).await.status, 200);
        assert_eq!(bob.react(id, "sad").await.status_trimmed(), (200, r#"{"sad":["bob"]}"#.into()));

        let mut conn = server.connect();
        let notice = conn
            .transaction(|conn: &mut DbConnection| {
                let ts = channels::tick(conn, "general", channels::KIND_PUBLIC)?;
                insert_send(conn, &NewSend {
                    channel: "general",
                    sender: "system",
                    sender_id: None,
                    text: Some("welcome"),
                    filenames: &[],
                    reply_to_id: None,
                    mentions: None,
                    ts,
                })
            })
            .unwrap()[0];
        assert_eq!(bob.react(notice, "wave").await.status_trimmed(), (200, r#"{"wave":["bob"]}"#.into()));
    }
}

on_both_backends! {
    async fn reactions_reach_live_streams_only_of_those_who_can_see_the_message(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let team = server.private_channel(&["alice", "bob"]);
        alice.send(&team, "before carol").await;
        let early = alice.poll(&team, 0).await[0]["id"].as_i64().unwrap();
        server.join(&team, &["carol"]);
        alice.send(&team, "after carol").await;
        let late = alice.poll(&team, 0).await[1]["id"].as_i64().unwrap();
        let mut bob_stream = bob.events(None).await;
        let mut carol_stream = carol.events(None).await;

        assert_eq!(alice.react(early, "tada").await.status, 200);
        let (_, kind, data) = bob_stream.next(Duration::from_secs(5)).await.expect("bob hears of the reaction");
        assert_eq!(kind, "message");
        assert_eq!(data["messages"][0]["id"], early);
        assert_eq!(data["messages"][0]["reactions"], r#"{"tada": ["alice"]}"#);

        assert_eq!(alice.react(late, "tada").await.status, 200);
        let (_, _, data) = carol_stream.next(Duration::from_secs(5)).await.expect("carol hears of the later message");
        assert_eq!(data["messages"][0]["id"], late, "carol's first event: never the message from before she joined");
    }
}

on_both_backends! {
    async fn unauthenticated_reactions_are_refused(server: TestServer) {
        let response = server.guest().post_form("/react/1", &[("reaction", "heart")]).await;
        assert_eq!(response.status, 302);
        assert_eq!(response.headers["location"], "/login");
    }
}
