//! `cluster_fanout` and `cluster_sends`: the multi-node deployment measured. Release nodes on one
//! fresh PostgreSQL database, each with its own data directory (as on separate machines), reached
//! directly: the harness spreads its clients round-robin over the nodes itself, as a balancer
//! without sticky sessions would, so that what is measured is the nodes and the database, not a
//! proxy.
//!
//! The accounts are made the way people make them, through `POST /signup` (the datasets of the
//! other scenarios are written straight into SQLite), and every session is then checked on every
//! node before anything is timed.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use http_body_util::BodyExt;
use hyper::header::SET_COOKIE;
use hyper::StatusCode;

use crate::fanout::{self, Fanout};
use crate::http::{Call, Connection};
use crate::load::round_robin;
use crate::postgres::{BackendMeter, Database};
use crate::report::{ScenarioResult, Status};
use crate::scenarios::{measure_load, mention_send, Options};
use crate::seed::{self, username, PASSWORD};
use crate::server::{Launch, Server};

/// Nodes of the measured cluster.
pub const NODES: usize = 3;

/// Accounts sending in `cluster_sends`, as in `send_mention_10_users`.
const SENDERS: usize = 10;

/// Sign-ups in flight at once: each costs an argon2 hash, which a node computes on at most one
/// thread per core and refuses (503) beyond its queue.
const SIGNUPS_AT_ONCE: usize = 4;

/// Accounts streaming in `cluster_fanout` at most (clients beyond share them, as one person's tabs
/// do): each sign-up costs an argon2 hash, and 1,000 took 43 s on the shared 2-core machine.
const FANOUT_USERS: usize = 1_000;

/// How often a sign-up refused as busy is tried again.
const SIGNUP_ATTEMPTS: usize = 100;

/// Nodes on one fresh database, and where their data directories are.
pub struct Cluster {
    nodes: Vec<Server>,
    run_dir: PathBuf,
    database: Option<Database>,
}

impl Cluster {
    /// Creates the database and starts `count` nodes on it, one after another.
    ///
    /// Until the cookie-signing key lives in the database, each node would sign cookies with its own
    /// `secret.key` and refuse the others' sessions; so the first node's key file, if it wrote
    /// one, is given to the others before they start (as an operator copies it to every machine).
    /// Once the key is shared through the database the first node writes none and nothing is copied.
    pub async fn start(options: &Options, label: &str, count: usize) -> anyhow::Result<Cluster> {
        let database = Database::create(&options.postgres_url, label).await?;
        Cluster::start_on(options, label, count, Some(database)).await
    }

    /// One node on the default backend (SQLite in its own fresh data directory): the single-node
    /// deployment the cluster's costs are compared with.
    pub async fn start_single_sqlite(options: &Options, label: &str) -> anyhow::Result<Cluster> {
        Cluster::start_on(options, label, 1, None).await
    }

    async fn start_on(
        options: &Options,
        label: &str,
        count: usize,
        database: Option<Database>,
    ) -> anyhow::Result<Cluster> {
        let run_dir = options.data_root.join("runs").join(format!("{label}-{}", std::process::id()));
        let mut cluster = Cluster { nodes: Vec::with_capacity(count), run_dir, database };
        // On any failure the database made for it is dropped too.
        let started = match seed::discard_run(&cluster.run_dir) {
            Ok(()) => cluster.start_nodes(options, count).await,
            Err(err) => Err(err),
        };
        if let Err(err) = started {
            cluster.stop(options).await;
            return Err(err);
        }
        Ok(cluster)
    }

    async fn start_nodes(&mut self, options: &Options, count: usize) -> anyhow::Result<()> {
        let env: Vec<(String, String)> = match &self.database {
            Some(database) => vec![("MINIMOST_DATABASE_URL".to_string(), database.url.clone())],
            None => Vec::new(),
        };
        for index in 0..count {
            let data_dir = self.run_dir.join(format!("node-{index}"));
            std::fs::create_dir_all(&data_dir).with_context(|| format!("create {}", data_dir.display()))?;
            if index > 0 {
                let key = self.run_dir.join("node-0").join("secret.key");
                if key.exists() {
                    std::fs::copy(&key, data_dir.join("secret.key")).context("copy node 0's signing key")?;
                }
            }
            let launch = Launch {
                binary: &options.server_bin,
                data_dir: &data_dir,
                env: &env,
                log_filter: options.log_filter.as_deref(),
            };
            let node = Server::start(&launch).await.with_context(|| format!("start node {index}"))?;
            self.nodes.push(node);
        }
        Ok(())
    }

