//! The scenarios: what each measures, the dataset it needs, the request it repeats, and how its
//! first answer is checked before anything is measured (so a wrong answer is never timed).
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use hyper::StatusCode;
use serde_json::json;

use crate::attacks;
use crate::channel_open;
use crate::cluster;
use crate::cpu::CpuMeter;
use crate::fanout::{self, Fanout};
use crate::http::{Call, Connection};
use crate::load::{self, Plan};
use crate::postgres;
use crate::report::{ScenarioResult, Status};
use crate::seed::{self, Dataset, Seeded, NEEDLE};
use crate::server::{Launch, Server};
use crate::shared_state::{self, Shared};
use crate::soak;
use crate::stats;

/// Settings shared by every scenario.
#[derive(Debug, Clone)]
pub struct Options {
    pub server_bin: PathBuf,
    pub data_root: PathBuf,
    pub warmup: Duration,
    pub duration: Duration,
    pub connections: usize,
    pub clients: usize,
    pub send_rate: f64,
    pub log_filter: Option<String>,
    pub keep_runs: bool,
    /// How long `soak` replays its hour of traffic.
    pub soak: Duration,
    /// The PostgreSQL server of the cluster scenarios (a URL of a database to connect to as an
    /// administrator; each run creates its own database beside it).
    pub postgres_url: String,
    /// The scenarios were named on the command line (rather than the default run).
    pub scenarios_named: bool,
}

/// What a running scenario knows about its dataset.
pub struct Fixture {
    pub seeded: Seeded,
    pub cookies: Vec<Arc<str>>,
}

impl Fixture {
    fn cookie(&self, index: usize) -> &Arc<str> {
        &self.cookies[index % self.cookies.len()]
    }
}

/// Work done on the running server before measuring, or beside it.
#[derive(Debug, Clone, Copy)]
enum Setup {
    None,
    /// Every user posts `active` presence first.
    PresenceOfEveryone,
    /// This many users report typing in `general` every 2 s during the run (as the app does).
    Typists(usize),
}

type CallFn = fn(&Fixture, usize, u64) -> Call;
type CheckFn = fn(&Fixture, StatusCode, &Bytes) -> Result<(), String>;

struct LoadScenario {
    dataset: fn(&Options) -> Dataset,
    setup: Setup,
    call: CallFn,
    check: CheckFn,
    /// What has to land before the endpoint answers (it answers 501 until then).
    lands_with: &'static str,
}

enum Kind {
    Load(LoadScenario),
    /// The newest page and its receipts on three history lengths (see `channel_open.rs`).
    ChannelOpen,
    Fanout,
    Soak,
    Attacks,
    /// Several PostgreSQL nodes (see `cluster.rs`).
    ClusterFanout,
    ClusterSends,
    /// Presence or typing on one SQLite node, then shared by several PostgreSQL nodes.
    ClusterShared(Shared),
}

pub struct Scenario {
    pub name: &'static str,
    pub measures: &'static str,
    kind: Kind,
}

impl Scenario {
    /// Whether a run without `--scenario` includes it (`soak` takes minutes: only when named).
    pub fn in_default_run(&self) -> bool {
        !matches!(self.kind, Kind::Soak | Kind::Attacks)
    }

    /// Whether it runs on PostgreSQL (and cannot run without it).
    pub fn needs_postgres(&self) -> bool {
        matches!(self.kind, Kind::ClusterFanout | Kind::ClusterSends | Kind::ClusterShared(_))
    }
}

fn users_with_history(users: u32) -> Dataset {
    Dataset { channel_messages: vec![("general".into(), 1000)], ..Dataset::users(&format!("users-{users}"), users) }
}

fn users_1000(_: &Options) -> Dataset {
    users_with_history(1000)
}

fn unreads_dataset(_: &Options) -> Dataset {
    let mut channels = vec!["general".to_string()];
    channels.extend((2..=50).map(|n| format!("c{n:02}")));
    Dataset {
        channel_messages: channels.iter().map(|c| (c.clone(), 20)).collect(),
        channels,
        dm_owners: 64,
        dm_partners: 25,
        dm_messages: 4,
        ..Dataset::users("unreads-50", 100)
    }
}

fn search_dataset(_: &Options) -> Dataset {
    Dataset { corpus_messages: 1_000_000, needle_hits: 5, ..Dataset::users("search-1m", 1000) }
}

