//! `pin create`: one pin from an image URL, an image file, several of
//! either, or an uploaded video.

use serde_json::{Value, json};

use pinterest_connector_host::types;

use super::super::args::{DuplicateField, PinCreateArgs};
use super::super::context::Context;
use super::super::duplicates::{self, Finding};
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::media;
use super::super::output;
use super::super::session::Session;
use super::super::video::{self, Show};

/// `pin create`.
pub fn create(context: &Context, args: &PinCreateArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    let mut input = types::PinInput {
        board_id: board.clone(),
        board_section_id: args.section.clone(),
        media: media_source(args, None)?,
        title: args.title.clone(),
        description: args.description.clone(),
        link: args.link.clone(),
        alt_text: args.alt_text.clone(),
        dominant_color: args.dominant_color.clone(),
        parent_pin_id: None,
    };
    if let Some(path) = &args.video {
        video::check_file(path, "--video").map_err(CliError::usage)?;
        if context.app.environment == types::Environment::Sandbox {
            return Err(CliError::usage(
                "Pinterest's API sandbox cannot create video pins, so the video was not uploaded.",
            )
            .with_remedy(format!(
                "Create video pins in production (an app with Standard access): {}",
                context
                    .hints
                    .in_environment(types::Environment::Production)
                    .command("pin create --video FILE --board ID")
            )));
        }
    }
    let session = Session::open(context)?;
    if let Some(fields) = args.duplicates.fields()
        && let Some(finding) = look_for_duplicates(context, &session, &input, &fields)?
    {
        if context.json() {
            output::json(&json!({ "skipped": true, "duplicates": finding.to_json() }));
        } else {
            println!(
                "Skipped: {} (scanned {} pins). Nothing was created.",
                finding.summary(),
                finding.scanned
            );
        }
        return Ok(Exit::Success);
    }
    if let Some(path) = &args.video {
        let show = if context.json() {
            Show::Quiet
        } else {
            Show::Progress
        };
        let media = video::upload(&session, path, "--video", Some(args.wait_seconds), show)?;
        input.media = media_source(args, Some(&media.media_id))?;
    }
    let pin = context
        .host()?
        .create_pin(&session.config(), session.access_token(), &input)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let action = Action::CreatePin {
                board: &board,
                section: args.section.as_deref(),
            };
            session.explain(action, &e)
        })?;
    if context.json() {
        output::json(&pin_json(&pin));
    } else {
        println!("Created pin {}: {}", pin.id, pin.url);
        output::print_pairs(&pin_rows(&pin), "  ");
    }
    Ok(Exit::Success)
}

/// With `--skip-duplicates`: the finding when the board already has a pin
/// like `input` (nothing to create); otherwise none, after a note saying
/// what the scan covered.
fn look_for_duplicates(
    context: &Context,
    session: &Session<'_>,
    input: &types::PinInput,
    fields: &[DuplicateField],
) -> Result<Option<Finding>, CliError> {
    let Some(candidate) = duplicates::candidate(input, fields) else {
        output::note(
            "Note: --skip-duplicates had nothing to compare (the pin has none of the fields of --duplicates-by): creating the pin.",
        );
        return Ok(None);
    };
    let finding = duplicates::find(session, input, &candidate, false)?;
    if finding.duplicate() {
        return Ok(Some(finding));
    }
    if !context.json() || !finding.complete {
        output::note(&if finding.complete {
            format!(
                "No duplicate among the {} pins of board {}.",
                finding.scanned, finding.board
            )
        } else {
            format!("Note: {}.", finding.capped_note())
        });
    }
    Ok(None)
}

/// What the pin shows; `uploaded` is the media id of `--video` once
/// uploaded (before that, a placeholder the component checks like any id).
fn media_source(
    args: &PinCreateArgs,
    uploaded: Option<&str>,
) -> Result<types::MediaSource, CliError> {
    let file = |path: &std::path::Path| media::image_file(path).map_err(CliError::usage);
    let single = |many: &str, one: &str| {
        CliError::usage(format!("{many} makes a pin of 2 to 5 images; it got one."))
            .with_remedy(format!("For a pin of one image, use {one}."))
    };
    if args.image_urls.len() == 1 {
        return Err(single("--image-urls", "--image-url"));
    }
    if args.image_files.len() == 1 {
        return Err(single("--image-files", "--image-file"));
    }
    if let Some(url) = &args.image_url {
        return Ok(types::MediaSource::ImageUrl(url.clone()));
    }
    if let Some(path) = &args.image_file {
        return Ok(types::MediaSource::ImageData(file(path)?));
    }
    if !args.image_urls.is_empty() {
        return Ok(types::MediaSource::ImageUrls(types::ImageUrls {
            items: args
                .image_urls
                .iter()
                .map(|url| types::ImageUrlItem {
                    url: url.clone(),
                    title: None,
                    description: None,
                    link: None,
                })
                .collect(),
            index: None,
        }));
    }
    if !args.image_files.is_empty() {
        let items = args
            .image_files
            .iter()
            .map(|path| {
                Ok(types::ImageDataItem {
                    image: file(path)?,
                    title: None,
                    description: None,
                    link: None,
                })
            })
            .collect::<Result<_, CliError>>()?;
        return Ok(types::MediaSource::ImagesData(types::ImagesData {
            items,
            index: None,
        }));
    }
    let video = match (&args.video_id, &args.video) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(_)) => Some(uploaded.unwrap_or("0").to_owned()),
        (None, None) => None,
    };
    if let Some(media_id) = &video {
        let cover = match (&args.cover_url, args.key_frame) {
            (Some(url), _) => types::VideoCover::Url(url.clone()),
            (None, seconds) => types::VideoCover::KeyFrameSeconds(seconds.unwrap_or(0)),
        };
        return Ok(types::MediaSource::Video(types::Video {
            media_id: media_id.clone(),
            cover,
        }));
    }
    Err(CliError::usage(
        "Say what the pin shows: --image-url, --image-file, --image-urls, --image-files, --video or --video-id.",
    ))
}

/// Label/value rows for a created pin.
pub fn pin_rows(pin: &types::Pin) -> Vec<(&'static str, String)> {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    vec![
        ("board", text(&pin.board_id)),
        ("title", text(&pin.title)),
        ("created", text(&pin.created_at)),
        ("media", text(&pin.media_type)),
        ("image", text(&pin.image_url)),
    ]
}

/// A created pin as JSON.
pub fn pin_json(pin: &types::Pin) -> Value {
    json!({
        "id": pin.id,
        "url": pin.url,
        "board_id": pin.board_id,
        "board_section_id": pin.board_section_id,
        "title": pin.title,
        "description": pin.description,
        "link": pin.link,
        "alt_text": pin.alt_text,
        "created_at": pin.created_at,
        "media_type": pin.media_type,
        "image_url": pin.image_url,
    })
}
