//! One keep-alive HTTP/1.1 connection to the server under test, and the requests sent over it.
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{bail, Context};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{ACCEPT, CONTENT_TYPE, COOKIE, HOST};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// A request to send: cheap to clone, so a load loop can reuse one per connection.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub cookie: Option<Arc<str>>,
    pub accept: &'static str,
    pub body: Option<(&'static str, Bytes)>,
}

impl Call {
    /// A GET of a JSON endpoint (asking for JSON, so a lost session is a 401 rather than a redirect).
    pub fn get(path: impl Into<String>) -> Call {
        Call { method: Method::GET, path: path.into(), cookie: None, accept: "application/json", body: None }
    }

    /// A POST without a body.
    pub fn post(path: impl Into<String>) -> Call {
        Call { method: Method::POST, path: path.into(), cookie: None, accept: "application/json", body: None }
    }

    pub fn post_form(path: impl Into<String>, form: &[(&str, &str)]) -> Call {
        let body: String = form
            .iter()
            .map(|(name, value)| format!("{}={}", form_encode(name), form_encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        Call {
            method: Method::POST,
            path: path.into(),
            cookie: None,
            accept: "application/json",
            body: Some(("application/x-www-form-urlencoded", Bytes::from(body))),
        }
    }

    pub fn post_json(path: impl Into<String>, json: &serde_json::Value) -> Call {
        Call {
            method: Method::POST,
            path: path.into(),
            cookie: None,
            accept: "application/json",
            body: Some(("application/json", Bytes::from(json.to_string()))),
        }
    }

    pub fn accept(mut self, accept: &'static str) -> Call {
        self.accept = accept;
        self
    }

    pub fn cookie(mut self, cookie: &Arc<str>) -> Call {
        self.cookie = Some(Arc::clone(cookie));
        self
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
pub fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A keep-alive connection. Requests on it go one at a time, like a browser's connection.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

impl Connection {
    /// Connects to the server under test, which is always on this machine.
    pub async fn open(addr: SocketAddr) -> anyhow::Result<Connection> {
        if !addr.ip().is_loopback() {
            bail!("the benchmark only ever connects to loopback addresses, not {addr}");
        }
        let stream = TcpStream::connect(addr).await.with_context(|| format!("cannot connect to {addr}"))?;
        stream.set_nodelay(true).context("set TCP_NODELAY")?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream)).await.context("HTTP handshake")?;
        tokio::spawn(async move {
            // Ends when the connection closes; the next request on it reports the error.
            let _ = connection.await;
        });
        Ok(Connection { sender, host: addr.to_string() })
    }

    fn request(&self, call: &Call) -> anyhow::Result<Request<Full<Bytes>>> {
        let mut request = Request::builder()
            .method(call.method.clone())
            .uri(call.path.as_str())
            .header(HOST, self.host.as_str())
            .header(ACCEPT, call.accept);
        if let Some(cookie) = &call.cookie {
            request = request.header(COOKIE, &**cookie);
        }
        let body = match &call.body {
            Some((content_type, body)) => {
                request = request.header(CONTENT_TYPE, *content_type);
                Full::new(body.clone())
            }
            None => Full::new(Bytes::new()),
        };
        request.body(body).context("build request")
    }

    /// Sends `call` and returns the response head with its body unread (for event streams).
    pub async fn start(&mut self, call: &Call) -> anyhow::Result<Response<Incoming>> {
        let request = self.request(call)?;
        self.sender.ready().await.context("connection closed")?;
        self.sender.send_request(request).await.context("send request")
    }

    /// Like [`Connection::start`], with one more request header (e.g. `Last-Event-ID`).
    pub async fn start_with_header(
        &mut self,
        call: &Call,
        name: &'static str,
        value: &str,
    ) -> anyhow::Result<Response<Incoming>> {
        let mut request = self.request(call)?;
        request.headers_mut().insert(name, value.parse().context("header value")?);
        self.sender.ready().await.context("connection closed")?;
        self.sender.send_request(request).await.context("send request")
    }

    /// Sends `call` and reads the whole response.
    pub async fn send(&mut self, call: &Call) -> anyhow::Result<(StatusCode, Bytes)> {
        let response = self.start(call).await?;
        let status = response.status();
        let body = response.into_body().collect().await.context("read response body")?.to_bytes();
        Ok((status, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_percent_encoded_with_plus_for_space() {
        assert_eq!(form_encode("hello @user1"), "hello+%40user1");
        assert_eq!(form_encode("a&b=c/é"), "a%26b%3Dc%2F%C3%A9");
    }

    #[tokio::test]
    async fn only_loopback_addresses_are_accepted() {
        let err = Connection::open("192.0.2.1:80".parse().unwrap()).await.err().unwrap();
        assert!(err.to_string().contains("loopback"), "{err}");
    }
}
