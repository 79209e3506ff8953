//! The exports, on `wasm32` only.

use std::hint::black_box;

wit_bindgen::generate!({
    path: "../../wit",
    world: "pinterest-connector",
    generate_all,
});

use exports::pinterest::connector::connector::Guest;
use pinterest::connector::http;
use pinterest::connector::types as wit;

struct BadGuest;

export!(BadGuest);

/// What every operation but `get-board` answers.
fn not_here<T>(operation: &str) -> Result<T, wit::Error> {
    Err(wit::Error::InvalidInput(wit::InvalidInput {
        field: operation.to_owned(),
        reason: "is not part of this test fixture".to_owned(),
    }))
}

fn board(id: &str, name: String) -> wit::Board {
    wit::Board {
        id: id.to_owned(),
        name,
        description: None,
        privacy: wit::BoardPrivacy::Public,
        owner_username: None,
        pin_count: None,
        follower_count: None,
        collaborator_count: None,
        is_ads_only: None,
        created_at: None,
        cover_image_url: None,
    }
}

/// Never returns: a loop the optimiser cannot remove.
fn spin() -> ! {
    let mut counter = 0_u64;
    loop {
        counter = black_box(counter.wrapping_add(1));
    }
}

/// Allocates and touches a mebibyte at a time until something stops it.
fn grow() -> usize {
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    loop {
        hoard.push(vec![1_u8; 1 << 20]);
        black_box(&hoard);
    }
}

/// Recurses until the stack runs out.
#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    black_box(recurse(depth + 1)).wrapping_add(depth)
}

/// Sends `GET url` with the longest time limit the WIT can express.
fn fetch(url: &str) -> String {
    let request = http::Request {
        method: http::Method::Get,
        url: url.to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
        timeout_ms: Some(u32::MAX),
    };
    match http::send(&request) {
        Ok(response) => format!("status {}", response.status),
        Err(http::HttpError::Timeout) => "timeout".to_owned(),
        Err(http::HttpError::Denied(why)) => format!("denied: {why}"),
        Err(http::HttpError::Transport(why)) => format!("transport: {why}"),
    }
}

impl Guest for BadGuest {
    fn authorize(
        _config: wit::Config,
        _redirect_uri: String,
        _scopes: Vec<String>,
        _state: Option<String>,
    ) -> Result<wit::Authorization, wit::Error> {
        not_here("authorize")
    }

    fn exchange(
        _config: wit::Config,
        _code: String,
        _redirect_uri: String,
    ) -> Result<wit::TokenSet, wit::Error> {
        not_here("exchange")
    }

    fn refresh(
        _config: wit::Config,
        _refresh_token: String,
        _scopes: Option<Vec<String>>,
    ) -> Result<wit::TokenSet, wit::Error> {
        not_here("refresh")
    }

    fn token_status(_tokens: wit::TokenSet) -> wit::TokenState {
        wit::TokenState::Reauthorize
    }

    fn describe() -> String {
        "{}".to_owned()
    }

    fn get_user_account(
        _config: wit::Config,
        _access_token: String,
    ) -> Result<wit::UserAccount, wit::Error> {
        not_here("get-user-account")
    }

    fn list_boards(
        _config: wit::Config,
        _access_token: String,
        _query: wit::ListBoardsQuery,
    ) -> Result<wit::BoardPage, wit::Error> {
        not_here("list-boards")
    }

    fn list_all_boards(
        _config: wit::Config,
        _access_token: String,
        _privacy: Option<wit::BoardPrivacyFilter>,
        _max_boards: Option<u32>,
    ) -> Result<wit::BoardPage, wit::Error> {
        not_here("list-all-boards")
    }

    fn get_board(
        _config: wit::Config,
        _access_token: String,
        board_id: String,
    ) -> Result<wit::Board, wit::Error> {
        let name = match board_id.as_str() {
            "spin" => spin(),
            "grow" => format!("{} hoarded", grow()),
            "panic" => panic!("the bad guest panics on purpose"),
            "recurse" => format!("{}", recurse(0)),
            other => match other.strip_prefix("fetch:") {
                Some(url) => fetch(url),
                None => "fine".to_owned(),
            },
        };
        Ok(board(&board_id, name))
    }

    fn create_pin(
        _config: wit::Config,
        _access_token: String,
        _pin: wit::PinInput,
    ) -> Result<wit::Pin, wit::Error> {
        not_here("create-pin")
    }

    fn create_board(
        _config: wit::Config,
        _access_token: String,
        _board: wit::BoardInput,
    ) -> Result<wit::Board, wit::Error> {
        not_here("create-board")
    }

