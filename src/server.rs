//! The HTTP server loop: accepts TCP connections and serves the routes through hyper, so that no
//! client can hold the server's connections hostage.
//!
//! - **Header-read timeout.** A connection must deliver complete request headers within
//!   `header_read_timeout_seconds` of opening, or of the end of its previous response; otherwise it
//!   is closed. This ends half-sent requests (Slowloris), connections that never send anything, and
//!   idle keep-alive connections alike. While a request is in flight (its body being read, the
//!   handler running, its response or an event stream being sent) the connection is *busy* and the
//!   timeout does not run.
//! - **Connection cap.** At most `max_connections` connections are open (lowered at start-up to what
//!   the descriptor limit allows, see [`descriptor_budget`]). When a new connection arrives at the
//!   cap, the connection that has been idle longest (no request in flight) is closed to make room.
//!   When every connection is busy, new connections wait in the kernel's listen backlog until one
//!   ends or becomes idle.
//! - **Graceful shutdown.** When the shutdown future completes, the listener closes and the server
//!   future ends once every connection has finished its requests in flight.
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore};
use tokio::time::Instant;
use tokio_util::task::AbortOnDropHandle;

/// The connection's peer address, in every request's extensions (`warp::ext::optional::<PeerAddr>()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

/// The protections of [`serve`].
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_read_timeout: Duration,
    pub max_connections: usize,
}

/// Descriptors kept free for everything that is not a client connection (database files, uploads
/// being written, the listener, the runtime).
fn reserved_descriptors(limit: u64) -> u64 {
    (limit / 10).clamp(64, 1024)
}

/// Raises the process's soft limit on open files to its hard limit and returns how many connections
/// fit under it (`wanted` at most), logging what it did.
pub fn descriptor_budget(wanted: usize) -> usize {
    let limit = match raise_nofile_limit() {
        Ok((before, after)) => {
            if after > before {
                tracing::info!(before, after, "raised the open-file limit (RLIMIT_NOFILE) to its hard limit");
            }
            after
        }
        Err(err) => {
            tracing::warn!(error = %err, "cannot read the open-file limit; the connection cap is not adjusted");
            return wanted;
        }
    };
    let fits = limit.saturating_sub(reserved_descriptors(limit)).max(1);
    let cap = (wanted as u64).min(fits) as usize;
    if cap < wanted {
        tracing::warn!(
            max_connections = wanted,
            open_file_limit = limit,
            cap,
            "max_connections is above what the open-file limit allows; serving at most {cap} connections \
             (raise the hard limit, e.g. LimitNOFILE= in a systemd unit, to allow more)"
        );
    } else {
        tracing::info!(open_file_limit = limit, max_connections = cap, "connection cap");
    }
    cap
}

/// Makes the allocator hand large blocks (password hashing's 19 MiB, request bodies, big answers)
/// back to the system when they are freed. glibc raises its mmap threshold each time such a block
/// is freed, after which the blocks come from per-thread heaps that keep the memory: the soak
/// benchmark saw RSS climb by 19 MiB per malloc arena (up to 8 per core) after a few logins, and
/// never come down. A fixed threshold turns that adjustment off.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a parameter of the allocator; called before the runtime starts.
        let ok = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20) };
        if ok != 1 {
            tracing::warn!("cannot set the allocator's mmap threshold");
        }
    }
}

