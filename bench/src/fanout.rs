//! `events_fanout`: many clients hold `GET /events` open while one user sends to `general` at a
//! fixed rate; every client should receive every send. Measures the delivery latency and the
//! server's memory with the clients connected.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use http_body_util::BodyExt;
use tokio::sync::{mpsc, watch, Semaphore};

use crate::cpu::CpuMeter;
use crate::http::{Call, Connection};
use crate::report::{ScenarioResult, Status};
use crate::scenarios::{Fixture, Options};
use crate::server::Server;
use crate::sse::SseParser;
use crate::stats;

/// How long clients may take to connect, and to receive the last send.
const CONNECT_LIMIT: Duration = Duration::from_secs(120);
const DRAIN: Duration = Duration::from_secs(3);
/// Connections being set up at once (the server's accept backlog is finite).
const CONNECTING_AT_ONCE: usize = 128;

/// What one client saw.
struct ClientLog {
    /// Receipt time of send `k` at index `k`.
    received: Vec<Option<Instant>>,
    resyncs: u64,
    /// The stream ended before the run did.
    cut_off: bool,
}

/// One send: when it was issued and answered, and whether the server took it.
struct Send {
    issued: Instant,
    answered: Instant,
    ok: bool,
}

fn send_number(data: &str) -> Option<usize> {
    let event: serde_json::Value = serde_json::from_str(data).ok()?;
    let content = event.get("messages")?.get(0)?.get("content")?.as_str()?;
    content.strip_prefix("fanout ")?.parse().ok()
}

async fn client(
    addr: SocketAddr,
    cookie: Arc<str>,
    sends: usize,
    ready: mpsc::Sender<anyhow::Result<()>>,
    permit: Arc<Semaphore>,
    mut stop: watch::Receiver<bool>,
    deadline: tokio::time::Instant,
) -> Option<ClientLog> {
    let connected = async {
        let _permit = permit.acquire().await.context("connection limiter closed")?;
        let mut connection = Connection::open(addr).await?;
        let response = connection.start(&Call::get("/events").accept("text/event-stream").cookie(&cookie)).await?;
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
    let mut log = ClientLog { received: vec![None; sends], resyncs: 0, cut_off: false };
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

async fn sender(addr: SocketAddr, cookie: Arc<str>, sends: usize, rate: f64) -> anyhow::Result<Vec<Send>> {
    let mut connection = Connection::open(addr).await?;
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut log = Vec::with_capacity(sends);
    for k in 0..sends {
        ticker.tick().await;
        let call = Call::post_form("/send/general", &[("text", &format!("fanout {k}"))]).cookie(&cookie);
        let issued = Instant::now();
        let ok = match tokio::time::timeout(Duration::from_secs(30), connection.send(&call)).await {
            Ok(Ok((status, _))) => status.is_success(),
            _ => {
                connection = Connection::open(addr).await?;
                false
            }
        };
        log.push(Send { issued, answered: Instant::now(), ok });
    }
    Ok(log)
}

pub async fn run(options: &Options, server: &Server, fixture: &Fixture, mut result: ScenarioResult) -> ScenarioResult {
    match measure(options, server, fixture, &mut result).await {
        Ok(()) => result,
        Err(err) => result.failed(format!("{err:#}")),
    }
}

async fn measure(
    options: &Options,
    server: &Server,
    fixture: &Fixture,
    result: &mut ScenarioResult,
) -> anyhow::Result<()> {
    let addr = server.addr;
    let clients = options.clients.min(fixture.cookies.len());
    let rate = options.send_rate.max(0.1);
    let warmup_sends = (options.warmup.as_secs_f64() * rate).ceil() as usize;
    let sends = warmup_sends + ((options.duration.as_secs_f64() * rate).round() as usize).max(1);
    let rss_idle = server.rss_kib();

    let connecting = Instant::now();
    let (ready_tx, mut ready_rx) = mpsc::channel(clients.max(1));
    let (stop_tx, stop_rx) = watch::channel(false);
    let permits = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let run_length = CONNECT_LIMIT + options.warmup + options.duration + DRAIN + Duration::from_secs(60);
    let deadline = tokio::time::Instant::now() + run_length;
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            let cookie = Arc::clone(&fixture.cookies[i]);
            let (ready, permits, stop) = (ready_tx.clone(), Arc::clone(&permits), stop_rx.clone());
            tokio::spawn(client(addr, cookie, sends, ready, permits, stop, deadline))
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
    let rss_connected = server.rss_kib();

    let meter = CpuMeter::start(server.pid());
    let log = sender(addr, Arc::clone(&fixture.cookies[0]), sends, rate).await;
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
    let (mut from_issue, mut from_answer, mut send_latency) = (Vec::new(), Vec::new(), Vec::new());
    let (mut missed, mut before_answer) = (0u64, 0u64);
    for (k, send) in &measured {
        send_latency.push(stats::micros(send.answered - send.issued));
        if !send.ok {
            continue;
        }
        for client in &logs {
            match client.received[*k] {
                Some(at) => {
                    from_issue.push(stats::micros(at.saturating_duration_since(send.issued)));
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
    result.status = Status::Measured;
    result.requests = measured.len() as u64;
    result.requests_per_second = Some(stats::per_second(measured.len() as u64, measured_window));
    result.latency = stats::latency(from_issue.clone());
    result.errors = failed_sends + missed + refused as u64;
    result.server_rss_kib = rss_connected;
    result.note =
        Some(format!("{connected} clients; latency = send issued → event received; RSS with clients connected"));
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
    result.detail("deliveries_received", from_issue.len());
    result.detail("deliveries_missed", missed);
    result.detail("resyncs", logs.iter().map(|l| l.resyncs).sum::<u64>());
    result.detail("streams_cut_off", logs.iter().filter(|l| l.cut_off).count());
    result.detail("delivery_after_send_answered_ms", stats::latency(from_answer));
    result.detail("deliveries_before_send_answered", before_answer);
    result.detail("send_request_ms", stats::latency(send_latency));
    result.detail("server_rss_idle_kib", rss_idle);
    result.detail("server_rss_connected_kib", rss_connected);
    result.detail("server_rss_end_kib", server.rss_kib());
    if let (Some(idle), Some(with_clients)) = (rss_idle, rss_connected) {
        result.detail(
            "server_kib_per_client",
            ((with_clients.saturating_sub(idle)) as f64 / connected as f64 * 10.0).round() / 10.0,
        );
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
}
