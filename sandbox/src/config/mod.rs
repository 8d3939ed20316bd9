//! Server configuration and the command-line parser.

mod args;

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use thiserror::Error;

pub use crate::db::DataStore;
use crate::identity::HostKeys;
pub use crate::server::ConnLimits;
pub use args::parse_args;

/// The command-line usage text.
pub const USAGE: &str = "usage: citypanel-sandbox [--host 127.0.0.1] [--port 8080] \
[--dist DIR] [--catalog DIR] [--data-dir DIR | --memory] [--hold-seconds 300] \
[--faults FILE] [--allow-origin ORIGIN]... [--host-key HOST=SECRET]... [--require-identity] \
[--now 2030-01-07T09:00:00+08:00]";

/// The data directory used when neither `--data-dir` nor `--memory` is given.
pub const DEFAULT_DATA_DIR: &str = "data";

/// How long a booking hold lasts by default, in seconds.
pub const DEFAULT_HOLD_SECONDS: u64 = 300;

/// How the sandbox server is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The address to listen on (default `127.0.0.1`).
    pub host: IpAddr,
    /// The port to listen on; `0` picks a free port (default `8080`).
    pub port: u16,
    /// The built web app, served as static files at `/` (optional).
    pub dist: Option<PathBuf>,
    /// The directory of published descriptors, one `*.json` per service (default `catalog`).
    pub catalog: PathBuf,
    /// Where orders, bookings and subscriptions are kept (default `./data`).
    pub data: DataStore,
    /// How long a booking hold lasts before its place is freed, in seconds (default 300).
    pub hold_seconds: u64,
    /// A JSON file of department faults applied at start (optional).
    pub faults: Option<PathBuf>,
    /// Origins (`scheme://host[:port]`) allowed to call the API from a browser.
    pub allow_origins: Vec<String>,
    /// Identity-token signing keys per host (`--host-key HOST=SECRET`); empty means the
    /// built-in sandbox-only dev keys. `Debug` never shows a key.
    pub host_keys: HostKeys,
    /// Whether the personal routes refuse requests without an identity token.
    pub require_identity: bool,
    /// `--now`: the instant (epoch ms) the platform's clock starts at, running on from there;
    /// `None` for the machine's clock. Applied by the binary to its whole process
    /// ([`crate::time::set_now`]); `serve` itself never moves the clock.
    pub now: Option<i64>,
    /// Timeouts and the connection cap (no flags yet; the defaults of [`ConnLimits`]).
    pub limits: ConnLimits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            dist: None,
            catalog: PathBuf::from("catalog"),
            data: DataStore::Dir(PathBuf::from(DEFAULT_DATA_DIR)),
            hold_seconds: DEFAULT_HOLD_SECONDS,
            faults: None,
            allow_origins: Vec::new(),
            host_keys: HostKeys::default(),
            require_identity: false,
            now: None,
            limits: ConnLimits::default(),
        }
    }
}

impl Config {
    /// The default configuration with an in-memory database and a free port (for tests).
    pub fn ephemeral() -> Config {
        Config { port: 0, data: DataStore::Memory, ..Config::default() }
    }
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
// Made once per process: the size of `Serve` does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Run the server with this configuration.
    Serve(Config),
    /// Print the usage text and exit successfully.
    Help,
}

/// Why the command line was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArgsError {
    /// A flag that the sandbox does not know.
    #[error("unknown argument `{0}`")]
    Unknown(String),
    /// A flag given without its value.
    #[error("`{0}` needs a value")]
    MissingValue(String),
    /// `--host` was not an IP address or `localhost`.
    #[error("invalid --host `{0}`: expected an IP address such as 127.0.0.1")]
    Host(String),
    /// `--port` was not a number from 0 to 65535.
    #[error("invalid --port `{0}`: expected a number from 0 to 65535")]
    Port(String),
    /// A path flag was given an empty value.
    #[error("`{0}` needs a non-empty path")]
    EmptyPath(String),
    /// `--hold-seconds` was not a number from 1 to 86400.
    #[error("invalid --hold-seconds `{0}`: expected a number from 1 to 86400")]
    HoldSeconds(String),
    /// `--allow-origin` was not an exact origin.
    #[error("invalid --allow-origin `{0}`: expected `http(s)://host[:port]`, lowercase, no path, no wildcard")]
    Origin(String),
    /// `--host-key` was not `HOST=SECRET` with a lowercase host and a long enough secret
    /// (the secret is never shown).
    #[error("invalid --host-key for `{0}`: expected `HOST=SECRET`, host `[a-z0-9-]+`, secret at least 16 characters")]
    HostKey(String),
    /// `--now` was not an instant with a time of day.
    #[error("invalid --now `{0}`: expected an instant such as `2030-01-07T09:00:00+08:00`")]
    Now(String),
    /// `--memory` and `--data-dir` were both given.
    #[error("`--memory` and `--data-dir` cannot be combined")]
    MemoryAndDataDir,
}

/// Whether `origin` is an exact, lowercase `http(s)://host[:port]` with nothing after it.
pub fn valid_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        let label = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
        !host.is_empty() && host.chars().all(label)
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok());
    host_ok && port_ok
}
