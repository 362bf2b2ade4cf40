//! `POST /delete_account` over HTTP, on both backends: confirmation, what goes with the account,
//! soft versus hard deletion, and registering the name again.
mod common;

use common::{TestServer, PASSWORD};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

async fn delete_account(server: &TestServer, client: &reqwest::Client, body: Value) -> reqwest::Response {
    client.post("/delete_account").json(&body).send().await.unwrap()
}

async fn get_json(server: &TestServer, client: &reqwest::Client, path: &str) -> Value {
    let response = client.get(path).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) {
    let response = client.post(&format!("/send/{channel}")).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

fn dir_entries(server: &TestServer, dir: &str) -> usize {
    std::fs::read_dir(server.data_dir.path().join(dir)).unwrap().count()
}

on_both_backends! {
    async fn deletion_needs_a_valid_type_and_the_password(server: TestServer) {
        let alice = server.user("alice").await;
        let refusals = [
            (json!({"password": PASSWORD}), 400, json!({"error": "Invalid delete type."})),
            (json!({"type": "Soft", "password": PASSWORD}), 400, json!({"error": "Invalid delete type."})),
            (json!({"type": "soft", "password": "Wrong#Pass1"}), 403, json!({"error": "Incorrect password."})),
            (json!({"type": "hard"}), 403, json!({"error": "Incorrect password."})),
        ];
        for (body, status, error) in refusals {
            let response = delete_account(&server, &alice, body.clone()).await;
            assert_eq!(response.status(), status, "{body}");
            assert_eq!(response.headers()["content-type"], "application/json");
            assert_eq!(response.json::<Value>().await.unwrap(), error, "{body}");
        }
        let form = alice.post("/delete_account").form(&[("type", "soft"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(form.status(), 400, "a body that is not JSON has no type");
        let wrong_shape = delete_account(&server, &alice, json!({"type": "soft", "password": 1234})).await;
        assert_eq!(wrong_shape.status(), 400);
        assert_eq!(get_json(&server, &alice, "/settings").await["bio"], Value::Null, "still signed in, account intact");
        assert_eq!(server.guest().post("/delete_account").json(&json!({"type": "soft"})).send().await.unwrap().status(), 302);
    }
}

on_both_backends! {
    async fn soft_deletion_keeps_messages_as_deleted_user_and_removes_everything_else(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let other_tab = server.guest();
        let login = other_tab.post("/login").form(&[("username", "alice"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(login.status(), 302);

        send(&server, &alice, "general", "hello all").await;
        send(&server, &alice, "dm:alice:bob", "psst").await;
        alice.post("/settings").json(&json!({"name_color": "#123456", "bio": "gone soon"})).send().await.unwrap();
        let avatar = Form::new().part("avatar", Part::bytes(PNG.to_vec()).file_name("me.png"));
        assert_eq!(alice.post("/avatar").multipart(avatar).send().await.unwrap().status(), 200);
        let created: Value = alice
            .post(server.url("/private_channels/create"))
            .json(&json!({"name": "crew", "members": ["bob"]}))
            .send().await.unwrap().json().await.unwrap();
        let channel = created["channel"].as_str().unwrap().to_string();
        alice.post(&format!("/typing/{channel}")).send().await.unwrap();
        assert_eq!(get_json(&server, &bob, &format!("/typing/{channel}")).await, json!(["alice"]));

        let response = delete_account(&server, &alice, json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status(), 200);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("session=;") && cookie.contains("Max-Age=0"), "{cookie}");
        assert_eq!(response.text().await.unwrap(), "{\"status\":\"ok\"}\n");

        // Every session of the account is over, including ones whose cookie was not cleared.
        for client in [&alice, &other_tab] {
            assert_eq!(client.get("/users").send().await.unwrap().status(), 302);
        }
        let general = get_json(&server, &bob, "/messages/general?after=0").await;
        assert_eq!(general[0]["sender"], "Deleted User");
        assert_eq!(general[0]["content"], "hello all");
        let dm = get_json(&server, &bob, "/messages/dm:alice:bob?after=0").await;
        assert_eq!((dm[0]["sender"].as_str(), dm[0]["content"].as_str()), (Some("Deleted User"), Some("psst")));

        assert_eq!(get_json(&server, &bob, "/users").await, json!([]));
        assert_eq!(get_json(&server, &bob, "/user_colors").await, json!({}));
        assert_eq!(get_json(&server, &bob, "/user_avatars").await, json!([]));
        assert_eq!(dir_entries(&server, "avatars"), 0, "the avatar file is removed");
        assert_eq!(get_json(&server, &bob, "/online_users").await, json!({"bob": "active"}));
        assert_eq!(get_json(&server, &bob, &format!("/typing/{channel}")).await, json!([]));
        assert_eq!(get_json(&server, &bob, &format!("/channel_members/{channel}")).await, json!([]));
        assert_eq!(get_json(&server, &bob, "/private_channels").await[0]["members"], json!(["bob"]));
        assert_eq!(get_json(&server, &bob, "/profile/alice").await, json!({"bio": null, "name_color": null, "username": "alice"}));

        // The name is free again, for a fresh account.
        let again = server.user("alice").await;
        assert_eq!(get_json(&server, &again, "/settings").await, json!({"avatar_file": null, "bio": null, "name_color": null}));
        assert_eq!(get_json(&server, &again, "/private_channels").await, json!([]));
        assert_eq!(get_json(&server, &bob, "/users").await, json!(["alice"]));

        // The new alice is someone else: the old account's conversations are not hers to read.
        assert_eq!(get_json(&server, &again, "/messages/dm:alice:bob?after=0").await, json!([]));
        assert_eq!(get_json(&server, &again, &format!("/messages/{channel}?after=0")).await, json!([]));
        send(&server, &bob, "dm:alice:bob", "welcome, new alice").await;
        let fresh = get_json(&server, &again, "/messages/dm:alice:bob?after=0").await;
        assert_eq!(fresh.as_array().unwrap().len(), 1);
        assert_eq!(fresh[0]["content"], "welcome, new alice");
        assert_eq!(get_json(&server, &bob, "/messages/dm:alice:bob?after=0").await.as_array().unwrap().len(), 2, "bob keeps his history");
        assert_eq!(get_json(&server, &again, "/messages/general?after=0").await[0]["content"], "hello all", "public history is for everyone");
        assert_eq!(get_json(&server, &again, "/search_messages?q=psst").await, json!([]), "nor found by search");
        assert_eq!(get_json(&server, &again, "/dms").await, json!([{"channel": "dm:alice:bob", "unread": 1, "users": ["bob"]}]));
        assert_eq!(get_json(&server, &again, "/unread_count").await, json!({"count": 1}), "only the new message counts");
        let closed = again.post("/dms/close").json(&json!({"channel": "dm:alice:bob"})).send().await.unwrap();
        assert_eq!(closed.status(), 200);
        assert_eq!(get_json(&server, &again, "/search_messages?q=psst").await, json!([]), "closing the DM opens no history");
        assert_eq!(get_json(&server, &again, "/search_messages?q=welcome").await.as_array().unwrap().len(), 1);
    }
}

on_both_backends! {
    async fn hard_deletion_turns_messages_into_tombstones_pollers_see(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &bob, "general", "question").await;
        send(&server, &alice, "general", "secret answer").await;
        let form = Form::new().text("text", "with a picture").part("files", Part::bytes(PNG.to_vec()).file_name("p.png"));
        assert_eq!(alice.post("/send/general").multipart(form).send().await.unwrap().status(), 200);
        send(&server, &alice, "dm:alice:bob", "private words").await;
        assert_eq!(dir_entries(&server, "uploads"), 1);

        let seen = get_json(&server, &bob, "/messages/general?after=0").await;
        let last_seen = seen.as_array().unwrap().iter().map(|m| m["ts"].as_f64().unwrap()).fold(0.0, f64::max);
        let dm_seen = get_json(&server, &bob, "/messages/dm:alice:bob?after=0").await[0]["ts"].as_f64().unwrap();

        let response = delete_account(&server, &alice, json!({"type": "hard", "password": PASSWORD})).await;
        assert_eq!(response.status(), 200);

        let changed = get_json(&server, &bob, &format!("/messages/general?after={last_seen}")).await;
        let changed = changed.as_array().unwrap();
        assert_eq!(changed.len(), 3, "the text, the second text and the attachment: {changed:?}");
        for message in changed {
            assert_eq!(message["deleted"], 1);
            assert!(message["content"].is_null() && message["filename"].is_null(), "{message}");
            assert_eq!(message["sender"], "Deleted User");
        }
        let id = changed[0]["id"].as_i64().unwrap();
        let single = get_json(&server, &bob, &format!("/message/{id}")).await;
        assert!(single["content"].is_null());
        let dm = get_json(&server, &bob, &format!("/messages/dm:alice:bob?after={dm_seen}")).await;
        assert_eq!(dm[0]["deleted"], 1);
        assert!(dm[0]["content"].is_null());
        assert_eq!(dir_entries(&server, "uploads"), 0, "attachments go with the messages");

        let all = get_json(&server, &bob, "/messages/general?after=0").await;
        assert_eq!(all[0]["content"], "question", "other people's messages stay");
        assert_eq!(all[0]["deleted"], 0);
    }
}

on_both_backends! {
    async fn a_deleted_users_reactions_disappear_and_pollers_are_told(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &bob, "general", "react to this").await;
        let message = get_json(&server, &bob, "/messages/general?after=0").await[0].clone();
        let id = message["id"].as_i64().unwrap();
        for (client, name) in [(&alice, "heart"), (&bob, "heart"), (&alice, "thumbsup")] {
            let response = client.post(&format!("/react/{id}")).form(&[("reaction", name)]).send().await.unwrap();
            assert_eq!(response.status(), 200);
        }
        let seen = get_json(&server, &bob, "/messages/general?after=0").await[0]["reactions_ts"].as_f64().unwrap();

        let response = delete_account(&server, &alice, json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status(), 200);
        let changed = get_json(&server, &bob, &format!("/messages/general?after={seen}")).await;
        assert_eq!(changed.as_array().unwrap().len(), 1, "the message is sent again");
        assert_eq!(changed[0]["reactions"], "{\"heart\": [\"bob\"]}");
    }
}

on_both_backends! {
    async fn a_deleted_users_read_receipts_disappear(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &bob, "dm:alice:bob", "did you read this?").await;
        assert_eq!(alice.post("/mark_read/dm:alice:bob").send().await.unwrap().status(), 204);
        let receipts = get_json(&server, &bob, "/read_receipts/dm:alice:bob").await;
        assert_eq!(receipts.as_object().unwrap().values().next().unwrap(), &json!(["alice"]));

        let response = delete_account(&server, &alice, json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status(), 200);
        assert_eq!(get_json(&server, &bob, "/read_receipts/dm:alice:bob").await, json!({}));
    }
}
