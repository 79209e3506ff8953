//! `authorize`, `exchange`, `refresh` and `token status`: the OAuth steps
//! one at a time, for people who catch the redirect themselves.

use serde_json::json;

use pinterest_connector_host::types;

use super::super::args::{AuthorizeArgs, ExchangeArgs, RefreshArgs};
use super::super::context::Context;
use super::super::errors::{self, LOGIN_HINT};
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;
use super::super::signals;
use super::super::token_view;
use super::super::tokens::{self, StoredTokens};

/// `authorize`: prints the consent-page URL and its `state`.
pub fn authorize(context: &Context, args: &AuthorizeArgs) -> Result<Exit, CliError> {
    let config = context.app.with_credentials(false)?;
    let authorization = context
        .host()?
        .authorize(
            &config,
            &args.redirect_uri,
            &args.scopes,
            args.state.as_deref(),
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| errors::from_component(&e))?;
    if context.json() {
        output::json(&json!({
            "url": authorization.url,
            "state": authorization.state,
            "redirect_uri": args.redirect_uri,
        }));
    } else {
        println!(
            "Open this URL to grant access:\n\n  {}\n",
            authorization.url
        );
        println!("state: {}", authorization.state);
        println!(
            "Pinterest then redirects to {}?code=…&state=…; check the state, then run:\n  pinterest-connector exchange --code CODE --redirect-uri {}",
            args.redirect_uri, args.redirect_uri
        );
    }
    Ok(Exit::Success)
}

/// `exchange`: trades a code for tokens and stores them.
pub fn exchange(context: &Context, args: &ExchangeArgs) -> Result<Exit, CliError> {
    let path = context.token_path();
    // The code is spent once sent: hold off Ctrl-C until the tokens are saved.
    let deferred = signals::defer();
    let stored = exchange_code(context, &args.code, &args.redirect_uri)?;
    tokens::save(&path, &stored)?;
    drop(deferred);
    report_saved(context, &stored, &path);
    Ok(Exit::Success)
}

/// Exchanges `code` through the component; a redirect mismatch gets advice
/// about registering the URI exactly.
pub fn exchange_code(
    context: &Context,
    code: &str,
    redirect_uri: &str,
) -> Result<StoredTokens, CliError> {
    let config = context.app.with_credentials(true)?;
    let set = context
        .host()?
        .exchange(&config, code, redirect_uri)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let mut error = errors::from_component(&e);
            if let types::Error::GrantRejected(g) = &e
                && g.problem == types::GrantProblem::RedirectUriMismatch
            {
                error = error.with_remedy(format!(
                    "Use exactly the redirect URI of the consent step ({redirect_uri}), registered for the app character for character (scheme, host, port, path, trailing slash)."
                ));
            }
            error
        })?;
    Ok(StoredTokens::from_set(
        set,
        context.app.environment,
        Some(config.client_id),
    ))
}

/// Prints where the tokens went and what they are (masked).
pub fn report_saved(context: &Context, stored: &StoredTokens, path: &std::path::Path) {
    if context.json() {
        let mut value = token_view::json(stored);
        value["token_file"] = json!(path.display().to_string());
        output::json(&value);
    } else {
        println!("Tokens saved to {} (mode 0600).", path.display());
        output::print_pairs(&token_view::rows(stored), "  ");
    }
}

/// `refresh`: refreshes now and stores the rotated tokens.
pub fn refresh(context: &Context, args: &RefreshArgs) -> Result<Exit, CliError> {
    let mut session = Session::load(context)?;
    let old_refresh = session.tokens.refresh_token.clone();
    let scopes = (!args.scopes.is_empty()).then_some(args.scopes.as_slice());
    let (old, new) = session.refresh(scopes)?;
    let rotated = old_refresh != session.tokens.refresh_token;
    if context.json() {
        let mut value = token_view::json(&session.tokens);
        value["rotated_refresh_token"] = json!(rotated);
        output::json(&value);
    } else {
        println!(
            "Refreshed: access token {old} → {new}{}; saved to {}.",
            if rotated {
                ", refresh token rotated (the old one no longer works)"
            } else {
                ""
            },
            session.path.display()
        );
        output::print_pairs(&token_view::rows(&session.tokens), "  ");
    }
    Ok(Exit::Success)
}

/// `token status`: what the component says about the stored tokens.
pub fn status(context: &Context) -> Result<Exit, CliError> {
    let session = Session::load(context)?;
    let state = context
        .host()?
        .token_status(&session.tokens.to_set())
        .map_err(|e| errors::from_host(&e))?;
    let name = token_view::state_name(state);
    let advice = match state {
        types::TokenState::Fresh => "Ready to use.",
        types::TokenState::RefreshDue => {
            "Due for refresh: the next API command refreshes first (or run `pinterest-connector refresh`)."
        }
        types::TokenState::Reauthorize => LOGIN_HINT,
    };
    if context.json() {
        let mut value = token_view::json(&session.tokens);
        value["state"] = json!(name);
        value["token_file"] = json!(session.path.display().to_string());
        output::json(&value);
    } else {
        println!("Token status: {name}. {advice}");
        let mut rows = vec![("file", session.path.display().to_string())];
        rows.extend(token_view::rows(&session.tokens));
        output::print_pairs(&rows, "  ");
    }
    Ok(match state {
        types::TokenState::Reauthorize => Exit::Auth,
        _ => Exit::Success,
    })
}
