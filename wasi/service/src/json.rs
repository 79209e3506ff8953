//! The manifest's JSON form of WIT values: records as objects keyed by WIT
//! field names (an `option` field left out or `null` for none), enums as
//! their case names, variants as `{"tag": …, "val": …}`, lists as arrays.
//! [`Json`] is implemented here for the built-in types and generated for
//! the WIT's own (`build.rs`).
//!
//! Refusals name the field (`pin.media.val.url`, `pin.items[2]`) and what
//! it must be, never the value that was sent: it may be a secret.

use serde_json::{Map, Value};

/// A value that has a JSON form.
pub trait Json: Sized {
    /// Whether a missing or `null` value is none rather than missing.
    const OPTIONAL: bool = false;

    /// Reads the value at field path `at` from `value`.
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError>;

    /// The value's JSON form.
    fn to_json(&self) -> Value;
}

/// Input refused before the connector is called: the connector's own
/// `invalid-input` error, naming the field and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field's path, e.g. `pin.title` (empty: the whole input).
    pub field: String,
    /// Why, e.g. `must be text`.
    pub reason: String,
}

impl InputError {
    /// Field `field` refused because `reason`.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Field `at` refused for not being one of `cases`.
    pub fn one_of(at: &str, cases: &[&str]) -> Self {
        Self::new(at, format!("must be one of {}", cases.join(", ")))
    }

    /// The error in the connector's form: `{"tag": "invalid-input", "val": {…}}`.
    pub fn to_json(&self) -> Value {
        let mut val = Map::new();
        val.insert("field".into(), Value::from(self.field.as_str()));
        val.insert("reason".into(), Value::from(self.reason.as_str()));
        tagged("invalid-input", Some(Value::Object(val)))
    }
}

/// `name` under the field path `at`.
pub fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

static NULL: Value = Value::Null;

/// The fields of an object that may hold only `names`.
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    at: String,
}

impl<'a> Fields<'a> {
    /// `value` as an object at `at` with no field but `names`.
    pub fn new(value: &'a Value, at: &str, names: &[&str]) -> Result<Self, InputError> {
        let map = match value {
            Value::Object(map) => map,
            Value::Null => return Err(InputError::new(at, "is required")),
            _ => return Err(InputError::new(at, "must be an object")),
        };
        if let Some(unknown) = map.keys().find(|key| !names.contains(&key.as_str())) {
            // A field name is not a value; it is named so the caller can
            // find the typo.
            return Err(InputError::new(join(at, unknown), "is not a field here"));
        }
        Ok(Self {
            map,
            at: at.to_owned(),
        })
    }

    /// Field `name`: required unless `T` is an option.
    pub fn get<T: Json>(&self, name: &str) -> Result<T, InputError> {
        let at = join(&self.at, name);
        match self.map.get(name) {
            None | Some(Value::Null) if !T::OPTIONAL => Err(InputError::new(at, "is required")),
            value => T::from_json(value.unwrap_or(&NULL), &at),
        }
    }
}

/// Adds `name` to `map` unless `value` is none.
pub fn put<T: Json>(map: &mut Map<String, Value>, name: &str, value: &T) {
    let json = value.to_json();
    if !json.is_null() {
        map.insert(name.to_owned(), json);
    }
}

/// `{"tag": tag}` or `{"tag": tag, "val": val}`.
pub fn tagged(tag: &str, val: Option<Value>) -> Value {
    let mut map = Map::new();
    map.insert("tag".into(), Value::from(tag));
    if let Some(val) = val {
        map.insert("val".into(), val);
    }
    Value::Object(map)
}

/// A variant's tag (one of `cases`) and payload (`null` when absent).
pub fn variant<'a>(
    value: &'a Value,
    at: &str,
    cases: &[&str],
) -> Result<(&'a str, &'a Value), InputError> {
    let fields = Fields::new(value, at, &["tag", "val"])?;
    let tag = match fields.map.get("tag") {
        Some(Value::String(tag)) if cases.contains(&tag.as_str()) => tag.as_str(),
        _ => return Err(InputError::one_of(&join(at, "tag"), cases)),
    };
    Ok((tag, fields.map.get("val").unwrap_or(&NULL)))
}

/// A variant case's payload, at `{at}.val`.
pub fn payload<T: Json>(val: &Value, at: &str) -> Result<T, InputError> {
    let at = join(at, "val");
    if val.is_null() && !T::OPTIONAL {
        return Err(InputError::new(at, "is required"));
    }
    T::from_json(val, &at)
}

impl Json for String {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| InputError::new(at, "must be text"))
    }

    fn to_json(&self) -> Value {
        Value::from(self.as_str())
    }
}

