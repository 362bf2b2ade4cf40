//! `channel_open`: what opening a channel costs the server in the web app since issue 19 — the
//! newest page (`GET /messages/general?limit=50`) and the read receipts of that page
//! (`GET /read_receipts/general?from_id=&to_id=`) — on channels of 1,000, 100,000 and 1,000,000
//! messages read by 10 people. Each size runs the closed-loop load, the connections alternating the
//! two requests, so one open is two answered requests. The cost must not grow with the history: the
//! scenario fails unless every size's rate is within 20 % of the fastest's, or if any size opens
//! fewer than 5,000 channels a second.
use std::sync::Arc;

use bytes::Bytes;
use serde_json::json;

use crate::http::{Call, Connection};
use crate::report::{ScenarioResult, Status};
use crate::scenarios::{expect_array_len, expect_status, finish, measure_load, start, Options};
use crate::seed::Dataset;

/// The history lengths compared.
pub const SIZES: [u32; 3] = [1_000, 100_000, 1_000_000];
/// The web app's page.
const PAGE: usize = 50;
/// Users who have read the whole channel (each send has receipts).
const READERS: u32 = 10;
/// The slowest size must reach this share of the fastest one's rate.
const FLAT_WITHIN: f64 = 0.8;
/// Opens per second every size must reach (SQLite).
const MIN_OPENS_PER_SECOND: f64 = 5_000.0;

pub fn dataset(size: u32) -> Dataset {
    Dataset {
        bulk_messages: vec![("general".into(), size)],
        readers: READERS,
        ..Dataset::users(&format!("channel-open-{size}"), 100)
    }
}

/// The two requests of an open, as checked on the running server: the page's path and the path of
/// its receipts.
async fn probe(running: &crate::scenarios::Running) -> Result<(String, String), String> {
    let cookie = Arc::clone(&running.fixture.cookies[0]);
    let mut connection = Connection::open(running.server.addr).await.map_err(|err| format!("{err:#}"))?;
    let page_path = format!("/messages/general?limit={PAGE}");
    let (status, body) = connection.send(&Call::get(&page_path).cookie(&cookie)).await.map_err(|e| format!("{e:#}"))?;
    expect_status(status, 200, &body)?;
    expect_array_len(&body, PAGE)?;
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&body).map_err(|err| err.to_string())?;
    let id = |row: &serde_json::Value| row["id"].as_i64().ok_or("a row without an id");
    let (first, last) = (id(&rows[0])?, id(&rows[PAGE - 1])?);
    let receipts_path = format!("/read_receipts/general?from_id={first}&to_id={last}");
    let (status, body) =
        connection.send(&Call::get(&receipts_path).cookie(&cookie)).await.map_err(|e| format!("{e:#}"))?;
    expect_status(status, 200, &body)?;
    expect_receipts_of_every_send(&body)?;
    Ok((page_path, receipts_path))
}

/// Every send of the page has receipts (each has 9 or 10 readers: not its sender).
fn expect_receipts_of_every_send(body: &Bytes) -> Result<(), String> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(body).map_err(|err| format!("receipts are not a JSON object: {err}"))?;
    if map.len() != PAGE {
        return Err(format!("expected receipts of {PAGE} sends, got {}", map.len()));
    }
    Ok(())
}

/// One size: the load on its dataset, summarised.
async fn measure(options: &Options, size: u32) -> ScenarioResult {
    let dataset = dataset(size);
    let mut result = ScenarioResult::new(&format!("channel_open_{size}"), "", Some(&dataset.name));
    let running = match start(options, &result.scenario.clone(), &dataset).await {
        Ok(running) => running,
        Err(err) => return result.failed(format!("{err:#}")),
    };
    match probe(&running).await {
        Err(why) => result = result.failed(format!("probe: {why}")),
        Ok((page, receipts)) => {
            let fixture = Arc::clone(&running.fixture);
            let (page, receipts) = (Arc::new(page), Arc::new(receipts));
            let call = move |conn: usize, seq: u64| {
                let path = if seq % 2 == 0 { page.as_str() } else { receipts.as_str() };
                Call::get(path).cookie(&fixture.cookies[conn % fixture.cookies.len()])
            };
            if let Err(err) = measure_load(options, &[&running.server], call, &mut result).await {
                result = result.failed(format!("{err:#}"));
            }
        }
    }
    finish(options, running);
    result
}

