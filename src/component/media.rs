//! Video uploads, between WIT and the core: the video to upload, the media
//! and where it stands.

use super::wit;
use crate::{Media, MediaPage, MediaStatus, VideoUpload};

impl From<wit::VideoUpload> for VideoUpload {
    fn from(v: wit::VideoUpload) -> Self {
        Self {
            content: v.content,
            file_name: v.file_name,
        }
    }
}

impl From<MediaStatus> for wit::MediaStatus {
    fn from(status: MediaStatus) -> Self {
        match status {
            MediaStatus::Registered => Self::Registered,
            MediaStatus::Processing => Self::Processing,
            MediaStatus::Succeeded => Self::Succeeded,
            MediaStatus::Failed => Self::Failed,
        }
    }
}

impl From<Media> for wit::Media {
    fn from(m: Media) -> Self {
        Self {
            media_id: m.media_id,
            media_type: m.media_type,
            status: m.status.map(Into::into),
        }
    }
}

impl From<MediaPage> for wit::MediaPage {
    fn from(page: MediaPage) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            bookmark: page.bookmark,
        }
    }
}
