//! The manifest's JSON form of component values, converted by the
//! component's own types: records as objects by WIT field name (`option`
//! fields left out for none), enums as case names, variants as
//! `{"tag": …, "val": …}`.

use serde_json::{Map, Value};
use wasmtime::component::{Type, Val};

/// `n` as the integer type `T`.
fn fits<T: TryFrom<i64>>(n: i64) -> Result<T, String> {
    T::try_from(n).map_err(|_| format!("{n} is out of range"))
}

/// `json` as a value of type `ty`.
pub fn to_val(ty: &Type, json: &Value) -> Result<Val, String> {
    let integer = || {
        json.as_i64()
            .ok_or_else(|| format!("{json} is not a whole number"))
    };
    let text = || json.as_str().ok_or_else(|| format!("{json} is not text"));
    Ok(match ty {
        Type::Bool => Val::Bool(json.as_bool().ok_or("not a boolean")?),
        Type::U8 => Val::U8(fits(integer()?)?),
        Type::U16 => Val::U16(fits(integer()?)?),
        Type::U32 => Val::U32(fits(integer()?)?),
        Type::U64 => Val::U64(fits(integer()?)?),
        Type::S8 => Val::S8(fits(integer()?)?),
        Type::S16 => Val::S16(fits(integer()?)?),
        Type::S32 => Val::S32(fits(integer()?)?),
        Type::S64 => Val::S64(integer()?),
        Type::String => Val::String(text()?.to_owned()),
        Type::Enum(_) => Val::Enum(text()?.to_owned()),
        Type::Option(option) => match json {
            Value::Null => Val::Option(None),
            value => Val::Option(Some(Box::new(to_val(&option.ty(), value)?))),
        },
        Type::List(list) => Val::List(
            json.as_array()
                .ok_or("not a list")?
                .iter()
                .map(|item| to_val(&list.ty(), item))
                .collect::<Result<_, _>>()?,
        ),
        Type::Record(record) => Val::Record(
            record
                .fields()
                .map(|field| {
                    let value = json.get(field.name).unwrap_or(&Value::Null);
                    Ok((field.name.to_owned(), to_val(&field.ty, value)?))
                })
                .collect::<Result<_, String>>()?,
        ),
        Type::Variant(variant) => {
            let tag = json["tag"].as_str().ok_or("no tag")?;
            let case = variant
                .cases()
                .find(|case| case.name == tag)
                .ok_or_else(|| format!("no case {tag}"))?;
            let payload = match case.ty {
                Some(ty) => Some(Box::new(to_val(&ty, &json["val"])?)),
                None => None,
            };
            Val::Variant(tag.to_owned(), payload)
        }
        other => return Err(format!("no JSON form for {other:?} here")),
    })
}

/// The JSON form of `val`.
pub fn from_val(val: &Val) -> Value {
    match val {
        Val::Bool(b) => Value::from(*b),
        Val::U8(n) => Value::from(*n),
        Val::U16(n) => Value::from(*n),
        Val::U32(n) => Value::from(*n),
        Val::U64(n) => Value::from(*n),
        Val::S8(n) => Value::from(*n),
        Val::S16(n) => Value::from(*n),
        Val::S32(n) => Value::from(*n),
        Val::S64(n) => Value::from(*n),
        Val::String(s) | Val::Enum(s) => Value::from(s.as_str()),
        Val::Option(None) => Value::Null,
        Val::Option(Some(value)) => from_val(value),
        Val::List(items) => Value::Array(items.iter().map(from_val).collect()),
        Val::Record(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, value)| (name.clone(), from_val(value)))
                .filter(|(_, value)| !value.is_null())
                .collect::<Map<_, _>>(),
        ),
        Val::Variant(tag, payload) => {
            let mut map = Map::new();
            map.insert("tag".into(), Value::from(tag.as_str()));
            if let Some(payload) = payload {
                map.insert("val".into(), from_val(payload));
            }
            Value::Object(map)
        }
        other => panic!("no JSON form for {other:?} here"),
    }
}
