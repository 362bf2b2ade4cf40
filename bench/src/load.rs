//! The closed-loop load generator: a fixed number of keep-alive connections, each sending its next
//! request as soon as the previous answer is read, for a warm-up and then a measured window.
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::http::{Call, Connection};
use crate::stats;

#[derive(Debug, Clone)]
pub struct Plan {
    pub connections: usize,
    pub warmup: Duration,
    pub duration: Duration,
    /// Upper bound on requests per connection, whatever the duration.
    pub max_requests: u64,
    /// A request that takes longer counts as failed (and its connection is replaced).
    pub timeout: Duration,
}

/// What the measured window produced (warm-up requests are not in it).
#[derive(Debug, Default)]
pub struct Outcome {
    pub latencies_us: Vec<u64>,
    pub statuses: BTreeMap<u16, u64>,
    /// Requests that got no answer: connection errors and timeouts.
    pub failures: u64,
    pub first_failure: Option<String>,
    pub window: Duration,
}

impl Outcome {
    pub fn answered(&self) -> u64 {
        self.statuses.values().sum()
    }

    /// Non-2xx answers and failures.
    pub fn errors(&self) -> u64 {
        let non_2xx: u64 =
            self.statuses.iter().filter(|(status, _)| !(200..300).contains(*status)).map(|(_, n)| n).sum();
        non_2xx + self.failures
    }

    fn merge(&mut self, other: Outcome) {
        self.latencies_us.extend(other.latencies_us);
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        self.failures += other.failures;
        if self.first_failure.is_none() {
            self.first_failure = other.first_failure;
        }
        self.window = self.window.max(other.window);
    }
}

/// Runs the plan against the servers at `addrs` (the nodes of a cluster, or one server): connection
/// `c` goes to `addrs[c % addrs.len()]`, so the load is spread evenly, as a round-robin balancer
/// would; `call_for(connection, sequence)` names each request.
pub async fn run<F>(addrs: &[SocketAddr], plan: &Plan, call_for: F) -> anyhow::Result<Outcome>
where
    F: Fn(usize, u64) -> Call + Send + Sync + 'static,
{
    if addrs.is_empty() {
        anyhow::bail!("no server to send the load to");
    }
    let call_for = Arc::new(call_for);
    let measure_from = Instant::now() + plan.warmup;
    let end = measure_from + plan.duration;
    let mut workers = Vec::with_capacity(plan.connections);
    for worker in 0..plan.connections {
        let (call_for, plan) = (Arc::clone(&call_for), plan.clone());
        let addr = addrs[round_robin(worker, addrs.len())];
        workers.push(tokio::spawn(async move {
            connection_loop(addr, &plan, measure_from, end, |seq| call_for(worker, seq)).await
        }));
    }
    let mut total = Outcome::default();
    for worker in workers {
        total.merge(worker.await.context("load worker panicked")?);
    }
    if total.window.is_zero() {
        total.window = plan.duration;
    }
    Ok(total)
}

/// Which of `count` servers the `index`-th connection (or client, or send) goes to.
pub fn round_robin(index: usize, count: usize) -> usize {
    index % count.max(1)
}

async fn connection_loop(
    addr: SocketAddr,
    plan: &Plan,
    measure_from: Instant,
    end: Instant,
    call_for: impl Fn(u64) -> Call,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut connection: Option<Connection> = None;
    for seq in 0..plan.max_requests {
        let started = Instant::now();
        if started >= end {
            break;
        }
        let measuring = started >= measure_from;
        let result = match connection.as_mut() {
            Some(open) => tokio::time::timeout(plan.timeout, open.send(&call_for(seq)))
                .await
                .unwrap_or_else(|_| Err(anyhow::anyhow!("no answer within {:?}", plan.timeout))),
            None => match Connection::open(addr).await {
                Ok(open) => {
                    connection = Some(open);
                    continue;
                }
                Err(err) => {
                    // Do not spin on a server that refuses connections.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    Err(err)
                }
            },
        };
        let finished = Instant::now();
        match result {
            Ok((status, _body)) => {
                if measuring {
                    outcome.latencies_us.push(stats::micros(finished - started));
                    *outcome.statuses.entry(status.as_u16()).or_default() += 1;
                    outcome.window = outcome.window.max(finished - measure_from);
                }
            }
            Err(err) => {
                connection = None;
                if measuring {
                    outcome.failures += 1;
                    outcome.first_failure.get_or_insert_with(|| format!("{err:#}"));
                }
            }
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_spreads_consecutive_indexes_evenly_over_the_servers() {
        let nodes: Vec<usize> = (0..7).map(|i| round_robin(i, 3)).collect();
        assert_eq!(nodes, vec![0, 1, 2, 0, 1, 2, 0]);
        assert!((0..5).all(|i| round_robin(i, 1) == 0));
    }

    #[tokio::test]
    async fn a_load_without_servers_is_refused() {
        let plan = Plan {
            connections: 1,
            warmup: Duration::ZERO,
            duration: Duration::from_millis(1),
            max_requests: 1,
            timeout: Duration::from_secs(1),
        };
        assert!(run(&[], &plan, |_, _| Call::get("/")).await.is_err());
    }
}
