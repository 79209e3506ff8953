//! WIT types as data, with the limits the connector enforces on them, and
//! their rendering as JSON Schema (draft 2020-12) in the WIT's JSON form:
//! records as objects keyed by field name (an `option` field may be left
//! out), enums as their case names, variants as `{"tag": case}` or
//! `{"tag": case, "val": payload}`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A WIT type, with the limits the connector enforces on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `string`.
    Str(Text),
    /// `bool`.
    Bool,
    /// An integer type and the range accepted.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// `list<T>`, with the lengths accepted.
    List {
        /// The element type.
        item: Box<Ty>,
        /// Fewest elements.
        min: Option<u64>,
        /// Most elements.
        max: Option<u64>,
    },
    /// `option<T>`: only as a record field or a parameter, which may then
    /// be left out.
    Option(Box<Ty>),
    /// `record`.
    Record(Vec<Field>),
    /// `enum`.
    Enum(Vec<Case>),
    /// `variant`.
    Variant(Vec<VariantCase>),
    /// No value: what `result<_, error>` returns on success (`null` in
    /// the JSON form).
    Nothing,
}

/// Constraints on a `string`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Fewest characters.
    pub min_chars: Option<u64>,
    /// Most characters.
    pub max_chars: Option<u64>,
    /// A regular expression the whole value matches.
    pub pattern: Option<String>,
    /// A JSON Schema `format` (`uri`, `date-time`).
    pub format: Option<&'static str>,
    /// Whether the value is a credential a UI must mask and never log.
    pub secret: bool,
}

/// A record field or a function parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The WIT name, e.g. `board-id`.
    pub name: String,
    /// What it holds, for a UI's help text.
    pub doc: String,
    /// Its type.
    pub ty: Ty,
}

/// An enum case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The WIT name.
    pub name: String,
    /// What it means.
    pub doc: String,
}

/// A variant case.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantCase {
    /// The WIT name.
    pub name: String,
    /// What it means.
    pub doc: String,
    /// The payload, if the case has one.
    pub payload: Option<Ty>,
}

/// The JSON Schema of a type, its keys in the order written here.
pub struct Schema<'a>(pub &'a Ty);

impl Serialize for Schema<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Node {
            ty: self.0,
            doc: None,
        }
        .serialize(serializer)
    }
}

/// The JSON Schema of an object with `fields` (a record, or a parameter
/// list): every field named in order with its description, those that are
/// not `option` required, nothing else allowed.
pub struct Object<'a>(pub &'a [Field]);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer.serialize_map(None)?, self.0, None)
    }
}

/// A schema with an optional description.
struct Node<'a> {
    ty: &'a Ty,
    doc: Option<&'a str>,
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // An option outside a record or parameter list (the contract has
        // none) renders as its inner type.
        let ty = match self.ty {
            Ty::Option(inner) => inner,
            other => other,
        };
        match ty {
            Ty::Str(text) => {
                map.serialize_entry("type", "string")?;
                if let Some(min) = text.min_chars {
                    map.serialize_entry("minLength", &min)?;
                }
                if let Some(max) = text.max_chars {
                    map.serialize_entry("maxLength", &max)?;
                }
                if let Some(pattern) = &text.pattern {
                    map.serialize_entry("pattern", pattern)?;
                }
                if let Some(format) = text.format {
                    map.serialize_entry("format", format)?;
                }
                if text.secret {
                    map.serialize_entry("x-secret", &true)?;
                }
            }
            Ty::Bool => map.serialize_entry("type", "boolean")?,
            Ty::Nothing => map.serialize_entry("type", "null")?,
            Ty::Int { min, max } => {
                map.serialize_entry("type", "integer")?;
                map.serialize_entry("minimum", min)?;
                map.serialize_entry("maximum", max)?;
            }
            Ty::List { item, min, max } => {
                map.serialize_entry("type", "array")?;
                map.serialize_entry("items", &Schema(item))?;
                if let Some(min) = min {
                    map.serialize_entry("minItems", min)?;
                }
                if let Some(max) = max {
                    map.serialize_entry("maxItems", max)?;
                }
            }
            Ty::Record(fields) => return object(map, fields, self.doc),
            Ty::Enum(cases) => {
                map.serialize_entry("type", "string")?;
                let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
                map.serialize_entry("enum", &names)?;
                let docs: Vec<&str> = cases.iter().map(|c| c.doc.as_str()).collect();
                map.serialize_entry("x-enum-descriptions", &docs)?;
            }
            Ty::Variant(cases) => {
                let alternatives: Vec<Alternative<'_>> = cases.iter().map(Alternative).collect();
                map.serialize_entry("oneOf", &alternatives)?;
            }
            Ty::Option(_) => {}
        }
        if let Some(doc) = self.doc {
            map.serialize_entry("description", doc)?;
        }
        map.end()
    }
}

