//! Pins: creating one (the input, its checks, the `PinCreate` body) and
//! reading Pinterest's `Pin`, the answer of every pin operation and the
//! item of every pin listing.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::boards::OwnerBody;
use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::paging::HeapSize;
use crate::request;
use crate::secret::AccessToken;
use crate::text::count_of;
use crate::validate::{self, ImageFormat};

/// Longest title, in characters.
pub const MAX_TITLE: usize = 100;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 800;
/// Longest alternative text, in characters.
pub const MAX_ALT_TEXT: usize = 500;
/// Longest destination link, in characters.
pub const MAX_LINK: usize = 2048;
/// Longest media URL accepted (signed storage URLs run long).
pub const MAX_MEDIA_URL: usize = 8192;
/// Fewest images of a multi-image pin.
pub const MIN_ITEMS: usize = 2;
/// Most images of a multi-image pin.
pub const MAX_ITEMS: usize = 5;

/// An image given as base64 data. `Debug` shows only the data's length.
#[derive(Clone, PartialEq, Eq)]
pub struct ImageData {
    /// JPEG or PNG.
    pub format: ImageFormat,
    /// Standard base64 of the image bytes.
    pub data: String,
}

impl fmt::Debug for ImageData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageData")
            .field("format", &self.format)
            .field("data_len", &self.data.len())
            .finish()
    }
}

/// One image of a multi-image pin, by URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageUrlItem {
    /// Image URL.
    pub url: String,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Destination link.
    pub link: Option<String>,
}

/// One image of a multi-image pin, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageDataItem {
    /// The image.
    pub image: ImageData,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Destination link.
    pub link: Option<String>,
}

/// The cover of a video pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoCover {
    /// Image URL.
    Url(String),
    /// Image data.
    Image(ImageData),
    /// A frame this many seconds into the video.
    KeyFrameSeconds(u32),
}

/// What the pin shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaSource {
    /// One image by URL.
    ImageUrl(String),
    /// One image as data.
    ImageData(ImageData),
    /// 2 to 5 images by URL.
    ImageUrls {
        /// The images.
        items: Vec<ImageUrlItem>,
        /// Which is shown first.
        index: Option<u32>,
    },
    /// 2 to 5 images as data.
    ImagesData {
        /// The images.
        items: Vec<ImageDataItem>,
        /// Which is shown first.
        index: Option<u32>,
    },
    /// A video uploaded beforehand.
    Video {
        /// The upload's `media_id`.
        media_id: String,
        /// The cover.
        cover: VideoCover,
    },
}

/// A pin to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinInput {
    /// Target board.
    pub board_id: String,
    /// Target section.
    pub board_section_id: Option<String>,
    /// Image(s) or video.
    pub media: MediaSource,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Destination link.
    pub link: Option<String>,
    /// Alternative text.
    pub alt_text: Option<String>,
    /// Dominant color `#RRGGBB`.
    pub dominant_color: Option<String>,
    /// Source pin.
    pub parent_pin_id: Option<String>,
}

/// A pin as Pinterest reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pin {
    /// Pin id.
    pub id: String,
    /// The pin's page.
    pub url: String,
    /// Board.
    pub board_id: Option<String>,
    /// Section.
    pub board_section_id: Option<String>,
    /// Board owner's username.
    pub board_owner_username: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Destination link.
    pub link: Option<String>,
    /// Alternative text.
    pub alt_text: Option<String>,
    /// Dominant color.
    pub dominant_color: Option<String>,
    /// Source pin.
    pub parent_pin_id: Option<String>,
    /// Creation time, RFC 3339 in UTC (converted from any zone; `Z` added
    /// when Pinterest sends none); absent when it is not a time.
    pub created_at: Option<String>,
    /// `image`, `video`, …
    pub media_type: Option<String>,
    /// Largest image rendition.
    pub image_url: Option<String>,
}

impl HeapSize for Pin {
    fn heap_bytes(&self) -> usize {
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        std::mem::size_of::<Pin>()
            + self.id.len()
            + self.url.len()
            + text(&self.board_id)
            + text(&self.board_section_id)
            + text(&self.board_owner_username)
            + text(&self.title)
            + text(&self.description)
            + text(&self.link)
            + text(&self.alt_text)
            + text(&self.dominant_color)
            + text(&self.parent_pin_id)
            + text(&self.created_at)
            + text(&self.media_type)
            + text(&self.image_url)
    }
}

