//! `demo`: the whole story against a local Pinterest stand-in, through the
//! component: consent URL, consent, code exchange, token status, account,
//! every board, a pin, a refresh, two deliberate mistakes with the advice
//! the component gives for them, a board section, and a video pin
//! uploaded from a small generated file (in production, by a second
//! stand-in app with Standard access: Pinterest's sandbox cannot create
//! video pins).

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Value, json};

use pinterest_connector_host::types::{self, Error};
use pinterest_connector_host::{ConnectorHost, EgressPolicy, HostFiles};
use pinterest_standin::{StandIn, StandInOptions};

use super::args::{DEFAULT_REDIRECT_URI, Global};
use super::component::Component;
use super::consent;
use super::context::load_host;
use super::errors;
use super::exit::{CliError, Exit};
use super::mask::mask;
use super::output::{self, Table};
use super::paging::{self, End, Pager};
use super::token_view::{expiry, now, state_name};

/// Boards per page when following bookmarks.
const PAGE_SIZE: u32 = 25;

/// `demo`: text for people, or with `json` one JSON document of every step.
pub fn run(global: &Global) -> Result<Exit, CliError> {
    let start = |options: StandInOptions| {
        StandIn::start(options)
            .map_err(|e| CliError::failure(format!("could not start the Pinterest stand-in: {e}")))
    };
    let pinterest = start(StandInOptions::default())?;
    // Pinterest's sandbox cannot create video pins, and a Trial-access app
    // may not create pins in production: the video pin is created in
    // production by a second stand-in app, one with Standard access.
    let standard = start(StandInOptions {
        trial: false,
        media_processing_polls: 1,
        ..StandInOptions::default()
    })?;
    let component = Component::choose(global.component.as_deref());
    let egress = EgressPolicy::none()
        .allow(&pinterest.base_url())
        .and_then(|policy| policy.allow(&standard.base_url()))
        .map_err(|e| CliError::failure(format!("the stand-in's address: {e}")))?;
    let host = load_host(&component, global.cache_dir.clone(), egress)?;
    let story = Story::new(global.json);
    story.say("Pinterest connector demo");
    story.say(&format!("  component:  {}", component.describe()));
    story.say(&format!(
        "  Pinterest:  a local stand-in at {} (sandbox at {}), a Trial-access app {}",
        pinterest.base_url(),
        pinterest.sandbox_base_url(),
        pinterest.client_id()
    ));
    story.say(
        "  Every call below is a function of the component; its HTTP goes out through the host's http.send.\n",
    );
    let demo = Demo {
        host: &host,
        pinterest: &pinterest,
        standard: &standard,
        story,
    };
    demo.story()?;
    let uploads = standard.uploads().len();
    let requests = pinterest.requests().len() + standard.requests().len() + uploads;
    demo.story.say(&format!(
        "\nDone: {requests} HTTP requests reached the two stand-ins ({uploads} of them the video's upload), all sent by the component."
    ));
    demo.story.finish(&json!({
        "component": component.describe(),
        "stand_in": {
            "api": pinterest.base_url(),
            "sandbox_api": pinterest.sandbox_base_url(),
            "app_id": pinterest.client_id(),
            "standard_access_api": standard.base_url(),
        },
        "requests": requests,
    }));
    Ok(Exit::Success)
}

/// What the demo tells: printed as it goes, or gathered into one JSON
/// document for `--json`.
struct Story {
    json: bool,
    steps: RefCell<Vec<Value>>,
}

impl Story {
    fn new(json: bool) -> Self {
        Self {
            json,
            steps: RefCell::new(Vec::new()),
        }
    }

    /// A line for people only (headings, the closing count).
    fn say(&self, text: &str) {
        if !self.json {
            println!("{text}");
        }
    }

