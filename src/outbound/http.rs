//! One HTTP/1.1 GET over a connection to an address already checked: TCP, TLS for https (the
//! certificate checked against the URL's host), the request, and the start of the body.
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::header;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_util::task::AbortOnDropHandle;
use url::Url;

use super::FetchError;

/// What one request answered.
pub enum Answer {
    /// A redirect to this (possibly relative) location.
    Redirect(String),
    /// An HTML page: the first bytes of its body, as text.
    Html(String),
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

fn failed(what: &str, err: impl std::fmt::Display) -> FetchError {
    FetchError::Failed(format!("{what}: {err}"))
}

/// GETs `url` from `addr`, reading at most `max_body` bytes of an HTML body.
pub async fn get(
    url: &Url,
    addr: SocketAddr,
    tls: &Arc<rustls::ClientConfig>,
    max_body: usize,
) -> Result<Answer, FetchError> {
    let tcp = TcpStream::connect(addr).await.map_err(|err| failed("connect", err))?;
    let stream: Box<dyn Stream> = if url.scheme() == "https" {
        let name = match url.host() {
            Some(url::Host::Domain(name)) => rustls::pki_types::ServerName::try_from(name.to_owned()),
            Some(url::Host::Ipv4(v4)) => Ok(rustls::pki_types::ServerName::from(std::net::IpAddr::V4(v4))),
            Some(url::Host::Ipv6(v6)) => Ok(rustls::pki_types::ServerName::from(std::net::IpAddr::V6(v6))),
            None => return Err(FetchError::UnsupportedTarget),
        }
        .map_err(|err| failed("server name", err))?;
        let connector = tokio_rustls::TlsConnector::from(Arc::clone(tls));
        Box::new(connector.connect(name, tcp).await.map_err(|err| failed("tls", err))?)
    } else {
        Box::new(tcp)
    };
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|err| failed("http", err))?;
    // The connection's driver lives exactly as long as this request.
    let _driver = AbortOnDropHandle::new(tokio::spawn(connection));
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let request = hyper::Request::get(target)
        .header(header::HOST, host)
        .header(header::USER_AGENT, concat!("Minimost/", env!("CARGO_PKG_VERSION"), " (link preview)"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        // Only identity: a compressed body's 64 KiB could inflate to anything.
        .header(header::ACCEPT_ENCODING, "identity")
        .body(Empty::<Bytes>::new())
        .map_err(|err| failed("request", err))?;
    let response = sender.send_request(request).await.map_err(|err| failed("http", err))?;
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| FetchError::Failed(format!("{status} without a location")))?;
        return Ok(Answer::Redirect(location.to_owned()));
    }
    if !status.is_success() {
        return Err(FetchError::Failed(format!("status {status}")));
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(content_type.starts_with("text/html") || content_type.starts_with("application/xhtml+xml")) {
        return Err(FetchError::NotHtml);
    }
    let mut body = response.into_body();
    let mut bytes: Vec<u8> = Vec::new();
    // The frames are read until the limit; the rest is never read (the connection is dropped), so a
    // body of any declared or actual size costs at most `max_body` bytes.
    while bytes.len() < max_body {
        let Some(frame) = body.frame().await else { break };
        let frame = frame.map_err(|err| failed("body", err))?;
        if let Ok(data) = frame.into_data() {
            let room = max_body - bytes.len();
            bytes.extend_from_slice(&data[..data.len().min(room)]);
        }
    }
    Ok(Answer::Html(String::from_utf8_lossy(&bytes).into_owned()))
}
