//! Link previews (`GET /link_preview`): the URL checked, the page fetched through the guarded
//! fetcher ([`crate::outbound`]) within 5 seconds, its card read ([`crate::domain::link_preview`]),
//! and the outcome, card or not, kept in a bounded LRU cache with expiry, so that every client that
//! shows a popular link does not make the server fetch it again.
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lru::LruCache;
use tokio::sync::Semaphore;

use crate::config::Settings;
use crate::domain::link_preview::{card_from_html, parse_target, Card};
use crate::net::IpRange;
use crate::outbound::{FetchError, Fetcher, Resolve, SystemResolver};

/// The whole fetch, redirects included, takes at most this long (the reference's timeout).
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// Bytes of a page's body read at most (the reference's limit).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why a preview is what it is (the `X-Link-Preview` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Card,
    InvalidUrl,
    RefusedAddress,
    Failed,
    Timeout,
    NotHtml,
    NoTitle,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Card => "card",
            Outcome::InvalidUrl => "invalid-url",
            Outcome::RefusedAddress => "refused-address",
            Outcome::Failed => "failed",
            Outcome::Timeout => "timeout",
            Outcome::NotHtml => "not-html",
            Outcome::NoTitle => "no-title",
        }
    }
}

/// A preview: the card, if any, why, and whether it came from the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub card: Option<Card>,
    pub outcome: Outcome,
    pub cached: bool,
}

/// A cached outcome: when it was fetched, the card if any, and why.
type Cached = (Instant, Option<Card>, Outcome);

/// The previewer: fetcher, cache and the bound on fetches in flight. Cheap to clone.
#[derive(Clone)]
pub struct LinkPreviews {
    fetcher: Fetcher,
    cache: Arc<Mutex<LruCache<String, Cached>>>,
    ttl: Duration,
    slots: Arc<Semaphore>,
}

impl LinkPreviews {
    pub fn new(settings: &Settings) -> LinkPreviews {
        Self::with_resolver(settings, Arc::new(SystemResolver))
    }

    pub fn with_resolver(settings: &Settings, resolver: Arc<dyn Resolve>) -> LinkPreviews {
        let allowed = settings.link_preview_allowed_ranges.iter().filter_map(|r| IpRange::parse(r)).collect();
        let entries = NonZeroUsize::new(settings.link_preview_cache_entries as usize).unwrap_or(NonZeroUsize::MIN);
        LinkPreviews {
            fetcher: Fetcher::new(allowed, resolver, MAX_BODY_BYTES),
            cache: Arc::new(Mutex::new(LruCache::new(entries))),
            ttl: Duration::from_secs_f64(settings.link_preview_cache_minutes * 60.0),
            slots: Arc::new(Semaphore::new(settings.max_concurrent_link_previews as usize)),
        }
    }

    /// The preview of `raw` (a query value, possibly missing).
    pub async fn preview(&self, raw: Option<&str>) -> Preview {
        let Some(url) = raw.and_then(parse_target) else {
            return Preview { card: None, outcome: Outcome::InvalidUrl, cached: false };
        };
        let key = url.to_string();
        if let Some((card, outcome)) = self.cached(&key) {
            return Preview { card, outcome, cached: true };
        }
        // The wait for a slot counts towards the 5 seconds: a burst of previews cannot queue up
        // fetches for longer than one would take.
        let fetched = tokio::time::timeout(FETCH_TIMEOUT, async {
            let _slot = self.slots.acquire().await.map_err(|_| FetchError::Failed("shutting down".into()))?;
            self.fetcher.fetch(url).await
        })
        .await;
        let (card, outcome) = match fetched {
            Err(_) => (None, Outcome::Timeout),
            Ok(Err(FetchError::RefusedAddress)) => (None, Outcome::RefusedAddress),
            Ok(Err(FetchError::UnsupportedTarget)) => (None, Outcome::InvalidUrl),
            Ok(Err(FetchError::NotHtml)) => (None, Outcome::NotHtml),
            Ok(Err(FetchError::Failed(why))) => {
                tracing::debug!(url = %key, why, "link preview fetch failed");
                (None, Outcome::Failed)
            }
            Ok(Ok(page)) => match card_from_html(&page.html, &page.url) {
                Some(card) => (Some(card), Outcome::Card),
                None => (None, Outcome::NoTitle),
            },
        };
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .put(key, (Instant::now(), card.clone(), outcome));
        Preview { card, outcome, cached: false }
    }

    fn cached(&self, key: &str) -> Option<(Option<Card>, Outcome)> {
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match cache.get(key) {
            Some((at, card, outcome)) if at.elapsed() < self.ttl => Some((card.clone(), *outcome)),
            Some(_) => {
                cache.pop(key);
                None
            }
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn invalid_urls_are_answered_without_a_fetch_or_a_cache_entry() {
        let previews = LinkPreviews::new(&Settings::default());
        for raw in [None, Some(""), Some("file:///etc/passwd"), Some("gopher://example.com/"), Some("not a url")] {
            let preview = previews.preview(raw).await;
            assert_eq!((preview.card, preview.outcome), (None, Outcome::InvalidUrl), "{raw:?}");
        }
        assert_eq!(previews.cache.lock().unwrap().len(), 0);
    }

    #[tokio::test]
    async fn refusals_are_cached_and_the_cache_keeps_at_most_its_size() {
        let settings = Settings { link_preview_cache_entries: 2, ..Settings::default() };
        let previews = LinkPreviews::new(&settings);
        for host in ["127.0.0.1", "10.0.0.1", "192.168.0.1"] {
            let preview = previews.preview(Some(&format!("http://{host}/"))).await;
            assert_eq!(preview.outcome, Outcome::RefusedAddress);
            assert!(!preview.cached);
        }
        assert_eq!(previews.cache.lock().unwrap().len(), 2);
        let again = previews.preview(Some("http://192.168.0.1/")).await;
        assert!(again.cached);
        let evicted = previews.preview(Some("http://127.0.0.1/")).await;
        assert!(!evicted.cached, "the least recently used entry went first");
    }

    #[tokio::test]
    async fn entries_expire() {
        let settings = Settings { link_preview_cache_minutes: 0.000_01, ..Settings::default() };
        let previews = LinkPreviews::new(&settings);
        previews.preview(Some("http://10.0.0.1/")).await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(!previews.preview(Some("http://10.0.0.1/")).await.cached);
    }
}
