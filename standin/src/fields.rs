//! Reading the fields of a JSON request body the way Pinterest's
//! validator reports them: each problem is one message for a 400 code 1
//! answer, naming the field and the rule.

use serde_json::{Map, Value};

/// Pinterest's message for a URL it cannot use.
pub(crate) const INVALID_URL: &str =
    "Whoops! It looks like you entered an invalid URL. Try creating a Pin again with a valid URL.";

/// An absolute `http`/`https` URL with a host.
pub(crate) fn web_url(text: &str) -> Result<(), String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(()),
        _ => Err(INVALID_URL.to_owned()),
    }
}

/// Fails unless `value` matches `^\d+$`.
pub(crate) fn numeric(path: &str, value: &str) -> Result<(), String> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "'{path}' value '{value}' must match the pattern: ^\\d+$"
        ))
    }
}

/// A string that must be there.
pub(crate) fn required_string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<String, String> {
    optional_string(object, key, path)?.ok_or_else(|| format!("'{path}' is a required property"))
}

/// A string, or none for a missing or `null` field.
pub(crate) fn optional_string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("'{path}' value {other} is not of type 'string'")),
    }
}

/// An optional string of at most `max` characters.
pub(crate) fn limited(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
    max: usize,
) -> Result<Option<String>, String> {
    let value = optional_string(object, key, path)?;
    if let Some(text) = &value {
        within(path, text, max)?;
    }
    Ok(value)
}

/// An optional boolean (`null` counts as absent only if `nullable`).
pub(crate) fn optional_bool(
    object: &Map<String, Value>,
    key: &str,
    nullable: bool,
) -> Result<Option<bool>, String> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::Null) if nullable => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(format!("'{key}' value {other} is not of type 'boolean'")),
    }
}

/// A field that may be absent (`None`), explicitly `null`
/// (`Some(None)`: clear it) or a string (`Some(Some(…))`).
pub(crate) fn change(
    object: &Map<String, Value>,
    key: &str,
    nullable: bool,
) -> Result<Option<Option<String>>, String> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::Null) if nullable => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(other) => Err(format!("'{key}' value {other} is not of type 'string'")),
    }
}

/// Fails if `text` is longer than `max` characters.
pub(crate) fn within(key: &str, text: &str, max: usize) -> Result<(), String> {
    let length = text.chars().count();
    if length > max {
        return Err(format!(
            "'{key}' is too long: {length} characters; maxLength is {max}"
        ));
    }
    Ok(())
}
