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
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, ArgsError> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    fn serve(args: &[&str]) -> Config {
        match parse(args) {
            Ok(Command::Serve(config)) => config,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let config = serve(&[]);
        assert_eq!(config, Config::default());
        assert_eq!(config.data, DataStore::Dir(PathBuf::from("data")));
        assert_eq!(config.hold_seconds, 300);
    }

    #[test]
    fn all_flags_both_forms() {
        let c = serve(&[
            "--host",
            "0.0.0.0",
            "--port=0",
            "--dist",
            "d",
            "--catalog=c",
            "--data-dir",
            "x",
            "--hold-seconds=2",
            "--faults",
            "f.json",
            "--allow-origin",
            "https://a.example",
            "--allow-origin=http://127.0.0.1:5173",
        ]);
        assert_eq!(c.host.to_string(), "0.0.0.0");
        assert_eq!((c.port, c.hold_seconds), (0, 2));
        assert_eq!(c.dist, Some(PathBuf::from("d")));
        assert_eq!(c.catalog, PathBuf::from("c"));
        assert_eq!(c.data, DataStore::Dir(PathBuf::from("x")));
        assert_eq!(c.faults, Some(PathBuf::from("f.json")));
        assert_eq!(c.allow_origins, ["https://a.example", "http://127.0.0.1:5173"]);
        assert_eq!(serve(&["--memory"]).data, DataStore::Memory);
    }

    #[test]
    fn errors() {
        assert_eq!(parse(&["--port", "x"]), Err(ArgsError::Port("x".into())));
        assert_eq!(parse(&["--port", "70000"]), Err(ArgsError::Port("70000".into())));
        assert_eq!(parse(&["--port"]), Err(ArgsError::MissingValue("--port".into())));
        assert_eq!(parse(&["--nope"]), Err(ArgsError::Unknown("--nope".into())));
        assert_eq!(parse(&["serve"]), Err(ArgsError::Unknown("serve".into())));
        assert_eq!(parse(&["--host", "a.b"]), Err(ArgsError::Host("a.b".into())));
        assert_eq!(parse(&["--dist="]), Err(ArgsError::EmptyPath("--dist".into())));
        assert_eq!(parse(&["--hold-seconds", "0"]), Err(ArgsError::HoldSeconds("0".into())));
        assert_eq!(parse(&["--now", "2030-01-07"]), Err(ArgsError::Now("2030-01-07".into())));
        assert_eq!(serve(&["--now=2030-01-07T01:00:00Z"]).now, Some(1_893_978_000_000));
        assert_eq!(parse(&["--memory", "--data-dir", "x"]), Err(ArgsError::MemoryAndDataDir));
        assert_eq!(parse(&["--memory", "--data-dir=x"]), Err(ArgsError::MemoryAndDataDir));
        assert_eq!(serve(&["--port", "1", "--port", "2"]).port, 2, "the last one wins");
        assert_eq!(serve(&["--data-dir", "x", "--data-dir", "y"]).data, DataStore::Dir("y".into()));
    }

    #[test]
    fn help_is_generated_and_names_every_flag() {
        let Ok(Command::Help(help)) = parse(&["--help"]) else { panic!("no help") };
        for flag in [
            "--host <IP>",
            "--port <PORT>",
            "--dist <DIR>",
            "--catalog <DIR>",
            "--data-dir <DIR>",
            "--memory",
            "--hold-seconds <SECONDS>",
            "--faults <FILE>",
            "--allow-origin <ORIGIN>",
            "--host-key <HOST=SECRET>",
            "--require-identity",
            "--now <INSTANT>",
            "[default: 8080]",
        ] {
            assert!(help.contains(flag), "{flag} missing from {help}");
        }
        assert_eq!(parse(&["-h"]).map(|c| matches!(c, Command::Help(_))), Ok(true));
        assert!(usage().starts_with("Usage: citypanel-sandbox [--host"), "{}", usage());
    }

    #[test]
    fn host_keys_and_require_identity() {
        let c = serve(&[
            "--host-key",
            "wallet=0123456789abcdef",
            "--host-key=shop=fedcba9876543210xyz",
            "--require-identity",
        ]);
        assert!(c.require_identity);
        assert_eq!(c.host_keys.get("wallet"), Some(&b"0123456789abcdef"[..]));
        assert_eq!(c.host_keys.get("shop"), Some(&b"fedcba9876543210xyz"[..]));
        assert_eq!(c.host_keys.get("microblog"), None);
        assert!(!format!("{c:?}").contains("0123456789abcdef"));
        assert!(serve(&[]).host_keys.is_empty());
        assert_eq!(
            parse(&["--host-key", "wallet=short"]),
            Err(ArgsError::HostKey("wallet".into()))
        );
        for bad in ["0123456789abcdef0123", "=0123456789abcdef", "Wallet=0123456789abcdef"] {
            let error = parse(&["--host-key", bad]).expect_err(bad);
            assert_eq!(error, ArgsError::HostKey("<invalid host>".into()));
            assert!(!error.to_string().contains("0123456789abcdef"));
        }
    }

    #[test]
    fn origins_are_exact() {
        for bad in [
            "*",
            "https://*.example",
            "https://a.example/",
            "https://a.example/x",
            "a.example",
            "ftp://a.example",
            "https://A.example",
            "https://a.example:",
            "https://a.example:99999",
        ] {
            assert_eq!(parse(&["--allow-origin", bad]), Err(ArgsError::Origin(bad.into())));
        }
        assert_eq!(serve(&["--allow-origin", "http://[::1]:8080"]).allow_origins.len(), 1);
    }
}
