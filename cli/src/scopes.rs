//! The scopes `login` and `authorize` ask for: as given, or, for entries
//! written `+SCOPE`, the component's default set (which covers every
//! command here) plus those. The default set is read from the component's
//! manifest (`describe`), where it is defined once.

use pinterest_connector_host::ConnectorHost;

use super::errors;
use super::exit::CliError;
use super::hints::{Hints, quote};

/// The scopes to ask for: `asked` without `+` entries as is (empty asks for
/// the component's default); with `+` entries, the plain entries (or the
/// default set when there are none) plus the `+` ones, without repeats.
pub fn expand(host: &ConnectorHost, asked: &[String]) -> Result<Vec<String>, CliError> {
    let asked: Vec<&str> = asked
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let (added, plain): (Vec<&str>, Vec<&str>) = asked.iter().partition(|s| s.starts_with('+'));
    if added.is_empty() {
        return Ok(plain.iter().map(|s| (*s).to_owned()).collect());
    }
    let mut scopes: Vec<String> = if plain.is_empty() {
        default_scopes(host)?
    } else {
        plain.iter().map(|s| (*s).to_owned()).collect()
    };
    for scope in added {
        let scope = scope.trim_start_matches('+').trim();
        if !scope.is_empty() && !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    Ok(scopes)
}

/// The scopes `authorize` asks for when given none, from the manifest.
pub fn default_scopes(host: &ConnectorHost) -> Result<Vec<String>, CliError> {
    let manifest = host.describe().map_err(|e| errors::from_host(&e))?;
    let value: serde_json::Value = serde_json::from_str(&manifest).map_err(|e| {
        CliError::failure(format!("The component's manifest is not JSON: {e}."))
            .with_remedy("Rebuild the component with ./build.sh.")
    })?;
    value["auth"]["defaultScopes"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        })
        .filter(|list| !list.is_empty())
        .ok_or_else(|| {
            CliError::failure("The component's manifest names no default scopes.").with_remedy(
                "Rebuild the component with ./build.sh, or list every scope with --scope.",
            )
        })
}

/// Refuses `+SCOPE` where only narrowing makes sense (`refresh --scope`).
pub fn refuse_additions(asked: &[String], hints: &Hints) -> Result<(), CliError> {
    match asked.iter().find(|s| s.trim().starts_with('+')) {
        Some(scope) => Err(CliError::usage(format!(
            "refresh --scope {scope}: a refresh can only narrow the granted scopes, not add one."
        ))
        .with_remedy(format!(
            "Sign in again to add a scope: {}.",
            hints.login(&format!("--scope {}", quote(scope.trim())))
        ))),
        None => Ok(()),
    }
}
