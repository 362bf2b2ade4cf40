//! Storage: diesel over an r2d2 pool, one binary for SQLite (default) and PostgreSQL (scale-out).
//! Each aggregate has its own module; every query is written once against `DbConnection`.
pub mod accounts;
pub mod backup;
pub mod blobs;
pub mod channels;
pub mod dms;
pub mod event_log;
pub mod files;
pub mod history;
pub mod messages;
pub mod nodes;
pub mod password_resets;
pub mod pins;
pub mod private_channels;
pub mod profiles;
pub mod reactions;
pub mod reads;
pub mod retention;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod signing_keys;
mod sqlite_connections;
pub mod users;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// The PostgreSQL advisory lock (session level, one `bigint` key) held while migrating: nodes that
/// start together on one database take turns. The key is arbitrary but fixed ("MiniMost" in ASCII);
/// advisory locks are per database, so other databases on the same server are not affected.
pub const MIGRATION_LOCK: i64 = 0x4d69_6e69_4d6f_7374;

/// Runs one query written once but compiled per backend, for the few statements the combined
/// backend cannot express (upserts: `ON CONFLICT`, which SQLite and PostgreSQL spell alike).
macro_rules! per_backend {
    ($conn:expr, |$inner:ident| $body:expr) => {
        match $conn {
            $crate::store::DbConnection::Sqlite($inner) => $body,
            $crate::store::DbConnection::Postgres($inner) => $body,
        }
    };
}
pub(crate) use per_backend;

