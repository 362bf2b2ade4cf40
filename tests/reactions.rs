//! Toggling reactions over HTTP (`POST /react/{msg_id}`) and seeing them in polls, on both backends.
mod common;

use std::time::Duration;

use common::{EventStream, TestServer};
use diesel::Connection;
use minimost::store::messages::{insert_send, NewSend};
use minimost::store::{channels, DbConnection};
use serde_json::Value;

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) {
    let response = client.post(server.url(&format!("/send/{channel}"))).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200, "send to {channel}");
}

async fn poll(server: &TestServer, client: &reqwest::Client, channel: &str, after: f64) -> Vec<Value> {
    let url = server.url(&format!("/messages/{channel}?after={after}"));
    client.get(url).send().await.unwrap().json().await.unwrap()
}

/// Status and body of a toggle.
async fn react(server: &TestServer, client: &reqwest::Client, id: i64, reaction: &str) -> (u16, String) {
    let response =
        client.post(server.url(&format!("/react/{id}"))).form(&[("reaction", reaction)]).send().await.unwrap();
    let status = response.status().as_u16();
    if status == 200 {
        assert_eq!(response.headers()["content-type"], "application/json");
    }
    (status, response.text().await.unwrap().trim_end().to_string())
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

on_both_backends! {
    async fn reactions_toggle_on_and_off_and_pollers_see_each_change(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &alice, "general", "lunch?").await;
        let message = poll(&server, &bob, "general", 0.0).await.remove(0);
        let id = message["id"].as_i64().unwrap();
        let mut seen = message["ts"].as_f64().unwrap();

        assert_eq!(react(&server, &bob, id, "thumbsup").await, (200, r#"{"thumbsup":["bob"]}"#.into()));
        assert_eq!(react(&server, &alice, id, "thumbsup").await, (200, r#"{"thumbsup":["alice","bob"]}"#.into()));
        assert_eq!(
            react(&server, &alice, id, " heart\n").await,
            (200, r#"{"heart":["alice"],"thumbsup":["alice","bob"]}"#.into()),
            "the name is trimmed; names and reactors come out sorted"
        );
        let changed = poll(&server, &bob, "general", seen).await;
        assert_eq!(changed.len(), 1, "a reaction brings the message back to pollers");
        assert_eq!(changed[0]["id"], id);
        assert_eq!(changed[0]["reactions"], r#"{"heart": ["alice"], "thumbsup": ["alice", "bob"]}"#);
        let reactions_ts = changed[0]["reactions_ts"].as_f64().unwrap();
        assert!(reactions_ts > seen);
        seen = reactions_ts;

        assert_eq!(react(&server, &bob, id, "thumbsup").await, (200, r#"{"heart":["alice"],"thumbsup":["alice"]}"#.into()));
        assert_eq!(react(&server, &alice, id, "thumbsup").await, (200, r#"{"heart":["alice"]}"#.into()));
        let changed = poll(&server, &alice, "general", seen).await;
        assert_eq!(changed[0]["reactions"], r#"{"heart": ["alice"]}"#);
        seen = changed[0]["reactions_ts"].as_f64().unwrap();

        assert_eq!(react(&server, &alice, id, "heart").await, (200, "{}".into()), "the last one removed");
        let changed = poll(&server, &bob, "general", seen).await;
        assert_eq!(changed.len(), 1);
        assert!(changed[0]["reactions"].is_null());
        assert!(changed[0]["reactions_ts"].as_f64().unwrap() > seen);
    }
}

on_both_backends! {
    async fn invalid_names_are_refused_before_the_message_is_looked_up(server: TestServer) {
        let alice = server.user("alice").await;
        send(&server, &alice, "general", "hi").await;
        let id = poll(&server, &alice, "general", 0.0).await[0]["id"].as_i64().unwrap();
        for bad in ["thumbs_up", "Thumbsup", "", "   ", "heart heart", "<script>"] {
            assert_eq!(react(&server, &alice, id, bad).await, (400, "invalid reaction".into()), "{bad:?}");
            assert_eq!(react(&server, &alice, 999_999, bad).await, (400, "invalid reaction".into()), "{bad:?} on an unknown id");
        }
        let missing = alice.post(server.url(&format!("/react/{id}"))).form(&[("other", "x")]).send().await.unwrap();
        assert_eq!(missing.status(), 400);
        assert_eq!(missing.text().await.unwrap(), "invalid reaction");
        assert_eq!(react(&server, &alice, 999_999, "heart").await, (404, "not found".into()));
        assert!(poll(&server, &alice, "general", 0.0).await[0]["reactions"].is_null(), "nothing was stored");
    }
}

on_both_backends! {
    async fn outsiders_cannot_react_to_dms_or_private_messages(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        send(&server, &alice, "dm:alice:bob", "just us").await;
        let dm = poll(&server, &bob, "dm:alice:bob", 0.0).await[0]["id"].as_i64().unwrap();
        let team = server.private_channel(&["alice", "bob"]);
        send(&server, &alice, &team, "before carol").await;
        let early = poll(&server, &alice, &team, 0.0).await[0]["id"].as_i64().unwrap();
        server.join(&team, &["carol"]);
        send(&server, &alice, &team, "after carol").await;
        let late = poll(&server, &alice, &team, 0.0).await[1]["id"].as_i64().unwrap();

        assert_eq!(react(&server, &carol, dm, "eyes").await, (404, "not found".into()));
        assert_eq!(react(&server, &carol, early, "eyes").await, (404, "not found".into()), "sent before carol joined");
        assert_eq!(react(&server, &carol, late, "eyes").await, (200, r#"{"eyes":["carol"]}"#.into()));
        assert_eq!(react(&server, &bob, dm, "eyes").await, (200, r#"{"eyes":["bob"]}"#.into()));
        let dm_message = &poll(&server, &alice, "dm:alice:bob", 0.0).await[0];
        assert_eq!(dm_message["reactions"], r#"{"eyes": ["bob"]}"#, "carol's refused toggle left no trace");
    }
}

on_both_backends! {
    async fn all_rows_of_a_send_share_one_reaction_set(server: TestServer) {
        let alice = server.user("alice").await;
        let part = reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("a.png");
        let form = reqwest::multipart::Form::new().text("text", "look").part("files", part);
        assert_eq!(alice.post(server.url("/send/general")).multipart(form).send().await.unwrap().status(), 200);
        let rows = poll(&server, &alice, "general", 0.0).await;
        assert_eq!(rows.len(), 2);
        let picture = rows[1]["id"].as_i64().unwrap();
        assert_eq!(react(&server, &alice, picture, "fire").await, (200, r#"{"fire":["alice"]}"#.into()));
        let rows = poll(&server, &alice, "general", 0.0).await;
        for row in &rows {
            assert_eq!(row["reactions"], r#"{"fire": ["alice"]}"#, "row {}", row["id"]);
        }
        assert_eq!(react(&server, &alice, rows[0]["id"].as_i64().unwrap(), "fire").await, (200, "{}".into()));
    }
}

on_both_backends! {
    async fn deleted_and_system_messages_can_be_reacted_to(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &alice, "general", "oops").await;
        let id = poll(&server, &alice, "general", 0.0).await[0]["id"].as_i64().unwrap();
        assert_eq!(alice.post(server.url(&format!("/delete/{id}"))).send().await.unwrap().status(), 200);
        assert_eq!(react(&server, &bob, id, "sad").await, (200, r#"{"sad":["bob"]}"#.into()));

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
        assert_eq!(react(&server, &bob, notice, "wave").await, (200, r#"{"wave":["bob"]}"#.into()));
    }
}

on_both_backends! {
    async fn reactions_reach_live_streams_only_of_those_who_can_see_the_message(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let team = server.private_channel(&["alice", "bob"]);
        send(&server, &alice, &team, "before carol").await;
        let early = poll(&server, &alice, &team, 0.0).await[0]["id"].as_i64().unwrap();
        server.join(&team, &["carol"]);
        send(&server, &alice, &team, "after carol").await;
        let late = poll(&server, &alice, &team, 0.0).await[1]["id"].as_i64().unwrap();
        let mut bob_stream = EventStream::open(&server, &bob, None).await;
        let mut carol_stream = EventStream::open(&server, &carol, None).await;

        assert_eq!(react(&server, &alice, early, "tada").await.0, 200);
        let (_, kind, data) = bob_stream.next(Duration::from_secs(5)).await.expect("bob hears of the reaction");
        assert_eq!(kind, "message");
        assert_eq!(data["messages"][0]["id"], early);
        assert_eq!(data["messages"][0]["reactions"], r#"{"tada": ["alice"]}"#);

        assert_eq!(react(&server, &alice, late, "tada").await.0, 200);
        let (_, _, data) = carol_stream.next(Duration::from_secs(5)).await.expect("carol hears of the later message");
        assert_eq!(data["messages"][0]["id"], late, "carol's first event: never the message from before she joined");
    }
}

on_both_backends! {
    async fn unauthenticated_reactions_are_refused(server: TestServer) {
        let response = server.client().post(server.url("/react/1")).form(&[("reaction", "heart")]).send().await.unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/login");
    }
}
