//! Listing page by page: the page query and its checks, reading a page
//! (`Paginated`: `items` and a `bookmark`), and listing everything by
//! following bookmarks, with a cap, a guard against a bookmark that
//! repeats, and budgets of pages and memory. Every listing reads its pages
//! with [`parse_page`]; every "list all" runs through [`ListAll::collect`].

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};

use crate::body;
use crate::error::{Error, Failure};
use crate::excerpt::excerpt;
use crate::http::Response;
use crate::json;
use crate::operation::Operation;
use crate::remedy;

/// Largest page Pinterest serves.
pub const MAX_PAGE_SIZE: u32 = 250;
/// Longest bookmark accepted, in bytes, going out or coming back.
pub const MAX_BOOKMARK_BYTES: usize = 4096;
/// Pages a "list all" fetches at most, whatever their size.
pub const MAX_PAGES: usize = 100;
/// Memory the items gathered by a "list all" may take before it stops
/// early (as it does at its cap, handing back the bookmark): real items take
/// a few hundred bytes each, so only a hostile server reaches it.
pub const MAX_LIST_ALL_BYTES: usize = 8 * 1024 * 1024;
/// Items a "list all" of sections or pins returns when no cap is given.
pub const DEFAULT_LIST_ALL_CAP: u32 = 1000;
/// The highest cap a "list all" of sections or pins accepts.
pub const MAX_LIST_ALL_CAP: u32 = 10_000;

/// Which page of a listing to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageQuery {
    /// Cursor from the previous page; none (or empty) for the first.
    pub bookmark: Option<String>,
    /// Items per page, 1 to [`MAX_PAGE_SIZE`].
    pub page_size: Option<u32>,
}

impl PageQuery {
    /// The `bookmark` and `page_size` query pairs, checked (see
    /// [`page_pairs`]).
    pub fn pairs(&self) -> Result<Vec<(&'static str, String)>, Error> {
        page_pairs(self.bookmark.as_deref(), self.page_size)
    }
}

/// The query pairs of a page: `bookmark` unless none or empty (at most
/// [`MAX_BOOKMARK_BYTES`]), `page_size` when given (1 to
/// [`MAX_PAGE_SIZE`]); errors name `query.bookmark` and `query.page-size`.
pub fn page_pairs(
    bookmark: Option<&str>,
    page_size: Option<u32>,
) -> Result<Vec<(&'static str, String)>, Error> {
    let mut pairs = Vec::with_capacity(3);
    if let Some(bookmark) = bookmark.filter(|b| !b.is_empty()) {
        if bookmark.len() > MAX_BOOKMARK_BYTES {
            return Err(Error::invalid(
                "query.bookmark",
                format!(
                    "is {} bytes; the limit is {MAX_BOOKMARK_BYTES}",
                    bookmark.len()
                ),
            ));
        }
        pairs.push(("bookmark", bookmark.to_owned()));
    }
    if let Some(page_size) = page_size {
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(Error::invalid(
                "query.page-size",
                format!("is {page_size}; it must be between 1 and {MAX_PAGE_SIZE}"),
            ));
        }
        pairs.push(("page_size", page_size.to_string()));
    }
    Ok(pairs)
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Cursor of the next page; none on the last one.
    pub bookmark: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            bookmark: None,
        }
    }
}

/// Pinterest's `Paginated` body. Each item is read as `B`; a wrong-typed
/// `bookmark` is an error, as it decides where paging goes.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
struct PageBody<B> {
    #[serde(default, deserialize_with = "page_items")]
    items: Option<Vec<B>>,
    #[serde(default, deserialize_with = "json::strict_text")]
    bookmark: Option<String>,
}

/// A page's `items`: at most [`MAX_PAGE_SIZE`], the most Pinterest serves. A
/// longer list is refused as it is read, so a hostile page of hundreds of
/// thousands of tiny items never fills memory.
fn page_items<'de, D: Deserializer<'de>, B: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<B>>, D::Error> {
    json::bounded_list(deserializer, MAX_PAGE_SIZE as usize)
}

