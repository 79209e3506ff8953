//! What the account holds: boards with their sections, pins and media
//! uploads, as the handlers read and change them.

use super::{Environment, MediaStatus};

/// Who can see a board (`BoardPrivacy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Privacy {
    Public,
    /// Ad-only boards.
    Protected,
    Secret,
}

impl Privacy {
    /// Pinterest's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "PUBLIC",
            Self::Protected => "PROTECTED",
            Self::Secret => "SECRET",
        }
    }

    /// The value named `text` (`BoardPrivacy`).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "PUBLIC" => Some(Self::Public),
            "PROTECTED" => Some(Self::Protected),
            "SECRET" => Some(Self::Secret),
            _ => None,
        }
    }
}

/// A board and what it reports.
#[derive(Debug, Clone)]
pub(crate) struct Board {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub privacy: Privacy,
    pub collaborator_count: u32,
    pub follower_count: u32,
    pub created_at: String,
    /// Last time a pin was added, moved or removed.
    pub pins_modified_at: String,
    pub is_ads_only: bool,
    /// In the order they were created.
    pub sections: Vec<Section>,
}

impl Board {
    /// The section called `id`, if the board has it.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// A board section (`BoardSection`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub id: String,
    pub name: String,
    /// Creation order, for bookmarks.
    pub seq: u64,
}

/// Title, description and link of one image of a multi-image pin.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ItemText {
    pub title: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
}

/// What a pin shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PinMedia {
    Image,
    Images(Vec<ItemText>),
    /// A video from a media upload.
    Video {
        media_id: String,
    },
}

impl PinMedia {
    /// `media.media_type`.
    pub fn media_type(&self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Images(_) => "multiple_images",
            Self::Video { .. } => "video",
        }
    }

    /// `creative_type`.
    pub fn creative_type(&self) -> &'static str {
        match self {
            Self::Image => "REGULAR",
            Self::Images(_) => "CAROUSEL",
            Self::Video { .. } => "VIDEO",
        }
    }
}

/// A pin the account has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredPin {
    pub id: String,
    /// The id as a number: creation order, the tie-break of `created_at`.
    pub seq: u64,
    pub environment: Environment,
    /// Unix seconds.
    pub created_unix: u64,
    /// As sent: `2022-10-13T01:40:29`.
    pub created_at: String,
    pub board_id: String,
    pub board_section_id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub alt_text: Option<String>,
    pub dominant_color: Option<String>,
    pub parent_pin_id: Option<String>,
    pub media: PinMedia,
    /// Names the image renditions (`https://i.pinimg.com/…/{key}.jpg`);
    /// a saved pin shares its original's.
    pub image_key: String,
}

/// A registered media upload.
#[derive(Debug, Clone)]
pub(crate) struct MediaUpload {
    pub media_id: String,
    /// The id as a number, for bookmarks.
    pub seq: u64,
    pub environment: Environment,
    pub status: MediaStatus,
    /// The `upload_parameters` issued, in order.
    pub parameters: Vec<(String, String)>,
    /// When the upload's policy expires (unix seconds).
    pub expires_unix: u64,
    /// Status polls left before `processing` becomes `succeeded`.
    pub polls_left: u32,
    /// Whether the upload's processing ends `failed`.
    pub fails: bool,
}

impl MediaUpload {
    /// The issued value of upload parameter `name`.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
