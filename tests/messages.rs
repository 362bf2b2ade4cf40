//! Sending, polling, editing and deleting messages over HTTP, on both backends.
mod common;

use common::TestServer;
use serde_json::Value;

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) -> reqwest::Response {
    client.post(server.url(&format!("/send/{channel}"))).form(&[("text", text)]).send().await.unwrap()
}

async fn poll(server: &TestServer, client: &reqwest::Client, channel: &str, after: &str) -> Vec<Value> {
    let response = client.get(server.url(&format!("/messages/{channel}?after={after}"))).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

on_both_backends! {
    async fn a_sent_message_is_polled_with_every_field(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        let response = send(&server, &alice, "general", "hello @bob and @nobody  ").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "ok");
        let messages = poll(&server, &bob, "general", "0").await;
        assert_eq!(messages.len(), 1);
        let message = &messages[0];
        let mut keys: Vec<&str> = message.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["channel", "content", "deleted", "deleted_ts", "edited", "edited_ts", "filename", "id", "mentions", "reactions", "reactions_ts", "reply_to_id", "sender", "ts"]);
        assert_eq!(message["content"], "hello @bob and @nobody");
        assert_eq!(message["sender"], "alice");
        assert_eq!(message["mentions"], "[\"Bob\"]");
        assert_eq!(message["deleted"], 0);
        assert!(message["reactions"].is_null());
        let ts = message["ts"].as_f64().unwrap();
        assert!(poll(&server, &bob, "general", &ts.to_string()).await.is_empty());
        assert_eq!(poll(&server, &bob, "general", "NaN").await.len(), 1);
    }
}

on_both_backends! {
    async fn edits_and_deletes_reach_pollers_and_only_the_sender_may_make_them(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        send(&server, &alice, "general", "first").await;
        let first = poll(&server, &bob, "general", "0").await.remove(0);
        let id = first["id"].as_i64().unwrap();
        let seen = first["ts"].as_f64().unwrap();

        let edit = bob.post(server.url(&format!("/edit/{id}"))).form(&[("text", "hijack")]).send().await.unwrap();
        assert_eq!(edit.status(), 403);
        let empty = alice.post(server.url(&format!("/edit/{id}"))).form(&[("text", "   ")]).send().await.unwrap();
        assert_eq!(empty.status(), 400);
        assert_eq!(empty.text().await.unwrap(), "empty");
        let edit = alice.post(server.url(&format!("/edit/{id}"))).form(&[("text", " second @alice ")]).send().await.unwrap();
        assert_eq!(edit.status(), 200);
        let changed = poll(&server, &bob, "general", &seen.to_string()).await;
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0]["content"], "second @alice");
        assert_eq!(changed[0]["edited"], 1);
        assert_eq!(changed[0]["mentions"], "[\"alice\"]");
        let seen = changed[0]["edited_ts"].as_f64().unwrap();

        assert_eq!(bob.post(server.url(&format!("/delete/{id}"))).send().await.unwrap().status(), 403);
        assert_eq!(alice.post(server.url(&format!("/delete/{id}"))).send().await.unwrap().status(), 200);
        let changed = poll(&server, &bob, "general", &seen.to_string()).await;
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0]["deleted"], 1);
        assert!(changed[0]["content"].is_null(), "deleted text is not served");
        let single = bob.get(server.url(&format!("/message/{id}"))).send().await.unwrap().json::<Value>().await.unwrap();
        assert_eq!(single["deleted"], 1);
        assert!(single["content"].is_null());
    }
}

on_both_backends! {
    async fn dm_ids_are_canonical_and_private_to_their_participants(server: TestServer) {
        let bob = server.user("bob").await;
        let alice = server.user("alice").await;
        let carol = server.user("carol").await;
        assert_eq!(send(&server, &bob, "dm:bob:alice", "psst").await.status(), 200);
        let messages = poll(&server, &alice, "dm:alice:bob", "0").await;
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0]["channel"], "dm:alice:bob");
        assert!(poll(&server, &carol, "dm:alice:bob", "0").await.is_empty(), "outsiders see nothing");
        assert_eq!(send(&server, &carol, "dm:alice:bob", "me too").await.status(), 403);
        let id = messages[0]["id"].as_i64().unwrap();
        assert_eq!(carol.get(server.url(&format!("/message/{id}"))).send().await.unwrap().status(), 404);
        let unknown = send(&server, &bob, "dm:bob:ghost", "hello?").await;
        assert_eq!(unknown.status(), 404);
        assert_eq!(unknown.text().await.unwrap(), "user not found");
        assert_eq!(send(&server, &bob, "dm:bob", "alone").await.status(), 403);
        assert_eq!(send(&server, &bob, "private:01", "alias").await.status(), 404);
        assert_eq!(send(&server, &bob, "nonexistent", "x").await.status(), 403);
    }
}

on_both_backends! {
    async fn images_are_checked_by_name_and_content(server: TestServer) {
        let alice = server.user("alice").await;
        let part = |name: &str, bytes: &[u8]| reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
        let form = reqwest::multipart::Form::new().text("text", "look").part("files", part("pic.PNG", PNG)).part("files", part("b.png", PNG));
        let response = alice.post(server.url("/send/general")).multipart(form).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let messages = poll(&server, &alice, "general", "0").await;
        assert_eq!(messages.len(), 3, "one text row and one row per file");
        assert_eq!(messages[1]["ts"], messages[0]["ts"]);
        let filename = messages[1]["filename"].as_str().unwrap();
        assert!(filename.ends_with(".png") && filename.len() == 36, "{filename}");

        let fake = reqwest::multipart::Form::new().part("files", part("evil.png", b"<script>alert(1)</script>"));
        let response = alice.post(server.url("/send/general")).multipart(fake).send().await.unwrap();
        assert_eq!(response.status(), 415);
        let wrong_kind = reqwest::multipart::Form::new().part("files", part("doc.pdf", PNG));
        assert_eq!(alice.post(server.url("/send/general")).multipart(wrong_kind).send().await.unwrap().status(), 415);
        assert_eq!(poll(&server, &alice, "general", "0").await.len(), 3, "refused sends store nothing");
        let empty = alice.post(server.url("/send/general")).multipart(reqwest::multipart::Form::new().text("text", "  ")).send().await.unwrap();
        assert_eq!(empty.status(), 400);
        assert_eq!(empty.text().await.unwrap(), "empty");
    }
}
