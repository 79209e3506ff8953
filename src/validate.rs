//! Checks on caller input, run before any HTTP call. Each failure names the
//! field and the rule or limit it broke; none echoes a secret value.

use base64::Engine as _;
use url::{Host, Url};

use crate::error::Error;
use crate::text::{count_of, truncate_chars};

/// Longest value accepted where a header-safe token is expected.
const MAX_TOKEN_LEN: usize = 4096;
/// Longest decimal id accepted (Pinterest's are under 20 digits).
pub const MAX_ID_LEN: usize = 32;
/// Longest URL accepted for redirect URIs and overrides.
pub const MAX_URL_LEN: usize = 2048;

/// A value that goes into a header or form unchanged (ids, tokens, codes):
/// 1 to 4096 visible ASCII characters, so it cannot break a header line.
pub fn header_safe(field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid(field, "is empty"));
    }
    if value.len() > MAX_TOKEN_LEN {
        return Err(Error::invalid(
            field,
            format!("is {} bytes; the limit is {MAX_TOKEN_LEN}", value.len()),
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            field,
            "contains spaces, control or non-ASCII characters",
        ));
    }
    Ok(())
}

/// A Pinterest id: 1 to 32 decimal digits.
pub fn numeric_id(field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid(field, "is empty; expected a decimal id"));
    }
    if value.len() > MAX_ID_LEN || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            field,
            "must be a decimal id of up to 32 digits (as shown by list-boards), not a name or URL",
        ));
    }
    Ok(())
}

/// Text of at most `limit` characters.
pub fn max_chars(field: &str, value: &str, limit: usize) -> Result<(), Error> {
    let count = value.chars().count();
    if count > limit {
        return Err(Error::invalid(
            field,
            format!(
                "is {}; the limit is {limit}",
                count_of(count as u64, "character", "characters")
            ),
        ));
    }
    Ok(())
}

/// An absolute `https` URL, or `http` on a loopback host, of at most 2048
/// characters.
pub fn secure_url(field: &str, value: &str) -> Result<Url, Error> {
    let url = absolute_url(field, value, MAX_URL_LEN)?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::invalid(
            field,
            "must use https (http is allowed only for localhost, 127.0.0.1 and [::1])",
        )),
        other => Err(Error::invalid(
            field,
            format!("must be an https URL, not {}:", truncate_chars(other, 20)),
        )),
    }
}

/// An OAuth redirect URI: a secure URL without a fragment, and without
/// control characters or surrounding spaces (which URL parsing would drop
/// silently, while Pinterest compares the URI character for character).
pub fn redirect_uri(field: &str, value: &str) -> Result<Url, Error> {
    if value.chars().any(char::is_control) || value.trim() != value {
        return Err(Error::invalid(
            field,
            "contains control characters or surrounding spaces",
        ));
    }
    let url = secure_url(field, value)?;
    if url.fragment().is_some() {
        return Err(Error::invalid(field, "must not contain a #fragment"));
    }
    Ok(url)
}

/// A link a pin points to: an absolute `http` or `https` URL of at most
/// `limit` characters.
pub fn http_url(field: &str, value: &str, limit: usize) -> Result<(), Error> {
    // Internationalized host names are left to Pinterest: the component is
    // built without Unicode IDNA tables (see `idna_adapter` in Cargo.toml).
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && Url::parse(value) == Err(url::ParseError::IdnaError)
    {
        return max_chars(field, value, limit);
    }
    let url = absolute_url(field, value, limit)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid(
            field,
            format!(
                "must be an http or https URL, not {}:",
                truncate_chars(url.scheme(), 20)
            ),
        ));
    }
    Ok(())
}

/// A color as `#RRGGBB`.
pub fn hex_color(field: &str, value: &str) -> Result<(), Error> {
    let ok = value.len() == 7
        && value.starts_with('#')
        && value.bytes().skip(1).all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be a hex color like #6E7874"))
    }
}

/// Image formats Pinterest accepts as base64 data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// `image/jpeg`.
    Jpeg,
    /// `image/png`.
    Png,
}

