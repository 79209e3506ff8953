//! Video uploads as Pinterest's API sees them: registering one (`POST
//! /v5/media`, answered with the upload URL and its form fields), reading
//! where one stands (`GET /v5/media/{media_id}`) and listing them (`GET
//! /v5/media`). Sending the video itself is the `upload` module's.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::{Error, MediaStatus};
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::paging::{self, Page, PageQuery};
use crate::request;
use crate::secret::AccessToken;
use crate::text::truncate_chars;
use crate::validate;

/// Most form fields an upload may be given; S3's presigned POST has eight.
pub const MAX_UPLOAD_PARAMETERS: usize = 64;
/// Longest status Pinterest may send that an error quotes, in characters.
const MAX_QUOTED_STATUS_CHARS: usize = 40;

/// A media upload (`Media`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// The `media_id` (decimal): what a video pin's media id takes.
    pub media_id: String,
    /// `video`.
    pub media_type: String,
    /// Where processing is; none when Pinterest does not say.
    pub status: Option<MediaStatus>,
}

/// One page of media uploads.
pub type MediaPage = Page<Media>;

/// What registering a video returned: the upload, where to send the video
/// and the form fields to send with it. `Debug` hides the fields' values,
/// which are the upload's credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct UploadTarget {
    /// The registered upload.
    pub media: Media,
    /// Where to POST the video (`upload_url`), as Pinterest gave it.
    pub url: Url,
    /// Every `upload_parameters` field, in the order Pinterest listed them.
    pub parameters: Vec<(String, String)>,
}

impl UploadTarget {
    /// The values of the form fields: a signed policy, a signature, a
    /// session token. None may show in an error.
    pub fn secrets(&self) -> Vec<&str> {
        self.parameters.iter().map(|(_, v)| v.as_str()).collect()
    }
}

impl fmt::Debug for UploadTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.parameters.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("UploadTarget")
            .field("media", &self.media)
            .field("url", &self.url.as_str())
            .field("parameter_names", &names)
            .finish()
    }
}

/// `MediaUploadCreate`.
#[derive(Serialize)]
struct RegisterBody {
    media_type: &'static str,
}

/// `POST /v5/media` for a video.
pub fn register_request(config: &Config, access_token: &AccessToken) -> Result<Request, Error> {
    let body = request::json_body(
        "video",
        &RegisterBody {
            media_type: "video",
        },
    )?;
    request::api(
        config,
        &endpoints::MEDIA_CREATE,
        &[],
        &[],
        access_token,
        Some(body),
    )
}

/// `GET /v5/media/{media_id}`; `field` names the id in errors.
pub fn get_request(
    config: &Config,
    access_token: &AccessToken,
    field: &str,
    media_id: &str,
) -> Result<Request, Error> {
    validate::numeric_id(field, media_id)?;
    request::api(
        config,
        &endpoints::MEDIA_GET,
        &[media_id],
        &[],
        access_token,
        None,
    )
}

/// `GET /v5/media` for one page.
pub fn list_request(
    config: &Config,
    access_token: &AccessToken,
    query: &PageQuery,
) -> Result<Request, Error> {
    let pairs = query.pairs()?;
    request::api(
        config,
        &endpoints::MEDIA_LIST,
        &[],
        &pairs,
        access_token,
        None,
    )
}

/// Pinterest's `Media` (and the media part of `MediaUpload`): the id and
/// the status are read strictly, as they decide what happens next
/// (identity); the media type leniently.
#[derive(Debug, Deserialize)]
struct MediaBody {
    #[serde(deserialize_with = "json::id")]
    media_id: String,
    #[serde(default, deserialize_with = "json::text")]
    media_type: Option<String>,
    #[serde(default, deserialize_with = "status")]
    status: Option<Status>,
}

/// A `status` as sent: a known one, or the text of an unknown one.
#[derive(Debug)]
enum Status {
    Known(MediaStatus),
    Unknown(String),
}

/// Deserializes a `MediaUploadStatus`: a string (Pinterest never sends it
/// as null); any other value is an error. An unknown string is kept, to be
/// refused with the id.
fn status<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Status>, D::Error> {
    Ok(
        json::strict_string(deserializer)?.map(|s| match MediaStatus::from_name(&s) {
            Some(known) => Status::Known(known),
            None => Status::Unknown(s),
        }),
    )
}

/// Pinterest's `MediaUpload`: the media's fields, `upload_url` and
/// `upload_parameters`, all required.
#[derive(Debug, Deserialize)]
struct RegisteredBody {
    #[serde(deserialize_with = "json::id")]
    media_id: String,
    #[serde(default, deserialize_with = "json::text")]
    media_type: Option<String>,
    #[serde(default, deserialize_with = "status")]
    status: Option<Status>,
    #[serde(default, deserialize_with = "json::strict_string")]
    upload_url: Option<String>,
    #[serde(default, deserialize_with = "upload_parameters")]
    upload_parameters: Option<Vec<(String, String)>>,
}

