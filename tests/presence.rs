//! Presence states and typing indicators over HTTP, on both backends (they live in memory, but the
//! access checks for typing read the database).
mod common;

use std::time::Duration;

use common::{TestServer, PASSWORD};
use minimost::Settings;
use serde_json::{json, Value};

async fn online(server: &TestServer, client: &reqwest::Client) -> Value {
    let response = client.get("/online_users").send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn set_presence(server: &TestServer, client: &reqwest::Client, state: &str) -> u16 {
    let response = client.post("/presence").json(&json!({ "state": state })).send().await.unwrap();
    response.status().as_u16()
}

async fn typing(server: &TestServer, client: &reqwest::Client, channel: &str) -> (u16, Value) {
    let response = client.get(&format!("/typing/{channel}")).send().await.unwrap();
    let status = response.status().as_u16();
    let body =
        if status == 200 { response.json().await.unwrap() } else { Value::String(response.text().await.unwrap()) };
    (status, body)
}

async fn report_typing(server: &TestServer, client: &reqwest::Client, channel: &str) -> reqwest::Response {
    client.post(&format!("/typing/{channel}")).send().await.unwrap()
}

on_both_backends! {
    async fn the_four_states_are_listed_and_hidden_users_look_offline_to_others(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        assert_eq!(online(&server, &alice).await, json!({"Bob": "active", "alice": "active"}), "sign-up sets active");

        assert_eq!(set_presence(&server, &bob, "idle").await, 204);
        assert_eq!(online(&server, &alice).await["Bob"], "idle");
        assert_eq!(set_presence(&server, &bob, "active").await, 204);
        assert_eq!(online(&server, &alice).await["Bob"], "active");

        assert_eq!(set_presence(&server, &bob, "hidden").await, 204);
        assert_eq!(online(&server, &alice).await["Bob"], "offline", "others see a hidden user as offline");
        assert_eq!(online(&server, &bob).await["Bob"], "hidden", "the user sees their own state");

        for ignored in ["away", "Active", "ACTIVE", " idle", ""] {
            assert_eq!(set_presence(&server, &bob, ignored).await, 204, "{ignored:?}");
        }
        assert_eq!(online(&server, &bob).await["Bob"], "hidden", "unknown states change nothing");

        assert_eq!(set_presence(&server, &bob, "offline").await, 204);
        assert_eq!(online(&server, &alice).await["Bob"], "offline");
        assert_eq!(online(&server, &bob).await["Bob"], "offline");
    }
}

on_both_backends! {
    async fn logout_sets_offline_and_login_sets_active(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(bob.get("/logout").send().await.unwrap().status(), 302);
        assert_eq!(online(&server, &alice).await["bob"], "offline");

        let login = bob.post("/login").form(&[("username", "BOB"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(login.status(), 302);
        assert_eq!(online(&server, &alice).await["bob"], "active", "listed under the stored spelling");

        assert_eq!(bob.post("/logout").send().await.unwrap().status(), 302);
        assert_eq!(online(&server, &alice).await["bob"], "offline");
    }
}

on_both_backends! {
    async fn presence_reports_are_silent_without_a_session_and_refuse_wrong_json_shapes(server: TestServer) {
        let alice = server.user("alice").await;
        let stranger = server.guest();
        assert_eq!(set_presence(&server, &stranger, "active").await, 204);
        assert_eq!(stranger.get("/online_users").send().await.unwrap().status(), 302, "listing needs a session");

        // Form bodies and non-JSON bodies are ignored, like unknown states.
        let form = alice.post("/presence").form(&[("state", "idle")]).send().await.unwrap();
        assert_eq!(form.status(), 204);
        let text = alice.post("/presence").header("content-type", "application/json").body("idle").send().await.unwrap();
        assert_eq!(text.status(), 204);
        assert_eq!(online(&server, &alice).await, json!({"alice": "active"}));

        let array = alice.post("/presence").json(&json!(["idle"])).send().await.unwrap();
        assert_eq!(array.status(), 400);
        let number = alice.post("/presence").json(&json!({"state": 5})).send().await.unwrap();
        assert_eq!(number.status(), 400);
        assert!(number.text().await.unwrap().contains("state"), "the text names the field");
        assert_eq!(online(&server, &alice).await, json!({"alice": "active"}));
    }
}

on_both_backends! {
    async fn typing_is_shown_to_the_others_in_that_conversation_only(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;

        let response = report_typing(&server, &alice, "general").await;
        assert_eq!(response.status(), 204);
        assert!(response.text().await.unwrap().is_empty());
        assert_eq!(typing(&server, &bob, "general").await, (200, json!(["alice"])));
        assert_eq!(typing(&server, &alice, "general").await, (200, json!([])), "the requester is left out");
        assert_eq!(typing(&server, &bob, "software").await, (200, json!([])), "other channels see nothing");

        report_typing(&server, &bob, "general").await;
        let (_, both) = typing(&server, &carol, "general").await;
        let mut names: Vec<&str> = both.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["alice", "bob"]);

        // DM ids in any order name one conversation; outsiders get 403 both ways.
        assert_eq!(report_typing(&server, &alice, "dm:bob:alice").await.status(), 204);
        assert_eq!(typing(&server, &bob, "dm:alice:bob").await, (200, json!(["alice"])));
        assert_eq!(typing(&server, &carol, "dm:alice:bob").await, (403, json!("forbidden")));
        assert_eq!(report_typing(&server, &carol, "dm:alice:bob").await.status(), 403);
        assert_eq!(typing(&server, &bob, "dm:alice:bob").await, (200, json!(["alice"])), "a refused report is not recorded");

        assert_eq!(typing(&server, &alice, "nonexistent").await.0, 403);
        assert_eq!(typing(&server, &alice, "private:01").await, (404, json!("not found")));
        assert_eq!(report_typing(&server, &alice, "private:01").await.status(), 404);
    }
}

on_both_backends! {
    async fn typing_in_a_private_channel_is_for_members_and_logged_out_callers_get_empty_answers(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let created: Value = alice
            .post(server.url("/private_channels/create"))
            .json(&json!({"name": "crew", "members": ["bob"]}))
            .send().await.unwrap().json().await.unwrap();
        let channel = created["channel"].as_str().unwrap().to_string();

        assert_eq!(report_typing(&server, &bob, &channel).await.status(), 204);
        assert_eq!(typing(&server, &alice, &channel).await, (200, json!(["bob"])));
        assert_eq!(typing(&server, &carol, &channel).await, (403, json!("forbidden")));
        assert_eq!(report_typing(&server, &carol, &channel).await.status(), 403);
        assert_eq!(typing(&server, &carol, "private:999").await.0, 403, "unknown channels too");

        let stranger = server.guest();
        assert_eq!(typing(&server, &stranger, &channel).await, (200, json!([])));
        assert_eq!(typing(&server, &stranger, "private:01").await, (200, json!([])), "no session: no checks, no redirect");
        assert_eq!(report_typing(&server, &stranger, &channel).await.status(), 204);
        assert_eq!(typing(&server, &alice, &channel).await, (200, json!(["bob"])));
    }
}

on_both_backends! {
    async fn typing_reports_expire_after_five_seconds(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        report_typing(&server, &alice, "general").await;
        assert_eq!(typing(&server, &bob, "general").await, (200, json!(["alice"])));
        // Visible while its whole second is within five of the current one: gone within six seconds.
        tokio::time::sleep(Duration::from_millis(6100)).await;
        assert_eq!(typing(&server, &bob, "general").await, (200, json!([])));
        report_typing(&server, &alice, "general").await;
        assert_eq!(typing(&server, &bob, "general").await, (200, json!(["alice"])), "a new report shows again");
    }
}

on_both_backends! {
    async fn typing_in_a_dm_with_someone_who_has_no_account_is_refused_and_not_kept(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        // The red team's shape: made-up group DMs, each a new conversation.
        for n in 0..20 {
            let response = report_typing(&server, &alice, &format!("dm:alice:bob:ghost{n}")).await;
            assert_eq!(response.status(), 404);
            assert_eq!(response.text().await.unwrap(), "user not found");
        }
        assert_eq!(typing(&server, &bob, "dm:alice:bob:ghost0").await, (200, json!([])));
        assert_eq!(report_typing(&server, &alice, "dm:alice:bob").await.status(), 204, "real conversations still work");
        assert_eq!(typing(&server, &bob, "dm:alice:bob").await, (200, json!(["alice"])));
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
            assert_eq!(report_typing(&server, &alice, &format!("dm:alice:user{n}")).await.status(), 204);
        }
        // The two oldest reports made room for the newest.
        for (n, other) in others.iter().enumerate() {
            let expected = if n < 2 { json!([]) } else { json!(["alice"]) };
            assert_eq!(typing(&server, other, &format!("dm:alice:user{n}")).await, (200, expected), "user{n}");
        }
        // Reporting again where one is still shown takes no room.
        assert_eq!(report_typing(&server, &alice, "dm:alice:user2").await.status(), 204);
        assert_eq!(typing(&server, &others[4], "dm:alice:user4").await, (200, json!(["alice"])));
    }
);
