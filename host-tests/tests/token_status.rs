//! `token-status` through the real component, with the guest's wall clock
//! stopped at a known time.

mod common;

use common::*;

const DAY: u64 = 24 * 60 * 60;

fn tokens(access_in: u64, refresh_in: Option<u64>) -> types::TokenSet {
    types::TokenSet {
        access_token: ACCESS_TOKEN.into(),
        token_type: "bearer".into(),
        scopes: vec!["boards:read".into()],
        expires_at: (NOW + access_in) as u32,
        refresh_token: Some(REFRESH_TOKEN.into()),
        refresh_token_expires_at: refresh_in.map(|s| (NOW + s) as u32),
    }
}

#[test]
fn judges_tokens_by_the_guest_clock() {
    let host = host().with_fixed_time(NOW);
    assert_eq!(
        host.token_status(&tokens(30 * DAY, Some(60 * DAY)))
            .unwrap(),
        types::TokenState::Fresh
    );
    assert_eq!(
        host.token_status(&tokens(6 * DAY, Some(60 * DAY))).unwrap(),
        types::TokenState::RefreshDue
    );
    let mut dead = tokens(0, Some(0));
    dead.expires_at = (NOW - DAY) as u32;
    dead.refresh_token_expires_at = Some((NOW - 1) as u32);
    assert_eq!(
        host.token_status(&dead).unwrap(),
        types::TokenState::Reauthorize
    );
}
