//! Private channels over HTTP, on both backends: create, list, rename, add member, members, leave,
//! and what outsiders get on every route.
mod common;

use common::TestServer;
use serde_json::{json, Value};

async fn post_json(server: &TestServer, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let response = client.post(path).json(&body).send().await.unwrap();
    answer(response).await
}

async fn get(server: &TestServer, client: &reqwest::Client, path: &str) -> (u16, Value) {
    answer(client.get(path).send().await.unwrap()).await
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let is_json = response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.to_str().unwrap_or("").starts_with("application/json"));
    let body = if is_json { response.json().await.unwrap() } else { Value::String(response.text().await.unwrap()) };
    (status, body)
}

async fn create(server: &TestServer, client: &reqwest::Client, name: &str, members: &[&str]) -> i64 {
    let (status, body) =
        post_json(server, client, "/private_channels/create", json!({"name": name, "members": members})).await;
    assert_eq!(status, 200, "{body}");
    body["id"].as_i64().unwrap()
}

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) -> u16 {
    client.post(&format!("/send/{channel}")).form(&[("text", text)]).send().await.unwrap().status().as_u16()
}

/// `(sender, content)` of every message the caller sees in the channel.
async fn conversation(server: &TestServer, client: &reqwest::Client, channel: &str) -> Vec<(String, String)> {
    let (status, messages) = get(server, client, &format!("/messages/{channel}?after=0")).await;
    assert_eq!(status, 200);
    messages
        .as_array()
        .unwrap()
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
        let (status, created) = post_json(
            &server, &alice, "/private_channels/create",
            json!({"name": "  release crew ", "members": [" bob ", "bob", "", "alice"]}),
        ).await;
        assert_eq!(status, 200);
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created, json!({"channel": format!("private:{id}"), "id": id, "name": "release crew"}));

        let expected = json!([{"channel": format!("private:{id}"), "id": id, "members": ["alice", "bob"], "name": "release crew", "unread": 0}]);
        assert_eq!(get(&server, &alice, "/private_channels").await, (200, expected.clone()));
        assert_eq!(get(&server, &bob, "/private_channels").await, (200, expected));
        assert_eq!(get(&server, &carol, "/private_channels").await, (200, json!([])));

        let members = json!([{"username": "alice"}, {"username": "bob"}]);
        assert_eq!(get(&server, &bob, &format!("/private_channels/{id}/members")).await, (200, members.clone()));
        assert_eq!(get(&server, &bob, &format!("/private_channels/private:{id}/members")).await, (200, members));
        assert_eq!(conversation(&server, &bob, &format!("private:{id}")).await, [], "no notice on creation");

        // A second channel with the same name is fine; the list is by id.
        let second = create(&server, &bob, "release crew", &[]).await;
        let (_, listed) = get(&server, &bob, "/private_channels").await;
        let ids: Vec<i64> = listed.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [id, second]);
        assert_eq!(listed[1]["members"], json!(["bob"]));
    }
}

