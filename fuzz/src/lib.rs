//! What each fuzz target does with one input, and what must hold afterwards.
//!
//! The fuzz targets in `fuzz/fuzz_targets/` call these functions; the stable
//! test `tests/fuzz_corpus.rs` includes this file too and replays every
//! committed input (`fuzz/seeds/`, `fuzz/regressions/`) through them, so
//! whatever the fuzzers once found stays fixed. A function panics when an
//! invariant breaks: the component, where a panic is a trap, must never do
//! what these functions reject.
//!
//! Response targets take the input as a response body and run it through a
//! whole operation of the core (`Connector` with a client that answers with
//! that body); input targets take it as caller input and check what the
//! request builders make of it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use std::time::Duration;

use pinterest_connector::internals::{
    Operation, boards, datetime, oauth, pins, poll, raw, request, success_body,
};
use pinterest_connector::limits::{
    MAX_BOOKMARK_BYTES, MAX_CURSOR_CHARS, MAX_HEADER_VALUE_BYTES, MAX_ID_LEN, MAX_PAGE_SIZE,
    MAX_POLL_REQUESTS, MAX_RESPONSE_HEADERS, MAX_TITLE,
};
use pinterest_connector::{
    AccessToken, AuthorizationCode, BodyPart, Boundary, ClientSecret, Clock, Config, Connector,
    DEFAULT_SCOPES, DuplicateCandidate, Environment, Error, HttpClient, ImageData, ImageDataItem,
    ImageFormat, ImageUrlItem, ListQuery, Media, MediaSource, MediaStatus, Method, NewPins, Page,
    PageQuery, Pin, PinInput, PinSource, PrivacyFilter, QueryParam, RateLimit, RefreshToken,
    Request, Response, SectionRef, TokenSet, TransportError, VideoCover, VideoUpload, endpoints,
};
use serde_json::Value;
use url::Url;

/// What a target runs on one input.
pub type Target = fn(&[u8]);

/// Every target: its name (its folder under `fuzz/seeds/` and
/// `fuzz/regressions/`, and its file under `fuzz/fuzz_targets/`) and what it
/// runs.
pub const TARGETS: [(&str, Target); 22] = [
    ("token_response", token_response),
    ("user_account", user_account),
    ("board_page", board_page),
    ("board", board),
    ("pin", pin),
    ("section", section),
    ("section_page", section_page),
    ("pin_page", pin_page),
    ("duplicate_page", duplicate_page),
    ("poll_page", poll_page),
    ("poll_cursor", poll_cursor),
    ("error_body", error_body),
    ("pin_input", pin_input),
    ("authorize", authorize),
    ("config_urls", config_urls),
    ("times", times),
    ("media", media),
    ("media_page", media_page),
    ("register_answer", register_answer),
    ("upload_answer", upload_answer),
    ("api_response", api_response),
    ("api_path", api_path),
];

/// The app's id in every run.
pub const CLIENT_ID: &str = "1484362";
/// The app's secret: must never appear in any error.
pub const CLIENT_SECRET: &str = "fuzz-client-secret-3b9d7e21";
/// The access token sent: must never appear in any error.
pub const ACCESS_TOKEN: &str = "fuzz-access-token-a61c0f5e";
/// The refresh token sent: must never appear in any error.
pub const REFRESH_TOKEN: &str = "fuzz-refresh-token-94d2b7c3";
/// The authorization code sent: must never appear in any error.
pub const CODE: &str = "fuzz-authorization-code-5e8a";
/// Unix time of every run (2026-01-01T00:00:00Z).
pub const NOW: u64 = 1_767_225_600;

/// Longest summary or remedy an error may carry, in characters.
pub const MAX_TEXT_CHARS: usize = 1024;
/// Longest excerpt, in characters (200 and an ellipsis).
pub const MAX_EXCERPT_CHARS: usize = 201;
/// Longest quoted Pinterest message, in characters (500 and an ellipsis).
pub const MAX_MESSAGE_CHARS: usize = 501;

/// Heap any run may use beyond [`HEAP_PER_INPUT_BYTE`] per input byte.
pub const HEAP_BASE_BYTES: usize = 1024 * 1024;
/// Heap any run may use per input byte (JSON text becomes at most this much
/// parsed data).
pub const HEAP_PER_INPUT_BYTE: usize = 8;

/// A global allocator that counts the bytes in use and their peak, so a run
/// can assert that its memory stays in proportion to its input. Install it
/// with `#[global_allocator]`.
pub struct CountingAllocator;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters only observe the sizes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        new
    }
}

fn grew(bytes: usize) {
    let now = IN_USE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

/// Runs `target` on `data` and, when [`CountingAllocator`] is the global
/// allocator, asserts the heap grew by at most [`HEAP_BASE_BYTES`] plus
/// [`HEAP_PER_INPUT_BYTE`] per input byte. Returns the peak growth.
pub fn run(target: Target, data: &[u8]) -> usize {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    target(data);
    let grown = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let allowed = HEAP_BASE_BYTES + HEAP_PER_INPUT_BYTE * data.len();
    assert!(
        grown <= allowed,
        "a {}-byte input made the heap grow by {grown} bytes (allowed {allowed})",
        data.len()
    );
    grown
}

fn config() -> Config {
    Config {
        client_id: CLIENT_ID.into(),
        client_secret: ClientSecret::new(CLIENT_SECRET),
        environment: Environment::Production,
        api_base_url: None,
        authorize_url: None,
        ad_account_id: None,
    }
}

/// A client that answers every request with `status` and `body` (and the
/// given headers), checking on the way that each request is well-formed.
fn answering<'a>(
    status: u16,
    headers: &'a [(String, String)],
    body: &'a [u8],
) -> impl FnMut(Request) -> Result<Response, TransportError> + 'a {
    move |request| {
        check_request(&request);
        Ok(Response {
            status,
            headers: headers.to_vec(),
            body: body.to_vec(),
        })
    }
}

fn access_token() -> AccessToken {
    AccessToken::new(ACCESS_TOKEN)
}

fn connector<C>(config: &Config, client: C) -> Connector<'_, C> {
    Connector {
        config,
        client,
        now: NOW,
    }
}

/// Every request: a parseable URL, and header values that cannot break a
/// header line.
fn check_request(request: &Request) {
    let url = Url::parse(&request.url).expect("the request URL parses");
    assert_eq!(url.as_str(), request.url, "the request URL is normalized");
    assert!(url.fragment().is_none(), "{}", request.url);
    for (name, value) in &request.headers {
        assert!(
            value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()),
            "header {name} holds a control or non-ASCII byte"
        );
    }
}

