//! Rate limits on writes: per client address for callers without a valid session (login, signup,
//! stale tabs), per user for signed-in callers. Every `POST` and `DELETE` operation passes through
//! [`admit`]; reads are never limited.
//!
//! Each limit is a GCRA bucket (`governor`) of `N` requests per minute that also allows bursts of
//! `N`. The per-client state lives in a map of at most `rate_limit_max_clients` entries; entries
//! whose bucket has refilled are pruned every minute, and while the map is full, clients not yet in
//! it share one bucket (so memory stays bounded even under a spread-out flood).
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::ShrinkableKeyedStateStore;
use governor::state::StateStore;
use governor::{Quota, RateLimiter};
use warp::http::Method;

use super::error::ApiError;
use super::http::context::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::config::Settings;
use crate::metrics::metrics;
use crate::net::{self, TrustedProxies};

/// How often the maps are pruned of clients whose bucket is full again.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// A keyed GCRA state store of bounded size: one theoretical arrival time per client, and one shared
/// by the clients that arrive while the map is full.
struct CappedStore<K> {
    max: usize,
    inner: Mutex<CappedInner<K>>,
}

struct CappedInner<K> {
    clients: HashMap<K, u64>,
    overflow: Option<u64>,
}

impl<K: Hash + Eq + Clone> StateStore for CappedStore<K> {
    type Key = K;

    fn measure_and_replace<T, F, E>(&self, key: &K, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let inner = &mut *inner;
        if let Some(tat) = inner.clients.get_mut(key) {
            let (outcome, next) = f(Some(Nanos::from(*tat)))?;
            *tat = next.as_u64();
            return Ok(outcome);
        }
        if inner.clients.len() < self.max {
            let (outcome, next) = f(None)?;
            inner.clients.insert(key.clone(), next.as_u64());
            return Ok(outcome);
        }
        let (outcome, next) = f(inner.overflow.map(Nanos::from))?;
        inner.overflow = Some(next.as_u64());
        Ok(outcome)
    }
}

impl<K: Hash + Eq + Clone> ShrinkableKeyedStateStore<K> for CappedStore<K> {
    fn retain_recent(&self, drop_below: Nanos) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let drop_below = drop_below.as_u64();
        inner.clients.retain(|_, tat| *tat > drop_below);
        if inner.overflow.is_some_and(|tat| tat <= drop_below) {
            inner.overflow = None;
        }
        if inner.clients.capacity() > 4 * inner.clients.len().max(64) {
            inner.clients.shrink_to_fit();
        }
    }

    fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).clients.len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One limit: the limiter and when it was last pruned.
struct Limit<K: Hash + Eq + Clone> {
    limiter: RateLimiter<K, CappedStore<K>, DefaultClock, NoOpMiddleware<<DefaultClock as Clock>::Instant>>,
    clock: DefaultClock,
    last_pruned: Mutex<Instant>,
}

impl<K: Hash + Eq + Clone> Limit<K> {
    /// `None` when `per_minute` is 0 (the limit is off).
    fn new(per_minute: i64, max_clients: usize) -> Option<Limit<K>> {
        let per_minute = NonZeroU32::new(u32::try_from(per_minute).ok()?)?;
        let store = CappedStore {
            max: max_clients,
            inner: Mutex::new(CappedInner { clients: HashMap::new(), overflow: None }),
        };
        let clock = DefaultClock::default();
        Some(Limit {
            limiter: RateLimiter::new(Quota::per_minute(per_minute), store, clock.clone()),
            clock,
            last_pruned: Mutex::new(Instant::now()),
        })
    }

    /// `Err(seconds to wait)` when `key` is over its limit.
    fn check(&self, key: &K) -> Result<(), u64> {
        self.prune_if_due();
        match self.limiter.check_key(key) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now());
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                Err(seconds.max(1))
            }
        }
    }

    fn prune_if_due(&self) {
        let mut last = self.last_pruned.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() >= PRUNE_EVERY {
            *last = Instant::now();
            drop(last);
            self.limiter.retain_recent();
        }
    }

    fn tracked(&self) -> usize {
        self.limiter.len()
    }
}

/// The rate limits of one server.
pub struct RateLimits {
    per_ip: Option<Limit<IpAddr>>,
    per_user: Option<Limit<i64>>,
    proxies: TrustedProxies,
}

impl RateLimits {
    pub fn new(settings: &Settings) -> RateLimits {
        let max = usize::try_from(settings.rate_limit_max_clients).unwrap_or(1).max(1);
        RateLimits {
            per_ip: Limit::new(settings.rate_limit_per_ip_per_minute, max),
            per_user: Limit::new(settings.rate_limit_per_user_per_minute, max),
            proxies: TrustedProxies::new(&settings.trusted_proxies),
        }
    }

