//! Presence states and typing indicators over HTTP, on both backends (they live in memory, but the
//! access checks for typing read the database).
mod common;

use std::time::Duration;

use common::{RequestExt, PASSWORD};
use minimost::Settings;
use serde_json::json;

on_both_backends! {
    async fn the_four_states_are_listed_and_hidden_users_look_offline_to_others(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        assert_eq!(alice.online().await, json!({"Bob": "active", "alice": "active"}), "sign-up sets active");

        assert_eq!(bob.set_presence("idle").await.code(), 204);
        assert_eq!(alice.online().await["Bob"], "idle");
        assert_eq!(bob.set_presence("active").await.code(), 204);
        assert_eq!(alice.online().await["Bob"], "active");

        assert_eq!(bob.set_presence("hidden").await.code(), 204);
        assert_eq!(alice.online().await["Bob"], "hidden", "others see a hidden user as hidden (the contract)");
        assert_eq!(bob.online().await["Bob"], "hidden", "the user sees their own state");

        for ignored in ["away", "Active", "ACTIVE", " idle", ""] {
            assert_eq!(bob.set_presence(ignored).await.code(), 204, "{ignored:?}");
        }
        assert_eq!(bob.online().await["Bob"], "hidden", "unknown states change nothing");

        assert_eq!(bob.set_presence("offline").await.code(), 204);
        assert_eq!(alice.online().await["Bob"], "offline");
        assert_eq!(bob.online().await["Bob"], "offline");
    }
}

on_both_backends! {
    async fn logout_sets_offline_and_login_sets_active(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(bob.log_out().await.status, 302);
        assert_eq!(alice.online().await["bob"], "offline");

        let login = bob.log_in("BOB", PASSWORD).await;
        assert_eq!(login.status, 302);
        assert_eq!(alice.online().await["bob"], "active", "listed under the stored spelling");

        assert_eq!(bob.post_empty("/logout").await.status, 302);
        assert_eq!(alice.online().await["bob"], "offline");
    }
}

on_both_backends! {
    async fn presence_reports_are_silent_without_a_session_and_refuse_wrong_json_shapes(server: TestServer) {
        let alice = server.user("alice").await;
        let stranger = server.guest();
        assert_eq!(stranger.set_presence("active").await.code(), 204);
        assert_eq!(stranger.fetch("/online_users").await.status, 302, "listing needs a session");

        // Form bodies and non-JSON bodies are ignored, like unknown states.
        let form = alice.post_form("/presence", &[("state", "idle")]).await;
        assert_eq!(form.status, 204);
        let text = alice.post("/presence").header("content-type", "application/json").body("idle").reply().await;
        assert_eq!(text.status, 204);
        assert_eq!(alice.online().await, json!({"alice": "active"}));

        let array = alice.post_json("/presence", &json!(["idle"])).await;
        assert_eq!(array.status, 400);
        let number = alice.post_json("/presence", &json!({"state": 5})).await;
        assert_eq!(number.status, 400);
        assert!(number.text().contains("state"), "the text names the field");
        assert_eq!(alice.online().await, json!({"alice": "active"}));
    }
}

on_both_backends! {
    async fn typing_is_shown_to_the_others_in_that_conversation_only(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;

        let response = alice.start_typing("general").await;
        assert_eq!(response.status, 204);
        assert!(response.text().is_empty());
        assert_eq!(bob.typing("general").await.status_json(), (200, json!(["alice"])));
        assert_eq!(alice.typing("general").await.status_json(), (200, json!([])), "the requester is left out");
        assert_eq!(bob.typing("software").await.status_json(), (200, json!([])), "other channels see nothing");

        bob.start_typing("general").await;
        let (_, both) = carol.typing("general").await.status_json();
        let mut names: Vec<&str> = both.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["alice", "bob"]);

        // DM ids in any order name one conversation; outsiders get 403 both ways.
        assert_eq!(alice.start_typing("dm:bob:alice").await.status, 204);
        assert_eq!(bob.typing("dm:alice:bob").await.status_json(), (200, json!(["alice"])));
        assert_eq!(carol.typing("dm:alice:bob").await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.start_typing("dm:alice:bob").await.status, 403);
        assert_eq!(bob.typing("dm:alice:bob").await.status_json(), (200, json!(["alice"])), "a refused report is not recorded");

        assert_eq!(alice.typing("nonexistent").await.status_json().0, 403);
        assert_eq!(alice.typing("private:01").await.status_json(), (404, json!("not found")));
        assert_eq!(alice.start_typing("private:01").await.status, 404);
    }
}

