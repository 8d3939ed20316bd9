//! `citypanel-sandbox [--host 127.0.0.1] [--port 8080] [--dist DIR] [--catalog DIR]
//! [--data-dir DIR | --memory] [--hold-seconds 300] [--faults FILE] [--allow-origin ORIGIN]...
//! [--host-key HOST=SECRET]... [--require-identity] [--now INSTANT]`
//!
//! `--now` starts the platform's clock at that instant (it runs on from there), for tests and
//! demos at a chosen time of day; the process's clock is the machine's otherwise.
//!
//! Prints `citypanel-sandbox listening on http://HOST:PORT` once listening; stops gracefully
//! on SIGINT/SIGTERM. Bad arguments exit with code 2.

use std::io::Write;
use std::process::ExitCode;

use citypanel_sandbox::{parse_args, serve, Command, USAGE};

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Serve(config)) => config,
        Ok(Command::Help) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("citypanel-sandbox: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(at) = config.now {
        citypanel_sandbox::time::set_now(at);
    }
    citypanel_sandbox::logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("citypanel-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let signal = shutdown_signal();
        let running = serve(config).await?;
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "citypanel-sandbox listening on {}", running.url());
        let _ = stdout.flush();
        drop(stdout);
        running.run_until(signal).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("citypanel-sandbox: {e}");
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

/// Registers SIGINT/SIGTERM handlers now (so no signal is missed once the listening line is
/// out) and returns a future that completes on the first of them.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => std::future::pending::<()>().await,
            }
            tracing::info!("shutting down");
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}
