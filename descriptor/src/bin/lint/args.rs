//! Command-line arguments of `citypanel-lint`.

use std::path::PathBuf;

/// The usage text, printed for `--help` and after a usage error.
pub const USAGE: &str = "usage: citypanel-lint [--format human|json] [--deny-warnings] [PATH ...]

Checks service descriptors against the citypanel descriptor standard.
Each PATH is a descriptor file or a directory (searched recursively for `*.json`);
without PATH, `catalog/` is checked.

options:
  --format human|json  compiler-style text (default) or one JSON document on stdout
  --deny-warnings      exit with status 1 when there are warnings, not only errors
  -h, --help           print this help

exit status: 0 clean, 1 errors (or warnings with --deny-warnings), 2 usage or read errors";

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

/// Parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub format: OutputFormat,
    pub deny_warnings: bool,
    pub paths: Vec<PathBuf>,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Lint(Options),
    Help,
}

/// Parses the arguments after the program name; `Err` is a usage error message.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut format = OutputFormat::Human;
    let mut deny_warnings = false;
    let mut paths = Vec::new();
    let mut only_paths = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if only_paths {
            paths.push(PathBuf::from(arg));
            continue;
        }
        match arg.as_str() {
            "--" => only_paths = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--deny-warnings" => deny_warnings = true,
            "--format" => {
                let value = args.next().ok_or("`--format` needs a value: `human` or `json`")?;
                format = format_value(&value)?;
            }
            other if other.starts_with("--format=") => {
                format = format_value(&other["--format=".len()..])?
            }
            other if other.starts_with('-') && other.len() > 1 => {
                return Err(format!("unknown option `{other}`"))
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("catalog"));
    }
    Ok(Command::Lint(Options { format, deny_warnings, paths }))
}

fn format_value(v: &str) -> Result<OutputFormat, String> {
    match v {
        "human" => Ok(OutputFormat::Human),
        "json" => Ok(OutputFormat::Json),
        other => Err(format!("unknown format `{other}`; use `human` or `json`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_to_human_on_the_catalog() {
        let want = Options {
            format: OutputFormat::Human,
            deny_warnings: false,
            paths: vec![PathBuf::from("catalog")],
        };
        assert_eq!(lint(&[]), Ok(Command::Lint(want)));
    }

    #[test]
    fn reads_options_and_paths() {
        let want = Options {
            format: OutputFormat::Json,
            deny_warnings: true,
            paths: vec!["a.json".into(), "-b".into()],
        };
        assert_eq!(
            lint(&["--format", "json", "a.json", "--deny-warnings", "--", "-b"]),
            Ok(Command::Lint(want))
        );
        assert!(
            matches!(lint(&["--format=json"]), Ok(Command::Lint(o)) if o.format == OutputFormat::Json)
        );
        assert_eq!(lint(&["x", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn rejects_bad_usage() {
        assert!(lint(&["--format"]).is_err());
        assert!(lint(&["--format", "xml"]).is_err());
        assert!(lint(&["--fix"]).is_err());
    }
}
