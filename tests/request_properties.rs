//! Properties of the request builders, over generated input: every redirect
//! URI, state, scope list, code, token and bookmark the builders accept comes
//! back out of the built URL or form exactly (parsed back with `url`), and
//! no input adds a query parameter, a form field or a header, however many
//! `&`, `#`, `=`, `%`, `+`, CR or LF it holds. Refused input is refused as
//! `invalid-input` naming its field.

mod support;

use pinterest_connector::internals::{boards, oauth};
use pinterest_connector::limits::MAX_BOOKMARK_BYTES;
use pinterest_connector::{
    AccessToken, AuthorizationCode, ClientSecret, DEFAULT_SCOPES, Error, ListQuery, RefreshToken,
    Request, V5_SCOPES,
};
use proptest::prelude::*;
use support::*;
use url::Url;

/// Characters that break naive encoders, mixed with plain and any others.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '&', '#', '=', '?', '%', '+', ' ', '\r', '\n', '\t', '\0', '/', ';', ',', '"', '\'',
            '\\', ':', '@', '[', ']', '~', 'é', '€', '\u{2028}', '\u{FEFF}',
        ]),
        4 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

/// A redirect URI: a valid base with anything after it.
fn redirect_uri() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "https://app.example/oauth/callback",
            "https://app.example/cb?x=1",
            "http://localhost:8085/",
            "http://127.0.0.1:9/cb",
            "http://[::1]/",
        ]),
        tricky_string(24),
    )
        .prop_map(|(base, tail)| format!("{base}{tail}"))
}

