//! `soak`: an hour of a small team's mixed traffic compressed into minutes, watching the server's
//! memory. It passes only if the server's RSS, after the load stops and the server has idled a few
//! seconds, is back within 10 % of where it stood after the warm-up (measured the same way: load,
//! then the same idle time). The warm-up is a first hour of the same traffic: the server's caches and
//! pools grow during it (the database connections' page caches, the history of recent events, the
//! allocator's per-thread heaps), so the comparison asks whether a server that has been through an
//! hour needs more memory after the next one, i.e. whether anything is kept that should not be.
//!
//! The traffic is that of [`PEOPLE`] people using the web app for an hour ([`MIX`]: polls, unread
//! counts, typing, presence, read marks, sends with and without an image, reactions, sign-ins
//! including wrong passwords), replayed [`SOAK_SPEEDUP`]-fold faster by paced keep-alive
//! connections, plus [`EVENT_TABS`] tabs on `GET /events` that read for a while, then reconnect with
//! `Last-Event-ID` or stop reading altogether for a while before dropping the connection.
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::Method;
use serde_json::json;
use tokio::sync::watch;

use crate::cpu::CpuMeter;
use crate::http::{Call, Connection};
use crate::report::{ScenarioResult, Status};
use crate::scenarios::{Fixture, Options};
use crate::seed::PASSWORD;
use crate::server::Server;
use crate::sse::SseParser;
use crate::stats;

/// People whose hour of traffic is replayed (seeded users `user1` … `user25`).
pub const PEOPLE: usize = 25;
/// Browser tabs holding `GET /events` (people with two tabs), churning all the time.
pub const EVENT_TABS: usize = 50;
/// Paced keep-alive connections that carry the requests.
const CONNECTIONS: usize = 16;
/// The idle time before each level is read.
const IDLE: Duration = Duration::from_secs(15);
/// How much above its starting level the server's RSS may end.
const TOLERANCE: f64 = 0.10;
/// An hour replayed in `3600 / SOAK_SPEEDUP` seconds by default (3 minutes).
pub const SOAK_SPEEDUP: f64 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Poll,
    Unreads,
    TypingGet,
    TypingPost,
    Presence,
    MarkRead,
    Send,
    SendImage,
    React,
    Login,
    WrongPassword,
}

/// What one person's web app does in an hour.
const MIX: &[(Op, f64)] = &[
    (Op::Poll, 7200.0),      // every 500 ms
    (Op::Unreads, 360.0),    // every 10 s
    (Op::TypingGet, 1800.0), // every 2 s while a conversation is open
    (Op::TypingPost, 300.0), // ten minutes of typing, reported every 2 s
    (Op::Presence, 120.0),   // the 30 s heartbeat
    (Op::MarkRead, 60.0),
    (Op::Send, 54.0),
    (Op::SendImage, 6.0),
    (Op::React, 20.0),
    (Op::Login, 1.0),
    (Op::WrongPassword, 0.5),
];

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Poll => "poll",
            Op::Unreads => "channel_unreads",
            Op::TypingGet => "typing_get",
            Op::TypingPost => "typing_post",
            Op::Presence => "presence",
            Op::MarkRead => "mark_read",
            Op::Send => "send",
            Op::SendImage => "send_image",
            Op::React => "react",
            Op::Login => "login",
            Op::WrongPassword => "login_wrong_password",
        }
    }
}

const CHANNELS: [&str; 2] = ["general", "software"];
const REACTIONS: [&str; 5] = ["thumbsup", "heart", "tada", "eyes", "rocket"];
const BOUNDARY: &str = "soak-boundary-7MA4YWxkTrZu0gW";
const MULTIPART: &str = "multipart/form-data; boundary=soak-boundary-7MA4YWxkTrZu0gW";

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A small deterministic generator (xorshift64*): the same run twice sends the same traffic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick_op(&mut self, total: f64) -> Op {
        let mut x = self.unit() * total;
        for (op, weight) in MIX {
            if x < *weight {
                return *op;
            }
            x -= weight;
        }
        Op::Poll
    }
}

fn multipart_send(text: &str) -> Bytes {
    let mut body = Vec::with_capacity(400);
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"dot.png\"\r\nContent-Type: image/png\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(PNG);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Bytes::from(body)
}

/// What every request connection shares.
/// Per operation: (answered, status ≥ 400, no answer).
type OpCounts = BTreeMap<Op, (u64, u64, u64)>;

