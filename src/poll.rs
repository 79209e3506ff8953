//! The "new pins" trigger for platforms that poll: the pins of a source
//! created since the previous poll, none missed and none returned twice,
//! in at most [`MAX_REQUESTS`] requests a poll; and the cursor that carries
//! what one poll knows to the next.
//!
//! The model is Pinterest's: a source lists its pins newest first, by
//! `created_at` (whole seconds), pins of the same second in any order, and
//! a bookmark continues where its page ended. What has been delivered (or,
//! on the first poll, was there already) is, in seconds:
//!
//! - the *floor*: every pin older than its second, and the pins of that
//!   second it names;
//! - while a gap is open, a *band* above the floor: every pin strictly
//!   between its lowest and highest second, and the pins of those two
//!   seconds they name, with the bookmark below the band (where the gap
//!   continues).
//!
//! A poll walks the listing from the top down to the floor and returns
//! what is not delivered yet. Pins created while it walks appear above
//! where it started; being no older than the newest pin it saw, they stay
//! undelivered until the next poll. A pin of the second the floor names
//! is told apart by its id, so pins created in that same second are
//! neither missed nor repeated. When the budget ends before the floor is
//! reached, what the walk saw becomes the band, and the next polls first
//! walk the gap from the band's bookmark down to the floor (a bookmark
//! Pinterest refuses is replaced by a walk from the top, which skips what
//! was delivered), then merge the band into the floor and walk from the
//! top again. See `docs/contract.md`.

use base64::Engine as _;

use crate::body;
use crate::config::{Config, Environment};
use crate::error::{Error, Failure};
use crate::excerpt::excerpt;
use crate::http::Response;
use crate::operation::Operation;
use crate::paging::{self, HeapSize, MAX_BOOKMARK_BYTES, MAX_LIST_ALL_BYTES, MAX_PAGE_SIZE, Page};
use crate::pin_lists::{self, PinSource};
use crate::pins::Pin;
use crate::remedy;
use crate::validate::MAX_ID_LEN;

/// Requests one poll sends at most.
pub const MAX_REQUESTS: usize = 4;
/// Pins the first request of a walk from the top asks for: a quiet source
/// needs no more, at a tenth of a full page's transfer.
pub const FIRST_PAGE_SIZE: u32 = 25;
/// The most pins the first poll returns as its backlog.
pub const MAX_BACKLOG: u32 = 250;
/// Longest cursor, in characters.
pub const MAX_CURSOR_CHARS: usize = 10_240;
/// Pins of one second a cursor names by id, per second it marks; beyond
/// that it names them as a range of ids, trusting the model's tie-break
/// (the later created, the higher the id).
pub const MAX_SECOND_IDS: usize = 32;

/// 9999-12-31T23:59:59Z: the latest second a cursor may name.
const LATEST_SECOND: i64 = 253_402_300_799;
/// The lowest id: the start of a range that takes in every id up to its
/// end.
const LOWEST_ID: &str = "0";

/// What a poll found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPins {
    /// The pins created since the cursor was made, oldest first.
    pub pins: Vec<Pin>,
    /// The cursor for the next poll.
    pub cursor: String,
    /// False when the request budget ended before the poll reached the
    /// pins of the previous one.
    pub complete: bool,
}

/// A pin of a listing with its creation second, as the poll reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The pin.
    pub pin: Pin,
    /// Its `created_at`, in seconds since the epoch.
    pub second: i64,
}

/// Reads one page of pins for a poll. Ids and creation times decide what
/// is new, so a pin whose id is not decimal or whose `created_at` is not a
/// date-time spoils the page (as a wrong-typed bookmark does).
pub fn parse_page(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<Page<Dated>, Error> {
    let page = pin_lists::parse_page(op, response, body)?;
    let mut items = Vec::with_capacity(page.items.len());
    for pin in page.items {
        if !is_id(&pin.id) {
            return Err(body::invalid_body(
                op,
                response,
                &format!("a pin's id is not 1 to {MAX_ID_LEN} decimal digits"),
            ));
        }
        let Some(second) = pin.created_at.as_deref().and_then(unix_seconds) else {
            return Err(body::invalid_body(
                op,
                response,
                &format!(
                    "pin {} has no readable created_at, which tells new pins apart",
                    pin.id
                ),
            ));
        };
        items.push(Dated { pin, second });
    }
    Ok(Page {
        items,
        bookmark: page.bookmark,
    })
}

/// Seconds since the epoch of a pin's `created_at` (RFC 3339, as
/// [`datetime::unix_seconds`] reads it).
pub use crate::datetime::unix_seconds;

/// Whether `id` is a Pinterest id: 1 to [`MAX_ID_LEN`] decimal digits.
fn is_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
}