impl ImageFormat {
    /// The MIME type Pinterest expects.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
        }
    }

    fn magic(self) -> &'static [u8] {
        match self {
            ImageFormat::Jpeg => &[0xFF, 0xD8, 0xFF],
            ImageFormat::Png => &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        }
    }

    fn sniff(bytes: &[u8]) -> Option<Self> {
        [ImageFormat::Jpeg, ImageFormat::Png]
            .into_iter()
            .find(|format| bytes.starts_with(format.magic()))
    }
}

/// Base64 image data: standard alphabet with padding, no whitespace or
/// `data:` prefix, decoding to an image of the declared format.
pub fn base64_image(field: &str, data: &str, format: ImageFormat) -> Result<(), Error> {
    if data.is_empty() {
        return Err(Error::invalid(field, "is empty"));
    }
    if data.starts_with("data:") {
        return Err(Error::invalid(
            field,
            "must be bare base64, without the data:…;base64, prefix",
        ));
    }
    // One pass: decoding checks the alphabet too (images run to megabytes).
    let head = decode_head(data).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, byte) if !is_base64_symbol(byte) => {
            // Every byte before it is ASCII, so it starts a char.
            let found = data.get(at..).and_then(|rest| rest.chars().next());
            Error::invalid(
                field,
                format!(
                    "is not standard base64: found {:?} (allowed: A-Z a-z 0-9 + / =, no line breaks)",
                    found.unwrap_or(char::REPLACEMENT_CHARACTER)
                ),
            )
        }
        e => Error::invalid(field, format!("is not well-formed base64: {e}")),
    })?;
    match ImageFormat::sniff(&head) {
        Some(found) if found == format => Ok(()),
        Some(found) => Err(Error::invalid(
            field,
            format!(
                "holds an {} image but content-type says {}",
                found.mime(),
                format.mime()
            ),
        )),
        None => Err(Error::invalid(
            field,
            "does not decode to a JPEG or PNG image",
        )),
    }
}

/// Whether `byte` belongs to standard base64 with padding.
fn is_base64_symbol(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')
}

/// Base64 characters decoded at a time (a multiple of 4).
const DECODE_CHUNK: usize = 4096;
/// Decoded bytes kept: enough to recognize the image format.
const HEAD_BYTES: usize = 16;

/// Checks all of `data` as standard base64 and returns the first decoded
/// bytes. It decodes a chunk at a time, so checking an image of many
/// megabytes never holds a decoded copy of it.
fn decode_head(data: &str) -> Result<Vec<u8>, base64::DecodeError> {
    use base64::{DecodeError, DecodeSliceError};
    let mut head = Vec::with_capacity(HEAD_BYTES);
    let mut buffer = [0u8; DECODE_CHUNK / 4 * 3];
    for (i, chunk) in data.as_bytes().chunks(DECODE_CHUNK).enumerate() {
        let start = i * DECODE_CHUNK;
        let shift = |e: DecodeError| match e {
            DecodeError::InvalidByte(at, byte) => DecodeError::InvalidByte(at + start, byte),
            DecodeError::InvalidLength(n) => DecodeError::InvalidLength(n + start),
            DecodeError::InvalidLastSymbol(at, byte) => {
                DecodeError::InvalidLastSymbol(at + start, byte)
            }
            DecodeError::InvalidPadding => DecodeError::InvalidPadding,
        };
        let decoded = base64::engine::general_purpose::STANDARD
            .decode_slice(chunk, &mut buffer)
            .map_err(|e| match e {
                DecodeSliceError::DecodeError(e) => shift(e),
                DecodeSliceError::OutputSliceTooSmall => DecodeError::InvalidLength(start),
            })?;
        let wanted = HEAD_BYTES.saturating_sub(head.len());
        head.extend(buffer.iter().take(decoded.min(wanted)));
    }
    Ok(head)
}

