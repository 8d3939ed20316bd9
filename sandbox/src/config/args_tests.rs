//! The command line's cases: every flag in both forms, each refusal and its message, help.

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
    let url = "postgres://u@127.0.0.1:5432/db";
    assert_eq!(parse(&["--memory", "--database-url", url]), Err(ArgsError::DatabaseUrlAndFile));
    assert_eq!(
        parse(&["--database-url", url, "--data-dir", "x"]),
        Err(ArgsError::DatabaseUrlAndFile)
    );
    assert_eq!(serve(&["--database-url", url]).data, DataStore::Postgres(url.into()));
    let mysql = "mysql://u@h/db";
    let expected = "`postgres://USER@HOST:PORT/DATABASE`";
    let refused = Err(ArgsError::Limit("--database-url", mysql.into(), expected));
    assert_eq!(parse(&["--database-url", mysql]), refused);
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
        "--pay-key <HOST=SECRET>",
        "--dev-allow-anonymous",
        "DEVELOPMENT ONLY",
        "--now <INSTANT>",
        "--header-timeout-s <SECONDS>",
        "--body-timeout-s <SECONDS>",
        "--idle-timeout-s <SECONDS>",
        "--max-connections <N>",
        "--shutdown-deadline-s <SECONDS>",
        "[default: 8080]",
    ] {
        assert!(help.contains(flag), "{flag} missing from {help}");
    }
    assert_eq!(parse(&["-h"]).map(|c| matches!(c, Command::Help(_))), Ok(true));
    assert!(usage().starts_with("Usage: citypanel-sandbox [--host"), "{}", usage());
}

#[test]
fn host_keys_and_dev_allow_anonymous() {
    let c = serve(&[
        "--host-key",
        "wallet=0123456789abcdef",
        "--host-key=shop=fedcba9876543210xyz",
        "--dev-allow-anonymous",
    ]);
    assert!(c.dev_allow_anonymous);
    assert!(!serve(&[]).dev_allow_anonymous, "tokens are required by default");
    assert_eq!(
        parse(&["--require-identity"]),
        Err(ArgsError::Unknown("--require-identity".into()))
    );
    assert_eq!(c.host_keys.get("wallet"), Some(&b"0123456789abcdef"[..]));
    assert_eq!(c.host_keys.get("shop"), Some(&b"fedcba9876543210xyz"[..]));
    assert_eq!(c.host_keys.get("microblog"), None);
    assert!(!format!("{c:?}").contains("0123456789abcdef"));
    assert!(serve(&[]).host_keys.is_empty());
    assert_eq!(parse(&["--host-key", "wallet=short"]), Err(ArgsError::HostKey("wallet".into())));
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

#[test]
fn connection_limits_have_flags() {
    use std::time::Duration;
    assert_eq!(serve(&[]).limits, crate::server::ConnLimits::default());
    let c = serve(&[
        "--header-timeout-s",
        "3",
        "--body-timeout-s=4",
        "--idle-timeout-s",
        "5",
        "--max-connections",
        "64",
        "--shutdown-deadline-s",
        "0",
    ]);
    assert_eq!(c.limits.header_timeout, Duration::from_secs(3));
    assert_eq!(c.limits.body_timeout, Duration::from_secs(4));
    assert_eq!(c.limits.idle_timeout, Duration::from_secs(5));
    assert_eq!(c.limits.max_connections, 64);
    assert_eq!(c.limits.shutdown_deadline, Duration::ZERO);
    for (flag, bad) in [
        ("--header-timeout-s", "0"),
        ("--body-timeout-s", "3601"),
        ("--idle-timeout-s", "x"),
        ("--max-connections", "0"),
        ("--max-connections", "65537"),
        ("--shutdown-deadline-s", "601"),
        ("--shutdown-deadline-s", "1.5"),
    ] {
        let error = parse(&[flag, bad]).expect_err(bad);
        assert!(matches!(&error, ArgsError::Limit(f, v, _) if *f == flag && v == bad), "{error:?}");
        assert!(error.to_string().contains(flag), "{error}");
    }
}

#[test]
fn pay_keys_are_per_host_and_never_shown() {
    let c = serve(&["--pay-key", "wallet=0123456789abcdef-pay"]);
    assert_eq!(c.pay_keys.get("wallet"), Some(&b"0123456789abcdef-pay"[..]));
    assert!(!format!("{c:?}").contains("0123456789abcdef"));
    assert!(serve(&[]).pay_keys.is_empty());
    assert_eq!(parse(&["--pay-key", "wallet=short"]), Err(ArgsError::PayKey("wallet".into())));
    let error = parse(&["--pay-key", "0123456789abcdef0123"]).expect_err("no host");
    assert_eq!(error, ArgsError::PayKey("<invalid host>".into()));
}
