//! End-to-end rows: `list-boards` and `create-pin` against one loopback mock
//! through (a) our wasmtime host with the component (on a pooled engine, as
//! a server would run it), (b) a plain native
//! Rust client (the baseline), (c) Pinterest's Python SDK, (d) the Node
//! host when the checkout has one, and on one plain engine (e) the
//! custom-import component in our host against (f) the standard-WASI
//! artifact on wasmtime-wasi-http; and the loopback round trip alone, the
//! floor no client can beat.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pinterest_connector_host::{ConnectorHost, UreqTransport};

use crate::calls;
use crate::external::{External, WARMUP};
use crate::fixtures::{Answers, PAGE_SIZES};
use crate::mock::Mock;
use crate::native_client::NativeClient;
use crate::ops::{self, Op};
use crate::standard::StandardHost;
use crate::stats::{measure, plan};
use crate::table::{Row, Value};

/// Time given to each in-process measurement.
const BUDGET: Duration = Duration::from_millis(1500);
/// Time given to each out-of-process measurement (after its warm-up).
const EXTERNAL_BUDGET: Duration = Duration::from_millis(2500);

/// Everything the end-to-end step needs.
pub struct Setup<'a> {
    /// The shipped component.
    pub component: &'a Path,
    /// Where the host caches machine code.
    pub cache: &'a Path,
    /// Pinterest's Python SDK, if its virtualenv is there.
    pub python: Option<External>,
    /// The Node host, or why it is skipped.
    pub node: Result<External, String>,
    /// The standard-WASI artifact, if it was given.
    pub standard: Option<&'a Path>,
}

/// Runs every client against one mock.
pub fn rows(setup: Setup<'_>, answers: &Arc<Answers>) -> Result<Vec<Row>, String> {
    let mock = Mock::start(Arc::clone(answers)).map_err(|e| e.to_string())?;
    let base = mock.base_url().to_owned();
    let engine = pinterest_connector_host::pooled_engine(calls::POOLED_CALLS)
        .map_err(|e| format!("{e:?}"))?;
    let host = ConnectorHost::load_cached_on(
        &engine,
        setup.component,
        setup.cache,
        Arc::new(UreqTransport::default()),
    )
    .map_err(|e| format!("{e:?}"))?;
    let native = NativeClient::new(&base, crate::fixtures::ACCESS_TOKEN);
    // (e) and (f): one engine with our host's configuration, no pooling (a
    // composed component has two memories).
    let plain = ConnectorHost::new_engine().map_err(|e| format!("{e:?}"))?;
    let custom = ConnectorHost::load_cached_on(
        &plain,
        setup.component,
        setup.cache,
        Arc::new(UreqTransport::default()),
    )
    .map_err(|e| format!("{e:?}"))?;
    let standard = match setup.standard {
        Some(path) => StandardHost::load(&plain, path),
        None => Err("no --standard artifact given".to_owned()),
    };

    let mut rows = Vec::new();
    let floor = counted(&mock, 1, || native.ping().expect("ping"))?;
    let floor = Value::Time(floor);

    let mut ops: Vec<Op> = PAGE_SIZES.iter().map(|&n| Op::ListBoards(n)).collect();
    ops.push(Op::CreatePin);
    for op in ops {
        let baseline_value = Value::Time(counted(&mock, 1, || match op {
            Op::ListBoards(n) => {
                let page = native.list_boards(n).expect("native list-boards");
                assert_eq!(page.items.len(), n as usize);
            }
            _ => {
                native.create_pin().expect("native create-pin");
            }
        })?);
        let ours = Value::Time(counted(&mock, 1, || {
            ops::via_host(&host, op, Some(&base)).expect("host call");
        })?);
        let baseline = format!("{}, native client", op.label());
        rows.push(
            Row::new(
                "e2e",
                format!("{}: (a) our host + component (pooled engine)", op.label()),
                ours,
            )
            .against(&baseline_value, baseline.clone()),
        );
        rows.push(Row::new(
            "e2e",
            format!("{}: (b) native Rust client (ureq + serde)", op.label()),
            baseline_value.clone(),
        ));
        let estimate = match &baseline_value {
            Value::Time(s) => Duration::from_secs_f64(s.median * 30.0),
            _ => Duration::from_millis(1),
        };
        for (label, client) in [
            (
                "(c) Pinterest Python SDK 0.2.7",
                setup.python.as_ref().ok_or("no virtualenv"),
            ),
            (
                "(d) Node host (hosts/node)",
                setup.node.as_ref().map_err(String::as_str),
            ),
        ] {
            let what = format!("{}: {label}", op.label());
            let value = match client {
                Ok(client) => Value::Time(external(&mock, client, &base, op, estimate)?),
                Err(why) => Value::Skipped(why.to_owned()),
            };
            rows.push(Row::new("e2e", what, value).against(&baseline_value, baseline.clone()));
        }
        let custom_value = Value::Time(counted(&mock, 1, || {
            ops::via_host(&custom, op, Some(&base)).expect("host call");
        })?);
        let custom_label = format!("{}: (e) custom-import component, our host", op.label());
        let standard_value = match &standard {
            Ok(host) => Value::Time(counted(&mock, 1, || {
                host.run(op, &base).expect("standard-WASI call");
            })?),
            Err(why) => Value::Skipped(why.clone()),
        };
        rows.push(
            Row::new("e2e", custom_label.clone(), custom_value.clone())
                .against(&baseline_value, baseline.clone()),
        );
        rows.push(
            Row::new(
                "e2e",
                format!(
                    "{}: (f) standard-WASI artifact, wasmtime-wasi-http",
                    op.label()
                ),
                standard_value,
            )
            .against(&custom_value, custom_label),
        );
    }
    rows.push(Row::new(
        "e2e",
        "loopback HTTP round trip, empty body (ureq): the floor",
        floor,
    ));
    Ok(rows)
}

/// Measures `op`, checking that each run sent exactly `requests` requests.
fn counted(
    mock: &Mock,
    requests: u64,
    mut op: impl FnMut(),
) -> Result<crate::stats::Sample, String> {
    let runs = AtomicU64::new(0);
    let before = mock.requests();
    let sample = measure(BUDGET, || {
        op();
        runs.fetch_add(1, Ordering::Relaxed);
    });
    let sent = mock.requests() - before;
    let expected = runs.load(Ordering::Relaxed) * requests;
    if sent == expected {
        Ok(sample)
    } else {
        Err(format!("expected {expected} requests, the mock saw {sent}"))
    }
}

fn external(
    mock: &Mock,
    client: &External,
    base: &str,
    op: Op,
    estimate: Duration,
) -> Result<crate::stats::Sample, String> {
    let (operation, boards) = match op {
        Op::ListBoards(n) => ("list-boards", n),
        _ => ("create-pin", 0),
    };
    let (batches, per_batch) = plan(EXTERNAL_BUDGET, estimate);
    let before = mock.requests();
    let sample = client.run(base, operation, boards, (batches, per_batch))?;
    let sent = mock.requests() - before;
    let expected = WARMUP + batches as u64 * u64::from(per_batch);
    if sent != expected {
        return Err(format!(
            "the client sent {sent} requests for {expected} operations"
        ));
    }
    Ok(sample)
}