/// Hands freed heap memory back to the system every [`TRIM_EVERY`]: glibc only returns memory at
/// the top of each per-thread heap by itself, so after a busy spell the server would keep its peak
/// working set even when idle (the soak benchmark saw ~7 MiB kept per busy hour). A trim walks the
/// heaps' free lists and takes well under a millisecond at this server's sizes.
async fn trim_periodically() {
    loop {
        tokio::time::sleep(TRIM_EVERY).await;
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: malloc_trim only releases free pages of the allocator's own heaps.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

const TRIM_EVERY: Duration = Duration::from_secs(10);

#[cfg(unix)]
// `rlim_t` is `u64` on Linux but not on every unix, so the casts stay.
#[allow(clippy::unnecessary_cast)]
fn raise_nofile_limit() -> std::io::Result<(u64, u64)> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed by pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let before = limit.rlim_cur as u64;
    // An unlimited hard limit is not a number of descriptors the kernel accepts; stay at 2^20
    // (Linux's default `fs.nr_open`).
    let target = if limit.rlim_max == libc::RLIM_INFINITY { 1 << 20 } else { limit.rlim_max as u64 };
    if before >= target && limit.rlim_cur != libc::RLIM_INFINITY {
        return Ok((before, before));
    }
    if limit.rlim_cur == libc::RLIM_INFINITY {
        return Ok((u64::MAX, u64::MAX));
    }
    let raised = libc::rlimit { rlim_cur: target as libc::rlim_t, rlim_max: limit.rlim_max };
    // SAFETY: as above.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } != 0 {
        let err = std::io::Error::last_os_error();
        tracing::warn!(error = %err, before, target, "cannot raise the open-file limit");
        return Ok((before, before));
    }
    Ok((before, target))
}

#[cfg(not(unix))]
// `rlim_t` is `u64` on Linux but not on every unix, so the casts stay.
#[allow(clippy::unnecessary_cast)]
fn raise_nofile_limit() -> std::io::Result<(u64, u64)> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no RLIMIT_NOFILE here"))
}

/// One open connection, as the accept loop and the connection's own task see it.
struct Conn {
    /// Requests whose response has not been fully handed to the connection yet.
    in_flight: AtomicUsize,
    /// Milliseconds since the server started when the connection last became idle.
    idle_since_ms: AtomicU64,
    /// Set when the accept loop closes the connection to make room.
    shed: AtomicBool,
    /// Wakes the connection's watchdog on every change of the above.
    wake: Notify,
}

/// Every open connection, so that the accept loop can find the one idle longest.
struct Registry {
    started: Instant,
    next_id: AtomicU64,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
}

