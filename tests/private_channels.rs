//! Private channels over HTTP, on both backends: create, list, rename, add member, members, leave,
//! and what outsiders get on every route.
mod common;

use common::User;
use serde_json::{json, Value};

/// `(sender, content)` of every message the user sees in the channel.
async fn conversation(user: &User, channel: &str) -> Vec<(String, String)> {
    user.messages(channel)
        .await
        .iter()
        .map(|m| (m["sender"].as_str().unwrap().to_string(), m["content"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn pair(sender: &str, content: &str) -> (String, String) {
    (sender.to_string(), content.to_string())
}

on_both_backends! {
    async fn a_created_channel_is_listed_for_its_members_only(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let (status, created) = alice
            .post_json("/private_channels/create", &json!({"name": "  release crew ", "members": [" bob ", "bob", "", "alice"]}))
            .await
            .status_json();
        assert_eq!(status, 200);
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created, json!({"channel": format!("private:{id}"), "id": id, "name": "release crew"}));

        let expected = json!([{"channel": format!("private:{id}"), "id": id, "members": ["alice", "bob"], "name": "release crew", "unread": 0}]);
        assert_eq!(alice.fetch("/private_channels").await.status_json(), (200, expected.clone()));
        assert_eq!(bob.fetch("/private_channels").await.status_json(), (200, expected));
        assert_eq!(carol.fetch("/private_channels").await.status_json(), (200, json!([])));

        let members = json!([{"username": "alice"}, {"username": "bob"}]);
        assert_eq!(bob.fetch(&format!("/private_channels/{id}/members")).await.status_json(), (200, members.clone()));
        assert_eq!(bob.fetch(&format!("/private_channels/private:{id}/members")).await.status_json(), (200, members));
        assert_eq!(conversation(&bob, &format!("private:{id}")).await, [], "no notice on creation");

        // A second channel with the same name is fine; the list is by id.
        let second = bob.create_private("release crew", &[]).await["id"].as_i64().unwrap();
        let (_, listed) = bob.fetch("/private_channels").await.status_json();
        let ids: Vec<i64> = listed.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [id, second]);
        assert_eq!(listed[1]["members"], json!(["bob"]));
    }
}

on_both_backends! {
    async fn creation_refuses_bad_names_and_unknown_members(server: TestServer) {
        let alice = server.user("alice").await;
        server.user("bob").await;
        let create_with = |body: Value| {
            let alice = &alice;
            async move { alice.post_json("/private_channels/create", &body).await.status_json() }
        };
        assert_eq!(create_with(json!({"members": ["bob"]})).await, (400, json!("name required")));
        assert_eq!(create_with(json!({"name": " \t ", "members": []})).await, (400, json!("name required")));
        assert_eq!(
            create_with(json!({"name": "x".repeat(81)})).await,
            (400, json!("channel name must be 80 characters or fewer"))
        );
        assert_eq!(create_with(json!({"name": "x".repeat(81), "members": ["ghost"]})).await.0, 400, "the name is checked first");
        assert_eq!(create_with(json!({"name": "crew", "members": ["bob", "ghost"]})).await, (404, json!("user not found")));
        assert_eq!(create_with(json!({"name": "crew", "members": ["BOB"]})).await, (404, json!("user not found")), "exact names");
        let (status, text) = create_with(json!({"name": "crew", "members": "bob"})).await;
        assert_eq!(status, 400);
        assert!(text.as_str().unwrap().contains("members"), "{text}");
        assert_eq!(create_with(json!({"name": "crew", "members": [1]})).await.0, 400);
        assert_eq!(create_with(json!(["crew"])).await.0, 400);
        let not_json = alice.post_form("/private_channels/create", &[("name", "crew")]).await;
        assert_eq!(not_json.status_json(), (400, json!("name required")), "a form body counts as {{}}");
        assert_eq!(alice.fetch("/private_channels").await.status_json(), (200, json!([])), "nothing was created");

        let longest = "é".repeat(80);
        let (status, created) = create_with(json!({"name": longest})).await;
        assert_eq!(status, 200);
        assert_eq!(created["name"], json!(longest));
    }
}

on_both_backends! {
    async fn members_rename_and_everyone_sees_the_notice(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let id = alice.create_private("crew", &["bob"]).await["id"].as_i64().unwrap();
        let channel = format!("private:{id}");

        assert_eq!(bob.post_json(&format!("/private_channels/{id}/rename"), &json!({"name": "  launch \"crew\" "})).await.status_json(), (200, json!("ok")));
        assert_eq!(alice.post_json(&format!("/private_channels/{channel}/rename"), &json!({"name": "launch \"crew\""})).await.status_json(), (200, json!("ok")), "same name again");
        let (_, listed) = alice.fetch("/private_channels").await.status_json();
        assert_eq!(listed[0]["name"], "launch \"crew\"");
        assert_eq!(listed[0]["unread"], 0, "notices never count as unread");
        assert_eq!(
            conversation(&alice, &channel).await,
            [pair("system", "bob has renamed the channel to \"launch \"crew\"\""), pair("system", "alice has renamed the channel to \"launch \"crew\"\"")]
        );

        let path = format!("/private_channels/{id}/rename");
        assert_eq!(bob.post_json(&path, &json!({"name": ""})).await.status_json(), (400, json!("name required")));
        assert_eq!(bob.post_json(&path, &json!({})).await.status_json(), (400, json!("name required")));
        assert_eq!(bob.post_json(&path, &json!({"name": "y".repeat(81)})).await.status_json(), (400, json!("channel name must be 80 characters or fewer")));
        assert_eq!(bob.post_json(&path, &json!({"name": 7})).await.status_json().0, 400);
        assert_eq!(carol.post_json(&path, &json!({"name": "mine now"})).await.status_json(), (403, json!("forbidden")));
        assert_eq!(carol.post_json(&path, &json!({"name": ""})).await.status_json(), (403, json!("forbidden")), "membership is checked first");
        assert_eq!(bob.post_json("/private_channels/999/rename", &json!({"name": "x"})).await.status_json(), (403, json!("forbidden")));
        for malformed in ["0", "01", "private:01", "abc", "-1", "private:", "1:x"] {
            let path = format!("/private_channels/{malformed}/rename");
            assert_eq!(bob.post_json(&path, &json!({"name": "x"})).await.status_json().0, 404, "{malformed}");
        }
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["name"], "launch \"crew\"");
    }
}

on_both_backends! {
    async fn added_members_see_the_channel_from_their_notice_on(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let dave = server.user("dave").await;
        let id = alice.create_private("crew", &["bob"]).await["id"].as_i64().unwrap();
        let channel = format!("private:{id}");
        assert_eq!(bob.try_send(&channel, "before carol").await.code(), 200);

        let path = format!("/private_channels/{id}/add_member");
        assert_eq!(alice.post_json(&path, &json!({"username": " carol "})).await.status_json(), (200, json!("ok")));
        assert_eq!(conversation(&carol, &channel).await, [pair("system", "alice added carol to this channel")]);
        assert_eq!(
            conversation(&bob, &channel).await,
            [pair("bob", "before carol"), pair("system", "alice added carol to this channel")]
        );
        assert_eq!(carol.fetch("/private_channels").await.status_json().1[0]["members"], json!(["alice", "bob", "carol"]));

        assert_eq!(bob.post_json(&path, &json!({"username": "carol"})).await.status_json(), (409, json!("already a member")));
        assert_eq!(bob.post_json(&path, &json!({"username": "bob"})).await.status_json(), (409, json!("already a member")));
        assert_eq!(bob.post_json(&path, &json!({"username": "ghost"})).await.status_json(), (404, json!("user not found")));
        assert_eq!(bob.post_json(&path, &json!({"username": "DAVE"})).await.status_json(), (404, json!("user not found")));
        assert_eq!(bob.post_json(&path, &json!({"username": "  "})).await.status_json(), (400, json!("username required")));
        assert_eq!(bob.post_json(&path, &json!({})).await.status_json(), (400, json!("username required")));
        assert_eq!(bob.post_json(&path, &json!({"username": ["dave"]})).await.status_json().0, 400);
        assert_eq!(dave.post_json(&path, &json!({"username": "dave"})).await.status_json(), (403, json!("forbidden")));
        assert_eq!(dave.post_json(&path, &json!({"username": ""})).await.status_json(), (403, json!("forbidden")), "membership first");
        assert_eq!(bob.post_json("/private_channels/private:01/add_member", &json!({"username": "dave"})).await.status_json(), (404, json!("not found")));
        assert_eq!(dave.fetch(&format!("/private_channels/{id}/members")).await.status_json(), (403, json!("forbidden")));
        assert_eq!(dave.fetch("/private_channels/abc/members").await.status_json(), (404, json!("not found")));
        assert_eq!(conversation(&dave, &channel).await, [], "outsiders read nothing");
        assert_eq!(dave.try_send(&channel, "let me in").await.code(), 403);
    }
}

on_both_backends! {
    async fn leaving_notifies_the_rest_and_the_last_one_leaves_an_empty_room(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let id = alice.create_private("crew", &["bob"]).await["id"].as_i64().unwrap();
        let channel = format!("private:{id}");
        bob.try_send(&channel, "hi").await.code();

        assert_eq!(carol.post_json(&format!("/private_channels/{id}/leave"), &json!({})).await.status_json(), (403, json!("forbidden")));
        assert_eq!(bob.post_json(&format!("/private_channels/private:{id}/leave"), &json!({})).await.status_json(), (200, json!("ok")));
        assert_eq!(conversation(&alice, &channel).await, [pair("bob", "hi"), pair("system", "bob has left the channel")]);
        assert_eq!(conversation(&bob, &channel).await, [], "the leaver loses access");
        assert_eq!(bob.fetch("/private_channels").await.status_json(), (200, json!([])));
        assert_eq!(bob.post_json(&format!("/private_channels/{id}/leave"), &json!({})).await.status_json(), (403, json!("forbidden")));
        assert_eq!(bob.try_send(&channel, "still here?").await.code(), 403);

        // Re-added: the notice and what follows, not what was said in between.
        alice.try_send(&channel, "while bob was away").await.code();
        assert_eq!(alice.post_json(&format!("/private_channels/{id}/add_member"), &json!({"username": "bob"})).await.status_json(), (200, json!("ok")));
        assert_eq!(conversation(&bob, &channel).await, [pair("system", "alice added bob to this channel")]);
        assert_eq!(bob.fetch("/private_channels").await.status_json().1[0]["unread"], 0);
        alice.try_send(&channel, "welcome back").await.code();
        assert_eq!(bob.fetch("/private_channels").await.status_json().1[0]["unread"], 1);
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["unread"], 1, "bob's hi; her own messages never count");

        for leaver in [&bob, &alice] {
            let response = leaver.post_empty(&format!("/private_channels/{id}/leave")).await;
            assert_eq!(response.status, 200);
        }
        for user in [&alice, &bob] {
            assert_eq!(user.fetch("/private_channels").await.status_json(), (200, json!([])));
            assert_eq!(user.fetch(&format!("/private_channels/{id}/members")).await.status_json().0, 403);
            assert_eq!(user.post_json(&format!("/private_channels/{id}/add_member"), &json!({"username": "carol"})).await.status_json().0, 403);
        }
        assert_eq!(alice.post_json("/private_channels/99999999999999999999/leave", &json!({})).await.status_json().0, 403);
        assert_eq!(alice.post_json("/private_channels/private:3:x/leave", &json!({})).await.status_json().0, 404);
    }
}

