//! Whether this node should receive traffic (`GET /readyz`): a list of named checks that must all
//! pass. Two are built in: `accepting` (fails once the node is shutting down, so a load balancer
//! stops sending before it stops listening) and `database` (a trivial query answered within
//! [`DATABASE_TIMEOUT`]); on PostgreSQL also `event_listener` (the relay hears the other nodes).
//!
//! **Adding a check.** Whatever part of the server owns a condition registers it once, at start-up,
//! with [`Readiness::register`], and keeps the returned [`ReadyFlag`]: it sets the flag while the
//! condition holds (e.g. `let listener = services.readiness.register("event_listener", false);`,
//! then `listener.set(true)` once connected and `set(false)` when the connection drops). Checks are
//! reported in the order they were registered, after the built-in ones.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Services;
use crate::contract::schemas::{Readiness as Report, ReadinessCheck, ReadinessStatus};

/// How long the database may take to answer a readiness probe's query.
pub const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

/// The node's readiness conditions; cheap to clone, all clones share them.
#[derive(Clone, Default)]
pub struct Readiness {
    draining: Arc<AtomicBool>,
    checks: Arc<Mutex<Vec<(&'static str, ReadyFlag)>>>,
}

/// One registered condition: the check passes while the flag is set.
#[derive(Clone, Debug)]
pub struct ReadyFlag(Arc<AtomicBool>);

impl ReadyFlag {
    pub fn set(&self, up: bool) {
        self.0.store(up, Ordering::Release);
    }

    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

impl Readiness {
    /// Adds a check named `name` (unique, `snake_case`), passing while the returned flag is set;
    /// `up` is its first value.
    pub fn register(&self, name: &'static str, up: bool) -> ReadyFlag {
        let flag = ReadyFlag(Arc::new(AtomicBool::new(up)));
        self.checks.lock().unwrap_or_else(|e| e.into_inner()).push((name, flag.clone()));
        flag
    }

    /// From now on the node reports itself not ready (`accepting` fails): it is shutting down.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::Release);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }
}

fn check(name: &str, failure: Option<&str>) -> ReadinessCheck {
    ReadinessCheck { name: name.to_string(), ok: failure.is_none(), detail: failure.unwrap_or("ok").to_string() }
}

/// Runs every check. The report says `ready` only when all pass.
pub async fn readiness(services: &Services) -> Report {
    let readiness = &services.readiness;
    let mut checks = vec![check("accepting", readiness.is_draining().then_some("shutting down"))];
    let database = match services.store.ping(DATABASE_TIMEOUT).await {
        Ok(()) => None,
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), "readiness: the database check fails");
            Some("no answer within 2 s")
        }
    };
    checks.push(check("database", database));
    if let Some(listening) = services.events.listening() {
        // Without it this node's streams miss what the other nodes publish.
        checks.push(check("event_listener", (!listening).then_some("not hearing the other nodes' events")));
    }
    let registered: Vec<(&'static str, bool)> = readiness
        .checks
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .map(|(name, flag)| (*name, flag.is_set()))
        .collect();
    checks.extend(registered.into_iter().map(|(name, up)| check(name, (!up).then_some("not ready"))));
    let failing: Vec<String> = checks.iter().filter(|c| !c.ok).map(|c| c.name.clone()).collect();
    let status = if failing.is_empty() { ReadinessStatus::Ready } else { ReadinessStatus::NotReady };
    Report { status, failing, checks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registered_flag_is_read_at_each_probe() {
        let readiness = Readiness::default();
        let listener = readiness.register("event_listener", false);
        assert!(!readiness.checks.lock().unwrap()[0].1.is_set());
        listener.set(true);
        assert!(readiness.checks.lock().unwrap()[0].1.is_set());
        assert!(!readiness.is_draining());
        readiness.clone().start_draining();
        assert!(readiness.is_draining(), "clones share the state");
    }
}
