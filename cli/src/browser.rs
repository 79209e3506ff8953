//! Opening a URL in the user's browser, where there is one.

use std::io::IsTerminal as _;
use std::process::{Command, Stdio};

/// Tries to open `url` in a browser; `false` when there is no terminal
/// user, no desktop, or the opener failed to start.
pub fn open(url: &str) -> bool {
    if !std::io::stdout().is_terminal() {
        return false;
    }
    let mut command = if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else {
        let desktop =
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
        if !desktop {
            return false;
        }
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .is_ok()
}
