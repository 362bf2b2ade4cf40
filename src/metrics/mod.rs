//! What the server counts for its operator, in the Prometheus text format (`prometheus-client`).
//!
//! One set of metrics per process ([`metrics`]): the counters are bumped where things happen
//! (requests, events, logins, uploads…), and the gauges of live state (open streams, pool use,
//! hashes in flight, the process itself) are read when `/metrics` is scraped ([`Gauges`]). Label
//! values are the route table's operation ids and fixed words, never user input, so the number of
//! series is bounded by the code.
mod process;

use std::sync::LazyLock;
use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

pub use process::ProcessStats;

/// An HTTP answer's labels: the operation and the class of its status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub operation: &'static str,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    pub status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    pub operation: &'static str,
}

/// Why a request was refused by a rate limit.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LimitLabels {
    /// `ip` or `user`.
    pub scope: &'static str,
}

/// What the retention cleanup removed.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RetentionLabels {
    /// `messages`, `images`, `files` (made deletions), `purged` (old deletions removed for good).
    pub what: &'static str,
}

/// How a stream of `GET /events` ended on the server's initiative.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StreamEndLabels {
    /// `fell_behind` (a slow client), `session_ended`, `shutting_down`.
    pub reason: &'static str,
}

/// Every metric of the process.
pub struct Metrics {
    registry: Registry,
    /// One scrape at a time sets the gauges and encodes (the CPU counter moves by differences).
    rendering: std::sync::Mutex<()>,
    pub http_requests: Family<RequestLabels, Counter>,
    pub http_request_duration: Family<OperationLabels, Histogram, fn() -> Histogram>,
    pub events_published: Counter,
    pub events_delivered: Counter,
    pub stream_ends: Family<StreamEndLabels, Counter>,
    pub replay_hits: Counter,
    pub replay_misses: Counter,
    pub login_failures: Counter,
    pub lockouts: Counter,
    pub rate_limit_refusals: Family<LimitLabels, Counter>,
    pub password_hashes_refused_busy: Counter,
    pub uploads_stored: Counter,
    pub upload_bytes_stored: Counter,
    pub retention_deletions: Family<RetentionLabels, Counter>,
    pub pool_wait: Histogram,
    pub relay_round_trip: Histogram,
    pub relay_gaps: Counter,
    /// Tasks waiting for a thread of the blocking pool (moved by [`Metrics::blocking_task`]).
    blocking_queued: Gauge,
    gauges: GaugeSet,
}

/// Gauges set from live state at each scrape.
#[derive(Default)]
struct GaugeSet {
    open_streams: Gauge,
    replay_history_events: Gauge,
    replay_history_bytes: Gauge,
    pool_connections: Gauge,
    pool_idle_connections: Gauge,
    password_hashes_in_flight: Gauge,
    process: process::ProcessGauges,
}

/// Live state, read by the scraper.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gauges {
    pub open_streams: usize,
    pub replay_history_events: usize,
    pub replay_history_bytes: usize,
    pub pool_connections: u32,
    pub pool_idle_connections: u32,
    pub password_hashes_in_flight: u64,
}

/// Request latency buckets: 0.5 ms to ~8 s.
fn latency_histogram() -> Histogram {
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(0.0005, 2.0, 15))
}

