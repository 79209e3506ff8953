//! The start of a response body as errors show it.

use crate::error::EXCERPT_CHARS;
use crate::redact;
use crate::text::{ELLIPSIS, normalize_space, truncate_chars};

/// The first characters of a body, invalid UTF-8 replaced, whitespace
/// collapsed, and the values of token and secret fields masked (see
/// [`redact::mask_json_secrets`]).
pub fn excerpt(body: &[u8]) -> String {
    let head = body.get(..EXCERPT_CHARS * 4).unwrap_or(body);
    let text = redact::mask_json_secrets(&String::from_utf8_lossy(head));
    let mut shown = truncate_chars(&normalize_space(&text), EXCERPT_CHARS);
    if head.len() < body.len() && !shown.ends_with(ELLIPSIS) {
        // Cut short all the same: say so, so the redaction of a secret cut
        // in two knows where to look.
        shown.push(ELLIPSIS);
    }
    shown
}
