//! Showing secrets without revealing them: `pina_…K3xQ`.

/// Characters of a token shown at its end.
const SHOWN: usize = 4;

/// A token as `prefix_…last4` (`pina_…K3xQ`); short or odd tokens become
/// `…` only.
pub fn mask(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() < 12 {
        return "…".to_owned();
    }
    let prefix: String = match token.split_once('_') {
        Some((head, _)) if head.len() <= 6 && head.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("{head}_")
        }
        _ => String::new(),
    };
    let tail: String = chars[chars.len() - SHOWN..].iter().collect();
    format!("{prefix}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_kind_and_the_last_four() {
        assert_eq!(mask("pina_AMAXXXXXXXXXXXXXK3xQ"), "pina_…K3xQ");
        assert_eq!(mask("pinr_0123456789abcdef"), "pinr_…cdef");
        assert_eq!(mask("plainsecretvalue1234"), "…1234");
        assert_eq!(mask("short"), "…");
    }
}
