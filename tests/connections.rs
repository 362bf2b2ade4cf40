//! Slow and idle connections cannot lock other clients out: the header-read timeout and the
//! connection cap, against the real server over real sockets (SQLite; the database plays no part).
mod common;

use std::time::{Duration, Instant};

use common::{test_settings, Db, TestServer};
use minimost::Settings;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the peer closes the connection; `Err` when it stays open past `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Result<Vec<u8>, ()> {
    let mut received = Vec::new();
    let read_all = async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    };
    match tokio::time::timeout(limit, read_all).await {
        Ok(()) => Ok(received),
        Err(_) => Err(()),
    }
}

/// Sends a complete `GET /login` on a fresh connection and returns the status line.
async fn get_login(server: &TestServer) -> String {
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream.write_all(b"GET /login HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").await.expect("send request");
    let answer = closed_within(&mut stream, Duration::from_secs(10)).await.expect("the server answers and closes");
    String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_half_sent_request_line_is_closed_after_the_header_timeout() {
    let settings = Settings { header_read_timeout_seconds: 1.0, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let started = Instant::now();
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    slow.write_all(b"GET /login HT").await.unwrap();
    // Dribbling more bytes does not extend the deadline.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let _ = slow.write_all(b"T").await;
    }
    let answer = closed_within(&mut slow, Duration::from_secs(5)).await.expect("the slow connection is closed");
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(900), "closed too early: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "closed late: {elapsed:?}");
    assert!(answer.is_empty() || String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"), "{answer:?}");

    // A connection that sends nothing at all goes the same way.
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    closed_within(&mut silent, Duration::from_secs(4)).await.expect("the silent connection is closed");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_but_a_slow_response_is_not() {
    let settings = Settings { header_read_timeout_seconds: 1.0, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET /login HTTP/1.1\r\nHost: test\r\n\r\n").await.unwrap();
    let started = Instant::now();
    let answer = closed_within(&mut stream, Duration::from_secs(5)).await.expect("closed after its idle time");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer));
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());

    // An event stream keeps its connection busy: it outlives the timeout.
    let alice = server.user("alice").await;
    let mut events = alice.get("/events").send().await.unwrap();
    assert_eq!(events.status(), 200);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let bob = server.user("bob").await;
    let sent = bob.post("/send/general").form(&[("text", "still there?")]).send().await.unwrap();
    assert_eq!(sent.status(), 200);
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !seen.contains("still there?") && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(5), events.chunk()).await {
            Ok(Ok(Some(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            other => panic!("the event stream ended: {other:?}; so far {seen:?}"),
        }
    }
    assert!(seen.contains("still there?"), "{seen}");
}

#[tokio::test]
async fn at_the_cap_idle_connections_are_shed_for_a_new_client() {
    // The timeout is long here: only the cap can make room.
    let settings = Settings { header_read_timeout_seconds: 60.0, max_connections: 50, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let mut slow = Vec::new();
    for _ in 0..50 {
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHost: te").await.unwrap();
        slow.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    // Five new clients that keep their connections open (keep-alive) after their answer.
    let mut clients = Vec::new();
    for _ in 0..5 {
        let client = server.guest();
        let response = client.get("/login").send().await.expect("served");
        assert_eq!(response.status(), 200);
        response.text().await.unwrap();
        clients.push(client);
    }
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // The oldest slow connections made room, one for each.
    let mut closed = 0;
    for stream in slow.iter_mut().take(5) {
        if closed_within(stream, Duration::from_millis(500)).await.is_ok() {
            closed += 1;
        }
    }
    assert_eq!(closed, 5);
}

#[tokio::test]
async fn eleven_hundred_half_open_connections_do_not_lock_out_a_new_client() {
    // The reported attack at a lowered cap: 1,100 connections that each sent half a request line.
    let settings = Settings { header_read_timeout_seconds: 2.0, max_connections: 1000, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let mut slow = Vec::new();
    for _ in 0..1100 {
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        let _ = stream.write_all(b"GET /login HT").await;
        slow.push(stream);
    }
    let started = Instant::now();
    assert_eq!(get_login(&server).await, "HTTP/1.1 200 OK");
    assert!(started.elapsed() < Duration::from_secs(5), "served after {:?}", started.elapsed());
    // And after the timeout every slow connection is gone.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut open = 0;
    for stream in slow.iter_mut() {
        if closed_within(stream, Duration::from_millis(20)).await.is_err() {
            open += 1;
        }
    }
    assert_eq!(open, 0, "slow connections still open after the timeout");
}

#[tokio::test]
async fn graceful_shutdown_ends_idle_connections_and_finishes() {
    let data_dir = tempfile::tempdir().unwrap();
    let config = minimost::Config::for_data_dir(data_dir.path(), test_settings());
    let app = tokio::task::spawn_blocking(move || minimost::App::build(&config)).await.unwrap().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = app
        .serve(std::net::SocketAddr::from(([127, 0, 0, 1], 0)), async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    let server = tokio::spawn(server);
    // An idle keep-alive connection and one that never sent anything.
    let mut kept = TcpStream::connect(addr).await.unwrap();
    kept.write_all(b"GET /login HTTP/1.1\r\nHost: test\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 1024];
    assert!(kept.read(&mut buf).await.unwrap() > 0);
    let _silent = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    tx.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server).await.expect("the server stops").unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "the listener is closed");
}