/// What must hold for every error: short texts, and none of the app's
/// secrets nor `held` (the secrets the operation was given) anywhere, in
/// any of the encodings they travel in, in any case.
pub fn check_error(error: &Error, held: &[&str]) {
    // In any case: a server may change the case of what it echoes.
    let shown = format!("{error:?} {error}").to_ascii_lowercase();
    let secrets: Vec<String> = secrets(held)
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect();
    for secret in &secrets {
        assert!(!shown.contains(secret.as_str()), "a secret leaked: {shown}");
    }
    // Nor the start (8 bytes or more) of one where a text was cut short.
    for (at, _) in shown.match_indices('…') {
        let before = &shown[..at];
        for secret in &secrets {
            let cut_start = (8..secret.len())
                .filter(|i| secret.is_char_boundary(*i))
                .any(|i| before.ends_with(&secret[..i]));
            assert!(!cut_start, "a secret's start leaked: {shown}");
        }
    }
    match error {
        Error::RateLimited(r) => check_wait(r),
        Error::InvalidInput { field, reason } => {
            assert!(field.chars().count() <= 100, "{field}");
            assert!(reason.chars().count() <= MAX_TEXT_CHARS, "{reason}");
        }
        Error::UnexpectedResponse { excerpt, .. } => {
            assert!(excerpt.chars().count() <= MAX_EXCERPT_CHARS, "{excerpt}");
        }
        _ => {}
    }
    if let Some(failure) = error.failure() {
        assert!(!failure.summary.is_empty());
        assert!(!failure.remedy.is_empty());
        assert!(
            failure.summary.chars().count() <= MAX_TEXT_CHARS,
            "summary of {} characters: {}",
            failure.summary.chars().count(),
            failure.summary
        );
        assert!(failure.remedy.chars().count() <= MAX_TEXT_CHARS);
        if let Some(message) = &failure.message {
            assert!(message.chars().count() <= MAX_MESSAGE_CHARS, "{message}");
        }
    }
}

/// A rate limit's remedy states the wait its fields hold (`retry-after`
/// first), whatever the headers said.
fn check_wait(r: &RateLimit) {
    let remedy = &r.failure.remedy;
    match r.retry_after_seconds.or(r.reset_seconds) {
        None => assert!(remedy.starts_with("Wait a minute"), "{remedy}"),
        Some(0) => assert!(remedy.starts_with("Retry now"), "{remedy}"),
        Some(1) => assert!(remedy.starts_with("Wait 1 second ("), "{remedy}"),
        Some(wait) if wait <= 86_400 => {
            assert!(
                remedy.starts_with(&format!("Wait {wait} seconds (until ")),
                "{remedy}"
            );
        }
        Some(wait) => assert!(
            remedy.contains(&format!("a wait of {wait} seconds")),
            "{remedy}"
        ),
    }
}

/// The app's secrets and `held`, as sent and in the encodings they travel
/// in: form-encoded, and as a JSON string may escape them.
fn secrets(held: &[&str]) -> Vec<String> {
    use base64::Engine as _;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let unpadded = basic.trim_end_matches('=').to_owned();
    let mut all = vec![CLIENT_SECRET.to_owned(), basic, unpadded];
    all.extend(held.iter().map(|s| (*s).to_owned()));
    let encoded: Vec<String> = all
        .iter()
        .flat_map(|s| {
            [
                url::form_urlencoded::byte_serialize(s.as_bytes()).collect(),
                json_escaped(s, false),
                json_escaped(s, true),
            ]
        })
        .filter(|e| !all.contains(e))
        .collect();
    all.extend(encoded);
    all
}

