//! The `pinterest-connector` command line: a host for the connector
//! component that signs in, lists boards, creates pins and imports them in
//! bulk. Every Pinterest call goes through the component; this code only
//! hosts it, keeps the tokens and talks to people.

mod args;
mod browser;
mod commands;
mod component;
mod config;
mod consent;
mod context;
mod demo;
mod durable;
mod errors;
mod exit;
mod import;
mod loopback;
mod mask;
mod media;
mod output;
mod pause;
mod session;
mod signals;
mod token_view;
mod tokens;
mod when;

use std::process::ExitCode;

use clap::Parser as _;

pub use args::Cli;
pub use component::COMPONENT_ENV;
pub use exit::{CliError, Exit};
pub use pause::PAUSE_ENV;
#[cfg(feature = "test-hooks")]
pub use pause::{REFRESH_RESPONSE, TOKEN_RENAME};

/// Parses the process's arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    run(cli).into()
}

/// Runs a parsed command line and prints any error (as JSON too with
/// `--json`).
pub fn run(cli: Cli) -> Exit {
    let json = cli.global.json;
    let result =
        context::Context::new(cli.global).and_then(|c| commands::dispatch(&c, &cli.command));
    match result {
        Ok(exit) => exit,
        Err(error) => {
            if json {
                output::json(&error.to_json());
            }
            eprintln!("{error}");
            error.exit
        }
    }
}
