//! What every client in the bench sends and gets: the app, the token, the
//! pin, and Pinterest's answers (shaped like API v5's `Board`, `Pin` and
//! token responses), served alike by the in-memory transport and the
//! loopback mock.

/// App id.
pub const CLIENT_ID: &str = "1484362";
/// App secret.
pub const CLIENT_SECRET: &str = "bench-secret-4c1e8f27b9d0a6e3";
/// Access token.
pub const ACCESS_TOKEN: &str = "pina_BENCHTOKEN";
/// Authorization code exchanged.
pub const CODE: &str = "bench-code-0123456789";
/// Redirect URI.
pub const REDIRECT_URI: &str = "http://localhost:8085/";
/// OAuth `state` (given, so `authorize` needs no randomness).
pub const STATE: &str = "bench-state-5f1d9c0e";
/// The board pins go to.
pub const BOARD_ID: &str = "549755885175";
/// The pin's image.
pub const IMAGE_URL: &str = "https://i.pinimg.com/originals/bench.jpg";
/// The pin's title.
pub const TITLE: &str = "Lemon tart";
/// The pin's description.
pub const DESCRIPTION: &str = "Bright, sharp and buttery.";
/// The pin's link.
pub const LINK: &str = "https://example.com/recipes/lemon-tart";
/// The pin's alternative text.
pub const ALT_TEXT: &str = "A lemon tart on a blue plate";
/// Page sizes benchmarked.
pub const PAGE_SIZES: [u32; 2] = [25, 250];

/// One of Pinterest's answers.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Vec<u8>,
}

/// Pinterest's answers, made once.
pub struct Answers {
    pages: Vec<(u32, Vec<u8>)>,
    pin: Vec<u8>,
    tokens: Vec<u8>,
}

impl Answers {
    /// Builds every answer.
    pub fn new() -> Self {
        Self {
            pages: PAGE_SIZES.iter().map(|&n| (n, board_page(n))).collect(),
            pin: pin(),
            tokens: tokens(),
        }
    }

    /// The answer to `method` on `path_and_query` (`/v5/boards?page_size=25`).
    pub fn answer(&self, method: &str, path_and_query: &str) -> Answer {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let path = path.trim_end_matches('/');
        let ok = |body: &Vec<u8>| Answer {
            status: 200,
            body: body.clone(),
        };
        match (method, path) {
            ("GET", "/ping") => Answer {
                status: 200,
                body: Vec::new(),
            },
            ("GET", "/v5/boards") => {
                let size = query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("page_size="))
                    .and_then(|n| n.parse::<u32>().ok())
                    .unwrap_or(25);
                match self.pages.iter().find(|(n, _)| *n == size) {
                    Some((_, body)) => ok(body),
                    None => not_found(),
                }
            }
            ("POST", "/v5/pins") => Answer {
                status: 201,
                body: self.pin.clone(),
            },
            ("POST", "/v5/oauth/token") => ok(&self.tokens),
            _ => not_found(),
        }
    }
}

impl Default for Answers {
    fn default() -> Self {
        Self::new()
    }
}

fn not_found() -> Answer {
    Answer {
        status: 404,
        body: br#"{"code":404,"message":"Not found."}"#.to_vec(),
    }
}

/// A `GET /v5/boards` page of `n` boards, with a bookmark.
fn board_page(n: u32) -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..n).map(board).collect();
    serde_json::to_vec(&serde_json::json!({
        "items": items,
        "bookmark": "ZDYzMDJlNmY4YjJjNDJmYjk2ZmQzODIyYjBjY2FmMzI6NTQ5NzU1ODg1MTc1",
    }))
    .unwrap_or_default()
}

/// Board number `i`, with every field API v5 documents for `Board`.
fn board(i: u32) -> serde_json::Value {
    serde_json::json!({
        "id": format!("{}", 549_755_885_175u64 + u64::from(i)),
        "created_at": "2020-01-01T20:10:40",
        "board_pins_modified_at": "2020-01-01T20:10:40",
        "name": format!("Summer recipes {i}"),
        "description": "My favorite summer recipes, tried and tested.",
        "collaborator_count": 3,
        "pin_count": 120 + i,
        "follower_count": 13,
        "media": {
            "image_cover_url": "https://i.pinimg.com/400x300/fd/cd/d5/fdcdd5a6d8a80824add0d054125cd957.jpg",
            "pin_thumbnail_urls": [
                "https://i.pinimg.com/150x150/b4/57/10/b45710f1ede96af55230f4b43fe4a6e3.jpg",
                "https://i.pinimg.com/150x150/dd/ff/46/ddff4616e39c1935cd05738794fa860e.jpg",
            ],
        },
        "owner": { "username": "bench_studio" },
        "privacy": "PUBLIC",
    })
}

/// The `POST /v5/pins` answer.
fn pin() -> Vec<u8> {
    let image = |size: &str, w: u32, h: u32| {
        serde_json::json!({
            "width": w,
            "height": h,
            "url": format!("https://i.pinimg.com/{size}/d4/6f/b1/d46fb1f2e6a8a6a0c9b4e1f0a2b3c4d5.jpg"),
        })
    };
    serde_json::to_vec(&serde_json::json!({
        "id": "813744226420795884",
        "created_at": "2026-01-01T00:00:00",
        "link": LINK,
        "title": TITLE,
        "description": DESCRIPTION,
        "dominant_color": "#6E7874",
        "alt_text": ALT_TEXT,
        "creative_type": "REGULAR",
        "board_id": BOARD_ID,
        "board_owner": { "username": "bench_studio" },
        "is_owner": true,
        "is_standard": true,
        "has_been_promoted": false,
        "note": "",
        "media": {
            "media_type": "image",
            "images": {
                "150x150": image("150x150", 150, 150),
                "400x300": image("400x300", 400, 300),
                "600x": image("600x", 600, 900),
                "1200x": image("1200x", 1200, 1800),
                "originals": image("originals", 1200, 1800),
            },
        },
    }))
    .unwrap_or_default()
}

/// The token endpoint's answer to a code exchange.
fn tokens() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "access_token": ACCESS_TOKEN,
        "token_type": "bearer",
        "expires_in": 2_592_000,
        "scope": "boards:read,boards:write,pins:read,pins:write,user_accounts:read",
        "refresh_token": "pinr_BENCHREFRESH",
        "refresh_token_expires_in": 5_184_000,
        "response_type": "authorization_code",
    }))
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_the_boards_asked_for() {
        let answers = Answers::new();
        for n in PAGE_SIZES {
            let answer = answers.answer("GET", &format!("/v5/boards?page_size={n}"));
            let page: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
            assert_eq!(page["items"].as_array().unwrap().len(), n as usize);
        }
        assert_eq!(answers.answer("GET", "/v5/nothing").status, 404);
        assert_eq!(answers.answer("POST", "/v5/pins").status, 201);
    }
}
