//! Reading the contract in `wit/` with `wit-parser`: every exported
//! function with its parameters and result, every type with its fields and
//! cases, each with its `///` documentation, and the limits of
//! [`facts::limits`] placed on the values they
//! constrain.

use std::collections::BTreeSet;
use std::path::Path;

use wit_parser::{Docs, Function, InterfaceId, Resolve, Type, TypeDefKind};

use crate::facts::{self, Limit};
use crate::schema::{Case, Field, Text, Ty, VariantCase};

/// The `connector` interface of the WIT package in a directory.
pub struct Contract {
    resolve: Resolve,
    connector: InterfaceId,
    /// The package, e.g. `pinterest:connector@0.3.0`.
    pub package: String,
}

/// One exported function, read.
pub struct Export {
    /// The WIT name.
    pub name: String,
    /// Its `///` documentation.
    pub doc: String,
    /// The parameters, in order, with their docs and limits.
    pub params: Vec<Field>,
    /// The value returned (on success, for a `result`).
    pub output: Ty,
    /// The error of a `result`.
    pub error: Option<Ty>,
}

/// What reading the contract needs besides the WIT: the hand-written facts,
/// and which of them were used (a fact no place uses is stale).
struct Reader<'a> {
    resolve: &'a Resolve,
    limits: Vec<(&'static str, Limit)>,
    params: Vec<(&'static str, String)>,
    used: BTreeSet<&'static str>,
}

impl Contract {
    /// Parses `wit/` (a directory with the package and its `deps/`).
    pub fn load(dir: &Path) -> Result<Self, String> {
        let mut resolve = Resolve::default();
        let (package, _) = resolve
            .push_dir(dir)
            .map_err(|e| format!("{}: {e:#}", dir.display()))?;
        let connector = *resolve.packages[package]
            .interfaces
            .get("connector")
            .ok_or("the WIT package has no `connector` interface")?;
        let package = resolve.packages[package].name.to_string();
        Ok(Self {
            resolve,
            connector,
            package,
        })
    }

    /// Every exported function but those of [`facts::NOT_OPERATIONS`], in
    /// the WIT's order. Fails when a documentation comment is missing, or a
    /// fact names no place in the WIT.
    pub fn operations(&self) -> Result<Vec<Export>, String> {
        let mut reader = Reader {
            resolve: &self.resolve,
            limits: facts::limits(),
            params: facts::params(),
            used: BTreeSet::new(),
        };
        let operations = self.resolve.interfaces[self.connector]
            .functions
            .values()
            .filter(|f| !facts::NOT_OPERATIONS.contains(&f.name.as_str()))
            .map(|f| reader.function(f))
            .collect::<Result<Vec<_>, _>>()?;
        let stale: Vec<&str> = reader
            .limits
            .iter()
            .map(|(place, _)| *place)
            .chain(reader.params.iter().map(|(place, _)| *place))
            .filter(|place| !reader.used.contains(place))
            .collect();
        if !stale.is_empty() {
            return Err(format!(
                "facts for places the WIT does not have (renamed or removed?): {stale:?}"
            ));
        }
        Ok(operations)
    }
}

impl Reader<'_> {
    fn function(&mut self, f: &Function) -> Result<Export, String> {
        let doc = text(&f.docs).ok_or_else(|| format!("function {} has no ///", f.name))?;
        let params = f
            .params
            .iter()
            .map(|p| {
                let exact = format!("{}({})", f.name, p.name);
                let any = format!("({})", p.name);
                let doc = self
                    .param_doc(&exact)
                    .or_else(|| self.param_doc(&any))
                    .ok_or_else(|| {
                        format!(
                            "no doc for parameter {exact} in the facts (the WIT documents none)"
                        )
                    })?;
                let limit = self.limit(&exact).or_else(|| self.limit(&any));
                Ok(Field {
                    name: p.name.clone(),
                    doc,
                    ty: self.ty(&p.ty, limit.as_ref(), &exact)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let result = f
            .result
            .as_ref()
            .ok_or_else(|| format!("function {} returns nothing", f.name))?;
        let (output, error) = match result_parts(self.resolve, result) {
            Some((ok, err)) => {
                let err = err.ok_or_else(|| format!("{}: a result without an error", f.name))?;
                let output = match ok {
                    Some(ok) => self.ty(ok, None, &format!("{}(output)", f.name))?,
                    None => Ty::Nothing,
                };
                (
                    output,
                    Some(self.ty(err, None, &format!("{}(error)", f.name))?),
                )
            }
            None => (self.ty(result, None, &format!("{}(output)", f.name))?, None),
        };
        Ok(Export {
            name: f.name.clone(),
            doc,
            params,
            output,
            error,
        })
    }

    fn param_doc(&mut self, place: &str) -> Option<String> {
        let (key, doc) = self.params.iter().find(|(p, _)| *p == place)?;
        self.used.insert(key);
        Some(doc.clone())
    }

    fn limit(&mut self, place: &str) -> Option<Limit> {
        let (key, limit) = self.limits.iter().find(|(p, _)| *p == place)?;
        self.used.insert(key);
        Some(limit.clone())
    }

    /// The type `ty` found at `place` (for messages), with `limit` on it.
    fn ty(&mut self, ty: &Type, limit: Option<&Limit>, place: &str) -> Result<Ty, String> {
        let plain = match ty {
            Type::Bool => Ty::Bool,
            Type::String => Ty::Str(Text::default()),
            Type::U8 => int(u8::MIN, u8::MAX),
            Type::U16 => int(u16::MIN, u16::MAX),
            Type::U32 => int(u32::MIN, u32::MAX),
            Type::S8 => int(i8::MIN, i8::MAX),
            Type::S16 => int(i16::MIN, i16::MAX),
            Type::S32 => int(i32::MIN, i32::MAX),
            Type::S64 => int(i64::MIN, i64::MAX),
            Type::Id(id) => {
                let resolve = self.resolve;
                let def = &resolve.types[*id];
                let name = def.name.clone().unwrap_or_default();
                match &def.kind {
                    TypeDefKind::Type(inner) => return self.ty(inner, limit, place),
                    TypeDefKind::Option(inner) => {
                        return Ok(Ty::Option(Box::new(self.ty(inner, limit, place)?)));
                    }
                    TypeDefKind::List(item) => Ty::List {
                        item: Box::new(self.ty(item, None, &format!("{place}[]"))?),
                        min: None,
                        max: None,
                    },
                    TypeDefKind::Record(record) => Ty::Record(
                        record
                            .fields
                            .iter()
                            .map(|f| {
                                let at = format!("{name}.{}", f.name);
                                let limit = self.limit(&at);
                                Ok(Field {
                                    name: f.name.clone(),
                                    doc: text(&f.docs).ok_or_else(|| format!("{at} has no ///"))?,
                                    ty: self.ty(&f.ty, limit.as_ref(), &at)?,
                                })
                            })
                            .collect::<Result<_, String>>()?,
                    ),
                    TypeDefKind::Enum(e) => Ty::Enum(
                        e.cases
                            .iter()
                            .map(|c| {
                                Ok(Case {
                                    name: c.name.clone(),
                                    doc: text(&c.docs)
                                        .ok_or_else(|| format!("{name}.{} has no ///", c.name))?,
                                })
                            })
                            .collect::<Result<_, String>>()?,
                    ),
                    TypeDefKind::Variant(v) => Ty::Variant(
                        v.cases
                            .iter()
                            .map(|c| {
                                let at = format!("{name}.{}", c.name);
                                let limit = self.limit(&at);
                                Ok(VariantCase {
                                    name: c.name.clone(),
                                    doc: text(&c.docs).ok_or_else(|| format!("{at} has no ///"))?,
                                    payload: c
                                        .ty
                                        .as_ref()
                                        .map(|t| self.ty(t, limit.as_ref(), &at))
                                        .transpose()?,
                                })
                            })
                            .collect::<Result<_, String>>()?,
                    ),
                    other => {
                        return Err(format!("{place}: the manifest has no form for {other:?}"));
                    }
                }
            }
            other => return Err(format!("{place}: the manifest has no form for {other:?}")),
        };
        match limit {
            None => Ok(plain),
            Some(limit) => limited(plain, limit)
                .ok_or_else(|| format!("{place}: the limit {limit:?} does not fit its type")),
        }
    }
}

/// `(ok, err)` when `ty` is a `result`.
fn result_parts<'r>(
    resolve: &'r Resolve,
    ty: &'r Type,
) -> Option<(Option<&'r Type>, Option<&'r Type>)> {
    match ty {
        Type::Id(id) => match &resolve.types[*id].kind {
            TypeDefKind::Result(r) => Some((r.ok.as_ref(), r.err.as_ref())),
            _ => None,
        },
        _ => None,
    }
}

fn int<T: Into<i64>>(min: T, max: T) -> Ty {
    Ty::Int {
        min: min.into(),
        max: max.into(),
    }
}

/// `ty` with `limit` on it, if the limit fits the type.
fn limited(ty: Ty, limit: &Limit) -> Option<Ty> {
    let text = |text: Text| Some(Ty::Str(text));
    match (ty, limit) {
        (Ty::Str(t), Limit::Secret) => text(Text { secret: true, ..t }),
        (Ty::Str(t), Limit::Id) => text(Text {
            pattern: Some(facts::id_pattern()),
            ..t
        }),
        (Ty::Str(t), Limit::Uri) => text(Text {
            format: Some("uri"),
            ..t
        }),
        (Ty::Str(t), Limit::UriOf(max)) => text(Text {
            format: Some("uri"),
            max_chars: Some(*max as u64),
            ..t
        }),
        (Ty::Str(t), Limit::Chars(max)) => text(Text {
            max_chars: Some(*max as u64),
            ..t
        }),
        (Ty::Str(t), Limit::CharsBetween(min, max)) => text(Text {
            min_chars: Some(*min as u64),
            max_chars: Some(*max as u64),
            ..t
        }),
        (Ty::Str(t), Limit::NotEmpty) => text(Text {
            min_chars: Some(1),
            ..t
        }),
        (Ty::Str(t), Limit::DigitsOrEmpty(max)) => text(Text {
            pattern: Some(format!("^([0-9]{{1,{max}}})?$")),
            ..t
        }),
        (Ty::Str(t), Limit::Pattern(p)) => text(Text {
            pattern: Some((*p).to_owned()),
            ..t
        }),
        (Ty::Str(t), Limit::DateTime) => text(Text {
            format: Some("date-time"),
            ..t
        }),
        (Ty::Int { min, max }, Limit::Range(lo, hi)) if min <= *lo && *hi <= max => {
            Some(Ty::Int { min: *lo, max: *hi })
        }
        (Ty::List { item, .. }, Limit::Items(min, max)) => Some(Ty::List {
            item,
            min: Some(*min as u64),
            max: Some(*max as u64),
        }),
        _ => None,
    }
}

/// A `///` comment as one text: the lines of each paragraph joined by a
/// space, paragraphs by a blank line. None when there is no comment.
pub fn text(docs: &Docs) -> Option<String> {
    let contents = docs.contents.as_deref()?;
    let paragraphs: Vec<String> = contents
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}
