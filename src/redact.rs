//! Redaction: keeping secrets out of every string the connector produces,
//! in whatever spelling an echo of them takes.

use crate::text::ELLIPSIS;

/// Text shown in place of a secret.
pub const REDACTED: &str = "[redacted]";

/// Prefixes of Pinterest token formats (access, refresh, client tokens).
const TOKEN_PREFIXES: [&str; 3] = ["pina_", "pinr_", "pinc_"];

/// Shortest secret value that is searched for and replaced; shorter values
/// would mangle ordinary words while protecting nothing real.
const MIN_REDACTED_LEN: usize = 4;

/// Bytes of text a JSON escape may take per byte of the character it
/// stands for (`\u002f` for `/`).
const MAX_ESCAPE_GROWTH: usize = 6;

/// Returns `text` with every occurrence of each secret, and every
/// Pinterest-token-shaped word (`pina_…`, `pinr_…`, `pinc_…`), replaced by
/// `[redacted]`. A secret is found however a JSON string spells its
/// characters (`\/`, `\uXXXX`, as a server echoing it inside JSON sends
/// it). Where the text was cut short (an ellipsis, `…`), the start of a
/// secret just before the cut is replaced too.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= MIN_REDACTED_LEN) {
        out = replace_spelled(&out, secret);
    }
    if out.contains(ELLIPSIS) {
        out = redact_cut_secrets(&out, secrets);
    }
    redact_token_shapes(&out)
}

/// How the start of a text spells a character or a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelled {
    /// All of it, in this many bytes of text.
    Whole(usize),
    /// The text ends partway (perhaps inside an escape), after this many
    /// bytes of the secret.
    Cut(usize),
    /// Not at all.
    No,
}

/// How the start of `text` spells `c` inside a JSON string: as itself, as
/// a short escape (`\/`, `\"`, `\\`, …) or as `\uXXXX` (in either case; a
/// surrogate pair beyond U+FFFF).
fn spell_char(text: &str, c: char) -> Spelled {
    let short = match c {
        '/' => Some(b'/'),
        '"' => Some(b'"'),
        '\\' => Some(b'\\'),
        '\u{8}' => Some(b'b'),
        '\u{c}' => Some(b'f'),
        '\n' => Some(b'n'),
        '\r' => Some(b'r'),
        '\t' => Some(b't'),
        _ => None,
    };
    let bytes = text.as_bytes();
    // Before the character itself: a backslash may be escaped.
    if short.is_some() && bytes.first() == Some(&b'\\') && bytes.get(1).copied() == short {
        return Spelled::Whole(2);
    }
    if text.starts_with(c) {
        return Spelled::Whole(c.len_utf8());
    }
    match (bytes.first(), bytes.get(1)) {
        (Some(b'\\'), None) => return Spelled::Cut(0),
        (Some(b'\\'), Some(b'u')) => {}
        _ => return Spelled::No,
    }
    let mut units = [0u16; 2];
    let escape: String = c
        .encode_utf16(&mut units)
        .iter()
        .map(|unit| format!("\\u{unit:04x}"))
        .collect();
    for (i, want) in escape.bytes().enumerate() {
        match bytes.get(i) {
            None => return Spelled::Cut(0),
            Some(b) if b.to_ascii_lowercase() == want => {}
            Some(_) => return Spelled::No,
        }
    }
    Spelled::Whole(escape.len())
}

/// How the start of `text` spells `secret`, character by character (see
/// [`spell_char`]).
fn spell(text: &str, secret: &str) -> Spelled {
    let mut at = 0;
    for (done, c) in secret.char_indices() {
        let rest = text.get(at..).unwrap_or_default();
        if rest.is_empty() {
            return Spelled::Cut(done);
        }
        match spell_char(rest, c) {
            Spelled::Whole(n) => at += n,
            Spelled::Cut(_) => return Spelled::Cut(done),
            Spelled::No => return Spelled::No,
        }
    }
    Spelled::Whole(at)
}

/// `text` with every spelling of `secret` replaced by `[redacted]`.
fn replace_spelled(text: &str, secret: &str) -> String {
    let Some(first) = secret.chars().next() else {
        return text.to_owned();
    };
    if !text.contains(first) && !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let found = if c == first || c == '\\' {
            spell(rest, secret)
        } else {
            Spelled::No
        };
        let taken = match found {
            Spelled::Whole(n) => {
                out.push_str(REDACTED);
                n
            }
            _ => {
                out.push(c);
                c.len_utf8()
            }
        };
        rest = rest.get(taken..).unwrap_or_default();
    }
    out
}

