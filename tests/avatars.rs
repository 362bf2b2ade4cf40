//! Avatars over HTTP, on both backends: upload checks, serving, replacement and removal on disk.
mod common;

use common::{file_part, test_settings, RequestExt, TestServer, User, JPEG, PNG};
use minimost::Settings;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

fn avatar_form(name: &str, bytes: &[u8]) -> Form {
    Form::new().part("avatar", file_part(name, bytes))
}

/// The stored file name of the user's avatar, from their settings.
async fn stored_avatar(user: &User) -> Option<String> {
    user.settings().await["avatar_file"].as_str().map(str::to_owned)
}

on_both_backends! {
    async fn an_uploaded_avatar_is_served_with_its_real_type(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(alice.upload_avatar(avatar_form("Me.PNG", PNG)).await.status_text(), (200, "ok".into()));
        let stored = stored_avatar(&alice).await.expect("recorded");
        assert!(stored.len() == 36 && stored.ends_with(".png"), "random stored name: {stored}");
        assert_eq!(server.files_in("avatars"), std::slice::from_ref(&stored));
        let listed: Value = bob.fetch("/user_avatars").await.json();
        assert_eq!(listed, json!(["alice"]));

        let response = bob.fetch("/avatar/alice?v=123").await;
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), "image/png");
        assert_eq!(response.header("x-content-type-options"), "nosniff");
        assert_eq!(response.header("cache-control"), "no-cache");
        assert_eq!(response.header("content-disposition"), format!("inline; filename={stored}"));
        let etag = response.header("etag").to_string();
        let modified = response.header("last-modified").to_string();
        assert!(!etag.is_empty() && !modified.is_empty());
        assert_eq!(response.body.as_ref(), PNG);

        let cached = bob.get("/avatar/alice").header("if-none-match", &etag).reply().await;
        assert_eq!(cached.status, 304);
        assert!(cached.body.is_empty());
        let cached = bob.get("/avatar/alice").header("if-modified-since", &modified).reply().await;
        assert_eq!(cached.status, 304);
        let stale = bob.get("/avatar/alice").header("if-none-match", "\"other.png\"").reply().await;
        assert_eq!(stale.status, 200);

        // Names are exact; a user without an avatar is a 404 with an empty body (the app draws initials).
        for path in ["/avatar/ALICE", "/avatar/bob", "/avatar/nobody"] {
            let missing = bob.fetch(path).await;
            assert_eq!(missing.status, 404, "{path}");
            assert!(missing.body.is_empty(), "{path}");
        }
        assert_eq!(server.guest().fetch("/avatar/alice").await.status, 302);
    }
}

on_both_backends! {
    async fn a_new_avatar_replaces_the_old_file_and_delete_returns_to_the_default(server: TestServer) {
        let alice = server.user("alice").await;
        alice.upload_avatar(avatar_form("a.png", PNG)).await.status_text();
        let first = stored_avatar(&alice).await.unwrap();
        assert_eq!(alice.upload_avatar(avatar_form("avatar.jpg", JPEG)).await.status_text(), (200, "ok".into()));
        let second = stored_avatar(&alice).await.unwrap();
        assert_ne!(first, second);
        assert!(second.ends_with(".jpg"));
        assert_eq!(server.files_in("avatars"), std::slice::from_ref(&second), "the old file is gone, the new one is there");
        let response = alice.fetch("/avatar/alice").await;
        assert_eq!(response.header("content-type"), "image/jpeg");
        assert_eq!(response.body.as_ref(), JPEG);

        for _ in 0..2 {
            let deleted = alice.delete("/avatar").reply().await;
            assert_eq!(deleted.status, 200);
            assert_eq!(deleted.text(), "ok");
        }
        assert_eq!(stored_avatar(&alice).await, None);
        assert!(server.files_in("avatars").is_empty());
        assert_eq!(alice.fetch("/avatar/alice").await.status, 404);
        let listed: Value = alice.fetch("/user_avatars").await.json();
        assert_eq!(listed, json!([]));
    }
}

