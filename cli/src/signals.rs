//! Holding off Ctrl-C and termination signals while new tokens are in
//! flight. Pinterest rotates the refresh token: once a refresh request has
//! gone out, the old refresh token may already be dead, and the new one
//! exists only in the answer until it is on disk. A `SIGINT`, `SIGTERM` or
//! `SIGHUP` arriving in that window is remembered, and acted on (with the
//! handler it would have had) once the tokens are saved. The same holds
//! for a code exchange: the code is spent once sent.
//!
//! `SIGKILL` and power cuts cannot be held off; the token file's write is
//! atomic, so they leave the old file intact (see `docs/cli.md`).

/// While alive, the signals above are deferred; dropping it restores
/// their handlers and raises the first one that arrived, if any.
#[must_use = "signals are deferred only while the guard lives"]
pub struct Deferred {
    #[cfg(unix)]
    previous: Vec<(libc::c_int, libc::sigaction)>,
}

#[cfg(unix)]
mod imp {
    use std::sync::atomic::{AtomicI32, Ordering};

    use super::Deferred;

    /// The signals held off.
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// The first signal that arrived while deferred (0: none).
    static PENDING: AtomicI32 = AtomicI32::new(0);

    /// Said once when a signal is held off, so that the wait is explained.
    const NOTICE: &[u8] = b"\nSaving the new tokens before stopping, so that they are not lost.\n";

    extern "C" fn remember(signal: libc::c_int) {
        if PENDING
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            // SAFETY: write(2) is async-signal-safe; the buffer is static.
            unsafe {
                libc::write(libc::STDERR_FILENO, NOTICE.as_ptr().cast(), NOTICE.len());
            }
        }
    }

    /// Starts deferring the signals.
    pub fn defer() -> Deferred {
        PENDING.store(0, Ordering::SeqCst);
        let mut previous = Vec::with_capacity(SIGNALS.len());
        for signal in SIGNALS {
            // SAFETY: a zeroed sigaction is a valid starting point; the
            // handler only touches an atomic and calls write(2).
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = remember as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                action.sa_flags = libc::SA_RESTART;
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &action, &mut old) == 0 {
                    previous.push((signal, old));
                }
            }
        }
        Deferred { previous }
    }

    impl Drop for Deferred {
        fn drop(&mut self) {
            for (signal, old) in self.previous.drain(..) {
                // SAFETY: restores the action saved by `defer`.
                unsafe {
                    libc::sigaction(signal, &old, std::ptr::null_mut());
                }
            }
            let pending = PENDING.swap(0, Ordering::SeqCst);
            if pending != 0 {
                // SAFETY: raising a signal with its original handler back
                // in place: what would have happened without the deferral.
                unsafe {
                    libc::raise(pending);
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::Deferred;

    /// Nothing to defer on this platform.
    pub fn defer() -> Deferred {
        Deferred {}
    }
}

/// Defers `SIGINT`, `SIGTERM` and `SIGHUP` until the returned guard drops.
pub fn defer() -> Deferred {
    imp::defer()
}