    /// The client's address (see `trusted_proxies`).
    pub fn client_ip(&self, ctx: &RequestContext) -> IpAddr {
        let peer = ctx.remote_addr.map(|addr| addr.ip()).unwrap_or(net::UNKNOWN_PEER);
        self.proxies.client_ip(peer, &ctx.headers)
    }

    /// Counts a request against its limit: the user's when signed in, else the client address's.
    pub fn check(&self, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError> {
        let outcome = match user {
            Some(user) => match &self.per_user {
                Some(limit) => limit.check(&user.id),
                None => Ok(()),
            },
            None => match &self.per_ip {
                Some(limit) => limit.check(&net::rate_key(self.client_ip(ctx))),
                None => Ok(()),
            },
        };
        outcome.map_err(|retry_after_seconds| {
            metrics().rate_limited(if user.is_some() { "user" } else { "ip" });
            tracing::debug!(user = user.map(|u| u.id), path = %ctx.path, retry_after_seconds, "rate limited");
            ApiError::TooManyRequests { retry_after_seconds }
        })
    }

    /// Clients tracked: (addresses, users).
    pub fn tracked(&self) -> (usize, usize) {
        (self.per_ip.as_ref().map_or(0, Limit::tracked), self.per_user.as_ref().map_or(0, Limit::tracked))
    }
}

/// Whether an operation's method is a write that the limits cover.
pub fn is_limited(method: &Method) -> bool {
    *method == Method::POST || *method == Method::DELETE || *method == Method::PUT || *method == Method::PATCH
}

/// The generated routes call this for every operation once the caller is known (`user` is `None`
/// without a valid session); reads pass untouched.
pub fn admit(api: &Api, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError> {
    if !is_limited(&ctx.method) {
        return Ok(());
    }
    api.limits.check(ctx, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(peer: &str, xff: Option<&str>) -> RequestContext {
        let mut headers = warp::http::HeaderMap::new();
        if let Some(xff) = xff {
            headers.insert("x-forwarded-for", xff.parse().unwrap());
        }
        RequestContext {
            method: Method::POST,
            path: "/login".into(),
            query: None,
            headers,
            remote_addr: Some(format!("{peer}:4000").parse().unwrap()),
        }
    }

    fn settings(per_ip: i64, per_user: i64, max: i64) -> Settings {
        Settings {
            rate_limit_per_ip_per_minute: per_ip,
            rate_limit_per_user_per_minute: per_user,
            rate_limit_max_clients: max,
            ..Settings::default()
        }
    }

    #[test]
    fn a_burst_of_the_limit_passes_then_the_next_waits() {
        let limits = RateLimits::new(&settings(3, 0, 100));
        for _ in 0..3 {
            assert!(limits.check(&ctx("10.0.0.1", None), None).is_ok());
        }
        match limits.check(&ctx("10.0.0.1", None), None) {
            Err(ApiError::TooManyRequests { retry_after_seconds }) => assert_eq!(retry_after_seconds, 20),
            other => panic!("{other:?}"),
        }
        // Another address has its own bucket.
        assert!(limits.check(&ctx("10.0.0.2", None), None).is_ok());
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limits = RateLimits::new(&settings(0, 0, 100));
        for _ in 0..1000 {
            assert!(limits.check(&ctx("10.0.0.1", None), None).is_ok());
        }
    }

    #[test]
    fn the_map_is_bounded_and_newcomers_share_a_bucket_when_it_is_full() {
        let limits = RateLimits::new(&settings(2, 0, 3));
        for i in 1..=3 {
            assert!(limits.check(&ctx(&format!("10.0.0.{i}"), None), None).is_ok());
        }
        assert_eq!(limits.tracked().0, 3);
        // Three more addresses: not tracked one by one, they share the overflow bucket of 2.
        assert!(limits.check(&ctx("10.0.1.1", None), None).is_ok());
        assert!(limits.check(&ctx("10.0.1.2", None), None).is_ok());
        assert!(limits.check(&ctx("10.0.1.3", None), None).is_err());
        assert_eq!(limits.tracked().0, 3);
        // Tracked clients keep their own buckets.
        assert!(limits.check(&ctx("10.0.0.1", None), None).is_ok());
        // Pruning drops only clients whose bucket has refilled (none here, a moment later).
        limits.per_ip.as_ref().unwrap().limiter.retain_recent();
        assert_eq!(limits.tracked().0, 3);
    }

    #[test]
    fn pruning_forgets_refilled_clients() {
        let store =
            CappedStore::<u8> { max: 10, inner: Mutex::new(CappedInner { clients: HashMap::new(), overflow: None }) };
        store.inner.lock().unwrap().clients.extend([(1, 100), (2, 5_000)]);
        store.retain_recent(Nanos::from(1_000));
        assert_eq!(store.inner.lock().unwrap().clients.keys().copied().collect::<Vec<_>>(), vec![2]);
    }
}
