//! The account the stand-in serves: its profile and its boards (a few
//! secret, a few protected, one group board, one with sections).

use serde_json::{Value, json};

use super::{AccountType, USERNAME};

/// A board and what it reports.
#[derive(Debug, Clone)]
pub(crate) struct SeedBoard {
    pub id: String,
    pub name: String,
    /// `PUBLIC`, `PROTECTED` or `SECRET`.
    pub privacy: &'static str,
    pub collaborator_count: u32,
    pub follower_count: u32,
    pub pin_count: u32,
    pub created_at: String,
    pub is_ads_only: bool,
    /// Ids of the board's sections.
    pub sections: Vec<String>,
}

const TOPICS: [&str; 12] = [
    "Summer recipes",
    "Garden ideas",
    "Living room",
    "Travel 2026",
    "Product shots",
    "Spring collection",
    "Workshop tips",
    "Brand moodboard",
    "Gift guide",
    "Behind the scenes",
    "Customer stories",
    "Packaging",
];

/// First board id; the others follow.
const FIRST_BOARD_ID: u64 = 549_755_885_100;

/// `count` boards. Every 8th is secret, every 15th protected (ad-only),
/// the 3rd is a group board, the first has two sections.
pub(crate) fn boards(count: usize) -> Vec<SeedBoard> {
    (0..count)
        .map(|i| {
            let n = u64::try_from(i).unwrap_or(u64::MAX);
            let small = u32::try_from(i % 1000).unwrap_or_default();
            let (privacy, is_ads_only) = if i % 15 == 14 {
                ("PROTECTED", true)
            } else if i % 8 == 7 {
                ("SECRET", false)
            } else {
                ("PUBLIC", false)
            };
            let topic = TOPICS[i % TOPICS.len()];
            let id = (FIRST_BOARD_ID + n).to_string();
            SeedBoard {
                name: if is_ads_only {
                    format!("Ad-only Pins {}", i + 1)
                } else {
                    format!("{topic} #{}", i + 1)
                },
                privacy,
                collaborator_count: if i == 2 { 3 } else { 0 },
                follower_count: 10 + small * 7 % 90,
                pin_count: small * 3 % 40,
                created_at: format!(
                    "2023-{:02}-{:02}T09:{:02}:00",
                    i % 12 + 1,
                    i % 28 + 1,
                    i % 60
                ),
                is_ads_only,
                sections: if i == 0 {
                    vec![format!("{id}01"), format!("{id}02")]
                } else {
                    Vec::new()
                },
                id,
            }
        })
        .collect()
}

/// A board as Pinterest's `Board`.
pub(crate) fn board_json(board: &SeedBoard) -> Value {
    json!({
        "id": board.id,
        "name": board.name,
        "description": format!("{} ideas, collected by {USERNAME}.", board.name),
        "privacy": board.privacy,
        "owner": { "username": USERNAME },
        "collaborator_count": board.collaborator_count,
        "follower_count": board.follower_count,
        "pin_count": board.pin_count,
        "created_at": board.created_at,
        "board_pins_modified_at": board.created_at,
        "is_ads_only": board.is_ads_only,
        "media": {
            "image_cover_url": format!("https://i.pinimg.com/400x300/standin/{}.jpg", board.id),
            "pin_thumbnail_urls": [format!("https://i.pinimg.com/150x150/standin/{}.jpg", board.id)],
        },
    })
}

/// The account as Pinterest's `Account`.
pub(crate) fn account_json(account_type: AccountType, board_count: usize) -> Value {
    let (kind, business_name) = match account_type {
        AccountType::Business => ("BUSINESS", Value::from("Stand-in Studio")),
        AccountType::Pinner => ("PINNER", Value::Null),
    };
    json!({
        "id": "1125899906842624",
        "username": USERNAME,
        "account_type": kind,
        "business_name": business_name,
        "about": "A local stand-in for Pinterest API v5.",
        "profile_image": "https://i.pinimg.com/75x75_RS/standin/profile.jpg",
        "website_url": "https://standin.example",
        "board_count": board_count,
        "pin_count": 339,
        "follower_count": 10,
        "following_count": 347,
        "monthly_views": 163,
    })
}