/// Ids in the order of their numbers (for ids of digits without leading
/// zeros; any two ids compare the same way every time).
fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The pins of one second that are delivered: those it names, and those
/// whose id falls within its range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    /// The second, since the epoch.
    t: i64,
    /// Ids, each once, at most [`MAX_SECOND_IDS`].
    ids: Vec<String>,
    /// A range of ids, both ends included.
    range: Option<(String, String)>,
}

impl Mark {
    fn new(t: i64) -> Self {
        Self {
            t,
            ids: Vec::new(),
            range: None,
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|known| known == id) || self.in_range(id)
    }

    fn in_range(&self, id: &str) -> bool {
        self.range
            .as_ref()
            .is_some_and(|(low, high)| id_order(low, id).is_le() && id_order(id, high).is_le())
    }

    /// Names `id` too. Beyond [`MAX_SECOND_IDS`] ids, they all become the
    /// smallest range that holds them: under the model's tie-break, the
    /// pins of a second a walk saw are those of a range of ids.
    fn add(&mut self, id: &str) {
        if self.contains(id) {
            return;
        }
        self.ids.push(id.to_owned());
        if self.ids.len() > MAX_SECOND_IDS {
            let mut ids = std::mem::take(&mut self.ids);
            if let Some((low, high)) = self.range.take() {
                ids.extend([low, high]);
            }
            let low = ids.iter().min_by(|a, b| id_order(a, b)).cloned();
            let high = ids.iter().max_by(|a, b| id_order(a, b)).cloned();
            self.range = low.zip(high);
        }
    }

    /// Every pin of the second up to `id`: on a first poll whose walk ended
    /// inside the newest second, the pins below it were there before.
    fn up_to(t: i64, id: &str) -> Self {
        Self {
            t,
            ids: Vec::new(),
            range: Some((LOWEST_ID.to_owned(), id.to_owned())),
        }
    }

    /// The mark of a second every pin of which (at the time) is
    /// delivered: a range then takes in every id up to its end (under the
    /// model's tie-break, pins created later in that second have higher
    /// ids), and a walk that lists a pin in it has reached what was
    /// delivered before (see [`Delivered::reached`]).
    fn closed(mut self) -> Self {
        if let Some((_, high)) = self.range.take() {
            let high = self.ids.drain(..).fold(high, |high, id| {
                std::cmp::max_by(high, id, |a, b| id_order(a, b))
            });
            self.range = Some((LOWEST_ID.to_owned(), high));
        }
        self
    }

    /// The highest id it names.
    fn highest(&self) -> Option<&str> {
        let ids = self.ids.iter().map(String::as_str);
        ids.chain(self.range.as_ref().map(|(_, high)| high.as_str()))
            .max_by(|a, b| id_order(a, b))
    }

    /// Whether the first two ids it names (in the order a walk listed
    /// them) go from higher to lower; none when it names fewer than two.
    fn higher_first(&self) -> Option<bool> {
        let mut ids = self.ids.iter();
        let (first, second) = (ids.next()?, ids.next()?);
        Some(id_order(first, second).is_gt())
    }

    /// Whether its range takes in every id up to its end.
    fn closed_range(&self) -> bool {
        self.range.as_ref().is_some_and(|(low, _)| low == LOWEST_ID)
    }

    /// The pins of both marks of a second. A range of both is the
    /// smallest that holds them: the marks must be of pins a walk saw
    /// one after the other (or of a closed second).
    fn merged(mut self, other: &Mark) -> Self {
        for id in &other.ids {
            self.add(id);
        }
        self.range = match (self.range.take(), other.range.clone()) {
            (Some((a, b)), Some((c, d))) => Some((
                std::cmp::min_by(a, c, |x, y| id_order(x, y)),
                std::cmp::max_by(b, d, |x, y| id_order(x, y)),
            )),
            (mine, theirs) => mine.or(theirs),
        };
        self
    }

    fn check(&self) -> Result<(), &'static str> {
        if !(0..=LATEST_SECOND).contains(&self.t) {
            return Err("holds a time out of range");
        }
        if self.ids.len() > MAX_SECOND_IDS {
            return Err("names too many pins");
        }
        let ids_ok = self.ids.iter().all(|id| is_id(id))
            && self
                .ids
                .iter()
                .enumerate()
                .all(|(i, id)| !self.ids.iter().skip(i + 1).any(|other| other == id));
        if !ids_ok {
            return Err("holds a malformed pin id");
        }
        if let Some((low, high)) = &self.range
            && !(is_id(low) && is_id(high) && id_order(low, high).is_le())
        {
            return Err("holds a malformed range of pin ids");
        }
        Ok(())
    }
}

