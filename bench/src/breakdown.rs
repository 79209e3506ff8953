//! Where a call's time goes, and what the build profile costs: the bench's
//! analysis modes (not part of the one-run table).
//!
//! - `bench breakdown COMPONENT.wasm`: per operation, the native core, the
//!   component's code on a live instance with fuel metering (as shipped),
//!   with epoch interruption instead, and with neither; and the per-call
//!   costs around it: a store with its WASI context, instantiation (plain
//!   and pooled), the call.
//! - `bench frontier NAME=COMPONENT.wasm ...`: for each build, its size,
//!   `Component::new` and the live-instance time of every operation against
//!   the native core (the size/speed frontier, one table from one run).
//! - `bench spin OP WHERE SECONDS [COMPONENT.wasm]`: runs one operation in a
//!   loop for a profiler (`perf record`); WHERE is `native`, `live`,
//!   `fresh` or `pooled` (fresh instances from the pooling allocator, as
//!   `pinterest_connector_host::pooled_engine` sets it up). With `BENCH_PERFMAP=1` wasmtime writes `/tmp/perf-PID.map`,
//!   so `perf report` names the component's functions.

use std::sync::Arc;
use std::time::{Duration, Instant};

use pinterest_connector_host::{ConnectorHost, PinterestConnector, State, add_to_linker, types};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

use crate::calls;
use crate::fixtures::Answers;
use crate::inputs;
use crate::ops::{self, Op};
use crate::stats::{Sample, measure};
use crate::table::{Row, Value, duration, render};

/// Time given to each measurement.
const BUDGET: Duration = Duration::from_millis(600);

/// How the engine bounds the component's compute.
#[derive(Clone, Copy, Debug)]
enum Bound {
    /// Fuel metering, as [`ConnectorHost::engine_config`] sets it.
    Fuel,
    /// Epoch interruption (a deadline far away; the check is the cost).
    Epoch,
    /// Nothing.
    Unbounded,
}

/// A store's data for a host built directly on the bindings.
struct Bare {
    wasi: WasiCtx,
    table: ResourceTable,
    http: pinterest_connector_host::ConnectorHttp,
}

impl WasiView for Bare {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// The component linked on an engine with `bound`, outside `ConnectorHost`
/// (which insists on fuel).
struct BareHost {
    engine: Engine,
    pre: pinterest_connector_host::PinterestConnectorPre<Bare>,
    bound: Bound,
    answers: Arc<Answers>,
}

impl BareHost {
    fn new(
        wasm: &[u8],
        bound: Bound,
        pooled: bool,
        answers: &Arc<Answers>,
    ) -> Result<Self, String> {
        let fail = |e: wasmtime::Error| format!("{e:?}");
        let mut config = wasmtime::Config::new();
        match bound {
            Bound::Fuel => {
                config.consume_fuel(true);
            }
            Bound::Epoch => {
                config.epoch_interruption(true);
            }
            Bound::Unbounded => {}
        }
        if pooled {
            let mut pool = wasmtime::PoolingAllocationConfig::default();
            pool.total_component_instances(8)
                .total_core_instances(32)
                .total_memories(8)
                .total_tables(32)
                .linear_memory_keep_resident(4 << 20)
                .table_keep_resident(4 << 20);
            config.allocation_strategy(wasmtime::InstanceAllocationStrategy::Pooling(pool));
        }
        let engine = Engine::new(&config).map_err(fail)?;
        let component = Component::new(&engine, wasm).map_err(fail)?;
        let mut linker = Linker::<Bare>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(fail)?;
        add_to_linker(&mut linker, |state: &mut Bare| &mut state.http).map_err(fail)?;
        let pre = pinterest_connector_host::PinterestConnectorPre::new(
            linker.instantiate_pre(&component).map_err(fail)?,
        )
        .map_err(fail)?;
        Ok(Self {
            engine,
            pre,
            bound,
            answers: Arc::clone(answers),
        })
    }

    fn store(&self) -> Store<Bare> {
        let http = pinterest_connector_host::ConnectorHttp::new(
            ops::canned_transport(Arc::clone(&self.answers)),
            pinterest_connector_host::HostLimits::default(),
        );
        let mut store = Store::new(
            &self.engine,
            Bare {
                wasi: WasiCtx::builder().build(),
                table: ResourceTable::new(),
                http,
            },
        );
        match self.bound {
            Bound::Fuel => store.set_fuel(u64::MAX).expect("fuel is on"),
            Bound::Epoch => store.set_epoch_deadline(u64::MAX / 2),
            Bound::Unbounded => {}
        }
        store
    }

