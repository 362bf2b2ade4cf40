//! `POST /delete_account` over HTTP, on both backends: confirmation, what goes with the account,
//! soft versus hard deletion, and registering the name again.
mod common;

use common::{file_part, PASSWORD, PNG};
use reqwest::multipart::Form;
use serde_json::{json, Value};

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
            let response = alice.delete_account(&body.clone()).await;
            assert_eq!(response.status, status, "{body}");
            assert_eq!(response.headers["content-type"], "application/json");
            assert_eq!(response.json::<Value>(), error, "{body}");
        }
        let form = alice.post_form("/delete_account", &[("type", "soft"), ("password", PASSWORD)]).await;
        assert_eq!(form.status, 400, "a body that is not JSON has no type");
        let wrong_shape = alice.delete_account(&json!({"type": "soft", "password": 1234})).await;
        assert_eq!(wrong_shape.status, 400);
        assert_eq!(alice.get_json::<Value>("/settings").await["bio"], Value::Null, "still signed in, account intact");
        assert_eq!(server.guest().post_json("/delete_account", &json!({"type": "soft"})).await.status, 302);
    }
}

on_both_backends! {
    async fn soft_deletion_keeps_messages_as_deleted_user_and_removes_everything_else(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let other_tab = server.guest();
        let login = other_tab.log_in("alice", PASSWORD).await;
        assert_eq!(login.status, 302);

        alice.send("general", "hello all").await;
        alice.send("dm:alice:bob", "psst").await;
        alice.save_settings(&json!({"name_color": "#123456", "bio": "gone soon"})).await;
        let avatar = Form::new().part("avatar", file_part("me.png", PNG));
        assert_eq!(alice.upload_avatar(avatar).await.status, 200);
        let created = alice.create_private("crew", &["bob"]).await;
        let channel = created["channel"].as_str().unwrap().to_string();
        alice.start_typing(&channel).await;
        assert_eq!(bob.get_json::<Value>(&format!("/typing/{channel}")).await, json!(["alice"]));

        let response = alice.delete_account(&json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status, 200);
        let cookie = response.headers["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("session=;") && cookie.contains("Max-Age=0"), "{cookie}");
        assert_eq!(response.text(), "{\"status\":\"ok\"}\n");

        // Every session of the account is over, including ones whose cookie was not cleared.
        for client in [&alice, &other_tab] {
            assert_eq!(client.fetch("/users").await.status, 302);
        }
        let general = bob.get_json::<Value>("/messages/general?after=0").await;
        assert_eq!(general[0]["sender"], "Deleted User");
        assert_eq!(general[0]["content"], "hello all");
        let dm = bob.get_json::<Value>("/messages/dm:alice:bob?after=0").await;
        assert_eq!((dm[0]["sender"].as_str(), dm[0]["content"].as_str()), (Some("Deleted User"), Some("psst")));

        assert_eq!(bob.get_json::<Value>("/users").await, json!([]));
        assert_eq!(bob.get_json::<Value>("/user_colors").await, json!({}));
        assert_eq!(bob.get_json::<Value>("/user_avatars").await, json!([]));
        assert_eq!(server.files_in("avatars").len(), 0, "the avatar file is removed");
        assert_eq!(bob.get_json::<Value>("/online_users").await, json!({"bob": "active"}));
        assert_eq!(bob.get_json::<Value>(&format!("/typing/{channel}")).await, json!([]));
        assert_eq!(bob.get_json::<Value>(&format!("/channel_members/{channel}")).await, json!([]));
        assert_eq!(bob.get_json::<Value>("/private_channels").await[0]["members"], json!(["bob"]));
        assert_eq!(bob.get_json::<Value>("/profile/alice").await, json!({"bio": null, "name_color": null, "username": "alice"}));

        // The name is free again, for a fresh account.
        let again = server.user("alice").await;
        assert_eq!(again.get_json::<Value>("/settings").await, json!({"avatar_file": null, "bio": null, "name_color": null}));
        assert_eq!(again.get_json::<Value>("/private_channels").await, json!([]));
        assert_eq!(bob.get_json::<Value>("/users").await, json!(["alice"]));

        // The new alice is someone else: the old account's conversations are not hers to read.
        assert_eq!(again.get_json::<Value>("/messages/dm:alice:bob?after=0").await, json!([]));
        assert_eq!(again.get_json::<Value>(&format!("/messages/{channel}?after=0")).await, json!([]));
        bob.send("dm:alice:bob", "welcome, new alice").await;
        let fresh = again.get_json::<Value>("/messages/dm:alice:bob?after=0").await;
        assert_eq!(fresh.as_array().unwrap().len(), 1);
        assert_eq!(fresh[0]["content"], "welcome, new alice");
        assert_eq!(bob.get_json::<Value>("/messages/dm:alice:bob?after=0").await.as_array().unwrap().len(), 2, "bob keeps his history");
        assert_eq!(again.get_json::<Value>("/messages/general?after=0").await[0]["content"], "hello all", "public history is for everyone");
        assert_eq!(again.get_json::<Value>("/search_messages?q=psst").await, json!([]), "nor found by search");
        assert_eq!(again.get_json::<Value>("/dms").await, json!([{"channel": "dm:alice:bob", "unread": 1, "users": ["bob"]}]));
        assert_eq!(again.get_json::<Value>("/unread_count").await, json!({"count": 1}), "only the new message counts");
        let closed = again.close_dm(&json!({"channel": "dm:alice:bob"})).await;
        assert_eq!(closed.status, 200);
        assert_eq!(again.get_json::<Value>("/search_messages?q=psst").await, json!([]), "closing the DM opens no history");
        assert_eq!(again.get_json::<Value>("/search_messages?q=welcome").await.as_array().unwrap().len(), 1);
    }
}

on_both_backends! {
    async fn hard_deletion_turns_messages_into_tombstones_pollers_see(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "question").await;
        alice.send("general", "secret answer").await;
        assert_eq!(alice.send_files("general", Some("with a picture"), &[("p.png", PNG)]).await.status, 200);
        alice.send("dm:alice:bob", "private words").await;
        assert_eq!(server.files_in("uploads").len(), 1);

        let seen = bob.get_json::<Value>("/messages/general?after=0").await;
        let last_seen = seen.as_array().unwrap().iter().map(|m| m["ts"].as_f64().unwrap()).fold(0.0, f64::max);
        let dm_seen = bob.get_json::<Value>("/messages/dm:alice:bob?after=0").await[0]["ts"].as_f64().unwrap();

        let response = alice.delete_account(&json!({"type": "hard", "password": PASSWORD})).await;
        assert_eq!(response.status, 200);

        let changed = bob.get_json::<Value>(&format!("/messages/general?after={last_seen}")).await;
        let changed = changed.as_array().unwrap();
        assert_eq!(changed.len(), 3, "the text, the second text and the attachment: {changed:?}");
        for message in changed {
            assert_eq!(message["deleted"], 1);
            assert!(message["content"].is_null() && message["filename"].is_null(), "{message}");
            assert_eq!(message["sender"], "Deleted User");
        }
        let id = changed[0]["id"].as_i64().unwrap();
        let single = bob.get_json::<Value>(&format!("/message/{id}")).await;
        assert!(single["content"].is_null());
        let dm = bob.get_json::<Value>(&format!("/messages/dm:alice:bob?after={dm_seen}")).await;
        assert_eq!(dm[0]["deleted"], 1);
        assert!(dm[0]["content"].is_null());
        assert_eq!(server.files_in("uploads").len(), 0, "attachments go with the messages");

        let all = bob.get_json::<Value>("/messages/general?after=0").await;
        assert_eq!(all[0]["content"], "question", "other people's messages stay");
        assert_eq!(all[0]["deleted"], 0);
    }
}

