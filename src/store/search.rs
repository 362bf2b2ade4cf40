//! Message search: literal, case-insensitive substrings (decision Q21) over the messages a user can
//! read, newest first.
//!
//! The one store module with SQL written per backend, because substring indexes are not portable:
//! - SQLite: the FTS5 table `message_search` (trigram tokenizer) over `messages.folded_content`;
//!   a quoted phrase of three or more characters matches exactly the texts that contain it.
//! - PostgreSQL: the pg_trgm GIN index `messages_folded_trgm`, used by `folded_content LIKE
//!   '%…%'` (candidates from the index are rechecked, so the match stays exact).
//!
//! Both sides are folded in Rust (`domain::search::fold`), so both backends give the same answer.
//! `folded_content` is written by `store::messages` (send, edit, delete); SQLite's index follows it
//! through triggers, PostgreSQL's by itself.
//!
//! Two ways to find the newest hits, both exact:
//! - from the index: every message containing the term, sorted by time. Fast while the term is
//!   rare; a term found in most of a million messages would mean sorting most of them.
//! - newest first: walk `messages_by_ts` backwards, testing each message, until 50 hits. Fast while
//!   hits are common; a walk over every message when fewer than 50 of them match.
//!
//! PostgreSQL picks between them itself from its statistics. SQLite cannot estimate a trigram
//! match, so it asks the index first whether the term has more than [`FEW_MATCHES`] matches (cheap:
//! it stops counting there) and walks newest first if so. Queries shorter than three characters have
//! no trigram to look up and always walk newest first, on both backends. What remains slow is a
//! term that is frequent overall but in (almost) nothing the caller can see: the walk then covers
//! every message (about a second per million on this class of machine).
use anyhow::Context;
use diesel::pg::Pg;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{Array, BigInt, Double, Nullable, Text};
use diesel::sqlite::Sqlite;
use diesel::{PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};

use super::channels::{KIND_DIRECT, KIND_PRIVATE};
use super::DbConnection;
use crate::domain::search::SearchQuery;

/// At most this many hits are returned.
pub const MAX_HITS: i64 = 50;

/// Up to this many matches, SQLite sorts the index's matches; beyond, it walks newest first.
pub const FEW_MATCHES: i64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    /// Look the term up in the trigram index, then sort the matches by time.
    Index,
    /// Walk the messages newest first, testing each, until enough hits.
    NewestFirst,
}

/// Which messages a search may return: every message of the configured public channels, and those
/// of the DMs and private channels `user_id` is a member of, sent since they joined. Built by
/// `service::access::readable_scope`, which owns the visibility rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub public_channels: Vec<String>,
    pub user_id: i64,
}

#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct Hit {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = Text)]
    pub sender: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub content: Option<String>,
    #[diesel(sql_type = Double)]
    pub ts: f64,
}

/// The newest (at most [`MAX_HITS`]) undeleted messages in `scope` whose text contains `query`.
pub fn search(conn: &mut DbConnection, scope: &Scope, query: &SearchQuery) -> anyhow::Result<Vec<Hit>> {
    if query.folded().contains('\0') {
        // PostgreSQL text cannot hold NUL (no message there contains one) and SQLite's FTS5 query
        // syntax ends at it; such a term finds nothing on either backend.
        return Ok(Vec::new());
    }
    let hits = match conn {
        DbConnection::Sqlite(conn) => {
            let strategy = sqlite_strategy(conn, query)?;
            sqlite_query("", scope, query, strategy).load(conn)
        }
        DbConnection::Postgres(conn) => postgres_query("", scope, query).load(conn),
    };
    hits.context("search messages")
}

/// The database's plan for [`search`] (`EXPLAIN QUERY PLAN` / `EXPLAIN`), one line per step: lets
/// tests and operators check that the substring index is used.
pub fn plan(conn: &mut DbConnection, scope: &Scope, query: &SearchQuery) -> anyhow::Result<String> {
    let lines: Vec<String> = match conn {
        DbConnection::Sqlite(conn) => sqlite_plan(conn, scope, query)?,
        DbConnection::Postgres(conn) => postgres_plan(conn, scope, query)?,
    };
    Ok(lines.join("\n"))
}