    /// Step `number`: its title, its lines, and its facts for scripts.
    fn step(&self, number: u32, title: &str, lines: &[String], data: Value) {
        if self.json {
            self.steps.borrow_mut().push(json!({
                "step": number,
                "title": title,
                "lines": lines,
                "data": data,
            }));
        } else {
            println!("{number}. {title}");
            for line in lines {
                println!("   {line}");
            }
        }
    }

    /// For `--json`, the whole document: `summary`'s fields and the steps.
    fn finish(&self, summary: &Value) {
        if self.json {
            let mut document = summary.clone();
            document["steps"] = Value::Array(self.steps.take());
            output::json(&document);
        }
    }
}

/// The demo's host and stand-ins.
struct Demo<'a> {
    host: &'a ConnectorHost,
    /// The Trial-access app's Pinterest, sandbox and production.
    pinterest: &'a StandIn,
    /// The Standard-access app's Pinterest, for the video pin.
    standard: &'a StandIn,
    story: Story,
}

/// An unexpected outcome of a step.
fn broken(step: &str, what: impl std::fmt::Display) -> CliError {
    CliError::failure(format!("demo step \"{step}\" went wrong: {what}"))
}

/// The result of a component call, or the demo error for it.
fn expect<T>(step: &str, result: wasmtime::Result<Result<T, Error>>) -> Result<T, CliError> {
    result
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| broken(step, errors::summary(&e)))
}

/// A pin of a lemon tart on `board_id`.
fn lemon_tart(board_id: &str, full: bool) -> types::PinInput {
    let text = |value: &str| full.then(|| value.to_owned());
    types::PinInput {
        board_id: board_id.to_owned(),
        board_section_id: None,
        media: types::MediaSource::ImageUrl("https://example.com/images/lemon-tart.jpg".into()),
        title: Some("Lemon tart".into()),
        description: text("Bright, sharp, and ready in an hour."),
        link: text("https://example.com/recipes/lemon-tart"),
        alt_text: text("A lemon tart on a white plate"),
        dominant_color: None,
        parent_pin_id: None,
    }
}

