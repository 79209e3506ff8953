//! Embedding the component the way a platform would: one engine, the
//! component compiled and linked once, a fresh store per call, every call
//! under the [`HostLimits`].

use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use wasmtime::component::types::ComponentItem;
use wasmtime::component::{
    Component, ComponentExportIndex, ComponentNamedList, Lift, Linker, Lower, ResourceTable,
};
use wasmtime::error::Context as _;
use wasmtime::{Engine, Result, Store};
use wasmtime_wasi::{HostWallClock, WasiCtx, WasiCtxView, WasiView};

use crate::bindings::{PinterestConnector, PinterestConnectorPre, types};
use crate::content::{HostContent, NoContent};
use crate::limits::{self, HostLimits, StoreBudget};
use crate::linker::{ConnectorHttp, add_to_linker};
use crate::transport::Transport;

/// Per-call state: WASI, the component's `http` import and the call's
/// memory budget.
pub struct State {
    wasi: WasiCtx,
    table: ResourceTable,
    http: ConnectorHttp,
    budget: StoreBudget,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// A wall clock stopped at a given unix time, for tests of token expiry.
struct FixedClock(Duration);

impl HostWallClock for FixedClock {
    fn resolution(&self) -> Duration {
        Duration::from_secs(1)
    }
    fn now(&self) -> Duration {
        self.0
    }
}

/// The loaded component, ready to run calls. Cheap to share across threads
/// (`Clone` shares the compiled code); each call runs in its own store, so
/// calls from many threads at once never see each other's data.
///
/// Every call runs under [`HostLimits`] (the defaults unless
/// [`ConnectorHost::with_limits`] says otherwise). A call that exceeds one
/// ends with an `Err` carrying [`LimitExceeded`](crate::LimitExceeded); a
/// trap (a panic in the component, a stack overflow) ends with an `Err`
/// too. Either way the host serves the next call normally.
#[derive(Clone)]
pub struct ConnectorHost {
    engine: Engine,
    pre: PinterestConnectorPre<State>,
    /// The component's `connector` interface, where the operations are.
    interface: ComponentExportIndex,
    transport: Arc<dyn Transport>,
    content: Arc<dyn HostContent>,
    fixed_time: Option<u64>,
    limits: HostLimits,
}

impl ConnectorHost {
    /// The engine configuration the host needs: fuel metering on, which
    /// bounds the component's compute ([`HostLimits::fuel_per_call`]).
    ///
    /// Fuel rather than epoch interruption: fuel counts only instructions
    /// the component executes, so waiting in the host's `send` (up to 100
    /// calls of up to 30 s in one `list-all-boards`) costs nothing without
    /// any bookkeeping of host time; the same call costs the same fuel on an
    /// idle or a saturated machine, so a legitimate call is never cut short
    /// because neighbouring tenants hog the CPU; and no ticker thread runs.
    /// The price is a counter check in the compiled code, which the
    /// connector — mostly waiting on HTTP — does not notice. Neither fuel
    /// nor epochs interrupt a call blocked inside the host: the HTTP time
    /// limits ([`HostLimits::max_http_timeout`], and
    /// [`HostLimits::max_upload_timeout`] for uploads) cover that.
    pub fn engine_config() -> wasmtime::Config {
        let mut config = wasmtime::Config::new();
        config.consume_fuel(true);
        config
    }

    /// A new engine with [`ConnectorHost::engine_config`].
    pub fn new_engine() -> Result<Engine> {
        Engine::new(&Self::engine_config())
    }

    /// Compiles the component at `path` and links it to `transport`.
    pub fn load(path: impl AsRef<Path>, transport: Arc<dyn Transport>) -> Result<Self> {
        let path = path.as_ref();
        let engine = Self::new_engine()?;
        let component = Component::from_file(&engine, path)
            .with_context(|| format!("loading the component {}", path.display()))?;
        Self::from_component(&engine, &component, transport)
    }

    /// Like [`ConnectorHost::load`], but keeps the compiled machine code in
    /// `cache_dir` and reuses it while the component and the engine stay the
    /// same: compiling takes a second or more, loading the cached code
    /// milliseconds.
    pub fn load_cached(
        path: impl AsRef<Path>,
        cache_dir: impl AsRef<Path>,
        transport: Arc<dyn Transport>,
    ) -> Result<Self> {
        Self::load_cached_on(&Self::new_engine()?, path, cache_dir, transport)
    }