on_both_backends! {
    async fn a_deleted_users_reactions_disappear_and_pollers_are_told(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "react to this").await;
        let message = bob.get_json::<Value>("/messages/general?after=0").await[0].clone();
        let id = message["id"].as_i64().unwrap();
        for (client, name) in [(&alice, "heart"), (&bob, "heart"), (&alice, "thumbsup")] {
            let response = client.react(id, name).await;
            assert_eq!(response.status, 200);
        }
        let seen = bob.get_json::<Value>("/messages/general?after=0").await[0]["reactions_ts"].as_f64().unwrap();

        let response = alice.delete_account(&json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status, 200);
        let changed = bob.get_json::<Value>(&format!("/messages/general?after={seen}")).await;
        assert_eq!(changed.as_array().unwrap().len(), 1, "the message is sent again");
        assert_eq!(changed[0]["reactions"], "{\"heart\": [\"bob\"]}");
    }
}

on_both_backends! {
    async fn a_deleted_users_read_receipts_disappear(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("dm:alice:bob", "did you read this?").await;
        assert_eq!(alice.mark_read("dm:alice:bob").await.status, 204);
        let receipts = bob.get_json::<Value>("/read_receipts/dm:alice:bob").await;
        assert_eq!(receipts.as_object().unwrap().values().next().unwrap(), &json!(["alice"]));

        let response = alice.delete_account(&json!({"type": "soft", "password": PASSWORD})).await;
        assert_eq!(response.status, 200);
        assert_eq!(bob.get_json::<Value>("/read_receipts/dm:alice:bob").await, json!({}));
    }
}
