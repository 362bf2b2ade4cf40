//! Searching message text over HTTP (`GET /search_messages`), and the substring index behind it, on
//! both backends.
mod common;

use common::{Db, TestServer};
use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;
use minimost::domain::search::SearchQuery;
use minimost::store::search::{self, Scope};
use minimost::store::DbConnection;
use serde_json::Value;

async fn send(server: &TestServer, client: &reqwest::Client, channel: &str, text: &str) {
    let response = client.post(server.url(&format!("/send/{channel}"))).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200, "send to {channel}: {}", response.text().await.unwrap());
}

async fn poll(server: &TestServer, client: &reqwest::Client, channel: &str) -> Vec<Value> {
    client.get(server.url(&format!("/messages/{channel}?after=0"))).send().await.unwrap().json().await.unwrap()
}

/// The hits for `q`, as `(channel, content)` pairs in answer order.
async fn search(server: &TestServer, client: &reqwest::Client, q: &str) -> Vec<Value> {
    let response = client.get(server.url("/search_messages")).query(&[("q", q)]).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.unwrap()
}

async fn contents(server: &TestServer, client: &reqwest::Client, q: &str) -> Vec<String> {
    search(server, client, q).await.iter().map(|hit| hit["content"].as_str().unwrap().to_string()).collect()
}

on_both_backends! {
    async fn search_finds_literal_substrings_ignoring_case_newest_first(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        for text in ["Deploy the ÉCOLE build", "progress: 50% done", "a_b is literal", "axb is not", "ΟΔΟΣ closed", "say \"hi\" OR NOT x*"] {
            send(&server, &alice, "general", text).await;
        }
        send(&server, &bob, "software", "deploy again").await;

        let hits = search(&server, &bob, "  DEPLOY ").await;
        assert_eq!(hits.len(), 2);
        let mut keys: Vec<&str> = hits[0].as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["channel", "content", "id", "sender", "ts"]);
        assert_eq!(hits[0]["content"], "deploy again", "newest first");
        assert_eq!(hits[0]["channel"], "software");
        assert_eq!(hits[0]["sender"], "bob");
        assert_eq!(hits[1]["content"], "Deploy the ÉCOLE build");
        assert!(hits[0]["ts"].as_f64().unwrap() > hits[1]["ts"].as_f64().unwrap());
        let polled = poll(&server, &bob, "general").await;
        assert_eq!(hits[1]["id"], polled[0]["id"], "hits carry the message id");
        assert_eq!(hits[1]["ts"], polled[0]["ts"]);

        assert_eq!(contents(&server, &bob, "école").await, ["Deploy the ÉCOLE build"], "Unicode case folding");
        assert_eq!(contents(&server, &bob, "οδος").await, ["ΟΔΟΣ closed"]);
        assert_eq!(contents(&server, &bob, "Σ").await, ["ΟΔΟΣ closed"], "one character, no trigram");
        assert_eq!(contents(&server, &bob, "50%").await, ["progress: 50% done"], "% is literal");
        assert_eq!(contents(&server, &bob, "%").await, ["progress: 50% done"]);
        assert_eq!(contents(&server, &bob, "a_b").await, ["a_b is literal"], "_ is literal");
        assert_eq!(contents(&server, &bob, "_").await, ["a_b is literal"]);
        assert_eq!(contents(&server, &bob, "\"hi\" or not x*").await, ["say \"hi\" OR NOT x*"], "no query syntax");
        assert!(contents(&server, &bob, "deploy the école build!").await.is_empty());
        assert!(contents(&server, &bob, "nowhere").await.is_empty());
        assert!(contents(&server, &bob, "de\0ploy").await.is_empty(), "a NUL is just a character");
        assert!(contents(&server, &bob, "\0").await.is_empty());
    }
}

on_both_backends! {
    async fn blank_or_missing_queries_find_nothing(server: TestServer) {
        let alice = server.user("alice").await;
        send(&server, &alice, "general", "hello world").await;
        assert!(search(&server, &alice, "").await.is_empty());
        assert!(search(&server, &alice, " \t ").await.is_empty());
        let missing = alice.get(server.url("/search_messages")).send().await.unwrap();
        assert_eq!(missing.status(), 200);
        assert_eq!(missing.text().await.unwrap().trim(), "[]");
        assert_eq!(contents(&server, &alice, " o ").await, ["hello world"], "whitespace around q is trimmed");
    }
}

