//! Pins: the input, the changes and the sources from WIT to the core, pins
//! and pages of pins back.

use super::wit;
use crate::{
    ImageData, ImageDataItem, ImageFormat, ImageUrlItem, MediaSource, Pin, PinChanges, PinInput,
    PinPage, PinSource, VideoCover,
};

impl From<wit::ImageContentType> for ImageFormat {
    fn from(content_type: wit::ImageContentType) -> Self {
        match content_type {
            wit::ImageContentType::Jpeg => Self::Jpeg,
            wit::ImageContentType::Png => Self::Png,
        }
    }
}

impl From<wit::ImageData> for ImageData {
    fn from(i: wit::ImageData) -> Self {
        Self {
            format: i.content_type.into(),
            data: i.data,
        }
    }
}

impl From<wit::ImageUrlItem> for ImageUrlItem {
    fn from(i: wit::ImageUrlItem) -> Self {
        Self {
            url: i.url,
            title: i.title,
            description: i.description,
            link: i.link,
        }
    }
}

impl From<wit::ImageDataItem> for ImageDataItem {
    fn from(i: wit::ImageDataItem) -> Self {
        Self {
            image: i.image.into(),
            title: i.title,
            description: i.description,
            link: i.link,
        }
    }
}

impl From<wit::VideoCover> for VideoCover {
    fn from(cover: wit::VideoCover) -> Self {
        match cover {
            wit::VideoCover::Url(url) => Self::Url(url),
            wit::VideoCover::Image(image) => Self::Image(image.into()),
            wit::VideoCover::KeyFrameSeconds(s) => Self::KeyFrameSeconds(s),
        }
    }
}

impl From<wit::MediaSource> for MediaSource {
    fn from(m: wit::MediaSource) -> Self {
        match m {
            wit::MediaSource::ImageUrl(url) => Self::ImageUrl(url),
            wit::MediaSource::ImageData(image) => Self::ImageData(image.into()),
            wit::MediaSource::ImageUrls(set) => Self::ImageUrls {
                items: set.items.into_iter().map(Into::into).collect(),
                index: set.index,
            },
            wit::MediaSource::ImagesData(set) => Self::ImagesData {
                items: set.items.into_iter().map(Into::into).collect(),
                index: set.index,
            },
            wit::MediaSource::Video(video) => Self::Video {
                media_id: video.media_id,
                cover: video.cover.into(),
            },
        }
    }
}

impl From<wit::PinInput> for PinInput {
    fn from(p: wit::PinInput) -> Self {
        Self {
            board_id: p.board_id,
            board_section_id: p.board_section_id,
            media: p.media.into(),
            title: p.title,
            description: p.description,
            link: p.link,
            alt_text: p.alt_text,
            dominant_color: p.dominant_color,
            parent_pin_id: p.parent_pin_id,
        }
    }
}

impl From<Pin> for wit::Pin {
    fn from(p: Pin) -> Self {
        Self {
            id: p.id,
            url: p.url,
            board_id: p.board_id,
            board_section_id: p.board_section_id,
            board_owner_username: p.board_owner_username,
            title: p.title,
            description: p.description,
            link: p.link,
            alt_text: p.alt_text,
            dominant_color: p.dominant_color,
            parent_pin_id: p.parent_pin_id,
            created_at: p.created_at,
            media_type: p.media_type,
            image_url: p.image_url,
        }
    }
}

impl From<PinPage> for wit::PinPage {
    fn from(page: PinPage) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            bookmark: page.bookmark,
        }
    }
}

impl From<wit::PinSource> for PinSource {
    fn from(source: wit::PinSource) -> Self {
        match source {
            wit::PinSource::Board(board_id) => Self::Board(board_id),
            wit::PinSource::Section(section) => Self::Section(section.into()),
            wit::PinSource::Account => Self::Account,
        }
    }
}

impl From<wit::PinChanges> for PinChanges {
    fn from(c: wit::PinChanges) -> Self {
        Self {
            board_id: c.board_id,
            board_section_id: c.board_section_id,
            title: c.title,
            description: c.description,
            link: c.link,
            alt_text: c.alt_text,
        }
    }
}
