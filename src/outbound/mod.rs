//! Outbound HTTP for link previews: a guarded, bounded fetch of one web page.
//!
//! The guard is the point. A link preview makes the server fetch a URL a user chose, so without it
//! anyone could make the server reach what only it can reach (its loopback services, the private
//! network, the cloud metadata address). Every hop — the first request and each redirect — resolves
//! its host once, refuses it unless every address is public ([`crate::domain::addresses`]), and then
//! connects to exactly the address that was checked, so a DNS answer that changes between the check
//! and the connection (DNS rebinding) cannot redirect the fetch. Redirects are followed by hand
//! (at most [`MAX_REDIRECTS`]); the body is read up to a byte limit and the whole fetch is bounded in
//! time by the caller.
mod http;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use url::Url;

use crate::domain::addresses::is_public;
use crate::net::IpRange;

/// Redirects followed at most (the reference's limit too).
pub const MAX_REDIRECTS: usize = 3;

/// Why a fetch gave no page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// A hop's host has an address that is not public (or names no address at all).
    #[error("refused address")]
    RefusedAddress,
    /// A redirect to something other than http(s).
    #[error("unsupported redirect target")]
    UnsupportedTarget,
    /// The answer is not HTML.
    #[error("not html")]
    NotHtml,
    /// Anything else: DNS, connection, TLS, HTTP, an error status, too many redirects.
    #[error("fetch failed: {0}")]
    Failed(String),
}

/// A fetched page: where it was found (after redirects) and the start of its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub url: Url,
    pub html: String,
}

/// Turns a host name into addresses. The real one asks the system's resolver; tests substitute a
/// fixed table to prove that names resolving to private addresses are refused.
pub trait Resolve: Send + Sync {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
        port: u16,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + 'a>>;
}

/// The system resolver (`getaddrinfo`, off the async threads).
pub struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
        port: u16,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + 'a>> {
        Box::pin(async move { Ok(tokio::net::lookup_host((host, port)).await?.collect()) })
    }
}

/// Fetches pages for previews. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    /// Ranges allowed although not public: the test-only `link_preview_allowed_ranges` setting.
    allowed: Arc<Vec<IpRange>>,
    resolver: Arc<dyn Resolve>,
    tls: Arc<rustls::ClientConfig>,
    /// Bytes of body read at most.
    max_body: usize,
}

impl Fetcher {
    pub fn new(allowed: Vec<IpRange>, resolver: Arc<dyn Resolve>, max_body: usize) -> Fetcher {
        let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports the default TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        Fetcher { allowed: Arc::new(allowed), resolver, tls: Arc::new(tls), max_body }
    }

    /// Whether a fetch may connect to `addr`.
    pub fn may_connect(&self, addr: IpAddr) -> bool {
        is_public(addr) || self.allowed.iter().any(|range| range.contains(addr))
    }

    /// Fetches `url` (http or https), following at most [`MAX_REDIRECTS`] redirects, each hop
    /// checked. The caller bounds the time.
    pub async fn fetch(&self, mut url: Url) -> Result<Page, FetchError> {
        for _ in 0..=MAX_REDIRECTS {
            let addr = self.checked_address(&url).await?;
            match http::get(&url, addr, &self.tls, self.max_body).await? {
                http::Answer::Redirect(location) => {
                    let next = url.join(&location).map_err(|_| FetchError::Failed("bad redirect".into()))?;
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(FetchError::UnsupportedTarget);
                    }
                    url = next;
                }
                http::Answer::Html(html) => return Ok(Page { url, html }),
            }
        }
        Err(FetchError::Failed("too many redirects".into()))
    }

    /// The one address this hop connects to: the host's addresses, all of them allowed (a name
    /// with a private address among public ones is refused: which one a client would pick is not
    /// ours to guess), and the first of them used.
    async fn checked_address(&self, url: &Url) -> Result<SocketAddr, FetchError> {
        let port = url.port_or_known_default().ok_or(FetchError::UnsupportedTarget)?;
        let addrs = match url.host() {
            Some(url::Host::Ipv4(v4)) => vec![SocketAddr::new(IpAddr::V4(v4), port)],
            Some(url::Host::Ipv6(v6)) => vec![SocketAddr::new(IpAddr::V6(v6), port)],
            Some(url::Host::Domain(name)) => {
                self.resolver.resolve(name, port).await.map_err(|err| FetchError::Failed(format!("resolve: {err}")))?
            }
            None => return Err(FetchError::UnsupportedTarget),
        };
        if addrs.is_empty() || !addrs.iter().all(|addr| self.may_connect(addr.ip())) {
            return Err(FetchError::RefusedAddress);
        }
        Ok(addrs[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolver with fixed answers, like a hostile DNS server's.
    struct Table(Vec<(&'static str, &'static str)>);

    impl Resolve for Table {
        fn resolve<'a>(
            &'a self,
            host: &'a str,
            port: u16,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + 'a>>
        {
            let found = self
                .0
                .iter()
                .filter(|(name, _)| *name == host)
                .map(|(_, addr)| SocketAddr::new(addr.parse().unwrap(), port))
                .collect();
            Box::pin(async move { Ok(found) })
        }
    }

    fn fetcher(table: Vec<(&'static str, &'static str)>) -> Fetcher {
        Fetcher::new(Vec::new(), Arc::new(Table(table)), 65_536)
    }

    #[tokio::test]
    async fn a_name_resolving_to_a_private_address_is_refused_before_any_connection() {
        let fetcher = fetcher(vec![
            ("intranet.example", "10.1.2.3"),
            ("metadata.example", "169.254.169.254"),
            ("mixed.example", "93.184.216.34"),
            ("mixed.example", "192.168.0.1"),
            ("v6.example", "fd00::1"),
        ]);
        for host in ["intranet.example", "metadata.example", "mixed.example", "v6.example", "nothing.example"] {
            let url = Url::parse(&format!("http://{host}/")).unwrap();
            assert_eq!(fetcher.fetch(url).await, Err(FetchError::RefusedAddress), "{host}");
        }
    }

    #[tokio::test]
    async fn ip_literals_in_every_spelling_are_checked_as_the_address_they_mean() {
        let fetcher = fetcher(Vec::new());
        for url in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://0x7f.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0:5000/",
            "https://[fe80::1]/",
        ] {
            assert_eq!(fetcher.fetch(Url::parse(url).unwrap()).await, Err(FetchError::RefusedAddress), "{url}");
        }
    }

    #[test]
    fn the_test_allow_list_admits_only_its_ranges() {
        let fetcher = Fetcher::new(vec![IpRange::parse("127.0.0.1/32").unwrap()], Arc::new(SystemResolver), 1);
        assert!(fetcher.may_connect("127.0.0.1".parse().unwrap()));
        assert!(!fetcher.may_connect("127.0.0.2".parse().unwrap()));
        assert!(!fetcher.may_connect("10.0.0.1".parse().unwrap()));
        assert!(fetcher.may_connect("93.184.216.34".parse().unwrap()));
    }
}