/// A connection to whichever backend the database URL names.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `postgres://` and `postgresql://` select PostgreSQL; anything else is a SQLite file path
    /// (optionally written `sqlite://path`).
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Opens connections by URL scheme. (The derived `MultiConnection::establish` would try each backend
/// in turn, and SQLite happily creates a file named after a PostgreSQL URL.)
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        match self.backend {
            Backend::Postgres => {
                let mut conn = PgConnection::establish(&self.url).map_err(diesel::r2d2::Error::ConnectionError)?;
                // Every query here is short and indexed, but the planner cannot know how many rows a
                // correlated `ts > <outer column>` range holds and assumes a third of the channel;
                // summed over a poll's conversations that passes `jit_above_cost`, and compiling
                // then costs 10-400 ms for a query that runs in about one.
                conn.batch_execute("SET jit = off").map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConnection::Postgres(conn))
            }
            Backend::Sqlite => {
                sqlite_connections::configure_before_first_connection();
                let path = self.url.strip_prefix("sqlite://").unwrap_or(&self.url);
                let mut conn = SqliteConnection::establish(path).map_err(diesel::r2d2::Error::ConnectionError)?;
                // WAL lets readers proceed during a write; the busy timeout makes concurrent writers
                // queue instead of failing; foreign keys are off by default in SQLite. The timeout
                // comes first: switching a new file to WAL takes a lock, and the pool opens its
                // connections in parallel.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1").map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Feeds the pool's checkout waits to the metrics (a timed-out wait counts as its whole timeout).
#[derive(Debug)]
struct PoolMetrics;

impl diesel::r2d2::HandleEvent for PoolMetrics {
    fn handle_checkout(&self, event: diesel::r2d2::event::CheckoutEvent) {
        crate::metrics::metrics().pool_wait.observe(event.duration().as_secs_f64());
    }

    fn handle_timeout(&self, event: diesel::r2d2::event::TimeoutEvent) {
        crate::metrics::metrics().pool_wait.observe(event.timeout().as_secs_f64());
    }
}

/// Connections a pool keeps open when idle.
pub const MIN_IDLE_CONNECTIONS: u32 = 2;

/// The database: a connection pool plus a helper that runs blocking diesel work off the async threads.
#[derive(Clone)]
pub struct Store {
    pool: Pool<Manager>,
    backend: Backend,
}

impl Store {
    /// Connects, creating the SQLite file's directory if needed, and runs pending migrations.
    pub fn open(url: &str) -> anyhow::Result<Store> {
        let max_size = match Backend::of_url(url) {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        Self::open_pool(url, max_size, MIN_IDLE_CONNECTIONS)
    }

    /// As [`Store::open`], for a one-shot command: one connection, opened when first needed and
    /// never in the background. A pool keeping idle connections replenishes them on its worker
    /// threads, and one still connecting when the command's process exits crashed in libpq's TLS
    /// clean-up (a segfault instead of the command's answer).
    pub fn open_for_command(url: &str) -> anyhow::Result<Store> {
        Self::open_pool(url, 1, 0)
    }

    fn open_pool(url: &str, max_size: u32, min_idle: u32) -> anyhow::Result<Store> {
        let backend = Backend::of_url(url);
        if backend == Backend::Sqlite {
            let path = Path::new(url.strip_prefix("sqlite://").unwrap_or(url));
            if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create database directory {}", dir.display()))?;
            }
        }
        let manager = Manager { url: url.to_string(), backend };
        let pool = Pool::builder()
            .max_size(max_size)
            // Connections open as load needs them and close after 10 idle minutes: several nodes
            // share PostgreSQL's `max_connections`, and an idle node should not hold 16 of them.
            .min_idle(Some(min_idle))
            .connection_timeout(Duration::from_secs(10))
            .event_handler(Box::new(PoolMetrics))
            .build(manager.clone())
            .with_context(|| format!("cannot connect to the {backend:?} database"))?;
        Self::migrate(&manager)?;
        Ok(Store { pool, backend })
    }

    /// Connections open, and how many of them are idle.
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs the pending migrations on a connection of its own. On PostgreSQL several nodes may start
    /// at once on one database: each takes [`MIGRATION_LOCK`] first, so one migrates while the
    /// others wait and then find nothing left to do (without it, two nodes creating the same table
    /// collide on PostgreSQL's catalogue constraints and the loser exits).
    fn migrate(manager: &Manager) -> anyhow::Result<()> {
        let mut conn = manager.connect().context("cannot connect to the database to migrate it")?;
        let result = match &mut conn {
            DbConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            DbConnection::Postgres(conn) => {
                diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
                    .execute(conn)
                    .context("cannot take the migration lock")?;
                let migrated = conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ());
                // The lock is the session's: it is released here, or when the connection closes at
                // the end of this function should the unlock fail.
                let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(conn);
                migrated
            }
        };
        result.map_err(|err| anyhow::anyhow!("database migration failed: {err}"))
    }

    /// Runs `work` with a pooled connection on the calling thread: for start-up and command-line
    /// work outside the async runtime (inside it, use [`Store::run`]).
    pub fn run_blocking<T>(&self, work: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let mut conn = self.pool.get().context("cannot get a database connection")?;
        work(&mut conn)
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> anyhow::Result<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let queued = crate::metrics::metrics().blocking_task();
        tokio::task::spawn_blocking(move || {
            drop(queued);
            let mut conn: PooledConnection<Manager> = pool.get().context("cannot get a database connection")?;
            work(&mut conn)
        })
        .await
        .context("database task panicked")?
    }
}

impl Store {
    /// Runs `work` with a pooled connection on this thread, which it blocks: for start-up only.
    pub fn blocking<T>(&self, work: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let mut conn = self.pool.get().context("cannot get a database connection")?;
        work(&mut conn)
    }

    /// Whether the database answers a trivial query within `timeout` (a free pooled connection
    /// included: a pool exhausted for that long counts as not answering).
    pub async fn ping(&self, timeout: Duration) -> anyhow::Result<()> {
        let pool = self.pool.clone();
        let query = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get_timeout(timeout).context("no database connection free")?;
            conn.batch_execute("SELECT 1").context("the database refused a trivial query")
        });
        match tokio::time::timeout(timeout, query).await {
            Ok(done) => done.context("database task panicked")?,
            Err(_) => anyhow::bail!("the database did not answer within {timeout:?}"),
        }
    }

    /// Runs `work` in one transaction, committed when it returns `Ok` and rolled back otherwise, with
    /// a pooled connection on the blocking thread pool.
    pub async fn transaction<T, F>(&self, work: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> anyhow::Result<T> + Send + 'static,
    {
        self.run(move |conn| {
            use diesel::Connection;
            conn.transaction(work)
        })
        .await
    }
}

/// Whether a write failed because a row it refers to is gone, e.g. a user whose account was
/// deleted between a handler's lookup and its write: the caller answers as if the lookup had
/// found nothing, rather than with a server error.
pub fn violates_foreign_key(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<diesel::result::Error>(),
            Some(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ForeignKeyViolation, _))
        )
    })
}

/// The most values one query binds for a list. Lists whose length a client controls (a user's
/// conversations, names in a message, members) are queried in slices of this size, so no query
/// comes near the backends' bind-parameter limits (SQLite 32,766, PostgreSQL 65,535) whatever the
/// data holds.
pub const BIND_BATCH: usize = 500;

/// Runs `query` on consecutive slices of at most [`BIND_BATCH`] items and concatenates the rows.
pub fn batched<T, R>(items: &[T], mut query: impl FnMut(&[T]) -> anyhow::Result<Vec<R>>) -> anyhow::Result<Vec<R>> {
    let mut rows = Vec::new();
    for slice in items.chunks(BIND_BATCH) {
        rows.extend(query(slice)?);
    }
    Ok(rows)
}

/// Seconds since the Unix epoch, as the API's float timestamps.
pub fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}