/// 0 to 6 scopes: v5 names (repeated, with spaces around) and some others.
fn scope_list() -> impl Strategy<Value = Vec<String>> {
    let scope = prop_oneof![
        6 => prop::sample::select(V5_SCOPES.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(V5_SCOPES.to_vec()).prop_map(|s| format!(" {s} ")),
        1 => tricky_string(12),
    ];
    prop::collection::vec(scope, 0..6)
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn field_of(error: Error) -> String {
    match error {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// No header value of `request` can end its line early.
fn assert_headers_are_single_lines(request: &Request) {
    for (name, value) in &request.headers {
        assert!(
            !value.contains(['\r', '\n', '\0']),
            "header {name} would break its line"
        );
    }
}

/// What the connector does with the scopes it is asked for.
fn expected_scopes(scopes: &[String]) -> String {
    if scopes.is_empty() {
        return DEFAULT_SCOPES.join(",");
    }
    let mut unique: Vec<&str> = Vec::new();
    for scope in scopes.iter().map(|s| s.trim()) {
        if !unique.contains(&scope) {
            unique.push(scope);
        }
    }
    unique.join(",")
}

proptest! {
    #[test]
    fn authorize_round_trips_redirect_uri_state_and_scopes(
        redirect in redirect_uri(),
        state in tricky_string(40),
        scopes in scope_list(),
    ) {
        match oauth::authorization_url(&config(), &redirect, &scopes, &state) {
            Ok(url) => {
                let parsed = Url::parse(url.as_str()).unwrap();
                prop_assert_eq!(parsed.host_str(), Some("www.pinterest.com"));
                prop_assert_eq!(parsed.fragment(), None);
                let query: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
                let scope = expected_scopes(&scopes);
                prop_assert_eq!(query, pairs(&[
                    ("client_id", CLIENT_ID),
                    ("redirect_uri", &redirect),
                    ("response_type", "code"),
                    ("scope", &scope),
                    ("state", &state),
                ]));
            }
            Err(error) => {
                let field = field_of(error);
                prop_assert!(
                    field == "redirect-uri" || field == "state" || field.starts_with("scopes["),
                    "{}", field
                );
            }
        }
    }

    #[test]
    fn redirect_uris_are_refused_only_for_a_reason(tail in tricky_string(24)) {
        let redirect = format!("https://app.example/cb{tail}");
        let result = oauth::authorization_url(&config(), &redirect, &[], "s");
        let reason_to_refuse = redirect.contains('#')
            || redirect.chars().any(char::is_control)
            || redirect.trim() != redirect;
        prop_assert_eq!(result.is_err(), reason_to_refuse, "{:?}", redirect);
    }

    #[test]
    fn exchange_round_trips_code_and_redirect_uri(
        code in tricky_string(30),
        redirect in redirect_uri(),
    ) {
        match oauth::exchange_request(&config(), &AuthorizationCode::new(code.as_str()), &redirect) {
            Ok(request) => {
                assert_headers_are_single_lines(&request);
                prop_assert_eq!(request.url.as_str(), "https://api.pinterest.com/v5/oauth/token");
                prop_assert_eq!(form(&request), pairs(&[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", &redirect),
                    ("continuous_refresh", "true"),
                ]));
            }
            Err(error) => {
                let field = field_of(error);
                prop_assert!(field == "code" || field == "redirect-uri", "{}", field);
            }
        }
    }

    #[test]
    fn refresh_round_trips_the_token_and_the_narrowed_scopes(
        token in tricky_string(30),
        scopes in scope_list(),
    ) {
        let narrowed = (!scopes.is_empty()).then_some(scopes.as_slice());
        match oauth::refresh_request(&config(), &RefreshToken::new(token.as_str()), narrowed) {
            Ok(request) => {
                assert_headers_are_single_lines(&request);
                let mut expected = pairs(&[("grant_type", "refresh_token"), ("refresh_token", &token)]);
                if narrowed.is_some() {
                    expected.push(("scope".to_owned(), expected_scopes(&scopes)));
                }
                prop_assert_eq!(form(&request), expected);
            }
            Err(error) => {
                let field = field_of(error);
                prop_assert!(field == "refresh-token" || field.starts_with("scopes["), "{}", field);
            }
        }
    }

    #[test]
    fn a_bookmark_is_one_query_value_whatever_it_holds(
        bookmark in tricky_string(60),
        page_size in proptest::option::of(1u32..=250),
    ) {
        let query = ListQuery { bookmark: Some(bookmark.clone()), page_size, privacy: None };
        let request = boards::list_request(&config(), &access_token(), &query).unwrap();
        let url = Url::parse(&request.url).unwrap();
        prop_assert_eq!(url.path(), "/v5/boards");
        prop_assert_eq!(url.fragment(), None);
        let mut expected = Vec::new();
        if !bookmark.is_empty() {
            expected.push(("bookmark".to_owned(), bookmark.clone()));
        }
        if let Some(size) = page_size {
            expected.push(("page_size".to_owned(), size.to_string()));
        }
        let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        prop_assert_eq!(query, expected);
    }

    #[test]
    fn long_bookmarks_are_refused_by_their_length(extra in 1usize..64) {
        let query = ListQuery {
            bookmark: Some("b".repeat(MAX_BOOKMARK_BYTES + extra)),
            ..ListQuery::default()
        };
        let error = boards::list_request(&config(), &access_token(), &query).unwrap_err();
        prop_assert_eq!(field_of(error), "query.bookmark");
    }

    #[test]
    fn an_access_token_is_sent_as_it_is_or_refused(token in tricky_string(30)) {
        let query = ListQuery::default();
        match boards::list_request(&config(), &AccessToken::new(token.as_str()), &query) {
            Ok(request) => {
                assert_headers_are_single_lines(&request);
                let expected = format!("Bearer {token}");
                prop_assert_eq!(request.header("authorization"), Some(expected.as_str()));
                prop_assert_eq!(request.headers.len(), 3);
            }
            Err(error) => prop_assert_eq!(field_of(error), "access-token"),
        }
    }

    #[test]
    fn client_credentials_never_add_a_header(
        client_id in tricky_string(16),
        client_secret in tricky_string(24),
    ) {
        let mut cfg = config();
        cfg.client_id = client_id;
        cfg.client_secret = ClientSecret::new(client_secret);
        match oauth::refresh_request(&cfg, &refresh_token(), None) {
            Ok(request) => {
                assert_headers_are_single_lines(&request);
                prop_assert_eq!(request.headers.len(), 4);
            }
            Err(error) => {
                let field = field_of(error);
                prop_assert!(field.starts_with("config.client-"), "{}", field);
            }
        }
    }

    #[test]
    fn board_ids_stay_in_their_path_segment(board_id in tricky_string(20)) {
        match boards::get_request(&config(), &access_token(), &board_id) {
            Ok(request) => {
                let url = Url::parse(&request.url).unwrap();
                prop_assert_eq!(url.path(), format!("/v5/boards/{board_id}"));
                prop_assert_eq!(url.query(), None);
            }
            Err(error) => prop_assert_eq!(field_of(error), "board-id"),
        }
    }
}