impl Demo<'_> {
    fn config(&self, environment: types::Environment) -> types::Config {
        config_of(self.pinterest, environment)
    }

    /// Consent URL, consent, exchange: tokens for `environment`.
    fn sign_in(
        &self,
        environment: types::Environment,
        verbose: bool,
    ) -> Result<types::TokenSet, CliError> {
        self.sign_in_at(self.pinterest, environment, verbose)
    }

    /// The same at `pinterest`.
    fn sign_in_at(
        &self,
        pinterest: &StandIn,
        environment: types::Environment,
        verbose: bool,
    ) -> Result<types::TokenSet, CliError> {
        let config = config_of(pinterest, environment);
        let authorization = expect(
            "authorize",
            self.host
                .authorize(&config, DEFAULT_REDIRECT_URI, &[], None),
        )?;
        if verbose {
            self.story.step(
                1,
                "Consent URL (authorize; no HTTP call)",
                std::slice::from_ref(&authorization.url),
                json!({ "url": authorization.url }),
            );
        }
        let consent = consent::follow(&authorization.url).map_err(|e| broken("consent", e))?;
        if consent.state.as_deref() != Some(authorization.state.as_str()) {
            return Err(broken("consent", "the state that came back differs"));
        }
        let code = consent
            .code
            .ok_or_else(|| broken("consent", format!("no code in {}", consent.location)))?;
        if verbose {
            self.story.step(
                2,
                "Consent: the stand-in approves at once and redirects the browser",
                &[format!(
                    "302 → {DEFAULT_REDIRECT_URI}?code={}&state=…  (state matches the one sent)",
                    mask(&code)
                )],
                json!({ "redirect_uri": DEFAULT_REDIRECT_URI, "code": mask(&code), "state_matches": true }),
            );
        }
        let tokens = expect(
            "exchange",
            self.host.exchange(&config, &code, DEFAULT_REDIRECT_URI),
        )?;
        if verbose {
            self.story.step(
                3,
                "Exchange the code for tokens (exchange: POST /v5/oauth/token)",
                &token_lines(&tokens),
                token_json(&tokens),
            );
        }
        Ok(tokens)
    }

    fn story(&self) -> Result<(), CliError> {
        let sandbox = types::Environment::Sandbox;
        let config = self.config(sandbox);
        let tokens = self.sign_in(sandbox, true)?;
        let state = self
            .host
            .token_status(&tokens)
            .map_err(|e| errors::from_host(&e))?;
        self.story.step(
            4,
            &format!(
                "Token status (token-status; no HTTP call): {}",
                state_name(state)
            ),
            &[],
            json!({ "state": state_name(state) }),
        );

        let account = expect(
            "account",
            self.host.get_user_account(&config, &tokens.access_token),
        )?;
        let kind = super::commands::account::account_type(&account);
        self.story.step(
            5,
            "Account check (get-user-account: GET /v5/user_account)",
            &[format!(
                "{} — {kind} account \"{}\", {} boards",
                account.username.as_deref().unwrap_or("?"),
                account.business_name.as_deref().unwrap_or("-"),
                account.board_count.unwrap_or_default()
            )],
            json!({
                "username": account.username,
                "account_type": kind,
                "business_name": account.business_name,
                "board_count": account.board_count,
            }),
        );

        let target = self.all_boards(&config, &tokens.access_token, account.board_count)?;

        let pin = expect(
            "create pin",
            self.host
                .create_pin(&config, &tokens.access_token, &lemon_tart(&target.id, true)),
        )?;
        self.story.step(
            7,
            "Create a pin in the sandbox (create-pin: POST /v5/pins)",
            &[
                format!("pin {} on board {} \"{}\"", pin.id, target.id, target.name),
                pin.url.clone(),
                format!(
                    "created_at {} (Pinterest sends no zone; the component adds Z), image {}",
                    pin.created_at.as_deref().unwrap_or("-"),
                    pin.image_url.as_deref().unwrap_or("-")
                ),
            ],
            json!({
                "pin_id": pin.id,
                "url": pin.url,
                "board_id": target.id,
                "created_at": pin.created_at,
            }),
        );

        let old_refresh = tokens
            .refresh_token
            .clone()
            .ok_or_else(|| broken("refresh", "no refresh token was issued"))?;
        let fresh = expect("refresh", self.host.refresh(&config, &old_refresh, None))?;
        let new_refresh = fresh.refresh_token.as_deref().map(mask).unwrap_or_default();
        self.story.step(
            8,
            "Refresh (refresh: POST /v5/oauth/token, grant_type=refresh_token)",
            &[
                format!(
                    "access token   {} → {}",
                    mask(&tokens.access_token),
                    mask(&fresh.access_token)
                ),
                format!(
                    "refresh token  {} → {new_refresh}  (rotated: store the whole new set)",
                    mask(&old_refresh)
                ),
            ],
            json!({
                "access_token": [mask(&tokens.access_token), mask(&fresh.access_token)],
                "refresh_token": [mask(&old_refresh), new_refresh],
                "rotated": true,
            }),
        );

        let reuse = self
            .host
            .refresh(&config, &old_refresh, None)
            .map_err(|e| errors::from_host(&e))?;
        match reuse {
            Err(error @ Error::GrantRejected(_)) => self.mistake(
                9,
                "A deliberate mistake: refreshing again with the old refresh token",
                &error,
            ),
            other => {
                return Err(broken(
                    "reuse",
                    format!("expected a refusal, got {other:?}"),
                ));
            }
        }

        let production = types::Environment::Production;
        let production_tokens = self.sign_in(production, false)?;
        let attempt = self
            .host
            .create_pin(
                &self.config(production),
                &production_tokens.access_token,
                &lemon_tart(&target.id, false),
            )
            .map_err(|e| errors::from_host(&e))?;
        match attempt {
            Err(error @ Error::TrialAccess(_)) => self.mistake(
                10,
                "Another: a Trial-access app creating the same pin in production",
                &error,
            ),
            other => return Err(broken("trial", format!("expected code 29, got {other:?}"))),
        }

        self.sections(&config, &tokens.access_token, &target)?;
        self.duplicate(&config, &tokens.access_token, &target, &pin)?;
        self.video_pin(&target)?;
        Ok(())
    }

    /// Step 11: a section created on the board, then every section of the
    /// board listed, following bookmarks.
    fn sections(
        &self,
        config: &types::Config,
        token: &str,
        board: &types::Board,
    ) -> Result<(), CliError> {
        let created = expect(
            "create section",
            self.host
                .create_section(config, token, &board.id, "Lemon desserts"),
        )?;
        let all = expect(
            "list sections",
            self.host.list_all_sections(config, token, &board.id, None),
        )?;
        let listed = all.items.iter().any(|s| s.id == created.id);
        if !listed {
            return Err(broken("list sections", "the new section is not listed"));
        }
        let mut last = Table::new(&["ID", "NAME"]);
        for section in all.items.iter().skip(all.items.len().saturating_sub(3)) {
            last.row(vec![section.id.clone(), section.name.clone()]);
        }
        let mut lines = vec![
            format!(
                "created section {} \"{}\" on board {} (create-section: POST /v5/boards/{}/sections)",
                created.id, created.name, board.id, board.id
            ),
            format!(
                "{} sections on the board, every page read (list-all-sections: GET /v5/boards/{}/sections, 250 per page); the last three:",
                all.items.len(),
                board.id
            ),
        ];
        lines.extend(last.render("  ").lines().map(str::to_owned));
        self.story.step(
            11,
            "A board section, created and listed",
            &lines,
            json!({
                "section_id": created.id,
                "name": created.name,
                "board_id": board.id,
                "sections_on_board": all.items.len(),
                "listed": listed,
            }),
        );
        Ok(())
    }

    /// Step 12: the lemon tart of step 7 once more, found on the board by
    /// `find-duplicate-pins` and so not created again.
    fn duplicate(
        &self,
        config: &types::Config,
        token: &str,
        board: &types::Board,
        first: &types::Pin,
    ) -> Result<(), CliError> {
        let again = lemon_tart(&board.id, true);
        let candidate = types::DuplicateCandidate {
            link: again.link.clone(),
            image_url: None,
            title: again.title.clone(),
        };
        let report = expect(
            "find duplicates",
            self.host.find_duplicate_pins(
                config,
                token,
                &types::PinSource::Board(board.id.clone()),
                &candidate,
                None,
            ),
        )?;
        let Some(found) = report.duplicates.iter().find(|d| d.pin.id == first.id) else {
            return Err(broken("find duplicates", "the pin of step 7 was not found"));
        };
        let matched: Vec<&str> = found
            .matched
            .iter()
            .map(|m| match m {
                types::MatchKind::Link => "link",
                types::MatchKind::ImageUrl => "image URL",
                types::MatchKind::Title => "title",
            })
            .collect();
        self.story.step(
            12,
            "A duplicate skipped: the lemon tart once more",
            &[
                format!(
                    "find-duplicate-pins: scanned the {} pins of board {} (GET /v5/boards/{}/pins, 250 per page){}",
                    report.scanned,
                    board.id,
                    board.id,
                    if report.complete { "" } else { ", stopped at its cap" }
                ),
                format!(
                    "pin {} has the same {}: skipped, create-pin not called",
                    found.pin.id,
                    matched.join(" and ")
                ),
            ],
            json!({
                "duplicate_of": found.pin.id,
                "matched": matched,
                "scanned": report.scanned,
                "complete": report.complete,
                "created": false,
            }),
        );
        Ok(())
    }

    /// Step 13: a video pin from a small generated file: uploaded (the
    /// host streams the file to the upload URL), waited for, pinned, in
    /// production by an app with Standard access.
    fn video_pin(&self, board: &types::Board) -> Result<(), CliError> {
        let production = types::Environment::Production;
        let config = config_of(self.standard, production);
        let tokens = self.sign_in_at(self.standard, production, false)?;
        let dir = std::env::temp_dir().join(format!("pinterest-demo-{}", std::process::id()));
        let file = dir.join("lemon-tart.mp4");
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&file, demo_video()))
            .map_err(|e| broken("video file", e))?;
        let files = HostFiles::new().file("lemon-tart.mp4", &file);
        let host = self.host.clone().with_content(Arc::new(files));
        let video = types::VideoUpload {
            content: "lemon-tart.mp4".to_owned(),
            file_name: None,
        };
        let uploaded = expect(
            "upload video",
            host.upload_video(&config, &tokens.access_token, &video),
        );
        let _ = std::fs::remove_dir_all(&dir);
        let uploaded = uploaded?;
        let started = Instant::now();
        let ready = expect(
            "wait for media",
            host.wait_for_media(&config, &tokens.access_token, &uploaded.media_id, Some(30)),
        )?;
        let waited = started.elapsed().as_secs_f64();
        let received = self.standard.uploads();
        let bytes = received.last().map(|u| u.size).unwrap_or_default();
        let pin = expect(
            "create video pin",
            host.create_pin(
                &config,
                &tokens.access_token,
                &types::PinInput {
                    board_id: board.id.clone(),
                    board_section_id: None,
                    media: types::MediaSource::Video(types::Video {
                        media_id: ready.media_id.clone(),
                        cover: types::VideoCover::KeyFrameSeconds(1),
                    }),
                    title: Some("Lemon tart, in motion".into()),
                    description: None,
                    link: None,
                    alt_text: None,
                    dominant_color: None,
                    parent_pin_id: None,
                },
            ),
        )?;
        self.story.step(
            13,
            "A video pin from a generated file, in production by an app with Standard access (Pinterest's sandbox cannot create video pins)",
            &[
                format!(
                    "a second stand-in, an app ({}) with Standard access at {} (its own account, boards and pins)",
                    self.standard.client_id(),
                    self.standard.base_url()
                ),
                format!(
                    "upload-video: registered media {} (POST /v5/media), the host streamed {bytes} bytes to the upload URL {} (another origin, granted for this upload only)",
                    uploaded.media_id,
                    self.standard.upload_url()
                ),
                format!(
                    "wait-for-media: processing → succeeded after {waited:.1} s (GET /v5/media/{})",
                    ready.media_id
                ),
                format!(
                    "create-pin: video pin {} on board {}, cover the frame 1 s in",
                    pin.id, board.id
                ),
            ],
            json!({
                "media_id": ready.media_id,
                "uploaded_bytes": bytes,
                "pin_id": pin.id,
                "media_type": pin.media_type,
                "environment": "production",
                "app": self.standard.client_id(),
            }),
        );
        Ok(())
    }

    /// Step 6: every board, page by page under the paging guard; returns
    /// the first public board.
    fn all_boards(
        &self,
        config: &types::Config,
        token: &str,
        on_account: Option<u32>,
    ) -> Result<types::Board, CliError> {
        let mut pager = Pager::new(true, paging::DEFAULT_MAX_ITEMS, Some(PAGE_SIZE), None);
        let mut lines = Vec::new();
        let mut first_five: Vec<types::Board> = Vec::new();
        let mut target = None;
        while let Some((bookmark, page_size)) = pager.next_request() {
            let page = expect(
                "list boards",
                self.host.list_boards(
                    config,
                    token,
                    &types::ListBoardsQuery {
                        bookmark,
                        page_size,
                        privacy: None,
                    },
                ),
            )?;
            let count = page.items.len();
            target = target.or_else(|| {
                page.items
                    .iter()
                    .find(|b| b.privacy == types::BoardPrivacy::Public)
                    .cloned()
            });
            let room = 5usize.saturating_sub(first_five.len());
            first_five.extend(page.items.into_iter().take(room));
            let page_number = pager.pages() + 1;
            lines.push(match &page.bookmark {
                Some(next) => format!("page {page_number}: {count} boards, bookmark {next}"),
                None => format!("page {page_number}: {count} boards, no bookmark: last page"),
            });
            pager.record(count, page.bookmark);
        }
        match pager.end() {
            Some(End::Complete) => {}
            other => {
                return Err(broken(
                    "list boards",
                    format!("paging ended with {other:?}"),
                ));
            }
        }
        let listed = pager.items();
        let hidden = on_account.unwrap_or(listed).saturating_sub(listed);
        lines.push(format!(
            "{listed} boards listed; the other {hidden} are secret and need the boards:read_secret scope, not asked for here. First five:"
        ));
        lines.extend(
            super::commands::boards::table(&first_five)
                .render("")
                .lines()
                .map(str::to_owned),
        );
        self.story.step(
            6,
            &format!(
                "Every board, following bookmarks (list-boards: GET /v5/boards, {PAGE_SIZE} per page)"
            ),
            &lines,
            json!({
                "pages": pager.pages(),
                "boards": listed,
                "secret_boards_not_listed": hidden,
                "first": first_five.iter().map(super::commands::boards::board_json).collect::<Vec<_>>(),
            }),
        );
        target.ok_or_else(|| broken("boards", "no public board"))
    }

    /// A step showing an error as the component returns it to the platform
    /// calling it (its own summary and remedy, in its caller's terms).
    fn mistake(&self, number: u32, title: &str, error: &Error) {
        let remedy = errors::failure(error).map(|f| f.remedy.clone());
        let mut lines = vec![format!("error:  {}", errors::summary(error))];
        if let Some(remedy) = &remedy {
            lines.push(format!("remedy: {remedy}"));
        }
        lines
            .push("(the component's error value, as a platform calling it receives it)".to_owned());
        self.story.step(
            number,
            title,
            &lines,
            json!({ "error": errors::summary(error), "remedy": remedy }),
        );
    }
}