/// Writes an object schema of `fields` into `map` and closes it.
fn object<M: SerializeMap>(
    mut map: M,
    fields: &[Field],
    doc: Option<&str>,
) -> Result<M::Ok, M::Error> {
    map.serialize_entry("type", "object")?;
    if let Some(doc) = doc {
        map.serialize_entry("description", doc)?;
    }
    map.serialize_entry("properties", &Properties(fields))?;
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| !matches!(f.ty, Ty::Option(_)))
        .map(|f| f.name.as_str())
        .collect();
    map.serialize_entry("required", &required)?;
    map.serialize_entry("additionalProperties", &false)?;
    map.end()
}

struct Properties<'a>(&'a [Field]);

impl Serialize for Properties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for field in self.0 {
            let node = Node {
                ty: &field.ty,
                doc: Some(&field.doc),
            };
            map.serialize_entry(&field.name, &node)?;
        }
        map.end()
    }
}

/// One case of a variant: `{"tag": name}` or `{"tag": name, "val": payload}`.
struct Alternative<'a>(&'a VariantCase);

impl Serialize for Alternative<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let case = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "object")?;
        map.serialize_entry("description", &case.doc)?;
        map.serialize_entry("properties", &CaseProperties(case))?;
        let required: &[&str] = if case.payload.is_some() {
            &["tag", "val"]
        } else {
            &["tag"]
        };
        map.serialize_entry("required", required)?;
        map.serialize_entry("additionalProperties", &false)?;
        map.end()
    }
}

struct CaseProperties<'a>(&'a VariantCase);

impl Serialize for CaseProperties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("tag", &Const(&self.0.name))?;
        if let Some(payload) = &self.0.payload {
            map.serialize_entry("val", &Schema(payload))?;
        }
        map.end()
    }
}

struct Const<'a>(&'a str);

impl Serialize for Const<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("const", self.0)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn render(ty: &Ty) -> Value {
        serde_json::to_value(Schema(ty)).unwrap()
    }

    fn field(name: &str, doc: &str, ty: Ty) -> Field {
        Field {
            name: name.into(),
            doc: doc.into(),
            ty,
        }
    }

    #[test]
    fn option_fields_are_optional_and_others_required() {
        let query = Ty::Record(vec![
            field(
                "bookmark",
                "Next page.",
                Ty::Option(Box::new(Ty::Str(Text::default()))),
            ),
            field("page-size", "Per page.", Ty::Int { min: 1, max: 250 }),
        ]);
        let schema = render(&query);
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
        let media = Ty::Variant(vec![
            VariantCase {
                name: "image-url".into(),
                doc: "By URL.".into(),
                payload: Some(Ty::Str(Text::default())),
            },
            VariantCase {
                name: "none".into(),
                doc: "Nothing.".into(),
                payload: None,
            },
        ]);
        let schema = render(&media);
        let cases = schema["oneOf"].as_array().unwrap();
        assert_eq!(cases[0]["properties"]["tag"], json!({"const": "image-url"}));
        assert_eq!(cases[0]["required"], json!(["tag", "val"]));
        assert_eq!(cases[1]["required"], json!(["tag"]));
    }

    #[test]
    fn secrets_are_marked() {
        let token = Ty::Str(Text {
            secret: true,
            ..Text::default()
        });
        assert_eq!(render(&token)["x-secret"], json!(true));
        assert!(render(&Ty::Str(Text::default())).get("x-secret").is_none());
    }
}
