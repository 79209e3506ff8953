//! Host content by name: which preopened directory holds it and where.
//!
//! The rule: a host-content name is a path that starts with the guest path
//! of a preopened directory — `uploads/video.mp4` or `/uploads/video.mp4`
//! for a directory preopened as `uploads` or `/uploads` — followed by the
//! file's path inside it. A directory preopened as `.` holds every relative
//! name, one preopened as `/` every absolute one; when several match, the
//! longest wins. A name with `..`, or one no preopened directory holds, is
//! refused (`denied`); so are symbolic links (never followed) and anything
//! but a regular file, which the adapter checks when it opens the file.

/// Where host content is: the index of its preopened directory (in the
/// host's list) and its relative path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Index into the preopened directories given to [`locate`].
    pub preopen: usize,
    /// The file's path inside that directory, `/`-separated, never empty,
    /// without `.` or `..` components.
    pub path: String,
}

/// A path as components, and whether it is absolute; none when it has a
/// `..` component.
fn components(path: &str) -> Option<(bool, Vec<&str>)> {
    let absolute = path.starts_with('/');
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part => parts.push(part),
        }
    }
    Some((absolute, parts))
}

/// Finds host content `name` among the `preopens` (their guest paths, in
/// the host's order), or says why it cannot be given.
pub fn locate(name: &str, preopens: &[&str]) -> Result<Located, String> {
    if name.contains('\0') {
        return Err("a host content name may not contain NUL".to_owned());
    }
    let (absolute, parts) = components(name)
        .ok_or_else(|| format!("host content {name:?} is refused: names may not contain `..`"))?;
    let mut best: Option<(usize, usize)> = None;
    for (index, preopen) in preopens.iter().enumerate() {
        let Some((preopen_absolute, prefix)) = components(preopen) else {
            continue;
        };
        let matches = preopen_absolute == absolute
            && parts.len() > prefix.len()
            && parts.starts_with(&prefix);
        if matches && best.is_none_or(|(_, longest)| prefix.len() > longest) {
            best = Some((index, prefix.len()));
        }
    }
    let (preopen, skip) = best.ok_or_else(|| {
        let offered = match preopens {
            [] => "none".to_owned(),
            names => names.join(", "),
        };
        format!("no preopened directory holds host content {name:?} (preopened: {offered})")
    })?;
    Ok(Located {
        preopen,
        path: parts[skip..].join("/"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(preopen: usize, path: &str) -> Result<Located, String> {
        Ok(Located {
            preopen,
            path: path.to_owned(),
        })
    }

    #[test]
    fn a_name_starts_with_its_directory() {
        let preopens = ["uploads", "/media"];
        assert_eq!(locate("uploads/video.mp4", &preopens), at(0, "video.mp4"));
        assert_eq!(
            locate("./uploads//2026/a.mp4", &preopens),
            at(0, "2026/a.mp4")
        );
        assert_eq!(locate("/media/a.mp4", &preopens), at(1, "a.mp4"));
    }

    #[test]
    fn dot_holds_relative_names_and_root_absolute_ones_and_the_longest_wins() {
        let preopens = [".", "/", "/media/videos"];
        assert_eq!(locate("clip.mp4", &preopens), at(0, "clip.mp4"));
        assert_eq!(locate("/tmp/clip.mp4", &preopens), at(1, "tmp/clip.mp4"));
        assert_eq!(
            locate("/media/videos/clip.mp4", &preopens),
            at(2, "clip.mp4")
        );
    }

    #[test]
    fn escapes_are_refused() {
        let preopens = ["uploads"];
        for name in ["uploads/../etc/passwd", "../uploads/x", "uploads/a/../../x"] {
            assert!(
                locate(name, &preopens).unwrap_err().contains("`..`"),
                "{name}"
            );
        }
    }

    #[test]
    fn names_outside_every_preopen_are_refused_naming_the_preopens() {
        assert_eq!(
            locate("/etc/passwd", &["uploads"]).unwrap_err(),
            "no preopened directory holds host content \"/etc/passwd\" (preopened: uploads)"
        );
        // The directory itself is not content.
        assert!(locate("uploads", &["uploads"]).is_err());
        assert!(
            locate("uploads/x", &[])
                .unwrap_err()
                .ends_with("(preopened: none)")
        );
        assert!(locate("uploadsx/y", &["uploads"]).is_err());
    }
}
