//! Readers for the fields of Pinterest's answers, in two kinds (the policy,
//! and which field gets which, is in `docs/parsing.md`):
//!
//! - strict readers ([`id`], [`optional_id`], [`strict_text`],
//!   [`strict_string`], [`seconds`]), for fields that control paging,
//!   credentials or identity: a value of the wrong type is an error (the
//!   answer is `unexpected-response`), never read as absent or defaulted;
//! - lenient readers (all the others), for cosmetic fields: texts, counts
//!   that may be null, floats or negative, objects that may be missing or of
//!   another shape, times in any zone. A value of another shape reads as
//!   absent.
//!
//! Null is a value only where Pinterest's description marks the field
//! `nullable` (a bookmark, a section id): the strict readers that take it
//! say so, and [`strict_string`] refuses it.
//!
//! None of them builds a `serde_json::Value`: a value of an unexpected shape
//! is skipped as it is read, so a hostile body cannot make the connector
//! hold more than the text it actually keeps (a `Value` tree of a body full of
//! `[]` would take ten times the body's size).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::datetime;
use crate::text::count_of;

/// Longest id accepted, in characters (Pinterest's are under 20 digits).
pub const MAX_ID_CHARS: usize = 64;

/// A JSON value reduced to what the readers here look at. Arrays and objects
/// are read to their end and dropped.
enum Scalar {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    Text(String),
    Array,
    Object,
}

impl Scalar {
    fn kind(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Unsigned(_) | Scalar::Negative(_) | Scalar::Float(_) => "a number",
            Scalar::Text(_) => "a string",
            Scalar::Array => "an array",
            Scalar::Object => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Unsigned(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(u64::try_from(v).map_or(Scalar::Negative(v), Scalar::Unsigned))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Object)
    }
}

/// Deserializes a required id given as a non-empty string (at most 64
/// characters) or a non-negative integer.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    scalar_id(Scalar::deserialize(deserializer)?)
}

/// An id read as [`id`] reads it.
fn scalar_id<E: de::Error>(value: Scalar) -> Result<String, E> {
    match value {
        Scalar::Text(s) if s.is_empty() => Err(E::custom("an empty id")),
        Scalar::Text(s) if s.chars().count() <= MAX_ID_CHARS => Ok(s),
        Scalar::Text(s) => Err(E::custom(format!(
            "an id of {} characters, longer than any Pinterest id",
            s.chars().count()
        ))),
        Scalar::Unsigned(n) => Ok(n.to_string()),
        other => Err(E::custom(format!(
            "expected an id string, found {}",
            other.kind()
        ))),
    }
}

/// Strict: deserializes an optional id (a string of at most 64 characters,
/// or a non-negative integer), for ids Pinterest may leave out or send as
/// null or `""` (a pin's section), which read as absent. Any other value is
/// an error: an id is never read as absent when it is there but misshapen.
pub fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Scalar::deserialize(deserializer)? {
        Scalar::Null => Ok(None),
        Scalar::Text(s) if s.is_empty() => Ok(None),
        other => scalar_id(other).map(Some),
    }
}

/// Deserializes optional text; non-string values read as absent.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Text(s) => Some(s),
        _ => None,
    })
}

/// Deserializes optional display text: a string as it is, a number as its
/// decimal text (`2024`); other values read as absent.
pub fn text_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Text(s) => Some(s),
        Scalar::Unsigned(n) => Some(n.to_string()),
        Scalar::Negative(n) => Some(n.to_string()),
        Scalar::Float(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Strict: deserializes optional text that controls something (a bookmark)
/// where Pinterest may send null: a string, or null (read as absent). Any
/// other value is an error, never read as absent.
pub fn strict_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Scalar::deserialize(deserializer)? {
        Scalar::Text(s) => Ok(Some(s)),
        Scalar::Null => Ok(None),
        other => Err(de::Error::custom(format!(
            "expected a string or null, found {}",
            other.kind()
        ))),
    }
}