fn opens_per_second(phase: &ScenarioResult) -> Option<f64> {
    phase.requests_per_second.map(|rate| rate / 2.0)
}

fn summary(phase: &ScenarioResult) -> serde_json::Value {
    let opens = opens_per_second(phase);
    json!({
        "status": phase.status,
        "note": phase.note,
        "opens_per_second": opens.map(f64::round),
        "latency_ms": phase.latency,
        "errors": phase.errors,
        "server_cpu_percent": phase.server_cpu_percent.map(f64::round),
        // Server CPU per open: the cost that must stay flat.
        "server_cpu_us_per_open": phase.server_cpu_percent.zip(opens).map(|(cpu, opens)| (cpu * 1e4 / opens).round()),
        "server_rss_kib": phase.server_rss_kib,
    })
}

/// The verdict over the sizes' rates: `Err` says why the scenario fails.
pub fn judge(rates: &[(u32, Option<f64>)]) -> Result<String, String> {
    let measured: Vec<(u32, f64)> = rates.iter().filter_map(|(size, rate)| rate.map(|rate| (*size, rate))).collect();
    if measured.len() != rates.len() {
        return Err("not every size was measured".into());
    }
    let fastest = measured.iter().map(|(_, rate)| *rate).fold(0.0, f64::max);
    let slowest = measured.iter().map(|(_, rate)| *rate).fold(f64::INFINITY, f64::min);
    let listed: Vec<String> = measured.iter().map(|(size, rate)| format!("{size}: {rate:.0}")).collect();
    let listed = format!("opens/s by history length: {}", listed.join(", "));
    if slowest < fastest * FLAT_WITHIN {
        return Err(format!(
            "not flat: the slowest size is {:.0} % of the fastest ({listed})",
            slowest / fastest * 100.0
        ));
    }
    if slowest < MIN_OPENS_PER_SECOND {
        return Err(format!("below {MIN_OPENS_PER_SECOND:.0} opens/s ({listed})"));
    }
    Ok(format!("flat within {:.0} % ({listed})", (1.0 - slowest / fastest) * 100.0))
}

pub async fn run(options: &Options, mut result: ScenarioResult) -> ScenarioResult {
    let mut rates = Vec::new();
    let mut last = None;
    for size in SIZES {
        let phase = measure(options, size).await;
        result.detail(&format!("history_{size}"), summary(&phase));
        rates.push((size, opens_per_second(&phase)));
        if phase.status == Status::Failed {
            return result.failed(format!("{size} messages: {}", phase.note.unwrap_or_default()));
        }
        last = Some(phase);
    }
    // The table's figures are the largest history's; every size is in the details.
    if let Some(phase) = last {
        result.status = phase.status;
        result.requests = phase.requests;
        result.requests_per_second = phase.requests_per_second;
        result.latency = phase.latency;
        result.errors = phase.errors;
        result.statuses = phase.statuses;
        result.server_rss_kib = phase.server_rss_kib;
        result.server_cpu_percent = phase.server_cpu_percent;
        result.bench_cpu_percent = phase.bench_cpu_percent;
        result.others_cpu_percent = phase.others_cpu_percent;
    }
    match judge(&rates) {
        Ok(verdict) => {
            result.note = Some(format!("requests/s counts both requests of an open; {verdict}"));
            result
        }
        Err(why) => result.failed(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_fast_rates_pass_and_growing_or_slow_ones_fail() {
        assert!(judge(&[(1, Some(6000.0)), (2, Some(5500.0)), (3, Some(5900.0))]).is_ok());
        let steep = judge(&[(1, Some(9000.0)), (2, Some(7000.0)), (3, Some(6000.0))]);
        assert!(steep.unwrap_err().starts_with("not flat"));
        let slow = judge(&[(1, Some(3000.0)), (2, Some(3000.0)), (3, Some(2900.0))]);
        assert!(slow.unwrap_err().starts_with("below 5000"));
        assert!(judge(&[(1, Some(6000.0)), (2, None)]).is_err());
    }

    #[test]
    fn the_datasets_differ_only_in_history_length() {
        let (small, large) = (dataset(SIZES[0]), dataset(SIZES[2]));
        assert_eq!(large.bulk_messages, vec![("general".to_string(), 1_000_000)]);
        assert_eq!(Dataset { name: large.name.clone(), bulk_messages: large.bulk_messages.clone(), ..small }, large);
    }
}
