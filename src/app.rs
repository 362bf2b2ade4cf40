//! `App`: configuration → store → routes → a running server. Used by `main`, the tests and the
//! conformance harness alike.
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio_util::task::AbortOnDropHandle;
use warp::Filter;

use crate::api::{self, guard, session, Api};
use crate::config::Config;
use crate::events::{EventBus, Limits};
use crate::presence::{InMemoryPresence, PresenceStore};
use crate::relay::Relay;
use crate::server;
use crate::service::cluster;
use crate::service::hashing::PasswordHashing;
use crate::service::health::Readiness;
use crate::service::link_previews::LinkPreviews;
use crate::service::signing_keys::{self, KeySet};
use crate::service::Services;
use crate::store::{Backend, Store};
use crate::uploads::{Area, Uploads};
use crate::web;

/// Where attachments and avatars are stored. Several nodes share one PostgreSQL database but not a
/// disk: there the files live in the database too, so that every node serves what any node
/// received (README, "Files"). A SQLite deployment is one node and keeps them in its data directory.
pub fn file_stores(store: &Store, data_dir: &std::path::Path) -> anyhow::Result<(Uploads, Uploads)> {
    Ok(match store.backend() {
        Backend::Sqlite => (Uploads::on_disk(data_dir.join("uploads"))?, Uploads::on_disk(data_dir.join("avatars"))?),
        Backend::Postgres => {
            (Uploads::in_database(store.clone(), Area::Uploads), Uploads::in_database(store.clone(), Area::Avatars))
        }
    })
}

/// Connections the metrics listener serves at once.
const METRICS_CONNECTIONS: usize = 8;

pub struct App {
    api: Api,
    /// Whether the signing keys live in the database (and are reloaded from it while serving).
    keys_in_database: bool,
    /// This node's id among the nodes sharing the database.
    node_id: String,
}

impl App {
    /// Opens (and migrates) the database and loads the signing key.
    pub fn build(config: &Config) -> anyhow::Result<App> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
        let database_url = config.database_url();
        let store = Store::open(&database_url)?;
        let node_id = cluster::node_id(&config.data_dir)?;
        cluster::join(&store, &node_id, &config.settings.channels)?;
        let keys = match &config.secret_keys {
            Some(operator) => KeySet::from_operator(operator),
            None => signing_keys::load_at_start(&store, &config.data_dir)?,
        };
        let limits = Limits::from_settings(&config.settings);
        let presence = Arc::new(InMemoryPresence::with_max_typing_per_user(
            config.settings.max_typing_conversations_per_user as usize,
        ));
        // On PostgreSQL every node is a cluster node (one alone is a cluster of one): its events go
        // through the database's log, so more nodes can join at any time.
        let (events, presence): (Relay, Arc<dyn PresenceStore>) = match store.backend() {
            Backend::Postgres => {
                let (relay, shared) = Relay::cluster_node(store.clone(), &database_url, limits, presence)?;
                (relay, Arc::new(shared))
            }
            Backend::Sqlite => (Relay::single_node(EventBus::new(limits), store.clone()), presence),
        };
        let (uploads, avatars) = file_stores(&store, &config.data_dir)?;
        let services = Services {
            store,
            settings: Arc::new(config.settings.clone()),
            uploads,
            avatars,
            events,
            presence,
            hashing: PasswordHashing::new(&config.settings),
            readiness: Readiness::default(),
            link_previews: LinkPreviews::new(&config.settings),
        };
        let api = Api {
            services,
            keys: Arc::new(session::Keys::new(keys)),
            limits: Arc::new(api::limits::RateLimits::new(&config.settings)),
        };
        Ok(App { api, keys_in_database: config.secret_keys.is_none(), node_id })
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    /// Every route: the generated API, the docs, the static assets; cross-site writes refused first;
    /// every answer, errors included, finished by [`guard::finish`] (`nosniff`, `Allow` on a 405).
    pub fn routes(
        &self,
    ) -> impl Filter<Extract = (impl warp::Reply,), Error = std::convert::Infallible> + Clone + Send + Sync + 'static
    {
        let answer = guard::same_site_only()
            .and(
                api::http::routing::routes(self.api.clone())
                    .map(web::with_page_headers)
                    .or(api::docs::routes())
                    .unify()
                    .or(web::static_files())
                    .unify(),
            )
            .recover(guard::recover)
            .unify();
        warp::path::full()
            .and(answer)
            .map(|path: warp::path::FullPath, response| guard::finish(path.as_str(), response))
            .with(warp::trace::request())
    }

