//! `cluster_presence_post` and `cluster_typing_get`: what presence and typing cost once several
//! nodes share them. The same load runs twice, each time on fresh accounts: on one node with the
//! default backend (SQLite, presence and typing in the node's memory), then spread over
//! [`NODES`](crate::cluster::NODES) PostgreSQL nodes that tell each other every change. The
//! multi-node issue's target is a cluster within 2× of the single node: it passes when the
//! cluster's rate is at least half the single node's.
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::json;
use tokio::task::JoinHandle;

use crate::cluster::{check_sessions_everywhere, sign_up_users, speedup, Cluster, NODES};
use crate::http::{Call, Connection};
use crate::load::round_robin;
use crate::postgres::BackendMeter;
use crate::report::{ScenarioResult, Status};
use crate::scenarios::{expect_array_len, expect_status, measure_load, Options};
use crate::server::Server;

/// Accounts of each deployment (every one costs an argon2 hash at sign-up).
const USERS: usize = 200;

/// Users reporting typing in `general` every 2 s during `cluster_typing_get`, as the app does.
const TYPISTS: usize = 10;

/// The cluster's rate must be at least this share of the single node's ("within 2×").
pub const TARGET_RATIO: f64 = 0.5;

/// How long a typing report may take to reach every node before the probe calls it lost.
const SPREAD_LIMIT: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy)]
pub enum Shared {
    /// `POST /presence {"state":"active"}`, cycling through the users.
    PresencePost,
    /// `GET /typing/general` while [`TYPISTS`] users type, each through a node of its own.
    TypingGet,
}

impl Shared {
    fn call(self, cookies: &[Arc<str>], connections: usize, conn: usize, seq: u64) -> Call {
        match self {
            Shared::PresencePost => {
                let user = (conn + seq as usize * connections) % cookies.len();
                Call::post_json("/presence", &json!({"state": "active"})).cookie(&cookies[user])
            }
            Shared::TypingGet => {
                let readers = cookies.len() - TYPISTS;
                Call::get("/typing/general").cookie(&cookies[TYPISTS + conn % readers])
            }
        }
    }
}

/// Runs `shared` on one SQLite node and then on the cluster; the result is the cluster's, with the
/// single node's figures and the ratio beside it.
pub async fn run(options: &Options, shared: Shared, mut result: ScenarioResult) -> ScenarioResult {
    let mut single = ScenarioResult::new(&format!("{}_single_node", result.scenario), &result.measures, None);
    let single_backends = measure_on(options, shared, Deployment::SingleSqlite, &mut single).await;
    let cluster_backends = measure_on(options, shared, Deployment::Cluster, &mut result).await;
    let ratio = speedup(result.requests_per_second, single.requests_per_second);
    result.detail("single_node", summary(&single, single_backends));
    result.detail("cluster", summary(&result, cluster_backends));
    result.detail("cluster_to_single_node_ratio", ratio);
    result.detail("target_ratio", TARGET_RATIO);
    if single.status == Status::Failed {
        result.status = Status::Failed;
        result.note = Some(format!("single node: {}", single.note.as_deref().unwrap_or("failed")));
    } else if result.status == Status::Measured {
        let single_rate = single.requests_per_second.map_or("-".into(), |rate| format!("{rate:.0}/s"));
        let ratio_text = ratio.map_or("-".into(), |ratio| format!("{ratio:.2}"));
        if ratio.is_some_and(|ratio| ratio >= TARGET_RATIO) {
            result.note = Some(format!("{NODES} PostgreSQL nodes; 1 SQLite node: {single_rate}, ratio {ratio_text}"));
        } else {
            result.status = Status::Failed;
            result.note = Some(format!(
                "{NODES} PostgreSQL nodes reached {ratio_text} of one SQLite node's {single_rate} (target ≥ {TARGET_RATIO})"
            ));
        }
    }
    result
}

#[derive(Debug, Clone, Copy)]
enum Deployment {
    SingleSqlite,
    Cluster,
}

/// One deployment's figures, with the CPU each answered request cost (nodes plus database).
fn summary(phase: &ScenarioResult, backends: Option<(usize, f64)>) -> serde_json::Value {
    let database_cpu = backends.map_or(0.0, |(_, percent)| percent);
    let cpu_per_request_us = match (phase.server_cpu_percent, phase.requests_per_second) {
        (Some(cpu), Some(rate)) if rate > 0.0 => Some(((cpu + database_cpu) / 100.0 / rate * 1e6).round()),
        _ => None,
    };
    json!({
        "status": phase.status,
        "note": phase.note,
        "requests_per_second": phase.requests_per_second.map(f64::round),
        "latency_ms": phase.latency,
        "errors": phase.errors,
        "server_cpu_percent": phase.server_cpu_percent.map(f64::round),
        "postgres_cpu_percent": backends.map(|(_, percent)| percent.round()),
        "cpu_microseconds_per_request": cpu_per_request_us,
    })
}

