//! Running child processes: plain, or with their output scanned while it streams.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// Renders a command for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs a command with inherited output; error if it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: $ {}", show(cmd));
    let status = cmd.status().map_err(|e| format!("cannot run `{}`: {e}", show(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(cmd)))
    }
}

/// Runs a command and returns its stdout (trimmed), or `None` if it is missing or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs a command, echoing both streams live, and returns (success, all output lines).
pub fn run_captured(cmd: &mut Command) -> (bool, Vec<String>) {
    eprintln!("xtask: $ {}", show(cmd));
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask: cannot run `{}`: {e}", show(cmd));
            return (false, Vec::new());
        }
    };
    let (tx, rx) = mpsc::channel::<String>();
    let pipe = |r: Box<dyn Read + Send>, tx: mpsc::Sender<String>, to_err: bool| {
        thread::spawn(move || {
            for line in BufReader::new(r).lines().map_while(Result::ok) {
                if to_err {
                    eprintln!("{line}");
                } else {
                    println!("{line}");
                }
                let _ = tx.send(line);
            }
        })
    };
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        readers.push(pipe(Box::new(out), tx.clone(), false));
    }
    if let Some(err) = child.stderr.take() {
        readers.push(pipe(Box::new(err), tx.clone(), true));
    }
    drop(tx);
    let lines: Vec<String> = rx.iter().collect();
    for r in readers {
        let _ = r.join();
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, lines)
}