/// Replaces the start of a secret that ends where the text was cut.
fn redact_cut_secrets(text: &str, secrets: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split(ELLIPSIS).peekable();
    let mut first = true;
    while let Some(piece) = pieces.next() {
        if !std::mem::take(&mut first) {
            out.push(ELLIPSIS);
        }
        let cut = match pieces.peek() {
            Some(_) => cut_secret_start(piece, secrets),
            None => None,
        };
        match cut.and_then(|at| piece.get(..at)) {
            Some(kept) => {
                out.push_str(kept);
                out.push_str(REDACTED);
            }
            None => out.push_str(piece),
        }
    }
    out
}

/// Where the longest start (at least four bytes) of any secret that ends
/// `piece`, however spelled, begins.
fn cut_secret_start(piece: &str, secrets: &[&str]) -> Option<usize> {
    secrets
        .iter()
        .filter(|s| s.len() >= MIN_REDACTED_LEN)
        .filter_map(|secret| {
            let window = piece
                .len()
                .saturating_sub(secret.len().saturating_mul(MAX_ESCAPE_GROWTH));
            (window..piece.len())
                .filter(|at| piece.is_char_boundary(*at))
                .find(|at| {
                    let tail = piece.get(*at..).unwrap_or_default();
                    matches!(spell(tail, secret), Spelled::Cut(n) if n >= MIN_REDACTED_LEN)
                })
        })
        .min()
}

/// Replaces words that look like Pinterest tokens, in one pass.
fn redact_token_shapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("pin") {
        let Some((before, from_prefix)) = rest.split_at_checked(start) else {
            break;
        };
        out.push_str(before);
        let Some(prefix) = TOKEN_PREFIXES.iter().find(|p| from_prefix.starts_with(**p)) else {
            out.push_str("pin");
            rest = from_prefix.get(3..).unwrap_or_default();
            continue;
        };
        let after = from_prefix.get(prefix.len()..).unwrap_or_default();
        let token_len = after
            .find(|c: char| !is_token_char(c))
            .unwrap_or(after.len());
        let (token, tail) = after.split_at_checked(token_len).unwrap_or((after, ""));
        out.push_str(if token.is_empty() { prefix } else { REDACTED });
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Characters Pinterest tokens are made of.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '=' | '+' | '/')
}

