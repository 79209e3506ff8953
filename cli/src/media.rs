//! Image files as the component's image data: JPEG or PNG, told apart by
//! their first bytes, encoded as standard base64.

use std::path::Path;

use base64::Engine as _;

use pinterest_connector_host::types;

/// Largest image file read (Pinterest's limit for images is 20 MB).
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads an image file; the error says what is wrong with it.
pub fn image_file(path: &Path) -> Result<types::ImageData, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("cannot read image file {}: {e}", path.display()))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "image file {} is {} bytes; the limit is {MAX_IMAGE_BYTES}",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read image file {}: {e}", path.display()))?;
    let content_type = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        types::ImageContentType::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        types::ImageContentType::Png
    } else {
        return Err(format!(
            "image file {} is neither JPEG nor PNG",
            path.display()
        ));
    };
    Ok(types::ImageData {
        content_type,
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}
