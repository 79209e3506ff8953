//! A small description of WIT types as static data, and its rendering as
//! JSON Schema (draft 2020-12) in the WIT's JSON form: records as objects
//! keyed by field name (an `option` field may be left out), enums as their
//! case names, variants as `{"tag": case}` or `{"tag": case, "val": payload}`.

use serde_json::{Map, Value, json};

/// A WIT type, with the limits the connector enforces on it.
#[derive(Debug)]
pub enum Ty {
    /// `string`.
    Str(Text),
    /// `bool`.
    Bool,
    /// An integer type and the range accepted.
    Int(Int),
    /// `list<T>`, with the lengths accepted.
    List {
        /// The element type.
        item: &'static Ty,
        /// Fewest elements.
        min: Option<u64>,
        /// Most elements.
        max: Option<u64>,
    },
    /// `option<T>`: only as a record field or a parameter, which may then
    /// be left out.
    Option(&'static Ty),
    /// `record`.
    Record(&'static [Field]),
    /// `enum`.
    Enum(&'static [Case]),
    /// `variant`.
    Variant(&'static [VariantCase]),
}

/// Constraints on a `string`.
#[derive(Debug, Default)]
pub struct Text {
    /// Most characters.
    pub max_chars: Option<u64>,
    /// A regular expression the whole value matches.
    pub pattern: Option<&'static str>,
    /// A JSON Schema `format` (`uri`, `date-time`).
    pub format: Option<&'static str>,
    /// Whether the value is a credential a UI must mask and never log.
    pub secret: bool,
}

impl Text {
    /// Any string.
    pub const ANY: Text = Text {
        max_chars: None,
        pattern: None,
        format: None,
        secret: false,
    };
}

/// The WIT integer types the contract uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntKind {
    /// `u16`.
    U16,
    /// `u32`.
    U32,
    /// `s32`.
    S32,
}

/// An integer type and the range accepted.
#[derive(Debug)]
pub struct Int {
    /// The WIT type.
    pub kind: IntKind,
    /// Smallest value.
    pub min: i64,
    /// Largest value.
    pub max: i64,
}

/// Any `u16`.
pub const U16: Ty = Ty::Int(Int {
    kind: IntKind::U16,
    min: 0,
    max: u16::MAX as i64,
});
/// Any `u32`.
pub const U32: Ty = Ty::Int(Int {
    kind: IntKind::U32,
    min: 0,
    max: u32::MAX as i64,
});
/// Any `s32`.
pub const S32: Ty = Ty::Int(Int {
    kind: IntKind::S32,
    min: i32::MIN as i64,
    max: i32::MAX as i64,
});
/// Any `string`.
pub const STRING: Ty = Ty::Str(Text::ANY);

/// A record field or a function parameter.
#[derive(Debug)]
pub struct Field {
    /// The WIT name, e.g. `board-id`.
    pub name: &'static str,
    /// What it holds, for a UI's help text.
    pub doc: &'static str,
    /// Its type.
    pub ty: &'static Ty,
}

/// An enum case.
#[derive(Debug)]
pub struct Case {
    /// The WIT name.
    pub name: &'static str,
    /// What it means.
    pub doc: &'static str,
}

/// A variant case.
#[derive(Debug)]
pub struct VariantCase {
    /// The WIT name.
    pub name: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// The payload, if the case has one.
    pub payload: Option<&'static Ty>,
}

/// The JSON Schema of `ty`.
pub fn render(ty: &Ty) -> Value {
    match ty {
        Ty::Str(text) => {
            let mut schema = Map::new();
            schema.insert("type".into(), "string".into());
            if let Some(max) = text.max_chars {
                schema.insert("maxLength".into(), max.into());
            }
            if let Some(pattern) = text.pattern {
                schema.insert("pattern".into(), pattern.into());
            }
            if let Some(format) = text.format {
                schema.insert("format".into(), format.into());
            }
            if text.secret {
                schema.insert("x-secret".into(), true.into());
            }
            Value::Object(schema)
        }
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Int(int) => json!({"type": "integer", "minimum": int.min, "maximum": int.max}),
        Ty::List { item, min, max } => {
            let mut schema = Map::new();
            schema.insert("type".into(), "array".into());
            schema.insert("items".into(), render(item));
            if let Some(min) = min {
                schema.insert("minItems".into(), (*min).into());
            }
            if let Some(max) = max {
                schema.insert("maxItems".into(), (*max).into());
            }
            Value::Object(schema)
        }
        // Reached only for an option outside a record or parameter list,
        // which the contract does not have: the inner schema is the best
        // rendering there.
        Ty::Option(inner) => render(inner),
        Ty::Record(fields) => object(fields),
        Ty::Enum(cases) => json!({
            "type": "string",
            "enum": cases.iter().map(|c| c.name).collect::<Vec<_>>(),
            "x-enum-descriptions": cases.iter().map(|c| c.doc).collect::<Vec<_>>(),
        }),
        Ty::Variant(cases) => json!({
            "oneOf": cases.iter().map(variant_case).collect::<Vec<_>>(),
        }),
    }
}

/// The schema of an object with `fields` (a record, or a parameter list):
/// every field named, those that are not `option` required, nothing else
/// allowed.
pub fn object(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let inner = match field.ty {
            Ty::Option(inner) => inner,
            other => {
                required.push(field.name);
                other
            }
        };
        let mut schema = render(inner);
        if let Value::Object(map) = &mut schema {
            map.insert("description".into(), field.doc.into());
        }
        properties.insert(field.name.into(), schema);
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn variant_case(case: &VariantCase) -> Value {
    let tag = json!({"const": case.name});
    match case.payload {
        Some(payload) => json!({
            "type": "object",
            "description": case.doc,
            "properties": {"tag": tag, "val": render(payload)},
            "required": ["tag", "val"],
            "additionalProperties": false,
        }),
        None => json!({
            "type": "object",
            "description": case.doc,
            "properties": {"tag": tag},
            "required": ["tag"],
            "additionalProperties": false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static PAGE_SIZE: Ty = Ty::Int(Int {
        kind: IntKind::U32,
        min: 1,
        max: 250,
    });
    static QUERY: Ty = Ty::Record(&[
        Field {
            name: "bookmark",
            doc: "Next page.",
            ty: &Ty::Option(&STRING),
        },
        Field {
            name: "page-size",
            doc: "Per page.",
            ty: &PAGE_SIZE,
        },
    ]);

    #[test]
    fn option_fields_are_optional_and_others_required() {
        let schema = render(&QUERY);
        assert_eq!(schema["required"], json!(["page-size"]));
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(
            schema["properties"]["bookmark"],
            json!({"type": "string", "description": "Next page."})
        );
        assert_eq!(
            schema["properties"]["page-size"],
            json!({"type": "integer", "minimum": 1, "maximum": 250, "description": "Per page."})
        );
    }

    #[test]
    fn variants_are_tagged_objects() {
        static MEDIA: Ty = Ty::Variant(&[
            VariantCase {
                name: "image-url",
                doc: "By URL.",
                payload: Some(&STRING),
            },
            VariantCase {
                name: "none",
                doc: "Nothing.",
                payload: None,
            },
        ]);
        let schema = render(&MEDIA);
        let cases = schema["oneOf"].as_array().unwrap();
        assert_eq!(cases[0]["properties"]["tag"], json!({"const": "image-url"}));
        assert_eq!(cases[0]["required"], json!(["tag", "val"]));
        assert_eq!(cases[1]["required"], json!(["tag"]));
    }

    #[test]
    fn secrets_are_marked() {
        static TOKEN: Ty = Ty::Str(Text {
            secret: true,
            ..Text::ANY
        });
        assert_eq!(render(&TOKEN)["x-secret"], json!(true));
        assert!(render(&STRING).get("x-secret").is_none());
    }
}