/// The delivered pins of a gap's band, and where the gap continues.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Band {
    /// Its lowest second.
    lo: Mark,
    /// Its highest second.
    hi: Mark,
    /// Where the gap's walk goes on; none: from the top.
    bookmark: Option<String>,
    /// Whether the bookmark is below the pins of the highest second the
    /// band names (else the walk must list one of them first).
    past_hi: bool,
}

/// What a cursor is for: the environment, the source and the ad account
/// acting (whose pins differ).
fn source_key(config: &Config, source: &PinSource) -> Result<String, Error> {
    let environment = match config.environment {
        Environment::Production => "production",
        Environment::Sandbox => "sandbox",
    };
    let source = match source {
        PinSource::Board(board_id) => format!("board/{board_id}"),
        PinSource::Section(s) => format!("section/{}/{}", s.board_id, s.section_id),
        PinSource::Account => "account".to_owned(),
    };
    let ad_account = config.ad_account_id()?.unwrap_or_default();
    Ok(format!("{environment}|{source}|{ad_account}"))
}

/// The known state: what is delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Delivered {
    floor: Option<Mark>,
    band: Option<Band>,
}

impl Delivered {
    fn contains(&self, second: i64, id: &str) -> bool {
        let below_floor = self
            .floor
            .as_ref()
            .is_some_and(|f| second < f.t || (second == f.t && f.contains(id)));
        let in_band = self.band.as_ref().is_some_and(|b| {
            (b.lo.t < second && second < b.hi.t)
                || (second == b.lo.t && b.lo.contains(id))
                || (second == b.hi.t && b.hi.contains(id))
        });
        below_floor || in_band
    }

    /// Whether a walk that lists this pin has reached what was delivered
    /// before: the pin is older than the floor, or (when the floor names
    /// its second's pins as a closed range, under the model's tie-break)
    /// of the floor's second and in its range, so the pins listed after it
    /// are older.
    fn reached(&self, second: i64, id: &str) -> bool {
        self.floor
            .as_ref()
            .is_some_and(|f| second < f.t || (second == f.t && f.closed_range() && f.in_range(id)))
    }
}

/// A cursor is base64url (without padding) of text: this line, a line
/// `for` the source (see [`source_key`]), the lines of what is delivered
/// (`floor`, then `lo`, `hi` and `bookmark` for a band, each only when
/// there is one; the bookmark is `below` or `above` the band's highest
/// pins), and a `check` of the lines before (see [`checksum`]),
/// which tells a cursor cut short or edited. A mark is its second, its
/// ids (`-` for none) and its range (`-` for none), space-separated:
///
/// ```text
/// poll-new-pins 1
/// for production|board/549755885175|
/// floor 1714558830 813744226420795884,813744226420795885 -
/// check 5e1f7c0b9a2d4e38
/// ```
const CURSOR_HEADER: &str = "poll-new-pins 1";

/// Why a cursor is refused, for the caller.
const NOT_A_CURSOR: &str = "is not a cursor made by poll-new-pins";