/// `text` as a JSON encoder may write it inside a string: every `/` as
/// `\/`, and with `all`, every character but ASCII letters and digits as
/// `\uXXXX`.
fn json_escaped(text: &str, all: bool) -> String {
    text.chars()
        .map(|c| match c {
            '/' if !all => "\\/".to_owned(),
            c if all && !c.is_ascii_alphanumeric() => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// `error` redacted the way the operations redact theirs: of the app's
/// secrets and `held`, in every encoding.
fn redacted(error: Error, held: &[&str]) -> Error {
    let all = secrets(held);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    error.redacted(&refs)
}

/// A token that can go into a header as it is.
fn assert_sendable(token: &str) {
    assert!(!token.is_empty() && token.len() <= 4096, "token length");
    assert!(token.bytes().all(|b| b.is_ascii_graphic()), "token bytes");
}

fn check_tokens(tokens: &TokenSet, kept: Option<&str>, sane: Option<&SaneAnswer>) {
    if let Some(rotated) = sane.and_then(|s| s.refresh_token.as_deref()) {
        assert_eq!(
            tokens.refresh_token.as_ref().map(|t| t.secret()),
            Some(rotated),
            "the rotated refresh token was not returned"
        );
    }
    assert_sendable(tokens.access_token.secret());
    if let Some(refresh) = &tokens.refresh_token {
        assert_sendable(refresh.secret());
    }
    if let Some(kept) = kept {
        assert!(tokens.refresh_token.is_some(), "the refresh token was lost");
        if tokens.refresh_token.as_ref().map(|t| t.secret()) == Some(kept) {
            assert_eq!(tokens.refresh_token_expires_at, None);
        }
    }
    assert!(tokens.scopes.len() <= 64, "{} scopes", tokens.scopes.len());
    let shown = format!("{tokens:?}");
    assert!(!shown.contains(tokens.access_token.secret()) || shown.contains("redacted"));
}

/// The body as the token endpoint's answer to a code exchange and to a
/// refresh.
pub fn token_response(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    let sane = sane_token_answer(data);
    let refused = misshapen(data, "access_token", false) || misshapen(data, "refresh_token", false);
    match c.exchange(&AuthorizationCode::new(CODE), "https://app.example/cb") {
        Ok(tokens) => {
            assert!(!refused, "a misshapen token was read as absent");
            check_tokens(&tokens, None, sane.as_ref());
        }
        Err(e) => {
            assert!(sane.is_none(), "a usable answer was refused: {e:?}");
            check_error(&e, &[CODE]);
            check_error_hides_answer_tokens(&e, data);
        }
    }
    match c.refresh(&RefreshToken::new(REFRESH_TOKEN), None) {
        Ok(tokens) => {
            assert!(!refused, "a misshapen token was read as absent");
            check_tokens(&tokens, Some(REFRESH_TOKEN), sane.as_ref());
        }
        Err(e) => {
            assert!(sane.is_none(), "a usable answer was refused: {e:?}");
            check_error(&e, &[REFRESH_TOKEN]);
            check_error_hides_answer_tokens(&e, data);
        }
    }
}

/// The tokens of a token answer that must be accepted: a JSON object whose
/// `access_token` (and `refresh_token`, if any) are sendable strings (not
/// null: a credential is never read from null) and
/// whose `expires_in` is a whole number of seconds, each field once. Other
/// fields may be anything. Returns the refresh token, if any.
struct SaneAnswer {
    refresh_token: Option<String>,
}

fn sane_token_answer(data: &[u8]) -> Option<SaneAnswer> {
    let text = std::str::from_utf8(data).ok()?;
    let fields = [
        "access_token",
        "token_type",
        "expires_in",
        "scope",
        "refresh_token",
        "refresh_token_expires_in",
        "refresh_token_expires_at",
    ];
    // Escapes could spell a field name twice unseen; duplicates are refused.
    if text.contains('\\')
        || fields
            .iter()
            .any(|f| text.matches(&format!("\"{f}\"")).count() > 1)
    {
        return None;
    }
    let json: Value = serde_json::from_str(text).ok()?;
    let sendable =
        |t: &str| !t.is_empty() && t.len() <= 4096 && t.bytes().all(|b| b.is_ascii_graphic());
    let access = json.get("access_token")?.as_str()?;
    json.get("expires_in")?.as_u64()?;
    let refresh_token = match json.get("refresh_token") {
        None => None,
        Some(Value::String(t)) if t.is_empty() => None,
        Some(Value::String(t)) if sendable(t) => Some(t.clone()),
        Some(_) => return None,
    };
    sendable(access).then_some(SaneAnswer { refresh_token })
}

/// Whether `data` is a JSON object whose top-level `field` is there with a
/// value of the wrong type: not a string (nor null, where `null_ok`). A
/// field that controls paging or credentials must then make the answer
/// unusable, never read as absent. Inputs where an escape or a second
/// `"field"` could hide what the connector reads are left out.
fn misshapen(data: &[u8], field: &str, null_ok: bool) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    if text.contains('\\') || text.matches(&format!("\"{field}\"")).count() != 1 {
        return false;
    }
    let Ok(Value::Object(json)) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    match json.get(field) {
        None | Some(Value::String(_)) => false,
        Some(Value::Null) => !null_ok,
        Some(_) => true,
    }
}

/// An error about a token answer never shows the tokens in it.
fn check_error_hides_answer_tokens(error: &Error, data: &[u8]) {
    let Ok(Value::Object(json)) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let shown = format!("{error:?} {error}");
    for key in ["access_token", "refresh_token"] {
        let Some(Value::String(token)) = json.get(key) else {
            continue;
        };
        let distinctive = token.len() >= 16
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            && text.matches(token.as_str()).count() == 1;
        if distinctive {
            assert!(
                !shown.contains(token.as_str()),
                "the answer's {key} leaked: {shown}"
            );
        }
    }
}

/// The body as `GET /v5/user_account`'s answer.
pub fn user_account(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    match c.user_account(&access_token()) {
        Ok(account) => assert!(account.id.is_some() || account.username.is_some()),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// The body as every page of `GET /v5/boards`, for one page and for all.
pub fn board_page(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    let query = ListQuery {
        bookmark: None,
        page_size: Some(MAX_PAGE_SIZE),
        privacy: Some(PrivacyFilter::All),
    };
    // A bookmark of the wrong type never ends a listing as if it were the
    // last page.
    let refused = misshapen(data, "bookmark", true);
    match c.list_boards(&access_token(), &query) {
        Ok(page) => {
            assert!(!refused, "a misshapen bookmark was read as the last page");
            check_page(&page, MAX_PAGE_SIZE as usize, |b| &b.id);
            page.items
                .iter()
                .for_each(|b| check_time(b.created_at.as_deref()));
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
    match c.list_all_boards(&access_token(), None, Some(600)) {
        Ok(page) => {
            assert!(!refused, "a misshapen bookmark was read as the last page");
            check_page(&page, 600, |b| &b.id);
            page.items
                .iter()
                .for_each(|b| check_time(b.created_at.as_deref()));
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// A page of at most `most` items, each with an id (`id`), and a bookmark
/// that can be sent back.
fn check_page<T>(page: &Page<T>, most: usize, id: impl Fn(&T) -> &str) {
    assert!(page.items.len() <= most, "{} items", page.items.len());
    if let Some(bookmark) = &page.bookmark {
        assert!(!bookmark.is_empty() && bookmark.len() <= MAX_BOOKMARK_BYTES);
    }
    for item in &page.items {
        assert!(!id(item).is_empty());
    }
}

/// A time the connector returns is RFC 3339 in UTC: it ends in `Z`, and
/// converting it again gives it back unchanged.
fn check_time(time: Option<&str>) {
    if let Some(time) = time {
        assert!(time.ends_with('Z'), "{time}");
        assert_eq!(datetime::to_utc(time).as_deref(), Some(time));
    }
}

/// The body as `GET /v5/boards/{id}`'s answer.
pub fn board(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    match c.get_board(&access_token(), "549755885175") {
        Ok(board) => {
            assert!(
                !misshapen(data, "privacy", false),
                "a misshapen privacy was defaulted"
            );
            assert!(!board.id.is_empty());
            check_time(board.created_at.as_deref());
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// The body as `POST /v5/pins`'s answer.
pub fn pin(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(201, &[], data));
    let input = PinInput {
        board_id: "549755885175".into(),
        board_section_id: None,
        media: MediaSource::ImageUrl("https://i.example/a.jpg".into()),
        title: None,
        description: None,
        link: None,
        alt_text: None,
        dominant_color: None,
        parent_pin_id: None,
    };
    match c.create_pin(&access_token(), &input) {
        Ok(pin) => {
            assert!(!pin.id.is_empty());
            let url = Url::parse(&pin.url).expect("the pin URL parses");
            assert_eq!(url.host_str(), Some("www.pinterest.com"));
            assert!(url.query().is_none() && url.fragment().is_none());
            check_time(pin.created_at.as_deref());
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// A pin as every pin operation must return it: an id, and a page URL on
/// Pinterest's pin pages.
fn check_pin(pin: &Pin) {
    assert!(!pin.id.is_empty());
    let url = Url::parse(&pin.url).expect("the pin URL parses");
    assert_eq!(url.host_str(), Some("www.pinterest.com"));
    assert!(url.query().is_none() && url.fragment().is_none());
    check_time(pin.created_at.as_deref());
}

/// A board section of the tests.
fn section_ref() -> SectionRef {
    SectionRef {
        board_id: "549755885175".into(),
        section_id: "4983232016467541134".into(),
    }
}

/// The body as the answer to creating a section (`201`) and to renaming
/// one (`200`).
pub fn section(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(201, &[], data));
    match c.create_section(&access_token(), "549755885175", "Salads") {
        Ok(section) => assert!(!section.id.is_empty()),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
    let mut c = connector(&config, answering(200, &[], data));
    match c.update_section(&access_token(), &section_ref(), "Soups") {
        Ok(section) => assert!(!section.id.is_empty()),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// The body as every page of `GET /v5/boards/{board_id}/sections`, for
/// one page and for all.
pub fn section_page(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    let query = PageQuery {
        bookmark: None,
        page_size: Some(MAX_PAGE_SIZE),
    };
    match c.list_sections(&access_token(), "549755885175", &query) {
        Ok(page) => check_page(&page, MAX_PAGE_SIZE as usize, |s| &s.id),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
    match c.list_all_sections(&access_token(), "549755885175", Some(600)) {
        Ok(page) => check_page(&page, 600, |s| &s.id),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// The body as every page of the pins of a board, a section and the
/// account, for one page and for all.
pub fn pin_page(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    let query = PageQuery {
        bookmark: None,
        page_size: Some(MAX_PAGE_SIZE),
    };
    let sources = [
        PinSource::Board("549755885175".into()),
        PinSource::Section(section_ref()),
        PinSource::Account,
    ];
    for source in &sources {
        match c.list_pins(&access_token(), source, &query) {
            Ok(page) => {
                check_page(&page, MAX_PAGE_SIZE as usize, |p| &p.id);
                page.items.iter().for_each(check_pin);
            }
            Err(e) => check_error(&e, &[ACCESS_TOKEN]),
        }
    }
    match c.list_all_pins(&access_token(), &sources[0], Some(600)) {
        Ok(page) => {
            check_page(&page, 600, |p| &p.id);
            page.items.iter().for_each(check_pin);
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// The body as every page of a duplicate scan: compared by link, image
/// URL and title, each matched pin one of the pins scanned.
pub fn duplicate_page(data: &[u8]) {
    let config = config();
    let candidates = [
        DuplicateCandidate {
            link: Some("https://www.pinterest.com/".into()),
            ..DuplicateCandidate::default()
        },
        DuplicateCandidate {
            image_url: Some(
                "https://i.pinimg.com/150x150/0d/f6/f1/0df6f1f0bfe7aaca849c1bbc3607a34b.jpg".into(),
            ),
            title: Some("string".into()),
            ..DuplicateCandidate::default()
        },
    ];
    for candidate in &candidates {
        let mut c = connector(&config, answering(200, &[], data));
        let source = PinSource::Board("549755885175".into());
        match c.find_duplicate_pins(&access_token(), &source, candidate, Some(600)) {
            Ok(report) => {
                assert!(report.duplicates.len() <= report.scanned as usize);
                assert_eq!(report.complete, report.bookmark.is_none());
                for duplicate in &report.duplicates {
                    check_pin(&duplicate.pin);
                    assert!(!duplicate.matched.is_empty());
                }
            }
            Err(e) => check_error(&e, &[ACCESS_TOKEN]),
        }
    }
}

/// The body as every page of a first poll and of a poll with a cursor
/// (made from a first poll of a sane page); the body as a date-time too.
pub fn poll_page(data: &[u8]) {
    let config = config();
    let source = PinSource::Board("549755885175".into());
    let sane = serde_json::json!({"items": [
        {"id": "813744226420795884", "created_at": "2024-05-01T10:20:30"},
        {"id": "813744226420795883", "created_at": "2024-05-01T10:20:29"},
    ], "bookmark": null})
    .to_string()
    .into_bytes();
    let mut c = connector(&config, answering(200, &[], &sane));
    let cursor = c
        .poll_new_pins(&access_token(), &source, None, None)
        .expect("a sane first poll")
        .cursor;
    for (cursor, backlog) in [(None, Some(250)), (Some(cursor.as_str()), None)] {
        let mut sent = 0;
        let mut answer = answering(200, &[], data);
        let result = connector(&config, |request| {
            sent += 1;
            answer(request)
        })
        .poll_new_pins(&access_token(), &source, cursor, backlog);
        match result {
            Ok(found) => check_new_pins(&found),
            Err(e) => check_error(&e, &[ACCESS_TOKEN]),
        }
        assert!(sent <= MAX_POLL_REQUESTS, "{sent} requests");
    }
    // Years 0 to 9999, offsets of up to a day.
    if let Some(second) = poll::unix_seconds(&String::from_utf8_lossy(data)) {
        assert!((-62_167_305_600..=253_402_387_199).contains(&second));
    }
}

/// The input as a cursor, for a board listing two pins: refused as
/// `cursor` before any request, or polled within the budget.
pub fn poll_cursor(data: &[u8]) {
    let config = config();
    let source = PinSource::Board("549755885175".into());
    let page = serde_json::json!({"items": [
        {"id": "813744226420795884", "created_at": "2024-05-01T10:20:30"},
        {"id": "813744226420795883", "created_at": "2024-05-01T10:20:29"},
    ], "bookmark": null})
    .to_string()
    .into_bytes();
    let cursor = String::from_utf8_lossy(data);
    let mut sent = 0;
    let mut answer = answering(200, &[], &page);
    let result = connector(&config, |request| {
        sent += 1;
        answer(request)
    })
    .poll_new_pins(&access_token(), &source, Some(&cursor), None);
    match result {
        Ok(found) => check_new_pins(&found),
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "cursor", "{reason}");
            assert_eq!(sent, 0, "a request before the cursor was refused");
            assert!(reason.chars().count() <= MAX_TEXT_CHARS);
        }
        Err(e) => panic!("a sane page failed: {e:?}"),
    }
    assert!(sent <= MAX_POLL_REQUESTS, "{sent} requests");
}

fn check_new_pins(found: &NewPins) {
    assert!(found.cursor.len() <= MAX_CURSOR_CHARS);
    assert!(found.pins.len() <= MAX_POLL_REQUESTS * MAX_PAGE_SIZE as usize);
    found.pins.iter().for_each(check_pin);
    let mut ids: Vec<&str> = found.pins.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), found.pins.len(), "a pin returned twice");
}

/// Statuses an error body is tried with.
const ERROR_STATUSES: [u16; 14] = [
    0, 199, 301, 302, 307, 400, 401, 403, 404, 409, 429, 500, 502, 999,
];

/// The body as an error answer: every status above, for the token endpoint
/// and an API call. The first line of the body is also sent as the value of
/// the rate-limit, `retry-after` and `location` headers.
pub fn error_body(data: &[u8]) {
    let config = config();
    let first_line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let value = String::from_utf8_lossy(first_line).into_owned();
    let headers: Vec<(String, String)> = [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "retry-after",
        "location",
    ]
    .into_iter()
    .map(|name| (name.to_owned(), value.clone()))
    .collect();
    for status in ERROR_STATUSES {
        let mut c = connector(&config, answering(status, &headers, data));
        if let Err(e) = c.refresh(&RefreshToken::new(REFRESH_TOKEN), None) {
            check_error(&e, &[REFRESH_TOKEN]);
        }
        let result = c.get_board(&access_token(), "549755885175");
        match result {
            Ok(_) => assert!((200..300).contains(&status), "status {status} succeeded"),
            Err(e) => check_error(&e, &[ACCESS_TOKEN]),
        }
    }
    // The error mapping on its own, for every operation kind.
    let response = Response {
        status: 400,
        headers,
        body: data.to_vec(),
    };
    for op in [
        Operation::Exchange,
        Operation::UserAccount,
        Operation::ListBoards { secret: true },
        Operation::CreatePin {
            board_id: "1",
            section_id: Some("2"),
        },
    ] {
        for environment in [Environment::Production, Environment::Sandbox] {
            let Err(e) = success_body(op, environment, &response, NOW) else {
                panic!("a 400 succeeded");
            };
            check_error(&redacted(e, &[]), &[]);
        }
    }
}

/// The input as a pin to create, in Pinterest's `PinCreate` JSON (the spec's
/// examples are the seeds); anything else is the image URL of a pin.
pub fn pin_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let input = match serde_json::from_str::<Value>(&text) {
        Ok(json) => match pin_from_json(&json) {
            Some(input) => input,
            None => return,
        },
        Err(_) => PinInput {
            board_id: "549755885175".into(),
            board_section_id: None,
            media: MediaSource::ImageUrl(text.clone().into_owned()),
            title: Some(text.clone().into_owned()),
            description: None,
            link: Some(text.into_owned()),
            alt_text: None,
            dominant_color: None,
            parent_pin_id: None,
        },
    };
    match pins::create_request(&config(), &access_token(), &input) {
        Ok(request) => check_pin_request(&request, &input),
        Err(e) => {
            assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
            check_error(&redacted(e, &[ACCESS_TOKEN]), &[ACCESS_TOKEN]);
        }
    }
}

/// A sent `PinCreate` says exactly what the input said.
fn check_pin_request(request: &Request, input: &PinInput) {
    check_request(request);
    assert_eq!(request.url, "https://api.pinterest.com/v5/pins");
    let body: Value =
        serde_json::from_slice(request.bytes().unwrap_or_default()).expect("JSON body");
    assert_eq!(body["board_id"], input.board_id.as_str());
    let text = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_owned);
    let sent = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    assert_eq!(sent("title"), text(&input.title));
    assert_eq!(sent("description"), text(&input.description));
    assert_eq!(sent("link"), text(&input.link));
    assert_eq!(sent("alt_text"), text(&input.alt_text));
    if let Some(title) = sent("title") {
        assert!(title.chars().count() <= MAX_TITLE);
    }
    if let Some(link) = sent("link") {
        let url = Url::parse(&link);
        assert!(
            url.as_ref()
                .map_or(true, |u| matches!(u.scheme(), "http" | "https")),
            "{link}"
        );
    }
    let source = &body["media_source"];
    let expected = match &input.media {
        MediaSource::ImageUrl(url) => {
            assert_eq!(source["url"], url.as_str());
            "image_url"
        }
        MediaSource::ImageData(image) => {
            assert_eq!(source["data"], image.data.as_str());
            "image_base64"
        }
        MediaSource::ImageUrls { items, .. } => {
            assert_eq!(source["items"].as_array().map(Vec::len), Some(items.len()));
            "multiple_image_urls"
        }
        MediaSource::ImagesData { items, .. } => {
            assert_eq!(source["items"].as_array().map(Vec::len), Some(items.len()));
            "multiple_image_base64"
        }
        MediaSource::Video { media_id, .. } => {
            assert_eq!(source["media_id"], media_id.as_str());
            "video_id"
        }
    };
    assert_eq!(source["source_type"], expected);
}

fn pin_from_json(json: &Value) -> Option<PinInput> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let index = |v: &Value| {
        v.get("index")
            .and_then(Value::as_u64)
            .and_then(|i| u32::try_from(i).ok())
    };
    let image = |v: &Value, type_key: &str, data_key: &str| ImageData {
        format: match v.get(type_key).and_then(Value::as_str) {
            Some("image/png") => ImageFormat::Png,
            _ => ImageFormat::Jpeg,
        },
        data: text(v, data_key).unwrap_or_default(),
    };
    let source = json.get("media_source")?;
    let items = || {
        source
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let media = match source.get("source_type")?.as_str()? {
        "image_url" => MediaSource::ImageUrl(text(source, "url").unwrap_or_default()),
        "image_base64" => MediaSource::ImageData(image(source, "content_type", "data")),
        "multiple_image_urls" => MediaSource::ImageUrls {
            items: items()
                .iter()
                .map(|item| ImageUrlItem {
                    url: text(item, "url").unwrap_or_default(),
                    title: text(item, "title"),
                    description: text(item, "description"),
                    link: text(item, "link"),
                })
                .collect(),
            index: index(source),
        },
        "multiple_image_base64" => MediaSource::ImagesData {
            items: items()
                .iter()
                .map(|item| ImageDataItem {
                    image: image(item, "content_type", "data"),
                    title: text(item, "title"),
                    description: text(item, "description"),
                    link: text(item, "link"),
                })
                .collect(),
            index: index(source),
        },
        "video_id" => MediaSource::Video {
            media_id: text(source, "media_id").unwrap_or_default(),
            cover: if let Some(url) = text(source, "cover_image_url") {
                VideoCover::Url(url)
            } else if source.get("cover_image_data").is_some() {
                VideoCover::Image(image(
                    source,
                    "cover_image_content_type",
                    "cover_image_data",
                ))
            } else {
                VideoCover::KeyFrameSeconds(
                    source
                        .get("cover_image_key_frame_time")
                        .and_then(Value::as_u64)
                        .and_then(|s| u32::try_from(s).ok())
                        .unwrap_or_default(),
                )
            },
        },
        _ => return None,
    };
    Some(PinInput {
        board_id: text(json, "board_id").unwrap_or_default(),
        board_section_id: text(json, "board_section_id"),
        media,
        title: text(json, "title"),
        description: text(json, "description"),
        link: text(json, "link"),
        alt_text: text(json, "alt_text"),
        dominant_color: text(json, "dominant_color"),
        parent_pin_id: text(json, "parent_pin_id"),
    })
}

/// NUL-separated parts of an input, as text.
fn parts(data: &[u8]) -> Vec<String> {
    data.split(|b| *b == 0)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect()
}

/// The input as `redirect-uri NUL state NUL scope NUL scope …` for
/// `authorize`, the code exchange and the refresh: every value the caller
/// gave comes back out of the built URL or form exactly, and nothing else.
pub fn authorize(data: &[u8]) {
    let parts = parts(data);
    let redirect = parts.first().cloned().unwrap_or_default();
    let state = parts.get(1).cloned().unwrap_or_default();
    let scopes: Vec<String> = parts.iter().skip(2).cloned().collect();
    let config = config();
    match oauth::authorization_url(&config, &redirect, &scopes, &state) {
        Ok(url) => {
            let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            let expected_scopes = if scopes.is_empty() {
                DEFAULT_SCOPES.join(",")
            } else {
                let mut unique: Vec<&str> = Vec::new();
                for scope in &scopes {
                    if !unique.contains(&scope.trim()) {
                        unique.push(scope.trim());
                    }
                }
                unique.join(",")
            };
            let expected = [
                ("client_id", CLIENT_ID),
                ("redirect_uri", redirect.as_str()),
                ("response_type", "code"),
                ("scope", expected_scopes.as_str()),
                ("state", state.as_str()),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()));
            assert_eq!(pairs, expected);
            assert!(url.fragment().is_none());
            assert_eq!(url.host_str(), Some("www.pinterest.com"));
        }
        Err(e) => {
            assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
            check_error(&redacted(e, &[]), &[]);
        }
    }
    match oauth::exchange_request(&config, &AuthorizationCode::new(state.as_str()), &redirect) {
        Ok(request) => {
            check_request(&request);
            assert_eq!(
                form(&request),
                [
                    ("grant_type", "authorization_code"),
                    ("code", state.as_str()),
                    ("redirect_uri", redirect.as_str()),
                    ("continuous_refresh", "true"),
                ]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
            );
        }
        Err(e) => assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}"),
    }
    let narrowed = (!scopes.is_empty()).then_some(scopes.as_slice());
    match oauth::refresh_request(&config, &RefreshToken::new(state.as_str()), narrowed) {
        Ok(request) => {
            check_request(&request);
            let form = form(&request);
            assert_eq!(form.get(1).map(|(_, v)| v.as_str()), Some(state.as_str()));
            assert!(form.len() <= 3);
        }
        Err(e) => assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}"),
    }
}

fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(request.bytes().unwrap_or_default())
        .into_owned()
        .collect()
}

/// The input as `api-base-url NUL authorize-url NUL value`: the overrides,
/// a path segment and a bookmark. Accepted overrides are https (or http on a
/// loopback host) without credentials, query or fragment, and the value
/// lands in exactly one path segment or query value.
pub fn config_urls(data: &[u8]) {
    let parts = parts(data);
    let value = parts.get(2).cloned().unwrap_or_default();
    let config = Config {
        api_base_url: parts.first().cloned(),
        authorize_url: parts.get(1).cloned(),
        ..config()
    };
    // `url` leaves out `.` and `..` segments and drops tabs and line
    // breaks; ids (decimal digits) never hold any of them.
    let dots = matches!(value.as_str(), "." | "..") || value.contains(['\t', '\n', '\r']);
    match config.url(&endpoints::BOARDS_GET, &[&value]) {
        Ok(url) if dots => check_override(&url),
        Ok(url) => {
            check_override(&url);
            let segments: Vec<String> = url
                .path_segments()
                .expect("a path")
                .map(percent_decode)
                .collect();
            let n = segments.len();
            assert!(n >= 3, "{url}");
            assert_eq!(
                segments.get(n - 3..).map(<[String]>::to_vec),
                Some(vec!["v5".to_owned(), "boards".to_owned(), value.clone()]),
                "{url}"
            );
        }
        Err(e) => assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}"),
    }
    match config.authorize_page() {
        Ok(url) => check_override(&url),
        Err(e) => assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}"),
    }
    let query = ListQuery {
        bookmark: Some(value.clone()),
        page_size: None,
        privacy: None,
    };
    match boards::list_request(&config, &access_token(), &query) {
        Ok(request) => {
            check_request(&request);
            let url = Url::parse(&request.url).expect("URL");
            let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            if value.is_empty() {
                assert!(pairs.is_empty(), "{pairs:?}");
            } else {
                assert_eq!(pairs, vec![("bookmark".to_owned(), value.clone())]);
            }
        }
        Err(e) => {
            assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
            check_error(&redacted(e, &[ACCESS_TOKEN]), &[ACCESS_TOKEN]);
        }
    }
    let sent = request::api(
        &config,
        &endpoints::BOARDS_LIST,
        &[],
        &[],
        &AccessToken::new(value.as_str()),
        None,
    );
    if let Ok(request) = sent {
        check_request(&request);
    }
}

fn check_override(url: &Url) {
    let loopback = matches!(
        url.host_str(),
        Some("localhost" | "[::1]") | Some("127.0.0.1")
    ) || url.host_str().is_some_and(|h| {
        h.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
    });
    assert!(
        url.scheme() == "https" || (url.scheme() == "http" && loopback),
        "{url}"
    );
    assert!(
        url.username().is_empty() && url.password().is_none(),
        "{url}"
    );
    assert!(url.query().is_none() && url.fragment().is_none(), "{url}");
}

/// A path segment percent-decoded (`&`, `=` and `+` are literal in paths,
/// so they are escaped before the form decoder sees them).
fn percent_decode(segment: &str) -> String {
    let escaped = segment
        .replace('+', "%2B")
        .replace('&', "%26")
        .replace('=', "%3D");
    url::form_urlencoded::parse(format!("x={escaped}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// A media id as Pinterest returns them.
const MEDIA_ID: &str = "5212123920968240771";

/// A media upload as the operations must return it: a decimal id.
fn check_media(media: &Media) {
    assert!(
        !media.media_id.is_empty()
            && media.media_id.len() <= MAX_ID_LEN
            && media.media_id.bytes().all(|b| b.is_ascii_digit()),
        "media id {:?}",
        media.media_id
    );
}

/// A clock that moves only when slept on: a wait runs its whole schedule
/// at once.
#[derive(Default)]
struct InstantClock(Duration);

impl Clock for InstantClock {
    fn now(&mut self) -> Duration {
        self.0
    }

    fn sleep(&mut self, duration: Duration) {
        self.0 += duration;
    }
}

/// The body as `GET /v5/media/{media_id}`'s answer, for `get-media` and
/// for every check of a `wait-for-media` of 30 seconds.
pub fn media(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    match c.get_media(&access_token(), MEDIA_ID) {
        Ok(media) => check_media(&media),
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
    let mut clock = InstantClock::default();
    match c.wait_for_media(&access_token(), MEDIA_ID, Some(30), &mut clock) {
        Ok(media) => {
            check_media(&media);
            assert_eq!(media.status, Some(MediaStatus::Succeeded));
        }
        Err(e) => {
            if let Error::MediaProcessing { failure, status } = &e {
                assert!(failure.summary.contains(MEDIA_ID), "{}", failure.summary);
                assert_ne!(*status, MediaStatus::Succeeded);
            }
            check_error(&e, &[ACCESS_TOKEN]);
        }
    }
    assert!(clock.0 <= Duration::from_secs(30), "waited {:?}", clock.0);
}

/// The body as `GET /v5/media`'s answer.
pub fn media_page(data: &[u8]) {
    let config = config();
    let mut c = connector(&config, answering(200, &[], data));
    let query = PageQuery {
        bookmark: Some("b".into()),
        page_size: Some(MAX_PAGE_SIZE),
    };
    match c.list_media(&access_token(), &query) {
        Ok(page) => {
            assert!(page.items.len() <= MAX_PAGE_SIZE as usize);
            if let Some(bookmark) = &page.bookmark {
                assert!(!bookmark.is_empty() && bookmark.len() <= MAX_BOOKMARK_BYTES);
            }
            page.items.iter().for_each(check_media);
        }
        Err(e) => check_error(&e, &[ACCESS_TOKEN]),
    }
}

/// A client holding one video of 1000 bytes that answers requests from a
/// list and keeps them.
struct VideoHost {
    answers: Vec<Response>,
    sent: Vec<Request>,
}

impl HttpClient for &mut VideoHost {
    fn send(&mut self, request: Request) -> Result<Response, TransportError> {
        check_request(&request);
        self.sent.push(request);
        if self.answers.is_empty() {
            return Err(TransportError::Connection("no answer left".into()));
        }
        Ok(self.answers.remove(0))
    }

    fn content_length(&mut self, name: &str) -> Result<u64, TransportError> {
        assert_eq!(name, "video");
        Ok(1000)
    }
}

/// Runs `upload-video` of the video against `answers` (the register answer,
/// then the upload host's): the requests sent and the outcome.
fn upload_video(answers: Vec<Response>) -> (Result<Media, Error>, Vec<Request>) {
    let config = config();
    let mut host = VideoHost {
        answers,
        sent: Vec::new(),
    };
    let video = VideoUpload {
        content: "video".into(),
        file_name: None,
    };
    let result = connector(&config, &mut host).upload_video(
        &access_token(),
        &video,
        &Boundary::new([7; 24]),
    );
    (result, host.sent)
}

/// The values of the register answer's upload parameters that name a
/// token or signature, distinctive enough to look for.
fn upload_credentials(data: &[u8]) -> Vec<String> {
    let Ok(Value::Object(answer)) = serde_json::from_slice::<Value>(data) else {
        return Vec::new();
    };
    let Some(Value::Object(parameters)) = answer.get("upload_parameters") else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(data);
    parameters
        .iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            name.ends_with("token") || name.ends_with("signature")
        })
        .filter_map(|(_, value)| value.as_str())
        .filter(|value| {
            value.len() >= 16
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                && text.matches(*value).count() == 1
        })
        .map(str::to_owned)
        .collect()
}

/// The body as the answer to registering a video (`POST /v5/media`), the
/// upload host then answering 204: an accepted answer leads to one upload,
/// to an https (or loopback http) URL, without the access token, with the
/// video as host content between the form's fields and its end.
pub fn register_answer(data: &[u8]) {
    let registered = Response {
        status: 201,
        headers: Vec::new(),
        body: data.to_vec(),
    };
    let uploaded = Response {
        status: 204,
        ..Response::default()
    };
    let (result, sent) = upload_video(vec![registered, uploaded]);
    match result {
        Ok(media) => {
            check_media(&media);
            let [_, upload] = &sent[..] else {
                panic!("{} requests", sent.len())
            };
            let url = Url::parse(&upload.url).expect("the upload URL parses");
            let loopback = matches!(url.host_str(), Some("localhost" | "[::1]"))
                || url
                    .host_str()
                    .and_then(|h| h.parse::<std::net::Ipv4Addr>().ok())
                    .is_some_and(|ip| ip.is_loopback());
            assert!(url.scheme() == "https" || (url.scheme() == "http" && loopback));
            assert!(url.username().is_empty() && url.password().is_none());
            assert!(url.fragment().is_none());
            assert_eq!(upload.method, Method::Post);
            assert_eq!(upload.header("authorization"), None);
            let [
                BodyPart::Bytes(head),
                BodyPart::HostContent(name),
                BodyPart::Bytes(_),
            ] = &upload.body[..]
            else {
                panic!("the upload's body: {:?}", upload.body)
            };
            assert_eq!(name, "video");
            assert!(head.ends_with(b"\r\n\r\n"));
            assert!(!upload.headers.iter().any(|(_, v)| v.contains(ACCESS_TOKEN)));
        }
        Err(e) => {
            assert!(sent.len() <= 2);
            check_error(&e, &[ACCESS_TOKEN]);
            let shown = format!("{e:?} {e}");
            for credential in upload_credentials(data) {
                assert!(
                    !shown.contains(&credential),
                    "an upload credential leaked: {shown}"
                );
            }
        }
    }
}

/// Statuses an upload host's answer is tried with.
const UPLOAD_STATUSES: [u16; 10] = [200, 204, 302, 400, 403, 404, 411, 429, 503, 999];

/// The body as the upload host's answer to the upload, for every status
/// above: only a 2xx succeeds, and no error shows the upload's credentials
/// (which the body may echo).
pub fn upload_answer(data: &[u8]) {
    const SIGNATURE: &str = "fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92";
    let register = serde_json::json!({
        "media_id": MEDIA_ID,
        "media_type": "video",
        "upload_url": "https://pinterest-media-upload.s3-accelerate.amazonaws.com/",
        "upload_parameters": {"key": "uploads/1", "x-amz-signature": SIGNATURE},
    });
    for status in UPLOAD_STATUSES {
        let echoed = [data, SIGNATURE.as_bytes(), data].concat();
        let answers = vec![
            Response {
                status: 201,
                headers: Vec::new(),
                body: register.to_string().into_bytes(),
            },
            Response {
                status,
                headers: Vec::new(),
                body: echoed,
            },
        ];
        let (result, sent) = upload_video(answers);
        assert_eq!(sent.len(), 2);
        match result {
            Ok(media) => {
                assert!((200..300).contains(&status), "status {status} succeeded");
                check_media(&media);
            }
            Err(e) => {
                check_error(&e, &[ACCESS_TOKEN]);
                let shown = format!("{e:?} {e}");
                assert!(!shown.contains(SIGNATURE), "the signature leaked: {shown}");
            }
        }
    }
}

/// Statuses an `api-request` answer is tried with.
const API_STATUSES: [u16; 8] = [200, 201, 204, 302, 400, 404, 429, 500];

/// The body as the answer to an `api-request`, its first line also the
/// value of the rate-limit headers and of one more: a 2xx answer comes back
/// with the headers that matter only (names lower-case, values within
/// their limit), its body the input's text with the secrets replaced.
pub fn api_response(data: &[u8]) {
    let config = config();
    let first_line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let value = String::from_utf8_lossy(first_line).into_owned();
    let headers: Vec<(String, String)> = [
        "Content-Type",
        "X-RateLimit-Limit",
        "x-ratelimit-remaining",
        "retry-after",
        "set-cookie",
        "x-other",
    ]
    .into_iter()
    .map(|name| (name.to_owned(), value.clone()))
    .collect();
    for status in API_STATUSES {
        let mut c = connector(&config, answering(status, &headers, data));
        let query = [QueryParam {
            name: "page_size".into(),
            value: "25".into(),
        }];
        match c.api_request(&access_token(), Method::Get, "/v5/pins", &query, None) {
            Ok(answer) => {
                assert!((200..300).contains(&status), "status {status} succeeded");
                assert_eq!(answer.status, status);
                assert!(answer.headers.len() <= MAX_RESPONSE_HEADERS);
                for (name, value) in &answer.headers {
                    assert!(
                        name == "content-type"
                            || name == "retry-after"
                            || name.starts_with("x-ratelimit-"),
                        "{name}"
                    );
                    assert!(value.len() <= MAX_HEADER_VALUE_BYTES);
                }
                let text = std::str::from_utf8(data).expect("a 2xx body was not UTF-8");
                assert_eq!(
                    answer.body,
                    text.replace(ACCESS_TOKEN, "[redacted]")
                        .replace(CLIENT_SECRET, "[redacted]")
                );
                assert!(!format!("{answer:?}").contains(ACCESS_TOKEN));
            }
            Err(e) => check_error(&e, &[ACCESS_TOKEN]),
        }
    }
}

/// The input as `path NUL name NUL value NUL json-body` for an
/// `api-request` on a configured origin with a path prefix: a path the
/// rules accept stays below that origin's `/v5/` once `url` has read it
/// (no `.` or `..` segment, no other host, not the token endpoint, nothing
/// encoded that a server would decode into a way out), and the query comes
/// back out exactly.
pub fn api_path(data: &[u8]) {
    let parts = parts(data);
    let path = parts.first().cloned().unwrap_or_default();
    let name = parts.get(1).cloned().unwrap_or_default();
    let value = parts.get(2).cloned().unwrap_or_default();
    let body = parts.get(3).cloned();
    let config = Config {
        api_base_url: Some("https://proxy.example:8443/pinterest".into()),
        ..config()
    };
    let checked = raw::check_path(&path);
    if let Err(e) = &checked {
        assert!(
            matches!(e, Error::InvalidInput { field, .. } if field == "path"),
            "{e:?}"
        );
        check_error(&redacted(e.clone(), &[]), &[]);
    }
    let query = [QueryParam {
        name: name.clone(),
        value: value.clone(),
    }];
    let method = if body.is_some() {
        Method::Post
    } else {
        Method::Get
    };
    match raw::request(&config, &access_token(), method, &path, &query, body) {
        Ok(request) => {
            assert!(checked.is_ok(), "a refused path was sent");
            check_request(&request);
            let url = Url::parse(&request.url).expect("URL");
            assert_eq!(
                url.origin().ascii_serialization(),
                "https://proxy.example:8443"
            );
            let segments: Vec<String> = url
                .path_segments()
                .expect("a path")
                .map(percent_decode)
                .collect();
            assert_eq!(
                segments.first().map(String::as_str),
                Some("pinterest"),
                "{url}"
            );
            assert_eq!(segments.get(1).map(String::as_str), Some("v5"), "{url}");
            assert!(segments.len() > 2, "{url}");
            assert!(
                !segments
                    .get(2)
                    .is_some_and(|s| s.eq_ignore_ascii_case("oauth")),
                "{url}"
            );
            for segment in &segments {
                assert!(
                    !segment.is_empty() && segment != "." && segment != "..",
                    "{url}"
                );
                assert!(!segment.contains(['/', '\\']), "{url}");
                assert!(!segment.chars().any(char::is_control), "{url}");
            }
            let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            assert_eq!(pairs, vec![(name, value)]);
        }
        Err(e) => {
            assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
            check_error(&redacted(e, &[ACCESS_TOKEN]), &[ACCESS_TOKEN]);
        }
    }
}

/// The input as a time Pinterest sent, and as an HTTP-date: whatever the
/// connector makes of it as a time is RFC 3339 in UTC that converts to
/// itself, no longer than the input and its `Z` (a fraction is cut, never
/// grown), and a time already in that form comes back exactly; an HTTP-date
/// it reads is within the years 0000 to 9999 and writes as RFC 3339.
pub fn times(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(at) = datetime::http_date(&text, NOW) {
        assert!(
            (-62_167_219_200..=253_402_300_799).contains(&at),
            "{text}: {at}"
        );
        if let Ok(unix) = u64::try_from(at) {
            check_time(datetime::format_unix(unix).as_deref());
        }
    }
    let Some(utc) = datetime::to_utc(&text) else {
        return;
    };
    check_time(Some(&utc));
    assert!(utc.len() <= text.len() + 1, "{text} became {utc}");
    let fraction_digits = text
        .split_once('.')
        .map_or(0, |(_, f)| f.bytes().take_while(u8::is_ascii_digit).count());
    let canonical = text.get(10..11) == Some("T")
        && text.ends_with('Z')
        && fraction_digits <= datetime::MAX_FRACTION_DIGITS;
    if canonical {
        assert_eq!(utc, text, "a UTC time was changed");
    }
}
