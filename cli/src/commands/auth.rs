//! `authorize`, `exchange`, `refresh`, `token status` and `token show`: the
//! OAuth steps one at a time, for people who catch the redirect themselves,
//! and the stored tokens.

use serde_json::json;

use pinterest_connector_host::types;

use super::super::args::{AuthorizeArgs, ExchangeArgs, RefreshArgs, TokenShowArgs};
use super::super::context::Context;
use super::super::errors::{self, Action, Doing};
use super::super::exit::{CliError, Exit};
use super::super::hints::quote;
use super::super::output;
use super::super::pause;
use super::super::scopes;
use super::super::session::Session;
use super::super::signals;
use super::super::token_view;
use super::super::tokens::{self, Kept, StoredTokens};

/// `authorize`: prints the consent-page URL, its `state`, and the
/// `exchange` command to run next (with the options in force).
pub fn authorize(context: &Context, args: &AuthorizeArgs) -> Result<Exit, CliError> {
    let config = context.app.with_credentials(false)?;
    let host = context.host()?;
    let asked = scopes::expand(host, &args.scopes)?;
    let authorization = host
        .authorize(&config, &args.redirect_uri, &asked, args.state.as_deref())
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| errors::explain(context, &Doing::new(Action::Authorize), &e))?;
    let next = context.hints.command(&format!(
        "exchange --code CODE --redirect-uri {}",
        quote(&args.redirect_uri)
    ));
    if context.json() {
        output::json(&json!({
            "url": authorization.url,
            "state": authorization.state,
            "redirect_uri": args.redirect_uri,
            "next": next,
        }));
    } else {
        println!(
            "Open this URL to grant access:\n\n  {}\n",
            authorization.url
        );
        println!("state: {}", authorization.state);
        println!(
            "Pinterest then redirects to {}?code=…&state=…; check the state, then run:\n  {next}",
            args.redirect_uri
        );
    }
    Ok(Exit::Success)
}

/// `exchange`: trades a code for tokens and stores them.
pub fn exchange(context: &Context, args: &ExchangeArgs) -> Result<Exit, CliError> {
    let path = context.token_path();
    tokens::check_writable(&path, "the code")?;
    let stored = exchange_and_keep(context, &args.code, &args.redirect_uri)?;
    report_saved(context, &stored, &path);
    Ok(Exit::Success)
}

/// Exchanges `code` and keeps the tokens: in the token file, else where
/// the next run finds them (an error saying where). Ctrl-C is held off
/// from the request until they are kept: the code is spent once sent.
pub fn exchange_and_keep(
    context: &Context,
    code: &str,
    redirect_uri: &str,
) -> Result<StoredTokens, CliError> {
    let path = context.token_path();
    let deferred = signals::defer();
    let stored = exchange_code(context, code, redirect_uri)?;
    pause::at(pause::EXCHANGE_RESPONSE);
    let kept = tokens::keep(&path, &stored, &context.hints);
    drop(deferred);
    match kept {
        Kept::InPlace => Ok(stored),
        Kept::Elsewhere(error) | Kept::Lost(error) => Err(error),
    }
}

/// Exchanges `code` through the component.
fn exchange_code(
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
            errors::explain(context, &Doing::new(Action::Exchange { redirect_uri }), &e)
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
    scopes::refuse_additions(&args.scopes, &context.hints)?;
    let mut session = Session::load(context)?;
    let old_refresh = session.tokens.refresh_token.clone();
    let narrowed = (!args.scopes.is_empty()).then_some(args.scopes.as_slice());
    let refreshed = session.refresh(narrowed)?;
    let rotated = old_refresh != session.tokens.refresh_token;
    if let Some(error) = refreshed.not_saved {
        return Err(error);
    }
    if context.json() {
        let mut value = token_view::json(&session.tokens);
        value["rotated_refresh_token"] = json!(rotated);
        output::json(&value);
    } else {
        println!(
            "Refreshed: access token {} → {}{}; saved to {}.",
            refreshed.old,
            refreshed.new,
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
        types::TokenState::Fresh => "Ready to use.".to_owned(),
        types::TokenState::RefreshDue => format!(
            "Due for refresh: the next API command refreshes first (or run `{}`).",
            context.hints.command("refresh")
        ),
        types::TokenState::Reauthorize => context.hints.sign_in(),
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

/// `token show`: the stored tokens masked, as `token status` shows them;
/// with `--reveal`, the access token itself (refreshed first when due),
/// alone on standard output, or as `{"access_token", "expires_at"}` with
/// `--json`. Nothing else ever prints it.
pub fn show(context: &Context, args: &TokenShowArgs) -> Result<Exit, CliError> {
    if !args.reveal {
        return status(context);
    }
    let session = Session::open(context)?;
    if context.json() {
        output::json(&json!({
            "access_token": session.access_token(),
            "expires_at": session.tokens.expires_at,
        }));
    } else {
        println!("{}", session.access_token());
    }
    Ok(Exit::Success)
}