/// Reads a cursor back: at most [`MAX_CURSOR_CHARS`], in the form of
/// [`CURSOR_HEADER`], for `key`, every part checked.
fn decode(cursor: &str, key: &str) -> Result<Delivered, Error> {
    let refuse = |reason: &str| {
        Error::invalid(
            "cursor",
            format!(
                "{reason}; pass the cursor of this source's previous poll unchanged, or none to start over"
            ),
        )
    };
    if cursor.len() > MAX_CURSOR_CHARS {
        return Err(refuse(&format!(
            "is {} characters, longer than any cursor ({MAX_CURSOR_CHARS})",
            cursor.len()
        )));
    }
    let text = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| refuse(NOT_A_CURSOR))?;
    let (text, check) = text
        .rsplit_once("\ncheck ")
        .ok_or_else(|| refuse(NOT_A_CURSOR))?;
    if check != checksum(text) {
        return Err(refuse(
            "is not a cursor made by poll-new-pins: it was cut short or edited",
        ));
    }
    let mut lines = text.split('\n');
    match lines.next() {
        Some(CURSOR_HEADER) => {}
        Some(line) if line.starts_with("poll-new-pins ") => {
            return Err(refuse("was made by another version of the connector"));
        }
        _ => return Err(refuse(NOT_A_CURSOR)),
    }
    match lines.next().and_then(|line| line.strip_prefix("for ")) {
        Some(made_for) if made_for == key => {}
        Some(_) => {
            return Err(refuse(
                "was made for another source, environment or ad account",
            ));
        }
        None => return Err(refuse(NOT_A_CURSOR)),
    }
    let mut line = lines.next();
    let mut part = |name: &str| -> Option<&str> {
        let value = line?.strip_prefix(name)?.strip_prefix(' ')?;
        line = lines.next();
        Some(value)
    };
    let floor = part("floor").map(read_mark).transpose().map_err(refuse)?;
    let band = match part("lo") {
        None => None,
        Some(lo) => {
            let hi = part("hi").ok_or_else(|| refuse(NOT_A_CURSOR))?;
            let (past_hi, bookmark) = match part("bookmark").map(|b| b.split_once(' ')) {
                None => (false, None),
                Some(Some(("below", bookmark))) => (true, Some(bookmark.to_owned())),
                Some(Some(("above", bookmark))) => (false, Some(bookmark.to_owned())),
                Some(_) => return Err(refuse(NOT_A_CURSOR)),
            };
            Some(Band {
                lo: read_mark(lo).map_err(refuse)?,
                hi: read_mark(hi).map_err(refuse)?,
                bookmark,
                past_hi,
            })
        }
    };
    if line.is_some() {
        return Err(refuse(NOT_A_CURSOR));
    }
    if let Some(band) = &band {
        let floor_t = floor.as_ref().map_or(0, |f| f.t);
        if band.lo.t > band.hi.t || band.lo.t < floor_t {
            return Err(refuse("holds an inconsistent gap"));
        }
        if band.bookmark.as_deref().is_some_and(|b| !storable(b)) {
            return Err(refuse("holds a malformed bookmark"));
        }
    }
    Ok(Delivered { floor, band })
}

/// A mark as a cursor writes it: `second ids range`.
fn read_mark(text: &str) -> Result<Mark, &'static str> {
    let mut parts = text.split(' ');
    let (Some(t), Some(ids), Some(range), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(NOT_A_CURSOR);
    };
    let t = (is_id(t) && t.len() <= 12)
        .then(|| t.parse::<i64>().ok())
        .flatten()
        .filter(|second| second.to_string() == t)
        .ok_or("holds a malformed time")?;
    let ids = match ids {
        "-" => Vec::new(),
        ids => ids.split(',').map(str::to_owned).collect(),
    };
    let range = match range {
        "-" => None,
        range => {
            let (low, high) = range.split_once("..").ok_or(NOT_A_CURSOR)?;
            Some((low.to_owned(), high.to_owned()))
        }
    };
    let mark = Mark { t, ids, range };
    mark.check()?;
    Ok(mark)
}

/// A mark as a cursor writes it.
fn write_mark(text: &mut String, name: &str, mark: &Mark) {
    let ids = if mark.ids.is_empty() {
        "-".to_owned()
    } else {
        mark.ids.join(",")
    };
    let range = match &mark.range {
        Some((low, high)) => format!("{low}..{high}"),
        None => "-".to_owned(),
    };
    text.push_str(&format!("\n{name} {} {ids} {range}", mark.t));
}

/// Whether a bookmark may go into a cursor: 1 to [`MAX_BOOKMARK_BYTES`]
/// visible ASCII characters (Pinterest's are base64). Another is not
/// kept, and the gap is walked from the top instead.
fn storable(bookmark: &str) -> bool {
    (1..=MAX_BOOKMARK_BYTES).contains(&bookmark.len())
        && bookmark.bytes().all(|b| b.is_ascii_graphic())
}

