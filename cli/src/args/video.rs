//! Video uploads and the raw API call.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use pinterest_connector_host::types;

use super::{DEFAULT_MEDIA_WAIT_SECONDS, MAX_MEDIA_WAIT_SECONDS};

/// `video …`.
#[derive(Debug, Subcommand)]
pub enum VideoCommand {
    /// Upload a video file and wait until Pinterest has processed it; prints its media id for `pin create --video-id`.
    Upload(VideoUploadArgs),
}

/// `video upload`.
#[derive(Debug, Args)]
pub struct VideoUploadArgs {
    /// The video file (MP4, MOV or M4V; up to 2 GiB).
    pub file: PathBuf,
    /// Wait at most this many seconds for processing, 1 to 900.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_MEDIA_WAIT_SECONDS, conflicts_with = "no_wait", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_MEDIA_WAIT_SECONDS)))]
    pub wait_seconds: u32,
    /// Print the media id once uploaded, without waiting for processing.
    #[arg(long)]
    pub no_wait: bool,
}

/// An HTTP method, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum HttpMethod {
    /// Read.
    Get,
    /// Create.
    Post,
    /// Replace.
    Put,
    /// Change.
    Patch,
    /// Delete.
    Delete,
}

impl HttpMethod {
    /// The component's method.
    pub fn method(self) -> types::ApiMethod {
        match self {
            HttpMethod::Get => types::ApiMethod::Get,
            HttpMethod::Post => types::ApiMethod::Post,
            HttpMethod::Put => types::ApiMethod::Put,
            HttpMethod::Patch => types::ApiMethod::Patch,
            HttpMethod::Delete => types::ApiMethod::Delete,
        }
    }

    /// `GET`, `POST`, …
    pub fn name(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// `api`.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// GET, POST, PUT, PATCH or DELETE.
    #[arg(value_enum, ignore_case = true)]
    pub method: HttpMethod,
    /// The path, from /v5/ (e.g. /v5/boards/549755885100/pins); the query goes in --query.
    pub path: String,
    /// A query parameter as NAME=VALUE, unencoded (repeat).
    #[arg(long = "query", short = 'q', value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    /// The JSON body (for POST, PUT, PATCH, DELETE), or @FILE to read it from a file.
    #[arg(long, visible_alias = "json-body", value_name = "JSON")]
    pub body: Option<String>,
}