on_both_backends! {
    async fn typing_in_a_private_channel_is_for_members_and_logged_out_callers_get_empty_answers(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let created = alice.create_private("crew", &["bob"]).await;
        let channel = created["channel"].as_str().unwrap().to_string();

        assert_eq!(bob.start_typing(&channel).await.status, 204);
        assert_eq!(alice.typing(&channel).await.status_json(), (200, json!(["bob"])));
        assert_eq!(carol.typing(&channel).await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.start_typing(&channel).await.status, 403);
        assert_eq!(carol.typing("private:999").await.status_json().0, 403, "unknown channels too");

        let stranger = server.guest();
        assert_eq!(stranger.typing(&channel).await.status_json(), (200, json!([])));
        assert_eq!(stranger.typing("private:01").await.status_json(), (200, json!([])), "no session: no checks, no redirect");
        assert_eq!(stranger.start_typing(&channel).await.status, 204);
        assert_eq!(alice.typing(&channel).await.status_json(), (200, json!(["bob"])));
    }
}

on_both_backends! {
    async fn typing_reports_expire_after_five_seconds(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.start_typing("general").await;
        assert_eq!(bob.typing("general").await.status_json(), (200, json!(["alice"])));
        // Visible while its whole second is within five of the current one: gone within six seconds.
        tokio::time::sleep(Duration::from_millis(6100)).await;
        assert_eq!(bob.typing("general").await.status_json(), (200, json!([])));
        alice.start_typing("general").await;
        assert_eq!(bob.typing("general").await.status_json(), (200, json!(["alice"])), "a new report shows again");
    }
}

on_both_backends! {
    async fn typing_in_a_dm_with_someone_who_has_no_account_is_refused_and_not_kept(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        // The red team's shape: made-up group DMs, each a new conversation.
        for n in 0..20 {
            let response = alice.start_typing(&format!("dm:alice:bob:ghost{n}")).await;
            assert_eq!(response.status, 404);
            assert_eq!(response.text(), "user not found");
        }
        assert_eq!(bob.typing("dm:alice:bob:ghost0").await.status_json(), (200, json!([])));
        assert_eq!(alice.start_typing("dm:alice:bob").await.status, 204, "real conversations still work");
        assert_eq!(bob.typing("dm:alice:bob").await.status_json(), (200, json!(["alice"])));
    }
}

on_both_backends_with_settings!(
    Settings { max_typing_conversations_per_user: 3, ..common::test_settings() },
    async fn a_user_is_shown_typing_in_at_most_the_configured_number_of_conversations(server: TestServer) {
        let alice = server.user("alice").await;
        let mut others = Vec::new();
        for n in 0..5 {
            others.push(server.user(&format!("user{n}")).await);
        }
        for n in 0..5 {
            assert_eq!(alice.start_typing(&format!("dm:alice:user{n}")).await.status, 204);
        }
        // The two oldest reports made room for the newest.
        for (n, other) in others.iter().enumerate() {
            let expected = if n < 2 { json!([]) } else { json!(["alice"]) };
            assert_eq!(other.typing(&format!("dm:alice:user{n}")).await.status_json(), (200, expected), "user{n}");
        }
        // Reporting again where one is still shown takes no room.
        assert_eq!(alice.start_typing("dm:alice:user2").await.status, 204);
        assert_eq!(others[4].typing("dm:alice:user4").await.status_json(), (200, json!(["alice"])));
    }
);