/// Strict: deserializes a string that controls something and that
/// Pinterest never sends as null (a token, a status): null or any other
/// value is an error. Absent fields are left to `#[serde(default)]`.
pub fn strict_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    match Scalar::deserialize(deserializer)? {
        Scalar::Text(s) => Ok(Some(s)),
        other => Err(de::Error::custom(format!(
            "expected a string, found {}",
            other.kind()
        ))),
    }
}

/// Deserializes an optional time as RFC 3339 in UTC (see
/// [`datetime::to_utc`]): a time in another zone is converted, one without
/// a zone (as Pinterest writes UTC) gets `Z`. A time is cosmetic: a string
/// that is not an RFC 3339 date-time, or another value, reads as absent,
/// never passed on as it came.
pub fn time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Text(s) => datetime::to_utc(&s),
        _ => None,
    })
}

/// Deserializes an optional count; anything but a non-negative number reads
/// as absent, and counts beyond `u32` saturate.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Unsigned(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
        // `as` saturates; NaN and negatives are rejected first.
        Scalar::Float(n) if n >= 0.0 => Some(n as u32),
        _ => None,
    })
}

/// Deserializes an optional flag; non-boolean values read as absent.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Bool(b) => Some(b),
        _ => None,
    })
}

/// Deserializes an optional whole number; other shapes read as absent.
pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Unsigned(n) => i64::try_from(n).ok(),
        Scalar::Negative(n) => Some(n),
        _ => None,
    })
}

/// Deserializes an optional number of seconds given as an integer, a float
/// (cut to whole seconds) or a decimal string (as some proxies send it);
/// null reads as absent, any other shape is an error. Values beyond `i64`
/// saturate.
pub fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match Scalar::deserialize(deserializer)? {
        Scalar::Null => Ok(None),
        other => match as_seconds(&other) {
            Some(n) => Ok(Some(n)),
            None => Err(de::Error::custom(format!(
                "expected a number of seconds, found {}",
                other.kind()
            ))),
        },
    }
}

/// Like [`seconds`], but any shape that is not a number of seconds reads as
/// absent.
pub fn seconds_or_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    Ok(as_seconds(&Scalar::deserialize(deserializer)?))
}

fn as_seconds(value: &Scalar) -> Option<i64> {
    match value {
        Scalar::Unsigned(n) => Some(i64::try_from(*n).unwrap_or(i64::MAX)),
        Scalar::Negative(n) => Some(*n),
        // `as` saturates; NaN is refused first.
        Scalar::Float(n) if n.is_finite() => Some(*n as i64),
        Scalar::Text(s) => {
            let s = s.trim();
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            Some(s.parse::<i64>().unwrap_or(if s.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            }))
        }
        _ => None,
    }
}

/// An object read as `T`, or `None` when the value is of another shape
/// (which is skipped without being kept). Fields of `T` should be lenient
/// themselves.
pub struct Lenient<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData))
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LenientVisitor<T> {
    type Value = Lenient<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Lenient(None))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Lenient(None))
    }
}

/// Deserializes an optional object leniently (see [`Lenient`]).
pub fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Lenient::<T>::deserialize(deserializer).map(|l| l.0)
}