on_both_backends! {
    async fn unread_counts_messages_from_others_that_are_not_deleted(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let id = alice.create_private("crew", &["bob"]).await["id"].as_i64().unwrap();
        let channel = format!("private:{id}");
        bob.try_send(&channel, "one").await.code();
        bob.try_send(&channel, "two").await.code();
        alice.try_send(&channel, "mine").await.code();
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["unread"], 2);
        let (_, messages) = bob.fetch(&format!("/messages/{channel}?after=0")).await.status_json();
        let first = messages[0]["id"].as_i64().unwrap();
        assert_eq!(bob.post_empty(&format!("/delete/{first}")).await.status, 200);
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["unread"], 1);
        assert_eq!(bob.fetch("/private_channels").await.status_json().1[0]["unread"], 1);

        // Reading moves the member's watermark, as in every other conversation.
        assert_eq!(alice.post_empty(&format!("/mark_read/{channel}")).await.status, 204);
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["unread"], 0);
        bob.try_send(&channel, "three").await.code();
        assert_eq!(alice.fetch("/private_channels").await.status_json().1[0]["unread"], 1);
    }
}

on_both_backends! {
    // The handlers look members up, then write; an account deleted in between must not turn into
    // a server error. The write then violates a foreign key, which the handlers answer as
    // "user not found" (404) — checked here at the store, where the race can be staged.
    async fn a_member_deleted_between_lookup_and_write_is_recognised(server: TestServer) {
        let alice = server.user("alice").await;
        let id = alice.create_private("crew", &[]).await["id"].as_i64().unwrap();
        let store = server.store().await;
        let missing_user = 1_000_000;
        let created = store
            .run(move |conn| minimost::store::private_channels::create(conn, "crew two", missing_user, &[missing_user]))
            .await;
        let err = created.expect_err("a member that does not exist cannot be written");
        assert!(minimost::store::violates_foreign_key(&err), "{err:#}");
        let added = store
            .run(move |conn| {
                let alice = minimost::store::users::find_by_key(conn, "alice")?.expect("alice exists");
                minimost::store::private_channels::add_member(conn, id, alice.id, missing_user, 1000, "notice").map(|_| ())
            })
            .await;
        let err = added.expect_err("a member that does not exist cannot be added");
        assert!(minimost::store::violates_foreign_key(&err), "{err:#}");
    }
}