/// `POST /v5/pins` for a checked pin.
pub fn create_request(
    config: &Config,
    access_token: &AccessToken,
    pin: &PinInput,
) -> Result<Request, Error> {
    let body = PinCreateBody::checked(pin)?;
    // Sized up front: a body of megabytes of image data is written once,
    // not copied through doubling buffers.
    let mut json = Vec::with_capacity(text_len(pin).saturating_add(1024));
    serde_json::to_writer(&mut json, &body)
        .map_err(|e| Error::invalid("pin", format!("could not be encoded as JSON: {e}")))?;
    request::api(
        config,
        &endpoints::PINS_CREATE,
        &[],
        &[],
        access_token,
        Some(json),
    )
}

/// The length of all the text of a pin, in bytes.
fn text_len(pin: &PinInput) -> usize {
    let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let media = match &pin.media {
        MediaSource::ImageUrl(url) => url.len(),
        MediaSource::ImageData(image) => image.data.len(),
        MediaSource::ImageUrls { items, .. } => items
            .iter()
            .map(|i| i.url.len() + text(&i.title) + text(&i.description) + text(&i.link) + 64)
            .sum(),
        MediaSource::ImagesData { items, .. } => items
            .iter()
            .map(|i| {
                i.image.data.len() + text(&i.title) + text(&i.description) + text(&i.link) + 64
            })
            .sum(),
        MediaSource::Video { media_id, cover } => {
            media_id.len()
                + match cover {
                    VideoCover::Url(url) => url.len(),
                    VideoCover::Image(image) => image.data.len(),
                    VideoCover::KeyFrameSeconds(_) => 0,
                }
        }
    };
    pin.board_id.len()
        + text(&pin.board_section_id)
        + text(&pin.title)
        + text(&pin.description)
        + text(&pin.link)
        + text(&pin.alt_text)
        + text(&pin.dominant_color)
        + text(&pin.parent_pin_id)
        + media
}

/// Pinterest's `PinCreate`, built only from checked input. Empty optional
/// strings are left out.
#[derive(Debug, Serialize)]
struct PinCreateBody<'a> {
    board_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    board_section_id: Option<&'a str>,
    media_source: MediaSourceBody<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dominant_color: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_pin_id: Option<&'a str>,
}

/// Pinterest's `PinMediaSource` variants, tagged by `source_type`.
#[derive(Debug, Serialize)]
#[serde(tag = "source_type", rename_all = "snake_case")]
enum MediaSourceBody<'a> {
    ImageUrl {
        url: &'a str,
    },
    ImageBase64 {
        content_type: &'static str,
        data: &'a str,
    },
    MultipleImageUrls {
        items: Vec<UrlItemBody<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        index: Option<u32>,
    },
    MultipleImageBase64 {
        items: Vec<DataItemBody<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        index: Option<u32>,
    },
    VideoId {
        media_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        cover_image_url: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cover_image_content_type: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cover_image_data: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cover_image_key_frame_time: Option<u32>,
    },
}

/// `PinMediaSourceImagesURLItem`.
#[derive(Debug, Serialize)]
struct UrlItemBody<'a> {
    url: &'a str,
    #[serde(flatten)]
    text: ItemText<'a>,
}

/// `PinMediaSourceImagesBase64Item`.
#[derive(Debug, Serialize)]
struct DataItemBody<'a> {
    content_type: &'static str,
    data: &'a str,
    #[serde(flatten)]
    text: ItemText<'a>,
}

/// Title, description and link of one image of a multi-image pin.
#[derive(Debug, Serialize)]
struct ItemText<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
}

impl<'a> PinCreateBody<'a> {
    fn checked(pin: &'a PinInput) -> Result<Self, Error> {
        validate::numeric_id("pin.board-id", &pin.board_id)?;
        let board_section_id = present(&pin.board_section_id);
        if let Some(section) = board_section_id {
            validate::numeric_id("pin.board-section-id", section)?;
        }
        let parent_pin_id = present(&pin.parent_pin_id);
        if let Some(parent) = parent_pin_id {
            validate::numeric_id("pin.parent-pin-id", parent)?;
        }
        let text = ItemText::checked("pin", &pin.title, &pin.description, &pin.link)?;
        let alt_text = present(&pin.alt_text);
        if let Some(alt) = alt_text {
            validate::max_chars("pin.alt-text", alt, MAX_ALT_TEXT)?;
        }
        let dominant_color = present(&pin.dominant_color);
        if let Some(color) = dominant_color {
            validate::hex_color("pin.dominant-color", color)?;
        }
        Ok(PinCreateBody {
            board_id: &pin.board_id,
            board_section_id,
            media_source: MediaSourceBody::checked(&pin.media)?,
            title: text.title,
            description: text.description,
            link: text.link,
            alt_text,
            dominant_color,
            parent_pin_id,
        })
    }
}