    fn update_board(
        _config: wit::Config,
        _access_token: String,
        _board_id: String,
        _changes: wit::BoardChanges,
    ) -> Result<wit::Board, wit::Error> {
        not_here("update-board")
    }

    fn delete_board(
        _config: wit::Config,
        _access_token: String,
        _board_id: String,
    ) -> Result<(), wit::Error> {
        not_here("delete-board")
    }

    fn list_sections(
        _config: wit::Config,
        _access_token: String,
        _board_id: String,
        _query: wit::PageQuery,
    ) -> Result<wit::SectionPage, wit::Error> {
        not_here("list-sections")
    }

    fn list_all_sections(
        _config: wit::Config,
        _access_token: String,
        _board_id: String,
        _max_items: Option<u32>,
    ) -> Result<wit::SectionPage, wit::Error> {
        not_here("list-all-sections")
    }

    fn create_section(
        _config: wit::Config,
        _access_token: String,
        _board_id: String,
        _name: String,
    ) -> Result<wit::Section, wit::Error> {
        not_here("create-section")
    }

    fn update_section(
        _config: wit::Config,
        _access_token: String,
        _section: wit::SectionRef,
        _name: String,
    ) -> Result<wit::Section, wit::Error> {
        not_here("update-section")
    }

    fn delete_section(
        _config: wit::Config,
        _access_token: String,
        _section: wit::SectionRef,
    ) -> Result<(), wit::Error> {
        not_here("delete-section")
    }

    fn get_pin(
        _config: wit::Config,
        _access_token: String,
        _pin_id: String,
    ) -> Result<wit::Pin, wit::Error> {
        not_here("get-pin")
    }

    fn list_pins(
        _config: wit::Config,
        _access_token: String,
        _source: wit::PinSource,
        _query: wit::PageQuery,
    ) -> Result<wit::PinPage, wit::Error> {
        not_here("list-pins")
    }

    fn list_all_pins(
        _config: wit::Config,
        _access_token: String,
        _source: wit::PinSource,
        _max_items: Option<u32>,
    ) -> Result<wit::PinPage, wit::Error> {
        not_here("list-all-pins")
    }

    fn update_pin(
        _config: wit::Config,
        _access_token: String,
        _pin_id: String,
        _changes: wit::PinChanges,
    ) -> Result<wit::Pin, wit::Error> {
        not_here("update-pin")
    }

    fn delete_pin(
        _config: wit::Config,
        _access_token: String,
        _pin_id: String,
    ) -> Result<(), wit::Error> {
        not_here("delete-pin")
    }

    fn save_pin(
        _config: wit::Config,
        _access_token: String,
        _pin_id: String,
        _board_id: String,
        _board_section_id: Option<String>,
    ) -> Result<wit::Pin, wit::Error> {
        not_here("save-pin")
    }

    fn find_duplicate_pins(
        _config: wit::Config,
        _access_token: String,
        _source: wit::PinSource,
        _candidate: wit::DuplicateCandidate,
        _max_scanned: Option<u32>,
    ) -> Result<wit::DuplicateReport, wit::Error> {
        not_here("find-duplicate-pins")
    }

    fn poll_new_pins(
        _config: wit::Config,
        _access_token: String,
        _source: wit::PinSource,
        _cursor: Option<String>,
        _backlog: Option<u32>,
    ) -> Result<wit::NewPins, wit::Error> {
        not_here("poll-new-pins")
    }

    fn api_request(
        _config: wit::Config,
        _access_token: String,
        _method: wit::ApiMethod,
        _path: String,
        _query: Vec<wit::QueryParam>,
        _json_body: Option<String>,
    ) -> Result<wit::ApiResponse, wit::Error> {
        not_here("api-request")
    }

    fn upload_video(
        _config: wit::Config,
        _access_token: String,
        _video: wit::VideoUpload,
    ) -> Result<wit::Media, wit::Error> {
        not_here("upload-video")
    }

    fn get_media(
        _config: wit::Config,
        _access_token: String,
        _media_id: String,
    ) -> Result<wit::Media, wit::Error> {
        not_here("get-media")
    }

    fn list_media(
        _config: wit::Config,
        _access_token: String,
        _query: wit::PageQuery,
    ) -> Result<wit::MediaPage, wit::Error> {
        not_here("list-media")
    }

    fn wait_for_media(
        _config: wit::Config,
        _access_token: String,
        _media_id: String,
        _max_seconds: Option<u32>,
    ) -> Result<wit::Media, wit::Error> {
        not_here("wait-for-media")
    }
}
