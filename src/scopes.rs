//! Pinterest v5 OAuth scopes: the valid names, the defaults, and the legacy
//! v3 names mapped to their replacements.

use crate::error::Error;

/// Every scope of Pinterest API v5 (`pinterest_oauth2` in the API
/// description).
pub const V5_SCOPES: [&str; 19] = [
    "ads:read",
    "ads:write",
    "billing:read",
    "billing:write",
    "biz_access:read",
    "biz_access:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "catalogs:read",
    "catalogs:write",
    "msot:write",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
    "user_accounts:read",
    "user_accounts:write",
];

/// Scopes asked for when none are given: enough for every operation of the
/// connector (`pins/create` needs `boards:read`, `boards:write`, `pins:read`
/// and `pins:write`; `user_account/get` needs `user_accounts:read`).
pub const DEFAULT_SCOPES: [&str; 5] = [
    "boards:read",
    "boards:write",
    "pins:read",
    "pins:write",
    "user_accounts:read",
];

/// Legacy v3 scope names and their v5 replacements.
const LEGACY_SCOPES: [(&str, &str); 6] = [
    ("read_public", "boards:read, pins:read"),
    ("write_public", "boards:write, pins:write"),
    ("read_secret", "boards:read_secret, pins:read_secret"),
    ("write_secret", "boards:write_secret, pins:write_secret"),
    ("read_users", "user_accounts:read"),
    ("write_users", "user_accounts:write"),
];

/// Checks requested scopes and returns them without duplicates, in order.
/// `field` names the argument in errors (e.g. `scopes`).
pub fn check(field: &str, scopes: &[String]) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::with_capacity(scopes.len());
    for (i, scope) in scopes.iter().enumerate() {
        let scope = scope.trim();
        let item = format!("{field}[{i}]");
        if let Some((_, v5)) = LEGACY_SCOPES.iter().find(|(v3, _)| *v3 == scope) {
            return Err(Error::invalid(
                item,
                format!("'{scope}' is a legacy v3 scope; Pinterest v5 uses {v5}"),
            ));
        }
        if !V5_SCOPES.contains(&scope) {
            let shown: String = scope.chars().take(40).collect();
            return Err(Error::invalid(
                item,
                format!(
                    "'{shown}' is not a Pinterest v5 scope (valid: {})",
                    V5_SCOPES.join(", ")
                ),
            ));
        }
        if !out.iter().any(|s| s == scope) {
            out.push(scope.to_owned());
        }
    }
    Ok(out)
}

/// Most scopes kept from a token response (Pinterest has 19).
pub const MAX_GRANTED: usize = 64;
/// Longest scope name kept from a token response, in bytes.
pub const MAX_GRANTED_LEN: usize = 64;

/// Splits a `scope` value from the token endpoint (space- or
/// comma-separated) into scopes, without duplicates. A scope list is only
/// informative, so a hostile one is cut rather than refused: at most
/// [`MAX_GRANTED`] scopes of at most [`MAX_GRANTED_LEN`] bytes are kept.
pub fn split(granted: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for scope in granted
        .split([' ', ','])
        .filter(|s| !s.is_empty() && s.len() <= MAX_GRANTED_LEN)
    {
        if out.len() == MAX_GRANTED {
            break;
        }
        if !out.iter().any(|s| s == scope) {
            out.push(scope.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn accepts_v5_scopes_and_drops_duplicates() {
        let checked = check("scopes", &owned(&["pins:read", "boards:read", "pins:read"])).unwrap();
        assert_eq!(checked, owned(&["pins:read", "boards:read"]));
    }

    #[test]
    fn legacy_scopes_name_their_v5_equivalents() {
        for (v3, v5) in LEGACY_SCOPES {
            match check("scopes", &owned(&["boards:read", v3])) {
                Err(Error::InvalidInput { field, reason }) => {
                    assert_eq!(field, "scopes[1]");
                    assert!(reason.contains(v5), "{reason}");
                    assert!(reason.contains("legacy v3"), "{reason}");
                }
                other => panic!("{v3}: {other:?}"),
            }
        }
    }

    #[test]
    fn unknown_scopes_list_the_valid_ones() {
        match check("scopes", &owned(&["boards:delete"])) {
            Err(Error::InvalidInput { reason, .. }) => {
                assert!(reason.starts_with("'boards:delete' is not a Pinterest v5 scope"));
                assert!(reason.contains("user_accounts:write"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn granted_scopes_split_on_spaces_or_commas() {
        assert_eq!(
            split("boards:read pins:read,pins:write  boards:read"),
            owned(&["boards:read", "pins:read", "pins:write"])
        );
        assert!(split("").is_empty());
    }

    #[test]
    fn a_hostile_scope_list_is_cut_quickly() {
        let many: String = (0..200_000).map(|i| format!("s{i} ")).collect();
        let kept = split(&many);
        assert_eq!(kept.len(), MAX_GRANTED);
        assert_eq!(kept.last().map(String::as_str), Some("s63"));
        assert!(split(&"x".repeat(65)).is_empty());
    }
}