fn fanout_dataset(options: &Options) -> Dataset {
    users_with_history(u32::try_from(options.clients.max(1000)).unwrap_or(u32::MAX))
}

fn json_body(body: &Bytes) -> Result<serde_json::Value, String> {
    serde_json::from_slice(body).map_err(|err| format!("answer is not JSON ({err}): {}", snippet(body)))
}

fn snippet(body: &Bytes) -> String {
    String::from_utf8_lossy(&body[..body.len().min(120)]).into_owned()
}

pub(crate) fn expect_status(status: StatusCode, wanted: u16, body: &Bytes) -> Result<(), String> {
    if status.as_u16() == wanted {
        Ok(())
    } else {
        Err(format!("expected {wanted}, got {status}: {}", snippet(body)))
    }
}

pub(crate) fn expect_array_len(body: &Bytes, len: usize) -> Result<(), String> {
    match json_body(body)? {
        serde_json::Value::Array(items) if items.len() == len => Ok(()),
        serde_json::Value::Array(items) => Err(format!("expected {len} items, got {}", items.len())),
        other => Err(format!("expected a JSON array, got {}", snippet(&Bytes::from(other.to_string())))),
    }
}

fn expect_object_len(body: &Bytes, len: usize) -> Result<(), String> {
    match json_body(body)? {
        serde_json::Value::Object(map) if map.len() == len => Ok(()),
        serde_json::Value::Object(map) => Err(format!("expected {len} keys, got {}", map.len())),
        _ => Err(format!("expected a JSON object, got {}", snippet(body))),
    }
}

fn newest_in_general(fixture: &Fixture) -> f64 {
    fixture.seeded.latest_ts.get("general").copied().unwrap_or(0.0)
}

pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "baseline",
            measures: "GET /login without a session: routing and a static page, no database (the server's floor)",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::None,
                call: |_, _, _| Call::get("/login").accept("text/html"),
                check: |_, status, body| expect_status(status, 200, body),
                lands_with: "",
            }),
        },
        Scenario {
            name: "auth_floor",
            measures: "GET /messages/general?after=inf: the session lookup and nothing else (inf matches no message, so no message query) — the server's one-database-read floor",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::None,
                call: |f, conn, _| Call::get("/messages/general?after=inf").cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 0)
                },
                lands_with: "",
            }),
        },
        Scenario {
            name: "poll_idle",
            measures: "GET /messages/general?after=<newest ts> answering [] (the web client polls this every 500 ms)",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::None,
                call: |f, conn, _| Call::get(format!("/messages/general?after={}", newest_in_general(f))).cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 0)
                },
                lands_with: "",
            }),
        },
        Scenario {
            name: "poll_idle_100k",
            measures: "poll_idle on a channel with 100,000 messages of history (an idle poll must not cost more with history)",
            kind: Kind::Load(LoadScenario {
                dataset: |_| Dataset {
                    channel_messages: vec![("general".into(), 100_000)],
                    ..Dataset::users("history-100k", 1000)
                },
                setup: Setup::None,
                call: |f, conn, _| Call::get(format!("/messages/general?after={}", newest_in_general(f))).cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 0)
                },
                lands_with: "",
            }),
        },
        Scenario {
            name: "poll_1000",
            measures: "GET /messages/general?after=0 answering the channel's 1,000 messages",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::None,
                call: |f, conn, _| Call::get("/messages/general?after=0").cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 1000)
                },
                lands_with: "",
            }),
        },
        Scenario {
            name: "channel_open",
            measures: "opening a channel as the web app does: GET /messages/general?limit=50 and GET /read_receipts/general?from_id=&to_id= of that page, on histories of 1,000, 100,000 and 1,000,000 messages (10 readers); fails unless the rates are flat within 20 % and at least 5,000 opens/s",
            kind: Kind::ChannelOpen,
        },
        Scenario {
            name: "send_mention_10_users",
            measures: "POST /send/general text=\"hello @user1\" with 10 registered users",
            kind: Kind::Load(LoadScenario {
                dataset: |_| users_with_history(10),
                setup: Setup::None,
                call: send_mention,
                check: |_, status, body| expect_status(status, 200, body),
                lands_with: "",
            }),
        },
        Scenario {
            name: "send_mention_10000_users",
            measures: "POST /send/general text=\"hello @user1\" with 10,000 registered users (must match the 10-user rate)",
            kind: Kind::Load(LoadScenario {
                dataset: |_| users_with_history(10_000),
                setup: Setup::None,
                call: send_mention,
                check: |_, status, body| expect_status(status, 200, body),
                lands_with: "",
            }),
        },
        Scenario {
            name: "channel_unreads_50",
            measures: "GET /channel_unreads for a user with 50 public channels (20 messages each) and 25 DMs",
            kind: Kind::Load(LoadScenario {
                dataset: unreads_dataset,
                setup: Setup::None,
                call: |f, conn, _| Call::get("/channel_unreads").cookie(f.cookie(conn % 64)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_object_len(body, 50)
                },
                lands_with: "unread counts (GET /channel_unreads)",
            }),
        },
        Scenario {
            name: "dms_25",
            measures: "GET /dms for the same users: 25 DM conversations of 4 messages each",
            kind: Kind::Load(LoadScenario {
                dataset: unreads_dataset,
                setup: Setup::None,
                call: |f, conn, _| Call::get("/dms").cookie(f.cookie(conn % 64)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 25)
                },
                lands_with: "the DM list (GET /dms)",
            }),
        },
        Scenario {
            name: "search_1m",
            measures: "GET /search_messages?q=<word in 5 of 1,000,000 messages>",
            kind: Kind::Load(LoadScenario {
                dataset: search_dataset,
                setup: Setup::None,
                call: |f, conn, _| Call::get(format!("/search_messages?q={NEEDLE}")).cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 5)
                },
                lands_with: "message search (GET /search_messages)",
            }),
        },
        Scenario {
            name: "online_users_1000",
            measures: "GET /online_users after 1,000 users posted their presence",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::PresenceOfEveryone,
                call: |f, conn, _| Call::get("/online_users").cookie(f.cookie(conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_object_len(body, 1000)
                },
                lands_with: "presence (POST /presence, GET /online_users)",
            }),
        },
        Scenario {
            name: "typing_get",
            measures: "GET /typing/general while 10 users report typing every 2 s",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::Typists(10),
                call: |f, conn, _| Call::get("/typing/general").cookie(f.cookie(100 + conn)),
                check: |_, status, body| {
                    expect_status(status, 200, body)?;
                    expect_array_len(body, 10)
                },
                lands_with: "typing indicators (GET/POST /typing/{channel})",
            }),
        },
        Scenario {
            name: "presence_post",
            measures: "POST /presence {\"state\":\"active\"}, cycling through 1,000 users",
            kind: Kind::Load(LoadScenario {
                dataset: users_1000,
                setup: Setup::None,
                call: |f, conn, seq| {
                    let user = conn + seq as usize * 64;
                    Call::post_json("/presence", &json!({"state": "active"})).cookie(f.cookie(user))
                },
                check: |_, status, body| expect_status(status, 204, body),
                lands_with: "presence (POST /presence)",
            }),
        },
        Scenario {
            name: "events_fanout",
            measures: "N clients hold GET /events open; one user sends to general at a fixed rate; delivery latency",
            kind: Kind::Fanout,
        },
        Scenario {
            name: "cluster_fanout",
            measures: "3 PostgreSQL nodes; N clients hold GET /events open, spread over the nodes; one user sends to general at a fixed rate through each node in turn; cross-node delivery latency (fails on any missed delivery or resync)",
            kind: Kind::ClusterFanout,
        },
        Scenario {
            name: "cluster_sends",
            measures: "POST /send/general text=\"hello @user1\" by 10 users over 64 connections, on 1 PostgreSQL node and then spread over 3 nodes; sends/s of both",
            kind: Kind::ClusterSends,
        },
        Scenario {
            name: "cluster_presence_post",
            measures: "POST /presence {\"state\":\"active\"} cycling through 200 users: on 1 SQLite node, then spread over 3 PostgreSQL nodes; fails unless the cluster keeps at least half the single node's rate",
            kind: Kind::ClusterShared(Shared::PresencePost),
        },
        Scenario {
            name: "cluster_typing_get",
            measures: "GET /typing/general while 10 users type every 2 s, each through a node of its own: on 1 SQLite node, then spread over 3 PostgreSQL nodes; fails unless the cluster keeps at least half the single node's rate",
            kind: Kind::ClusterShared(Shared::TypingGet),
        },
        Scenario {
            name: "soak",
            measures: "an hour of 25 people's mixed traffic (polls, sends with and without images, reactions, typing, presence, read marks, logins incl. wrong passwords) and 50 churning /events tabs, replayed in minutes; passes if RSS returns within 10 % of its post-warm-up level (run only when named)",
            kind: Kind::Soak,
        },
        Scenario {
            name: "attacks",
            measures: "the hardening issue's attacks at full size (huge bodies, 5,000 parts, 200 logins at once, parallel lockout bursts, typing floods, stalled /events streams, 10,400 long messages, 1,100 slowloris connections), each with RSS sampled and a bystander polling; passes if every limit holds and memory comes back (run only when named)",
            kind: Kind::Attacks,
        },
    ]
}

