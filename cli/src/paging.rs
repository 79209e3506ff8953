//! The one guard for every loop over pages this program runs: a cap on the
//! items read (and so on the requests sent), and a stop when the server
//! hands back a bookmark it gave before, which would start the same pages
//! over forever. Pages are handed on as they arrive, so a listing holds one
//! page at a time, however long it is.

use std::collections::HashSet;

use serde_json::json;

/// Items read by default before a listing stops (the component's
/// `list-all-boards` stops at the same number).
pub const DEFAULT_MAX_ITEMS: u32 = 1000;
/// The largest cap a user may set.
pub const MAX_ITEMS: u32 = 10_000;
/// Largest page Pinterest serves.
pub const MAX_PAGE_SIZE: u32 = 250;

/// Why a listing ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The last page came (no bookmark).
    Complete,
    /// One page was asked for; `bookmark` continues.
    OnePage {
        /// The next page's bookmark, if any.
        bookmark: Option<String>,
    },
    /// The cap was reached; `bookmark` continues.
    Capped {
        /// The cap.
        cap: u32,
        /// The next page's bookmark.
        bookmark: String,
    },
    /// The server repeated a bookmark after `pages` pages.
    Repeated {
        /// The repeated bookmark.
        bookmark: String,
        /// Pages read.
        pages: u32,
    },
}

/// The state of a listing: pages and items so far, bookmarks seen.
#[derive(Debug)]
pub struct Pager {
    all: bool,
    cap: u32,
    page_size: Option<u32>,
    items: u32,
    pages: u32,
    seen: HashSet<String>,
    next: Option<String>,
    ended: Option<End>,
}

impl Pager {
    /// A listing from `bookmark` (or the start): every page up to `cap`
    /// items when `all`, else one page. `page_size` is the user's, if any.
    pub fn new(all: bool, cap: u32, page_size: Option<u32>, bookmark: Option<String>) -> Self {
        let mut seen = HashSet::new();
        if let Some(first) = &bookmark {
            seen.insert(first.clone());
        }
        Self {
            all,
            cap,
            page_size,
            items: 0,
            pages: 0,
            seen,
            next: bookmark,
            ended: None,
        }
    }

    /// The request for the next page (bookmark and page size), or `None`
    /// once the listing has ended.
    pub fn next_request(&self) -> Option<(Option<String>, Option<u32>)> {
        if self.ended.is_some() {
            return None;
        }
        if !self.all {
            return Some((self.next.clone(), self.page_size));
        }
        // Never ask for more than the cap leaves.
        let left = self.cap.saturating_sub(self.items).max(1);
        let size = self.page_size.unwrap_or(MAX_PAGE_SIZE).min(left);
        Some((self.next.clone(), Some(size)))
    }

    /// Records a page of `count` items ending with `bookmark`.
    pub fn record(&mut self, count: usize, bookmark: Option<String>) {
        self.pages += 1;
        self.items = self
            .items
            .saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
        let ended = match bookmark {
            None => Some(End::Complete),
            Some(bookmark) if !self.all => Some(End::OnePage {
                bookmark: Some(bookmark),
            }),
            Some(bookmark) if !self.seen.insert(bookmark.clone()) => Some(End::Repeated {
                bookmark,
                pages: self.pages,
            }),
            Some(bookmark) if self.items >= self.cap || self.pages >= self.max_pages() => {
                Some(End::Capped {
                    cap: self.cap,
                    bookmark,
                })
            }
            Some(bookmark) => {
                self.next = Some(bookmark);
                None
            }
        };
        if !self.all && ended == Some(End::Complete) {
            self.ended = Some(End::OnePage { bookmark: None });
        } else {
            self.ended = ended;
        }
    }

    /// Pages at most: as many as full pages would need to reach the cap,
    /// and one more, so that short or empty pages cannot go on forever.
    fn max_pages(&self) -> u32 {
        let size = self.page_size.unwrap_or(MAX_PAGE_SIZE).max(1);
        self.cap.div_ceil(size) + 1
    }

    /// How the listing ended (`None` while it goes on).
    pub fn end(&self) -> Option<&End> {
        self.ended.as_ref()
    }

    /// The cap, when the listing stopped at it.
    pub fn capped_at(&self) -> Option<u32> {
        match self.ended {
            Some(End::Capped { cap, .. }) => Some(cap),
            _ => None,
        }
    }