on_both_backends! {
    async fn uploads_must_be_real_images_whatever_their_name(server: TestServer) {
        let alice = server.user("alice").await;
        alice.upload_avatar(avatar_form("a.png", PNG)).await.status_text();
        let kept = stored_avatar(&alice).await.unwrap();
        let refused = [
            ("evil.png", b"<script>alert(1)</script>".as_slice()),
            ("avatar.jpg", b"<svg onload=alert(1)>".as_slice()),
            ("blob", b"plain text".as_slice()),
            ("empty.png", b"".as_slice()),
        ];
        for (name, bytes) in refused {
            assert_eq!(alice.upload_avatar(avatar_form(name, bytes)).await.status_text(), (415, "not an image".into()), "{name}");
        }
        assert_eq!(stored_avatar(&alice).await, Some(kept.clone()), "a refused upload changes nothing");
        assert_eq!(server.files_in("avatars"), [kept]);

        let no_file = Form::new().text("other", "x");
        assert_eq!(alice.upload_avatar(no_file).await.status_text(), (400, "no file".into()));
        let no_name = Form::new().part("avatar", Part::bytes(PNG.to_vec()));
        assert_eq!(alice.upload_avatar(no_name).await.status_text(), (400, "no file".into()));

        // The content alone decides, whatever the name says.
        for name in ["blob", "pic.gif", "doc.txt", "page.html"] {
            assert_eq!(alice.upload_avatar(avatar_form(name, PNG)).await.status_text(), (200, "ok".into()), "{name}");
            assert!(stored_avatar(&alice).await.unwrap().ends_with(".png"), "{name}");
        }
    }
}

on_both_backends! {
    async fn a_png_named_avatar_jpg_is_stored_and_served_as_png(server: TestServer) {
        // The original's app uploads every avatar as `avatar.jpg`, whatever its format.
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(alice.upload_avatar(avatar_form("avatar.jpg", PNG)).await.status_text(), (200, "ok".into()));
        let stored = stored_avatar(&alice).await.unwrap();
        assert!(stored.ends_with(".png"), "{stored}");
        let response = bob.fetch("/avatar/alice").await;
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), "image/png");
        assert_eq!(response.body.as_ref(), PNG);
    }
}

on_both_backends! {
    async fn oversized_avatars_are_refused_with_413(server: TestServer) {
        let server = TestServer::start_with(server.db, Settings { max_avatar_size_mb: 1.0, ..test_settings() }).await;
        let alice = server.user("alice").await;
        let mut big = PNG.to_vec();
        big.resize(1024 * 1024 + 1, 0);
        assert_eq!(alice.upload_avatar(avatar_form("big.png", &big)).await.status_text(), (413, "file too large (max 1 MB)".into()));
        assert_eq!(stored_avatar(&alice).await, None);
        assert!(server.files_in("avatars").is_empty());
        big.truncate(1024 * 1024);
        assert_eq!(alice.upload_avatar(avatar_form("big.png", &big)).await.status_text(), (200, "ok".into()), "exactly the limit is fine");
    }
}

on_both_backends! {
    async fn an_avatar_answers_byte_ranges_like_a_file(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(alice.upload_avatar(avatar_form("me.png", PNG)).await.status, 200);
        let whole = bob.fetch("/avatar/alice").await;
        assert_eq!(whole.header("accept-ranges"), "bytes");
        let (etag, modified) = (whole.header("etag").to_string(), whole.header("last-modified").to_string());
        let size = PNG.len();

        let part = bob.get("/avatar/alice").header("range", "bytes=1-3").reply().await;
        assert_eq!(part.status, 206);
        assert_eq!(part.body.as_ref(), &PNG[1..=3]);
        assert_eq!(part.header("content-range"), format!("bytes 1-3/{size}"));
        assert_eq!(part.header("content-type"), "image/png");
        let tail = bob.get("/avatar/alice").header("range", "bytes=-4").reply().await;
        assert_eq!(tail.status, 206);
        assert_eq!(tail.body.as_ref(), &PNG[size - 4..]);

        let past_the_end = bob.get("/avatar/alice").header("range", format!("bytes={size}-")).reply().await;
        assert_eq!(past_the_end.status, 416);
        assert_eq!(past_the_end.header("content-range"), format!("bytes */{size}"));

        // A part of another version is worth nothing: the whole current image instead.
        let other_version = bob.get("/avatar/alice").header("range", "bytes=1-3").header("if-range", "\"old.png\"");
        assert_eq!(other_version.reply().await.status, 200);
        for validator in [etag.as_str(), modified.as_str()] {
            let same_version = bob.get("/avatar/alice").header("range", "bytes=1-3").header("if-range", validator);
            assert_eq!(same_version.reply().await.status, 206, "If-Range: {validator}");
        }
        // A matching conditional request is answered 304 before the range is looked at.
        let cached = bob.get("/avatar/alice").header("range", "bytes=1-3").header("if-none-match", &etag);
        assert_eq!(cached.reply().await.status, 304);
        let malformed = bob.get("/avatar/alice").header("range", "bytes=3-1").reply().await;
        assert_eq!(malformed.status, 200);
        assert_eq!(malformed.body.len(), size);
    }
}
