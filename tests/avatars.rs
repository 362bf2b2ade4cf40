//! Avatars over HTTP, on both backends: upload checks, serving, replacement and removal on disk.
mod common;

use common::{test_settings, TestServer};
use minimost::Settings;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";
const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 0xff, 0xd9];

fn avatar_form(name: &str, bytes: &[u8]) -> Form {
    Form::new().part("avatar", Part::bytes(bytes.to_vec()).file_name(name.to_string()))
}

async fn upload(server: &TestServer, client: &reqwest::Client, form: Form) -> (u16, String) {
    let response = client.post("/avatar").multipart(form).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn stored_avatar(server: &TestServer, client: &reqwest::Client) -> Option<String> {
    let settings: Value = client.get("/settings").send().await.unwrap().json().await.unwrap();
    settings["avatar_file"].as_str().map(str::to_owned)
}

fn files_on_disk(server: &TestServer) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(server.data_dir.path().join("avatars"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

on_both_backends! {
    async fn an_uploaded_avatar_is_served_with_its_real_type(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(upload(&server, &alice, avatar_form("Me.PNG", PNG)).await, (200, "ok".into()));
        let stored = stored_avatar(&server, &alice).await.expect("recorded");
        assert!(stored.len() == 36 && stored.ends_with(".png"), "random stored name: {stored}");
        assert_eq!(files_on_disk(&server), std::slice::from_ref(&stored));
        let listed: Value = bob.get("/user_avatars").send().await.unwrap().json().await.unwrap();
        assert_eq!(listed, json!(["alice"]));

        let response = bob.get("/avatar/alice?v=123").send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "content-type"), "image/png");
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "cache-control"), "no-cache");
        assert_eq!(header(&response, "content-disposition"), format!("inline; filename={stored}"));
        let etag = header(&response, "etag").to_string();
        let modified = header(&response, "last-modified").to_string();
        assert!(!etag.is_empty() && !modified.is_empty());
        assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);

        let cached = bob.get("/avatar/alice").header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(cached.status(), 304);
        assert!(cached.bytes().await.unwrap().is_empty());
        let cached = bob.get("/avatar/alice").header("if-modified-since", &modified).send().await.unwrap();
        assert_eq!(cached.status(), 304);
        let stale = bob.get("/avatar/alice").header("if-none-match", "\"other.png\"").send().await.unwrap();
        assert_eq!(stale.status(), 200);

        // Names are exact; a user without an avatar is a 404 with an empty body (the app draws initials).
        for path in ["/avatar/ALICE", "/avatar/bob", "/avatar/nobody"] {
            let missing = bob.get(path).send().await.unwrap();
            assert_eq!(missing.status(), 404, "{path}");
            assert!(missing.bytes().await.unwrap().is_empty(), "{path}");
        }
        assert_eq!(server.guest().get("/avatar/alice").send().await.unwrap().status(), 302);
    }
}

on_both_backends! {
    async fn a_new_avatar_replaces_the_old_file_and_delete_returns_to_the_default(server: TestServer) {
        let alice = server.user("alice").await;
        upload(&server, &alice, avatar_form("a.png", PNG)).await;
        let first = stored_avatar(&server, &alice).await.unwrap();
        assert_eq!(upload(&server, &alice, avatar_form("avatar.jpg", JPEG)).await, (200, "ok".into()));
        let second = stored_avatar(&server, &alice).await.unwrap();
        assert_ne!(first, second);
        assert!(second.ends_with(".jpg"));
        assert_eq!(files_on_disk(&server), std::slice::from_ref(&second), "the old file is gone, the new one is there");
        let response = alice.get("/avatar/alice").send().await.unwrap();
        assert_eq!(header(&response, "content-type"), "image/jpeg");
        assert_eq!(response.bytes().await.unwrap().as_ref(), JPEG);

        for _ in 0..2 {
            let deleted = alice.delete("/avatar").send().await.unwrap();
            assert_eq!(deleted.status(), 200);
            assert_eq!(deleted.text().await.unwrap(), "ok");
        }
        assert_eq!(stored_avatar(&server, &alice).await, None);
        assert!(files_on_disk(&server).is_empty());
        assert_eq!(alice.get("/avatar/alice").send().await.unwrap().status(), 404);
        let listed: Value = alice.get("/user_avatars").send().await.unwrap().json().await.unwrap();
        assert_eq!(listed, json!([]));
    }
}

on_both_backends! {
    async fn uploads_must_be_real_images_with_a_matching_extension(server: TestServer) {
        let alice = server.user("alice").await;
        upload(&server, &alice, avatar_form("a.png", PNG)).await;
        let kept = stored_avatar(&server, &alice).await.unwrap();
        let refused = [
            ("evil.png", b"<script>alert(1)</script>".as_slice()),
            ("pic.gif", PNG),
            ("doc.txt", PNG),
            ("page.html", PNG),
            ("blob", b"plain text".as_slice()),
        ];
        for (name, bytes) in refused {
            assert_eq!(upload(&server, &alice, avatar_form(name, bytes)).await, (415, "not an image".into()), "{name}");
        }
        assert_eq!(stored_avatar(&server, &alice).await, Some(kept.clone()), "a refused upload changes nothing");
        assert_eq!(files_on_disk(&server), [kept]);

        let no_file = Form::new().text("other", "x");
        assert_eq!(upload(&server, &alice, no_file).await, (400, "no file".into()));
        let no_name = Form::new().part("avatar", Part::bytes(PNG.to_vec()));
        assert_eq!(upload(&server, &alice, no_name).await, (400, "no file".into()));

        // The content decides when the name has no extension at all.
        assert_eq!(upload(&server, &alice, avatar_form("blob", PNG)).await, (200, "ok".into()));
        assert!(stored_avatar(&server, &alice).await.unwrap().ends_with(".png"));
    }
}

on_both_backends! {
    async fn oversized_avatars_are_refused_with_413(server: TestServer) {
        let server = TestServer::start_with(server.db, Settings { max_avatar_size_mb: 1.0, ..test_settings() }).await;
        let alice = server.user("alice").await;
        let mut big = PNG.to_vec();
        big.resize(1024 * 1024 + 1, 0);
        assert_eq!(upload(&server, &alice, avatar_form("big.png", &big)).await, (413, "file too large (max 1 MB)".into()));
        assert_eq!(stored_avatar(&server, &alice).await, None);
        assert!(files_on_disk(&server).is_empty());
        big.truncate(1024 * 1024);
        assert_eq!(upload(&server, &alice, avatar_form("big.png", &big)).await, (200, "ok".into()), "exactly the limit is fine");
    }
}