on_both_backends! {
    async fn at_most_fifty_hits_come_back_newest_first(server: TestServer) {
        let alice = server.user("alice").await;
        for n in 1..=53 {
            send(&server, &alice, "general", &format!("needle {n}")).await;
        }
        for q in ["needle", "ne"] {
            let hits = search(&server, &alice, q).await;
            assert_eq!(hits.len(), 50, "{q}");
            assert_eq!(hits[0]["content"], "needle 53", "{q}");
            assert_eq!(hits[49]["content"], "needle 4", "{q}");
        }
    }
}

on_both_backends! {
    async fn edits_and_deletes_change_what_is_found_and_attachments_are_never_found(server: TestServer) {
        let alice = server.user("alice").await;
        send(&server, &alice, "general", "original wording").await;
        let id = poll(&server, &alice, "general").await[0]["id"].as_i64().unwrap();
        let edit = alice.post(server.url(&format!("/edit/{id}"))).form(&[("text", "Revised Text")]).send().await.unwrap();
        assert_eq!(edit.status(), 200);
        assert!(contents(&server, &alice, "original").await.is_empty(), "the old text is gone");
        assert_eq!(contents(&server, &alice, "revised").await, ["Revised Text"]);

        assert_eq!(alice.post(server.url(&format!("/delete/{id}"))).send().await.unwrap().status(), 200);
        assert!(contents(&server, &alice, "revised").await.is_empty(), "deleted messages are not found");
        assert!(contents(&server, &alice, "re").await.is_empty());
        let edit = alice.post(server.url(&format!("/edit/{id}"))).form(&[("text", "revived?")]).send().await.unwrap();
        assert_eq!(edit.status(), 200);
        assert!(contents(&server, &alice, "revived").await.is_empty(), "editing a deleted message keeps it out");

        let part = reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("picture.png");
        let form = reqwest::multipart::Form::new().part("files", part);
        assert_eq!(alice.post(server.url("/send/general")).multipart(form).send().await.unwrap().status(), 200);
        let filename = poll(&server, &alice, "general").await.last().unwrap()["filename"].as_str().unwrap().to_string();
        assert!(contents(&server, &alice, &filename[..8]).await.is_empty(), "attachment rows have no text");
        assert!(contents(&server, &alice, "png").await.is_empty());
    }
}

on_both_backends! {
    async fn search_never_returns_other_peoples_dms_or_private_messages(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let dave = server.user("dave").await;
        let team = server.private_channel(&["alice", "bob"]);

        send(&server, &alice, "general", "secret public").await;
        send(&server, &alice, "dm:alice:bob", "secret dm").await;
        send(&server, &alice, &team, "secret private early").await;
        server.join(&team, &["dave"]);
        send(&server, &bob, &team, "secret private late").await;
        send(&server, &carol, "dm:carol:carol", "secret note to self").await;

        for q in ["secret", "se", "s"] {
            assert_eq!(
                contents(&server, &alice, q).await,
                ["secret private late", "secret private early", "secret dm", "secret public"],
                "{q}"
            );
            assert_eq!(
                contents(&server, &bob, q).await,
                ["secret private late", "secret private early", "secret dm", "secret public"],
                "{q}"
            );
            assert_eq!(contents(&server, &carol, q).await, ["secret note to self", "secret public"], "{q}");
            assert_eq!(
                contents(&server, &dave, q).await,
                ["secret private late", "secret public"],
                "{q}: a late member sees only what was said since they joined"
            );
        }
    }
}

on_both_backends! {
    async fn unauthenticated_searches_are_refused(server: TestServer) {
        let response = server.client().get(server.url("/search_messages?q=x")).send().await.unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/login");
    }
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

/// Rows in the plan test: enough that PostgreSQL's planner, with statistics, prefers an index over
/// a scan whenever one helps.
const BULK_ROWS: i64 = 30_000;

/// Fills `general` with `BULK_ROWS` ordinary messages (sent by SQL, as years of chatter would be).
fn fill_with_chatter(conn: &mut DbConnection) {
    let rows = "SELECT i, 'general', i, 'filler', \
                'status update ' || i || ' on topic ' || (i % 997) || ' and the weather', \
                'status update ' || i || ' on topic ' || (i % 997) || ' and the weather', \
                1600000000.0 + i, 1600000000.0 + i";
    let columns = "(id, channel, send_id, sender, content, folded_content, ts, changed_ts)";
    let sql = match conn {
        DbConnection::Sqlite(_) => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BULK_ROWS}) \
             INSERT INTO messages {columns} {rows} FROM n; ANALYZE;"
        ),
        DbConnection::Postgres(_) => format!(
            "INSERT INTO messages {columns} {rows} FROM generate_series(1, {BULK_ROWS}) AS i; \
             SELECT setval('messages_id_seq', {BULK_ROWS}); ANALYZE messages;"
        ),
    };
    conn.batch_execute(&sql).expect("bulk insert");
}

