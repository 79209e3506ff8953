//! `get-user-account` through the real component: what a "Test
//! credentials" button calls.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, ResponseTemplate};

fn endpoint() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/v5/user_account"))
}

#[test]
fn reads_the_account() {
    let p = Pinterest::start();
    p.mount(
        endpoint()
            .and(header(
                "authorization",
                format!("Bearer {ACCESS_TOKEN}").as_str(),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "account_type": "BUSINESS",
                "id": "2783136121146311751",
                "profile_image": "https://i.pinimg.com/p.jpg",
                "website_url": "https://shop.example",
                "username": "lemonshop",
                "about": "Tarts",
                "business_name": "Lemon Shop",
                "board_count": 14,
                "pin_count": 339,
                "follower_count": 10,
                "following_count": 347,
                "monthly_views": 163
            }))),
    );
    let account = host()
        .get_user_account(&p.config(), ACCESS_TOKEN)
        .unwrap()
        .unwrap();
    assert_eq!(account.account_type, Some(types::AccountType::Business));
    assert_eq!(account.username.as_deref(), Some("lemonshop"));
    assert_eq!(account.id.as_deref(), Some("2783136121146311751"));
    assert_eq!(account.business_name.as_deref(), Some("Lemon Shop"));
    assert_eq!(
        (
            account.board_count,
            account.pin_count,
            account.follower_count,
            account.following_count,
            account.monthly_views
        ),
        (Some(14), Some(339), Some(10), Some(347), Some(163))
    );
}

#[test]
fn a_personal_account_is_reported_as_such() {
    let p = Pinterest::start();
    p.mount(
        endpoint().respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"account_type": "PINNER", "username": "me"})),
        ),
    );
    let account = host()
        .get_user_account(&p.config(), ACCESS_TOKEN)
        .unwrap()
        .unwrap();
    assert_eq!(account.account_type, Some(types::AccountType::Pinner));
    assert_eq!(account.board_count, None);
}

#[test]
fn the_spec_403_is_forbidden() {
    let p = Pinterest::start();
    p.mount(
        endpoint().respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"code": 403, "message": "Not authorized to access the user account."}),
        )),
    );
    let error = host()
        .get_user_account(&p.config(), ACCESS_TOKEN)
        .unwrap()
        .unwrap_err();
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
}

#[test]
fn every_failure_is_typed() {
    assert_failures(endpoint, api_failures(), |p| {
        host()
            .get_user_account(&p.config(), ACCESS_TOKEN)
            .unwrap()
            .map(drop)
    });
}