fn send_mention(fixture: &Fixture, conn: usize, _: u64) -> Call {
    mention_send(fixture.cookie(conn))
}

/// The send of the `send_mention` scenarios (and `cluster_sends`): one message to `general` that
/// mentions `user1`, so the mention lookup is part of every send.
pub fn mention_send(cookie: &Arc<str>) -> Call {
    Call::post_form("/send/general", &[("text", "hello @user1")]).cookie(cookie)
}

/// A dataset copied for one run, and the server running on it.
pub(crate) struct Running {
    pub server: Server,
    run_dir: PathBuf,
    pub fixture: Arc<Fixture>,
}

pub(crate) async fn start(options: &Options, name: &str, dataset: &Dataset) -> anyhow::Result<Running> {
    let (cached, seeded) = seed::prepare(&options.data_root, dataset).await?;
    let run_dir = options.data_root.join("runs").join(format!("{name}-{}", std::process::id()));
    seed::copy_for_run(&cached, &run_dir)?;
    let env: Vec<(String, String)> = dataset.channels_env().into_iter().collect();
    let server = Server::start(&Launch {
        binary: &options.server_bin,
        data_dir: &run_dir,
        env: &env,
        log_filter: options.log_filter.as_deref(),
    })
    .await?;
    let cookies = seeded.cookies();
    Ok(Running { server, run_dir, fixture: Arc::new(Fixture { seeded, cookies }) })
}

pub(crate) fn finish(options: &Options, running: Running) {
    running.server.stop();
    if !options.keep_runs {
        if let Err(err) = seed::discard_run(&running.run_dir) {
            eprintln!("  warning: {err:#}");
        }
    }
}

impl Scenario {
    pub async fn run(&self, options: &Options) -> ScenarioResult {
        if self.needs_postgres() {
            return self.run_on_postgres(options).await;
        }
        if let Kind::ChannelOpen = self.kind {
            // Three datasets, one server each.
            return channel_open::run(options, ScenarioResult::new(self.name, self.measures, None)).await;
        }
        let dataset = match &self.kind {
            Kind::Load(load) => (load.dataset)(options),
            Kind::Fanout => fanout_dataset(options),
            Kind::Soak | Kind::Attacks => users_1000(options),
            Kind::ClusterFanout | Kind::ClusterSends | Kind::ClusterShared(_) | Kind::ChannelOpen => {
                unreachable!("PostgreSQL scenarios and channel_open seed their own datasets")
            }
        };
        let result = ScenarioResult::new(self.name, self.measures, Some(&dataset.name));
        let running = match start(options, self.name, &dataset).await {
            Ok(running) => running,
            Err(err) => return result.failed(format!("{err:#}")),
        };
        let result = match &self.kind {
            Kind::Load(load) => run_load(load, options, &running, result).await,
            Kind::Fanout => {
                let fixture = &running.fixture;
                let plan = Fanout {
                    nodes: &[&running.server],
                    cookies: &fixture.cookies,
                    clients: options.clients.min(fixture.cookies.len()),
                    require_complete: false,
                };
                fanout::run(options, &plan, result).await
            }
            Kind::Soak => soak::run(options, &running.server, &running.fixture, result).await,
            Kind::Attacks => attacks::run(&running.server, &running.fixture, result).await,
            Kind::ClusterFanout | Kind::ClusterSends | Kind::ClusterShared(_) | Kind::ChannelOpen => {
                unreachable!("run_on_postgres and channel_open::run run them")
            }
        };
        finish(options, running);
        result
    }

