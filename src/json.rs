//! Lenient readers for values Pinterest types loosely: ids that may arrive as
//! numbers, counts that may be null, floats or negative, times without a
//! zone.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Deserializes a required id given as a string or a non-negative integer.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(s) => Ok(s),
        Value::Number(n) if n.is_u64() => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an id string, found {}",
            kind(&other)
        ))),
    }
}

/// Deserializes an optional id given as a string, a non-negative integer or
/// null; other shapes read as absent.
pub fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(Value::Number(n)) if n.is_u64() => Some(n.to_string()),
        _ => None,
    })
}

/// Deserializes optional text; non-string values read as absent.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) => Some(s),
        _ => None,
    })
}

/// Deserializes an optional count; anything but a non-negative number reads
/// as absent, and counts beyond `u32` saturate.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.as_ref().and_then(Value::as_f64).and_then(|n| {
        // `as` saturates; NaN and negatives are rejected first.
        (n >= 0.0).then_some(n as u32)
    }))
}

/// Deserializes an optional flag; non-boolean values read as absent.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(Option::<Value>::deserialize(deserializer)?.and_then(|v| v.as_bool()))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number that is not a whole non-negative id",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A Pinterest time as RFC 3339 UTC: `Z` is added to a date-time that has
/// no zone (Pinterest sends UTC times like `2022-10-13T01:40:29`).
pub fn utc_time(time: &str) -> String {
    let Some((_, clock)) = time.split_once('T') else {
        return time.to_owned();
    };
    let zoned = clock.ends_with(['Z', 'z']) || clock.contains(['+', '-']);
    if zoned || clock.is_empty() {
        time.to_owned()
    } else {
        format!("{time}Z")
    }
}
