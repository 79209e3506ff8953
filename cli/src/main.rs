//! `pinterest-connector`: Pinterest API v5 from the command line, through
//! the connector component. See `docs/cli.md`.

fn main() -> std::process::ExitCode {
    restore_sigpipe();
    pinterest_connector_cli::main()
}

/// Lets `pinterest-connector boards --all | head` end quietly when the
/// reader goes away, as command-line tools do, instead of failing to print.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in `main`, before any other thread exists;
    // it only resets SIGPIPE to the default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
