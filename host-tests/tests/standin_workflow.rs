//! Every board, section and pin operation once against the Pinterest
//! stand-in (`pinterest-standin`, an independent model of the API), as a
//! Business Access user of a Standard-access app: what the component sends
//! is what the stand-in accepts, and what it answers is what the component
//! reads.

mod common;

use common::*;
use pinterest_standin::{Environment as StandInEnvironment, StandIn, StandInOptions};

/// The seeded board with 60 pins and 60 sections.
const SEEDED_BOARD: &str = "549755885100";
/// Its first section, holding a quarter of its pins.
const SEEDED_SECTION: &str = "54975588510001";

fn standard_access() -> (StandIn, Config, String) {
    let pinterest = StandIn::start(StandInOptions {
        trial: false,
        ..StandInOptions::default()
    })
    .unwrap();
    let tokens = pinterest.issue_tokens(
        StandInEnvironment::Production,
        &["boards:read", "boards:write", "pins:read", "pins:write"],
    );
    let config = business(Config {
        client_id: pinterest.client_id().to_owned(),
        client_secret: pinterest.client_secret().to_owned(),
        environment: Environment::Production,
        api_base_url: Some(pinterest.base_url()),
        authorize_url: None,
        ad_account_id: None,
    });
    (pinterest, config, tokens.access_token)
}

fn ids(pins: &[types::Pin]) -> Vec<String> {
    pins.iter().map(|p| p.id.clone()).collect()
}

