//! `events_fanout` and `cluster_fanout`: many clients hold `GET /events` open while one user sends
//! to `general` at a fixed rate; every client should receive every send. Measures the delivery
//! latency and the servers' memory with the clients connected.
//!
//! On a cluster the clients are spread round-robin over the nodes and the sends rotate over them
//! too, so every client receives sends made through its own node and through the others; the
//! deliveries are told apart by that (same-node, cross-node), since crossing nodes is what the
//! database event log adds.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use http_body_util::BodyExt;
use tokio::sync::{mpsc, watch, Semaphore};

use crate::cpu::CpuMeter;
use crate::http::{Call, Connection};
use crate::load::round_robin;
use crate::report::{ScenarioResult, Status};
use crate::scenarios::Options;
use crate::server::Server;
use crate::sse::SseParser;
use crate::stats;

/// How long clients may take to connect, and to receive the last send.
const CONNECT_LIMIT: Duration = Duration::from_secs(120);
const DRAIN: Duration = Duration::from_secs(3);
/// Connections being set up at once (the server's accept backlog is finite).
const CONNECTING_AT_ONCE: usize = 128;

/// One fan-out run: where the clients and the sends go.
pub struct Fanout<'a> {
    /// One server, or the nodes of a cluster (client `i` and send `k` go to `nodes[i % len]`,
    /// `nodes[k % len]`).
    pub nodes: &'a [&'a Server],
    /// Client `i` streams as `cookies[i % len]`; the sender is `cookies[0]`.
    pub cookies: &'a [Arc<str>],
    pub clients: usize,
    /// Any missed delivery or resync fails the run (a cluster must lose nothing); otherwise they
    /// are counted as errors, as under overload on one server.
    pub require_complete: bool,
}

/// What one client saw.
struct ClientLog {
    /// The node it streamed from.
    node: usize,
    /// Receipt time of send `k` at index `k`.
    received: Vec<Option<Instant>>,
    resyncs: u64,
    /// The stream ended before the run did.
    cut_off: bool,
}

/// One send: when it was issued and answered, and whether the server took it.
struct Send {
    /// The node it was sent through.
    node: usize,
    issued: Instant,
    answered: Instant,
    ok: bool,
}

fn send_number(data: &str) -> Option<usize> {
    let event: serde_json::Value = serde_json::from_str(data).ok()?;
    let content = event.get("messages")?.get(0)?.get("content")?.as_str()?;
    content.strip_prefix("fanout ")?.parse().ok()
}

/// Where one client streams from, and as whom.
struct Stream {
    node: usize,
    addr: SocketAddr,
    cookie: Arc<str>,
}

async fn client(
    stream: Stream,
    sends: usize,
    ready: mpsc::Sender<anyhow::Result<()>>,
    permit: Arc<Semaphore>,
    mut stop: watch::Receiver<bool>,
    deadline: tokio::time::Instant,
) -> Option<ClientLog> {
    let connected = async {
        let _permit = permit.acquire().await.context("connection limiter closed")?;
        let mut connection = Connection::open(stream.addr).await?;
        let response =
            connection.start(&Call::get("/events").accept("text/event-stream").cookie(&stream.cookie)).await?;
        if !response.status().is_success() {
            bail!("GET /events answered {}", response.status());
        }
        Ok((connection, response))
    };
    let (_connection, response) = match connected.await {
        Ok(ok) => {
            let _ = ready.send(Ok(())).await;
            ok
        }
        Err(err) => {
            let _ = ready.send(Err(err)).await;
            return None;
        }
    };
    let mut log = ClientLog { node: stream.node, received: vec![None; sends], resyncs: 0, cut_off: false };
    let mut body = response.into_body();
    let mut parser = SseParser::default();
    loop {
        tokio::select! {
            frame = body.frame() => {
                let Some(Ok(frame)) = frame else {
                    log.cut_off = !*stop.borrow();
                    break;
                };
                let Ok(data) = frame.into_data() else { continue };
                let arrived = Instant::now();
                for event in parser.push(&data) {
                    match event.kind.as_str() {
                        "message" => {
                            if let Some(slot) = send_number(&event.data).and_then(|k| log.received.get_mut(k)) {
                                slot.get_or_insert(arrived);
                            }
                        }
                        "resync" => log.resyncs += 1,
                        _ => {}
                    }
                }
            }
            _ = stop.changed() => break,
            // Only if the orchestrator never says stop: no client outlives the run by much.
            () = tokio::time::sleep_until(deadline) => break,
        }
    }
    Some(log)
}