struct Shared {
    fixture: Arc<Fixture>,
    /// The newest message id any poll has seen (reactions go to recent messages).
    newest_id: AtomicI64,
    total_weight: f64,
    counts: Mutex<OpCounts>,
    latencies_us: Mutex<Vec<u64>>,
    first_failure: Mutex<Option<String>>,
}

impl Shared {
    fn record(&self, op: Op, outcome: Result<u16, String>, latency: Duration) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let entry = counts.entry(op).or_default();
        match outcome {
            Ok(status) => {
                entry.0 += 1;
                if status >= 400 {
                    entry.1 += 1;
                    self.first_failure
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert_with(|| format!("{} answered {status}", op.name()));
                }
                drop(counts);
                self.latencies_us.lock().unwrap_or_else(|e| e.into_inner()).push(stats::micros(latency));
            }
            Err(err) => {
                entry.2 += 1;
                self.first_failure.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(err);
            }
        }
    }

    fn take(&self) -> (OpCounts, Vec<u64>) {
        let counts = std::mem::take(&mut *self.counts.lock().unwrap_or_else(|e| e.into_inner()));
        let latencies = std::mem::take(&mut *self.latencies_us.lock().unwrap_or_else(|e| e.into_inner()));
        (counts, latencies)
    }
}

/// The request for `op` by `person` (0-based), given what this connection has seen.
fn call_for(
    shared: &Shared,
    op: Op,
    person: usize,
    after: &mut [f64; 2],
    rng: &mut Rng,
    seq: u64,
) -> Option<(Call, Option<usize>)> {
    let cookie = shared.fixture.cookies.get(person)?;
    let channel_index = rng.below(CHANNELS.len());
    let channel = CHANNELS[channel_index];
    let call = match op {
        Op::Poll => {
            return Some((
                Call::get(format!("/messages/{channel}?after={}", after[channel_index])).cookie(cookie),
                Some(channel_index),
            ))
        }
        Op::Unreads => Call::get("/channel_unreads").cookie(cookie),
        Op::TypingGet => Call::get(format!("/typing/{channel}")).cookie(cookie),
        Op::TypingPost => Call::post(format!("/typing/{channel}")).cookie(cookie),
        Op::Presence => {
            let state = ["active", "active", "active", "idle", "hidden"][rng.below(5)];
            Call::post_json("/presence", &json!({ "state": state })).cookie(cookie)
        }
        Op::MarkRead => Call::post(format!("/mark_read/{channel}")).cookie(cookie),
        Op::Send => {
            let text =
                format!("soak {seq}: the build is green again, @user{} please have a look", rng.below(PEOPLE) + 1);
            Call::post_form(format!("/send/{channel}"), &[("text", text.as_str())]).cookie(cookie)
        }
        Op::SendImage => Call {
            method: Method::POST,
            path: format!("/send/{channel}"),
            cookie: Some(Arc::clone(cookie)),
            accept: "application/json",
            body: Some((MULTIPART, multipart_send(&format!("screenshot {seq}")))),
        },
        Op::React => {
            let newest = shared.newest_id.load(Ordering::Relaxed);
            if newest <= 0 {
                return call_for(shared, Op::Poll, person, after, rng, seq);
            }
            let id = newest - rng.below(20) as i64;
            let reaction = REACTIONS[rng.below(REACTIONS.len())];
            Call::post_form(format!("/react/{}", id.max(1)), &[("reaction", reaction)]).cookie(cookie)
        }
        Op::Login => {
            let username = format!("user{}", person + 1);
            Call::post_form("/login", &[("username", username.as_str()), ("password", PASSWORD)]).accept("text/html")
        }
        // Against accounts nobody else uses (they lock after a few tries, as they should).
        Op::WrongPassword => {
            let username = format!("user{}", 900 + rng.below(100));
            Call::post_form("/login", &[("username", username.as_str()), ("password", "not-the-password")])
                .accept("text/html")
        }
    };
    Some((call, None))
}

