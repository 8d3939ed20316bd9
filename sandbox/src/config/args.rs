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
    /// Refuse personal routes without an identity token.
    #[arg(long)]
    require_identity: bool,
    /// Start the platform's clock at this instant (it runs on from there), e.g.
    /// `2030-01-07T09:00:00+08:00`.
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
}

impl Cli {
    /// Checks every value into a [`Config`].
    fn config(self) -> Result<Config, ArgsError> {
        let mut host_keys = crate::identity::HostKeys::default();
        for value in &self.host_keys {
            let (host, secret) = parse_host_key(value)?;
            host_keys.insert(host, secret);
        }
        let allow_origins = self
            .allow_origins
            .into_iter()
            .map(|o| if valid_origin(&o) { Ok(o) } else { Err(ArgsError::Origin(o)) })
            .collect::<Result<Vec<String>, ArgsError>>()?;
        let data = match self.memory {
            true => DataStore::Memory,
            false => DataStore::Dir(non_empty("--data-dir", self.data_dir)?),
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
            require_identity: self.require_identity,
            now,
            limits: super::ConnLimits::default(),
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