/// Sends `sends` messages at `rate`, send `k` through node `k % addrs.len()` (one keep-alive
/// connection per node).
async fn sender(addrs: &[SocketAddr], cookie: Arc<str>, sends: usize, rate: f64) -> anyhow::Result<Vec<Send>> {
    let mut connections = Vec::with_capacity(addrs.len());
    for &addr in addrs {
        connections.push(Connection::open(addr).await?);
    }
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut log = Vec::with_capacity(sends);
    for k in 0..sends {
        ticker.tick().await;
        let node = round_robin(k, addrs.len());
        let call = Call::post_form("/send/general", &[("text", &format!("fanout {k}"))]).cookie(&cookie);
        let issued = Instant::now();
        let ok = match tokio::time::timeout(Duration::from_secs(30), connections[node].send(&call)).await {
            Ok(Ok((status, _))) => status.is_success(),
            _ => {
                connections[node] = Connection::open(addrs[node]).await?;
                false
            }
        };
        log.push(Send { node, issued, answered: Instant::now(), ok });
    }
    Ok(log)
}

/// Resident memory of every node together; `None` if any cannot be read.
fn total_rss_kib(nodes: &[&Server]) -> Option<u64> {
    nodes.iter().map(|node| node.rss_kib()).sum()
}

/// Delivery latencies (µs from the send being issued) by where the send and the client were.
#[derive(Debug, Default, PartialEq)]
struct Deliveries {
    same_node: Vec<u64>,
    cross_node: Vec<u64>,
}

impl Deliveries {
    fn record(&mut self, send_node: usize, client_node: usize, micros: u64) {
        if send_node == client_node {
            self.same_node.push(micros);
        } else {
            self.cross_node.push(micros);
        }
    }

    fn all(&self) -> Vec<u64> {
        self.same_node.iter().chain(&self.cross_node).copied().collect()
    }

    /// What the run is summed up by: on a cluster the cross-node deliveries (what the event log
    /// adds), on one server every delivery.
    fn headline(&self, nodes: usize) -> Vec<u64> {
        if nodes > 1 {
            self.cross_node.clone()
        } else {
            self.all()
        }
    }
}

/// Why a run that must deliver everything did not pass, if it did not.
fn incompleteness(missed: u64, resyncs: u64, cut_off: usize) -> Option<String> {
    (missed > 0 || resyncs > 0 || cut_off > 0)
        .then(|| format!("{missed} deliveries missed, {resyncs} resyncs, {cut_off} streams cut off (all must be 0)"))
}

pub async fn run(options: &Options, fanout: &Fanout<'_>, mut result: ScenarioResult) -> ScenarioResult {
    match measure(options, fanout, &mut result).await {
        Ok(()) => result,
        Err(err) => result.failed(format!("{err:#}")),
    }
}

