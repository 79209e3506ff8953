//! Authorization codes, access tokens and refresh tokens: issuing them,
//! redeeming codes once, rotating refresh tokens.

use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hasher as _};

use super::{CODE_SECONDS, Environment};

/// A code the consent page handed out.
#[derive(Debug)]
struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    expires_at: u64,
    used: bool,
}

/// A live access token.
#[derive(Debug, Clone)]
pub(crate) struct AccessGrant {
    pub environment: Environment,
    pub scopes: Vec<String>,
    pub expires_at: u64,
}

/// A refresh token, live or spent.
#[derive(Debug)]
struct RefreshGrant {
    environment: Environment,
    scopes: Vec<String>,
    expires_at: u64,
    rotated: bool,
}

/// A freshly issued access and refresh token, with their lifetimes and
/// expiry times (unix seconds).
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
    pub expires_at: u64,
    pub refresh_token_expires_in: u64,
    pub refresh_token_expires_at: u64,
}

/// How long issued tokens live, in seconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lifetimes {
    pub access: u64,
    pub refresh: u64,
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeProblem {
    /// Never issued, or issued to another app.
    Unknown,
    /// Already exchanged once.
    Used,
    /// Older than [`CODE_SECONDS`].
    Expired,
    /// The `redirect_uri` differs from the one given to the consent page.
    RedirectMismatch,
}

/// Why a refresh token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefreshProblem {
    /// Never issued here, or issued by the other environment.
    Unknown,
    /// Already used once (rotation replaced it).
    Rotated,
    /// Past its expiry.
    Expired,
    /// Asks for a scope the grant does not have.
    ScopeNotGranted,
}

/// Every grant the stand-in issued.
#[derive(Debug)]
pub(crate) struct Grants {
    codes: HashMap<String, CodeGrant>,
    access: HashMap<String, AccessGrant>,
    refresh: HashMap<String, RefreshGrant>,
    lifetimes: Lifetimes,
    random: u64,
}

/// Letters of generated tokens.
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Grants {
    /// No grants; tokens will live `lifetimes`; `seed` varies the
    /// generated tokens.
    pub fn new(seed: u64, lifetimes: Lifetimes) -> Self {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(seed);
        Self {
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            lifetimes,
            random: hasher.finish() | 1,
        }
    }

    /// Hands out a code for the consent page's redirect.
    pub fn issue_code(
        &mut self,
        client_id: &str,
        redirect_uri: &str,
        scopes: &[String],
        now: u64,
    ) -> String {
        let code = self.random_text(40);
        self.codes.insert(
            code.clone(),
            CodeGrant {
                client_id: client_id.to_owned(),
                redirect_uri: redirect_uri.to_owned(),
                scopes: scopes.to_vec(),
                expires_at: now + CODE_SECONDS,
                used: false,
            },
        );
        code
    }

    /// Spends `code` (once) and returns its scopes. A redirect mismatch
    /// leaves the code unspent.
    pub fn redeem_code(
        &mut self,
        client_id: &str,
        code: &str,
        redirect_uri: &str,
        now: u64,
    ) -> Result<Vec<String>, CodeProblem> {
        let grant = self
            .codes
            .get_mut(code)
            .filter(|g| g.client_id == client_id)
            .ok_or(CodeProblem::Unknown)?;
        if grant.used {
            return Err(CodeProblem::Used);
        }
        if now >= grant.expires_at {
            return Err(CodeProblem::Expired);
        }
        if grant.redirect_uri != redirect_uri {
            return Err(CodeProblem::RedirectMismatch);
        }
        grant.used = true;
        Ok(grant.scopes.clone())
    }

    /// Issues an access and a refresh token for `environment`.
    pub fn issue_pair(&mut self, environment: Environment, scopes: &[String], now: u64) -> Pair {
        let access_token = format!("pina_{}", self.random_text(60));
        let refresh_token = format!("pinr_{}", self.random_text(60));
        let Lifetimes { access, refresh } = self.lifetimes;
        self.access.insert(
            access_token.clone(),
            AccessGrant {
                environment,
                scopes: scopes.to_vec(),
                expires_at: now + access,
            },
        );
        self.refresh.insert(
            refresh_token.clone(),
            RefreshGrant {
                environment,
                scopes: scopes.to_vec(),
                expires_at: now + refresh,
                rotated: false,
            },
        );
        Pair {
            access_token,
            refresh_token,
            expires_in: access,
            expires_at: now + access,
            refresh_token_expires_in: refresh,
            refresh_token_expires_at: now + refresh,
        }
    }

    /// Spends `refresh_token` and issues a new pair, with `narrower` scopes
    /// if given (they must all be granted already).
    pub fn rotate(
        &mut self,
        environment: Environment,
        refresh_token: &str,
        narrower: Option<Vec<String>>,
        now: u64,
    ) -> Result<(Pair, Vec<String>), RefreshProblem> {
        let grant = self
            .refresh
            .get_mut(refresh_token)
            .filter(|g| g.environment == environment)
            .ok_or(RefreshProblem::Unknown)?;
        if grant.rotated {
            return Err(RefreshProblem::Rotated);
        }
        if now >= grant.expires_at {
            return Err(RefreshProblem::Expired);
        }
        let scopes = match narrower {
            Some(asked) if asked.iter().any(|s| !grant.scopes.contains(s)) => {
                return Err(RefreshProblem::ScopeNotGranted);
            }
            Some(asked) => asked,
            None => grant.scopes.clone(),
        };
        grant.rotated = true;
        let pair = self.issue_pair(environment, &scopes, now);
        Ok((pair, scopes))
    }

    /// The grant of a live access token for `environment`.
    pub fn access(&self, environment: Environment, token: &str, now: u64) -> Option<&AccessGrant> {
        self.access
            .get(token)
            .filter(|g| g.environment == environment && now < g.expires_at)
    }

    /// `len` random letters and digits (xorshift64*, not for real secrets).
    fn random_text(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| {
                self.random ^= self.random >> 12;
                self.random ^= self.random << 25;
                self.random ^= self.random >> 27;
                let value = self.random.wrapping_mul(0x2545_F491_4F6C_DD1D);
                let index = usize::try_from(value >> 58).unwrap_or_default() % ALPHABET.len();
                char::from(ALPHABET[index])
            })
            .collect()
    }
}
