//! Several server instances on one PostgreSQL database, as a multi-node deployment runs them: each
//! node has its own data directory and its own server on an ephemeral port.
use std::net::SocketAddr;

use minimost::{App, Config, Settings};
use tokio::sync::oneshot;

use super::client::User;
use super::{test_settings, PostgresDb, PASSWORD};

/// A fresh PostgreSQL database shared by the nodes of one test (dropped with it).
pub struct Cluster {
    pub database_url: String,
    _database: PostgresDb,
}

impl Cluster {
    pub async fn create() -> Cluster {
        let (database, database_url) = tokio::task::spawn_blocking(PostgresDb::create).await.expect("create db");
        Cluster { database_url, _database: database }
    }

    /// The configuration of a new node: its own data directory, the shared database.
    pub fn config(&self, settings: Settings) -> (tempfile::TempDir, Config) {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let config =
            Config { database_url: Some(self.database_url.clone()), ..Config::for_data_dir(data_dir.path(), settings) };
        (data_dir, config)
    }

    /// Starts a node with the test settings.
    pub async fn node(&self) -> Node {
        let (data_dir, config) = self.config(test_settings());
        Node::start(data_dir, config).await.expect("node starts")
    }
}

/// Builds an app off the async threads (it migrates and reads the database).
pub async fn build(config: Config) -> anyhow::Result<App> {
    tokio::task::spawn_blocking(move || App::build(&config)).await.expect("build task")
}

/// One running node.
pub struct Node {
    pub addr: SocketAddr,
    pub base: String,
    pub data_dir: tempfile::TempDir,
    /// The node's services (shared with the running server), for what no route shows.
    pub services: minimost::service::Services,
    shutdown: Option<oneshot::Sender<()>>,
    pub server: Option<tokio::task::JoinHandle<()>>,
}

impl Node {
    pub async fn start(data_dir: tempfile::TempDir, config: Config) -> anyhow::Result<Node> {
        let app = build(config).await?;
        let services = app.api().services.clone();
        let (tx, rx) = oneshot::channel::<()>();
        let (addr, server) = app
            .serve(SocketAddr::from(([127, 0, 0, 1], 0)), async {
                let _ = rx.await;
            })
            .await?;
        Ok(Node {
            addr,
            base: format!("http://{addr}"),
            data_dir,
            services,
            shutdown: Some(tx),
            server: Some(tokio::spawn(server)),
        })
    }

    /// A browser for this node, not signed in.
    pub fn guest(&self) -> User {
        User::new(&self.base, "")
    }

    /// A client that keeps no cookies.
    pub fn bare(&self) -> User {
        User::without_cookies(&self.base)
    }

    /// Signs `username` up here and returns the `session=…` pair of its cookie.
    pub async fn sign_up_cookie(&self, username: &str) -> String {
        let reply = self.bare().sign_up(username, PASSWORD).await;
        assert_eq!(reply.status, 302, "signup of {username}");
        super::session_pair(&reply)
    }

    /// The status of `GET /channels` with `cookie` (`session=…`): 200 signed in, 401 not.
    pub async fn status_with(&self, cookie: &str) -> u16 {
        use super::client::RequestExt;
        self.bare().get("/channels").header("accept", "application/json").header("cookie", cookie).reply().await.code()
    }

    /// Fires the shutdown signal and waits for the server future to end (the drain).
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }

    /// Fires the shutdown signal and returns at once.
    pub fn signal_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