    pub fn nodes(&self) -> Vec<&Server> {
        self.nodes.iter().collect()
    }

    pub fn database(&self) -> Option<&Database> {
        self.database.as_ref()
    }

    /// Stops every node, drops the database and removes the data directories (unless kept).
    pub async fn stop(mut self, options: &Options) {
        for node in self.nodes.drain(..) {
            node.stop();
        }
        if let Some(database) = self.database.take() {
            if let Err(err) = database.discard().await {
                eprintln!("  warning: {err:#}");
            }
        }
        if !options.keep_runs {
            if let Err(err) = seed::discard_run(&self.run_dir) {
                eprintln!("  warning: {err:#}");
            }
        }
    }
}

/// The `Cookie` header that carries the session set by these `Set-Cookie` values, if one is set
/// (an emptied `session=` is a removal, not a session).
fn session_cookie<'a>(set_cookies: impl IntoIterator<Item = &'a str>) -> Option<String> {
    set_cookies.into_iter().find_map(|set_cookie| {
        let pair = set_cookie.split(';').next()?.trim();
        let value = pair.strip_prefix("session=")?;
        (!value.is_empty()).then(|| pair.to_string())
    })
}

/// Signs `name` up through the node at `addr` and returns its session's `Cookie` header.
async fn sign_up(addr: SocketAddr, name: &str) -> anyhow::Result<Arc<str>> {
    let form = [("username", name), ("password", PASSWORD), ("confirm_password", PASSWORD)];
    let call = Call::post_form("/signup", &form).accept("text/html");
    let mut connection = Connection::open(addr).await?;
    for _ in 0..SIGNUP_ATTEMPTS {
        let response = connection.start(&call).await?;
        let status = response.status();
        let cookie = session_cookie(response.headers().get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()));
        let body = response.into_body().collect().await.context("read the sign-up answer")?.to_bytes();
        match (status, cookie) {
            (StatusCode::FOUND, Some(cookie)) => return Ok(Arc::from(cookie)),
            // Too many hashes queued on the node: wait for the queue to drain.
            (StatusCode::SERVICE_UNAVAILABLE, _) => tokio::time::sleep(Duration::from_millis(50)).await,
            (status, _) => {
                let text = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
                bail!("sign-up of {name} answered {status} without a session: {text}");
            }
        }
    }
    bail!("sign-up of {name}: the node stayed busy")
}

/// Signs up `user1` … `user<count>`, user `i` through node `i % nodes` (so every node hashes), and
/// returns their session cookies in that order.
pub async fn sign_up_users(nodes: &[&Server], count: usize) -> anyhow::Result<Vec<Arc<str>>> {
    let addrs: Arc<Vec<SocketAddr>> = Arc::new(nodes.iter().map(|node| node.addr).collect());
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..SIGNUPS_AT_ONCE.min(count) {
        let addrs = Arc::clone(&addrs);
        workers.spawn(async move {
            let mut made = Vec::new();
            for index in (worker..count).step_by(SIGNUPS_AT_ONCE) {
                let name = username(u32::try_from(index + 1).context("too many users")?);
                made.push((index, sign_up(addrs[round_robin(index, addrs.len())], &name).await?));
            }
            anyhow::Ok(made)
        });
    }
    let mut cookies: Vec<Option<Arc<str>>> = vec![None; count];
    while let Some(joined) = workers.join_next().await {
        for (index, cookie) in joined.context("a sign-up worker panicked")?? {
            cookies[index] = Some(cookie);
        }
    }
    cookies.into_iter().collect::<Option<Vec<_>>>().context("a user was not signed up")
}

