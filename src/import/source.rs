//! Reading an original MiniMost (3be25cb) data directory: `auth.db`, `presence.db`, one
//! `users/<name>.db` per account, and its `settings.json`. Every database is opened read-only and
//! immutable (no lock taken, nothing written beside it, so a read-only directory works); each table
//! read is checked against the columns this importer knows first, so a newer MiniMost's schema is
//! refused by name instead of half-understood.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use diesel::sql_types::{BigInt, Double, Nullable, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Everything the importer takes from the original, as it was stored.
#[derive(Debug, Default)]
pub struct Original {
    /// `settings.json`'s `channels`, in order.
    pub channels: Vec<String>,
    pub accounts: Vec<Account>,
    pub private_channels: Vec<PrivateChannel>,
    pub members: Vec<Member>,
    pub reactions: Vec<Reaction>,
    pub receipts: Vec<Receipt>,
    /// One per `users/<name>.db`, by name.
    pub stores: Vec<UserStore>,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Account {
    #[diesel(sql_type = Text)]
    pub username: String,
    #[diesel(sql_type = Text)]
    pub password_hash: String,
    #[diesel(sql_type = BigInt)]
    pub failed_attempts: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub lockout_until: Option<f64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub name_color: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub avatar_file: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub bio: Option<String>,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct PrivateChannel {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub created_by: String,
    #[diesel(sql_type = Double)]
    pub created_ts: f64,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Member {
    #[diesel(sql_type = BigInt)]
    pub channel_id: i64,
    #[diesel(sql_type = Text)]
    pub username: String,
    #[diesel(sql_type = Double)]
    pub joined_ts: f64,
    #[diesel(sql_type = Nullable<Double>)]
    pub history_start_ts: Option<f64>,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Reaction {
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = Double)]
    pub msg_ts: f64,
    #[diesel(sql_type = Text)]
    pub emoji: String,
    #[diesel(sql_type = Text)]
    pub reactor: String,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct Receipt {
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = Double)]
    pub msg_ts: f64,
    #[diesel(sql_type = Text)]
    pub reader: String,
}

/// One user's message store: their copy of every message delivered to them.
#[derive(Debug, Clone)]
pub struct UserStore {
    pub owner: String,
    /// `users/<name>.db`, relative to the data directory (what error messages name).
    pub file: String,
    pub rows: Vec<Row>,
    /// DMs the owner closed: `(channel as stored, hidden_ts)`.
    pub hidden: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct Row {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = Text)]
    pub sender: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub content: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub content_type: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub filename: Option<String>,
    #[diesel(sql_type = Double)]
    pub ts: f64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub edited: Option<i64>,
    #[diesel(sql_type = Nullable<Double>)]
    pub edited_ts: Option<f64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub read: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub deleted: Option<i64>,
    #[diesel(sql_type = Nullable<Double>)]
    pub deleted_ts: Option<f64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub reply_to_id: Option<i64>,
    #[diesel(sql_type = Nullable<Double>)]
    pub reactions_ts: Option<f64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub mentions: Option<String>,
}

#[derive(QueryableByName)]
struct DmHidden {
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = Double)]
    hidden_ts: f64,
}

