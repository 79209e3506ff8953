//! The config file: a JSON object of settings (the profile), read strictly.
//! Keys are spelled as in Appmixer's format (camelCase); an unknown key is
//! refused by name, and one spelled another way (`client_id`,
//! `api-base-url`) is refused with the right spelling, so that no setting
//! is ignored without a word.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::exit::CliError;
use super::settings::{KEYS, Key};

/// The settings a config file holds, each as written there.
#[derive(Default, Clone)]
pub struct Profile {
    /// The file they were read from.
    pub path: Option<PathBuf>,
    values: Vec<(&'static Key, String)>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names only: the values may hold the app's secret.
        f.debug_struct("Profile")
            .field("path", &self.path)
            .field(
                "keys",
                &self.values.iter().map(|(k, _)| k.file).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Profile {
    /// Reads the profile in `path`.
    pub fn read(path: &Path) -> Result<Self, CliError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            CliError::usage(format!(
                "Could not read the config file {}: {e}.",
                path.display()
            ))
            .with_remedy(format!(
                "Pass --config with a JSON file of settings ({}).",
                key_list()
            ))
        })?;
        Self::parse(&text, path)
    }

    /// Parses `text`, the content of `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, CliError> {
        let shape = || {
            CliError::usage(format!(
                "The config file {} is not a JSON object of settings.",
                path.display()
            ))
            .with_remedy(format!(
                "Write it as {{\"clientId\": \"…\", \"clientSecret\": \"…\", \"environment\": \"sandbox\", …}} with the keys {}.",
                key_list()
            ))
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let mut error = shape();
            error.message = format!(
                "The config file {} is not valid JSON (line {}, column {}).",
                path.display(),
                e.line(),
                e.column()
            );
            error
        })?;
        let Value::Object(object) = value else {
            return Err(shape());
        };
        let mut values = Vec::new();
        for (name, value) in object {
            let Some(key) = KEYS.iter().find(|k| k.file == name) else {
                return Err(unknown_key(path, &name));
            };
            let Value::String(text) = value else {
                return Err(CliError::usage(format!(
                    "The key \"{name}\" in the config file {} is not a string.",
                    path.display()
                ))
                .with_remedy(format!("Write it as \"{name}\": \"{}\".", key.example)));
            };
            values.push((*key, text));
        }
        Ok(Self {
            path: Some(path.to_owned()),
            values,
        })
    }

    /// The value of `key`, if the file has a non-empty one.
    pub fn get(&self, key: &Key) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k.file == key.file)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A path from the file, relative to the file's directory.
    pub fn path_value(&self, key: &Key) -> Option<PathBuf> {
        let value = PathBuf::from(self.get(key)?);
        Some(match self.path.as_deref().and_then(Path::parent) {
            Some(dir) if value.is_relative() => dir.join(value),
            _ => value,
        })
    }
}

/// The refusal of an unknown key, naming the key it resembles.
fn unknown_key(path: &Path, name: &str) -> CliError {
    let squashed = squash(name);
    let error = CliError::usage(format!(
        "The config file {} has an unknown key \"{name}\".",
        path.display()
    ));
    match KEYS.iter().find(|k| squash(k.file) == squashed) {
        Some(key) => error.with_remedy(format!(
            "Spell it \"{}\" (keys are camelCase, as in Appmixer's format).",
            key.file
        )),
        None => error.with_remedy(format!("The keys are {}.", key_list())),
    }
}

/// A key without case, `_` or `-`: `client_id` and `clientId` agree.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `clientId, clientSecret, …`.
fn key_list() -> String {
    KEYS.iter().map(|k| k.file).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;

    fn parse(text: &str) -> Result<Profile, CliError> {
        Profile::parse(text, Path::new("/etc/pinterest/config.json"))
    }

    #[test]
    fn reads_every_key_and_resolves_relative_paths() {
        let profile = parse(
            r#"{"clientId": "1", "clientSecret": "s", "environment": "sandbox",
                "apiBaseUrl": "http://127.0.0.1:1", "authorizeUrl": "http://127.0.0.1:1/oauth/",
                "tokenFile": "tokens.json", "board": "42"}"#,
        )
        .expect("a valid profile");
        assert_eq!(profile.get(&settings::ENVIRONMENT), Some("sandbox"));
        assert_eq!(profile.get(&settings::BOARD), Some("42"));
        assert_eq!(
            profile.path_value(&settings::TOKEN_FILE),
            Some(PathBuf::from("/etc/pinterest/tokens.json"))
        );
    }

    #[test]
    fn unknown_keys_are_refused_by_name_with_the_right_spelling() {
        let error = parse(r#"{"client_id": "1"}"#).expect_err("snake_case");
        assert!(error.message.contains("\"client_id\""), "{error}");
        assert!(
            error
                .remedy
                .as_deref()
                .unwrap_or_default()
                .contains("\"clientId\""),
            "{error}"
        );
        let error = parse(r#"{"api-base-url": "x"}"#).expect_err("kebab-case");
        assert!(
            error
                .remedy
                .as_deref()
                .unwrap_or_default()
                .contains("\"apiBaseUrl\""),
            "{error}"
        );
        let error = parse(r#"{"colour": "red"}"#).expect_err("unknown");
        assert!(error.message.contains("\"colour\""), "{error}");
        assert!(
            error
                .remedy
                .as_deref()
                .unwrap_or_default()
                .contains("tokenFile"),
            "{error}"
        );
        let error = parse(r#"{"board": 42}"#).expect_err("not a string");
        assert!(error.message.contains("not a string"), "{error}");
        assert!(parse("[1]").is_err());
        assert!(parse("{").expect_err("bad JSON").message.contains("line 1"));
    }

    #[test]
    fn debug_never_shows_values() {
        let profile = parse(r#"{"clientSecret": "very-secret-value"}"#).expect("valid");
        assert!(!format!("{profile:?}").contains("very-secret"));
    }
}