/// Checks that every node accepts every session, whichever node it was made on: the scenarios
/// measure a cluster only once it behaves as one.
pub async fn check_sessions_everywhere(nodes: &[&Server], cookies: &[Arc<str>]) -> anyhow::Result<()> {
    for (index, node) in nodes.iter().enumerate() {
        let mut connection = Connection::open(node.addr).await?;
        for (user, cookie) in cookies.iter().enumerate() {
            let (status, _) = connection.send(&Call::get("/messages/general?after=inf").cookie(cookie)).await?;
            if status != StatusCode::OK {
                bail!(
                    "node {index} answered {status} to the session of {} (signed up through node {}): the nodes do \
                     not share the cookie-signing key or the sessions",
                    username(user as u32 + 1),
                    round_robin(user, nodes.len())
                );
            }
        }
    }
    Ok(())
}

/// `cluster_fanout`: `--clients` streams spread over [`NODES`] nodes, one user sending `--send-rate`
/// messages a second through each node in turn. Passes only if every stream receives every send
/// and none is told to resync.
pub async fn run_fanout(options: &Options, result: ScenarioResult) -> ScenarioResult {
    let cluster = match Cluster::start(options, "cluster_fanout", NODES).await {
        Ok(cluster) => cluster,
        Err(err) => return result.failed(format!("{err:#}")),
    };
    let result = fanout_on(options, &cluster, result).await;
    cluster.stop(options).await;
    result
}

async fn fanout_on(options: &Options, cluster: &Cluster, mut result: ScenarioResult) -> ScenarioResult {
    let nodes = cluster.nodes();
    // One account per stream, as many people each with a tab, up to the accounts worth hashing.
    let users = options.clients.min(FANOUT_USERS);
    let signing_up = Instant::now();
    let cookies = match sign_up_users(&nodes, users).await {
        Ok(cookies) => cookies,
        Err(err) => return result.failed(format!("sign-up: {err:#}")),
    };
    let sign_up_seconds = signing_up.elapsed().as_secs_f64();
    if let Err(err) = check_sessions_everywhere(&nodes, &cookies).await {
        return result.failed(format!("{err:#}"));
    }
    let plan = Fanout { nodes: &nodes, cookies: &cookies, clients: options.clients, require_complete: true };
    result = fanout::run(options, &plan, result).await;
    result.detail("users", users);
    result.detail("sign_up_seconds", (sign_up_seconds * 10.0).round() / 10.0);
    result
}

/// The figures of one `cluster_sends` deployment, for the side-by-side details.
fn phase_summary(phase: &ScenarioResult, backends: Option<(usize, f64)>) -> serde_json::Value {
    serde_json::json!({
        "status": phase.status,
        "note": phase.note,
        "sends_per_second": phase.requests_per_second.map(|rate| rate.round()),
        "latency_ms": phase.latency,
        "errors": phase.errors,
        "server_cpu_percent": phase.server_cpu_percent.map(f64::round),
        "postgres_backends": backends.map(|(count, _)| count),
        "postgres_cpu_percent": backends.map(|(_, percent)| percent.round()),
        // The machine's "others" hold the database's backends too; what is left is other work.
        "others_besides_postgres_cpu_percent": phase
            .others_cpu_percent
            .map(|others| (others - backends.map_or(0.0, |(_, percent)| percent)).max(0.0).round()),
    })
}

/// How many times one node's rate the cluster reached (two decimals).
pub fn speedup(cluster: Option<f64>, one_node: Option<f64>) -> Option<f64> {
    match (cluster, one_node) {
        (Some(cluster), Some(one)) if one > 0.0 => Some((cluster / one * 100.0).round() / 100.0),
        _ => None,
    }
}