/// Deserializes `upload_parameters`: an object of string values, kept in
/// the order given (S3 reads some fields before others), at most
/// [`MAX_UPLOAD_PARAMETERS`]; null reads as absent, any other shape is an
/// error.
fn upload_parameters<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<(String, String)>>, D::Error> {
    struct Fields;

    impl<'de> Visitor<'de> for Fields {
        type Value = Option<Vec<(String, String)>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an object of at most {MAX_UPLOAD_PARAMETERS} string values"
            )
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut fields: Vec<(String, String)> = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                if fields.len() == MAX_UPLOAD_PARAMETERS {
                    return Err(de::Error::custom(format!(
                        "more than {MAX_UPLOAD_PARAMETERS} upload parameters"
                    )));
                }
                let value = map
                    .next_value::<Option<String>>()?
                    .ok_or_else(|| de::Error::custom("an upload parameter whose value is null"))?;
                fields.push((name, value));
            }
            Ok(Some(fields))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    deserializer.deserialize_any(Fields)
}

/// Reads the answer to registering a video: a media id, an upload URL
/// (https, or http on a loopback host; no credentials) and form fields
/// that can go into a multipart form (names neither empty, nor `file`, nor
/// holding quotes or line breaks, none twice). The status is `registered`
/// unless the answer says otherwise.
pub fn parse_registered(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<UploadTarget, Error> {
    let parsed: RegisteredBody = body::parse_json(op, response, body)?;
    let fields = MediaBody {
        media_id: parsed.media_id,
        media_type: parsed.media_type,
        status: parsed.status,
    };
    let mut media = media(op, response, fields)?;
    media.status.get_or_insert(MediaStatus::Registered);
    let url = parsed
        .upload_url
        .ok_or_else(|| body::invalid_body(op, response, "it has no upload_url"))?;
    let url = upload_url(&url).map_err(|why| {
        body::invalid_body(
            op,
            response,
            &format!("its upload_url is not a URL to upload to ({why})"),
        )
    })?;
    let parameters = parsed
        .upload_parameters
        .ok_or_else(|| body::invalid_body(op, response, "it has no upload_parameters"))?;
    for (i, (name, _)) in parameters.iter().enumerate() {
        let why = if name.is_empty() {
            Some("is empty")
        } else if name.eq_ignore_ascii_case("file") {
            Some("is file, the name of the video's own field")
        } else if name.contains(['"', '\r', '\n']) || name.chars().any(char::is_control) {
            Some("holds a quote or a control character")
        } else if parameters
            .iter()
            .take(i)
            .any(|(earlier, _)| earlier.eq_ignore_ascii_case(name))
        {
            Some("appears twice")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(body::invalid_body(
                op,
                response,
                &format!("the name of upload parameter {} {why}", i + 1),
            ));
        }
    }
    Ok(UploadTarget {
        media,
        url,
        parameters,
    })
}

/// The upload URL as sent: absolute, https (http only on a loopback host),
/// without credentials; its fragment, never sent, dropped.
fn upload_url(text: &str) -> Result<Url, String> {
    let mut url = validate::secure_url("upload_url", text).map_err(|e| match e {
        Error::InvalidInput { reason, .. } => reason,
        other => other.to_string(),
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it carries credentials".to_owned());
    }
    url.set_fragment(None);
    Ok(url)
}

/// Reads one media upload.
pub fn parse_media(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<Media, Error> {
    let parsed: MediaBody = body::parse_json(op, response, body)?;
    media(op, response, parsed)
}

/// Reads one page of media uploads.
pub fn parse_page(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<MediaPage, Error> {
    paging::parse_page(op, response, body, |item: MediaBody| {
        media(op, response, item)
    })
}

fn media(op: Operation<'_>, response: &Response, body: MediaBody) -> Result<Media, Error> {
    if validate::numeric_id("media_id", &body.media_id).is_err() {
        return Err(body::invalid_body(
            op,
            response,
            "its media_id is not a decimal id",
        ));
    }
    let status = match body.status {
        None => None,
        Some(Status::Known(status)) => Some(status),
        Some(Status::Unknown(other)) => {
            let shown = truncate_chars(&other, MAX_QUOTED_STATUS_CHARS);
            return Err(body::invalid_body(
                op,
                response,
                &format!(
                    "media {} has the unknown status '{shown}' (known: registered, processing, succeeded, failed)",
                    body.media_id
                ),
            ));
        }
    };
    Ok(Media {
        media_id: body.media_id,
        media_type: body.media_type.unwrap_or_else(|| "video".to_owned()),
        status,
    })
}
