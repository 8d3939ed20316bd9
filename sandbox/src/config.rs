//! Server configuration and the hand-written command-line parser.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use thiserror::Error;

/// The command-line usage text.
pub const USAGE: &str =
    "usage: citypanel-sandbox [--host 127.0.0.1] [--port 8080] [--dist DIR] [--catalog DIR]";

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            dist: None,
            catalog: PathBuf::from("catalog"),
        }
    }
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// A directory flag was given an empty value.
    #[error("`{0}` needs a non-empty directory")]
    EmptyPath(String),
}

/// Parses the arguments after the program name. Accepts `--flag value` and `--flag=value`.
pub fn parse_args<I>(args: I) -> Result<Command, ArgsError>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.into())),
            _ => (arg, None),
        };
        if !matches!(flag.as_str(), "--host" | "--port" | "--dist" | "--catalog") {
            return Err(ArgsError::Unknown(flag));
        }
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(ArgsError::MissingValue(flag)),
        };
        match flag.as_str() {
            "--host" => config.host = parse_host(&value)?,
            "--port" => config.port = value.parse().map_err(|_| ArgsError::Port(value))?,
            "--dist" => config.dist = Some(non_empty(&flag, value)?),
            _ => config.catalog = non_empty(&flag, value)?,
        }
    }
    Ok(Command::Serve(config))
}

fn parse_host(value: &str) -> Result<IpAddr, ArgsError> {
    if value.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    value
        .parse()
        .map_err(|_| ArgsError::Host(value.to_string()))
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

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]), Ok(Command::Serve(Config::default())));
    }

    #[test]
    fn all_flags_both_forms() {
        let Ok(Command::Serve(c)) = parse(&[
            "--host",
            "0.0.0.0",
            "--port=0",
            "--dist",
            "d",
            "--catalog=c",
        ]) else {
            panic!("should parse");
        };
        assert_eq!(c.host.to_string(), "0.0.0.0");
        assert_eq!(c.port, 0);
        assert_eq!(c.dist, Some(PathBuf::from("d")));
        assert_eq!(c.catalog, PathBuf::from("c"));
    }

    #[test]
    fn errors() {
        assert_eq!(parse(&["--port", "x"]), Err(ArgsError::Port("x".into())));
        assert_eq!(
            parse(&["--port", "70000"]),
            Err(ArgsError::Port("70000".into()))
        );
        assert_eq!(
            parse(&["--port"]),
            Err(ArgsError::MissingValue("--port".into()))
        );
        assert_eq!(parse(&["--nope"]), Err(ArgsError::Unknown("--nope".into())));
        assert_eq!(parse(&["serve"]), Err(ArgsError::Unknown("serve".into())));
        assert_eq!(
            parse(&["--host", "a.b"]),
            Err(ArgsError::Host("a.b".into()))
        );
        assert_eq!(
            parse(&["--dist="]),
            Err(ArgsError::EmptyPath("--dist".into()))
        );
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
    }
}
