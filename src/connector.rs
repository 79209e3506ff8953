//! The operations, run through a caller-supplied HTTP client: build the
//! request, send it, read the answer, and redact every error.

use crate::account::{self, UserAccount};
use crate::boards::{self, Board, BoardChanges, BoardInput, BoardPage, ListQuery, PrivacyFilter};
use crate::body;
use crate::classify;
use crate::config::Config;
use crate::duplicates::{self, DuplicateCandidate, DuplicateReport, Matcher};
use crate::error::{Error, MediaStatus};
use crate::http::{HttpClient, Method, Request, Response};
use crate::media::{self, Media, MediaPage};
use crate::oauth::{self, TokenSet};
use crate::operation::Operation;
use crate::paging::{Page, PageQuery};
use crate::pin_edits::{self, PinChanges};
use crate::pin_lists::{self, PinPage, PinSource};
use crate::pins::{self, Pin, PinInput};
use crate::poll::{self, NewPins, Poll};
use crate::raw::{self, ApiResponse, QueryParam};
use crate::redact::redact_secrets;
use crate::secret::{AccessToken, AuthorizationCode, RefreshToken};
use crate::sections::{self, Section, SectionPage, SectionRef};
use crate::upload::{self, Boundary, VideoUpload};
use crate::wait::{self, Clock, MAX_CHECKS};