/// Deserializes the first `max` elements of a list, each read leniently as
/// an object (`None` for an element of another shape); the rest of the list
/// is skipped unread, and any other shape reads as absent.
pub fn leading<'de, D, T>(deserializer: D, max: usize) -> Result<Option<Vec<Option<T>>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct LeadingVisitor<T> {
        max: usize,
        item: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for LeadingVisitor<T> {
        type Value = Option<Vec<Option<T>>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while items.len() < self.max {
                match seq.next_element::<Lenient<T>>()? {
                    Some(item) => items.push(item.0),
                    None => return Ok(Some(items)),
                }
            }
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Some(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(LeadingVisitor {
        max,
        item: PhantomData,
    })
}

/// Deserializes an optional list of at most `max` elements; a longer list is
/// an error raised as soon as element `max + 1` starts, so it is never held.
pub fn bounded_list<'de, D, T>(deserializer: D, max: usize) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T> {
        max: usize,
        item: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Option<Vec<T>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "a list of at most {}",
                count_of(self.max as u64, "item", "items")
            )
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<T>()? {
                if items.len() == self.max {
                    return Err(de::Error::custom(format!(
                        "a list of more than {}",
                        count_of(self.max as u64, "item", "items")
                    )));
                }
                items.push(item);
            }
            Ok(Some(items))
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(ListVisitor {
        max,
        item: PhantomData,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "count")]
        count: Option<u32>,
        #[serde(default, deserialize_with = "seconds")]
        seconds: Option<i64>,
        #[serde(default, deserialize_with = "seconds_or_none")]
        loose_seconds: Option<i64>,
        #[serde(default, deserialize_with = "lenient")]
        object: Option<Inner>,
        #[serde(default, deserialize_with = "two")]
        first: Option<Vec<Option<Inner>>>,
    }

    #[derive(Deserialize)]
    struct Inner {
        #[serde(default, deserialize_with = "text")]
        name: Option<String>,
    }

    fn two<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Option<Inner>>>, D::Error> {
        leading(d, 2)
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn values_of_other_shapes_read_as_absent() {
        let p = probe(
            r#"{"text": [1, [2]], "count": "3", "loose_seconds": {}, "object": "x", "first": {"name": "n"}}"#,
        );
        assert!(p.text.is_none() && p.count.is_none() && p.loose_seconds.is_none());
        assert!(p.object.is_none() && p.first.is_none());
    }

    #[test]
    fn seconds_come_as_numbers_floats_or_decimal_strings() {
        for (json, expected) in [
            ("2592000", 2_592_000),
            ("2592000.9", 2_592_000),
            ("\" 2592000 \"", 2_592_000),
            ("-5", -5),
            ("\"-5\"", -5),
            ("1e300", i64::MAX),
            ("99999999999999999999", i64::MAX),
            ("\"99999999999999999999\"", i64::MAX),
        ] {
            let p = probe(&format!(r#"{{"seconds": {json}}}"#));
            assert_eq!(p.seconds, Some(expected), "{json}");
        }
        assert!(serde_json::from_str::<Probe>(r#"{"seconds": "soon"}"#).is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"seconds": true}"#).is_err());
        assert_eq!(probe(r#"{"seconds": null}"#).seconds, None);
    }

    #[test]
    fn objects_and_first_items_are_read_when_they_fit() {
        let p = probe(
            r#"{"object": {"name": "a", "x": [[]]}, "first": [{"name": "b"}, 1, {"name": "c"}, [2]]}"#,
        );
        assert_eq!(p.object.and_then(|o| o.name).as_deref(), Some("a"));
        let first = p.first.unwrap();
        assert_eq!(first.len(), 2, "only the leading two are read");
        assert_eq!(first[0].as_ref().and_then(|o| o.name.as_deref()), Some("b"));
        assert!(first[1].is_none(), "a number is no object");
    }

    #[test]
    fn bounded_lists_stop_at_their_limit() {
        #[derive(Deserialize)]
        struct Page {
            #[serde(deserialize_with = "three")]
            items: Option<Vec<u8>>,
        }
        fn three<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
            bounded_list(d, 3)
        }
        let page: Page = serde_json::from_str(r#"{"items": [1, 2, 3]}"#).unwrap();
        assert_eq!(page.items, Some(vec![1, 2, 3]));
        let error = serde_json::from_str::<Page>(r#"{"items": [1, 2, 3, 4]}"#)
            .err()
            .unwrap();
        assert!(error.to_string().contains("more than 3 items"), "{error}");
    }

    #[derive(Debug, Deserialize)]
    struct Strict {
        #[serde(default, deserialize_with = "optional_id")]
        id: Option<String>,
        #[serde(default, deserialize_with = "strict_text")]
        bookmark: Option<String>,
        #[serde(default, deserialize_with = "strict_string")]
        token: Option<String>,
    }

    fn strict(json: &str) -> Result<Strict, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn strict_readers_refuse_values_of_the_wrong_type() {
        let read = strict(r#"{"id": 42, "bookmark": "b", "token": "t"}"#).unwrap();
        assert_eq!(read.id.as_deref(), Some("42"));
        assert_eq!(read.bookmark.as_deref(), Some("b"));
        assert_eq!(read.token.as_deref(), Some("t"));
        // Absent, and null or empty where null is allowed: none.
        let read = strict(r#"{"id": null, "bookmark": null}"#).unwrap();
        assert_eq!((read.id, read.bookmark, read.token), (None, None, None));
        assert_eq!(strict(r#"{"id": ""}"#).unwrap().id, None);
        for (json, complaint) in [
            (
                r#"{"id": {"x": 1}}"#,
                "expected an id string, found an object",
            ),
            (r#"{"id": -1}"#, "expected an id string, found a number"),
            (r#"{"id": true}"#, "expected an id string, found a boolean"),
            (
                r#"{"bookmark": 7}"#,
                "expected a string or null, found a number",
            ),
            (
                r#"{"bookmark": {}}"#,
                "expected a string or null, found an object",
            ),
            (
                r#"{"bookmark": []}"#,
                "expected a string or null, found an array",
            ),
            (r#"{"token": null}"#, "expected a string, found null"),
            (r#"{"token": 5}"#, "expected a string, found a number"),
        ] {
            let error = strict(json).unwrap_err();
            assert!(error.contains(complaint), "{json}: {error}");
        }
    }

    #[test]
    fn times_are_utc_or_absent() {
        #[derive(Deserialize)]
        struct Times {
            #[serde(default, deserialize_with = "time")]
            at: Option<String>,
        }
        let at = |json: &str| serde_json::from_str::<Times>(json).unwrap().at;
        assert_eq!(
            at(r#"{"at": "2020-01-01T20:10:40+05:30"}"#).as_deref(),
            Some("2020-01-01T14:40:40Z")
        );
        assert_eq!(
            at(r#"{"at": "2020-01-01T20:10:40"}"#).as_deref(),
            Some("2020-01-01T20:10:40Z")
        );
        for other in [r#""2020-01-01""#, r#""soon""#, "5", "null", "[]"] {
            assert_eq!(at(&format!(r#"{{"at": {other}}}"#)), None, "{other}");
        }
    }

    #[test]
    fn display_text_keeps_numbers_as_text() {
        #[derive(Deserialize)]
        struct Name {
            #[serde(default, deserialize_with = "text_or_number")]
            name: Option<String>,
        }
        let name = |json: &str| serde_json::from_str::<Name>(json).unwrap().name;
        assert_eq!(name(r#"{"name": "Recipes"}"#).as_deref(), Some("Recipes"));
        assert_eq!(name(r#"{"name": 2024}"#).as_deref(), Some("2024"));
        assert_eq!(name(r#"{"name": -3}"#).as_deref(), Some("-3"));
        assert_eq!(name(r#"{"name": 1.5}"#).as_deref(), Some("1.5"));
        assert_eq!(name(r#"{"name": null}"#), None);
        assert_eq!(name(r#"{"name": {"a": 1}}"#), None);
    }

    #[test]
    fn long_ids_are_refused_without_echoing_them() {
        #[derive(Deserialize)]
        struct Thing {
            #[serde(deserialize_with = "id")]
            #[allow(dead_code)]
            id: String,
        }
        let long = "7".repeat(65);
        let error = serde_json::from_str::<Thing>(&format!(r#"{{"id": "{long}"}}"#))
            .err()
            .unwrap();
        assert!(error.to_string().contains("65 characters"), "{error}");
        assert!(!error.to_string().contains(&long));
    }
}
