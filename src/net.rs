//! Client addresses: trusted reverse proxies (`X-Forwarded-For`) and the address a rate limit keys on.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use warp::http::HeaderMap;

/// An IP address or a CIDR range (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`), as `trusted_proxies` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub fn parse(text: &str) -> Option<IpRange> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = addr.parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|p| *p <= max)?
            }
            Some(_) => return None,
        };
        Some(IpRange { base: canonical(base), prefix })
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        match (self.base, canonical(addr)) {
            (IpAddr::V4(base), IpAddr::V4(addr)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(base) & mask == u32::from(addr) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(addr)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(base) & mask == u128::from(addr) & mask
            }
            _ => false,
        }
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, what a dual-stack socket reports) as plain IPv4.
pub fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// The parsed `trusted_proxies` setting.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpRange>);

impl TrustedProxies {
    /// Entries that do not parse are skipped (the settings were validated at start-up).
    pub fn new(entries: &[String]) -> TrustedProxies {
        TrustedProxies(entries.iter().filter_map(|e| IpRange::parse(e)).collect())
    }

    pub fn trusts(&self, addr: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(addr))
    }

    /// The client's address: the connection's peer, unless the peer is a trusted proxy; then the
    /// `X-Forwarded-For` list is read from the right (each proxy appends the address it saw), and the
    /// first address that is not itself a trusted proxy is the client. A malformed entry stops the walk
    /// at the last trusted hop, so a client cannot hide behind garbage.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|hop| !hop.is_empty())
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(addr) = parse_hop(hop) else { break };
            client = addr;
            if !self.trusts(addr) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(addr) = hop.parse::<IpAddr>() {
        return Some(canonical(addr));
    }
    if let Ok(sock) = hop.parse::<std::net::SocketAddr>() {
        return Some(canonical(sock.ip()));
    }
    None
}

/// What a per-address limit keys on: the IPv4 address, or the /64 network of an IPv6 address (one
/// subscriber usually holds a whole /64, so single IPv6 addresses would be free to rotate).
pub fn rate_key(addr: IpAddr) -> IpAddr {
    match canonical(addr) {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        v4 => v4,
    }
}

/// The loopback address, for requests whose peer is unknown (never the case over TCP).
pub const UNKNOWN_PEER: IpAddr = IpAddr::V4(Ipv4Addr::UNSPECIFIED);

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in xff {
            map.append("x-forwarded-for", value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ranges_parse_and_match() {
        assert!(IpRange::parse("10.0.0.0/8").unwrap().contains(ip("10.200.1.1")));
        assert!(!IpRange::parse("10.0.0.0/8").unwrap().contains(ip("11.0.0.1")));
        assert!(IpRange::parse("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(IpRange::parse("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(!IpRange::parse("fd00::/8").unwrap().contains(ip("10.0.0.1")));
        for bad in ["", "proxy", "10.0.0.0/33", "10.0.0.0/", "::1/129", "10.0.0.0/-1"] {
            assert!(IpRange::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let none = TrustedProxies::new(&[]);
        assert_eq!(none.client_ip(ip("127.0.0.1"), &headers(&["1.2.3.4"])), ip("127.0.0.1"));
        let trusted = TrustedProxies::new(&["127.0.0.1".into(), "10.0.0.0/8".into()]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &headers(&["1.2.3.4"])), ip("1.2.3.4"));
        // A spoofed left part is ignored: the rightmost untrusted hop is the client.
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &headers(&["6.6.6.6, 1.2.3.4, 10.1.1.1"])), ip("1.2.3.4"));
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &headers(&["6.6.6.6", "1.2.3.4:5555"])), ip("1.2.3.4"));
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &headers(&["1.2.3.4, junk"])), ip("127.0.0.1"));
        // No header: the proxy itself.
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &headers(&[])), ip("127.0.0.1"));
        // An untrusted peer's header is ignored.
        assert_eq!(trusted.client_ip(ip("192.168.1.5"), &headers(&["1.2.3.4"])), ip("192.168.1.5"));
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        assert_eq!(rate_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(rate_key(ip("::ffff:1.2.3.4")), ip("1.2.3.4"));
    }
}
