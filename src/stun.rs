//! A STUN binding responder (RFC 5389) on UDP `stun_port`, so that browsers on a LAN with no
//! internet learn their own address for WebRTC calls: a Binding request is answered with the
//! sender's address (`XOR-MAPPED-ADDRESS`, and `MAPPED-ADDRESS` for RFC 3489 clients). Anything
//! else (other methods, indications, malformed datagrams) is dropped without an answer. The wire
//! format is the `stun_codec` crate's.
//!
//! An answer is barely larger than its request, so the responder is a poor amplifier; it still
//! answers at most [`MAX_ANSWERS_PER_SECOND`] datagrams a second in all, so spoofed requests cannot
//! make it flood someone.
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use bytecodec::{DecodeExt, EncodeExt};
use governor::{Quota, RateLimiter};
use stun_codec::rfc5389::attributes::{MappedAddress, XorMappedAddress};
use stun_codec::rfc5389::methods::BINDING;
use stun_codec::rfc5389::Attribute;
use stun_codec::{Message, MessageClass, MessageDecoder, MessageEncoder};
use tokio::net::UdpSocket;

/// Answers sent per second at most, from every client together.
pub const MAX_ANSWERS_PER_SECOND: u32 = 2_000;
/// The largest datagram read; a Binding request is 20 bytes plus a few attributes.
const MAX_DATAGRAM: usize = 1_500;

/// The answer to one datagram from `from`, if it is a Binding request.
pub fn answer(datagram: &[u8], from: SocketAddr) -> Option<Vec<u8>> {
    let request = MessageDecoder::<Attribute>::new().decode_from_bytes(datagram).ok()?.ok()?;
    if request.class() != MessageClass::Request || request.method() != BINDING {
        return None;
    }
    let mut response = Message::<Attribute>::new(MessageClass::SuccessResponse, BINDING, request.transaction_id());
    response.add_attribute(Attribute::XorMappedAddress(XorMappedAddress::new(from)));
    response.add_attribute(Attribute::MappedAddress(MappedAddress::new(from)));
    MessageEncoder::new().encode_into_bytes(response).ok()
}

/// Binds the responder's socket on `addr`.
pub async fn bind(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    UdpSocket::bind(addr).await
}

/// Answers Binding requests on `socket` for as long as it is polled.
pub async fn serve(socket: UdpSocket) {
    let socket = Arc::new(socket);
    let per_second = NonZeroU32::new(MAX_ANSWERS_PER_SECOND).unwrap_or(NonZeroU32::MIN);
    let limiter = RateLimiter::direct(Quota::per_second(per_second));
    let mut buffer = vec![0u8; MAX_DATAGRAM];
    loop {
        let (length, from) = match socket.recv_from(&mut buffer).await {
            Ok(received) => received,
            Err(err) => {
                // ICMP errors of earlier answers surface here on some systems: not the socket's end.
                tracing::debug!(error = %err, "STUN receive error");
                continue;
            }
        };
        let Some(reply) = answer(&buffer[..length], from) else { continue };
        if limiter.check().is_err() {
            continue;
        }
        if let Err(err) = socket.send_to(&reply, from).await {
            tracing::debug!(error = %err, %from, "cannot answer a STUN request");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use stun_codec::TransactionId;

    fn binding_request(transaction: [u8; 12]) -> Vec<u8> {
        let request = Message::<Attribute>::new(MessageClass::Request, BINDING, TransactionId::new(transaction));
        MessageEncoder::new().encode_into_bytes(request).unwrap()
    }

    #[test]
    fn a_binding_request_is_answered_with_the_senders_address() {
        // (tests/stun.rs checks the same over UDP with bytes written by hand.)
        let from: SocketAddr = "192.168.1.20:54321".parse().unwrap();
        let response = answer(&binding_request([7; 12]), from).expect("answered");
        let decoded = MessageDecoder::<Attribute>::new().decode_from_bytes(&response).unwrap().unwrap();
        assert_eq!(decoded.class(), MessageClass::SuccessResponse);
        assert_eq!(decoded.transaction_id(), TransactionId::new([7; 12]));
        let mapped = decoded.get_attribute::<XorMappedAddress>().expect("XOR-MAPPED-ADDRESS");
        assert_eq!(mapped.address(), from);
    }

    #[test]
    fn what_is_not_a_binding_request_gets_no_answer() {
        let from: SocketAddr = "10.0.0.1:1000".parse().unwrap();
        let mut indication = binding_request([1; 12]);
        indication[1] = 0x11; // Binding indication
        let mut bad_cookie = binding_request([1; 12]);
        bad_cookie[4] = 0;
        let mut long = binding_request([1; 12]);
        long[3] = 8; // declares 8 bytes of attributes it does not have
        for datagram in [vec![], vec![0; 19], indication, bad_cookie, long, b"GET / HTTP/1.1\r\n\r\n".to_vec()] {
            assert_eq!(answer(&datagram, from), None, "{datagram:?}");
        }
    }

    proptest! {
        #[test]
        fn no_datagram_makes_the_responder_panic(datagram in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = answer(&datagram, "127.0.0.1:9".parse().unwrap());
        }
    }
}