impl Metrics {
    fn new() -> Metrics {
        let mut root = Registry::default();
        let metrics = Metrics {
            http_requests: Family::default(),
            http_request_duration: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
            events_published: Counter::default(),
            events_delivered: Counter::default(),
            stream_ends: Family::default(),
            replay_hits: Counter::default(),
            replay_misses: Counter::default(),
            login_failures: Counter::default(),
            lockouts: Counter::default(),
            rate_limit_refusals: Family::default(),
            password_hashes_refused_busy: Counter::default(),
            uploads_stored: Counter::default(),
            upload_bytes_stored: Counter::default(),
            retention_deletions: Family::default(),
            pool_wait: latency_histogram(),
            relay_round_trip: latency_histogram(),
            relay_gaps: Counter::default(),
            blocking_queued: Gauge::default(),
            gauges: GaugeSet::default(),
            registry: Registry::default(),
            rendering: std::sync::Mutex::new(()),
        };
        let registry = root.sub_registry_with_prefix("minimost");
        let requests = "HTTP API requests answered, by operationId and status class";
        registry.register("http_requests", requests, metrics.http_requests.clone());
        registry.register_with_unit(
            "http_request_duration",
            "Time from routing an API request to its answer's head, by operationId",
            Unit::Seconds,
            metrics.http_request_duration.clone(),
        );
        registry.register("events_published", "Live events published to the streams", metrics.events_published.clone());
        registry.register(
            "events_delivered",
            "Live events handed to an open stream (one per stream)",
            metrics.events_delivered.clone(),
        );
        registry.register(
            "event_stream_ends",
            "Event streams the server ended, by reason (fell_behind: a client too slow to read)",
            metrics.stream_ends.clone(),
        );
        registry.register(
            "event_replay_hits",
            "Reconnecting streams replayed from Last-Event-ID",
            metrics.replay_hits.clone(),
        );
        registry.register(
            "event_replay_misses",
            "Reconnecting streams told to resync (their Last-Event-ID left the history)",
            metrics.replay_misses.clone(),
        );
        registry.register(
            "login_failures",
            "Logins refused for a wrong name or password",
            metrics.login_failures.clone(),
        );
        registry.register("lockouts", "Accounts locked by too many failed logins", metrics.lockouts.clone());
        registry.register(
            "rate_limit_refusals",
            "Requests refused by a rate limit, by scope",
            metrics.rate_limit_refusals.clone(),
        );
        registry.register(
            "password_hashes_refused_busy",
            "Requests refused because too many password hashes were running or waiting",
            metrics.password_hashes_refused_busy.clone(),
        );
        registry.register("uploads_stored", "Attachments and avatars stored", metrics.uploads_stored.clone());
        registry.register_with_unit(
            "upload",
            "Bytes of attachments and avatars stored",
            Unit::Bytes,
            metrics.upload_bytes_stored.clone(),
        );
        registry.register(
            "retention_deletions",
            "What the retention cleanup deleted, by kind",
            metrics.retention_deletions.clone(),
        );
        registry.register_with_unit(
            "db_pool_wait",
            "Time a task waited for a database connection",
            Unit::Seconds,
            metrics.pool_wait.clone(),
        );
        registry.register_with_unit(
            "relay_round_trip",
            "PostgreSQL nodes: time from appending an event to the cluster's log to this node's listener \
             delivering it (the way every node's events travel)",
            Unit::Seconds,
            metrics.relay_round_trip.clone(),
        );
        registry.register(
            "relay_gaps",
            "PostgreSQL nodes: catch-ups that found events already pruned from the log (their streams resync)",
            metrics.relay_gaps.clone(),
        );
        registry.register(
            "blocking_tasks_queued",
            "Database work and password hashes waiting for a thread of the blocking pool",
            metrics.blocking_queued.clone(),
        );
        let gauges = &metrics.gauges;
        registry.register("event_streams_open", "Open GET /events streams", gauges.open_streams.clone());
        registry.register(
            "event_replay_history_events",
            "Events kept for replay after a reconnect",
            gauges.replay_history_events.clone(),
        );
        registry.register_with_unit(
            "event_replay_history",
            "Bytes of events kept for replay",
            Unit::Bytes,
            gauges.replay_history_bytes.clone(),
        );
        registry.register("db_pool_connections", "Database connections open", gauges.pool_connections.clone());
        registry.register(
            "db_pool_idle_connections",
            "Database connections open and not in use",
            gauges.pool_idle_connections.clone(),
        );
        registry.register(
            "password_hashes_in_flight",
            "Password hashes running or waiting for a slot",
            gauges.password_hashes_in_flight.clone(),
        );
        gauges.process.register(&mut root);
        Metrics { registry: root, ..metrics }
    }

    /// Counts one answered API request.
    pub fn request(&self, operation: &'static str, status: u16, elapsed: Duration) {
        let status = match status {
            100..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.http_requests.get_or_create(&RequestLabels { operation, status }).inc();
        self.http_request_duration.get_or_create(&OperationLabels { operation }).observe(elapsed.as_secs_f64());
    }

    /// Marks a task as waiting for the blocking pool until the guard is dropped (when it starts).
    pub fn blocking_task(&self) -> QueuedTask {
        self.blocking_queued.inc();
        QueuedTask(())
    }

    /// Counts a stream the server ended.
    pub fn stream_ended(&self, reason: &'static str) {
        self.stream_ends.get_or_create(&StreamEndLabels { reason }).inc();
    }

    /// Counts what one round of the retention cleanup removed.
    pub fn retention_removed(&self, what: &'static str, count: usize) {
        self.retention_deletions.get_or_create(&RetentionLabels { what }).inc_by(count as u64);
    }

    /// Counts a refusal by a rate limit (`ip` or `user`).
    pub fn rate_limited(&self, scope: &'static str) {
        self.rate_limit_refusals.get_or_create(&LimitLabels { scope }).inc();
    }

    /// The text exposition of every metric, with the gauges set from `live` and the process.
    pub fn render(&self, live: &Gauges) -> String {
        let _one_at_a_time = self.rendering.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let gauges = &self.gauges;
        let as_gauge = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        gauges.open_streams.set(as_gauge(live.open_streams as u64));
        gauges.replay_history_events.set(as_gauge(live.replay_history_events as u64));
        gauges.replay_history_bytes.set(as_gauge(live.replay_history_bytes as u64));
        gauges.pool_connections.set(i64::from(live.pool_connections));
        gauges.pool_idle_connections.set(i64::from(live.pool_idle_connections));
        gauges.password_hashes_in_flight.set(as_gauge(live.password_hashes_in_flight));
        gauges.process.set(&ProcessStats::read());
        let mut text = String::new();
        if let Err(err) = encode(&mut text, &self.registry) {
            tracing::error!(error = %err, "cannot encode the metrics");
        }
        text
    }
}

/// A task counted as waiting for the blocking pool; dropping it (as the task starts, or is
/// cancelled) uncounts it.
pub struct QueuedTask(());

impl Drop for QueuedTask {
    fn drop(&mut self) {
        metrics().blocking_queued.dec();
    }
}

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// The process's metrics.
pub fn metrics() -> &'static Metrics {
    &METRICS
}