    /// Binds `addr` (port 0 picks a free one) and returns the bound address and the server future.
    ///
    /// When `shutdown` completes the server drains: readiness fails at once (`accepting`), the
    /// listener closes, every `GET /events` stream ends (its client reconnects elsewhere), requests
    /// in flight finish, and the future ends when they have, or after `drain_timeout_seconds` at
    /// most (what is still running then is cut off when the process exits).
    /// Serves `GET /metrics` on `addr` (the operator's `--metrics-bind`), behind `token` if given,
    /// until the future is dropped: a listener of its own, a few connections at most.
    pub async fn serve_metrics(
        &self,
        addr: SocketAddr,
        token: Option<String>,
    ) -> anyhow::Result<(SocketAddr, impl std::future::Future<Output = ()> + Send + 'static)> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen for metrics on {addr}"))?;
        let bound = listener.local_addr().context("listener has no address")?;
        let limits = server::Limits {
            header_read_timeout: self.api.settings.header_read_timeout(),
            max_connections: METRICS_CONNECTIONS,
        };
        let routes = crate::api::scrape::routes(self.api.services.clone(), token);
        Ok((bound, server::serve(listener, warp::service(routes), limits, std::future::pending())))
    }

    pub async fn serve(
        self,
        addr: SocketAddr,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<(SocketAddr, impl std::future::Future<Output = ()>)> {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
        let bound = listener.local_addr().context("listener has no address")?;
        let settings = &self.api.settings;
        let limits = server::Limits {
            header_read_timeout: settings.header_read_timeout(),
            max_connections: server::descriptor_budget(settings.max_connections as usize),
        };
        let upkeep = crate::maintenance::run(self.api.services.clone());
        let retention = crate::maintenance::retention(self.api.services.clone());
        let keys = crate::maintenance::reload_signing_keys(self.api.clone(), self.keys_in_database);
        let (stop_heartbeat, heartbeat_stop) = tokio::sync::oneshot::channel();
        let heartbeat =
            tokio::spawn(crate::maintenance::heartbeat(self.api.store.clone(), self.node_id.clone(), heartbeat_stop));
        let stun = stun_responder(SocketAddr::new(bound.ip(), settings.stun_port as u16)).await;
        let relay = self.api.events.clone().run();
        let (draining, deadline) = drain(shutdown, self.api.services.clone(), settings.drain_timeout());
        let server = server::serve(listener, warp::service(self.routes()), limits, draining);
        // The background tasks live exactly as long as the server (the heartbeat, a task of its own
        // so that it can finish its last write, is aborted if the server is dropped unfinished).
        let mut heartbeat = AbortOnDropHandle::new(heartbeat);
        Ok((bound, async move {
            tokio::select! {
                () = server => tracing::info!("drained: every request finished"),
                () = upkeep => {}
                () = retention => {}
                () = keys => {}
                () = relay => {}
                () = stun => {}
                () = deadline => {}
            }
            // The heartbeat ends with removing the node from the table.
            let _ = stop_heartbeat.send(());
            let _ = (&mut heartbeat).await;
        }))
    }
}

/// The STUN responder on `addr` (UDP), for as long as the server runs. A port that cannot be bound
/// (taken by another server on this machine) is logged and left alone: the chat works without it,
/// only calls between browsers behind different NATs on a LAN without internet need it.
async fn stun_responder(addr: SocketAddr) -> impl std::future::Future<Output = ()> {
    let socket = match crate::stun::bind(addr).await {
        Ok(socket) => Some(socket),
        Err(err) => {
            tracing::warn!(%addr, error = %err, "cannot listen for STUN (UDP); calls on a LAN without internet may not connect");
            None
        }
    };
    async move {
        match socket {
            Some(socket) => crate::stun::serve(socket).await,
            None => std::future::pending().await,
        }
    }
}

/// The server's shutdown signal, with the drain's first steps run when `shutdown` fires (not
/// ready, event streams ended), and a future that completes `timeout` after that.
fn drain(
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    services: Services,
    timeout: std::time::Duration,
) -> (impl std::future::Future<Output = ()> + Send + 'static, impl std::future::Future<Output = ()>) {
    let (fired, deadline) = tokio::sync::oneshot::channel::<()>();
    let draining = async move {
        shutdown.await;
        tracing::info!(timeout = ?timeout, "shutting down: not ready, event streams closed, finishing requests in flight");
        services.readiness.start_draining();
        services.events.bus().close_all();
        let _ = fired.send(());
    };
    let deadline = async move {
        match deadline.await {
            Ok(()) => {
                tokio::time::sleep(timeout).await;
                tracing::warn!("drain timeout: requests still in flight are cut off");
            }
            // The server ended without a shutdown signal.
            Err(_) => std::future::pending().await,
        }
    };
    (draining, deadline)
}
