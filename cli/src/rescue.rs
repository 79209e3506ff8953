//! Where new tokens go when their token file cannot be written after
//! Pinterest issued them (the code or refresh token that bought them is
//! spent, so dropping them would lose the account): a private copy in the
//! user's state directory (else a private directory of this user in the
//! temporary directory), named after the token file it belongs to, which
//! the next run finds and moves into place by itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::dirs;
use super::durable;
use super::tokens::StoredTokens;

/// A kept token set and the token file it belongs to.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// The absolute path of the token file.
    token_file: PathBuf,
    /// The tokens.
    tokens: StoredTokens,
}

/// A copy found for a token file.
pub struct Found {
    /// Where the copy is.
    pub path: PathBuf,
    /// The tokens in it.
    pub tokens: StoredTokens,
}

/// Keeps `tokens`, which belong in `token_file`, in the first place that
/// takes them (mode 0600 in a directory of mode 0700); returns that place,
/// or every reason none did.
pub fn keep(token_file: &Path, tokens: &StoredTokens) -> Result<PathBuf, String> {
    let kept = Kept {
        token_file: absolute(token_file),
        tokens: tokens.clone(),
    };
    let mut json = serde_json::to_vec_pretty(&kept).map_err(|e| e.to_string())?;
    json.push(b'\n');
    let mut reasons = Vec::new();
    for dir in dirs::state_dirs() {
        let place = dir.join(name_for(token_file));
        let written = usable_dir(&dir).and_then(|()| durable::replace(&place, &json, || {}));
        match written {
            Ok(()) => return Ok(place),
            Err(e) => reasons.push(format!("{}: {e}", dir.display())),
        }
    }
    Err(reasons.join("; "))
}

/// The copies kept for `token_file`.
pub fn find(token_file: &Path) -> Vec<Found> {
    let wanted = absolute(token_file);
    dirs::state_dirs()
        .into_iter()
        .map(|dir| dir.join(name_for(token_file)))
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let kept: Kept = serde_json::from_str(&text).ok()?;
            (kept.token_file == wanted).then_some(Found {
                path,
                tokens: kept.tokens,
            })
        })
        .collect()
}

/// Removes a copy once it is no longer needed.
pub fn remove(found: &Found) {
    let _ = std::fs::remove_file(&found.path);
}

/// `tokens-HASH.json`, HASH naming the token file's absolute path.
fn name_for(token_file: &Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in absolute(token_file).to_string_lossy().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("tokens-{hash:016x}.json")
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// Makes sure `dir` exists and is this user's own private directory (a
/// shared temporary directory could hold someone else's, or a link).
#[cfg(unix)]
fn usable_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    if std::fs::symlink_metadata(dir).is_err() {
        durable::create_private_dir(dir)?;
    }
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() || meta.uid() != dirs::user_id() {
        return Err(std::io::Error::other("not a directory of this user"));
    }
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn usable_dir(dir: &Path) -> std::io::Result<()> {
    if !dir.exists() {
        durable::create_private_dir(dir)?;
    }
    Ok(())
}