on_both_backends! {
    async fn creation_refuses_bad_names_and_unknown_members(server: TestServer) {
        let alice = server.user("alice").await;
        server.user("bob").await;
        let create_with = |body: Value| post_json(&server, &alice, "/private_channels/create", body);
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
        let not_json = alice.post("/private_channels/create").form(&[("name", "crew")]).send().await.unwrap();
        assert_eq!(answer(not_json).await, (400, json!("name required")), "a form body counts as {{}}");
        assert_eq!(get(&server, &alice, "/private_channels").await, (200, json!([])), "nothing was created");

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
        let id = create(&server, &alice, "crew", &["bob"]).await;
        let channel = format!("private:{id}");

        assert_eq!(post_json(&server, &bob, &format!("/private_channels/{id}/rename"), json!({"name": "  launch \"crew\" "})).await, (200, json!("ok")));
        assert_eq!(post_json(&server, &alice, &format!("/private_channels/{channel}/rename"), json!({"name": "launch \"crew\""})).await, (200, json!("ok")), "same name again");
        let (_, listed) = get(&server, &alice, "/private_channels").await;
        assert_eq!(listed[0]["name"], "launch \"crew\"");
        assert_eq!(listed[0]["unread"], 0, "notices never count as unread");
        assert_eq!(
            conversation(&server, &alice, &channel).await,
            [pair("system", "bob has renamed the channel to \"launch \"crew\"\""), pair("system", "alice has renamed the channel to \"launch \"crew\"\"")]
        );

        let path = format!("/private_channels/{id}/rename");
        assert_eq!(post_json(&server, &bob, &path, json!({"name": ""})).await, (400, json!("name required")));
        assert_eq!(post_json(&server, &bob, &path, json!({})).await, (400, json!("name required")));
        assert_eq!(post_json(&server, &bob, &path, json!({"name": "y".repeat(81)})).await, (400, json!("channel name must be 80 characters or fewer")));
        assert_eq!(post_json(&server, &bob, &path, json!({"name": 7})).await.0, 400);
        assert_eq!(post_json(&server, &carol, &path, json!({"name": "mine now"})).await, (403, json!("forbidden")));
        assert_eq!(post_json(&server, &carol, &path, json!({"name": ""})).await, (403, json!("forbidden")), "membership is checked first");
        assert_eq!(post_json(&server, &bob, "/private_channels/999/rename", json!({"name": "x"})).await, (403, json!("forbidden")));
        for malformed in ["0", "01", "private:01", "abc", "-1", "private:", "1:x"] {
            let path = format!("/private_channels/{malformed}/rename");
            assert_eq!(post_json(&server, &bob, &path, json!({"name": "x"})).await.0, 404, "{malformed}");
        }
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["name"], "launch \"crew\"");
    }
}

on_both_backends! {
    async fn added_members_see_the_channel_from_their_notice_on(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let dave = server.user("dave").await;
        let id = create(&server, &alice, "crew", &["bob"]).await;
        let channel = format!("private:{id}");
        assert_eq!(send(&server, &bob, &channel, "before carol").await, 200);

        let path = format!("/private_channels/{id}/add_member");
        assert_eq!(post_json(&server, &alice, &path, json!({"username": " carol "})).await, (200, json!("ok")));
        assert_eq!(conversation(&server, &carol, &channel).await, [pair("system", "alice added carol to this channel")]);
        assert_eq!(
            conversation(&server, &bob, &channel).await,
            [pair("bob", "before carol"), pair("system", "alice added carol to this channel")]
        );
        assert_eq!(get(&server, &carol, "/private_channels").await.1[0]["members"], json!(["alice", "bob", "carol"]));

        assert_eq!(post_json(&server, &bob, &path, json!({"username": "carol"})).await, (409, json!("already a member")));
        assert_eq!(post_json(&server, &bob, &path, json!({"username": "bob"})).await, (409, json!("already a member")));
        assert_eq!(post_json(&server, &bob, &path, json!({"username": "ghost"})).await, (404, json!("user not found")));
        assert_eq!(post_json(&server, &bob, &path, json!({"username": "DAVE"})).await, (404, json!("user not found")));
        assert_eq!(post_json(&server, &bob, &path, json!({"username": "  "})).await, (400, json!("username required")));
        assert_eq!(post_json(&server, &bob, &path, json!({})).await, (400, json!("username required")));
        assert_eq!(post_json(&server, &bob, &path, json!({"username": ["dave"]})).await.0, 400);
        assert_eq!(post_json(&server, &dave, &path, json!({"username": "dave"})).await, (403, json!("forbidden")));
        assert_eq!(post_json(&server, &dave, &path, json!({"username": ""})).await, (403, json!("forbidden")), "membership first");
        assert_eq!(post_json(&server, &bob, "/private_channels/private:01/add_member", json!({"username": "dave"})).await, (404, json!("not found")));
        assert_eq!(get(&server, &dave, &format!("/private_channels/{id}/members")).await, (403, json!("forbidden")));
        assert_eq!(get(&server, &dave, "/private_channels/abc/members").await, (404, json!("not found")));
        assert_eq!(conversation(&server, &dave, &channel).await, [], "outsiders read nothing");
        assert_eq!(send(&server, &dave, &channel, "let me in").await, 403);
    }
}

