//! `stand-in`: the local Pinterest stand-in in the foreground, printing
//! where it listens and each request it answers, until Ctrl-C.

use std::sync::mpsc;
use std::time::Duration;

use pinterest_standin::{AccountType, DEFAULT_REDIRECT_URI, StandIn, StandInOptions, WriteLimit};

use super::super::args::StandInArgs;
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::when::human_duration;

/// `stand-in`.
pub fn run(args: &StandInArgs) -> Result<Exit, CliError> {
    let options = StandInOptions {
        redirect_uris: if args.redirect_uris.is_empty() {
            vec![DEFAULT_REDIRECT_URI.to_owned()]
        } else {
            args.redirect_uris.clone()
        },
        trial: !args.standard_access,
        account_type: if args.personal_account {
            AccountType::Pinner
        } else {
            AccountType::Business
        },
        write_limit: args.writes_per_minute.map(|writes| WriteLimit {
            writes,
            window: Duration::from_secs(60),
        }),
        port: args.port,
        ..StandInOptions::default()
    };
    let options = StandInOptions {
        access_token_lifetime: args
            .access_token_lifetime
            .unwrap_or(options.access_token_lifetime),
        refresh_token_lifetime: args
            .refresh_token_lifetime
            .unwrap_or(options.refresh_token_lifetime),
        ..options
    };
    let lifetimes = format!(
        "access {}, refresh {}",
        human_duration(options.access_token_lifetime.as_secs()),
        human_duration(options.refresh_token_lifetime.as_secs())
    );
    let pinterest = StandIn::start(options).map_err(|e| {
        CliError::failure(format!("Could not start the stand-in: {e}."))
            .with_remedy("Pick another --port, or 0 for any free one.")
    })?;
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| CliError::failure(format!("Could not catch Ctrl-C: {e}.")))?;
    output::print_pairs(
        &[
            ("production API", pinterest.base_url()),
            ("sandbox API", pinterest.sandbox_base_url()),
            ("consent page", pinterest.authorize_url()),
            ("app id", pinterest.client_id().to_owned()),
            (
                "app secret",
                format!(
                    "{} (the stand-in's published test secret)",
                    pinterest.client_secret()
                ),
            ),
            ("token lifetimes", lifetimes),
        ],
        "  ",
    );
    println!(
        "Try (in another shell; the settings then apply to every command):\n  export PINTEREST_APP_ID={} PINTEREST_APP_SECRET={} PINTEREST_ENVIRONMENT=sandbox \\\n    PINTEREST_API_BASE_URL={} PINTEREST_AUTHORIZE_URL={}\n  pinterest-connector login\n  pinterest-connector token status\nServing until Ctrl-C; requests:",
        pinterest.client_id(),
        pinterest.client_secret(),
        pinterest.sandbox_base_url(),
        pinterest.authorize_url()
    );
    let mut shown = 0;
    loop {
        let done = stopped.recv_timeout(Duration::from_millis(200)).is_ok();
        let requests = pinterest.requests();
        for request in requests.iter().skip(shown) {
            let query = request
                .query
                .as_deref()
                .map(|q| format!("?{q}"))
                .unwrap_or_default();
            println!(
                "  {} {}{} → {}",
                request.method, request.path, query, request.status
            );
        }
        shown = requests.len();
        if done {
            return Ok(Exit::Success);
        }
    }
}
