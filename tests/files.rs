//! Downloading attached images over HTTP (`GET /files/{filename}`), on both backends: only for
//! people who can see an undeleted message carrying the file.
mod common;

use common::TestServer;
use serde_json::Value;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";
const GIF: &[u8] =
    b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";

/// Sends one image (and optional text) and returns the message id and stored file name.
async fn send_image(
    server: &TestServer,
    client: &reqwest::Client,
    channel: &str,
    name: &str,
    bytes: &[u8],
) -> (i64, String) {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("files", part);
    let response = client.post(&format!("/send/{channel}")).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let messages: Vec<Value> =
        client.get(&format!("/messages/{channel}?after=0")).send().await.unwrap().json().await.unwrap();
    let last = messages.last().unwrap();
    (last["id"].as_i64().unwrap(), last["filename"].as_str().unwrap().to_string())
}

async fn get(server: &TestServer, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(path).send().await.unwrap()
}

async fn assert_not_found(server: &TestServer, client: &reqwest::Client, path: &str) {
    let response = get(server, client, path).await;
    assert_eq!(response.status(), 404, "{path}");
    assert_eq!(response.text().await.unwrap(), "not found", "{path}");
}

on_both_backends! {
    async fn the_sender_and_the_other_participant_download_a_dm_image_and_outsiders_get_404(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, name) = send_image(&server, &alice, "dm:alice:bob", "Shot.PNG", PNG).await;
        let path = format!("/files/{name}");
        for client in [&alice, &bob] {
            let response = get(&server, client, &path).await;
            assert_eq!(response.status(), 200);
            let headers = response.headers().clone();
            assert_eq!(headers["content-type"], "image/png");
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert_eq!(headers["content-disposition"], format!("inline; filename={name}").as_str());
            assert_eq!(headers["cache-control"], "no-cache");
            let etag = headers["etag"].to_str().unwrap();
            assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2, "{etag}");
            let last_modified = headers["last-modified"].to_str().unwrap();
            assert!(last_modified.ends_with(" GMT"), "{last_modified}");
            assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);
        }
        assert_not_found(&server, &carol, &path).await;

        let head = alice.head(&path).send().await.unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(head.headers()["content-length"], PNG.len().to_string().as_str(), "HEAD tells the size");
        assert!(server.guest().get(&path).send().await.unwrap().status() == 302, "signed out");
    }
}

on_both_backends! {
    async fn channel_files_follow_channel_visibility(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, public) = send_image(&server, &alice, "general", "a.gif", GIF).await;
        let team = server.private_channel(&["alice", "bob"]);
        let (_, private) = send_image(&server, &alice, &team, "b.png", PNG).await;

        let response = get(&server, &carol, &format!("/files/{public}")).await;
        assert_eq!(response.status(), 200, "every user sees public channels");
        assert_eq!(response.headers()["content-type"], "image/gif");
        assert_eq!(response.bytes().await.unwrap().as_ref(), GIF);
        assert_eq!(get(&server, &bob, &format!("/files/{private}")).await.status(), 200, "a member");
        assert_not_found(&server, &carol, &format!("/files/{private}")).await;
        server.join(&team, &["carol"]);
        assert_not_found(&server, &carol, &format!("/files/{private}")).await;
    }
}

on_both_backends! {
    async fn a_deleted_message_no_longer_serves_its_file(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let part = |bytes: &[u8], name: &str| reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
        let form = reqwest::multipart::Form::new().text("text", "two pictures").part("files", part(PNG, "a.png")).part("files", part(GIF, "b.gif"));
        assert_eq!(alice.post("/send/general").multipart(form).send().await.unwrap().status(), 200);
        let messages: Vec<Value> = alice.get("/messages/general?after=0").send().await.unwrap().json().await.unwrap();
        let names: Vec<String> = messages[1..].iter().map(|m| m["filename"].as_str().unwrap().to_string()).collect();
        for name in &names {
            assert_eq!(get(&server, &bob, &format!("/files/{name}")).await.status(), 200);
        }
        let text_row = messages[0]["id"].as_i64().unwrap();
        assert_eq!(alice.post(&format!("/delete/{text_row}")).send().await.unwrap().status(), 200);
        for name in &names {
            for client in [&alice, &bob] {
                assert_not_found(&server, client, &format!("/files/{name}")).await;
            }
        }
    }
}

on_both_backends! {
    async fn names_that_are_not_stored_names_never_reach_the_disk(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, name) = send_image(&server, &alice, "general", "a.png", PNG).await;
        let stem = &name[..32];
        std::fs::write(server.data_dir.path().join("uploads").join(format!("{stem}.html")), "<script>").unwrap();
        for path in [
            "/files/..%2Fminimost.db".to_string(),
            "/files/..%2F..%2Fetc%2Fpasswd".to_string(),
            "/files/%2e%2e%5Cminimost.db".to_string(),
            "/files/.%2e%2Fsecret.key".to_string(),
            format!("/files/{stem}.html"),
            format!("/files/{}", name.to_uppercase()),
            format!("/files/{name}%00"),
            format!("/files/{name}%2F..%2F..%2Fminimost.db"),
            format!("/files/%2E%2E%2Fuploads%2F{name}"),
            format!("/files/x/{name}"),
            "/files/00000000000000000000000000000000.png".to_string(),
        ] {
            assert_not_found(&server, &alice, &path).await;
        }
        let response = get(&server, &alice, &format!("/files/{name}?download=1")).await;
        assert_eq!(response.status(), 200, "query strings are ignored");
    }
}

on_both_backends! {
    async fn conditional_requests_get_304_while_the_file_is_unchanged(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, name) = send_image(&server, &alice, "general", "a.png", PNG).await;
        let path = server.url(&format!("/files/{name}"));
        let first = alice.get(&path).send().await.unwrap();
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let last_modified = first.headers()["last-modified"].to_str().unwrap().to_string();

        for if_none_match in [etag.clone(), format!("W/{etag}"), format!("\"other\", {etag}"), "*".to_string()] {
            let response = alice.get(&path).header("If-None-Match", &if_none_match).send().await.unwrap();
            assert_eq!(response.status(), 304, "{if_none_match}");
            assert_eq!(response.headers()["etag"], etag.as_str());
            assert_eq!(response.headers()["cache-control"], "no-cache");
            assert!(response.bytes().await.unwrap().is_empty());
        }
        let response = alice.get(&path).header("If-None-Match", "\"stale\"").send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);

        let response = alice.get(&path).header("If-Modified-Since", &last_modified).send().await.unwrap();
        assert_eq!(response.status(), 304);
        let response = alice.get(&path).header("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").send().await.unwrap();
        assert_eq!(response.status(), 200);
        let response = alice
            .get(&path)
            .header("If-None-Match", "\"stale\"")
            .header("If-Modified-Since", &last_modified)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "If-None-Match decides when both are sent");

        server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, dm_file) = send_image(&server, &alice, "dm:alice:bob", "d.png", PNG).await;
        let response = carol.get(&format!("/files/{dm_file}")).header("If-None-Match", "*").send().await.unwrap();
        assert_eq!(response.status(), 404, "validators are never shown to outsiders");
    }
}
