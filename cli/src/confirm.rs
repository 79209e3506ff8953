//! Asking before a deletion: at a terminal, a question that only `y` or
//! `yes` answers; elsewhere (a script, a pipe) nothing is deleted without
//! `--yes`.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use super::exit::{CliError, Exit};

/// Goes ahead when `yes` was given, or the person at the terminal answers
/// yes to "Delete `what`?". Refuses (exit 2) when there is no terminal to
/// ask, and stops (exit 1, nothing deleted) on any other answer.
pub fn deletion(what: &str, consequence: &str, yes: bool) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::usage(format!(
            "Not deleting {what} without confirmation: {consequence}, and there is no terminal to ask."
        ))
        .with_remedy("Add --yes to delete without asking."));
    }
    eprint!("Delete {what}? {consequence}. Type y to delete: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = stdin.lock().read_line(&mut answer);
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(CliError::new(
            Exit::Failure,
            format!("Not deleted: {what} stays as it is."),
        )),
    }
}
