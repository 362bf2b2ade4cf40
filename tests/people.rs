//! The user list, mention candidates, name colours, avatars list and profiles over HTTP, on both
//! backends.
mod common;

use serde_json::json;

on_both_backends! {
    async fn users_lists_everyone_but_the_caller_in_byte_order(server: TestServer) {
        let bob = server.user("bob").await;
        server.user("alice").await;
        server.user("Zed").await;
        server.user("_under").await;
        assert_eq!(bob.fetch("/users").await.status_json(), (200, json!(["Zed", "_under", "alice"])));
        let stranger = server.guest();
        assert_eq!(stranger.fetch("/users").await.status, 302);
    }
}

on_both_backends! {
    async fn channel_members_are_the_others_who_can_be_mentioned_there(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("Carol").await;
        server.user("dave").await;

        assert_eq!(alice.fetch("/channel_members/general").await.status_json(), (200, json!(["Carol", "bob", "dave"])));
        assert_eq!(alice.fetch("/channel_members/dm:bob:alice:Carol").await.status_json(), (200, json!(["Carol", "bob"])), "id order");
        assert_eq!(alice.fetch("/channel_members/dm:alice:alice").await.status_json(), (200, json!([])), "a self-DM has nobody else");

        let channel = alice.create_private("crew", &["bob"]).await["channel"].as_str().unwrap().to_string();
        assert_eq!(alice.fetch(&format!("/channel_members/{channel}")).await.status_json(), (200, json!(["bob"])));
        assert_eq!(bob.fetch(&format!("/channel_members/{channel}")).await.status_json(), (200, json!(["alice"])));

        // Outsiders learn nothing about who is in a private channel or a DM.
        assert_eq!(carol.fetch(&format!("/channel_members/{channel}")).await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.fetch("/channel_members/dm:alice:bob").await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.fetch("/channel_members/private:999").await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.fetch("/channel_members/dm:Carol").await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.fetch("/channel_members/nonexistent").await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.fetch("/channel_members/private:01").await.status_json(), (404, json!("not found")));
    }
}

on_both_backends! {
    async fn colours_avatars_and_profiles_are_public(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(bob.fetch("/user_colors").await.status_json(), (200, json!({})));
        assert_eq!(bob.fetch("/user_avatars").await.status_json(), (200, json!([])));

        let saved = alice.post_json("/settings", &json!({"name_color": "#AbCdEf", "bio": "  Firmware.  "})).await;
        assert_eq!(saved.status, 200);
        assert_eq!(bob.fetch("/user_colors").await.status_json(), (200, json!({"alice": "#AbCdEf"})), "letter case kept");
        assert_eq!(
            bob.fetch("/profile/alice").await.status_json(),
            (200, json!({"bio": "Firmware.", "name_color": "#AbCdEf", "username": "alice"}))
        );
        // Exact names only, and no existence check.
        assert_eq!(
            bob.fetch("/profile/ALICE").await.status_json(),
            (200, json!({"bio": null, "name_color": null, "username": "ALICE"}))
        );
        assert_eq!(
            bob.fetch("/profile/nobody").await.status_json(),
            (200, json!({"bio": null, "name_color": null, "username": "nobody"}))
        );
    }
}