/// Returns JSON text (possibly cut short) with the string value of every
/// field whose name ends in `token` or `signature` or holds `secret`, or is
/// `code`, `authorization` or `password`, replaced by `[redacted]`: a token
/// endpoint's answer shown in an error never shows the tokens it carried,
/// nor a register answer the upload's session token and signature.
pub fn mask_json_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // The last string read, while it may still turn out to be a field name.
    let mut key: Option<String> = None;
    while let Some(quote) = rest.find(['"', ':']) {
        let (before, from) = rest.split_at(quote);
        if !before.trim().is_empty() {
            key = None;
        }
        out.push_str(before);
        if from.starts_with(':') {
            out.push(':');
            let value = from.get(1..).unwrap_or_default();
            let spaces = value.len() - value.trim_start().len();
            let (gap, value) = value.split_at(spaces);
            out.push_str(gap);
            if key.take().is_some_and(|k| is_secret_field(&k)) && value.starts_with('"') {
                let end = string_end(value);
                out.push('"');
                out.push_str(REDACTED);
                let closed = value
                    .get(..end)
                    .is_some_and(|s| s.len() > 1 && s.ends_with('"'));
                if closed {
                    out.push('"');
                }
                rest = value.get(end..).unwrap_or_default();
            } else {
                rest = value;
            }
            continue;
        }
        let end = string_end(from);
        let literal = from.get(..end).unwrap_or(from);
        out.push_str(literal);
        key = Some(literal.trim_matches('"').to_ascii_lowercase());
        rest = from.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The length of the JSON string literal `text` starts with (its closing
/// quote included), or of all of `text` when the literal is cut short.
fn string_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

fn is_secret_field(name: &str) -> bool {
    name.ends_with("token")
        || name.ends_with("signature")
        || name.contains("secret")
        || matches!(name, "code" | "authorization" | "password")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_every_occurrence_of_each_secret() {
        let text = "token abcd1234 then abcd1234 and key zz99zz";
        assert_eq!(
            redact(text, &["abcd1234", "zz99zz"]),
            "token [redacted] then [redacted] and key [redacted]"
        );
    }

    #[test]
    fn ignores_secrets_too_short_to_matter() {
        assert_eq!(redact("a cat", &["a", ""]), "a cat");
    }

    #[test]
    fn replaces_pinterest_token_shapes_without_knowing_them() {
        let text = "bad token pina_AbC.d-e=, retry with pinr_XYZ; pina_ alone";
        assert_eq!(
            redact(text, &[]),
            "bad token [redacted], retry with [redacted]; pina_ alone"
        );
    }

    #[test]
    fn the_start_of_a_secret_cut_short_is_replaced() {
        let secret = "app-secret-5f1d9c0e7b2a48d6";
        assert_eq!(
            redact("body: {\"k\": \"app-secret-5f1d…", &[secret]),
            "body: {\"k\": \"[redacted]…"
        );
        assert_eq!(redact("say app-…", &[secret]), "say [redacted]…");
        // Three characters are too few to tell; elsewhere nothing changes.
        assert_eq!(redact("the ap…", &[secret]), "the ap…");
        assert_eq!(
            redact("app-secret-5f1d and…", &[secret]),
            "app-secret-5f1d and…"
        );
    }

    #[test]
    fn secrets_are_found_however_json_escapes_them() {
        let secret = "s3cr3t/app+Secret.9f2c";
        for echoed in [
            r#"{"echo": "s3cr3t\/app+Secret.9f2c"}"#,
            r#"{"echo": "s3cr3t\u002fapp\u002BSecret.9f2c"}"#,
            r#"{"echo": "\u0073\u0033cr3t\/app\u002bSecret\u002E9f2c"}"#,
        ] {
            assert_eq!(redact(echoed, &[secret]), r#"{"echo": "[redacted]"}"#);
        }
        assert_eq!(
            redact(
                r#"say "ab\"c\\d!" and key\ud83d\ude00word"#,
                &[r#"ab"c\d!"#, "key😀word"]
            ),
            r#"say "[redacted]" and [redacted]"#
        );
        // Escapes that spell something else stay as they are.
        let other = r#"{"path": "\/v5\/boards", "s": "s3cr3t\u002eapp"}"#;
        assert_eq!(redact(other, &[secret]), other);
    }

    #[test]
    fn the_start_of_a_json_escaped_secret_cut_short_is_replaced() {
        let secret = "s3cr3t/app+Secret.9f2c";
        assert_eq!(
            redact(r#"{"echo": "s3cr3t\/app\u002…"#, &[secret]),
            r#"{"echo": "[redacted]…"#
        );
        assert_eq!(
            redact(r#"{"echo": "s3cr3t\…"#, &[secret]),
            r#"{"echo": "[redacted]…"#
        );
        assert_eq!(
            redact(r#"{"echo": "s3c\…"#, &[secret]),
            r#"{"echo": "s3c\…"#
        );
    }

    #[test]
    fn token_shapes_are_found_in_one_pass() {
        let text = "pina_ ".repeat(50_000);
        assert_eq!(redact(&text, &[]), text);
        assert_eq!(redact("spinach pinr_x pin", &[]), "spinach [redacted] pin");
    }

    #[test]
    fn token_fields_of_json_are_masked_even_when_cut() {
        assert_eq!(
            mask_json_secrets(
                r#"{"access_token": "abc\"d", "expires_in": -5, "token_type": "bearer"}"#
            ),
            r#"{"access_token": "[redacted]", "expires_in": -5, "token_type": "bearer"}"#
        );
        assert_eq!(
            mask_json_secrets(r#"{"refresh_token":"pinr_abc"#),
            r#"{"refresh_token":"[redacted]"#
        );
        assert_eq!(
            mask_json_secrets(r#"{"code": 3, "message": "code: \"x\"", "client_secret": "s"}"#),
            r#"{"code": 3, "message": "code: \"x\"", "client_secret": "[redacted]"}"#
        );
        assert_eq!(mask_json_secrets("<html>a: b</html>"), "<html>a: b</html>");
    }
}
