//! The `pinterest-connector` command line: a host for the connector
//! component that signs in, lists boards, creates pins and imports them in
//! bulk. Every Pinterest call goes through the component; this code only
//! hosts it, keeps the tokens and talks to people.

pub mod args;
pub mod browser;
pub mod commands;
pub mod config;
pub mod consent;
pub mod context;
pub mod demo;
pub mod durable;
pub mod errors;
pub mod exit;
pub mod import;
pub mod loopback;
pub mod mask;
pub mod media;
pub mod output;
pub mod pause;
pub mod session;
pub mod signals;
pub mod token_view;
pub mod tokens;

use std::process::ExitCode;

use clap::Parser as _;

pub use args::Cli;
pub use exit::{CliError, Exit};

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
