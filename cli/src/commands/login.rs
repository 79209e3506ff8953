//! `login`: the whole OAuth flow from a terminal: listen on the loopback
//! redirect URI, show (and open) the consent page, catch the redirect,
//! check `state`, exchange the code, store the tokens.

use std::time::Duration;

use pinterest_connector_host::types;

use super::super::args::LoginArgs;
use super::super::browser;
use super::super::context::Context;
use super::super::errors::{self, Action, Doing};
use super::super::exit::{CliError, Exit};
use super::super::loopback::Loopback;
use super::super::scopes;
use super::super::tokens;
use super::auth::{exchange_and_keep, report_saved};

/// `login`.
pub fn run(context: &Context, args: &LoginArgs) -> Result<Exit, CliError> {
    let config = context.app.with_credentials(true)?;
    let path = context.token_path();
    // Before the user consents: a code whose tokens could not be kept
    // would be wasted.
    tokens::check_writable(&path, "the consent request")?;
    let host = context.host()?;
    let asked = scopes::expand(host, &args.scopes)?;
    let authorization = host
        .authorize(&config, &args.redirect_uri, &asked, None)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| errors::explain(context, &Doing::new(Action::Authorize), &e))?;
    // Listen before showing the URL, so a quick browser cannot arrive first.
    let loopback = Loopback::bind(&args.redirect_uri, &context.hints)?;
    let environment = match context.app.environment {
        types::Environment::Production => "production",
        types::Environment::Sandbox => "the sandbox",
    };
    // With --json, standard output is for the result alone.
    let say = |text: &str| {
        if context.json() {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
    };
    say(&format!(
        "Open this URL in a browser to let the app use your Pinterest account ({environment}):\n"
    ));
    say(&format!("  {}\n", authorization.url));
    if !args.no_browser && browser::open(&authorization.url) {
        say("(opened in your browser)");
    }
    say(&format!(
        "Waiting up to {} s for the redirect to {} (it must be registered for the app exactly, trailing slash included) …",
        args.timeout, args.redirect_uri
    ));
    let redirect = loopback.wait(&authorization.state, Duration::from_secs(args.timeout))?;
    say("Redirect received, state checked; exchanging the code …");
    let stored = exchange_and_keep(context, &redirect.code, &args.redirect_uri)?;
    report_saved(context, &stored, &path);
    Ok(Exit::Success)
}
