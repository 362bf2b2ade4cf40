//! Searching message text over HTTP (`GET /search_messages`), and the substring index behind it, on
//! both backends.
mod common;

use common::{Db, PNG};
use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;
use minimost::domain::search::SearchQuery;
use minimost::store::search::{self, Scope};
use minimost::store::DbConnection;

on_both_backends! {
    async fn search_finds_literal_substrings_ignoring_case_newest_first(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        for text in ["Deploy the ÉCOLE build", "progress: 50% done", "a_b is literal", "axb is not", "ΟΔΟΣ closed", "say \"hi\" OR NOT x*"] {
            alice.send("general", text).await;
        }
        bob.send("software", "deploy again").await;

        let hits = bob.search("  DEPLOY ").await;
        assert_eq!(hits.len(), 2);
        let mut keys: Vec<&str> = hits[0].as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["channel", "content", "id", "sender", "ts"]);
        assert_eq!(hits[0]["content"], "deploy again", "newest first");
        assert_eq!(hits[0]["channel"], "software");
        assert_eq!(hits[0]["sender"], "bob");
        assert_eq!(hits[1]["content"], "Deploy the ÉCOLE build");
        assert!(hits[0]["ts"].as_f64().unwrap() > hits[1]["ts"].as_f64().unwrap());
        let polled = bob.messages("general").await;
        assert_eq!(hits[1]["id"], polled[0]["id"], "hits carry the message id");
        assert_eq!(hits[1]["ts"], polled[0]["ts"]);

        assert_eq!(bob.search_contents("école").await, ["Deploy the ÉCOLE build"], "Unicode case folding");
        assert_eq!(bob.search_contents("οδος").await, ["ΟΔΟΣ closed"]);
        assert_eq!(bob.search_contents("Σ").await, ["ΟΔΟΣ closed"], "one character, no trigram");
        assert_eq!(bob.search_contents("50%").await, ["progress: 50% done"], "% is literal");
        assert_eq!(bob.search_contents("%").await, ["progress: 50% done"]);
        assert_eq!(bob.search_contents("a_b").await, ["a_b is literal"], "_ is literal");
        assert_eq!(bob.search_contents("_").await, ["a_b is literal"]);
        assert_eq!(bob.search_contents("\"hi\" or not x*").await, ["say \"hi\" OR NOT x*"], "no query syntax");
        assert!(bob.search_contents("deploy the école build!").await.is_empty());
        assert!(bob.search_contents("nowhere").await.is_empty());
        assert!(bob.search_contents("de\0ploy").await.is_empty(), "a NUL is just a character");
        assert!(bob.search_contents("\0").await.is_empty());
    }
}

on_both_backends! {
    async fn blank_or_missing_queries_find_nothing(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "hello world").await;
        assert!(alice.search("").await.is_empty());
        assert!(alice.search(" \t ").await.is_empty());
        let missing = alice.fetch("/search_messages").await;
        assert_eq!(missing.status, 200);
        assert_eq!(missing.text().trim(), "[]");
        assert_eq!(alice.search_contents(" o ").await, ["hello world"], "whitespace around q is trimmed");
    }
}

on_both_backends! {
    async fn at_most_fifty_hits_come_back_newest_first(server: TestServer) {
        let alice = server.user("alice").await;
        for n in 1..=53 {
            alice.send("general", &format!("needle {n}")).await;
        }
        for q in ["needle", "ne"] {
            let hits = alice.search(q).await;
            assert_eq!(hits.len(), 50, "{q}");
            assert_eq!(hits[0]["content"], "needle 53", "{q}");
            assert_eq!(hits[49]["content"], "needle 4", "{q}");
        }
    }
}

on_both_backends! {
    async fn edits_and_deletes_change_what_is_found_and_attachments_are_never_found(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "original wording").await;
        let id = alice.messages("general").await[0]["id"].as_i64().unwrap();
        let edit = alice.try_edit(id, "Revised Text").await;
        assert_eq!(edit.status, 200);
        assert!(alice.search_contents("original").await.is_empty(), "the old text is gone");
        assert_eq!(alice.search_contents("revised").await, ["Revised Text"]);

        assert_eq!(alice.try_delete(id).await.status, 200);
        assert!(alice.search_contents("revised").await.is_empty(), "deleted messages are not found");
        assert!(alice.search_contents("re").await.is_empty());
        let edit = alice.try_edit(id, "revived?").await;
        assert_eq!(edit.status, 200);
        assert!(alice.search_contents("revived").await.is_empty(), "editing a deleted message keeps it out");

        assert_eq!(alice.send_files("general", None, &[("picture.png", PNG)]).await.status, 200);
        let filename = alice.messages("general").await.last().unwrap()["filename"].as_str().unwrap().to_string();
        assert!(alice.search_contents(&filename[..8]).await.is_empty(), "attachment rows have no text");
        assert!(alice.search_contents("png").await.is_empty());
    }
}

on_both_backends! {
    async fn search_never_returns_other_peoples_dms_or_private_messages(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let dave = server.user("dave").await;
        let team = server.private_channel(&["alice", "bob"]);

        alice.send("general", "secret public").await;
        alice.send("dm:alice:bob", "secret dm").await;
        alice.send(&team, "secret private early").await;
        server.join(&team, &["dave"]);
        bob.send(&team, "secret private late").await;
        carol.send("dm:carol:carol", "secret note to self").await;

        for q in ["secret", "se", "s"] {
            assert_eq!(
                alice.search_contents(q).await,
                ["secret private late", "secret private early", "secret dm", "secret public"],
                "{q}"
            );
            assert_eq!(
                bob.search_contents(q).await,
                ["secret private late", "secret private early", "secret dm", "secret public"],
                "{q}"
            );
            assert_eq!(carol.search_contents(q).await, ["secret note to self", "secret public"], "{q}");
            assert_eq!(
                dave.search_contents(q).await,
                ["secret private late", "secret public"],
                "{q}: a late member sees only what was said since they joined"
            );
        }
    }
}

on_both_backends! {
    async fn unauthenticated_searches_are_refused(server: TestServer) {
        let response = server.guest().fetch("/search_messages?q=x").await;
        assert_eq!(response.status, 302);
        assert_eq!(response.headers["location"], "/login");
    }
}

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
        alice.send("general", "The Zebra crossing is closed").await;
        alice.send("general", "a status update 17 on topic 17 and the weather").await;

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
            alice.send("general", &format!("message number {n}")).await;
        }
        assert_eq!(alice.send_files("general", Some("with picture"), &[("p.png", PNG)]).await.status, 200);
        let messages = alice.messages("general").await;
        let id = |n: usize| messages[n]["id"].as_i64().unwrap();
        alice.try_edit(id(1), "edited once").await;
        alice.try_edit(id(1), "edited twice").await;
        alice.try_delete(id(2)).await;
        alice.try_delete(id(5)).await;
        alice.try_edit(id(2), "edited after delete").await;

        assert_eq!(alice.search_contents("message number").await, ["message number 4", "message number 3", "message number 0"]);
        assert_eq!(alice.search_contents("edited").await, ["edited twice"]);
        assert!(alice.search_contents("picture").await.is_empty());
        let mut conn = server.connect();
        if let DbConnection::Sqlite(sqlite) = &mut conn {
            diesel::sql_query("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)")
                .execute(sqlite)
                .expect("the index is in step with the messages");
        }
    }
}
