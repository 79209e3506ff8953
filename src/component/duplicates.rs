//! The duplicate finder's candidate from WIT to the core, its report back.

use super::wit;
use crate::{Duplicate, DuplicateCandidate, DuplicateReport, MatchKind};

impl From<wit::DuplicateCandidate> for DuplicateCandidate {
    fn from(c: wit::DuplicateCandidate) -> Self {
        Self {
            link: c.link,
            image_url: c.image_url,
            title: c.title,
        }
    }
}

impl From<MatchKind> for wit::MatchKind {
    fn from(kind: MatchKind) -> Self {
        match kind {
            MatchKind::Link => Self::Link,
            MatchKind::ImageUrl => Self::ImageUrl,
            MatchKind::Title => Self::Title,
        }
    }
}

impl From<Duplicate> for wit::Duplicate {
    fn from(d: Duplicate) -> Self {
        Self {
            pin: d.pin.into(),
            matched: d.matched.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<DuplicateReport> for wit::DuplicateReport {
    fn from(r: DuplicateReport) -> Self {
        Self {
            duplicates: r.duplicates.into_iter().map(Into::into).collect(),
            scanned: r.scanned,
            complete: r.complete,
            bookmark: r.bookmark,
        }
    }
}
