//! Finding duplicates before pinning: the candidate a pin is compared with
//! (a link, an image URL, a title) and its checks, what makes a pin match
//! it, and the report of a scan of a source's pins. The scan itself is a
//! "list all" ([`SCAN`]): its cap is `max-scanned`.

use url::Url;

use crate::error::Error;
use crate::paging::{
    DEFAULT_LIST_ALL_CAP, HeapSize, ListAll, MAX_LIST_ALL_CAP, MAX_PAGE_SIZE, Page,
};
use crate::pins::{MAX_LINK, MAX_MEDIA_URL, MAX_TITLE, Pin, Renditions};
use crate::validate;

/// Scanning the pins of a source for duplicates (`find-duplicate-pins`).
pub const SCAN: ListAll = ListAll {
    items: "pins",
    page_operation: "list-pins",
    cap_field: "max-scanned",
    default_cap: DEFAULT_LIST_ALL_CAP,
    max_cap: MAX_LIST_ALL_CAP,
    max_page_size: MAX_PAGE_SIZE,
};

/// What pins are compared with. At least one field must be given; a pin
/// matches when any given field matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DuplicateCandidate {
    /// The destination link, compared as a URL.
    pub link: Option<String>,
    /// An image URL, compared with every image URL Pinterest reports for
    /// the pin.
    pub image_url: Option<String>,
    /// The title, compared exactly but for letter case.
    pub title: Option<String>,
}

/// Which field of a candidate a pin matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The destination link.
    Link,
    /// An image URL.
    ImageUrl,
    /// The title.
    Title,
}

/// A pin that matches a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The pin.
    pub pin: Pin,
    /// Which of the candidate's fields it matched, in the candidate's
    /// order.
    pub matched: Vec<MatchKind>,
}

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateReport {
    /// The matching pins, in listing order.
    pub duplicates: Vec<Duplicate>,
    /// How many pins were compared.
    pub scanned: u32,
    /// Whether the scan reached the last pin.
    pub complete: bool,
    /// Where the scan stopped, when it stopped before the last pin.
    pub bookmark: Option<String>,
}

/// A URL as compared: parsed (so the case of scheme and host and a default
/// port make no difference), or as given when it does not parse.
#[derive(Debug)]
struct Address {
    text: String,
    url: Option<Url>,
}

impl Address {
    fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            url: Url::parse(text).ok(),
        }
    }

    fn matches(&self, other: &str) -> bool {
        match (&self.url, Url::parse(other)) {
            (Some(mine), Ok(theirs)) => *mine == theirs,
            _ => self.text == other,
        }
    }
}

/// A checked candidate, ready to compare pins with.
#[derive(Debug)]
pub struct Matcher {
    link: Option<Address>,
    image_url: Option<Address>,
    /// The title.
    title: Option<String>,
}

impl Matcher {
    /// Checks `candidate`: at least one field (`candidate`), the link an
    /// `http(s)` URL of at most [`MAX_LINK`] characters
    /// (`candidate.link`), the image URL one of at most [`MAX_MEDIA_URL`]
    /// (`candidate.image-url`), the title 1 to [`MAX_TITLE`] characters
    /// (`candidate.title`).
    pub fn new(candidate: &DuplicateCandidate) -> Result<Self, Error> {
        let DuplicateCandidate {
            link,
            image_url,
            title,
        } = candidate;
        if link.is_none() && image_url.is_none() && title.is_none() {
            return Err(Error::invalid(
                "candidate",
                "has no field to compare: give a link, an image-url or a title",
            ));
        }
        if let Some(link) = link {
            validate::http_url("candidate.link", link, MAX_LINK)?;
        }
        if let Some(image_url) = image_url {
            validate::http_url("candidate.image-url", image_url, MAX_MEDIA_URL)?;
        }
        if let Some(title) = title {
            if title.is_empty() {
                return Err(Error::invalid(
                    "candidate.title",
                    "is empty; leave it out not to compare titles",
                ));
            }
            validate::max_chars("candidate.title", title, MAX_TITLE)?;
        }
        Ok(Self {
            link: link.as_deref().map(Address::new),
            image_url: image_url.as_deref().map(Address::new),
            title: title.clone(),
        })
    }

    /// Which fields `pin` (with the image URLs Pinterest reports for it)
    /// matches.
    pub fn matches(&self, pin: &Pin, renditions: &Renditions) -> Vec<MatchKind> {
        let link = self
            .link
            .as_ref()
            .zip(pin.link.as_deref())
            .is_some_and(|(link, theirs)| link.matches(theirs));
        let image = self
            .image_url
            .as_ref()
            .is_some_and(|image| renditions.0.iter().any(|url| image.matches(url)));
        let title = self
            .title
            .as_ref()
            .zip(pin.title.as_deref())
            .is_some_and(|(title, theirs)| same_but_for_case(title, theirs));
        [
            (link, MatchKind::Link),
            (image, MatchKind::ImageUrl),
            (title, MatchKind::Title),
        ]
        .into_iter()
        .filter_map(|(matched, kind)| matched.then_some(kind))
        .collect()
    }

    /// One pin of a scan: its duplicate, if it matches.
    pub fn scan(&self, pin: Pin, renditions: &Renditions) -> Scanned {
        let matched = self.matches(&pin, renditions);
        Scanned((!matched.is_empty()).then(|| Box::new(Duplicate { pin, matched })))
    }
}

/// Whether two texts are the same but for letter case: equal once each
/// character is lower-cased (Unicode's mapping), a final sigma (`ς`)
/// counting as `σ`, as Unicode's case folding has it.
fn same_but_for_case(a: &str, b: &str) -> bool {
    let folded = |text: &str| {
        text.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ς' { 'σ' } else { c })
            .collect::<Vec<char>>()
    };
    a == b || folded(a) == folded(b)
}

/// A pin a scan compared: the duplicate it is, if it matched. Pins that do
/// not match are counted, not kept.
#[derive(Debug)]
pub struct Scanned(Option<Box<Duplicate>>);

impl HeapSize for Scanned {
    fn heap_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.0.as_ref().map_or(0, |d| {
                d.pin.heap_bytes() + d.matched.len() * std::mem::size_of::<MatchKind>()
            })
    }
}

/// The report of a scan that compared the pins of `scan`.
pub fn report(scan: Page<Scanned>) -> DuplicateReport {
    let scanned = u32::try_from(scan.items.len()).unwrap_or(u32::MAX);
    DuplicateReport {
        duplicates: scan
            .items
            .into_iter()
            .filter_map(|s| s.0)
            .map(|d| *d)
            .collect(),
        scanned,
        complete: scan.bookmark.is_none(),
        bookmark: scan.bookmark,
    }
}
