//! The `pinterest-connector` command line: a host for the connector
//! component that signs in, lists and edits boards, sections and pins,
//! uploads videos, creates pins and imports them in bulk. Every Pinterest
//! call goes through the component; this code only hosts it, keeps the
//! tokens and talks to people.

mod args;
mod browser;
mod commands;
mod component;
mod config;
mod confirm;
mod consent;
mod context;
mod demo;
mod dirs;
mod duplicates;
mod durable;
mod errors;
mod exit;
mod hints;
mod import;
mod listing;
mod loopback;
mod mask;
mod media;
mod output;
mod paging;
mod pause;
mod profile;
mod rescue;
mod scopes;
mod session;
mod settings;
mod signals;
mod token_view;
mod tokens;
mod video;
mod when;

use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};

pub use args::{Cli, Command, Global};
pub use component::COMPONENT_ENV;
pub use exit::{CliError, Exit};
#[cfg(feature = "test-hooks")]
pub use pause::{EXCHANGE_RESPONSE, REFRESH_RESPONSE, TOKEN_RENAME};
pub use pause::{PAUSE_ENV, PAUSE_UNTIL_ENV};
pub use settings::env_names;

/// Parses the process's arguments and runs the command.
pub fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    run(cli).into()
}

/// The command line's definition, with the global options hidden from the
/// help of the commands that do not take them (each such command gets its
/// own hidden copy, which clap's propagation of globals then leaves alone).
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    let globals: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    for (name, takes) in commands::LOCAL_COMMANDS {
        command = command.mut_subcommand(name, |mut sub| {
            for arg in globals
                .iter()
                .filter(|a| !takes.contains(&a.get_id().as_str()))
            {
                sub = sub.arg(arg.clone().global(false).hide(true));
            }
            sub
        });
    }
    command
}

/// Runs a parsed command line and prints any error (as JSON too with
/// `--json`).
pub fn run(cli: Cli) -> Exit {
    let json = cli.global.json;
    let result = commands::dispatch(&cli.global, &cli.command);
    match result {
        Ok(exit) => exit,
        Err(error) => {
            if json && !error.in_json_output {
                output::json(&error.to_json());
            }
            eprintln!("{error}");
            error.exit
        }
    }
}