impl<'a> MediaSourceBody<'a> {
    fn checked(media: &'a MediaSource) -> Result<Self, Error> {
        Ok(match media {
            MediaSource::ImageUrl(url) => {
                validate::http_url("pin.media.url", url, MAX_MEDIA_URL)?;
                MediaSourceBody::ImageUrl { url }
            }
            MediaSource::ImageData(image) => {
                check_image("pin.media.data", image)?;
                MediaSourceBody::ImageBase64 {
                    content_type: image.format.mime(),
                    data: &image.data,
                }
            }
            MediaSource::ImageUrls { items, index } => MediaSourceBody::MultipleImageUrls {
                items: checked_items(items, *index, |field, item| {
                    validate::http_url(&format!("{field}.url"), &item.url, MAX_MEDIA_URL)?;
                    Ok(UrlItemBody {
                        url: &item.url,
                        text: ItemText::checked(field, &item.title, &item.description, &item.link)?,
                    })
                })?,
                index: *index,
            },
            MediaSource::ImagesData { items, index } => MediaSourceBody::MultipleImageBase64 {
                items: checked_items(items, *index, |field, item| {
                    check_image(&format!("{field}.data"), &item.image)?;
                    Ok(DataItemBody {
                        content_type: item.image.format.mime(),
                        data: &item.image.data,
                        text: ItemText::checked(field, &item.title, &item.description, &item.link)?,
                    })
                })?,
                index: *index,
            },
            MediaSource::Video { media_id, cover } => {
                validate::numeric_id("pin.media.media-id", media_id)?;
                let (url, content_type, data, key_frame) = match cover {
                    VideoCover::Url(url) => {
                        validate::http_url("pin.media.cover.url", url, MAX_MEDIA_URL)?;
                        (Some(url.as_str()), None, None, None)
                    }
                    VideoCover::Image(image) => {
                        check_image("pin.media.cover.data", image)?;
                        (
                            None,
                            Some(image.format.mime()),
                            Some(image.data.as_str()),
                            None,
                        )
                    }
                    VideoCover::KeyFrameSeconds(seconds) => (None, None, None, Some(*seconds)),
                };
                MediaSourceBody::VideoId {
                    media_id,
                    cover_image_url: url,
                    cover_image_content_type: content_type,
                    cover_image_data: data,
                    cover_image_key_frame_time: key_frame,
                }
            }
        })
    }
}

impl<'a> ItemText<'a> {
    /// Checks title, description and link under `field` (`pin` or
    /// `pin.media.items[i]`).
    fn checked(
        field: &str,
        title: &'a Option<String>,
        description: &'a Option<String>,
        link: &'a Option<String>,
    ) -> Result<Self, Error> {
        let title = present(title);
        if let Some(title) = title {
            validate::max_chars(&format!("{field}.title"), title, MAX_TITLE)?;
        }
        let description = present(description);
        if let Some(description) = description {
            validate::max_chars(
                &format!("{field}.description"),
                description,
                MAX_DESCRIPTION,
            )?;
        }
        let link = present(link);
        if let Some(link) = link {
            validate::http_url(&format!("{field}.link"), link, MAX_LINK)?;
        }
        Ok(ItemText {
            title,
            description,
            link,
        })
    }
}

fn check_image(field: &str, image: &ImageData) -> Result<(), Error> {
    validate::base64_image(field, &image.data, image.format)
}

