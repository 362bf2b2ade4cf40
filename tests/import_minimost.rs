//! `minimost import-minimost` end to end, on both backends: the real binary imports the data
//! directory of an original MiniMost (tests/data/minimost-3be25cb-small, see its NOTE.md) into a
//! fresh database; then the real server runs on it and every user of the original logs in with
//! their MiniMost password and sees, through our API, what `expected.json` says the original
//! showed them, where our decisions (decisions.md) do not change the answer. Where they do, the
//! mapping is stated in [`normalise_message`] and the comparisons below. `/online_users` is not
//! compared: presence is live state, not imported (and the original's answer depended on the time).
mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::nodes::Node;
use common::{test_settings, PostgresDb, User};
use diesel::{Connection, ExpressionMethods, QueryDsl, RunQueryDsl};
use minimost::store::{schema, DbConnection};
use minimost::Config;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimost-3be25cb-small")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(fixture().join("expected.json")).expect("read expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// Runs `minimost import-minimost <source> --data-dir <dir> [--database-url <url>] <extra>` from a
/// directory without a settings file (the built-in settings: the original's five channels).
fn import(source: &Path, data_dir: &Path, database_url: Option<&str>, extra: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_minimost"));
    command.arg("import-minimost").arg(source).arg("--data-dir").arg(data_dir).args(extra);
    if let Some(url) = database_url {
        command.args(["--database-url", url]);
    }
    command
        .current_dir(data_dir)
        .env_remove("MINIMOST_SETTINGS")
        .env_remove("MINIMOST_DATABASE_URL")
        .env("RUST_LOG", "error")
        .output()
        .expect("run the import command")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A target: a fresh data directory, and on PostgreSQL a fresh database.
struct Target {
    data_dir: tempfile::TempDir,
    database_url: Option<String>,
    _postgres: Option<PostgresDb>,
}

impl Target {
    fn new(postgres: bool) -> Target {
        let (pg, url) = if postgres {
            let (db, url) = PostgresDb::create();
            (Some(db), Some(url))
        } else {
            (None, None)
        };
        Target { data_dir: tempfile::tempdir().expect("temp dir"), database_url: url, _postgres: pg }
    }

    fn import(&self, source: &Path, extra: &[&str]) -> Output {
        import(source, self.data_dir.path(), self.database_url.as_deref(), extra)
    }

    fn config(&self) -> Config {
        Config {
            database_url: self.database_url.clone(),
            ..Config::for_data_dir(self.data_dir.path(), test_settings())
        }
    }

    fn connect(&self) -> DbConnection {
        let url = self.config().database_url();
        match &self.database_url {
            Some(_) => DbConnection::Postgres(diesel::PgConnection::establish(&url).expect("connect to the target")),
            None => DbConnection::Sqlite(diesel::SqliteConnection::establish(&url).expect("open the target")),
        }
    }

    fn password_hash(&self, username: &str) -> String {
        schema::users::table
            .filter(schema::users::username.eq(username))
            .select(schema::users::password_hash)
            .first(&mut self.connect())
            .expect("the user exists")
    }

    fn count(&self, table: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let rows: Vec<Count> = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .load(&mut self.connect())
            .expect("count rows");
        rows[0].n
    }
}

/// The identity of a message across id spaces: `(channel, sender, ts, filename)`.
type Identity = (String, String, String, Option<String>);

fn identity(message: &Value) -> Identity {
    (
        message["channel"].as_str().unwrap().to_owned(),
        message["sender"].as_str().unwrap().to_owned(),
        message["ts"].to_string(),
        message["filename"].as_str().map(str::to_owned),
    )
}

/// The original's DM ids with the participants sorted and de-duplicated (decision Q8); other ids
/// unchanged. In this fixture every stored DM id is already canonical; the mapping is applied
/// anyway so the comparison states it.
fn canonical(channel: &str) -> String {
    let Some(names) = channel.strip_prefix("dm:") else { return channel.to_owned() };
    let set: BTreeSet<&str> = names.split(':').collect();
    let names: Vec<&str> = set.into_iter().collect();
    match names.as_slice() {
        [only] => format!("dm:{only}:{only}"),
        _ => format!("dm:{}", names.join(":")),
    }
}

/// One message of `/messages` in a form both sides share:
/// - `id` and `reply_to_id` replaced by identities (the original's ids are per user, ours global;
///   the original's `reply_to_id` is the *sender's* local id, resolved in the sender's own answers);
/// - deleted messages are tombstones (Q10): `content`, `filename`, `mentions`, `reply_to_id` null;
/// - `edited_ts` only with `edited` (the original's 300-second merge, Q2, left `edited_ts` on a row
///   never edited; we do not merge, and our `edited` flag is `edited_ts` being set);
/// - `reactions` parsed (both sides send a JSON string).
fn normalise_message(message: &Value, parent: Option<Identity>) -> Value {
    let deleted = message["deleted"].as_i64().unwrap() != 0;
    let edited = message["edited"].as_i64().unwrap() != 0;
    let reactions: Value = message["reactions"].as_str().map_or(Value::Null, |s| serde_json::from_str(s).unwrap());
    let blank = |field: &str| if deleted { Value::Null } else { message[field].clone() };
    json!({
        "identity": format!("{:?}", identity(message)),
        "channel": canonical(message["channel"].as_str().unwrap()),
        "sender": message["sender"],
        "ts": message["ts"],
        "content": blank("content"),
        "filename": blank("filename"),
        "mentions": blank("mentions"),
        "reply_to": if deleted { Value::Null } else { json!(parent.map(|p| format!("{p:?}"))) },
        "edited": edited,
        "edited_ts": if edited { message["edited_ts"].clone() } else { Value::Null },
        "deleted": deleted,
        "deleted_ts": message["deleted_ts"],
        "reactions": reactions,
        "reactions_ts": message["reactions_ts"],
    })
}

/// Every message each user of the original saw, by `(user, local id)`: how the original's
/// `reply_to_id` (a local id of the replier) is resolved.
fn original_ids(expected: &Value) -> HashMap<(String, i64), Identity> {
    let mut ids = HashMap::new();
    for (user, data) in expected["per_user"].as_object().unwrap() {
        for conversation in data["conversations"].as_object().unwrap().values() {
            for message in conversation["messages"].as_array().unwrap() {
                ids.insert((user.clone(), message["id"].as_i64().unwrap()), identity(message));
            }
        }
    }
    ids
}

fn expected_messages(messages: &[Value], ids: &HashMap<(String, i64), Identity>) -> Vec<Value> {
    let mut seen = BTreeSet::new();
    messages
        .iter()
        // A self-DM's messages are stored twice in the original and listed twice; ours are one
        // message each (one shared table).
        .filter(|m| seen.insert(identity(m)))
        .map(|m| {
            let sender = m["sender"].as_str().unwrap().to_owned();
            let parent = m["reply_to_id"].as_i64().and_then(|local| ids.get(&(sender, local)).cloned());
            normalise_message(m, parent)
        })
        .collect()
}

fn our_messages(messages: &[Value]) -> Vec<Value> {
    let by_id: HashMap<i64, Identity> = messages.iter().map(|m| (m["id"].as_i64().unwrap(), identity(m))).collect();
    messages
        .iter()
        .map(|m| {
            let parent = m["reply_to_id"].as_i64().map(|id| by_id.get(&id).cloned().expect("a parent in the channel"));
            normalise_message(m, parent)
        })
        .collect()
}

/// Every file under `dir` with its size and modification time (what a write would change, or a
/// `-wal`/`-shm` file left beside a database would add).
fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(listing(&path));
        } else {
            let meta = std::fs::metadata(&path).unwrap();
            files.insert(path, (meta.len(), meta.modified().unwrap()));
        }
    }
    files
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn imported_fixture_matches_the_original(postgres: bool) {
    let expected = expected();
    let target = Target::new(postgres);
    let before = listing(&fixture().join("data"));
    let output = target.import(&fixture().join("data"), &[]);
    assert!(output.status.success(), "import failed: {}{}", stderr(&output), stdout(&output));
    assert_eq!(listing(&fixture().join("data")), before, "the original's directory is only read");
    let summary = stdout(&output);
    assert!(summary.contains("5 users") && summary.contains("44 messages"), "{summary}");

    // The node's data is the target's (its config); the directory handed to it is only kept alive.
    let node = Node::start(tempfile::tempdir().unwrap(), target.config()).await.expect("server starts");
    let ids = original_ids(&expected);

    // Every account logs in with its MiniMost password (the Werkzeug scrypt hash); the hash is
    // then ours (argon2id), and the password still works.
    let mut users = BTreeMap::new();
    for account in expected["accounts"].as_array().unwrap() {
        let (name, password) = (account["username"].as_str().unwrap(), account["password"].as_str().unwrap());
        assert!(target.password_hash(name).starts_with("scrypt:32768:8:1$"), "{name}'s imported hash");
        let user = User::new(&node.base, name);
        assert_eq!(user.log_in(name, password).await.code(), 302, "{name} logs in with the MiniMost password");
        assert!(target.password_hash(name).starts_with("$argon2id$"), "{name}'s hash is re-hashed at first login");
        assert_eq!(node.bare().log_in(name, password).await.code(), 302, "{name} logs in again after the re-hash");
        assert_eq!(node.bare().log_in(name, "Wrong-Guess-1").await.code(), 200, "a wrong password is refused");
        users.insert(name.to_owned(), user);
    }
    assert_eq!(node.bare().log_in("dave", "Dave!Grohl4").await.code(), 200, "dave's password before the reset");

    for (name, user) in &users {
        let want = &expected["per_user"][name];
        for path in ["users", "channels", "private_channels"] {
            let ours: Value = user.get_json(&format!("/{path}")).await;
            assert_eq!(ours, want[path], "{name}: GET /{path}");
        }
        // Q16: our `/settings` also names the avatar file (renamed on import after its real format).
        let mut settings: Value = user.get_json("/settings").await;
        let avatar = settings.as_object_mut().unwrap().remove("avatar_file").unwrap();
        let has_avatar = expected["global"]["user_avatars"].as_array().unwrap().contains(&json!(name));
        assert_eq!(avatar.is_string(), has_avatar, "{name}: avatar_file {avatar}");
        assert_eq!(settings, want["settings"], "{name}: GET /settings");
        let unreads: Value = user.get_json("/channel_unreads").await;
        assert_eq!(unreads, want["channel_unreads"], "{name}: GET /channel_unreads");
        let dms: Value = user.get_json("/dms").await;
        let want_dms: Vec<Value> = want["dms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|dm| json!({"channel": canonical(dm["channel"].as_str().unwrap()), "unread": dm["unread"], "users": dm["users"]}))
            .collect();
        assert_eq!(dms, json!(want_dms), "{name}: GET /dms");
        // Q12: hidden DMs do not count in /unread_count until they reappear (the original counts
        // them): ours is the sum over the listed DMs.
        let count: Value = user.get_json("/unread_count").await;
        let listed: i64 = want_dms.iter().map(|dm| dm["unread"].as_i64().unwrap()).sum();
        assert_eq!(count, json!({"count": listed}), "{name}: GET /unread_count");

        for (conversation, seen) in want["conversations"].as_object().unwrap() {
            let channel = canonical(conversation);
            let reply = user.fetch(&format!("/messages/{channel}?after=0")).await;
            let is_ex_member = conversation.starts_with("private:") && seen["listed_in"].is_null();
            if is_ex_member {
                // Decisions, storage model: a user who left a private channel loses access to it
                // (reads answer as for a channel one is not in: no messages); the original let them
                // read their old copies.
                assert_eq!((reply.code(), reply.json::<Value>()), (200, json!([])), "{name} left {conversation}");
                continue;
            }
            assert_eq!(reply.code(), 200, "{name}: /messages/{channel}");
            let ours: Vec<Value> = reply.json();
            let want_messages = expected_messages(seen["messages"].as_array().unwrap(), &ids);
            assert_eq!(our_messages(&ours), want_messages, "{name}: /messages/{channel}");
            let receipts: Value = user.get_json(&format!("/read_receipts/{channel}")).await;
            assert_eq!(receipts, seen["read_receipts"], "{name}: /read_receipts/{channel}");
        }
    }

    // Profiles, colours, avatars and files, as any user sees them.
    let alice = &users["alice"];
    let global = &expected["global"];
    assert_eq!(alice.get_json::<Value>("/user_colors").await, global["user_colors"]);
    assert_eq!(alice.get_json::<Value>("/user_avatars").await, global["user_avatars"]);
    for (name, profile) in global["profiles"].as_object().unwrap() {
        assert_eq!(alice.get_json::<Value>(&format!("/profile/{name}")).await, *profile, "profile of {name}");
    }
    for (name, avatar) in global["avatars"].as_object().unwrap() {
        let reply = alice.fetch(&format!("/avatar/{name}")).await;
        assert_eq!(reply.code(), 200, "avatar of {name}");
        assert_eq!(sha256(&reply.body), avatar["sha256"].as_str().unwrap(), "avatar of {name}: same bytes");
        // Q22: served with its real type (the original said image/jpeg for alice's PNG).
        let real = format!("image/{}", avatar["actual_format"].as_str().unwrap());
        assert_eq!(reply.header("content-type"), real, "avatar of {name}");
    }
    for (stored, file) in global["files"].as_object().unwrap() {
        let reply = alice.fetch(&format!("/files/{stored}")).await;
        assert_eq!(reply.code(), 200, "file {stored}");
        assert_eq!(sha256(&reply.body), file["sha256"].as_str().unwrap(), "{stored}: same bytes");
        assert_eq!(reply.header("content-type"), file["content_type"].as_str().unwrap(), "{stored}");
        assert_eq!(reply.header("content-disposition"), file["content_disposition"].as_str().unwrap(), "{stored}");
    }

    // The imported server keeps working: a new message gets an id after the imported ones.
    alice.send("general", "Hello from Minimost").await;
    let general = alice.messages("general").await;
    assert_eq!(general.last().unwrap()["content"], "Hello from Minimost");
    assert!(general.last().unwrap()["id"].as_i64().unwrap() > 44);

    // A second import into the same target is refused, and changes nothing.
    let messages = target.count("messages");
    let again = target.import(&fixture().join("data"), &[]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));
    assert_eq!(target.count("messages"), messages);
}

