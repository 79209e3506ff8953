//! The adapter as a component: the connector's `http` interface exported,
//! answered over `wasi:http` and `wasi:filesystem` (the `wasi` crate).

mod errors;
mod exchange;
mod files;
mod streams;

mod bindings {
    wit_bindgen::generate!({
        path: ["../../wit", "../wit"],
        world: "pinterest:standard/adapter",
    });
}

use bindings::exports::pinterest::connector::http::{Guest, HttpError, Request, Response};

/// The exported `pinterest:connector/http`.
struct Adapter;

impl Guest for Adapter {
    fn content_length(name: String) -> Result<u64, HttpError> {
        files::HostFile::open(&name).map(|file| file.size)
    }

    fn send(request: Request) -> Result<Response, HttpError> {
        exchange::send(request)
    }
}

bindings::export!(Adapter with_types_in bindings);
