//! Downloading attached images over HTTP (`GET /files/{filename}`), on both backends: only for
//! people who can see an undeleted message carrying the file.
mod common;

use common::{Db, RequestExt, TestServer, User, GIF, PNG};
use serde_json::Value;

async fn assert_not_found(user: &User, path: &str) {
    let response = user.fetch(path).await;
    assert_eq!(response.status, 404, "{path}");
    assert_eq!(response.text(), "not found", "{path}");
}

on_both_backends! {
    async fn the_sender_and_the_other_participant_download_a_dm_image_and_outsiders_get_404(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, name) = alice.send_file("dm:alice:bob", "Shot.PNG", PNG).await;
        let path = format!("/files/{name}");
        for client in [&alice, &bob] {
            let response = client.fetch(&path).await;
            assert_eq!(response.status, 200);
            let headers = response.headers.clone();
            assert_eq!(headers["content-type"], "image/png");
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert_eq!(headers["content-disposition"], format!("inline; filename={name}").as_str());
            assert_eq!(headers["cache-control"], "no-cache");
            let etag = headers["etag"].to_str().unwrap();
            assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2, "{etag}");
            let last_modified = headers["last-modified"].to_str().unwrap();
            assert!(last_modified.ends_with(" GMT"), "{last_modified}");
            assert_eq!(response.body.as_ref(), PNG);
        }
        assert_not_found(&carol, &path).await;

        let head = alice.head(&path).reply().await;
        assert_eq!(head.status, 200);
        assert_eq!(head.headers["content-length"], PNG.len().to_string().as_str(), "HEAD tells the size");
        assert!(server.guest().fetch(&path).await.status == 302, "signed out");
    }
}

on_both_backends! {
    async fn channel_files_follow_channel_visibility(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, public) = alice.send_file("general", "a.gif", GIF).await;
        let team = server.private_channel(&["alice", "bob"]);
        let (_, private) = alice.send_file(&team, "b.png", PNG).await;

        let response = carol.fetch(&format!("/files/{public}")).await;
        assert_eq!(response.status, 200, "every user sees public channels");
        assert_eq!(response.headers["content-type"], "image/gif");
        assert_eq!(response.body.as_ref(), GIF);
        assert_eq!(bob.fetch(&format!("/files/{private}")).await.status, 200, "a member");
        assert_not_found(&carol, &format!("/files/{private}")).await;
        server.join(&team, &["carol"]);
        assert_not_found(&carol, &format!("/files/{private}")).await;
    }
}

on_both_backends! {
    async fn a_deleted_message_no_longer_serves_its_file(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        assert_eq!(alice.send_files("general", Some("two pictures"), &[("a.png", PNG), ("b.gif", GIF)]).await.status, 200);
        let messages: Vec<Value> = alice.messages("general").await;
        let names: Vec<String> = messages[1..].iter().map(|m| m["filename"].as_str().unwrap().to_string()).collect();
        for name in &names {
            assert_eq!(bob.fetch(&format!("/files/{name}")).await.status, 200);
        }
        let text_row = messages[0]["id"].as_i64().unwrap();
        assert_eq!(alice.try_delete(text_row).await.status, 200);
        for name in &names {
            for client in [&alice, &bob] {
                assert_not_found(client, &format!("/files/{name}")).await;
            }
        }
    }
}

on_both_backends! {
    async fn names_that_are_not_stored_names_never_reach_the_disk(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, name) = alice.send_file("general", "a.png", PNG).await;
        let stem = &name[..32];
        server.leave_file("uploads", &format!("{stem}.html"), b"<script>", std::time::Duration::ZERO);
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
            assert_not_found(&alice, &path).await;
        }
        let response = alice.fetch(&format!("/files/{name}?download=1")).await;
        assert_eq!(response.status, 200, "query strings are ignored");
    }
}

on_both_backends! {
    async fn conditional_requests_get_304_while_the_file_is_unchanged(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, name) = alice.send_file("general", "a.png", PNG).await;
        let path = format!("/files/{name}");
        let first = alice.fetch(&path).await;
        let etag = first.headers["etag"].to_str().unwrap().to_string();
        let last_modified = first.headers["last-modified"].to_str().unwrap().to_string();

        for if_none_match in [etag.clone(), format!("W/{etag}"), format!("\"other\", {etag}"), "*".to_string()] {
            let response = alice.get(&path).header("If-None-Match", &if_none_match).reply().await;
            assert_eq!(response.status, 304, "{if_none_match}");
            assert_eq!(response.headers["etag"], etag.as_str());
            assert_eq!(response.headers["cache-control"], "no-cache");
            assert!(response.body.is_empty());
        }
        let response = alice.get(&path).header("If-None-Match", "\"stale\"").reply().await;
        assert_eq!(response.status, 200);
        assert_eq!(response.body.as_ref(), PNG);

        let response = alice.get(&path).header("If-Modified-Since", &last_modified).reply().await;
        assert_eq!(response.status, 304);
        let response = alice.get(&path).header("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").reply().await;
        assert_eq!(response.status, 200);
        let response = alice
            .get(&path)
            .header("If-None-Match", "\"stale\"")
            .header("If-Modified-Since", &last_modified)
            .reply().await;
        assert_eq!(response.status, 200, "If-None-Match decides when both are sent");

        server.user("bob").await;
        let carol = server.user("carol").await;
        let (_, dm_file) = alice.send_file("dm:alice:bob", "d.png", PNG).await;
        let response = carol.get(&format!("/files/{dm_file}")).header("If-None-Match", "*").reply().await;
        assert_eq!(response.status, 404, "validators are never shown to outsiders");
    }
}

/// Makes the database refuse to store a message whose text is `boom`, as a failure inside the
/// send's transaction (after its files are stored) would.
fn refuse_boom_messages(server: &TestServer) {
    use diesel::connection::SimpleConnection;
    let sql = match server.db {
        Db::Sqlite => {
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON messages WHEN NEW.content = 'boom' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END;"
        }
        Db::Postgres => {
            "CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN \
             IF NEW.content = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER refuse_boom BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_boom();"
        }
    };
    server.connect().batch_execute(sql).unwrap();
}

on_both_backends! {
    async fn a_send_that_fails_after_storing_its_files_removes_them_again(server: TestServer) {
        let alice = server.user("alice").await;
        refuse_boom_messages(&server);
        let failed = alice.send_files("general", Some("boom"), &[("a.png", PNG), ("b.gif", GIF)]).await;
        assert_eq!(failed.status, 500);
        assert!(alice.messages("general").await.is_empty(), "nothing was sent");
        assert!(server.files_in("uploads").is_empty(), "and no file of it stays");

        assert_eq!(alice.send_files("general", Some("fine"), &[("a.png", PNG)]).await.status, 200);
        assert_eq!(server.files_in("uploads").len(), 1);
    }
}