    /// How the listing ended, as a listing's JSON summary states it:
    /// `count`, `pages`, the `bookmark` that continues it, why it
    /// `stopped` (`cap`, `repeated-bookmark`, or `error` when `failed`
    /// ended it) and the `cap` it stopped at.
    pub fn summary(&self, failed: bool) -> serde_json::Map<String, serde_json::Value> {
        let (bookmark, stopped) = match &self.ended {
            Some(End::OnePage { bookmark }) => (bookmark.clone(), None),
            Some(End::Capped { bookmark, .. }) => (Some(bookmark.clone()), Some("cap")),
            Some(End::Repeated { bookmark, .. }) => {
                (Some(bookmark.clone()), Some("repeated-bookmark"))
            }
            Some(End::Complete) | None => (None, failed.then_some("error")),
        };
        let mut fields = serde_json::Map::new();
        fields.insert("count".into(), json!(self.items));
        fields.insert("pages".into(), json!(self.pages));
        fields.insert("bookmark".into(), json!(bookmark));
        fields.insert("stopped".into(), json!(stopped));
        if let Some(cap) = self.capped_at() {
            fields.insert("cap".into(), json!(cap));
        }
        fields
    }

    /// Items read.
    pub fn items(&self) -> u32 {
        self.items
    }

    /// Pages read.
    pub fn pages(&self) -> u32 {
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a pager against pages of `size` items with bookmarks from
    /// `bookmark(page)`; returns the end and the requests sent.
    fn drive(
        mut pager: Pager,
        size: usize,
        bookmark: impl Fn(u32) -> Option<String>,
    ) -> (End, u32) {
        let mut requests = 0;
        while pager.next_request().is_some() {
            requests += 1;
            assert!(requests < 100_000, "the pager never ended");
            pager.record(size, bookmark(requests));
        }
        (pager.end().cloned().expect("ended"), requests)
    }

    #[test]
    fn an_endless_server_is_stopped_at_the_cap() {
        let (end, requests) = drive(Pager::new(true, 1000, Some(25), None), 25, |n| {
            Some(format!("b{n}"))
        });
        assert!(matches!(end, End::Capped { cap: 1000, .. }), "{end:?}");
        assert_eq!(requests, 40);
        // Empty pages with fresh bookmarks stop too.
        let (end, requests) = drive(Pager::new(true, 1000, Some(25), None), 0, |n| {
            Some(format!("b{n}"))
        });
        assert!(matches!(end, End::Capped { .. }), "{end:?}");
        assert_eq!(requests, 41);
    }

    #[test]
    fn a_repeated_bookmark_stops_the_listing() {
        let (end, requests) = drive(Pager::new(true, 1000, None, None), 250, |n| {
            Some(if n >= 3 {
                "same".into()
            } else {
                format!("b{n}")
            })
        });
        assert_eq!(
            end,
            End::Repeated {
                bookmark: "same".into(),
                pages: 4
            }
        );
        assert_eq!(requests, 4);
        // The bookmark the listing started from counts as seen.
        let (end, _) = drive(
            Pager::new(true, 1000, None, Some("start".into())),
            250,
            |_| Some("start".into()),
        );
        assert!(matches!(end, End::Repeated { pages: 1, .. }), "{end:?}");
    }

    #[test]
    fn the_last_page_ends_it_and_one_page_is_one_request() {
        let (end, requests) = drive(Pager::new(true, 1000, Some(7), None), 7, |n| {
            (n < 8).then(|| format!("b{n}"))
        });
        assert_eq!(end, End::Complete);
        assert_eq!(requests, 8);
        let (end, requests) = drive(Pager::new(false, 1000, None, None), 25, |_| {
            Some("more".into())
        });
        assert_eq!(
            end,
            End::OnePage {
                bookmark: Some("more".into())
            }
        );
        assert_eq!(requests, 1);
    }

    #[test]
    fn the_last_request_asks_only_for_what_the_cap_leaves() {
        let mut pager = Pager::new(true, 30, Some(25), None);
        assert_eq!(pager.next_request(), Some((None, Some(25))));
        pager.record(25, Some("b1".into()));
        assert_eq!(pager.next_request(), Some((Some("b1".into()), Some(5))));
    }
}
