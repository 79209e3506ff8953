//! `video upload FILE`: registers the upload, streams the file to
//! Pinterest's upload URL with a progress bar, waits for processing, and
//! prints the media id.

use pinterest_connector_host::types;
use serde_json::json;

use super::super::args::{VideoCommand, VideoUploadArgs};
use super::super::context::Context;
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;
use super::super::video::{self, Show};

/// `video …`.
pub fn run(context: &Context, command: &VideoCommand) -> Result<Exit, CliError> {
    match command {
        VideoCommand::Upload(args) => upload(context, args),
    }
}

fn upload(context: &Context, args: &VideoUploadArgs) -> Result<Exit, CliError> {
    video::check_file(&args.file, "FILE").map_err(CliError::usage)?;
    let session = Session::open(context)?;
    let show = if context.json() {
        Show::Quiet
    } else {
        Show::Progress
    };
    let wait = (!args.no_wait).then_some(args.wait_seconds);
    let media = video::upload(&session, &args.file, "FILE", wait, show)?;
    let status = media.status.map(video::status_name);
    if context.json() {
        output::json(&json!({
            "media_id": media.media_id,
            "media_type": media.media_type,
            "status": status,
        }));
    } else {
        println!("{}", media.media_id);
        let create = format!("pin create --video-id {} --board ID", media.media_id);
        if context.app.environment == types::Environment::Sandbox {
            output::note(&format!(
                "Pinterest's API sandbox cannot create video pins: create it in production, \
                 with a video uploaded there (an app with Standard access): {}",
                context
                    .hints
                    .in_environment(types::Environment::Production)
                    .command("pin create --video FILE --board ID")
            ));
        } else {
            output::note(&format!(
                "Create the pin with: {}",
                context.hints.command(&create)
            ));
        }
    }
    Ok(Exit::Success)
}