    /// The cluster scenarios, or why they cannot run: without PostgreSQL the default run skips
    /// them (a machine without it can still run the rest), but a run that names them fails, since
    /// what was asked for was not measured.
    async fn run_on_postgres(&self, options: &Options) -> ScenarioResult {
        let result = ScenarioResult::new(self.name, self.measures, None);
        if let Err(why) = postgres::reachable(&options.postgres_url).await {
            let why = format!("PostgreSQL not reachable at {} ({why})", options.postgres_url);
            return if options.scenarios_named { result.failed(why) } else { result.skipped(why) };
        }
        match self.kind {
            Kind::ClusterFanout => cluster::run_fanout(options, result).await,
            Kind::ClusterSends => cluster::run_sends(options, result).await,
            Kind::ClusterShared(shared) => shared_state::run(options, shared, result).await,
            _ => unreachable!("only the cluster scenarios need PostgreSQL"),
        }
    }
}

/// One request answered 501: the endpoint is still a stub on this build.
fn not_implemented(status: StatusCode, lands_with: &str) -> Option<String> {
    (status == StatusCode::NOT_IMPLEMENTED).then(|| format!("endpoint answers 501; lands with {lands_with}"))
}

async fn run_setup(
    setup: Setup,
    options: &Options,
    running: &Running,
    lands_with: &str,
) -> Result<Option<tokio::task::JoinHandle<()>>, (Status, String)> {
    let addr = running.server.addr;
    let fixture = Arc::clone(&running.fixture);
    let fail = |err: anyhow::Error| (Status::Failed, format!("setup: {err:#}"));
    match setup {
        Setup::None => Ok(None),
        Setup::PresenceOfEveryone => {
            let mut connection = Connection::open(addr).await.map_err(fail)?;
            for cookie in &fixture.cookies {
                let call = Call::post_json("/presence", &json!({"state": "active"})).cookie(cookie);
                let (status, body) = connection.send(&call).await.map_err(fail)?;
                if let Some(why) = not_implemented(status, lands_with) {
                    return Err((Status::NotYetMeasurable, why));
                }
                expect_status(status, 204, &body).map_err(|why| (Status::Failed, format!("setup: {why}")))?;
            }
            Ok(None)
        }
        Setup::Typists(count) => {
            let mut connection = Connection::open(addr).await.map_err(fail)?;
            for user in 0..count {
                let call = Call::post("/typing/general").cookie(fixture.cookie(user));
                let (status, body) = connection.send(&call).await.map_err(fail)?;
                if let Some(why) = not_implemented(status, lands_with) {
                    return Err((Status::NotYetMeasurable, why));
                }
                expect_status(status, 204, &body).map_err(|why| (Status::Failed, format!("setup: {why}")))?;
            }
            let fixture = Arc::clone(&running.fixture);
            // Aborted when the run ends; bounded anyway, by the run's length.
            let rounds = (options.warmup + options.duration).as_secs() / 2 + 2;
            Ok(Some(tokio::spawn(async move {
                for _ in 0..rounds {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    for user in 0..count {
                        let call = Call::post("/typing/general").cookie(fixture.cookie(user));
                        if connection.send(&call).await.is_err() {
                            return;
                        }
                    }
                }
            })))
        }
    }
}

async fn run_load(
    load: &LoadScenario,
    options: &Options,
    running: &Running,
    mut result: ScenarioResult,
) -> ScenarioResult {
    let addr = running.server.addr;
    let fixture = Arc::clone(&running.fixture);
    let background = match run_setup(load.setup, options, running, load.lands_with).await {
        Ok(background) => background,
        Err((Status::NotYetMeasurable, why)) => return result.not_yet_measurable(why),
        Err((_, why)) => return result.failed(why),
    };
    // The probe: the first answer must be the right one, or there is nothing worth timing.
    let probe = (load.call)(&fixture, 0, 0);
    let answer = match Connection::open(addr).await {
        Ok(mut connection) => connection.send(&probe).await,
        Err(err) => Err(err),
    };
    let verdict = match answer {
        Err(err) => Err((Status::Failed, format!("probe: {err:#}"))),
        Ok((status, body)) => match not_implemented(status, load.lands_with) {
            Some(why) => Err((Status::NotYetMeasurable, why)),
            None => (load.check)(&fixture, status, &body)
                .map_err(|why| (Status::Failed, format!("probe {}: {why}", probe.path))),
        },
    };
    if let Err((status, why)) = verdict {
        if let Some(task) = background {
            task.abort();
        }
        return if status == Status::NotYetMeasurable { result.not_yet_measurable(why) } else { result.failed(why) };
    }

    let call = load.call;
    let outcome =
        measure_load(options, &[&running.server], move |conn, seq| call(&fixture, conn, seq), &mut result).await;
    if let Some(task) = background {
        task.abort();
    }
    match outcome {
        Ok(()) => result,
        Err(err) => result.failed(format!("{err:#}")),
    }
}