mod the_fixture_imports_and_every_user_sees_what_the_original_showed {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::imported_fixture_matches_the_original(false).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::imported_fixture_matches_the_original(true).await;
    }
}

// ---- bad input: a clear error naming the file, and nothing imported ----

/// A writable copy of the fixture's data directory, to spoil.
fn spoilt_copy() -> tempfile::TempDir {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy_dir(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
                let mut permissions = std::fs::metadata(&target).unwrap().permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                permissions.set_readonly(false);
                std::fs::set_permissions(&target, permissions).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture().join("data"), dir.path());
    dir
}

/// Changes one of the copy's databases with plain SQL (then closes it, which folds its log back).
fn alter(source: &Path, database: &str, sql: &str) {
    use diesel::connection::SimpleConnection;
    let mut conn = diesel::SqliteConnection::establish(source.join(database).to_str().unwrap()).unwrap();
    conn.batch_execute(sql).unwrap();
}

/// Imports `source` into a fresh SQLite target, which must fail with a message containing every
/// one of `needles`; then checks that the target holds nothing.
fn refused(source: &Path, extra: &[&str], needles: &[&str]) {
    let target = Target::new(false);
    let output = target.import(source, extra);
    let message = stderr(&output);
    assert!(!output.status.success(), "the import must fail: {}", stdout(&output));
    for needle in needles {
        assert!(message.contains(needle), "the error names {needle:?}: {message}");
    }
    assert!(!message.contains("panicked"), "{message}");
    if target.data_dir.path().join("minimost.db").exists() {
        for table in ["users", "messages", "channels", "private_channels", "reactions", "channel_reads"] {
            assert_eq!(target.count(table), 0, "{table} stays empty");
        }
    }
    for area in ["uploads", "avatars"] {
        let files = std::fs::read_dir(target.data_dir.path().join(area)).map(|dir| dir.count()).unwrap_or(0);
        assert_eq!(files, 0, "no file is left in {area}/");
    }
}