/// Checks the images of a multi-image pin ([`MIN_ITEMS`] to [`MAX_ITEMS`],
/// `index` among them) and builds each one's body with `item_body`, which
/// gets the item's field name (`pin.media.items[i]`).
fn checked_items<'a, I, B>(
    items: &'a [I],
    index: Option<u32>,
    item_body: impl Fn(&str, &'a I) -> Result<B, Error>,
) -> Result<Vec<B>, Error> {
    let count = items.len();
    if !(MIN_ITEMS..=MAX_ITEMS).contains(&count) {
        return Err(Error::invalid(
            "pin.media.items",
            format!(
                "has {}; a multi-image pin takes {MIN_ITEMS} to {MAX_ITEMS}",
                count_of(count as u64, "image", "images")
            ),
        ));
    }
    if let Some(index) = index.filter(|i| usize::try_from(*i).map_or(true, |i| i >= count)) {
        return Err(Error::invalid(
            "pin.media.index",
            format!(
                "is {index}; with {} it must be 0 to {}",
                count_of(count as u64, "image", "images"),
                count.saturating_sub(1)
            ),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| item_body(&format!("pin.media.items[{i}]"), item))
        .collect()
}

/// An optional string that is present and not empty.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

/// Pinterest's `Pin`: its ids (where the pin is, what it came from) read
/// strictly, the rest leniently; unknown fields are ignored (see
/// `docs/parsing.md`).
#[derive(Debug, Deserialize)]
pub(crate) struct PinBody {
    #[serde(deserialize_with = "json::id")]
    id: String,
    #[serde(default, deserialize_with = "json::optional_id")]
    board_id: Option<String>,
    #[serde(default, deserialize_with = "json::optional_id")]
    board_section_id: Option<String>,
    #[serde(default, deserialize_with = "json::lenient")]
    board_owner: Option<OwnerBody>,
    #[serde(default, deserialize_with = "json::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    link: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    alt_text: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    dominant_color: Option<String>,
    #[serde(default, deserialize_with = "json::optional_id")]
    parent_pin_id: Option<String>,
    #[serde(default, deserialize_with = "json::time")]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "json::lenient")]
    media: Option<MediaBody>,
}

/// Renditions kept of one image (Pinterest reports five sizes at most).
const MAX_RENDITIONS: usize = 16;
/// Items of a multi-image or multi-video pin whose images are read
/// (Pinterest makes them of up to five).
const MAX_MEDIA_ITEMS: usize = 10;
/// The renditions' names, largest first: what `image-url` picks from.
const SIZES: [&str; 5] = ["originals", "1200x", "600x", "400x300", "150x150"];

/// The parts of `PinMedia` (any of its variants) the connector reads.
#[derive(Debug, Deserialize)]
struct MediaBody {
    #[serde(default, deserialize_with = "json::text")]
    media_type: Option<String>,
    #[serde(default, deserialize_with = "json::lenient")]
    images: Option<ImagesBody>,
    /// The items of a multi-image (or multi-video) pin, the first ones.
    #[serde(default, deserialize_with = "media_items")]
    items: Option<Vec<Option<MediaItemBody>>>,
    #[serde(default, deserialize_with = "json::text")]
    cover_image_url: Option<String>,
}

fn media_items<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Option<MediaItemBody>>>, D::Error> {
    json::leading(deserializer, MAX_MEDIA_ITEMS)
}

/// One item of a multi-image pin (`ImageMetadata`) or of a multi-video one
/// (`VideoMetadataWithItemType`).
#[derive(Debug, Deserialize)]
struct MediaItemBody {
    #[serde(default, deserialize_with = "json::lenient")]
    images: Option<ImagesBody>,
    #[serde(default, deserialize_with = "json::text")]
    cover_image_url: Option<String>,
}

/// `ImageSize`: each rendition's name (`600x`, `1200x`, …) and URL, in the
/// order Pinterest lists them; renditions of other shapes or without a URL
/// are skipped, and only the first [`MAX_RENDITIONS`] kept.
#[derive(Debug, Default)]
struct ImagesBody(Vec<(String, String)>);

impl<'de> Deserialize<'de> for ImagesBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ImagesVisitor;

        impl<'de> Visitor<'de> for ImagesVisitor {
            type Value = ImagesBody;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of image renditions")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ImagesBody, A::Error> {
                let mut renditions = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let image: json::Lenient<ImageBody> = map.next_value()?;
                    if let Some(url) = image.0.and_then(|i| i.url)
                        && renditions.len() < MAX_RENDITIONS
                    {
                        renditions.push((name, url));
                    }
                }
                Ok(ImagesBody(renditions))
            }
        }

        deserializer.deserialize_map(ImagesVisitor)
    }
}

