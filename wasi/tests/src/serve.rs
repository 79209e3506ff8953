//! A component exporting `wasi:http/incoming-handler` served over HTTP the
//! way `wasmtime serve` serves it: wasmtime's own WASI and wasi:http
//! (`wasmtime_wasi_http`), a fresh store per request, hyper in front.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hyper::server::conn::http1;
use tokio::net::TcpListener;
use wasmtime::component::{Linker, ResourceTable};
use wasmtime::{Config, Engine, Store};
use wasmtime_wasi::{FsPerms, WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::io::TokioIo;
use wasmtime_wasi_http::p2::bindings::ProxyPre;
use wasmtime_wasi_http::p2::bindings::http::types::Scheme;
use wasmtime_wasi_http::p2::body::HyperOutgoingBody;
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

/// A request's store: WASI with the service's environment, wasi:http.
struct RequestState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
}

impl WasiView for RequestState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for RequestState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: Default::default(),
        }
    }
}

struct Server {
    pre: ProxyPre<RequestState>,
    env: Vec<(String, String)>,
    preopens: Vec<(PathBuf, String)>,
}

/// A running server; dropping it stops it.
pub struct Served {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    _runtime: tokio::runtime::Runtime,
}

/// Serves the component at `path` on a free port of 127.0.0.1, with `env`
/// as its environment and `preopens` (host directory, guest name) as its
/// read-only directories.
pub fn serve(path: &Path, env: &[(&str, &str)], preopens: &[(&Path, &str)]) -> Served {
    let engine = Engine::new(&Config::new()).expect("an engine");
    let component = crate::compile(&engine, path);
    let mut linker = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker).expect("WASI");
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker).expect("wasi:http");
    let pre = ProxyPre::new(
        linker
            .instantiate_pre(&component)
            .expect("the service links"),
    )
    .expect("the service exports wasi:http/incoming-handler");
    let server = Arc::new(Server {
        pre,
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        preopens: preopens
            .iter()
            .map(|(host, guest)| (host.to_path_buf(), guest.to_string()))
            .collect(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))))
        .expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    runtime.spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let server = server.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let server = server.clone();
                    async move { server.handle(request).await }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(client), service)
                    .await;
            });
        }
    });
    Served {
        url,
        _runtime: runtime,
    }
}

impl Server {
    async fn handle(
        &self,
        request: hyper::Request<hyper::body::Incoming>,
    ) -> Result<hyper::Response<HyperOutgoingBody>, std::io::Error> {
        let failed = |e: wasmtime::Error| std::io::Error::other(format!("{e:?}"));
        let mut wasi = WasiCtx::builder();
        wasi.envs(&self.env);
        for (host, guest) in &self.preopens {
            wasi.preopened_dir(host, guest, FsPerms::ReadOnly)
                .map_err(failed)?;
        }
        let mut store = Store::new(
            self.pre.engine(),
            RequestState {
                wasi: wasi.build(),
                http: WasiHttpCtx::new(),
                table: ResourceTable::new(),
            },
        );
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let incoming = store
            .data_mut()
            .http()
            .new_incoming_request(Scheme::Http, request)
            .map_err(failed)?;
        let out = store
            .data_mut()
            .http()
            .new_response_outparam(sender)
            .map_err(failed)?;
        let pre = self.pre.clone();
        let task = tokio::task::spawn(async move {
            let proxy = pre.instantiate_async(&mut store).await?;
            proxy
                .wasi_http_incoming_handler()
                .call_handle(store, incoming, out)
                .await
        });
        match receiver.await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(code)) => Err(std::io::Error::other(format!("{code:?}"))),
            Err(_) => {
                let outcome = task.await.map_err(std::io::Error::other)?;
                Err(std::io::Error::other(format!(
                    "the service set no response: {outcome:?}"
                )))
            }
        }
    }
}
