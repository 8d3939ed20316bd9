//! The hand-written command-line parser: `--flag value`, `--flag=value`, and the bare
//! `--memory` switch.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use crate::identity::MIN_KEY_LEN;

use super::{valid_origin, ArgsError, Command, Config, DataStore};

/// Flags that take a value.
const VALUED: &[&str] = &[
    "--host",
    "--port",
    "--dist",
    "--catalog",
    "--data-dir",
    "--hold-seconds",
    "--faults",
    "--allow-origin",
    "--host-key",
    "--now",
];

/// Parses the arguments after the program name.
pub fn parse_args<I>(args: I) -> Result<Command, ArgsError>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config::default();
    let (mut memory, mut data_dir) = (false, false);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if arg == "--require-identity" {
            config.require_identity = true;
            continue;
        }
        if arg == "--memory" {
            memory = true;
            config.data = DataStore::Memory;
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.into())),
            _ => (arg, None),
        };
        if !VALUED.contains(&flag.as_str()) {
            return Err(ArgsError::Unknown(flag));
        }
        let Some(value) = inline.or_else(|| args.next()) else {
            return Err(ArgsError::MissingValue(flag));
        };
        match flag.as_str() {
            "--host" => config.host = parse_host(&value)?,
            "--port" => config.port = value.parse().map_err(|_| ArgsError::Port(value))?,
            "--dist" => config.dist = Some(non_empty(&flag, value)?),
            "--catalog" => config.catalog = non_empty(&flag, value)?,
            "--data-dir" => {
                data_dir = true;
                config.data = DataStore::Dir(non_empty(&flag, value)?);
            }
            "--hold-seconds" => config.hold_seconds = parse_hold(value)?,
            "--faults" => config.faults = Some(non_empty(&flag, value)?),
            "--now" => {
                config.now = Some(crate::time::parse_instant(&value).ok_or(ArgsError::Now(value))?)
            }
            "--host-key" => {
                let (host, secret) = parse_host_key(&value)?;
                config.host_keys.insert(host, secret);
            }
            _ if valid_origin(&value) => config.allow_origins.push(value),
            _ => return Err(ArgsError::Origin(value)),
        }
    }
    if memory && data_dir {
        return Err(ArgsError::MemoryAndDataDir);
    }
    Ok(Command::Serve(config))
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
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
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
