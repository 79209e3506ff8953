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
/// `[redacted]`. A secret is found in any case (`ABC`, `abc`, `aBc`: a
/// server may change the case of what it echoes), and however a JSON string
/// spells its characters (`\/`, `\uXXXX`, as a server echoing it inside
/// JSON sends it). Where the text was cut short (an ellipsis, `…`), the
/// start of a secret just before the cut is replaced too.
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

/// Returns `text` (whole, not cut short: data a caller asked for) with
/// every occurrence of each secret replaced by `[redacted]`, found as
/// [`redact`] finds it (in any case, however a JSON string spells it), but
/// leaving words that merely look like tokens alone: they may be the data.
pub fn redact_secrets(text: &str, secrets: &[&str]) -> String {
    secrets
        .iter()
        .filter(|s| s.len() >= MIN_REDACTED_LEN)
        .fold(text.to_owned(), |out, secret| replace_spelled(&out, secret))
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

/// Whether the character `a` of a text spells the character `b` of a
/// secret, in any case. Every secret that reaches a server is visible ASCII
/// (the connector refuses others before sending anything), so a case change
/// yields ASCII letters, or one of the four letters whose case maps onto
/// ASCII ones in some locales (Turkish `İ` and `ı`, the long `ſ`, the
/// Kelvin sign `K`). Other characters match only themselves.
fn same_char(a: char, b: char) -> bool {
    a == b
        || a.eq_ignore_ascii_case(&b)
        || match a {
            '\u{130}' | '\u{131}' => b.eq_ignore_ascii_case(&'i'),
            '\u{17f}' => b.eq_ignore_ascii_case(&'s'),
            '\u{212a}' => b.eq_ignore_ascii_case(&'k'),
            _ => false,
        }
}

/// How the start of `text` spells `c` inside a JSON string, in any case: as
/// itself, as a short escape (`\/`, `\"`, `\\`, …) or as `\uXXXX` (in
/// either case; a surrogate pair beyond U+FFFF).
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
    if let Some(first) = text.chars().next().filter(|first| same_char(*first, c)) {
        return Spelled::Whole(first.len_utf8());
    }
    match unicode_escape(bytes) {
        Escape::Char(escaped, len) if same_char(escaped, c) => Spelled::Whole(len),
        Escape::Cut => Spelled::Cut(0),
        _ => Spelled::No,
    }
}

/// What a `\uXXXX` escape at the start of a text stands for.
enum Escape {
    /// This character, in this many bytes (12 for a surrogate pair).
    Char(char, usize),
    /// The text ends inside the escape.
    Cut,
    /// No escape, or one of no character.
    No,
}

/// The character the `\uXXXX` escape (`\UXXXX` in an upper-cased echo, a
/// surrogate pair of them beyond U+FFFF) `bytes` start with.
fn unicode_escape(bytes: &[u8]) -> Escape {
    let high = match escaped_unit(bytes) {
        Ok(Some(unit)) => unit,
        Ok(None) => return Escape::Cut,
        Err(()) => return Escape::No,
    };
    if !(0xD800..0xDC00).contains(&high) {
        return char::from_u32(u32::from(high)).map_or(Escape::No, |c| Escape::Char(c, 6));
    }
    let low = match escaped_unit(bytes.get(6..).unwrap_or_default()) {
        Ok(Some(unit)) if (0xDC00..0xE000).contains(&unit) => unit,
        Ok(None) => return Escape::Cut,
        _ => return Escape::No,
    };
    let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
    char::from_u32(code).map_or(Escape::No, |c| Escape::Char(c, 12))
}

/// The code unit of the `\uXXXX` `bytes` start with: none where they end
/// inside it, an error where they hold no such escape.
fn escaped_unit(bytes: &[u8]) -> Result<Option<u16>, ()> {
    let mut unit: u16 = 0;
    for i in 0..6 {
        let Some(&b) = bytes.get(i) else {
            return Ok(None);
        };
        match (i, b) {
            (0, b'\\') | (1, b'u' | b'U') => {}
            (2..=5, _) => {
                let digit = char::from(b).to_digit(16).ok_or(())?;
                unit = unit * 16 + u16::try_from(digit).map_err(|_| ())?;
            }
            _ => return Err(()),
        }
    }
    Ok(Some(unit))
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

/// `text` with every spelling of `secret`, in any case, replaced by
/// `[redacted]`.
fn replace_spelled(text: &str, secret: &str) -> String {
    let Some(first) = secret.chars().next() else {
        return text.to_owned();
    };
    if !text.contains('\\') && !text.chars().any(|c| same_char(c, first)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let found = if c == '\\' || same_char(c, first) {
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

/// Replaces words that look like Pinterest tokens (in any case:
/// `PINA_…` too), in one pass.
fn redact_token_shapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest
        .as_bytes()
        .windows(3)
        .position(|w| w.eq_ignore_ascii_case(b"pin"))
    {
        // `pin` is ASCII: it starts at a character boundary.
        let Some((before, from_prefix)) = rest.split_at_checked(start) else {
            break;
        };
        out.push_str(before);
        let prefix = TOKEN_PREFIXES.iter().find_map(|p| {
            from_prefix
                .get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
        });
        let Some(prefix) = prefix else {
            out.push_str(from_prefix.get(..3).unwrap_or_default());
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
    fn secrets_are_found_in_any_case() {
        let secret = "s3cr3t/App+Secret.9f2c";
        for echoed in [
            "s3cr3t/app+secret.9f2c",
            "S3CR3T/APP+SECRET.9F2C",
            "s3CR3t/aPp+sEcReT.9F2c",
            // Escaped in an upper-cased JSON text, and with upper-case hex.
            r#"S3CR3T\/APP\U002BSECRET\U002E9F2C"#,
            r#"\u0053\u0033CR3T\u002FApp+Secret.9f2c"#,
        ] {
            assert_eq!(
                redact(&format!("echo {echoed}!"), &[secret]),
                "echo [redacted]!"
            );
        }
        // Letters that some locales case-map onto ASCII ones; others stay
        // distinct.
        assert_eq!(redact("PİNSECRET ıs", &["pinsecret is"]), "[redacted]");
        assert_eq!(redact("ſECRET-\u{212a}EY", &["secret-key"]), "[redacted]");
        assert_eq!(redact("key ÉCLAIR-9", &["éclair-9"]), "key ÉCLAIR-9");
        assert_eq!(
            redact("s3cr3t/app+secret_9f2c", &[secret]),
            "s3cr3t/app+secret_9f2c"
        );
        // Cut short in another case.
        assert_eq!(
            redact("body: S3CR3T/APP+SEC…", &[secret]),
            "body: [redacted]…"
        );
    }

    #[test]
    fn token_shapes_are_found_in_any_case() {
        assert_eq!(
            redact("Bearer PINA_ABC.DEF and Pinr_x, PINC_", &[]),
            "Bearer [redacted] and [redacted], PINC_"
        );
        assert_eq!(redact("SPINACH", &[]), "SPINACH");
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
