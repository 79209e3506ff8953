//! One module per command group; [`dispatch`] picks the command.

pub mod account;
pub mod auth;
pub mod boards;
pub mod login;
pub mod pin;
pub mod stand_in;

use super::args::{BoardCommand, Command, PinCommand, PinsCommand, TokenCommand};
use super::context::Context;
use super::exit::{CliError, Exit};

/// Runs `command`.
pub fn dispatch(context: &Context, command: &Command) -> Result<Exit, CliError> {
    match command {
        Command::Login(args) => login::run(context, args),
        Command::Authorize(args) => auth::authorize(context, args),
        Command::Exchange(args) => auth::exchange(context, args),
        Command::Refresh(args) => auth::refresh(context, args),
        Command::Token {
            command: TokenCommand::Status,
        } => auth::status(context),
        Command::Whoami => account::whoami(context),
        Command::Boards(args) => boards::list(context, args),
        Command::Board {
            command: BoardCommand::Check { id },
        } => boards::check(context, id),
        Command::Pin {
            command: PinCommand::Create(args),
        } => pin::create(context, args),
        Command::Pins {
            command: PinsCommand::Import(args),
        } => super::import::run(context, args),
        Command::Demo => super::demo::run(&context.global),
        Command::StandIn(args) => stand_in::run(args),
    }
}
