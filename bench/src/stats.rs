//! Latency percentiles and throughput from raw samples.
use std::time::Duration;

use serde::Serialize;

/// Latency percentiles in milliseconds (nearest-rank, over every recorded sample).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Latency {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// The `p`-quantile (0 < p ≤ 1) of sorted samples by the nearest-rank method.
fn nearest_rank(sorted: &[u64], p: f64) -> u64 {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Summarises samples given in microseconds; `None` when there are none.
pub fn latency(mut micros: Vec<u64>) -> Option<Latency> {
    if micros.is_empty() {
        return None;
    }
    micros.sort_unstable();
    let ms = |us: u64| us as f64 / 1000.0;
    Some(Latency {
        count: micros.len(),
        p50_ms: ms(nearest_rank(&micros, 0.50)),
        p99_ms: ms(nearest_rank(&micros, 0.99)),
        max_ms: ms(micros[micros.len() - 1]),
    })
}

pub fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

pub fn per_second(count: u64, window: Duration) -> f64 {
    if window.is_zero() {
        0.0
    } else {
        count as f64 / window.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples: Vec<u64> = (1..=100).map(|ms| ms * 1000).collect();
        let summary = latency(samples).unwrap();
        assert_eq!(summary.count, 100);
        assert_eq!(summary.p50_ms, 50.0);
        assert_eq!(summary.p99_ms, 99.0);
        assert_eq!(summary.max_ms, 100.0);
    }

    #[test]
    fn a_single_sample_is_every_percentile_and_none_is_no_summary() {
        let summary = latency(vec![2500]).unwrap();
        assert_eq!((summary.p50_ms, summary.p99_ms, summary.max_ms), (2.5, 2.5, 2.5));
        assert!(latency(Vec::new()).is_none());
    }

    #[test]
    fn rates_are_per_second_of_the_window() {
        assert_eq!(per_second(500, Duration::from_millis(250)), 2000.0);
        assert_eq!(per_second(5, Duration::ZERO), 0.0);
    }
}
