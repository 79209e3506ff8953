//! `demo`: the whole story against a local Pinterest stand-in, through the
//! component: consent URL, consent, code exchange, token status, account,
//! every board, a pin, a refresh, and two deliberate mistakes with the
//! advice the component gives for them.

use pinterest_connector_host::types::{self, Error};
use pinterest_connector_host::{ConnectorHost, EgressPolicy};
use pinterest_standin::{StandIn, StandInOptions};

use super::args::{DEFAULT_REDIRECT_URI, Global};
use super::component::Component;
use super::consent;
use super::context::load_host;
use super::errors;
use super::exit::{CliError, Exit};
use super::mask::mask;
use super::output::Table;
use super::token_view::{expiry, now, state_name};

/// Boards per page when following bookmarks.
const PAGE_SIZE: u32 = 25;

/// `demo`.
pub fn run(global: &Global) -> Result<Exit, CliError> {
    let pinterest = StandIn::start(StandInOptions::default())
        .map_err(|e| CliError::failure(format!("could not start the Pinterest stand-in: {e}")))?;
    let component = Component::choose(global.component.as_deref());
    let egress = EgressPolicy::none()
        .allow(&pinterest.base_url())
        .map_err(|e| CliError::failure(format!("the stand-in's address: {e}")))?;
    let host = load_host(&component, global.cache_dir.clone(), egress)?;
    println!("Pinterest connector demo");
    println!("  component:  {}", component.describe());
    println!(
        "  Pinterest:  a local stand-in at {} (sandbox at {}), a Trial-access app {}",
        pinterest.base_url(),
        pinterest.sandbox_base_url(),
        pinterest.client_id()
    );
    println!(
        "  Every call below is a function of the component; its HTTP goes out through the host's http.send.\n"
    );
    let demo = Demo {
        host: &host,
        pinterest: &pinterest,
    };
    demo.story()?;
    println!(
        "\nDone: {} HTTP requests reached the stand-in, all sent by the component.",
        pinterest.requests().len()
    );
    Ok(Exit::Success)
}

/// The demo's host and stand-in.
struct Demo<'a> {
    host: &'a ConnectorHost,
    pinterest: &'a StandIn,
}

/// An unexpected outcome of a step.
fn broken(step: &str, what: impl std::fmt::Display) -> CliError {
    CliError::failure(format!("demo step \"{step}\" went wrong: {what}"))
}

/// The result of a component call, or the demo error for it.
fn expect<T>(step: &str, result: wasmtime::Result<Result<T, Error>>) -> Result<T, CliError> {
    result
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| broken(step, errors::from_component(&e)))
}

