//! The operations, run through a caller-supplied HTTP client: build the
//! request, send it, read the answer, and redact every error.

use crate::account::{self, UserAccount};
use crate::boards::{self, BoardPage, ListQuery, MAX_PAGE_SIZE, PrivacyFilter};
use crate::classify;
use crate::config::Config;
use crate::error::Error;
use crate::excerpt::excerpt;
use crate::http::{HttpClient, Request, Response};
use crate::oauth::{self, TokenSet};
use crate::operation::Operation;
use crate::pins::{self, Pin, PinInput};

/// Boards `list_all_boards` returns when no cap is given.
pub const DEFAULT_MAX_BOARDS: u32 = 1000;
/// The highest cap `list_all_boards` accepts.
pub const MAX_BOARDS: u32 = 10_000;
/// Pages `list_all_boards` fetches at most, whatever their size.
const MAX_PAGES: usize = 100;
/// Memory the boards gathered by `list_all_boards` may take before it stops
/// early (as it does at its cap, handing back the bookmark): real boards take
/// a few hundred bytes each, so only a hostile server reaches it.
pub const MAX_ALL_BOARDS_BYTES: usize = 8 * 1024 * 1024;

/// One app configuration, an HTTP client and the current time: everything an
/// operation needs. Built per call; holds no state between calls.
pub struct Connector<'a, C> {
    /// The app and the API to reach.
    pub config: &'a Config,
    /// Sends the requests.
    pub client: C,
    /// Unix seconds now, for expiry times.
    pub now: u64,
}