    /// `op` repeatedly on one instance.
    fn live(&self, op: Op, config: &types::Config) -> Result<Sample, String> {
        let mut store = self.store();
        let instance = self
            .pre
            .instantiate(&mut store)
            .map_err(|e| format!("{e:?}"))?;
        Ok(measure(BUDGET, || {
            call(&instance, &mut store, op, config);
        }))
    }

    /// A fresh store and instance for each call of `op`.
    fn fresh(&self, op: Op, config: &types::Config) -> Sample {
        measure(BUDGET, || {
            let mut store = self.store();
            let instance = self.pre.instantiate(&mut store).expect("instantiates");
            call(&instance, &mut store, op, config);
        })
    }
}

fn call(instance: &PinterestConnector, store: &mut Store<Bare>, op: Op, config: &types::Config) {
    let c = instance.pinterest_connector_connector();
    let ok = match op {
        Op::Authorize => c
            .call_authorize(
                &mut *store,
                config,
                crate::fixtures::REDIRECT_URI,
                &[],
                Some(crate::fixtures::STATE),
            )
            .map(|r| r.is_ok()),
        Op::Exchange => c
            .call_exchange(
                &mut *store,
                config,
                crate::fixtures::CODE,
                crate::fixtures::REDIRECT_URI,
            )
            .map(|r| r.is_ok()),
        Op::ListBoards(n) => c
            .call_list_boards(
                &mut *store,
                config,
                crate::fixtures::ACCESS_TOKEN,
                &inputs::wit_query(n),
            )
            .map(|r| r.is_ok_and(|page| page.items.len() == n as usize)),
        Op::CreatePin => c
            .call_create_pin(
                &mut *store,
                config,
                crate::fixtures::ACCESS_TOKEN,
                &inputs::wit_pin(),
            )
            .map(|r| r.is_ok()),
    };
    assert!(matches!(ok, Ok(true)), "{} failed: {ok:?}", op.label());
}

/// `bench breakdown COMPONENT.wasm`.
pub fn breakdown(wasm_path: &str) -> Result<(), String> {
    let wasm = std::fs::read(wasm_path).map_err(|e| format!("{wasm_path}: {e}"))?;
    let answers = Arc::new(Answers::new());
    let config = inputs::wit_config(None);
    let core_config = inputs::core_config(None);
    let fuel = BareHost::new(&wasm, Bound::Fuel, false, &answers)?;
    let epoch = BareHost::new(&wasm, Bound::Epoch, false, &answers)?;
    let none = BareHost::new(&wasm, Bound::Unbounded, false, &answers)?;
    let fuel_pooled = BareHost::new(&wasm, Bound::Fuel, true, &answers)?;
    let epoch_pooled = BareHost::new(&wasm, Bound::Epoch, true, &answers)?;
    let engine = ConnectorHost::new_engine().map_err(|e| format!("{e:?}"))?;
    let component = Component::new(&engine, &wasm).map_err(|e| format!("{e:?}"))?;
    let host = ConnectorHost::from_component(
        &engine,
        &component,
        ops::canned_transport(Arc::clone(&answers)),
    )
    .map_err(|e| format!("{e:?}"))?;

    let mut rows = Vec::new();
    let t = |s: Sample| Value::Time(s);
    let wasi = t(measure(BUDGET, || {
        drop(WasiCtx::builder().build());
    }));
    rows.push(Row::new("store", "WasiCtx::builder().build()", wasi));
    let store = t(measure(BUDGET, || drop(fuel.store())));
    rows.push(Row::new(
        "store",
        "store with WASI, http and fuel (no instance)",
        store,
    ));
    for (label, h) in [
        ("fuel", &fuel),
        ("epoch", &epoch),
        ("fuel, pooled", &fuel_pooled),
        ("epoch, pooled", &epoch_pooled),
    ] {
        let s = t(measure(BUDGET, || {
            let mut store = h.store();
            h.pre.instantiate(&mut store).expect("instantiates");
        }));
        rows.push(Row::new(
            "store",
            format!("store + instantiate ({label})"),
            s,
        ));
    }
    let s = t(measure(BUDGET, || {
        host.call(|_, _| Ok(())).expect("instantiates");
    }));
    rows.push(Row::new(
        "store",
        "ConnectorHost::call, no call (fuel, limits)",
        s,
    ));
    let raw_instantiate = t(measure(BUDGET, || {
        let mut store = fuel.store();
        fuel.pre
            .instance_pre()
            .instantiate(&mut store)
            .expect("instantiates");
    }));
    rows.push(Row::new(
        "store",
        "store + InstancePre::instantiate (fuel; no export looked up)",
        raw_instantiate,
    ));
    let all_checked = t(measure(BUDGET, || {
        host.call(|c, s| {
            c.pinterest_connector_connector().call_authorize(
                s,
                &config,
                crate::fixtures::REDIRECT_URI,
                &[],
                Some(crate::fixtures::STATE),
            )
        })
        .expect("instantiates")
        .expect("authorizes");
    }));
    let one_checked = t(measure(BUDGET, || {
        ops::via_host(&host, Op::Authorize, None).expect("authorizes");
    }));
    rows.push(
        Row::new(
            "store",
            "authorize through ConnectorHost::call (every export type-checked)",
            all_checked,
        )
        .against(&one_checked, "ConnectorHost::authorize"),
    );
    rows.push(Row::new(
        "store",
        "ConnectorHost::authorize (its export alone type-checked)",
        one_checked,
    ));

    for n in crate::fixtures::PAGE_SIZES {
        let body = answers
            .answer("GET", &format!("/v5/boards?page_size={n}"))
            .body;
        let label = format!("list-boards ({n} boards)");
        let any = t(measure(BUDGET, || {
            serde_json::from_slice::<serde::de::IgnoredAny>(&body).expect("JSON");
        }));
        rows.push(Row::new(
            "parse",
            format!("{label}: serde_json, skip the body ({} B)", body.len()),
            any,
        ));
        let typed = t(measure(BUDGET, || {
            let page: crate::native_client::Page = serde_json::from_slice(&body).expect("JSON");
            assert_eq!(page.items.len(), n as usize);
        }));
        rows.push(Row::new(
            "parse",
            format!("{label}: serde_json into the native client's structs"),
            typed,
        ));
        let core_response = pinterest_connector::Response {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.clone(),
        };
        let core = t(measure(BUDGET, || {
            let page = pinterest_connector::internals::boards::parse_page(
                pinterest_connector::internals::Operation::ListBoards { secret: false },
                &core_response,
                &core_response.body,
            )
            .expect("a page");
            assert_eq!(page.items.len(), n as usize);
        }));
        rows.push(Row::new(
            "parse",
            format!("{label}: the core's reader (lenient fields, times to UTC)"),
            core,
        ));
    }
    for op in calls::operations() {
        let native = t(calls::native(op, &core_config, &answers));
        let baseline = format!("{}, native", op.label());
        for (label, h) in [
            ("live instance, fuel", &fuel),
            ("live instance, epoch", &epoch),
            ("live instance, no bound", &none),
        ] {
            rows.push(
                Row::new(
                    "code",
                    format!("{}: {label}", op.label()),
                    t(h.live(op, &config)?),
                )
                .against(&native, baseline.clone()),
            );
        }
        for (label, h) in [
            ("fresh instance, fuel, pooled", &fuel_pooled),
            ("fresh instance, epoch, pooled", &epoch_pooled),
        ] {
            rows.push(
                Row::new(
                    "code",
                    format!("{}: {label}", op.label()),
                    t(h.fresh(op, &config)),
                )
                .against(&native, baseline.clone()),
            );
        }
        rows.push(Row::new(
            "code",
            format!("{}: native core", op.label()),
            native,
        ));
    }
    print!("{}", render(&rows));
    Ok(())
}

/// `bench frontier NAME=COMPONENT.wasm ...`.
pub fn frontier(builds: &[String]) -> Result<(), String> {
    let answers = Arc::new(Answers::new());
    let config = inputs::wit_config(None);
    let core_config = inputs::core_config(None);
    let engine = ConnectorHost::new_engine().map_err(|e| format!("{e:?}"))?;
    let ops_list = calls::operations();
    let natives: Vec<f64> = ops_list
        .iter()
        .map(|&op| calls::native(op, &core_config, &answers).median)
        .collect();
    let mut out = String::from("| build | size | Component::new |");
    for op in &ops_list {
        out.push_str(&format!(" {} |", op.label()));
    }
    out.push_str("\n|---|---:|---:|");
    out.push_str(&"---:|".repeat(ops_list.len()));
    out.push('\n');
    for build in builds {
        let (name, path) = build
            .split_once('=')
            .ok_or_else(|| format!("{build}: give NAME=PATH"))?;
        eprintln!("frontier: {name}");
        let wasm = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let compile = crate::load::compile_time(&engine, &wasm)?;
        let component = Component::new(&engine, &wasm).map_err(|e| format!("{e:?}"))?;
        let host = ConnectorHost::from_component(
            &engine,
            &component,
            ops::canned_transport(Arc::clone(&answers)),
        )
        .map_err(|e| format!("{e:?}"))?;
        out.push_str(&format!(
            "| {name} | {} B | {} |",
            crate::table::thousands(wasm.len() as u64),
            duration(compile)
        ));
        for (op, native) in ops_list.iter().zip(&natives) {
            let live = calls::live(&host, *op, &config)?.median;
            out.push_str(&format!(" {} ({:.2}×) |", duration(live), live / native));
        }
        out.push('\n');
    }
    out.push_str("| native core (host profile) | | |");
    for native in &natives {
        out.push_str(&format!(" {} |", duration(*native)));
    }
    out.push('\n');
    print!("{out}");
    Ok(())
}

/// `bench spin OP WHERE SECONDS [COMPONENT.wasm]`.
pub fn spin(args: &[String]) -> Result<(), String> {
    let [op, place, seconds, rest @ ..] = args else {
        return Err(
            "usage: bench spin OP native|live|fresh|pooled SECONDS [COMPONENT.wasm]".into(),
        );
    };
    let op = match op.as_str() {
        "authorize" => Op::Authorize,
        "exchange" => Op::Exchange,
        "list-25" => Op::ListBoards(25),
        "list-250" => Op::ListBoards(250),
        "create-pin" => Op::CreatePin,
        other => return Err(format!("unknown operation {other}")),
    };
    let seconds: f64 = seconds.parse().map_err(|_| "SECONDS is a number")?;
    let mut until = Instant::now() + Duration::from_secs_f64(seconds);
    let answers = Arc::new(Answers::new());
    let config = inputs::wit_config(None);
    let mut runs = 0u64;
    if place == "native" {
        let core_config = inputs::core_config(None);
        while Instant::now() < until {
            ops::native(op, &core_config, ops::canned_client(&answers))?;
            runs += 1;
        }
    } else {
        let path = rest.first().ok_or("give the component")?;
        let wasm = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let mut engine_config = ConnectorHost::engine_config();
        if std::env::var_os("BENCH_PERFMAP").is_some() {
            engine_config.profiler(wasmtime::ProfilingStrategy::PerfMap);
        }
        if place == "pooled" {
            let mut pool = wasmtime::PoolingAllocationConfig::default();
            pool.total_component_instances(calls::POOLED_CALLS)
                .total_core_instances(4 * calls::POOLED_CALLS)
                .total_memories(calls::POOLED_CALLS)
                .total_tables(4 * calls::POOLED_CALLS)
                .linear_memory_keep_resident(keep_resident())
                .table_keep_resident(keep_resident());
            engine_config.allocation_strategy(wasmtime::InstanceAllocationStrategy::Pooling(pool));
        }
        let engine = Engine::new(&engine_config).map_err(|e| format!("{e:?}"))?;
        let component = Component::new(&engine, &wasm).map_err(|e| format!("{e:?}"))?;
        let host = ConnectorHost::from_component(
            &engine,
            &component,
            ops::canned_transport(Arc::clone(&answers)),
        )
        .map_err(|e| format!("{e:?}"))?;
        // The clock starts once the component is compiled.
        until = Instant::now() + Duration::from_secs_f64(seconds);
        if place == "live" {
            // A fresh store every tenth of a second, within its fuel budget.
            while Instant::now() < until {
                let chunk = (Instant::now() + Duration::from_millis(100)).min(until);
                host.call(|connector, store: &mut Store<State>| {
                    while Instant::now() < chunk {
                        ops::on_instance(connector, store, op, &config).expect("the call succeeds");
                        runs += 1;
                    }
                    Ok(())
                })
                .map_err(|e| format!("{e:?}"))?;
            }
        } else {
            while Instant::now() < until {
                ops::via_host(&host, op, None)?;
                runs += 1;
            }
        }
    }
    eprintln!("{runs} runs, {} each", duration(seconds / runs as f64));
    Ok(())
}

/// Bytes of memory the pool keeps mapped between instances for `spin
/// pooled`: `BENCH_KEEP_RESIDENT`, or what `pooled_engine` keeps (4 MiB).
fn keep_resident() -> usize {
    std::env::var("BENCH_KEEP_RESIDENT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4 << 20)
}
