//! Test support: the real server on an ephemeral port with a fresh database (SQLite in a temp dir,
//! or a PostgreSQL database created for the test and dropped after it); browsers talking to it
//! through the typed client in `client.rs` (`server.user("alice").await.send("general", "hi").await`);
//! shared files in `fixtures.rs`; store-level set-ups in `chat.rs`.
#![allow(dead_code)]

pub mod chat;
pub mod client;
pub mod fixtures;
pub mod nodes;

#[allow(unused_imports)]
pub use client::{Reply, RequestExt, User};
#[allow(unused_imports)]
pub use fixtures::{file_part, GIF, JPEG, PNG};

use std::net::SocketAddr;

use diesel::connection::SimpleConnection;
use diesel::{
    BoolExpressionMethods, Connection, ExpressionMethods, PgConnection, QueryDsl, RunQueryDsl, SqliteConnection,
};
use minimost::store::{blobs, channels, schema, DbConnection};
use minimost::{App, Config, Settings};
use tokio::sync::oneshot;

/// Where the PostgreSQL tests create their databases (trust auth on this machine). Without TLS on
/// loopback: libpq's TLS clean-up at process exit, racing a pool thread still connecting, crashed a
/// test binary after its tests had passed.
pub fn postgres_admin_url() -> String {
    std::env::var("MINIMOST_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A database created for one test and dropped when the test ends.
pub struct PostgresDb {
    admin_url: String,
    name: String,
}

impl PostgresDb {
    /// Creates an empty database; returns its guard and URL.
    pub fn create() -> (PostgresDb, String) {
        let admin_url = postgres_admin_url();
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|err| {
            panic!(
                "PostgreSQL is not reachable at {admin_url} ({err}). Start it, or run the suite with \
                 `cargo xtask test`, which reports the PostgreSQL tests as skipped when it is down."
            )
        });
        let name = format!("minimost_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create test database");
        let (address, options) = admin_url.split_once('?').map_or((admin_url.as_str(), None), |(a, o)| (a, Some(o)));
        let (base, _) = address.rsplit_once('/').expect("admin URL names a database");
        let url = match options {
            Some(options) => format!("{base}/{name}?{options}"),
            None => format!("{base}/{name}"),
        };
        (PostgresDb { admin_url, name }, url)
    }
}

impl Drop for PostgresDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub base: String,
    pub db: Db,
    /// The server's database, for tests that set up what no route can yet (e.g. raw memberships).
    pub database_url: String,
    pub data_dir: tempfile::TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    postgres: Option<PostgresDb>,
}

/// Settings for fast tests: no failure delay, no form-token check unless a test turns it on, and
/// no rate limits (tests sign up many users from one address and write fast as one user;
/// `tests/rate_limits.rs` turns them on).
pub fn test_settings() -> Settings {
    Settings {
        login_failure_delay_seconds: 0.0,
        csrf_enabled: false,
        rate_limit_per_ip_per_minute: 0,
        rate_limit_per_user_per_minute: 0,
        ..Settings::default()
    }
}

impl TestServer {
    pub async fn start(db: Db) -> TestServer {
        Self::start_with(db, test_settings()).await
    }

    pub async fn start_with(db: Db, settings: Settings) -> TestServer {
        let (postgres, url) = match db {
            Db::Sqlite => (None, None),
            Db::Postgres => {
                let (postgres, url) = tokio::task::spawn_blocking(PostgresDb::create).await.expect("create db");
                (Some(postgres), Some(url))
            }
        };
        Self::launch(db, settings, url, postgres).await
    }

    /// Another node of this server's cluster: a server on the same PostgreSQL database with a data
    /// directory of its own, as on another machine (the cookie-signing key is the database's).
    pub async fn another_node(&self) -> TestServer {
        self.another_node_with(test_settings()).await
    }

    pub async fn another_node_with(&self, settings: Settings) -> TestServer {
        assert_eq!(self.db, Db::Postgres, "only PostgreSQL runs several nodes");
        Self::launch(self.db, settings, Some(self.database_url.clone()), None).await
    }

    async fn launch(
        db: Db,
        settings: Settings,
        database_url: Option<String>,
        postgres: Option<PostgresDb>,
    ) -> TestServer {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_data_dir(data_dir.path(), settings);
        config.database_url = database_url;
        let database_url = config.database_url();
        let app = tokio::task::spawn_blocking(move || App::build(&config)).await.expect("build").expect("app builds");
        let (tx, rx) = oneshot::channel::<()>();
        let (addr, server) = app
            .serve(SocketAddr::from(([127, 0, 0, 1], 0)), async {
                let _ = rx.await;
            })
            .await
            .expect("server binds");
        let server = tokio::spawn(server);
        TestServer {
            addr,
            base: format!("http://{addr}"),
            db,
            database_url,
            data_dir,
            shutdown: Some(tx),
            server: Some(server),
            postgres,
        }
    }

