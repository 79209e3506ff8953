//! Text helpers for what the connector shows: cutting to a number of
//! characters and collapsing whitespace.

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
    fn whitespace_collapses() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
    }
}
