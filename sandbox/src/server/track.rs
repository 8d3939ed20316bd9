//! What one connection is doing and since when: read by its watchdog (timeouts) and by the
//! accept loop (which connection to close at the cap).

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::task::{Context, Poll};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

/// What a connection is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No request in progress: keep-alive, or connected and silent.
    Idle = 0,
    /// Part of a request's headers has arrived.
    Head = 1,
    /// A handler is waiting for the request body.
    Body = 2,
    /// A handler is working on the request.
    Busy = 3,
    /// The response is being written.
    Sending = 4,
}

impl Phase {
    fn from_bits(bits: u64) -> Phase {
        match bits {
            0 => Phase::Idle,
            1 => Phase::Head,
            2 => Phase::Body,
            3 => Phase::Busy,
            _ => Phase::Sending,
        }
    }

    /// Whether the connection is waiting on its client (and may be closed to make room).
    pub fn waits_on_client(self) -> bool {
        self != Phase::Busy
    }
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Milliseconds since the first call in this process: a monotonic clock that fits in 56 bits.
pub fn clock_ms() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX >> 8)
}

/// One connection's phase and when it began (packed in one atomic), and its close signal.
#[derive(Debug, Default)]
pub struct ConnState {
    /// The phase in the top 8 bits, its start ([`clock_ms`]) in the low 56.
    packed: AtomicU64,
    /// Set when the connection was chosen to be closed.
    closing: AtomicBool,
    /// Wakes the connection's task to close it.
    close: Notify,
}

const SHIFT: u32 = 56;

fn pack(phase: Phase, since: u64) -> u64 {
    ((phase as u64) << SHIFT) | (since & ((1 << SHIFT) - 1))
}

impl ConnState {
    /// A connection accepted now (idle).
    pub fn new() -> ConnState {
        ConnState { packed: AtomicU64::new(pack(Phase::Idle, clock_ms())), ..ConnState::default() }
    }

    /// The phase and its start.
    pub fn load(&self) -> (Phase, u64) {
        let packed = self.packed.load(Ordering::Acquire);
        (Phase::from_bits(packed >> SHIFT), packed & ((1 << SHIFT) - 1))
    }

    /// Enters `phase` now.
    pub fn enter(&self, phase: Phase) {
        self.packed.store(pack(phase, clock_ms()), Ordering::Release);
    }

    /// Enters `to` now if the phase is `from` (keeping any other phase).
    pub fn advance(&self, from: Phase, to: Phase) {
        let current = self.packed.load(Ordering::Acquire);
        if Phase::from_bits(current >> SHIFT) == from {
            let next = pack(to, clock_ms());
            let _ =
                self.packed.compare_exchange(current, next, Ordering::AcqRel, Ordering::Relaxed);
        }
    }

    /// Switches between `Body` and `Busy` keeping the start (the request's dispatch).
    pub fn waiting_for_body(&self, waiting: bool) {
        let (from, to) =
            if waiting { (Phase::Busy, Phase::Body) } else { (Phase::Body, Phase::Busy) };
        let current = self.packed.load(Ordering::Acquire);
        if Phase::from_bits(current >> SHIFT) == from {
            let next = pack(to, current);
            let _ =
                self.packed.compare_exchange(current, next, Ordering::AcqRel, Ordering::Relaxed);
        }
    }

    /// Asks the connection to close now; `false` if it was already asked.
    pub fn close(&self) -> bool {
        if self.closing.swap(true, Ordering::AcqRel) {
            return false;
        }
        self.close.notify_one();
        true
    }

    /// Whether the connection was asked to close.
    pub fn is_closing(&self) -> bool {
        self.closing.load(Ordering::Acquire)
    }

    /// Completes when [`ConnState::close`] is called.
    pub async fn closed(&self) {
        self.close.notified().await;
    }
}

/// A socket that records its client's progress in a [`ConnState`]: the first bytes of a
/// request start `Head`; each write of a response restarts `Sending`.
#[derive(Debug)]
pub struct Tracked<T> {
    inner: T,
    state: std::sync::Arc<ConnState>,
}

impl<T> Tracked<T> {
    /// Tracks `inner` in `state`.
    pub fn new(inner: T, state: std::sync::Arc<ConnState>) -> Tracked<T> {
        Tracked { inner, state }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Tracked<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.state.advance(Phase::Idle, Phase::Head);
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Tracked<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.state.advance(Phase::Sending, Phase::Sending);
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