/// Runs the closed-loop load of `options` against `nodes` (spread round-robin over them; one node
/// for every scenario but the cluster's) and records it in `result`: the rate, latency, errors and
/// statuses, and the nodes' CPU and memory summed.
pub async fn measure_load<F>(
    options: &Options,
    nodes: &[&Server],
    call_for: F,
    result: &mut ScenarioResult,
) -> anyhow::Result<()>
where
    F: Fn(usize, u64) -> Call + Send + Sync + 'static,
{
    let plan = Plan {
        connections: options.connections,
        warmup: options.warmup,
        duration: options.duration,
        max_requests: 10_000_000,
        timeout: Duration::from_secs(30),
    };
    let addrs: Vec<SocketAddr> = nodes.iter().map(|node| node.addr).collect();
    let pids: Vec<u32> = nodes.iter().map(|node| node.pid()).collect();
    let meter = CpuMeter::start_many(&pids);
    let outcome = load::run(&addrs, &plan, call_for).await;
    let cpu = meter.stop();
    let outcome = outcome?;
    result.set_cpu(cpu);
    result.server_rss_kib = nodes.iter().map(|node| node.rss_kib()).sum();
    result.status = Status::Measured;
    result.requests = outcome.answered();
    result.requests_per_second = Some(stats::per_second(outcome.answered(), outcome.window));
    result.errors = outcome.errors();
    result.latency = stats::latency(outcome.latencies_us.clone());
    result.statuses = outcome.statuses.clone();
    if let Some(failure) = &outcome.first_failure {
        result.note = Some(format!("{} requests got no answer, e.g. {failure}", outcome.failures));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_names_are_unique() {
        let names: Vec<&str> = all().iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn only_the_cluster_scenarios_need_postgres_and_all_are_in_the_default_run() {
        let needing: Vec<&str> = all().iter().filter(|s| s.needs_postgres()).map(|s| s.name).collect();
        assert_eq!(needing, vec!["cluster_fanout", "cluster_sends", "cluster_presence_post", "cluster_typing_get"]);
        assert!(all().iter().filter(|s| s.needs_postgres()).all(Scenario::in_default_run));
    }

    fn options_without_postgres(scenarios_named: bool) -> Options {
        Options {
            server_bin: PathBuf::from("/nonexistent/minimost"),
            data_root: PathBuf::from("/nonexistent"),
            warmup: Duration::ZERO,
            duration: Duration::from_secs(1),
            connections: 1,
            clients: 1,
            send_rate: 1.0,
            log_filter: None,
            keep_runs: false,
            soak: Duration::from_secs(10),
            // Nothing listens on port 1 of loopback: the connection is refused at once.
            postgres_url: "postgres://postgres@127.0.0.1:1/postgres".to_string(),
            scenarios_named,
        }
    }

    #[tokio::test]
    async fn without_postgres_the_default_run_skips_the_cluster_scenarios_and_a_named_run_fails_them() {
        for scenario in all().iter().filter(|s| s.needs_postgres()) {
            let skipped = scenario.run(&options_without_postgres(false)).await;
            assert_eq!(skipped.status, Status::Skipped, "{:?}", skipped.note);
            assert!(
                skipped.note.as_deref().unwrap_or("").starts_with("PostgreSQL not reachable"),
                "{:?}",
                skipped.note
            );
            let failed = scenario.run(&options_without_postgres(true)).await;
            assert_eq!(failed.status, Status::Failed, "{:?}", failed.note);
        }
    }
}