on_both_backends! {
    async fn leaving_notifies_the_rest_and_the_last_one_leaves_an_empty_room(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let id = create(&server, &alice, "crew", &["bob"]).await;
        let channel = format!("private:{id}");
        send(&server, &bob, &channel, "hi").await;

        assert_eq!(post_json(&server, &carol, &format!("/private_channels/{id}/leave"), json!({})).await, (403, json!("forbidden")));
        assert_eq!(post_json(&server, &bob, &format!("/private_channels/private:{id}/leave"), json!({})).await, (200, json!("ok")));
        assert_eq!(conversation(&server, &alice, &channel).await, [pair("bob", "hi"), pair("system", "bob has left the channel")]);
        assert_eq!(conversation(&server, &bob, &channel).await, [], "the leaver loses access");
        assert_eq!(get(&server, &bob, "/private_channels").await, (200, json!([])));
        assert_eq!(post_json(&server, &bob, &format!("/private_channels/{id}/leave"), json!({})).await, (403, json!("forbidden")));
        assert_eq!(send(&server, &bob, &channel, "still here?").await, 403);

        // Re-added: the notice and what follows, not what was said in between.
        send(&server, &alice, &channel, "while bob was away").await;
        assert_eq!(post_json(&server, &alice, &format!("/private_channels/{id}/add_member"), json!({"username": "bob"})).await, (200, json!("ok")));
        assert_eq!(conversation(&server, &bob, &channel).await, [pair("system", "alice added bob to this channel")]);
        assert_eq!(get(&server, &bob, "/private_channels").await.1[0]["unread"], 0);
        send(&server, &alice, &channel, "welcome back").await;
        assert_eq!(get(&server, &bob, "/private_channels").await.1[0]["unread"], 1);
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["unread"], 1, "bob's hi; her own messages never count");

        for leaver in [&bob, &alice] {
            let response = leaver.post(&format!("/private_channels/{id}/leave")).send().await.unwrap();
            assert_eq!(response.status(), 200);
        }
        for user in [&alice, &bob] {
            assert_eq!(get(&server, user, "/private_channels").await, (200, json!([])));
            assert_eq!(get(&server, user, &format!("/private_channels/{id}/members")).await.0, 403);
            assert_eq!(post_json(&server, user, &format!("/private_channels/{id}/add_member"), json!({"username": "carol"})).await.0, 403);
        }
        assert_eq!(post_json(&server, &alice, "/private_channels/99999999999999999999/leave", json!({})).await.0, 403);
        assert_eq!(post_json(&server, &alice, "/private_channels/private:3:x/leave", json!({})).await.0, 404);
    }
}

on_both_backends! {
    async fn unread_counts_messages_from_others_that_are_not_deleted(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let id = create(&server, &alice, "crew", &["bob"]).await;
        let channel = format!("private:{id}");
        send(&server, &bob, &channel, "one").await;
        send(&server, &bob, &channel, "two").await;
        send(&server, &alice, &channel, "mine").await;
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["unread"], 2);
        let (_, messages) = get(&server, &bob, &format!("/messages/{channel}?after=0")).await;
        let first = messages[0]["id"].as_i64().unwrap();
        assert_eq!(bob.post(&format!("/delete/{first}")).send().await.unwrap().status(), 200);
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["unread"], 1);
        assert_eq!(get(&server, &bob, "/private_channels").await.1[0]["unread"], 1);

        // Reading moves the member's watermark, as in every other conversation.
        assert_eq!(alice.post(&format!("/mark_read/{channel}")).send().await.unwrap().status(), 204);
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["unread"], 0);
        send(&server, &bob, &channel, "three").await;
        assert_eq!(get(&server, &alice, "/private_channels").await.1[0]["unread"], 1);
    }
}

on_both_backends! {
    // The handlers look members up, then write; an account deleted in between must not turn into
    // a server error. The write then violates a foreign key, which the handlers answer as
    // "user not found" (404) — checked here at the store, where the race can be staged.
    async fn a_member_deleted_between_lookup_and_write_is_recognised(server: TestServer) {
        let alice = server.user("alice").await;
        let id = create(&server, &alice, "crew", &[]).await;
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
