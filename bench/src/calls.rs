//! Per-call rows: each operation with the `http` import answered in memory
//! (no network) — as `ConnectorHost` runs it (a fresh instance from the
//! `InstancePre` and one call), the same on an engine with wasmtime's
//! pooling allocator, on an instance kept across calls (for the shipped
//! component and for one built with cargo's default release profile, to
//! show what the release profile costs in speed), and natively through the same
//! core — with the ratio of each wasm figure to the native one.

use std::sync::Arc;
use std::time::Duration;

use pinterest_connector_host::{ConnectorHost, types};
use wasmtime::Engine;
use wasmtime::component::Component;

use crate::fixtures::{Answers, PAGE_SIZES};
use crate::inputs;
use crate::ops::{self, Op};
use crate::stats::{Sample, measure};
use crate::table::{Row, Value};

/// Time given to each measurement.
const BUDGET: Duration = Duration::from_millis(700);

/// The operations, in table order.
pub fn operations() -> Vec<Op> {
    let mut all = vec![Op::Authorize, Op::Exchange];
    all.extend(PAGE_SIZES.iter().map(|&n| Op::ListBoards(n)));
    all.push(Op::CreatePin);
    all
}

/// Calls a pooled engine serves at once in this bench (it makes them one at
/// a time).
pub const POOLED_CALLS: u32 = 8;

/// `op` called repeatedly on one instance of `host`: the component's code
/// speed alone.
pub fn live(host: &ConnectorHost, op: Op, config: &types::Config) -> Result<Sample, String> {
    host.call(|connector, store| {
        Ok(measure(BUDGET, || {
            ops::on_instance(connector, store, op, config).expect("the call succeeds");
        }))
    })
    .map_err(|e| format!("{e:?}"))
}

/// `op` through the core compiled natively, with canned answers.
pub fn native(op: Op, config: &pinterest_connector::Config, answers: &Answers) -> Sample {
    measure(BUDGET, || {
        ops::native(op, config, ops::canned_client(answers)).expect("the call succeeds");
    })
}

/// Measures every operation five ways.
pub fn rows(
    engine: &Engine,
    component: &Component,
    wasm: &[u8],
    default_profile_wasm: &[u8],
    answers: &Arc<Answers>,
) -> Result<Vec<Row>, String> {
    let fail = |e: wasmtime::Error| format!("{e:?}");
    let host = ConnectorHost::from_component(
        engine,
        component,
        ops::canned_transport(Arc::clone(answers)),
    )
    .map_err(fail)?;
    let speed_built = ConnectorHost::from_component(
        engine,
        &Component::new(engine, default_profile_wasm).map_err(fail)?,
        ops::canned_transport(Arc::clone(answers)),
    )
    .map_err(fail)?;
    let pooled_engine = pinterest_connector_host::pooled_engine(POOLED_CALLS).map_err(fail)?;
    let pooled = ConnectorHost::from_component(
        &pooled_engine,
        &Component::new(&pooled_engine, wasm).map_err(fail)?,
        ops::canned_transport(Arc::clone(answers)),
    )
    .map_err(fail)?;
    let wit_config = inputs::wit_config(None);
    let core_config = inputs::core_config(None);
    let mut rows = Vec::new();

    // A store with nothing called: what instantiation alone costs.
    let empty = Value::Time(measure(BUDGET, || {
        host.call(|_, _| Ok(())).expect("instantiates");
    }));
    rows.push(Row::new(
        "call",
        "instantiate from InstancePre, no call",
        empty,
    ));

    for op in operations() {
        ops::via_host(&host, op, None)?;
        ops::native(op, &core_config, ops::canned_client(answers))?;

        let fresh = Value::Time(measure(BUDGET, || {
            ops::via_host(&host, op, None).expect("the call succeeds");
        }));
        let fresh_pooled = Value::Time(measure(BUDGET, || {
            ops::via_host(&pooled, op, None).expect("the call succeeds");
        }));
        let reused = live(&host, op, &wit_config)?;
        let reused_speed_built = live(&speed_built, op, &wit_config)?;
        let native = Value::Time(native(op, &core_config, answers));
        let baseline = format!("{}, native", op.label());
        rows.push(
            Row::new(
                "call",
                format!("{}: wasm, instantiate + call", op.label()),
                fresh,
            )
            .against(&native, baseline.clone()),
        );
        rows.push(
            Row::new(
                "call",
                format!(
                    "{}: wasm, instantiate + call, pooling allocator",
                    op.label()
                ),
                fresh_pooled,
            )
            .against(&native, baseline.clone()),
        );
        rows.push(
            Row::new(
                "call",
                format!("{}: wasm, call on a live instance", op.label()),
                Value::Time(reused),
            )
            .against(&native, baseline.clone()),
        );
        rows.push(
            Row::new(
                "call",
                format!(
                    "{}: wasm built with cargo's default release profile, call on a live instance",
                    op.label()
                ),
                Value::Time(reused_speed_built),
            )
            .against(&native, baseline),
        );
        rows.push(Row::new(
            "call",
            format!("{}: native core (same crate, rlib)", op.label()),
            native,
        ));
    }
    Ok(rows)
}