#[derive(QueryableByName)]
struct ColumnName {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The columns of each table read, as 3be25cb creates them (`user_settings.bio` was added later by
/// an `ALTER TABLE`, which is why it comes last there).
const AUTH_USERS: &[&str] = &["username", "password_hash", "failed_attempts", "lockout_until"];
const AUTH_SETTINGS: &[&str] = &["username", "name_color", "avatar_file", "bio"];
const PRIVATE_CHANNELS: &[&str] = &["id", "name", "created_by", "created_ts"];
const PRIVATE_MEMBERS: &[&str] = &["channel_id", "username", "joined_ts", "history_start_ts"];
const REACTIONS: &[&str] = &["channel", "msg_ts", "emoji", "reactor"];
const RECEIPTS: &[&str] = &["channel", "msg_ts", "reader"];
const DM_HIDDEN: &[&str] = &["channel", "hidden_ts"];
/// `reactions`, `metadata`, `client_msg_id` and `expires_ts` exist but are always NULL at 3be25cb
/// (live reactions are in `presence.db`); they are known, and not read.
const MESSAGES: &[&str] = &[
    "id",
    "channel",
    "sender",
    "content",
    "content_type",
    "filename",
    "ts",
    "edited",
    "edited_ts",
    "read",
    "deleted",
    "deleted_ts",
    "reply_to_id",
    "reactions",
    "reactions_ts",
    "mentions",
    "metadata",
    "client_msg_id",
    "expires_ts",
];

/// Reads the whole data directory; `on_store` is told each user store read (for the progress bar).
pub fn read(dir: &Path, mut on_store: impl FnMut(&str)) -> anyhow::Result<Original> {
    let auth = dir.join("auth.db");
    let presence = dir.join("presence.db");
    let users_dir = dir.join("users");
    if !auth.is_file() || !presence.is_file() || !users_dir.is_dir() {
        let missing: Vec<&str> =
            ["auth.db", "presence.db", "users/"].into_iter().filter(|name| !dir.join(name).exists()).collect();
        bail!(
            "{} is not a MiniMost data directory: it has no {} (expected auth.db, presence.db and users/)",
            dir.display(),
            if missing.is_empty() { "readable auth.db, presence.db or users/".to_owned() } else { missing.join(", ") }
        );
    }
    let mut original = Original { channels: read_channels(dir)?, ..Original::default() };
    let mut conn = open(dir, "auth.db")?;
    check_columns(&mut conn, "auth.db", "users", AUTH_USERS)?;
    check_columns(&mut conn, "auth.db", "user_settings", AUTH_SETTINGS)?;
    original.accounts = diesel::sql_query(
        "SELECT u.username, u.password_hash, u.failed_attempts, u.lockout_until, \
                s.name_color, s.avatar_file, s.bio \
         FROM users u LEFT JOIN user_settings s ON s.username = u.username ORDER BY u.username",
    )
    .load(&mut conn)
    .context("auth.db: cannot read the accounts")?;
    drop(conn);

    let mut conn = open(dir, "presence.db")?;
    check_columns(&mut conn, "presence.db", "private_channels", PRIVATE_CHANNELS)?;
    check_columns(&mut conn, "presence.db", "private_channel_members", PRIVATE_MEMBERS)?;
    check_columns(&mut conn, "presence.db", "message_reactions", REACTIONS)?;
    check_columns(&mut conn, "presence.db", "read_receipts", RECEIPTS)?;
    let context = "presence.db: cannot read";
    original.private_channels =
        diesel::sql_query("SELECT id, name, created_by, created_ts FROM private_channels ORDER BY id")
            .load(&mut conn)
            .with_context(|| format!("{context} private_channels"))?;
    original.members = diesel::sql_query(
        "SELECT channel_id, username, joined_ts, history_start_ts FROM private_channel_members \
         ORDER BY channel_id, username",
    )
    .load(&mut conn)
    .with_context(|| format!("{context} private_channel_members"))?;
    original.reactions = diesel::sql_query(
        "SELECT channel, msg_ts, emoji, reactor FROM message_reactions ORDER BY channel, msg_ts, emoji, reactor",
    )
    .load(&mut conn)
    .with_context(|| format!("{context} message_reactions"))?;
    original.receipts =
        diesel::sql_query("SELECT channel, msg_ts, reader FROM read_receipts ORDER BY channel, msg_ts, reader")
            .load(&mut conn)
            .with_context(|| format!("{context} read_receipts"))?;
    drop(conn);

    for owner in store_owners(&users_dir)? {
        on_store(&owner);
        original.stores.push(read_store(dir, &owner)?);
    }
    Ok(original)
}

/// `settings.json` at the top of the directory (as the fixture and a packed copy have it) or where a
/// MiniMost checkout keeps it, `src/minimost/settings.json`.
fn read_channels(dir: &Path) -> anyhow::Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Settings {
        channels: Vec<String>,
    }
    let candidates = [dir.join("settings.json"), dir.join("src/minimost/settings.json")];
    let Some(path) = candidates.iter().find(|path| path.is_file()) else {
        bail!(
            "{}: no settings.json (looked for settings.json and src/minimost/settings.json): the original's \
             public channels are listed there",
            dir.display()
        );
    };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let settings: Settings = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a MiniMost settings file with a `channels` list", path.display()))?;
    Ok(settings.channels)
}

/// The owners of the stores in `users/`, sorted by name (every `<name>.db`; `-wal`/`-shm` files
/// are looked at when their database is opened).
fn store_owners(users_dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut owners = Vec::new();
    for entry in std::fs::read_dir(users_dir).with_context(|| format!("cannot list {}", users_dir.display()))? {
        let name = entry.with_context(|| format!("cannot list {}", users_dir.display()))?.file_name();
        let name = name.to_string_lossy();
        if let Some(owner) = name.strip_suffix(".db") {
            owners.push(owner.to_owned());
        }
    }
    owners.sort();
    Ok(owners)
}

fn read_store(dir: &Path, owner: &str) -> anyhow::Result<UserStore> {
    let file = format!("users/{owner}.db");
    let mut conn = open(dir, &file)?;
    check_columns(&mut conn, &file, "messages", MESSAGES)?;
    check_columns(&mut conn, &file, "dm_hidden", DM_HIDDEN)?;
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT id, channel, sender, content, content_type, filename, ts, edited, edited_ts, read, deleted, \
                deleted_ts, reply_to_id, reactions_ts, mentions FROM messages ORDER BY id",
    )
    .load(&mut conn)
    .with_context(|| format!("{file}: cannot read its messages"))?;
    let hidden: Vec<DmHidden> = diesel::sql_query("SELECT channel, hidden_ts FROM dm_hidden ORDER BY channel")
        .load(&mut conn)
        .with_context(|| format!("{file}: cannot read dm_hidden"))?;
    Ok(UserStore {
        owner: owner.to_owned(),
        file,
        rows,
        hidden: hidden.into_iter().map(|row| (row.channel, row.hidden_ts)).collect(),
    })
}