/// Reads one page: its items as `B`, each made a `T` by `item`, and its
/// bookmark (none when absent, null or empty). A page without `items`, or
/// with a bookmark over [`MAX_BOOKMARK_BYTES`], is unexpected.
pub fn parse_page<B: DeserializeOwned, T>(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
    item: impl FnMut(B) -> Result<T, Error>,
) -> Result<Page<T>, Error> {
    let page: PageBody<B> = body::parse_json(op, response, body)?;
    let items = page
        .items
        .ok_or_else(|| body::invalid_body(op, response, "it has no items list"))?;
    let bookmark = page.bookmark.filter(|b| !b.is_empty());
    if let Some(b) = bookmark.as_ref().filter(|b| b.len() > MAX_BOOKMARK_BYTES) {
        return Err(body::invalid_body(
            op,
            response,
            &format!(
                "its bookmark is {} bytes, over the {MAX_BOOKMARK_BYTES}-byte limit",
                b.len()
            ),
        ));
    }
    let items = items.into_iter().map(item).collect::<Result<_, _>>()?;
    Ok(Page { items, bookmark })
}

/// The memory an item takes, for the budget of a "list all".
pub trait HeapSize {
    /// The bytes the item takes: the struct and its text.
    fn heap_bytes(&self) -> usize;
}

/// A "list all" operation: what it lists, and its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAll {
    /// What is listed, as messages name it: `boards`.
    pub items: &'static str,
    /// The operation that fetches one page, as remedies name it:
    /// `list-boards`.
    pub page_operation: &'static str,
    /// The cap's parameter, as errors name it: `max-boards`.
    pub cap_field: &'static str,
    /// The cap when none is given.
    pub default_cap: u32,
    /// The highest cap accepted.
    pub max_cap: u32,
    /// The largest page the endpoint serves.
    pub max_page_size: u32,
}

impl ListAll {
    /// Fetches pages with `fetch(bookmark, page_size)`, from the first one
    /// and following bookmarks, until the last page, `cap` items (the
    /// default cap when none is given), [`MAX_PAGES`] pages or
    /// [`MAX_LIST_ALL_BYTES`] of items. When it stops before the last page,
    /// the result's bookmark continues where it stopped. A bookmark that
    /// repeats is an error: paging would never end.
    pub fn collect<T: HeapSize>(
        &self,
        cap: Option<u32>,
        mut fetch: impl FnMut(Option<String>, Option<u32>) -> Result<Page<T>, Error>,
    ) -> Result<Page<T>, Error> {
        let cap = cap.unwrap_or(self.default_cap);
        if !(1..=self.max_cap).contains(&cap) {
            return Err(Error::invalid(
                self.cap_field,
                format!("is {cap}; it must be between 1 and {}", self.max_cap),
            ));
        }
        let cap = usize::try_from(cap).unwrap_or(usize::MAX);
        let max_page = usize::try_from(self.max_page_size).unwrap_or(usize::MAX);
        let mut all = Page::default();
        let mut seen: Vec<String> = Vec::new();
        let mut bytes = 0usize;
        for _ in 0..MAX_PAGES {
            let wanted = cap.saturating_sub(all.items.len()).min(max_page);
            let page = fetch(all.bookmark.take(), u32::try_from(wanted).ok())?;
            bytes = page
                .items
                .iter()
                .map(HeapSize::heap_bytes)
                .fold(bytes, usize::saturating_add);
            all.items.extend(page.items);
            all.bookmark = page.bookmark;
            let Some(bookmark) = &all.bookmark else { break };
            self.follow(&mut seen, bookmark)?;
            if all.items.len() >= cap || bytes >= MAX_LIST_ALL_BYTES {
                break;
            }
        }
        Ok(all)
    }