    /// The stored names of one set of the server's files (`uploads`, `avatars`), sorted: the files
    /// of that directory of the data dir on SQLite, the `stored_files` rows on PostgreSQL.
    pub fn files_in(&self, area: &str) -> Vec<String> {
        let mut names: Vec<String> = match self.db {
            Db::Sqlite => std::fs::read_dir(self.data_dir.path().join(area))
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Db::Postgres => schema::stored_files::table
                .filter(schema::stored_files::area.eq(area))
                .select(schema::stored_files::name)
                .load(&mut self.connect())
                .expect("list stored files"),
        };
        names.sort();
        names
    }

    /// Stores a file in one set of the server's files as a crash would leave it: written `age`
    /// ago, with no row referring to it.
    pub fn leave_file(&self, area: &str, name: &str, bytes: &[u8], age: std::time::Duration) {
        match self.db {
            Db::Sqlite => {
                let path = self.data_dir.path().join(area).join(name);
                std::fs::write(&path, bytes).unwrap();
            }
            Db::Postgres => {
                let mut conn = self.connect();
                let id = blobs::insert_file(&mut conn, area, name, bytes.len() as i64).unwrap();
                blobs::insert_chunk(&mut conn, id, 0, bytes).unwrap();
            }
        }
        self.age_file(area, name, age);
    }

    /// Makes a stored file look written `age` ago.
    pub fn age_file(&self, area: &str, name: &str, age: std::time::Duration) {
        match self.db {
            Db::Sqlite => {
                let file = std::fs::File::options().write(true).open(self.data_dir.path().join(area).join(name));
                file.unwrap().set_modified(std::time::SystemTime::now() - age).unwrap();
            }
            Db::Postgres => {
                use schema::stored_files::dsl;
                let written = blobs::database_clock(&mut self.connect()).unwrap() - age.as_secs_f64();
                let changed = diesel::update(dsl::stored_files.filter(dsl::area.eq(area).and(dsl::name.eq(name))))
                    .set(dsl::created_at.eq(written))
                    .execute(&mut self.connect())
                    .unwrap();
                assert_eq!(changed, 1, "{area}/{name} is stored");
            }
        }
    }

    /// A second connection pool on the server's database.
    pub async fn store(&self) -> minimost::store::Store {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || minimost::store::Store::open(&url))
            .await
            .expect("open store")
            .expect("store opens")
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    /// A browser that has not signed in (cookie jar kept, redirects not followed).
    pub fn guest(&self) -> User {
        User::new(&self.base, "")
    }

    /// A client that keeps no cookies: each request says exactly which cookies it carries.
    pub fn bare(&self) -> User {
        User::without_cookies(&self.base)
    }

    /// Registers `username` with a valid password and returns its signed-in browser.
    pub async fn user(&self, username: &str) -> User {
        let user = User::new(&self.base, username);
        let reply = user.sign_up(username, PASSWORD).await;
        assert_eq!(reply.status, 302, "signup of {username} failed: {}", String::from_utf8_lossy(&reply.body));
        user
    }

    /// Signs an existing user in once more, with no cookie jar, and returns the new session's
    /// `session=…` cookie pair.
    pub async fn session_cookie(&self, username: &str) -> String {
        let reply = self.bare().log_in(username, PASSWORD).await;
        assert_eq!(reply.status, 302, "login of {username}");
        session_pair(&reply)
    }

    /// Signs `username` up, with no cookie jar, and returns the `session=…` pair of its cookie.
    pub async fn sign_up_cookie(&self, username: &str) -> String {
        let reply = self.bare().sign_up(username, PASSWORD).await;
        assert_eq!(reply.status, 302, "signup of {username}");
        session_pair(&reply)
    }
}