impl Json for bool {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        value
            .as_bool()
            .ok_or_else(|| InputError::new(at, "must be true or false"))
    }

    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl Json for char {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        let mut chars = value.as_str().unwrap_or_default().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(InputError::new(at, "must be one character")),
        }
    }

    fn to_json(&self) -> Value {
        Value::from(self.to_string())
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Json for $t {
            fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
                let whole = value
                    .as_u64()
                    .and_then(|n| <$t>::try_from(n).ok())
                    .or_else(|| value.as_i64().and_then(|n| <$t>::try_from(n).ok()));
                whole.ok_or_else(|| {
                    InputError::new(
                        at,
                        format!("must be a whole number from {} to {}", <$t>::MIN, <$t>::MAX),
                    )
                })
            }

            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, i8, i16, i32, i64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Json for $t {
            fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
                value
                    .as_f64()
                    .map(|n| n as $t)
                    .ok_or_else(|| InputError::new(at, "must be a number"))
            }

            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}

floats!(f32, f64);

/// The ok value of `result<_, error>` (the deletes): `null`.
impl Json for () {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        if value.is_null() {
            Ok(())
        } else {
            Err(InputError::new(at, "must be null"))
        }
    }

    fn to_json(&self) -> Value {
        Value::Null
    }
}

impl<T: Json> Json for Option<T> {
    const OPTIONAL: bool = true;

    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value, at).map(Some)
        }
    }

    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, Json::to_json)
    }
}

impl<T: Json> Json for Vec<T> {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        let items = value
            .as_array()
            .ok_or_else(|| InputError::new(at, "must be a list"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_json(item, &format!("{at}[{i}]")))
            .collect()
    }

    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Json::to_json).collect())
    }
}

impl<T: Json, E: Json> Json for Result<T, E> {
    fn from_json(value: &Value, at: &str) -> Result<Self, InputError> {
        match variant(value, at, &["ok", "err"])? {
            ("ok", val) => payload(val, at).map(Ok),
            (_, val) => payload(val, at).map(Err),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Ok(val) => tagged("ok", Some(val.to_json())),
            Err(val) => tagged("err", Some(val.to_json())),
        }
    }
}

/// What an operation came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Its output.
    Done(Value),
    /// Its error (the connector's `error`).
    Failed(Value),
}

impl Outcome {
    /// The outcome of an operation that returns `result<_, error>`.
    pub fn of_result<T: Json, E: Json>(result: Result<T, E>) -> Self {
        match result {
            Ok(value) => Outcome::Done(value.to_json()),
            Err(error) => Outcome::Failed(error.to_json()),
        }
    }
}

/// One operation of the connector, as the generated table lists it.
pub struct Operation {
    /// Its WIT name, e.g. `get-board`.
    pub name: &'static str,
    /// Its parameters' WIT names, in order.
    pub params: &'static [&'static str],
    /// Reads the parameters from the input object and calls the connector.
    pub call: fn(&Fields) -> Result<Outcome, InputError>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn options_may_be_left_out_or_null_and_required_fields_may_not() {
        let value = json!({"a": null, "b": "x"});
        let fields = Fields::new(&value, "pin", &["a", "b", "c"]).unwrap();
        assert_eq!(fields.get::<Option<String>>("a").unwrap(), None);
        assert_eq!(fields.get::<Option<String>>("c").unwrap(), None);
        assert_eq!(fields.get::<String>("b").unwrap(), "x");
        assert_eq!(
            fields.get::<String>("c").unwrap_err(),
            InputError::new("pin.c", "is required")
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let value = json!({"title": "t", "titel": "t"});
        assert_eq!(
            Fields::new(&value, "pin", &["title"]).err().unwrap(),
            InputError::new("pin.titel", "is not a field here")
        );
    }

    #[test]
    fn refusals_name_the_field_and_never_the_value() {
        let secret = "pina_SECRET_IN_THE_WRONG_PLACE";
        let refusals = [
            u32::from_json(&json!(secret), "max-boards").unwrap_err(),
            bool::from_json(&json!(secret), "is-ads-only").unwrap_err(),
            Vec::<String>::from_json(&json!([1, secret]), "scopes").unwrap_err(),
            Vec::<String>::from_json(&json!(secret), "scopes").unwrap_err(),
        ];
        for refusal in refusals {
            let text = refusal.to_json().to_string();
            assert!(!text.contains(secret), "{text}");
        }
        assert_eq!(
            u32::from_json(&json!(-1), "max-boards").unwrap_err().reason,
            "must be a whole number from 0 to 4294967295"
        );
        assert_eq!(
            Vec::<u32>::from_json(&json!([1, "x"]), "ids")
                .unwrap_err()
                .field,
            "ids[1]"
        );
    }

    #[test]
    fn variants_take_a_known_tag_and_their_payload() {
        let good = json!({"tag": "ok", "val": 3});
        assert_eq!(Result::<u32, String>::from_json(&good, "r").unwrap(), Ok(3));
        let unknown = json!({"tag": "maybe"});
        assert_eq!(
            Result::<u32, String>::from_json(&unknown, "r").unwrap_err(),
            InputError::new("r.tag", "must be one of ok, err")
        );
        let missing = json!({"tag": "ok"});
        assert_eq!(
            Result::<u32, String>::from_json(&missing, "r").unwrap_err(),
            InputError::new("r.val", "is required")
        );
    }
}
