//! The command line, declared once with clap's derive ([`Cli`]): the flags, their `--help`
//! text and the grammar (`--flag value` and `--flag=value`, repeatable flags, the last of a
//! repeated flag wins, `--memory` conflicting with `--data-dir`). Each value is then checked
//! here, with the sandbox's own precise messages ([`ArgsError`]) — so a `--host-key` secret is
//! never echoed, as clap's own "invalid value" errors would.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::{valid_origin, ArgsError, Command, Config, DataStore, DEFAULT_DATA_DIR, USAGE};
use crate::identity::MIN_KEY_LEN;

/// The reference city service platform and simulated department backends of citypanel.
///
/// Prints `citypanel-sandbox listening on http://HOST:PORT` once listening; stops gracefully
/// on SIGINT/SIGTERM. Bad arguments exit with code 2.
#[derive(Debug, Parser)]
#[command(name = "citypanel-sandbox", override_usage = USAGE, args_override_self = true)]
struct Cli {
    /// The address to listen on: an IP address, or `localhost`.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on, 0 to 65535; 0 picks a free port.
    #[arg(long, default_value = "8080")]
    port: String,
    /// The built web app, served as static files at `/`.
    #[arg(long, value_name = "DIR")]
    dist: Option<String>,
    /// The directory of published descriptors, one `*.json` per service.
    #[arg(long, value_name = "DIR", default_value = "catalog")]
    catalog: String,
    /// Where orders, bookings and subscriptions are kept (`DIR/sandbox.sqlite3`).
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    data_dir: String,
    /// Keep everything in memory, gone when the server stops.
    #[arg(long, conflicts_with = "data_dir")]
    memory: bool,
    /// Keep everything in this PostgreSQL database instead (`postgres://USER@HOST:PORT/DB`),
    /// shared by any number of platform instances.
    #[arg(long, value_name = "URL", conflicts_with_all = ["data_dir", "memory"])]
    database_url: Option<String>,
    /// How long a booking hold lasts before its place is freed, 1 to 86400 seconds.
    #[arg(long, value_name = "SECONDS", default_value = "300")]
    hold_seconds: String,
    /// A JSON file of department faults applied at start.
    #[arg(long, value_name = "FILE")]
    faults: Option<String>,
    /// An origin allowed to call the API from a browser, exactly `http(s)://host[:port]`
    /// (repeatable).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// An identity-token signing key for a host, secret at least 16 characters (repeatable;
    /// none: the built-in sandbox-only dev keys). The secret is never shown.
    #[arg(long = "host-key", value_name = "HOST=SECRET")]
    host_keys: Vec<String>,
    /// The payment-notification signing key of a host's payment provider (its wallet), secret
    /// at least 16 characters (repeatable; none: the built-in sandbox-only dev keys). An order
    /// is paid only on a notification signed with it (or the platform's own payment page).
    /// The secret is never shown.
    #[arg(long = "pay-key", value_name = "HOST=SECRET")]
    pay_keys: Vec<String>,
    /// DEVELOPMENT ONLY, never in production: let the personal routes (orders, payments,
    /// bookings, subscriptions, My City) answer requests without an identity token, believing
    /// the `user` a request names — anyone can then read and change anyone's data. Without
    /// it (the default) they answer `401 missing_token`.
    #[arg(long)]
    dev_allow_anonymous: bool,
    /// Start the platform's clock at this instant (it runs on from there), e.g.
    /// `2030-01-07T09:00:00+08:00`.
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
    /// Close a connection whose request headers are not complete this many seconds after
    /// their first byte, 1 to 3600.
    #[arg(long, value_name = "SECONDS", default_value = "10")]
    header_timeout_s: String,
    /// Answer `408` and close when a request body is not complete this many seconds after
    /// its headers, 1 to 3600.
    #[arg(long, value_name = "SECONDS", default_value = "30")]
    body_timeout_s: String,
    /// Close a connection with no request in progress (or an unread response) after this
    /// many seconds, 1 to 3600.
    #[arg(long, value_name = "SECONDS", default_value = "15")]
    idle_timeout_s: String,
    /// The most connections served at once, 1 to 65536; at the cap the one waiting longest
    /// on its client is closed to make room.
    #[arg(long, value_name = "N", default_value = "512")]
    max_connections: String,
    /// On SIGINT/SIGTERM, how long in-flight requests may finish before what is left is
    /// closed, 0 to 600 seconds.
    #[arg(long, value_name = "SECONDS", default_value = "5")]
    shutdown_deadline_s: String,
}