fn absolute_url(field: &str, value: &str, limit: usize) -> Result<Url, Error> {
    if value.is_empty() {
        return Err(Error::invalid(field, "is empty"));
    }
    max_chars(field, value, limit)?;
    let url = Url::parse(value)
        .map_err(|e| Error::invalid(field, format!("is not an absolute URL ({e})")))?;
    // http and https URLs always have a host once parsed; other schemes
    // are refused by the callers.
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    fn reason(result: Result<(), Error>) -> String {
        match result {
            Err(Error::InvalidInput { reason, .. }) => reason,
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn header_safe_values_cannot_break_a_header_line() {
        assert!(header_safe("t", "pina_abc.DEF-123").is_ok());
        assert_eq!(reason(header_safe("t", "")), "is empty");
        assert!(reason(header_safe("t", "a\r\nx-evil: 1")).contains("control"));
        assert!(reason(header_safe("t", "a b")).contains("spaces"));
        assert!(reason(header_safe("t", &"a".repeat(5000))).contains("limit is 4096"));
    }

    #[test]
    fn ids_are_decimal() {
        assert!(numeric_id("board", "549755885175").is_ok());
        assert!(numeric_id("board", "").is_err());
        assert!(reason(numeric_id("board", "my-recipes")).contains("not a name"));
        assert!(numeric_id("board", &"1".repeat(33)).is_err());
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(max_chars("title", &"é".repeat(100), 100).is_ok());
        assert_eq!(
            reason(max_chars("title", &"é".repeat(101), 100)),
            "is 101 characters; the limit is 100"
        );
    }

    #[test]
    fn redirect_uris_are_https_or_loopback_http() {
        assert!(redirect_uri("r", "https://app.example/callback/").is_ok());
        assert!(redirect_uri("r", "http://localhost:8085/").is_ok());
        assert!(redirect_uri("r", "http://127.0.0.1:8085/cb").is_ok());
        assert!(redirect_uri("r", "http://[::1]/cb").is_ok());
        for bad in [
            "http://app.example/cb",
            "/callback",
            "https://app.example/cb#x",
            "https://app.example/cb\r\n",
            "https://app.example/\tcb",
            " https://app.example/cb",
            "javascript:alert(1)",
            "",
        ] {
            assert!(redirect_uri("r", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_are_http_or_https() {
        assert!(http_url("link", "http://shop.example/a?b=c", 2048).is_ok());
        assert!(http_url("link", "https://bücher.example/ä", 2048).is_ok());
        assert!(reason(http_url("link", "mailto:a@b.c", 2048)).contains("http or https"));
        assert!(reason(http_url("link", "www.example.com", 2048)).contains("absolute"));
        let long = format!("https://e.example/{}", "a".repeat(2040));
        assert!(reason(http_url("link", &long, 2048)).contains("limit is 2048"));
    }

    #[test]
    fn colors_are_six_hex_digits() {
        assert!(hex_color("c", "#6E7874").is_ok());
        for bad in ["6E7874", "#6E787", "#GGGGGG", "#6E78741"] {
            assert!(hex_color("c", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64_images_must_decode_to_the_declared_format() {
        assert!(base64_image("d", PNG_1X1, ImageFormat::Png).is_ok());
        assert!(
            reason(base64_image("d", PNG_1X1, ImageFormat::Jpeg))
                .contains("image/png image but content-type says image/jpeg")
        );
        assert!(reason(base64_image("d", "aGVsbG8=", ImageFormat::Png)).contains("JPEG or PNG"));
        assert!(reason(base64_image("d", "iVBOR w0K", ImageFormat::Png)).contains("' '"));
        // A bad character deep in the data, named whole even when not ASCII.
        let deep = format!("{}{}", &PNG_1X1[..64], "A".repeat(5000));
        assert!(
            reason(base64_image("d", &format!("{deep}\nAAA"), ImageFormat::Png)).contains("'\\n'")
        );
        assert!(
            reason(base64_image("d", &format!("{deep}éAAA"), ImageFormat::Png)).contains("'é'")
        );
        assert!(
            reason(base64_image("d", &format!("{deep}-_AA"), ImageFormat::Png)).contains("'-'")
        );
        assert!(reason(base64_image("d", "abc", ImageFormat::Png)).contains("well-formed"));
        // Checked a chunk at a time, with offsets counted from the start.
        let long_png = format!("{}{}", &PNG_1X1[..64], "A".repeat(8192));
        assert!(base64_image("d", &format!("{long_png}AAAA"), ImageFormat::Png).is_ok());
        assert!(
            reason(base64_image(
                "d",
                &format!("{long_png}A=AA"),
                ImageFormat::Png
            ))
            .contains("offset 8257"),
        );
        assert!(
            reason(base64_image(
                "d",
                "data:image/png;base64,iVBO",
                ImageFormat::Png
            ))
            .contains("prefix")
        );
    }
}