/// One paced keep-alive connection sending the mix until `stop`.
async fn request_loop(
    addr: SocketAddr,
    shared: Arc<Shared>,
    worker: usize,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut rng = Rng::new(worker as u64 + 1);
    let mut after = [0.0f64; 2];
    let mut connection: Option<Connection> = None;
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut seq = 0u64;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
        seq += 1;
        let op = rng.pick_op(shared.total_weight);
        let person = rng.below(PEOPLE);
        let Some((call, polled)) =
            call_for(&shared, op, person, &mut after, &mut rng, seq * CONNECTIONS as u64 + worker as u64)
        else {
            continue;
        };
        if connection.is_none() {
            match Connection::open(addr).await {
                Ok(open) => connection = Some(open),
                Err(err) => {
                    shared.record(op, Err(format!("{err:#}")), Duration::ZERO);
                    continue;
                }
            }
        }
        let Some(open) = connection.as_mut() else { continue };
        let started = Instant::now();
        let answer = tokio::time::timeout(Duration::from_secs(30), open.send(&call))
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("no answer within 30 s")));
        let latency = started.elapsed();
        match answer {
            Ok((status, body)) => {
                if let (Some(index), true) = (polled, status.is_success()) {
                    if let Ok(serde_json::Value::Array(messages)) = serde_json::from_slice::<serde_json::Value>(&body) {
                        for message in &messages {
                            if let Some(ts) = message.get("ts").and_then(|v| v.as_f64()) {
                                after[index] = after[index].max(ts);
                            }
                            if let Some(id) = message.get("id").and_then(|v| v.as_i64()) {
                                shared.newest_id.fetch_max(id, Ordering::Relaxed);
                            }
                        }
                    }
                }
                shared.record(op, Ok(status.as_u16()), latency);
            }
            Err(err) => {
                connection = None;
                shared.record(op, Err(format!("{}: {err:#}", op.name())), latency);
            }
        }
    }
}

#[derive(Default)]
struct StreamCounts {
    connects: AtomicU64,
    resumed_with_last_event_id: AtomicU64,
    events: AtomicU64,
    resyncs: AtomicU64,
    stalls: AtomicU64,
    failures: AtomicU64,
    /// The largest event id any tab has seen.
    newest_event_id: AtomicU64,
}

/// One tab on `GET /events`: read a while, then reconnect with `Last-Event-ID`, or stop reading for
/// a while and drop the connection.
async fn event_tab(
    addr: SocketAddr,
    cookie: Arc<str>,
    tab: usize,
    counts: Arc<StreamCounts>,
    mut stop: watch::Receiver<bool>,
) {
    let mut rng = Rng::new(1000 + tab as u64);
    let mut last_id: Option<String> = None;
    while !*stop.borrow() {
        let call = Call::get("/events").accept("text/event-stream").cookie(&cookie);
        let resumed = last_id.is_some();
        let started = async {
            let mut connection = Connection::open(addr).await?;
            let response = match &last_id {
                Some(id) => connection.start_with_header(&call, "last-event-id", id).await?,
                None => connection.start(&call).await?,
            };
            anyhow::ensure!(response.status().is_success(), "GET /events answered {}", response.status());
            Ok::<_, anyhow::Error>((connection, response))
        };
        let (connection, response) = match started.await {
            Ok(pair) => pair,
            Err(_) => {
                counts.failures.fetch_add(1, Ordering::Relaxed);
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                    _ = stop.changed() => return,
                }
                continue;
            }
        };
        counts.connects.fetch_add(1, Ordering::Relaxed);
        if resumed {
            counts.resumed_with_last_event_id.fetch_add(1, Ordering::Relaxed);
        }
        let mut body = response.into_body();
        let mut parser = SseParser::default();
        let read_for = Duration::from_millis(3_000 + rng.below(12_000) as u64);
        let until = tokio::time::Instant::now() + read_for;
        loop {
            tokio::select! {
                frame = body.frame() => {
                    let Some(Ok(frame)) = frame else { break };
                    let Ok(data) = frame.into_data() else { continue };
                    for event in parser.push(&data) {
                        if event.kind == "resync" {
                            counts.resyncs.fetch_add(1, Ordering::Relaxed);
                        } else {
                            counts.events.fetch_add(1, Ordering::Relaxed);
                        }
                        if let Some(id) = event.id {
                            if let Ok(number) = id.parse::<u64>() {
                                counts.newest_event_id.fetch_max(number, Ordering::Relaxed);
                            }
                            last_id = Some(id);
                        }
                    }
                }
                () = tokio::time::sleep_until(until) => break,
                _ = stop.changed() => return,
            }
        }
        // One time in five the tab freezes (a laptop lid closes): the connection stays open unread.
        if rng.below(5) == 0 {
            counts.stalls.fetch_add(1, Ordering::Relaxed);
            let frozen = Duration::from_millis(5_000 + rng.below(10_000) as u64);
            tokio::select! {
                _ = tokio::time::sleep(frozen) => {}
                _ = stop.changed() => return,
            }
        }
        drop(body);
        drop(connection);
    }
}

