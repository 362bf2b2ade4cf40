//! Sending, polling, editing and deleting messages over HTTP, on both backends.
mod common;

use common::PNG;
use serde_json::Value;

on_both_backends! {
    async fn a_sent_message_is_polled_with_every_field(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("Bob").await;
        let response = alice.try_send("general", "hello @bob and @nobody  ").await;
        assert_eq!(response.status, 200);
        assert_eq!(response.text(), "ok");
        let messages = bob.poll("general", 0).await;
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
        assert!(bob.poll("general", ts).await.is_empty());
        assert_eq!(bob.poll("general", "NaN").await.len(), 1);
    }
}

on_both_backends! {
    async fn edits_and_deletes_reach_pollers_and_only_the_sender_may_make_them(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        alice.send("general", "first").await;
        let first = bob.poll("general", 0).await.remove(0);
        let id = first["id"].as_i64().unwrap();
        let seen = first["ts"].as_f64().unwrap();

        let edit = bob.try_edit(id, "hijack").await;
        assert_eq!(edit.status, 403);
        let empty = alice.try_edit(id, "   ").await;
        assert_eq!(empty.status, 400);
        assert_eq!(empty.text(), "empty");
        let edit = alice.try_edit(id, " second @alice ").await;
        assert_eq!(edit.status, 200);
        let changed = bob.poll("general", seen).await;
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0]["content"], "second @alice");
        assert_eq!(changed[0]["edited"], 1);
        assert_eq!(changed[0]["mentions"], "[\"alice\"]");
        let seen = changed[0]["edited_ts"].as_f64().unwrap();

        assert_eq!(bob.try_delete(id).await.status, 403);
        assert_eq!(alice.try_delete(id).await.status, 200);
        let changed = bob.poll("general", seen).await;
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0]["deleted"], 1);
        assert!(changed[0]["content"].is_null(), "deleted text is not served");
        let single: Value = bob.message(id).await.json();
        assert_eq!(single["deleted"], 1);
        assert!(single["content"].is_null());
    }
}

on_both_backends! {
    async fn dm_ids_are_canonical_and_private_to_their_participants(server: TestServer) {
        let bob = server.user("bob").await;
        let alice = server.user("alice").await;
        let carol = server.user("carol").await;
        assert_eq!(bob.try_send("dm:bob:alice", "psst").await.status, 200);
        let messages = alice.poll("dm:alice:bob", 0).await;
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0]["channel"], "dm:alice:bob");
        assert!(carol.poll("dm:alice:bob", 0).await.is_empty(), "outsiders see nothing");
        assert_eq!(carol.try_send("dm:alice:bob", "me too").await.status, 403);
        let id = messages[0]["id"].as_i64().unwrap();
        assert_eq!(carol.message(id).await.status, 404);
        let unknown = bob.try_send("dm:bob:ghost", "hello?").await;
        assert_eq!(unknown.status, 404);
        assert_eq!(unknown.text(), "user not found");
        assert_eq!(bob.try_send("dm:bob", "alone").await.status, 403);
        assert_eq!(bob.try_send("private:01", "alias").await.status, 404);
        assert_eq!(bob.try_send("nonexistent", "x").await.status, 403);
    }
}

on_both_backends! {
    async fn images_are_checked_by_name_and_content(server: TestServer) {
        let alice = server.user("alice").await;
        let response = alice.send_files("general", Some("look"), &[("pic.PNG", PNG), ("b.png", PNG)]).await;
        assert_eq!(response.status, 200);
        let messages = alice.poll("general", 0).await;
        assert_eq!(messages.len(), 3, "one text row and one row per file");
        assert_eq!(messages[1]["ts"], messages[0]["ts"]);
        let filename = messages[1]["filename"].as_str().unwrap();
        assert!(filename.ends_with(".png") && filename.len() == 36, "{filename}");

        let response = alice.send_files("general", None, &[("evil.png", b"<script>alert(1)</script>")]).await;
        assert_eq!(response.status_text(), (415, "not an image".into()));
        let mismatched = alice.send_files("general", None, &[("ok.txt", b"fine"), ("png-named.jpg", PNG)]).await;
        assert_eq!(mismatched.status, 415, "an image extension must match the content");
        assert_eq!(alice.poll("general", 0).await.len(), 3, "refused sends store nothing");
        assert_eq!(server.files_in("uploads").len(), 2, "not even their other files");
        let empty = alice.send_files("general", Some("  "), &[]).await;
        assert_eq!(empty.status, 400);
        assert_eq!(empty.text(), "empty");
    }
}