#[test]
fn a_directory_that_is_not_a_minimost_data_dir_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    refused(empty.path(), &[], &["is not a MiniMost data directory", "auth.db, presence.db, users/"]);
    let source = spoilt_copy();
    std::fs::remove_file(source.path().join("settings.json")).unwrap();
    refused(source.path(), &[], &["no settings.json"]);
}

#[test]
fn a_corrupt_user_database_is_refused_by_name() {
    let source = spoilt_copy();
    std::fs::write(source.path().join("users/bob.db"), b"this is not a database, it was overwritten").unwrap();
    refused(source.path(), &[], &["users/bob.db", "not a readable SQLite database"]);
}

#[test]
fn a_database_in_use_is_refused_by_name() {
    // A write-ahead log beside a database: MiniMost is running, or did not stop cleanly; its newest
    // writes are in the log, which a read-only, immutable open would not see.
    let source = spoilt_copy();
    std::fs::write(source.path().join("users/carol.db-wal"), b"pending writes").unwrap();
    refused(source.path(), &[], &["users/carol.db", "in use", "Stop MiniMost"]);
}

#[test]
fn a_copy_that_disagrees_with_another_is_refused_by_name() {
    let source = spoilt_copy();
    alter(source.path(), "users/erin.db", "UPDATE messages SET content = 'tampered' WHERE id = 1");
    refused(source.path(), &[], &["users/erin.db", "disagrees with users/alice.db", "`content`"]);
}