impl Registry {
    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn register(self: &Arc<Self>) -> (u64, Arc<Conn>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            in_flight: AtomicUsize::new(0),
            idle_since_ms: AtomicU64::new(self.now_ms()),
            shed: AtomicBool::new(false),
            wake: Notify::new(),
        });
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).insert(id, conn.clone());
        (id, conn)
    }

    fn remove(&self, id: u64) {
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
    }

    fn is_idle(conn: &Conn) -> bool {
        conn.in_flight.load(Ordering::Acquire) == 0 && !conn.shed.load(Ordering::Acquire)
    }

    fn any_idle(&self) -> bool {
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).values().any(|conn| Self::is_idle(conn))
    }

    /// Closes the connection idle longest; false when every connection is busy.
    fn shed_oldest_idle(&self) -> bool {
        let conns = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        // Ties (same millisecond) go to the connection accepted first.
        let oldest = conns
            .iter()
            .filter(|(_, conn)| Self::is_idle(conn))
            .min_by_key(|(id, conn)| (conn.idle_since_ms.load(Ordering::Acquire), **id));
        match oldest {
            Some((_, conn)) => {
                conn.shed.store(true, Ordering::Release);
                conn.wake.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Marks its connection busy for as long as it lives: from the request's arrival until its response
/// body has been sent (or the request is abandoned).
struct Busy {
    conn: Arc<Conn>,
    registry: Arc<Registry>,
}

impl Busy {
    fn new(conn: Arc<Conn>, registry: Arc<Registry>) -> Busy {
        if conn.in_flight.fetch_add(1, Ordering::AcqRel) == 0 {
            conn.wake.notify_one();
        }
        Busy { conn, registry }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if self.conn.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.conn.idle_since_ms.store(self.registry.now_ms(), Ordering::Release);
            self.conn.wake.notify_one();
        }
    }
}

/// A response body that keeps its connection busy until it is done.
struct Tracked<B> {
    inner: B,
    _busy: Busy,
}

impl<B> Body for Tracked<B>
where
    B: Body<Data = Bytes> + Unpin,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Resolves when the connection has been idle for `timeout`, or when it is shed.
async fn watchdog(conn: &Conn, registry: &Registry, timeout: Duration) {
    let timeout_ms = timeout.as_millis() as u64;
    loop {
        if conn.shed.load(Ordering::Acquire) {
            return;
        }
        if conn.in_flight.load(Ordering::Acquire) > 0 {
            conn.wake.notified().await;
            continue;
        }
        let idle_since = conn.idle_since_ms.load(Ordering::Acquire);
        let deadline = registry.started + Duration::from_millis(idle_since + timeout_ms);
        tokio::select! {
            _ = tokio::time::sleep_until(deadline) => {
                if conn.in_flight.load(Ordering::Acquire) == 0
                    && conn.idle_since_ms.load(Ordering::Acquire) == idle_since
                {
                    return;
                }
            }
            _ = conn.wake.notified() => {}
        }
    }
}

/// Serves `service` (e.g. `warp::service(routes)`) on `listener` until `shutdown` completes, then
/// lets the connections finish their requests in flight.
pub async fn serve<S, B>(
    listener: TcpListener,
    service: S,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) where
    S: tower_service::Service<hyper::Request<Incoming>, Response = hyper::Response<B>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: Body<Data = Bytes> + Send + Unpin + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let registry =
        Arc::new(Registry { started: Instant::now(), next_id: AtomicU64::new(0), conns: Mutex::new(HashMap::new()) });
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut last_warning: Option<Instant> = None;
    // Ends with the server future, also when it is dropped.
    let _trimmer = AbortOnDropHandle::new(tokio::spawn(trim_periodically()));
    'accept: loop {
        // At the cap with every connection busy: leave new ones in the listen backlog.
        while slots.available_permits() == 0 && !registry.any_idle() {
            tokio::select! {
                _ = &mut shutdown => break 'accept,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
        }
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    accept_error(err).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let permit = match slots.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if last_warning.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                    last_warning = Some(Instant::now());
                    tracing::warn!(
                        max_connections = limits.max_connections,
                        "connection cap reached: closing the connections idle longest to make room"
                    );
                }
                registry.shed_oldest_idle();
                match tokio::time::timeout(Duration::from_secs(1), slots.clone().acquire_owned()).await {
                    Ok(Ok(permit)) => permit,
                    _ => {
                        tracing::debug!(%peer, "no connection slot freed; closing the new connection");
                        continue;
                    }
                }
            }
        };
        let (id, conn) = registry.register();
        let registry = registry.clone();
        let service = service.clone();
        let watcher = graceful.watcher();
        let timeout = limits.header_read_timeout;
        tokio::spawn(async move {
            let _permit = permit;
            let svc = {
                let conn = conn.clone();
                let registry = registry.clone();
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    let busy = Busy::new(conn.clone(), registry.clone());
                    request.extensions_mut().insert(PeerAddr(peer));
                    let mut service = service.clone();
                    async move {
                        let response = tower_service::Service::call(&mut service, request).await?;
                        Ok::<_, Infallible>(response.map(|inner| Tracked { inner, _busy: busy }))
                    }
                })
            };
            let builder = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
            let connection = builder.serve_connection_with_upgrades(hyper_util::rt::TokioIo::new(stream), svc);
            let connection = watcher.watch(connection);
            tokio::select! {
                result = connection => {
                    if let Err(err) = result {
                        tracing::debug!(%peer, error = %err, "connection ended with an error");
                    }
                }
                _ = watchdog(&conn, &registry, timeout) => {
                    tracing::debug!(%peer, shed = conn.shed.load(Ordering::Acquire), "closing an idle connection");
                }
            }
            registry.remove(id);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

async fn accept_error(err: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(err.kind(), ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset) {
        return;
    }
    // Out of descriptors (EMFILE) and the like: give the process a moment to free some.
    tracing::error!(error = %err, "accept error");
    tokio::time::sleep(Duration::from_millis(100)).await;
}