/// Reads one page of a listing: the answer to `op`, its body.
type PageReader<T> = fn(Operation<'_>, &Response, &[u8]) -> Result<Page<T>, Error>;

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
    pub fn exchange(
        &mut self,
        code: &AuthorizationCode,
        redirect_uri: &str,
    ) -> Result<TokenSet, Error> {
        self.guard(&[code.secret()], |this| {
            let op = Operation::Exchange;
            let request = oauth::exchange_request(this.config, code, redirect_uri)?;
            let response = this.send(op, request)?;
            oauth::parse_tokens(op, &response, &response.body, this.now, None)
        })
    }

    /// Refreshes the access token; the returned set replaces the old one.
    pub fn refresh(
        &mut self,
        refresh_token: &RefreshToken,
        scopes: Option<&[String]>,
    ) -> Result<TokenSet, Error> {
        self.guard(&[refresh_token.secret()], |this| {
            let op = Operation::Refresh;
            let request = oauth::refresh_request(this.config, refresh_token, scopes)?;
            let response = this.send(op, request)?;
            oauth::parse_tokens(op, &response, &response.body, this.now, Some(refresh_token))
        })
    }

    /// Reads the token's user account.
    pub fn user_account(&mut self, access_token: &AccessToken) -> Result<UserAccount, Error> {
        self.guard(&[access_token.secret()], |this| {
            let request = account::request(this.config, access_token)?;
            let response = this.send(Operation::UserAccount, request)?;
            account::parse(&response, &response.body)
        })
    }

    /// Fetches one page of boards.
    pub fn list_boards(
        &mut self,
        access_token: &AccessToken,
        query: &ListQuery,
    ) -> Result<BoardPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            this.board_page(access_token, query)
        })
    }

    /// Fetches every board up to `max_boards` (default 1000, at most
    /// 10000), following bookmarks. The result's bookmark is set when the cap
    /// (or [`MAX_LIST_ALL_BYTES`](crate::limits::MAX_LIST_ALL_BYTES))
    /// stopped it.
    pub fn list_all_boards(
        &mut self,
        access_token: &AccessToken,
        privacy: Option<PrivacyFilter>,
        max_boards: Option<u32>,
    ) -> Result<BoardPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            boards::LIST_ALL.collect(max_boards, |bookmark, page_size| {
                let query = ListQuery {
                    bookmark,
                    page_size,
                    privacy,
                };
                this.board_page(access_token, &query)
            })
        })
    }

    /// Reads one board.
    pub fn get_board(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
    ) -> Result<Board, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::GetBoard { board_id };
            let request = boards::get_request(this.config, access_token, board_id)?;
            let response = this.send(op, request)?;
            boards::parse_board(op, &response, &response.body)
        })
    }

    /// Creates a pin.
    pub fn create_pin(&mut self, access_token: &AccessToken, pin: &PinInput) -> Result<Pin, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::CreatePin {
                board_id: &pin.board_id,
                section_id: pin.board_section_id.as_deref().filter(|s| !s.is_empty()),
            };
            let request = pins::create_request(this.config, access_token, pin)?;
            let response = this.send(op, request)?;
            pins::parse_pin(op, &response, &response.body)
        })
    }

    /// Calls `method` `path` (any endpoint below `/v5/` but the token
    /// endpoint) with `query` and a JSON body: the answer's status, the
    /// headers that matter and its body as text, the access token and the
    /// client secret replaced by `[redacted]` wherever they appear in them
    /// (in any case, however JSON spells them).
    pub fn api_request(
        &mut self,
        access_token: &AccessToken,
        method: Method,
        path: &str,
        query: &[QueryParam],
        json_body: Option<String>,
    ) -> Result<ApiResponse, Error> {
        self.guard(&[access_token.secret()], |this| {
            let request = raw::request(this.config, access_token, method, path, query, json_body)?;
            let op = Operation::ApiRequest { method, path };
            let response = this.send(op, request)?;
            let mut answer = raw::read_response(op, &response)?;
            let secrets = [access_token.secret(), this.config.client_secret.secret()];
            answer.body = redact_secrets(&answer.body, &secrets);
            for (_, value) in &mut answer.headers {
                *value = redact_secrets(value, &secrets);
            }
            Ok(answer)
        })
    }

    /// Uploads a video the host holds: checks its size with the host,
    /// registers it with Pinterest, and sends it to the upload URL Pinterest
    /// returned as `multipart/form-data` framed by `boundary` (random), the
    /// host streaming the video's bytes. Returns the registered media.
    pub fn upload_video(
        &mut self,
        access_token: &AccessToken,
        video: &VideoUpload,
        boundary: &Boundary,
    ) -> Result<Media, Error> {
        self.guard(&[access_token.secret()], |this| {
            upload::check_video(video)?;
            let register = media::register_request(this.config, access_token)?;
            let size = this
                .client
                .content_length(&video.content)
                .map_err(|e| upload::content_error(&video.content, e))?;
            upload::check_size(size)?;
            let op = Operation::RegisterMedia;
            let response = this.send(op, register)?;
            let target = media::parse_registered(op, &response, &response.body)?;
            let op = Operation::UploadVideo {
                media_id: &target.media.media_id,
            };
            let request = upload::upload_request(&target, video, boundary);
            let timeout = request.timeout_ms;
            let answer = this
                .client
                .send(request)
                .map_err(|e| classify::transport_error(op, e, timeout))
                .and_then(|response| upload::read_answer(op, &response));
            // The form fields are the upload's credentials.
            answer.map_err(|e| e.redacted(&target.secrets()))?;
            Ok(target.media.clone())
        })
    }

    /// Reads where a media upload stands.
    pub fn get_media(
        &mut self,
        access_token: &AccessToken,
        media_id: &str,
    ) -> Result<Media, Error> {
        self.guard(&[access_token.secret()], |this| {
            this.media(access_token, media_id).map(|(media, _)| media)
        })
    }

    /// Fetches one page of the account's media uploads.
    pub fn list_media(
        &mut self,
        access_token: &AccessToken,
        query: &PageQuery,
    ) -> Result<MediaPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::ListMedia;
            let request = media::list_request(this.config, access_token, query)?;
            let response = this.send(op, request)?;
            media::parse_page(op, &response, &response.body)
        })
    }

    /// Waits until a media upload is `succeeded`, checking its status at
    /// once and then after the intervals of [`wait::interval`], for at most
    /// `max_seconds` (see [`wait::limit`]) as `clock` measures it. Fails
    /// with `MediaProcessing` when Pinterest reports `failed` or the time
    /// runs out; any other error ends the wait as it is.
    pub fn wait_for_media(
        &mut self,
        access_token: &AccessToken,
        media_id: &str,
        max_seconds: Option<u32>,
        clock: &mut impl Clock,
    ) -> Result<Media, Error> {
        self.guard(&[access_token.secret()], |this| {
            let limit = wait::limit(max_seconds)?;
            let start = clock.now();
            let mut check = 0;
            loop {
                let (media, status) = this.media(access_token, media_id)?;
                let status = status?;
                match status {
                    MediaStatus::Succeeded => return Ok(media),
                    MediaStatus::Failed => return Err(wait::failed(media_id)),
                    MediaStatus::Registered | MediaStatus::Processing => {}
                }
                let waited = clock.now().saturating_sub(start);
                check += 1;
                if waited >= limit || check >= MAX_CHECKS {
                    return Err(wait::timed_out(media_id, status, waited));
                }
                clock.sleep(wait::interval(check - 1).min(limit - waited));
            }
        })
    }

    /// Reads one media upload: the media, and its status or the error for
    /// an answer that does not say it.
    fn media(
        &mut self,
        access_token: &AccessToken,
        media_id: &str,
    ) -> Result<(Media, Result<MediaStatus, Error>), Error> {
        let op = Operation::GetMedia { media_id };
        let request = media::get_request(self.config, access_token, "media-id", media_id)?;
        let response = self.send(op, request)?;
        let media = media::parse_media(op, &response, &response.body)?;
        let status = media.status.ok_or_else(|| {
            body::invalid_body(
                op,
                &response,
                "it does not say where the upload stands (no status)",
            )
        });
        Ok((media, status))
    }

    /// Creates a board.
    pub fn create_board(
        &mut self,
        access_token: &AccessToken,
        board: &BoardInput,
    ) -> Result<Board, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::CreateBoard;
            let request = boards::create_request(this.config, access_token, board)?;
            let response = this.send(op, request)?;
            boards::parse_board(op, &response, &response.body)
        })
    }

    /// Changes a board's name, description or privacy.
    pub fn update_board(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
        changes: &BoardChanges,
    ) -> Result<Board, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::UpdateBoard { board_id };
            let request = boards::update_request(this.config, access_token, board_id, changes)?;
            let response = this.send(op, request)?;
            boards::parse_board(op, &response, &response.body)
        })
    }

    /// Deletes a board, with its sections and pins.
    pub fn delete_board(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
    ) -> Result<(), Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::DeleteBoard { board_id };
            let request = boards::delete_request(this.config, access_token, board_id)?;
            let response = this.send(op, request)?;
            body::no_content(op, &response)
        })
    }

    /// Fetches one page of a board's sections.
    pub fn list_sections(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
        query: &PageQuery,
    ) -> Result<SectionPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            this.section_page(access_token, board_id, query)
        })
    }

    /// Fetches every section of a board up to `max_items` (default 1000, at
    /// most 10000), following bookmarks; the result's bookmark is set when
    /// a limit stopped it (see [`list_all_boards`](Self::list_all_boards)).
    pub fn list_all_sections(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
        max_items: Option<u32>,
    ) -> Result<SectionPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            sections::LIST_ALL.collect(max_items, |bookmark, page_size| {
                let query = PageQuery {
                    bookmark,
                    page_size,
                };
                this.section_page(access_token, board_id, &query)
            })
        })
    }

    /// Creates a section on a board.
    pub fn create_section(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
        name: &str,
    ) -> Result<Section, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::CreateSection { board_id };
            let request = sections::create_request(this.config, access_token, board_id, name)?;
            let response = this.send(op, request)?;
            sections::parse_section(op, &response, &response.body)
        })
    }

    /// Renames a section.
    pub fn update_section(
        &mut self,
        access_token: &AccessToken,
        section: &SectionRef,
        name: &str,
    ) -> Result<Section, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::UpdateSection {
                board_id: &section.board_id,
                section_id: &section.section_id,
            };
            let request = sections::update_request(this.config, access_token, section, name)?;
            let response = this.send(op, request)?;
            sections::parse_section(op, &response, &response.body)
        })
    }

    /// Deletes a section, with its pins.
    pub fn delete_section(
        &mut self,
        access_token: &AccessToken,
        section: &SectionRef,
    ) -> Result<(), Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::DeleteSection {
                board_id: &section.board_id,
                section_id: &section.section_id,
            };
            let request = sections::delete_request(this.config, access_token, section)?;
            let response = this.send(op, request)?;
            body::no_content(op, &response)
        })
    }

    /// Reads one pin.
    pub fn get_pin(&mut self, access_token: &AccessToken, pin_id: &str) -> Result<Pin, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::GetPin { pin_id };
            let request = pin_edits::get_request(this.config, access_token, pin_id)?;
            let response = this.send(op, request)?;
            pins::parse_pin(op, &response, &response.body)
        })
    }

    /// Fetches one page of the pins of a board, a section or the account.
    pub fn list_pins(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        query: &PageQuery,
    ) -> Result<PinPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            this.pin_page(access_token, source, query)
        })
    }

    /// Fetches every pin of a board, a section or the account up to
    /// `max_items` (default 1000, at most 10000), following bookmarks; the
    /// result's bookmark is set when a limit stopped it (see
    /// [`list_all_boards`](Self::list_all_boards)).
    pub fn list_all_pins(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        max_items: Option<u32>,
    ) -> Result<PinPage, Error> {
        self.guard(&[access_token.secret()], |this| {
            pin_lists::LIST_ALL.collect(max_items, |bookmark, page_size| {
                let query = PageQuery {
                    bookmark,
                    page_size,
                };
                this.pin_page(access_token, source, &query)
            })
        })
    }

    /// Changes a pin's text, link, board or section.
    pub fn update_pin(
        &mut self,
        access_token: &AccessToken,
        pin_id: &str,
        changes: &PinChanges,
    ) -> Result<Pin, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::UpdatePin { pin_id };
            let request = pin_edits::update_request(this.config, access_token, pin_id, changes)?;
            let response = this.send(op, request)?;
            pins::parse_pin(op, &response, &response.body)
        })
    }

    /// Deletes a pin.
    pub fn delete_pin(&mut self, access_token: &AccessToken, pin_id: &str) -> Result<(), Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::DeletePin { pin_id };
            let request = pin_edits::delete_request(this.config, access_token, pin_id)?;
            let response = this.send(op, request)?;
            body::no_content(op, &response)
        })
    }

    /// Saves a pin to a board (and a section of it); returns the new pin.
    pub fn save_pin(
        &mut self,
        access_token: &AccessToken,
        pin_id: &str,
        board_id: &str,
        board_section_id: Option<&str>,
    ) -> Result<Pin, Error> {
        self.guard(&[access_token.secret()], |this| {
            let op = Operation::SavePin {
                pin_id,
                board_id,
                section_id: board_section_id.filter(|s| !s.is_empty()),
            };
            let request = pin_edits::save_request(
                this.config,
                access_token,
                pin_id,
                board_id,
                board_section_id,
            )?;
            let response = this.send(op, request)?;
            pins::parse_pin(op, &response, &response.body)
        })
    }

    /// Finds the pins of a board, a section or the account that match
    /// `candidate`, comparing up to `max_scanned` pins (default 1000, at
    /// most 10000) in pages of 250; the report's bookmark is set when a
    /// limit stopped the scan (see [`list_all_boards`](Self::list_all_boards)).
    pub fn find_duplicate_pins(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        candidate: &DuplicateCandidate,
        max_scanned: Option<u32>,
    ) -> Result<DuplicateReport, Error> {
        self.guard(&[access_token.secret()], |this| {
            let matcher = Matcher::new(candidate)?;
            source.check()?;
            let scan = duplicates::SCAN.collect(max_scanned, |bookmark, page_size| {
                let query = PageQuery {
                    bookmark,
                    page_size,
                };
                let page = this.pin_page_as(
                    access_token,
                    source,
                    &query,
                    pin_lists::parse_page_with_renditions,
                )?;
                Ok(Page {
                    items: (page.items.into_iter())
                        .map(|(pin, renditions)| matcher.scan(pin, &renditions))
                        .collect(),
                    bookmark: page.bookmark,
                })
            })?;
            Ok(duplicates::report(scan))
        })
    }

    /// The pins of a board, a section or the account created since the
    /// poll that made `cursor` (none: the first poll, which returns the
    /// newest `backlog` pins), oldest first, in at most
    /// [`MAX_REQUESTS`](crate::limits::MAX_POLL_REQUESTS) requests; see
    /// [`poll`](crate::poll).
    pub fn poll_new_pins(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        cursor: Option<&str>,
        backlog: Option<u32>,
    ) -> Result<NewPins, Error> {
        self.guard(&[access_token.secret()], |this| {
            source.check()?;
            let mut poll = Poll::start(this.config, source, cursor, backlog)?;
            while let Some(query) = poll.next_query() {
                match this.pin_page_as(access_token, source, &query, poll::parse_page) {
                    Ok(page) => poll.take(page)?,
                    // The bookmark the cursor kept is refused (expired?):
                    // the gap is walked from the top instead.
                    Err(Error::BadRequest(_)) if poll.resumed() => poll.restart(),
                    Err(error) => return Err(error),
                }
            }
            Ok(poll.finish())
        })
    }

    /// One page of a board's sections.
    fn section_page(
        &mut self,
        access_token: &AccessToken,
        board_id: &str,
        query: &PageQuery,
    ) -> Result<SectionPage, Error> {
        let op = Operation::ListSections { board_id };
        let request = sections::list_request(self.config, access_token, board_id, query)?;
        let response = self.send(op, request)?;
        sections::parse_page(op, &response, &response.body)
    }

    /// One page of `source`'s pins, its errors worded for that listing: the
    /// step of every operation that reads pins page by page. Not guarded:
    /// the public operation that calls it redacts its errors.
    fn pin_page(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        query: &PageQuery,
    ) -> Result<PinPage, Error> {
        self.pin_page_as(access_token, source, query, pin_lists::parse_page)
    }

    /// [`pin_page`](Self::pin_page), read by `parse`.
    fn pin_page_as<T>(
        &mut self,
        access_token: &AccessToken,
        source: &PinSource,
        query: &PageQuery,
        parse: PageReader<T>,
    ) -> Result<Page<T>, Error> {
        let op = source.operation();
        let request = pin_lists::list_request(self.config, access_token, source, query)?;
        let response = self.send(op, request)?;
        parse(op, &response, &response.body)
    }

    fn board_page(
        &mut self,
        access_token: &AccessToken,
        query: &ListQuery,
    ) -> Result<BoardPage, Error> {
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
    /// would show it), and however a JSON string spells it (see
    /// [`redact`](crate::redact::redact)).
    fn guard<T>(
        &mut self,
        secrets: &[&str],
        operation: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        operation(self).map_err(|error| redact(self.config, secrets, error))
    }
}

/// `error` without the secrets [`Connector::guard`] names. One function for
/// every operation, kept out of line: each operation's own code stays small.
#[inline(never)]
fn redact(config: &Config, secrets: &[&str], error: Error) -> Error {
    let basic = basic_credentials(config);
    // Base64 decodes the same without its padding.
    let unpadded = basic.trim_end_matches('=');
    let mut plain: Vec<&str> = vec![config.client_secret.secret(), &basic, unpadded];
    plain.extend_from_slice(secrets);
    let encoded: Vec<String> = plain
        .iter()
        .flat_map(|s| encodings(s))
        .filter(|e| !plain.contains(&e.as_str()))
        .collect();
    let mut all = plain;
    all.extend(encoded.iter().map(String::as_str));
    error.redacted(&all)
}

/// The Basic credentials as sent, so an echo of the header is redacted too.
fn basic_credentials(config: &Config) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        config.client_id,
        config.client_secret.secret()
    ))
}

/// `secret` form-encoded (`+` for spaces) and percent-encoded (`%20`).
fn encodings(secret: &str) -> [String; 2] {
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let percent = form.replace('+', "%20");
    [form, percent]
}
