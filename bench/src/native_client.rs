//! The baseline of the end-to-end rows: a plain Rust client that sends the
//! same requests straight to the API with `ureq` and reads the answers with
//! `serde` — what a hand-written native integration costs, with no
//! component, no validation and no error mapping.

use serde::{Deserialize, Serialize};

// The answer types below are parsed in full, as a real client would (that
// parsing is part of what is measured); the bench itself reads only a few
// of their fields.

/// A board, as far as the connector reads it.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Board {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Privacy.
    pub privacy: Option<String>,
    /// Owner.
    pub owner: Option<Owner>,
    /// Pins.
    pub pin_count: Option<u32>,
    /// Followers.
    pub follower_count: Option<u32>,
    /// Collaborators.
    pub collaborator_count: Option<u32>,
    /// Creation time.
    pub created_at: Option<String>,
}

/// A board's owner.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Owner {
    /// Username.
    pub username: Option<String>,
}

/// A page of boards.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Page {
    /// Boards.
    pub items: Vec<Board>,
    /// Next page.
    pub bookmark: Option<String>,
}

/// A created pin, as far as the connector reads it.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Pin {
    /// Id.
    pub id: String,
    /// Board.
    pub board_id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Creation time.
    pub created_at: Option<String>,
}

#[derive(Serialize)]
struct MediaSource<'a> {
    source_type: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct PinCreate<'a> {
    board_id: &'a str,
    media_source: MediaSource<'a>,
    title: &'a str,
    description: &'a str,
    link: &'a str,
    alt_text: &'a str,
}

/// The client: one connection pool, one token.
pub struct NativeClient {
    agent: ureq::Agent,
    base_url: String,
    authorization: String,
}

impl NativeClient {
    /// A client for the API at `base_url` (without `/v5`).
    pub fn new(base_url: &str, access_token: &str) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Self {
            agent,
            base_url: base_url.to_owned(),
            authorization: format!("Bearer {access_token}"),
        }
    }

    /// `GET /v5/boards?page_size=N`.
    pub fn list_boards(&self, page_size: u32) -> Result<Page, String> {
        let mut response = self
            .agent
            .get(format!("{}/v5/boards?page_size={page_size}", self.base_url))
            .header("authorization", &self.authorization)
            .header("accept", "application/json")
            .call()
            .map_err(|e| e.to_string())?;
        read_json(&mut response)
    }

    /// `POST /v5/pins` with an image URL.
    pub fn create_pin(&self) -> Result<Pin, String> {
        use crate::fixtures::{ALT_TEXT, BOARD_ID, DESCRIPTION, IMAGE_URL, LINK, TITLE};
        let body = serde_json::to_vec(&PinCreate {
            board_id: BOARD_ID,
            media_source: MediaSource {
                source_type: "image_url",
                url: IMAGE_URL,
            },
            title: TITLE,
            description: DESCRIPTION,
            link: LINK,
            alt_text: ALT_TEXT,
        })
        .map_err(|e| e.to_string())?;
        let mut response = self
            .agent
            .post(format!("{}/v5/pins", self.base_url))
            .header("authorization", &self.authorization)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .send(&body[..])
            .map_err(|e| e.to_string())?;
        read_json(&mut response)
    }

    /// `GET /ping`: an empty answer, the loopback round trip alone.
    pub fn ping(&self) -> Result<(), String> {
        self.agent
            .get(format!("{}/ping", self.base_url))
            .call()
            .map_err(|e| e.to_string())?
            .body_mut()
            .read_to_vec()
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

fn read_json<T: serde::de::DeserializeOwned>(
    response: &mut ureq::http::Response<ureq::Body>,
) -> Result<T, String> {
    let body = response
        .body_mut()
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    serde_json::from_slice(&body).map_err(|e| e.to_string())
}