#[test]
fn a_missing_upload_is_refused_by_name() {
    let source = spoilt_copy();
    std::fs::remove_file(source.path().join("uploads/5d3a32be632749029e38dd22e1179453.png")).unwrap();
    refused(source.path(), &[], &["uploads/5d3a32be632749029e38dd22e1179453.png is missing"]);
}

#[test]
fn columns_from_a_newer_minimost_are_refused_by_name() {
    let source = spoilt_copy();
    alter(source.path(), "users/dave.db", "ALTER TABLE messages ADD COLUMN thread_root INTEGER");
    refused(source.path(), &[], &["users/dave.db", "table messages", "thread_root", "newer MiniMost"]);
    let source = spoilt_copy();
    alter(source.path(), "presence.db", "ALTER TABLE private_channels ADD COLUMN topic TEXT");
    refused(source.path(), &[], &["presence.db", "private_channels", "topic"]);
}

#[test]
fn public_channels_our_settings_do_not_list_are_refused_with_the_setting_to_use() {
    let settings = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(settings.path(), r#"{"channels": ["general", "random"]}"#).unwrap();
    let path = settings.path().to_str().unwrap();
    refused(
        &fixture().join("data"),
        &["--settings", path],
        &[
            r#""software", "firmware", "systems", "off-topic""#,
            r#""channels": ["general","random","software","firmware","systems","off-topic"]"#,
        ],
    );
}

/// Fails the import's last table with a trigger: by then the files are copied and most rows
/// written. Afterwards the database holds nothing and the copies are gone.
fn a_failed_write_leaves_nothing(postgres: bool) {
    use diesel::connection::SimpleConnection;
    let target = Target::new(postgres);
    minimost::store::Store::open(&target.config().database_url()).unwrap();
    let trigger = if postgres {
        "CREATE FUNCTION refuse_reads() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ \
         LANGUAGE plpgsql; CREATE TRIGGER refuse_reads BEFORE INSERT ON channel_reads FOR EACH ROW \
         EXECUTE FUNCTION refuse_reads();"
    } else {
        "CREATE TRIGGER refuse_reads BEFORE INSERT ON channel_reads BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
    };
    target.connect().batch_execute(trigger).unwrap();
    let output = target.import(&fixture().join("data"), &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("nothing was imported"), "{}", stderr(&output));
    assert!(stderr(&output).contains("disk full"), "{}", stderr(&output));
    for table in ["users", "messages", "channels", "reactions", "channel_members", "private_channels", "stored_files"] {
        assert_eq!(target.count(table), 0, "{table} is rolled back");
    }
    for area in ["uploads", "avatars"] {
        let files = std::fs::read_dir(target.data_dir.path().join(area)).map(|dir| dir.count()).unwrap_or(0);
        assert_eq!(files, 0, "{area}/ is emptied");
    }
}

mod a_failure_while_writing_removes_the_copied_files_and_leaves_the_database_unchanged {
    #[test]
    fn sqlite() {
        super::a_failed_write_leaves_nothing(false);
    }

    #[test]
    fn postgres() {
        super::a_failed_write_leaves_nothing(true);
    }
}

fn force_replaces(postgres: bool) {
    let target = Target::new(postgres);
    assert!(target.import(&fixture().join("data"), &[]).status.success());
    let refused = target.import(&fixture().join("data"), &[]);
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    let forced = target.import(&fixture().join("data"), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!((target.count("users"), target.count("messages")), (5, 44), "the same data once, not twice");
}

mod force_replaces_what_the_target_holds {
    #[test]
    fn sqlite() {
        super::force_replaces(false);
    }

    #[test]
    fn postgres() {
        super::force_replaces(true);
    }
}

#[test]
fn a_password_hash_that_is_not_werkzeug_scrypt_is_refused_naming_the_account() {
    let source = spoilt_copy();
    alter(
        source.path(),
        "auth.db",
        "UPDATE users SET password_hash = 'pbkdf2:sha256:600000$s$00' WHERE username = 'carol'",
    );
    refused(source.path(), &[], &["auth.db: the password hash of \"carol\"", "not a Werkzeug scrypt hash"]);
}

// ---- the measurement behind the README's import time ----

/// Times the import of a synthetic copy of the fixture grown by `MINIMOST_IMPORT_MESSAGES` (default
/// 100,000) public-channel messages, each delivered to all five users' stores as the original
/// would (so five copies each). Ignored by default (it is a measurement, not a check); run it with
/// `cargo test --release --test import_minimost -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: run with --ignored"]
fn measure_a_large_import() {
    let extra: u64 = std::env::var("MINIMOST_IMPORT_MESSAGES").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let source = spoilt_copy();
    let grow = format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {last}) \
         INSERT INTO messages (channel, sender, content, content_type, ts, read, mentions) \
         SELECT CASE i % 5 WHEN 0 THEN 'general' WHEN 1 THEN 'software' WHEN 2 THEN 'firmware' \
                WHEN 3 THEN 'systems' ELSE 'off-topic' END, \
                CASE i % 5 WHEN 0 THEN 'alice' WHEN 1 THEN 'bob' WHEN 2 THEN 'carol' WHEN 3 THEN 'dave' ELSE 'erin' END, \
                'synthetic message ' || i || ' about the build, @bob', 'text', 1796180000.0 + i * 0.731, 1, \
                CASE WHEN i % 7 = 0 THEN '[\"bob\"]' END \
         FROM n",
        last = extra - 1
    );
    for user in ["alice", "bob", "carol", "dave", "erin"] {
        alter(source.path(), &format!("users/{user}.db"), &grow);
    }
    let target = Target::new(false);
    let started = std::time::Instant::now();
    let output = target.import(source.path(), &[]);
    let seconds = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("{} messages", extra + 44)), "{}", stdout(&output));
    println!(
        "imported {} messages (5 copies each) in {seconds:.1} s: {:.1} s per 100,000 messages",
        extra + 44,
        seconds * 100_000.0 / (extra + 44) as f64
    );
}
