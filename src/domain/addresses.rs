//! Which addresses an outbound fetch (link previews) may connect to: public unicast only. Everything
//! that reaches this host, its network, or infrastructure a request must not be able to name is
//! refused: loopback, private (RFC 1918), link-local (the cloud metadata address 169.254.169.254),
//! carrier-grade NAT, multicast, unspecified, broadcast, reserved, benchmarking and documentation
//! ranges; in IPv6 the same plus unique-local, site-local and every form that embeds an IPv4
//! address (IPv4-mapped and -compatible, NAT64, 6to4, Teredo), which could smuggle a private IPv4
//! address past an IPv6 check.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether an outbound fetch may connect to `addr`.
pub fn is_public(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

/// IPv4 ranges that are not public unicast, as (network, prefix length).
const V4_REFUSED: [(u32, u8); 16] = [
    (0x0000_0000, 8),  // 0.0.0.0/8 "this network", the unspecified address
    (0x0a00_0000, 8),  // 10.0.0.0/8 private
    (0x6440_0000, 10), // 100.64.0.0/10 carrier-grade NAT
    (0x7f00_0000, 8),  // 127.0.0.0/8 loopback
    (0xa9fe_0000, 16), // 169.254.0.0/16 link-local (cloud metadata)
    (0xac10_0000, 12), // 172.16.0.0/12 private
    (0xc000_0000, 24), // 192.0.0.0/24 IETF protocol assignments
    (0xc000_0200, 24), // 192.0.2.0/24 documentation (TEST-NET-1)
    (0xc058_6300, 24), // 192.88.99.0/24 6to4 relay anycast
    (0xc0a8_0000, 16), // 192.168.0.0/16 private
    (0xc612_0000, 15), // 198.18.0.0/15 benchmarking
    (0xc633_6400, 24), // 198.51.100.0/24 documentation (TEST-NET-2)
    (0xcb00_7100, 24), // 203.0.113.0/24 documentation (TEST-NET-3)
    (0xe000_0000, 4),  // 224.0.0.0/4 multicast
    (0xf000_0000, 4),  // 240.0.0.0/4 reserved, and 255.255.255.255 broadcast
    (0xffff_ffff, 32), // broadcast (inside the previous range; listed for the reader)
];

fn is_public_v4(addr: Ipv4Addr) -> bool {
    let bits = u32::from(addr);
    !V4_REFUSED.iter().any(|&(network, prefix)| bits >> (32 - prefix) == network >> (32 - prefix))
}

fn is_public_v6(addr: Ipv6Addr) -> bool {
    let bits = u128::from(addr);
    let within = |network: u128, prefix: u32| bits >> (128 - prefix) == network >> (128 - prefix);
    // Only global unicast (2000::/3) is ever public; inside it, the special ranges below are not.
    if !within(0x2000_u128 << 112, 3) {
        return false; // ::/8 (unspecified, loopback, IPv4-mapped/-compatible), fc00::/7, fe80::/10, ff00::/8 …
    }
    let refused: [(u128, u32); 5] = [
        (0x2001_0000_u128 << 96, 23), // 2001::/23 IETF protocol assignments (Teredo 2001::/32 included)
        (0x2001_0db8_u128 << 96, 32), // 2001:db8::/32 documentation
        (0x2002_u128 << 112, 16),     // 2002::/16 6to4 (embeds an IPv4 address)
        (0x3fff_u128 << 112, 20),     // 3fff::/20 documentation
        (0x2001_0002_u128 << 96, 48), // 2001:2::/48 benchmarking (inside 2001::/23; listed for the reader)
    ];
    !refused.iter().any(|&(network, prefix)| within(network, prefix))
}

/// NAT64's well-known prefixes (64:ff9b::/96, 64:ff9b:1::/48) lie outside 2000::/3 and are refused by
/// the rule above; this names them for the tests.
#[cfg(test)]
const NAT64: [&str; 2] = ["64:ff9b::a00:1", "64:ff9b:1::7f00:1"];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn public(text: &str) -> bool {
        is_public(text.parse().unwrap())
    }

    #[test]
    fn every_refused_ipv4_class_is_refused() {
        for addr in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.255.255.254",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert!(!public(addr), "{addr} must be refused");
        }
    }

    #[test]
    fn public_ipv4_addresses_pass_including_the_neighbours_of_refused_ranges() {
        for addr in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.167.255.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "93.184.216.34",
        ] {
            assert!(public(addr), "{addr} is public");
        }
    }

    #[test]
    fn every_refused_ipv6_class_is_refused() {
        for addr in [
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:8.8.8.8",
            "::127.0.0.1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "ff0e::1",
            "2001:db8::1",
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2002:7f00:1::1",
            "2002:a9fe:a9fe::1",
            "100::1",
            "3fff::1",
            "2001:2::1",
        ] {
            assert!(!public(addr), "{addr} must be refused");
        }
        for addr in NAT64 {
            assert!(!public(addr), "NAT64 {addr} must be refused");
        }
    }

    #[test]
    fn global_ipv6_addresses_pass() {
        for addr in ["2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2400:cb00::1", "2001:4860:4860::8888"] {
            assert!(public(addr), "{addr} is public");
        }
    }

    proptest! {
        /// Every address of a private, loopback, link-local or CGNAT range is refused, wherever in
        /// the range it lies.
        #[test]
        fn any_address_inside_a_refused_ipv4_range_is_refused(index in 0usize..V4_REFUSED.len(), host in any::<u32>()) {
            let (network, prefix) = V4_REFUSED[index];
            let host_bits = if prefix == 32 { 0 } else { host & (u32::MAX >> prefix) };
            prop_assert!(!is_public(IpAddr::V4(Ipv4Addr::from(network | host_bits))));
        }

        /// An IPv4 address written as IPv4-mapped IPv6 is refused whatever it is: the mapped form
        /// must never be a way around the IPv4 rules.
        #[test]
        fn every_ipv4_mapped_address_is_refused(v4 in any::<u32>()) {
            prop_assert!(!is_public(IpAddr::V6(Ipv4Addr::from(v4).to_ipv6_mapped())));
        }

        /// Outside 2000::/3 nothing is public (unique-local, link-local, multicast, NAT64 …).
        #[test]
        fn nothing_outside_global_unicast_ipv6_is_public(bits in any::<u128>()) {
            let addr = Ipv6Addr::from(bits);
            if bits >> 125 != 0b001 {
                prop_assert!(!is_public(IpAddr::V6(addr)));
            }
        }

        /// Unique-local fc00::/7 and link-local fe80::/10, every address of them.
        #[test]
        fn unique_local_and_link_local_ipv6_are_refused(host in any::<u128>()) {
            prop_assert!(!is_public(IpAddr::V6(Ipv6Addr::from((0xfc_u128 << 120) | (host >> 7)))));
            prop_assert!(!is_public(IpAddr::V6(Ipv6Addr::from((0xfe80_u128 << 112) | (host >> 10)))));
        }
    }
}
