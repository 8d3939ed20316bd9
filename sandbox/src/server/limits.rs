//! How long the platform waits on a client, and how many clients it serves at once.

use std::time::Duration;

/// Connection limits: a slow or stalled client is closed after these, and never holds the
/// platform (or its shutdown) hostage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnLimits {
    /// From the first byte of a request to the end of its headers (default 10 s); past it the
    /// connection is closed.
    pub header_timeout: Duration,
    /// From the end of the headers to the end of the body (default 30 s); past it the request
    /// is answered `408 body_timeout` and the connection closed.
    pub body_timeout: Duration,
    /// How long a connection may sit with no request in progress (keep-alive, or connected and
    /// silent), or with a response its client does not read (default 15 s).
    pub idle_timeout: Duration,
    /// The most connections served at once (default 512). At the cap, the connection that
    /// has waited longest on its client (idle, half-sent headers, stalled body or an unread
    /// response) is closed to make room; connections being worked on are never closed.
    pub max_connections: usize,
    /// How long a shutdown waits for in-flight requests before closing what is left
    /// (default 5 s).
    pub shutdown_deadline: Duration,
}

/// The default header timeout.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The default body timeout.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// The default idle limit.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// The default connection cap (below the common 1024 open-file limit, with room for the
/// database, the catalog and static files).
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// The default shutdown deadline.
pub const DEFAULT_SHUTDOWN_DEADLINE: Duration = Duration::from_secs(5);

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            shutdown_deadline: DEFAULT_SHUTDOWN_DEADLINE,
        }
    }
}