impl TestServer {
    /// A direct connection to the server's database, for tests that look at the store itself (query
    /// plans) or set up what no route offers yet.
    pub fn connect(&self) -> DbConnection {
        match self.db {
            Db::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.database_url).expect("open test database");
                conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;").expect("configure");
                DbConnection::Sqlite(conn)
            }
            Db::Postgres => {
                DbConnection::Postgres(PgConnection::establish(&self.database_url).expect("open test database"))
            }
        }
    }

    /// Creates a private channel whose members (existing usernames) join now, straight in the
    /// database (no route creates private channels yet), and returns its id `private:<n>`.
    pub fn private_channel(&self, members: &[&str]) -> String {
        let mut conn = self.connect();
        let id: i64 = diesel::insert_into(schema::private_channels::table)
            .values((
                schema::private_channels::name.eq("team"),
                schema::private_channels::created_at.eq(minimost::store::now()),
            ))
            .returning(schema::private_channels::id)
            .get_result(&mut conn)
            .expect("create private channel");
        let channel = format!("private:{id}");
        channels::tick(&mut conn, &channel, channels::KIND_PRIVATE).expect("create channel row");
        self.join(&channel, members);
        channel
    }

    /// Makes existing users members of a channel from now on.
    pub fn join(&self, channel: &str, members: &[&str]) {
        let mut conn = self.connect();
        let names: Vec<String> = members.iter().map(|name| name.to_string()).collect();
        let ids: Vec<i64> =
            channels::users_named(&mut conn, &names).expect("find members").into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), names.len(), "every member exists");
        channels::add_members(&mut conn, channel, &ids, minimost::store::now()).expect("add members");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        // The pool holds connections until the app is dropped; FORCE ends them.
        drop(self.postgres.take());
    }
}

/// The `session=…` pair of the answer's session cookie.
pub fn session_pair(reply: &Reply) -> String {
    let set_cookie = reply.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string());
    set_cookie
        .filter_map(|v| v.split(';').next().map(str::to_string))
        .find(|v| v.starts_with("session="))
        .expect("a session cookie")
}

pub const PASSWORD: &str = "Correct#Horse9";

/// Declares one test per backend: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($(#[$meta:meta])* async fn $name:ident($server:ident : TestServer) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($server: $crate::common::TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])*
            async fn sqlite() {
                run($crate::common::TestServer::start($crate::common::Db::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])*
            async fn postgres() {
                run($crate::common::TestServer::start($crate::common::Db::Postgres).await).await
            }
        }
    };
}

/// Declares a test of what only PostgreSQL deployments do (several nodes on one database):
/// `name::postgres`, so that a run without PostgreSQL skips it with the others.
#[macro_export]
macro_rules! on_postgres {
    ($(#[$meta:meta])* async fn $name:ident() $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])*
            async fn postgres() $body
        }
    };
}

/// Declares one test per backend whose server runs with the given settings: `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! on_both_backends_with_settings {
    ($settings:expr, async fn $name:ident($server:ident : TestServer) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($server: $crate::common::TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::common::TestServer::start_with($crate::common::Db::Sqlite, $settings).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::common::TestServer::start_with($crate::common::Db::Postgres, $settings).await).await
            }
        }
    };
}

/// An open `GET /events` stream, parsed into `(id, event, data)` triples.
pub struct EventStream {
    pub response: reqwest::Response,
    /// Bytes received and not parsed yet (a chunk can end inside a character).
    buffer: Vec<u8>,
}

impl EventStream {
    pub async fn open(user: &User, last_event_id: Option<&str>) -> EventStream {
        let mut request = user.get("/events");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
        EventStream::from_response(response)
    }

    /// A stream from a `GET /events` answer the test requested itself.
    pub fn from_response(response: reqwest::Response) -> EventStream {
        EventStream { response, buffer: Vec::new() }
    }

    /// Waits until the server ends the stream; false if it is still open after `wait`.
    pub async fn ends_within(&mut self, wait: std::time::Duration) -> bool {
        tokio::time::timeout(wait, async {
            loop {
                match self.response.chunk().await {
                    Ok(Some(_)) => continue,
                    _ => return,
                }
            }
        })
        .await
        .is_ok()
    }

    /// The next event (keep-alive comments skipped), or `None` if none comes within `wait`.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<(String, String, serde_json::Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.windows(2).position(|pair| pair == b"\n\n") {
                let block: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let block = String::from_utf8_lossy(&block);
                let (mut id, mut kind, mut data) = (String::new(), String::new(), String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().to_string()
                    }
                    if let Some(v) = line.strip_prefix("event:") {
                        kind = v.trim().to_string()
                    }
                    if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim())
                    }
                }
                if kind.is_empty() && data.is_empty() {
                    continue;
                }
                return Some((id, kind, serde_json::from_str(&data).unwrap_or(serde_json::Value::Null)));
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await.ok()?.ok()??;
            self.buffer.extend_from_slice(&chunk);
        }
    }
}