/// One rendition (`ImageDetails`).
#[derive(Debug, Deserialize)]
struct ImageBody {
    #[serde(default, deserialize_with = "json::text")]
    url: Option<String>,
}

impl ImagesBody {
    /// The URL of the largest rendition of a known size.
    fn largest(&self) -> Option<&str> {
        SIZES.iter().find_map(|size| {
            self.0
                .iter()
                .find(|(name, _)| name == size)
                .map(|(_, url)| url.as_str())
        })
    }

    fn urls(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, url)| url.as_str())
    }
}

impl MediaBody {
    /// The URL of the largest image: the media's own images, the first
    /// item's images (multi-image), or the cover (video).
    fn largest_image(&self) -> Option<String> {
        let first_item = self
            .items
            .as_ref()
            .and_then(|items| items.first())
            .and_then(Option::as_ref);
        self.images
            .as_ref()
            .and_then(ImagesBody::largest)
            .or_else(|| {
                first_item
                    .and_then(|i| i.images.as_ref())
                    .and_then(ImagesBody::largest)
            })
            .or(self.cover_image_url.as_deref())
            .map(str::to_owned)
    }

    /// Every image URL the media reports: each rendition of its images,
    /// of each item's images and covers, and its own cover; each once.
    fn renditions(&self) -> Renditions {
        let items = self.items.iter().flatten().flatten();
        let item_urls = items.flat_map(|item| {
            let images = item.images.iter().flat_map(ImagesBody::urls);
            images.chain(item.cover_image_url.as_deref())
        });
        let all = self
            .images
            .iter()
            .flat_map(ImagesBody::urls)
            .chain(item_urls)
            .chain(self.cover_image_url.as_deref());
        let mut urls: Vec<String> = Vec::new();
        for url in all {
            if !urls.iter().any(|u| u == url) {
                urls.push(url.to_owned());
            }
        }
        Renditions(urls)
    }
}

/// Every image URL Pinterest reports for a pin: each rendition of its
/// image (or of each image of a multi-image pin) and a video's cover.
/// Only the duplicate finder looks at them; a [`Pin`] names the largest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Renditions(pub Vec<String>);

/// Reads one pin.
pub fn parse_pin(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<Pin, Error> {
    let parsed: PinBody = body::parse_json(op, response, body)?;
    pin(op, response, parsed)
}

/// The pin a `Pin` body describes (see [`pin`]) and every image URL it
/// reports.
pub(crate) fn pin_and_renditions(
    op: Operation<'_>,
    response: &Response,
    parsed: PinBody,
) -> Result<(Pin, Renditions), Error> {
    let renditions = parsed
        .media
        .as_ref()
        .map(MediaBody::renditions)
        .unwrap_or_default();
    Ok((pin(op, response, parsed)?, renditions))
}

/// The pin a `Pin` body describes: its id checked, its page URL built, the
/// largest image picked.
pub(crate) fn pin(op: Operation<'_>, response: &Response, parsed: PinBody) -> Result<Pin, Error> {
    if parsed.id.is_empty() {
        return Err(body::invalid_body(op, response, "its id is empty"));
    }
    let mut url = Url::parse(PIN_PAGE)
        .map_err(|_| body::invalid_body(op, response, "the pin page URL could not be built"))?;
    // The id becomes one path segment, percent-encoded: whatever the
    // server sends, the link stays on Pinterest's pin pages.
    url.path_segments_mut()
        .map_err(|()| body::invalid_body(op, response, "the pin page URL could not be built"))?
        .push(&parsed.id)
        .push("");
    let (media_type, image_url) = match parsed.media {
        Some(media) => {
            let largest = media.largest_image();
            (media.media_type, largest)
        }
        None => (None, None),
    };
    Ok(Pin {
        url: url.into(),
        board_id: parsed.board_id,
        board_section_id: parsed.board_section_id,
        board_owner_username: parsed.board_owner.and_then(|o| o.username),
        title: parsed.title,
        description: parsed.description,
        link: parsed.link,
        alt_text: parsed.alt_text,
        dominant_color: parsed.dominant_color,
        parent_pin_id: parsed.parent_pin_id,
        created_at: parsed.created_at,
        media_type,
        image_url,
        id: parsed.id,
    })
}

/// Where pins are shown: the pin's id and a `/` follow.
const PIN_PAGE: &str = "https://www.pinterest.com/pin";