async fn measure_on(
    options: &Options,
    shared: Shared,
    deployment: Deployment,
    result: &mut ScenarioResult,
) -> Option<(usize, f64)> {
    let label = format!("{}_{deployment:?}", result.scenario).to_lowercase();
    let started = match deployment {
        Deployment::SingleSqlite => Cluster::start_single_sqlite(options, &label).await,
        Deployment::Cluster => Cluster::start(options, &label, NODES).await,
    };
    let cluster = match started {
        Ok(cluster) => cluster,
        Err(err) => {
            *result = result.clone().failed(format!("{deployment:?}: {err:#}"));
            return None;
        }
    };
    let backends = match measured(options, shared, &cluster, result).await {
        Ok(backends) => backends,
        Err(err) => {
            *result = result.clone().failed(format!("{deployment:?}: {err:#}"));
            None
        }
    };
    cluster.stop(options).await;
    backends
}

async fn measured(
    options: &Options,
    shared: Shared,
    cluster: &Cluster,
    result: &mut ScenarioResult,
) -> anyhow::Result<Option<(usize, f64)>> {
    let nodes = cluster.nodes();
    let cookies = Arc::new(sign_up_users(&nodes, USERS).await.context("sign-up")?);
    check_sessions_everywhere(&nodes, &cookies).await?;
    let typists = match shared {
        Shared::TypingGet => Some(start_typists(options, &nodes, &cookies).await?),
        Shared::PresencePost => None,
    };
    let outcome = async {
        probe_every_node(shared, &nodes, &cookies, options.connections).await?;
        let meter = match cluster.database() {
            Some(database) => Some(BackendMeter::start(database).await?),
            None => None,
        };
        let (cookies, connections) = (Arc::clone(&cookies), options.connections);
        measure_load(options, &nodes, move |conn, seq| shared.call(&cookies, connections, conn, seq), result).await?;
        anyhow::Ok(meter.map(|meter| meter.stop()))
    }
    .await;
    if let Some(typists) = typists {
        typists.abort();
    }
    result.detail("nodes", nodes.len());
    result.detail("users", cookies.len());
    outcome
}

/// Every node must give the right first answer before anything is timed; for typing that means
/// every typist, whichever node it typed through, is seen on every node within [`SPREAD_LIMIT`].
async fn probe_every_node(
    shared: Shared,
    nodes: &[&Server],
    cookies: &[Arc<str>],
    connections: usize,
) -> anyhow::Result<()> {
    for (index, node) in nodes.iter().enumerate() {
        let mut connection = Connection::open(node.addr).await?;
        let call = shared.call(cookies, connections, index, 0);
        let deadline = Instant::now() + SPREAD_LIMIT;
        loop {
            let (status, body) = connection.send(&call).await?;
            let verdict = match shared {
                Shared::PresencePost => expect_status(status, 204, &body),
                Shared::TypingGet => expect_status(status, 200, &body).and_then(|()| expect_array_len(&body, TYPISTS)),
            };
            match verdict {
                Ok(()) => break,
                Err(why) if Instant::now() > deadline => bail!("probe {} on node {index}: {why}", call.path),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }
    Ok(())
}

/// The first [`TYPISTS`] users report typing in `general` now and every 2 s after, typist `i`
/// through node `i % nodes`, until the returned task is aborted (bounded anyway by the run's length).
async fn start_typists(
    options: &Options,
    nodes: &[&Server],
    cookies: &Arc<Vec<Arc<str>>>,
) -> anyhow::Result<JoinHandle<()>> {
    let mut connections = Vec::with_capacity(TYPISTS);
    for typist in 0..TYPISTS {
        let mut connection = Connection::open(nodes[round_robin(typist, nodes.len())].addr).await?;
        let (status, body) = connection.send(&Call::post("/typing/general").cookie(&cookies[typist])).await?;
        expect_status(status, 204, &body).map_err(|why| anyhow::anyhow!("typing of typist {typist}: {why}"))?;
        connections.push(connection);
    }
    let cookies = Arc::clone(cookies);
    let rounds = (options.warmup + options.duration).as_secs() / 2 + 10;
    Ok(tokio::spawn(async move {
        for _ in 0..rounds {
            tokio::time::sleep(Duration::from_secs(2)).await;
            for (typist, connection) in connections.iter_mut().enumerate() {
                if connection.send(&Call::post("/typing/general").cookie(&cookies[typist])).await.is_err() {
                    return;
                }
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_readers_are_never_the_typists_and_presence_cycles_through_every_user() {
        let cookies: Vec<Arc<str>> = (0..USERS).map(|i| Arc::from(format!("session=u{i}"))).collect();
        for conn in 0..64 {
            let reader = Shared::TypingGet.call(&cookies, 64, conn, 0).cookie.expect("a reader's cookie");
            assert!(!cookies[..TYPISTS].contains(&reader), "{reader}");
        }
        let mut posted: Vec<Arc<str>> = (0..64)
            .flat_map(|conn| (0..4).map(move |seq| (conn, seq)))
            .filter_map(|(conn, seq)| Shared::PresencePost.call(&cookies, 64, conn, seq).cookie)
            .collect();
        posted.sort_unstable();
        posted.dedup();
        assert_eq!(posted.len(), USERS);
    }
}