    /// Records that a walk through the listing follows `bookmark` next:
    /// the guard of every loop over pages. A bookmark the walk followed
    /// before (`followed`) is an error, as paging would never end.
    pub fn follow(&self, followed: &mut Vec<String>, bookmark: &str) -> Result<(), Error> {
        if followed.iter().any(|b| b == bookmark) {
            return Err(self.repeated(bookmark));
        }
        followed.push(bookmark.to_owned());
        Ok(())
    }

    /// The error for a bookmark Pinterest returned twice.
    fn repeated(&self, bookmark: &str) -> Error {
        Error::UnexpectedResponse {
            failure: Failure {
                summary: format!(
                    "Pinterest returned the same bookmark twice while listing {}, so paging would never end.",
                    self.items
                ),
                remedy: remedy::repeated_bookmark(self.page_operation),
                status: Some(200),
                ..Failure::default()
            },
            excerpt: excerpt(bookmark.as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item of a given size.
    struct Blob(usize);

    impl HeapSize for Blob {
        fn heap_bytes(&self) -> usize {
            self.0
        }
    }

    const BLOBS: ListAll = ListAll {
        items: "blobs",
        page_operation: "list-blobs",
        cap_field: "max-blobs",
        default_cap: 10,
        max_cap: 1_000_000,
        max_page_size: 250,
    };

    /// Pages of `size` items of `bytes` each, bookmarks never repeating.
    fn endless(
        size: usize,
        bytes: usize,
    ) -> impl FnMut(Option<String>, Option<u32>) -> Result<Page<Blob>, Error> {
        let mut served = 0;
        move |_, _| {
            served += 1;
            Ok(Page {
                items: (0..size).map(|_| Blob(bytes)).collect(),
                bookmark: Some(format!("page-{served}")),
            })
        }
    }

    #[test]
    fn asks_for_what_the_cap_leaves_and_hands_back_the_bookmark() {
        let mut asked = Vec::new();
        let mut pages = endless(250, 1);
        let all = BLOBS
            .collect(Some(600), |bookmark, size| {
                asked.push((bookmark, size));
                pages(None, size).map(|mut p| {
                    p.items.truncate(size.unwrap_or(0) as usize);
                    p
                })
            })
            .unwrap();
        assert_eq!(all.items.len(), 600);
        assert_eq!(all.bookmark.as_deref(), Some("page-3"));
        assert_eq!(
            asked,
            [
                (None, Some(250)),
                (Some("page-1".to_owned()), Some(250)),
                (Some("page-2".to_owned()), Some(100)),
            ]
        );
    }

    #[test]
    fn stops_after_its_page_budget() {
        let all = BLOBS.collect(Some(1_000_000), endless(1, 1)).unwrap();
        assert_eq!(all.items.len(), MAX_PAGES);
        assert_eq!(all.bookmark, Some(format!("page-{MAX_PAGES}")));
    }

    #[test]
    fn stops_once_the_items_fill_its_memory_budget() {
        let all = BLOBS
            .collect(Some(1_000_000), endless(10, 64 * 1024))
            .unwrap();
        // 13 pages of 640 KiB are the first to reach 8 MiB.
        assert_eq!(all.items.len(), 130);
        assert!(all.bookmark.is_some());
    }

    #[test]
    fn names_what_it_lists_in_its_errors() {
        let Err(Error::InvalidInput { field, reason }) = BLOBS.collect(Some(0), endless(1, 1))
        else {
            panic!("a cap of 0 was accepted")
        };
        assert_eq!(field, "max-blobs");
        assert_eq!(reason, "is 0; it must be between 1 and 1000000");
        let repeat = |_, _| {
            Ok(Page {
                items: vec![Blob(1)],
                bookmark: Some("same".to_owned()),
            })
        };
        let Err(Error::UnexpectedResponse { failure, excerpt }) = BLOBS.collect(None, repeat)
        else {
            panic!("a repeated bookmark was followed")
        };
        assert!(
            failure.summary.contains("while listing blobs"),
            "{}",
            failure.summary
        );
        assert!(failure.remedy.contains("list-blobs"), "{}", failure.remedy);
        assert_eq!(excerpt, "same");
    }
}
