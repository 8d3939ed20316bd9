//! A throw-away PostgreSQL cluster for `cargo xtask test` and `cargo xtask bench`: Debian's
//! `postgresql` installed when missing (idempotently, like Chromium), a cluster created in a
//! temporary directory, started on a free loopback port, stopped and removed when dropped.
//! The server refuses to run as root: as root the cluster belongs to the `postgres` user and
//! its commands run through `runuser`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc::{output, run};

/// The newest `/usr/lib/postgresql/<version>/bin` holding `initdb`.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// PostgreSQL's server binaries, installing Debian's `postgresql` when they are missing.
pub fn ensure() -> Result<PathBuf, String> {
    if let Some(bin) = bin_dir() {
        return Ok(bin);
    }
    crate::tools::apt_install(&["postgresql"], "PostgreSQL")?;
    bin_dir().ok_or_else(|| "PostgreSQL installed but no /usr/lib/postgresql/*/bin/initdb".into())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// A running throw-away cluster; stopped and removed when dropped.
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// The URL of its `postgres` database (user `postgres`, trust authentication, loopback).
    pub url: String,
}

impl Cluster {
    fn command(&self, tool: &str) -> Command {
        command(&self.bin, tool, self.as_postgres)
    }

    /// Creates and starts a cluster in a fresh temporary directory on a free loopback port.
    pub fn start() -> Result<Cluster, String> {
        let bin = ensure()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free loopback port: {e}"))?
            .port();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("citypanel-postgres-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        let as_postgres = is_root();
        let cluster = Cluster {
            bin,
            dir: dir.clone(),
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres"]).arg(&dir))?;
        }
        let data = dir.join("data");
        run(cluster
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "-D"])
            .arg(&data)
            .stdout(std::process::Stdio::null()))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on",
            dir.display()
        );
        run(cluster
            .command("pg_ctl")
            .args(["-w", "-D"])
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(dir.join("server.log"))
            .arg("start")
            .stdout(std::process::Stdio::null()))?;
        eprintln!("xtask: PostgreSQL cluster on 127.0.0.1:{port} in {}", dir.display());
        Ok(cluster)
    }

    /// The cluster's directory (data and server log).
    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn command(bin: &Path, tool: &str, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(tool));
        c
    } else {
        Command::new(bin.join(tool))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let stopped = self
            .command("pg_ctl")
            .args(["-w", "-D"])
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        if !stopped.is_ok_and(|s| s.success()) {
            eprintln!("xtask: warning: PostgreSQL cluster in {} did not stop", self.dir.display());
        }
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            eprintln!("xtask: warning: cannot remove {}: {e}", self.dir.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where PostgreSQL is installed (never installed by a unit test): a cluster starts,
    /// accepts a connection on its port, and is gone, directory and all, once dropped.
    #[test]
    fn a_cluster_starts_answers_and_is_removed() {
        if bin_dir().is_none() {
            eprintln!("skipped: PostgreSQL is not installed (cargo xtask test installs it)");
            return;
        }
        let cluster = Cluster::start().expect("cluster starts");
        let dir = cluster.dir().to_path_buf();
        let port = cluster.url.rsplit(':').next().and_then(|p| p.split('/').next());
        let port: u16 = port.and_then(|p| p.parse().ok()).expect("port in url");
        assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
        assert!(dir.join("data").join("PG_VERSION").exists());
        drop(cluster);
        assert!(!dir.exists(), "{} removed", dir.display());
        assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
    }
}