/// `id` of user `name`.
fn user_id(conn: &mut DbConnection, name: &str) -> i64 {
    minimost::store::channels::users_named(conn, &[name.to_string()]).unwrap()[0].0
}

on_both_backends! {
    async fn the_search_uses_the_substring_index(server: TestServer) {
        let alice = server.user("alice").await;
        let mut conn = server.connect();
        fill_with_chatter(&mut conn);
        send(&server, &alice, "general", "The Zebra crossing is closed").await;
        send(&server, &alice, "general", "a status update 17 on topic 17 and the weather").await;

        let scope = Scope { public_channels: vec!["general".into(), "software".into()], user_id: user_id(&mut conn, "alice") };
        let query = SearchQuery::parse(Some("zebra cr")).unwrap();
        let plan = search::plan(&mut conn, &scope, &query).unwrap();
        let index = match server.db {
            Db::Sqlite => "message_search",
            Db::Postgres => "messages_folded_trgm",
        };
        assert!(plan.contains(index), "the plan names {index}:\n{plan}");
        let full_scan = plan.lines().any(|line| line.trim() == "SCAN m" || line.contains("Seq Scan on messages"));
        assert!(!full_scan, "no full scan:\n{plan}");
        let hits = search::search(&mut conn, &scope, &query).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].content.as_deref(), Some("The Zebra crossing is closed"));

        // In every message: sorting all matches would be slow, the newest are found at once.
        let common = SearchQuery::parse(Some("Weather")).unwrap();
        let plan = search::plan(&mut conn, &scope, &common).unwrap();
        assert!(plan.contains("messages_by_ts"), "frequent terms walk newest first:\n{plan}");
        let hits = search::search(&mut conn, &scope, &common).unwrap();
        assert_eq!(hits.len(), 50);
        assert_eq!(hits[0].content.as_deref(), Some("a status update 17 on topic 17 and the weather"));
        assert_eq!(hits[1].content.as_deref(), Some(format!("status update {BULK_ROWS} on topic {} and the weather", BULK_ROWS % 997).as_str()));

        // Too short for trigrams: walks the messages newest first and stops at the 50th hit.
        let short = SearchQuery::parse(Some("ZE")).unwrap();
        let plan = search::plan(&mut conn, &scope, &short).unwrap();
        assert!(plan.contains("messages_by_ts"), "short queries walk newest first:\n{plan}");
        let hits = search::search(&mut conn, &scope, &short).unwrap();
        assert_eq!(hits.len(), 1);

        if let DbConnection::Sqlite(sqlite) = &mut conn {
            // FTS5 compares its index with the messages it indexes; it fails if they disagree.
            diesel::sql_query("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)")
                .execute(sqlite)
                .expect("the index is in step with the messages");
        }
    }
}

on_both_backends! {
    async fn the_index_stays_in_step_with_sends_edits_and_deletes(server: TestServer) {
        let alice = server.user("alice").await;
        for n in 0..5 {
            send(&server, &alice, "general", &format!("message number {n}")).await;
        }
        let part = reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("p.png");
        let form = reqwest::multipart::Form::new().text("text", "with picture").part("files", part);
        assert_eq!(alice.post(server.url("/send/general")).multipart(form).send().await.unwrap().status(), 200);
        let messages = poll(&server, &alice, "general").await;
        let id = |n: usize| messages[n]["id"].as_i64().unwrap();
        alice.post(server.url(&format!("/edit/{}", id(1)))).form(&[("text", "edited once")]).send().await.unwrap();
        alice.post(server.url(&format!("/edit/{}", id(1)))).form(&[("text", "edited twice")]).send().await.unwrap();
        alice.post(server.url(&format!("/delete/{}", id(2)))).send().await.unwrap();
        alice.post(server.url(&format!("/delete/{}", id(5)))).send().await.unwrap();
        alice.post(server.url(&format!("/edit/{}", id(2)))).form(&[("text", "edited after delete")]).send().await.unwrap();

        assert_eq!(contents(&server, &alice, "message number").await, ["message number 4", "message number 3", "message number 0"]);
        assert_eq!(contents(&server, &alice, "edited").await, ["edited twice"]);
        assert!(contents(&server, &alice, "picture").await.is_empty());
        let mut conn = server.connect();
        if let DbConnection::Sqlite(sqlite) = &mut conn {
            diesel::sql_query("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)")
                .execute(sqlite)
                .expect("the index is in step with the messages");
        }
    }
}
