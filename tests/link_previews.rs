//! `GET /link_preview` end to end against a local web server: cards, the cache, and every refusal of
//! the guard (schemes, private addresses in every spelling, redirects to them, huge and slow bodies).
//! The local server is on loopback, which the guard refuses; only the server started with the
//! test-only `link_preview_allowed_ranges` setting may reach it.
mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestServer, User};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Release notes – Widget 2.0</title>
<meta property="og:title" content="Widget 2.0 is out">
<meta property="og:description" content="Faster, smaller &amp; safer.">
<meta property="og:image" content="/social.png">
</head><body><h1>Widget</h1></body></html>"#;

/// A small web server that counts the requests of each path.
struct Site {
    addr: SocketAddr,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Site {
    async fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counted = hits.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, addr, counted.clone()));
            }
        });
        Site { addr, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }
}

async fn serve(mut socket: TcpStream, addr: SocketAddr, hits: Arc<Mutex<HashMap<String, usize>>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let html = |body: &str| {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let redirect = |to: &str| format!("HTTP/1.1 302 Found\r\nlocation: {to}\r\ncontent-length: 0\r\n\r\n");
    let answer = match path.as_str() {
        "/page" => html(PAGE),
        "/plain" => html("<html><head><title>Just a title</title></head></html>"),
        "/no-title" => html("<html><body>nothing to call it</body></html>"),
        "/image" => "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 4\r\n\r\nPNG!".to_owned(),
        "/to-metadata" => redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-metadata-decimal" => redirect("http://2852039166/latest/meta-data/"),
        "/to-file" => redirect("file:///etc/passwd"),
        "/missing" => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_owned(),
        "/huge" => {
            // Declares 10 GB and keeps sending: only the first 64 KiB may ever be read.
            let start = "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 10737418240\r\n\r\n\
                         <html><head><title>Huge page</title></head><body>";
            if socket.write_all(start.as_bytes()).await.is_err() {
                return;
            }
            let filler = vec![b'x'; 64 * 1024];
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(30) {
                if socket.write_all(&filler).await.is_err() {
                    return; // the reader hung up: good
                }
            }
            return;
        }
        "/drip" => {
            // Headers, then one byte every half second, for a minute.
            let start = "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 120\r\n\r\n";
            if socket.write_all(start.as_bytes()).await.is_err() {
                return;
            }
            for _ in 0..120 {
                tokio::time::sleep(Duration::from_millis(500)).await;
                if socket.write_all(b" ").await.is_err() {
                    return;
                }
            }
            return;
        }
        other => match other.strip_prefix("/hops/").and_then(|n| n.parse::<u32>().ok()) {
            Some(0) => html(PAGE),
            Some(n) => redirect(&format!("http://{addr}/hops/{}", n - 1)),
            None => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_owned(),
        },
    };
    let _ = socket.write_all(answer.as_bytes()).await;
}

/// The preview of `url`: the JSON body and the `X-Link-Preview` header.
async fn preview(user: &User, url: &str) -> (Value, String) {
    let encoded: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    let reply = user.fetch(&format!("/link_preview?url={encoded}")).await;
    assert_eq!(reply.code(), 200, "{url}: {}", reply.text());
    (reply.json(), reply.header("x-link-preview").to_owned())
}

fn allowing_loopback() -> minimost::Settings {
    minimost::Settings { link_preview_allowed_ranges: vec!["127.0.0.1/32".into()], ..common::test_settings() }
}

#[tokio::test]
async fn private_and_non_http_targets_are_refused_without_any_request() {
    let site = Site::start().await;
    let server = TestServer::start(common::Db::Sqlite).await;
    let alice = server.user("alice").await;
    let port = site.addr.port();
    for (url, outcome) in [
        (site.url("/page"), "refused-address"),
        (format!("http://localhost:{port}/page"), "refused-address"),
        (format!("http://2130706433:{port}/page"), "refused-address"),
        (format!("http://0x7f000001:{port}/page"), "refused-address"),
        (format!("http://0177.0.0.1:{port}/page"), "refused-address"),
        (format!("http://0x7f.1:{port}/page"), "refused-address"),
        (format!("http://[::ffff:127.0.0.1]:{port}/page"), "refused-address"),
        (format!("http://[::1]:{port}/page"), "refused-address"),
        ("http://169.254.169.254/latest/meta-data/".into(), "refused-address"),
        ("http://10.0.0.1/".into(), "refused-address"),
        ("http://100.64.0.1/".into(), "refused-address"),
        ("http://[fd00::1]/".into(), "refused-address"),
        ("file:///etc/passwd".into(), "invalid-url"),
        (format!("gopher://127.0.0.1:{port}/_GET%20/page"), "invalid-url"),
        ("ftp://example.com/".into(), "invalid-url"),
        ("javascript:alert(1)".into(), "invalid-url"),
        ("".into(), "invalid-url"),
        ("   ".into(), "invalid-url"),
        ("not a url".into(), "invalid-url"),
        (format!("http://user:pw@127.0.0.1:{port}/page"), "invalid-url"),
    ] {
        let (body, header) = preview(&alice, &url).await;
        assert_eq!(body, json!({}), "{url}");
        // Spellings of one address are one URL once parsed, so later ones come from the cache.
        assert!(header == outcome || header == format!("{outcome}; cached"), "{url}: {header}");
    }
    let reply = alice.fetch("/link_preview").await;
    assert_eq!(reply.status_json(), (200, json!({})), "no url at all");
    assert_eq!(site.hits(), 0, "the guard refused every one before connecting");
}

#[tokio::test]
async fn a_page_gives_its_card_and_the_second_ask_comes_from_the_cache() {
    let site = Site::start().await;
    let server = TestServer::start_with(common::Db::Sqlite, allowing_loopback()).await;
    let alice = server.user("alice").await;
    let cold = Instant::now();
    let (card, header) = preview(&alice, &site.url("/page")).await;
    let cold = cold.elapsed();
    assert_eq!(header, "card");
    assert_eq!(
        card,
        json!({
            "type": "og",
            "title": "Widget 2.0 is out",
            "description": "Faster, smaller & safer.",
            "image": site.url("/social.png"),
            "domain": "127.0.0.1",
            "url": site.url("/page"),
        })
    );
    let cached = Instant::now();
    let (again, header) = preview(&alice, &site.url("/page")).await;
    let cached = cached.elapsed();
    assert_eq!((again, header.as_str()), (card, "card; cached"));
    assert_eq!(site.hits(), 1, "one fetch for both");
    eprintln!("link preview cost: cold {cold:?}, cached {cached:?}");

    let (plain, _) = preview(&alice, &site.url("/plain")).await;
    assert_eq!(plain["title"], "Just a title");
    assert_eq!(plain["description"], "");
    assert_eq!(plain["image"], "");
    assert_eq!(preview(&alice, &site.url("/no-title")).await, (json!({}), "no-title".into()));
    assert_eq!(preview(&alice, &site.url("/image")).await, (json!({}), "not-html".into()));
    assert_eq!(preview(&alice, &site.url("/missing")).await, (json!({}), "failed".into()));
}

#[tokio::test]
async fn redirects_are_followed_three_times_and_each_target_is_checked() {
    let site = Site::start().await;
    let server = TestServer::start_with(common::Db::Sqlite, allowing_loopback()).await;
    let alice = server.user("alice").await;
    assert_eq!(preview(&alice, &site.url("/hops/3")).await.0["title"], "Widget 2.0 is out", "three redirects");
    assert_eq!(preview(&alice, &site.url("/hops/4")).await, (json!({}), "failed".into()), "a fourth is too many");
    assert_eq!(preview(&alice, &site.url("/to-metadata")).await, (json!({}), "refused-address".into()));
    assert_eq!(
        preview(&alice, &site.url("/to-metadata-decimal")).await,
        (json!({}), "refused-address".into()),
        "2852039166 is 169.254.169.254"
    );
    assert_eq!(preview(&alice, &site.url("/to-file")).await, (json!({}), "invalid-url".into()));
}

#[tokio::test]
async fn a_ten_gigabyte_body_is_read_only_to_the_limit() {
    let site = Site::start().await;
    let server = TestServer::start_with(common::Db::Sqlite, allowing_loopback()).await;
    let alice = server.user("alice").await;
    let started = Instant::now();
    let (card, header) = preview(&alice, &site.url("/huge")).await;
    assert_eq!((card["title"].as_str(), header.as_str()), (Some("Huge page"), "card"));
    assert!(started.elapsed() < Duration::from_secs(5), "the read stopped at 64 KiB: {:?}", started.elapsed());
}

#[tokio::test]
async fn a_slow_drip_server_is_cut_off_after_five_seconds() {
    let site = Site::start().await;
    let server = TestServer::start_with(common::Db::Sqlite, allowing_loopback()).await;
    let alice = server.user("alice").await;
    let started = Instant::now();
    assert_eq!(preview(&alice, &site.url("/drip")).await, (json!({}), "timeout".into()));
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(4900) && took < Duration::from_secs(8), "took {took:?}");
    assert_eq!(preview(&alice, &site.url("/drip")).await, (json!({}), "timeout; cached".into()));
}

on_both_backends! {
    async fn a_preview_needs_a_session(server: TestServer) {
        let reply = server.guest().fetch("/link_preview?url=https%3A%2F%2Fexample.com%2F").await;
        assert_eq!(reply.code(), 302);
    }
}