    /// Like [`ConnectorHost::load_cached`], on a given engine built from
    /// [`ConnectorHost::engine_config`], e.g. one from
    /// [`crate::pooled_engine`].
    pub fn load_cached_on(
        engine: &Engine,
        path: impl AsRef<Path>,
        cache_dir: impl AsRef<Path>,
        transport: Arc<dyn Transport>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let wasm = std::fs::read(path)
            .with_context(|| format!("reading the component {}", path.display()))?;
        Self::from_bytes_cached_on(engine, &wasm, cache_dir, transport)
    }

    /// Like [`ConnectorHost::load_cached_on`], for a component already in
    /// memory (e.g. carried inside the program with `include_bytes!`).
    pub fn from_bytes_cached_on(
        engine: &Engine,
        wasm: &[u8],
        cache_dir: impl AsRef<Path>,
        transport: Arc<dyn Transport>,
    ) -> Result<Self> {
        let cached = Self::cached_code_path(engine, wasm, cache_dir.as_ref());
        let component = match std::fs::metadata(&cached) {
            // SAFETY: the file was written by `precompile_component` below for
            // this exact component and engine configuration (both are in its
            // name), and only this process family writes to the cache dir.
            Ok(_) => unsafe { Component::deserialize_file(engine, &cached)? },
            Err(_) => {
                let compiled = engine.precompile_component(wasm)?;
                std::fs::create_dir_all(cache_dir.as_ref())?;
                let temporary = cached.with_extension(format!("tmp{}", std::process::id()));
                std::fs::write(&temporary, &compiled)?;
                std::fs::rename(&temporary, &cached)?;
                // SAFETY: `compiled` was just produced by this engine.
                unsafe { Component::deserialize(engine, &compiled)? }
            }
        };
        Self::from_component(engine, &component, transport)
    }

    /// Where [`ConnectorHost::from_bytes_cached_on`] keeps the compiled
    /// code of `wasm` for `engine` in `cache_dir`: a program can tell from
    /// it whether loading will compile (a second or more) or not.
    pub fn cached_code_path(engine: &Engine, wasm: &[u8], cache_dir: &Path) -> PathBuf {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        wasm.hash(&mut hasher);
        engine.precompile_compatibility_hash().hash(&mut hasher);
        cache_dir.join(format!(
            "pinterest-connector-{:016x}.cwasm",
            hasher.finish()
        ))
    }

    /// Compiles a component already in memory and links it to `transport`.
    pub fn from_bytes(wasm: &[u8], transport: Arc<dyn Transport>) -> Result<Self> {
        let engine = Self::new_engine()?;
        let component = Component::new(&engine, wasm).context("compiling the component")?;
        Self::from_component(&engine, &component, transport)
    }

