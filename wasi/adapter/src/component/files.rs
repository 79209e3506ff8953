//! Host content: files in the host's preopened directories, named by the
//! rule of [`crate::locate`], opened read-only without following symbolic
//! links, and read in chunks.

use wasi::filesystem::preopens;
use wasi::filesystem::types::{
    Descriptor, DescriptorFlags, DescriptorType, ErrorCode, OpenFlags, PathFlags,
};

use super::bindings::exports::pinterest::connector::http::HttpError;

/// How much of a file is read (and sent on) at a time.
pub const CHUNK: u64 = 64 * 1024;

/// An opened host-content file and its size.
pub struct HostFile {
    descriptor: Descriptor,
    /// The caller's name for it.
    pub name: String,
    /// Its size in bytes when it was opened.
    pub size: u64,
}

impl HostFile {
    /// Opens host content `name`: `denied` when no preopened directory
    /// holds it (or it is not a regular file), `transport` when it cannot
    /// be read.
    pub fn open(name: &str) -> Result<Self, HttpError> {
        let directories = preopens::get_directories();
        let guest_paths: Vec<&str> = directories.iter().map(|(_, path)| path.as_str()).collect();
        let located = crate::locate(name, &guest_paths).map_err(HttpError::Denied)?;
        let (directory, _) = &directories[located.preopen];
        let descriptor = directory
            .open_at(
                PathFlags::empty(),
                &located.path,
                OpenFlags::empty(),
                DescriptorFlags::READ,
            )
            .map_err(|code| refused(name, code))?;
        let stat = descriptor.stat().map_err(|code| unreadable(name, code))?;
        if stat.type_ != DescriptorType::RegularFile {
            return Err(HttpError::Denied(format!(
                "host content {name:?} is not a regular file"
            )));
        }
        Ok(Self {
            descriptor,
            name: name.to_owned(),
            size: stat.size,
        })
    }

    /// Up to [`CHUNK`] bytes from `offset`; empty at the end.
    pub fn read(&self, offset: u64) -> Result<Vec<u8>, HttpError> {
        let (bytes, _end) = self
            .descriptor
            .read(CHUNK, offset)
            .map_err(|code| unreadable(&self.name, code))?;
        Ok(bytes)
    }
}

/// Why `name` could not be opened: `denied` when the host does not give
/// it, `transport` when it failed trying.
fn refused(name: &str, code: ErrorCode) -> HttpError {
    match code {
        ErrorCode::NoEntry => HttpError::Denied(format!("no host content {name:?}: no such file")),
        ErrorCode::Access | ErrorCode::NotPermitted => {
            HttpError::Denied(format!("host content {name:?} may not be read"))
        }
        ErrorCode::Loop => HttpError::Denied(format!(
            "host content {name:?} is a symbolic link; links are not followed"
        )),
        ErrorCode::IsDirectory | ErrorCode::NotDirectory => {
            HttpError::Denied(format!("host content {name:?} is not a regular file"))
        }
        other => unreadable(name, other),
    }
}

fn unreadable(name: &str, code: ErrorCode) -> HttpError {
    HttpError::Transport(format!(
        "host content {name:?} cannot be read: {}",
        code.message()
    ))
}