impl<C: HttpClient> Connector<'_, C> {
    /// Exchanges an authorization code for tokens.
    pub fn exchange(&mut self, code: &str, redirect_uri: &str) -> Result<TokenSet, Error> {
        let secrets = [code];
        self.guard(&secrets, |this| {
            let op = Operation::Exchange;
            let request = oauth::exchange_request(this.config, code, redirect_uri)?;
            let response = this.send(op, request)?;
            oauth::parse_tokens(op, &response, &response.body, this.now, None)
        })
    }

    /// Refreshes the access token; the returned set replaces the old one.
    pub fn refresh(
        &mut self,
        refresh_token: &str,
        scopes: Option<&[String]>,
    ) -> Result<TokenSet, Error> {
        let secrets = [refresh_token];
        self.guard(&secrets, |this| {
            let op = Operation::Refresh;
            let request = oauth::refresh_request(this.config, refresh_token, scopes)?;
            let response = this.send(op, request)?;
            oauth::parse_tokens(op, &response, &response.body, this.now, Some(refresh_token))
        })
    }

    /// Reads the token's user account.
    pub fn user_account(&mut self, access_token: &str) -> Result<UserAccount, Error> {
        self.guard(&[access_token], |this| {
            let request = account::request(this.config, access_token)?;
            let response = this.send(Operation::UserAccount, request)?;
            account::parse(&response, &response.body)
        })
    }

    /// Fetches one page of boards.
    pub fn list_boards(
        &mut self,
        access_token: &str,
        query: &ListQuery,
    ) -> Result<BoardPage, Error> {
        self.guard(&[access_token], |this| this.board_page(access_token, query))
    }

    /// Fetches every board up to `max_boards` (default 1000, at most
    /// 10000), following bookmarks. The result's bookmark is set when the cap
    /// (or [`MAX_ALL_BOARDS_BYTES`]) stopped it.
    pub fn list_all_boards(
        &mut self,
        access_token: &str,
        privacy: Option<PrivacyFilter>,
        max_boards: Option<u32>,
    ) -> Result<BoardPage, Error> {
        self.guard(&[access_token], |this| {
            let cap = max_boards.unwrap_or(DEFAULT_MAX_BOARDS);
            if !(1..=MAX_BOARDS).contains(&cap) {
                return Err(Error::invalid(
                    "max-boards",
                    format!("is {cap}; it must be between 1 and {MAX_BOARDS}"),
                ));
            }
            let cap = usize::try_from(cap).unwrap_or(usize::MAX);
            let mut all = BoardPage::default();
            let mut seen: Vec<String> = Vec::new();
            let mut bytes = 0usize;
            for _ in 0..MAX_PAGES {
                let wanted = cap.saturating_sub(all.items.len()).min(MAX_PAGE_SIZE as usize);
                let query = ListQuery {
                    bookmark: all.bookmark.take(),
                    page_size: u32::try_from(wanted).ok(),
                    privacy,
                };
                let page = this.board_page(access_token, &query)?;
                bytes = page.items.iter().map(boards::Board::heap_bytes).fold(bytes, usize::saturating_add);
                all.items.extend(page.items);
                all.bookmark = page.bookmark;
                let Some(bookmark) = &all.bookmark else { break };
                if seen.contains(bookmark) {
                    return Err(Error::UnexpectedResponse {
                        failure: crate::error::Failure {
                            summary: "Pinterest returned the same bookmark twice while listing boards, so paging would never end.".to_owned(),
                            remedy: "Retry later; if it persists, list pages with list-boards and report the bookmark.".to_owned(),
                            status: Some(200),
                            ..Default::default()
                        },
                        excerpt: excerpt(bookmark.as_bytes()),
                    });
                }
                seen.push(bookmark.clone());
                if all.items.len() >= cap || bytes >= MAX_ALL_BOARDS_BYTES {
                    break;
                }
            }
            Ok(all)
        })
    }

    /// Reads one board.
    pub fn get_board(
        &mut self,
        access_token: &str,
        board_id: &str,
    ) -> Result<boards::Board, Error> {
        self.guard(&[access_token], |this| {
            let op = Operation::GetBoard { board_id };
            let request = boards::get_request(this.config, access_token, board_id)?;
            let response = this.send(op, request)?;
            boards::parse_board(op, &response, &response.body)
        })
    }

    /// Creates a pin.
    pub fn create_pin(&mut self, access_token: &str, pin: &PinInput) -> Result<Pin, Error> {
        self.guard(&[access_token], |this| {
            let op = Operation::CreatePin {
                board_id: &pin.board_id,
                section_id: pin.board_section_id.as_deref().filter(|s| !s.is_empty()),
            };
            let request = pins::create_request(this.config, access_token, pin)?;
            let response = this.send(op, request)?;
            pins::parse_pin(op, &response, &response.body)
        })
    }

    fn board_page(&mut self, access_token: &str, query: &ListQuery) -> Result<BoardPage, Error> {
        let secret = matches!(
            query.privacy,
            Some(PrivacyFilter::Secret | PrivacyFilter::PublicAndSecret)
        );
        let op = Operation::ListBoards { secret };
        let request = boards::list_request(self.config, access_token, query)?;
        let response = self.send(op, request)?;
        boards::parse_page(op, &response, &response.body)
    }

    /// Sends a request; a transport failure or a non-2xx answer becomes the
    /// matching error.
    fn send(&mut self, op: Operation<'_>, request: Request) -> Result<Response, Error> {
        let timeout = request.timeout_ms;
        let response = self
            .client
            .send(request)
            .map_err(|e| classify::transport_error(op, e, timeout))?;
        classify::success_body(op, self.config.environment, &response, self.now)?;
        Ok(response)
    }

    /// Runs `operation` and strips from its error every secret it could
    /// hold: the client secret and its Basic encoding, and `secrets`, each
    /// also as it looks form- or URL-encoded (as an echo of the request
    /// would show it).
    fn guard<T>(
        &mut self,
        secrets: &[&str],
        operation: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        operation(self).map_err(|error| {
            let basic = basic_credentials(self.config);
            // Base64 decodes the same without its padding.
            let unpadded = basic.trim_end_matches('=');
            let mut plain: Vec<&str> = vec![self.config.client_secret.expose(), &basic, unpadded];
            plain.extend_from_slice(secrets);
            let encoded: Vec<String> = plain
                .iter()
                .flat_map(|s| encodings(s))
                .filter(|e| !plain.contains(&e.as_str()))
                .collect();
            let mut all = plain;
            all.extend(encoded.iter().map(String::as_str));
            error.redacted(&all)
        })
    }
}

/// The Basic credentials as sent, so an echo of the header is redacted too.
fn basic_credentials(config: &Config) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        config.client_id,
        config.client_secret.expose()
    ))
}

/// `secret` form-encoded (`+` for spaces) and percent-encoded (`%20`).
fn encodings(secret: &str) -> [String; 2] {
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let percent = form.replace('+', "%20");
    [form, percent]
}