#[test]
fn boards_sections_and_pins_through_the_stand_in() {
    let (pinterest, config, token) = standard_access();
    let host = host();
    let token = token.as_str();

    // A board: created, changed.
    let board = types::BoardInput {
        name: "Weeknight dinners".into(),
        description: Some("Quick ones".into()),
        privacy: Some(types::BoardPrivacy::Public),
        is_ads_only: None,
    };
    let created = host.create_board(&config, token, &board).unwrap().unwrap();
    assert_eq!(created.name, "Weeknight dinners");
    assert_eq!(created.description.as_deref(), Some("Quick ones"));
    let board_id = created.id.clone();
    let changes = types::BoardChanges {
        name: Some("Weekend dinners".into()),
        description: Some(String::new()),
        privacy: Some(types::BoardPrivacy::Secret),
    };
    let changed = host
        .update_board(&config, token, &board_id, &changes)
        .unwrap()
        .unwrap_err();
    // Making a board secret needs boards:write_secret, which this token
    // lacks: the stand-in says so as Pinterest does (code 3).
    let Error::MissingScope(missing) = &changed else {
        panic!("{changed:?}")
    };
    assert!(
        missing.failure.remedy.contains("boards:write"),
        "{changed:?}"
    );
    let changes = types::BoardChanges {
        privacy: None,
        ..changes
    };
    let changed = host
        .update_board(&config, token, &board_id, &changes)
        .unwrap()
        .unwrap();
    assert_eq!(changed.name, "Weekend dinners");
    assert_eq!(changed.description, None, "an empty description clears it");

    // Sections: created, renamed, listed.
    let section = host
        .create_section(&config, token, &board_id, "Pasta")
        .unwrap()
        .unwrap();
    let section_ref = types::SectionRef {
        board_id: board_id.clone(),
        section_id: section.id.clone(),
    };
    let renamed = host
        .update_section(&config, token, &section_ref, "Pasta & rice")
        .unwrap()
        .unwrap();
    assert_eq!(
        (renamed.id.as_str(), renamed.name.as_str()),
        (section.id.as_str(), "Pasta & rice")
    );
    let page = host
        .list_sections(&config, token, &board_id, &first_page())
        .unwrap()
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.bookmark, None);

    // The seeded board's 60 sections: a capped list-all, then page by page
    // from where it stopped.
    let first = host
        .list_all_sections(&config, token, SEEDED_BOARD, Some(25))
        .unwrap()
        .unwrap();
    assert_eq!(first.items.len(), 25);
    let mut sections = first.items;
    let mut query = types::PageQuery {
        bookmark: first.bookmark,
        page_size: Some(20),
    };
    while query.bookmark.is_some() {
        let page = host
            .list_sections(&config, token, SEEDED_BOARD, &query)
            .unwrap()
            .unwrap();
        sections.extend(page.items);
        query.bookmark = page.bookmark;
    }
    assert_eq!(sections.len(), 60);
    assert_eq!(sections[0].id, SEEDED_SECTION);
    assert_eq!(sections[59].id, "54975588510060");
    let all = host
        .list_all_sections(&config, token, SEEDED_BOARD, None)
        .unwrap()
        .unwrap();
    let names = |items: &[types::Section]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect()
    };
    assert_eq!(names(&all.items), names(&sections));
    assert_eq!(all.bookmark, None);

    // Pins of the seeded board: one page, then all, newest first.
    let board_source = types::PinSource::Board(SEEDED_BOARD.into());
    let expected: Vec<String> = pinterest
        .board_pins(SEEDED_BOARD)
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(expected.len(), 60);
    let page = host
        .list_pins(&config, token, &board_source, &first_page())
        .unwrap()
        .unwrap();
    assert_eq!(ids(&page.items), expected[..25]);
    assert!(page.bookmark.is_some());
    let all = host
        .list_all_pins(&config, token, &board_source, None)
        .unwrap()
        .unwrap();
    assert_eq!(ids(&all.items), expected);
    assert_eq!(all.bookmark, None);
    let capped = host
        .list_all_pins(&config, token, &board_source, Some(40))
        .unwrap()
        .unwrap();
    assert_eq!(ids(&capped.items), expected[..40]);
    assert!(capped.bookmark.is_some());

    // Pins of a seeded section, and of the account.
    let section_source = types::PinSource::Section(types::SectionRef {
        board_id: SEEDED_BOARD.into(),
        section_id: SEEDED_SECTION.into(),
    });
    let in_section: Vec<String> = pinterest
        .board_pins(SEEDED_BOARD)
        .into_iter()
        .filter(|p| p.board_section_id.as_deref() == Some(SEEDED_SECTION))
        .map(|p| p.id)
        .collect();
    assert_eq!(in_section.len(), 15);
    let page = host
        .list_pins(&config, token, &section_source, &first_page())
        .unwrap()
        .unwrap();
    assert_eq!(ids(&page.items), in_section);
    assert_eq!(page.bookmark, None);
    let all = host
        .list_all_pins(&config, token, &section_source, Some(10))
        .unwrap()
        .unwrap();
    assert_eq!(ids(&all.items), in_section[..10]);
    let account = host
        .list_all_pins(&config, token, &types::PinSource::Account, None)
        .unwrap()
        .unwrap();
    assert_eq!(account.bookmark, None);
    let listed = ids(&account.items);
    assert!(listed.len() >= 60, "{} pins", listed.len());
    let live: Vec<String> = pinterest
        .live_pins()
        .into_iter()
        .map(|p| p.id)
        .filter(|id| listed.contains(id))
        .collect();
    assert_eq!(listed, live, "newest first, as the stand-in holds them");
    let page = host
        .list_pins(&config, token, &types::PinSource::Account, &first_page())
        .unwrap()
        .unwrap();
    assert_eq!(ids(&page.items), listed[..25]);

    // One pin: saved to the new board's section, read, changed, deleted.
    let original = &expected[0];
    let saved = host
        .save_pin(&config, token, original, &board_id, Some(&section.id))
        .unwrap()
        .unwrap();
    assert_eq!(saved.parent_pin_id.as_deref(), Some(original.as_str()));
    assert_eq!(saved.board_id.as_deref(), Some(board_id.as_str()));
    assert_eq!(saved.board_section_id.as_deref(), Some(section.id.as_str()));
    let read = host.get_pin(&config, token, &saved.id).unwrap().unwrap();
    assert_eq!(format!("{read:?}"), format!("{saved:?}"));
    let changes = types::PinChanges {
        board_id: None,
        board_section_id: Some(String::new()),
        title: Some("Saved for the weekend".into()),
        description: None,
        link: Some(String::new()),
        alt_text: Some("A bowl of pasta".into()),
    };
    let updated = host
        .update_pin(&config, token, &saved.id, &changes)
        .unwrap()
        .unwrap();
    assert_eq!(updated.title.as_deref(), Some("Saved for the weekend"));
    assert_eq!(updated.alt_text.as_deref(), Some("A bowl of pasta"));
    assert_eq!(updated.link, None, "an empty link clears it");
    assert_eq!(updated.board_section_id, None, "out of its section");
    assert_eq!(updated.description, saved.description, "left as it was");
    let record = pinterest
        .live_pins()
        .into_iter()
        .find(|p| p.id == saved.id)
        .unwrap();
    assert_eq!((record.link, record.board_section_id), (None, None));
    host.delete_pin(&config, token, &saved.id).unwrap().unwrap();
    let gone = host
        .get_pin(&config, token, &saved.id)
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&gone, Error::NotFound(f) if f.code == Some(50)),
        "{gone:?}"
    );

    // The section, then the board, deleted.
    host.delete_section(&config, token, &section_ref)
        .unwrap()
        .unwrap();
    let page = host
        .list_sections(&config, token, &board_id, &first_page())
        .unwrap()
        .unwrap();
    assert!(page.items.is_empty());
    host.delete_board(&config, token, &board_id)
        .unwrap()
        .unwrap();
    let gone = host
        .get_board(&config, token, &board_id)
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&gone, Error::NotFound(f) if f.code == Some(40)),
        "{gone:?}"
    );

    // Every request carried the ad account; only the checks above failed.
    let requests = pinterest.requests();
    for request in &requests {
        assert_eq!(
            request.ad_account_id.as_deref(),
            Some(AD_ACCOUNT_ID),
            "{} {}",
            request.method,
            request.path
        );
    }
    let failed: Vec<(String, u16)> = requests
        .iter()
        .filter(|r| r.status >= 300)
        .map(|r| (format!("{} {}", r.method, r.path), r.status))
        .collect();
    assert_eq!(
        failed,
        [
            (format!("PATCH /v5/boards/{board_id}"), 401),
            (format!("GET /v5/pins/{}", saved.id), 404),
            (format!("GET /v5/boards/{board_id}"), 404),
        ]
    );
}