/// What a file path needs escaped inside an SQLite `file:` URI.
const URI_PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'%').add(b'?').add(b'#').add(b'"');

/// Opens `relative` (inside `dir`) read-only and immutable: SQLite takes no lock and writes no
/// `-wal`/`-shm` beside it. Immutable also means a write-ahead log is ignored, so a database with a
/// `-wal` file left beside it (a MiniMost that is still running, or was not stopped cleanly) is
/// refused: its newest writes are in that log.
fn open(dir: &Path, relative: &str) -> anyhow::Result<SqliteConnection> {
    let path = dir.join(relative);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|meta| meta.len() > 0) {
        bail!(
            "{relative} is in use or was not closed cleanly: {relative}-wal holds writes not yet in the database. \
             Stop MiniMost (it checkpoints on a clean stop) and run the import again"
        );
    }
    let absolute = std::path::absolute(&path).with_context(|| format!("{relative}: bad path"))?;
    let uri = format!("file:{}?mode=ro&immutable=1", utf8_percent_encode(&absolute.to_string_lossy(), URI_PATH));
    let mut conn = SqliteConnection::establish(&uri).with_context(|| format!("{relative}: cannot open it"))?;
    // Opening is lazy: the first read tells a database from anything else.
    diesel::sql_query("SELECT name FROM sqlite_master LIMIT 1")
        .load::<ColumnName>(&mut conn)
        .with_context(|| format!("{relative}: not a readable SQLite database (corrupt, or not a database)"))?;
    Ok(conn)
}

/// Refuses a table whose columns are not exactly the known ones (missing ones: not a 3be25cb store;
/// extra ones: written by a newer MiniMost, whose data this importer would silently drop).
fn check_columns(conn: &mut SqliteConnection, file: &str, table: &str, known: &[&str]) -> anyhow::Result<()> {
    let columns: Vec<ColumnName> = diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')"))
        .load(conn)
        .with_context(|| format!("{file}: cannot read the columns of table {table}"))?;
    if columns.is_empty() {
        bail!("{file}: has no table {table}: not a database of MiniMost 3be25cb");
    }
    let found: BTreeSet<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let expected: BTreeSet<&str> = known.iter().copied().collect();
    let unknown: Vec<&str> = found.difference(&expected).copied().collect();
    if !unknown.is_empty() {
        bail!(
            "{file}: table {table} has columns this importer does not know ({}): written by a newer MiniMost \
             than 3be25cb? Nothing was imported",
            unknown.join(", ")
        );
    }
    let missing: Vec<&str> = expected.difference(&found).copied().collect();
    if !missing.is_empty() {
        bail!("{file}: table {table} lacks the columns {}: not a database of MiniMost 3be25cb", missing.join(", "));
    }
    Ok(())
}
