//! Test support: the real server on an ephemeral port with a fresh database (SQLite in a temp dir,
//! or a PostgreSQL database created for the test and dropped after it), and HTTP clients.
#![allow(dead_code)]

pub mod chat;

use std::net::SocketAddr;

use diesel::{Connection, PgConnection, RunQueryDsl};
use minimost::{App, Config, Settings};
use tokio::sync::oneshot;

/// Where the PostgreSQL tests create their databases (trust auth on this machine).
pub fn postgres_admin_url() -> String {
    std::env::var("MINIMOST_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A database created for one test and dropped when the test ends.
struct PostgresDb {
    admin_url: String,
    name: String,
}

impl PostgresDb {
    fn create() -> (PostgresDb, String) {
        let admin_url = postgres_admin_url();
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|err| {
            panic!(
                "PostgreSQL is not reachable at {admin_url} ({err}). Start it, or run the suite with \
                 `cargo xtask test`, which reports the PostgreSQL tests as skipped when it is down."
            )
        });
        let name = format!("minimost_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create test database");
        let (base, _) = admin_url.rsplit_once('/').expect("admin URL names a database");
        let url = format!("{base}/{name}");
        (PostgresDb { admin_url, name }, url)
    }
}

impl Drop for PostgresDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
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

/// Settings for fast tests: no failure delay, no form-token check unless a test turns it on.
pub fn test_settings() -> Settings {
    Settings { login_failure_delay_seconds: 0.0, csrf_enabled: false, ..Settings::default() }
}

impl TestServer {
    pub async fn start(db: Db) -> TestServer {
        Self::start_with(db, test_settings()).await
    }

    pub async fn start_with(db: Db, settings: Settings) -> TestServer {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_data_dir(data_dir.path(), settings);
        let postgres = match db {
            Db::Sqlite => None,
            Db::Postgres => {
                let (postgres, url) = tokio::task::spawn_blocking(PostgresDb::create).await.expect("create db");
                config.database_url = Some(url);
                Some(postgres)
            }
        };
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

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
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
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Registers `username` with a valid password and returns its logged-in client.
    pub async fn user(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let response = client
            .post(self.url("/signup"))
            .form(&[("username", username), ("password", PASSWORD), ("confirm_password", PASSWORD)])
            .send()
            .await
            .expect("signup request");
        assert_eq!(response.status(), 302, "signup of {username} failed: {}", response.text().await.unwrap_or_default());
        client
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
