//! The account the stand-in starts with: boards (a few secret, a few
//! protected, one group board), sections on the first board, and pins on
//! the first board, the first secret board and the first protected board.

use super::model::{Board, ItemText, PinMedia, Privacy, Section, StoredPin};
use super::{Environment, utc};

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

const SECTION_TOPICS: [&str; 6] = [
    "Salads",
    "Desserts",
    "Drinks",
    "Breakfast",
    "Soups",
    "Sides",
];

/// First board id; the others follow.
pub(crate) const FIRST_BOARD_ID: u64 = 549_755_885_100;
/// Pins seeded on the first secret board (the 8th) and on the first
/// protected board (the 15th), besides those on the first board.
pub(crate) const SECRET_BOARD_PINS: usize = 3;
/// See [`SECRET_BOARD_PINS`].
pub(crate) const PROTECTED_BOARD_PINS: usize = 2;
/// Distinct destination links of the seeded pins: pin `n` links to
/// `https://shop.standin.example/item/{n % SEED_LINKS}`, so links repeat.
pub(crate) const SEED_LINKS: usize = 40;
/// Seconds between seeded pins (two pins share each second).
const SEED_SPACING: u64 = 3600;

/// `count` boards. Every 8th is secret, every 15th protected (ad-only),
/// the 3rd is a group board, the first has `sections` sections whose ids
/// are its id followed by `01`, `02`, ….
pub(crate) fn boards(count: usize, sections: usize) -> Vec<Board> {
    (0..count)
        .map(|i| {
            let n = u64::try_from(i).unwrap_or(u64::MAX);
            let small = u32::try_from(i % 1000).unwrap_or_default();
            let (privacy, is_ads_only) = if i % 15 == 14 {
                (Privacy::Protected, true)
            } else if i % 8 == 7 {
                (Privacy::Secret, false)
            } else {
                (Privacy::Public, false)
            };
            let topic = TOPICS[i % TOPICS.len()];
            let id = (FIRST_BOARD_ID + n).to_string();
            let name = if is_ads_only {
                format!("Ad-only Pins {}", i + 1)
            } else {
                format!("{topic} #{}", i + 1)
            };
            let created_at = format!(
                "2023-{:02}-{:02}T09:{:02}:00",
                i % 12 + 1,
                i % 28 + 1,
                i % 60
            );
            Board {
                description: Some(format!("{name} ideas, collected by {}.", super::USERNAME)),
                name,
                privacy,
                collaborator_count: if i == 2 { 3 } else { 0 },
                follower_count: 10 + small * 7 % 90,
                pins_modified_at: created_at.clone(),
                created_at,
                is_ads_only,
                sections: if i == 0 {
                    seed_sections(&id, sections)
                } else {
                    Vec::new()
                },
                id,
            }
        })
        .collect()
}

fn seed_sections(board_id: &str, count: usize) -> Vec<Section> {
    (1..=count)
        .map(|n| Section {
            id: format!("{board_id}{n:02}"),
            name: format!("{} {n}", SECTION_TOPICS[(n - 1) % SECTION_TOPICS.len()]),
            seq: u64::try_from(n).unwrap_or(u64::MAX),
        })
        .collect()
}

/// Where seeded pins go: `first` on the first board (a quarter in its first
/// section, a quarter in its second), then a few on the first secret and
/// the first protected board. Each is `(board index, section index)`.
fn placements(boards: &[Board], first: usize) -> Vec<(usize, Option<usize>)> {
    let sections = boards.first().map_or(0, |b| b.sections.len());
    let mut places: Vec<(usize, Option<usize>)> = (0..first)
        .filter(|_| !boards.is_empty())
        .map(|i| {
            let section = match i % 4 {
                1 if sections > 0 => Some(0),
                3 if sections > 1 => Some(1),
                _ => None,
            };
            (0, section)
        })
        .collect();
    if boards.len() > 7 {
        places.extend((0..SECRET_BOARD_PINS).map(|_| (7, None)));
    }
    if boards.len() > 14 {
        places.extend((0..PROTECTED_BOARD_PINS).map(|_| (14, None)));
    }
    places
}

/// The seeded pins, oldest first, all older than `now` (two per hour
/// before it, so some share a `created_at`). `next_id` hands out pin ids.
pub(crate) fn pins(
    boards: &[Board],
    first: usize,
    now: u64,
    mut next_id: impl FnMut() -> (String, u64),
) -> Vec<StoredPin> {
    let places = placements(boards, first);
    let total = u64::try_from(places.len()).unwrap_or(u64::MAX);
    places
        .into_iter()
        .enumerate()
        .map(|(i, (board, section))| {
            let n = u64::try_from(i).unwrap_or(u64::MAX);
            let created_unix = now.saturating_sub((total - n).div_ceil(2) * SEED_SPACING);
            let (id, seq) = next_id();
            let board = &boards[board];
            let media = match i % 15 {
                4 | 9 => PinMedia::Images(vec![
                    ItemText {
                        title: Some(format!("Idea {} (1)", i + 1)),
                        ..ItemText::default()
                    },
                    ItemText {
                        title: Some(format!("Idea {} (2)", i + 1)),
                        ..ItemText::default()
                    },
                ]),
                14 => PinMedia::Video {
                    media_id: format!("{}", 5_212_123_920_968_000_000 + n),
                },
                _ => PinMedia::Image,
            };
            StoredPin {
                image_key: id.clone(),
                id,
                seq,
                environment: Environment::Production,
                created_at: utc::naive(created_unix),
                created_unix,
                board_id: board.id.clone(),
                board_section_id: section.map(|s| board.sections[s].id.clone()),
                title: Some(format!("Idea {}", i + 1)),
                description: Some(format!("Seeded pin {} of {}.", i + 1, board.name)),
                link: Some(format!(
                    "https://shop.standin.example/item/{}",
                    i % SEED_LINKS
                )),
                alt_text: None,
                dominant_color: Some("#6E7874".to_owned()),
                parent_pin_id: None,
                media,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_pins_are_older_than_now_and_some_share_a_second() {
        let boards = boards(60, 60);
        let mut next = 0;
        let pins = pins(&boards, 60, 1_000_000, || {
            next += 1;
            (next.to_string(), next)
        });
        assert_eq!(pins.len(), 60 + SECRET_BOARD_PINS + PROTECTED_BOARD_PINS);
        assert!(pins.iter().all(|p| p.created_unix < 1_000_000));
        assert!(
            pins.windows(2)
                .all(|w| w[0].created_unix <= w[1].created_unix)
        );
        assert!(
            pins.windows(2)
                .any(|w| w[0].created_unix == w[1].created_unix)
        );
        let in_first_section = pins
            .iter()
            .filter(|p| p.board_section_id.as_deref() == Some("54975588510001"))
            .count();
        assert_eq!(in_first_section, 15);
        assert_eq!(boards[0].sections.len(), 60);
        assert_eq!(boards[0].sections[59].id, "54975588510060");
    }
}