/// `cluster_sends`: the `send_mention` load (`--connections` keep-alive connections, each sending
/// `hello @user1` as one of 10 accounts) on one PostgreSQL node, then the same load spread over
/// [`NODES`] nodes, each on a fresh database; the result is the cluster's, with one node's beside it.
pub async fn run_sends(options: &Options, mut result: ScenarioResult) -> ScenarioResult {
    let mut one_node = ScenarioResult::new("cluster_sends_1_node", &result.measures, None);
    let one_node_backends = sends_on(options, 1, &mut one_node).await;
    let cluster_backends = sends_on(options, NODES, &mut result).await;
    result.detail("one_node", phase_summary(&one_node, one_node_backends));
    result.detail("three_nodes", phase_summary(&result, cluster_backends));
    let ratio = speedup(result.requests_per_second, one_node.requests_per_second);
    result.detail("three_to_one_node_ratio", ratio);
    if one_node.status == Status::Failed && result.status != Status::Failed {
        result.status = Status::Failed;
        result.note = Some(format!("one node: {}", one_node.note.as_deref().unwrap_or("failed")));
    } else if result.status == Status::Measured {
        result.note = Some(format!(
            "{NODES} nodes; 1 node: {} sends/s, ratio {}",
            one_node.requests_per_second.map_or("-".into(), |rate| format!("{rate:.0}")),
            ratio.map_or("-".into(), |ratio| format!("{ratio:.2}"))
        ));
    }
    result
}

fn fail(result: &mut ScenarioResult, why: String) {
    result.status = Status::Failed;
    result.note = Some(why);
}

/// Runs the mention load on a fresh deployment of `count` nodes into `result`; returns how many
/// database backends served it and the CPU they used.
async fn sends_on(options: &Options, count: usize, result: &mut ScenarioResult) -> Option<(usize, f64)> {
    let label = format!("cluster_sends_{count}");
    let cluster = match Cluster::start(options, &label, count).await {
        Ok(cluster) => cluster,
        Err(err) => {
            fail(result, format!("{count} node(s): {err:#}"));
            return None;
        }
    };
    let backends = match sends_measured(options, &cluster, result).await {
        Ok(backends) => backends,
        Err(err) => {
            fail(result, format!("{count} node(s): {err:#}"));
            None
        }
    };
    cluster.stop(options).await;
    backends
}

async fn sends_measured(
    options: &Options,
    cluster: &Cluster,
    result: &mut ScenarioResult,
) -> anyhow::Result<Option<(usize, f64)>> {
    let nodes = cluster.nodes();
    let cookies = Arc::new(sign_up_users(&nodes, SENDERS).await.context("sign-up")?);
    check_sessions_everywhere(&nodes, &cookies).await?;
    // The probe: one send through each node must be taken, or there is nothing worth timing.
    for (index, node) in nodes.iter().enumerate() {
        let (status, body) = Connection::open(node.addr).await?.send(&mention_send(&cookies[0])).await?;
        if status != StatusCode::OK {
            bail!("probe send through node {index} answered {status}: {}", String::from_utf8_lossy(&body));
        }
    }
    let meter = match cluster.database() {
        Some(database) => BackendMeter::start(database).await.ok(),
        None => None,
    };
    let senders = Arc::clone(&cookies);
    measure_load(options, &nodes, move |conn, _| mention_send(&senders[conn % senders.len()]), result).await?;
    let backends = meter.map(|meter| meter.stop());
    result.detail("nodes", nodes.len());
    result.detail("users", cookies.len());
    Ok(backends)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_the_name_value_pair_of_its_set_cookie() {
        let headers = ["csrf=abc; Path=/; HttpOnly", "session=s1gn3d%2Fv; HttpOnly; SameSite=Lax; Path=/"];
        assert_eq!(session_cookie(headers), Some("session=s1gn3d%2Fv".to_string()));
    }

    #[test]
    fn an_emptied_or_missing_session_cookie_is_no_session() {
        assert_eq!(session_cookie(["session=; Max-Age=0; Path=/"]), None);
        assert_eq!(session_cookie(["csrf=abc; Path=/"]), None);
        assert_eq!(session_cookie([]), None);
    }

    #[test]
    fn the_speedup_is_the_cluster_rate_over_one_nodes_rounded_to_hundredths() {
        assert_eq!(speedup(Some(1500.0), Some(1000.0)), Some(1.5));
        assert_eq!(speedup(Some(2.0), Some(3.0)), Some(0.67));
        assert_eq!(speedup(Some(10.0), Some(0.0)), None);
        assert_eq!(speedup(None, Some(3.0)), None);
    }
}
