//! The same inputs in the two type worlds: the WIT types a host passes to
//! the component, and the core's own types for the native calls.

use pinterest_connector::{ClientSecret, Config, Environment, ListQuery, MediaSource, PinInput};

use pinterest_connector_host::types;

use crate::fixtures::{
    ALT_TEXT, BOARD_ID, CLIENT_ID, CLIENT_SECRET, DESCRIPTION, IMAGE_URL, LINK, TITLE,
};

/// The app, for the component; `api_base_url` overrides Pinterest's origin.
pub fn wit_config(api_base_url: Option<&str>) -> types::Config {
    types::Config {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        environment: types::Environment::Production,
        api_base_url: api_base_url.map(str::to_owned),
        authorize_url: None,
        ad_account_id: None,
    }
}

/// The app, for the native core.
pub fn core_config(api_base_url: Option<&str>) -> Config {
    Config {
        client_id: CLIENT_ID.into(),
        client_secret: ClientSecret::new(CLIENT_SECRET),
        environment: Environment::Production,
        api_base_url: api_base_url.map(str::to_owned),
        authorize_url: None,
        ad_account_id: None,
    }
}

/// One page of `page_size` boards, for the component.
pub fn wit_query(page_size: u32) -> types::ListBoardsQuery {
    types::ListBoardsQuery {
        bookmark: None,
        page_size: Some(page_size),
        privacy: None,
    }
}

/// One page of `page_size` boards, for the native core.
pub fn core_query(page_size: u32) -> ListQuery {
    ListQuery {
        bookmark: None,
        page_size: Some(page_size),
        privacy: None,
    }
}

/// The pin, for the component.
pub fn wit_pin() -> types::PinInput {
    types::PinInput {
        board_id: BOARD_ID.into(),
        board_section_id: None,
        media: types::MediaSource::ImageUrl(IMAGE_URL.into()),
        title: Some(TITLE.into()),
        description: Some(DESCRIPTION.into()),
        link: Some(LINK.into()),
        alt_text: Some(ALT_TEXT.into()),
        dominant_color: None,
        parent_pin_id: None,
    }
}

/// The pin, for the native core.
pub fn core_pin() -> PinInput {
    PinInput {
        board_id: BOARD_ID.into(),
        board_section_id: None,
        media: MediaSource::ImageUrl(IMAGE_URL.into()),
        title: Some(TITLE.into()),
        description: Some(DESCRIPTION.into()),
        link: Some(LINK.into()),
        alt_text: Some(ALT_TEXT.into()),
        dominant_color: None,
        parent_pin_id: None,
    }
}