fn encode(key: &str, delivered: &Delivered) -> String {
    let mut text = format!("{CURSOR_HEADER}\nfor {key}");
    if let Some(floor) = &delivered.floor {
        write_mark(&mut text, "floor", floor);
    }
    if let Some(band) = &delivered.band {
        write_mark(&mut text, "lo", &band.lo);
        write_mark(&mut text, "hi", &band.hi);
        if let Some(bookmark) = &band.bookmark {
            let side = if band.past_hi { "below" } else { "above" };
            text.push_str(&format!("\nbookmark {side} {bookmark}"));
        }
    }
    let check = checksum(&text);
    text.push_str("\ncheck ");
    text.push_str(&check);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

/// The 64-bit FNV-1a hash of `text`, in 16 hex digits: a cursor's check
/// against damage and edits (not a seal: a cursor holds nothing secret).
fn checksum(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Which walk through the listing a poll is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The first poll's: the newest pins, to the end of the newest second.
    First {
        /// Pins to return.
        backlog: usize,
    },
    /// From the top down to the floor.
    Top,
    /// From the band's bookmark (or the top) down to the floor, returning
    /// only pins older than the band's highest second.
    Gap,
}

/// One walk: where it is and what it saw.
#[derive(Debug)]
struct Walk {
    kind: Kind,
    /// The bookmark of the next page; none for the top.
    bookmark: Option<String>,
    /// Whether the next request is the first of the walk.
    starting: bool,
    /// Whether the walk started from a bookmark of the cursor.
    resumed: bool,
    /// For a gap's walk: whether it is below the pins of the band's
    /// highest second that the band names (from a bookmark it starts
    /// there; from the top, once it lists one of them).
    past_hi: bool,
    /// The bookmarks followed: the guard against one that repeats.
    followed: Vec<String>,
    /// The ids listed so far (a listing whose bookmarks count positions
    /// shows pins again when pins are created in between).
    listed: Vec<String>,
    /// The second of the last pin listed on the current page.
    last: Option<i64>,
    /// The id of the last pin listed.
    last_id: Option<String>,
    /// Whether the listing was seen to list pins of the same second higher
    /// id first (the model's tie-break); none until two followed each
    /// other.
    higher_first: Option<bool>,
    /// The seconds and ids of the pins it saw that are delivered (by it or
    /// before), in listing order.
    seen: Vec<(i64, String)>,
    /// The pins it returns, in listing order.
    found: Vec<Dated>,
    /// Whether it reached what was delivered (or the end of the listing).
    reached: bool,
}

impl Walk {
    fn new(kind: Kind, bookmark: Option<String>) -> Self {
        Self {
            kind,
            resumed: bookmark.is_some(),
            past_hi: false,
            followed: bookmark.iter().cloned().collect(),
            bookmark,
            starting: true,
            listed: Vec::new(),
            last: None,
            last_id: None,
            higher_first: None,
            seen: Vec::new(),
            found: Vec::new(),
            reached: false,
        }
    }

    fn newest(&self) -> Option<i64> {
        self.seen.iter().map(|(t, _)| *t).max()
    }

    fn oldest(&self) -> Option<i64> {
        self.seen.iter().map(|(t, _)| *t).min()
    }

    /// Names in `mark` the pins it saw of the mark's second.
    fn add_to(&self, mark: &mut Mark) {
        let second = mark.t;
        for (_, id) in self.seen.iter().filter(|(t, _)| *t == second) {
            mark.add(id);
        }
    }

    /// The pins it saw of `second`, as a mark.
    fn mark(&self, second: i64) -> Mark {
        let mut mark = Mark::new(second);
        for (_, id) in self.seen.iter().filter(|(t, _)| *t == second) {
            mark.add(id);
        }
        mark
    }
}

/// One poll in progress: [`Poll::next_query`] says which page to fetch,
/// [`Poll::take`] reads it, [`Poll::finish`] gives the result.
#[derive(Debug)]
pub struct Poll {
    key: String,
    op_label: std::borrow::Cow<'static, str>,
    delivered: Delivered,
    walk: Walk,
    /// Pins returned by walks that ended.
    returned: Vec<Dated>,
    /// Ids returned by this poll.
    returned_ids: Vec<String>,
    requests: usize,
    bytes: usize,
    done: bool,
    complete: bool,
}

impl Poll {
    /// Starts a poll of `source` from `cursor` (none or empty: the first
    /// poll, which returns `backlog` pins). Checks the backlog (at most
    /// [`MAX_BACKLOG`]) and the cursor, naming them.
    pub fn start(
        config: &Config,
        source: &PinSource,
        cursor: Option<&str>,
        backlog: Option<u32>,
    ) -> Result<Self, Error> {
        let backlog = backlog.unwrap_or(0);
        if backlog > MAX_BACKLOG {
            return Err(Error::invalid(
                "backlog",
                format!("is {backlog}; it must be at most {MAX_BACKLOG}"),
            ));
        }
        let key = source_key(config, source)?;
        let cursor = cursor.filter(|c| !c.is_empty());
        let (delivered, walk) = match cursor {
            None => (
                Delivered {
                    floor: None,
                    band: None,
                },
                Walk::new(
                    Kind::First {
                        backlog: usize::try_from(backlog).unwrap_or(usize::MAX),
                    },
                    None,
                ),
            ),
            Some(cursor) => {
                let delivered = decode(cursor, &key)?;
                let walk = match &delivered.band {
                    Some(band) => Walk {
                        past_hi: band.bookmark.is_some() && band.past_hi,
                        ..Walk::new(Kind::Gap, band.bookmark.clone())
                    },
                    None => Walk::new(Kind::Top, None),
                };
                (delivered, walk)
            }
        };
        Ok(Self {
            key,
            op_label: source.operation().label(),
            delivered,
            walk,
            returned: Vec::new(),
            returned_ids: Vec::new(),
            requests: 0,
            bytes: 0,
            done: false,
            complete: false,
        })
    }

    /// The next page to fetch, or none when the poll is over (its walk
    /// reached what was delivered, or its budget of requests or memory
    /// ended).
    pub fn next_query(&mut self) -> Option<paging::PageQuery> {
        if self.done {
            return None;
        }
        if self.requests >= MAX_REQUESTS || self.bytes >= MAX_LIST_ALL_BYTES {
            self.end_walk();
            return None;
        }
        self.requests += 1;
        let page_size = match (self.walk.kind, self.walk.starting) {
            (Kind::First { backlog }, true) => u32::try_from(backlog)
                .unwrap_or(MAX_PAGE_SIZE)
                .clamp(FIRST_PAGE_SIZE, MAX_PAGE_SIZE),
            (Kind::Top, true) => FIRST_PAGE_SIZE,
            _ => MAX_PAGE_SIZE,
        };
        Some(paging::PageQuery {
            bookmark: self.walk.bookmark.clone(),
            page_size: Some(page_size),
        })
    }

    /// Whether the last request started from a bookmark the cursor held:
    /// if Pinterest refuses it, [`Poll::restart`] walks from the top.
    pub fn resumed(&self) -> bool {
        self.walk.resumed && self.walk.starting
    }

    /// Walks the gap from the top instead of from the cursor's bookmark.
    pub fn restart(&mut self) {
        self.walk = Walk::new(self.walk.kind, None);
    }

    /// Takes in the page the last query asked for.
    pub fn take(&mut self, page: Page<Dated>) -> Result<(), Error> {
        self.walk.starting = false;
        // Pages follow each other in order, but a listing whose bookmarks
        // count positions starts a page with pins created since the last
        // one (newer than it) when they push the older ones down.
        self.walk.last = None;
        for Dated { pin, second } in page.items {
            if self.walk.listed.contains(&pin.id) {
                continue;
            }
            self.walk.listed.push(pin.id.clone());
            if let Some(previous) = self.walk.last
                && second > previous
            {
                return Err(self.out_of_order(&pin, second, previous));
            }
            if self.walk.last == Some(second)
                && let Some(before) = self.walk.last_id.as_deref()
            {
                self.walk.higher_first = Some(id_order(before, &pin.id).is_gt());
            }
            self.walk.last = Some(second);
            self.walk.last_id = Some(pin.id.clone());
            let reached = match self.walk.kind {
                Kind::First { backlog } => {
                    self.walk.newest().is_some_and(|newest| second < newest)
                        && self.walk.found.len() >= backlog
                }
                Kind::Top | Kind::Gap => self.delivered.reached(second, &pin.id),
            };
            if reached {
                self.walk.reached = true;
                break;
            }
            let known = self.delivered.contains(second, &pin.id);
            let (seen, wanted) = match self.walk.kind {
                Kind::First { backlog } => (true, self.walk.found.len() < backlog),
                Kind::Top => (true, !known),
                // Pins newer than the band, and those of its highest second
                // above the pins it names, are left to the walk from the
                // top that follows the gap's.
                Kind::Gap => {
                    let hi = self.delivered.band.as_ref().map(|b| &b.hi);
                    let at_hi = hi.filter(|hi| second == hi.t);
                    if at_hi.is_some_and(|hi| hi.contains(&pin.id)) {
                        self.walk.past_hi = true;
                    }
                    // Newer than every pin the band names of that second:
                    // above them under the model's tie-break, so left to
                    // the walk from the top (a bookmark that counts
                    // positions lands among pins created since; under
                    // other tie-breaks the walk from the top returns them
                    // all the same, as the floor does not name them).
                    let newer = at_hi.is_some_and(|hi| {
                        let higher_first = hi.range.is_some()
                            || self.walk.higher_first.or(hi.higher_first()) == Some(true);
                        higher_first && hi.highest().is_some_and(|h| id_order(&pin.id, h).is_gt())
                    });
                    let below = hi.is_some_and(|hi| second < hi.t)
                        || (at_hi.is_some() && self.walk.past_hi && !newer);
                    (below, below && !known)
                }
            };
            if seen {
                self.walk.seen.push((second, pin.id.clone()));
            }
            if wanted && !self.returned_ids.contains(&pin.id) {
                self.returned_ids.push(pin.id.clone());
                self.bytes = self.bytes.saturating_add(pin.heap_bytes());
                self.walk.found.push(Dated { pin, second });
            }
        }
        match page.bookmark {
            _ if self.walk.reached => self.end_walk(),
            None => {
                self.walk.reached = true;
                self.end_walk();
            }
            Some(bookmark) => {
                pin_lists::LIST_ALL.follow(&mut self.walk.followed, &bookmark)?;
                self.walk.bookmark = Some(bookmark);
            }
        }
        Ok(())
    }

    /// Ends the current walk: what it saw becomes delivered, and the next
    /// walk (if any) begins.
    fn end_walk(&mut self) {
        let walk = std::mem::replace(&mut self.walk, Walk::new(Kind::Top, None));
        let reached = walk.reached;
        let next = match walk.kind {
            Kind::First { .. } => {
                let closed = walk.oldest() < walk.newest();
                self.delivered.floor = walk.newest().map(|newest| {
                    if reached || closed {
                        walk.mark(newest).closed()
                    } else {
                        let highest = walk
                            .seen
                            .iter()
                            .filter(|(t, _)| *t == newest)
                            .map(|(_, id)| id.as_str())
                            .max_by(|a, b| id_order(a, b))
                            .unwrap_or(LOWEST_ID);
                        Mark::up_to(newest, highest)
                    }
                });
                self.complete = true;
                None
            }
            Kind::Top if reached => {
                if let Some(newest) = walk.newest() {
                    let mark = walk.mark(newest);
                    let floor = match self.delivered.floor.take() {
                        Some(floor) if floor.t == newest => floor.merged(&mark),
                        _ => mark,
                    };
                    self.delivered.floor = Some(floor.closed());
                }
                self.complete = true;
                None
            }
            Kind::Top => {
                if let (Some(newest), Some(oldest)) = (walk.newest(), walk.oldest()) {
                    // The newest second is closed once the walk went past
                    // it; else the band names the pins it saw of it (the
                    // floor, if of that second, names the older ones).
                    let hi = walk.mark(newest);
                    self.delivered.band = Some(Band {
                        lo: walk.mark(oldest),
                        hi: if oldest < newest { hi.closed() } else { hi },
                        bookmark: walk.bookmark.clone().filter(|b| storable(b)),
                        past_hi: true,
                    });
                }
                None
            }
            Kind::Gap if reached => {
                if let Some(mut band) = self.delivered.band.take() {
                    walk.add_to(&mut band.hi);
                    let floor = match self.delivered.floor.take() {
                        Some(floor) if floor.t == band.hi.t => band.hi.merged(&floor),
                        _ => band.hi,
                    };
                    self.delivered.floor = Some(floor.closed());
                }
                Some(Walk::new(Kind::Top, None))
            }
            Kind::Gap => {
                if let Some(band) = self.delivered.band.as_mut() {
                    walk.add_to(&mut band.hi);
                    if let Some(oldest) = walk.oldest() {
                        let mark = walk.mark(oldest);
                        if oldest < band.lo.t {
                            band.lo = mark;
                        } else if oldest == band.lo.t {
                            band.lo = band.lo.clone().merged(&mark);
                        }
                    }
                    band.bookmark = walk.bookmark.clone().filter(|b| storable(b));
                    band.past_hi = walk.past_hi;
                }
                None
            }
        };
        self.returned.extend(walk.found.into_iter().rev());
        match next {
            Some(walk) => self.walk = walk,
            None => self.done = true,
        }
    }

    /// The pins found, oldest first, and the cursor for the next poll.
    pub fn finish(mut self) -> NewPins {
        if !self.done {
            self.end_walk();
        }
        // Oldest first: by second, and in a second, listed last first. (A
        // listing whose bookmarks count positions may show a pin created
        // during the walk after older ones.)
        sort_by_second(&mut self.returned);
        NewPins {
            cursor: encode(&self.key, &self.delivered),
            pins: self.returned.into_iter().map(|dated| dated.pin).collect(),
            complete: self.complete,
        }
    }

    fn out_of_order(&self, pin: &Pin, second: i64, previous: i64) -> Error {
        let shown = pin.created_at.as_deref().unwrap_or_default();
        Error::UnexpectedResponse {
            failure: Failure {
                summary: format!(
                    "Pinterest's answer to {} listed pin {} (created {shown}) after a pin {} seconds older, so new pins cannot be told apart.",
                    self.op_label,
                    pin.id,
                    second.saturating_sub(previous)
                ),
                remedy: remedy::OUT_OF_ORDER.to_owned(),
                status: Some(200),
                ..Failure::default()
            },
            excerpt: excerpt(shown.as_bytes()),
        }
    }
}

/// Sorts pins by second, keeping the order of those of the same second:
/// an insertion sort, as they come nearly sorted (and at most a few
/// pages of them).
fn sort_by_second(pins: &mut [Dated]) {
    for i in 1..pins.len() {
        let mut j = i;
        while j > 0 && pins.get(j - 1).map(|d| d.second) > pins.get(j).map(|d| d.second) {
            pins.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_every_rfc_3339_form() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00"), Some(0));
        assert_eq!(unix_seconds("2026-01-01T00:00:00Z"), Some(1_767_225_600));
        assert_eq!(unix_seconds("2024-05-01T10:20:30Z"), Some(1_714_558_830));
        assert_eq!(
            unix_seconds("2024-05-01t10:20:30.999z"),
            Some(1_714_558_830)
        );
        assert_eq!(
            unix_seconds("2024-05-01T12:20:30+02:00"),
            Some(1_714_558_830)
        );
        assert_eq!(
            unix_seconds("2024-05-01T08:20:30-02:00"),
            Some(1_714_558_830)
        );
        assert_eq!(unix_seconds("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(unix_seconds("2016-12-31T23:59:60Z"), Some(1_483_228_799));
        assert_eq!(unix_seconds("0000-01-01T00:00:00Z"), Some(-62_167_219_200));
        assert_eq!(unix_seconds("9999-12-31T23:59:59Z"), Some(LATEST_SECOND));
        for bad in [
            "",
            "2024-05-01",
            "2024-05-01T10:20",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T10:20:30.Z",
            "2024-05-01T10:20:30+2:00",
            "2024-05-01T10:20:30+02:60",
            "2024-05-01T10:20:30 ",
            "+2024-05-01T10:20:30Z",
            "２０２４-05-01T10:20:30Z",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_mark_names_ids_then_a_range_of_them() {
        let mut mark = Mark::new(5);
        for n in 100..100 + MAX_SECOND_IDS {
            mark.add(&n.to_string());
        }
        assert_eq!(mark.ids.len(), MAX_SECOND_IDS);
        assert!(mark.range.is_none());
        mark.add("99");
        assert!(mark.ids.is_empty());
        let high = (99 + MAX_SECOND_IDS).to_string();
        assert_eq!(mark.range, Some(("99".to_owned(), high)));
        assert!(mark.contains("120") && !mark.contains("98") && !mark.contains("1000"));
        // Numbers, not text: 1000 > 999.
        let range = Mark::up_to(1, "999");
        assert!(range.contains("5") && !range.contains("1000"));
    }

    #[test]
    fn the_largest_cursor_fits_its_limit_and_reads_back() {
        let id = |n: usize| format!("{n:032}").replacen('0', "9", 1);
        let full = || Mark {
            t: LATEST_SECOND,
            ids: (0..MAX_SECOND_IDS).map(id).collect(),
            range: Some((id(100), id(200))),
        };
        let config = Config {
            ad_account_id: Some("9".repeat(18)),
            ..Config::new("1484362", crate::ClientSecret::new("s"))
        };
        let source = PinSource::Section(crate::SectionRef {
            board_id: "9".repeat(MAX_ID_LEN),
            section_id: "9".repeat(MAX_ID_LEN),
        });
        let key = source_key(&config, &source).unwrap();
        let delivered = Delivered {
            floor: Some(full()),
            band: Some(Band {
                lo: full(),
                hi: full(),
                // Each `\` takes two characters in JSON.
                bookmark: Some("~".repeat(MAX_BOOKMARK_BYTES)),
                past_hi: false,
            }),
        };
        let cursor = encode(&key, &delivered);
        assert!(cursor.len() <= MAX_CURSOR_CHARS, "{}", cursor.len());
        eprintln!("largest cursor: {} characters", cursor.len());
        assert_eq!(decode(&cursor, &key).unwrap(), delivered);
    }

    #[test]
    fn merged_marks_keep_every_id() {
        let mut a = Mark::new(1);
        a.add("7");
        let mut b = Mark::new(1);
        b.add("9");
        b.range = Some(("20".into(), "30".into()));
        let merged = a.merged(&b);
        for id in ["7", "9", "20", "25", "30"] {
            assert!(merged.contains(id), "{id}");
        }
        assert!(!merged.contains("31"));
    }
}