async fn measure(options: &Options, fanout: &Fanout<'_>, result: &mut ScenarioResult) -> anyhow::Result<()> {
    let nodes = fanout.nodes;
    if nodes.is_empty() || fanout.cookies.is_empty() {
        bail!("a fan-out needs a server and a user");
    }
    let addrs: Vec<SocketAddr> = nodes.iter().map(|node| node.addr).collect();
    let pids: Vec<u32> = nodes.iter().map(|node| node.pid()).collect();
    let clients = fanout.clients;
    let rate = options.send_rate.max(0.1);
    let warmup_sends = (options.warmup.as_secs_f64() * rate).ceil() as usize;
    let sends = warmup_sends + ((options.duration.as_secs_f64() * rate).round() as usize).max(1);
    let rss_idle = total_rss_kib(nodes);

    let connecting = Instant::now();
    let (ready_tx, mut ready_rx) = mpsc::channel(clients.max(1));
    let (stop_tx, stop_rx) = watch::channel(false);
    let permits = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let run_length = CONNECT_LIMIT + options.warmup + options.duration + DRAIN + Duration::from_secs(60);
    let deadline = tokio::time::Instant::now() + run_length;
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            let node = round_robin(i, addrs.len());
            let stream =
                Stream { node, addr: addrs[node], cookie: Arc::clone(&fanout.cookies[i % fanout.cookies.len()]) };
            let (ready, permits, stop) = (ready_tx.clone(), Arc::clone(&permits), stop_rx.clone());
            tokio::spawn(client(stream, sends, ready, permits, stop, deadline))
        })
        .collect();
    drop(ready_tx);
    let (mut connected, mut refused, mut first_refusal) = (0usize, 0usize, None);
    let deadline = tokio::time::Instant::now() + CONNECT_LIMIT;
    while connected + refused < clients {
        match tokio::time::timeout_at(deadline, ready_rx.recv()).await {
            Ok(Some(Ok(()))) => connected += 1,
            Ok(Some(Err(err))) => {
                refused += 1;
                first_refusal.get_or_insert_with(|| format!("{err:#}"));
            }
            Ok(None) | Err(_) => break,
        }
    }
    let connect_seconds = connecting.elapsed().as_secs_f64();
    if connected == 0 {
        let _ = stop_tx.send(true);
        if let Some(why) = first_refusal.as_deref().filter(|why| why.contains("501")) {
            return Err(anyhow::anyhow!("{why}"));
        }
        bail!("no client could open GET /events: {}", first_refusal.unwrap_or_default());
    }
    let rss_connected = total_rss_kib(nodes);

    let meter = CpuMeter::start_many(&pids);
    let log = sender(&addrs, Arc::clone(&fanout.cookies[0]), sends, rate).await;
    tokio::time::sleep(DRAIN).await;
    let cpu = meter.stop();
    let _ = stop_tx.send(true);
    let mut logs = Vec::new();
    for task in tasks {
        if let Ok(Some(log)) = task.await {
            logs.push(log);
        }
    }
    let sends_log = log?;
    result.set_cpu(cpu);

    let measured: Vec<(usize, &Send)> = sends_log.iter().enumerate().skip(warmup_sends).collect();
    let (mut deliveries, mut from_answer, mut send_latency) = (Deliveries::default(), Vec::new(), Vec::new());
    let (mut missed, mut before_answer) = (0u64, 0u64);
    for (k, send) in &measured {
        send_latency.push(stats::micros(send.answered - send.issued));
        if !send.ok {
            continue;
        }
        for client in &logs {
            match client.received[*k] {
                Some(at) => {
                    deliveries.record(send.node, client.node, stats::micros(at.saturating_duration_since(send.issued)));
                    match at.checked_duration_since(send.answered) {
                        Some(after) => from_answer.push(stats::micros(after)),
                        None => {
                            before_answer += 1;
                            from_answer.push(0);
                        }
                    }
                }
                None => missed += 1,
            }
        }
    }
    let failed_sends = measured.iter().filter(|(_, s)| !s.ok).count() as u64;
    let measured_window = match (measured.first(), measured.last()) {
        (Some((_, first)), Some((_, last))) => last.answered - first.issued,
        _ => Duration::ZERO,
    };
    let resyncs = logs.iter().map(|l| l.resyncs).sum::<u64>();
    let cut_off = logs.iter().filter(|l| l.cut_off).count();
    let received = deliveries.same_node.len() + deliveries.cross_node.len();
    result.status = Status::Measured;
    result.requests = measured.len() as u64;
    result.requests_per_second = Some(stats::per_second(measured.len() as u64, measured_window));
    result.latency = stats::latency(deliveries.headline(nodes.len()));
    result.errors = failed_sends + missed + refused as u64;
    result.server_rss_kib = rss_connected;
    result.note = Some(if nodes.len() > 1 {
        format!(
            "{connected} clients on {} nodes; latency = send issued → event received on another node; RSS of all nodes with clients connected",
            nodes.len()
        )
    } else {
        format!("{connected} clients; latency = send issued → event received; RSS with clients connected")
    });
    result.detail("clients_connected", connected);
    result.detail("clients_refused", refused);
    if let Some(why) = first_refusal {
        result.detail("first_refusal", why);
    }
    result.detail("connect_seconds", (connect_seconds * 10.0).round() / 10.0);
    result.detail("send_rate_per_second", rate);
    result.detail("sends_measured", measured.len());
    result.detail("sends_failed", failed_sends);
    result.detail("deliveries_expected", (measured.len() as u64 - failed_sends) * logs.len() as u64);
    result.detail("deliveries_received", received);
    result.detail("deliveries_missed", missed);
    result.detail("resyncs", resyncs);
    result.detail("streams_cut_off", cut_off);
    if nodes.len() > 1 {
        result.detail("nodes", nodes.len());
        result.detail("same_node_delivery_ms", stats::latency(deliveries.same_node.clone()));
        result.detail("cross_node_delivery_ms", stats::latency(deliveries.cross_node.clone()));
        result.detail("all_deliveries_ms", stats::latency(deliveries.all()));
    }
    result.detail("delivery_after_send_answered_ms", stats::latency(from_answer));
    result.detail("deliveries_before_send_answered", before_answer);
    result.detail("send_request_ms", stats::latency(send_latency));
    result.detail("server_rss_idle_kib", rss_idle);
    result.detail("server_rss_connected_kib", rss_connected);
    result.detail("server_rss_end_kib", total_rss_kib(nodes));
    if let (Some(idle), Some(with_clients)) = (rss_idle, rss_connected) {
        result.detail(
            "server_kib_per_client",
            ((with_clients.saturating_sub(idle)) as f64 / connected as f64 * 10.0).round() / 10.0,
        );
    }
    if fanout.require_complete {
        let shortfall = refused as u64 + failed_sends;
        let why = incompleteness(missed, resyncs, cut_off)
            .or_else(|| (shortfall > 0).then(|| format!("{refused} clients refused, {failed_sends} sends failed")));
        if let Some(why) = why {
            result.status = Status::Failed;
            result.note = Some(why);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_send_number_comes_from_the_first_message_of_the_event() {
        assert_eq!(send_number(r#"{"channel":"general","messages":[{"content":"fanout 42","id":1}]}"#), Some(42));
        assert_eq!(send_number(r#"{"channel":"general","messages":[{"content":"hello","id":1}]}"#), None);
        assert_eq!(send_number("not json"), None);
    }

    #[test]
    fn deliveries_are_same_node_when_the_send_and_the_client_share_a_node() {
        let mut deliveries = Deliveries::default();
        deliveries.record(0, 0, 10);
        deliveries.record(0, 1, 20);
        deliveries.record(2, 1, 30);
        assert_eq!(deliveries, Deliveries { same_node: vec![10], cross_node: vec![20, 30] });
        assert_eq!(deliveries.all(), vec![10, 20, 30]);
    }

    #[test]
    fn a_cluster_is_summed_up_by_its_cross_node_deliveries_and_one_server_by_all() {
        let deliveries = Deliveries { same_node: vec![1, 2], cross_node: vec![3] };
        assert_eq!(deliveries.headline(3), vec![3]);
        let single = Deliveries { same_node: vec![1, 2], cross_node: Vec::new() };
        assert_eq!(single.headline(1), vec![1, 2]);
    }

    #[test]
    fn a_complete_run_has_no_missed_delivery_no_resync_and_no_cut_stream() {
        assert_eq!(incompleteness(0, 0, 0), None);
        assert!(incompleteness(1, 0, 0).unwrap().contains("1 deliveries missed"));
        assert!(incompleteness(0, 2, 0).unwrap().contains("2 resyncs"));
        assert!(incompleteness(0, 0, 3).unwrap().contains("3 streams cut off"));
    }
}
