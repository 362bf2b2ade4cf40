//! Results: one record per scenario, printed as a table and written as JSON.
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use crate::cpu::CpuShares;
use crate::stats::Latency;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Measured,
    /// The endpoint answers 501 on this build: the feature has not landed yet.
    NotYetMeasurable,
    /// Not run: something it needs is missing on this machine (e.g. PostgreSQL for the cluster).
    Skipped,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    pub scenario: String,
    pub measures: String,
    pub dataset: Option<String>,
    pub status: Status,
    /// Why it was not measured or failed, or what to keep in mind about the numbers.
    pub note: Option<String>,
    /// Requests answered in the measured window (for `events_fanout`: sends).
    pub requests: u64,
    pub requests_per_second: Option<f64>,
    /// Request latency (for `events_fanout`: delivery latency, send request → client receipt).
    pub latency: Option<Latency>,
    /// Non-2xx answers plus requests without an answer.
    pub errors: u64,
    pub statuses: BTreeMap<u16, u64>,
    pub server_rss_kib: Option<u64>,
    /// Server CPU time over the load, as a percentage of one core (200 = both cores of this machine).
    pub server_cpu_percent: Option<f64>,
    /// The load generator's own CPU, likewise: it shares the machine with the server.
    pub bench_cpu_percent: Option<f64>,
    /// CPU used by everything else on the machine meanwhile: other people's work competes with the
    /// server for the same cores, and numbers taken while it is high are low.
    pub others_cpu_percent: Option<f64>,
    /// The machine's 1-minute load average just before the scenario (includes the previous one's).
    pub load_average_before: Option<f64>,
    pub details: BTreeMap<String, serde_json::Value>,
}

impl ScenarioResult {
    pub fn new(scenario: &str, measures: &str, dataset: Option<&str>) -> ScenarioResult {
        ScenarioResult {
            scenario: scenario.to_string(),
            measures: measures.to_string(),
            dataset: dataset.map(str::to_string),
            status: Status::Failed,
            note: None,
            requests: 0,
            requests_per_second: None,
            latency: None,
            errors: 0,
            statuses: BTreeMap::new(),
            server_rss_kib: None,
            server_cpu_percent: None,
            bench_cpu_percent: None,
            others_cpu_percent: None,
            load_average_before: None,
            details: BTreeMap::new(),
        }
    }

    pub fn not_yet_measurable(mut self, why: String) -> ScenarioResult {
        self.status = Status::NotYetMeasurable;
        self.note = Some(why);
        self
    }

    pub fn skipped(mut self, why: String) -> ScenarioResult {
        self.status = Status::Skipped;
        self.note = Some(why);
        self
    }

    pub fn failed(mut self, why: String) -> ScenarioResult {
        self.status = Status::Failed;
        self.note = Some(why);
        self
    }

    pub fn set_cpu(&mut self, cpu: CpuShares) {
        self.server_cpu_percent = cpu.server;
        self.bench_cpu_percent = cpu.bench;
        self.others_cpu_percent = cpu.others;
    }

    pub fn detail(&mut self, name: &str, value: impl Serialize) {
        self.details.insert(name.to_string(), serde_json::to_value(value).unwrap_or(serde_json::Value::Null));
    }
}

#[derive(Debug, Serialize)]
pub struct Report {
    /// Seconds since the Unix epoch when the run started.
    pub started_unix: u64,
    pub cpus: usize,
    pub warmup_seconds: f64,
    pub duration_seconds: f64,
    pub connections: usize,
    pub results: Vec<ScenarioResult>,
}

fn cell(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

pub fn print_table(report: &Report) {
    println!();
    println!(
        "{:<26} {:>10} {:>9} {:>9} {:>9} {:>8} {:>8} {:>7} {:>7} {:>7}  note",
        "scenario", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "RSS MiB", "server", "loadgen", "others"
    );
    for r in &report.results {
        let latency = r.latency;
        let rss = r.server_rss_kib.map(|kib| kib as f64 / 1024.0);
        let note = match r.status {
            Status::Measured => r.note.clone().unwrap_or_default(),
            Status::NotYetMeasurable => format!("NOT YET MEASURABLE: {}", r.note.as_deref().unwrap_or("")),
            Status::Skipped => format!("skipped: {}", r.note.as_deref().unwrap_or("")),
            Status::Failed => format!("FAILED: {}", r.note.as_deref().unwrap_or("")),
        };
        println!(
            "{:<26} {:>10} {:>9} {:>9} {:>9} {:>8} {:>8} {:>6}% {:>6}% {:>6}%  {}",
            r.scenario,
            cell(r.requests_per_second, 0),
            cell(latency.map(|l| l.p50_ms), 2),
            cell(latency.map(|l| l.p99_ms), 2),
            cell(latency.map(|l| l.max_ms), 1),
            if r.status == Status::Measured { r.errors.to_string() } else { "-".into() },
            cell(rss, 1),
            cell(r.server_cpu_percent, 0),
            cell(r.bench_cpu_percent, 0),
            cell(r.others_cpu_percent, 0),
            note.lines().next().unwrap_or("")
        );
    }
    for r in report.results.iter().filter(|r| !r.details.is_empty()) {
        println!();
        println!("{}:", r.scenario);
        for (name, value) in &r.details {
            println!("  {name}: {value}");
        }
    }
}

pub fn write_json(report: &Report, path: &Path) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(report)?;
    std::fs::write(path, text + "\n").with_context(|| format!("write {}", path.display()))
}
