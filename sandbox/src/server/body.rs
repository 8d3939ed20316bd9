//! Request bodies with a deadline, and response bodies that mark their connection idle
//! once sent.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use thiserror::Error;
use tokio::time::Sleep;

use super::track::{ConnState, Phase};

/// The request body did not arrive within the body timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the request body did not arrive within {0:?}")]
pub struct BodyTimeout(pub Duration);

/// Boxed errors, as http-body bodies carry them.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A request body that fails with [`BodyTimeout`] past its deadline, and tells its
/// connection while its handler waits on the client.
pub struct TimedBody<B> {
    inner: B,
    limit: Duration,
    deadline: Pin<Box<Sleep>>,
    state: Arc<ConnState>,
    expired: bool,
}

impl<B> TimedBody<B> {
    /// `inner`, which must be read within `limit` from now.
    pub fn new(inner: B, limit: Duration, state: Arc<ConnState>) -> TimedBody<B> {
        let deadline = Box::pin(tokio::time::sleep(limit));
        TimedBody { inner, limit, deadline, state, expired: false }
    }
}

impl<B> Body for TimedBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if self.expired {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                self.state.waiting_for_body(false);
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => {
                if self.deadline.as_mut().poll(cx).is_ready() {
                    self.expired = true;
                    self.state.waiting_for_body(false);
                    return Poll::Ready(Some(Err(Box::new(BodyTimeout(self.limit)))));
                }
                self.state.waiting_for_body(true);
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.expired || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A response body that marks its connection idle when it is done (or dropped).
pub struct TrackedBody<B> {
    inner: B,
    state: Arc<ConnState>,
}

impl<B> TrackedBody<B> {
    /// `inner`, sent on the connection of `state`.
    pub fn new(inner: B, state: Arc<ConnState>) -> TrackedBody<B> {
        state.enter(Phase::Sending);
        TrackedBody { inner, state }
    }
}

impl<B> Drop for TrackedBody<B> {
    fn drop(&mut self) {
        self.state.enter(Phase::Idle);
    }
}

impl<B> Body for TrackedBody<B>
where
    B: Body<Data = Bytes> + Unpin,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Whether `error` (or one of its sources) is a [`BodyTimeout`].
pub fn is_body_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<BodyTimeout>() {
            return true;
        }
        current = e.source();
    }
    false
}