/// The server's RSS every `every` until `stop`, as (seconds since `origin`, KiB).
async fn sample_rss(
    server_pid: u32,
    origin: Instant,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> Vec<(f64, u64)> {
    let mut samples = Vec::new();
    loop {
        if let Some(kib) = rss_kib(server_pid) {
            samples.push((origin.elapsed().as_secs_f64(), kib));
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return samples,
        }
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the mix and the event tabs for `length`.
async fn traffic(addr: SocketAddr, shared: &Arc<Shared>, streams: &Arc<StreamCounts>, length: Duration, rate: f64) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let interval = Duration::from_secs_f64(CONNECTIONS as f64 / rate.max(1.0));
    let mut tasks = Vec::new();
    for worker in 0..CONNECTIONS {
        tasks.push(tokio::spawn(request_loop(addr, Arc::clone(shared), worker, interval, stop_rx.clone())));
    }
    for tab in 0..EVENT_TABS {
        let cookie = Arc::clone(&shared.fixture.cookies[tab % PEOPLE]);
        tasks.push(tokio::spawn(event_tab(addr, cookie, tab, Arc::clone(streams), stop_rx.clone())));
    }
    tokio::time::sleep(length).await;
    let _ = stop_tx.send(true);
    for task in tasks {
        let _ = task.await;
    }
}

pub async fn run(
    options: &Options,
    server: &Server,
    fixture: &Arc<Fixture>,
    mut result: ScenarioResult,
) -> ScenarioResult {
    match measure(options, server, fixture, &mut result).await {
        Ok(()) => result,
        Err(err) => result.failed(format!("{err:#}")),
    }
}

async fn measure(
    options: &Options,
    server: &Server,
    fixture: &Arc<Fixture>,
    result: &mut ScenarioResult,
) -> anyhow::Result<()> {
    anyhow::ensure!(fixture.cookies.len() >= 1000, "the soak needs a dataset of at least 1,000 users");
    let addr = server.addr;
    let pid = server.pid();
    let total_weight: f64 = MIX.iter().map(|(_, w)| w).sum();
    let length = options.soak;
    // An hour of PEOPLE people's traffic, replayed in `length`.
    let rate = PEOPLE as f64 * total_weight / length.as_secs_f64();
    let shared = Arc::new(Shared {
        fixture: Arc::clone(fixture),
        newest_id: AtomicI64::new(0),
        total_weight,
        counts: Mutex::new(BTreeMap::new()),
        latencies_us: Mutex::new(Vec::new()),
        first_failure: Mutex::new(None),
    });
    let streams = Arc::new(StreamCounts::default());
    let origin = Instant::now();
    let (rss_stop, rss_rx) = watch::channel(false);
    let sampler = tokio::spawn(sample_rss(pid, origin, Duration::from_millis(500), rss_rx));
    let rss_at_launch = rss_kib(pid).context("read the server's RSS")?;

    eprintln!("  warm-up: a first hour in {length:?} at {rate:.0} req/s, then {IDLE:?} idle");
    let warmup_began = Instant::now();
    traffic(addr, &shared, &streams, length, rate).await;
    let warmup = warmup_began.elapsed();
    let warmup_events = streams.newest_event_id.load(Ordering::Relaxed);
    tokio::time::sleep(IDLE).await;
    let start = rss_kib(pid).context("read the server's RSS")?;
    let load_from = origin.elapsed().as_secs_f64();
    shared.take();
    let streams = Arc::new(StreamCounts::default());

    eprintln!(
        "  soak: the next hour in {length:?} at {rate:.0} req/s with {EVENT_TABS} event tabs (RSS now {} MiB)",
        start / 1024
    );
    let meter = CpuMeter::start(pid);
    let began = Instant::now();
    traffic(addr, &shared, &streams, length, rate).await;
    let window = began.elapsed();
    let cpu = meter.stop();
    let load_to = origin.elapsed().as_secs_f64();
    let rss_after_load = rss_kib(pid).context("read the server's RSS")?;
    eprintln!("  load stopped (RSS {} MiB); idling {IDLE:?}", rss_after_load / 1024);
    tokio::time::sleep(IDLE).await;
    let end = rss_kib(pid).context("read the server's RSS")?;
    let _ = rss_stop.send(true);
    let samples = sampler.await.unwrap_or_default();
    let peak = samples
        .iter()
        .filter(|(t, _)| *t >= load_from && *t <= load_to)
        .map(|(_, kib)| *kib)
        .max()
        .unwrap_or(rss_after_load);

    let (counts, latencies) = shared.take();
    let answered: u64 = counts.values().map(|c| c.0).sum();
    let errors: u64 = counts.values().map(|c| c.1 + c.2).sum();
    result.set_cpu(cpu);
    result.requests = answered;
    result.requests_per_second = Some(stats::per_second(answered, window));
    result.latency = stats::latency(latencies);
    result.errors = errors;
    result.server_rss_kib = Some(end);
    let mib = |kib: u64| (kib as f64 / 1024.0 * 10.0).round() / 10.0;
    result.detail("rss_mib_at_launch", mib(rss_at_launch));
    result.detail("rss_mib_start", mib(start));
    result.detail("rss_mib_peak", mib(peak));
    result.detail("rss_mib_after_load", mib(rss_after_load));
    result.detail("rss_mib_end", mib(end));
    let every_10s: Vec<(u64, f64)> = samples
        .iter()
        .filter(|(t, _)| (*t * 2.0).round() as u64 % 20 == 0)
        .map(|(t, kib)| (t.round() as u64, mib(*kib)))
        .collect();
    result.detail("rss_mib_every_10s", every_10s);
    result.detail("hour_replayed_in_seconds", length.as_secs_f64());
    result.detail("warmup_seconds", (warmup.as_secs_f64() * 10.0).round() / 10.0);
    result.detail("warmup_events", warmup_events);
    result.detail(
        "requests_by_kind",
        counts
            .iter()
            .map(|(op, c)| (op.name(), json!({"answered": c.0, "status_4xx_5xx": c.1, "no_answer": c.2})))
            .collect::<BTreeMap<_, _>>(),
    );
    result.detail(
        "event_streams",
        json!({
            "tabs": EVENT_TABS,
            "connects": streams.connects.load(Ordering::Relaxed),
            "resumed_with_last_event_id": streams.resumed_with_last_event_id.load(Ordering::Relaxed),
            "events_received": streams.events.load(Ordering::Relaxed),
            "resyncs": streams.resyncs.load(Ordering::Relaxed),
            "stopped_reading": streams.stalls.load(Ordering::Relaxed),
            "failed_connects": streams.failures.load(Ordering::Relaxed),
        }),
    );
    let limit = start as f64 * (1.0 + TOLERANCE);
    let verdict = format!(
        "RSS start {:.1} MiB (after the first hour and {} s idle), peak {:.1}, end {:.1} MiB after the second hour and {} s idle ({:+.1} %)",
        mib(start),
        IDLE.as_secs(),
        mib(peak),
        mib(end),
        IDLE.as_secs(),
        (end as f64 / start as f64 - 1.0) * 100.0
    );
    if let Some(failure) = shared.first_failure.lock().unwrap_or_else(|e| e.into_inner()).clone().filter(|_| errors > 0)
    {
        result.note = Some(format!("{verdict}; {errors} errors, e.g. {failure}"));
    } else {
        result.note = Some(verdict.clone());
    }
    if end as f64 > limit {
        result.status = Status::Failed;
        result.note = Some(format!("memory not released: {}", result.note.clone().unwrap_or_default()));
    } else if errors > 0 {
        result.status = Status::Failed;
    } else {
        result.status = Status::Measured;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_picks_every_operation_in_proportion() {
        let total: f64 = MIX.iter().map(|(_, w)| w).sum();
        let mut rng = Rng::new(7);
        let mut seen: BTreeMap<Op, u64> = BTreeMap::new();
        let draws = 400_000;
        for _ in 0..draws {
            *seen.entry(rng.pick_op(total)).or_default() += 1;
        }
        for (op, weight) in MIX {
            let expected = draws as f64 * weight / total;
            let got = *seen.get(op).unwrap_or(&0) as f64;
            assert!((got - expected).abs() <= expected * 0.25 + 10.0, "{op:?}: {got} vs {expected}");
        }
    }

    #[test]
    fn the_image_part_is_a_complete_multipart_body() {
        let body = multipart_send("hi");
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(&format!("--{BOUNDARY}\r\n")));
        assert!(text.ends_with(&format!("--{BOUNDARY}--\r\n")));
        assert!(MULTIPART.ends_with(BOUNDARY));
    }
}
