//! The settings a user can give once instead of on every command: each has
//! a flag, an environment variable and a key of the config file, taken in
//! that order. The names live here once; help, messages and the config
//! file reader use them.

/// One setting's three names.
#[derive(Debug, PartialEq, Eq)]
pub struct Key {
    /// The command-line flag, e.g. `--api-base-url`.
    pub flag: &'static str,
    /// The environment variable, e.g. `PINTEREST_API_BASE_URL`.
    pub env: &'static str,
    /// The key in the config file, e.g. `apiBaseUrl`.
    pub file: &'static str,
    /// An example value, for messages.
    pub example: &'static str,
}

/// The app's id.
pub const CLIENT_ID: Key = Key {
    flag: "--client-id",
    env: "PINTEREST_APP_ID",
    file: "clientId",
    example: "1234567",
};
/// The app's secret.
pub const CLIENT_SECRET: Key = Key {
    flag: "--client-secret",
    env: "PINTEREST_APP_SECRET",
    file: "clientSecret",
    example: "…",
};
/// `production` or `sandbox` (the flag `--sandbox` is short for
/// `--environment sandbox`).
pub const ENVIRONMENT: Key = Key {
    flag: "--environment",
    env: "PINTEREST_ENVIRONMENT",
    file: "environment",
    example: "sandbox",
};
/// The API origin override.
pub const API_BASE_URL: Key = Key {
    flag: "--api-base-url",
    env: "PINTEREST_API_BASE_URL",
    file: "apiBaseUrl",
    example: "http://127.0.0.1:8080/sandbox",
};
/// The consent page override.
pub const AUTHORIZE_URL: Key = Key {
    flag: "--authorize-url",
    env: "PINTEREST_AUTHORIZE_URL",
    file: "authorizeUrl",
    example: "http://127.0.0.1:8080/oauth/",
};
/// Where the tokens are kept.
pub const TOKEN_FILE: Key = Key {
    flag: "--token-file",
    env: "PINTEREST_TOKEN_FILE",
    file: "tokenFile",
    example: "tokens-sandbox.json",
};
/// The board `pin create` and `pins import` use without `--board`.
pub const BOARD: Key = Key {
    flag: "--board",
    env: "PINTEREST_BOARD",
    file: "board",
    example: "549755885100",
};

/// Every key of the config file.
pub const KEYS: [&Key; 7] = [
    &CLIENT_ID,
    &CLIENT_SECRET,
    &ENVIRONMENT,
    &API_BASE_URL,
    &AUTHORIZE_URL,
    &TOKEN_FILE,
    &BOARD,
];

/// The environment variable naming the config file.
pub const CONFIG_ENV: &str = "PINTEREST_CONFIG";

/// Every environment variable the program reads for its settings.
pub fn env_names() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.env).chain([CONFIG_ENV])
}