    /// Links an already compiled component to `transport`. The engine must
    /// meter fuel: build it with [`ConnectorHost::new_engine`] or from
    /// [`ConnectorHost::engine_config`].
    pub fn from_component(
        engine: &Engine,
        component: &Component,
        transport: Arc<dyn Transport>,
    ) -> Result<Self> {
        Store::new(engine, ()).set_fuel(0).context(
            "the engine does not meter fuel, which bounds the component's compute: build it with ConnectorHost::new_engine or from ConnectorHost::engine_config",
        )?;
        let mut linker = Linker::<State>::new(engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
        add_to_linker(&mut linker, |state: &mut State| &mut state.http)?;
        let pre = PinterestConnectorPre::new(linker.instantiate_pre(component)?)?;
        let interface = connector_interface(engine, component)?;
        Ok(Self {
            engine: engine.clone(),
            pre,
            interface,
            transport,
            content: Arc::new(NoContent),
            fixed_time: None,
            limits: HostLimits::default(),
        })
    }

    /// The same host running every call under `limits`. The HTTP limits are
    /// applied to whatever the transport returns; give
    /// `UreqTransport::with_limits` the
    /// same limits so that it also stops reading a body at the cap.
    pub fn with_limits(mut self, limits: HostLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> &HostLimits {
        &self.limits
    }

    /// The same host with the guest's wall clock stopped at `unix_seconds`.
    pub fn with_fixed_time(mut self, unix_seconds: u64) -> Self {
        self.fixed_time = Some(unix_seconds);
        self
    }

    /// The same host sending through another transport.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    /// The same host holding `content` for the component: what its
    /// `content-length` and `host-content` body parts may name (e.g.
    /// [`HostFiles`](crate::HostFiles)); nothing else is readable. Cheap
    /// (the compiled component is shared), so give each call its own:
    /// `host.clone().with_content(Arc::new(files))`. Without it, every name
    /// is refused.
    pub fn with_content(mut self, content: Arc<dyn HostContent>) -> Self {
        self.content = content;
        self
    }

    /// The engine the component was compiled with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Runs `call` on a fresh instance in a fresh store, with the memory
    /// and fuel of [`HostLimits`]. A call stopped by a limit fails with an
    /// error carrying [`LimitExceeded`](crate::LimitExceeded); a trap with
    /// an error carrying the [`wasmtime::Trap`].
    ///
    /// The [`PinterestConnector`] it hands over has every export looked up
    /// and type-checked; the operations of `ConnectorHost` below check only
    /// the one they call, which makes each call cheaper.
    pub fn call<R>(
        &self,
        call: impl FnOnce(&PinterestConnector, &mut Store<State>) -> Result<R>,
    ) -> Result<R> {
        let mut store = self.store()?;
        let result = self
            .pre
            .instantiate(&mut store)
            .and_then(|instance| call(&instance, &mut store));
        result.map_err(|error| limits::explain(error, &self.limits))
    }

    /// A store for one call: WASI (with the fixed clock, if any), the `http`
    /// import, and the call's memory and fuel budgets.
    fn store(&self) -> Result<Store<State>> {
        let mut wasi = WasiCtx::builder();
        if let Some(seconds) = self.fixed_time {
            wasi.wall_clock(FixedClock(Duration::from_secs(seconds)));
        }
        let state = State {
            wasi: wasi.build(),
            table: ResourceTable::new(),
            http: ConnectorHttp::new(Arc::clone(&self.transport), self.limits)
                .with_content(Arc::clone(&self.content)),
            budget: StoreBudget::new(&self.limits),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| &mut state.budget);
        store.set_fuel(self.limits.fuel_per_call)?;
        Ok(store)
    }

    /// Runs the export `name` of the `connector` interface with `params` on
    /// a fresh instance in a fresh store, as [`ConnectorHost::call`] does,
    /// type-checking that one export against `P` and `R` (instead of all
    /// of them, a quarter of a fresh call's time).
    fn run<P, R>(&self, name: &str, params: P) -> Result<R>
    where
        P: ComponentNamedList + Lower + Send + Sync,
        (R,): ComponentNamedList + Lift + Send + Sync + 'static,
    {
        let mut store = self.store()?;
        let result = self
            .pre
            .instance_pre()
            .instantiate(&mut store)
            .and_then(|instance| {
                let export = instance
                    .get_export_index(&mut store, Some(&self.interface), name)
                    .with_context(|| format!("the component exports no {name}"))?;
                let func = instance.get_typed_func::<P, (R,)>(&mut store, &export)?;
                Ok(func.call(&mut store, params)?.0)
            });
        result.map_err(|error| limits::explain(error, &self.limits))
    }

    /// `authorize`.
    pub fn authorize(
        &self,
        config: &types::Config,
        redirect_uri: &str,
        scopes: &[String],
        state: Option<&str>,
    ) -> Result<Result<types::Authorization, types::Error>> {
        self.run("authorize", (config, redirect_uri, scopes, state))
    }

    /// `exchange`.
    pub fn exchange(
        &self,
        config: &types::Config,
        code: &str,
        redirect_uri: &str,
    ) -> Result<Result<types::TokenSet, types::Error>> {
        self.run("exchange", (config, code, redirect_uri))
    }

    /// `refresh`.
    pub fn refresh(
        &self,
        config: &types::Config,
        refresh_token: &str,
        scopes: Option<&[String]>,
    ) -> Result<Result<types::TokenSet, types::Error>> {
        self.run("refresh", (config, refresh_token, scopes))
    }

    /// `token-status`.
    pub fn token_status(&self, tokens: &types::TokenSet) -> Result<types::TokenState> {
        self.run("token-status", (tokens,))
    }

    /// `get-user-account`.
    pub fn get_user_account(
        &self,
        config: &types::Config,
        access_token: &str,
    ) -> Result<Result<types::UserAccount, types::Error>> {
        self.run("get-user-account", (config, access_token))
    }

    /// `list-boards`.
    pub fn list_boards(
        &self,
        config: &types::Config,
        access_token: &str,
        query: &types::ListBoardsQuery,
    ) -> Result<Result<types::BoardPage, types::Error>> {
        self.run("list-boards", (config, access_token, query))
    }

    /// `list-all-boards`.
    pub fn list_all_boards(
        &self,
        config: &types::Config,
        access_token: &str,
        privacy: Option<types::BoardPrivacyFilter>,
        max_boards: Option<u32>,
    ) -> Result<Result<types::BoardPage, types::Error>> {
        self.run(
            "list-all-boards",
            (config, access_token, privacy, max_boards),
        )
    }

    /// `get-board`.
    pub fn get_board(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
    ) -> Result<Result<types::Board, types::Error>> {
        self.run("get-board", (config, access_token, board_id))
    }

    /// `api-request`.
    pub fn api_request(
        &self,
        config: &types::Config,
        access_token: &str,
        method: types::ApiMethod,
        path: &str,
        query: &[types::QueryParam],
        json_body: Option<&str>,
    ) -> Result<Result<types::ApiResponse, types::Error>> {
        self.run(
            "api-request",
            (config, access_token, method, path, query, json_body),
        )
    }

    /// `upload-video`: the video is the host content `video.content` names
    /// (see [`ConnectorHost::with_content`]).
    pub fn upload_video(
        &self,
        config: &types::Config,
        access_token: &str,
        video: &types::VideoUpload,
    ) -> Result<Result<types::Media, types::Error>> {
        self.run("upload-video", (config, access_token, video))
    }

    /// `get-media`.
    pub fn get_media(
        &self,
        config: &types::Config,
        access_token: &str,
        media_id: &str,
    ) -> Result<Result<types::Media, types::Error>> {
        self.run("get-media", (config, access_token, media_id))
    }

    /// `list-media`.
    pub fn list_media(
        &self,
        config: &types::Config,
        access_token: &str,
        query: &types::PageQuery,
    ) -> Result<Result<types::MediaPage, types::Error>> {
        self.run("list-media", (config, access_token, query))
    }

    /// `wait-for-media`: blocks the calling thread while it waits (up to
    /// `max_seconds`, at most 15 minutes), sleeping on WASI's monotonic
    /// clock between checks; run it where a blocked thread is fine.
    pub fn wait_for_media(
        &self,
        config: &types::Config,
        access_token: &str,
        media_id: &str,
        max_seconds: Option<u32>,
    ) -> Result<Result<types::Media, types::Error>> {
        self.run(
            "wait-for-media",
            (config, access_token, media_id, max_seconds),
        )
    }

    /// `describe`: the connector's manifest, a JSON document.
    pub fn describe(&self) -> Result<String> {
        self.run("describe", ())
    }

    /// `create-pin`.
    pub fn create_pin(
        &self,
        config: &types::Config,
        access_token: &str,
        pin: &types::PinInput,
    ) -> Result<Result<types::Pin, types::Error>> {
        self.run("create-pin", (config, access_token, pin))
    }

    /// `check-pin`: the checks `create-pin` makes before sending, with no
    /// request.
    pub fn check_pin(&self, pin: &types::PinInput) -> Result<Result<(), types::Error>> {
        self.call(|c, s| c.pinterest_connector_connector().call_check_pin(s, pin))
    }

    /// `create-board`.
    pub fn create_board(
        &self,
        config: &types::Config,
        access_token: &str,
        board: &types::BoardInput,
    ) -> Result<Result<types::Board, types::Error>> {
        self.run("create-board", (config, access_token, board))
    }

    /// `update-board`.
    pub fn update_board(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
        changes: &types::BoardChanges,
    ) -> Result<Result<types::Board, types::Error>> {
        self.run("update-board", (config, access_token, board_id, changes))
    }

    /// `delete-board`.
    pub fn delete_board(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
    ) -> Result<Result<(), types::Error>> {
        self.run("delete-board", (config, access_token, board_id))
    }

    /// `list-sections`.
    pub fn list_sections(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
        query: &types::PageQuery,
    ) -> Result<Result<types::SectionPage, types::Error>> {
        self.run("list-sections", (config, access_token, board_id, query))
    }

    /// `list-all-sections`.
    pub fn list_all_sections(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
        max_items: Option<u32>,
    ) -> Result<Result<types::SectionPage, types::Error>> {
        self.run(
            "list-all-sections",
            (config, access_token, board_id, max_items),
        )
    }

    /// `create-section`.
    pub fn create_section(
        &self,
        config: &types::Config,
        access_token: &str,
        board_id: &str,
        name: &str,
    ) -> Result<Result<types::Section, types::Error>> {
        self.run("create-section", (config, access_token, board_id, name))
    }

    /// `update-section`.
    pub fn update_section(
        &self,
        config: &types::Config,
        access_token: &str,
        section: &types::SectionRef,
        name: &str,
    ) -> Result<Result<types::Section, types::Error>> {
        self.run("update-section", (config, access_token, section, name))
    }

    /// `delete-section`.
    pub fn delete_section(
        &self,
        config: &types::Config,
        access_token: &str,
        section: &types::SectionRef,
    ) -> Result<Result<(), types::Error>> {
        self.run("delete-section", (config, access_token, section))
    }

    /// `get-pin`.
    pub fn get_pin(
        &self,
        config: &types::Config,
        access_token: &str,
        pin_id: &str,
    ) -> Result<Result<types::Pin, types::Error>> {
        self.run("get-pin", (config, access_token, pin_id))
    }

    /// `list-pins`.
    pub fn list_pins(
        &self,
        config: &types::Config,
        access_token: &str,
        source: &types::PinSource,
        query: &types::PageQuery,
    ) -> Result<Result<types::PinPage, types::Error>> {
        self.run("list-pins", (config, access_token, source, query))
    }

    /// `list-all-pins`.
    pub fn list_all_pins(
        &self,
        config: &types::Config,
        access_token: &str,
        source: &types::PinSource,
        max_items: Option<u32>,
    ) -> Result<Result<types::PinPage, types::Error>> {
        self.run("list-all-pins", (config, access_token, source, max_items))
    }

    /// `update-pin`.
    pub fn update_pin(
        &self,
        config: &types::Config,
        access_token: &str,
        pin_id: &str,
        changes: &types::PinChanges,
    ) -> Result<Result<types::Pin, types::Error>> {
        self.run("update-pin", (config, access_token, pin_id, changes))
    }

    /// `delete-pin`.
    pub fn delete_pin(
        &self,
        config: &types::Config,
        access_token: &str,
        pin_id: &str,
    ) -> Result<Result<(), types::Error>> {
        self.run("delete-pin", (config, access_token, pin_id))
    }

    /// `save-pin`.
    pub fn save_pin(
        &self,
        config: &types::Config,
        access_token: &str,
        pin_id: &str,
        board_id: &str,
        board_section_id: Option<&str>,
    ) -> Result<Result<types::Pin, types::Error>> {
        self.run(
            "save-pin",
            (config, access_token, pin_id, board_id, board_section_id),
        )
    }

    /// `find-duplicate-pins`.
    pub fn find_duplicate_pins(
        &self,
        config: &types::Config,
        access_token: &str,
        source: &types::PinSource,
        candidate: &types::DuplicateCandidate,
        max_scanned: Option<u32>,
    ) -> Result<Result<types::DuplicateReport, types::Error>> {
        self.call(|c, s| {
            c.pinterest_connector_connector().call_find_duplicate_pins(
                s,
                config,
                access_token,
                source,
                candidate,
                max_scanned,
            )
        })
    }

    /// `poll-new-pins`.
    pub fn poll_new_pins(
        &self,
        config: &types::Config,
        access_token: &str,
        source: &types::PinSource,
        cursor: Option<&str>,
        backlog: Option<u32>,
    ) -> Result<Result<types::NewPins, types::Error>> {
        self.call(|c, s| {
            c.pinterest_connector_connector().call_poll_new_pins(
                s,
                config,
                access_token,
                source,
                cursor,
                backlog,
            )
        })
    }
}

/// The export index of the component's `pinterest:connector/connector`
/// interface (at whatever version the component exports it).
fn connector_interface(engine: &Engine, component: &Component) -> Result<ComponentExportIndex> {
    let name = component
        .component_type()
        .exports(engine)
        .find_map(|(name, item)| {
            let interface = matches!(item.ty, ComponentItem::ComponentInstance(_))
                && name.split('@').next() == Some(CONNECTOR_INTERFACE);
            interface.then(|| name.to_owned())
        })
        .with_context(|| format!("the component exports no {CONNECTOR_INTERFACE} interface"))?;
    component
        .get_export_index(None, &name)
        .with_context(|| format!("the component exports no {name}"))
}

/// The interface of the component's operations, without its version.
const CONNECTOR_INTERFACE: &str = "pinterest:connector/connector";
