//! The STUN responder on the server's UDP `stun_port`, over loopback: a client's Binding request (the
//! bytes RFC 5389 lays out, written here by hand) is answered with the client's own address, and
//! datagrams that are not Binding requests are ignored without stopping it.
mod common;

use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

use common::{test_settings, Db, TestServer};
use minimost::Settings;

fn binding_request(transaction: [u8; 12]) -> Vec<u8> {
    let mut bytes = vec![0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42];
    bytes.extend_from_slice(&transaction);
    bytes
}

/// The mapped address of a Binding success response (RFC 5389 §15.2, decoded by hand).
fn mapped_address(response: &[u8], transaction: [u8; 12]) -> SocketAddr {
    assert_eq!(&response[0..2], &[0x01, 0x01], "a Binding success response: {response:?}");
    assert_eq!(&response[8..20], &transaction);
    let mut at = 20;
    while at + 4 <= response.len() {
        let kind = u16::from_be_bytes([response[at], response[at + 1]]);
        let length = usize::from(u16::from_be_bytes([response[at + 2], response[at + 3]]));
        let value = &response[at + 4..at + 4 + length];
        if kind == 0x0020 {
            let port = u16::from_be_bytes([value[2], value[3]]) ^ 0x2112;
            let ip = [value[4] ^ 0x21, value[5] ^ 0x12, value[6] ^ 0xa4, value[7] ^ 0x42];
            return SocketAddr::from((ip, port));
        }
        at += 4 + length.div_ceil(4) * 4;
    }
    panic!("no XOR-MAPPED-ADDRESS in {response:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stun_responder_tells_a_client_its_address_and_ignores_garbage() {
    let port = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let _server = TestServer::start_with(Db::Sqlite, Settings { stun_port: i64::from(port), ..test_settings() }).await;
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    client.connect(("127.0.0.1", port)).unwrap();

    for garbage in [&b""[..], &[0u8; 7][..], b"\x00\x01\x00\x08!\x12\xa4Bshort", &[0xff; 600][..]] {
        client.send(garbage).unwrap();
    }
    let transaction = *b"minimost-stu";
    client.send(&binding_request(transaction)).unwrap();
    let mut buffer = [0u8; 1500];
    let length = client.recv(&mut buffer).expect("an answer (and none to the garbage before it)");
    assert_eq!(mapped_address(&buffer[..length], transaction), client.local_addr().unwrap());
}
