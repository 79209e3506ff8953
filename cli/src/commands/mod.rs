//! One module per command group; [`dispatch`] picks the command.

pub mod account;
pub mod api;
pub mod auth;
pub mod board_edit;
pub mod boards;
pub mod login;
pub mod pin;
pub mod pins;
pub mod sections;
pub mod stand_in;
pub mod video;
pub mod watch;

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
        Command::Board { command } => match command {
            BoardCommand::Check { id } => boards::check(&context()?, id),
            BoardCommand::Create(args) => board_edit::create(&context()?, args),
            BoardCommand::Update(args) => board_edit::update(&context()?, args),
            BoardCommand::Delete(args) => board_edit::delete(&context()?, args),
        },
        Command::Pin {
            command: PinCommand::Create(args),
        } => pin::create(&context()?, args),
        Command::Pins { command } => match command {
            PinsCommand::List(args) => pins::list(&context()?, args),
            PinsCommand::Get { id } => pins::get(&context()?, id),
            PinsCommand::Update(args) => pins::update(&context()?, args),
            PinsCommand::Delete(args) => pins::delete(&context()?, args),
            PinsCommand::Save(args) => pins::save(&context()?, args),
            PinsCommand::Watch(args) => watch::run(&context()?, args),
            PinsCommand::Import(args) => super::import::run(&context()?, args),
        },
        Command::Sections(args) => sections::list(&context()?, args),
        Command::Section { command } => sections::run(&context()?, command),
        Command::Video { command } => video::run(&context()?, command),
        Command::Api(args) => api::run(&context()?, args),
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