impl Demo<'_> {
    fn config(&self, environment: types::Environment) -> types::Config {
        let api = match environment {
            types::Environment::Production => self.pinterest.base_url(),
            types::Environment::Sandbox => self.pinterest.sandbox_base_url(),
        };
        types::Config {
            client_id: self.pinterest.client_id().to_owned(),
            client_secret: self.pinterest.client_secret().to_owned(),
            environment,
            api_base_url: Some(api),
            authorize_url: Some(self.pinterest.authorize_url()),
            ad_account_id: None,
        }
    }

    /// Consent URL, consent, exchange: tokens for `environment`.
    fn sign_in(
        &self,
        environment: types::Environment,
        verbose: bool,
    ) -> Result<types::TokenSet, CliError> {
        let config = self.config(environment);
        let authorization = expect(
            "authorize",
            self.host
                .authorize(&config, DEFAULT_REDIRECT_URI, &[], None),
        )?;
        if verbose {
            println!("1. Consent URL (authorize; no HTTP call)");
            println!("   {}", authorization.url);
        }
        let consent = consent::follow(&authorization.url).map_err(|e| broken("consent", e))?;
        if consent.state.as_deref() != Some(authorization.state.as_str()) {
            return Err(broken("consent", "the state that came back differs"));
        }
        let code = consent
            .code
            .ok_or_else(|| broken("consent", format!("no code in {}", consent.location)))?;
        if verbose {
            println!("2. Consent: the stand-in approves at once and redirects the browser");
            println!(
                "   302 → {DEFAULT_REDIRECT_URI}?code={}&state=…  (state matches the one sent)",
                mask(&code)
            );
        }
        let tokens = expect(
            "exchange",
            self.host.exchange(&config, &code, DEFAULT_REDIRECT_URI),
        )?;
        if verbose {
            println!("3. Exchange the code for tokens (exchange: POST /v5/oauth/token)");
            print_tokens(&tokens);
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
        println!(
            "4. Token status (token-status; no HTTP call): {}",
            state_name(state)
        );

        let account = expect(
            "account",
            self.host.get_user_account(&config, &tokens.access_token),
        )?;
        println!("5. Account check (get-user-account: GET /v5/user_account)");
        println!(
            "   {} — {} account \"{}\", {} boards",
            account.username.as_deref().unwrap_or("?"),
            super::commands::account::account_type(&account),
            account.business_name.as_deref().unwrap_or("-"),
            account.board_count.unwrap_or_default()
        );

        let boards = self.all_boards(&config, &tokens.access_token, account.board_count)?;
        let target = boards
            .iter()
            .find(|b| b.privacy == types::BoardPrivacy::Public)
            .ok_or_else(|| broken("boards", "no public board"))?
            .clone();

        let pin = expect(
            "create pin",
            self.host.create_pin(
                &config,
                &tokens.access_token,
                &types::PinInput {
                    board_id: target.id.clone(),
                    board_section_id: None,
                    media: types::MediaSource::ImageUrl(
                        "https://example.com/images/lemon-tart.jpg".into(),
                    ),
                    title: Some("Lemon tart".into()),
                    description: Some("Bright, sharp, and ready in an hour.".into()),
                    link: Some("https://example.com/recipes/lemon-tart".into()),
                    alt_text: Some("A lemon tart on a white plate".into()),
                    dominant_color: None,
                    parent_pin_id: None,
                },
            ),
        )?;
        println!("7. Create a pin in the sandbox (create-pin: POST /v5/pins)");
        println!(
            "   pin {} on board {} \"{}\"",
            pin.id, target.id, target.name
        );
        println!("   {}", pin.url);
        println!(
            "   created_at {} (Pinterest sends no zone; the component adds Z), image {}",
            pin.created_at.as_deref().unwrap_or("-"),
            pin.image_url.as_deref().unwrap_or("-")
        );

        let old_refresh = tokens
            .refresh_token
            .clone()
            .ok_or_else(|| broken("refresh", "no refresh token was issued"))?;
        let fresh = expect("refresh", self.host.refresh(&config, &old_refresh, None))?;
        println!("8. Refresh (refresh: POST /v5/oauth/token, grant_type=refresh_token)");
        println!(
            "   access token   {} → {}",
            mask(&tokens.access_token),
            mask(&fresh.access_token)
        );
        println!(
            "   refresh token  {} → {}  (rotated: store the whole new set)",
            mask(&old_refresh),
            fresh.refresh_token.as_deref().map(mask).unwrap_or_default()
        );

        println!("9. A deliberate mistake: refreshing again with the old refresh token");
        let reuse = self
            .host
            .refresh(&config, &old_refresh, None)
            .map_err(|e| errors::from_host(&e))?;
        match reuse {
            Err(error @ Error::GrantRejected(_)) => print_error(&error),
            other => {
                return Err(broken(
                    "reuse",
                    format!("expected a refusal, got {other:?}"),
                ));
            }
        }

        println!("10. Another: a Trial-access app creating the same pin in production");
        let production = types::Environment::Production;
        let production_tokens = self.sign_in(production, false)?;
        let attempt = self
            .host
            .create_pin(
                &self.config(production),
                &production_tokens.access_token,
                &types::PinInput {
                    board_id: target.id.clone(),
                    board_section_id: None,
                    media: types::MediaSource::ImageUrl(
                        "https://example.com/images/lemon-tart.jpg".into(),
                    ),
                    title: Some("Lemon tart".into()),
                    description: None,
                    link: None,
                    alt_text: None,
                    dominant_color: None,
                    parent_pin_id: None,
                },
            )
            .map_err(|e| errors::from_host(&e))?;
        match attempt {
            Err(error @ Error::TrialAccess(_)) => print_error(&error),
            other => return Err(broken("trial", format!("expected code 29, got {other:?}"))),
        }
        Ok(())
    }

    /// Step 6: every board, page by page.
    fn all_boards(
        &self,
        config: &types::Config,
        token: &str,
        on_account: Option<u32>,
    ) -> Result<Vec<types::Board>, CliError> {
        println!(
            "6. Every board, following bookmarks (list-boards: GET /v5/boards, {PAGE_SIZE} per page)"
        );
        let mut boards = Vec::new();
        let mut bookmark = None;
        for page in 1.. {
            let result = expect(
                "list boards",
                self.host.list_boards(
                    config,
                    token,
                    &types::ListBoardsQuery {
                        bookmark: bookmark.clone(),
                        page_size: Some(PAGE_SIZE),
                        privacy: None,
                    },
                ),
            )?;
            let count = result.items.len();
            boards.extend(result.items);
            bookmark = result.bookmark;
            match &bookmark {
                Some(next) => println!("   page {page}: {count} boards, bookmark {next}"),
                None => {
                    println!("   page {page}: {count} boards, no bookmark: last page");
                    break;
                }
            }
        }
        let listed = u32::try_from(boards.len()).unwrap_or(u32::MAX);
        let hidden = on_account.unwrap_or(listed).saturating_sub(listed);
        println!(
            "   {listed} boards listed; the other {hidden} are secret and need the boards:read_secret scope, not asked for here. First five:"
        );
        let first: Vec<types::Board> = boards.iter().take(5).cloned().collect();
        println!("{}", super::commands::boards::table(&first).render("   "));
        Ok(boards)
    }
}

fn print_tokens(tokens: &types::TokenSet) {
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
    for line in table.render("   ").lines().skip(1) {
        println!("{line}");
    }
}

fn print_error(error: &Error) {
    println!("   error:  {}", errors::summary(error));
    if let Some(failure) = errors::failure(error) {
        println!("   remedy: {}", failure.remedy);
    }
}