/// The config for `pinterest` in `environment`.
fn config_of(pinterest: &StandIn, environment: types::Environment) -> types::Config {
    let api = match environment {
        types::Environment::Production => pinterest.base_url(),
        types::Environment::Sandbox => pinterest.sandbox_base_url(),
    };
    types::Config {
        client_id: pinterest.client_id().to_owned(),
        client_secret: pinterest.client_secret().to_owned(),
        environment,
        api_base_url: Some(api),
        authorize_url: Some(pinterest.authorize_url()),
        ad_account_id: None,
    }
}

/// A small file standing in for a video (64 KiB: the stand-in does not
/// decode video).
fn demo_video() -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    bytes.extend((0..65_536u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    bytes
}

/// The lines of a token set, secrets masked.
fn token_lines(tokens: &types::TokenSet) -> Vec<String> {
    let now = now();
    let mut table = Table::new(&["", ""]);
    table.row(vec![
        "access token".into(),
        format!(
            "{}  expires {}",
            mask(&tokens.access_token),
            expiry(u64::from(tokens.expires_at), now)
        ),
    ]);
    if let Some(refresh) = &tokens.refresh_token {
        let until = tokens
            .refresh_token_expires_at
            .map(|at| expiry(u64::from(at), now))
            .unwrap_or_else(|| "unknown".into());
        table.row(vec![
            "refresh token".into(),
            format!("{}  expires {until}", mask(refresh)),
        ]);
    }
    table.row(vec!["scopes".into(), tokens.scopes.join(" ")]);
    table
        .render("")
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// A token set for scripts, secrets masked.
fn token_json(tokens: &types::TokenSet) -> Value {
    json!({
        "access_token": mask(&tokens.access_token),
        "expires_at": tokens.expires_at,
        "refresh_token": tokens.refresh_token.as_deref().map(mask),
        "refresh_token_expires_at": tokens.refresh_token_expires_at,
        "scopes": tokens.scopes,
    })
}
