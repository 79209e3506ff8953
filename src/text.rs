//! Text helpers for what the connector shows: cutting to a number of
//! characters, collapsing whitespace, counting things in words.

/// The mark of a text cut short.
pub const ELLIPSIS: char = '…';

/// `text` cut to `max` characters, an ellipsis marking the cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    let head = head_chars(text, max);
    if head.len() < text.len() {
        format!("{head}{ELLIPSIS}")
    } else {
        text.to_owned()
    }
}

/// The first `max` characters of `text`, without a mark.
pub fn head_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text.get(..cut).unwrap_or_default(),
        None => text,
    }
}

/// `text` with every run of whitespace replaced by one space, and none at
/// either end.
pub fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `n` and the noun that agrees with it: `1 image`, `2 images`, `0
/// images`.
pub fn count_of(n: u64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_count_characters_and_mark_the_cut() {
        assert_eq!(truncate_chars("héllo", 3), "hél…");
        assert_eq!(truncate_chars("héllo", 5), "héllo");
        assert_eq!(head_chars("héllo", 2), "hé");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count_of(1, "image", "images"), "1 image");
        assert_eq!(count_of(0, "image", "images"), "0 images");
        assert_eq!(count_of(7, "second", "seconds"), "7 seconds");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
    }
}
