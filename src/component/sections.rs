//! Sections, pages and section references, between WIT and the core.

use super::wit;
use crate::{PageQuery, Section, SectionPage, SectionRef};

impl From<wit::PageQuery> for PageQuery {
    fn from(q: wit::PageQuery) -> Self {
        Self {
            bookmark: q.bookmark,
            page_size: q.page_size,
        }
    }
}

impl From<wit::SectionRef> for SectionRef {
    fn from(s: wit::SectionRef) -> Self {
        Self {
            board_id: s.board_id,
            section_id: s.section_id,
        }
    }
}

impl From<Section> for wit::Section {
    fn from(s: Section) -> Self {
        Self {
            id: s.id,
            name: s.name,
        }
    }
}

impl From<SectionPage> for wit::SectionPage {
    fn from(page: SectionPage) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            bookmark: page.bookmark,
        }
    }
}
