//! Waiting on wasi:io streams under one deadline.

use wasi::io::poll::{Pollable, poll};
use wasi::io::streams::{OutputStream, StreamError};

use super::bindings::exports::pinterest::connector::http::HttpError;

/// Why a write stopped.
pub enum WriteStop {
    /// The deadline passed.
    Timeout,
    /// The stream closed or failed: the host gave up on the body (the
    /// server answered, or the connection broke). The response, or the
    /// request's error, says more.
    Closed,
    /// The body's own source failed (host content that cannot be read).
    Failed(HttpError),
}

/// Waits until `ready` is ready, or `deadline` is: `timeout` if the
/// deadline comes first.
pub fn wait(ready: &Pollable, deadline: &Pollable) -> Result<(), HttpError> {
    let woken = poll(&[ready, deadline]);
    if woken.contains(&0) {
        Ok(())
    } else {
        Err(HttpError::Timeout)
    }
}

/// Writes all of `bytes` to `out`, as fast as it takes them.
pub fn write_all(
    out: &OutputStream,
    mut bytes: &[u8],
    deadline: &Pollable,
) -> Result<(), WriteStop> {
    while !bytes.is_empty() {
        let permitted = out.check_write().map_err(|_| WriteStop::Closed)?;
        if permitted == 0 {
            wait(&out.subscribe(), deadline).map_err(|_| WriteStop::Timeout)?;
            continue;
        }
        let n = bytes
            .len()
            .min(usize::try_from(permitted).unwrap_or(usize::MAX));
        out.write(&bytes[..n]).map_err(|_| WriteStop::Closed)?;
        bytes = &bytes[n..];
    }
    Ok(())
}

/// Flushes `out` and waits until the flush is done.
pub fn flush(out: &OutputStream, deadline: &Pollable) -> Result<(), WriteStop> {
    out.flush().map_err(|_| WriteStop::Closed)?;
    loop {
        match out.check_write() {
            Ok(0) => wait(&out.subscribe(), deadline).map_err(|_| WriteStop::Timeout)?,
            Ok(_) => return Ok(()),
            Err(StreamError::Closed | StreamError::LastOperationFailed(_)) => {
                return Err(WriteStop::Closed);
            }
        }
    }
}
