//! One module per command group; [`dispatch`] picks the command.

pub mod account;
pub mod auth;
pub mod boards;
pub mod login;
pub mod pin;
pub mod stand_in;

use super::args::{BoardCommand, Command, Global, PinCommand, PinsCommand, TokenCommand};
use super::context::Context;
use super::exit::{CliError, Exit};

/// Commands that take only some of the global options: the ones they do
/// take (by argument id). Their help hides the others, and giving one is
/// refused.
pub const LOCAL_COMMANDS: [(&str, &[&str]); 2] = [
    ("stand-in", &[]),
    ("demo", &["component", "cache_dir", "json"]),
];

/// Runs `command` with the global options `global`.
pub fn dispatch(global: &Global, command: &Command) -> Result<Exit, CliError> {
    let context = || Context::new(global.clone());
    match command {
        Command::Login(args) => login::run(&context()?, args),
        Command::Authorize(args) => auth::authorize(&context()?, args),
        Command::Exchange(args) => auth::exchange(&context()?, args),
        Command::Refresh(args) => auth::refresh(&context()?, args),
        Command::Token {
            command: TokenCommand::Status,
        } => auth::status(&context()?),
        Command::Token {
            command: TokenCommand::Show(args),
        } => auth::show(&context()?, args),
        Command::Whoami => account::whoami(&context()?),
        Command::Boards(args) => boards::list(&context()?, args),
        Command::Board {
            command: BoardCommand::Check { id },
        } => boards::check(&context()?, id),
        Command::Pin {
            command: PinCommand::Create(args),
        } => pin::create(&context()?, args),
        Command::Pins {
            command: PinsCommand::Import(args),
        } => super::import::run(&context()?, args),
        Command::Demo => refuse_globals("demo", global).and_then(|()| super::demo::run(global)),
        Command::StandIn(args) => {
            refuse_globals("stand-in", global).and_then(|()| stand_in::run(args))
        }
    }
}

/// Refuses global options that the local command `name` does not take.
fn refuse_globals(name: &str, global: &Global) -> Result<(), CliError> {
    let takes = LOCAL_COMMANDS
        .iter()
        .find(|(command, _)| *command == name)
        .map_or(&[][..], |(_, takes)| *takes);
    match global
        .given()
        .into_iter()
        .find(|(id, _)| !takes.contains(id))
    {
        Some((_, flag)) => Err(CliError::usage(format!(
            "`{name}` does not take {flag}: it runs its own local Pinterest stand-in, with its own app and URLs."
        ))
        .with_remedy(format!(
            "Drop {flag}; `pinterest-connector {name} --help` shows what it takes."
        ))),
        None => Ok(()),
    }
}
