//! Boards, their queries and changes, between WIT and the core.

use super::wit;
use crate::{Board, BoardChanges, BoardInput, BoardPage, BoardPrivacy, ListQuery, PrivacyFilter};

impl From<wit::BoardPrivacyFilter> for PrivacyFilter {
    fn from(filter: wit::BoardPrivacyFilter) -> Self {
        match filter {
            wit::BoardPrivacyFilter::All => Self::All,
            wit::BoardPrivacyFilter::Public => Self::Public,
            wit::BoardPrivacyFilter::Protected => Self::Protected,
            wit::BoardPrivacyFilter::Secret => Self::Secret,
            wit::BoardPrivacyFilter::PublicAndSecret => Self::PublicAndSecret,
        }
    }
}

impl From<wit::ListBoardsQuery> for ListQuery {
    fn from(q: wit::ListBoardsQuery) -> Self {
        Self {
            bookmark: q.bookmark,
            page_size: q.page_size,
            privacy: q.privacy.map(Into::into),
        }
    }
}

impl From<wit::BoardPrivacy> for BoardPrivacy {
    fn from(privacy: wit::BoardPrivacy) -> Self {
        match privacy {
            wit::BoardPrivacy::Public => Self::Public,
            wit::BoardPrivacy::Protected => Self::Protected,
            wit::BoardPrivacy::Secret => Self::Secret,
        }
    }
}

impl From<wit::BoardInput> for BoardInput {
    fn from(b: wit::BoardInput) -> Self {
        Self {
            name: b.name,
            description: b.description,
            privacy: b.privacy.map(Into::into),
            is_ads_only: b.is_ads_only,
        }
    }
}

impl From<wit::BoardChanges> for BoardChanges {
    fn from(c: wit::BoardChanges) -> Self {
        Self {
            name: c.name,
            description: c.description,
            privacy: c.privacy.map(Into::into),
        }
    }
}

impl From<BoardPrivacy> for wit::BoardPrivacy {
    fn from(privacy: BoardPrivacy) -> Self {
        match privacy {
            BoardPrivacy::Public => Self::Public,
            BoardPrivacy::Protected => Self::Protected,
            BoardPrivacy::Secret => Self::Secret,
        }
    }
}

impl From<Board> for wit::Board {
    fn from(b: Board) -> Self {
        Self {
            id: b.id,
            name: b.name,
            description: b.description,
            privacy: b.privacy.into(),
            owner_username: b.owner_username,
            pin_count: b.pin_count,
            follower_count: b.follower_count,
            collaborator_count: b.collaborator_count,
            is_ads_only: b.is_ads_only,
            created_at: b.created_at,
            cover_image_url: b.cover_image_url,
        }
    }
}

impl From<BoardPage> for wit::BoardPage {
    fn from(page: BoardPage) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            bookmark: page.bookmark,
        }
    }
}
