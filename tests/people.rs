//! The user list, mention candidates, name colours, avatars list and profiles over HTTP, on both
//! backends.
mod common;

use common::TestServer;
use serde_json::{json, Value};

async fn get(server: &TestServer, client: &reqwest::Client, path: &str) -> (u16, Value) {
    let response = client.get(path).send().await.unwrap();
    let status = response.status().as_u16();
    let body =
        if status == 200 { response.json().await.unwrap() } else { Value::String(response.text().await.unwrap()) };
    (status, body)
}

async fn create_private(server: &TestServer, client: &reqwest::Client, name: &str, members: &[&str]) -> String {
    let response = client
        .post(server.url("/private_channels/create"))
        .json(&json!({ "name": name, "members": members }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json::<Value>().await.unwrap()["channel"].as_str().unwrap().to_string()
}

on_both_backends! {
    async fn users_lists_everyone_but_the_caller_in_byte_order(server: TestServer) {
        let bob = server.user("bob").await;
        server.user("alice").await;
        server.user("Zed").await;
        server.user("_under").await;
        assert_eq!(get(&server, &bob, "/users").await, (200, json!(["Zed", "_under", "alice"])));
        let stranger = server.guest();
        assert_eq!(stranger.get("/users").send().await.unwrap().status(), 302);
    }
}

on_both_backends! {
    async fn channel_members_are_the_others_who_can_be_mentioned_there(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("Carol").await;
        server.user("dave").await;

        assert_eq!(get(&server, &alice, "/channel_members/general").await, (200, json!(["Carol", "bob", "dave"])));
        assert_eq!(get(&server, &alice, "/channel_members/dm:bob:alice:Carol").await, (200, json!(["Carol", "bob"])), "id order");
        assert_eq!(get(&server, &alice, "/channel_members/dm:alice:alice").await, (200, json!([])), "a self-DM has nobody else");

        let channel = create_private(&server, &alice, "crew", &["bob"]).await;
        assert_eq!(get(&server, &alice, &format!("/channel_members/{channel}")).await, (200, json!(["bob"])));
        assert_eq!(get(&server, &bob, &format!("/channel_members/{channel}")).await, (200, json!(["alice"])));

        // Outsiders learn nothing about who is in a private channel or a DM.
        assert_eq!(get(&server, &carol, &format!("/channel_members/{channel}")).await, (403, json!("forbidden")));
        assert_eq!(get(&server, &carol, "/channel_members/dm:alice:bob").await, (403, json!("forbidden")));
        assert_eq!(get(&server, &carol, "/channel_members/private:999").await, (403, json!("forbidden")));
        assert_eq!(get(&server, &carol, "/channel_members/dm:Carol").await, (403, json!("forbidden")));
        assert_eq!(get(&server, &carol, "/channel_members/nonexistent").await, (403, json!("forbidden")));
        assert_eq!(get(&server, &carol, "/channel_members/private:01").await, (404, json!("not found")));
    }
}

on_both_backends! {
    async fn colours_avatars_and_profiles_are_public(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(get(&server, &bob, "/user_colors").await, (200, json!({})));
        assert_eq!(get(&server, &bob, "/user_avatars").await, (200, json!([])));

        let saved = alice.post("/settings").json(&json!({"name_color": "#AbCdEf", "bio": "  Firmware.  "})).send().await.unwrap();
        assert_eq!(saved.status(), 200);
        assert_eq!(get(&server, &bob, "/user_colors").await, (200, json!({"alice": "#AbCdEf"})), "letter case kept");
        assert_eq!(
            get(&server, &bob, "/profile/alice").await,
            (200, json!({"bio": "Firmware.", "name_color": "#AbCdEf", "username": "alice"}))
        );
        // Exact names only, and no existence check.
        assert_eq!(
            get(&server, &bob, "/profile/ALICE").await,
            (200, json!({"bio": null, "name_color": null, "username": "ALICE"}))
        );
        assert_eq!(
            get(&server, &bob, "/profile/nobody").await,
            (200, json!({"bio": null, "name_color": null, "username": "nobody"}))
        );
    }
}