#[derive(QueryableByName)]
struct SqlitePlanStep {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PostgresPlanLine {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

fn sqlite_plan(conn: &mut SqliteConnection, scope: &Scope, query: &SearchQuery) -> anyhow::Result<Vec<String>> {
    let strategy = sqlite_strategy(conn, query)?;
    let steps: Vec<SqlitePlanStep> =
        sqlite_query("EXPLAIN QUERY PLAN ", scope, query, strategy).load(conn).context("explain search")?;
    Ok(steps.into_iter().map(|step| step.detail).collect())
}

fn postgres_plan(conn: &mut PgConnection, scope: &Scope, query: &SearchQuery) -> anyhow::Result<Vec<String>> {
    let lines: Vec<PostgresPlanLine> = postgres_query("EXPLAIN ", scope, query).load(conn).context("explain search")?;
    Ok(lines.into_iter().map(|line| line.line).collect())
}

/// Whether the query is long enough to be looked up by its trigrams.
fn has_trigrams(query: &SearchQuery) -> bool {
    query.folded().chars().nth(2).is_some()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

fn sqlite_strategy(conn: &mut SqliteConnection, query: &SearchQuery) -> anyhow::Result<Strategy> {
    if !has_trigrams(query) {
        return Ok(Strategy::NewestFirst);
    }
    let probe = format!(
        "SELECT count(*) AS count FROM \
         (SELECT rowid FROM message_search WHERE message_search MATCH ? LIMIT {})",
        FEW_MATCHES + 1
    );
    let matches: Count = diesel::sql_query(probe)
        .bind::<Text, _>(fts5_phrase(query.folded()))
        .get_result(conn)
        .context("count search matches")?;
    Ok(if matches.count > FEW_MATCHES { Strategy::NewestFirst } else { Strategy::Index })
}

/// The visibility condition on `m`, given how the statement spells "is a public channel" and the
/// placeholder of the user id. The membership test is restricted to DMs and private channels, so a
/// stray member row can never open a public channel that is no longer configured.
fn visible(public: &str, user: &str) -> String {
    format!(
        "({public} OR EXISTS (SELECT 1 FROM channel_members cm JOIN channels c ON c.id = cm.channel \
         WHERE cm.channel = m.channel AND cm.user_id = {user} AND cm.joined_at <= m.ts \
         AND c.kind IN ({KIND_DIRECT}, {KIND_PRIVATE})))"
    )
}

const COLUMNS: &str = "m.id, m.channel, m.sender, m.content, m.ts";

/// Binds: the search term, then each public channel, then the user id.
fn sqlite_query<'a>(
    prefix: &str,
    scope: &'a Scope,
    query: &SearchQuery,
    strategy: Strategy,
) -> BoxedSqlQuery<'a, Sqlite, SqlQuery> {
    let public = match scope.public_channels.len() {
        0 => "0".to_string(),
        n => format!("m.channel IN ({})", vec!["?"; n].join(", ")),
    };
    let visible = visible(&public, "?");
    let (sql, term) = if strategy == Strategy::Index {
        // CROSS JOIN keeps the index as the outer loop: SQLite never walks the messages instead.
        let sql = format!(
            "{prefix}SELECT {COLUMNS} FROM message_search CROSS JOIN messages m ON m.id = message_search.rowid \
             WHERE message_search MATCH ? AND m.deleted_ts IS NULL AND {visible} \
             ORDER BY m.ts DESC, m.id DESC LIMIT {MAX_HITS}"
        );
        (sql, fts5_phrase(query.folded()))
    } else {
        let sql = format!(
            "{prefix}SELECT {COLUMNS} FROM messages m INDEXED BY messages_by_ts \
             WHERE m.folded_content IS NOT NULL AND instr(m.folded_content, ?) > 0 \
             AND m.deleted_ts IS NULL AND {visible} \
             ORDER BY m.ts DESC, m.id DESC LIMIT {MAX_HITS}"
        );
        (sql, query.folded().to_string())
    };
    let mut statement = diesel::sql_query(sql).into_boxed::<Sqlite>().bind::<Text, _>(term);
    for channel in &scope.public_channels {
        statement = statement.bind::<Text, _>(channel.as_str());
    }
    statement.bind::<BigInt, _>(scope.user_id)
}

/// An FTS5 string literal: the text in double quotes, inner quotes doubled. Inside it every
/// character is literal (no operators, no column filters).
fn fts5_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Binds: `$1` the search term, `$2` the public channels, `$3` the user id.
fn postgres_query(prefix: &str, scope: &Scope, query: &SearchQuery) -> BoxedSqlQuery<'static, Pg, SqlQuery> {
    let visible = visible("m.channel = ANY($2)", "$3");
    let (condition, term) = if has_trigrams(query) {
        ("m.folded_content LIKE $1 ESCAPE '\\'", query.like_pattern())
    } else {
        ("strpos(m.folded_content, $1) > 0", query.folded().to_string())
    };
    let sql = format!(
        "{prefix}SELECT {COLUMNS} FROM messages m \
         WHERE {condition} AND m.deleted_ts IS NULL AND {visible} \
         ORDER BY m.ts DESC, m.id DESC LIMIT {MAX_HITS}"
    );
    diesel::sql_query(sql)
        .into_boxed::<Pg>()
        .bind::<Text, _>(term)
        .bind::<Array<Text>, _>(scope.public_channels.clone())
        .bind::<BigInt, _>(scope.user_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_quote_the_text_literally() {
        assert_eq!(fts5_phrase("abc"), "\"abc\"");
        assert_eq!(fts5_phrase("say \"hi\" OR NOT x*"), "\"say \"\"hi\"\" OR NOT x*\"");
    }

    #[test]
    fn three_characters_are_needed_for_the_index() {
        let q = |text: &str| SearchQuery::parse(Some(text)).unwrap();
        assert!(!has_trigrams(&q("ab")));
        assert!(!has_trigrams(&q("éé")));
        assert!(has_trigrams(&q("abc")));
        assert!(has_trigrams(&q("été")));
    }
}