impl Cli {
    /// Checks every value into a [`Config`].
    fn config(self) -> Result<Config, ArgsError> {
        let mut host_keys = crate::identity::HostKeys::default();
        for value in &self.host_keys {
            let (host, secret) = parse_host_key(value)?;
            host_keys.insert(host, secret);
        }
        let mut pay_keys = crate::identity::HostKeys::default();
        for value in &self.pay_keys {
            let (host, secret) = parse_host_key(value).map_err(|e| match e {
                ArgsError::HostKey(host) => ArgsError::PayKey(host),
                other => other,
            })?;
            pay_keys.insert(host, secret);
        }
        let limits = super::ConnLimits {
            header_timeout: seconds("--header-timeout-s", &self.header_timeout_s, 1, 3600)?,
            body_timeout: seconds("--body-timeout-s", &self.body_timeout_s, 1, 3600)?,
            idle_timeout: seconds("--idle-timeout-s", &self.idle_timeout_s, 1, 3600)?,
            max_connections: match self.max_connections.parse::<usize>() {
                Ok(n) if (1..=65_536).contains(&n) => n,
                _ => {
                    let range = "a number from 1 to 65536";
                    return Err(ArgsError::Limit("--max-connections", self.max_connections, range));
                }
            },
            shutdown_deadline: seconds("--shutdown-deadline-s", &self.shutdown_deadline_s, 0, 600)?,
        };
        let allow_origins = self
            .allow_origins
            .into_iter()
            .map(|o| if valid_origin(&o) { Ok(o) } else { Err(ArgsError::Origin(o)) })
            .collect::<Result<Vec<String>, ArgsError>>()?;
        let data = match (self.database_url, self.memory) {
            (Some(url), _) => {
                if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                    let expected = "`postgres://USER@HOST:PORT/DATABASE`";
                    return Err(ArgsError::Limit("--database-url", url, expected));
                }
                DataStore::Postgres(url)
            }
            (None, true) => DataStore::Memory,
            (None, false) => DataStore::Dir(non_empty("--data-dir", self.data_dir)?),
        };
        let now = match self.now {
            Some(value) => Some(crate::time::parse_instant(&value).ok_or(ArgsError::Now(value))?),
            None => None,
        };
        Ok(Config {
            host: parse_host(&self.host)?,
            port: self.port.parse().map_err(|_| ArgsError::Port(self.port))?,
            dist: self.dist.map(|d| non_empty("--dist", d)).transpose()?,
            catalog: non_empty("--catalog", self.catalog)?,
            data,
            hold_seconds: parse_hold(self.hold_seconds)?,
            faults: self.faults.map(|f| non_empty("--faults", f)).transpose()?,
            allow_origins,
            host_keys,
            pay_keys,
            dev_allow_anonymous: self.dev_allow_anonymous,
            now,
            limits,
            departments_url: None,
        })
    }
}

/// Parses the arguments after the program name.
pub fn parse_args<I>(args: I) -> Result<Command, ArgsError>
where
    I: IntoIterator<Item = String>,
{
    let argv = std::iter::once("citypanel-sandbox".to_string()).chain(args);
    match Cli::try_parse_from(argv) {
        Ok(cli) => cli.config().map(Command::Serve),
        Err(e) if e.kind() == ErrorKind::DisplayHelp => Ok(Command::Help(e.render().to_string())),
        Err(e) => Err(from_clap(&e)),
    }
}

/// The usage line, as clap renders it (`Usage: citypanel-sandbox [--host …] …`).
pub fn usage() -> String {
    Cli::command().render_usage().to_string()
}

/// The sandbox's error for a command line clap refused.
fn from_clap(e: &clap::Error) -> ArgsError {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.split(' ').next().unwrap_or_default().to_string(),
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::UnknownArgument => ArgsError::Unknown(context(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue => ArgsError::MissingValue(context(ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict
            if [ContextKind::InvalidArg, ContextKind::PriorArg].into_iter().any(|kind| {
                matches!(e.get(kind), Some(ContextValue::String(s)) if s.starts_with("--database-url"))
                    || matches!(e.get(kind), Some(ContextValue::Strings(v)) if v.iter().any(|s| s.starts_with("--database-url")))
            }) =>
        {
            ArgsError::DatabaseUrlAndFile
        }
        ErrorKind::ArgumentConflict => ArgsError::MemoryAndDataDir,
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            ArgsError::Usage(first.trim_start_matches("error: ").to_string())
        }
    }
}

fn parse_host(value: &str) -> Result<IpAddr, ArgsError> {
    if value.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    value.parse().map_err(|_| ArgsError::Host(value.to_string()))
}

fn parse_host_key(value: &str) -> Result<(&str, &str), ArgsError> {
    let (host, secret) = value.split_once('=').unwrap_or(("", ""));
    let host_ok = !host.is_empty()
        && host.len() <= 32
        && host.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !host_ok {
        // The whole value may be a secret pasted by mistake: never show it.
        return Err(ArgsError::HostKey("<invalid host>".into()));
    }
    if secret.chars().count() < MIN_KEY_LEN {
        return Err(ArgsError::HostKey(host.to_string()));
    }
    Ok((host, secret))
}

/// A whole number of seconds from `min` to `max` for `flag`.
fn seconds(
    flag: &'static str,
    value: &str,
    min: u64,
    max: u64,
) -> Result<std::time::Duration, ArgsError> {
    match value.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(std::time::Duration::from_secs(n)),
        _ => {
            let range = if min == 0 { "a number from 0 to 600" } else { "a number from 1 to 3600" };
            Err(ArgsError::Limit(flag, value.to_string(), range))
        }
    }
}

fn parse_hold(value: String) -> Result<u64, ArgsError> {
    match value.parse::<u64>() {
        Ok(n) if (1..=86_400).contains(&n) => Ok(n),
        _ => Err(ArgsError::HoldSeconds(value)),
    }
}

fn non_empty(flag: &str, value: String) -> Result<PathBuf, ArgsError> {
    if value.is_empty() {
        return Err(ArgsError::EmptyPath(flag.to_string()));
    }
    Ok(PathBuf::from(value))
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
