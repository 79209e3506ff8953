//! The HTTP plumbing: `tiny_http` servers on `127.0.0.1` with a few worker
//! threads each (one for the API, one for uploads); for the API, the
//! environment prefix split off and a log of every answer.

use std::io::{self, Read as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::reply::{Incoming, Reply};
use super::routes;
use super::state::Shared;
use super::{Environment, Listener, RecordedRequest};

/// Worker threads answering requests, per listener.
const WORKERS: usize = 4;
/// Largest request body read (base64 images run large).
const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

/// The running server; dropping it stops the workers.
pub(crate) struct Running {
    server: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    address: SocketAddr,
}

impl Running {
    /// Binds `127.0.0.1:port` (0: any free port) and starts the workers,
    /// each handing requests to `handler`; `name` names their threads.
    pub fn start(
        shared: Arc<Shared>,
        port: u16,
        name: &str,
        handler: fn(&Shared, tiny_http::Request),
    ) -> io::Result<Self> {
        let server = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| io::Error::other(format!("starting the stand-in: {e}")))?;
        let address = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("the stand-in is not on an IP address"))?;
        let server = Arc::new(server);
        let stopping = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::with_capacity(WORKERS);
        for i in 0..WORKERS {
            let server = Arc::clone(&server);
            let stopping = Arc::clone(&stopping);
            let shared = Arc::clone(&shared);
            let worker = std::thread::Builder::new()
                .name(format!("pinterest-{name}-{i}"))
                .spawn(move || {
                    loop {
                        match server.recv() {
                            Ok(request) => handler(&shared, request),
                            Err(_) if stopping.load(Ordering::SeqCst) => break,
                            Err(_) => continue,
                        }
                    }
                })?;
            workers.push(worker);
        }
        Ok(Self {
            server,
            stopping,
            workers,
            address,
        })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            // A worker that panicked has nothing left to clean up.
            let _ = worker.join();
        }
    }
}

/// Reads one API request, routes it, records it and sends the reply.
pub(crate) fn answer(shared: &Shared, mut request: tiny_http::Request) {
    let method = request.method().as_str().to_ascii_uppercase();
    let target = request.url().to_owned();
    let (full_path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (target.clone(), None),
    };
    let (environment, path) = match full_path.strip_prefix("/sandbox") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            (Environment::Sandbox, rest.to_owned())
        }
        _ => (Environment::Production, full_path.clone()),
    };
    let headers = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body);
    let reply = if read.is_err() {
        Reply::invalid("Invalid request: the body could not be read.")
    } else if body.len() as u64 > MAX_BODY_BYTES {
        Reply::error(413, 1, "Invalid request: the body is too large.")
    } else {
        let incoming = Incoming {
            method: method.clone(),
            environment,
            path,
            query: query
                .as_deref()
                .map(|q| {
                    url::form_urlencoded::parse(q.as_bytes())
                        .into_owned()
                        .collect()
                })
                .unwrap_or_default(),
            headers,
            body,
        };
        routes::route(shared, &incoming)
    };
    let ad_account_id =
        url::form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
            .find(|(name, _)| name == "ad_account_id")
            .map(|(_, value)| value.into_owned());
    let at_millis = shared.clock.now_millis();
    shared.lock().requests.push(RecordedRequest {
        method,
        path: full_path,
        query,
        status: reply.status,
        ad_account_id,
        at_millis,
        listener: Listener::Api,
    });
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(tiny_http::StatusCode(reply.status));
    for (name, value) in &reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The client may have gone away; there is no one left to tell.
    let _ = request.respond(response);
}
