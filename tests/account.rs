//! The user account natively: whose account it is is read strictly, the
//! rest leniently.

mod support;

use pinterest_connector::{AccountType, Error, UserAccount};
use serde_json::{Value, json};
use support::*;

fn account(answer: Value) -> Result<UserAccount, Error> {
    let mut script = Script::new([json(200, answer)]);
    let cfg = config();
    connector(&cfg, script.client()).user_account(&access_token())
}

#[test]
fn an_id_or_username_of_the_wrong_type_is_unexpected() {
    for answer in [
        json!({"id": {"value": "1"}, "username": "chef"}),
        json!({"id": -1, "username": "chef"}),
        json!({"id": "1", "username": 42}),
        json!({"id": "1", "username": ["chef"]}),
    ] {
        let error = account(answer.clone()).unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{answer}: {error:?}"
        );
    }
}

#[test]
fn cosmetic_fields_of_the_wrong_type_read_as_absent() {
    let read = account(json!({
        "id": 2783136121146311751u64,
        "username": null,
        "account_type": ["BUSINESS"],
        "business_name": 7,
        "website_url": {},
        "board_count": "14",
        "follower_count": -3,
    }))
    .unwrap();
    assert_eq!(read.id.as_deref(), Some("2783136121146311751"));
    assert_eq!(read.username, None);
    assert_eq!(read.account_type, None);
    assert_eq!((read.business_name, read.website_url), (None, None));
    assert_eq!((read.board_count, read.follower_count), (None, None));
    let read = account(json!({"username": "chef", "account_type": "business"})).unwrap();
    assert_eq!(read.account_type, Some(AccountType::Business));
}
