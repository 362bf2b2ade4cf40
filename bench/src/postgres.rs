//! The PostgreSQL server the cluster scenarios run on: whether it answers, a fresh database per run
//! (dropped afterwards, or by the next harness if this one was killed), and the CPU its backends
//! spend for that database (on PostgreSQL much of a send's work happens there, outside the nodes).
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use diesel::pg::PgConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use crate::cpu::process_time;

/// Where the harness looks for PostgreSQL unless told otherwise (`--postgres-url`): the loopback
/// server with trust authentication that the test command uses too.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Every database the harness creates is named `minimost_bench_<pid>_<label>`.
const PREFIX: &str = "minimost_bench_";

/// How long to wait for PostgreSQL to accept a connection before calling it unreachable.
const CONNECT_LIMIT: Duration = Duration::from_secs(10);

/// Connects to the admin database off the async threads (libpq blocks), within [`CONNECT_LIMIT`].
async fn connect(admin_url: &str) -> anyhow::Result<PgConnection> {
    let url = admin_url.to_owned();
    let connecting = tokio::task::spawn_blocking(move || PgConnection::establish(&url));
    match tokio::time::timeout(CONNECT_LIMIT, connecting).await {
        Ok(joined) => Ok(joined.context("the connecting thread panicked")??),
        Err(_) => bail!("no answer within {CONNECT_LIMIT:?}"),
    }
}

/// `Err` says why PostgreSQL cannot be used (the scenarios that need it are then skipped).
pub async fn reachable(admin_url: &str) -> Result<(), String> {
    connect(admin_url).await.map(drop).map_err(|err| format!("{err:#}"))
}

/// The URL of database `name` on the server of `admin_url` (same user, host and port).
fn database_url(admin_url: &str, name: &str) -> anyhow::Result<String> {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let Some((server, _admin_database)) = base.rsplit_once('/').filter(|(server, _)| server.contains("//")) else {
        bail!("the PostgreSQL URL {admin_url:?} does not name a database (postgres://user@host:port/database)");
    };
    Ok(match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    })
}

/// The name of a database created by this process for `label` (letters, digits and `_` only, so it
/// needs no quoting).
fn database_name(label: &str, pid: u32) -> String {
    let label: String =
        label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("{PREFIX}{pid}_{label}")
}

/// The process that created a harness database, from its name.
fn creator_pid(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.split('_').next()?.parse().ok()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    datname: String,
}

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pid: i32,
}

/// A database for one run; dropped (with whatever is still connected to it) on [`Database::discard`].
pub struct Database {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl Database {
    /// Creates an empty database; the nodes create the schema when they start.
    pub async fn create(admin_url: &str, label: &str) -> anyhow::Result<Database> {
        let name = database_name(label, std::process::id());
        let url = database_url(admin_url, &name)?;
        let mut admin = connect(admin_url).await.context("connect to PostgreSQL")?;
        let statements = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}");
        tokio::task::spawn_blocking(move || {
            for statement in statements.split("; ") {
                diesel::sql_query(statement).execute(&mut admin)?;
            }
            anyhow::Ok(())
        })
        .await
        .context("the database thread panicked")?
        .with_context(|| format!("create the database {name}"))?;
        Ok(Database { admin_url: admin_url.to_owned(), name, url })
    }

    /// Drops the database, ending the nodes' connections if any are left.
    pub async fn discard(self) -> anyhow::Result<()> {
        let mut admin = connect(&self.admin_url).await.context("connect to PostgreSQL")?;
        let name = self.name;
        tokio::task::spawn_blocking(move || {
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .with_context(|| format!("drop the database {name}"))
        })
        .await
        .context("the database thread panicked")??;
        Ok(())
    }

    /// The server processes currently connected to this database (the nodes' pools and listeners).
    pub async fn backend_pids(&self) -> anyhow::Result<Vec<u32>> {
        let mut admin = connect(&self.admin_url).await.context("connect to PostgreSQL")?;
        let name = self.name.clone();
        let pids = tokio::task::spawn_blocking(move || {
            diesel::sql_query("SELECT pid FROM pg_stat_activity WHERE datname = $1")
                .bind::<diesel::sql_types::Text, _>(name)
                .load::<Pid>(&mut admin)
        })
        .await
        .context("the database thread panicked")??;
        Ok(pids.into_iter().filter_map(|row| u32::try_from(row.pid).ok()).collect())
    }
}

/// Drops the databases of harnesses that were killed before they could drop their own.
pub async fn sweep_stale(admin_url: &str) {
    let Ok(mut admin) = connect(admin_url).await else { return };
    let _ = tokio::task::spawn_blocking(move || {
        let pattern = format!("{PREFIX}%");
        let names = diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE $1")
            .bind::<diesel::sql_types::Text, _>(pattern)
            .load::<Name>(&mut admin)?;
        for name in names.into_iter().map(|row| row.datname) {
            let gone = creator_pid(&name).is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists());
            if gone && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin)?;
            }
        }
        anyhow::Ok(())
    })
    .await;
}

/// CPU spent by a database's backends over an interval, in % of one core: the part of the
/// machine's "others" that is the cluster's own database work.
pub struct BackendMeter {
    pids: Vec<u32>,
    started: Instant,
    /// Each backend's CPU time at the start; a backend that ends meanwhile is left out.
    before: Vec<Option<Duration>>,
}

impl BackendMeter {
    /// Starts measuring the backends connected to `database` now (the nodes' pools are opened at
    /// start-up, so these are the ones that will do the work).
    pub async fn start(database: &Database) -> anyhow::Result<BackendMeter> {
        let pids = database.backend_pids().await?;
        let before = pids.iter().map(|&pid| process_time(pid)).collect();
        Ok(BackendMeter { pids, started: Instant::now(), before })
    }

    pub fn stop(&self) -> (usize, f64) {
        let elapsed = self.started.elapsed().as_secs_f64();
        let spent: Duration = self
            .pids
            .iter()
            .zip(&self.before)
            .filter_map(|(&pid, before)| Some(process_time(pid)?.saturating_sub((*before)?)))
            .sum();
        let percent = if elapsed > 0.0 { spent.as_secs_f64() / elapsed * 100.0 } else { 0.0 };
        (self.pids.len(), percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_database_lives_on_the_admin_urls_server_with_its_options() {
        assert_eq!(
            database_url("postgres://postgres@127.0.0.1:5432/postgres", "minimost_bench_1_x").unwrap(),
            "postgres://postgres@127.0.0.1:5432/minimost_bench_1_x"
        );
        assert_eq!(
            database_url("postgres://u:p@db:6543/admin?sslmode=disable", "b").unwrap(),
            "postgres://u:p@db:6543/b?sslmode=disable"
        );
        assert!(database_url("postgres://host-without-database", "b").is_err());
    }

    #[test]
    fn database_names_need_no_quoting_and_name_the_process_that_created_them() {
        let name = database_name("cluster-Fanout 3", 4242);
        assert_eq!(name, "minimost_bench_4242_cluster_fanout_3");
        assert_eq!(creator_pid(&name), Some(4242));
        assert_eq!(creator_pid("minimost_test_abc"), None);
        assert_eq!(creator_pid("minimost_bench_x_y"), None);
    }
}
